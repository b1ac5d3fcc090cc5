import { Match, Matcher, MatchResult, Template } from '../../lib/assertions';

/** The mismatch lines of testing `value` against `matcher`. */
function mismatches(matcher: Matcher, value: any): string[] {
  return matcher.test(value).toHumanStrings();
}

/** A template with one queue whose Properties are `props`. */
function queueTemplate(props: { [key: string]: any }): Template {
  return Template.fromJSON({ Resources: { Queue: { Type: 'ALIYUN::MNS::Queue', Properties: props } } });
}

describe('Match.objectLike', () => {
  test('passes when every pattern key matches and ignores extra keys', () => {
    expect(mismatches(Match.objectLike({ a: 1 }), { a: 1, b: 2 })).toEqual([]);
  });

  test('treats nested plain objects as objectLike too', () => {
    expect(mismatches(Match.objectLike({ a: { b: 1 } }), { a: { b: 1, c: 2 } })).toEqual([]);
  });

  test('reports a wrong value with its path', () => {
    expect(mismatches(Match.objectLike({ a: { b: 1 } }), { a: { b: 2 } })).toEqual(['at /a/b: expected 1 but received 2']);
  });

  test('distinguishes a number from the same digits in a string', () => {
    expect(mismatches(Match.objectLike({ a: 30 }), { a: '30' })).toEqual(['at /a: expected 30 but received "30"']);
  });

  test('reports a missing key', () => {
    expect(mismatches(Match.objectLike({ a: 1, b: 2 }), { a: 1 })).toEqual(['at /b: missing key']);
  });

  test('fails on a non-object target', () => {
    expect(mismatches(Match.objectLike({ a: 1 }), 'a')).toEqual(['at /: expected an object but received string "a"']);
    expect(mismatches(Match.objectLike({ a: 1 }), [1])).toEqual(['at /: expected an object but received array [1]']);
    expect(mismatches(Match.objectLike({ a: 1 }), null)).toEqual(['at /: expected an object but received null']);
  });

  test('matches a literal array element-wise with the same length, objects inside objectLike', () => {
    const m = Match.objectLike({ list: [{ k: 'a' }, 'b'] });
    expect(mismatches(m, { list: [{ k: 'a', extra: true }, 'b'] })).toEqual([]);
    expect(mismatches(m, { list: [{ k: 'a' }, 'b', 'c'] })).toEqual([
      'at /list: expected an array of length 2 but received one of length 3: [{"k":"a"},"b","c"]',
    ]);
    expect(mismatches(m, { list: ['b', { k: 'a' }] })).toEqual([
      'at /list/0: expected an object but received string "b"',
      'at /list/1: expected "b" but received {"k":"a"}',
    ]);
  });

  test('rejects an undefined pattern value and points to Match.absent()', () => {
    expect(() => Match.objectLike({ a: undefined }).test({})).toThrow(/key 'a' is undefined; use Match.absent\(\)/);
  });

  test('rejects a pattern that is not a plain object', () => {
    expect(() => Match.objectLike([1] as any)).toThrow(/must be a plain object/);
  });

  test('in a template, extra properties are ignored but a wrong one fails', () => {
    const t = queueTemplate({ QueueName: 'q', DelaySeconds: 0, Nested: { A: 1, B: 2 } });
    t.hasResourceProperties('ALIYUN::MNS::Queue', { Nested: { A: 1 } });
    expect(() => t.hasResourceProperties('ALIYUN::MNS::Queue', { Nested: { A: 2 } }))
      .toThrow(/at \/Properties\/Nested\/A: expected 2 but received 1/);
  });
});

