/**
 * Event patterns: the matchers and values Alibaba documents
 * (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns), the inputs a hostile review found
 * accepted or crashing, and the copy a rule keeps.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as fc from 'fast-check';
import { Template } from '../../lib/assertions';
import { smq, sources, ValidationError } from '../../lib';
import { checkPattern, copyPattern } from '../../lib/core/event-pattern';
import { expectInvalid, newStack } from '../util';

/** Makes an EventRule `E` with the pattern `make` returns; `p` is a string parameter, `n` a number parameter. */
function rule(make: (p: string, n: number, stack: ros.Stack) => unknown): { stack: ros.Stack; make: () => sources.EventRule } {
  const { stack } = newStack('Events');
  const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
  const n = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
  const pattern = make(p, n, stack) as { [key: string]: any };
  return { stack, make: () => new sources.EventRule(stack, 'E', { pattern, targets: [new sources.QueueTarget(new smq.Queue(stack, 'Q'))] }) };
}

const ONE_OF = '({ prefix }, { suffix }, { contains }, { anything-but }, { numeric }, { cidr }, { exists })';
const NUMERIC = 'must be a value or a range, such as ["=", 5] or [">", 0, "<=", 5]: one or two comparisons, each an operator ("=", ">", ">=", "<", "<=") followed by a number';
const ANYTHING_BUT = 'must be a string, a number, a non-empty list of strings and numbers, or { prefix: "..." }';
const CIDR = 'must be an IPv4 address or CIDR block, such as "10.0.0.0/24"';
const TOKEN_FIELD = 'must have literal field names, not tokens: ROS renders the keys of a map at synth';
const TOKEN_MATCHER = 'must name its matchers literally, not with tokens: ROS renders the keys of a map at synth';
const HOLE = 'must be a value or a matcher, not a hole in a sparse list (the template would drop it)';
const REPEAT = (field: string): string => `must differ from the other values and matchers of ${field}: it repeats ${field}`;
const COMBINED = 'must hold one matcher, or a prefix with a suffix ({ prefix, suffix }, the one combination EventBridge documents); list matchers side by side to match any of them';

describe('the documented matchers pass, and render as given', () => {
  test('every operator of the table, and prefix with suffix together', () => {
    const pattern = {
      source: ['acs.oss', { prefix: 'acs.' }],
      subject: [{ suffix: '.jpg' }, { prefix: 'acs:oss:cn-hangzhou:1:bucket/', suffix: '.txt' }],
      type: [{ contains: 'Normal' }],
      data: {
        state: [{ 'anything-but': 'initializing' }, { 'anything-but': 123 }, { 'anything-but': ['stopped', 'overloaded'] }, { 'anything-but': { prefix: 'init' } }],
        count: [{ numeric: ['>', 0, '<=', 5] }, { numeric: ['=', 7] }, { numeric: ['<', 100, '>=', 50] }, { numeric: ['>=', 5, '<=', 5] }],
        ip: [{ cidr: '10.0.0.0/24' }, { cidr: '192.168.1.1' }, { cidr: '0.0.0.0/0' }],
        gone: [{ exists: false }],
        here: [{ exists: true }],
        values: ['', null, 300, true, -1.5],
      },
    };
    const { stack, make } = rule(() => pattern);
    make();
    Template.fromStack(stack).hasResourceProperties('ALIYUN::EventBridge::Rule', { FilterPattern: pattern });
  });

  test('tokens pass: field values, list items, matcher values, numeric operands, and the literal text of a CIDR around a token', () => {
    const { stack, make } = rule((p, n, s) => ({
      source: [p],
      data: ros.Fn.getAtt('X', 'Pattern'),
      subject: [{ prefix: ros.Fn.join('', ['acs:oss:', p, '/']) }, { suffix: p }, ros.Fn.getAtt('X', 'Matcher')],
      state: [{ 'anything-but': p }, { 'anything-but': [p, 'x'] }, { 'anything-but': { prefix: p } }, { exists: ros.Fn.getAtt('X', 'Exists') }],
      count: [{ numeric: ['>', n] }, { numeric: [p, 5] }, { numeric: ['>', n, '<', 0] }, { numeric: new ros.RosParameter(s, 'L', { type: ros.RosParameterType.COMMA_DELIMITED_LIST }).valueAsList }],
      ip: [{ cidr: ros.Fn.join('', ['10.0.', p, '/24']) }, { cidr: p }, { cidr: `${p}/16` }],
    }));
    make();
    Template.fromStack(stack).hasResourceProperties('ALIYUN::EventBridge::Rule', { FilterPattern: { source: [{ Ref: 'P' }] } });
  });

  test('one object in several places is not a cycle', () => {
    const leaf = ['a'];
    const nested = { key: leaf };
    expect(() => rule(() => ({ a: leaf, b: leaf, c: nested, d: { e: nested } })).make()).not.toThrow();
  });
});

