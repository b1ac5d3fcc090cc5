/**
 * EventBridge event patterns: the checks of a literal pattern an `EventRule` is given, and the copy it keeps.
 *
 * The matchers and the values they take follow the "Supported operators" table of Alibaba Cloud's event pattern page,
 * https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns (the same table is on the ApsaraMQ
 * pages that describe EventBridge patterns, such as
 * https://www.alibabacloud.com/help/en/apsaramq-for-rocketmq/cloud-message-queue-rocketmq-5-x-series/user-guide/message-filtering-2):
 *
 * - an exact value: a string (`""` too), a number, `true`, `false` or `null`
 * - `{ prefix: "acs." }`, `{ suffix: ".jpg" }`, `{ contains: "Normal" }`: a string
 * - `{ "anything-but": ... }`: a string, a number, a list of them, or `{ prefix: "init" }`
 * - `{ numeric: [">", 0, "<=", 5] }`: a value ("equals", the RocketMQ page) or a range. The pages show `>` and `<=`;
 *   `=` stands for "equals", and `<` and `>=` are the counterparts the pages do not show. A range pairs a lower with an
 *   upper bound, as in the example (not stated on the pages; the other pairs are contradictions or redundant)
 * - `{ cidr: "10.0.0.0/24" }`: IPv4 only
 * - `{ exists: false }`
 *
 * Each matcher is an object of its own, but for `{ prefix, suffix }` together (a value that starts with the one and
 * ends with the other): the only combination Alibaba shows, in the `FilterPattern` example of
 * https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters
 * (`"subject": [{"prefix": "acs:oss:cn-hangzhou:123456789098****:my-movie-bucket/", "suffix": ".txt"}]`). Other keys
 * together are refused (list matchers side by side to match any of them). `equals-ignore-case` is on neither page and
 * is refused.
 *
 * Beyond what the pages say, what the template cannot carry is refused: a token as a field or matcher name (ROS CDK
 * core renders the keys of a map at synth, and fails on a token there), a field named `__proto__` (core drops it when
 * it renders the template), holes in a list (dropped when rendered), and a value or matcher that repeats another in the
 * same field (compared as literal JSON; a mistake, since a field matches any of its items).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { fragmentsOf, literalText } from './text';
import { describeValue, invalid, isUnresolved, ValidationError } from './validation';

const MATCHERS = ['prefix', 'suffix', 'contains', 'anything-but', 'numeric', 'cidr', 'exists'];
/** The matchers documented together in one object, each as its keys sorted and joined with a comma. */
const COMBINATIONS = ['prefix,suffix'];
/**
 * Values or matchers in one leaf of an EventBridge rule's pattern (the ROS reference of `ALIYUN::EventBridge::Rule`:
 * "a maximum of five expressions"; the limits page lists it under event rules:
 * https://www.alibabacloud.com/help/en/eventbridge/product-overview/limits).
 */
const MAX_LEAF_ITEMS = 5;
/** The comparisons of a numeric matcher: `=` for a value, a lower and an upper bound for a range. */
const LOWER_BOUNDS = ['>', '>='];
const UPPER_BOUNDS = ['<', '<='];
const NUMERIC_OPERATORS = ['=', ...LOWER_BOUNDS, ...UPPER_BOUNDS];
const NUMERIC_SHAPE = 'must be a value or a range, such as ["=", 5] or [">", 0, "<=", 5]: one or two comparisons, each an operator '
  + `(${NUMERIC_OPERATORS.map((o) => JSON.stringify(o)).join(', ')}) followed by a number`;
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4_CIDR = new RegExp(`^${OCTET}(\\.${OCTET}){3}(/(3[0-2]|[12]?[0-9]))?$`);
const CIDR_SHAPE = 'must be an IPv4 address or CIDR block, such as "10.0.0.0/24"';

/**
 * Checks a literal event pattern: a plain object (not empty, not cyclic) whose values are objects again or lists of at
 * most `maxLeafItems` values and matchers, each matcher with the value Alibaba documents for it. Tokens are not looked
 * into, but the literal text around tokens in a CIDR is.
 *
 * @param maxLeafItems the most values and matchers one list may hold: 5 for an EventBridge rule (the ROS reference of
 * `ALIYUN::EventBridge::Rule`), `Infinity` where the API states no limit (CreateEventStreaming's `FilterPattern`)
 */
