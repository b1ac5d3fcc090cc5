/**
 * EventBridge pattern matching: the examples of Alibaba's reference
 * (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns and its ApsaraMQ copies), each operator
 * matching and not matching, with the exact reason; where the page is silent, the README of AWS's event-ruler
 * (https://github.com/aws/event-ruler): exists on leaf values and absent parents, lists of lists, one element of a list
 * per pattern, numbers to 6 digits; then properties over random events and patterns (fast-check),
 * among them that every pattern the synth-time checks accept is matched without throwing. SMQ filter tags as the
 * message-filtering page describes them.
 */
import * as fc from 'fast-check';
import { checkPattern } from '../../lib/core/event-pattern';
import { EventPatternMatcher } from '../../lib/routes/event-pattern-match';
import { newStack } from '../util';

const match = EventPatternMatcher.match;

/** The sample event of the reference page (its masked id, OSS subject and small `data`). */
const DOC_EVENT = {
  id: '7adc8c1a-645d-4476-bdef-5d6fb57f****',
  source: 'acs.oss',
  specversion: '1.0',
  type: 'oss:ObjectCreated:PostObject',
  datacontenttype: 'application/json',
  dataschema: 'http://example.com/test.json',
  subject: 'acs:oss:cn-hangzhou:1234567:xls-papk/game_apk/123.jpg',
  time: '2020-08-17T16:04:46.149Asia/Shanghai',
  data: { name: 'test', scope: 100 },
};

/** The reference's event with `data` replaced. */
function withData(data: { [key: string]: unknown }): object {
  return { ...DOC_EVENT, data };
}

