/**
 * IoT Platform data forwarding rules written to SMQ topics: an `ALIYUN::IOT::RuleAction` of type `MNS` on a rule
 * (`iot.RosRule` of this package, or a rule made elsewhere by its ID), with a RAM role that IoT Platform assumes to
 * publish.
 *
 * The action's `Configuration` is the JSON text of `smq.Identifiers.iotMnsActionConfiguration`: the keys of Alibaba's
 * own sample `resources/iot/rule.yml` (aliyun/ros-templates). The action forwards to topics only (the sample and the
 * CreateRuleAction reference name a topic, `themeName`); IoT Platform's guide has a queue subscribe to the topic
 * (https://www.alibabacloud.com/help/en/iot-platform/latest/0923ba).
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { policyPlacement } from '../core/grants';
import { claimLogicalId, derivedId } from '../core/ids';
import { checkSameLocation } from '../core/location';
import { claimName, generatePhysicalName, identityOf } from '../core/names';
import { stackRegion, warnOnce } from '../core/state';
import { checkText, TextRule } from '../core/text';
import { checkBoolean, describeValue, invalid, isUnresolved, requireLiteral, requireProps } from '../core/validation';
import { checkServiceTrust } from '../core/trust';
import { MAX_RULE_ACTIONS, RosRule, RosRuleAction } from '../ros/iot';
import { channelDisplay, locationOf, requireChannel, stackLocation } from '../smq/channel';
import { ChannelKind, Identifiers } from '../smq/identifiers';
import type { ITopic } from '../smq/topic-base';

/** An IoT Platform rule: `iot.RosRule` of this package, or any construct with the rule's ID attribute. */
export interface IIotRule extends ros.IConstruct {
  /** The rule's ID (`Fn::GetAtt [<rule>, RuleId]`). */
  readonly attrRuleId: ros.IResolvable | string;
}

/** Properties of an {@link IotRuleNotification}. */
export interface IotRuleNotificationProps {
  /** The rule whose data is forwarded, in the stack's region and account. Give this or `ruleId`. @default - `ruleId` */
  readonly rule?: IIotRule;
  /**
   * The ID of a rule this app does not make (digits, as the IoT Platform console and ListRule show it), in the stack's
   * region and account. Give this or `rule`.
   *
   * @default - `rule`
   */
  readonly ruleId?: string;
  /**
   * The topic the rule's data is published to, in the stack's region and account. IoT Platform forwards to topics
   * only: to fill a queue, subscribe it to the topic.
   */
  readonly destination: ITopic;
  /**
   * The role IoT Platform assumes to publish to the topic. It must trust `iot.aliyuncs.com`; it gets
   * `mns:PublishMessage` on the topic when it is a `ram.Role` of this app.
   *
   * @default - a role made for this action: trusted by IoT Platform only, allowed to publish to this topic only
   */
  readonly role?: ram.IRole;
  /**
   * The IoT Platform instance of the rule. Required for an instance that has an ID (the ROS reference asks for it for
   * public and Enterprise Edition instances); only an instance without one (no Overview page in the console) takes
   * none.
   *
   * @default - the rule's `iotInstanceId` when `rule` is an `iot.RosRule`, else none
   */
  readonly iotInstanceId?: string;
  /**
   * Whether this is an error action of the rule: the topic then receives the data that the rule's other actions failed
   * to forward after their retries, instead of the rule's data (`ErrorActionFlag`).
   *
   * @default false
   */
  readonly errorAction?: boolean;
}

/** The service that assumes the role: IoT Platform's service roles (AliyunIOTAccessingMNSRole, ...) trust it. */
const IOT_SERVICE = 'iot.aliyuncs.com';
/** RAM role names: letters, digits, periods and hyphens, at most 64 characters. */
const MAX_ROLE_NAME_LENGTH = 64;
/** Room kept in a role name for a region that is a token (the longest region IDs are about 25 characters). */
const MAX_REGION_LENGTH = 28;
/** Rule IDs are integers (CreateRuleAction's `RuleId` is a Long); written as digits. */
const RULE_ID: TextRule = { minLength: 1, maxLength: 16, chars: /[0-9]/, charset: 'digits (a rule ID such as "100000")' };
/**
 * Instance IDs such as `iot-cn-0pp1n8t****` and `iot_instc_pu****_c*-v64********` (the API references, masked): no
 * length or charset is documented; letters, digits, underscores and hyphens, at most 64, are ours.
 */
const INSTANCE_ID: TextRule = { minLength: 1, maxLength: 64, chars: /[A-Za-z0-9_-]/, charset: 'letters, digits, underscores and hyphens' };
const LOCATION_REMEDY = 'give the stack an env with a literal region and account, or import the topic without a region and account of its own';

