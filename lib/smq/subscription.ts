import * as ros from '@alicloud/ros-cdk-core';
import { claimLogicalId } from '../core/ids';
import { checkSameLocation } from '../core/location';
import { claimName, generatePhysicalNameFor, identityOf, withLiteralNames } from '../core/names';
import { checkText } from '../core/text';
import { checkOneOf, checkRequired, describeValue, invalid, isUnresolved } from '../core/validation';
import { RosSubscription } from '../ros/mns';
import { FILTER_TAG, PUSH_TYPES, TOPIC_NAME } from '../ros/mns-rules';
import { channelDisplay, checkReachable, locationOf, requireChannel } from './channel';
import { checkEndpoint, displayEndpoint, endpointIdentityOf, endpointString } from './endpoints';
import { ChannelKind, Identifiers } from './identifiers';
import type { IQueue } from './queue-base';
import type { ITopic } from './topic-base';

/** What a topic does when a push to an endpoint fails. */
export enum NotifyStrategy {
  /** Retry 3 times, 10 to 20 seconds apart, then give up (the service default). */
  BACKOFF_RETRY = 'BACKOFF_RETRY',
  /** Retry 176 times over one day, with exponentially growing intervals up to 512 seconds. */
  EXPONENTIAL_DECAY_RETRY = 'EXPONENTIAL_DECAY_RETRY',
}

/** The format of the message body a topic pushes. */
export enum NotifyContentFormat {
  /** XML with the message and its metadata (the service default). HTTP and queue endpoints. */
  XML = 'XML',
  /** JSON with the message and its metadata. HTTP and queue endpoints. */
  JSON = 'JSON',
  /** The message body only. HTTP, queue and mail endpoints. */
  SIMPLIFIED = 'SIMPLIFIED',
}

/** The kind of endpoint a subscription pushes to, as SMQ names it. */
export enum PushType {
  /** An HTTP or HTTPS URL. */
  HTTP = 'http',
  /** An SMQ queue. */
  QUEUE = 'queue',
  /** Mail through DirectMail. */
  EMAIL = 'email',
  /** SMS through Short Message Service. */
  SMS = 'alisms',
  /** Mobile push. */
  MPUSH = 'mpush',
}

/** Options every kind of subscription takes. */
export interface SubscriptionOptions {
  /** Only messages published with this tag are pushed (at most 16 characters). @default - every message */
  readonly filterTag?: string;
  /**
   * The retry policy for failed pushes.
   *
   * @default EXPONENTIAL_DECAY_RETRY for queue and HTTP endpoints (the service default, BACKOFF_RETRY, gives up after
   * 3 tries); the service default for the others
   */
  readonly notifyStrategy?: NotifyStrategy;
  /** The format of the pushed message body. @default SIMPLIFIED for mail (the only format mail takes); XML for the others */
  readonly contentFormat?: NotifyContentFormat;
  /**
   * Where messages go that could not be pushed after all retries: a queue in the topic's region and account, not the
   * endpoint itself.
   *
   * @default - none
   */
  readonly deadLetterQueue?: IQueue;
  /** The subscription name: letters, digits and hyphens, starting with a letter. @default - generated */
  readonly subscriptionName?: string;
}

/** Properties of a {@link Subscription}. */
export interface SubscriptionProps extends SubscriptionOptions {
  /** The topic subscribed to. */
  readonly topic: ITopic;
  /**
   * The endpoint, in the form SMQ expects for the push type: `https://...` (HTTP), `acs:mns:{region}:{account}:queues/{name}`
   * (QUEUE), `mail:directmail:{address}` (EMAIL), `sms:directsms:{phone}` or `sms:directsms:anonymous` (SMS).
   */
  readonly endpoint: string;
  /** The kind of endpoint. */
  readonly pushType: PushType;
  /**
   * Allow an HTTP endpoint with plain `http://`. Messages then cross the network unencrypted.
   *
   * @default false - an HTTP endpoint must start with `https://`
   */
  readonly allowInsecureHttp?: boolean;
}

/** What a subscriber tells the topic when it is bound. */
export interface TopicSubscriptionConfig extends SubscriptionOptions {
  /**
   * Letters and digits naming the subscriber (`Billing`, `Url`): the subscription's logical id is
   * `<topic id>To<subscriberId><hash>`, the hash being of the topic's path and the endpoint.
   */
  readonly subscriberId: string;
  /** The endpoint in the form SMQ expects for the push type. */
  readonly endpoint: string;
  /** The kind of endpoint. */
  readonly pushType: PushType;
  /** Allow a plain `http://` endpoint. @default false */
  readonly allowInsecureHttp?: boolean;
}

/** A subscriber that can be added to a topic with `topic.addSubscription(...)`. */
export interface ITopicSubscription {
  /** Returns the subscription settings for `topic`, validating them against it. */
  bind(topic: ITopic): TopicSubscriptionConfig;
}

/**
 * A topic subscription (`ALIYUN::MNS::Subscription`). Usually made by `topic.addSubscription(...)` with one of the
 * classes in `consumers` (QueueSubscription, UrlSubscription, EmailSubscription, SmsSubscription).
 *
 * The endpoint is checked against its push type (an endpoint that holds tokens is checked in its literal pieces), an
 * HTTP endpoint must be https unless `allowInsecureHttp` is set, and queue and HTTP endpoints retry for a day by
 * default. The topic, a queue endpoint and the dead-letter queue must be in the stack's region and account:
 * `ALIYUN::MNS::Subscription` names the topic and the dead-letter queue by name only. A subscription name and an
 * endpoint are used once per topic in the whole app.
 */
