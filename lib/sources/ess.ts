/**
 * Auto Scaling (ESS) writing to SMQ queues and topics: notifications of scaling events, which ROS configures inline on
 * the scaling group (`ALIYUN::ESS::ScalingGroup.NotificationConfigurations`; ROS has no separate type), and lifecycle
 * hooks (`ALIYUN::ESS::LifecycleHook.NotificationArn`).
 *
 * Both name the channel as `acs:ess:{region}:{account}:queue/{name}` or `acs:ess:{region}:{account}:topic/{name}`:
 * service `ess`, singular `queue`/`topic`, no slash, as the ROS references of both types write it
 * (https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ess-lifecyclehook ,
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ess-scalinggroup) and Terraform's
 * `alicloud_ess_notification` example builds it. The ESS API references (CreateNotificationConfiguration,
 * CreateLifecycleHook) show `acs:mns:{region}:{account}:queue/{name}` instead; ROS is followed here, through
 * `smq.Identifiers.essNotificationArn`.
 *
 * Auto Scaling writes with the account's service-linked role `AliyunServiceRoleForAutoScaling`, which lets it reach
 * SMQ and which every scaling group needs: the account creates it once, not a template
 * (https://www.alibabacloud.com/help/en/auto-scaling/latest/manage-the-auto-scaling-service-linked-role).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { Duration, durationSeconds } from '../core/duration';
import { claimLogicalId } from '../core/ids';
import { checkSameLocation, Location } from '../core/location';
import { identityOf } from '../core/names';
import { infoOncePerStack } from '../core/state';
import { checkText, fragmentsOf, literalText, plainText } from '../core/text';
import { checkOneOf, invalid, isUnresolved, requireProps, ValidationError } from '../core/validation';
import { ESS_NAME, EVENT_TYPE, LIFECYCLE_HOOK_RULES, NOTIFICATION_RULES, RosLifecycleHook, RosScalingGroup } from '../ros/ess';
import { channelDisplay, IChannel, literalAddress, locationOf, requireChannelOfAnyKind, stackLocation } from '../smq/channel';
import { ChannelAddress, Identifiers } from '../smq/identifiers';

const ROLE_NOTE = 'Auto Scaling writes notifications and lifecycle hook messages to SMQ with the account\'s service-linked role '
  + 'AliyunServiceRoleForAutoScaling, which every scaling group needs and which the account creates once (the Auto Scaling console '
  + 'offers it on first use), not this template. Check it with `aliyun ram GetRole --RoleName AliyunServiceRoleForAutoScaling`; see '
  + 'https://www.alibabacloud.com/help/en/auto-scaling/latest/manage-the-auto-scaling-service-linked-role';

const LOCATION_REASON = 'Auto Scaling notifies queues and topics in the scaling group\'s region and account only';

/**
 * A scaling event Auto Scaling sends notifications of, in the `AUTOSCALING:` form of the ESS API. The constants are
 * every type the references list (event notification rules,
 * https://www.alibabacloud.com/help/en/auto-scaling/user-guide/create-a-notification-rule ; the NotificationTypes of
 * `ALIYUN::ESS::ScalingGroup`); `of()` takes any other.
 */
