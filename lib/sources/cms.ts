/**
 * CloudMonitor alerts written to SMQ queues and topics: alarm notifications of metric rules
 * (`ALIYUN::CMS::MetricRuleTargets`), event notifications (`ALIYUN::CMS::EventRule` + `ALIYUN::CMS::EventRuleTargets`),
 * and alarms on a queue's or topic's own metrics (`ALIYUN::CMS::ResourceMetricRule`), all made through
 * `@alicloud/ros-cdk-cms`.
 *
 * CloudMonitor writes to SMQ with the account's `AliyunCloudMonitorDefaultRole`, which the account authorizes once in
 * the CloudMonitor console, not in a template (https://www.alibabacloud.com/help/en/cms/user-guide/write-alerts-to-mns).
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as cms from '@alicloud/ros-cdk-cms';
import { Duration, durationSeconds } from '../core/duration';
import { claimLogicalId, compositeId, derivedId } from '../core/ids';
import { checkSameLocation } from '../core/location';
import { claimName, generatePhysicalNameFor, identityOf } from '../core/names';
import { AppState, infoOncePerStack, warnOnce } from '../core/state';
import { checkText, fragmentsOf, literalText, plainText, TextRule } from '../core/text';
import { checkBoolean, checkOneOf, checkRange, describeValue, invalid, isUnresolved, requireLiteral, requireProps } from '../core/validation';
import { IChannel, locationOf, requireChannelOfAnyKind, stackLocation, channelDisplay } from '../smq/channel';
import { Identifiers } from '../smq/identifiers';
import { ChannelMetric, Statistic } from '../smq/metrics';

/** The level of a CloudMonitor alert. */
export enum AlarmLevel {
  /** Critical. */
  CRITICAL = 'CRITICAL',
  /** Warning. */
  WARN = 'WARN',
  /** Information. */
  INFO = 'INFO',
}

const ALL_LEVELS = [AlarmLevel.CRITICAL, AlarmLevel.WARN, AlarmLevel.INFO];

/** A CloudMonitor metric rule: `cms.ResourceMetricRule`, `cms.GroupMetricRule`, their L1s, or a `MetricAlarm`. */
export interface IMetricRule extends ros.IConstruct {
  /** The rule id. */
  readonly attrRuleId: ros.IResolvable | string;
}

/** Properties of an {@link AlarmNotification}. */
export interface AlarmNotificationProps {
  /** The metric rule whose alerts are written. Give this or `ruleId`. @default - `ruleId` */
  readonly rule?: IMetricRule;
  /** The id of a metric rule this app does not make. Give this or `rule`. @default - `rule` */
  readonly ruleId?: string;
  /** Where the alerts go: a queue or a topic of the account (in any region). */
  readonly destination: IChannel;
  /** The alert levels written. @default - all: CRITICAL, WARN and INFO */
  readonly levels?: AlarmLevel[];
  /** The target's id in the rule. @default - a hash of this construct's path */
  readonly targetId?: string;
}

const TARGET_ID: TextRule = { minLength: 1, maxLength: 64, chars: /[A-Za-z0-9_-]/, charset: 'letters, digits, underscores and hyphens' };
/** CloudMonitor takes at most 5 targets on one rule (the ROS reference of ALIYUN::CMS::MetricRuleTargets). */
const MAX_TARGETS_PER_RULE = 5;
const ROLE_NOTE = 'CloudMonitor writes to SMQ with the account\'s AliyunCloudMonitorDefaultRole, which the account authorizes once in the '
  + 'CloudMonitor console (not in a template): see https://www.alibabacloud.com/help/en/cms/user-guide/write-alerts-to-mns';

/**
 * Writes the alerts of a CloudMonitor metric rule to a queue or topic (`ALIYUN::CMS::MetricRuleTargets`, whose
 * resource gets this construct's id as its logical id). The channel is named in CloudMonitor's form
 * `acs:mns:{region}:{account}:/queues/{name}/message` (singular `message`, as the ROS reference and the
 * PutMetricRuleTargets reference write it), and the levels as the JSON array PutMetricRuleTargets takes. CloudMonitor
 * takes at most 5 targets on one rule.
 */
