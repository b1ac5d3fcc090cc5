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
import type { RosQueue, RosQueueProps, RosSubscription, RosSubscriptionProps, RosTagProperty, RosTopicProps } from './mns';

/** Queue names: 1 to 256 letters, digits and hyphens, starting with a letter or digit. */
export const QUEUE_NAME: TextRule = {
  minLength: 1,
  maxLength: 256,
  chars: /[A-Za-z0-9-]/,
  first: /[A-Za-z0-9]/,
  charset: 'letters, digits and hyphens, and start with a letter or digit',
};

/** Topic and subscription names: 1 to 256 letters, digits and hyphens, starting with a letter. */
export const TOPIC_NAME: TextRule = {
  minLength: 1,
  maxLength: 256,
  chars: /[A-Za-z0-9-]/,
  first: /[A-Za-z]/,
  charset: 'letters, digits and hyphens, and start with a letter',
};

/**
 * A subscription's filter tag: at most 16 characters (the references give no character set; whitespace and control
 * characters are refused here, since a tag holding them is almost certainly a mistake).
 */
export const FILTER_TAG: TextRule = { minLength: 1, maxLength: 16 };

/** Tag keys and values of SMQ resources (ROS resource tags: key 1 to 128 characters, value up to 128). */
const TAG_KEY: TextRule = { minLength: 1, maxLength: 128, chars: /[^\u0000-\u001f\u007f]/, charset: 'characters that are not control characters' };
const TAG_VALUE: TextRule = { minLength: 0, maxLength: 128, chars: /[^\u0000-\u001f\u007f]/, charset: 'characters that are not control characters' };

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
  checkCount(scope, prop, tags, MAX_TAGS);
  if (tags === undefined || isUnresolved(tags)) {
    return;
  }
  tags.forEach((tag, i) => {
    if (tag === undefined || tag === null || tag.key === undefined || tag.key === '') {
      throw invalid(scope, `${prop}[${i}].key`, tag?.key, 'is required');
    }
    checkText(scope, `${prop}[${i}].key`, literalOrUndefined(tag.key), TAG_KEY);
    checkText(scope, `${prop}[${i}].value`, literalOrUndefined(tag.value), TAG_VALUE);
  });
}

/** Tags given as a map, the way the L2s take them, in the L1 form. */
export function tagList(tags: { [key: string]: string } | undefined): RosTagProperty[] | undefined {
  return tags === undefined ? undefined : Object.entries(tags).map(([key, value]) => ({ key, value }));
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
  const dlq = props.dlqPolicy as RosQueue.DlqPolicyProperty | undefined;
  if (dlq !== undefined && !isUnresolved(dlq)) {
    checkRequired(scope, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
    checkRequired(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkRequired(scope, 'dlqPolicy.maxReceiveCount', dlq.maxReceiveCount);
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
  checkTags(scope, 'tags', props.tags);
}

/** Checks `ALIYUN::MNS::Subscription` props against the reference. */
export function validateSubscriptionProps(scope: ros.IConstruct, props: RosSubscriptionProps): void {
  checkRequired(scope, 'topicName', props.topicName);
  checkRequired(scope, 'subscriptionName', props.subscriptionName);
  checkRequired(scope, 'endpoint', props.endpoint);
  checkText(scope, 'topicName', literalOrUndefined(props.topicName), TOPIC_NAME);
  checkText(scope, 'subscriptionName', literalOrUndefined(props.subscriptionName), TOPIC_NAME);
  checkText(scope, 'filterTag', literalOrUndefined(props.filterTag), FILTER_TAG);
  checkOneOf(scope, 'notifyStrategy', props.notifyStrategy as string | undefined, NOTIFY_STRATEGIES);
  checkOneOf(scope, 'notifyContentFormat', props.notifyContentFormat as string | undefined, NOTIFY_CONTENT_FORMATS);
  checkOneOf(scope, 'pushType', props.pushType as string | undefined, PUSH_TYPES);
  const dlq = props.dlqPolicy as RosSubscription.DlqPolicyProperty | undefined;
  if (dlq !== undefined && !isUnresolved(dlq)) {
    checkRequired(scope, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
    checkRequired(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkText(scope, 'dlqPolicy.deadLetterTargetQueue', literalOrUndefined(dlq.deadLetterTargetQueue), QUEUE_NAME);
  }
}
