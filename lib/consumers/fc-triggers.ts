/**
 * Function Compute functions invoked by SMQ: a topic trigger (`mns_topic`: SMQ pushes each message published to the
 * topic to the function) and a queue trigger (`eventbridge` with event source `MNS`: an EventBridge event stream that
 * Function Compute manages reads the queue and invokes the function), for FC 3.0 (`ALIYUN::FC3::Trigger`, through
 * `@alicloud/ros-cdk-fc3`) and FC 2.0 (`ALIYUN::FC::Trigger`, through `@alicloud/ros-cdk-fc`) alike.
 *
 * Where each trigger config key comes from:
 * - FC 3.0 topic trigger: camelCase `filterTag`, `notifyContentFormat`, `notifyStrategy`
 *   (https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-struct-mnstopictriggerconfig).
 * - FC 2.0 topic trigger: PascalCase `FilterTag`, `NotifyContentFormat`, `NotifyStrategy`, the last two required, as
 *   the ROS reference of the type writes them (https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-fc-trigger).
 * - Queue trigger: the nesting and casing of Alibaba's own template
 *   `documents/solution/internet-application-development/video-website-solution.yml` (aliyun/ros-templates):
 *   camelCase outside, `sourceMNSParameters` with PascalCase `RegionId`, `QueueName`, `IsBase64Decode`; the FC 3.0 API
 *   structs (https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-struct-runoptions
 *   and the RetryStrategy, DeadLetterQueue and BatchWindow structs) for `retryStrategy.PushRetryStrategy`,
 *   `deadLetterQueue.Arn` and `batchWindow.CountBasedWindow` / `TimeBasedWindow`.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as ram from '@alicloud/ros-cdk-ram';
import { ErrorsTolerance, RetryStrategy } from '../core/delivery';
import { Duration, durationSeconds } from '../core/duration';
import { checkPattern, copyPattern } from '../core/event-pattern';
import { Grant, policyPlacement } from '../core/grants';
import { claimLogicalId, derivedId } from '../core/ids';
import { checkSameLocation, describeLocationValue, Location, relate, Relation } from '../core/location';
import { claimName, generatePhysicalName, generatePhysicalNameFor, identityOf, withLiteralNames } from '../core/names';
import { AppState, QueueReaderClaim, stackAccount, stackRegion, warnOnce, warnOncePerStack } from '../core/state';
import { checkText, TextRule } from '../core/text';
import { checkBoolean, checkOneOf, checkRange, describeValue, invalid, isUnresolved, requireLiteral, requireProps } from '../core/validation';
import { checkServiceTrust } from '../core/trust';
import { FILTER_TAG } from '../ros/mns-rules';
import { channelDisplay, channelEnvironment, ChannelImportOptions, locationOf, requireChannel, stackLocation } from '../smq/channel';
import { ChannelKind, Identifiers } from '../smq/identifiers';
import type { IQueue } from '../smq/queue-base';
import { NotifyStrategy } from '../smq/subscription';
import type { ITopic } from '../smq/topic-base';
import { describeConstruct, isConstruct, literalString, truncate, withoutUndefined } from '../core/util';

/** The Function Compute generation of a {@link TriggerFunction}. */
export enum FunctionGeneration {
  /** Function Compute 3.0: functions without services, `ALIYUN::FC3::Trigger`. */
  FC3 = 'FC 3.0',
  /** Function Compute 2.0: functions in services, `ALIYUN::FC::Trigger`. */
  FC2 = 'FC 2.0',
}

/** Where a function that this app does not make lives. */
export interface TriggerFunctionImportOptions extends ChannelImportOptions {}

/** What a trigger needs to know of its function. */
interface BoundFunction {
  readonly generation: FunctionGeneration;
  /** The trigger's `FunctionName`: the function's name attribute (the trigger then waits for the function) or its name. */
  readonly functionName: string;
  /** FC 2.0: the trigger's `ServiceName`. */
  readonly serviceName?: string;
  /** The function's region and account. */
  readonly location: Location;
  /** The function, for messages. */
  readonly display: string;
  /** Equal for two handles of one function in the app. */
  readonly identity: string;
  /** The RAM resources `fc:InvokeFunction` on this function is authorized on. */
  readonly invokeArns: string[];
  /** True when the function's names in `invokeArns` are literals (no reference to the function's resource). */
  readonly literalNames: boolean;
}

/** A construct with the attributes an FC function L2 has. */
interface FunctionLike extends ros.IConstruct {
  readonly attrFunctionName: ros.IResolvable | string;
  readonly attrServiceName?: ros.IResolvable | string;
  readonly props?: { readonly functionName?: unknown; readonly serviceName?: unknown };
}

interface ServiceLike extends ros.IConstruct {
  readonly attrServiceName: ros.IResolvable | string;
  readonly props?: { readonly serviceName?: unknown };
}

/**
 * FC 3.0 function names: letters, digits, underscores and hyphens, not starting with a digit or hyphen, 1 to 128
 * characters (https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-createfunction).
 */
const FC3_FUNCTION_NAME: TextRule = { minLength: 1, maxLength: 128, chars: /[A-Za-z0-9_-]/, first: /[A-Za-z_]/, charset: 'letters, digits, underscores and hyphens, and start with a letter or underscore' };
/**
 * FC 2.0 function names: as FC 3.0's, at most 64 characters; service names at most 128
 * (https://www.alibabacloud.com/help/en/functioncompute/fc-2-0/developer-reference/api-fc-open-2021-04-06-createfunction).
 */
const FC2_FUNCTION_NAME: TextRule = { ...FC3_FUNCTION_NAME, maxLength: 64 };
const FC2_SERVICE_NAME: TextRule = { ...FC3_FUNCTION_NAME, maxLength: 128 };

/**
 * The function a trigger invokes, FC 3.0 or FC 2.0: `TriggerFunction.fc3(fn)`, `TriggerFunction.fc2(service, fn)`, or
 * a function this app does not make, by name. One type for both generations, so a trigger takes either.
 */
