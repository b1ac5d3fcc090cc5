import type { Capture } from './capture';
import { renderPath } from './private/render';

const MATCHER_SYMBOL = Symbol.for('ros-cdk-smq.assertions.Matcher');

/**
 * Base class for every matcher that can appear inside an assertion pattern.
 *
 * A matcher inspects a value with `test()` and reports every mismatch it
 * finds in a `MatchResult` instead of throwing.
 */
export abstract class Matcher {
  /**
   * Whether `x` is a matcher. Works across multiple copies of this library.
   *
   * @param x any value
   */
  public static isMatcher(x: any): x is Matcher {
    return x !== null && typeof x === 'object' && MATCHER_SYMBOL in x;
  }

  /** A short name for this matcher, used in failure reports. */
  public abstract readonly name: string;

  /** Marks the new object as a matcher for `Matcher.isMatcher()`. */
  constructor() {
    Object.defineProperty(this, MATCHER_SYMBOL, { value: true });
  }

  /**
   * Checks `actual` against this matcher.
   *
   * @param actual the value to check
   * @returns the mismatches found (an empty result means success)
   */
  public abstract test(actual: any): MatchResult;

  /**
   * A JSON-friendly description of this matcher, used when a pattern is
   * printed in a failure report.
   */
  public toJSON(): any {
    return `<${this.name}>`;
  }
}

/** One mismatch found by a matcher. */
export interface MatchFailure {
  /** The matcher that reported the mismatch. */
  readonly matcher: Matcher;
  /** Keys / array indexes leading from the tested value to the mismatch. */
  readonly path: string[];
  /** What went wrong, e.g. `expected 30 but received 60`. */
  readonly message: string;
  /**
   * How much of the pattern this mismatch leaves unsatisfied, used to pick
   * the closest candidate in failure reports.
   * @default 1
   */
  readonly cost?: number;
}

/** A value a `Capture` matched, waiting for the overall match to succeed. */
export interface MatchCapture {
  /** The capture that matched. */
  readonly capture: Capture;
  /** The value it matched. */
  readonly value: any;
}

/**
 * The outcome of `Matcher.test()`: the list of mismatches (empty when the
 * value matched) and the values captured along the way.
 */
export class MatchResult {
  /** The value that was tested. */
  public readonly target: any;
  private readonly failureList: MatchFailure[] = [];
  private readonly pendingCaptures: MatchCapture[] = [];
  private committed = false;

  /**
   * @param target the value being tested
   */
  constructor(target: any) {
    this.target = target;
  }

  /** True when no mismatch was recorded. */
  public get isSuccess(): boolean {
    return this.failureList.length === 0;
  }

  /** The number of mismatches recorded. */
  public get failCount(): number {
    return this.failureList.length;
  }

  /**
   * The sum of the costs of the mismatches: a missing key or a value of the
   * wrong type costs as much as the number of values in its pattern, other
   * mismatches cost 1 by default.
   */
  public get failCost(): number {
    return this.failureList.reduce((sum, f) => sum + (f.cost ?? 1), 0);
  }

  /** A copy of the mismatches recorded, in the order they were found. */
  public get failures(): MatchFailure[] {
    return [...this.failureList];
  }

  /** True when at least one mismatch was recorded. */
  public hasFailed(): boolean {
    return !this.isSuccess;
  }

  /**
   * Records a mismatch.
   *
   * @param matcher the matcher reporting it
   * @param path path from the tested value to the mismatch (`[]` for the value itself)
   * @param message what went wrong
   */
  public push(matcher: Matcher, path: string[], message: string): this {
    return this.recordFailure({ matcher, path, message });
  }

  /**
   * Records a mismatch.
   *
   * @param failure the mismatch
   */
  public recordFailure(failure: MatchFailure): this {
    this.failureList.push({ ...failure, path: [...failure.path] });
    return this;
  }

  /**
   * Merges the result of testing a child value (an object key or array
   * index) into this result, prefixing the child's paths with `id`.
   *
   * @param id key or index of the child value
   * @param inner the child's result
   */
  public compose(id: string, inner: MatchResult): this {
    for (const f of inner.failureList) {
      this.failureList.push({ ...f, path: [id, ...f.path] });
    }
    this.pendingCaptures.push(...inner.pendingCaptures);
    return this;
  }

  /**
   * Records a captured value. It reaches the `Capture` only when
   * `finished()` is called on a successful result.
   *
   * @param capture the capture and the value it matched
   */
  public recordCapture(capture: MatchCapture): this {
    this.pendingCaptures.push(capture);
    return this;
  }

  /**
   * Marks the match as complete. If it succeeded, the captured values are
   * handed to their `Capture` objects (once, however often this is called).
   */
  public finished(): this {
    if (this.isSuccess && !this.committed) {
      this.committed = true;
      for (const c of this.pendingCaptures) {
        c.capture._recordValue(c.value);
      }
    }
    return this;
  }

  /** One line per mismatch, e.g. `at /Properties/Name: expected "a" but received "b"`. */
  public toHumanStrings(): string[] {
    return this.failureList.map((f) => `at ${renderPath(f.path)}: ${f.message}`);
  }
}