describe('the operators of the reference, matching and not', () => {
  test('exact value', () => {
    expect(match({ source: ['acs.oss'] }, DOC_EVENT)).toEqual({ matched: true, reason: 'source: "acs.oss" is one of ["acs.oss"]' });
    expect(match({ source: ['acs.ecs'] }, DOC_EVENT)).toEqual({ matched: false, reason: 'source: "acs.oss" is not one of ["acs.ecs"]' });
  });

  test('a list of values is an OR', () => {
    const pattern = { type: ['oss:ObjectCreated:PutObject', 'oss:ObjectCreated:PostObject'] };
    expect(match(pattern, DOC_EVENT)).toEqual({
      matched: true, reason: 'type: "oss:ObjectCreated:PostObject" is one of ["oss:ObjectCreated:PutObject","oss:ObjectCreated:PostObject"]',
    });
    expect(match({ type: ['oss:ObjectCreated:PutObject'] }, { ...DOC_EVENT, type: 'oss:ObjectRemoved:DeleteObject' })).toEqual({
      matched: false, reason: 'type: "oss:ObjectRemoved:DeleteObject" is not one of ["oss:ObjectCreated:PutObject"]',
    });
  });

  test('keys are an AND: the first field that fails decides, every matched field is named', () => {
    expect(match({ source: ['acs.oss'], type: [{ prefix: 'oss:ObjectCreated:' }] }, DOC_EVENT)).toEqual({
      matched: true, reason: 'source: "acs.oss" is one of ["acs.oss"]; type: prefix "oss:ObjectCreated:" matched',
    });
    expect(match({ source: ['acs.oss'], type: [{ prefix: 'oss:ObjectRemoved:' }] }, DOC_EVENT)).toEqual({
      matched: false, reason: 'type: "oss:ObjectCreated:PostObject" does not match prefix "oss:ObjectRemoved:"',
    });
  });

  test('prefix', () => {
    expect(match({ source: [{ prefix: 'acs.' }] }, DOC_EVENT)).toEqual({ matched: true, reason: 'source: prefix "acs." matched' });
    expect(match({ source: [{ prefix: 'acs:' }] }, DOC_EVENT)).toEqual({ matched: false, reason: 'source: "acs.oss" does not match prefix "acs:"' });
  });

  test('suffix', () => {
    expect(match({ subject: [{ suffix: '.jpg' }] }, DOC_EVENT)).toEqual({ matched: true, reason: 'subject: suffix ".jpg" matched' });
    expect(match({ subject: [{ suffix: '.png' }] }, DOC_EVENT).matched).toBe(false);
  });

  test('prefix and suffix in one matcher: both must hold (the event-target-parameters example)', () => {
    const pattern = {
      source: [{ prefix: 'acs.' }],
      type: [{ prefix: 'oss:ObjectReplication' }],
      subject: [{ prefix: 'acs:oss:cn-hangzhou:123456789098****:my-movie-bucket/', suffix: '.txt' }],
    };
    const event = { source: 'acs.oss', type: 'oss:ObjectReplication:ObjectCreated', subject: 'acs:oss:cn-hangzhou:123456789098****:my-movie-bucket/a/b.txt' };
    expect(match(pattern, event)).toEqual({
      matched: true,
      reason: 'source: prefix "acs." matched; type: prefix "oss:ObjectReplication" matched; '
        + 'subject: prefix "acs:oss:cn-hangzhou:123456789098****:my-movie-bucket/" and suffix ".txt" matched',
    });
    expect(match(pattern, { ...event, subject: 'acs:oss:cn-hangzhou:123456789098****:my-movie-bucket/a/b.jpg' })).toEqual({
      matched: false,
      reason: 'subject: "acs:oss:cn-hangzhou:123456789098****:my-movie-bucket/a/b.jpg" does not match '
        + 'prefix "acs:oss:cn-hangzhou:123456789098****:my-movie-bucket/" and suffix ".txt"',
    });
    expect(match(pattern, { ...event, subject: 'acs:oss:cn-hangzhou:123456789098****:other-bucket/a/b.txt' }).matched).toBe(false);
  });

  test('contains', () => {
    expect(match({ type: [{ contains: 'Created' }] }, DOC_EVENT)).toEqual({ matched: true, reason: 'type: contains "Created" matched' });
    expect(match({ type: [{ contains: 'Normal' }] }, DOC_EVENT).matched).toBe(false);
  });

  test('anything-but a string, a number, a list, a prefix', () => {
    expect(match({ data: { state: [{ 'anything-but': 'initializing' }] } }, withData({ state: 'running' }))).toEqual({
      matched: true, reason: 'data.state: anything-but "initializing" matched',
    });
    expect(match({ data: { state: [{ 'anything-but': 'initializing' }] } }, withData({ state: 'initializing' }))).toEqual({
      matched: false, reason: 'data.state: "initializing" does not match anything-but "initializing"',
    });
    expect(match({ data: { 'x-limit': [{ 'anything-but': 123 }] } }, withData({ 'x-limit': 456 })).matched).toBe(true);
    expect(match({ data: { 'x-limit': [{ 'anything-but': 123 }] } }, withData({ 'x-limit': 123 })).matched).toBe(false);
    const list = { data: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };
    expect(match(list, withData({ state: 'running' })).matched).toBe(true);
    expect(match(list, withData({ state: 'stopped' })).matched).toBe(false);
    expect(match(list, withData({ state: 'overloaded' })).matched).toBe(false);
    const prefix = { data: { state: [{ 'anything-but': { prefix: 'init' } }] } };
    expect(match(prefix, withData({ state: 'running' }))).toEqual({ matched: true, reason: 'data.state: anything-but {"prefix":"init"} matched' });
    expect(match(prefix, withData({ state: 'initializing' })).matched).toBe(false);
  });

  test('anything-but needs the field: an absent field does not match it; null and other types do', () => {
    expect(match({ data: { state: [{ 'anything-but': 'x' }] } }, withData({}))).toEqual({
      matched: false, reason: 'data.state: absent from the event (the pattern wants [{"anything-but":"x"}])',
    });
    expect(match({ data: { state: [{ 'anything-but': 'x' }] } }, withData({ state: null })).matched).toBe(true);
    expect(match({ data: { n: [{ 'anything-but': 5 }] } }, withData({ n: '5' })).matched).toBe(true);
  });

  test('numeric: a range and a value', () => {
    const range = { data: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } };
    expect(match(range, withData({ 'c-count': 5 }))).toEqual({ matched: true, reason: 'data.c-count: numeric [">",0,"<=",5] matched' });
    expect(match(range, withData({ 'c-count': 0.5 })).matched).toBe(true);
    expect(match(range, withData({ 'c-count': 0 }))).toEqual({ matched: false, reason: 'data.c-count: 0 does not match numeric [">",0,"<=",5]' });
    expect(match(range, withData({ 'c-count': 6 })).matched).toBe(false);
    expect(match(range, withData({ 'c-count': '3' })).matched).toBe(false); // a string is not a number
    const equal = { data: { scope: [{ numeric: ['=', 100] }] } };
    expect(match(equal, DOC_EVENT).matched).toBe(true);
    expect(match(equal, withData({ scope: 101 })).matched).toBe(false);
    expect(match({ data: { n: [{ numeric: ['<', 100, '>=', 50] }] } }, withData({ n: 50 })).matched).toBe(true);
    expect(match({ data: { n: [{ numeric: ['<', 100, '>=', 50] }] } }, withData({ n: 100 })).matched).toBe(false);
  });

  test('numeric compares to 6 digits after the decimal point, between -5e9 and 5e9 (event-ruler\'s "Numeric matching")', () => {
    expect(match({ n: [{ numeric: ['=', 0.3] }] }, { n: 0.1 + 0.2 })).toEqual({ matched: true, reason: 'n: numeric ["=",0.3] matched' });
    expect(match({ n: [{ numeric: ['=', 1] }] }, { n: 1.0000001 }).matched).toBe(true);
    expect(match({ n: [{ numeric: ['=', 1] }] }, { n: 1.000001 }).matched).toBe(false);
    expect(match({ n: [{ numeric: ['>', 0] }] }, { n: 0.0000001 }).matched).toBe(false); // 0 to 6 digits
    expect(match({ n: [{ numeric: ['>', 0] }] }, { n: 0.000001 }).matched).toBe(true);
    expect(match({ n: [{ numeric: ['<', 0] }] }, { n: -0.000001 }).matched).toBe(true);
    expect(match({ n: [{ numeric: ['>=', 5e9] }] }, { n: 5e9 }).matched).toBe(true);
    expect(match({ n: [{ numeric: ['<=', -5e9] }] }, { n: -5e9 }).matched).toBe(true);
    expect(match({ n: [{ numeric: ['>', 0] }] }, { n: 1e12 })).toEqual({
      matched: false, reason: 'n: 1000000000000 does not match numeric [">",0] (numeric matching covers -5000000000 to 5000000000 only)',
    });
    expect(match({ n: [{ numeric: ['<', 0] }] }, { n: -5000000000.5 }).matched).toBe(false);
    expect(match({ n: [{ numeric: ['>', 1e10] }] }, { n: 2e10 })).toEqual({
      matched: false, reason: 'n: the pattern\'s {"numeric":[">",10000000000]} has the bound 10000000000, outside -5000000000 to 5000000000, the numbers numeric matching compares',
    });
    // exact values are JSON values, not numeric comparisons (Alibaba: values are compared as JSON text)
    expect(match({ n: [0.3] }, { n: 0.1 + 0.2 }).matched).toBe(false);
    expect(match({ n: [300] }, { n: 300.0 }).matched).toBe(true);
  });

  test('cidr: IPv4 addresses in the block', () => {
    const pattern = { data: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } };
    expect(match(pattern, withData({ 'source-ip': '10.0.0.255' }))).toEqual({ matched: true, reason: 'data.source-ip: cidr "10.0.0.0/24" matched' });
    expect(match(pattern, withData({ 'source-ip': '10.0.1.0' }))).toEqual({
      matched: false, reason: 'data.source-ip: "10.0.1.0" does not match cidr "10.0.0.0/24"',
    });
    expect(match(pattern, withData({ 'source-ip': 'not an ip' })).matched).toBe(false);
    expect(match(pattern, withData({ 'source-ip': '10.0.0.256' })).matched).toBe(false);
    expect(match({ ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '203.0.113.9' }).matched).toBe(true);
    expect(match({ ip: [{ cidr: '203.0.113.9' }] }, { ip: '203.0.113.9' }).matched).toBe(true); // an address is a /32
    expect(match({ ip: [{ cidr: '203.0.113.9' }] }, { ip: '203.0.113.8' }).matched).toBe(false);
    expect(match({ ip: [{ cidr: '192.168.0.0/16' }] }, { ip: '192.168.255.1' }).matched).toBe(true);
  });

  test('exists false and true', () => {
    // (more below: exists looks at leaf values, and at every parent of the field)
    expect(match({ data: { state: [{ exists: false }] } }, withData({}))).toEqual({ matched: true, reason: 'data.state: absent, and exists false matched' });
    expect(match({ data: { state: [{ exists: false }] } }, withData({ state: 'x' }))).toEqual({
      matched: false, reason: 'data.state: "x" does not match exists false',
    });
    expect(match({ data: { state: [{ exists: true }] } }, withData({ state: 'x' }))).toEqual({ matched: true, reason: 'data.state: exists true matched' });
    expect(match({ data: { state: [{ exists: true }] } }, withData({}))).toEqual({
      matched: false, reason: 'data.state: absent from the event (the pattern wants [{"exists":true}])',
    });
    expect(match({ data: { state: [{ exists: true }] } }, withData({ state: null })).matched).toBe(true);
  });

  test('the empty string and null match only themselves', () => {
    expect(match({ data: { eventVersion: [''] } }, withData({ eventVersion: '' }))).toEqual({ matched: true, reason: 'data.eventVersion: "" is one of [""]' });
    expect(match({ data: { eventVersion: [''] } }, withData({ eventVersion: '1.0' })).matched).toBe(false);
    expect(match({ data: { eventVersion: [''] } }, withData({})).matched).toBe(false);
    expect(match({ data: { responseElements: [null] } }, withData({ responseElements: null }))).toEqual({
      matched: true, reason: 'data.responseElements: null is one of [null]',
    });
    expect(match({ data: { responseElements: [null] } }, withData({})).matched).toBe(false);
    expect(match({ data: { responseElements: [null] } }, withData({ responseElements: {} })).matched).toBe(false);
  });

  test('exact values keep their JSON type', () => {
    expect(match({ data: { scope: [100] } }, DOC_EVENT).matched).toBe(true);
    expect(match({ data: { scope: ['100'] } }, DOC_EVENT)).toEqual({ matched: false, reason: 'data.scope: 100 is not one of ["100"]' });
    expect(match({ data: { flag: [true] } }, withData({ flag: true })).matched).toBe(true);
    expect(match({ data: { flag: [true] } }, withData({ flag: 'true' })).matched).toBe(false);
  });

  test('an array in the event matches when any element does (the "Array" row)', () => {
    const event = { resources: ['arn:a', 'arn:b'] };
    expect(match({ resources: ['arn:x', 'arn:b'] }, event)).toEqual({
      matched: true, reason: 'resources: "arn:b" is one of ["arn:x","arn:b"] (element 1 of ["arn:a","arn:b"])',
    });
    expect(match({ resources: ['arn:x'] }, event)).toEqual({ matched: false, reason: 'resources: no element of ["arn:a","arn:b"] is one of ["arn:x"]' });
    expect(match({ resources: [{ prefix: 'arn:' }] }, event).matched).toBe(true);
    expect(match({ resources: ['arn:a'] }, { resources: [] })).toEqual({
      matched: false, reason: 'resources: [] holds no value (the pattern wants ["arn:a"])',
    });
  });

  test('lists of lists are crushed out at any depth (event-ruler: "This works for multi-level arrays too")', () => {
    const tags = { data: { tags: [['a', 'b'], ['c']] } };
    expect(match({ data: { tags: ['a'] } }, tags)).toEqual({
      matched: true, reason: 'data.tags: "a" is one of ["a"] (element [0][0] of [["a","b"],["c"]])',
    });
    expect(match({ data: { tags: ['c'] } }, tags).matched).toBe(true);
    expect(match({ data: { tags: ['d'] } }, tags)).toEqual({
      matched: false, reason: 'data.tags: no element of [["a","b"],["c"]] is one of ["d"]',
    });
    expect(match({ n: [{ numeric: ['>', 2] }] }, { n: [[[1], [3]]] }).matched).toBe(true);
    // the README's employees, in one list and in a list of lists
    const employees = [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }];
    const nested = [employees.slice(0, 2), employees.slice(2)];
    for (const list of [employees, nested]) {
      expect(match({ employees: { firstName: ['Anna'] } }, { employees: list }).matched).toBe(true);
      expect(match({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, { employees: list }).matched).toBe(true);
    }
    expect(match({ data: { e: { n: ['Anna'] } } }, { data: { e: [[{ n: 'John' }, { n: 'Anna' }]] } })).toEqual({
      matched: true, reason: 'data.e[0][1].n: "Anna" is one of ["Anna"]',
    });
  });

  test('the fields of a pattern match within one element of a list (event-ruler\'s array consistency)', () => {
    const employees = [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }];
    expect(match({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, { employees })).toEqual({
      matched: false,
      reason: 'employees.firstName, employees.lastName: each can match, but not within one element of employees '
        + '(the fields of a pattern must match in the same element of a list)',
    });
    const nested = { employees: [employees.slice(0, 2), employees.slice(2)] };
    expect(match({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, nested).matched).toBe(false);
    expect(match({ employees: { firstName: ['Peter'], lastName: ['Jones'] } }, nested)).toEqual({
      matched: true, reason: 'employees[1][0].firstName: "Peter" is one of ["Peter"]; employees[1][0].lastName: "Jones" is one of ["Jones"]',
    });
    // a later field may decide which element the earlier one is taken from
    const items = { items: [{ kind: 'a', size: 1 }, { kind: 'a', size: 2 }] };
    expect(match({ items: { kind: ['a'], size: [2] } }, items)).toEqual({
      matched: true, reason: 'items[1].kind: "a" is one of ["a"]; items[1].size: 2 is one of [2]',
    });
    // lists in different places do not constrain each other
    expect(match({ a: { x: [1] }, b: { y: [2] } }, { a: [{ x: 0 }, { x: 1 }], b: [{ y: 2 }] }).matched).toBe(true);
  });

  test('nesting: into objects, and into a list of objects', () => {
    const event = { data: { oss: { object: { key: 'in/a.jpg' } }, items: [{ name: 'a' }, { name: 'b', size: 2 }] } };
    expect(match({ data: { oss: { object: { key: [{ prefix: 'in/' }] } } } }, event)).toEqual({
      matched: true, reason: 'data.oss.object.key: prefix "in/" matched',
    });
    expect(match({ data: { oss: { bucket: { name: ['b'] } } } }, event)).toEqual({ matched: false, reason: 'data.oss.bucket: absent from the event' });
    expect(match({ data: { oss: { object: { key: { deeper: ['x'] } } } } }, event)).toEqual({
      matched: false, reason: 'data.oss.object.key: is "in/a.jpg", not an object',
    });
    expect(match({ data: { items: { name: ['b'], size: [2] } } }, event)).toEqual({
      matched: true, reason: 'data.items[1].name: "b" is one of ["b"]; data.items[1].size: 2 is one of [2]',
    });
    expect(match({ data: { items: { name: ['a'], size: [2] } } }, event).matched).toBe(false);
    // a leaf pattern on an object value: objects are not values
    expect(match({ data: { oss: ['x'] } }, event).matched).toBe(false);
  });

  test('exists false matches when a parent is absent or not an object (event-ruler: "any event which has no detail.c-count field")', () => {
    const pattern = { data: { c: [{ exists: false }] } };
    expect(match(pattern, { source: 'x' })).toEqual({ matched: true, reason: 'data.c: absent (data is absent from the event), and exists false matched' });
    expect(match(pattern, { data: 'text' })).toEqual({ matched: true, reason: 'data.c: absent (data is "text", not an object), and exists false matched' });
    expect(match(pattern, { data: 5 }).matched).toBe(true);
    expect(match(pattern, { data: null }).matched).toBe(true);
    expect(match(pattern, { data: [] })).toEqual({ matched: true, reason: 'data.c: absent (data is an empty list), and exists false matched' });
    expect(match({ a: { b: { c: [{ exists: false }] } } }, { a: { x: 1 } })).toEqual({
      matched: true, reason: 'a.b.c: absent (a.b is absent from the event), and exists false matched',
    });
    // with another field beside it that the event has
    expect(match({ source: ['x'], data: { c: [{ exists: false }] } }, { source: 'x' }).matched).toBe(true);
    // and the parent's absence fails every other item, exists true among them
    expect(match({ data: { c: [{ exists: true }] } }, { source: 'x' })).toEqual({ matched: false, reason: 'data: absent from the event' });
    expect(match({ data: { c: ['v'] } }, { data: 'text' })).toEqual({ matched: false, reason: 'data: is "text", not an object' });
  });

  test('exists looks at leaf values only: an object or an empty list is no value (event-ruler: "because c-count is not a leaf node")', () => {
    const object = { data: { c: { c1: 100 } } };
    expect(match({ data: { c: [{ exists: false }] } }, object)).toEqual({
      matched: true, reason: 'data.c: holds an object, not a value, and exists false matched',
    });
    expect(match({ data: { c: [{ exists: true }] } }, object)).toEqual({
      matched: false, reason: 'data.c: holds an object, not a value (the pattern wants [{"exists":true}])',
    });
    expect(match({ data: { c: { c1: [{ exists: true }] } } }, object).matched).toBe(true);
    const empty = { data: { c: [] } };
    expect(match({ data: { c: [{ exists: false }] } }, empty)).toEqual({ matched: true, reason: 'data.c: holds an empty list, and exists false matched' });
    expect(match({ data: { c: [{ exists: true }] } }, empty)).toEqual({
      matched: false, reason: 'data.c: [] holds no value (the pattern wants [{"exists":true}])',
    });
    // a list of objects holds no value at its own path, and values at the paths inside it
    const items = { items: [{ name: 'a' }] };
    expect(match({ items: [{ exists: true }] }, items).matched).toBe(false);
    expect(match({ items: [{ exists: false }] }, items).matched).toBe(true);
    expect(match({ items: { name: [{ exists: true }] } }, items).matched).toBe(true);
    // a list of values is values: null among them
    expect(match({ c: [{ exists: true }] }, { c: [null] })).toEqual({ matched: true, reason: 'c: exists true matched (element 0 of [null])' });
    expect(match({ c: [{ exists: false }] }, { c: [null] })).toEqual({ matched: false, reason: 'c: no element of [null] matches exists false' });
  });

  test('exists false inside lists: only the element the other fields matched in counts', () => {
    const event = { items: [{ name: 'a', size: 1 }, { name: 'b' }] };
    expect(match({ items: { name: ['b'], size: [{ exists: false }] } }, event)).toEqual({
      matched: true, reason: 'items[1].name: "b" is one of ["b"]; items.size: absent from the list element the rest of the pattern matched in, and exists false matched',
    });
    expect(match({ items: { name: ['a'], size: [{ exists: false }] } }, event).matched).toBe(false);
    // the order of the fields does not matter
    expect(match({ items: { size: [{ exists: false }], name: ['b'] } }, event).matched).toBe(true);
    expect(match({ items: { size: [{ exists: false }], name: ['a'] } }, event).matched).toBe(false);
    // with nothing else to choose an element, a value in any element counts
    expect(match({ items: { size: [{ exists: false }] } }, event)).toEqual({
      matched: false, reason: 'items[0].size: 1 does not match exists false',
    });
  });

  test('a search over the elements of many lists stops with a reason instead of running on', () => {
    const list = Array.from({ length: 10 }, () => ({ x: 1, y: 1 }));
    const pattern = { a: { x: [1] }, b: { x: [1] }, c: { x: [1] }, d: { x: [1] }, e: { x: [1] }, f: { x: [1], y: [{ exists: false }] } };
    const event = { a: list, b: list, c: list, d: list, e: list, f: list };
    expect(match(pattern, event)).toEqual({
      matched: false, reason: 'the pattern and the event are too large to compare here (more than 100000 choices of list elements)',
    });
  });

  test('the empty pattern matches everything; what is not an object is reported, not thrown', () => {
    expect(match({}, DOC_EVENT)).toEqual({ matched: true, reason: 'the pattern {} matches every event' });
    expect(match({ source: ['acs.oss'] }, 'text' as unknown as object)).toEqual({ matched: false, reason: 'the event "text" is not an object' });
    expect(match([] as unknown as object, DOC_EVENT)).toEqual({ matched: false, reason: 'the pattern [] is not an object' });
  });

  test('patterns the checks refuse, and deploy-time values, give a reason instead of throwing', () => {
    expect(match({ source: 'acs.oss' }, DOC_EVENT)).toEqual({
      matched: false, reason: 'source: the pattern holds "acs.oss", not a list of values or matchers nor an object of fields',
    });
    expect(match({ source: [{ wildcard: 'acs.*' }] }, DOC_EVENT)).toEqual({
      matched: false, reason: 'source: the pattern\'s {"wildcard":"acs.*"} is not a matcher EventBridge documents',
    });
    expect(match({ source: [{ 'anything-but': { suffix: '.oss' } }] }, DOC_EVENT).reason)
      .toBe('source: the pattern\'s {"anything-but":{"suffix":".oss"}} needs a string, a number, a list of them, or { prefix }');
    expect(match({ n: [{ numeric: ['!=', 1] }] }, { n: 1 }).matched).toBe(false);
    expect(match({ subject: [{ prefix: { 'Fn::Sub': 'acs:oss:${ALIYUN::Region}:b/' } }] }, DOC_EVENT)).toEqual({
      matched: false,
      reason: 'subject: the pattern\'s {"prefix":{"Fn::Sub":"acs:oss:${ALIYUN::Region}:b/"}} holds a deploy-time value, which cannot be evaluated offline',
    });
    expect(match({ source: { Ref: 'Sources' } }, DOC_EVENT)).toEqual({
      matched: false, reason: 'source: the pattern holds the deploy-time value {"Ref":"Sources"}, which cannot be evaluated offline',
    });
    // an item that cannot be evaluated does not hide one that matches
    expect(match({ source: [{ Ref: 'S' }, 'acs.oss'] }, DOC_EVENT).matched).toBe(true);
    // a cyclic pattern over a cyclic event stops
    const p: any = { a: {} };
    p.a.a = p.a;
    const e: any = { a: {} };
    e.a.a = e.a;
    expect(match(p, e).matched).toBe(false);
  });
});

