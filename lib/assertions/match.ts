import { Matcher } from './matcher';
import {
  AbsentMatch,
  AnyMatch,
  ArrayMatch,
  LiteralMatch,
  NotMatch,
  ObjectMatch,
  SerializedJsonMatch,
  StringLikeRegexpMatch,
} from './private/matchers';

/**
 * Factory for the matchers that can be used inside assertion patterns.
 *
 * Where a pattern holds plain values instead of matchers: primitives must be
 * equal, arrays must have the same length with matching elements, and plain
 * objects are matched like `Match.objectLike()` inside `objectLike` patterns
 * (template assertions use objectLike by default) and exactly inside
 * `exact`, `objectEquals`, `arrayWith`, `arrayEquals`, `not` and
 * `serializedJson` patterns. Wrap a nested object in `Match.objectLike()` to
 * relax it there.
 */
export abstract class Match {
  /**
   * The target must be an object that has every key of `pattern` with a
   * matching value; other keys are allowed. Nested plain objects in the
   * pattern are matched objectLike too.
   *
   * @param pattern the keys and values to look for
   */
  public static objectLike(pattern: { [key: string]: any }): Matcher {
    return new ObjectMatch('objectLike', pattern, { partial: true });
  }

  /**
   * The target must be an object with exactly the keys of `pattern`, with
   * matching values. Nested plain objects must match exactly as well.
   *
   * @param pattern the complete expected object
   */
  public static objectEquals(pattern: { [key: string]: any }): Matcher {
    return new ObjectMatch('objectEquals', pattern, { partial: false });
  }

  /**
   * The target must be an array that contains elements matching each pattern
   * element, in the same order but not necessarily next to each other.
   *
   * @param pattern the elements to look for
   */
  public static arrayWith(pattern: any[]): Matcher {
    return new ArrayMatch('arrayWith', pattern, { subsequence: true, partialObjects: false });
  }

  /**
   * The target must be an array of the same length whose elements match the
   * pattern elements one by one.
   *
   * @param pattern the complete expected array
   */
  public static arrayEquals(pattern: any[]): Matcher {
    return new ArrayMatch('arrayEquals', pattern, { subsequence: false, partialObjects: false });
  }

  /**
   * The target must deeply equal `pattern`: objects have exactly the same
   * keys, arrays the same elements. Matchers nested inside the pattern are
   * still applied.
   *
   * @param pattern the expected value (not itself a matcher)
   */
  public static exact(pattern: any): Matcher {
    return new LiteralMatch('exact', pattern, false);
  }

  /** Any value except `null` and `undefined` (so the key must be present). */
  public static anyValue(): Matcher {
    return new AnyMatch('anyValue');
  }

  /** The key must not be present in its object. */
  public static absent(): Matcher {
    return new AbsentMatch('absent');
  }

  /**
   * The target must not match `pattern` (a matcher, or a value compared
   * exactly).
   *
   * @param pattern what the target must not be
   */
  public static not(pattern: any): Matcher {
    return new NotMatch('not', pattern);
  }

  /**
   * The target must be a string in which the regular expression finds a
   * match (use `^` and `$` to anchor it).
   *
   * @param regex the source of a JavaScript regular expression
   */
  public static stringLikeRegexp(regex: string): Matcher {
    return new StringLikeRegexpMatch('stringLikeRegexp', regex);
  }

  /**
   * The target must be a string of JSON whose parsed value matches
   * `pattern` (a matcher, or a value compared exactly).
   *
   * @param pattern the expected parsed value
   */
  public static serializedJson(pattern: any): Matcher {
    return new SerializedJsonMatch('serializedJson', pattern);
  }

  /**
   * Whether `x` is a matcher.
   *
   * @param x any value
   */
  public static isMatcher(x: any): x is Matcher {
    return Matcher.isMatcher(x);
  }
}
