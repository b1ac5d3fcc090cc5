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
 *
 * Where Alibaba's page is silent (its `exists` row says only "Field exists or does not exist in the event"), the
 * matcher does what the reference engine of these patterns, AWS's event-ruler, documents
 * (https://github.com/aws/event-ruler , README sections "Numeric matching", "Exists matching", "JSON Array Matching"):
 * - The event is read as its leaf values (strings, numbers, `true`, `false`, `null`), each at its path of keys. A list
 *   is "crushed out" at any depth: its elements, and the elements of lists in it, sit at the list's own path, so
 *   `{ tags: ["a"] }` matches `{ tags: [["a", "b"], ["c"]] }` and `{ e: { n: ["Anna"] } }` matches
 *   `{ e: [[{ n: "John" }, { n: "Anna" }]] }`. The fields one pattern names must match within the same element of a list
 *   (`{ e: { n: ["Anna"], m: ["Jones"] } }` does not match Anna Smith next to Peter Jones).
 * - `{ exists: true }` matches a path that holds at least one leaf value (`null` too). `{ exists: false }` matches a path
 *   that holds none: the field is absent, a parent of it is absent or is not an object (a string, a number), it holds an
 *   object (exists looks at leaf values only) or an empty list. Inside lists, only the values in the element the rest
 *   of the pattern matched in count (event-ruler's array consistency); with nothing else to choose an element, any
 *   value at the path counts.
 * - `numeric` compares as event-ruler does: only JSON numbers between -5e9 and 5e9 inclusive, to 6 digits after the
 *   decimal point (`0.1 + 0.2` equals `0.3`; `1.0000001` equals `1`). A value outside that range never matches
 *   `numeric`; a bound outside it is reported as a pattern the matcher cannot evaluate (Alibaba documents no range,
 *   and the synth-time checks do not refuse one).
 * - `[null]` matches a field present with the value `null`, not an absent one; `[""]` matches only the empty string.
 * - Exact values compare with the JSON type: `5` does not match `"5"` (Alibaba: values are compared as JSON text, so
 *   `300` and `"300"` differ). `prefix`, `suffix`, `contains` and `cidr` match strings only; `numeric` matches JSON
 *   numbers only.
 * - `anything-but` matches any present value that is not one of its values (or, with `{ prefix }`, not a string with
 *   that prefix), so `null` and values of another type match it; a path with no value does not.
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
  public static match(pattern: { [key: string]: any }, event: { [key: string]: any }): MatchResult {
    if (!isRecord(pattern)) {
      return { matched: false, reason: `the pattern ${show(pattern)} is not an object` };
    }
    if (Object.keys(pattern).length === 0) {
      return { matched: true, reason: 'the pattern {} matches every event' };
    }
    if (!isRecord(event)) {
      return { matched: false, reason: `the event ${show(event)} is not an object` };
    }
    return matchPattern(pattern, event);
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

  /** Static methods only. */
  private constructor() {}
}

const DEPLOY_TIME = /^(Fn::|Ref$)/;
const NUMERIC_OPERATORS = ['=', '>', '>=', '<', '<='];
/** Nesting a pattern (or a list in the event) may have; the checks refuse cycles, this stops one that reaches the matcher anyway. */
const MAX_DEPTH = 100;
/** The numbers event-ruler's numeric matching covers, and the scale of its 6 decimal digits. */
const NUMERIC_LIMIT = 5e9;
const NUMERIC_SCALE = 1e6;
/** Choices the search over list elements may try before it gives up. */
const MAX_STEPS = 100_000;

/** One leaf of the pattern: the path of keys and the list of values and matchers, or why it cannot be evaluated. */
interface Leaf {
  /** The path as the reasons show it, `data.oss.object.key`. */
  readonly path: string;
  readonly keys: readonly string[];
  readonly items: readonly unknown[];
  /** A pattern node that is not a list of items nor an object of fields: the reason. */
  readonly bad?: string;
}

/** One leaf value of the event at a leaf's path. */
interface Field {
  readonly value: unknown;
  /** The path of the value with the indexes of the lists on the way: `data.items[1].name`. */
  readonly where: string;
  /** The lists on the way (each named by its own path) and the element taken in each. */
  readonly membership: ReadonlyArray<readonly [string, number]>;
  /** When the value is an element of a list (of lists) at the leaf's path: that list, its path and the indexes. */
  readonly element?: { readonly list: readonly unknown[]; readonly at: string; readonly indexes: readonly number[] };
}

/** What stands where a leaf's path finds no value: the first such place, for the reasons. */
interface Obstacle {
  readonly kind: 'absent' | 'scalar' | 'object' | 'empty';
  /** The path of the place (with list indexes). */
  readonly at: string;
  /** True when the place is the leaf itself (not a parent of it). */
  readonly atLeaf: boolean;
  readonly value?: unknown;
}

/** A leaf with the event's values at its path and the values that match it. */
interface Evaluated {
  readonly leaf: Leaf;
  readonly fields: Field[];
  readonly obstacle?: Obstacle;
  readonly candidates: Array<{ readonly field: Field; readonly words: string }>;
  /** The leaf lists `{ exists: false }`. */
  readonly absentOk: boolean;
  /** Why the leaf fails even alone. */
  readonly failure?: string;
}

type Membership = ReadonlyMap<string, number>;

function matchPattern(pattern: { [key: string]: unknown }, event: { [key: string]: unknown }): MatchResult {
  const leaves: Leaf[] = [];
  flattenPattern(pattern, [], new Set([pattern]), leaves);
  const evaluated: Evaluated[] = [];
  for (const leaf of leaves) {
    const ev = evaluate(leaf, event);
    if (ev.failure !== undefined) {
      return { matched: false, reason: ev.failure };
    }
    evaluated.push(ev);
  }
  let chosen: Array<{ field: Field; words: string } | undefined> | undefined;
  try {
    chosen = search(evaluated);
  } catch (e) {
    if (e instanceof TooComplex) {
      return { matched: false, reason: `the pattern and the event are too large to compare here (more than ${MAX_STEPS} choices of list elements)` };
    }
    throw e;
  }
  if (chosen === undefined) {
    return { matched: false, reason: combinationFailure(evaluated) };
  }
  const reasons = evaluated.map((ev, i) => {
    const pick = chosen![i];
    return pick === undefined ? `${ev.leaf.path}: ${absentWhy(ev)}, and exists false matched` : placed(pick.field, pick.words);
  });
  return { matched: true, reason: reasons.join('; ') };
}

/** The leaves of a pattern, in its order (depth first), with the pattern nodes that cannot be evaluated as bad leaves. */
function flattenPattern(node: { [key: string]: unknown }, at: readonly string[], ancestors: Set<unknown>, out: Leaf[]): void {
  for (const key of Object.keys(node)) {
    const keys = [...at, key];
    const path = keys.join('.');
    const spec = node[key];
    const bad = (why: string): void => {
      out.push({ path, keys, items: [], bad: why });
    };
    if (Array.isArray(spec)) {
      out.push({ path, keys, items: spec });
    } else if (!isRecord(spec)) {
      bad(`the pattern holds ${show(spec)}, not a list of values or matchers nor an object of fields`);
    } else if (deployTime(spec)) {
      bad(`the pattern holds the deploy-time value ${show(spec)}, which cannot be evaluated offline`);
    } else if (ancestors.has(spec) || keys.length > MAX_DEPTH) {
      bad(`the pattern is nested deeper than ${MAX_DEPTH} levels (a cycle?)`);
    } else if (Object.keys(spec).length === 0) {
      bad('the pattern holds {}, which names no field');
    } else {
      ancestors.add(spec);
      flattenPattern(spec, keys, ancestors, out);
      ancestors.delete(spec);
    }
  }
}

/** The event's values at a leaf's path, the values that match it, and why it fails alone, if it does. */
function evaluate(leaf: Leaf, event: { [key: string]: unknown }): Evaluated {
  const failed = (failure: string): Evaluated => ({ leaf, fields: [], candidates: [], absentOk: false, failure });
  if (leaf.bad !== undefined) {
    return failed(`${leaf.path}: ${leaf.bad}`);
  }
  if (leaf.items.length === 0) {
    return failed(`${leaf.path}: the pattern lists no values or matchers`);
  }
  const fields: Field[] = [];
  const obstacles: Obstacle[] = [];
  reach(event, leaf.keys, 0, '', [], undefined, new Set(), fields, obstacles);
  const obstacle = obstacles[0];
  const problems: string[] = [];
  const exact = leaf.items.filter((item) => !isRecord(item));
  let absentOk = false;
  let existsTrue = false;
  const tests: Test[] = [];
  for (const item of leaf.items) {
    if (isRecord(item) && Object.keys(item).length === 1 && 'exists' in item) {
      if (item.exists === true) {
        existsTrue = true;
      } else if (item.exists === false) {
        absentOk = true;
      } else {
        problems.push(`the pattern's ${show(item)} is not exists true or false`);
      }
      continue;
    }
    const test = compile(item, problems);
    if (test !== undefined) {
      tests.push(test);
    }
  }
  const candidates: Array<{ field: Field; words: string }> = [];
  for (const field of fields) {
    const test = tests.find((t) => t.test(field.value));
    if (test !== undefined) {
      candidates.push({ field, words: test.exact ? `${show(field.value)} is one of ${show(exact)}` : `${test.words} matched` });
    } else if (existsTrue) {
      candidates.push({ field, words: 'exists true matched' });
    }
  }
  // alone, a value in no list always counts against exists false; values in lists may lie in other elements
  const alone = candidates.length > 0 || (absentOk && fields.every((f) => f.membership.length > 0));
  const result: Evaluated = { leaf, fields, obstacle, candidates, absentOk };
  if (alone) {
    return result;
  }
  if (fields.length === 0) {
    return { ...result, failure: obstacleText(obstacle, leaf) };
  }
  if (problems.length > 0) {
    return { ...result, failure: `${leaf.path}: ${problems[0]}` };
  }
  return { ...result, failure: noMatch(leaf, fields) };
}

/**
 * Walks the event along `keys`, crushing lists at any depth: every leaf value at the end goes to `fields`; each place
 * where the walk stops without one goes to `obstacles`.
 */
function reach(node: unknown, keys: readonly string[], i: number, where: string, membership: ReadonlyArray<readonly [string, number]>,
  element: Field['element'], lists: Set<unknown>, fields: Field[], obstacles: Obstacle[]): void {
  const atLeaf = i === keys.length;
  if (Array.isArray(node)) {
    if (lists.has(node) || lists.size > MAX_DEPTH) {
      return; // a list inside itself
    }
    if (node.length === 0) {
      obstacles.push({ kind: 'empty', at: where, atLeaf });
      return;
    }
    lists.add(node);
    for (let j = 0; j < node.length; j++) {
      if (node[j] === undefined) {
        continue;
      }
      const inner = atLeaf ? (element === undefined ? { list: node, at: where, indexes: [j] } : { ...element, indexes: [...element.indexes, j] }) : undefined;
      reach(node[j], keys, i, `${where}[${j}]`, [...membership, [where, j]], inner, lists, fields, obstacles);
    }
    lists.delete(node);
    return;
  }
  if (atLeaf) {
    if (isRecord(node)) {
      obstacles.push({ kind: 'object', at: where, atLeaf });
    } else {
      fields.push({ value: node, where, membership, element });
    }
    return;
  }
  if (!isRecord(node)) {
    obstacles.push({ kind: 'scalar', at: where, atLeaf, value: node });
    return;
  }
  const key = keys[i];
  const at = where === '' ? key : `${where}.${key}`;
  const next = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
  if (next === undefined) {
    obstacles.push({ kind: 'absent', at, atLeaf: i === keys.length - 1 });
    return;
  }
  reach(next, keys, i + 1, at, membership, undefined, lists, fields, obstacles);
}

class TooComplex extends Error {}

/**
 * One value for each leaf (or none, for a leaf that lists exists false), all within the same element of every list they
 * share; `undefined` when there is no such choice.
 */
function search(evaluated: readonly Evaluated[]): Array<{ field: Field; words: string } | undefined> | undefined {
  const chosen: Array<{ field: Field; words: string } | undefined> = new Array(evaluated.length);
  let steps = 0;
  const step = (i: number, membership: Membership): boolean => {
    if (++steps > MAX_STEPS) {
      throw new TooComplex();
    }
    if (i === evaluated.length) {
      // exists false holds when no value at its path lies in the elements chosen
      return evaluated.every((ev, j) => chosen[j] !== undefined || !ev.fields.some((f) => consistent(membership, f)));
    }
    for (const candidate of evaluated[i].candidates) {
      if (consistent(membership, candidate.field)) {
        chosen[i] = candidate;
        if (step(i + 1, merge(membership, candidate.field))) {
          return true;
        }
      }
    }
    if (evaluated[i].absentOk) {
      chosen[i] = undefined;
      if (step(i + 1, membership)) {
        return true;
      }
    }
    return false;
  };
  return step(0, new Map()) ? chosen : undefined;
}

function consistent(membership: Membership, field: Field): boolean {
  return field.membership.every(([list, index]) => {
    const taken = membership.get(list);
    return taken === undefined || taken === index;
  });
}

function merge(membership: Membership, field: Field): Membership {
  if (field.membership.length === 0) {
    return membership;
  }
  const out = new Map(membership);
  for (const [list, index] of field.membership) {
    out.set(list, index);
  }
  return out;
}

/** Why no choice holds, when every leaf holds alone: the lists the leaves share. */
function combinationFailure(evaluated: readonly Evaluated[]): string {
  const users = new Map<string, Set<string>>();
  for (const ev of evaluated) {
    for (const field of ev.fields) {
      for (const [list] of field.membership) {
        users.set(list, (users.get(list) ?? new Set()).add(ev.leaf.path));
      }
    }
  }
  const shared = [...users.entries()].filter(([, paths]) => paths.size > 1);
  if (shared.length === 0) {
    // one leaf that wants exists false, and values at its path in lists
    const ev = evaluated.find((e) => e.absentOk && e.candidates.length === 0 && e.fields.length > 0) ?? evaluated[0];
    return noMatch(ev.leaf, ev.fields);
  }
  const paths = [...new Set(shared.flatMap(([, p]) => [...p]))];
  return `${paths.join(', ')}: each can match, but not within one element of ${shared.map(([list]) => list).join(', ')} `
    + '(the fields of a pattern must match in the same element of a list)';
}

/** The reason for a matched value: its path, the rule, and the element when it is in a list at the leaf's path. */
function placed(field: Field, words: string): string {
  if (field.element === undefined) {
    return `${field.where}: ${words}`;
  }
  const { list, at, indexes } = field.element;
  const index = indexes.length === 1 ? String(indexes[0]) : indexes.map((i) => `[${i}]`).join('');
  return `${at}: ${words} (element ${index} of ${show(list)})`;
}

/** Why a leaf's path holds no value, for a leaf with no value there. */
function obstacleText(obstacle: Obstacle | undefined, leaf: Leaf): string {
  const wants = `the pattern wants ${show(leaf.items)}`;
  if (obstacle === undefined) {
    return `${leaf.path}: absent from the event (${wants})`;
  }
  switch (obstacle.kind) {
    case 'absent':
      return obstacle.atLeaf ? `${obstacle.at}: absent from the event (${wants})` : `${obstacle.at}: absent from the event`;
    case 'scalar':
      return `${obstacle.at}: is ${show(obstacle.value)}, not an object`;
    case 'object':
      return `${obstacle.at}: holds an object, not a value (${wants})`;
    default:
      return obstacle.atLeaf ? `${obstacle.at}: [] holds no value (${wants})` : `${obstacle.at}: is an empty list`;
  }
}

/** Why exists false held for a leaf. */
function absentWhy(ev: Evaluated): string {
  if (ev.fields.length > 0) {
    return 'absent from the list element the rest of the pattern matched in';
  }
  const o = ev.obstacle;
  if (o === undefined || (o.kind === 'absent' && o.atLeaf)) {
    return 'absent';
  }
  switch (o.kind) {
    case 'absent':
      return `absent (${o.at} is absent from the event)`;
    case 'scalar':
      return `absent (${o.at} is ${show(o.value)}, not an object)`;
    case 'object':
      return 'holds an object, not a value';
    default:
      return o.atLeaf ? 'holds an empty list' : `absent (${o.at} is an empty list)`;
  }
}

/** Why none of a leaf's values matches its items. */
function noMatch(leaf: Leaf, fields: readonly Field[]): string {
  const items = leaf.items;
  const single = fields.length === 1 && fields[0].element === undefined;
  const lists = new Set(fields.map((f) => f.element?.at));
  const oneList = !single && lists.size === 1 && fields[0].element !== undefined;
  const at = single ? fields[0].where : oneList ? fields[0].element!.at : leaf.path;
  const shown = single ? show(fields[0].value) : oneList ? `no element of ${show(fields[0].element!.list)}` : `no value of ${show(fields.map((f) => f.value))}`;
  const exact = items.filter((item) => !isRecord(item));
  const outside = items.some((item) => isRecord(item) && 'numeric' in item)
    && fields.some((f) => typeof f.value === 'number' && Number.isFinite(f.value) && Math.abs(f.value) > NUMERIC_LIMIT)
    ? ` (numeric matching covers -${NUMERIC_LIMIT} to ${NUMERIC_LIMIT} only)` : '';
  if (exact.length === items.length) {
    return `${at}: ${shown} ${single ? 'is not' : 'is'} one of ${show(items)}`;
  }
  const verb = items.length === 1 ? (single ? `does not match ${describe(items[0])}` : `matches ${describe(items[0])}`)
    : (single ? `matches none of ${show(items)}` : `matches any of ${show(items)}`);
  return `${at}: ${shown} ${verb}${outside}`;
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
    if (Math.abs(bound) > NUMERIC_LIMIT) {
      return bad(`has the bound ${show(bound)}, outside -${NUMERIC_LIMIT} to ${NUMERIC_LIMIT}, the numbers numeric matching compares`);
    }
    checks.push(compare(op, comparable(bound)));
  }
  return {
    test: (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= NUMERIC_LIMIT && checks.every((c) => c(comparable(v))),
    words: `numeric ${show(spec)}`,
  };
}

/**
 * A number as event-ruler compares it (its ComparableNumber: shifted by 5e9, scaled by 1e6 and cut to an integer), so
 * that numbers equal to 6 digits after the decimal point are equal.
 */
function comparable(n: number): number {
  return Math.trunc(NUMERIC_SCALE * (NUMERIC_LIMIT + n));
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