export class ScalingEvent {
  /** A scale-out succeeded. */
  public static readonly SCALE_OUT_SUCCESS = new ScalingEvent('AUTOSCALING:SCALE_OUT_SUCCESS');
  /** A scale-in succeeded. */
  public static readonly SCALE_IN_SUCCESS = new ScalingEvent('AUTOSCALING:SCALE_IN_SUCCESS');
  /** A scale-out failed. */
  public static readonly SCALE_OUT_ERROR = new ScalingEvent('AUTOSCALING:SCALE_OUT_ERROR');
  /** A scale-in failed. */
  public static readonly SCALE_IN_ERROR = new ScalingEvent('AUTOSCALING:SCALE_IN_ERROR');
  /** A scaling request was rejected. */
  public static readonly SCALE_REJECT = new ScalingEvent('AUTOSCALING:SCALE_REJECT');
  /** A scale-out started. */
  public static readonly SCALE_OUT_START = new ScalingEvent('AUTOSCALING:SCALE_OUT_START');
  /** A scale-in started. */
  public static readonly SCALE_IN_START = new ScalingEvent('AUTOSCALING:SCALE_IN_START');
  /** A scheduled task is about to expire. */
  public static readonly SCHEDULE_TASK_EXPIRING = new ScalingEvent('AUTOSCALING:SCHEDULE_TASK_EXPIRING');
  /**
   * A scale-out partly succeeded. Listed by the console's notification rules; not in the value list of the ROS and
   * API references.
   */
  public static readonly SCALE_OUT_WARN = new ScalingEvent('AUTOSCALING:SCALE_OUT_WARN');
  /**
   * A scale-in partly succeeded. Listed by the console's notification rules; not in the value list of the ROS and API
   * references.
   */
  public static readonly SCALE_IN_WARN = new ScalingEvent('AUTOSCALING:SCALE_IN_WARN');
  /**
   * A scaling group diagnosis (note: no `AUTOSCALING:` prefix, as the console's notification rules write it). Not in
   * the value list of the ROS and API references.
   */
  public static readonly SCALING_GROUP_DIAGNOSE = new ScalingEvent('SCALING_GROUP_DIAGNOSE');

  /**
   * The eight types the ROS and API references list (one notification rule takes at most 8 types, so the three the
   * console alone lists, `SCALE_OUT_WARN`, `SCALE_IN_WARN` and `SCALING_GROUP_DIAGNOSE`, are not in it).
   */
  public static readonly ALL: ScalingEvent[] = Object.freeze([
    ScalingEvent.SCALE_OUT_SUCCESS, ScalingEvent.SCALE_IN_SUCCESS, ScalingEvent.SCALE_OUT_ERROR, ScalingEvent.SCALE_IN_ERROR,
    ScalingEvent.SCALE_REJECT, ScalingEvent.SCALE_OUT_START, ScalingEvent.SCALE_IN_START, ScalingEvent.SCHEDULE_TASK_EXPIRING,
  ]) as ScalingEvent[];
  /** Failures: a scale-out or scale-in that failed, and a rejected scaling request. */
  public static readonly ERRORS: ScalingEvent[] = Object.freeze([
    ScalingEvent.SCALE_OUT_ERROR, ScalingEvent.SCALE_IN_ERROR, ScalingEvent.SCALE_REJECT,
  ]) as ScalingEvent[];
  /** Scale-outs (instances launched): started, succeeded, failed. */
  public static readonly LAUNCH_EVENTS: ScalingEvent[] = Object.freeze([
    ScalingEvent.SCALE_OUT_START, ScalingEvent.SCALE_OUT_SUCCESS, ScalingEvent.SCALE_OUT_ERROR,
  ]) as ScalingEvent[];
  /** Scale-ins (instances removed): started, succeeded, failed. */
  public static readonly TERMINATION_EVENTS: ScalingEvent[] = Object.freeze([
    ScalingEvent.SCALE_IN_START, ScalingEvent.SCALE_IN_SUCCESS, ScalingEvent.SCALE_IN_ERROR,
  ]) as ScalingEvent[];

  /**
   * A type the constants do not name, such as `AUTOSCALING:SCALE_OUT_SUCCESS`: letters, digits, underscores and
   * colons; passed on as it is (a token is not checked).
   */
  public static of(value: string): ScalingEvent {
    const known = KNOWN_EVENTS.find((e) => e.value === value);
    if (known !== undefined) {
      return known;
    }
    if (!isUnresolved(value) && (typeof value !== 'string' || value.length < EVENT_TYPE.minLength || value.length > EVENT_TYPE.maxLength
      || ![...value].every((c) => EVENT_TYPE.chars!.test(c)))) {
      throw new ValidationError('', 'ScalingEvent.of(value)', value, `must be a notification type of ${EVENT_TYPE.minLength} to ${EVENT_TYPE.maxLength} ${EVENT_TYPE.charset}`);
    }
    return new ScalingEvent(value);
  }

