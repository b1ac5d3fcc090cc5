import { Matcher, MatchResult } from './matcher';
import { toMatcher } from './private/matchers';
import { describeType, isPlainObject, renderValue } from './private/render';

/**
 * A matcher that remembers the values it matched, so a test can read them
 * afterwards.
 *
 * A value is recorded only when the whole assertion around it succeeds for
 * that value (e.g. for each resource that matched `hasResourceProperties`).
 * Values accumulate across assertions; the `as*()` methods read the current
 * one and `next()` moves to the following one.
 */
export class Capture extends Matcher {
  /** The name of this matcher in failure reports. */
  public readonly name: string = 'Capture';
  private readonly pattern: any;
  private readonly values: any[] = [];
  private index = 0;

  /**
   * @param pattern optional pattern the value must also match (a matcher, or
   * a value where objects are matched objectLike). Without it any value
   * except `null` and `undefined` is captured.
   */
  constructor(pattern?: any) {
    super();
    this.pattern = pattern;
  }

  /**
   * Checks `actual` and, if it matches, records it as a pending capture.
   *
   * @param actual the value to check
   */
  public override test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (actual === null || actual === undefined) {
      return result.push(this, [], `expected a value to capture but received ${actual}`);
    }
    if (this.pattern !== undefined) {
      const inner = toMatcher(this.name, this.pattern, true).test(actual);
      if (inner.hasFailed()) {
        return inner;
      }
      // Keep the values of captures nested inside the pattern.
      result.compose('', inner);
    }
    return result.recordCapture({ capture: this, value: actual });
  }

  /**
   * Called by `MatchResult.finished()` to store a value.
   *
   * @internal
   */
  public _recordValue(value: any): void {
    this.values.push(value);
  }

  /**
   * Moves to the next captured value.
   *
   * @returns true if there was a next value, false (without moving) otherwise
   */
  public next(): boolean {
    if (this.index + 1 < this.values.length) {
      this.index++;
      return true;
    }
    return false;
  }

  /** The current captured value as a string; throws if it is not one. */
  public asString(): string {
    return this.current('string', (v) => typeof v === 'string');
  }

  /** The current captured value as a number; throws if it is not one. */
  public asNumber(): number {
    return this.current('number', (v) => typeof v === 'number');
  }

  /** The current captured value as a boolean; throws if it is not one. */
  public asBoolean(): boolean {
    return this.current('boolean', (v) => typeof v === 'boolean');
  }

  /** The current captured value as an array; throws if it is not one. */
  public asArray(): any[] {
    return this.current('array', (v) => Array.isArray(v));
  }

  /** The current captured value as an object; throws if it is not one. */
  public asObject(): { [key: string]: any } {
    return this.current('object', (v) => isPlainObject(v));
  }

  /** Describes this capture (and its pattern) when a pattern is printed. */
  public override toJSON(): any {
    return this.pattern === undefined ? `<${this.name}>` : { [`<${this.name}>`]: this.pattern };
  }

  private current(expected: string, check: (v: any) => boolean): any {
    if (this.values.length === 0) {
      throw new Error('Capture: no value has been captured (did the assertion using this Capture run and succeed?)');
    }
    const value = this.values[this.index];
    if (!check(value)) {
      const position = `captured value ${this.index + 1} of ${this.values.length}`;
      throw new Error(`Capture: expected ${position} to be ${article(expected)} but it is ${article(describeType(value))}: ${renderValue(value)}`);
    }
    return value;
  }
}

/** `a string`, `an object`. */
function article(typeName: string): string {
  return `${/^[aeiou]/.test(typeName) ? 'an' : 'a'} ${typeName}`;
}
