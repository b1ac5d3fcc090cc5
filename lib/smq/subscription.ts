import * as ros from '@alicloud/ros-cdk-core';
import { claimLogicalId } from '../core/ids';
import { generatePhysicalNameFor } from '../core/names';
import { checkLength, ValidationError } from '../core/validation';
import { RosSubscription } from '../ros/mns';
import { checkTopicName, MAX_NAME_LENGTH } from '../ros/mns-rules';
import { checkSameLocation } from './channel';
import { subscriptionQueueEndpoint } from './formats';
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
  /** Letters and digits naming the subscriber; the subscription's logical id is `<topic id>To<subscriberId>`. */
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

interface EndpointRule {
  /** The literal start every endpoint of the kind has. */
  readonly prefixes: string[];
  /** The whole endpoint, when it is a literal. */
  readonly pattern: RegExp;
  /** What is allowed, for the error. */
  readonly rule: string;
}

const ENDPOINT_RULES: { [pushType: string]: EndpointRule } = {
  [PushType.QUEUE]: {
    prefixes: ['acs:mns:'],
    pattern: /^acs:mns:[a-z0-9-]+:\d+:queues\/[A-Za-z0-9][A-Za-z0-9-]*$/,
    rule: 'must be a queue endpoint "acs:mns:{region}:{account}:queues/{name}" for push type queue',
  },
  [PushType.EMAIL]: {
    prefixes: ['mail:directmail:'],
    pattern: /^mail:directmail:[^@\s:]+@[^@\s:]+\.[^@\s:]+$/,
    rule: 'must be "mail:directmail:{address}" with a mail address for push type email',
  },
  [PushType.SMS]: {
    prefixes: ['sms:directsms:'],
    pattern: /^sms:directsms:(anonymous|\+?[0-9]{5,20})$/,
    rule: 'must be "sms:directsms:anonymous" or "sms:directsms:{phone}" (5 to 20 digits, optionally after a +) for push type alisms',
  },
};

const HTTPS_RULE: EndpointRule = {
  prefixes: ['https://'],
  pattern: /^https:\/\/[^/\s]+/,
  rule: 'must be an https:// URL for push type http (set allowInsecureHttp: true to push over plain http://)',
};
const HTTP_RULE: EndpointRule = {
  prefixes: ['https://', 'http://'],
  pattern: /^https?:\/\/[^/\s]+/,
  rule: 'must be an http:// or https:// URL for push type http',
};

/**
 * A topic subscription (`ALIYUN::MNS::Subscription`). Usually made by `topic.addSubscription(...)` with one of the
 * classes in `consumers` (QueueSubscription, UrlSubscription, EmailSubscription, SmsSubscription).
 *
 * The endpoint is checked against its push type (an endpoint that is partly a token is checked up to the token), an
 * HTTP endpoint must be https unless `allowInsecureHttp` is set, and queue and HTTP endpoints retry for a day by
 * default.
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
    const name = props.subscriptionName ?? generatePhysicalNameFor(scope, id, { maxLength: MAX_NAME_LENGTH });
    super(scope, id, { physicalName: name });
    checkTopicName(this, 'subscriptionName', props.subscriptionName);
    checkLength(this, 'filterTag', props.filterTag, 1, 16);
    checkEndpoint(this, props);
    const topic = props.topic.channelAddress;
    if (props.deadLetterQueue !== undefined) {
      checkSameLocation(this, 'deadLetterQueue', topic, props.deadLetterQueue, 'the topic');
      const stack = ros.Stack.of(this);
      const dlqEndpoint = stack.resolve(subscriptionQueueEndpoint(props.deadLetterQueue.channelAddress));
      if (props.pushType === PushType.QUEUE && JSON.stringify(dlqEndpoint) === JSON.stringify(stack.resolve(props.endpoint))) {
        throw new ValidationError(this, 'deadLetterQueue', props.deadLetterQueue.node.path,
          'must be another queue than the one the subscription pushes to');
      }
    }
    const pushesToQueueOrHttp = props.pushType === PushType.QUEUE || props.pushType === PushType.HTTP;
    let contentFormat = props.contentFormat;
    if (props.pushType === PushType.EMAIL) {
      if (contentFormat !== undefined && contentFormat !== NotifyContentFormat.SIMPLIFIED) {
        throw new ValidationError(this, 'contentFormat', contentFormat, 'must be SIMPLIFIED for push type email');
      }
      contentFormat = NotifyContentFormat.SIMPLIFIED;
    }
    this.rosSubscription = new RosSubscription(this, claimLogicalId(this, id), {
      topicName: topic.name,
      subscriptionName: name,
      endpoint: props.endpoint,
      pushType: props.pushType,
      filterTag: props.filterTag,
      notifyStrategy: props.notifyStrategy ?? (pushesToQueueOrHttp ? NotifyStrategy.EXPONENTIAL_DECAY_RETRY : undefined),
      notifyContentFormat: contentFormat,
      dlqPolicy: props.deadLetterQueue && { deadLetterTargetQueue: props.deadLetterQueue.queueName, enabled: true },
    });
    this.resource = this.rosSubscription;
  }
}

/** Checks an endpoint against its push type: the whole of a literal, the literal start of one that holds a token. */
function checkEndpoint(scope: ros.IConstruct, props: SubscriptionProps): void {
  const rule = props.pushType === PushType.HTTP ? (props.allowInsecureHttp ? HTTP_RULE : HTTPS_RULE) : ENDPOINT_RULES[props.pushType];
  if (rule === undefined) {
    return;
  }
  const endpoint = props.endpoint;
  const tokenAt = ros.Token.isUnresolved(endpoint) ? endpoint.indexOf('${Token[') : -1;
  if (tokenAt < 0 && ros.Token.isUnresolved(endpoint)) {
    return; // an encoded token we cannot see into
  }
  const ok = tokenAt < 0
    ? rule.pattern.test(endpoint)
    : rule.prefixes.some((p) => p.startsWith(endpoint.slice(0, tokenAt)) || endpoint.slice(0, tokenAt).startsWith(p));
  if (!ok) {
    throw new ValidationError(scope, 'endpoint', tokenAt < 0 ? endpoint : ros.Stack.of(scope).resolve(endpoint), rule.rule);
  }
}

/** An endpoint as the template renders it (tokens as template functions), for error messages. */
export function resolvedEndpoint(scope: ros.IConstruct, endpoint: string): unknown {
  return ros.Stack.of(scope).resolve(endpoint);
}