  private constructor(
    /** The notification type, such as `AUTOSCALING:SCALE_OUT_ERROR`. */
    public readonly value: string,
  ) {}

  /** The notification type. */
  public toString(): string {
    return this.value;
  }
}

const KNOWN_EVENTS: ScalingEvent[] = Object.values(ScalingEvent).filter((v): v is ScalingEvent => v instanceof ScalingEvent);

/** What {@link ScalingNotifications.add} sends. */
export interface ScalingNotificationOptions {
  /**
   * The scaling events notified: 1 to 8 types (repeats are dropped), such as `ScalingEvent.ERRORS` or
   * `[...ScalingEvent.LAUNCH_EVENTS, ScalingEvent.SCALE_REJECT]`.
   */
  readonly events: ScalingEvent[];
}

const STATE_ID = 'ros-cdk-smq.notifications';

/** One notification rule of a group, with where it came from (for errors). */
interface Rule {
  readonly key?: string;
  readonly from: string;
}

/**
 * The notification rules this library adds to one scaling group, kept on the group (a hidden child that emits nothing).
 * At synth it checks that the group's `notificationConfigurations` still holds the lazy list that renders them.
 */
class NotificationsState extends ros.Construct {
  public readonly rules: Rule[] = [];
  public readonly added: RosScalingGroup.NotificationConfigurationsProperty[] = [];
  public readonly lazy: ros.IResolvable;

  /** The state of `group`, made on the first `add()`: the entries the group was given so far are kept first. */
  public static of(group: RosScalingGroup, prop: string): NotificationsState {
    const found = group.node.tryFindChild(STATE_ID);
    if (found instanceof NotificationsState) {
      return found;
    }
    const given = group.notificationConfigurations;
    if (given !== undefined && given !== null && (isUnresolved(given) || !Array.isArray(given))) {
      throw invalid(group, prop, given, 'can only add to a group whose notificationConfigurations is a list (or not given), not a token');
    }
    return new NotificationsState(group, given === undefined || given === null ? [] : [...given]);
  }

  private constructor(private readonly group: RosScalingGroup, base: Array<RosScalingGroup.NotificationConfigurationsProperty | ros.IResolvable>) {
    super(group, STATE_ID);
    base.forEach((entry, i) => {
      const arn = (entry as RosScalingGroup.NotificationConfigurationsProperty | undefined)?.notificationArn;
      this.rules.push({ key: typeof arn === 'string' ? identityOf(group, arn) : undefined, from: `its notificationConfigurations[${i}]` });
    });
    this.lazy = ros.Lazy.anyValue({ produce: () => [...base, ...this.added] });
    group.notificationConfigurations = this.lazy;
  }

  protected override validate(): string[] {
    if (this.group.notificationConfigurations !== this.lazy) {
      return [`${this.group.node.path}: notificationConfigurations was replaced after ScalingNotifications.of(group).add() filled it, `
        + 'which drops the notifications added: give the group\'s own entries before the first add(), or add every receiver with add()'];
    }
    return [];
  }
}

/**
 * Notifications of scaling events to SMQ queues and topics. ROS configures them inline on the scaling group
 * (`NotificationConfigurations`), so:
 * - for a group made with `ess.RosScalingGroup`, `ScalingNotifications.of(group).add(queue, { events })` adds an entry
 *   to the group's property, filled lazily at synth, so entries added after other constructs are in it too;
 * - for a group declared any other way, `ScalingNotifications.configuration(queue, events)` (L1 property form) or
 *   `templateConfiguration(queue, events)` (ROS template form) returns the entry to put in it yourself.
 *
 * The queue or topic must be in the group's region and account, and each one receives at most one rule of a group;
 * a group takes at most 6 rules (https://www.alibabacloud.com/help/doc-detail/141898.htm).
 */
