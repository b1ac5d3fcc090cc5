import * as ros from '@alicloud/ros-cdk-core';
import { isUnresolved } from './validation';

/** Small helpers the constructs share: telling constructs from other input, literal strings, tidy text and objects. */

/** True for a construct (anything with a `node.path`), whatever copy of ros-cdk-core made it. */
export function isConstruct(x: unknown): x is ros.IConstruct {
  return typeof (x as { node?: { path?: unknown } } | undefined)?.node?.path === 'string';
}

/** A value for an error message: a construct by its path, anything else as it is. */
export function describeConstruct(x: unknown): unknown {
  return isConstruct(x) ? x.node.path : x;
}

/** The string when it is a literal (no token), else `undefined`. */
export function literalString(value: unknown): string | undefined {
  return typeof value === 'string' && !isUnresolved(value) ? value : undefined;
}

/** `text`, cut to `max` characters with `...` when longer. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** A copy of `value` without its `undefined` members. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
