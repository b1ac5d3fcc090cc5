import { Capture, Match, Template } from '../../lib/assertions';

/** A template with two queues and a topic. */
function template(): Template {
  return Template.fromJSON({
    Resources: {
      First: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'first', DelaySeconds: 5, Logging: true, Tags: [{ Key: 'a', Value: '1' }] } },
      Second: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'second', DelaySeconds: 10, Logging: false, Tags: [] } },
      Topic: { Type: 'ALIYUN::MNS::Topic', Properties: { TopicName: 't', Policy: { Effect: 'Allow' } } },
    },
  });
}

describe('Capture', () => {
  test('captures a string of the matching resource', () => {
    const name = new Capture();
    template().hasResourceProperties('ALIYUN::MNS::Topic', { TopicName: name });
    expect(name.asString()).toBe('t');
  });

  test('reads numbers, booleans, arrays and objects', () => {
    const delay = new Capture();
    const logging = new Capture();
    const tags = new Capture();
    const policy = new Capture();
    const t = template();
    t.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: 'first', DelaySeconds: delay, Logging: logging, Tags: tags });
    t.hasResourceProperties('ALIYUN::MNS::Topic', { Policy: policy });
    expect(delay.asNumber()).toBe(5);
    expect(logging.asBoolean()).toBe(true);
    expect(tags.asArray()).toEqual([{ Key: 'a', Value: '1' }]);
    expect(policy.asObject()).toEqual({ Effect: 'Allow' });
  });

  test('captures one value per matching resource, in template order, and next() steps through them', () => {
    const name = new Capture();
    template().hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: name });
    expect(name.asString()).toBe('first');
    expect(name.next()).toBe(true);
    expect(name.asString()).toBe('second');
    expect(name.next()).toBe(false);
    expect(name.asString()).toBe('second');
  });

  test('keeps accumulating across assertions', () => {
    const name = new Capture();
    const t = template();
    t.hasResourceProperties('ALIYUN::MNS::Topic', { TopicName: name });
    t.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: 'second', DelaySeconds: Match.anyValue() });
    t.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: name, DelaySeconds: 10 });
    expect(name.asString()).toBe('t');
    expect(name.next()).toBe(true);
    expect(name.asString()).toBe('second');
    expect(name.next()).toBe(false);
  });

  test('records nothing for resources whose other properties do not match', () => {
    const name = new Capture();
    template().hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: name, DelaySeconds: 10 });
    expect(name.asString()).toBe('second');
    expect(name.next()).toBe(false);
  });

  test('records nothing when the assertion fails', () => {
    const name = new Capture();
    expect(() => template().hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: name, DelaySeconds: 99 }))
      .toThrow(/at \/Properties\/DelaySeconds: expected 99 but received 5/);
    expect(() => name.asString()).toThrow(/Capture: no value has been captured/);
  });

  test('with a pattern, captures only values matching it', () => {
    const name = new Capture(Match.stringLikeRegexp('^sec'));
    template().hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: name });
    expect(name.asString()).toBe('second');
    expect(name.next()).toBe(false);
  });

  test('a plain object pattern is matched objectLike', () => {
    const policy = new Capture({ Effect: 'Allow' });
    template().hasResourceProperties('ALIYUN::MNS::Topic', { Policy: policy });
    expect(policy.asObject()).toEqual({ Effect: 'Allow' });
    expect(() => template().hasResourceProperties('ALIYUN::MNS::Topic', { Policy: new Capture({ Effect: 'Deny' }) }))
      .toThrow(/at \/Properties\/Policy\/Effect: expected "Deny" but received "Allow"/);
  });

  test('a missing key is not captured', () => {
    const missing = new Capture();
    expect(() => template().hasResourceProperties('ALIYUN::MNS::Topic', { Nope: missing }))
      .toThrow(/at \/Properties\/Nope: missing key/);
    expect(() => missing.asString()).toThrow(/no value has been captured/);
  });

  test('inside arrayWith, only the element that matched is captured', () => {
    const value = new Capture();
    const t = Template.fromJSON({ Resources: { Q: { Type: 'Q', Properties: { Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] } } } });
    t.hasResourceProperties('Q', { Tags: Match.arrayWith([Match.objectLike({ Key: 'b', Value: value })]) });
    expect(value.asString()).toBe('2');
    expect(value.next()).toBe(false);
  });

  test('works in templateMatches and hasOutput', () => {
    const version = new Capture();
    const out = new Capture();
    const t = Template.fromJSON({ ROSTemplateFormatVersion: '2015-09-01', Outputs: { Arn: { Value: 'acs:mns:x' } } });
    t.templateMatches({ ROSTemplateFormatVersion: version });
    t.hasOutput('Arn', { Value: out });
    expect(version.asString()).toBe('2015-09-01');
    expect(out.asString()).toBe('acs:mns:x');
  });

  test('null is not captured', () => {
    const result = new Capture().test(null);
    expect(result.toHumanStrings()).toEqual(['at /: expected a value to capture but received null']);
  });

  test('a direct test() records the value only once finished() is called, and only once', () => {
    const c = new Capture();
    const result = c.test('x');
    expect(result.isSuccess).toBe(true);
    expect(() => c.asString()).toThrow(/no value has been captured/);
    result.finished();
    result.finished();
    expect(c.asString()).toBe('x');
    expect(c.next()).toBe(false);
  });

  test('captures nested inside a capture pattern are kept', () => {
    const outer = new Capture({ Effect: Match.anyValue() });
    const inner = new Capture();
    const policy = new Capture(Match.objectLike({ Effect: inner }));
    template().hasResourceProperties('ALIYUN::MNS::Topic', { Policy: policy });
    template().hasResourceProperties('ALIYUN::MNS::Topic', { Policy: outer });
    expect(inner.asString()).toBe('Allow');
    expect(policy.asObject()).toEqual({ Effect: 'Allow' });
    expect(outer.asObject()).toEqual({ Effect: 'Allow' });
  });

  describe('wrong type', () => {
    function captured(value: any): Capture {
      const c = new Capture();
      c.test(value).finished();
      return c;
    }

    test('asString on a number', () => {
      expect(() => captured(5).asString()).toThrow('Capture: expected captured value 1 of 1 to be a string but it is a number: 5');
    });

    test('asNumber on a string', () => {
      expect(() => captured('5').asNumber()).toThrow('Capture: expected captured value 1 of 1 to be a number but it is a string: "5"');
    });

    test('asBoolean on a string', () => {
      expect(() => captured('true').asBoolean()).toThrow('Capture: expected captured value 1 of 1 to be a boolean but it is a string: "true"');
    });

    test('asArray on an object', () => {
      expect(() => captured({ a: 1 }).asArray()).toThrow('Capture: expected captured value 1 of 1 to be an array but it is an object: {"a":1}');
    });

    test('asObject on an array', () => {
      expect(() => captured([1]).asObject()).toThrow('Capture: expected captured value 1 of 1 to be an object but it is an array: [1]');
    });

    test('the error names the position of the current value', () => {
      const c = new Capture();
      template().hasResourceProperties('ALIYUN::MNS::Queue', { DelaySeconds: c });
      c.next();
      expect(() => c.asString()).toThrow('Capture: expected captured value 2 of 2 to be a string but it is a number: 10');
    });
  });

  test('nothing captured', () => {
    const c = new Capture();
    for (const read of [() => c.asString(), () => c.asNumber(), () => c.asBoolean(), () => c.asArray(), () => c.asObject()]) {
      expect(read).toThrow(/Capture: no value has been captured/);
    }
    expect(c.next()).toBe(false);
  });

  test('is a matcher and describes itself', () => {
    expect(Match.isMatcher(new Capture())).toBe(true);
    expect(JSON.stringify(new Capture())).toBe('"<Capture>"');
    expect(JSON.stringify(new Capture(Match.anyValue()))).toBe('{"<Capture>":"<anyValue>"}');
  });
});
