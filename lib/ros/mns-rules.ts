/**
 * The documented constraints of the SMQ ROS types, each written once. The L1s check their props against them, and the
 * L2s check their own props against the same entries, under their own prop names (not part of the public API).
 *
 * Sources: https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-queue ,
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-topic ,
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-subscription
 */
import * as ros from '@alicloud/ros-cdk-core';
import { checkText, TextRule } from '../core/text';
import { checkCount, checkOneOf, checkRequired, checkRule, invalid, isUnresolved, RangeRule } from '../core/validation';
import type { RosEventNotification, RosEventNotificationProps, RosQueue, RosQueueProps, RosSubscription, RosSubscriptionProps, RosTagProperty, RosTopicProps } from './mns';
import { fragmentsOf, literalText } from '../core/text';

/**
 * Queue names: 1 to 120 letters, digits and hyphens, starting with a letter or digit (the CreateQueue reference,
 * https://www.alibabacloud.com/help/en/doc-detail/35129.htm; the ROS page still says 256, but the service takes 120).
 */
export const QUEUE_NAME: TextRule = {
  minLength: 1,
  maxLength: 120,
  chars: /[A-Za-z0-9-]/,
  first: /[A-Za-z0-9]/,
  charset: 'letters, digits and hyphens, and start with a letter or digit',
};

/**
 * Topic and subscription names as ROS creates them: 1 to 255 letters, digits and hyphens, starting with a letter (the
 * ROS reference asks for a letter first; the CreateTopic reference, https://www.alibabacloud.com/help/en/doc-detail/27495.htm,
 * allows at most 255 characters).
 */
export const TOPIC_NAME: TextRule = {
  minLength: 1,
  maxLength: 255,
  chars: /[A-Za-z0-9-]/,
  first: /[A-Za-z]/,
  charset: 'letters, digits and hyphens, and start with a letter',
};

/**
 * The name of a topic that exists already (imported, or named by a subscription): the CreateTopic rule, which also
 * allows a digit first.
 */
export const EXISTING_TOPIC_NAME: TextRule = { ...TOPIC_NAME, first: /[A-Za-z0-9]/, charset: 'letters, digits and hyphens, and start with a letter or digit' };

/**
 * A subscription's filter tag: at most 16 characters (the references give no character set; whitespace and control
 * characters are refused here, since a tag holding them is almost certainly a mistake).
 */
export const FILTER_TAG: TextRule = { minLength: 1, maxLength: 16 };

/**
 * Resource tags (the Tag service's rules, https://www.alibabacloud.com/help/en/resource-management/tag/developer-reference/api-tag-2018-08-28-tagresources):
 * a key of 1 to 128 characters that does not start with `acs:` or `aliyun` and holds no `http://` or `https://`; a
 * value of up to 128 characters without `http://` or `https://`.
 */