export class Subscription extends ros.Resource {
  /** The subscription name (`Fn::GetAtt [<id>, SubscriptionName]`), made on first use. */
  public get subscriptionName(): string {
    return ros.Token.asString(this.rosSubscription.attrSubscriptionName);
  }
  /** The subscription URL (`Fn::GetAtt [<id>, SubscriptionUrl]`), made on first use. */
  public get subscriptionUrl(): string {
    return ros.Token.asString(this.rosSubscription.attrSubscriptionUrl);
  }
  /** The `ALIYUN::MNS::Subscription` resource. */
  public readonly rosSubscription: RosSubscription;

  constructor(scope: ros.Construct, id: string, props: SubscriptionProps) {
    // named before super(): ros.Resource makes a token (and records a stack trace) when it gets no physicalName
    const name = props.subscriptionName ?? generatePhysicalNameFor(scope, id, { maxLength: TOPIC_NAME.maxLength });
    super(scope, id, { physicalName: name });
    requireChannel(this, 'topic', props.topic, ChannelKind.TOPIC);
    checkRequired(this, 'pushType', props.pushType);
    checkOneOf(this, 'pushType', props.pushType, PUSH_TYPES);
    checkText(this, 'subscriptionName', props.subscriptionName, TOPIC_NAME);
    checkText(this, 'filterTag', props.filterTag, FILTER_TAG);
    if (props.deadLetterQueue !== undefined && props.deadLetterQueue !== null) {
      requireChannel(this, 'deadLetterQueue', props.deadLetterQueue, ChannelKind.QUEUE);
    }
    const topic = props.topic.channelAddress;
    checkReachable(this, 'topic', props.topic, 'ALIYUN::MNS::Subscription names its topic by name only');
    const topicLocation = locationOf(props.topic);
    const endpoint = endpointString(props.endpoint);
    const queueLocation = checkEndpoint(this, props.pushType, endpoint, props.allowInsecureHttp === true);
    if (queueLocation !== undefined) {
      checkSameLocation(this, {
        prop: 'endpoint',
        subject: queueLocation,
        subjectName: `the queue endpoint ${describeValue(displayEndpoint(this, endpoint))}`,
        expected: topicLocation,
        expectedName: 'the topic',
        reason: 'SMQ pushes to queues in the topic\'s region and account only',
      });
    }
    const endpointIdentity = endpointIdentityOf(this, props.pushType, endpoint);
    if (props.deadLetterQueue !== undefined && props.deadLetterQueue !== null) {
      checkSameLocation(this, {
        prop: 'deadLetterQueue',
        subject: locationOf(props.deadLetterQueue),
        subjectName: channelDisplay(props.deadLetterQueue),
        expected: topicLocation,
        expectedName: 'the topic',
        reason: 'a subscription\'s DlqPolicy names its dead-letter queue by name only',
      });
      const dlqEndpoint = identityOf(this, Identifiers.subscriptionQueueEndpoint(props.deadLetterQueue.channelAddress));
      if (props.pushType === PushType.QUEUE && dlqEndpoint === endpointIdentity) {
        throw invalid(this, 'deadLetterQueue', props.deadLetterQueue.node.path, 'must be another queue than the one the subscription pushes to');
      }
    }
    const pushesToQueueOrHttp = props.pushType === PushType.QUEUE || props.pushType === PushType.HTTP;
    let contentFormat = props.contentFormat;
    if (props.pushType === PushType.EMAIL) {
      if (contentFormat !== undefined && contentFormat !== NotifyContentFormat.SIMPLIFIED) {
        throw invalid(this, 'contentFormat', contentFormat, 'must be SIMPLIFIED for push type email');
      }
      contentFormat = NotifyContentFormat.SIMPLIFIED;
    }
    // claimed last: a subscription that fails a check above must not hold its name and endpoint
    const topicName = `topic ${describeValue(withLiteralNames(this, topic.name))}`;
    if (!isUnresolved(name)) {
      claimName(this, { kind: `subscription name on ${topicName}`, prop: 'subscriptionName', name, location: topicLocation });
    }
    claimName(this, { kind: `endpoint on ${topicName}`, prop: 'endpoint', name: endpointIdentity, shown: displayEndpoint(this, endpoint), location: topicLocation });
    this.rosSubscription = new RosSubscription(this, claimLogicalId(this, id), {
      topicName: topic.name,
      subscriptionName: name,
      endpoint,
      pushType: props.pushType,
      filterTag: props.filterTag,
      notifyStrategy: props.notifyStrategy ?? (pushesToQueueOrHttp ? NotifyStrategy.EXPONENTIAL_DECAY_RETRY : undefined),
      notifyContentFormat: contentFormat,
      dlqPolicy: props.deadLetterQueue ? { deadLetterTargetQueue: props.deadLetterQueue.queueName, enabled: true } : undefined,
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
    this.resource = this.rosSubscription;
  }
}