test('static methods only: the constructor is private (checked by tsc)', () => {
  // @ts-expect-error the constructor is private: EventPatternMatcher is a class of static methods (jsii has no free functions)
  const make = (): unknown => new EventPatternMatcher();
  expect(typeof make).toBe('function');
});

describe('SMQ filter tags (https://www.alibabacloud.com/help/en/mns/developer-reference/message-filtering)', () => {
  const tag = EventPatternMatcher.matchFilterTag;

  test('the page\'s three subscriptions and three messages', () => {
    const messages = ['tag-a', 'tag-b', undefined];
    const receives = (filter: string | undefined): boolean[] => messages.map((m) => tag(filter, m).matched);
    expect(receives('tag-a')).toEqual([true, false, false]);
    expect(receives('tag-b')).toEqual([false, true, false]);
    expect(receives(undefined)).toEqual([true, true, true]);
  });

  test('reasons', () => {
    expect(tag('img', 'img')).toEqual({ matched: true, reason: 'filter tag "img" matched' });
    expect(tag('img', 'doc')).toEqual({ matched: false, reason: 'the message\'s tag "doc" is not the filter tag "img"' });
    expect(tag('img', undefined)).toEqual({ matched: false, reason: 'the message has no tag; the filter tag is "img"' });
    expect(tag(undefined, undefined)).toEqual({ matched: true, reason: 'no filter tag: every message passes' });
    expect(tag(undefined, 'doc')).toEqual({ matched: true, reason: 'no filter tag: every message passes (the message\'s tag "doc" is not looked at)' });
    expect(tag('', 'doc').matched).toBe(true);
    expect(tag('img', '').matched).toBe(false);
    expect(tag('Img', 'img').matched).toBe(false); // exact, case-sensitive
  });

  test('property: with a filter tag, a message passes exactly when its tag equals it', () => {
    fc.assert(fc.property(fc.option(fc.string({ maxLength: 16 }), { nil: undefined }), fc.option(fc.string({ maxLength: 16 }), { nil: undefined }),
      (filter, message) => {
        const expected = filter === undefined || filter === '' || filter === message;
        expect(tag(filter, message).matched).toBe(expected);
      }));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// properties

/** Scalars an event holds. */
const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(), fc.constant(null));
/** Field names, a few of them so that fields meet, and one with a dot and one like a matcher. */
const fieldName = fc.constantFrom('a', 'b', 'c', 'source', 'type', 'data', 'x.y', 'prefix');
/** A JSON event: objects of scalars, lists of scalars, and objects again. */
const event: fc.Arbitrary<{ [key: string]: unknown }> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 4 }), tie('object')),
  object: fc.dictionary(fieldName, tie('value'), { maxKeys: 4 }),
})).object as fc.Arbitrary<{ [key: string]: unknown }>;

