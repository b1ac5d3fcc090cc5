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
import { checkText, fragmentsOf, literalText } from '../core/text';
import { checkOneOf, invalid, isUnresolved, requireProps, ValidationError } from '../core/validation';
import {
  checkEventType, checkNotificationConfigurations, checkNotificationMetadata, ESS_NAME, LIFECYCLE_HOOK_RULES, NOTIFICATION_RULES,
  RosLifecycleHook, RosScalingGroup,
} from '../ros/ess';
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
   * A type the constants do not name, in the form the references write types: `AUTOSCALING:` and upper-case words
   * joined by underscores, such as `AUTOSCALING:SCALE_OUT_PARTIAL` (or the words alone, as the console's
   * `SCALING_GROUP_DIAGNOSE`), at most 128 characters. With a token, only its literal pieces are checked (upper-case
   * letters, digits, underscores and colons).
   */
  public static of(value: string): ScalingEvent {
    const known = KNOWN_EVENTS.find((e) => e.value === value);
    if (known !== undefined) {
      return known;
    }
    checkEventType(undefined, 'ScalingEvent.of(value)', value, true);
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

/** An entry `add()` made, with what made it (for errors). */
interface Added {
  readonly entry: RosScalingGroup.NotificationConfigurationsProperty;
  /** `add(queue 'Shop/Jobs')` */
  readonly madeBy: string;
}

type Entry = RosScalingGroup.NotificationConfigurationsProperty | ros.IResolvable;

/**
 * The notification rules this library adds to one scaling group, kept on the group (a hidden child that emits nothing).
 * The group's property becomes a lazy list: the group's own list (the array it was given, read at synth, so that
 * entries pushed to it later are in) followed by the entries `add()` made. At synth it checks the whole list with the
 * rules the group's L1 applies to a literal list, which it cannot apply to the lazy one.
 */
class NotificationsState extends ros.Construct {
  public readonly added: Added[] = [];
  public readonly lazy: ros.IResolvable;

  /** The state of `group`, made on the first `add()`: the entries the group was given are kept first. */
  public static of(group: RosScalingGroup, prop: string): NotificationsState {
    const found = group.node.tryFindChild(STATE_ID);
    if (found instanceof NotificationsState) {
      return found;
    }
    const given = group.notificationConfigurations;
    if (given !== undefined && given !== null && (isUnresolved(given) || !Array.isArray(given))) {
      throw invalid(group, prop, given, 'can only add to a group whose notificationConfigurations is a list (or not given), not a token');
    }
    return new NotificationsState(group, given === undefined || given === null ? undefined : given);
  }

  private constructor(private readonly group: RosScalingGroup, private readonly own: Entry[] | undefined) {
    super(group, STATE_ID);
    this.lazy = ros.Lazy.anyValue({
      produce: () => {
        const entries = this.entries();
        return entries.length === 0 ? undefined : entries;
      },
    });
    group.notificationConfigurations = this.lazy;
  }

  /** The group's own entries as they are now, then those `add()` made. */
  public entries(): Entry[] {
    return [...(this.own ?? []), ...this.added.map((a) => a.entry)];
  }

  /** The number of the group's own entries now. */
  public get ownCount(): number {
    return this.own?.length ?? 0;
  }

  /** What made entry `i` of {@link entries}: `undefined` for the group's own. */
  public madeBy(i: number): string | undefined {
    return i < this.ownCount ? undefined : this.added[i - this.ownCount]?.madeBy;
  }

  protected override validate(): string[] {
    const group = this.group;
    if (group.notificationConfigurations !== this.lazy) {
      return [`${group.node.path}: notificationConfigurations was replaced after ScalingNotifications.of(group).add() filled it, `
        + 'which drops the notifications added: give the group\'s own entries before the first add(), or add every receiver with add()'];
    }
    const entries = this.entries();
    if (entries.length > NOTIFICATION_RULES.maxPerGroup) {
      throw invalid(group, 'notificationConfigurations', `${this.ownCount} of its own and ${this.added.length} made by ScalingNotifications.add()`,
        `must have at most ${NOTIFICATION_RULES.maxPerGroup} entries in all: Auto Scaling takes at most ${NOTIFICATION_RULES.maxPerGroup} notification rules in a group`);
    }
    // the L1's own checks of a literal list (off with the flag, as in the L1); one entry per receiver always
    const constraints = (group as { enableResourcePropertyConstraint?: unknown }).enableResourcePropertyConstraint !== false;
    checkNotificationConfigurations(group, entries, { constraints, madeBy: (i) => this.madeBy(i) });
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
   * `topic/{name}`). The group's own entries stay first: the list it was given before the first `add()` is read when
   * the template is written (entries pushed to it later are in), and the whole list is checked then as the group's L1
   * checks a literal list. A queue or topic made in another stack makes the group's stack depend on that stack.
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
    const entries = state.entries();
    const same = entries.findIndex((e) => typeof (e as Partial<RosScalingGroup.NotificationConfigurationsProperty>)?.notificationArn === 'string'
      && identityOf(group, (e as RosScalingGroup.NotificationConfigurationsProperty).notificationArn as string) === key);
    if (same >= 0) {
      const by = state.madeBy(same);
      throw invalid(group, prop, destination.node.path, `must be a queue or topic the scaling group does not notify yet, but `
        + `${by === undefined ? `its notificationConfigurations[${same}]` : by} already sends to it (Auto Scaling takes one notification rule per `
        + 'receiver in a group: give all its events in one add())');
    }
    const count = entries.length + 1;
    if (count > NOTIFICATION_RULES.maxPerGroup) {
      throw invalid(group, prop, destination.node.path, `must not be notification rule number ${count} of the scaling group: `
        + `Auto Scaling takes at most ${NOTIFICATION_RULES.maxPerGroup} in a group`);
    }
    channelDependency(group, prop, destination, `make the ${destination.channelAddress.kind} in the scaling group's stack, or in a stack it may depend on`)();
    state.added.push({ entry: { notificationArn: arn, notificationTypes: types }, madeBy: `add(${channelDisplay(destination)})` });
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

/** Hooks per scaling group (see `LifecycleHook.groupKey`), per app. */
const HOOKS = new WeakMap<object, Map<string, HookClaims>>();
const GROUP_ID = { minLength: 1, maxLength: 128, chars: /[A-Za-z0-9_-]/, charset: 'letters, digits, underscores and hyphens, such as "asg-bp1igpak5ft1flyp****"' };

/**
 * A lifecycle hook of a scaling group that notifies a queue or topic (`ALIYUN::ESS::LifecycleHook`, whose resource
 * gets this construct's id as its logical id): instances wait in the scale-out or scale-in while a consumer of the
 * channel prepares or drains them, and call CompleteLifecycleAction (or the hook times out). The channel is named
 * `acs:ess:{region}:{account}:queue/{name}` (or `topic/{name}`) and must be in the group's region and account; a group
 * takes at most 10 hooks. A channel made in another stack is named by its literal name, and the hook's stack is made to
 * depend on the channel's stack.
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
    checkNotificationMetadata(this, 'metadata', props.metadata);
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
    const dependOnChannel = channelDependency(this, 'destination', props.destination,
      `make the lifecycle hook in the ${props.destination.channelAddress.kind}'s stack (its group may be in another stack)`);
    this.claim(group, scalingGroupId, props.lifecycleHookName);
    dependOnChannel();
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
    const root = this.node.root;
    const groups = HOOKS.get(root) ?? new Map<string, HookClaims>();
    HOOKS.set(root, groups);
    const key = this.groupKey(group, scalingGroupId);
    const claims = groups.get(key) ?? { count: 0, names: new Map<string, string>() };
    groups.set(key, claims);
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

  /**
   * A key naming the hook's scaling group however it is given (a group construct, or its ID as a string):
   * - a literal ID names one group in a region and account: the key is the ID with the hook's stack's region and account
   *   (where ROS creates the hook, and where the group must be), so that one ID in two regions is two groups;
   * - a token names a group within the stack that owns it (the stack of the resource or parameter it refers to): the key
   *   is that stack with how the token renders, so that `group: g` and `scalingGroupId: g.attrScalingGroupId` are one.
   */
  private groupKey(group: IScalingGroup | undefined, scalingGroupId: string): string {
    if (!isUnresolved(scalingGroupId)) {
      const { region, account } = stackLocation(this);
      return JSON.stringify(['id', identityOf(this, region), identityOf(this, account), scalingGroupId]);
    }
    const owner = referenceTarget(scalingGroupId) ?? group ?? this;
    return JSON.stringify(['token', ros.Stack.of(owner).node.path, identityOf(owner, scalingGroupId)]);
  }
}

/** The construct the first reference in `value` points to (a resource's attribute, a parameter), if any. */
function referenceTarget(value: string): ros.IConstruct | undefined {
  const reference = ros.Tokenization.reverseString(value).tokens.find((t) => ros.Reference.isReference(t)) as ros.Reference | undefined;
  return reference?.target;
}

/**
 * The channel is named by its literal name where it is made in another stack (no cross-stack reference), so nothing
 * orders the two stacks: `scope`'s stack must depend on the channel's, or it may be deployed before the channel
 * exists. An imported channel (made outside the app) needs nothing. Checks now that the channel's stack does not
 * depend on `scope`'s already (a cycle: an error with `remedy`), and returns what adds the dependency.
 */
function channelDependency(scope: ros.IConstruct, prop: string, destination: IChannel, remedy: string): () => void {
  const here = ros.Stack.of(scope);
  const there = ros.Stack.of(destination);
  if (here === there || !destination.node.findAll().some((c) => ros.RosResource.isRosResource(c))) {
    return () => undefined;
  }
  const path = dependencyPath(there, here);
  if (path !== undefined) {
    throw invalid(scope, prop, destination.node.path, `must be made in a stack that does not depend on stack '${here.node.path}', but `
      + `${path.map((s) => `'${s.node.path}'`).join(' depends on ')}; stack '${here.node.path}' must be deployed after the `
      + `${destination.channelAddress.kind} exists, so it must depend on '${there.node.path}', which would be a cycle: ${remedy}`);
  }
  return () => here.addDependency(there, `${scope.node.path} names ${channelDisplay(destination)} by its name, so the ${destination.channelAddress.kind} must exist first`);
}

/** The stacks from `from` to `to` along stack dependencies (`[from, ..., to]`), or `undefined` when `from` does not depend on `to`. */
function dependencyPath(from: ros.Stack, to: ros.Stack, seen = new Set<ros.Stack>()): ros.Stack[] | undefined {
  if (from === to) {
    return [from];
  }
  if (seen.has(from)) {
    return undefined;
  }
  seen.add(from);
  for (const next of from.dependencies) {
    const rest = dependencyPath(next, to, seen);
    if (rest !== undefined) {
      return [from, ...rest];
    }
  }
  return undefined;
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
    checkEventType(scope, `${prop}[${i}]`, value);
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

