import { MatchResult } from './model';

/**
 * EventBridge event-pattern matching and SMQ filter tags, offline: what the route simulator decides at each hop.
 *
 * Event patterns follow Alibaba Cloud's reference, https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns
 * (the same table is on https://www.alibabacloud.com/help/en/apsaramq-for-rocketmq/cloud-message-queue-rocketmq-4-x-series/user-guide/message-filtering-3,
 * which adds the "Array" row):
 *
 * - A pattern has the nesting of the event. Every key must match (AND); the items of one list are alternatives (OR).
 *   Fields the pattern does not name are not looked at. Matching is exact and case-sensitive.
 * - Items: an exact value (string, `""` too, number, `true`, `false`, `null`), `{ prefix }`, `{ suffix }`,
 *   `{ prefix, suffix }` (both must hold: Alibaba's own `subject` example on
 *   https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters), `{ contains }`,
 *   `{ "anything-but": value | [values] | { prefix } }`, `{ numeric: [op, n] | [op, n, op, n] }` (`=`, `>`, `>=`, `<`,
 *   `<=`), `{ cidr: "10.0.0.0/24" }` (IPv4), `{ exists: true | false }`: the operators `lib/core/event-pattern.ts`
 *   accepts at synth.
 * - A field whose value in the event is a list matches when any element does (the "Array" row; AWS states the same as a
 *   non-empty intersection, https://docs.aws.amazon.com/eventbridge/latest/userguide/arrays-in-eventbridge-event-patterns.html).
 *   A nested pattern over a list of objects matches when one element matches the whole nested pattern.
 *
 * Where the reference is silent, the choices are these (AWS EventBridge's documented behaviour unless said otherwise):
 * - An absent field matches only `{ exists: false }`; `[null]` matches a field present with the value `null`, not an
 *   absent one; `[""]` matches only the empty string.
 * - `{ exists: true }` matches a field that is present, whatever its value (`null` and objects too: Alibaba's wording
 *   "the field exists"; AWS looks at leaf fields only).
 * - Exact values compare with the JSON type: `5` does not match `"5"`. `prefix`, `suffix`, `contains` and `cidr` match
 *   strings only; `numeric` matches JSON numbers only.
 * - `anything-but` matches any present value that is not one of its values (or, with `{ prefix }`, not a string with
 *   that prefix), so `null` and values of another type match it; an absent field does not.
 *
 * A pattern that the synth-time checks would refuse, or that holds a deploy-time value (`{ "Fn::Sub": ... }`), never
 * throws: the result is "not matched" with the reason.
 */
export class EventPatternMatcher {
  /**
   * Whether `event` matches the EventBridge `pattern`. An empty pattern (`{}`, the match-all of an event stream) matches
   * everything.
   *
   * @param pattern the pattern, as the template states it (an object, not JSON text)
   * @param event the event, as EventBridge sees it (the CloudEvent: `source`, `type`, `subject`, `data`, ...)
   * @returns matched, and the reason: each field and the rule that matched, or the first field that did not
   */
  public static match(pattern: object, event: object): MatchResult {
    if (!isRecord(pattern)) {
      return { matched: false, reason: `the pattern ${show(pattern)} is not an object` };
    }
    if (Object.keys(pattern).length === 0) {
      return { matched: true, reason: 'the pattern {} matches every event' };
    }
    if (!isRecord(event)) {
      return { matched: false, reason: `the event ${show(event)} is not an object` };
    }
    const out = matchObject(pattern, event, '');
    return { matched: out.matched, reason: out.reasons.join('; ') };
  }

  /**
   * SMQ message filtering (https://www.alibabacloud.com/help/en/mns/developer-reference/message-filtering): a
   * subscription (or topic trigger) with a filter tag receives only the messages published with that same tag; one
   * without a filter tag receives every message, tagged or not. An empty tag counts as no tag.
   *
   * @param subscriptionFilterTag the subscription's `FilterTag` (FC topic trigger: `filterTag`), if any
   * @param messageTag the tag the message was published with (`MessageTag`), if any
   */
  public static matchFilterTag(subscriptionFilterTag?: string, messageTag?: string): MatchResult {
    const filter = typeof subscriptionFilterTag === 'string' && subscriptionFilterTag !== '' ? subscriptionFilterTag : undefined;
    const tag = typeof messageTag === 'string' && messageTag !== '' ? messageTag : undefined;
    if (filter === undefined) {
      return { matched: true, reason: tag === undefined ? 'no filter tag: every message passes'
        : `no filter tag: every message passes (the message's tag ${JSON.stringify(tag)} is not looked at)` };
    }
    if (tag === undefined) {
      return { matched: false, reason: `the message has no tag; the filter tag is ${JSON.stringify(filter)}` };
    }
    if (tag === filter) {
      return { matched: true, reason: `filter tag ${JSON.stringify(filter)} matched` };
    }
    return { matched: false, reason: `the message's tag ${JSON.stringify(tag)} is not the filter tag ${JSON.stringify(filter)}` };
  }
}