/** An event with lists of lists and lists of objects too. */
const deepEvent: fc.Arbitrary<{ [key: string]: unknown }> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 3 }), tie('object')),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
})).object as fc.Arbitrary<{ [key: string]: unknown }>;

/** Patterns of one to three leaves over the fields of `deepEvent`, with the documented operators. */
const checkedShape: fc.Arbitrary<{ [key: string]: unknown }> = fc.letrec((tie) => ({
  field: fc.oneof({ depthSize: 'small' }, fc.array(fc.oneof(scalar, fc.record({ prefix: fc.string({ maxLength: 2 }) }), fc.record({ exists: fc.boolean() }),
    fc.record({ 'anything-but': fc.string({ maxLength: 2 }) }), fc.record({ numeric: fc.tuple(fc.constantFrom('>', '<'), fc.integer({ min: -5, max: 5 })) })),
  { minLength: 1, maxLength: 3 }), tie('object')),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('field'), { minKeys: 1, maxKeys: 3 }),
})).object as fc.Arbitrary<{ [key: string]: unknown }>;

/** Every leaf of an event with its path (lists are leaves). */
function leaves(e: { [key: string]: unknown }, at: string[] = []): Array<{ path: string[]; value: unknown }> {
  return Object.entries(e).flatMap(([k, v]) => (typeof v === 'object' && v !== null && !Array.isArray(v)
    ? leaves(v as { [key: string]: unknown }, [...at, k])
    : [{ path: [...at, k], value: v }]));
}

