/**
 * L1 classes for the ROS types `ALIYUN::MNS::Queue`, `ALIYUN::MNS::Topic` and `ALIYUN::MNS::Subscription`
 * (no `@alicloud/ros-cdk-mns` package is on the registry). Written from the ROS resource reference; they render
 * properties and check literal values against the documented constraints, nothing more.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { checkLength, checkMin, checkOneOf, checkRange } from '../core/validation';
import { checkQueueName, checkTags, checkTopicName, NOTIFY_CONTENT_FORMATS, NOTIFY_STRATEGIES, PUSH_TYPES, required } from './mns-rules';
import { renderKeys, renderTags } from './render';

/** One resource tag. */
export interface RosTagProperty {
  /** Tag key. */
  readonly key: string | ros.IResolvable;
  /** Tag value. @default - no value */
  readonly value?: string | ros.IResolvable;
}

const attributes = new WeakMap<ros.RosResource, Map<string, ros.IResolvable>>();

/**
 * `resource.getAtt(name)`, made on first use and then reused. `getAtt` makes a new token each time, and core records a
 * full stack trace for every token, so attributes nobody reads should cost nothing.
 */
function attribute(resource: ros.RosResource, name: string): ros.IResolvable {
  let byName = attributes.get(resource);
  if (byName === undefined) {
    byName = new Map();
    attributes.set(resource, byName);
  }
  let value = byName.get(name);
  if (value === undefined) {
    value = resource.getAtt(name);
    byName.set(name, value);
  }
  return value;
}

/** Properties of `ALIYUN::MNS::Queue`. */
export interface RosQueueProps {
  /** QueueName: 1 to 256 letters, digits and hyphens, starting with a letter or digit. */
  readonly queueName: string | ros.IResolvable;
  /** DelaySeconds: 0 to 604800. @default 0 */
  readonly delaySeconds?: number | ros.IResolvable;
  /** DlqPolicy: the dead-letter policy. @default - no dead-letter queue */
  readonly dlqPolicy?: RosQueue.DlqPolicyProperty | ros.IResolvable;
  /** LoggingEnabled. @default false */
  readonly loggingEnabled?: boolean | ros.IResolvable;
  /** MaximumMessageSize: 1024 to 65536 bytes. @default 65536 */
  readonly maximumMessageSize?: number | ros.IResolvable;
  /** MessageRetentionPeriod: 60 to 604800 seconds. @default 345600 */
  readonly messageRetentionPeriod?: number | ros.IResolvable;
  /** PollingWaitSeconds: 0 to 30. @default 0 */
  readonly pollingWaitSeconds?: number | ros.IResolvable;
  /** VisibilityTimeout: 1 to 43200 seconds. @default 30 */
  readonly visibilityTimeout?: number | ros.IResolvable;
  /** Tags: at most 20. @default - no tags */
  readonly tags?: RosTagProperty[];
}

/** The ROS resource `ALIYUN::MNS::Queue`. */
export class RosQueue extends ros.RosResource {
  /** The ROS resource type. */
  public static readonly ROS_RESOURCE_TYPE_NAME = 'ALIYUN::MNS::Queue';

  /** Attribute QueueName. */
  public get attrQueueName(): ros.IResolvable {
    return attribute(this, 'QueueName');
  }
  /** Attribute QueueUrl: `http://{account}.mns.{region}.aliyuncs.com/queues/{name}`. */
  public get attrQueueUrl(): ros.IResolvable {
    return attribute(this, 'QueueUrl');
  }
  /** Attribute ARN.WithSlash: `acs:mns:{region}:{account}:/queues/{name}`. */
  public get attrArnWithSlash(): ros.IResolvable {
    return attribute(this, 'ARN.WithSlash');
  }
  /** Attribute ARN: shown in an old ROS example but absent from the documented attribute list; prefer `attrArnWithSlash`. */
  public get attrArn(): ros.IResolvable {
    return attribute(this, 'ARN');
  }

  /** The properties this resource was created with. */
  public readonly props: RosQueueProps;