/**
 * Forwards the data of an IoT Platform rule to an SMQ topic: an `ALIYUN::IOT::RuleAction` of type `MNS` (whose
 * resource gets this construct's id as its logical id) with the `Configuration` `{"themeName", "regionName", "role":
 * {"roleArn", "roleName"}}` of Alibaba's sample `resources/iot/rule.yml` (aliyun/ros-templates).
 *
 * Unless `role` is given, the action gets its own RAM role (`<id>Role`): trusted by IoT Platform (`iot.aliyuncs.com`)
 * only, with a custom policy that allows `mns:PublishMessage` on this one topic. (Alibaba's sample uses the account's
 * `AliyunIOTAccessingMNSRole`, which the console authorizes once and which reaches every topic.)
 *
 * The topic must be in the stack's region and account: the action names it by name and region only, IoT Platform
 * publishes with a role of the rule's account, and Enterprise Edition instances forward only to topics in their own
 * region (https://www.alibabacloud.com/help/en/iot-platform/latest/0923ba). A rule takes at most 10 actions.
 */
export class IotRuleNotification extends ros.Construct {
  /** The `ALIYUN::IOT::RuleAction` resource. */
  public readonly rosRuleAction: RosRuleAction;
  /** The role IoT Platform publishes with: the one given, or the one made. */
  public readonly role: ram.IRole;

  /** The policy granted to a role of the user's in this stack: the action waits for it. */
  private grantPolicy?: ros.RosResource;