export class TriggerFunction {
  /** An FC 3.0 function (`fc3.Function` of `@alicloud/ros-cdk-fc3`). */
  public static fc3(fn: fc3.IFunction): TriggerFunction {
    return new TriggerFunction(FunctionGeneration.FC3, fn as unknown as FunctionLike, undefined);
  }

  /**
   * An FC 2.0 function (`fc.Function` of `@alicloud/ros-cdk-fc`) and the service it belongs to: FC 2.0 triggers name
   * both.
   */
  public static fc2(service: fc.IService, fn: fc.IFunction): TriggerFunction {
    return new TriggerFunction(FunctionGeneration.FC2, fn as unknown as FunctionLike, service as unknown as ServiceLike);
  }

  /** An FC 3.0 function this app does not make, by name. */
  public static fc3FromName(functionName: string, options: TriggerFunctionImportOptions = {}): TriggerFunction {
    return new TriggerFunction(FunctionGeneration.FC3, undefined, undefined, { functionName, options: copyOptions(options) });
  }

  /** An FC 2.0 function this app does not make, by its service's name and its own. */
  public static fc2FromName(serviceName: string, functionName: string, options: TriggerFunctionImportOptions = {}): TriggerFunction {
    return new TriggerFunction(FunctionGeneration.FC2, undefined, undefined, { functionName, serviceName, options: copyOptions(options) });
  }

  /** The Function Compute generation: which ROS trigger type is made and how its config is written. */
  public readonly generation: FunctionGeneration;

  private constructor(
    generation: FunctionGeneration,
    private readonly fn: FunctionLike | undefined,
    private readonly service: ServiceLike | undefined,
    private readonly imported?: { functionName: string; serviceName?: string; options: TriggerFunctionImportOptions },
  ) {
    this.generation = generation;
  }

  /**
   * What the trigger in `scope` needs; checks the function and its service.
   *
   * @internal
   */
  public _bind(scope: ros.IConstruct, prop: string): BoundFunction {
    return this.imported ? this.bindImported(scope, prop, this.imported) : this.bindOwned(scope, prop);
  }

  private bindOwned(scope: ros.IConstruct, prop: string): BoundFunction {
    const fn = this.fn;
    const fc2 = this.generation === FunctionGeneration.FC2;
    const factory = fc2 ? 'TriggerFunction.fc2(service, fn)' : 'TriggerFunction.fc3(fn)';
    if (!isConstruct(fn) || fn.attrFunctionName === undefined) {
      throw invalid(scope, `${prop} (${factory})`, fn, `must be given an ${this.generation} function (${fc2 ? 'fc.Function of @alicloud/ros-cdk-fc' : 'fc3.Function of @alicloud/ros-cdk-fc3'})`);
    }
    const isFc2Function = fn.attrServiceName !== undefined;
    if (isFc2Function !== fc2) {
      throw invalid(scope, `${prop} (${factory})`, fn.node.path, isFc2Function
        ? 'is an FC 2.0 function (it has a service): use TriggerFunction.fc2(service, fn)'
        : 'is an FC 3.0 function (it has no service): use TriggerFunction.fc3(fn)');
    }
    const location = { region: stackRegion(fn), account: stackAccount(fn) };
    const literalName = literalString(fn.props?.functionName);
    const display = `${this.generation} function '${fn.node.path}'`;
    if (!fc2) {
      const name = literalName ?? ros.Token.asString(fn.attrFunctionName);
      return {
        generation: this.generation,
        functionName: ros.Token.asString(fn.attrFunctionName),
        location,
        display,
        identity: functionIdentity(scope, this.generation, location, undefined, literalName ?? fn.node.path),
        invokeArns: invokeArns(this.generation, location, name),
        literalNames: literalName !== undefined,
      };
    }
    const service = this.service;
    if (!isConstruct(service) || service.attrServiceName === undefined) {
      throw invalid(scope, `${prop} (${factory})`, service === undefined || service === null ? service : describeConstruct(service),
        `must name the service of ${display} (fc.Service of @alicloud/ros-cdk-fc): an FC 2.0 trigger names both`);
    }
    const serviceLiteral = literalString(service.props?.serviceName);
    const fnServiceLiteral = literalString(fn.props?.serviceName);
    checkServiceOf(scope, `${prop} (${factory})`, service, fn, display);
    const serviceName = serviceLiteral ?? fnServiceLiteral ?? ros.Token.asString(service.attrServiceName);
    const name = literalName ?? ros.Token.asString(fn.attrFunctionName);
    return {
      generation: this.generation,
      functionName: ros.Token.asString(fn.attrFunctionName),
      serviceName: ros.Token.asString(service.attrServiceName),
      location,
      display,
      identity: functionIdentity(scope, this.generation, location, serviceLiteral ?? service.node.path, literalName ?? fn.node.path),
      invokeArns: invokeArns(this.generation, location, name, serviceName),
      literalNames: literalName !== undefined && !isUnresolved(serviceName),
    };
  }

  private bindImported(scope: ros.IConstruct, prop: string, imported: { functionName: string; serviceName?: string; options: TriggerFunctionImportOptions }): BoundFunction {
    const fc2 = this.generation === FunctionGeneration.FC2;
    const factory = fc2 ? 'TriggerFunction.fc2FromName' : 'TriggerFunction.fc3FromName';
    if (imported.functionName === undefined || imported.functionName === '') {
      throw invalid(scope, `${prop} (${factory}) functionName`, imported.functionName, 'is required');
    }
    checkText(scope, `${prop} (${factory}) functionName`, imported.functionName, fc2 ? FC2_FUNCTION_NAME : FC3_FUNCTION_NAME);
    if (fc2) {
      if (imported.serviceName === undefined || imported.serviceName === null || imported.serviceName === '') {
        throw invalid(scope, `${prop} (${factory}) serviceName`, imported.serviceName, 'is required: an FC 2.0 trigger names the function\'s service');
      }
      checkText(scope, `${prop} (${factory}) serviceName`, imported.serviceName, FC2_SERVICE_NAME);
    }
    if (typeof imported.options !== 'object' || imported.options === null) {
      throw invalid(scope, `${prop} (${factory}) options`, imported.options, 'must be an object such as { region, account }');
    }
    const location = channelEnvironment(scope, imported.options);
    const display = `${this.generation} function ${describeValue(fc2 ? `${imported.serviceName}/${imported.functionName}` : imported.functionName)}`;
    return {
      generation: this.generation,
      functionName: imported.functionName,
      serviceName: imported.serviceName,
      location,
      display,
      identity: functionIdentity(scope, this.generation, location, imported.serviceName, imported.functionName),
      invokeArns: invokeArns(this.generation, location, imported.functionName, imported.serviceName),
      literalNames: !isUnresolved(imported.functionName) && !isUnresolved(imported.serviceName),
    };
  }
}