/** A pattern with `leaf` at `path`, merged into `into`. */
function put(into: { [key: string]: any }, path: string[], leaf: unknown[]): void {
  let node = into;
  for (const key of path.slice(0, -1)) {
    node[key] = node[key] ?? {};
    node = node[key];
  }
  node[path[path.length - 1]] = leaf;
}

/** A number as event-ruler compares it: to 6 digits after the decimal point (https://github.com/aws/event-ruler , "Numeric matching"). */
const sixDigits = (n: number): number => Math.trunc(1e6 * (5e9 + n));
/** Within the numbers numeric matching covers. */
const inNumericRange = (n: number): boolean => Math.abs(n) <= 5e9;

/** A matcher the value itself satisfies. */
function selfMatcher(value: unknown, choice: number): unknown {
  if (typeof value === 'string') {
    const cut = choice % (value.length + 1);
    return [value, { prefix: value.slice(0, cut) }, { suffix: value.slice(cut) }, { contains: value.slice(0, cut) },
      { prefix: value.slice(0, cut), suffix: value.slice(cut) }, { exists: true }][choice % 6];
  }
  if (typeof value === 'number') {
    return inNumericRange(value) ? [value, { numeric: ['=', value] }, { numeric: ['>=', value, '<=', value] }, { exists: true }][choice % 4]
      : [value, { exists: true }][choice % 2];
  }
  return choice % 2 === 0 ? value : { exists: true };
}