describe('Match.objectEquals', () => {
  test('passes on the exact key set', () => {
    expect(mismatches(Match.objectEquals({ a: 1, b: 'x' }), { a: 1, b: 'x' })).toEqual([]);
  });

  test('reports an unexpected key', () => {
    expect(mismatches(Match.objectEquals({ a: 1 }), { a: 1, b: 2 })).toEqual(['at /b: unexpected key (value 2)']);
  });

  test('compares nested plain objects exactly as well', () => {
    expect(mismatches(Match.objectEquals({ a: { b: 1 } }), { a: { b: 1, c: 2 } })).toEqual(['at /a/c: unexpected key (value 2)']);
  });

  test('a nested objectLike relaxes a nested object again', () => {
    expect(mismatches(Match.objectEquals({ a: Match.objectLike({ b: 1 }) }), { a: { b: 1, c: 2 } })).toEqual([]);
  });

  test('in a template, an extra property fails', () => {
    const t = queueTemplate({ QueueName: 'q', DelaySeconds: 0 });
    t.hasResourceProperties('ALIYUN::MNS::Queue', Match.objectEquals({ QueueName: 'q', DelaySeconds: 0 }));
    expect(() => t.hasResourceProperties('ALIYUN::MNS::Queue', Match.objectEquals({ QueueName: 'q' })))
      .toThrow(/at \/Properties\/DelaySeconds: unexpected key \(value 0\)/);
  });
});

describe('Match.arrayWith', () => {
  test('finds the pattern elements in order, not necessarily next to each other', () => {
    expect(mismatches(Match.arrayWith(['a', 'c']), ['a', 'b', 'c'])).toEqual([]);
    expect(mismatches(Match.arrayWith([]), ['a'])).toEqual([]);
  });

  test('fails when the elements are in another order', () => {
    expect(mismatches(Match.arrayWith(['c', 'a']), ['a', 'b', 'c'])).toEqual([
      'at /: no element after index 2 (where pattern element 0 matched) matches pattern element 1: "a"',
    ]);
  });

  test('fails when an element is missing and shows the closest candidate', () => {
    expect(mismatches(Match.arrayWith([{ Key: 'k', Value: 'x' }]), [{ Key: 'z', Value: 'y' }, { Key: 'k', Value: 'v' }])).toEqual([
      'at /: no element in the array matches pattern element 0: {"Key":"k","Value":"x"}',
      'at /1/Value: expected "x" but received "v" (closest candidate for pattern element 0)',
    ]);
  });

  test('needs one target element per pattern element', () => {
    expect(Match.arrayWith(['a', 'a']).test(['a']).isSuccess).toBe(false);
    expect(Match.arrayWith(['a', 'a']).test(['a', 'x', 'a']).isSuccess).toBe(true);
  });

  test('greedy matching does not miss a valid assignment', () => {
    expect(Match.arrayWith([Match.anyValue(), 'b']).test(['a', 'b']).isSuccess).toBe(true);
    expect(Match.arrayWith([Match.anyValue(), 'b']).test(['b']).isSuccess).toBe(false);
  });

  test('compares objects in the pattern exactly (as AWS CDK); objectLike relaxes them', () => {
    const target = [{ Key: 'k', Value: 'v' }];
    expect(Match.arrayWith([{ Key: 'k' }]).test(target).isSuccess).toBe(false);
    expect(Match.arrayWith([Match.objectLike({ Key: 'k' })]).test(target).isSuccess).toBe(true);
  });

  test('fails on a non-array target', () => {
    expect(mismatches(Match.arrayWith(['a']), { a: 1 })).toEqual(['at /: expected an array but received object {"a":1}']);
  });

  test('in a template, reports the path of the array', () => {
    const t = queueTemplate({ Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'mq' }] });
    t.hasResourceProperties('ALIYUN::MNS::Queue', { Tags: Match.arrayWith([{ Key: 'team', Value: 'mq' }]) });
    expect(() => t.hasResourceProperties('ALIYUN::MNS::Queue', { Tags: Match.arrayWith([{ Key: 'team', Value: 'ops' }]) }))
      .toThrow(/at \/Properties\/Tags\/1\/Value: expected "ops" but received "mq" \(closest candidate for pattern element 0\)/);
  });
});

describe('Match.arrayEquals', () => {
  test('passes on the same elements in the same order', () => {
    expect(mismatches(Match.arrayEquals([1, 'a', { b: true }]), [1, 'a', { b: true }])).toEqual([]);
  });

  test('fails on a different length', () => {
    expect(mismatches(Match.arrayEquals([1, 2]), [1, 2, 3])).toEqual(['at /: expected an array of length 2 but received one of length 3: [1,2,3]']);
  });

  test('fails on a different order', () => {
    expect(mismatches(Match.arrayEquals([1, 2]), [2, 1])).toEqual(['at /0: expected 1 but received 2', 'at /1: expected 2 but received 1']);
  });

  test('compares objects in the pattern exactly', () => {
    expect(mismatches(Match.arrayEquals([{ a: 1 }]), [{ a: 1, b: 2 }])).toEqual(['at /0/b: unexpected key (value 2)']);
  });
});

