import * as ros from '@alicloud/ros-cdk-core';
import * as fc from 'fast-check';
import { checkCount, checkLength, checkMin, checkOneOf, checkPattern, checkRange, describeValue, ValidationError } from '../../lib/core/validation';

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
    try {
      checkRange(c, 'visibilityTimeout', 0, 1, 43200, 'seconds');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).constructPath).toBe('Media/Jobs');
      expect((e as ValidationError).prop).toBe('visibilityTimeout');
    }
  });

  test('checkRange accepts the bounds and rejects fractions', () => {
    const { c } = scope();
    expect(() => checkRange(c, 'n', 1, 1, 10)).not.toThrow();
    expect(() => checkRange(c, 'n', 10, 1, 10)).not.toThrow();
    expect(() => checkRange(c, 'n', 1.5, 1, 10)).toThrow('Media/Jobs: n must be an integer between 1 and 10, got 1.5');
    expect(() => checkRange(c, 'n', 11, 1, 10)).toThrow(/got 11$/);
  });

  test('checkMin, checkLength, checkPattern, checkOneOf, checkCount', () => {
    const { c } = scope();
    expect(() => checkMin(c, 'maxReceiveCount', 0, 1)).toThrow('Media/Jobs: maxReceiveCount must be an integer of at least 1, got 0');
    expect(() => checkLength(c, 'filterTag', 'x'.repeat(17), 1, 16))
      .toThrow('Media/Jobs: filterTag must be at most 16 characters long (length 17), got "xxxxxxxxxxxxxxxxx"');
    expect(() => checkLength(c, 'name', '', 1, 256)).toThrow('Media/Jobs: name must be between 1 and 256 characters long (length 0), got ""');
    expect(() => checkLength(c, 'name', 'ab', 3, 5)).toThrow('must be between 3 and 5 characters long (length 2)');
    expect(() => checkPattern(c, 'url', 'ftp://x', /^https:/, 'must be an https:// URL')).toThrow('Media/Jobs: url must be an https:// URL, got "ftp://x"');
    expect(() => checkOneOf(c, 'notifyStrategy', 'NEVER', ['BACKOFF_RETRY', 'EXPONENTIAL_DECAY_RETRY']))
      .toThrow('Media/Jobs: notifyStrategy must be one of "BACKOFF_RETRY", "EXPONENTIAL_DECAY_RETRY", got "NEVER"');
    expect(() => checkCount(c, 'tags', new Array(21).fill(0), 20)).toThrow('Media/Jobs: tags must have at most 20 items, got "21 items"');
  });

  test('undefined values are not checked', () => {
    const { c } = scope();
    expect(() => checkRange(c, 'n', undefined, 1, 2)).not.toThrow();
    expect(() => checkLength(c, 's', undefined, 1, 2)).not.toThrow();
    expect(() => checkPattern(c, 's', undefined, /^x$/, 'x')).not.toThrow();
    expect(() => checkOneOf(c, 's', undefined, ['a'])).not.toThrow();
  });

  test('tokens are never checked as literals', () => {
    const { stack, c } = scope();
    const num = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    const str = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
    const list = new ros.RosParameter(stack, 'L', { type: ros.RosParameterType.COMMA_DELIMITED_LIST }).valueAsList;
    expect(() => checkRange(c, 'n', num, 1, 2)).not.toThrow();
    expect(() => checkMin(c, 'n', num, 1)).not.toThrow();
    expect(() => checkLength(c, 's', str, 1, 2)).not.toThrow();
    expect(() => checkPattern(c, 's', str, /^x$/, 'x')).not.toThrow();
    expect(() => checkOneOf(c, 's', str, ['a'])).not.toThrow();
    expect(() => checkCount(c, 'l', list, 0)).not.toThrow();
    // a string that merely contains a token is unresolved too
    expect(() => checkPattern(c, 's', `https://${str}`, /^x$/, 'x')).not.toThrow();
  });

  test('property: checkRange throws exactly for integers outside the range', () => {
    const { c } = scope();
    fc.assert(fc.property(fc.integer({ min: -100000, max: 100000 }), (n) => {
      const inside = n >= 0 && n <= 43200;
      let threw = false;
      try {
        checkRange(c, 'n', n, 0, 43200);
      } catch {
        threw = true;
      }
      return threw === !inside;
    }));
  });

  test('describeValue quotes strings and renders the rest as JSON', () => {
    expect(describeValue('a')).toBe('"a"');
    expect(describeValue(5)).toBe('5');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
  });
});