  constructor(scope: ros.Construct, id: string, props: IotRuleNotificationProps) {
    super(scope, id);
    requireProps(this, props, '{ rule or ruleId, destination }');
    const topic = props.destination;
    checkDestination(this, topic);
    const { ruleId, rule } = this.ruleOf(props);
    const instanceId = this.instanceIdOf(props, rule);
    requireLiteral(this, 'errorAction', props.errorAction, 'true or false');
    checkBoolean(this, 'errorAction', props.errorAction);
    const errorAction = props.errorAction ?? false;
    if (rule !== undefined) {
      checkSameLocation(this, {
        prop: 'rule',
        subject: stackLocation(rule),
        subjectName: `IoT rule '${rule.node.path}'`,
        expected: stackLocation(this),
        expectedName: 'the stack',
        reason: 'ROS creates the rule action in the stack\'s region and account, where its rule must be',
        remedy: 'give the stacks an env with a literal region and account',
      });
    }
    checkSameLocation(this, {
      prop: 'destination',
      subject: locationOf(topic),
      subjectName: channelDisplay(topic),
      expected: stackLocation(this),
      expectedName: 'the stack',
      reason: 'the rule action names the topic by name and region only, IoT Platform publishes with a role of the rule\'s account, '
        + 'and Enterprise Edition instances forward only to topics in their own region',
      remedy: LOCATION_REMEDY,
    });
    this.claimAction(rule, props.ruleId, topic, errorAction);

    this.role = props.role === undefined || props.role === null ? this.makeRole(topic) : this.useRole(props.role, topic);
    const roleName = literalString((this.role as { props?: ram.RoleProps }).props?.roleName) ?? ros.Token.asString(this.role.attrRoleName);
    const configuration = Identifiers.iotMnsActionConfiguration(this, topic.channelAddress, ros.Token.asString(this.role.attrArn), roleName);
    this.rosRuleAction = new RosRuleAction(this, claimLogicalId(this, id), {
      ruleId,
      type: 'MNS',
      configuration,
      errorActionFlag: errorAction,
      iotInstanceId: instanceId,
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
    if (this.grantPolicy !== undefined) {
      // IoT Platform may publish as soon as the action exists: not before the role may. (Core's addDependsOn renders
      // no DependsOn in ROS CDK 1.12; addRosDependency does, by logical id.)
      this.rosRuleAction.addRosDependency(this.grantPolicy.logicalId);
    }
    if (instanceId === undefined) {
      warnOnce(this, 'iotInstanceId: the rule action names no IoT Platform instance. An instance that has an ID (every Enterprise Edition instance, '
        + 'and public instances shown with an Overview page in the console) must be named, or the deploy fails: give iotInstanceId, '
        + 'or set it on the iot.RosRule.');
    }
    if (rule instanceof RosRule && !isUnresolved(rule.startRule) && rule.startRule !== true) {
      warnOnce(this, `rule: '${rule.node.path}' is not started (startRule is not true), and IoT Platform forwards nothing until it is: `
        + 'set startRule: true on the rule (it needs a select), or start it in the IoT Platform console.');
    }
  }

  /** The rule's ID for `RuleId` (an integer), and the rule when it is a construct of this app. */
  private ruleOf(props: IotRuleNotificationProps): { ruleId: number | ros.IResolvable; rule?: IIotRule } {
    const given = [props.rule, props.ruleId].filter((r) => r !== undefined && r !== null).length;
    if (given !== 1) {
      throw invalid(this, 'rule', given === 0 ? undefined : '{ rule, ruleId }', 'or ruleId must be given, and only one of them');
    }
    if (props.ruleId !== undefined && props.ruleId !== null) {
      return { ruleId: this.ruleIdText('ruleId', props.ruleId) };
    }
    const rule = props.rule!;
    const id = (rule as Partial<IIotRule>).attrRuleId;
    if ((typeof id !== 'string' && !ros.Tokenization.isResolvable(id)) || typeof (rule as Partial<ros.IConstruct>).node?.path !== 'string') {
      throw invalid(this, 'rule', isConstruct(rule) ? rule.node.path : rule, 'must be an IoT Platform rule (iot.RosRule, or a construct with attrRuleId)');
    }
    return { ruleId: typeof id === 'string' ? this.ruleIdText('rule.attrRuleId', id) : id as ros.IResolvable, rule };
  }

  /** A rule ID given as text: digits, rendered as the integer `RuleId` takes; a token as it is. */
  private ruleIdText(prop: string, value: string): number | ros.IResolvable {
    checkText(this, prop, value, RULE_ID);
    if (isUnresolved(value)) {
      return ros.Token.asNumber(value);
    }
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < 1) {
      throw invalid(this, prop, value, 'must be a rule ID: a positive integer, such as "100000"');
    }
    return number;
  }

  /** `IotInstanceId`: the one given, else the rule's; the two must agree. */
  private instanceIdOf(props: IotRuleNotificationProps, rule: IIotRule | undefined): string | undefined {
    const given = props.iotInstanceId;
    checkText(this, 'iotInstanceId', given, INSTANCE_ID);
    if (!(rule instanceof RosRule)) {
      return given;
    }
    const own = rule.iotInstanceId === undefined ? undefined : ros.Token.asString(rule.iotInstanceId);
    if (given === undefined || (own !== undefined && identityOf(this, given) === identityOf(this, own))) {
      return own;
    }
    const ruleNames = own === undefined ? 'none: the rule names no instance' : describeValue(own);
    if (own === undefined || (!isUnresolved(given) && !isUnresolved(own))) {
      throw invalid(this, 'iotInstanceId', given, `must be the instance of rule '${rule.node.path}' (${ruleNames}), or left out`);
    }
    // a token on one side: synth cannot tell
    warnOnce(this, `iotInstanceId: ${describeValue(given)} may differ from the instance of rule '${rule.node.path}' (${ruleNames}); `
      + 'leave iotInstanceId out to use the rule\'s.');
    return given;
  }

  /**
   * A rule takes at most 10 actions, and one topic wired twice to one rule (both normal, or both error actions) would
   * get every message twice.
   */
  private claimAction(rule: IIotRule | undefined, ruleId: string | undefined, topic: ITopic, errorAction: boolean): void {
    const all = actionsOf(this);
    const location = stackLocation(this);
    const stack = ros.Stack.of(this);
    const keys: Array<{ key: string; certain: boolean }> = rule !== undefined
      ? [{ key: `rule ${rule.node.path}`, certain: true }]
      : isUnresolved(location.region) || isUnresolved(location.account)
        ? [{ key: `id ${stack.node.path} ${identityOf(this, ruleId!)}`, certain: true }, { key: `id <deploy-time> ${identityOf(this, ruleId!)}`, certain: false }]
        : [{ key: `id ${location.region} ${location.account} ${identityOf(this, ruleId!)}`, certain: true }];
    const inline = rule instanceof RosRule && Array.isArray(rule.ruleAction) ? rule.ruleAction.length : 0;
    const wiring = `${identityOf(this, Identifiers.ramArn(topic.channelAddress))}\u0000${errorAction}`;
    const prop = rule !== undefined ? 'rule' : 'ruleId';
    const shown = rule !== undefined ? rule.node.path : ruleId;
    for (const { key, certain } of keys) {
      const actions = all.get(key) ?? { count: inline, wirings: new Map<string, string>() };
      all.set(key, actions);
      const problems: Array<[string, unknown, string]> = [];
      if (actions.count + 1 > MAX_RULE_ACTIONS) {
        problems.push([prop, shown, `must have at most ${MAX_RULE_ACTIONS} actions (IoT Platform's limit); this would be action number ${actions.count + 1}`]);
      }
      const other = actions.wirings.get(wiring);
      if (other !== undefined) {
        problems.push(['destination', topic.node.path, `must be a topic the rule does not forward to yet: '${other}' already forwards its ${errorAction ? 'failed data' : 'data'} there, `
          + 'and each message would be published twice']);
      }
      for (const [p, value, allowed] of problems) {
        if (certain) {
          throw invalid(this, p, value, allowed);
        }
        warnOnce(this, `${p}: ${describeValue(value)} ${allowed} if the stacks that name this rule ID are deployed to one region and account; `
          + 'give the stacks an env with a literal region and account so that synth can tell.');
      }
      actions.count += 1;
      actions.wirings.set(wiring, this.node.path);
    }
  }

  private makeRole(topic: ITopic): ram.IRole {
    const region = stackRegion(this);
    const regionLength = isUnresolved(region) ? MAX_REGION_LENGTH : region.length;
    // role names are unique per account: the region keeps one stack deployed to two regions apart
    const base = generatePhysicalName(this, { maxLength: MAX_ROLE_NAME_LENGTH - regionLength - 1, suffix: 'iot' });
    claimName(this, { kind: 'RAM role name', prop: 'role', name: base, location: stackLocation(this) });
    const roleName = `${base}-${region}`;
    const messages = Identifiers.ramMessagesArn(topic.channelAddress);
    return new ram.Role(this, claimLogicalId(this, derivedId(this, 'Role')), {
      roleName,
      description: truncate(`Lets IoT Platform publish to ${channelDisplay(topic)} for the rule action ${this.node.path} (made by ros-cdk-smq)`, 1024),
      assumeRolePolicyDocument: {
        version: '1',
        statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: [IOT_SERVICE] } }],
      },
      // a custom policy on this topic only: not the account's AliyunIOTAccessingMNSRole, which reaches every topic
      policies: [{
        policyName: roleName,
        description: truncate(`mns:PublishMessage on ${channelDisplay(topic)} only`, 1024),
        policyDocument: { version: '1', statement: [{ effect: 'Allow', action: ['mns:PublishMessage'], resource: [messages] }] },
      }],
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
  }

