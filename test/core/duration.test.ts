import * as ros from '@alicloud/ros-cdk-core';
import { Duration } from '../../lib/core/duration';

describe('Duration', () => {
  test('converts every unit to whole seconds', () => {
    expect(Duration.seconds(45).toSeconds()).toBe(45);
    expect(Duration.minutes(5).toSeconds()).toBe(300);
    expect(Duration.hours(12).toSeconds()).toBe(43200);
    expect(Duration.days(7).toSeconds()).toBe(604800);
    expect(Duration.minutes(0.5).toSeconds()).toBe(30);
    expect(Duration.seconds(0).toSeconds()).toBe(0);
  });

  test('rejects negative amounts', () => {
    expect(() => Duration.seconds(-1)).toThrow('Duration amounts cannot be negative, got -1 seconds');
    expect(() => Duration.days(-2)).toThrow('Duration amounts cannot be negative, got -2 days');
  });

  test('rejects fractional seconds', () => {
    expect(() => Duration.seconds(1.5)).toThrow('Duration must be a whole number of seconds, got 1.5 seconds (1.5 seconds)');
    expect(() => Duration.minutes(0.001)).toThrow(/whole number of seconds, got 0.001 minutes/);
  });

  test('rejects NaN and infinity', () => {
    expect(() => Duration.seconds(NaN)).toThrow(/finite/);
    expect(() => Duration.hours(Infinity)).toThrow(/finite/);
  });

  test('passes a token through unchanged', () => {
    const app = new ros.App();
    const stack = new ros.Stack(app, 'S');
    const param = new ros.RosParameter(stack, 'Timeout', { type: ros.RosParameterType.NUMBER });
    const duration = Duration.seconds(param.valueAsNumber);
    expect(duration.isUnresolved()).toBe(true);
    expect(stack.resolve(duration.toSeconds())).toEqual({ Ref: 'Timeout' });
  });

  test('a token amount must be in seconds, since it cannot be multiplied', () => {
    const app = new ros.App();
    const stack = new ros.Stack(app, 'S');
    const param = new ros.RosParameter(stack, 'Timeout', { type: ros.RosParameterType.NUMBER });
    expect(() => Duration.minutes(param.valueAsNumber)).toThrow('A token duration must be given in seconds (Duration.seconds(token)), got a token in minutes');
  });

  test('toString names the unit', () => {
    expect(Duration.minutes(5).toString()).toBe('5 minutes');
  });
});