export function checkPattern(scope: ros.IConstruct, prop: string, pattern: unknown, maxLeafItems: number = MAX_LEAF_ITEMS): void {
  if (isUnresolved(pattern)) {
    return;
  }
  if (!isPlainObject(pattern) || Object.keys(pattern).length === 0) {
    throw fail(scope, prop, pattern, 'must be an object such as { source: ["acs.oss"] }, with at least one field');
  }
  checkFields(scope, prop, pattern, [{ object: pattern, prop }], maxLeafItems);
}

/**
 * A deep copy of a pattern: plain objects and arrays are copied, everything else (strings, numbers, tokens and other
 * objects) is kept as it is. A rule that keeps the copy renders what it was given, whatever its caller changes later.
 * Objects met twice are copied once, so a shared list stays shared and a cycle stays a cycle (for `checkPattern` to
 * report) instead of overflowing the stack.
 */
export function copyPattern<T>(pattern: T): T {
  const copies = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || isUnresolved(value) || (!Array.isArray(value) && !isPlainObject(value))) {
      return value;
    }
    const known = copies.get(value);
    if (known !== undefined) {
      return known;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = new Array(value.length);
      copies.set(value, out);
      for (let i = 0; i < value.length; i++) {
        out[i] = copy(value[i]);
      }
      return out;
    }
    const out: { [key: string]: unknown } = {};
    copies.set(value, out);
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, not assignment: a field named "__proto__" stays a field
      Object.defineProperty(out, key, { value: copy(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return copy(pattern) as T;
}

/** An object on the way from the pattern to the field being checked, with its prop for the error. */
interface Ancestor {
  readonly object: object;
  readonly prop: string;
}

function checkFields(scope: ros.IConstruct, prop: string, pattern: object, ancestors: readonly Ancestor[], maxLeafItems: number): void {
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '') {
      throw fail(scope, prop, pattern, 'must not have a field with an empty name');
    }
    if (isUnresolved(key)) {
      throw invalid(scope, prop, shownText(scope, key), 'must have literal field names, not tokens: ROS renders the keys of a map at synth');
    }
    if (key === '__proto__') {
      throw invalid(scope, prop, key, 'must not have a field named "__proto__": the template would drop it');
    }
    const at = `${prop}.${key}`;
    if (isUnresolved(value)) {
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length === 0 || value.length > maxLeafItems) {
        throw fail(scope, at, value, Number.isFinite(maxLeafItems) ? `must list 1 to ${maxLeafItems} values or matchers` : 'must list at least one value or matcher');
      }
      checkNoHoles(scope, at, value, 'must be a value or a matcher, not a hole in a sparse list (the template would drop it)');
      const seen = new Map<string, number>();
      value.forEach((item, i) => {
        checkLeaf(scope, `${at}[${i}]`, item);
        const json = literalJson(scope, item);
        const first = json === undefined ? undefined : seen.get(json);
        if (first !== undefined) {
          throw fail(scope, `${at}[${i}]`, item, `must differ from the other values and matchers of ${at}: it repeats ${at}[${first}]`);
        }
        if (json !== undefined) {
          seen.set(json, i);
        }
      });
    } else if (isPlainObject(value)) {
      const cycle = ancestors.find((a) => a.object === value);
      if (cycle !== undefined) {
        throw invalid(scope, at, `a reference back to ${cycle.prop}`, 'must not hold the object it is in: a pattern is a tree, not a cycle');
      }
      if (Object.keys(value).length === 0) {
        throw fail(scope, at, value, 'must be an object such as { source: ["acs.oss"] }, with at least one field');
      }
      checkFields(scope, at, value, [...ancestors, { object: value, prop: at }], maxLeafItems);
    } else {
      throw fail(scope, at, value, 'must be a list of values or matchers (such as ["acs.oss"]), or an object of them');
    }
  }
}