/** The outcome of one part of a pattern: the reasons of every matched field, or the one that failed. */
interface Outcome {
  readonly matched: boolean;
  readonly reasons: string[];
}

const DEPLOY_TIME = /^(Fn::|Ref$)/;
const NUMERIC_OPERATORS = ['=', '>', '>=', '<', '<='];
/** Nesting a pattern may have; the checks refuse cycles, this stops one that reaches the matcher anyway. */
const MAX_DEPTH = 100;

function matchObject(pattern: { [key: string]: unknown }, event: { [key: string]: unknown }, at: string, depth = 0): Outcome {
  if (depth > MAX_DEPTH) {
    return fail(`${at}: the pattern is nested deeper than ${MAX_DEPTH} levels (a cycle?)`);
  }
  const reasons: string[] = [];
  for (const key of Object.keys(pattern)) {
    const path = at === '' ? key : `${at}.${key}`;
    const present = Object.prototype.hasOwnProperty.call(event, key) && event[key] !== undefined;
    const out = matchField(pattern[key], present, present ? event[key] : undefined, path, depth);
    if (!out.matched) {
      return out;
    }
    reasons.push(...out.reasons);
  }
  return { matched: true, reasons };
}

function matchField(spec: unknown, present: boolean, value: unknown, path: string, depth: number): Outcome {
  if (Array.isArray(spec)) {
    return matchLeaf(spec, present, value, path);
  }
  if (!isRecord(spec)) {
    return fail(`${path}: the pattern holds ${show(spec)}, not a list of values or matchers nor an object of fields`);
  }
  if (deployTime(spec)) {
    return fail(`${path}: the pattern holds the deploy-time value ${show(spec)}, which cannot be evaluated offline`);
  }
  if (!present) {
    return fail(`${path}: absent from the event`);
  }
  if (isRecord(value)) {
    return matchObject(spec, value, path, depth + 1);
  }
  if (Array.isArray(value)) {
    let first: Outcome | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (isRecord(item)) {
        const out = matchObject(spec, item, `${path}[${i}]`, depth + 1);
        if (out.matched) {
          return out;
        }
        first = first ?? out;
      }
    }
    return first ?? fail(`${path}: ${show(value)} holds no object to look into`);
  }
  return fail(`${path}: is ${show(value)}, not an object`);
}

function matchLeaf(items: readonly unknown[], present: boolean, value: unknown, path: string): Outcome {
  if (items.length === 0) {
    return fail(`${path}: the pattern lists no values or matchers`);
  }
  if (!present) {
    const absent = items.some((item) => isRecord(item) && item.exists === false && Object.keys(item).length === 1);
    return absent ? pass(`${path}: absent, and exists false matched`)
      : fail(`${path}: absent from the event (the pattern wants ${show(items)})`);
  }
  const exact = items.filter((item) => !isRecord(item));
  const problems: string[] = [];
  for (const item of items) {
    const hit = matchItem(item, value, exact, problems);
    if (hit !== undefined) {
      return pass(`${path}: ${hit}`);
    }
  }
  if (problems.length > 0) {
    return fail(`${path}: ${problems[0]}`);
  }
  const shown = Array.isArray(value) ? `no element of ${show(value)}` : show(value);
  if (exact.length === items.length) {
    return fail(`${path}: ${shown} ${Array.isArray(value) ? 'is' : 'is not'} one of ${show(items)}`);
  }
  return fail(items.length === 1 ? `${path}: ${shown} does not match ${describe(items[0])}` : `${path}: ${shown} matches none of ${show(items)}`);
}

/**
 * Whether one item of a leaf matches the event's value (any element of it, when it is a list; `exists` looks at the
 * field itself): the words for the reason when it does, `undefined` when it does not. A pattern item that cannot be
 * evaluated adds a problem instead.
 */