describe('properties', () => {
  test('a pattern built from an event\'s own values always matches it', () => {
    fc.assert(fc.property(event, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (e, choices) => {
      const all = leaves(e);
      fc.pre(all.length > 0);
      const pattern: { [key: string]: any } = {};
      choices.forEach((choice, i) => {
        const { path, value } = all[choice % all.length];
        const element = Array.isArray(value) ? (value.length === 0 ? undefined : value[choice % value.length]) : value;
        // an empty list holds no value: only exists false matches it
        put(pattern, path, [Array.isArray(value) && value.length === 0 ? { exists: false } : selfMatcher(element, choice + i)]);
      });
      const result = match(pattern, e);
      expect(result).toEqual({ matched: true, reason: expect.any(String) });
    }));
  });

  test('a field the event lacks matches only exists false', () => {
    fc.assert(fc.property(event, scalar, (e, v) => {
      const pattern = { missing: [v] };
      expect(match(pattern, e).matched).toBe(false);
      expect(match({ missing: [{ exists: false }] }, e).matched).toBe(true);
      expect(match({ missing: [{ exists: true }] }, e).matched).toBe(false);
    }));
  });

  test('a field under a parent the event lacks, or under a value that is not an object, matches only exists false', () => {
    fc.assert(fc.property(event, scalar, fc.nat(), fc.array(fc.constantFrom('p', 'q'), { minLength: 1, maxLength: 3 }), (e, v, choice, below) => {
      // a parent that is absent, at any depth
      const under = (path: string[], leaf: unknown[]): { [key: string]: any } => {
        const p: { [key: string]: any } = {};
        put(p, path, leaf);
        return p;
      };
      const absent = ['missing', ...below];
      expect(match(under(absent, [{ exists: false }]), e).matched).toBe(true);
      expect(match(under(absent, [{ exists: true }]), e).matched).toBe(false);
      expect(match(under(absent, [v]), e).matched).toBe(false);
      // a parent that is a value of the event (a string, a number, null, or a list of them)
      const values = leaves(e);
      fc.pre(values.length > 0);
      const { path } = values[choice % values.length];
      const deeper = [...path, ...below];
      expect(match(under(deeper, [{ exists: false }]), e).matched).toBe(true);
      expect(match(under(deeper, [{ exists: true }]), e).matched).toBe(false);
      expect(match(under(deeper, [v]), e).matched).toBe(false);
    }));
  });

  test('exists holds exactly when the path holds a leaf value, through lists at any depth and objects in them', () => {
    /** The leaf values at a path, lists crushed out at any depth: the reference's reading of an event, written plainly. */
    const valuesAt = (node: unknown, keys: readonly string[]): unknown[] => {
      if (Array.isArray(node)) {
        return node.flatMap((n) => valuesAt(n, keys));
      }
      const isObject = typeof node === 'object' && node !== null;
      if (keys.length === 0) {
        return isObject ? [] : [node];
      }
      if (!isObject || (node as any)[keys[0]] === undefined) {
        return [];
      }
      return valuesAt((node as any)[keys[0]], keys.slice(1));
    };
    const path = fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(deepEvent, path, scalar, fc.string({ maxLength: 2 }), (e, keys, v, p) => {
      const pattern = (leaf: unknown[]): { [key: string]: any } => {
        const out: { [key: string]: any } = {};
        put(out, keys, leaf);
        return out;
      };
      const values = valuesAt(e, keys);
      expect(match(pattern([{ exists: true }]), e).matched).toBe(values.length > 0);
      expect(match(pattern([{ exists: false }]), e).matched).toBe(values.length === 0);
      expect(match(pattern([v]), e).matched).toBe(values.some((x) => x === v));
      expect(match(pattern([{ prefix: p }]), e).matched).toBe(values.some((x) => typeof x === 'string' && x.startsWith(p)));
      expect(match(pattern([v, { exists: false }]), e).matched).toBe(values.length === 0 || values.some((x) => x === v));
    }));
  });

  test('a value wrapped in a list of one element, at any depth, matches as the value does', () => {
    /** The event with some of its values (by the choices) wrapped in one or two lists of one element. */
    const wrap = (node: unknown, choices: number[]): unknown => {
      const c = choices.length === 0 ? 0 : choices[0];
      const rest = choices.slice(1).concat(choices.slice(0, 1));
      const inner = Array.isArray(node) ? node.map((n) => wrap(n, rest))
        : typeof node === 'object' && node !== null ? Object.fromEntries(Object.entries(node).map(([k, x]) => [k, wrap(x, rest)])) : node;
      return c % 3 === 0 ? inner : c % 3 === 1 ? [inner] : [[inner]];
    };
    fc.assert(fc.property(checkedShape, deepEvent, fc.array(fc.nat(), { maxLength: 5 }), (p, e, choices) => {
      const wrapped = wrap(e, [0, ...choices]) as { [key: string]: unknown };
      expect(match(p, wrapped).matched).toBe(match(p, e).matched);
    }), { numRuns: 300 });
  });

  test('anything-but a value never matches that value, and matches every other value of the event', () => {
    const value = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -50, max: 50 }));
    fc.assert(fc.property(value, value, fc.array(value, { minLength: 1, maxLength: 4 }), (excluded, other, list) => {
      expect(match({ f: [{ 'anything-but': excluded }] }, { f: excluded }).matched).toBe(false);
      expect(match({ f: [{ 'anything-but': excluded }] }, { f: other }).matched).toBe(other !== excluded);
      expect(match({ f: [{ 'anything-but': list }] }, { f: other }).matched).toBe(!list.includes(other));
      if (typeof excluded === 'string') {
        const p = excluded.slice(0, 2);
        expect(match({ f: [{ 'anything-but': { prefix: p } }] }, { f: excluded }).matched).toBe(false);
        expect(match({ f: [{ 'anything-but': { prefix: p } }] }, { f: other }).matched).toBe(!(typeof other === 'string' && other.startsWith(p)));
      }
    }));
  });

  test('prefix, suffix and contains agree with startsWith, endsWith and includes', () => {
    fc.assert(fc.property(fc.string({ maxLength: 6 }), fc.string({ maxLength: 10 }), (needle, value) => {
      expect(match({ f: [{ prefix: needle }] }, { f: value }).matched).toBe(value.startsWith(needle));
      expect(match({ f: [{ suffix: needle }] }, { f: value }).matched).toBe(value.endsWith(needle));
      expect(match({ f: [{ contains: needle }] }, { f: value }).matched).toBe(value.includes(needle));
      expect(match({ f: [{ prefix: needle, suffix: needle }] }, { f: value }).matched).toBe(value.startsWith(needle) && value.endsWith(needle));
      // not strings: never
      expect(match({ f: [{ prefix: needle }] }, { f: value.length }).matched).toBe(false);
    }));
  });

  test('numeric ranges agree with the comparisons, to 6 digits after the decimal point', () => {
    const num = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -20, max: 20, noNaN: true }), fc.integer({ min: -20, max: 20 }).map((n) => n + 1e-7));
    const lower = fc.constantFrom('>', '>=');
    const upper = fc.constantFrom('<', '<=');
    const cmp = (op: string, x: number, y: number): boolean => {
      const [a, b] = [sixDigits(x), sixDigits(y)];
      return ({ '=': a === b, '>': a > b, '>=': a >= b, '<': a < b, '<=': a <= b } as any)[op];
    };
    fc.assert(fc.property(num, lower, num, upper, num, fc.boolean(), (v, lo, a, hi, b, swap) => {
      const range = swap ? [hi, b, lo, a] : [lo, a, hi, b];
      expect(match({ f: [{ numeric: range }] }, { f: v }).matched).toBe(cmp(lo, v, a) && cmp(hi, v, b));
      for (const op of ['=', '>', '>=', '<', '<=']) {
        expect(match({ f: [{ numeric: [op, a] }] }, { f: v }).matched).toBe(cmp(op, v, a));
      }
      expect(match({ f: [{ numeric: ['>=', a] }] }, { f: String(v) }).matched).toBe(false);
    }));
  });

  test('cidr agrees with a comparison of the leading bits', () => {
    const ip = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
    const toNumber = (o: number[]): number => ((o[0] * 2 ** 24) + (o[1] << 16) + (o[2] << 8) + o[3]);
    fc.assert(fc.property(ip, ip, fc.nat(32), (block, address, bits) => {
      const expected = bits === 0 || Math.floor(toNumber(block) / 2 ** (32 - bits)) === Math.floor(toNumber(address) / 2 ** (32 - bits));
      expect(match({ f: [{ cidr: `${block.join('.')}/${bits}` }] }, { f: address.join('.') }).matched).toBe(expected);
    }));
  });

  test('a list in the event matches a leaf exactly when one of its elements does', () => {
    const value = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 5 }));
    fc.assert(fc.property(fc.array(value, { maxLength: 5 }), fc.array(value, { minLength: 1, maxLength: 5 }), (elements, wanted) => {
      expect(match({ f: wanted }, { f: elements }).matched).toBe(elements.some((e) => wanted.includes(e)));
      expect(match({ f: wanted }, { f: elements }).matched).toBe(elements.some((e) => match({ f: wanted }, { f: e }).matched));
    }));
  });

  test('AND across keys, OR within a list', () => {
    const item = fc.oneof(scalar, fc.record({ prefix: fc.string({ maxLength: 2 }) }), fc.record({ 'anything-but': fc.string({ maxLength: 2 }) }),
      fc.record({ exists: fc.boolean() }), fc.record({ numeric: fc.tuple(fc.constantFrom('>', '<'), fc.integer({ min: -5, max: 5 })) }));
    fc.assert(fc.property(event, item, item, (e, x, y) => {
      const a = match({ a: [x] }, e).matched;
      const b = match({ b: [y] }, e).matched;
      expect(match({ a: [x], b: [y] }, e).matched).toBe(a && b);
      expect(match({ a: [x, y] }, e).matched).toBe(a || match({ a: [y] }, e).matched);
    }));
  });
});

