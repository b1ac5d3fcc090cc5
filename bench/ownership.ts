/**
 * Who owns each resource of a channel: the one place that decides what the bare side builds, and how.
 *
 * - **The user's own constructs** ({@link USER_CONSTRUCTS}): what an app builds itself with upstream classes
 *   (`ram.Role`, `oss.Bucket`, `fc3.Function`) and hands to ros-cdk-smq, and its scaling group, which it builds with
 *   this library's own L1 `ess.RosScalingGroup` (no upstream ros-cdk package has `ALIYUN::ESS::ScalingGroup`). Both
 *   sides build them with the same code, from this module, so their cost (ros-cdk-ram's, ros-cdk-oss's and
 *   ros-cdk-fc3's included, and lib/ros/ess.ts's for the group) is on both sides and not counted as ours.
 * - **What ros-cdk-smq emits** ({@link LIBRARY}, {@link LIBRARY_TYPES}): queues, topics, subscriptions, the managed
 *   policies its grants make, SMQ event notification rules, EventBridge rules, CloudMonitor metric rules and targets,
 *   FC 3.0 topic triggers with the RAM role each makes, and Auto Scaling lifecycle hooks. Ours builds them with the
 *   library; the bare side writes each as one L1 call, with the properties read from ours' template: the upstream L1
 *   class where this library itself builds on one that a hand-written app would call (`eventbridge.RosRule`,
 *   `cms.RosResourceMetricRule`, `cms.RosMetricRuleTargets`, `fc3.RosTrigger`, and `ram.RosRole` for the trigger's
 *   role, which the library makes with the `ram.Role` L2 around it), else a bare `ros.RosResource` (the MNS types
 *   and `ALIYUN::ESS::LifecycleHook`, for which no upstream L1 package exists or is installed, and the RAM managed
 *   policy, written bare since the first version of the benchmark).
 *
 * Any other resource in ours' templates is an error ({@link classify} throws): a new wiring that brings a resource
 * of its own must say here whose it is.
 *
 * This module loads ros-cdk-core and the upstream packages the user's constructs and the L1s come from, and of this
 * library only lib/ros/ess.ts (the module that `ess` of '../lib' is: the user's `ess.RosScalingGroup`), with the
 * validation and rendering helpers it imports, never its constructs: the bare child loads it.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as cms from '@alicloud/ros-cdk-cms';
import * as eventbridge from '@alicloud/ros-cdk-eventbridge';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as oss from '@alicloud/ros-cdk-oss';
import * as ram from '@alicloud/ros-cdk-ram';
// `ess` of '../lib' (lib/index.ts: `export * as ess from './ros/ess'`), the same module and classes, without loading
// the rest of the library into the bare child
import * as ess from '../lib/ros/ess';

/** A construct the user builds with its upstream class, one per channel, emitting one resource. */
export interface UserConstruct<T extends ros.IConstruct = ros.IConstruct> {
  /** Its class, for messages. */
  readonly name: string;
  /** The ROS type of the one resource it emits. */
  readonly type: string;
  /** Its construct id in channel `index`, which is also its resource's logical id. */
  readonly logicalId: (index: number) => string;
  /** The channel whose construct has this logical id, or `undefined` when no channel's has. */
  readonly channelOf: (logicalId: string) => number | undefined;
  /** Builds it for channel `index` in `stack`, with its upstream class: the same call on both sides. */
  readonly create: (stack: ros.Stack, index: number) => T;
}

/** `channelOf` for logical ids `{prefix}{i}`. */
function channelOf(prefix: string): (logicalId: string) => number | undefined {
  const pattern = new RegExp(`^${prefix}(0|[1-9]\\d*)$`);
  return (logicalId) => {
    const m = pattern.exec(logicalId);
    return m ? Number(m[1]) : undefined;
  };
}

/** The RAM role of an ECS application that uses channel `i`: `R{i}`, a `ram.Role` named `bench-r{i}`. */
export const ROLE: UserConstruct<ram.Role> = {
  name: 'ram.Role',
  type: 'ALIYUN::RAM::Role',
  logicalId: (index) => `R${index}`,
  channelOf: channelOf('R'),
  create: (stack, index) => new ram.Role(stack, ROLE.logicalId(index), {
    roleName: `bench-r${index}`,
    assumeRolePolicyDocument: {
      version: '1',
      statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['ecs.aliyuncs.com'] } }],
    },
  }),
};

