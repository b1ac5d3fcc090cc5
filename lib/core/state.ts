import * as ros from '@alicloud/ros-cdk-core';

/**
 * What the library remembers while an app is built, kept on the construct tree (one hidden construct per stack and
 * one per app), so that it lives and dies with the app it describes. Neither emits anything into a template. The id
 * holds a dot, which ROS stack names cannot, so it cannot clash with a stack of the app.
 */
const STATE_ID = 'ros-cdk-smq.state';

/** Per-stack state: the logical ids our constructs took, the stack's region and account, and the names claimed. */
export class StackState extends ros.Construct {
  /** The state of `scope`'s stack, made on first use. */
  public static of(scope: ros.IConstruct): StackState {
    const stack = ros.Stack.of(scope);
    const found = stack.node.tryFindChild(STATE_ID);
    return found instanceof StackState ? found : new StackState(stack, STATE_ID);
  }

  /** Logical id -> construct path, for the resources our constructs made in this stack. */
  public readonly logicalIds = new Map<string, string>();

  /** The SMQ event notification rules made in this stack. */
  public eventNotificationRules = 0;

  /** Info messages said once in this stack. */
  public readonly infos = new Set<string>();

  /** The messages of `warnOncePerStack` already added in this stack. */
  public readonly warnings = new Set<string>();

  private regionValue?: string;
  private accountValue?: string;

  /**
   * The stack's region: its literal region, or `ALIYUN::Region`. One token per stack: each `ros.RosPseudo.*` access
   * makes a new token, and core records a full stack trace for every token it makes.
   */
  public get region(): string {
    if (this.regionValue === undefined) {
      const given = ros.Stack.of(this).region;
      this.regionValue = given !== undefined && !ros.Token.isUnresolved(given) ? given : ros.RosPseudo.region;
    }
    return this.regionValue;
  }

  /**
   * The account that owns the stack's resources: its literal account, or `ALIYUN::TenantId` (the ROS pseudo parameter
   * for the Alibaba Cloud account; `ALIYUN::AccountId` is the account executing the stack, which a resource ARN must
   * not use). See https://www.alibabacloud.com/help/en/ros/user-guide/pseudo-parameters
   */
  public get account(): string {
    if (this.accountValue === undefined) {
      const given = ros.Stack.of(this).account;
      this.accountValue = given !== undefined && !ros.Token.isUnresolved(given) ? given : ros.RosPseudo.tenantId;
    }
    return this.accountValue;
  }

  /**
   * Checks, in the validation phase of synth (before core writes the template), that no two resources in this stack
   * share a logical id: in ROS CDK the logical id is the construct id, not the path. The user then sees both construct
   * paths instead of core's `section 'Resources' already contains ...`.
   */
  protected override validate(): string[] {
    const seen = new Map<string, string>();
    const errors: string[] = [];
    const visit = (node: ros.IConstruct): void => {
      for (const child of node.node.children) {
        if (ros.Stack.isStack(child)) {
          continue;
        }
        if (ros.RosResource.isRosResource(child)) {
          const first = seen.get(child.node.id);
          if (first !== undefined) {
            errors.push(logicalIdCollisionMessage(child.node.id, first, child.node.path));
          } else {
            seen.set(child.node.id, child.node.path);
          }
        }
        visit(child);
      }
    };
    visit(ros.Stack.of(this));
    return errors;
  }
}

/** The message for two resources with one logical id in one stack. */
export function logicalIdCollisionMessage(logicalId: string, first: string, second: string): string {
  return `logical id '${logicalId}' is used by two resources in one stack: '${first}' and '${second}'. `
    + 'In ROS CDK a resource\'s logical id is its construct id, not its path: give one of the constructs another id';
}

/** A name claimed by a construct, with where the named thing lives. */
export interface NameClaim {
  /** The path of the construct that claimed it. */
  readonly path: string;
  /** The stack the construct is in. */
  readonly stack: ros.Stack;
  /** The region the named thing lives in (literal or token). */
  readonly region: string;
  /** The account the named thing lives in (literal or token). */
  readonly account: string;
}

/** Per-app state: the names claimed in every stack, and the literal names behind channel-name tokens. */
export class AppState extends ros.Construct {
  /** The state of `scope`'s app, made on first use. */
  public static of(scope: ros.IConstruct): AppState {
    const root = scope.node.root;
    const found = root.node.tryFindChild(STATE_ID);
    return found instanceof AppState ? found : new AppState(root as ros.Construct, STATE_ID);
  }