describe('Match.exact', () => {
  test('passes on a deeply equal value', () => {
    expect(mismatches(Match.exact({ a: [1, { b: 'c' }], d: null }), { a: [1, { b: 'c' }], d: null })).toEqual([]);
    expect(mismatches(Match.exact('x'), 'x')).toEqual([]);
  });

  test('fails on an extra nested key', () => {
    expect(mismatches(Match.exact({ a: { b: 1 } }), { a: { b: 1, c: 2 } })).toEqual(['at /a/c: unexpected key (value 2)']);
  });

  test('fails on a different primitive', () => {
    expect(mismatches(Match.exact(null), 0)).toEqual(['at /: expected null but received 0']);
  });

  test('applies matchers nested inside the pattern', () => {
    expect(mismatches(Match.exact({ a: Match.anyValue() }), { a: 5 })).toEqual([]);
    expect(mismatches(Match.exact({ a: Match.anyValue() }), { a: 5, b: 1 })).toEqual(['at /b: unexpected key (value 1)']);
  });

  test('refuses to wrap a matcher directly', () => {
    expect(() => Match.exact(Match.anyValue())).toThrow(/cannot be wrapped directly/);
  });

  test('refuses a RegExp pattern', () => {
    expect(() => Match.exact(/a/)).toThrow(/use Match.stringLikeRegexp\("a"\)/);
  });

  test('in templateMatches, an extra resource fails', () => {
    const t = Template.fromJSON({ Resources: { A: { Type: 'T' }, B: { Type: 'T' } } });
    t.templateMatches(Match.exact({ Resources: { A: { Type: 'T' }, B: { Type: 'T' } } }));
    expect(() => t.templateMatches(Match.exact({ Resources: { A: { Type: 'T' } } })))
      .toThrow(/at \/Resources\/B: unexpected key/);
  });
});

describe('Match.anyValue', () => {
  test('accepts any present value, including falsy ones', () => {
    for (const v of [0, '', false, [], {}, 'x']) {
      expect(mismatches(Match.anyValue(), v)).toEqual([]);
    }
  });

  test('rejects null and undefined', () => {
    expect(mismatches(Match.anyValue(), null)).toEqual(['at /: expected any value but received null']);
    expect(mismatches(Match.anyValue(), undefined)).toEqual(['at /: expected any value but received undefined']);
  });

  test('requires the key to be present', () => {
    expect(mismatches(Match.objectLike({ a: Match.anyValue() }), {})).toEqual(['at /a: missing key']);
  });
});

describe('Match.absent', () => {
  test('passes when the key is missing', () => {
    expect(mismatches(Match.objectLike({ a: Match.absent() }), { b: 1 })).toEqual([]);
  });

  test('fails when the key is present, even with a falsy value', () => {
    expect(mismatches(Match.objectLike({ a: Match.absent() }), { a: 0 })).toEqual(['at /a: expected the key to be absent but received 0']);
    expect(mismatches(Match.objectLike({ a: Match.absent() }), { a: null })).toEqual(['at /a: expected the key to be absent but received null']);
  });

  test('in a template', () => {
    const t = queueTemplate({ QueueName: 'q' });
    t.hasResourceProperties('ALIYUN::MNS::Queue', { DelaySeconds: Match.absent() });
    expect(() => t.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: Match.absent() }))
      .toThrow(/at \/Properties\/QueueName: expected the key to be absent but received "q"/);
  });
});