describe('bad input: each is an error naming the place', () => {
  test.each<[string, (p: string, n: number) => unknown, string | RegExp]>([
    ['an object as prefix', () => ({ s: [{ prefix: {} }] }), 'Events/E: pattern.s[0].prefix must be a string, got {}'],
    ['a list as prefix', () => ({ s: [{ prefix: ['a'] }] }), 'Events/E: pattern.s[0].prefix must be a string, got ["a"]'],
    ['null as prefix', () => ({ s: [{ prefix: null }] }), 'Events/E: pattern.s[0].prefix must be a string, got null'],
    ['a number as suffix', () => ({ s: [{ suffix: 1 }] }), 'Events/E: pattern.s[0].suffix must be a string, got 1'],
    ['a list as contains', () => ({ s: [{ contains: ['a'] }] }), 'Events/E: pattern.s[0].contains must be a string, got ["a"]'],
    ['a text as numeric', () => ({ s: [{ numeric: 'x' }] }), `Events/E: pattern.s[0].numeric ${NUMERIC}, got "x"`],
    ['an empty numeric', () => ({ s: [{ numeric: [] }] }), `Events/E: pattern.s[0].numeric ${NUMERIC}, got []`],
    ['three comparisons', () => ({ s: [{ numeric: ['>', 0, '<', 5, '=', 3] }] }), `Events/E: pattern.s[0].numeric ${NUMERIC}, got [">",0,"<",5,"=",3]`],
    ['an operator without a number', () => ({ s: [{ numeric: ['>'] }] }), `Events/E: pattern.s[0].numeric ${NUMERIC}, got [">"]`],
    ['a text as numeric operand', () => ({ s: [{ numeric: ['>', 'x'] }] }), 'Events/E: pattern.s[0].numeric[1] must be a finite number, got "x"'],
    ['NaN as numeric operand', () => ({ s: [{ numeric: ['>', 0, '<', NaN] }] }), 'Events/E: pattern.s[0].numeric[3] must be a finite number, got NaN'],
    ['an unknown numeric operator', () => ({ s: [{ numeric: ['=>', 1] }] }), 'Events/E: pattern.s[0].numeric[0] must be one of "=", ">", ">=", "<", "<=", got "=>"'],
    ['a number where the operator goes', () => ({ s: [{ numeric: [1, '>'] }] }), 'Events/E: pattern.s[0].numeric[0] must be one of "=", ">", ">=", "<", "<=", got 1'],
    ['two lower bounds', () => ({ s: [{ numeric: ['>', 5, '>=', 6] }] }),
      'Events/E: pattern.s[0].numeric must pair a lower bound (">" or ">=") with an upper bound ("<" or "<="), such as [">", 0, "<=", 5], got [">",5,">=",6]'],
    ['equals in a range', () => ({ s: [{ numeric: ['=', 5, '<', 6] }] }), /^Events\/E: pattern.s\[0\].numeric must pair a lower bound/],
    ['an empty range', () => ({ s: [{ numeric: ['>', 5, '<', 5] }] }),
      'Events/E: pattern.s[0].numeric must be a range some number falls in: its lower bound is above its upper bound, got [">",5,"<",5]'],
    ['an upside-down range', () => ({ s: [{ numeric: ['<', 1, '>=', 2] }] }), /^Events\/E: pattern.s\[0\].numeric must be a range some number falls in/],
    ['a text as exists', () => ({ s: [{ exists: 'yes' }] }), 'Events/E: pattern.s[0].exists must be true or false, got "yes"'],
    ['null as exists', () => ({ s: [{ exists: null }] }), 'Events/E: pattern.s[0].exists must be true or false, got null'],
    ['an empty anything-but list', () => ({ s: [{ 'anything-but': [] }] }), `Events/E: pattern.s[0].anything-but ${ANYTHING_BUT}, got []`],
    ['anything-but with an unknown key', () => ({ s: [{ 'anything-but': { foo: 'a' } }] }), `Events/E: pattern.s[0].anything-but ${ANYTHING_BUT}, got {"foo":"a"}`],
    ['anything-but with a suffix', () => ({ s: [{ 'anything-but': { suffix: 'a' } }] }), `Events/E: pattern.s[0].anything-but ${ANYTHING_BUT}, got {"suffix":"a"}`],
    ['anything-but null', () => ({ s: [{ 'anything-but': null }] }), `Events/E: pattern.s[0].anything-but ${ANYTHING_BUT}, got null`],
    ['anything-but NaN', () => ({ s: [{ 'anything-but': NaN }] }), `Events/E: pattern.s[0].anything-but ${ANYTHING_BUT}, got NaN`],
    ['anything-but a list with an object', () => ({ s: [{ 'anything-but': ['a', {}] }] }), `Events/E: pattern.s[0].anything-but ${ANYTHING_BUT}, got ["a",{}]`],
    ['anything-but a number prefix', () => ({ s: [{ 'anything-but': { prefix: 1 } }] }), 'Events/E: pattern.s[0].anything-but.prefix must be a string, got 1'],
    ['a word as CIDR', () => ({ s: [{ cidr: 'notacidr' }] }), `Events/E: pattern.s[0].cidr ${CIDR}, got "notacidr"`],
    ['a prefix length over 32', () => ({ s: [{ cidr: '10.0.0.0/33' }] }), `Events/E: pattern.s[0].cidr ${CIDR}, got "10.0.0.0/33"`],
    ['an octet over 255', () => ({ s: [{ cidr: '10.0.0.256/24' }] }), `Events/E: pattern.s[0].cidr ${CIDR}, got "10.0.0.256/24"`],
    ['a leading zero', () => ({ s: [{ cidr: '10.0.0.01' }] }), `Events/E: pattern.s[0].cidr ${CIDR}, got "10.0.0.01"`],
    ['an IPv6 block', () => ({ s: [{ cidr: 'fd00::/8' }] }), `Events/E: pattern.s[0].cidr ${CIDR}, got "fd00::/8"`],
    ['a number as CIDR', () => ({ s: [{ cidr: 10 }] }), `Events/E: pattern.s[0].cidr ${CIDR}, got 10`],
    ['a letter next to a token in a CIDR', (p) => ({ s: [{ cidr: ros.Fn.join('', ['10.0.x', p]) }] }), `Events/E: pattern.s[0].cidr ${CIDR}, got "10.0.x<token>"`],
    ['a letter in the tail of a joined CIDR', (p) => ({ s: [{ cidr: ros.Fn.join('', ['10.0.', p, '.0/x']) }] }), `Events/E: pattern.s[0].cidr ${CIDR}, got "10.0.<token>.0/x"`],
    ['two slashes around a token in a CIDR', (p) => ({ s: [{ cidr: `10.0.${p}/24/8` }] }), `Events/E: pattern.s[0].cidr ${CIDR}, got "10.0.<token>/24/8"`],
    ['three matchers in one object', () => ({ s: [{ prefix: 'a', suffix: 'b', 'anything-but': 'c' }] }),
      `Events/E: pattern.s[0] ${COMBINED}, got {"prefix":"a","suffix":"b","anything-but":"c"}`],
    ['prefix with contains', () => ({ s: [{ prefix: 'a', contains: 'b' }] }), `Events/E: pattern.s[0] ${COMBINED}, got {"prefix":"a","contains":"b"}`],
    ['exists with numeric', () => ({ s: [{ exists: true, numeric: ['>', 0] }] }), `Events/E: pattern.s[0] ${COMBINED}, got {"exists":true,"numeric":[">",0]}`],
    ['a number suffix next to a prefix', () => ({ s: [{ prefix: 'a', suffix: 1 }] }), 'Events/E: pattern.s[0].suffix must be a string, got 1'],
    ['a joined prefix with three matchers', (p) => ({ s: [{ prefix: ros.Fn.join('', ['in/', p]), suffix: 'b', contains: 'c' }] }),
      `Events/E: pattern.s[0] ${COMBINED}, got {"prefix":"in/<token>","suffix":"b","contains":"c"}`],
    ['equals-ignore-case, which Alibaba does not list', () => ({ s: [{ 'equals-ignore-case': 'a' }] }),
      `Events/E: pattern.s[0] must be a value or a matcher ${ONE_OF}, got {"equals-ignore-case":"a"}`],
    ['an empty matcher', () => ({ s: [{}] }), `Events/E: pattern.s[0] must be a value or a matcher ${ONE_OF}, got {}`],
    ['an empty field name', () => ({ '': ['x'] }), 'Events/E: pattern must not have a field with an empty name, got {"":["x"]}'],
    ['an empty nested field name', () => ({ data: { '': ['x'] } }), 'Events/E: pattern.data must not have a field with an empty name, got {"":["x"]}'],
    ['NaN as a value', () => ({ n: [NaN] }), 'Events/E: pattern.n[0] must be a finite number, got NaN'],
    ['Infinity as a value', () => ({ n: ['a', Infinity] }), 'Events/E: pattern.n[1] must be a finite number, got Infinity'],
    ['-Infinity as a value', () => ({ n: [-Infinity] }), 'Events/E: pattern.n[0] must be a finite number, got -Infinity'],
    ['a list in a list', () => ({ n: [['a']] }), 'Events/E: pattern.n[0] must be a value or a matcher object, got ["a"]'],
    ['a map as matcher', () => ({ n: [new Map([['prefix', 'a']])] }), 'Events/E: pattern.n[0] must be a value or a matcher object, got {}'],
    ['a map as field', () => ({ n: new Map() }), 'Events/E: pattern.n must be a list of values or matchers (such as ["acs.oss"]), or an object of them, got {}'],
    ['a map as pattern', () => new Map([['source', ['acs.oss']]]), 'Events/E: pattern must be an object such as { source: ["acs.oss"] }, with at least one field, got {}'],
    ['a text as pattern', () => 'source', 'Events/E: pattern must be an object such as { source: ["acs.oss"] }, with at least one field, got "source"'],
  ])('%s', (_name, make, message) => {
    expectInvalid(rule(make).make, message);
  });

  test.each<[string, (p: string) => unknown, string]>([
    ['a token as a field name', (p) => ({ [p]: ['x'] }), `Events/E: pattern ${TOKEN_FIELD}, got "<token>"`],
    ['a token in a nested field name', (p) => ({ data: { [`key-${p}`]: ['x'] } }), `Events/E: pattern.data ${TOKEN_FIELD}, got "key-<token>"`],
    ['a joined field name', (p) => ({ data: { [ros.Fn.join('', ['a.', p])]: ['x'] } }), `Events/E: pattern.data ${TOKEN_FIELD}, got "a.<token>"`],
    ['a token as a matcher name', (p) => ({ a: [{ [p]: 'x' }] }), `Events/E: pattern.a[0] ${TOKEN_MATCHER}, got "<token>"`],
    ['a token as a matcher name next to a prefix', (p) => ({ a: ['y', { prefix: 'x', [`su${p}`]: 'x' }] }), `Events/E: pattern.a[1] ${TOKEN_MATCHER}, got "su<token>"`],
  ])('a field or matcher name must be literal (core cannot render a token as a key): %s', (_name, make, message) => {
    expectInvalid(rule(make).make, message);
  });

  test('a field named __proto__ (as JSON.parse makes it) is refused: the template would drop it', () => {
    expectInvalid(rule(() => JSON.parse('{"source": ["acs.oss"], "__proto__": ["x"]}')).make,
      'Events/E: pattern must not have a field named "__proto__": the template would drop it, got "__proto__"');
    expectInvalid(rule(() => JSON.parse('{"data": {"__proto__": {"a": ["x"]}}}')).make,
      'Events/E: pattern.data must not have a field named "__proto__": the template would drop it, got "__proto__"');
    // a field that merely holds the word passes
    expect(() => rule(() => ({ data: { proto: ['__proto__'] } })).make()).not.toThrow();
  });

  test.each<[string, () => unknown, string]>([
    ['a hole first', () => ({ a: [, 'x'] }), `Events/E: pattern.a[0] ${HOLE}, got "a hole"`],
    ['a hole in the middle', () => ({ data: { a: ['x', , 'y'] } }), `Events/E: pattern.data.a[1] ${HOLE}, got "a hole"`],
    ['a list of holes only', () => ({ a: new Array(3) }), `Events/E: pattern.a[0] ${HOLE}, got "a hole"`],
    ['a hole in an anything-but list', () => ({ a: [{ 'anything-but': ['x', , 'y'] }] }),
      'Events/E: pattern.a[0].anything-but[1] must list strings and numbers, without holes (the template would drop them), got "a hole"'],
    ['an anything-but list of a huge length and one item', () => ({ a: [{ 'anything-but': Object.assign(new Array(2 ** 32 - 1), { 5: 'x' }) }] }),
      'Events/E: pattern.a[0].anything-but[0] must list strings and numbers, without holes (the template would drop them), got "a hole"'],
  ])('a sparse list is refused, not rendered without its holes: %s', (_name, make, message) => {
    expectInvalid(rule(make).make, message);
  });

  test.each<[string, (p: string) => unknown, string]>([
    ['a value twice', () => ({ a: ['x', 'x'] }), `Events/E: pattern.a[1] ${REPEAT('pattern.a')}[0], got "x"`],
    ['null twice', () => ({ data: { a: [null, 'y', null] } }), `Events/E: pattern.data.a[2] ${REPEAT('pattern.data.a')}[0], got null`],
    ['a matcher twice', () => ({ a: [{ prefix: 'a' }, { prefix: 'a' }] }), `Events/E: pattern.a[1] ${REPEAT('pattern.a')}[0], got {"prefix":"a"}`],
    ['prefix and suffix twice, in another order', () => ({ a: [{ prefix: 'a', suffix: 'b' }, { suffix: 'b', prefix: 'a' }] }),
      `Events/E: pattern.a[1] ${REPEAT('pattern.a')}[0], got {"suffix":"b","prefix":"a"}`],
    ['a numeric range twice', () => ({ a: [{ numeric: ['>', 0, '<', 5] }, { numeric: ['>', 0, '<', 5] }] }),
      `Events/E: pattern.a[1] ${REPEAT('pattern.a')}[0], got {"numeric":[">",0,"<",5]}`],
    ['the same token twice', (p) => ({ a: [p, 'x', p] }), `Events/E: pattern.a[2] ${REPEAT('pattern.a')}[0], got "<token>"`],
    ['the same matcher with a token twice', (p) => ({ a: [{ prefix: `in/${p}` }, { prefix: `in/${p}` }] }),
      `Events/E: pattern.a[1] ${REPEAT('pattern.a')}[0], got {"prefix":"in/<token>"}`],
    ['the same join twice', (p) => ({ a: [ros.Fn.join('', ['in/', p]), ros.Fn.join('', ['in/', p])] }), `Events/E: pattern.a[1] ${REPEAT('pattern.a')}[0], got "in/<token>"`],
    ['the same matcher with a join twice', (p) => ({ a: [{ suffix: ros.Fn.join('', ['.', p]) }, { suffix: ros.Fn.join('', ['.', p]) }] }),
      `Events/E: pattern.a[1] ${REPEAT('pattern.a')}[0], got {"suffix":".<token>"}`],
  ])('a value or matcher that repeats another in its field is refused: %s', (_name, make, message) => {
    expectInvalid(rule(make).make, message);
  });

  test('items that differ as literal JSON pass, and token objects are not compared', () => {
    const { stack, make } = rule((p) => ({
      a: [1, '1', true, 'true'],
      b: [{ prefix: 'a' }, { suffix: 'a' }, { prefix: 'a', suffix: 'b' }],
      c: [ros.Fn.getAtt('X', 'Y'), ros.Fn.getAtt('X', 'Y')],
      d: [p, `${p}x`, { prefix: p }, { 'anything-but': [p] }],
      e: [{ numeric: ['>', 0] }, { numeric: ['>=', 0] }],
    }));
    make();
    Template.fromStack(stack).hasResourceProperties('ALIYUN::EventBridge::Rule', { FilterPattern: { a: [1, '1', true, 'true'] } });
  });

  test('a cyclic pattern is an error, never a RangeError', () => {
    const self: { [key: string]: unknown } = { source: ['acs.oss'] };
    self.self = self;
    expectInvalid(rule(() => self).make, 'Events/E: pattern.self must not hold the object it is in: a pattern is a tree, not a cycle, got "a reference back to pattern"');
    const deep: { [key: string]: any } = { source: ['acs.oss'], data: { key: ['a'], inner: { x: ['b'] } } };
    deep.data.inner.loop = deep.data;
    expectInvalid(rule(() => deep).make, 'Events/E: pattern.data.inner.loop must not hold the object it is in: a pattern is a tree, not a cycle, got "a reference back to pattern.data"');
  });

  test('a value that cannot be printed (a cyclic object without a prototype) is still a ValidationError', () => {
    const odd = Object.create(null);
    odd.self = odd;
    expectInvalid(rule(() => ({ s: [{ prefix: odd }] })).make, 'Events/E: pattern.s[0].prefix must be a string, got "an object that cannot be shown"');
  });

  test('any input is accepted or a ValidationError, never a TypeError or RangeError', () => {
    const { stack } = newStack('Events');
    const scope = new ros.Construct(stack, 'E');
    const matcher = fc.record({ key: fc.constantFrom('prefix', 'suffix', 'contains', 'anything-but', 'numeric', 'cidr', 'exists'), value: fc.anything() });
    const leaf = fc.oneof(fc.anything(), matcher.map(({ key, value }) => ({ [key]: value })));
    const pattern = fc.oneof(
      fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBoxedValues: true, withSparseArray: true }),
      fc.dictionary(fc.string(), fc.oneof(fc.array(leaf, { maxLength: 6 }), fc.dictionary(fc.string(), fc.array(leaf)))),
    );
    fc.assert(fc.property(pattern, (p) => {
      try {
        checkPattern(scope, 'pattern', p);
        copyPattern(p);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
      }
    }), { numRuns: 500 });
  });
});