const TAG_KEY: TextRule = {
  minLength: 1,
  maxLength: 128,
  chars: /[^\u0000-\u001f\u007f]/,
  charset: 'characters that are not control characters',
  forbid: [
    { pattern: /^\s*$/, what: 'must not be blank' },
    { pattern: /^(acs:|aliyun)/i, what: 'must not start with "acs:" or "aliyun", which Alibaba Cloud reserves' },
    { pattern: /https?:\/\//i, what: 'must not contain "http://" or "https://"' },
  ],
};
const TAG_VALUE: TextRule = {
  minLength: 0,
  maxLength: 128,
  chars: /[^\u0000-\u001f\u007f]/,
  charset: 'characters that are not control characters',
  forbid: [{ pattern: /https?:\/\//i, what: 'must not contain "http://" or "https://"' }],
};

/** `ALIYUN::MNS::Queue` numeric properties, in the units ROS takes them. */
export const QUEUE_RULES = {
  /** DelaySeconds. */
  delaySeconds: { min: 0, max: 604800, unit: 'seconds' },
  /** MaximumMessageSize. */
  maximumMessageSize: { min: 1024, max: 65536, unit: 'bytes' },
  /** MessageRetentionPeriod. */
  messageRetentionPeriod: { min: 60, max: 604800, unit: 'seconds' },
  /** PollingWaitSeconds. */
  pollingWaitSeconds: { min: 0, max: 30, unit: 'seconds' },
  /** VisibilityTimeout. */
  visibilityTimeout: { min: 1, max: 43200, unit: 'seconds' },
  /**
   * DlqPolicy.MaxReceiveCount. The references give no upper bound; 1000 is ours (the bound Amazon SQS documents for
   * the same setting): a message received more often than that is not going to succeed.
   */
  maxReceiveCount: { min: 1, max: 1000 },
} satisfies { readonly [prop: string]: RangeRule };

/** The default of MessageRetentionPeriod, in seconds (4 days). */
export const DEFAULT_RETENTION_SECONDS = 345600;

/** `ALIYUN::MNS::Topic` numeric properties. */
export const TOPIC_RULES = {
  /** MaximumMessageSize. */
  maximumMessageSize: QUEUE_RULES.maximumMessageSize,
} satisfies { readonly [prop: string]: RangeRule };

/** The most tags a queue or topic takes. */
export const MAX_TAGS = 20;

/** The retry policies of a subscription, as ROS spells them. */
export const NOTIFY_STRATEGIES = ['BACKOFF_RETRY', 'EXPONENTIAL_DECAY_RETRY'] as const;
/** The message formats a subscription pushes, as ROS spells them. */
export const NOTIFY_CONTENT_FORMATS = ['XML', 'JSON', 'SIMPLIFIED'] as const;
/** The endpoint kinds of a subscription, as ROS spells them. */
export const PUSH_TYPES = ['http', 'queue', 'mpush', 'email', 'alisms'] as const;

/** Checks a literal tag list: at most 20 tags, each with a key, keys and values within their lengths. */
export function checkTags(scope: ros.IConstruct, prop: string, tags: readonly RosTagProperty[] | undefined): void {
  if (tags === undefined || isUnresolved(tags)) {
    return;
  }
  if (!Array.isArray(tags)) {
    throw invalid(scope, prop, tags, 'must be a list of { key, value } tags');
  }
  checkCount(scope, prop, tags, MAX_TAGS);
  tags.forEach((tag, i) => {
    if (tag === undefined || tag === null || tag.key === undefined || tag.key === '') {
      throw invalid(scope, `${prop}[${i}].key`, tag?.key, 'is required');
    }
    checkText(scope, `${prop}[${i}].key`, literalOrUndefined(tag.key), TAG_KEY);
    checkText(scope, `${prop}[${i}].value`, literalOrUndefined(tag.value), TAG_VALUE);
    if (typeof tag.key === 'string' && tags.slice(0, i).some((other) => other?.key === tag.key)) {
      throw invalid(scope, `${prop}[${i}].key`, tag.key, 'must be unique among the tags of the resource');
    }
  });
}

/** Tags given as a map, the way the L2s take them, in the L1 form; anything but a map of strings is refused. */
export function tagList(scope: ros.IConstruct, prop: string, tags: { [key: string]: string } | undefined): RosTagProperty[] | undefined {
  if (tags === undefined || tags === null) {
    return undefined;
  }
  if (typeof tags !== 'object' || Array.isArray(tags) || isUnresolved(tags)) {
    throw invalid(scope, prop, tags, 'must be a map of tag keys to values, such as { team: "media" }');
  }
  return Object.entries(tags).map(([key, value], i) => {
    if (typeof value !== 'string') {
      throw invalid(scope, `${prop}[${i}].value`, value, `must be a string (the value of tag ${JSON.stringify(key)})`);
    }
    return { key, value };
  });
}

/** Checks that a literal flag is a boolean. Skips `undefined` and tokens. */
export function checkBoolean(scope: ros.IConstruct, prop: string, value: unknown): void {
  if (value !== undefined && !isUnresolved(value) && typeof value !== 'boolean') {
    throw invalid(scope, prop, value, 'must be true or false');
  }
}

/** A string prop as `checkText` takes it: an `IResolvable` object is skipped (it is all token). */
function literalOrUndefined(value: string | ros.IResolvable | undefined): string | undefined {
  return typeof value === 'object' && value !== null ? undefined : value;
}

/** Checks `ALIYUN::MNS::Queue` props against the reference. */
export function validateQueueProps(scope: ros.IConstruct, props: RosQueueProps): void {
  checkRequired(scope, 'queueName', props.queueName);
  checkText(scope, 'queueName', literalOrUndefined(props.queueName), QUEUE_NAME);
  for (const key of ['delaySeconds', 'maximumMessageSize', 'messageRetentionPeriod', 'pollingWaitSeconds', 'visibilityTimeout'] as const) {
    checkRule(scope, key, props[key] as number | undefined, QUEUE_RULES[key]);
  }
  checkBoolean(scope, 'loggingEnabled', props.loggingEnabled);
  const dlq = props.dlqPolicy as RosQueue.DlqPolicyProperty | undefined;
  if (dlq !== undefined && !isUnresolved(dlq)) {
    checkRequired(scope, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
    checkRequired(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkRequired(scope, 'dlqPolicy.maxReceiveCount', dlq.maxReceiveCount);
    checkBoolean(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkText(scope, 'dlqPolicy.deadLetterTargetQueue', literalOrUndefined(dlq.deadLetterTargetQueue), QUEUE_NAME);
    checkRule(scope, 'dlqPolicy.maxReceiveCount', dlq.maxReceiveCount as number, QUEUE_RULES.maxReceiveCount);
  }
  checkTags(scope, 'tags', props.tags);
}

/** Checks `ALIYUN::MNS::Topic` props against the reference. */
export function validateTopicProps(scope: ros.IConstruct, props: RosTopicProps): void {
  checkRequired(scope, 'topicName', props.topicName);
  checkText(scope, 'topicName', literalOrUndefined(props.topicName), TOPIC_NAME);
  checkRule(scope, 'maximumMessageSize', props.maximumMessageSize as number | undefined, TOPIC_RULES.maximumMessageSize);
  checkBoolean(scope, 'loggingEnabled', props.loggingEnabled);
  checkTags(scope, 'tags', props.tags);
}

/** Checks `ALIYUN::MNS::Subscription` props against the reference. */
export function validateSubscriptionProps(scope: ros.IConstruct, props: RosSubscriptionProps): void {
  checkRequired(scope, 'topicName', props.topicName);
  checkRequired(scope, 'subscriptionName', props.subscriptionName);
  checkRequired(scope, 'endpoint', props.endpoint);
  checkText(scope, 'topicName', literalOrUndefined(props.topicName), EXISTING_TOPIC_NAME);
  checkText(scope, 'subscriptionName', literalOrUndefined(props.subscriptionName), TOPIC_NAME);
  checkText(scope, 'filterTag', literalOrUndefined(props.filterTag), FILTER_TAG);
  checkOneOf(scope, 'notifyStrategy', props.notifyStrategy as string | undefined, NOTIFY_STRATEGIES);
  checkOneOf(scope, 'notifyContentFormat', props.notifyContentFormat as string | undefined, NOTIFY_CONTENT_FORMATS);
  checkOneOf(scope, 'pushType', props.pushType as string | undefined, PUSH_TYPES);
  const dlq = props.dlqPolicy as RosSubscription.DlqPolicyProperty | undefined;
  if (dlq !== undefined && !isUnresolved(dlq)) {
    checkRequired(scope, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
    checkRequired(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkBoolean(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkText(scope, 'dlqPolicy.deadLetterTargetQueue', literalOrUndefined(dlq.deadLetterTargetQueue), QUEUE_NAME);
  }
}

/** The products whose events SMQ event notifications deliver, as ROS names them. */
export const EVENT_NOTIFICATION_PRODUCTS = ['oss'] as const;

/**
 * An event notification rule's name. The references give no rule; whitespace and control characters are refused, and
 * names this library generates are letters, digits and hyphens.
 */
export const EVENT_NOTIFICATION_NAME: TextRule = { minLength: 1, maxLength: 128 };

/** `oss:ObjectCreated:PutObject` and the like. */
const EVENT_TYPE = /^oss:[A-Za-z]+:[A-Za-z*]+$/;

/** Checks `ALIYUN::MNS::EventNotification` props against what Alibaba's sample template shows. */
export function validateEventNotificationProps(scope: ros.IConstruct, props: RosEventNotificationProps): void {
  checkRequired(scope, 'identifier', props.identifier);
  checkText(scope, 'identifier', literalOrUndefined(props.identifier), EVENT_NOTIFICATION_NAME);
  checkRequired(scope, 'productName', props.productName);
  checkOneOf(scope, 'productName', props.productName as string, EVENT_NOTIFICATION_PRODUCTS);
  const list = <T>(prop: string, value: T[] | ros.IResolvable): T[] | undefined => {
    if (value === undefined || value === null) {
      throw invalid(scope, prop, value, 'is required');
    }
    if (isUnresolved(value)) {
      return undefined;
    }
    if (!Array.isArray(value) || value.length === 0) {
      throw invalid(scope, prop, value, 'must be a list of at least one item');
    }
    return value;
  };
  list('eventTypes', props.eventTypes)?.forEach((type, i) => {
    if (typeof type === 'string' && !isUnresolved(type) && !EVENT_TYPE.test(type)) {
      throw invalid(scope, `eventTypes[${i}]`, type, 'must be an OSS event type such as "oss:ObjectCreated:PutObject"');
    }
  });
  list('resources', props.resources)?.forEach((item, i) => {
    const resource = item as RosEventNotification.ResourcesProperty;
    if (isUnresolved(resource)) {
      return;
    }
    if (resource === null || typeof resource !== 'object' || (resource.prefix === undefined && resource.suffix === undefined)) {
      throw invalid(scope, `resources[${i}]`, resource, 'must have a prefix, a suffix or both');
    }
    if (typeof resource.prefix === 'string' && !startsWithOrMay(scope, resource.prefix, 'acs:oss:')) {
      throw invalid(scope, `resources[${i}].prefix`, resource.prefix, 'must be "acs:oss:{region}:{account}:{bucket}/{key prefix}"');
    }
  });
  list('endpoints', props.endpoints)?.forEach((endpoint, i) => {
    if (typeof endpoint === 'string') {
      const text = literalText(fragmentsOf(scope, endpoint), '\u0000');
      if (!startsWithOrMay(scope, endpoint, 'acs:mns:') || !/:(queues|topics)\/|\u0000/.test(text)) {
        throw invalid(scope, `endpoints[${i}]`, endpoint, 'must be "acs:mns:{region}:{account}:queues/{name}" or "acs:mns:{region}:{account}:topics/{name}"');
      }
    }
  });
}

/** Whether `value` starts with `prefix`, or starts with literal text that a token after it may complete to `prefix`. */
function startsWithOrMay(scope: ros.IConstruct, value: string, prefix: string): boolean {
  const text = literalText(fragmentsOf(scope, value), '\u0000');
  const head = text.split('\u0000')[0];
  return head.startsWith(prefix) || (text.includes('\u0000') && prefix.startsWith(head));
}
