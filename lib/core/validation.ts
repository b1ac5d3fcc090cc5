import * as ros from '@alicloud/ros-cdk-core';

/**
 * The error thrown for bad input at synth time.
 *
 * Its message always has the form `<construct path>: <prop> <what is allowed>, got <value>`.
 */
export class ValidationError extends Error {
  /** The path of the construct that received the bad input. */
  public readonly constructPath: string;

  /** The prop that holds the bad value. */
  public readonly prop: string;

  constructor(scope: ros.IConstruct, prop: string, value: unknown, allowed: string) {
    super(`${scope.node.path}: ${prop} ${allowed}, got ${describeValue(value)}`);
    this.name = 'ValidationError';
    this.constructPath = scope.node.path;
    this.prop = prop;
  }
}

/**
 * Renders a value for an error message: strings quoted, everything else as JSON.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (value === undefined) {
    return 'undefined';
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * True when the value is a token (or contains one) that only resolves at deploy time.
 * Such values are never checked as literals.
 */
export function isUnresolved(value: unknown): boolean {
  return value !== undefined && value !== null && ros.Token.isUnresolved(value);
}

/**
 * Checks a literal number against an inclusive range and, unless `fractional` is set, requires an integer.
 * Skips `undefined` and tokens.
 */
export function checkRange(scope: ros.IConstruct, prop: string, value: number | undefined, min: number, max: number, unit = ''): void {
  if (value === undefined || isUnresolved(value)) {
    return;
  }
  const suffix = unit ? ` ${unit}` : '';
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(scope, prop, value, `must be an integer between ${min} and ${max}${suffix}`);
  }
}

/**
 * Checks a literal number is an integer at least `min`. Skips `undefined` and tokens.
 */
export function checkMin(scope: ros.IConstruct, prop: string, value: number | undefined, min: number): void {
  if (value === undefined || isUnresolved(value)) {
    return;
  }
  if (!Number.isInteger(value) || value < min) {
    throw new ValidationError(scope, prop, value, `must be an integer of at least ${min}`);
  }
}

/**
 * Checks the length of a literal string. Skips `undefined` and tokens.
 */
export function checkLength(scope: ros.IConstruct, prop: string, value: string | undefined, min: number, max: number): void {
  if (value === undefined || isUnresolved(value)) {
    return;
  }
  if (value.length < min || value.length > max) {
    const allowed = min === max ? `exactly ${min}` : min <= 1 && value.length > max ? `at most ${max}` : `between ${min} and ${max}`;
    throw new ValidationError(scope, prop, value, `must be ${allowed} characters long (length ${value.length})`);
  }
}

/**
 * Checks a literal string against a pattern; `rule` says in words what is allowed. Skips `undefined` and tokens.
 */
export function checkPattern(scope: ros.IConstruct, prop: string, value: string | undefined, pattern: RegExp, rule: string): void {
  if (value === undefined || isUnresolved(value)) {
    return;
  }
  if (!pattern.test(value)) {
    throw new ValidationError(scope, prop, value, rule);
  }
}

/**
 * Checks a literal value is one of the allowed values. Skips `undefined` and tokens.
 */
export function checkOneOf<T>(scope: ros.IConstruct, prop: string, value: T | undefined, allowed: readonly T[]): void {
  if (value === undefined || isUnresolved(value)) {
    return;
  }
  if (!allowed.includes(value)) {
    throw new ValidationError(scope, prop, value, `must be one of ${allowed.map((a) => describeValue(a)).join(', ')}`);
  }
}

/**
 * Checks the number of items of a literal list. Skips `undefined` and tokens.
 */
export function checkCount(scope: ros.IConstruct, prop: string, value: readonly unknown[] | undefined, max: number): void {
  if (value === undefined || isUnresolved(value)) {
    return;
  }
  if (value.length > max) {
    throw new ValidationError(scope, prop, `${value.length} items`, `must have at most ${max} items`);
  }
}