describe('copyPattern', () => {
  test('copies plain objects and lists, so changing the original later changes nothing', () => {
    const pattern: { [key: string]: any } = { source: ['acs.oss'], data: { key: [{ prefix: 'in/' }] } };
    const copy = copyPattern(pattern);
    expect(copy).toEqual(pattern);
    pattern.source.push('acs.ecs');
    pattern.data.key[0].prefix = 'out/';
    pattern.data.other = ['x'];
    pattern.extra = ['y'];
    expect(copy).toEqual({ source: ['acs.oss'], data: { key: [{ prefix: 'in/' }] } });
  });

  test('keeps tokens and other objects as they are, and strings with tokens as written', () => {
    const { stack } = newStack('Events');
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    const att = ros.Fn.getAtt('X', 'Y');
    const map = new Map();
    const copy = copyPattern({ a: [p], b: att, c: [att], d: map });
    expect(copy.a[0]).toBe(p);
    expect(copy.b).toBe(att);
    expect(copy.c[0]).toBe(att);
    expect(copy.d).toBe(map);
    expect(stack.resolve(copy)).toEqual({ a: [{ Ref: 'P' }], b: { 'Fn::GetAtt': ['X', 'Y'] }, c: [{ 'Fn::GetAtt': ['X', 'Y'] }], d: {} });
  });

  test('an object met twice is copied once; a cycle stays a cycle instead of overflowing the stack', () => {
    const leaf = ['a'];
    const shared = copyPattern({ x: leaf, y: leaf });
    expect(shared.x).not.toBe(leaf);
    expect(shared.y).toBe(shared.x);
    const self: { [key: string]: unknown } = { source: ['acs.oss'] };
    self.self = self;
    const copy = copyPattern(self);
    expect(copy).not.toBe(self);
    expect(copy.self).toBe(copy);
  });

  test('a field named __proto__ stays a field, and scalars come back as they are', () => {
    const pattern = JSON.parse('{"__proto__": ["x"], "source": ["acs.oss"]}');
    const copy = copyPattern(pattern);
    expect(Object.keys(copy)).toEqual(['__proto__', 'source']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe('{"__proto__":["x"],"source":["acs.oss"]}');
    for (const scalar of ['a', 1, null, undefined, true]) {
      expect(copyPattern(scalar)).toBe(scalar);
    }
  });
});