describe('Match.not', () => {
  test('passes when the inner pattern does not match', () => {
    expect(mismatches(Match.not('a'), 'b')).toEqual([]);
    expect(mismatches(Match.not(Match.stringLikeRegexp('^a')), 'ba')).toEqual([]);
  });

  test('fails when the inner pattern matches', () => {
    expect(mismatches(Match.not('a'), 'a')).toEqual(['at /: expected a value not matching "a" but received "a"']);
  });

  test('compares a plain object exactly', () => {
    expect(mismatches(Match.not({ a: 1 }), { a: 1, b: 2 })).toEqual([]);
    expect(mismatches(Match.not({ a: 1 }), { a: 1 })).toEqual(['at /: expected a value not matching {"a":1} but received {"a":1}']);
  });

  test('not(absent()) requires the key', () => {
    expect(mismatches(Match.objectLike({ a: Match.not(Match.absent()) }), {})).toEqual(['at /a: missing key']);
    expect(mismatches(Match.objectLike({ a: Match.not(Match.absent()) }), { a: 1 })).toEqual([]);
  });

  test('in a template', () => {
    const t = queueTemplate({ QueueName: 'q' });
    t.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: Match.not('other') });
    expect(() => t.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: Match.not('q') }))
      .toThrow(/at \/Properties\/QueueName: expected a value not matching "q" but received "q"/);
  });
});

describe('Match.stringLikeRegexp', () => {
  test('passes when the regexp finds a match', () => {
    expect(mismatches(Match.stringLikeRegexp('^q-[0-9]+$'), 'q-12')).toEqual([]);
    expect(mismatches(Match.stringLikeRegexp('mid'), 'a-mid-b')).toEqual([]);
  });

  test('fails when it does not', () => {
    expect(mismatches(Match.stringLikeRegexp('^q-[0-9]+$'), 'q-x')).toEqual(['at /: expected a string matching /^q-[0-9]+$/ but received "q-x"']);
  });

  test('fails on a non-string', () => {
    expect(mismatches(Match.stringLikeRegexp('1'), 1)).toEqual(['at /: expected a string matching /1/ but received number 1']);
  });

  test('rejects an invalid regular expression when built', () => {
    expect(() => Match.stringLikeRegexp('(')).toThrow(SyntaxError);
  });

  test('in a template', () => {
    const t = queueTemplate({ QueueName: 'orders-queue' });
    t.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: Match.stringLikeRegexp('^orders-') });
    expect(() => t.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: Match.stringLikeRegexp('^billing-') }))
      .toThrow(/at \/Properties\/QueueName: expected a string matching \/\^billing-\/ but received "orders-queue"/);
  });
});

describe('Match.serializedJson', () => {
  const doc = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['mns:SendMessage'] }] };

  test('parses the string and matches the value (exactly for plain values)', () => {
    expect(mismatches(Match.serializedJson(doc), JSON.stringify(doc))).toEqual([]);
    expect(mismatches(Match.serializedJson({ Version: '1' }), JSON.stringify(doc))).toEqual(['at /(json)/Statement: unexpected key (value [{"Effect":"Allow","Action":["mns:SendMessage"]}])']);
  });

  test('accepts a matcher for a partial match', () => {
    expect(mismatches(Match.serializedJson(Match.objectLike({ Version: '1' })), JSON.stringify(doc))).toEqual([]);
  });

  test('reports a mismatch inside the parsed JSON', () => {
    expect(mismatches(Match.serializedJson(Match.objectLike({ Version: '2' })), JSON.stringify(doc))).toEqual(['at /(json)/Version: expected "2" but received "1"']);
  });

  test('fails on invalid JSON and on non-strings', () => {
    expect(mismatches(Match.serializedJson({}), '{oops')).toEqual(['at /: expected a JSON string but received a string that is not valid JSON: "{oops"']);
    expect(mismatches(Match.serializedJson({}), {})).toEqual(['at /: expected a JSON string but received object {}']);
  });

  test('in a template, on a property holding a JSON document', () => {
    const t = Template.fromJSON({ Resources: { Role: { Type: 'ALIYUN::RAM::Role', Properties: { AssumeRolePolicyDocument: JSON.stringify(doc) } } } });
    t.hasResourceProperties('ALIYUN::RAM::Role', {
      AssumeRolePolicyDocument: Match.serializedJson(Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow' })]) })),
    });
    expect(() => t.hasResourceProperties('ALIYUN::RAM::Role', {
      AssumeRolePolicyDocument: Match.serializedJson(Match.objectLike({ Statement: [Match.objectLike({ Effect: 'Deny' })] })),
    })).toThrow(/at \/Properties\/AssumeRolePolicyDocument\/\(json\)\/Statement\/0\/Effect: expected "Deny" but received "Allow"/);
  });
});

