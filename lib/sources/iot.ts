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
import { claimName, generatePhysicalName, identityOf, withLiteralNames } from '../core/names';
import { stackRegion, warnOnce } from '../core/state';
import { checkText, TextRule } from '../core/text';
import { checkBoolean, describeValue, invalid, isUnresolved, requireLiteral, requireProps } from '../core/validation';
import { checkServiceTrust } from '../core/trust';
import { MAX_RULE_ACTIONS, RosRule, RosRuleAction } from '../ros/iot';
import { channelDisplay, locationOf, requireChannel, stackLocation } from '../smq/channel';
import { ChannelKind, Identifiers } from '../smq/identifiers';
import type { ITopic } from '../smq/topic-base';
import { isConstruct, literalString, truncate } from '../core/util';

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
   * `mns:PublishMessage` on the topic when it is a `ram.Role` of this app. That policy goes in the role's stack: a role
   * in another stack than the topic's needs a topic with a literal name, or the two stacks would refer to each other.
   *
   * @default - a role made for this action: trusted by IoT Platform only, allowed to publish to this topic only
   */
  readonly role?: ram.IRole;
  /**
   * The IoT Platform instance of the rule. Required for an instance that has an ID (the ROS reference asks for it for
   * public and Enterprise Edition instances); only an instance without one (no Overview page in the console) takes
   * none.
   *
   * @default - the rule's `iotInstanceId` when `rule` is an `iot.RosRule` (read at synth), else none
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
const NO_INSTANCE = 'iotInstanceId: the rule action names no IoT Platform instance. An instance that has an ID (every Enterprise Edition instance, '
  + 'and public instances shown with an Overview page in the console) must be named, or the deploy fails: give iotInstanceId, '
  + 'or set it on the iot.RosRule.';
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
 * region (https://www.alibabacloud.com/help/en/iot-platform/latest/0923ba). A rule takes at most 10 actions, its inline
 * `ruleAction` entries counted.
 *
 * An `iot.RosRule` is read again at synth: the action renders its `iotInstanceId` as it is then, and its inline
 * actions (at most 10 with these, none to this topic) and `startRule` are checked then.
 */
export class IotRuleNotification extends ros.Construct {
  /** The `ALIYUN::IOT::RuleAction` resource. */
  public readonly rosRuleAction: RosRuleAction;
  /** The role IoT Platform publishes with: the one given, or the one made. */
  public readonly role: ram.IRole;

  /** The policy granted to a role of the user's in this stack: the action waits for it. */
  private grantPolicy?: ros.RosResource;
  /** The policy granted to a role of the user's, wherever it is: its references count toward stack dependencies. */
  private rolePolicy?: ros.RosResource;
  /** The rule when it is an `iot.RosRule` of this app: its props may change until synth, and are read again then. */
  private readonly rosRule?: RosRule;
  /** The `iotInstanceId` prop as given. */
  private readonly givenInstanceId?: string;
  private readonly topic: ITopic;
  private readonly errorAction: boolean;
  /** What the rule action refers to, per prop, for the check of stack dependencies. */
  private readonly references: Array<{ prop: string; shown: unknown; value: unknown }>;

  constructor(scope: ros.Construct, id: string, props: IotRuleNotificationProps) {
    super(scope, id);
    requireProps(this, props, '{ rule or ruleId, destination }');
    const topic = props.destination;
    checkDestination(this, topic);
    this.topic = topic;
    const { ruleId, rule } = this.ruleOf(props);
    const given = props.iotInstanceId === null ? undefined : props.iotInstanceId;
    checkText(this, 'iotInstanceId', given, INSTANCE_ID);
    this.givenInstanceId = given;
    if (rule instanceof RosRule) {
      this.rosRule = rule;
      this.checkInstance(rule);
    }
    requireLiteral(this, 'errorAction', props.errorAction, 'true or false');
    checkBoolean(this, 'errorAction', props.errorAction);
    const errorAction = props.errorAction ?? false;
    this.errorAction = errorAction;
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
    const roleArn = ros.Token.asString(this.role.attrArn);
    const configuration = Identifiers.iotMnsActionConfiguration(this, topic.channelAddress, roleArn, roleName);
    // the rule's instance is read when the action is rendered: a change to the rule after this cannot leave the two apart
    const ownRule = this.rosRule;
    const instanceId = ownRule === undefined ? given : ros.Lazy.anyValue({ produce: () => given ?? ownRule.iotInstanceId });
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
    this.references = [
      rule !== undefined ? { prop: 'rule', shown: rule.node.path, value: ruleId } : { prop: 'ruleId', shown: props.ruleId, value: ruleId },
      { prop: 'destination', shown: topic.node.path, value: [topic.channelAddress.name, topic.channelAddress.region] },
      { prop: 'role', shown: this.role.node.path, value: [roleArn, roleName] },
      { prop: 'iotInstanceId', shown: given, value: instanceId },
    ];
    this.checkCycles(false);
    if (ownRule === undefined && given === undefined) {
      warnOnce(this, NO_INSTANCE);
    }
    // a rule of this app is checked again at synth (prepare), with the props it has then
  }