/**
 * An FC 2.0 function names its service by `serviceName`: a literal, or usually the service's name attribute. Throws
 * when that names another service than `service`: two literals that differ, or another service's attribute. A
 * parameter or other token that cannot be told apart passes.
 */
function checkServiceOf(scope: ros.IConstruct, prop: string, service: ServiceLike, fn: FunctionLike, display: string): void {
  const given = fn.props?.serviceName;
  // usually the service's name attribute, an IResolvable
  const named = typeof given === 'string' ? given : ros.Tokenization.isResolvable(given) ? ros.Token.asString(given) : undefined;
  if (named === undefined) {
    return;
  }
  const own = [ros.Token.asString(service.attrServiceName), service.props?.serviceName].filter((v): v is string => typeof v === 'string');
  const key = identityOf(scope, named);
  if (own.some((v) => identityOf(scope, v) === key)) {
    return;
  }
  const serviceLiteral = literalString(service.props?.serviceName);
  const rendered = isUnresolved(named) ? ros.Stack.of(scope).resolve(named) : undefined;
  const namesOtherService = rendered !== undefined && typeof rendered === 'object' && rendered !== null && 'Fn::GetAtt' in rendered;
  if ((!isUnresolved(named) && serviceLiteral !== undefined) || namesOtherService) {
    const which = isUnresolved(named) ? 'another service\'s name attribute' : `service ${describeValue(named)}`;
    throw invalid(scope, prop, service.node.path, `must be the service of ${display}, which names ${which}${serviceLiteral === undefined ? '' : `, not ${describeValue(serviceLiteral)}`}`);
  }
}

/** The format of the message a topic trigger passes to the function. */
export enum TriggerContentFormat {
  /** The message body as it was published (Function Compute's default). */
  STREAM = 'STREAM',
  /** A JSON document with the message body and its attributes. */
  JSON = 'JSON',
}

/** Properties of a {@link TopicTrigger}. */
export interface TopicTriggerProps {
  /** The topic whose messages invoke the function: in the function's region. */
  readonly topic: ITopic;
  /** The function, FC 3.0 or FC 2.0, in the stack's region and account. */
  readonly fn: TriggerFunction;
  /** Only messages published with this tag invoke the function (at most 16 characters). @default - every message */
  readonly filterTag?: string;
  /** What the function receives. @default TriggerContentFormat.STREAM - the message body, Function Compute's default */
  readonly contentFormat?: TriggerContentFormat;
  /**
   * How SMQ retries an invocation that failed.
   *
   * @default NotifyStrategy.EXPONENTIAL_DECAY_RETRY - retries for a day; the service's default, BACKOFF_RETRY, gives
   * up after 3 tries
   */
  readonly notifyStrategy?: NotifyStrategy;
  /**
   * The role SMQ assumes to invoke the function. It must trust `mns.aliyuncs.com`; it gets `fc:InvokeFunction` on this
   * function when it is a `ram.Role` of this app.
   *
   * @default - a role made for this trigger: trusted by SMQ only, allowed to invoke only this function
   */
  readonly role?: ram.IRole;
  /** The trigger name, unique per function. @default - generated from the stack name and the construct path */
  readonly triggerName?: string;
}

/**
 * FC trigger names: letters, digits, underscores and hyphens, starting with a letter or underscore, 1 to 128
 * characters (the ROS references of ALIYUN::FC::Trigger and ALIYUN::FC3::Trigger).
 */
const TRIGGER_NAME: TextRule = { minLength: 1, maxLength: 128, chars: /[A-Za-z0-9_-]/, first: /[A-Za-z_]/, charset: 'letters, digits, underscores and hyphens, and start with a letter or underscore' };
const CHANNEL_REMEDY = 'give the stacks an env with a literal region and account, or import the channel and the function without a region and account of their own';
/** RAM role names: letters, digits, periods and hyphens, at most 64 characters. */
const MAX_ROLE_NAME_LENGTH = 64;
/** Room kept in a role name for a region that is a token (the longest region IDs are about 25 characters). */
const MAX_REGION_LENGTH = 28;
/** The service that assumes a topic trigger's role (aliyun/terraform-provider-alicloud, website/docs/r/fc_trigger.html.markdown). */
const SMQ_SERVICE = 'mns.aliyuncs.com';
/**
 * The service-linked roles of an FC queue trigger's event stream: one invokes functions, one reads and writes SMQ
 * (https://www.alibabacloud.com/help/en/eventbridge/service-linked-roles).
 */
const EVENT_STREAM_ROLES = ['AliyunServiceRoleForEventBridgeSendToFC', 'AliyunServiceRoleForEventBridgeSendToMNS'];

