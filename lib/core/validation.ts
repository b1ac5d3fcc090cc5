import * as ros from '@alicloud/ros-cdk-core';

/**
 * The error thrown for bad input at synth time.
 *
 * Its message has the form `<construct path>: <prop> <what is allowed>, got <value>`. A value that holds a token is
 * shown with `<token>` in place of each token, never as core's `${Token[...]}` text.
 */
export class ValidationError extends Error {
  /** The path of the construct that received the bad input; empty when the input was not given to a construct. */
  public readonly constructPath: string;

  /** The prop that holds the bad value. */
  public readonly prop: string;

  /**
   * @param constructPath the path of the construct that received the bad input (`scope.node.path`), or `''`
   * @param prop the prop that holds the bad value
   * @param value the bad value, shown in the message
   * @param allowed what is allowed, in words, starting with a verb: `must be between 1 and 16`
   */
  constructor(constructPath: string, prop: string, value: unknown, allowed: string) {
    super(`${constructPath === '' ? '' : `${constructPath}: `}${prop} ${allowed}, got ${describeValue(value)}`);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.prop = prop;
  }
}

/** A {@link ValidationError} for a prop given to `scope`. */
export function invalid(scope: ros.IConstruct, prop: string, value: unknown, allowed: string): ValidationError {
  return new ValidationError(scope.node.path, prop, value, allowed);
}

const TOKEN_TEXT = /\$\{Token\[[^\]]*\]\}|#\{Token\[[^\]]*\]\}/g;

/**
 * Renders a value for an error message: strings quoted, numbers as written (`NaN`, `Infinity`), everything else as
 * JSON. Tokens are shown as `<token>`.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'number') {
    return isUnresolved(value) ? 'a token' : String(value);
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.replace(TOKEN_TEXT, '<token>'));
  }
  if (typeof value === 'object' && value !== null && ros.Tokenization.isResolvable(value)) {
    return 'a token';
  }
  try {
    const text = JSON.stringify(value, (_key, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        return String(v);
      }
      if (typeof v === 'string') {
        return v.replace(TOKEN_TEXT, '<token>');
      }
      if (typeof v === 'object' && v !== null && !Array.isArray(v) && ros.Tokenization.isResolvable(v)) {
        return '<token>';
      }
      return v;
    });
    return text ?? String(value);
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

/** Throws when a required value is missing or empty. */
export function checkRequired(scope: ros.IConstruct, prop: string, value: unknown): void {
  if (value === undefined || value === null || value === '') {
    throw invalid(scope, prop, value, 'is required');
  }
}

/**
 * Checks a literal number against an inclusive range and, unless the unit allows fractions, requires an integer.
 * Skips `undefined` and tokens. NaN and Infinity are reported as such.
 */
export function checkRange(scope: ros.IConstruct, prop: string, value: number | undefined, min: number, max: number, unit = ''): void {
  if (value === undefined || isUnresolved(value)) {
    return;
  }
  const suffix = unit ? ` ${unit}` : '';
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(scope, prop, value, `must be an integer between ${min} and ${max}${suffix}`);
  }
}

/** An inclusive range of integers. */
export interface RangeRule {
  /** The smallest allowed value. */
  readonly min: number;
  /** The largest allowed value. */
  readonly max: number;
  /** The unit, for the message. @default - none */
  readonly unit?: string;
}

/** Checks a literal number against a {@link RangeRule}; skips `undefined` and tokens. */
export function checkRule(scope: ros.IConstruct, prop: string, value: number | undefined, rule: RangeRule): void {
  checkRange(scope, prop, value, rule.min, rule.max, rule.unit);
}

/**
 * Checks the number of items of a literal list. Skips `undefined` and tokens.
 */
export function checkCount(scope: ros.IConstruct, prop: string, value: readonly unknown[] | undefined, max: number): void {
  if (value === undefined || isUnresolved(value)) {
    return;
  }
  if (value.length > max) {
    throw invalid(scope, prop, `${value.length} items`, `must have at most ${max} items`);
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
    throw invalid(scope, prop, value, `must be one of ${allowed.map((a) => describeValue(a)).join(', ')}`);
  }
}

/**
 * Checks that a construct got its props object (a JavaScript caller can leave it out) and returns it; `shape` names
 * the required fields for the error, such as `{ pattern, targets }`.
 */
export function requireProps<T>(scope: ros.IConstruct, props: T | undefined, shape: string): T {
  if (props === undefined || props === null || typeof props !== 'object') {
    throw invalid(scope, 'props', props, `must be given: ${shape}`);
  }
  return props;
}

/**
 * Checks that a prop which decides what the construct makes (a path, a level, a flag) is not a token: synth must know
 * it. `allowed` says what the prop takes.
 */
export function requireLiteral(scope: ros.IConstruct, prop: string, value: unknown, allowed: string): void {
  if (value !== undefined && isUnresolved(value)) {
    throw invalid(scope, prop, value, `must be a literal ${allowed}, not a token: it decides what the construct makes at synth`);
  }
}

/** Checks that a literal flag is a boolean. Skips `undefined` and tokens. */
export function checkBoolean(scope: ros.IConstruct, prop: string, value: unknown): void {
  if (value !== undefined && !isUnresolved(value) && typeof value !== 'boolean') {
    throw invalid(scope, prop, value, 'must be true or false');
  }
}
