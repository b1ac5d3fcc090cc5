/**
 * Topic subscribers: SMQ pushes each message published to a topic to a queue, an HTTP(S) URL, a mail address or a
 * phone. Use with `topic.addSubscription(new QueueSubscription(queue))`. The endpoint checks and the safe defaults
 * (https only, retries for a day) live in `smq.Subscription`, so they hold for a hand-made subscription too.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { shortHash } from '../core/names';
import { ValidationError } from '../core/validation';
import { channelIdPart, checkSameLocation } from '../smq/channel';
import { subscriptionQueueEndpoint } from '../smq/formats';
import type { IQueue } from '../smq/queue-base';
import { ITopicSubscription, PushType, SubscriptionOptions, TopicSubscriptionConfig } from '../smq/subscription';
import type { ITopic } from '../smq/topic-base';

/** Options of a {@link QueueSubscription}. */
export interface QueueSubscriptionProps extends SubscriptionOptions {}

/**
 * Pushes a topic's messages to a queue in the same region and account.
 *
 * Endpoint `acs:mns:{region}:{account}:queues/{name}`, push type `queue`. `notifyStrategy` defaults to
 * EXPONENTIAL_DECAY_RETRY (retries for a day), not the service's BACKOFF_RETRY, which gives up after 3 tries.
 * `contentFormat` defaults to the service's XML. The subscription's logical id is `<topic id>To<queue id>`.
 */
export class QueueSubscription implements ITopicSubscription {
  constructor(private readonly queue: IQueue, private readonly props: QueueSubscriptionProps = {}) {}

  /** Checks the queue against the topic and returns the subscription settings. */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    checkSameLocation(topic, 'QueueSubscription.queue', topic.channelAddress, this.queue, 'the topic');
    if (this.props.deadLetterQueue === this.queue) {
      throw new ValidationError(topic, 'QueueSubscription.deadLetterQueue', this.queue.node.path,
        'must be another queue than the one the subscription pushes to');
    }
    return {
      ...this.props,
      subscriberId: channelIdPart(this.queue),
      endpoint: subscriptionQueueEndpoint(this.queue.channelAddress),
      pushType: PushType.QUEUE,
    };
  }
}

/** Options of a {@link UrlSubscription}. */
export interface UrlSubscriptionProps extends SubscriptionOptions {
  /**
   * Allow a plain `http://` URL. Messages then cross the network unencrypted.
   *
   * @default false - the URL must start with `https://`
   */
  readonly allowInsecureHttp?: boolean;
}

/**
 * Pushes a topic's messages to an HTTPS URL (HTTP only with `allowInsecureHttp: true`). Push type `http`.
 * `notifyStrategy` defaults to EXPONENTIAL_DECAY_RETRY (retries for a day), not the service's BACKOFF_RETRY, which
 * gives up after 3 tries. `contentFormat` defaults to the service's XML. The subscription's logical id is
 * `<topic id>ToUrl<hash of the URL>`.
 */
export class UrlSubscription implements ITopicSubscription {
  constructor(private readonly url: string, private readonly props: UrlSubscriptionProps = {}) {}

  /** Returns the subscription settings (the URL is checked by the subscription). */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    return { ...this.props, subscriberId: `Url${endpointHash(topic, this.url)}`, endpoint: this.url, pushType: PushType.HTTP };
  }
}

/** Options of an {@link EmailSubscription}. */
export interface EmailSubscriptionProps {
  /** Only messages published with this tag are mailed (at most 16 characters). @default - every message */
  readonly filterTag?: string;
  /** The subscription name. @default - generated */
  readonly subscriptionName?: string;
}

/**
 * Mails a topic's messages through DirectMail. Endpoint `mail:directmail:{address}`, push type `email`, content
 * format SIMPLIFIED (the only one SMQ supports for mail). The logical id is `<topic id>ToEmail<hash of the address>`.
 */
export class EmailSubscription implements ITopicSubscription {
  constructor(private readonly address: string, private readonly props: EmailSubscriptionProps = {}) {}

  /** Returns the subscription settings (the address is checked by the subscription). */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    const endpoint = `mail:directmail:${this.address}`;
    return { ...this.props, subscriberId: `Email${endpointHash(topic, endpoint)}`, endpoint, pushType: PushType.EMAIL };
  }
}

/** Options of an {@link SmsSubscription}. */
export interface SmsSubscriptionProps {
  /** Only messages published with this tag are sent (at most 16 characters). @default - every message */
  readonly filterTag?: string;
  /** The subscription name. @default - generated */
  readonly subscriptionName?: string;
}

/**
 * Sends a topic's messages as SMS through Short Message Service. Endpoint `sms:directsms:{phone}` for one phone, or
 * `sms:directsms:anonymous` when each message names its own recipients; push type `alisms`.
 */
export class SmsSubscription implements ITopicSubscription {
  /** Sends every message to one phone number (5 to 20 digits, optionally with a leading `+`). */
  public static toPhone(phoneNumber: string, props: SmsSubscriptionProps = {}): SmsSubscription {
    return new SmsSubscription(phoneNumber, props);
  }

  /** Sends each message to the recipients named in the message itself (`sms:directsms:anonymous`). */
  public static anonymous(props: SmsSubscriptionProps = {}): SmsSubscription {
    return new SmsSubscription(undefined, props);
  }

  private constructor(private readonly phoneNumber: string | undefined, private readonly props: SmsSubscriptionProps) {}

  /** Returns the subscription settings (the phone number is checked by the subscription). */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    const endpoint = `sms:directsms:${this.phoneNumber ?? 'anonymous'}`;
    const subscriberId = this.phoneNumber === undefined ? 'SmsAnonymous' : `Sms${endpointHash(topic, endpoint)}`;
    return { ...this.props, subscriberId, endpoint, pushType: PushType.SMS };
  }
}

/**
 * A short hash of an endpoint as the template renders it, so an endpoint that holds a token (`{"Ref": "Url"}`) gets
 * the same id on every synth, whatever else the app creates.
 */
function endpointHash(topic: ITopic, endpoint: string): string {
  return shortHash(JSON.stringify(ros.Stack.of(topic).resolve(endpoint)), 8);
}