/**
 * An SMQ topic trigger of a Function Compute function (trigger type `mns_topic`): every message published to the topic
 * (or only those with `filterTag`) invokes the function, FC 3.0 (`ALIYUN::FC3::Trigger`) or FC 2.0
 * (`ALIYUN::FC::Trigger`).
 *
 * `SourceArn` is the topic in FC's form `acs:mns:{region}:{account}:/topics/{name}`. Unless `role` is given, the
 * trigger gets its own RAM role: trusted by SMQ (`mns.aliyuncs.com`) only, with a custom policy that allows
 * `fc:InvokeFunction` on this one function. Terraform's example attaches the system policy
 * `AliyunMNSNotificationRolePolicy` instead, and FC's own docs show `fc:InvokeFunction` on `*`: both allow more
 * than invoking this function. The trigger's logical id is this construct's id; the role's `<id>Role`.
 */
export class TopicTrigger extends ros.Resource {
  /** The `ALIYUN::FC3::Trigger` or `ALIYUN::FC::Trigger` resource. */
  public readonly trigger: ros.RosResource;
  /** The trigger name. */
  public readonly triggerName: string;
  /** The role SMQ invokes the function with: the one given, or the one made. */
  public readonly role: ram.IRole;

  constructor(scope: ros.Construct, id: string, props: TopicTriggerProps) {
    const triggerName = props?.triggerName ?? generatePhysicalNameFor(scope, id, { maxLength: 128 });
    super(scope, id, { physicalName: triggerName });
    requireProps(this, props, '{ topic, fn }');
    requireChannel(this, 'topic', props.topic, ChannelKind.TOPIC);
    const fn = bindFunction(this, props.fn);
    checkText(this, 'triggerName', props.triggerName, TRIGGER_NAME);
    checkText(this, 'filterTag', props.filterTag, FILTER_TAG);
    requireLiteral(this, 'contentFormat', props.contentFormat, 'TriggerContentFormat');
    checkOneOf(this, 'contentFormat', props.contentFormat, Object.values(TriggerContentFormat));
    requireLiteral(this, 'notifyStrategy', props.notifyStrategy, 'NotifyStrategy');
    checkOneOf(this, 'notifyStrategy', props.notifyStrategy, Object.values(NotifyStrategy));
    checkSameLocation(this, {
      prop: 'topic',
      subject: locationOf(props.topic),
      subjectName: channelDisplay(props.topic),
      expected: fn.location,
      expectedName: fn.display,
      reason: 'Function Compute takes topic triggers only from topics in the function\'s region',
      fields: ['region'],
      remedy: CHANNEL_REMEDY,
    });
    const topicAccount = props.topic.channelAddress.account;
    if (!isUnresolved(topicAccount) && !isUnresolved(fn.location.account) && topicAccount !== fn.location.account) {
      warnOnce(this, `topic: ${channelDisplay(props.topic)} is in account ${topicAccount}, and ${fn.display} in account ${fn.location.account}. `
        + 'Function Compute documents topic triggers for topics of the function\'s own account only: expect the deploy to fail unless the topic\'s owner allows it.');
    }
    this.claimTopic(props.topic, fn, props.filterTag);
    this.triggerName = triggerName;
    claimTriggerName(this, fn, triggerName);
    this.role = props.role === undefined || props.role === null ? this.makeRole(fn) : this.useRole(props.role, fn);

    const sourceArn = Identifiers.fcTopicTriggerSourceArn(props.topic.channelAddress);
    const strategy = props.notifyStrategy ?? NotifyStrategy.EXPONENTIAL_DECAY_RETRY;
    const format = props.contentFormat ?? TriggerContentFormat.STREAM;
    const config: { [key: string]: unknown } = fn.generation === FunctionGeneration.FC3
      ? { notifyStrategy: strategy, notifyContentFormat: format, filterTag: props.filterTag }
      : { NotifyStrategy: strategy, NotifyContentFormat: format, FilterTag: props.filterTag };
    this.trigger = makeTrigger(this, id, fn, {
      triggerName,
      triggerType: 'mns_topic',
      triggerConfig: withoutUndefined(config),
      sourceArn,
      invocationRole: ros.Token.asString(this.role.attrArn),
    });
    if (this.grantPolicy !== undefined) {
      // SMQ may invoke the function as soon as the trigger exists: not before the role may. (Core's addDependsOn
      // renders no DependsOn in ROS CDK 1.12; addRosDependency does, by logical id.)
      this.trigger.addRosDependency(this.grantPolicy.logicalId);
    }
    this.resource = this.trigger;
  }

  /**
   * One topic wired twice to one function invokes it twice for every message both triggers take: two triggers without
   * a filter tag, one without, or two with the same tag. Distinct tags split the messages between them.
   */
  private claimTopic(topic: ITopic, fn: BoundFunction, filterTag: string | undefined): void {
    const key = `${fn.identity}\u0000${identityOf(this, Identifiers.ramArn(topic.channelAddress))}`;
    const wirings = AppState.of(this).topicTriggers;
    const others = wirings.get(key) ?? [];
    const tag = filterTag === undefined ? undefined : identityOf(this, filterTag);
    const stack = ros.Stack.of(this);
    for (const other of others) {
      const overlap = tag === undefined || other.tag === undefined || tag === other.tag;
      if (!overlap) {
        continue;
      }
      const message = `'${other.path}' wires this topic to ${fn.display} too, ${tag === undefined || other.tag === undefined ? 'one of them without a filter tag' : 'with the same filter tag'}, `
        + 'and each message both take would invoke it twice';
      const literal = !isUnresolved(fn.location.region) && !isUnresolved(fn.location.account);
      if (other.stack === stack || literal) {
        throw invalid(this, 'topic', topic.node.path, `must not already trigger the function: ${message}`);
      }
      warnOnce(this, `topic: if stacks '${other.stack.stackName}' and '${stack.stackName}' are deployed to one region and account, ${message}.`);
    }
    wirings.set(key, [...others, { path: this.node.path, stack, tag }]);
  }

