/**
 * The matcher implementations behind the `Match` factory methods.
 * They are not exported from the package; users build them through `Match`.
 */
import { Matcher, MatchResult } from '../matcher';
import { describeType, isPlainObject, renderValue } from './render';

/** `received number 60`, `received null`, `received undefined`. */
function received(value: any): string {
  if (value === null || value === undefined) {
    return `received ${value}`;
  }
  return `received ${describeType(value)} ${renderValue(value)}`;
}

/**
 * Turns one element of a pattern into a matcher: matchers are used as they
 * are, anything else becomes a literal match.
 */
export function toMatcher(name: string, pattern: any, partialObjects: boolean): Matcher {
  return Matcher.isMatcher(pattern) ? pattern : new LiteralMatch(name, pattern, partialObjects);
}

/**
 * How many values a pattern checks: 1 for a primitive or a simple matcher,
 * the sum over the elements of an array or object (matchers that wrap a
 * pattern are weighed through their `toJSON()` description).
 */
export function patternWeight(pattern: any, depth = 0): number {
  if (depth > 100) {
    return 1;
  }
  if (Matcher.isMatcher(pattern)) {
    const description = pattern.toJSON();
    return Matcher.isMatcher(description) ? 1 : patternWeight(description, depth + 1);
  }
  const children = Array.isArray(pattern) ? pattern : isPlainObject(pattern) ? Object.values(pattern) : undefined;
  if (children === undefined) {
    return 1;
  }
  return Math.max(1, children.reduce((sum: number, child: any) => sum + patternWeight(child, depth + 1), 0));
}

/** Whether result `a` is a nearer miss than `b`: lower cost, then fewer mismatches. */
export function isCloser(a: MatchResult, b: MatchResult): boolean {
  if (a.failCost !== b.failCost) {
    return a.failCost < b.failCost;
  }
  return a.failCount < b.failCount;
}

/** Options of `ObjectMatch`. */
interface ObjectMatchOptions {
  /** Whether keys that are not in the pattern are allowed in the target. */
  readonly partial: boolean;
}

/** Options of `ArrayMatch`. */
interface ArrayMatchOptions {
  /** Whether the pattern elements may be spread out inside a longer target. */
  readonly subsequence: boolean;
  /** Whether plain objects inside the pattern are matched objectLike. */
  readonly partialObjects: boolean;
}

/**
 * Literal pattern: primitives must be strictly equal, arrays must have the
 * same length and matching elements, plain objects are compared key by key
 * (objectLike when `partialObjects`, exact otherwise).
 */
export class LiteralMatch extends Matcher {
  constructor(public override readonly name: string, private readonly pattern: any, private readonly partialObjects: boolean) {
    super();
    if (Matcher.isMatcher(pattern)) {
      throw new Error(`${name}: a matcher cannot be wrapped directly in a literal match; pass the matcher itself or nest it inside an object or array`);
    }
    if (pattern instanceof RegExp) {
      throw new Error(`${name}: a RegExp is not a valid pattern; use Match.stringLikeRegexp(${JSON.stringify(pattern.source)})`);
    }
  }

  public override test(actual: any): MatchResult {
    if (Array.isArray(this.pattern)) {
      return new ArrayMatch(this.name, this.pattern, { subsequence: false, partialObjects: this.partialObjects }).test(actual);
    }
    if (isPlainObject(this.pattern)) {
      return new ObjectMatch(this.name, this.pattern, { partial: this.partialObjects }).test(actual);
    }
    const result = new MatchResult(actual);
    if (actual !== this.pattern) {
      result.push(this, [], `expected ${renderValue(this.pattern)} but received ${renderValue(actual)}`);
    }
    return result;
  }

  public override toJSON(): any {
    return { [`<${this.name}>`]: this.pattern };
  }
}

/** Compares an object key by key; with `partial` extra keys in the target are fine. */
export class ObjectMatch extends Matcher {
  constructor(public override readonly name: string, private readonly pattern: { [key: string]: any }, private readonly options: ObjectMatchOptions) {
    super();
    if (!isPlainObject(pattern) || Matcher.isMatcher(pattern)) {
      throw new Error(`${name}: the pattern must be a plain object, got ${renderValue(pattern)}`);
    }
  }

  public override test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (!isPlainObject(actual)) {
      return result.recordFailure({ matcher: this, path: [], message: `expected an object but ${received(actual)}`, cost: patternWeight(this.pattern) });
    }
    for (const [key, patternValue] of Object.entries(this.pattern)) {
      if (patternValue === undefined) {
        throw new Error(`${this.name}: the pattern value for key '${key}' is undefined; use Match.absent() to require a missing key`);
      }
      const matcher = toMatcher(this.name, patternValue, this.options.partial);
      if (!Object.prototype.hasOwnProperty.call(actual, key)) {
        // A missing key is fine only for matchers that accept `undefined` (e.g. Match.absent()).
        const inner = matcher.test(undefined);
        if (inner.hasFailed()) {
          result.recordFailure({ matcher, path: [key], message: 'missing key', cost: patternWeight(patternValue) });
        } else {
          result.compose(key, inner);
        }
        continue;
      }
      result.compose(key, matcher.test(actual[key]));
    }
    if (!this.options.partial) {
      for (const key of Object.keys(actual)) {
        if (!Object.prototype.hasOwnProperty.call(this.pattern, key)) {
          result.push(this, [key], `unexpected key (value ${renderValue(actual[key])})`);
        }
      }
    }
    return result;
  }

  public override toJSON(): any {
    return { [`<${this.name}>`]: this.pattern };
  }
}

