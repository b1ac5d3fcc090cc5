/**
 * L1 classes for the ROS types `ALIYUN::MNS::Queue`, `ALIYUN::MNS::Topic` and `ALIYUN::MNS::Subscription` (no
 * `@alicloud/ros-cdk-mns` package is on the registry), in the shape of generated ROS CDK L1s: mutable props, the
 * `enableResourcePropertyConstraint` constructor argument and `ROS_RESOURCE_TYPE_NAME`, so that a future upstream
 * package is a change of import. They render properties and check literal values against the documented constraints
 * (see `mns-rules.ts`), nothing more.
 *
 * References: https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-queue ,
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-topic ,
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-subscription
 */
import * as ros from '@alicloud/ros-cdk-core';
import { checkPropsTree, validateEventNotificationProps, validateQueueProps, validateSubscriptionProps, validateTopicProps } from './mns-rules';
import { Attributes, renderKeys, renderTags, ValidatedProps } from './render';
import { requireProps } from '../core/validation';

/** One resource tag. */
export interface RosTagProperty {
  /** Tag key: 1 to 128 characters. */
  readonly key: string | ros.IResolvable;
  /** Tag value: up to 128 characters. @default - no value */
  readonly value?: string | ros.IResolvable;
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

  /** Whether literal property values are checked against the documented constraints (the stack's setting). */
  public enableResourcePropertyConstraint: boolean;
  private readonly attributes = new Attributes(this);
  private readonly validated: ValidatedProps;

  /** Attribute QueueName. */
  public get attrQueueName(): ros.IResolvable {
    return this.attributes.get('QueueName');
  }
  /** Attribute QueueUrl: `http://{account}.mns.{region}.aliyuncs.com/queues/{name}`. */
  public get attrQueueUrl(): ros.IResolvable {
    return this.attributes.get('QueueUrl');
  }
  /** Attribute ARN.WithSlash: `acs:mns:{region}:{account}:/queues/{name}`. */
  public get attrArnWithSlash(): ros.IResolvable {
    return this.attributes.get('ARN.WithSlash');
  }
  /** Attribute ARN: shown in Alibaba's samples but absent from the documented attribute list; prefer `attrArnWithSlash`. */
  public get attrArn(): ros.IResolvable {
    return this.attributes.get('ARN');
  }

  /** QueueName. */
  public queueName: string | ros.IResolvable;
  /** DelaySeconds. */
  public delaySeconds: number | ros.IResolvable | undefined;
  /** DlqPolicy. */
  public dlqPolicy: RosQueue.DlqPolicyProperty | ros.IResolvable | undefined;
  /** LoggingEnabled. */
  public loggingEnabled: boolean | ros.IResolvable | undefined;
  /** MaximumMessageSize. */
  public maximumMessageSize: number | ros.IResolvable | undefined;
  /** MessageRetentionPeriod. */
  public messageRetentionPeriod: number | ros.IResolvable | undefined;
  /** PollingWaitSeconds. */
  public pollingWaitSeconds: number | ros.IResolvable | undefined;
  /** VisibilityTimeout. */
  public visibilityTimeout: number | ros.IResolvable | undefined;
  /** Tags. */
  public tags: RosTagProperty[] | undefined;