export class ScalingNotifications {
  /** The notifications of a scaling group made with `ess.RosScalingGroup`. */
  public static of(group: RosScalingGroup): ScalingNotifications {
    const candidate = group as unknown as { node?: { path?: unknown }; rosResourceType?: unknown } | undefined;
    // an L1 of the type (ours, or a generated one), which holds the property as its own field: a plain
    // ros.RosResource of the type would take the field and render nothing of it
    if (typeof candidate?.node?.path !== 'string' || !ros.RosResource.isRosResource(group) || group.rosResourceType !== RosScalingGroup.ROS_RESOURCE_TYPE_NAME
      || !Object.prototype.hasOwnProperty.call(group, 'notificationConfigurations')) {
      const path = typeof candidate?.node?.path === 'string' ? candidate.node.path : '';
      throw new ValidationError(path, 'ScalingNotifications.of(group)', path === '' ? group : path,
        'must be an ALIYUN::ESS::ScalingGroup made with ess.RosScalingGroup (for a group declared another way, put '
        + 'ScalingNotifications.configuration(destination, events) or templateConfiguration(destination, events) into its NotificationConfigurations)');
    }
    return new ScalingNotifications(group);
  }

  /**
   * The `NotificationConfigurations` entry for a group this library does not make, in the L1 property form
   * (`{ notificationArn, notificationTypes }`, as `ess.RosScalingGroup` and generated L1s take it). The queue or topic
   * must be in the group's region and account, which this method cannot check.
   *
   * @param destination the queue or topic
   * @param events the scaling events notified (1 to 8 types)
   */
  public static configuration(destination: IChannel, events: ScalingEvent[]): RosScalingGroup.NotificationConfigurationsProperty {
    const scope = channelScope(destination, 'ScalingNotifications.configuration(destination)');
    const types = eventTypes(scope, 'ScalingNotifications.configuration(events)', events);
    return { notificationArn: Identifiers.essNotificationArn(destination.channelAddress), notificationTypes: types };
  }

  /**
   * The `NotificationConfigurations` entry in the ROS template form (`{ NotificationArn, NotificationTypes }`), for the
   * properties of a `ros.RosResource` of type `ALIYUN::ESS::ScalingGroup`. The queue or topic must be in the group's
   * region and account, which this method cannot check.
   *
   * @param destination the queue or topic
   * @param events the scaling events notified (1 to 8 types)
   */
  public static templateConfiguration(destination: IChannel, events: ScalingEvent[]): { [key: string]: any } {
    const entry = ScalingNotifications.configuration(destination, events);
    return { NotificationArn: entry.notificationArn, NotificationTypes: entry.notificationTypes };
  }

  private constructor(private readonly group: RosScalingGroup) {}

  /**
   * Sends notifications of `options.events` to a queue or topic in the group's region and account: one more entry of
   * the group's `NotificationConfigurations`, with the channel as `acs:ess:{region}:{account}:queue/{name}` (or
   * `topic/{name}`). Entries the group was given before the first `add()` are kept.
   *
   * @param destination the queue or topic (each one once per group: give all its events in one call)
   * @param options the events notified
   */
  public add(destination: IChannel, options: ScalingNotificationOptions): void {
    const group = this.group;
    const prop = 'ScalingNotifications.add(destination)';
    requireChannelOfAnyKind(group, prop, destination);
    if (options === undefined || options === null || typeof options !== 'object') {
      throw invalid(group, 'ScalingNotifications.add(options)', options, 'must be given: { events }');
    }
    const types = eventTypes(group, 'ScalingNotifications.add(events)', options.events);
    checkLocation(group, prop, destination, stackLocation(group), 'the scaling group');
    const state = NotificationsState.of(group, prop);
    const arn = Identifiers.essNotificationArn(addressFor(destination, group));
    const key = identityOf(group, arn);
    const same = state.rules.find((r) => r.key === key);
    if (same !== undefined) {
      throw invalid(group, prop, destination.node.path, `must be a queue or topic the scaling group does not notify yet, but ${same.from} `
        + 'already sends to it (Auto Scaling takes one notification rule per receiver in a group: give all its events in one add())');
    }
    const count = state.rules.length + 1;
    if (count > NOTIFICATION_RULES.maxPerGroup) {
      throw invalid(group, prop, destination.node.path, `must not be notification rule number ${count} of the scaling group: `
        + `Auto Scaling takes at most ${NOTIFICATION_RULES.maxPerGroup} in a group`);
    }
    state.rules.push({ key, from: `add(${channelDisplay(destination)})` });
    state.added.push({ notificationArn: arn, notificationTypes: types });
    infoOncePerStack(group, ROLE_NOTE);
  }
}

