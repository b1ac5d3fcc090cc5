/**
 * L1 classes for the ROS types `ALIYUN::IOT::Rule` and `ALIYUN::IOT::RuleAction` (no `@alicloud/ros-cdk-iot` package is
 * on the registry), in the shape of generated ROS CDK L1s: mutable props, the `enableResourcePropertyConstraint`
 * constructor argument and `ROS_RESOURCE_TYPE_NAME`, so that a future upstream package is a change of import. They
 * render properties and check literal values against the documented constraints, nothing more.
 *
 * References: https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-iot-rule ,
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-iot-ruleaction , the IoT Platform API pages
 * CreateRule, CreateRuleAction and StartRule (https://www.alibabacloud.com/help/en/iot/developer-reference/), and
 * Alibaba's own sample `resources/iot/rule.yml` (aliyun/ros-templates).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { checkPropsTree } from './mns-rules';
import { Attributes, renderKeys, ValidatedProps } from './render';
import { checkText, plainText, TextRule } from '../core/text';
import { checkBoolean, checkCount, checkOneOf, checkRequired, invalid, isUnresolved, requireProps } from '../core/validation';

/**
 * The rule action types. The ROS and CreateRuleAction references list REPUBLISH, AMQP, DATAHUB, ONS, MNS, FC and OTS;
 * Alibaba's sample `resources/iot/rule.yml` writes `MNS`. The newest ROS reference pages write `SMQ` in that list (the
 * product's new name), so it is taken too.
 */
const RULE_ACTION_TYPES = ['REPUBLISH', 'AMQP', 'DATAHUB', 'ONS', 'MNS', 'SMQ', 'FC', 'OTS'] as const;
/** DataType: JSON (the default) or BINARY. */
const DATA_TYPES = ['JSON', 'BINARY'] as const;
/** TopicType: 0 basic or TSL-based topic, 1 custom topic, 2 device status topic. */
const TOPIC_TYPES = [0, 1, 2] as const;
/**
 * A rule takes at most 10 actions (the CreateRuleAction reference).
 *
 * @internal
 */
export const MAX_RULE_ACTIONS = 10;

/**
 * Rule names: 1 to 30 characters, each Chinese or Japanese character counting as 2; letters, digits, underscores,
 * hyphens, Chinese and Japanese (the ROS reference of ALIYUN::IOT::Rule).
 */