  private makeRole(fn: BoundFunction): ram.IRole {
    const region = stackRegion(this);
    const regionLength = isUnresolved(region) ? MAX_REGION_LENGTH : region.length;
    // role names are unique per account: the region keeps one stack deployed to two regions apart
    const base = generatePhysicalName(this, { maxLength: MAX_ROLE_NAME_LENGTH - regionLength - 1, suffix: 'invoke' });
    claimName(this, { kind: 'RAM role name', prop: 'role', name: base, location: stackLocation(this) });
    const roleName = `${base}-${region}`;
    return new ram.Role(this, claimLogicalId(this, derivedId(this, 'Role')), {
      roleName,
      description: truncate(`Lets SMQ invoke ${fn.display} for the topic trigger ${this.node.path} (made by ros-cdk-smq)`, 1024),
      assumeRolePolicyDocument: {
        version: '1',
        statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: [SMQ_SERVICE] } }],
      },
      // a custom policy on this function only: not AliyunMNSNotificationRolePolicy, not fc:InvokeFunction on '*'
      policies: [{
        policyName: roleName,
        description: truncate(`fc:InvokeFunction on ${fn.display} only`, 1024),
        policyDocument: { version: '1', statement: [{ effect: 'Allow', action: ['fc:InvokeFunction'], resource: fn.invokeArns }] },
      }],
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
  }

  /** The policy granted to a role of the user's in this stack: the trigger waits for it. */
  private grantPolicy?: ros.RosResource;

  private useRole(role: ram.IRole, fn: BoundFunction): ram.IRole {
    if (!isConstruct(role) || (role as { attrArn?: unknown }).attrArn === undefined) {
      throw invalid(this, 'role', role, 'must be a RAM role (ram.Role of @alicloud/ros-cdk-ram)');
    }
    checkServiceTrust(this, 'role', role, SMQ_SERVICE, 'SMQ assumes it to invoke the function');
    const grantee = role as unknown as Partial<ram.IGrantable>;
    if (grantee.grantPrincipal !== undefined) {
      const placement = policyPlacement(grantee as ram.IGrantable, this);
      if (placement.crossStack) {
        checkPolicyElsewhere(this, role, fn, ros.Stack.of(placement.parent));
      }
      const grant = Grant.addToPrincipal({ scope: this, grantee: grantee as ram.IGrantable, actions: ['fc:InvokeFunction'], resourceArns: fn.invokeArns });
      this.grantPolicy = placement.crossStack ? undefined : grant.policy;
    } else {
      warnOnce(this, `role: '${role.node.path}' is not a ram.Role this library can grant to: allow it fc:InvokeFunction on ${fn.invokeArns.map((a) => describeValue(a)).join(' and ')} by hand.`);
    }
    return role;
  }
}

/** Properties of a {@link QueueTrigger}. */
export interface QueueTriggerProps {
  /** The queue whose messages invoke the function: in the function's region and account. */
  readonly queue: IQueue;
  /** The function, FC 3.0 or FC 2.0, in the stack's region and account. */
  readonly fn: TriggerFunction;
  /** The most messages one invocation gets (1 to 10,000). @default 1 */
  readonly batchSize?: number;
  /**
   * How long the event stream waits to fill a batch before it invokes the function (0 to 15 seconds, whole seconds).
   *
   * @default Duration.seconds(0) - at once
   */
  readonly batchWindow?: Duration;
  /** Whether the event stream Base64-decodes each message body. @default true - as the service does */
  readonly base64Decode?: boolean;
  /**
   * An EventBridge event pattern: only matching messages invoke the function, such as
   * `{ data: { messageBody: [{ prefix: 'order-' }] } }` (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns).
   *
   * @default - every message
   */
  readonly filterPattern?: { [key: string]: any };
  /**
   * How the event stream retries an invocation that failed.
   *
   * @default RetryStrategy.EXPONENTIAL_DECAY_RETRY - retries for a day
   */
  readonly retryStrategy?: RetryStrategy;
  /** Where messages go that failed after all retries: another queue in the same region and account. @default - none */
  readonly deadLetterQueue?: IQueue;
  /**
   * What happens to a message that failed after all retries.
   *
   * @default ErrorsTolerance.ALL with a dead-letter queue (the message goes there), ErrorsTolerance.NONE without one
   * (the stream stops at the message rather than drop it; Function Compute's default)
   */
  readonly errorsTolerance?: ErrorsTolerance;
  /** The form the function receives each message in. @default QueueEventFormat.CLOUD_EVENTS - Function Compute's default */
  readonly eventFormat?: QueueEventFormat;
  /**
   * Whether the function is invoked asynchronously. An asynchronous invocation takes at most 128 KB, a synchronous one
   * 32 MB (https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/advanced-features-of-triggers).
   *
   * @default false
   */
  readonly asyncInvocation?: boolean;
  /** Whether the trigger is enabled. @default true */
  readonly enabled?: boolean;
  /** The trigger name, unique per function. @default - generated from the stack name and the construct path */
  readonly triggerName?: string;
}

/** The form a queue trigger passes each message to the function in (`eventSinkConfig.deliveryOption.eventSchema`). */
export enum QueueEventFormat {
  /** The CloudEvents envelope: `data.messageBody` holds the message (Function Compute's default). */
  CLOUD_EVENTS = 'CloudEvents',
  /** Only the event's `data`. */
  RAW_DATA = 'RawData',
}

/** Batching ranges: https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/advanced-features-of-triggers */
const BATCH_SIZE = { min: 1, max: 10000 };
const BATCH_WINDOW = { min: 0, max: 15, unit: 'seconds' };

/**
 * An SMQ queue trigger of a Function Compute function: an EventBridge event stream that Function Compute manages reads
 * the queue and invokes the function with each message or batch (trigger type `eventbridge`, event source `MNS`),
 * FC 3.0 (`ALIYUN::FC3::Trigger`) or FC 2.0 (`ALIYUN::FC::Trigger`).
 *
 * The stream runs in `event-streaming` mode (the one that batches, retries and dead-letters), retries for a day by
 * default, and sends messages that still fail to `deadLetterQueue` when given. The trigger takes no role: the stream
 * works with the account's service-linked roles AliyunServiceRoleForEventBridgeSendToFC and
 * AliyunServiceRoleForEventBridgeSendToMNS, which a template cannot create (a warning says so once per stack). The
 * trigger's logical id is this construct's id.
 *
 * A queue hands each message to one reader: once received, a message is invisible to other consumers
 * (https://www.alibabacloud.com/help/en/mns/developer-reference/visible-messages). Two enabled triggers of one queue, or a
 * trigger and a `QueueEventStream` of it, split its messages rather than each getting all of them, and a reader with a
 * `filterPattern` drops the messages it takes that the pattern does not pass. Synth warns on each reader of a queue
 * after the first, naming them all (an owned queue and its imports by name or ARN are one queue). For every function
 * to get every message, publish to a topic and subscribe one queue per function.
 */
