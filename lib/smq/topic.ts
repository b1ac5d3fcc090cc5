import * as ros from '@alicloud/ros-cdk-core';
import { claimLogicalId } from '../core/ids';
import { claimName, generatePhysicalNameFor, registerLiteralName } from '../core/names';
import { checkText } from '../core/text';
import { checkBoolean, checkRule, invalid, isUnresolved } from '../core/validation';
import { RosTopic } from '../ros/mns';
import { checkTags, EXISTING_TOPIC_NAME, tagList, TOPIC_NAME, TOPIC_RULES } from '../ros/mns-rules';
import { ChannelImportOptions, channelEnvironment, readChannelArn, stackLocation } from './channel';
import { ChannelAddress, ChannelKind, Identifiers } from './identifiers';
import { ITopic, TopicBase } from './topic-base';

/** Properties of a {@link Topic}. */
export interface TopicProps {
  /**
   * The topic name: 1 to 256 letters, digits and hyphens, starting with a letter. Unique per region and account.
   * Changing it replaces the topic.
   *
   * @default - generated from the stack name and the construct path
   */
  readonly topicName?: string;
  /** The largest message body that may be published, 1024 to 65536 bytes. @default 65536 */
  readonly maxMessageSizeBytes?: number;
  /** Whether SMQ log management is turned on for the topic. @default false */
  readonly loggingEnabled?: boolean;
  /** Tags for the topic, at most 20. @default - no tags */
  readonly tags?: { [key: string]: string };
}

/**
 * An SMQ topic (`ALIYUN::MNS::Topic`). Its resource gets this construct's id as its logical id.
 */
export class Topic extends TopicBase {
  /** Imports a topic by name. It lives in the stack's region and account unless `options` says otherwise. */
  public static fromTopicName(scope: ros.Construct, id: string, topicName: string, options: ChannelImportOptions = {}): ITopic {
    return new ImportedTopic(scope, id, topicName, options);
  }

  /**
   * Imports a topic by ARN: `acs:mns:{region}:{account}:/topics/{name}` (or without the slash before `topics`).
   * A token ARN is taken apart with `Fn::Split` at deploy time.
   */
  public static fromTopicArn(scope: ros.Construct, id: string, topicArn: string): ITopic {
    const { name, location } = readChannelArn(scope, id, ChannelKind.TOPIC, topicArn);
    return new ImportedTopic(scope, id, name, location);
  }

  /** The topic name (resolves to `Fn::GetAtt [<id>, TopicName]`, so users of it depend on the topic). */
  public readonly topicName: string;
  /** The topic ARN in RAM form: `acs:mns:{region}:{account}:/topics/{name}`. */
  public readonly topicArn: string;
  /** The topic URL (`Fn::GetAtt [<id>, TopicUrl]`), made on first use. */
  public get topicUrl(): string {
    return ros.Token.asString(this.rosTopic.attrTopicUrl);
  }
  /** The name, region, account and kind every identifier format is built from. */
  public readonly channelAddress: ChannelAddress;
  /** The `ALIYUN::MNS::Topic` resource. */
  public readonly rosTopic: RosTopic;

  constructor(scope: ros.Construct, id: string, props: TopicProps = {}) {
    // named before super(): ros.Resource makes a token (and records a stack trace) when it gets no physicalName
    const physicalName = props.topicName ?? generatePhysicalNameFor(scope, id, { maxLength: TOPIC_NAME.maxLength });
    super(scope, id, { physicalName });
    const location = stackLocation(this);
    checkText(this, 'topicName', props.topicName, TOPIC_NAME);
    checkRule(this, 'maxMessageSizeBytes', props.maxMessageSizeBytes, TOPIC_RULES.maximumMessageSize);
    checkBoolean(this, 'loggingEnabled', props.loggingEnabled);
    const tags = tagList(this, 'tags', props.tags);
    checkTags(this, 'tags', tags);
    if (!isUnresolved(physicalName)) {
      claimName(this, { kind: 'topic name', prop: 'topicName', name: physicalName, location });
    }
    this.rosTopic = new RosTopic(this, claimLogicalId(this, id), {
      topicName: physicalName,
      maximumMessageSize: props.maxMessageSizeBytes,
      loggingEnabled: props.loggingEnabled,
      tags,
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
    this.resource = this.rosTopic;
    this.topicName = ros.Token.asString(this.rosTopic.attrTopicName);
    registerLiteralName(this, this.topicName, physicalName);
    this.channelAddress = { kind: ChannelKind.TOPIC, name: this.topicName, ...location };
    this.topicArn = Identifiers.ramArn(this.channelAddress);
  }
}

/** A topic that exists outside this stack. Emits nothing; subscriptions and grants on it are created here. */
class ImportedTopic extends TopicBase {
  public readonly topicName: string;
  public readonly topicArn: string;
  public readonly topicUrl: string;
  public readonly channelAddress: ChannelAddress;

  constructor(scope: ros.Construct, id: string, topicName: string, options: ChannelImportOptions) {
    super(scope, id, { physicalName: topicName });
    if (topicName === undefined || topicName === '') {
      throw invalid(this, 'topicName', topicName, 'is required');
    }
    checkText(this, 'topicName', topicName, EXISTING_TOPIC_NAME);
    this.channelAddress = { kind: ChannelKind.TOPIC, name: topicName, ...channelEnvironment(this, options) };
    this.topicName = topicName;
    this.topicArn = Identifiers.ramArn(this.channelAddress);
    this.topicUrl = Identifiers.channelUrl(this.channelAddress);
  }
}
