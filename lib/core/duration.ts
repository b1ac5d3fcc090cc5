import * as ros from '@alicloud/ros-cdk-core';

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
    if (!ros.Token.isUnresolved(amount)) {
      if (typeof amount !== 'number' || !Number.isFinite(amount)) {
        throw new Error(`Duration amounts must be finite numbers, got ${amount} ${unitName}`);
      }
      if (amount < 0) {
        throw new Error(`Duration amounts cannot be negative, got ${amount} ${unitName}`);
      }
      const seconds = amount * unitSeconds;
      if (Math.abs(seconds - Math.round(seconds)) > 1e-9) {
        throw new Error(`Duration must be a whole number of seconds, got ${amount} ${unitName} (${seconds} seconds)`);
      }
    } else if (unitSeconds !== 1) {
      throw new Error(`A token duration must be given in seconds (Duration.seconds(token)), got a token in ${unitName}`);
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