describe('every pattern the synth-time checks accept is matched without throwing', () => {
  const { stack } = newStack('Patterns');
  const str = fc.string({ maxLength: 6 });
  // numbers within the range numeric matching covers (event-ruler's -5e9 to 5e9): the checks accept bounds beyond it,
  // which the matcher reports as a pattern it cannot evaluate (a bound test of its own is above)
  const num = fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ min: -5e9, max: 5e9, noNaN: true }));
  const octet = fc.nat(255);
  /** The operators of lib/core/event-pattern.ts, with values it may or may not accept. */
  const item = fc.oneof(
    str, num, fc.boolean(), fc.constant(null),
    fc.record({ prefix: str }), fc.record({ suffix: str }), fc.record({ contains: str }), fc.record({ prefix: str, suffix: str }),
    fc.record({ 'anything-but': fc.oneof(str, num, fc.array(fc.oneof(str, num), { minLength: 1, maxLength: 3 }), fc.record({ prefix: str })) }),
    fc.record({ numeric: fc.oneof(
      fc.tuple(fc.constantFrom('=', '>', '>=', '<', '<='), num),
      fc.tuple(fc.constantFrom('>', '>=', '<', '<='), num, fc.constantFrom('>', '>=', '<', '<='), num)) }),
    fc.record({ cidr: fc.oneof(fc.tuple(octet, octet, octet, octet).map((o) => o.join('.')),
      fc.tuple(octet, octet, octet, octet, fc.nat(32)).map((o) => `${o.slice(0, 4).join('.')}/${o[4]}`), str) }),
    fc.record({ exists: fc.boolean() }),
    // what the checks refuse, to be sure the generator reaches both sides
    fc.record({ wildcard: str }), fc.record({ prefix: num }),
  );
  const pattern: fc.Arbitrary<{ [key: string]: unknown }> = fc.letrec((tie) => ({
    field: fc.oneof({ depthSize: 'small' }, fc.array(item, { minLength: 1, maxLength: 5 }), tie('object')),
    object: fc.dictionary(fieldName, tie('field'), { minKeys: 1, maxKeys: 3 }),
  })).object as fc.Arbitrary<{ [key: string]: unknown }>;

  test('checked patterns over random events', () => {
    let accepted = 0;
    fc.assert(fc.property(pattern, event, (p, e) => {
      let ok = true;
      try {
        checkPattern(stack, 'pattern', p);
      } catch {
        ok = false;
      }
      const result = match(p, e); // never throws, accepted or not
      expect(typeof result.matched).toBe('boolean');
      expect(result.reason.length).toBeGreaterThan(0);
      if (ok) {
        accepted++;
        // an accepted pattern is never reported as malformed
        expect(result.reason).not.toMatch(/the pattern('s| holds)/);
      }
    }), { numRuns: 500 });
    expect(accepted).toBeGreaterThan(50);
  });

  test('anything at all, as pattern or event', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (p, e) => {
      const result = match(p as object, e as object);
      expect(typeof result.matched).toBe('boolean');
    }));
  });
});
