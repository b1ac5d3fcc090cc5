import * as ros from '@alicloud/ros-cdk-core';
import { Duration, ValidationError } from '../../lib';
import { durationSeconds } from '../../lib/core/duration';
import { newStack } from '../util';

describe('Duration', () => {
  test('converts every unit to whole seconds', () => {
    expect(Duration.seconds(45).toSeconds()).toBe(45);
    expect(Duration.minutes(5).toSeconds()).toBe(300);
    expect(Duration.hours(12).toSeconds()).toBe(43200);
    expect(Duration.days(7).toSeconds()).toBe(604800);
    expect(Duration.minutes(0.5).toSeconds()).toBe(30);
    expect(Duration.seconds(0).toSeconds()).toBe(0);
  });

  test('bad amounts are ValidationErrors that show the amount as written', () => {
    expect(() => Duration.seconds(-1)).toThrow(new ValidationError('', 'Duration.seconds(amount)', -1, 'must not be negative'));
    expect(() => Duration.days(-2)).toThrow('Duration.days(amount) must not be negative, got -2');
    expect(() => Duration.seconds(1.5)).toThrow('Duration.seconds(amount) must make a whole number of seconds (it makes 1.5), got 1.5');
    expect(() => Duration.minutes(0.001)).toThrow(/whole number of seconds \(it makes 0.06\), got 0.001$/);
    expect(() => Duration.seconds(NaN)).toThrow('Duration.seconds(amount) must be a finite number, got NaN');
    expect(() => Duration.hours(Infinity)).toThrow('Duration.hours(amount) must be a finite number, got Infinity');
    expect(() => Duration.hours(-Infinity)).toThrow('got -Infinity');
    expect(() => Duration.seconds('5' as unknown as number)).toThrow('Duration.seconds(amount) must be a finite number, got "5"');
    try {
      Duration.seconds(-1);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).constructPath).toBe('');
    }
  });

  test('passes a token through unchanged', () => {
    const { stack } = newStack('S');
    const param = new ros.RosParameter(stack, 'Timeout', { type: ros.RosParameterType.NUMBER });
    const duration = Duration.seconds(param.valueAsNumber);
    expect(duration.isUnresolved()).toBe(true);
    expect(stack.resolve(duration.toSeconds())).toEqual({ Ref: 'Timeout' });
    expect(duration.toString()).toBe('<token> seconds');
  });

  test('a token amount must be in seconds, since it cannot be multiplied', () => {
    const { stack } = newStack('S');
    const param = new ros.RosParameter(stack, 'Timeout', { type: ros.RosParameterType.NUMBER });
    expect(() => Duration.minutes(param.valueAsNumber))
      .toThrow('Duration.minutes(amount) must be a literal: a token duration is given in seconds, with Duration.seconds(token), got a token');
  });

  test('toString names the unit', () => {
    expect(Duration.minutes(5).toString()).toBe('5 minutes');
  });

  test('a construct prop: checked under its own name, and a plain number is refused with a clear message', () => {
    const { stack } = newStack('Media');
    const c = new ros.Construct(stack, 'Jobs');
    const rule = { min: 1, max: 43200, unit: 'seconds' };
    expect(durationSeconds(c, 'visibilityTimeout', Duration.minutes(5), rule)).toBe(300);
    expect(durationSeconds(c, 'visibilityTimeout', undefined, rule)).toBeUndefined();
    expect(() => durationSeconds(c, 'visibilityTimeout', Duration.hours(13), rule))
      .toThrow('Media/Jobs: visibilityTimeout must be an integer between 1 and 43200 seconds, got 46800');
    expect(() => durationSeconds(c, 'visibilityTimeout', 30 as unknown as Duration, rule))
      .toThrow('Media/Jobs: visibilityTimeout must be a Duration, such as Duration.seconds(30), got 30');
  });
});
