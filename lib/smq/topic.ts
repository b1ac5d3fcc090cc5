import * as ros from '@alicloud/ros-cdk-core';
import { claimLogicalId } from '../core/ids';
import { claimPhysicalName, generatePhysicalNameFor } from '../core/names';
import { checkCount, checkRange } from '../core/validation';
import { RosTopic } from '../ros/mns';
import { checkTopicName, MAX_NAME_LENGTH } from '../ros/mns-rules';
import { ChannelImportOptions, channelEnvironment, readChannelArn } from './channel';
import { ChannelAddress, ChannelKind, channelUrl, ramArn } from './formats';
import { ITopic, TopicBase } from './topic-base';

/** Properties of a {@link Topic}. */
export interface TopicProps {
  /**
   * The topic name: 1 to 256 letters, digits and hyphens, starting with a letter. Changing it replaces the topic.
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
    const physicalName = props.topicName ?? generatePhysicalNameFor(scope, id, { maxLength: MAX_NAME_LENGTH });
    super(scope, id, { physicalName });
    checkTopicName(this, 'topicName', props.topicName);
    checkRange(this, 'maxMessageSizeBytes', props.maxMessageSizeBytes, 1024, 65536, 'bytes');
    const tags = props.tags === undefined ? undefined : Object.entries(props.tags).map(([key, value]) => ({ key, value }));
    checkCount(this, 'tags', tags, 20);
    claimPhysicalName(this, 'topic', 'topicName', physicalName);
    this.rosTopic = new RosTopic(this, claimLogicalId(this, id), {
      topicName: physicalName,
      maximumMessageSize: props.maxMessageSizeBytes,
      loggingEnabled: props.loggingEnabled,
      tags,
    });
    this.resource = this.rosTopic;
    this.topicName = ros.Token.asString(this.rosTopic.attrTopicName);
    this.channelAddress = { kind: ChannelKind.TOPIC, name: this.topicName, ...channelEnvironment(this) };
    this.topicArn = ramArn(this.channelAddress);
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
    checkTopicName(this, 'topicName', topicName);
    this.channelAddress = { kind: ChannelKind.TOPIC, name: topicName, ...channelEnvironment(this, options) };
    this.topicName = topicName;
    this.topicArn = ramArn(this.channelAddress);
    this.topicUrl = channelUrl(this.channelAddress);
  }
}
