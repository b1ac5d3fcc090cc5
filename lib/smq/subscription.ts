import * as ros from '@alicloud/ros-cdk-core';
import { claimLogicalId } from '../core/ids';
import { generatePhysicalName } from '../core/names';
import { checkLength } from '../core/validation';
import { checkTopicName, MAX_NAME_LENGTH, RosSubscription } from '../ros/mns';
import { checkSameLocation } from './channel';
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
  /** The retry policy for failed pushes. @default - depends on the endpoint kind; see each subscription class */
  readonly notifyStrategy?: NotifyStrategy;
  /** The format of the pushed message body. @default - depends on the endpoint kind; see each subscription class */
  readonly contentFormat?: NotifyContentFormat;
  /** Where messages go that could not be pushed after all retries (same region and account). @default - none */
  readonly deadLetterQueue?: IQueue;
  /** The subscription name: letters, digits and hyphens, starting with a letter. @default - generated */
  readonly subscriptionName?: string;
}

/** What a subscriber tells the topic when it is bound. */
export interface TopicSubscriptionConfig extends SubscriptionOptions {
  /** Letters and digits naming the subscriber; the subscription's logical id is `<topic id>To<subscriberId>`. */
  readonly subscriberId: string;
  /** The endpoint in the form SMQ expects for the push type. */
  readonly endpoint: string;
  /** The kind of endpoint. */
  readonly pushType: PushType;
}

/** A subscriber that can be added to a topic with `topic.addSubscription(...)`. */
export interface ITopicSubscription {
  /** Returns the subscription settings for `topic`, validating them against it. */
  bind(topic: ITopic): TopicSubscriptionConfig;
}

/** Properties of a {@link Subscription}. */
export interface SubscriptionProps extends SubscriptionOptions {
  /** The topic subscribed to. */
  readonly topic: ITopic;
  /** The endpoint, in the form SMQ expects for the push type. */
  readonly endpoint: string;
  /** The kind of endpoint. */
  readonly pushType: PushType;
}

/**
 * A topic subscription (`ALIYUN::MNS::Subscription`). Usually made by `topic.addSubscription(...)` with one of the
 * classes in `consumers` (QueueSubscription, UrlSubscription, EmailSubscription, SmsSubscription).
 */
export class Subscription extends ros.Resource {
  /** The subscription name. */
  public readonly subscriptionName: string;
  /** The subscription URL (`Fn::GetAtt [<id>, SubscriptionUrl]`). */
  public readonly subscriptionUrl: string;
  /** The `ALIYUN::MNS::Subscription` resource. */
  public readonly rosSubscription: RosSubscription;

  constructor(scope: ros.Construct, id: string, props: SubscriptionProps) {
    super(scope, id);
    checkTopicName(this, 'subscriptionName', props.subscriptionName);
    checkLength(this, 'filterTag', props.filterTag, 1, 16);
    const topic = props.topic.channelAddress;
    if (props.deadLetterQueue !== undefined) {
      checkSameLocation(this, 'deadLetterQueue', topic, props.deadLetterQueue.channelAddress, 'the topic');
    }
    const name = props.subscriptionName ?? generatePhysicalName(this, { maxLength: MAX_NAME_LENGTH });
    this.rosSubscription = new RosSubscription(this, claimLogicalId(this, id), {
      topicName: topic.name,
      subscriptionName: name,
      endpoint: props.endpoint,
      pushType: props.pushType,
      filterTag: props.filterTag,
      notifyStrategy: props.notifyStrategy,
      notifyContentFormat: props.contentFormat,
      dlqPolicy: props.deadLetterQueue && { deadLetterTargetQueue: props.deadLetterQueue.queueName, enabled: true },
    });
    this.resource = this.rosSubscription;
    this.subscriptionName = ros.Token.asString(this.rosSubscription.attrSubscriptionName);
    this.subscriptionUrl = ros.Token.asString(this.rosSubscription.attrSubscriptionUrl);
  }
}