/** The scaling activity a lifecycle hook pauses. */
export enum LifecycleTransition {
  /** A scale-out: the new instances wait before they join the load balancers. */
  SCALE_OUT = 'SCALE_OUT',
  /** A scale-in: the instances wait before they are removed. */
  SCALE_IN = 'SCALE_IN',
}

/** What the scaling group does when a lifecycle hook times out. */
export enum LifecycleDefaultResult {
  /** Go on with the scaling activity. */
  CONTINUE = 'CONTINUE',
  /** Stop it: release the instances of a scale-out, remove those of a scale-in; other hooks end at once. */
  ABANDON = 'ABANDON',
  /** In a scale-in, keep the instances (roll back); in a scale-out, the same as ABANDON. */
  ROLLBACK = 'ROLLBACK',
}

/** A scaling group: `ess.RosScalingGroup`, or anything else with its ID. */
export interface IScalingGroup extends ros.IConstruct {
  /** The scaling group's ID. */
  readonly attrScalingGroupId: ros.IResolvable | string;
}

/** Properties of a {@link LifecycleHook}. */
export interface LifecycleHookProps {
  /** The scaling group. Give this or `scalingGroupId`. @default - `scalingGroupId` */
  readonly group?: IScalingGroup;
  /**
   * The ID of a scaling group this app does not make, in the stack's region and account. Give this or `group`.
   * @default - `group`
   */
  readonly scalingGroupId?: string;
  /** The scaling activity the hook pauses. */
  readonly transition: LifecycleTransition;
  /** Where the hook's notification goes: a queue or topic in the group's region and account. */
  readonly destination: IChannel;
  /** How long the activity waits, 30 seconds to 6 hours. @default - 600 seconds (the service's default) */
  readonly heartbeatTimeout?: Duration;
  /** What the group does when the hook times out. @default LifecycleDefaultResult.CONTINUE (the service's default) */
  readonly defaultResult?: LifecycleDefaultResult;
  /** Text sent with each notification, at most 4096 characters. @default - none */
  readonly metadata?: string;
  /**
   * The hook's name: 2 to 64 letters, digits, Chinese characters, underscores, hyphens and periods, starting with a
   * letter, digit or Chinese character; unique in the group. @default - the hook's ID
   */
  readonly lifecycleHookName?: string;
}

/** The hooks this app adds to one scaling group. */
interface HookClaims {
  count: number;
  readonly names: Map<string, string>;
}

/** Hooks per group object. */
const HOOKS_PER_GROUP = new WeakMap<object, HookClaims>();
/** Hooks per group ID given as a string, per app. */
const HOOKS_PER_ID = new WeakMap<object, Map<string, HookClaims>>();

const METADATA = plainText(1, LIFECYCLE_HOOK_RULES.metadataMaxLength, true);
const GROUP_ID = { minLength: 1, maxLength: 128, chars: /[A-Za-z0-9_-]/, charset: 'letters, digits, underscores and hyphens, such as "asg-bp1igpak5ft1flyp****"' };

/**
 * A lifecycle hook of a scaling group that notifies a queue or topic (`ALIYUN::ESS::LifecycleHook`, whose resource
 * gets this construct's id as its logical id): instances wait in the scale-out or scale-in while a consumer of the
 * channel prepares or drains them, and call CompleteLifecycleAction (or the hook times out). The channel is named
 * `acs:ess:{region}:{account}:queue/{name}` (or `topic/{name}`) and must be in the group's region and account; a group
 * takes at most 10 hooks.
 */
export class LifecycleHook extends ros.Construct {
  /** The `ALIYUN::ESS::LifecycleHook` resource. */
  public readonly rosLifecycleHook: RosLifecycleHook;