  /**
   * At synth, with the rule as it is then: its instance, its inline actions (counted toward the limit, and none to this
   * topic), whether it is started; and no cycle between stacks.
   */
  protected override prepare(): void {
    super.prepare();
    const rule = this.rosRule;
    if (rule !== undefined) {
      this.checkInstance(rule);
      this.checkInlineActions(rule, true);
      if (this.givenInstanceId === undefined && (rule.iotInstanceId === undefined || rule.iotInstanceId === null)) {
        warnOnce(this, NO_INSTANCE);
      }
      if (!isUnresolved(rule.startRule) && rule.startRule !== true) {
        warnOnce(this, `rule: '${rule.node.path}' is not started (startRule is not true), and IoT Platform forwards nothing until it is: `
          + 'set startRule: true on the rule (it needs a select), or start it in the IoT Platform console.');
      }
    }
    this.checkCycles(true);
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

  /** A rule ID given as text: digits, rendered as the integer `RuleId` takes; a whole token as it is. */
  private ruleIdText(prop: string, value: string): number | ros.IResolvable {
    checkText(this, prop, value, RULE_ID);
    if (isUnresolved(value)) {
      // digits joined to a token would render an Fn::Join, a string, where RuleId takes an integer
      if (!isWholeToken(value)) {
        throw invalid(this, prop, value, 'must be literal digits or one whole token (such as a parameter\'s value), not digits joined to a token: '
          + 'RuleId is an integer, and a joined value renders as text');
      }
      return ros.Token.asNumber(value);
    }
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < 1) {
      throw invalid(this, prop, value, 'must be a rule ID: a positive integer, such as "100000"');
    }
    return number;
  }

  /**
   * The `iotInstanceId` given must be the rule's (the action renders the given one, else the rule's as it is at synth).
   * Checked when the construct is made and again at synth.
   */
  private checkInstance(rule: RosRule): void {
    const given = this.givenInstanceId;
    const own = rule.iotInstanceId === undefined || rule.iotInstanceId === null ? undefined : ros.Token.asString(rule.iotInstanceId);
    if (given === undefined || (own !== undefined && identityOf(this, given) === identityOf(this, own))) {
      return;
    }
    const ruleNames = own === undefined ? 'none: the rule names no instance' : describeValue(own);
    if (own === undefined || (!isUnresolved(given) && !isUnresolved(own))) {
      throw invalid(this, 'iotInstanceId', given, `must be the instance of rule '${rule.node.path}' (${ruleNames}), or left out`);
    }
    // a token on one side: synth cannot tell
    warnOnce(this, `iotInstanceId: ${describeValue(given)} may differ from the instance of rule '${rule.node.path}' (${ruleNames}); `
      + 'leave iotInstanceId out to use the rule\'s.');
  }

