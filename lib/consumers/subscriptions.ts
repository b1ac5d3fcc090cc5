/**
 * Topic subscribers: SMQ pushes each message published to a topic to a queue, an HTTP(S) URL, a mail address or a
 * phone. Use with `topic.addSubscription(new QueueSubscription(queue))`. The endpoint checks and the safe defaults
 * (https only, retries for a day) live in `smq.Subscription`, so they hold for a hand-made subscription too.
 */
import { alphanumeric } from '../core/names';
import { invalid } from '../core/validation';
import { ChannelKind, Identifiers } from '../smq/identifiers';
import type { IQueue } from '../smq/queue-base';
import { ITopicSubscription, PushType, SubscriptionOptions, TopicSubscriptionConfig } from '../smq/subscription';
import type { ITopic } from '../smq/topic-base';
import { isConstruct } from '../core/util';

/** Options of a {@link QueueSubscription}. */
export interface QueueSubscriptionProps extends SubscriptionOptions {}

/**
 * Pushes a topic's messages to a queue in the same region and account.
 *
 * Endpoint `acs:mns:{region}:{account}:queues/{name}`, push type `queue`. `notifyStrategy` defaults to
 * EXPONENTIAL_DECAY_RETRY (retries for a day), not the service's BACKOFF_RETRY, which gives up after 3 tries.
 * `contentFormat` defaults to the service's XML. The subscription's logical id is `<topic id>To<queue id><hash>`.
 */
export class QueueSubscription implements ITopicSubscription {
  constructor(private readonly queue: IQueue, private readonly props: QueueSubscriptionProps = {}) {}

  /** Returns the subscription settings (the subscription checks the queue against the topic). */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    if (this.queue?.channelAddress?.kind !== ChannelKind.QUEUE) {
      throw invalid(topic, 'QueueSubscription.queue', isConstruct(this.queue) ? this.queue.node.path : this.queue, 'must be a queue (smq.Queue or an import of one)');
    }
    return {
      ...this.props,
      subscriberId: alphanumeric(this.queue.node.id),
      endpoint: Identifiers.subscriptionQueueEndpoint(this.queue.channelAddress),
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
 * `<topic id>ToUrl<hash>`.
 */
export class UrlSubscription implements ITopicSubscription {
  constructor(private readonly url: string, private readonly props: UrlSubscriptionProps = {}) {}

  /** Returns the subscription settings (the URL is checked by the subscription). */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    return { ...this.props, subscriberId: 'Url', endpoint: this.url, pushType: PushType.HTTP };
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
 * format SIMPLIFIED (the only one SMQ supports for mail). The logical id is `<topic id>ToEmail<hash>`.
 */
export class EmailSubscription implements ITopicSubscription {
  constructor(private readonly address: string, private readonly props: EmailSubscriptionProps = {}) {}

  /** Returns the subscription settings (the address is checked by the subscription). */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    return { ...this.props, subscriberId: 'Email', endpoint: `mail:directmail:${this.address}`, pushType: PushType.EMAIL };
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
    return new SmsSubscription(phoneNumber, false, props);
  }

  /** Sends each message to the recipients named in the message itself (`sms:directsms:anonymous`). */
  public static anonymous(props: SmsSubscriptionProps = {}): SmsSubscription {
    return new SmsSubscription(undefined, true, props);
  }

  private constructor(private readonly phoneNumber: string | undefined, private readonly anonymous: boolean, private readonly props: SmsSubscriptionProps) {}

  /** Returns the subscription settings (the phone number is checked by the subscription). */
  public bind(topic: ITopic): TopicSubscriptionConfig {
    if (!this.anonymous && (typeof this.phoneNumber !== 'string' || this.phoneNumber === '' || this.phoneNumber === 'anonymous')) {
      // a missing number must not turn into `anonymous` (each message naming its own recipients)
      throw invalid(topic, 'SmsSubscription.toPhone(phoneNumber)', this.phoneNumber, 'is required: use SmsSubscription.anonymous() for messages that name their own recipients');
    }
    const subscriberId = this.anonymous ? 'SmsAnonymous' : 'Sms';
    return { ...this.props, subscriberId, endpoint: `sms:directsms:${this.anonymous ? 'anonymous' : this.phoneNumber}`, pushType: PushType.SMS };
  }
}