export class AlarmNotification extends ros.Construct {
  /** The `ALIYUN::CMS::MetricRuleTargets` resource. */
  public readonly rosTargets: cms.RosMetricRuleTargets;

  constructor(scope: ros.Construct, id: string, props: AlarmNotificationProps) {
    super(scope, id);
    requireProps(this, props, '{ rule or ruleId, destination }');
    requireChannelOfAnyKind(this, 'destination', props.destination);
    const ruleId = this.ruleId(props);
    requireLiteral(this, 'levels', props.levels, 'list of levels');
    const levels = checkLevels(this, 'levels', props.levels);
    checkText(this, 'targetId', props.targetId, TARGET_ID);
    checkSameAccount(this, props.destination);
    const identity = props.targetId ?? compositeId(['Smq'], [this.node.path]);
    const arn = Identifiers.cmsMetricTargetArn(props.destination.channelAddress);
    this.addTarget(props.rule, ruleId, identity, arn);
    infoOncePerStack(this, ROLE_NOTE);
    this.rosTargets = new cms.RosMetricRuleTargets(this, claimLogicalId(this, id), {
      ruleId,
      targets: [{ identity, arn, level: JSON.stringify(levels) }],
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
  }

  private ruleId(props: AlarmNotificationProps): string {
    const given = [props.rule, props.ruleId].filter((r) => r !== undefined && r !== null).length;
    if (given !== 1) {
      throw invalid(this, 'rule', given === 0 ? undefined : '{ rule, ruleId }', 'or ruleId must be given, and only one of them');
    }
    if (props.ruleId !== undefined) {
      checkText(this, 'ruleId', props.ruleId, { minLength: 1, maxLength: 128 });
      return props.ruleId;
    }
    const id = (props.rule as Partial<IMetricRule>).attrRuleId;
    if ((typeof id !== 'string' && !isResolvable(id)) || typeof (props.rule as Partial<ros.IConstruct>).node?.path !== 'string') {
      throw invalid(this, 'rule', props.rule, 'must be a CloudMonitor metric rule (cms.ResourceMetricRule, cms.GroupMetricRule or sources.MetricAlarm)');
    }
    return ros.Token.asString(id);
  }

  /**
   * Records the target on its rule: CloudMonitor takes at most 5 targets on one rule, one id once, and one channel
   * once would write each alert twice.
   */
  private addTarget(rule: IMetricRule | undefined, ruleId: string, identity: string, arn: string): void {
    const all = AppState.of(this).targetsPerMetricRule;
    const account = stackLocation(this).account;
    // a rule of this app by its path (its id token renders differently in each stack that reads it); a rule id given
    // as a string within the account that holds it: a literal account, or else this stack (an error), and every
    // stack whose account is decided at deploy time (a warning: they may share it)
    const keys: Array<{ key: string; certain: boolean }> = rule !== undefined && rule !== null
      ? [{ key: `rule ${rule.node.path}`, certain: true }]
      : isUnresolved(account)
        ? [{ key: `id ${ros.Stack.of(this).node.path} ${identityOf(this, ruleId)}`, certain: true }, { key: `id <deploy-time> ${identityOf(this, ruleId)}`, certain: false }]
        : [{ key: `id ${account} ${identityOf(this, ruleId)}`, certain: true }];
    const prop = rule ? 'rule' : 'ruleId';
    const shown = rule ? rule.node.path : ruleId;
    const idKey = identityOf(this, identity);
    const arnKey = identityOf(this, arn);
    for (const { key, certain } of keys) {
      const targets = all.get(key) ?? { ids: new Map<string, string>(), arns: new Map<string, string>() };
      all.set(key, targets);
      const problems: Array<[string, unknown, string]> = [];
      const count = targets.ids.size + 1;
      if (count > MAX_TARGETS_PER_RULE) {
        problems.push([prop, shown, `must have at most ${MAX_TARGETS_PER_RULE} targets (CloudMonitor's limit); this would be target number ${count}`]);
      }
      if (targets.ids.has(idKey)) {
        problems.push(['targetId', identity, `must be unique on the rule, but '${targets.ids.get(idKey)}' already adds a target with this id to it`]);
      }
      if (targets.arns.has(arnKey)) {
        problems.push(['destination', shownArn(this, arn), `must be another channel than the ones the rule already writes to: '${targets.arns.get(arnKey)}' already writes its alerts there`]);
      }
      for (const [p, value, allowed] of problems) {
        if (certain) {
          throw invalid(this, p, value, allowed);
        }
        warnOnce(this, `${p}: ${describeValue(value)} ${allowed.replace(/^must /, 'must ')} if the stacks that name this rule id are deployed to one account; `
          + 'give the stacks an env with a literal account so that synth can tell.');
      }
      targets.ids.set(idKey, this.node.path);
      targets.arns.set(arnKey, this.node.path);
    }
  }

}

/** What CloudMonitor events match. */
export interface CmsEventPattern {
  /** The product whose events match, such as `ECS` (CloudMonitor's product code). */
  readonly product: string;
  /** Event types, such as `StatusNotification`. @default - any */
  readonly eventTypes?: string[];
  /** Levels. @default - any */
  readonly levels?: AlarmLevel[];
  /** Event names, such as `Instance:StateChange`. @default - any */
  readonly names?: string[];
  /** Keywords the event must contain (any of them). @default - none */
  readonly keywords?: string[];
  /** A SQL condition on the event. @default - none */
  readonly sqlFilter?: string;
}

/** Properties of a {@link CmsEventNotification}. */
export interface CmsEventNotificationProps {
  /** The events that are written. */
  readonly pattern: CmsEventPattern;
  /** Where they go: a queue or a topic of the account (in any region). */
  readonly destination: IChannel;
  /** The rule name. @default - generated from the stack name and the construct path */
  readonly ruleName?: string;
  /** A description of the rule. @default - none */
  readonly description?: string;
  /** Whether the rule is enabled. @default true */
  readonly enabled?: boolean;
  /** How long an alert is not repeated, at least 1 minute. @default - CloudMonitor's default */
  readonly silenceTime?: Duration;
}

/**
 * CloudMonitor rule names: the PutEventRule and PutResourceMetricRule references give no character rule (the console
 * takes Chinese names and spaces); control characters are refused, and the length cap is ours.
 */
const RULE_NAME = plainText(1, 128);
/** Event types, names and keywords in one event pattern: 1 to 50 (the PutEventRule reference). */
const MAX_PATTERN_LIST = 50;
const WORD: TextRule = { minLength: 1, maxLength: 128 };
const METRIC_WORD: TextRule = { minLength: 1, maxLength: 128, chars: /[A-Za-z0-9_.]/, charset: 'letters, digits, underscores and periods' };
const DESCRIPTION = plainText(0, 256, true);
/** Keywords and contact group names: any characters but control characters, spaces included. */
const TEXT = plainText(1, 128);
const SQL = plainText(1, 2048);

/**
 * Writes CloudMonitor events (system events of a product) to a queue or topic: an `ALIYUN::CMS::EventRule` (whose
 * resource gets this construct's id as its logical id) and its `ALIYUN::CMS::EventRuleTargets` (`<id>Targets`) with an
 * `MnsParameters` entry (`Id`, `Region`, and `Queue` or `Topic`: names, not ARNs).
 */
export class CmsEventNotification extends ros.Construct {
  /** The `ALIYUN::CMS::EventRule` resource. */
  public readonly rosRule: cms.RosEventRule;
  /** The `ALIYUN::CMS::EventRuleTargets` resource. */
  public readonly rosTargets: cms.RosEventRuleTargets;

  constructor(scope: ros.Construct, id: string, props: CmsEventNotificationProps) {
    super(scope, id);
    requireProps(this, props, '{ pattern, destination }');
    requireChannelOfAnyKind(this, 'destination', props.destination);
    const pattern = this.pattern(props.pattern);
    checkText(this, 'ruleName', props.ruleName, RULE_NAME);
    const silence = durationSeconds(this, 'silenceTime', props.silenceTime, { min: 60, max: 86400 * 7, unit: 'seconds' });
    checkText(this, 'description', props.description, DESCRIPTION);
    requireLiteral(this, 'enabled', props.enabled, 'true or false');
    checkBoolean(this, 'enabled', props.enabled);
    checkSameAccount(this, props.destination);
    const ruleName = props.ruleName ?? generatePhysicalNameFor(scope, id, { maxLength: 64 });
    if (!isUnresolved(ruleName)) {
      // event rule names are unique in the account (CloudMonitor is not regional): a second one replaces the first
      claimName(this, { kind: 'CloudMonitor event rule name', prop: 'ruleName', name: ruleName, location: { region: '-', account: stackLocation(this).account } });
    }
    infoOncePerStack(this, ROLE_NOTE);
    const stack = ros.Stack.of(this);
    this.rosRule = new cms.RosEventRule(this, claimLogicalId(this, id), {
      ruleName,
      eventType: 'SYSTEM',
      eventPattern: [pattern],
      description: props.description,
      silenceTime: silence,
      state: props.enabled === false ? 'DISABLED' : undefined,
    }, stack.enableResourcePropertyConstraint);
    const target = Identifiers.cmsEventTarget(props.destination.channelAddress);
    this.rosTargets = new cms.RosEventRuleTargets(this, claimLogicalId(this, derivedId(this, 'Targets')), {
      ruleName,
      mnsParameters: [{ identity: compositeId(['Smq'], [this.node.path]), region: target.region, queue: target.queue, topic: target.topic }],
    }, stack.enableResourcePropertyConstraint);
    // the targets name the rule by name only: create them after it
    this.rosTargets.addRosDependency(this.rosRule.node.id);
  }

  private pattern(pattern: CmsEventPattern): cms.RosEventRule.EventPatternProperty {
    if (pattern === undefined || pattern === null || typeof pattern !== 'object') {
      throw invalid(this, 'pattern', pattern, 'must be given: { product, ... }');
    }
    if (pattern.product === undefined || pattern.product === '') {
      throw invalid(this, 'pattern.product', pattern.product, 'is required: the product whose events match, such as "ECS"');
    }
    checkText(this, 'pattern.product', pattern.product, { minLength: 1, maxLength: 64, chars: /[A-Za-z0-9_-]/, charset: 'letters, digits, underscores and hyphens' });
    const words = (prop: string, list: string[] | undefined, rule = WORD): string[] | undefined => {
      if (list === undefined) {
        return undefined;
      }
      if (isUnresolved(list)) {
        return list;
      }
      if (!Array.isArray(list) || list.length === 0 || list.length > MAX_PATTERN_LIST) {
        throw invalid(this, `pattern.${prop}`, list, `must list 1 to ${MAX_PATTERN_LIST} values when given (leave it out for any)`);
      }
      list.forEach((w, i) => checkText(this, `pattern.${prop}[${i}]`, w, rule));
      return [...list];
    };
    const levels = pattern.levels === undefined || isUnresolved(pattern.levels) ? pattern.levels : checkLevels(this, 'pattern.levels', pattern.levels);
    checkText(this, 'pattern.sqlFilter', pattern.sqlFilter, SQL);
    const keywords = words('keywords', pattern.keywords, TEXT);
    return {
      product: pattern.product,
      eventTypeList: words('eventTypes', pattern.eventTypes),
      levelList: levels,
      nameList: words('names', pattern.names),
      keywordFilter: keywords && { keywords, relation: 'OR' },
      sqlFilter: pattern.sqlFilter,
    };
  }
}

/** How a metric value is compared with the threshold. */
export enum ComparisonOperator {
  /** Greater than or equal to the threshold. */
  GREATER_THAN_OR_EQUAL_TO_THRESHOLD = 'GreaterThanOrEqualToThreshold',
  /** Greater than the threshold. */
  GREATER_THAN_THRESHOLD = 'GreaterThanThreshold',
  /** Less than or equal to the threshold. */
  LESS_THAN_OR_EQUAL_TO_THRESHOLD = 'LessThanOrEqualToThreshold',
  /** Less than the threshold. */
  LESS_THAN_THRESHOLD = 'LessThanThreshold',
  /** Not equal to the threshold. */
  NOT_EQUAL_TO_THRESHOLD = 'NotEqualToThreshold',
}

/** Properties of a {@link MetricAlarm}. */
export interface MetricAlarmProps {
  /** The metric, such as `queue.metricNumberOfMessagesVisible()`. */
  readonly metric: ChannelMetric;
  /** The threshold the metric is compared with. */
  readonly threshold: number;
  /** How the metric is compared with the threshold. @default ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  readonly comparisonOperator?: ComparisonOperator;
  /** How many periods in a row must meet the condition, 1 to 100. @default 3 */
  readonly evaluationPeriods?: number;
  /** The level of the alert. @default AlarmLevel.CRITICAL */
  readonly level?: AlarmLevel;
  /** The CloudMonitor contact groups that are told (ROS requires at least one). */
  readonly contactGroups: string[];
  /** The rule name. @default - generated from the stack name and the construct path */
  readonly ruleName?: string;
  /** How long an alert is not repeated, at least 1 minute. @default - CloudMonitor's default (1 day) */
  readonly silenceTime?: Duration;
}

/**
 * An alarm on a queue's or topic's CloudMonitor metric (`ALIYUN::CMS::ResourceMetricRule`, whose resource gets this
 * construct's id as its logical id), as AWS CDK users make one from `queue.metricApproximateNumberOfMessagesVisible()`.
 * `notify(channel)` writes its alerts to a queue or topic.
 */
export class MetricAlarm extends ros.Construct implements IMetricRule {
  /** The `ALIYUN::CMS::ResourceMetricRule` resource. */
  public readonly rosRule: cms.RosResourceMetricRule;
  /** The level of the alerts the alarm raises. */
  public readonly level: AlarmLevel;

  constructor(scope: ros.Construct, id: string, props: MetricAlarmProps) {
    super(scope, id);
    requireProps(this, props, '{ metric, threshold, contactGroups }');
    const metric = props.metric;
    if (metric === undefined || metric === null || typeof metric.metricName !== 'string' || typeof metric.namespace !== 'string'
      || typeof metric.dimensions !== 'object' || metric.dimensions === null) {
      throw invalid(this, 'metric', metric, 'must be a channel metric, such as queue.metricNumberOfMessagesVisible()');
    }
    // a metric is plain data a caller could write by hand: its parts are checked as queue.metric() checks them
    checkText(this, 'metric.namespace', metric.namespace, METRIC_WORD);
    checkText(this, 'metric.metricName', metric.metricName, METRIC_WORD);
    checkOneOf(this, 'metric.statistic', metric.statistic, Object.values(Statistic));
    if (metric.periodSeconds !== undefined) {
      checkRange(this, 'metric.periodSeconds', metric.periodSeconds, 60, 86400, 'seconds');
    }
    // a rule watches resources of its own account; the metric's userId dimension names the channel's
    if (typeof metric.dimensions.userId === 'string') {
      checkSameLocation(this, {
        prop: 'metric',
        subject: { region: '-', account: metric.dimensions.userId },
        subjectName: "the metric's channel",
        expected: stackLocation(this),
        expectedName: 'the stack',
        reason: 'a CloudMonitor rule watches resources of its own account',
        fields: ['account'],
      });
    }
    if (typeof props.threshold !== 'number' || (!isUnresolved(props.threshold) && !Number.isFinite(props.threshold))) {
      throw invalid(this, 'threshold', props.threshold, 'must be a finite number');
    }
    checkOneOf(this, 'comparisonOperator', props.comparisonOperator, Object.values(ComparisonOperator));
    requireLiteral(this, 'level', props.level, 'AlarmLevel');
    checkOneOf(this, 'level', props.level, ALL_LEVELS);
    checkRange(this, 'evaluationPeriods', props.evaluationPeriods, 1, 100);
    if (!Array.isArray(props.contactGroups) || props.contactGroups.length === 0) {
      throw invalid(this, 'contactGroups', props.contactGroups, 'must name at least one CloudMonitor contact group (ROS requires one)');
    }
    props.contactGroups.forEach((g, i) => {
      checkText(this, `contactGroups[${i}]`, g, TEXT);
      if (!isUnresolved(g) && props.contactGroups.indexOf(g) !== i) {
        throw invalid(this, `contactGroups[${i}]`, g, `must differ from contactGroups[${props.contactGroups.indexOf(g)}]: name each group once`);
      }
    });
    checkText(this, 'ruleName', props.ruleName, RULE_NAME);
    const silence = durationSeconds(this, 'silenceTime', props.silenceTime, { min: 60, max: 86400 * 7, unit: 'seconds' });
    const condition = {
      comparisonOperator: props.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      statistics: metric.statistic,
      threshold: isUnresolved(props.threshold) ? ros.Token.asString(props.threshold) : String(props.threshold),
      times: props.evaluationPeriods ?? 3,
    };
    const level = props.level ?? AlarmLevel.CRITICAL;
    this.level = level;
    this.rosRule = new cms.RosResourceMetricRule(this, claimLogicalId(this, id), {
      ruleName: props.ruleName ?? generatePhysicalNameFor(scope, id, { maxLength: 64 }),
      namespace: metric.namespace,
      metricName: metric.metricName,
      resources: [{ ...metric.dimensions }],
      period: metric.periodSeconds,
      contactGroups: [...props.contactGroups],
      silenceTime: silence,
      escalations: level === AlarmLevel.CRITICAL ? { critical: condition } : level === AlarmLevel.WARN ? { warn: condition } : { info: condition },
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
  }

  /** The id of the alarm's rule (`Fn::GetAtt [<id>, RuleId]`). */
  public get attrRuleId(): ros.IResolvable {
    return this.rosRule.attrRuleId;
  }

  /**
   * Writes this alarm's alerts to a queue or topic (an `AlarmNotification` named `Notify<channel><hash>`).
   *
   * @param destination the queue or topic
   * @param levels the levels written @default - all
   */
  public notify(destination: IChannel, levels?: AlarmLevel[]): AlarmNotification {
    requireChannelOfAnyKind(this, 'notify(destination)', destination);
    // the hash covers both paths: two alarms may notify one channel, and one alarm several channels of one id
    const id = compositeId(['Notify', destination.node.id], [this.node.path, destination.node.path]);
    if (this.node.tryFindChild(id) !== undefined) {
      throw invalid(this, 'notify(destination)', destination.node.path, 'must be a channel this alarm does not notify yet: it would get every alert twice');
    }
    const written = checkLevels(this, 'notify(levels)', levels);
    if (!written.includes(this.level)) {
      throw invalid(this, 'notify(levels)', written, `must include the alarm's level (${this.level}): the alarm raises no other, so nothing would be written`);
    }
    return new AlarmNotification(this, id, { rule: this, destination, levels });
  }
}

/** Checks a list of levels and returns it (all when undefined). */
function checkLevels(scope: ros.IConstruct, prop: string, levels: AlarmLevel[] | undefined): AlarmLevel[] {
  if (levels === undefined) {
    return ALL_LEVELS;
  }
  if (!Array.isArray(levels) || levels.length === 0) {
    throw invalid(scope, prop, levels, 'must name at least one level (leave it out for all)');
  }
  levels.forEach((level, i) => {
    if (level === undefined || level === null) {
      throw invalid(scope, `${prop}[${i}]`, level, `must be one of ${ALL_LEVELS.map((l) => `"${l}"`).join(', ')}`);
    }
    checkOneOf(scope, `${prop}[${i}]`, level, ALL_LEVELS);
  });
  return [...new Set(levels)];
}

/** CloudMonitor writes with the account's own role: the channel must be in the stack's account (any region). */
function checkSameAccount(scope: ros.IConstruct, destination: IChannel): void {
  checkSameLocation(scope, {
    prop: 'destination',
    subject: locationOf(destination),
    subjectName: channelDisplay(destination),
    expected: stackLocation(scope),
    expectedName: 'the stack',
    reason: 'CloudMonitor writes with the account\'s own AliyunCloudMonitorDefaultRole',
    fields: ['account'],
  });
}

/** Whether `value` is a token object (`ros.IResolvable`). */
function isResolvable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as ros.IResolvable).resolve === 'function';
}

/** An ARN for an error message: its literal pieces, `<token>` for the rest. */
function shownArn(scope: ros.IConstruct, arn: string): string {
  return literalText(fragmentsOf(scope, arn), '<token>');
}