function checkLeaf(scope: ros.IConstruct, prop: string, item: unknown): void {
  if (item === null || typeof item === 'string' || typeof item === 'boolean' || isUnresolved(item)) {
    return;
  }
  if (typeof item === 'number') {
    if (!Number.isFinite(item)) {
      throw fail(scope, prop, item, 'must be a finite number');
    }
    return;
  }
  if (!isPlainObject(item)) {
    throw fail(scope, prop, item, 'must be a value or a matcher object');
  }
  const keys = Object.keys(item);
  const tokenKey = keys.find((k) => isUnresolved(k));
  if (tokenKey !== undefined) {
    throw invalid(scope, prop, shownText(scope, tokenKey), 'must name its matchers literally, not with tokens: ROS renders the keys of a map at synth');
  }
  if (keys.length === 0 || keys.some((k) => !MATCHERS.includes(k))) {
    throw fail(scope, prop, item, `must be a value or a matcher (${MATCHERS.map((m) => `{ ${m} }`).join(', ')})`);
  }
  if (keys.length > 1 && !COMBINATIONS.includes([...keys].sort().join(','))) {
    throw fail(scope, prop, item, 'must hold one matcher, or a prefix with a suffix ({ prefix, suffix }, the one combination EventBridge documents); '
      + 'list matchers side by side to match any of them');
  }
  for (const name of keys) {
    checkMatcher(scope, `${prop}.${name}`, name, (item as { [key: string]: unknown })[name]);
  }
}

function checkMatcher(scope: ros.IConstruct, prop: string, name: string, value: unknown): void {
  // a token is never checked as a literal; only a CIDR's literal text around its tokens is
  if (isUnresolved(value) && !(name === 'cidr' && typeof value === 'string')) {
    return;
  }
  switch (name) {
    case 'prefix':
    case 'suffix':
    case 'contains':
      if (typeof value !== 'string') {
        throw fail(scope, prop, value, 'must be a string');
      }
      return;
    case 'exists':
      if (typeof value !== 'boolean') {
        throw fail(scope, prop, value, 'must be true or false');
      }
      return;
    case 'cidr':
      checkCidr(scope, prop, value);
      return;
    case 'numeric':
      checkNumeric(scope, prop, value);
      return;
    default:
      checkAnythingBut(scope, prop, value);
  }
}

function checkAnythingBut(scope: ros.IConstruct, prop: string, value: unknown): void {
  const isValue = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || isUnresolved(v);
  if (Array.isArray(value)) {
    checkNoHoles(scope, prop, value, 'must list strings and numbers, without holes (the template would drop them)');
  }
  if (isValue(value) || (Array.isArray(value) && value.length > 0 && value.every(isValue))) {
    return;
  }
  if (isPlainObject(value) && Object.keys(value).length === 1 && Object.keys(value)[0] === 'prefix') {
    const prefix = (value as { prefix: unknown }).prefix;
    if (typeof prefix !== 'string' && !isUnresolved(prefix)) {
      throw fail(scope, `${prop}.prefix`, prefix, 'must be a string');
    }
    return;
  }
  throw fail(scope, prop, value, 'must be a string, a number, a non-empty list of strings and numbers, or { prefix: "..." }');
}

function checkNumeric(scope: ros.IConstruct, prop: string, value: unknown): void {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 4)) {
    throw fail(scope, prop, value, NUMERIC_SHAPE);
  }
  let literal = true;
  for (let i = 0; i < value.length; i += 2) {
    const [operator, bound] = [value[i], value[i + 1]];
    if (isUnresolved(operator)) {
      literal = false;
    } else if (!NUMERIC_OPERATORS.includes(operator)) {
      throw fail(scope, `${prop}[${i}]`, operator, `must be one of ${NUMERIC_OPERATORS.map((o) => JSON.stringify(o)).join(', ')}`);
    }
    if (isUnresolved(bound)) {
      literal = false;
    } else if (typeof bound !== 'number' || !Number.isFinite(bound)) {
      throw fail(scope, `${prop}[${i + 1}]`, bound, 'must be a finite number');
    }
  }
  if (value.length !== 4 || !literal) {
    return;
  }
  const lowerFirst = LOWER_BOUNDS.includes(value[0]);
  const [lowerOp, lower, upperOp, upper] = lowerFirst ? value : [value[2], value[3], value[0], value[1]];
  if (!LOWER_BOUNDS.includes(lowerOp) || !UPPER_BOUNDS.includes(upperOp)) {
    throw fail(scope, prop, value, 'must pair a lower bound (">" or ">=") with an upper bound ("<" or "<="), such as [">", 0, "<=", 5]');
  }
  if (lower > upper || (lower === upper && (lowerOp === '>' || upperOp === '<'))) {
    throw fail(scope, prop, value, 'must be a range some number falls in: its lower bound is above its upper bound');
  }
}