  private useRole(role: ram.IRole, topic: ITopic): ram.IRole {
    if (!isConstruct(role) || (role as { attrArn?: unknown }).attrArn === undefined) {
      throw invalid(this, 'role', role, 'must be a RAM role (ram.Role of @alicloud/ros-cdk-ram)');
    }
    checkServiceTrust(this, 'role', role, IOT_SERVICE, 'IoT Platform assumes it to publish to the topic');
    const grantee = role as unknown as Partial<ram.IGrantable>;
    if (grantee.grantPrincipal !== undefined) {
      const placement = policyPlacement(grantee as ram.IGrantable, topic);
      const grant = topic.grant(grantee as ram.IGrantable, 'mns:PublishMessage');
      this.grantPolicy = ros.Stack.of(placement.parent) === ros.Stack.of(this) ? grant.policy : undefined;
    } else {
      warnOnce(this, `role: '${role.node.path}' is not a ram.Role this library can grant to: allow it mns:PublishMessage on `
        + `${describeValue(Identifiers.ramMessagesArn(topic.channelAddress))} by hand.`);
    }
    return role;
  }
}

/** What this app wires to one rule: how many actions, and which topic each forwards to. */
interface RuleActions {
  count: number;
  /** `<topic identity>\0<errorAction>` -> the construct path of the action. */
  readonly wirings: Map<string, string>;
}

/** The actions of each rule, per app (keyed on the app's root construct). */
const RULE_ACTIONS = new WeakMap<ros.IConstruct, Map<string, RuleActions>>();

function actionsOf(scope: ros.IConstruct): Map<string, RuleActions> {
  const root = scope.node.root;
  let all = RULE_ACTIONS.get(root);
  if (all === undefined) {
    all = new Map();
    RULE_ACTIONS.set(root, all);
  }
  return all;
}

/** The destination must be a topic: a queue gets told how to reach it through one. */
function checkDestination(scope: ros.IConstruct, destination: unknown): void {
  const candidate = destination as { node?: { path?: unknown }; channelAddress?: { kind?: unknown } } | null | undefined;
  if (typeof candidate?.node?.path === 'string' && candidate.channelAddress?.kind === ChannelKind.QUEUE) {
    throw invalid(scope, 'destination', candidate.node.path, 'must be a topic: IoT Platform forwards rule data to SMQ topics only. '
      + 'Forward to a topic and subscribe the queue to it: topic.addSubscription(new consumers.QueueSubscription(queue))');
  }
  requireChannel(scope, 'destination', destination, ChannelKind.TOPIC);
}


function literalString(value: unknown): string | undefined {
  return typeof value === 'string' && !isUnresolved(value) ? value : undefined;
}

function isConstruct(x: unknown): x is ros.IConstruct {
  return typeof (x as { node?: { path?: unknown } } | undefined)?.node?.path === 'string';
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
