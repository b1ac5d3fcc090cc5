import * as ros from '@alicloud/ros-cdk-core';
import * as fc from 'fast-check';
import { checkCount, checkOneOf, checkRange, checkRequired, checkRule, describeValue, invalid, ValidationError } from '../../lib/core/validation';

function scope(): { stack: ros.Stack; c: ros.Construct } {
  const app = new ros.App();
  const stack = new ros.Stack(app, 'Media');
  return { stack, c: new ros.Construct(stack, 'Jobs') };
}

describe('validation helpers', () => {
  test('the message names the construct path, the prop, what is allowed and the value', () => {
    const { c } = scope();
    expect(() => checkRange(c, 'visibilityTimeout', 50000, 1, 43200, 'seconds'))
      .toThrow('Media/Jobs: visibilityTimeout must be an integer between 1 and 43200 seconds, got 50000');
    const error = invalid(c, 'visibilityTimeout', 0, 'must be positive');
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationError');
    expect(error.constructPath).toBe('Media/Jobs');
    expect(error.prop).toBe('visibilityTimeout');
    expect(new ValidationError('', 'x', 1, 'must be 2').message).toBe('x must be 2, got 1');
  });

  test('checkRange accepts the bounds and rejects fractions, NaN and Infinity, naming them', () => {
    const { c } = scope();
    expect(() => checkRange(c, 'n', 1, 1, 10)).not.toThrow();
    expect(() => checkRange(c, 'n', 10, 1, 10)).not.toThrow();
    expect(() => checkRange(c, 'n', 1.5, 1, 10)).toThrow('Media/Jobs: n must be an integer between 1 and 10, got 1.5');
    expect(() => checkRange(c, 'n', 11, 1, 10)).toThrow(/got 11$/);
    expect(() => checkRange(c, 'n', NaN, 1, 10)).toThrow(/got NaN$/);
    expect(() => checkRange(c, 'n', Infinity, 1, 10)).toThrow(/got Infinity$/);
    expect(() => checkRange(c, 'n', '5' as unknown as number, 1, 10)).toThrow(/got "5"$/);
    expect(() => checkRule(c, 'n', 0, { min: 1, max: 2, unit: 'bytes' })).toThrow('Media/Jobs: n must be an integer between 1 and 2 bytes, got 0');
  });

  test('checkRequired, checkOneOf, checkCount', () => {
    const { c } = scope();
    expect(() => checkRequired(c, 'queueName', '')).toThrow('Media/Jobs: queueName is required, got ""');
    expect(() => checkRequired(c, 'queueName', undefined)).toThrow('Media/Jobs: queueName is required, got undefined');
    expect(() => checkOneOf(c, 'notifyStrategy', 'NEVER', ['BACKOFF_RETRY', 'EXPONENTIAL_DECAY_RETRY']))
      .toThrow('Media/Jobs: notifyStrategy must be one of "BACKOFF_RETRY", "EXPONENTIAL_DECAY_RETRY", got "NEVER"');
    expect(() => checkCount(c, 'tags', new Array(21).fill(0), 20)).toThrow('Media/Jobs: tags must have at most 20 items, got "21 items"');
  });

  test('undefined values are not checked', () => {
    const { c } = scope();
    expect(() => checkRange(c, 'n', undefined, 1, 2)).not.toThrow();
    expect(() => checkOneOf(c, 's', undefined, ['a'])).not.toThrow();
    expect(() => checkCount(c, 's', undefined, 1)).not.toThrow();
  });

  test('tokens are never checked as literals', () => {
    const { stack, c } = scope();
    const num = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    const str = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
    const list = new ros.RosParameter(stack, 'L', { type: ros.RosParameterType.COMMA_DELIMITED_LIST }).valueAsList;
    expect(() => checkRange(c, 'n', num, 1, 2)).not.toThrow();
    expect(() => checkOneOf(c, 's', str, ['a'])).not.toThrow();
    expect(() => checkCount(c, 'l', list, 0)).not.toThrow();
  });

  test('property: checkRange throws exactly for values outside the range or not integers', () => {
    const { c } = scope();
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -100000, max: 100000 }), fc.double()), (n) => {
      const inside = Number.isInteger(n) && n >= 0 && n <= 43200;
      let threw = false;
      try {
        checkRange(c, 'n', n, 0, 43200);
      } catch (e) {
        threw = e instanceof ValidationError;
      }
      return threw === !inside;
    }));
  });

  test('describeValue: strings quoted, numbers as written, tokens never as ${Token[...]}', () => {
    const { stack } = scope();
    const str = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
    const num = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    expect(describeValue('a')).toBe('"a"');
    expect(describeValue(5)).toBe('5');
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(-Infinity)).toBe('-Infinity');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue({ a: 1, b: NaN })).toBe('{"a":1,"b":"NaN"}');
    expect(describeValue(`https://${str}/x`)).toBe('"https://<token>/x"');
    expect(describeValue(num)).toBe('a token');
    expect(describeValue(ros.Token.asAny(str))).toBe('a token');
    expect(describeValue({ name: str })).toBe('{"name":"<token>"}');
    const circular: { [key: string]: unknown } = {};
    circular.self = circular;
    expect(describeValue(circular)).toBe('[object Object]');
  });
});