function checkCidr(scope: ros.IConstruct, prop: string, value: unknown): void {
  if (typeof value !== 'string') {
    throw fail(scope, prop, value, CIDR_SHAPE);
  }
  const fragments = fragmentsOf(scope, value);
  const whole = fragments.length === 1 && fragments[0].literal !== undefined;
  const literal = literalText(fragments);
  // with tokens, only what the literal pieces can hold is known: digits, dots and one slash
  if (whole ? !IPV4_CIDR.test(value) : (!/^[0-9./]*$/.test(literal) || literal.split('/').length > 2)) {
    throw fail(scope, prop, value, CIDR_SHAPE); // shown as its literal pieces, with <token> for each token
  }
}

/** A string with tokens as an error shows it: its literal pieces, with `<token>` for each token. */
function shownText(scope: ros.IConstruct, value: string): string {
  return literalText(fragmentsOf(scope, value), '<token>');
}

/**
 * Throws for the first hole of a sparse list, as `<prop>[<i>]`. A list with fewer own keys than its length has a hole,
 * found without walking a huge length item by item; otherwise its length is at most its number of keys.
 */
function checkNoHoles(scope: ros.IConstruct, prop: string, list: readonly unknown[], allowed: string): void {
  let hole = 0;
  if (Object.keys(list).length >= list.length) {
    while (hole < list.length && hole in list) {
      hole++;
    }
    if (hole === list.length) {
      return;
    }
  } else {
    while (hole in list) {
      hole++;
    }
  }
  throw invalid(scope, `${prop}[${hole}]`, 'a hole', allowed);
}

/**
 * The JSON of a value, with the keys of objects sorted, to compare two items of a field; `undefined` when it holds a
 * token object (two of them may render alike or not) or cannot be written as JSON. A string with tokens is written as
 * its literal pieces and the rendered form of its tokens, so two joins of the same parts compare equal.
 */
function literalJson(scope: ros.IConstruct, value: unknown): string | undefined {
  const walk = (v: unknown, depth: number): string | undefined => {
    if (depth > 50) {
      return undefined;
    }
    if (typeof v === 'string' && isUnresolved(v)) {
      return `T${JSON.stringify(fragmentsOf(scope, v))}`;
    }
    if (v === null || typeof v === 'string' || typeof v === 'boolean') {
      return JSON.stringify(v);
    }
    if (typeof v === 'number') {
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    }
    if (Array.isArray(v)) {
      const items: string[] = [];
      for (let i = 0; i < v.length; i++) {
        const item = walk(v[i], depth + 1);
        if (item === undefined) {
          return undefined;
        }
        items.push(item);
      }
      return `[${items.join(',')}]`;
    }
    if (isPlainObject(v)) {
      const fields: string[] = [];
      for (const key of Object.keys(v).sort()) {
        const item = walk((v as { [key: string]: unknown })[key], depth + 1);
        if (item === undefined) {
          return undefined;
        }
        fields.push(`${JSON.stringify(key)}:${item}`);
      }
      return `{${fields.join(',')}}`;
    }
    return undefined;
  };
  try {
    return walk(value, 0);
  } catch {
    return undefined;
  }
}

/** True for `{}`-like objects: not arrays, class instances (tokens among them), dates or maps. */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  // the prototype of another realm's Object.prototype is null too
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * `invalid`, for a value that may not be printable (a cyclic object without a prototype), and that shows each string
 * with tokens in it as its literal pieces, with `<token>` for each token (a join is one token marker, but not one piece).
 */
function fail(scope: ros.IConstruct, prop: string, value: unknown, allowed: string): ValidationError {
  let shown: unknown;
  try {
    shown = withLiteralPieces(scope, value);
  } catch {
    shown = value; // a cycle, shown as describeValue can
  }
  try {
    describeValue(shown);
  } catch {
    return invalid(scope, prop, 'an object that cannot be shown', allowed);
  }
  return invalid(scope, prop, shown, allowed);
}

/** A copy of a value for an error, each string with tokens as its literal pieces; throws on a cycle. */
function withLiteralPieces(scope: ros.IConstruct, value: unknown, open: Set<object> = new Set()): unknown {
  if (typeof value === 'string') {
    return isUnresolved(value) ? shownText(scope, value) : value;
  }
  if (typeof value !== 'object' || value === null || (!Array.isArray(value) && !isPlainObject(value))) {
    return value;
  }
  if (open.has(value) || open.size > 50) {
    throw new Error('a cycle');
  }
  open.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item) => withLiteralPieces(scope, item, open));
    }
    const out: { [key: string]: unknown } = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: withLiteralPieces(scope, item, open), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    open.delete(value);
  }
}
