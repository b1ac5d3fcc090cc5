/**
 * EventBridge rules that deliver events to SMQ queues: the rule (`EventRule`), the queue target (`QueueTarget`) for it
 * or for a rule made with `@alicloud/ros-cdk-eventbridge` directly, and the message each event becomes
 * (`TargetMessage`).
 *
 * Target format: https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters (type
 * `acs.mns.queue`, endpoint `acs:mns:{region}:{account}:queues/{name}`, ParamList `queue` / `Body` / `IsBase64Encode`,
 * dead-letter ARN `acs:mns:{region}:{account}:/queues/{name}`), as aliyun/terraform-provider-alicloud's tested
 * `alicloud_event_bridge_rule` sends it. Topics as targets (`acs.mns.topic`) are not offered: no reference page,
 * sample or test shows their endpoint and ParamList keys.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as eventbridge from '@alicloud/ros-cdk-eventbridge';
import { ErrorsTolerance, RetryStrategy } from '../core/delivery';
import { claimLogicalId, compositeId } from '../core/ids';
import { claimName, generatePhysicalNameFor, identityOf } from '../core/names';
import { warnOnce } from '../core/state';
import { checkText, plainText, TextRule } from '../core/text';
import { checkBoolean, checkOneOf, describeValue, invalid, isUnresolved, requireLiteral, requireProps } from '../core/validation';
import { checkReachable, requireChannel, stackLocation } from '../smq/channel';
import { ChannelKind, Identifiers } from '../smq/identifiers';
import type { IQueue } from '../smq/queue-base';
import { checkPattern, copyPattern } from '../core/event-pattern';
import { TargetMessage } from './target-message';

/** Something an EventBridge rule delivers events to. */
export interface IRuleTarget {
  /**
   * The rule's target entry, as `eventbridge.RosRule` takes it.
   *
   * @param scope a construct in the rule's stack
   */
  bind(scope: ros.IConstruct): eventbridge.RosRule.TargetsProperty;
}

/** Options of a {@link QueueTarget}. */
export interface QueueTargetProps {
  /** What each event becomes in the queue. @default TargetMessage.fromEvent() - the whole event */
  readonly message?: TargetMessage;
  /** Whether EventBridge Base64-encodes the message body. @default false */
  readonly base64Encode?: boolean;
  /**
   * How EventBridge retries a failed push.
   *
   * @default RetryStrategy.EXPONENTIAL_DECAY_RETRY - retries for a day; EventBridge's own default gives up after 3
   */
  readonly retryStrategy?: RetryStrategy;
  /** Where events go that could not be delivered after all retries: another queue. @default - none */
  readonly deadLetterQueue?: IQueue;
  /**
   * What happens to an event that could not be delivered after all retries.
   *
   * @default ErrorsTolerance.ALL with a dead-letter queue (the event goes there), ErrorsTolerance.NONE without one (no
   * event is dropped silently)
   */
  readonly errorsTolerance?: ErrorsTolerance;
  /** The target's id in the rule. @default - the queue's construct id and a hash of its endpoint */
  readonly targetId?: string;
}

const TARGET_ID: TextRule = { minLength: 1, maxLength: 64, chars: /[A-Za-z0-9_-]/, charset: 'letters, digits, underscores and hyphens' };

/**
 * Delivers a rule's events to an SMQ queue in the rule's region and account: target type `acs.mns.queue`, the
 * endpoint without a slash, ParamList `queue`, `Body` and `IsBase64Encode` (always given: EventBridge reads a default
 * back, and a template without it drifts), retries for a day by default, and an optional dead-letter queue.
 */
export class QueueTarget implements IRuleTarget {
  constructor(private readonly queue: IQueue, private readonly props: QueueTargetProps = {}) {}