  /**
   * @param scope scope in which this resource is defined
   * @param id scoped id of the resource (its logical id)
   * @param props resource properties
   * @param enableResourcePropertyConstraint check literal values against the documented constraints
   */
  constructor(scope: ros.Construct, id: string, props: RosQueueProps, enableResourcePropertyConstraint: boolean) {
    super(scope, id, { type: RosQueue.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.enableResourcePropertyConstraint = enableResourcePropertyConstraint;
    this.queueName = props.queueName;
    this.delaySeconds = props.delaySeconds;
    this.dlqPolicy = props.dlqPolicy;
    this.loggingEnabled = props.loggingEnabled;
    this.maximumMessageSize = props.maximumMessageSize;
    this.messageRetentionPeriod = props.messageRetentionPeriod;
    this.pollingWaitSeconds = props.pollingWaitSeconds;
    this.visibilityTimeout = props.visibilityTimeout;
    this.tags = props.tags;
    this.validated = new ValidatedProps(this, this.rosProperties, validateQueueProps);
  }

  protected override get rosProperties(): { [key: string]: any } {
    return {
      queueName: this.queueName,
      delaySeconds: this.delaySeconds,
      dlqPolicy: this.dlqPolicy,
      loggingEnabled: this.loggingEnabled,
      maximumMessageSize: this.maximumMessageSize,
      messageRetentionPeriod: this.messageRetentionPeriod,
      pollingWaitSeconds: this.pollingWaitSeconds,
      visibilityTimeout: this.visibilityTimeout,
      tags: this.tags,
    };
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    this.validated.recheck(this.rosProperties);
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
    /** MaxReceiveCount: how many receives move a message to the dead-letter queue, 1 to 1000 (the upper bound is ours). */
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

  /** Whether literal property values are checked against the documented constraints (the stack's setting). */
  public enableResourcePropertyConstraint: boolean;
  private readonly attributes = new Attributes(this);
  private readonly validated: ValidatedProps;

  /** Attribute TopicName. */
  public get attrTopicName(): ros.IResolvable {
    return this.attributes.get('TopicName');
  }
  /** Attribute TopicUrl: `http://{account}.mns.{region}.aliyuncs.com/topics/{name}`. */
  public get attrTopicUrl(): ros.IResolvable {
    return this.attributes.get('TopicUrl');
  }
  /** Attribute ARN.WithSlash: `acs:mns:{region}:{account}:/topics/{name}`. */
  public get attrArnWithSlash(): ros.IResolvable {
    return this.attributes.get('ARN.WithSlash');
  }
  /**
   * Attribute ARN: read by Alibaba's own sample `resources/mns/subscription.yml` (aliyun/ros-templates) but absent from
   * the documented attribute list; prefer `attrArnWithSlash`.
   */
  public get attrArn(): ros.IResolvable {
    return this.attributes.get('ARN');
  }

  /** TopicName. */
  public topicName: string | ros.IResolvable;
  /** LoggingEnabled. */
  public loggingEnabled: boolean | ros.IResolvable | undefined;
  /** MaximumMessageSize. */
  public maximumMessageSize: number | ros.IResolvable | undefined;
  /** Tags. */
  public tags: RosTagProperty[] | undefined;

  /**
   * @param scope scope in which this resource is defined
   * @param id scoped id of the resource (its logical id)
   * @param props resource properties
   * @param enableResourcePropertyConstraint check literal values against the documented constraints
   */
  constructor(scope: ros.Construct, id: string, props: RosTopicProps, enableResourcePropertyConstraint: boolean) {
    super(scope, id, { type: RosTopic.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.enableResourcePropertyConstraint = enableResourcePropertyConstraint;
    this.topicName = props.topicName;
    this.loggingEnabled = props.loggingEnabled;
    this.maximumMessageSize = props.maximumMessageSize;
    this.tags = props.tags;
    this.validated = new ValidatedProps(this, this.rosProperties, validateTopicProps);
  }

  protected override get rosProperties(): { [key: string]: any } {
    return {
      topicName: this.topicName,
      loggingEnabled: this.loggingEnabled,
      maximumMessageSize: this.maximumMessageSize,
      tags: this.tags,
    };
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    this.validated.recheck(this.rosProperties);
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

  /** Whether literal property values are checked against the documented constraints (the stack's setting). */
  public enableResourcePropertyConstraint: boolean;
  private readonly attributes = new Attributes(this);
  private readonly validated: ValidatedProps;

  /** Attribute SubscriptionName. */
  public get attrSubscriptionName(): ros.IResolvable {
    return this.attributes.get('SubscriptionName');
  }
  /** Attribute SubscriptionUrl. */
  public get attrSubscriptionUrl(): ros.IResolvable {
    return this.attributes.get('SubscriptionUrl');
  }
  /** Attribute TopicName. */
  public get attrTopicName(): ros.IResolvable {
    return this.attributes.get('TopicName');
  }

  /** TopicName. */
  public topicName: string | ros.IResolvable;
  /** SubscriptionName. */
  public subscriptionName: string | ros.IResolvable;
  /** Endpoint. */
  public endpoint: string | ros.IResolvable;
  /** FilterTag. */
  public filterTag: string | ros.IResolvable | undefined;
  /** NotifyStrategy. */
  public notifyStrategy: string | ros.IResolvable | undefined;
  /** NotifyContentFormat. */
  public notifyContentFormat: string | ros.IResolvable | undefined;
  /** DlqPolicy. */
  public dlqPolicy: RosSubscription.DlqPolicyProperty | ros.IResolvable | undefined;
  /** PushType. */
  public pushType: string | ros.IResolvable | undefined;

  /**
   * @param scope scope in which this resource is defined
   * @param id scoped id of the resource (its logical id)
   * @param props resource properties
   * @param enableResourcePropertyConstraint check literal values against the documented constraints
   */
  constructor(scope: ros.Construct, id: string, props: RosSubscriptionProps, enableResourcePropertyConstraint: boolean) {
    super(scope, id, { type: RosSubscription.ROS_RESOURCE_TYPE_NAME, properties: props });
    this.enableResourcePropertyConstraint = enableResourcePropertyConstraint;
    this.topicName = props.topicName;
    this.subscriptionName = props.subscriptionName;
    this.endpoint = props.endpoint;
    this.filterTag = props.filterTag;
    this.notifyStrategy = props.notifyStrategy;
    this.notifyContentFormat = props.notifyContentFormat;
    this.dlqPolicy = props.dlqPolicy;
    this.pushType = props.pushType;
    this.validated = new ValidatedProps(this, this.rosProperties, validateSubscriptionProps);
  }

  protected override get rosProperties(): { [key: string]: any } {
    return {
      topicName: this.topicName,
      subscriptionName: this.subscriptionName,
      endpoint: this.endpoint,
      filterTag: this.filterTag,
      notifyStrategy: this.notifyStrategy,
      notifyContentFormat: this.notifyContentFormat,
      dlqPolicy: this.dlqPolicy,
      pushType: this.pushType,
    };
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    this.validated.recheck(this.rosProperties);
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

/** Properties of `ALIYUN::MNS::EventNotification`. */
export interface RosEventNotificationProps {
  /** Identifier: the name of the event notification rule: 1 to 85 letters, digits and hyphens, starting with a letter. */
  readonly identifier: string | ros.IResolvable;
  /** ProductName: the product whose events are delivered; `oss`. */
  readonly productName: string | ros.IResolvable;
  /** EventTypes: the event types, such as `oss:ObjectCreated:PutObject`. */
  readonly eventTypes: Array<string | ros.IResolvable> | ros.IResolvable;
  /**
   * Resources: the objects whose events are delivered, each `{ prefix, suffix? }` with the prefix (required) in the form
   * `acs:oss:{region}:{account}:{bucket}/{key prefix}`; an event matches when it matches any item.
   */
  readonly resources: Array<RosEventNotification.ResourcesProperty | ros.IResolvable> | ros.IResolvable;
  /**
   * Endpoints: where the events go: `acs:mns:{region}:{account}:queues/{name}` (or `topics/{name}`). In a value that
   * mixes text and tokens, a token may stand for the region, the account and the name, while `acs:mns:` and `queues/`
   * or `topics/` are written out (likewise `acs:oss:` in a resource prefix and `oss:` in an event type).
   */
  readonly endpoints: Array<string | ros.IResolvable> | ros.IResolvable;
}

/**
 * The ROS resource `ALIYUN::MNS::EventNotification`: SMQ's own event notification rule, which delivers a product's
 * events (OSS object events) to a queue or topic. Its properties are those of Alibaba's own solution template
 * `documents/solution/internet-application-development/file-processing-on-fc.yml` (aliyun/ros-templates); the ROS
 * reference page of the type, and so its attributes, could not be read, and none are offered.
 */
export class RosEventNotification extends ros.RosResource {
  /** The ROS resource type. */
  public static readonly ROS_RESOURCE_TYPE_NAME = 'ALIYUN::MNS::EventNotification';

  /** Whether literal property values are checked against the documented constraints (the stack's setting). */
  public enableResourcePropertyConstraint: boolean;
  private readonly validated: ValidatedProps;

  /** Identifier. */
  public identifier: string | ros.IResolvable;
  /** ProductName. */
  public productName: string | ros.IResolvable;
  /** EventTypes. */
  public eventTypes: Array<string | ros.IResolvable> | ros.IResolvable;
  /** Resources. */
  public resources: Array<RosEventNotification.ResourcesProperty | ros.IResolvable> | ros.IResolvable;
  /** Endpoints. */
  public endpoints: Array<string | ros.IResolvable> | ros.IResolvable;

  /**
   * @param scope scope in which this resource is defined
   * @param id scoped id of the resource (its logical id)
   * @param props resource properties
   * @param enableResourcePropertyConstraint check literal values against the documented constraints
   */
  constructor(scope: ros.Construct, id: string, props: RosEventNotificationProps, enableResourcePropertyConstraint: boolean) {
    super(scope, id, { type: RosEventNotification.ROS_RESOURCE_TYPE_NAME, properties: props });
    // a JavaScript caller can leave the props out: a clear error rather than a TypeError, whatever the flag says
    requireProps(this, props, '{ identifier, productName, eventTypes, resources, endpoints }');
    this.enableResourcePropertyConstraint = enableResourcePropertyConstraint;
    this.identifier = props.identifier;
    this.productName = props.productName;
    this.eventTypes = props.eventTypes;
    this.resources = props.resources;
    this.endpoints = props.endpoints;
    this.validated = new ValidatedProps(this, this.rosProperties, validateEventNotificationProps);
  }

  protected override get rosProperties(): { [key: string]: any } {
    const props = {
      identifier: this.identifier,
      productName: this.productName,
      eventTypes: this.eventTypes,
      resources: this.resources,
      endpoints: this.endpoints,
    };
    // cyclic (or absurdly deep) props cannot be rendered, and would overflow the stack in the props fingerprint and
    // fail in core's resolution: a ValidationError instead, whatever enableResourcePropertyConstraint says, here where
    // the fingerprint and core both read them (at construction, and at synth after any change)
    checkPropsTree(this, props);
    return props;
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    this.validated.recheck(this.rosProperties);
    // the item keys are lower case in Alibaba's sample (`prefix`, `suffix`), unlike the PascalCase top level
    return renderKeys(props, {
      identifier: 'Identifier',
      productName: 'ProductName',
      eventTypes: 'EventTypes',
      resources: 'Resources',
      endpoints: 'Endpoints',
    })!;
  }
}

/** Types nested in `RosEventNotification`'s properties. */
export namespace RosEventNotification {
  /**
   * One item of `Resources`: an event matches when its object name starts with `prefix` and ends with `suffix`. The
   * prefix names the bucket, so it must be given (the checks refuse an item without one; the type keeps it optional, as
   * it was first published).
   */
  export interface ResourcesProperty {
    /**
     * prefix: `acs:oss:{region}:{account}:{bucket}/{key prefix}`, with a bucket name of 3 to 63 lower-case letters,
     * digits and hyphens and a key prefix (possibly empty, for every object) that does not start with `/`. With tokens
     * in it, `acs:oss:` is written out, and a token stands for the `/` after the bucket only if no `/` is written after
     * the token.
     */
    readonly prefix?: string | ros.IResolvable;
    /** suffix: the end of the object key, such as `.jpg`. @default - any ending */
    readonly suffix?: string | ros.IResolvable;
  }
}