/**
 * The OSS bucket whose uploads channel `i` carries: `B{i}`, an `oss.Bucket` named `ros-cdk-smq-bench-b{i}` with the
 * L2's defaults (private, LRS).
 */
export const BUCKET: UserConstruct<oss.Bucket> = {
  name: 'oss.Bucket',
  type: 'ALIYUN::OSS::Bucket',
  logicalId: (index) => `B${index}`,
  channelOf: channelOf('B'),
  create: (stack, index) => new oss.Bucket(stack, BUCKET.logicalId(index), { bucketName: `ros-cdk-smq-bench-b${index}` }),
};

/**
 * The FC 3.0 function that channel `i`'s topic triggers: `F{i}`, an `fc3.Function` named `bench-f{i}` (Node.js 20,
 * inline source, the L2's defaults otherwise).
 */
export const FUNCTION: UserConstruct<fc3.Function> = {
  name: 'fc3.Function',
  type: 'ALIYUN::FC3::Function',
  logicalId: (index) => `F${index}`,
  channelOf: channelOf('F'),
  create: (stack, index) => new fc3.Function(stack, FUNCTION.logicalId(index), {
    functionName: `bench-f${index}`,
    runtime: 'nodejs20',
    handler: 'index.handler',
    code: { sourceCode: 'exports.handler = async (event) => event;' },
  }),
};

/** The vSwitch every channel's scaling group launches into (a literal: the app's one VPC, made elsewhere). */
export const GROUP_VSWITCH_ID = 'vsw-ros-cdk-smq-bench';

/**
 * The scaling group whose scale-ins channel `i`'s queue hears of: `G{i}`, an `ess.RosScalingGroup` (this library's own
 * L1 of `ALIYUN::ESS::ScalingGroup`, which no upstream ros-cdk package has: a user calls it as an L1, with the stack's
 * property constraint flag) of 0 to 1 instances in {@link GROUP_VSWITCH_ID}, with no notification configurations.
 */
export const GROUP: UserConstruct<ess.RosScalingGroup> = {
  name: 'ess.RosScalingGroup',
  type: ess.RosScalingGroup.ROS_RESOURCE_TYPE_NAME,
  logicalId: (index) => `G${index}`,
  channelOf: channelOf('G'),
  create: (stack, index) => new ess.RosScalingGroup(stack, GROUP.logicalId(index), {
    minSize: 0,
    maxSize: 1,
    vSwitchIds: [GROUP_VSWITCH_ID],
  }, stack.enableResourcePropertyConstraint),
};

/**
 * The user's own constructs a channel may contain. Built on both sides by the same code: with their upstream classes,
 * and the scaling group with this library's `ess.RosScalingGroup`.
 */
export const USER_CONSTRUCTS: readonly UserConstruct[] = [ROLE, BUCKET, FUNCTION, GROUP];

/** A resource's `Properties` in a template (values may be intrinsic functions: `{ "Fn::GetAtt": [...] }`, ...). */
export type TemplateProperties = { readonly [key: string]: any };

/** An upstream L1 class: `new (scope, logicalId, props, enableResourcePropertyConstraint)`. */
export type L1Class = new (scope: ros.Construct, id: string, props: any, enableResourcePropertyConstraint: boolean) => ros.RosResource;

/** How the bare side writes one ROS type that ros-cdk-smq emits. */
export interface LibraryType {
  /** The ROS type. */
  readonly type: string;
  /**
   * The logical ids of this type that are ros-cdk-smq's, for a type a user's construct has too (`ALIYUN::RAM::Role`):
   * so a role that is neither the user's `R{i}` nor one the library makes still fails the run. @default - every
   * resource of the type
   */
  readonly logicalIds?: RegExp;
  /**
   * The upstream L1 the bare side calls, as a hand-written app calls it:
   * `new l1.class(stack, logicalId, l1.props(Properties), stack.enableResourcePropertyConstraint)` (the same
   * constraint flag as this library passes it, so both sides pay the same property validation). Absent: a bare
   * `new ros.RosResource(stack, logicalId, { type, properties: Properties })`.
   */
  readonly l1?: {
    /** `module.Class`, for RESULTS.md and messages. */
    readonly name: string;
    readonly class: L1Class;
    /**
     * The L1's props from the template's `Properties`, written out field by field as a hand-written call names them.
     * Intrinsic functions stay as the template has them (the L1s' validators and renderers pass them through), as the
     * bare `ros.RosResource`s keep them. Throws for a property it does not know, so a change in what this library
     * emits fails here rather than as a template difference.
     */
    readonly props: (properties: TemplateProperties, where: string) => object;
  };
}