  constructor(scope: ros.Construct, id: string, props: LifecycleHookProps) {
    super(scope, id);
    requireProps(this, props, '{ group or scalingGroupId, transition, destination }');
    requireChannelOfAnyKind(this, 'destination', props.destination);
    const scalingGroupId = this.scalingGroupId(props);
    if (props.transition === undefined || props.transition === null) {
      throw invalid(this, 'transition', props.transition, 'is required: LifecycleTransition.SCALE_OUT or LifecycleTransition.SCALE_IN');
    }
    checkOneOf(this, 'transition', props.transition as string, LIFECYCLE_HOOK_RULES.transitions);
    checkOneOf(this, 'defaultResult', props.defaultResult as string | undefined, LIFECYCLE_HOOK_RULES.defaultResults);
    const heartbeat = durationSeconds(this, 'heartbeatTimeout', props.heartbeatTimeout, LIFECYCLE_HOOK_RULES.heartbeatTimeout);
    checkText(this, 'metadata', props.metadata, METADATA);
    checkText(this, 'lifecycleHookName', props.lifecycleHookName, ESS_NAME);
    const group = props.group ?? undefined;
    if (group !== undefined) {
      // ROS creates the hook in this stack's region, where the group must be
      checkSameLocation(this, {
        prop: 'group',
        subject: stackLocation(group),
        subjectName: `the scaling group '${group.node.path}'`,
        expected: stackLocation(this),
        expectedName: 'the stack',
        reason: 'ROS creates the lifecycle hook in its stack\'s region and account, where the scaling group must be',
        remedy: 'give both stacks an env with a literal region and account',
      });
    }
    checkLocation(this, 'destination', props.destination, stackLocation(group ?? this), group !== undefined ? 'the scaling group' : 'the stack and its scaling group');
    this.claim(group, scalingGroupId, props.lifecycleHookName);
    infoOncePerStack(this, ROLE_NOTE);
    this.rosLifecycleHook = new RosLifecycleHook(this, claimLogicalId(this, id), {
      scalingGroupId,
      lifecycleTransition: props.transition,
      notificationArn: Identifiers.essNotificationArn(addressFor(props.destination, this)),
      heartbeatTimeout: heartbeat,
      defaultResult: props.defaultResult,
      notificationMetadata: props.metadata,
      lifecycleHookName: props.lifecycleHookName,
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
  }

  /** The hook's ID (`Fn::GetAtt [<id>, LifecycleHookId]`). */
  public get attrLifecycleHookId(): ros.IResolvable {
    return this.rosLifecycleHook.attrLifecycleHookId;
  }

  private scalingGroupId(props: LifecycleHookProps): string {
    const given = [props.group, props.scalingGroupId].filter((g) => g !== undefined && g !== null).length;
    if (given !== 1) {
      throw invalid(this, 'group', given === 0 ? undefined : '{ group, scalingGroupId }', 'or scalingGroupId must be given, and only one of them');
    }
    if (props.scalingGroupId !== undefined && props.scalingGroupId !== null) {
      checkText(this, 'scalingGroupId', props.scalingGroupId, GROUP_ID);
      return props.scalingGroupId;
    }
    const group = props.group as Partial<IScalingGroup>;
    const id = group.attrScalingGroupId;
    if ((typeof id !== 'string' && !isResolvable(id)) || typeof group.node?.path !== 'string') {
      throw invalid(this, 'group', typeof group.node?.path === 'string' ? group.node.path : group,
        'must be a scaling group (ess.RosScalingGroup, or a construct with attrScalingGroupId)');
    }
    if (typeof id === 'string') {
      checkText(this, 'group.attrScalingGroupId', id, GROUP_ID);
    }
    return ros.Token.asString(id);
  }

  /** Records the hook on its group: at most 10 hooks, each name once. */
  private claim(group: IScalingGroup | undefined, scalingGroupId: string, name: string | undefined): void {
    let claims: HookClaims | undefined;
    if (group !== undefined) {
      claims = HOOKS_PER_GROUP.get(group);
      if (claims === undefined) {
        claims = { count: 0, names: new Map() };
        HOOKS_PER_GROUP.set(group, claims);
      }
    } else {
      const root = this.node.root;
      const byId = HOOKS_PER_ID.get(root) ?? new Map<string, HookClaims>();
      HOOKS_PER_ID.set(root, byId);
      // a literal ID names one group in the app; a token only within its stack
      const key = isUnresolved(scalingGroupId) ? `${ros.Stack.of(this).node.path}\u0000${identityOf(this, scalingGroupId)}` : scalingGroupId;
      claims = byId.get(key) ?? { count: 0, names: new Map() };
      byId.set(key, claims);
    }
    const prop = group !== undefined ? 'group' : 'scalingGroupId';
    const shown = group !== undefined ? group.node.path : scalingGroupId;
    if (claims.count + 1 > LIFECYCLE_HOOK_RULES.maxPerGroup) {
      throw invalid(this, prop, shown, `must have at most ${LIFECYCLE_HOOK_RULES.maxPerGroup} lifecycle hooks (Auto Scaling's limit); this would be hook number ${claims.count + 1}`);
    }
    if (name !== undefined && !isUnresolved(name)) {
      const other = claims.names.get(name);
      if (other !== undefined) {
        throw invalid(this, 'lifecycleHookName', name, `must be unique in the scaling group, but '${other}' already has this name`);
      }
      claims.names.set(name, this.node.path);
    }
    claims.count++;
  }
}

/**
 * The scope for errors of a static method that takes a channel: the channel itself; anything that is not a channel is
 * refused with a path-less error.
 */
function channelScope(destination: IChannel, prop: string): ros.IConstruct {
  const candidate = destination as unknown as { node?: { path?: unknown } } | undefined;
  if (typeof candidate?.node?.path !== 'string') {
    throw new ValidationError('', prop, destination, 'must be a queue or a topic (smq.Queue, smq.Topic, or one imported with fromQueueName, fromTopicArn, ...)');
  }
  requireChannelOfAnyKind(destination, prop, destination);
  return destination;
}

/** Checks and lists the notification types of `events`: 1 to 8, repeats dropped. */
function eventTypes(scope: ros.IConstruct, prop: string, events: ScalingEvent[] | undefined): string[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw invalid(scope, prop, events, 'must name at least one scaling event, such as ScalingEvent.ERRORS');
  }
  const types: string[] = [];
  Array.from(events).forEach((event, i) => {
    const value = (event as Partial<ScalingEvent> | undefined)?.value;
    if (event === undefined || event === null || typeof event !== 'object' || typeof value !== 'string') {
      throw invalid(scope, `${prop}[${i}]`, event, 'must be a ScalingEvent, such as ScalingEvent.SCALE_OUT_ERROR or ScalingEvent.of("AUTOSCALING:SCALE_IN_ERROR")');
    }
    checkText(scope, `${prop}[${i}]`, value, EVENT_TYPE);
    if (!types.includes(value)) {
      types.push(value);
    }
  });
  if (types.length > NOTIFICATION_RULES.maxTypes) {
    throw invalid(scope, prop, types.map((t) => literalText(fragmentsOf(scope, t), '<token>')),
      `must name at most ${NOTIFICATION_RULES.maxTypes} event types (one notification rule takes at most ${NOTIFICATION_RULES.maxTypes}; `
      + 'send the others to another queue or topic)');
  }
  return types;
}

/** The channel must be in `expected` (the group's region and account). */
function checkLocation(scope: ros.IConstruct, prop: string, destination: IChannel, expected: Location, expectedName: string): void {
  checkSameLocation(scope, {
    prop,
    subject: locationOf(destination),
    subjectName: channelDisplay(destination),
    expected,
    expectedName,
    reason: LOCATION_REASON,
  });
}

/**
 * The channel's address as `target` names it: its own (with the name attribute, so that ROS creates the channel
 * first) in its own stack; elsewhere its literal name where the library knows it, so that no cross-stack reference is
 * made.
 */
function addressFor(destination: IChannel, target: ros.IConstruct): ChannelAddress {
  return ros.Stack.of(destination) === ros.Stack.of(target) ? destination.channelAddress : literalAddress(destination, target);
}

/** Whether `value` is a token object (`ros.IResolvable`). */
function isResolvable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as ros.IResolvable).resolve === 'function';
}