  /**
   * A rule takes at most 10 actions, and one topic wired twice to one rule (both normal, or both error actions) would
   * get every message twice. The inline actions of an `iot.RosRule` count too: checked here and again at synth.
   */
  private claimAction(rule: IIotRule | undefined, ruleId: string | undefined, topic: ITopic, errorAction: boolean): void {
    const all = actionsOf(this);
    const location = stackLocation(this);
    const stack = ros.Stack.of(this);
    const keys: Array<{ key: string; certain: boolean }> = rule !== undefined
      ? [{ key: ruleKey(rule), certain: true }]
      : isUnresolved(location.region) || isUnresolved(location.account)
        ? [{ key: `id ${stack.node.path} ${identityOf(this, ruleId!)}`, certain: true }, { key: `id <deploy-time> ${identityOf(this, ruleId!)}`, certain: false }]
        : [{ key: `id ${location.region} ${location.account} ${identityOf(this, ruleId!)}`, certain: true }];
    const inline = rule instanceof RosRule ? inlineActions(rule).length : 0;
    const wiring = `${identityOf(this, Identifiers.ramArn(topic.channelAddress))}\u0000${errorAction}`;
    const prop = rule !== undefined ? 'rule' : 'ruleId';
    const shown = rule !== undefined ? rule.node.path : ruleId;
    if (rule instanceof RosRule) {
      this.checkInlineActions(rule, false);
    }
    for (const { key, certain } of keys) {
      const actions = all.get(key) ?? { paths: [], wirings: new Map<string, string>() };
      all.set(key, actions);
      const problems: Array<[string, unknown, string]> = [];
      const number = inline + actions.paths.length + 1;
      if (number > MAX_RULE_ACTIONS) {
        problems.push([prop, shown, `must have at most ${MAX_RULE_ACTIONS} actions (IoT Platform's limit); this would be action number ${number}`]);
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
      actions.paths.push(this.node.path);
      actions.wirings.set(wiring, this.node.path);
    }
  }

  /**
   * The inline `ruleAction` entries of the rule: with the actions of this library, at most 10 in all (at synth, when
   * the list may have changed since), and none that already forwards to this topic.
   */
  private checkInlineActions(rule: RosRule, atSynth: boolean): void {
    const inline = inlineActions(rule);
    if (atSynth) {
      const made = actionsOf(this).get(ruleKey(rule))?.paths.length ?? 0;
      if (inline.length + made > MAX_RULE_ACTIONS) {
        throw invalid(this, 'rule', rule.node.path, `must have at most ${MAX_RULE_ACTIONS} actions (IoT Platform's limit); it has ${inline.length + made}: `
          + `${inline.length} in its ruleAction and ${made} from IotRuleNotification`);
      }
    }
    const index = inline.findIndex((action) => this.forwardsHere(rule, action));
    if (index >= 0) {
      throw invalid(this, 'destination', this.topic.node.path, `must be a topic the rule does not forward to yet: ruleAction[${index}] of rule '${rule.node.path}' `
        + `already forwards its ${this.errorAction ? 'failed data' : 'data'} there, and each message would be published twice`);
    }
  }

  /**
   * Whether an inline action of the rule is an MNS action to this construct's topic, of the same kind (normal or error
   * action): its `Configuration` read as JSON text, with the template functions in it as the rule's stack renders them.
   * False when that cannot be told (a configuration that is not JSON text with its tokens inside strings).
   */
  private forwardsHere(rule: RosRule, action: unknown): boolean {
    if (action === null || typeof action !== 'object' || ros.Tokenization.isResolvable(action)) {
      return false;
    }
    const { type, configuration, errorActionFlag } = action as RosRule.RuleActionProperty;
    if ((type !== 'MNS' && type !== 'SMQ') || (errorActionFlag ?? false) !== this.errorAction) {
      return false;
    }
    const stack = ros.Stack.of(rule);
    const parsed = parseJsonText(stack, configuration) as { themeName?: unknown; regionName?: unknown } | undefined;
    if (parsed === undefined || parsed === null || typeof parsed !== 'object') {
      return false;
    }
    const address = this.topic.channelAddress;
    const names = [withLiteralNames(this, address.name), stack.resolve(address.name)].map((v) => JSON.stringify(v));
    const region = regionKey(stack, parsed.regionName);
    return parsed.themeName !== undefined && names.includes(JSON.stringify(parsed.themeName))
      && region !== undefined && region === regionKey(stack, stack.resolve(address.region));
  }

  /**
   * The stacks this construct's resources refer to must not depend back on the stack that refers: core would throw its
   * cyclic-reference error at synth without a word about why. The rule action refers to the rule, the topic and the
   * role; a role of the user's in another stack gets its policy there, which refers to the topic (by its literal name
   * where there is one). When made, the check sees these references and the stack dependencies the app declares; at
   * synth (`atSynth`), every reference between the stacks of the app too.
   */
  private checkCycles(atSynth: boolean): void {
    const here = ros.Stack.of(this);
    const own: Edge[] = [];
    for (const { prop, shown: given, value } of this.references) {
      // the instance ID may be the rule's, as it is now
      const shown = prop === 'iotInstanceId' ? given ?? this.rosRule?.iotInstanceId : given;
      for (const [stack, reference] of referencedStacks(this.rosRuleAction, value)) {
        own.push({ from: here, to: stack, prop, shown, text: `the rule action '${this.node.path}' refers to '${reference}'` });
      }
    }
    const policy = this.rolePolicy;
    if (policy !== undefined) {
      const policyStack = ros.Stack.of(policy);
      const p = policy as unknown as { policyDocument?: unknown; roles?: unknown; users?: unknown; groups?: unknown; policyName?: unknown; description?: unknown };
      const value = [p.policyDocument, p.roles, p.users, p.groups, p.policyName, p.description];
      for (const [stack, reference] of referencedStacks(policy, value)) {
        own.push({ from: policyStack, to: stack, prop: 'role', shown: this.role.node.path, text: `the policy '${policy.node.path}' that lets the role publish refers to '${reference}'`, policy: true });
      }
    }
    const mine = new Set<ros.IConstruct>([this.rosRuleAction, ...(policy === undefined ? [] : [policy])]);
    const edges = atSynth ? [...own, ...appReferences(this).filter((e) => !mine.has(e.source!))] : own;
    for (const edge of own) {
      const back = edge.from === edge.to || edge.from.nested || edge.to.nested || edge.from.node.root !== edge.to.node.root
        ? undefined : pathBetween(edge.to, edge.from, edges);
      if (back === undefined) {
        continue;
      }
      const chain = [edge, ...back].map((e) => `stack '${e.from.stackName}' -> '${e.to.stackName}': ${e.text}`).join('; ');
      const why = `the stacks would depend on each other in a cycle, which ROS cannot deploy (${chain})`;
      if ([edge, ...back].some((e) => e.policy === true)) {
        throw invalid(this, 'role', this.role.node.path, `must be in the topic's stack '${ros.Stack.of(this.topic).stackName}' (or left out, to have a role made with the rule action), `
          + `or topic '${this.topic.node.path}' must have a literal name: the role's policy goes in the role's stack '${ros.Stack.of(this.role).stackName}' and names the topic there, and ${why}`);
      }
      throw invalid(this, edge.prop, edge.shown, `must not come from a stack that depends on stack '${here.stackName}': ${why}`);
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
      this.rolePolicy = grant.policy;
    } else {
      warnOnce(this, `role: '${role.node.path}' is not a ram.Role this library can grant to: allow it mns:PublishMessage on `
        + `${describeValue(Identifiers.ramMessagesArn(topic.channelAddress))} by hand.`);
    }
    return role;
  }
}

/** What this app wires to one rule: its actions made here, and which topic each forwards to. */
interface RuleActions {
  /** The construct paths of the actions. */
  readonly paths: string[];
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

/** The key of a rule construct in the actions of each rule. */
function ruleKey(rule: IIotRule): string {
  return `rule ${rule.node.path}`;
}

/** The inline `ruleAction` entries of a rule, as they are now (none when the list is a token). */
function inlineActions(rule: RosRule): unknown[] {
  return Array.isArray(rule.ruleAction) ? Array.from(rule.ruleAction) : [];
}

/** Whether `value` is exactly one token (`${Token[...]}`), not text joined to one. */
function isWholeToken(value: string): boolean {
  const fragments = ros.Tokenization.reverseString(value);
  return fragments.length === 1 && fragments.firstToken !== undefined;
}

/** A reference from the stack of one resource to another stack, and why it is made. */
interface Edge {
  readonly from: ros.Stack;
  readonly to: ros.Stack;
  /** The prop the reference comes from, and its value, for the error. */
  readonly prop: string;
  readonly shown: unknown;
  readonly text: string;
  /** The resource that refers, for a reference found in the app's template. */
  readonly source?: ros.IConstruct;
  /** Whether the reference is the role policy's (the one a literal topic name or a role in this stack avoids). */
  readonly policy?: boolean;
}

/**
 * The stacks `value` refers to by `Ref` or `Fn::GetAtt` of a construct (pseudo parameters do not count), each with the
 * first such reference as core names it (`<path>.<attribute>`), resolved as `scope`'s stack renders it.
 */
function referencedStacks(scope: ros.IConstruct, value: unknown): Map<ros.Stack, string> {
  const found = new Map<ros.Stack, string>();
  class Recorder extends ros.DefaultTokenResolver {
    public override resolveToken(token: ros.IResolvable, context: ros.IResolveContext, postProcessor: ros.IPostProcessor): any {
      if (ros.Reference.isReference(token)) {
        const stack = ros.Stack.of(token.target);
        if (!found.has(stack)) {
          found.set(stack, `${token.target.node.path}.${token.displayName}`);
        }
      }
      return super.resolveToken(token, context, postProcessor);
    }
  }
  ros.Tokenization.resolve(value, { scope, resolver: new Recorder(new ros.StringConcat()), preparing: true });
  return found;
}

/** Every reference between two stacks of the app, found once per app at synth (the first `prepare` that asks). */
const APP_REFERENCES = new WeakMap<ros.IConstruct, Edge[]>();

/**
 * The references from each resource (and other template element) of `scope`'s app to another stack, as core finds them
 * when it adds the stack dependencies: the `Ref` and `Fn::GetAtt` tokens in each element's template.
 */
function appReferences(scope: ros.IConstruct): Edge[] {
  const root = scope.node.root;
  let edges = APP_REFERENCES.get(root);
  if (edges === undefined) {
    edges = [];
    for (const element of root.node.findAll()) {
      if (!ros.RosElement.isRosElement(element)) {
        continue;
      }
      let found: Map<ros.Stack, string>;
      try {
        found = referencedStacks(element, element._toRosTemplate());
      } catch (e) {
        // as core does: an element that cannot render yet fails later, with its own error
        if ((e as { type?: unknown }).type === 'RosSynthesisError') {
          continue;
        }
        throw e;
      }
      const from = ros.Stack.of(element);
      for (const [to, reference] of found) {
        if (to !== from) {
          edges.push({ from, to, prop: '', shown: undefined, text: `'${element.node.path}' refers to '${reference}'`, source: element });
        }
      }
    }
    APP_REFERENCES.set(root, edges);
  }
  return edges;
}

/**
 * The edges from `start` that lead to `goal`: through the references of `edges` and the stack dependencies the app
 * declares (`addDependency`); undefined when none do.
 */
function pathBetween(start: ros.Stack, goal: ros.Stack, edges: Edge[]): Edge[] | undefined {
  const seen = new Set<ros.Stack>([start]);
  const queue: Array<{ stack: ros.Stack; path: Edge[] }> = [{ stack: start, path: [] }];
  while (queue.length > 0) {
    const { stack, path } = queue.shift()!;
    if (stack === goal) {
      return path;
    }
    const next: Edge[] = [
      ...edges.filter((e) => e.from === stack && e.from !== e.to),
      ...stack.dependencies.map((to) => ({ from: stack, to, prop: '', shown: undefined, text: `'${stack.stackName}' depends on '${to.stackName}' (addDependency)` })),
    ];
    for (const edge of next) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push({ stack: edge.to, path: [...path, edge] });
      }
    }
  }
  return undefined;
}