/**
 * Compares an array. Without `subsequence` the lengths must be equal and the
 * elements match pairwise; with it the pattern elements must appear in the
 * target in the same order, other elements may sit in between.
 */
export class ArrayMatch extends Matcher {
  constructor(public override readonly name: string, private readonly pattern: any[], private readonly options: ArrayMatchOptions) {
    super();
    if (!Array.isArray(pattern)) {
      throw new Error(`${name}: the pattern must be an array, got ${renderValue(pattern)}`);
    }
  }

  public override test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (!Array.isArray(actual)) {
      return result.recordFailure({ matcher: this, path: [], message: `expected an array but ${received(actual)}`, cost: patternWeight(this.pattern) });
    }
    const matchers = this.pattern.map((p) => toMatcher(this.name, p, this.options.partialObjects));
    if (!this.options.subsequence) {
      if (actual.length !== this.pattern.length) {
        return result.recordFailure({
          matcher: this,
          path: [],
          message: `expected an array of length ${this.pattern.length} but received one of length ${actual.length}: ${renderValue(actual)}`,
          cost: patternWeight(this.pattern),
        });
      }
      matchers.forEach((m, i) => result.compose(String(i), m.test(actual[i])));
      return result;
    }

    // Greedy search: taking the earliest matching element for each pattern
    // element never prevents a later pattern element from matching.
    let cursor = 0;
    for (let p = 0; p < matchers.length; p++) {
      let found = false;
      let closest: { index: number; result: MatchResult } | undefined;
      for (let i = cursor; i < actual.length; i++) {
        const inner = matchers[p].test(actual[i]);
        if (inner.isSuccess) {
          result.compose(String(i), inner);
          cursor = i + 1;
          found = true;
          break;
        }
        if (closest === undefined || isCloser(inner, closest.result)) {
          closest = { index: i, result: inner };
        }
      }
      if (found) {
        continue;
      }
      const where = cursor === 0 ? 'in the array' : `after index ${cursor - 1} (where pattern element ${p - 1} matched)`;
      // The closest candidate's mismatches carry the cost of element p; the
      // elements after p were never looked for.
      const unchecked = this.pattern.slice(p + 1).reduce((sum: number, e: any) => sum + patternWeight(e), 0);
      result.recordFailure({
        matcher: this,
        path: [],
        message: `no element ${where} matches pattern element ${p}: ${renderValue(this.pattern[p])}`,
        cost: (closest === undefined ? patternWeight(this.pattern[p]) : 0) + unchecked,
      });
      if (closest !== undefined) {
        for (const f of closest.result.failures) {
          result.recordFailure({
            ...f,
            path: [String(closest.index), ...f.path],
            message: `${f.message} (closest candidate for pattern element ${p})`,
          });
        }
      }
      return result;
    }
    return result;
  }

  public override toJSON(): any {
    return { [`<${this.name}>`]: this.pattern };
  }
}

/** Succeeds when the inner pattern (exact unless it is a matcher) does not match. */
export class NotMatch extends Matcher {
  constructor(public override readonly name: string, private readonly pattern: any) {
    super();
  }

  public override test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    const inner = toMatcher(this.name, this.pattern, false).test(actual);
    if (inner.isSuccess) {
      result.push(this, [], `expected a value not matching ${renderValue(this.pattern)} but received ${renderValue(actual)}`);
    }
    return result;
  }

  public override toJSON(): any {
    return { [`<${this.name}>`]: this.pattern };
  }
}

/** Any value except `null` and `undefined`. */
export class AnyMatch extends Matcher {
  constructor(public override readonly name: string) {
    super();
  }

  public override test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (actual === null || actual === undefined) {
      result.push(this, [], `expected any value but received ${actual}`);
    }
    return result;
  }
}

/** Only `undefined`, i.e. the key must be missing from its object. */
export class AbsentMatch extends Matcher {
  constructor(public override readonly name: string) {
    super();
  }

  public override test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (actual !== undefined) {
      result.push(this, [], `expected the key to be absent but received ${renderValue(actual)}`);
    }
    return result;
  }
}

/** A string in which the regular expression finds a match. */
export class StringLikeRegexpMatch extends Matcher {
  private readonly regex: RegExp;

  constructor(public override readonly name: string, private readonly pattern: string) {
    super();
    if (typeof pattern !== 'string') {
      throw new Error(`${name}: the pattern must be a string, got ${renderValue(pattern)}`);
    }
    this.regex = new RegExp(pattern);
  }

  public override test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (typeof actual !== 'string') {
      return result.push(this, [], `expected a string matching /${this.pattern}/ but ${received(actual)}`);
    }
    if (!this.regex.test(actual)) {
      result.push(this, [], `expected a string matching /${this.pattern}/ but received ${renderValue(actual)}`);
    }
    return result;
  }

  public override toJSON(): any {
    return `<${this.name} /${this.pattern}/>`;
  }
}

/** A string holding JSON whose parsed value matches the pattern (exact unless it is a matcher). */
export class SerializedJsonMatch extends Matcher {
  constructor(public override readonly name: string, private readonly pattern: any) {
    super();
  }

  public override test(actual: any): MatchResult {
    const result = new MatchResult(actual);
    if (typeof actual !== 'string') {
      return result.push(this, [], `expected a JSON string but ${received(actual)}`);
    }
    let parsed: any;
    try {
      parsed = JSON.parse(actual);
    } catch {
      return result.push(this, [], `expected a JSON string but received a string that is not valid JSON: ${renderValue(actual)}`);
    }
    return result.compose('(json)', toMatcher(this.name, this.pattern, false).test(parsed));
  }

  public override toJSON(): any {
    return { [`<${this.name}>`]: this.pattern };
  }
}