const RULE_NAME: TextRule = {
  minLength: 1,
  maxLength: 30,
  chars: /[A-Za-z0-9_\-\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/,
  charset: 'letters, digits, underscores, hyphens, Chinese and Japanese characters',
};
const WIDE_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** RuleDesc: at most 100 characters. */
const RULE_DESC = plainText(0, 100, true);
/** SQL pieces (Select, Where): no length is documented; control characters but tabs and line breaks are refused. */
const SQL_TEXT = plainText(1, Number.MAX_SAFE_INTEGER, true);
/** Product keys, instance and group ids, short topics: no length or charset is documented; no whitespace. */
const WORD: TextRule = { minLength: 1, maxLength: Number.MAX_SAFE_INTEGER };

/** An action of a rule, inline in `ALIYUN::IOT::Rule` or as `ALIYUN::IOT::RuleAction`. */
interface ActionLike {
  readonly type?: unknown;
  readonly configuration?: unknown;
  readonly errorActionFlag?: unknown;
}

/** Properties of `ALIYUN::IOT::Rule`. */
export interface RosRuleProps {
  /**
   * Name: 1 to 30 characters (a Chinese or Japanese character counts as 2): letters, digits, underscores, hyphens,
   * Chinese and Japanese.
   */
  readonly name: string | ros.IResolvable;
  /** DataType: JSON or BINARY; BINARY does not go with TopicType 0. @default JSON */
  readonly dataType?: string | ros.IResolvable;
  /** IotInstanceId: the IoT Platform instance; required for instances that have an ID. @default - none */
  readonly iotInstanceId?: string | ros.IResolvable;
  /** ProductKey: the product whose devices' topics the rule reads. @default - none */
  readonly productKey?: string | ros.IResolvable;
  /** ResourceGroupId. @default - the default resource group */
  readonly resourceGroupId?: string | ros.IResolvable;
  /** RuleAction: actions made with the rule, at most 10. @default - none */
  readonly ruleAction?: Array<RosRule.RuleActionProperty | ros.IResolvable> | ros.IResolvable;
  /** RuleDesc: at most 100 characters. @default - none */
  readonly ruleDesc?: string | ros.IResolvable;
  /** Select: what follows SELECT in the rule's SQL, such as `temperature, deviceName() as device`. @default - none */
  readonly select?: string | ros.IResolvable;
  /**
   * ShortTopic: the topic the rule reads, `${deviceName}/topicShortName` (`+` for every device, `/user/#` for every
   * custom topic), such as `+/thing/event/property/post`. @default - none
   */
  readonly shortTopic?: string | ros.IResolvable;
  /** StartRule: whether the rule is started; a rule needs a Select to start (the StartRule reference). @default false */
  readonly startRule?: boolean | ros.IResolvable;
  /** TopicType: 0 basic or TSL-based topic, 1 custom topic, 2 device status topic. @default - none */
  readonly topicType?: number | ros.IResolvable;
  /** Where: what follows WHERE in the rule's SQL, such as `temperature > 38`. @default - none */
  readonly where?: string | ros.IResolvable;
}

/** The ROS resource `ALIYUN::IOT::Rule`: an IoT Platform data forwarding rule. */
export class RosRule extends ros.RosResource {
  /** The ROS resource type. */
  public static readonly ROS_RESOURCE_TYPE_NAME = 'ALIYUN::IOT::Rule';

  /** Whether literal property values are checked against the documented constraints (the stack's setting). */
  public enableResourcePropertyConstraint: boolean;
  private readonly attributes = new Attributes(this);
  private readonly validated: ValidatedProps;

  /** Attribute RuleId: the rule's ID. */
  public get attrRuleId(): ros.IResolvable {
    return this.attributes.get('RuleId');
  }
  /** Attribute ActionId: the ID of the rule's action (read by Alibaba's sample `resources/iot/rule.yml`). */
  public get attrActionId(): ros.IResolvable {
    return this.attributes.get('ActionId');
  }

  /** Name. */
  public name: string | ros.IResolvable;
  /** DataType. */
  public dataType: string | ros.IResolvable | undefined;
  /** IotInstanceId. */
  public iotInstanceId: string | ros.IResolvable | undefined;
  /** ProductKey. */
  public productKey: string | ros.IResolvable | undefined;
  /** ResourceGroupId. */
  public resourceGroupId: string | ros.IResolvable | undefined;
  /** RuleAction. */
  public ruleAction: Array<RosRule.RuleActionProperty | ros.IResolvable> | ros.IResolvable | undefined;
  /** RuleDesc. */
  public ruleDesc: string | ros.IResolvable | undefined;
  /** Select. */
  public select: string | ros.IResolvable | undefined;
  /** ShortTopic. */
  public shortTopic: string | ros.IResolvable | undefined;
  /** StartRule. */
  public startRule: boolean | ros.IResolvable | undefined;
  /** TopicType. */
  public topicType: number | ros.IResolvable | undefined;
  /** Where. */
  public where: string | ros.IResolvable | undefined;

  /**
   * @param scope scope in which this resource is defined
   * @param id scoped id of the resource (its logical id)
   * @param props resource properties
   * @param enableResourcePropertyConstraint check literal values against the documented constraints
   */
  constructor(scope: ros.Construct, id: string, props: RosRuleProps, enableResourcePropertyConstraint: boolean) {
    super(scope, id, { type: RosRule.ROS_RESOURCE_TYPE_NAME, properties: props });
    // a JavaScript caller can leave the props out: a clear error rather than a TypeError, whatever the flag says
    requireProps(this, props, '{ name, ... }');
    this.enableResourcePropertyConstraint = enableResourcePropertyConstraint;
    this.name = props.name;
    this.dataType = props.dataType;
    this.iotInstanceId = props.iotInstanceId;
    this.productKey = props.productKey;
    this.resourceGroupId = props.resourceGroupId;
    this.ruleAction = props.ruleAction;
    this.ruleDesc = props.ruleDesc;
    this.select = props.select;
    this.shortTopic = props.shortTopic;
    this.startRule = props.startRule;
    this.topicType = props.topicType;
    this.where = props.where;
    this.validated = new ValidatedProps(this, this.rosProperties, validateRuleProps);
  }

  protected override get rosProperties(): { [key: string]: any } {
    const props = {
      name: this.name,
      dataType: this.dataType,
      iotInstanceId: this.iotInstanceId,
      productKey: this.productKey,
      resourceGroupId: this.resourceGroupId,
      ruleAction: this.ruleAction,
      ruleDesc: this.ruleDesc,
      select: this.select,
      shortTopic: this.shortTopic,
      startRule: this.startRule,
      topicType: this.topicType,
      where: this.where,
    };
    // cyclic props cannot be rendered and would overflow the props fingerprint: a ValidationError instead
    checkPropsTree(this, props);
    return props;
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    this.validated.recheck(this.rosProperties);
    const out = renderKeys(props, {
      name: 'Name',
      dataType: 'DataType',
      iotInstanceId: 'IotInstanceId',
      productKey: 'ProductKey',
      resourceGroupId: 'ResourceGroupId',
      ruleAction: 'RuleAction',
      ruleDesc: 'RuleDesc',
      select: 'Select',
      shortTopic: 'ShortTopic',
      startRule: 'StartRule',
      topicType: 'TopicType',
      where: 'Where',
    })!;
    if (Array.isArray(out.RuleAction)) {
      out.RuleAction = out.RuleAction.map((action: unknown) => renderKeys(action as { [key: string]: unknown },
        { type: 'Type', configuration: 'Configuration', errorActionFlag: 'ErrorActionFlag' }));
    }
    return out;
  }
}

/** Types nested in `RosRule`'s properties. */
export namespace RosRule {
  /** One item of `RuleAction`: the same settings as an `ALIYUN::IOT::RuleAction`. */
  export interface RuleActionProperty {
    /** Type: REPUBLISH, AMQP, DATAHUB, ONS, MNS, FC or OTS. */
    readonly type: string | ros.IResolvable;
    /** Configuration: the action's settings as JSON text, which depend on the type (see CreateRuleAction). */
    readonly configuration: string | ros.IResolvable;
    /** ErrorActionFlag: whether the action receives the data other actions failed to forward. @default false */
    readonly errorActionFlag?: boolean | ros.IResolvable;
  }
}

/** Properties of `ALIYUN::IOT::RuleAction`. */
export interface RosRuleActionProps {
  /** RuleId: the ID of the rule the action belongs to (an integer). */
  readonly ruleId: number | ros.IResolvable;
  /** Type: REPUBLISH, AMQP, DATAHUB, ONS, MNS, FC or OTS. */
  readonly type: string | ros.IResolvable;
  /**
   * Configuration: the action's settings as JSON text, which depend on the type (see CreateRuleAction). For MNS:
   * `{"themeName": topic, "regionName": region, "role": {"roleArn": ..., "roleName": ...}}`.
   */
  readonly configuration: string | ros.IResolvable;
  /**
   * ErrorActionFlag: whether the action receives the data that the rule's other actions failed to forward (after
   * retries) instead of the rule's data. @default false
   */
  readonly errorActionFlag?: boolean | ros.IResolvable;
  /** IotInstanceId: the IoT Platform instance; required for instances that have an ID. @default - none */
  readonly iotInstanceId?: string | ros.IResolvable;
}

/** The ROS resource `ALIYUN::IOT::RuleAction`: one action of an IoT Platform rule. */
export class RosRuleAction extends ros.RosResource {
  /** The ROS resource type. */
  public static readonly ROS_RESOURCE_TYPE_NAME = 'ALIYUN::IOT::RuleAction';

  /** Whether literal property values are checked against the documented constraints (the stack's setting). */
  public enableResourcePropertyConstraint: boolean;
  private readonly attributes = new Attributes(this);
  private readonly validated: ValidatedProps;

  /** Attribute ActionId: the action's ID. */
  public get attrActionId(): ros.IResolvable {
    return this.attributes.get('ActionId');
  }

  /** RuleId. */
  public ruleId: number | ros.IResolvable;
  /** Type. */
  public type: string | ros.IResolvable;
  /** Configuration. */
  public configuration: string | ros.IResolvable;
  /** ErrorActionFlag. */
  public errorActionFlag: boolean | ros.IResolvable | undefined;
  /** IotInstanceId. */
  public iotInstanceId: string | ros.IResolvable | undefined;

  /**
   * @param scope scope in which this resource is defined
   * @param id scoped id of the resource (its logical id)
   * @param props resource properties
   * @param enableResourcePropertyConstraint check literal values against the documented constraints
   */
  constructor(scope: ros.Construct, id: string, props: RosRuleActionProps, enableResourcePropertyConstraint: boolean) {
    super(scope, id, { type: RosRuleAction.ROS_RESOURCE_TYPE_NAME, properties: props });
    requireProps(this, props, '{ ruleId, type, configuration }');
    this.enableResourcePropertyConstraint = enableResourcePropertyConstraint;
    this.ruleId = props.ruleId;
    this.type = props.type;
    this.configuration = props.configuration;
    this.errorActionFlag = props.errorActionFlag;
    this.iotInstanceId = props.iotInstanceId;
    this.validated = new ValidatedProps(this, this.rosProperties, validateRuleActionProps);
  }

  protected override get rosProperties(): { [key: string]: any } {
    return {
      ruleId: this.ruleId,
      type: this.type,
      configuration: this.configuration,
      errorActionFlag: this.errorActionFlag,
      iotInstanceId: this.iotInstanceId,
    };
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    this.validated.recheck(this.rosProperties);
    return renderKeys(props, {
      ruleId: 'RuleId',
      type: 'Type',
      configuration: 'Configuration',
      errorActionFlag: 'ErrorActionFlag',
      iotInstanceId: 'IotInstanceId',
    })!;
  }
}

/** A string prop as `checkText` takes it: an `IResolvable` object is skipped (it is all token). */
function literalOrUndefined(value: unknown): string | undefined {
  if (value === undefined || value === null || (typeof value === 'object' && ros.Tokenization.isResolvable(value))) {
    return undefined;
  }
  return value as string;
}

/** Checks `ALIYUN::IOT::Rule` props against the references. */
function validateRuleProps(scope: ros.IConstruct, props: RosRuleProps): void {
  checkRequired(scope, 'name', props.name);
  const name = literalOrUndefined(props.name);
  checkText(scope, 'name', name, RULE_NAME);
  if (name !== undefined && !isUnresolved(name)) {
    const width = [...name].reduce((n, c) => n + (WIDE_CHAR.test(c) ? 2 : 1), 0);
    if (width > RULE_NAME.maxLength) {
      throw invalid(scope, 'name', name, `must be at most ${RULE_NAME.maxLength} characters long, a Chinese or Japanese character counting as 2 (length ${width})`);
    }
  }
  checkOneOf(scope, 'dataType', props.dataType as string | undefined, DATA_TYPES);
  checkOneOf(scope, 'topicType', props.topicType as number | undefined, TOPIC_TYPES);
  if (props.dataType === 'BINARY' && props.topicType === 0) {
    throw invalid(scope, 'topicType', 0, 'must not be 0 (a basic or TSL-based topic) when dataType is BINARY: such topics carry JSON');
  }
  for (const prop of ['iotInstanceId', 'productKey', 'resourceGroupId', 'shortTopic'] as const) {
    checkText(scope, prop, literalOrUndefined(props[prop]), WORD);
  }
  checkText(scope, 'ruleDesc', literalOrUndefined(props.ruleDesc), RULE_DESC);
  checkText(scope, 'select', literalOrUndefined(props.select), SQL_TEXT);
  checkText(scope, 'where', literalOrUndefined(props.where), SQL_TEXT);
  checkBoolean(scope, 'startRule', props.startRule);
  if (props.startRule === true && (props.select === undefined || props.select === '')) {
    throw invalid(scope, 'select', props.select, 'is required when startRule is true: IoT Platform starts only a rule that has its SQL (the StartRule reference)');
  }
  const actions = props.ruleAction;
  if (actions !== undefined && !isUnresolved(actions)) {
    if (!Array.isArray(actions)) {
      throw invalid(scope, 'ruleAction', actions, 'must be a list of { type, configuration, errorActionFlag? }');
    }
    checkCount(scope, 'ruleAction', actions, MAX_RULE_ACTIONS);
    // Array.from turns the holes of a sparse list into undefined, which is then refused
    Array.from(actions).forEach((action, i) => {
      if (isUnresolved(action)) {
        return;
      }
      if (action === undefined || action === null || typeof action !== 'object' || Array.isArray(action)) {
        throw invalid(scope, `ruleAction[${i}]`, action, 'must be { type, configuration, errorActionFlag? }');
      }
      checkAction(scope, `ruleAction[${i}].`, action as ActionLike);
    });
  }
}

/** Checks `ALIYUN::IOT::RuleAction` props against the references. */
function validateRuleActionProps(scope: ros.IConstruct, props: RosRuleActionProps): void {
  checkRequired(scope, 'ruleId', props.ruleId);
  const ruleId = props.ruleId as unknown;
  if (!isUnresolved(ruleId) && (typeof ruleId !== 'number' || !Number.isSafeInteger(ruleId) || ruleId < 1)) {
    throw invalid(scope, 'ruleId', ruleId, 'must be a rule ID: a positive integer');
  }
  checkAction(scope, '', props);
  checkText(scope, 'iotInstanceId', literalOrUndefined(props.iotInstanceId), WORD);
}

/** Checks the type, configuration and error flag of an action. */
function checkAction(scope: ros.IConstruct, prefix: string, action: ActionLike): void {
  checkRequired(scope, `${prefix}type`, action.type);
  checkOneOf(scope, `${prefix}type`, action.type as string, RULE_ACTION_TYPES);
  checkRequired(scope, `${prefix}configuration`, action.configuration);
  checkBoolean(scope, `${prefix}errorActionFlag`, action.errorActionFlag);
  const configuration = literalOrUndefined(action.configuration);
  if (configuration === undefined || isUnresolved(configuration)) {
    return;
  }
  if (typeof configuration !== 'string') {
    throw invalid(scope, `${prefix}configuration`, configuration, 'must be JSON text (a string), such as JSON.stringify({ ... })');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(configuration);
  } catch {
    throw invalid(scope, `${prefix}configuration`, configuration, 'must be JSON text of an object');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid(scope, `${prefix}configuration`, configuration, 'must be JSON text of an object');
  }
  if (action.type === 'MNS' || action.type === 'SMQ') {
    const mns = parsed as { themeName?: unknown; regionName?: unknown; role?: { roleArn?: unknown; roleName?: unknown } };
    const missing = [
      typeof mns.themeName === 'string' && mns.themeName !== '' ? undefined : 'themeName',
      typeof mns.regionName === 'string' && mns.regionName !== '' ? undefined : 'regionName',
      typeof mns.role?.roleArn === 'string' && mns.role.roleArn !== '' ? undefined : 'role.roleArn',
      typeof mns.role?.roleName === 'string' && mns.role.roleName !== '' ? undefined : 'role.roleName',
    ].filter((key) => key !== undefined);
    if (missing.length > 0) {
      throw invalid(scope, `${prefix}configuration`, configuration, `must give ${missing.join(', ')} for an ${action.type} action: `
        + '{"themeName": topic, "regionName": region, "role": {"roleArn": ..., "roleName": ...}} (the CreateRuleAction reference)');
    }
  }
}