  constructor(scope: ros.Construct, id: string, props: RosQueueProps) {
    super(scope, id, { type: RosQueue.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.props = props;
    required(this, 'queueName', props.queueName);
    checkQueueName(this, 'queueName', props.queueName);
    checkRange(this, 'delaySeconds', props.delaySeconds as number, 0, 604800, 'seconds');
    checkRange(this, 'maximumMessageSize', props.maximumMessageSize as number, 1024, 65536, 'bytes');
    checkRange(this, 'messageRetentionPeriod', props.messageRetentionPeriod as number, 60, 604800, 'seconds');
    checkRange(this, 'pollingWaitSeconds', props.pollingWaitSeconds as number, 0, 30, 'seconds');
    checkRange(this, 'visibilityTimeout', props.visibilityTimeout as number, 1, 43200, 'seconds');
    const dlq = props.dlqPolicy as RosQueue.DlqPolicyProperty | undefined;
    if (dlq !== undefined && !ros.Token.isUnresolved(dlq)) {
      required(this, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
      required(this, 'dlqPolicy.enabled', dlq.enabled);
      required(this, 'dlqPolicy.maxReceiveCount', dlq.maxReceiveCount);
      checkQueueName(this, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
      checkMin(this, 'dlqPolicy.maxReceiveCount', dlq.maxReceiveCount as number, 1);
    }
    checkTags(this, 'tags', props.tags);
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    const out = renderKeys(props, {
      queueName: 'QueueName',
      delaySeconds: 'DelaySeconds',
      dlqPolicy: 'DlqPolicy',
      loggingEnabled: 'LoggingEnabled',
      maximumMessageSize: 'MaximumMessageSize',
      messageRetentionPeriod: 'MessageRetentionPeriod',
      pollingWaitSeconds: 'PollingWaitSeconds',
      visibilityTimeout: 'VisibilityTimeout',
      tags: 'Tags',
    })!;
    if (out.DlqPolicy !== undefined) {
      out.DlqPolicy = renderKeys(out.DlqPolicy, { deadLetterTargetQueue: 'DeadLetterTargetQueue', enabled: 'Enabled', maxReceiveCount: 'MaxReceiveCount' });
    }
    if (out.Tags !== undefined) {
      out.Tags = renderTags(out.Tags);
    }
    return out;
  }
}

/** Types nested in `RosQueue`'s properties. */
export namespace RosQueue {
  /** The `DlqPolicy` of a queue: all three fields are required when it is given. */
  export interface DlqPolicyProperty {
    /** DeadLetterTargetQueue: the NAME of the dead-letter queue. */
    readonly deadLetterTargetQueue: string | ros.IResolvable;
    /** Enabled. */
    readonly enabled: boolean | ros.IResolvable;
    /** MaxReceiveCount: how many receives move a message to the dead-letter queue (at least 1). */
    readonly maxReceiveCount: number | ros.IResolvable;
  }
}

/** Properties of `ALIYUN::MNS::Topic`. */
export interface RosTopicProps {
  /** TopicName: 1 to 256 letters, digits and hyphens, starting with a letter. */
  readonly topicName: string | ros.IResolvable;
  /** LoggingEnabled. @default false */
  readonly loggingEnabled?: boolean | ros.IResolvable;
  /** MaximumMessageSize: 1024 to 65536 bytes. @default 65536 */
  readonly maximumMessageSize?: number | ros.IResolvable;
  /** Tags: at most 20. @default - no tags */
  readonly tags?: RosTagProperty[];
}

/** The ROS resource `ALIYUN::MNS::Topic`. */
export class RosTopic extends ros.RosResource {
  /** The ROS resource type. */
  public static readonly ROS_RESOURCE_TYPE_NAME = 'ALIYUN::MNS::Topic';

  /** Attribute TopicName. */
  public get attrTopicName(): ros.IResolvable {
    return attribute(this, 'TopicName');
  }
  /** Attribute TopicUrl: `http://{account}.mns.{region}.aliyuncs.com/topics/{name}`. */
  public get attrTopicUrl(): ros.IResolvable {
    return attribute(this, 'TopicUrl');
  }
  /** Attribute ARN.WithSlash: `acs:mns:{region}:{account}:/topics/{name}`. */
  public get attrArnWithSlash(): ros.IResolvable {
    return attribute(this, 'ARN.WithSlash');
  }

  /** The properties this resource was created with. */
  public readonly props: RosTopicProps;

  constructor(scope: ros.Construct, id: string, props: RosTopicProps) {
    super(scope, id, { type: RosTopic.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.props = props;
    required(this, 'topicName', props.topicName);
    checkTopicName(this, 'topicName', props.topicName);
    checkRange(this, 'maximumMessageSize', props.maximumMessageSize as number, 1024, 65536, 'bytes');
    checkTags(this, 'tags', props.tags);
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    const out = renderKeys(props, {
      topicName: 'TopicName',
      loggingEnabled: 'LoggingEnabled',
      maximumMessageSize: 'MaximumMessageSize',
      tags: 'Tags',
    })!;
    if (out.Tags !== undefined) {
      out.Tags = renderTags(out.Tags);
    }
    return out;
  }
}

/** Properties of `ALIYUN::MNS::Subscription`. */
export interface RosSubscriptionProps {
  /** TopicName: the topic subscribed to. */
  readonly topicName: string | ros.IResolvable;
  /** SubscriptionName: 1 to 256 letters, digits and hyphens, starting with a letter. */
  readonly subscriptionName: string | ros.IResolvable;
  /**
   * Endpoint: `http(s)://...`, `acs:mns:{region}:{account}:queues/{name}`, `mail:directmail:{address}`,
   * `sms:directsms:anonymous` or `sms:directsms:{phone}`.
   */
  readonly endpoint: string | ros.IResolvable;
  /** FilterTag: at most 16 characters. @default - every message is pushed */
  readonly filterTag?: string | ros.IResolvable;
  /** NotifyStrategy: BACKOFF_RETRY or EXPONENTIAL_DECAY_RETRY. @default BACKOFF_RETRY */
  readonly notifyStrategy?: string | ros.IResolvable;
  /** NotifyContentFormat: XML, JSON or SIMPLIFIED. @default XML */
  readonly notifyContentFormat?: string | ros.IResolvable;
  /** DlqPolicy: where messages that could not be pushed go. @default - none */
  readonly dlqPolicy?: RosSubscription.DlqPolicyProperty | ros.IResolvable;
  /** PushType: http, queue, mpush, email or alisms. @default - taken from the endpoint */
  readonly pushType?: string | ros.IResolvable;
}

/** The ROS resource `ALIYUN::MNS::Subscription`. */
export class RosSubscription extends ros.RosResource {
  /** The ROS resource type. */
  public static readonly ROS_RESOURCE_TYPE_NAME = 'ALIYUN::MNS::Subscription';

  /** Attribute SubscriptionName. */
  public get attrSubscriptionName(): ros.IResolvable {
    return attribute(this, 'SubscriptionName');
  }
  /** Attribute SubscriptionUrl. */
  public get attrSubscriptionUrl(): ros.IResolvable {
    return attribute(this, 'SubscriptionUrl');
  }
  /** Attribute TopicName. */
  public get attrTopicName(): ros.IResolvable {
    return attribute(this, 'TopicName');
  }

  /** The properties this resource was created with. */
  public readonly props: RosSubscriptionProps;

  constructor(scope: ros.Construct, id: string, props: RosSubscriptionProps) {
    super(scope, id, { type: RosSubscription.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.props = props;
    required(this, 'topicName', props.topicName);
    required(this, 'subscriptionName', props.subscriptionName);
    required(this, 'endpoint', props.endpoint);
    checkTopicName(this, 'topicName', props.topicName);
    checkTopicName(this, 'subscriptionName', props.subscriptionName);
    checkLength(this, 'filterTag', props.filterTag as string, 1, 16);
    checkOneOf(this, 'notifyStrategy', props.notifyStrategy as string, NOTIFY_STRATEGIES);
    checkOneOf(this, 'notifyContentFormat', props.notifyContentFormat as string, NOTIFY_CONTENT_FORMATS);
    checkOneOf(this, 'pushType', props.pushType as string, PUSH_TYPES);
    const dlq = props.dlqPolicy as RosSubscription.DlqPolicyProperty | undefined;
    if (dlq !== undefined && !ros.Token.isUnresolved(dlq)) {
      required(this, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
      required(this, 'dlqPolicy.enabled', dlq.enabled);
      checkQueueName(this, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
    }
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    const out = renderKeys(props, {
      topicName: 'TopicName',
      subscriptionName: 'SubscriptionName',
      endpoint: 'Endpoint',
      filterTag: 'FilterTag',
      notifyStrategy: 'NotifyStrategy',
      notifyContentFormat: 'NotifyContentFormat',
      dlqPolicy: 'DlqPolicy',
      pushType: 'PushType',
    })!;
    if (out.DlqPolicy !== undefined) {
      out.DlqPolicy = renderKeys(out.DlqPolicy, { deadLetterTargetQueue: 'DeadLetterTargetQueue', enabled: 'Enabled' });
    }
    return out;
  }
}

/** Types nested in `RosSubscription`'s properties. */
export namespace RosSubscription {
  /** The `DlqPolicy` of a subscription: both fields are required when it is given. */
  export interface DlqPolicyProperty {
    /** DeadLetterTargetQueue: the NAME of the dead-letter queue. */
    readonly deadLetterTargetQueue: string | ros.IResolvable;
    /** Enabled. */
    readonly enabled: boolean | ros.IResolvable;
  }
}