/** The keys of `value` (an object, unless it is an intrinsic function or absent), checked against `known`. */
function fields<T extends TemplateProperties | undefined>(value: T, known: readonly string[], where: string): T {
  if (value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value) && !isIntrinsic(value)) {
    const unknown = Object.keys(value).filter((k) => !known.includes(k));
    if (unknown.length > 0) {
      throw new Error(`bench: ${where} has ${unknown.join(', ')}, which bench/ownership.ts does not write; add it there`);
    }
  }
  return value;
}

function isIntrinsic(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** `list.map(f)`, unless `list` is absent or an intrinsic function. */
function each<T>(list: any, f: (item: any, i: number) => T): T[] | undefined {
  return Array.isArray(list) ? list.map(f) : list;
}

/** `ALIYUN::EventBridge::Rule` as `eventbridge.RosRule` props (the OSS notifications on the EventBridge path). */
function eventRuleProps(p: TemplateProperties, where: string): eventbridge.RosRuleProps {
  fields(p, ['EventBusName', 'FilterPattern', 'RuleName', 'Targets', 'Description', 'Status'], where);
  return {
    eventBusName: p.EventBusName,
    filterPattern: p.FilterPattern,
    ruleName: p.RuleName,
    targets: each(p.Targets, (t, i) => {
      const at = `${where}.Targets[${i}]`;
      fields(t, ['Id', 'Type', 'Endpoint', 'ParamList', 'PushRetryStrategy', 'ErrorsTolerance', 'DeadLetterQueue', 'ConcurrentConfig'], at);
      return {
        identity: t.Id,
        type: t.Type,
        endpoint: t.Endpoint,
        paramList: each(t.ParamList, (param, j) => {
          fields(param, ['ResourceKey', 'Form', 'Value', 'Template'], `${at}.ParamList[${j}]`);
          return { resourceKey: param.ResourceKey, form: param.Form, value: param.Value, template: param.Template };
        })!,
        pushRetryStrategy: t.PushRetryStrategy,
        errorsTolerance: t.ErrorsTolerance,
        deadLetterQueue: fields(t.DeadLetterQueue, ['Arn'], `${at}.DeadLetterQueue`) && { arn: t.DeadLetterQueue.Arn },
        concurrentConfig: fields(t.ConcurrentConfig, ['Concurrency'], `${at}.ConcurrentConfig`) && { concurrency: t.ConcurrentConfig.Concurrency },
      };
    })!,
    description: p.Description,
    status: p.Status,
  };
}

/** `ALIYUN::CMS::ResourceMetricRule` as `cms.RosResourceMetricRule` props (`sources.MetricAlarm`). */
function metricRuleProps(p: TemplateProperties, where: string): cms.RosResourceMetricRuleProps {
  fields(p, ['RuleName', 'Namespace', 'MetricName', 'Resources', 'Period', 'ContactGroups', 'SilenceTime', 'Escalations'], where);
  const condition = (c: TemplateProperties | undefined, at: string): cms.RosResourceMetricRule.CriticalProperty | undefined =>
    fields(c, ['ComparisonOperator', 'Statistics', 'Threshold', 'Times'], at)
    && { comparisonOperator: c!.ComparisonOperator, statistics: c!.Statistics, threshold: c!.Threshold, times: c!.Times };
  const escalations = fields(p.Escalations, ['Critical', 'Warn', 'Info'], `${where}.Escalations`);
  return {
    ruleName: p.RuleName,
    namespace: p.Namespace,
    metricName: p.MetricName,
    // each entry is a map of dimensions, rendered with its keys as they are
    resources: p.Resources,
    period: p.Period,
    contactGroups: p.ContactGroups,
    silenceTime: p.SilenceTime,
    escalations: escalations && {
      critical: condition(escalations.Critical, `${where}.Escalations.Critical`),
      warn: condition(escalations.Warn, `${where}.Escalations.Warn`),
      info: condition(escalations.Info, `${where}.Escalations.Info`),
    },
  };
}

/** `ALIYUN::CMS::MetricRuleTargets` as `cms.RosMetricRuleTargets` props (`sources.AlarmNotification`). */
function metricTargetsProps(p: TemplateProperties, where: string): cms.RosMetricRuleTargetsProps {
  fields(p, ['RuleId', 'Targets'], where);
  return {
    ruleId: p.RuleId,
    targets: each(p.Targets, (t, i) => {
      fields(t, ['Id', 'Arn', 'Level'], `${where}.Targets[${i}]`);
      return { identity: t.Id, arn: t.Arn, level: t.Level };
    })!,
  };
}

/** `ALIYUN::FC3::Trigger` as `fc3.RosTrigger` props (`consumers.TopicTrigger` with `TriggerFunction.fc3`). */
function fc3TriggerProps(p: TemplateProperties, where: string): fc3.RosTriggerProps {
  fields(p, ['FunctionName', 'TriggerConfig', 'TriggerName', 'TriggerType', 'Description', 'InvocationRole', 'Qualifier', 'SourceArn'], where);
  return {
    functionName: p.FunctionName,
    // a map: rendered with its keys as they are
    triggerConfig: p.TriggerConfig,
    triggerName: p.TriggerName,
    triggerType: p.TriggerType,
    description: p.Description,
    invocationRole: p.InvocationRole,
    qualifier: p.Qualifier,
    sourceArn: p.SourceArn,
  };
}

/**
 * `ALIYUN::RAM::Role` as `ram.RosRole` props: the role a `consumers.TopicTrigger` makes for SMQ to invoke the function
 * (the library makes it with `ram.Role`, which sets `IgnoreExisting` and `DeletionForce` to false; here they are read
 * from the template like every other property). The trust policy's `Condition` is not written out: the library sets
 * none.
 */
function roleProps(p: TemplateProperties, where: string): ram.RosRoleProps {
  fields(p, ['AssumeRolePolicyDocument', 'RoleName', 'DeletionForce', 'Description', 'IgnoreExisting', 'MaxSessionDuration', 'Policies',
    'PolicyAttachments', 'Tags'], where);
  const trust = fields(p.AssumeRolePolicyDocument, ['Version', 'Statement'], `${where}.AssumeRolePolicyDocument`);
  return {
    assumeRolePolicyDocument: trust && {
      version: trust.Version,
      statement: each(trust.Statement, (st, i) => {
        const at = `${where}.AssumeRolePolicyDocument.Statement[${i}]`;
        fields(st, ['Action', 'Effect', 'Principal'], at);
        const principal = fields(st.Principal, ['Service', 'Federated', 'RAM'], `${at}.Principal`);
        return {
          action: st.Action,
          effect: st.Effect,
          principal: principal && { service: principal.Service, federated: principal.Federated, ram: principal.RAM },
        };
      })!,
    },
    roleName: p.RoleName,
    deletionForce: p.DeletionForce,
    description: p.Description,
    ignoreExisting: p.IgnoreExisting,
    maxSessionDuration: p.MaxSessionDuration,
    policies: each(p.Policies, (policy, i) => {
      const at = `${where}.Policies[${i}]`;
      fields(policy, ['PolicyName', 'PolicyDocument', 'Description', 'IgnoreExisting'], at);
      const document = fields(policy.PolicyDocument, ['Version', 'Statement'], `${at}.PolicyDocument`);
      return {
        policyName: policy.PolicyName,
        policyDocument: document && {
          version: document.Version,
          statement: each(document.Statement, (st, j) => {
            fields(st, ['Effect', 'Action', 'Resource', 'Condition'], `${at}.PolicyDocument.Statement[${j}]`);
            // Condition is a map of operators: rendered with its keys as they are
            return { effect: st.Effect, action: st.Action, resource: st.Resource, condition: st.Condition };
          })!,
        },
        description: policy.Description,
        ignoreExisting: policy.IgnoreExisting,
      };
    }),
    policyAttachments: fields(p.PolicyAttachments, ['Custom', 'System'], `${where}.PolicyAttachments`)
      && { custom: p.PolicyAttachments.Custom, system: p.PolicyAttachments.System },
    tags: each(p.Tags, (t, i) => {
      fields(t, ['Key', 'Value'], `${where}.Tags[${i}]`);
      return { key: t.Key, value: t.Value };
    }),
  };
}

/**
 * The ROS types ros-cdk-smq emits in a channel, and how the bare side writes each (see {@link LibraryType}): the only
 * resources it writes as L1s.
 */
export const LIBRARY: readonly LibraryType[] = [
  { type: 'ALIYUN::MNS::Queue' },
  { type: 'ALIYUN::MNS::Topic' },
  { type: 'ALIYUN::MNS::Subscription' },
  // the policies the library's grants make
  { type: 'ALIYUN::RAM::ManagedPolicy' },
  // sources.OssEventNotification on the SMQ path (the library's own RosEventNotification L1)
  { type: 'ALIYUN::MNS::EventNotification' },
  // sources.OssEventNotification on the EventBridge path
  { type: 'ALIYUN::EventBridge::Rule', l1: { name: 'eventbridge.RosRule', class: eventbridge.RosRule, props: eventRuleProps } },
  // sources.MetricAlarm and its notify(): sources.AlarmNotification
  { type: 'ALIYUN::CMS::ResourceMetricRule', l1: { name: 'cms.RosResourceMetricRule', class: cms.RosResourceMetricRule, props: metricRuleProps } },
  { type: 'ALIYUN::CMS::MetricRuleTargets', l1: { name: 'cms.RosMetricRuleTargets', class: cms.RosMetricRuleTargets, props: metricTargetsProps } },
  // consumers.TopicTrigger of an FC 3.0 function: the trigger, and the role it makes for SMQ to assume (`<id>Role`; the
  // user's own R{i} is matched first, as a user construct)
  { type: 'ALIYUN::FC3::Trigger', l1: { name: 'fc3.RosTrigger', class: fc3.RosTrigger, props: fc3TriggerProps } },
  { type: 'ALIYUN::RAM::Role', logicalIds: /^F(0|[1-9]\d*)TriggerRole$/, l1: { name: 'ram.RosRole', class: ram.RosRole, props: roleProps } },
  // sources.LifecycleHook (the library's own RosLifecycleHook L1; no upstream ros-cdk package has the type)
  { type: 'ALIYUN::ESS::LifecycleHook' },
];

/** The ROS types of {@link LIBRARY}. */
export const LIBRARY_TYPES: readonly string[] = LIBRARY.map((t) => t.type);

/** Whose a resource of ours' templates is. */
export type Owner =
  | { readonly owner: 'user'; readonly construct: UserConstruct; readonly channel: number }
  | { readonly owner: 'library'; readonly writer: LibraryType };

/**
 * Whose the resource `logicalId` of type `type` is: a user's own construct (matched by type and logical id) or
 * ros-cdk-smq's (by type, and by logical id where {@link LibraryType.logicalIds} says). Throws for anything else.
 */
export function classify(logicalId: string, type: string): Owner {
  for (const construct of USER_CONSTRUCTS) {
    const channel = construct.type === type ? construct.channelOf(logicalId) : undefined;
    if (channel !== undefined) {
      return { owner: 'user', construct, channel };
    }
  }
  const writer = LIBRARY.find((t) => t.type === type && (t.logicalIds === undefined || t.logicalIds.test(logicalId)));
  if (writer !== undefined) {
    return { owner: 'library', writer };
  }
  throw new Error(`bench: resource ${logicalId} (${type}) is neither one of the user's own constructs `
    + `(${USER_CONSTRUCTS.map((c) => `${c.name} ${c.type}`).join(', ')}) nor of a type ros-cdk-smq emits (${LIBRARY.map((t) => (t.logicalIds ? `${t.type} ${t.logicalIds.source}` : t.type)).join(', ')}); `
    + 'say whose it is in bench/ownership.ts');
}
