import * as ros from '@alicloud/ros-cdk-core';
import { checkRule, invalid, RangeRule, ValidationError } from './validation';

/**
 * A span of time, in whole seconds, as Alibaba Cloud APIs take it.
 *
 * A token (for example a `ros.RosParameter` value) may stand for the amount; it is then passed through unchanged
 * and only `toSeconds()` is allowed.
 */
export class Duration {
  /** A duration of `amount` seconds. */
  public static seconds(amount: number): Duration {
    return new Duration(amount, 1, 'seconds');
  }

  /** A duration of `amount` minutes. */
  public static minutes(amount: number): Duration {
    return new Duration(amount, 60, 'minutes');
  }

  /** A duration of `amount` hours. */
  public static hours(amount: number): Duration {
    return new Duration(amount, 3600, 'hours');
  }

  /** A duration of `amount` days. */
  public static days(amount: number): Duration {
    return new Duration(amount, 86400, 'days');
  }

  private readonly amount: number;
  private readonly unitSeconds: number;
  private readonly unitName: string;

  private constructor(amount: number, unitSeconds: number, unitName: string) {
    const prop = `Duration.${unitName}(amount)`;
    if (!ros.Token.isUnresolved(amount)) {
      if (typeof amount !== 'number' || !Number.isFinite(amount)) {
        throw new ValidationError('', prop, amount, 'must be a finite number');
      }
      if (amount < 0) {
        throw new ValidationError('', prop, amount, 'must not be negative');
      }
      const seconds = amount * unitSeconds;
      if (Math.abs(seconds - Math.round(seconds)) > 1e-9) {
        throw new ValidationError('', prop, amount, `must make a whole number of seconds (it makes ${seconds})`);
      }
    } else if (unitSeconds !== 1) {
      throw new ValidationError('', prop, amount, 'must be a literal: a token duration is given in seconds, with Duration.seconds(token)');
    }
    this.amount = amount;
    this.unitSeconds = unitSeconds;
    this.unitName = unitName;
  }

  /** True when the amount is a token that resolves only at deploy time. */
  public isUnresolved(): boolean {
    return ros.Token.isUnresolved(this.amount);
  }

  /** The duration in whole seconds (or the token it was made from). */
  public toSeconds(): number {
    if (this.isUnresolved()) {
      return this.amount;
    }
    return Math.round(this.amount * this.unitSeconds);
  }

  /** A human-readable form, such as `5 minutes`. */
  public toString(): string {
    return this.isUnresolved() ? `<token> ${this.unitName}` : `${this.amount} ${this.unitName}`;
  }
}

/**
 * The seconds of a Duration prop, checked against `rule` under the prop's own name; tokens pass through.
 * Anything that is not a Duration (a plain number from JavaScript) is reported as such.
 */
export function durationSeconds(scope: ros.IConstruct, prop: string, duration: Duration | undefined, rule: RangeRule): number | undefined {
  if (duration === undefined) {
    return undefined;
  }
  if (typeof (duration as Partial<Duration>)?.toSeconds !== 'function') {
    throw invalid(scope, prop, duration, 'must be a Duration, such as Duration.seconds(30)');
  }
  const value = duration.toSeconds();
  checkRule(scope, prop, value, rule);
  return value;
}
