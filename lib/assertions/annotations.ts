import * as ros from '@alicloud/ros-cdk-core';
import { Match } from './match';
import { Matcher } from './matcher';

/** One annotation of a synthesized stack. */
export interface SynthesisMessage {
  /** The path of the construct it was added to, such as `Shop/Orders/OrdersToLegacy1a2b3c4d`. */
  readonly constructPath: string;
  /** `warning`, `error` or `info`. */
  readonly level: string;
  /** The message. */
  readonly message: string;
}

const LEVELS: { readonly [type: string]: string } = {
  'aliyun:ros:warning': 'warning',
  'aliyun:ros:error': 'error',
  'aliyun:ros:info': 'info',
};

/**
 * The annotations (warnings, errors, infos) of a stack, for use in unit tests, like AWS CDK's
 * `assertions.Annotations`: `Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('region'))`.
 *
 * They are read from the construct tree of the stack, so the stack need not be synthesized; annotations added while
 * synthesizing (in a construct's validation) are not seen until then.
 */
export class Annotations {
  /**
   * The annotations of the constructs in `stack` (not of nested stacks).
   *
   * @param stack the stack
   */
  public static fromStack(stack: ros.Stack): Annotations {
    if (!ros.Stack.isStack(stack)) {
      throw new Error('Annotations.fromStack: the argument is not a ros.Stack');
    }
    const messages: SynthesisMessage[] = [];
    const visit = (node: ros.IConstruct): void => {
      for (const entry of node.node.metadata) {
        const level = LEVELS[entry.type];
        if (level !== undefined) {
          messages.push({ constructPath: node.node.path, level, message: String(entry.data) });
        }
      }
      for (const child of node.node.children) {
        if (!ros.Stack.isStack(child)) {
          visit(child);
        }
      }
    };
    visit(stack);
    return new Annotations(messages);
  }

  private constructor(private readonly messages: SynthesisMessage[]) {}

  /** Every annotation of the stack. */
  public get all(): SynthesisMessage[] {
    return [...this.messages];
  }

  /**
   * The warnings of constructs at `constructPath` (`*` for any) whose message matches `message` (a string is matched
   * exactly; use `Match.stringLikeRegexp` for a pattern).
   */
  public findWarning(constructPath: string, message: any): SynthesisMessage[] {
    return this.find('warning', constructPath, message);
  }

  /** Throws unless a warning matches (see {@link findWarning}). */
  public hasWarning(constructPath: string, message: any): void {
    this.expect('warning', constructPath, message, true);
  }

  /** Throws if a warning matches (see {@link findWarning}). */
  public hasNoWarning(constructPath: string, message: any): void {
    this.expect('warning', constructPath, message, false);
  }

  /** The errors of constructs at `constructPath` (`*` for any) whose message matches `message`. */
  public findError(constructPath: string, message: any): SynthesisMessage[] {
    return this.find('error', constructPath, message);
  }

  /** Throws unless an error matches (see {@link findError}). */
  public hasError(constructPath: string, message: any): void {
    this.expect('error', constructPath, message, true);
  }

  /** Throws if an error matches (see {@link findError}). */
  public hasNoError(constructPath: string, message: any): void {
    this.expect('error', constructPath, message, false);
  }

  /** The infos of constructs at `constructPath` (`*` for any) whose message matches `message`. */
  public findInfo(constructPath: string, message: any): SynthesisMessage[] {
    return this.find('info', constructPath, message);
  }

  /** Throws unless an info matches (see {@link findInfo}). */
  public hasInfo(constructPath: string, message: any): void {
    this.expect('info', constructPath, message, true);
  }

  private find(level: string, constructPath: string, message: any): SynthesisMessage[] {
    const matcher: Matcher = Matcher.isMatcher(message) ? message : Match.exact(message);
    return this.messages.filter((m) => m.level === level
      && (constructPath === '*' || m.constructPath === constructPath)
      && !matcher.test(m.message).hasFailed());
  }

  private expect(level: string, constructPath: string, message: any, present: boolean): void {
    const found = this.find(level, constructPath, message);
    if (present && found.length === 0) {
      const same = this.messages.filter((m) => m.level === level);
      const listed = same.length === 0 ? `the stack has no ${level}s` : `its ${level}s are:\n${same.map((m) => `  ${m.constructPath}: ${m.message}`).join('\n')}`;
      throw new Error(`Expected a ${level} at '${constructPath}' matching ${JSON.stringify(Matcher.isMatcher(message) ? message.toJSON() : message)}, but none matches; ${listed}`);
    }
    if (!present && found.length > 0) {
      throw new Error(`Expected no ${level} at '${constructPath}' matching ${JSON.stringify(Matcher.isMatcher(message) ? message.toJSON() : message)}, `
        + `but found:\n${found.map((m) => `  ${m.constructPath}: ${m.message}`).join('\n')}`);
    }
  }
}