describe('Match.isMatcher', () => {
  test('recognises matchers only', () => {
    expect(Match.isMatcher(Match.anyValue())).toBe(true);
    expect(Match.isMatcher(Match.objectLike({}))).toBe(true);
    expect(Matcher.isMatcher(Match.absent())).toBe(true);
    for (const v of [null, undefined, 'x', 1, {}, [], { name: 'x', test: () => new MatchResult(1) }]) {
      expect(Match.isMatcher(v)).toBe(false);
    }
  });
});

describe('custom matchers', () => {
  class EvenNumber extends Matcher {
    public readonly name = 'evenNumber';
    public test(actual: any): MatchResult {
      const result = new MatchResult(actual);
      if (typeof actual !== 'number' || actual % 2 !== 0) {
        result.push(this, [], `expected an even number but received ${JSON.stringify(actual)}`);
      }
      return result;
    }
  }

  test('a subclass of Matcher works inside patterns and is named in reports', () => {
    expect(Match.isMatcher(new EvenNumber())).toBe(true);
    expect(mismatches(Match.objectLike({ n: new EvenNumber() }), { n: 4 })).toEqual([]);
    expect(mismatches(Match.objectLike({ n: new EvenNumber() }), { n: 3 })).toEqual(['at /n: expected an even number but received 3']);
    expect(JSON.stringify({ n: new EvenNumber() })).toBe('{"n":"<evenNumber>"}');
  });
});

describe('MatchResult', () => {
  const m = Match.anyValue();

  test('starts successful', () => {
    const r = new MatchResult('x');
    expect(r.isSuccess).toBe(true);
    expect(r.hasFailed()).toBe(false);
    expect(r.failCount).toBe(0);
    expect(r.toHumanStrings()).toEqual([]);
    expect(r.target).toBe('x');
  });

  test('push records failures in order with their paths', () => {
    const r = new MatchResult({}).push(m, ['a', '0'], 'first').push(m, [], 'second');
    expect(r.isSuccess).toBe(false);
    expect(r.failCount).toBe(2);
    expect(r.toHumanStrings()).toEqual(['at /a/0: first', 'at /: second']);
    expect(r.failures.map((f) => f.matcher)).toEqual([m, m]);
  });

  test('compose prefixes the inner paths', () => {
    const inner = new MatchResult(1).push(m, ['b'], 'bad');
    const outer = new MatchResult({}).compose('a', inner);
    expect(outer.toHumanStrings()).toEqual(['at /a/b: bad']);
    expect(outer.failCount).toBe(1);
  });

  test('escapes "/" and "~" in keys like a JSON pointer', () => {
    expect(new MatchResult({}).push(m, ['a/b', 'c~d'], 'x').toHumanStrings()).toEqual(['at /a~1b/c~0d: x']);
  });

  test('failures returns a copy', () => {
    const r = new MatchResult({}).push(m, [], 'x');
    r.failures.pop();
    expect(r.failCount).toBe(1);
  });

  test('a missing key costs as much as its pattern, so the fuller candidate counts as closer', () => {
    const missing = Match.objectLike({ a: { b: 1, c: 2, d: 3 } }).test({});
    const wrongLeaf = Match.objectLike({ a: { b: 1, c: 2, d: 3 } }).test({ a: { b: 1, c: 2, d: 4 } });
    expect(missing.failCount).toBe(1);
    expect(missing.failCost).toBe(3);
    expect(wrongLeaf.failCost).toBe(1);
  });
});

describe('pattern rendering', () => {
  test('matchers describe themselves as JSON', () => {
    expect(JSON.stringify({
      a: Match.anyValue(),
      b: Match.absent(),
      c: Match.stringLikeRegexp('^x'),
      d: Match.arrayWith([1]),
      e: Match.objectEquals({ f: Match.not(2) }),
    })).toBe('{"a":"<anyValue>","b":"<absent>","c":"<stringLikeRegexp /^x/>","d":{"<arrayWith>":[1]},"e":{"<objectEquals>":{"f":{"<not>":2}}}}');
  });
});