  /** The rule's target entry. */
  public bind(scope: ros.IConstruct): eventbridge.RosRule.TargetsProperty {
    const props = this.props ?? {};
    requireChannel(scope, 'QueueTarget.queue', this.queue, ChannelKind.QUEUE);
    checkReachable(scope, 'QueueTarget.queue', this.queue, 'an EventBridge rule delivers to queues in its own region and account');
    checkQueueTargetProps(scope, 'QueueTarget', props, this.queue);
    const dlq = props.deadLetterQueue ?? undefined;
    const tolerance = props.errorsTolerance ?? (dlq ? ErrorsTolerance.ALL : ErrorsTolerance.NONE);
    if (tolerance === ErrorsTolerance.ALL && !dlq) {
      warnOnce(scope, `QueueTarget.errorsTolerance: ALL without a dead-letter queue drops every event to '${this.queue.node.path}' `
        + 'that fails after all retries; give the target a deadLetterQueue to keep them.');
    }
    const body = (props.message ?? TargetMessage.fromEvent())._render(scope, 'QueueTarget.message');
    const target = Identifiers.eventBridgeQueueTarget(this.queue.channelAddress, body, props.base64Encode === true);
    const identity = props.targetId ?? compositeId([this.queue.node.id], [identityOf(scope, target.endpoint)]);
    return {
      identity,
      type: target.type,
      endpoint: target.endpoint,
      paramList: target.paramList,
      pushRetryStrategy: props.retryStrategy ?? RetryStrategy.EXPONENTIAL_DECAY_RETRY,
      errorsTolerance: tolerance,
      deadLetterQueue: dlq ? { arn: Identifiers.eventBridgeDeadLetterArn(dlq.channelAddress) } : undefined,
    };
  }
}

/**
 * Checks the options of a queue target; `prefix` names them in errors (`QueueTarget`, or `target` where a construct
 * takes them as a prop). Used by `QueueTarget.bind` and by constructs that make a queue target for the user.
 */
export function checkQueueTargetProps(scope: ros.IConstruct, prefix: string, props: QueueTargetProps, queue: IQueue): void {
  if (typeof props !== 'object' || props === null) {
    throw invalid(scope, prefix, props, 'options must be an object such as { deadLetterQueue }');
  }
  checkOneOf(scope, `${prefix}.retryStrategy`, props.retryStrategy, Object.values(RetryStrategy));
  checkOneOf(scope, `${prefix}.errorsTolerance`, props.errorsTolerance, Object.values(ErrorsTolerance));
  checkText(scope, `${prefix}.targetId`, props.targetId, TARGET_ID);
  requireLiteral(scope, `${prefix}.base64Encode`, props.base64Encode, 'true or false');
  checkBoolean(scope, `${prefix}.base64Encode`, props.base64Encode);
  if (props.message !== undefined && !(props.message instanceof TargetMessage)) {
    throw invalid(scope, `${prefix}.message`, props.message, 'must be a TargetMessage, such as TargetMessage.fromPath("$.data")');
  }
  // rendered once here to check it under this prefix; the target renders it again
  props.message?._render(scope, `${prefix}.message`);
  const dlq = props.deadLetterQueue;
  if (dlq !== undefined && dlq !== null) {
    requireChannel(scope, `${prefix}.deadLetterQueue`, dlq, ChannelKind.QUEUE);
    if (identityOf(scope, Identifiers.ramArn(dlq.channelAddress)) === identityOf(scope, Identifiers.ramArn(queue.channelAddress))) {
      throw invalid(scope, `${prefix}.deadLetterQueue`, dlq.node.path, 'must be another queue than the one the target delivers to');
    }
    checkReachable(scope, `${prefix}.deadLetterQueue`, dlq, 'EventBridge writes undeliverable events to a queue in the rule\'s region and account');
  }
}

/** Properties of an {@link EventRule}. */
export interface EventRuleProps {
  /**
   * The event pattern: an object whose leaves are lists of at most 5 values or matchers (`{ prefix }`, `{ suffix }`,
   * `{ 'anything-but': ... }`, `{ numeric: [...] }`, `{ exists: true }`, `{ cidr: ... }`), such as
   * `{ source: ['acs.oss'], type: [{ prefix: 'oss:ObjectCreated:' }] }`.
   * See https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns
   */
  readonly pattern: { [key: string]: any };
  /** Where matching events go: at least one. */
  readonly targets: IRuleTarget[];
  /** The event bus. @default 'default' - the bus Alibaba Cloud services publish their events on */
  readonly eventBusName?: string;
  /** The rule name. @default - generated from the stack name and the construct path */
  readonly ruleName?: string;
  /** A description. @default - none */
  readonly description?: string;
  /** Whether the rule is enabled. @default true */
  readonly enabled?: boolean;
}