export class QueueTrigger extends ros.Resource {
  /** The `ALIYUN::FC3::Trigger` or `ALIYUN::FC::Trigger` resource. */
  public readonly trigger: ros.RosResource;
  /** The trigger name. */
  public readonly triggerName: string;

  constructor(scope: ros.Construct, id: string, props: QueueTriggerProps) {
    const triggerName = props?.triggerName ?? generatePhysicalNameFor(scope, id, { maxLength: 128 });
    super(scope, id, { physicalName: triggerName });
    requireProps(this, props, '{ queue, fn }');
    requireChannel(this, 'queue', props.queue, ChannelKind.QUEUE);
    const fn = bindFunction(this, props.fn);
    checkText(this, 'triggerName', props.triggerName, TRIGGER_NAME);
    checkRange(this, 'batchSize', props.batchSize, BATCH_SIZE.min, BATCH_SIZE.max, 'messages');
    const windowSeconds = durationSeconds(this, 'batchWindow', props.batchWindow, BATCH_WINDOW);
    for (const prop of ['base64Decode', 'asyncInvocation', 'enabled'] as const) {
      requireLiteral(this, prop, props[prop], 'true or false');
      checkBoolean(this, prop, props[prop]);
    }
    requireLiteral(this, 'retryStrategy', props.retryStrategy, 'RetryStrategy');
    checkOneOf(this, 'retryStrategy', props.retryStrategy, Object.values(RetryStrategy));
    requireLiteral(this, 'errorsTolerance', props.errorsTolerance, 'ErrorsTolerance');
    checkOneOf(this, 'errorsTolerance', props.errorsTolerance, Object.values(ErrorsTolerance));
    requireLiteral(this, 'eventFormat', props.eventFormat, 'QueueEventFormat');
    checkOneOf(this, 'eventFormat', props.eventFormat, Object.values(QueueEventFormat));
    if (props.filterPattern !== undefined) {
      checkPattern(this, 'filterPattern', props.filterPattern);
      // the trigger takes the pattern as JSON text: a token would be spliced into it unescaped, or not at all
      const token = findToken(props.filterPattern, 'filterPattern');
      if (token !== undefined) {
        throw invalid(this, token.path, token.value, 'must be literal: the trigger writes the pattern as JSON text, which a deploy-time value cannot be put into safely');
      }
    }
    // sourceMNSParameters names the queue by region and name only: the stream reads it in the function's account
    checkSameLocation(this, {
      prop: 'queue',
      subject: locationOf(props.queue),
      subjectName: channelDisplay(props.queue),
      expected: fn.location,
      expectedName: fn.display,
      reason: 'the event stream reads a queue of the function\'s account by name, in the function\'s region',
      remedy: CHANNEL_REMEDY,
    });
    const dlq = props.deadLetterQueue ?? undefined;
    if (dlq !== undefined) {
      requireChannel(this, 'deadLetterQueue', dlq, ChannelKind.QUEUE);
      if (identityOf(this, Identifiers.ramArn(dlq.channelAddress)) === identityOf(this, Identifiers.ramArn(props.queue.channelAddress))) {
        throw invalid(this, 'deadLetterQueue', dlq.node.path, 'must be another queue than the one the trigger reads: a failed message would come back to the function forever');
      }
      checkSameLocation(this, {
        prop: 'deadLetterQueue',
        subject: locationOf(dlq),
        subjectName: channelDisplay(dlq),
        expected: fn.location,
        expectedName: fn.display,
        reason: 'the event stream writes failed messages to a queue in its own region and account',
        remedy: CHANNEL_REMEDY,
      });
    }
    const tolerance = props.errorsTolerance ?? (dlq ? ErrorsTolerance.ALL : ErrorsTolerance.NONE);
    if (tolerance === ErrorsTolerance.ALL && !dlq) {
      warnOnce(this, `errorsTolerance: ALL without a dead-letter queue drops every message of '${props.queue.node.path}' that fails after all retries; `
        + 'give the trigger a deadLetterQueue to keep them.');
    }
    this.triggerName = triggerName;
    claimTriggerName(this, fn, triggerName);
    warnOncePerStack(this, `QueueTrigger: Function Compute reads SMQ queues through an EventBridge event stream, which works with the account's `
      + `service-linked roles ${EVENT_STREAM_ROLES.join(' (invokes the function) and ')} (reads the queue, writes the dead-letter queue). `
      + 'A template cannot create them: EventBridge creates them when first needed, which takes ram:CreateServiceLinkedRole from whoever deploys, '
      + 'or create them once per account in the EventBridge console; see https://www.alibabacloud.com/help/en/eventbridge/service-linked-roles');

    const address = props.queue.channelAddress;
    const pattern = JSON.stringify(props.filterPattern === undefined ? {} : copyPattern(props.filterPattern));
    const deliveryOption: { [key: string]: unknown } = { eventSchema: props.eventFormat ?? QueueEventFormat.CLOUD_EVENTS };
    if (fn.generation === FunctionGeneration.FC2) {
      // FC 2.0's API still reads the older deliveryOption.mode; Alibaba's FC 2.0 sample sets it with runOptions.mode
      deliveryOption.mode = 'event-streaming';
    }
    const runOptions: { [key: string]: unknown } = {
      mode: 'event-streaming',
      errorsTolerance: tolerance,
      retryStrategy: { PushRetryStrategy: props.retryStrategy ?? RetryStrategy.EXPONENTIAL_DECAY_RETRY },
      batchWindow: { CountBasedWindow: props.batchSize ?? 1, TimeBasedWindow: windowSeconds ?? 0 },
    };
    if (dlq) {
      runOptions.deadLetterQueue = { Arn: Identifiers.eventBridgeDeadLetterArn(dlq.channelAddress) };
    }
    this.trigger = makeTrigger(this, id, fn, {
      triggerName,
      triggerType: 'eventbridge',
      triggerConfig: {
        triggerEnable: props.enabled ?? true,
        asyncInvocationType: props.asyncInvocation ?? false,
        // the FC API reads the pattern here; Alibaba's sample writes it inside eventSourceParameters: both carry it
        eventRuleFilterPattern: pattern,
        eventSourceConfig: {
          eventSourceType: 'MNS',
          eventSourceParameters: {
            sourceMNSParameters: { RegionId: address.region, QueueName: address.name, IsBase64Decode: props.base64Decode ?? true },
            eventRuleFilterPattern: pattern,
          },
        },
        eventSinkConfig: { deliveryOption },
        runOptions,
      },
    });
    this.resource = this.trigger;
    if (props.enabled !== false) {
      this.reading = claimQueueReader(this, props.queue, 'FC queue trigger', hasFilter(props.filterPattern));
    }
  }