/**
 * JSON text that may hold tokens, read as the object it renders to in `stack`: each template function inside a JSON
 * string stands for itself (as `stack` renders it). Undefined when the text is not JSON (or a token sits outside a
 * string).
 */
function parseJsonText(stack: ros.Stack, value: unknown): unknown {
  const resolved = stack.resolve(value);
  let text: string;
  const functions: unknown[] = [];
  if (typeof resolved === 'string') {
    text = resolved;
  } else if (resolved !== null && typeof resolved === 'object' && Array.isArray(resolved['Fn::Join']) && resolved['Fn::Join'][0] === ''
    && Array.isArray(resolved['Fn::Join'][1])) {
    text = (resolved['Fn::Join'][1] as unknown[]).map((part) => {
      if (typeof part === 'string') {
        return part;
      }
      functions.push(part);
      return `${PLACEHOLDER_START}${functions.length - 1}${PLACEHOLDER_END}`;
    }).join('');
  } else {
    return undefined;
  }
  try {
    return JSON.parse(text, (_key, v) => {
      const whole = typeof v === 'string' ? PLACEHOLDER.exec(v) : null;
      return whole !== null ? functions[Number(whole[1])] : v;
    });
  } catch {
    return undefined;
  }
}

/** Private-use characters around the index of a template function in JSON text. */
const PLACEHOLDER_START = '\uE000';
const PLACEHOLDER_END = '\uE001';
const PLACEHOLDER = /^\uE000(\d+)\uE001$/;

/**
 * A region as a key that is equal for two values that name the same region in `stack`: a literal, or the stack's
 * `ALIYUN::Region`; undefined for anything else (another template function, text joined to one).
 */
function regionKey(stack: ros.Stack, value: unknown): string | undefined {
  if (typeof value === 'string' && !value.includes(PLACEHOLDER_START)) {
    return `literal ${value}`;
  }
  if (value !== null && typeof value === 'object' && JSON.stringify(value) === JSON.stringify({ Ref: 'ALIYUN::Region' })) {
    const region = stackRegion(stack);
    return isUnresolved(region) ? 'ALIYUN::Region' : `literal ${region}`;
  }
  return undefined;
}
