/**
 * Topic subscribers: SMQ pushes each message published to a topic to a queue, an HTTP(S) URL, a mail address or a
 * phone. Use with `topic.addSubscription(new QueueSubscription(queue))`.
 */
import { alphanumeric, shortHash } from '../core/names';
import { checkPattern, isUnresolved } from '../core/validation';
import { checkSameLocation } from '../smq/channel';
import { subscriptionQueueEndpoint } from '../smq/formats';
import type { IQueue } from '../smq/queue-base';
import {
  ITopicSubscription,
  NotifyContentFormat,
  NotifyStrategy,
  PushType,
  SubscriptionOptions,
  TopicSubscriptionConfig,
} from '../smq/subscription';
import type { ITopic } from '../smq/topic-base';

/** Options of a {@link QueueSubscription}. */
export interface QueueSubscriptionProps extends SubscriptionOptions {}

/**
 * Pushes a topic's messages to a queue in the same region and account.
 *
 * Endpoint `acs:mns:{region}:{account}:queues/{name}`, push type `queue`. `notifyStrategy` defaults to
 * EXPONENTIAL_DECAY_RETRY (retries for a day), not the service's BACKOFF_RETRY, which gives up after 3 tries.
 * `contentFormat` defaults to the service's XML.
 */
export class QueueSubscription implements ITopicSubscription {
  constructor(private readonly queue: IQueue, private readonly props: QueueSubscriptionProps = {}) {}

  /** Validates the queue against the topic and returns the subscription settings. */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    checkSameLocation(topic, 'QueueSubscription.queue', topic.channelAddress, this.queue.channelAddress, 'the topic');
    return {
      ...this.props,
      subscriberId: alphanumeric(this.queue.node.id),
      endpoint: subscriptionQueueEndpoint(this.queue.channelAddress),
      pushType: PushType.QUEUE,
      notifyStrategy: this.props.notifyStrategy ?? NotifyStrategy.EXPONENTIAL_DECAY_RETRY,
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
 * gives up after 3 tries. `contentFormat` defaults to the service's XML.
 */
export class UrlSubscription implements ITopicSubscription {
  constructor(private readonly url: string, private readonly props: UrlSubscriptionProps = {}) {}

  /** Validates the URL and returns the subscription settings. */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    if (!isUnresolved(this.url)) {
      if (this.props.allowInsecureHttp) {
        checkPattern(topic, 'UrlSubscription.url', this.url, /^https?:\/\/[^/\s]+/, 'must be an http:// or https:// URL');
      } else {
        checkPattern(topic, 'UrlSubscription.url', this.url, /^https:\/\/[^/\s]+/,
          'must be an https:// URL (set allowInsecureHttp: true to push over plain http://)');
      }
    }
    return {
      ...this.props,
      subscriberId: `Url${shortHash(this.url, 8)}`,
      endpoint: this.url,
      pushType: PushType.HTTP,
      notifyStrategy: this.props.notifyStrategy ?? NotifyStrategy.EXPONENTIAL_DECAY_RETRY,
    };
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
 * format SIMPLIFIED (the only one SMQ supports for mail).
 */
export class EmailSubscription implements ITopicSubscription {
  constructor(private readonly address: string, private readonly props: EmailSubscriptionProps = {}) {}

  /** Validates the address and returns the subscription settings. */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    checkPattern(topic, 'EmailSubscription.address', this.address, /^[^@\s:]+@[^@\s:]+\.[^@\s:]+$/, 'must be a mail address');
    return {
      ...this.props,
      subscriberId: `Email${shortHash(this.address, 8)}`,
      endpoint: `mail:directmail:${this.address}`,
      pushType: PushType.EMAIL,
      contentFormat: NotifyContentFormat.SIMPLIFIED,
    };
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
  /** Sends every message to one phone number (digits, optionally with a leading `+`). */
  public static toPhone(phoneNumber: string, props: SmsSubscriptionProps = {}): SmsSubscription {
    return new SmsSubscription(phoneNumber, props);
  }

  /** Sends each message to the recipients named in the message itself (`sms:directsms:anonymous`). */
  public static anonymous(props: SmsSubscriptionProps = {}): SmsSubscription {
    return new SmsSubscription(undefined, props);
  }

  private constructor(private readonly phoneNumber: string | undefined, private readonly props: SmsSubscriptionProps) {}

  /** Validates the phone number and returns the subscription settings. */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    checkPattern(topic, 'SmsSubscription.phoneNumber', this.phoneNumber, /^\+?[0-9]{5,20}$/,
      'must be a phone number: 5 to 20 digits, optionally after a +');
    return {
      ...this.props,
      subscriberId: this.phoneNumber === undefined ? 'SmsAnonymous' : `Sms${shortHash(this.phoneNumber, 8)}`,
      endpoint: `sms:directsms:${this.phoneNumber ?? 'anonymous'}`,
      pushType: PushType.SMS,
    };
  }
}