  /** This trigger as a reader of its queue (an enabled one), for the competing-readers warning at synth. */
  private readonly reading?: QueueReading;

  /** At synth, when every reader of the app is known: warns when another stream or trigger reads the same queue. */
  protected override prepare(): void {
    super.prepare();
    if (this.reading !== undefined) {
      warnCompetingReaders(this, this.reading);
    }
  }
}

interface TriggerSettings {
  readonly triggerName: string;
  readonly triggerType: string;
  readonly triggerConfig: { [key: string]: unknown };
  readonly sourceArn?: string;
  readonly invocationRole?: string;
}

/** An event stream or FC queue trigger's record as a reader of its queue. */
export interface QueueReading {
  /** The queue's key in `AppState.queueReaders`. */
  readonly key: string;
  /** This reader's entry there. */
  readonly claim: QueueReaderClaim;
  /** The queue, as this reader was given it. */
  readonly queue: IQueue;
}

/**
 * Records that `scope`, an event stream or an FC queue trigger, reads `queue` (only an enabled one: a paused stream or
 * disabled trigger takes no message). Two handles of one queue, an owned queue and imports of it by name or ARN, get
 * one key: the queue's RAM ARN as `identityOf` renders it, as the streams' loop check compares queues, so queues of
 * two stacks meet when their names are literal and alike and their regions and accounts literal and alike or both the
 * stacks' own. A name that is a deploy-time value (other than an owned queue's name attribute) is keyed per stack of
 * the queue's handle: the parameters of one id in two stacks need not name one queue.
 *
 * Internal to the library (not exported from the package).
 */
export function claimQueueReader(scope: ros.IConstruct, queue: IQueue, kind: string, filtered: boolean): QueueReading {
  const address = queue.channelAddress;
  const identity = identityOf(scope, Identifiers.ramArn(address));
  const key = isUnresolved(withLiteralNames(scope, address.name)) ? `${ros.Stack.of(queue).node.path}\u0000${identity}` : identity;
  const readers = AppState.of(scope).queueReaders;
  const claim: QueueReaderClaim = { path: scope.node.path, stack: ros.Stack.of(scope), kind, filtered };
  readers.set(key, [...(readers.get(key) ?? []), claim]);
  return { key, claim, queue };
}

/**
 * At synth, when every reader of the app is known: a warning on each reader of a queue but the first, naming them all.
 * SMQ hands a received message to one consumer: it is invisible to the others until deleted or its visibility timeout
 * ends (https://www.alibabacloud.com/help/en/mns/developer-reference/visible-messages), and a stream deletes what it
 * delivered. Two readers of one queue therefore split its messages, they do not each get every one (as the subscribers of a
 * topic do). A reader with a filter pattern passes on only the messages that match
 * (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns-1) and, having received the others, drops
 * them: EventBridge does not put a message back for another reader (INFERRED: Alibaba Cloud does not say what becomes
 * of a message a stream's pattern does not pass; AWS documents the same for SQS pollers with filters,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html). Competing readers can be meant (more
 * consumers of one kind of work), so this is a warning, not an error.
 *
 * Internal to the library (not exported from the package).
 */
export function warnCompetingReaders(scope: ros.IConstruct, reading: QueueReading): void {
  const readers = AppState.of(scope).queueReaders.get(reading.key) ?? [];
  if (readers.length < 2 || readers[0] === reading.claim) {
    return;
  }
  const address = reading.queue.channelAddress;
  const stacks = [...new Set(readers.map((r) => r.stack))];
  const literal = !isUnresolved(address.region) && !isUnresolved(address.account);
  const when = stacks.length > 1 && !literal
    ? ` when stacks ${stacks.map((s) => `'${s.stackName}'`).join(' and ')} are deployed to one region and account`
    : '';
  const names = readers.map((r) => `${r.kind} '${r.path}'${r.path === reading.claim.path ? ' (this one)' : ''}`);
  const filtered = readers.filter((r) => r.filtered).map((r) => `'${r.path}'`);
  const drops = filtered.length === 0 ? '' : ` A message that the filter pattern of ${filtered.join(' or ')} does not pass is still received there `
    + 'and dropped: no other reader gets it either.';
  const name = withLiteralNames(scope, address.name);
  const named = isUnresolved(name) ? '' : ` (${describeValue(name)})`;
  warnOnce(scope, `queue: ${channelDisplay(reading.queue)}${named} has ${readers.length} readers${when}: ${names.join(', ')}. `
    + 'SMQ hands each message to one reader only (once received, it is invisible to the others; see '
    + 'https://www.alibabacloud.com/help/en/mns/developer-reference/visible-messages), so these readers split the messages between them: '
    + `none of them gets every message.${drops} For every reader to get every message (fan-out, as with an SNS topic), publish to an SMQ topic `
    + 'and subscribe one queue per reader (topic.addSubscription(new consumers.QueueSubscription(queue))), each queue read by one stream or trigger; '
    + 'to route messages by content, send each kind to its own queue (or publish to a topic whose queue subscriptions have filter tags) '
    + 'rather than read one queue with several filtered readers. Competing readers of one queue are fine only when any of them may take any '
    + 'message (more consumers of one kind of work) and none has a filter pattern; even then, one stream or trigger per queue does it too, as '
    + 'Function Compute scales the function it invokes. This warning cannot be turned off: it goes away when the queue has one enabled reader '
    + 'in the app.');
}