  /** `<kind>\0<name>` -> the claims of that name. */
  public readonly names = new Map<string, NameClaim[]>();

  /** The token of an owned channel's name attribute -> its literal physical name. */
  public readonly literalNames = new Map<string, string>();

  /** A principal's key -> the RAM policies our grants made for it. */
  public readonly policiesPerPrincipal = new Map<string, number>();

  /** A CloudMonitor metric rule's key -> the targets our alarm notifications added to it (their ids and ARNs). */
  public readonly targetsPerMetricRule = new Map<string, MetricRuleTargets>();

  /** `<region>/<account>` (or `<deploy-time>`) -> the SMQ event notification rules made for it. */
  public readonly eventNotificationRules = new Map<string, number>();

  /** A bucket's identity -> the SMQ event notification rules on it: what each matches, for the overlap check. */
  public readonly eventNotificationObjects = new Map<string, EventNotificationObjects[]>();

  /** SMQ topic triggers, by topic and function. */
  public readonly topicTriggers = new Map<string, TopicTriggerClaim[]>();

  /** The enabled event streams and FC queue triggers that read each SMQ queue, by the queue's key, in the order made. */
  public readonly queueReaders = new Map<string, QueueReaderClaim[]>();
}

/** An event stream or FC queue trigger that reads an SMQ queue. */
export interface QueueReaderClaim {
  /** The reader's construct path. */
  readonly path: string;
  /** Its stack. */
  readonly stack: ros.Stack;
  /** What it is, for messages: `event stream`, `FC queue trigger`. */
  readonly kind: string;
  /** Whether it has a filter pattern (it then drops the messages the pattern does not pass). */
  readonly filtered: boolean;
}

/** What one SMQ event notification rule matches. */
export interface EventNotificationObjects {
  /** The construct path of the notification. */
  readonly path: string;
  /** Its stack. */
  readonly stack: ros.Stack;
  /** `<region>/<account>` when both are literal. */
  readonly location?: string;
  /** Its event types. */
  readonly types: string[];
  /** Its filters (one empty filter for the whole bucket). */
  readonly filters: ReadonlyArray<{ readonly prefix?: string; readonly suffix?: string }>;
}

/** The targets this app adds to one CloudMonitor metric rule. */
export interface MetricRuleTargets {
  /** Each target's id -> the construct path that added it. */
  readonly ids: Map<string, string>;
  /** Each target's ARN (its identity) -> the construct path that added it. */
  readonly arns: Map<string, string>;
}

/** A topic trigger that wires a topic to a function. */
export interface TopicTriggerClaim {
  /** The trigger's construct path. */
  readonly path: string;
  /** Its stack. */
  readonly stack: ros.Stack;
  /** Its filter tag, as `identityOf` renders it. */
  readonly tag?: string;
}

/** The stack's region: its literal region, or `ALIYUN::Region`. */
export function stackRegion(scope: ros.IConstruct): string {
  return StackState.of(scope).region;
}

/** The account that owns the stack's resources: its literal account, or `ALIYUN::TenantId`. */
export function stackAccount(scope: ros.IConstruct): string {
  return StackState.of(scope).account;
}

/** Adds a warning annotation to `scope`, once. */
export function warnOnce(scope: ros.IConstruct, message: string): void {
  if (!scope.node.metadata.some((entry) => entry.type === 'aliyun:ros:warning' && entry.data === message)) {
    scope.node.addWarning(message);
  }
}

/**
 * Adds a warning annotation to `scope` unless another construct of its stack already carries the same message: a
 * step the account must take once (a service-linked role) is said once per stack, not once per construct.
 */
export function warnOncePerStack(scope: ros.IConstruct, message: string): void {
  const said = StackState.of(scope).warnings;
  if (!said.has(message)) {
    said.add(message);
    scope.node.addWarning(message);
  }
}

/**
 * Adds an info annotation to `scope` unless another construct of its stack already carries the same message: a note
 * about the account (a role to authorize once) is said once per stack, not once per construct.
 */
export function infoOncePerStack(scope: ros.IConstruct, message: string): void {
  const said = StackState.of(scope).infos;
  if (!said.has(message)) {
    said.add(message);
    scope.node.addInfo(message);
  }
}