/** Targets of one rule (the ROS reference of ALIYUN::EventBridge::Rule, and the L1's own check). */
const MAX_TARGETS = 5;
const DESCRIPTION = plainText(0, 255, true);
/** Rule names: letters, digits, underscores and hyphens, starting with a letter or digit, at most 127 characters. */
export const RULE_NAME: TextRule = { minLength: 1, maxLength: 127, chars: /[A-Za-z0-9_-]/, first: /[A-Za-z0-9]/, charset: 'letters, digits, underscores and hyphens, and start with a letter or digit' };
const BUS_NAME: TextRule = { minLength: 1, maxLength: 127, chars: /[A-Za-z0-9_-]/, first: /[A-Za-z0-9]/, charset: 'letters, digits, underscores and hyphens, and start with a letter or digit' };
/**
 * An EventBridge rule (`ALIYUN::EventBridge::Rule`, made through `@alicloud/ros-cdk-eventbridge`) that delivers the
 * events matching a pattern to its targets. On the `default` bus unless told otherwise, where Alibaba Cloud services
 * publish their events; EventBridge must be activated in the region. Its resource gets this construct's id as its
 * logical id.
 */
export class EventRule extends ros.Resource {
  /** The `ALIYUN::EventBridge::Rule` resource. */
  public readonly rosRule: eventbridge.RosRule;
  /** The rule name. */
  public readonly ruleName: string;

  constructor(scope: ros.Construct, id: string, props: EventRuleProps) {
    const ruleName = props?.ruleName ?? generatePhysicalNameFor(scope, id, { maxLength: 64 });
    super(scope, id, { physicalName: ruleName });
    requireProps(this, props, '{ pattern, targets }');
    checkPattern(this, 'pattern', props.pattern);
    // its own copy: a pattern the caller changes later does not change the rule behind the checks
    const pattern = copyPattern(props.pattern);
    if (!Array.isArray(props.targets) || props.targets.length === 0) {
      throw invalid(this, 'targets', props.targets, 'must name at least one target, such as new sources.QueueTarget(queue)');
    }
    if (props.targets.length > MAX_TARGETS) {
      throw invalid(this, 'targets', `${props.targets.length} targets`, `must be at most ${MAX_TARGETS} (EventBridge's limit per rule): make another rule for more`);
    }
    checkText(this, 'ruleName', props.ruleName, RULE_NAME);
    checkText(this, 'eventBusName', props.eventBusName, BUS_NAME);
    checkText(this, 'description', props.description, DESCRIPTION);
    requireLiteral(this, 'enabled', props.enabled, 'true or false');
    checkBoolean(this, 'enabled', props.enabled);
    this.ruleName = ruleName;
    const eventBusName = props.eventBusName ?? 'default';
    const targets = props.targets.map((target, i) => {
      if (typeof target?.bind !== 'function') {
        throw invalid(this, `targets[${i}]`, target, 'must be a rule target, such as new sources.QueueTarget(queue)');
      }
      const bound = target.bind(this);
      if (typeof bound !== 'object' || bound === null || bound.type === undefined || bound.endpoint === undefined || bound.identity === undefined) {
        throw invalid(this, `targets[${i}]`, bound, 'must bind to a target entry with an id, a type and an endpoint');
      }
      return bound;
    });
    const ids = new Set<string>();
    const endpoints = new Set<string>();
    const stack = ros.Stack.of(this);
    targets.forEach((t, i) => {
      // an owned queue and an import of it by name are one endpoint: delivering twice to it doubles every event
      const endpoint = `${JSON.stringify(stack.resolve(t.type))} ${typeof t.endpoint === 'string' ? identityOf(this, t.endpoint) : JSON.stringify(stack.resolve(t.endpoint))}`;
      if (endpoints.has(endpoint)) {
        throw invalid(this, `targets[${i}]`, t.identity, 'must deliver to another endpoint: the rule already delivers to this one, and would deliver each event twice');
      }
      endpoints.add(endpoint);
      const id = JSON.stringify(stack.resolve(t.identity));
      if (ids.has(id)) {
        throw invalid(this, `targets[${i}]`, t.identity, 'must have an id of its own in the rule: give each target another targetId');
      }
      ids.add(id);
    });
    if (!isUnresolved(this.ruleName) && !isUnresolved(eventBusName)) {
      claimName(this, { kind: `rule name on event bus ${describeValue(eventBusName)}`, prop: 'ruleName', name: this.ruleName, location: stackLocation(this) });
    }
    this.rosRule = new eventbridge.RosRule(this, claimLogicalId(this, id), {
      ruleName: this.ruleName,
      eventBusName,
      filterPattern: pattern,
      targets,
      description: props.description,
      status: props.enabled === false ? 'DISABLE' : undefined,
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
    this.resource = this.rosRule;
  }

  /** The rule's ARN (`Fn::GetAtt [<id>, RuleARN]`). */
  public get attrRuleArn(): ros.IResolvable {
    return this.rosRule.attrRuleArn;
  }
}