/** Whether a filter pattern filters anything: `{}` passes every message. */
export function hasFilter(pattern: unknown): boolean {
  return typeof pattern === 'object' && pattern !== null && Object.keys(pattern).length > 0;
}

/** The ROS trigger resource of the function's generation, with the construct's id as its logical id. */
function makeTrigger(scope: ros.Resource, id: string, fn: BoundFunction, settings: TriggerSettings): ros.RosResource {
  const constraint = ros.Stack.of(scope).enableResourcePropertyConstraint;
  claimLogicalId(scope, id);
  if (fn.generation === FunctionGeneration.FC3) {
    return new fc3.RosTrigger(scope, id, { functionName: fn.functionName, ...settings }, constraint);
  }
  return new fc.RosTrigger(scope, id, { serviceName: fn.serviceName!, functionName: fn.functionName, ...settings }, constraint);
}

function bindFunction(scope: ros.IConstruct, fn: TriggerFunction): BoundFunction {
  if (typeof (fn as Partial<TriggerFunction> | undefined)?._bind !== 'function') {
    throw invalid(scope, 'fn', isConstruct(fn) ? (fn as ros.IConstruct).node.path : fn,
      'must be a TriggerFunction: TriggerFunction.fc3(fn), TriggerFunction.fc2(service, fn), or fc3FromName / fc2FromName');
  }
  const bound = fn._bind(scope, 'fn');
  checkSameLocation(scope, {
    prop: 'fn',
    subject: bound.location,
    subjectName: bound.display,
    expected: stackLocation(scope),
    expectedName: 'the stack',
    reason: 'ROS creates the trigger in the stack\'s region and account, where its function must be',
    remedy: 'give the stacks an env with a literal region and account, or import the function without a region and account of its own',
  });
  return bound;
}

/** Trigger names are unique per function. */
function claimTriggerName(scope: ros.IConstruct, fn: BoundFunction, name: string): void {
  claimName(scope, { kind: 'trigger name of this function', prop: 'triggerName', name: `${fn.identity}\u0000${identityOf(scope, name)}`, location: fn.location, shown: name });
}

/**
 * A user's role in another stack gets its policy there, naming the function: only by literal names (a reference back
 * to this stack would close a cycle), and in a region and account that read the same there (`ALIYUN::Region` names
 * the stack's own region, which is the function's only if the two stacks share one).
 */
function checkPolicyElsewhere(scope: ros.IConstruct, role: ram.IRole, fn: BoundFunction, policyStack: ros.Stack): void {
  const fc2 = fn.generation === FunctionGeneration.FC2;
  if (!fn.literalNames) {
    throw invalid(scope, 'role', role.node.path, `must be in the trigger's stack, or ${fn.display} must have a literal functionName${fc2 ? ' and serviceName' : ''}: `
      + 'the role\'s policy names the function, and a reference between the two stacks each way is a cycle');
  }
  const literal = !isUnresolved(fn.location.region) && !isUnresolved(fn.location.account);
  if (!literal && relate(scope, fn.location, stackLocation(policyStack)) !== Relation.PRESUMED_SAME) {
    throw invalid(scope, 'role', role.node.path, `must be in the trigger's stack, or ${fn.display} must have a literal region and account (give its stack an env): `
      + `the role's policy goes in stack '${policyStack.stackName}', where the function's region and account cannot be told`);
  }
}

/**
 * The RAM resources of `fc:InvokeFunction` on one function: FC 3.0 `acs:fc:{region}:{account}:functions/{name}`; FC
 * 2.0 `acs:fc:{region}:{account}:services/{service}/functions/{name}` and the same with `{service}.*` for its versions
 * and aliases (the forms of aliyun/terraform-provider-alicloud's website/docs/r/fc_trigger.html.markdown).
 */
function invokeArns(generation: FunctionGeneration, location: Location, functionName: string, serviceName?: string): string[] {
  const head = `acs:fc:${location.region}:${location.account}:`;
  if (generation === FunctionGeneration.FC3) {
    return [`${head}functions/${functionName}`];
  }
  return [`${head}services/${serviceName}/functions/${functionName}`, `${head}services/${serviceName}.*/functions/${functionName}`];
}

function functionIdentity(scope: ros.IConstruct, generation: FunctionGeneration, location: Location, service: string | undefined, name: string): string {
  return [generation, describeLocationValue(scope, location.region), describeLocationValue(scope, location.account), service ?? '', name].join('\u0000');
}

/** Its own copy of import options (an object changed later does not move the function); anything else as it is, for the error. */
function copyOptions(options: TriggerFunctionImportOptions): TriggerFunctionImportOptions {
  return typeof options === 'object' && options !== null ? { region: options.region, account: options.account } : options;
}

/** The first token in a pattern and its path, if any. */
function findToken(value: unknown, path: string): { path: string; value: unknown } | undefined {
  if (isUnresolved(value) || (typeof value === 'object' && value !== null && ros.Tokenization.isResolvable(value))) {
    return { path, value };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findToken(value[i], `${path}[${i}]`);
      if (found !== undefined) {
        return found;
      }
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      const found = findToken(v, `${path}.${key}`);
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}
