/**
 * EventBridge event patterns: the checks of a literal pattern an `EventRule` is given.
 * See https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns
 */
import * as ros from '@alicloud/ros-cdk-core';
import { invalid, isUnresolved } from '../core/validation';

const MATCHERS = ['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'cidr', 'equals-ignore-case'];
/** Values or matchers in one leaf of a pattern (the ROS reference: "a maximum of five expressions"). */
const MAX_LEAF_ITEMS = 5;

/**
 * Checks a literal event pattern: an object (not empty) whose values are objects again or lists of at most 5 values
 * and matcher objects with known matchers. Tokens are not looked into.
 */
export function checkPattern(scope: ros.IConstruct, prop: string, pattern: unknown): void {
  if (isUnresolved(pattern)) {
    return;
  }
  if (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern) || Object.keys(pattern).length === 0) {
    throw invalid(scope, prop, pattern, 'must be an object such as { source: ["acs.oss"] }, with at least one field');
  }
  for (const [key, value] of Object.entries(pattern)) {
    const at = `${prop}.${key}`;
    if (isUnresolved(value)) {
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length === 0 || value.length > MAX_LEAF_ITEMS) {
        throw invalid(scope, at, value, `must list 1 to ${MAX_LEAF_ITEMS} values or matchers`);
      }
      value.forEach((item, i) => checkLeaf(scope, `${at}[${i}]`, item));
    } else if (typeof value === 'object' && value !== null) {
      checkPattern(scope, at, value);
    } else {
      throw invalid(scope, at, value, 'must be a list of values or matchers (such as ["acs.oss"]), or an object of them');
    }
  }
}

function checkLeaf(scope: ros.IConstruct, prop: string, item: unknown): void {
  if (item === null || ['string', 'number', 'boolean'].includes(typeof item) || isUnresolved(item)) {
    return;
  }
  if (typeof item === 'object' && !Array.isArray(item)) {
    const keys = Object.keys(item);
    const unknown = keys.filter((k) => !MATCHERS.includes(k));
    if (keys.length === 0 || unknown.length > 0) {
      throw invalid(scope, prop, item, `must be a value or a matcher (${MATCHERS.map((m) => `{ ${m} }`).join(', ')})`);
    }
    return;
  }
  throw invalid(scope, prop, item, 'must be a value or a matcher object');
}
