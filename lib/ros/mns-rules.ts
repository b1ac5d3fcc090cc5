/**
 * The documented constraints of the SMQ ROS types, shared by the L1s and the L2s (not part of the public API).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { checkCount, checkLength, checkPattern, ValidationError } from '../core/validation';
import type { RosTagProperty } from './mns';

/** Letters, digits and hyphens, starting with a letter or digit (SMQ queue names). */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
/** Letters, digits and hyphens, starting with a letter (SMQ topic and subscription names). */
export const TOPIC_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;
/** The longest SMQ queue, topic or subscription name. */
export const MAX_NAME_LENGTH = 256;

/** The retry policies of a subscription, as ROS spells them. */
export const NOTIFY_STRATEGIES = ['BACKOFF_RETRY', 'EXPONENTIAL_DECAY_RETRY'] as const;
/** The message formats a subscription pushes, as ROS spells them. */
export const NOTIFY_CONTENT_FORMATS = ['XML', 'JSON', 'SIMPLIFIED'] as const;
/** The endpoint kinds of a subscription, as ROS spells them. */
export const PUSH_TYPES = ['http', 'queue', 'mpush', 'email', 'alisms'] as const;

/** Checks a queue name literal against the SMQ rules. */
export function checkQueueName(scope: ros.IConstruct, prop: string, name: string | ros.IResolvable | undefined): void {
  const literal = name as string | undefined;
  checkLength(scope, prop, literal, 1, MAX_NAME_LENGTH);
  checkPattern(scope, prop, literal, QUEUE_NAME_PATTERN, 'must contain only letters, digits and hyphens and start with a letter or digit');
}

/** Checks a topic or subscription name literal against the SMQ rules. */
export function checkTopicName(scope: ros.IConstruct, prop: string, name: string | ros.IResolvable | undefined): void {
  const literal = name as string | undefined;
  checkLength(scope, prop, literal, 1, MAX_NAME_LENGTH);
  checkPattern(scope, prop, literal, TOPIC_NAME_PATTERN, 'must contain only letters, digits and hyphens and start with a letter');
}

/** Checks a literal tag list: at most 20 tags, each with a key. */
export function checkTags(scope: ros.IConstruct, prop: string, tags: RosTagProperty[] | undefined): void {
  checkCount(scope, prop, tags, 20);
  (tags ?? []).forEach((tag, i) => {
    if (tag === undefined || tag === null || tag.key === undefined || tag.key === '') {
      throw new ValidationError(scope, `${prop}[${i}].key`, tag?.key, 'is required');
    }
  });
}

/** Throws when a required property is missing or empty. */
export function required(scope: ros.IConstruct, prop: string, value: unknown): void {
  if (value === undefined || value === null || value === '') {
    throw new ValidationError(scope, prop, value, 'is required');
  }
}