function matchItem(item: unknown, value: unknown, exact: readonly unknown[], problems: string[]): string | undefined {
  if (isRecord(item) && Object.keys(item).length === 1 && 'exists' in item) {
    if (item.exists === true) {
      return 'exists true matched';
    }
    if (item.exists !== false) {
      problems.push(`the pattern's ${show(item)} is not exists true or false`);
    }
    return undefined;
  }
  const test = compile(item, problems);
  if (test === undefined) {
    return undefined;
  }
  const words = (v: unknown): string => (test.exact ? `${show(v)} is one of ${show(exact)}` : `${test.words} matched`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (test.test(value[i])) {
        return `${words(value[i])} (element ${i} of ${show(value)})`;
      }
    }
    return undefined;
  }
  return test.test(value) ? words(value) : undefined;
}

/** A compiled pattern item: a test of one value, and the words naming the rule. */
interface Test {
  readonly test: (value: unknown) => boolean;
  readonly words: string;
  /** True for an exact value (its reason names the list of exact values). */
  readonly exact?: boolean;
}

function compile(item: unknown, problems: string[]): Test | undefined {
  if (!isRecord(item)) {
    if (Array.isArray(item) || (typeof item === 'number' && !Number.isFinite(item)) || item === undefined || typeof item === 'function'
      || typeof item === 'symbol' || typeof item === 'bigint') {
      problems.push(`the pattern's item ${show(item)} is not a value or a matcher`);
      return undefined;
    }
    return { test: (v) => v === item, words: show(item), exact: true };
  }
  if (holdsDeployTime(item, 0)) {
    problems.push(`the pattern's ${show(item)} holds a deploy-time value, which cannot be evaluated offline`);
    return undefined;
  }
  const keys = Object.keys(item).sort();
  const sig = keys.join(',');
  const bad = (what: string): undefined => {
    problems.push(`the pattern's ${show(item)} ${what}`);
    return undefined;
  };
  const str = (name: string): string | undefined => (typeof item[name] === 'string' ? item[name] as string : undefined);
  switch (sig) {
    case 'prefix': {
      const p = str('prefix');
      return p === undefined ? bad('needs a string prefix')
        : { test: (v) => typeof v === 'string' && v.startsWith(p), words: `prefix ${JSON.stringify(p)}` };
    }
    case 'suffix': {
      const s = str('suffix');
      return s === undefined ? bad('needs a string suffix')
        : { test: (v) => typeof v === 'string' && v.endsWith(s), words: `suffix ${JSON.stringify(s)}` };
    }
    case 'prefix,suffix': {
      const [p, s] = [str('prefix'), str('suffix')];
      return p === undefined || s === undefined ? bad('needs a string prefix and suffix')
        : { test: (v) => typeof v === 'string' && v.startsWith(p) && v.endsWith(s), words: `prefix ${JSON.stringify(p)} and suffix ${JSON.stringify(s)}` };
    }
    case 'contains': {
      const c = str('contains');
      return c === undefined ? bad('needs a string')
        : { test: (v) => typeof v === 'string' && v.includes(c), words: `contains ${JSON.stringify(c)}` };
    }
    case 'anything-but':
      return anythingBut(item['anything-but'], bad);
    case 'numeric':
      return numeric(item.numeric, bad);
    case 'cidr':
      return cidr(item.cidr, bad);
    default:
      return bad(keys.length === 0 ? 'names no matcher' : 'is not a matcher EventBridge documents');
  }
}

function anythingBut(spec: unknown, bad: (what: string) => undefined): Test | undefined {
  const words = `anything-but ${show(spec)}`;
  const isValue = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  if (isValue(spec)) {
    return { test: (v) => v !== spec, words };
  }
  if (Array.isArray(spec) && spec.length > 0 && spec.every(isValue)) {
    return { test: (v) => !spec.includes(v), words };
  }
  if (isRecord(spec) && Object.keys(spec).length === 1 && typeof spec.prefix === 'string') {
    const p = spec.prefix;
    return { test: (v) => !(typeof v === 'string' && v.startsWith(p)), words };
  }
  return bad('needs a string, a number, a list of them, or { prefix }');
}

function numeric(spec: unknown, bad: (what: string) => undefined): Test | undefined {
  if (!Array.isArray(spec) || (spec.length !== 2 && spec.length !== 4)) {
    return bad('needs one or two comparisons, such as [">", 0, "<=", 5]');
  }
  const checks: Array<(n: number) => boolean> = [];
  for (let i = 0; i < spec.length; i += 2) {
    const [op, bound] = [spec[i], spec[i + 1]];
    if (!NUMERIC_OPERATORS.includes(op) || typeof bound !== 'number' || !Number.isFinite(bound)) {
      return bad(`has ${show(op)} ${show(bound)}, not an operator (${NUMERIC_OPERATORS.join(' ')}) followed by a number`);
    }
    checks.push(compare(op, bound));
  }
  return { test: (v) => typeof v === 'number' && Number.isFinite(v) && checks.every((c) => c(v)), words: `numeric ${show(spec)}` };
}

function compare(op: string, bound: number): (n: number) => boolean {
  switch (op) {
    case '=': return (n) => n === bound;
    case '>': return (n) => n > bound;
    case '>=': return (n) => n >= bound;
    case '<': return (n) => n < bound;
    default: return (n) => n <= bound;
  }
}

function cidr(spec: unknown, bad: (what: string) => undefined): Test | undefined {
  const block = typeof spec === 'string' ? parseBlock(spec) : undefined;
  if (block === undefined) {
    return bad('needs an IPv4 address or CIDR block, such as "10.0.0.0/24"');
  }
  const mask = block.bits === 0 ? 0 : (0xffffffff << (32 - block.bits)) >>> 0;
  const net = (block.address & mask) >>> 0;
  return {
    test: (v) => {
      const ip = typeof v === 'string' ? parseAddress(v) : undefined;
      return ip !== undefined && ((ip & mask) >>> 0) === net;
    },
    words: `cidr ${JSON.stringify(spec)}`,
  };
}

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** An IPv4 address as an unsigned 32-bit number, or `undefined`. */
function parseAddress(text: string): number | undefined {
  if (!IPV4.test(text)) {
    return undefined;
  }
  return text.split('.').reduce((acc, octet) => ((acc * 256) + Number(octet)) >>> 0, 0);
}

/** An IPv4 address or CIDR block (a bare address is a /32). */
function parseBlock(text: string): { address: number; bits: number } | undefined {
  const [address, bits, ...rest] = text.split('/');
  const ip = parseAddress(address);
  if (ip === undefined || rest.length > 0) {
    return undefined;
  }
  if (bits === undefined) {
    return { address: ip, bits: 32 };
  }
  if (!/^(3[0-2]|[12]?[0-9])$/.test(bits)) {
    return undefined;
  }
  return { address: ip, bits: Number(bits) };
}

function describe(item: unknown): string {
  if (!isRecord(item)) {
    return show(item);
  }
  const keys = Object.keys(item).sort().join(',');
  if (keys === 'prefix' || keys === 'suffix' || keys === 'contains' || keys === 'cidr') {
    return `${keys} ${show(item[keys])}`;
  }
  if (keys === 'prefix,suffix') {
    return `prefix ${show(item.prefix)} and suffix ${show(item.suffix)}`;
  }
  if (keys === 'anything-but' || keys === 'numeric' || keys === 'exists') {
    return `${keys} ${show(item[keys])}`;
  }
  return show(item);
}

/** True for a rendered intrinsic (`{ "Fn::Sub": ... }`, `{ Ref: ... }`): a value known only at deploy time. */
function deployTime(value: { [key: string]: unknown }): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && DEPLOY_TIME.test(keys[0]);
}

/** True when a rendered intrinsic is in the value, at most a few levels down. */
function holdsDeployTime(value: unknown, depth: number): boolean {
  if (depth > 5 || typeof value !== 'object' || value === null) {
    return false;
  }
  if (Array.isArray(value)) {
    return value.some((v) => holdsDeployTime(v, depth + 1));
  }
  const record = value as { [key: string]: unknown };
  return deployTime(record) || Object.keys(record).some((k) => holdsDeployTime(record[k], depth + 1));
}

function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as JSON for a reason; what JSON cannot write (a cycle, undefined, NaN) in words. */
function show(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  try {
    const text = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : typeof v === 'bigint' ? String(v) : v));
    return text ?? String(value);
  } catch {
    return 'an object that cannot be shown';
  }
}

function pass(reason: string): Outcome {
  return { matched: true, reasons: [reason] };
}

function fail(reason: string): Outcome {
  return { matched: false, reasons: [reason] };
}
