/**
 * Function Compute asynchronous invocation results written to SMQ queues and topics ("destinations for asynchronous
 * invocations", https://www.alibabacloud.com/help/en/fc/user-guide/result-callback): FC 3.0 through
 * `ALIYUN::FC3::AsyncInvokeConfig` (`@alicloud/ros-cdk-fc3`), FC 2.0 through the function's own `AsyncConfiguration`
 * (`ALIYUN::FC::Function`, `@alicloud/ros-cdk-fc`; ROS has no separate FC 2.0 type).
 *
 * Function Compute sends the results with the function's role (FC 2.0: its service's role), which needs
 * `mns:SendMessage` on a queue or `mns:PublishMessage` on a topic (the permission table of the page above); a role
 * without them makes the configuration fail (aliyun/terraform-provider-alicloud,
 * website/docs/r/fc_function_async_invoke_config.html.markdown).
 */
import * as ros from '@alicloud/ros-cdk-core';
import type * as fc from '@alicloud/ros-cdk-fc';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import type * as ram from '@alicloud/ros-cdk-ram';
import { Duration, durationSeconds } from '../core/duration';
import { Grant, policyPlacement } from '../core/grants';
import { claimLogicalId } from '../core/ids';
import { checkSameLocation, Location } from '../core/location';
import { stackAccount, stackRegion, warnOnce } from '../core/state';
import { checkRange, describeValue, invalid, isUnresolved, requireProps } from '../core/validation';
import { checkServiceTrust } from '../core/trust';
import { channelDisplay, IChannel, literalAddress, locationOf, requireChannelOfAnyKind, stackLocation } from '../smq/channel';
import { ChannelKind, Identifiers } from '../smq/identifiers';
import type { IQueue } from '../smq/queue-base';
import type { ITopic } from '../smq/topic-base';
import { describeConstruct, isConstruct, withoutUndefined } from '../core/util';

/** The service that assumes a function's (FC 2.0: a service's) role. */
const FC_SERVICE = 'fc.aliyuncs.com';
/** The RAM actions Function Compute needs to deliver a result (https://www.alibabacloud.com/help/en/fc/user-guide/result-callback). */
const SEND_ACTION: { readonly [kind: string]: string } = { [ChannelKind.QUEUE]: 'mns:SendMessage', [ChannelKind.TOPIC]: 'mns:PublishMessage' };
/** Retries of an asynchronous invocation: 0 to 8 (the ROS references of both types, and both FC APIs). */
const RETRY_ATTEMPTS = { min: 0, max: 8 };
/** How long an event may wait: 1 to 604,800 seconds for FC 3.0 (the ROS reference of ALIYUN::FC3::AsyncInvokeConfig). */
const EVENT_AGE_FC3 = { min: 1, max: 604800, unit: 'seconds' };
/**
 * 1 to 2,592,000 seconds for FC 2.0 (the range the ROS type `ALIYUN::FC::Function` checks, as FC 2.0's
 * PutFunctionAsyncInvokeConfig does: https://www.alibabacloud.com/help/en/fc/developer-reference/api-fc-open-2021-04-06-putfunctionasyncinvokeconfig).
 */
const EVENT_AGE_FC2 = { min: 1, max: 2592000, unit: 'seconds' };
const FC3_TYPE = 'ALIYUN::FC3::AsyncInvokeConfig';
const FC2_FUNCTION_TYPE = 'ALIYUN::FC::Function';
/**
 * Function Compute's service-linked role: its documented policy (AliyunServiceRolePolicyForFC,
 * https://www.alibabacloud.com/help/en/functioncompute/security-and-compliance/service-linked-role-of-function-compute)
 * covers VPC, ECS, Simple Log Service and Container Registry, not sending to SMQ, while the result-callback page asks
 * the function's role for `mns:SendMessage` / `mns:PublishMessage`: an FC 3.0 function without a role gets a warning.
 */
const SERVICE_LINKED_ROLE = 'AliyunServiceRoleForFC';
const SERVICE_LINKED_ROLE_PAGE = 'https://www.alibabacloud.com/help/en/functioncompute/security-and-compliance/service-linked-role-of-function-compute';
/** The ROS types whose L1s hold what this construct reads of a function, a service and a role. */
const FC3_FUNCTION_TYPE = 'ALIYUN::FC3::Function';
const FC2_SERVICE_TYPE = 'ALIYUN::FC::Service';
const RAM_ROLE_TYPE = 'ALIYUN::RAM::Role';

enum Generation {
  FC3 = 'FC 3.0',
  FC2 = 'FC 2.0',
}

/** A construct with what an FC function has, L2 (`fc3.Function`, `fc.Function`) or L1 (`fc3.RosFunction`, `fc.RosFunction`). */
interface FunctionLike extends ros.IConstruct {
  readonly attrFunctionName: ros.IResolvable | string;
  readonly attrServiceName?: ros.IResolvable | string;
}

/** An FC 2.0 service, L2 (`fc.Service`) or L1 (`fc.RosService`). */
interface ServiceLike extends ros.IConstruct {
  readonly attrServiceName: ros.IResolvable | string;
}

/** What the construct needs to know of its function. */
interface BoundFunction {
  readonly generation: Generation;
  readonly fn: FunctionLike;
  /** The function, for messages. */
  readonly display: string;
  /** Its region and account: its stack's. */
  readonly location: Location;
  /** The role Function Compute sends results with: the function's `role` (FC 2.0: the service's), as given. */
  readonly roleArn: unknown;
  /** Who names that role, for messages: `the function's role prop`, `the role prop of service '...'`. */
  readonly roleOwner: string;
  /** The function's `functionName` prop, as given (a token, or undefined for a generated name). */
  readonly functionName: unknown;
  /** FC 2.0: the function's `ALIYUN::FC::Function` resource. */
  readonly rosFunction?: ros.RosResource;
  /** FC 2.0: the service, and the `serviceName` prop of the function that names it. */
  readonly service?: ServiceLike;
  readonly serviceName?: unknown;
}

/**
 * The function whose asynchronous results are written to SMQ, FC 3.0 or FC 2.0, with the RAM role Function Compute
 * sends them with: `ResultFunction.fc3(fn, role)`, `ResultFunction.fc2(service, fn, role)`.
 *
 * The role is the one the function (FC 2.0: its service) names by ARN in its `role` prop; given here as a `ram.Role`,
 * it is granted sending to exactly the destinations. Without it, a warning says what to allow by hand.
 */
export class ResultFunction {
  /**
   * An FC 3.0 function (`fc3.Function` of `@alicloud/ros-cdk-fc3`).
   *
   * @param fn the function
   * @param role the role the function names in its `role` prop (trusted by `fc.aliyuncs.com`) @default - none: a
   * warning says what to allow the function's role by hand (or, for a function without a role, that it needs one)
   */
  public static fc3(fn: fc3.IFunction, role?: ram.IRole): ResultFunction {
    return new ResultFunction(Generation.FC3, fn as unknown as FunctionLike, undefined, role);
  }

  /**
   * An FC 2.0 function (`fc.Function` of `@alicloud/ros-cdk-fc`) and its service, whose role Function Compute sends
   * the results with.
   *
   * @param service the function's service
   * @param fn the function, made in the stack of the `FunctionResultDestinations`
   * @param role the role the service names in its `role` prop (trusted by `fc.aliyuncs.com`) @default - none: a
   * warning says what to allow the service's role by hand
   */
  public static fc2(service: fc.IService, fn: fc.IFunction, role?: ram.IRole): ResultFunction {
    return new ResultFunction(Generation.FC2, fn as unknown as FunctionLike, service as unknown as ServiceLike, role);
  }

  private constructor(
    private readonly generation: Generation,
    private readonly fn: FunctionLike | undefined,
    private readonly service: ServiceLike | undefined,
    /** The role Function Compute sends results with, when the user gives it. */
    private readonly role: ram.IRole | undefined,
  ) {}

  /** @internal The role given with the function, if any. */
  public get _role(): ram.IRole | undefined {
    return this.role;
  }

  /**
   * Checks the function (and its service) and says what the destinations need of it. The function's and the service's
   * props are read from their L1 resources, so that a change made there after construction counts (an L1 given
   * directly has no other place for them).
   *
   * @internal
   */
  public _bind(scope: ros.IConstruct, prop: string): BoundFunction {
    const fc2 = this.generation === Generation.FC2;
    const factory = fc2 ? 'ResultFunction.fc2(service, fn)' : 'ResultFunction.fc3(fn)';
    const fn = this.fn;
    if (!isConstruct(fn) || fn.attrFunctionName === undefined) {
      throw invalid(scope, `${prop} (${factory})`, describeConstruct(fn),
        `must be given an ${this.generation} function (${fc2 ? 'fc.Function of @alicloud/ros-cdk-fc' : 'fc3.Function of @alicloud/ros-cdk-fc3'})`);
    }
    if ((fn.attrServiceName !== undefined) !== fc2) {
      throw invalid(scope, `${prop} (${factory})`, fn.node.path, fc2
        ? 'is an FC 3.0 function (it has no service): use ResultFunction.fc3(fn)'
        : 'is an FC 2.0 function (it has a service): use ResultFunction.fc2(service, fn), whose service\'s role sends the results');
    }
    const display = `${this.generation} function '${fn.node.path}'`;
    const location = { region: stackRegion(fn), account: stackAccount(fn) };
    if (!fc2) {
      const l1 = l1Of(fn, FC3_FUNCTION_TYPE);
      return {
        generation: this.generation, fn, display, location, roleArn: propOf(fn, l1, 'role'), roleOwner: 'the function\'s role prop',
        functionName: propOf(fn, l1, 'functionName'),
      };
    }
    const service = this.service;
    if (!isConstruct(service) || service.attrServiceName === undefined || fn.node.path === service.node.path) {
      throw invalid(scope, `${prop} (${factory})`, describeConstruct(service),
        `must name the service of ${display} (fc.Service of @alicloud/ros-cdk-fc): FC 2.0 sends the results with the service's role`);
    }
    const rosFunction = l1Of(fn, FC2_FUNCTION_TYPE);
    if (rosFunction === undefined) {
      throw invalid(scope, `${prop} (${factory})`, fn.node.path, `must be an fc.Function made in this app: its ${FC2_FUNCTION_TYPE} resource holds the AsyncConfiguration`);
    }
    const serviceName = propOf(fn, rosFunction, 'serviceName');
    checkServiceOf(scope, `${prop} (${factory})`, service, fn, serviceName, display);
    return {
      generation: this.generation, fn, display, location, rosFunction, service, serviceName,
      roleArn: propOf(service, l1Of(service, FC2_SERVICE_TYPE), 'role'), roleOwner: `the role prop of service '${service.node.path}'`,
      functionName: propOf(fn, rosFunction, 'functionName'),
    };
  }
}

/**
 * An FC 2.0 function names its service by `serviceName`, usually the service's name attribute. Throws when it names
 * another service than `service`: two literals that differ, or another resource's attribute. A parameter passes.
 */
function checkServiceOf(scope: ros.IConstruct, prop: string, service: ServiceLike, fn: FunctionLike, given: unknown, display: string): void {
  if (given === undefined || given === null) {
    return;
  }
  const stack = ros.Stack.of(fn);
  const named = JSON.stringify(stack.resolve(given));
  const ownName = propOf(service, l1Of(service, FC2_SERVICE_TYPE), 'serviceName');
  const own = [service.attrServiceName, ownName].filter((v) => v !== undefined && v !== null).map((v) => JSON.stringify(stack.resolve(v)));
  if (own.includes(named)) {
    return;
  }
  const rendered = stack.resolve(given);
  const literal = typeof rendered === 'string';
  const serviceLiteral = typeof ownName === 'string' && !isUnresolved(ownName);
  const otherAttribute = typeof rendered === 'object' && rendered !== null && 'Fn::GetAtt' in rendered;
  if ((literal && serviceLiteral) || otherAttribute) {
    throw invalid(scope, prop, service.node.path, `must be the service of ${display}, which names ${literal ? `service ${describeValue(rendered)}` : 'another service\'s name attribute'}`);
  }
}

/**
 * The L1 resource of type `type` behind a construct: the construct itself (an L1 given directly), the L2's `resource`,
 * or a child of that type.
 */
function l1Of(construct: ros.IConstruct, type: string): ros.RosResource | undefined {
  const own = (construct as { resource?: unknown }).resource;
  return [construct, own, ...construct.node.children].find((c): c is ros.RosResource =>
    typeof c === 'object' && c !== null && (c as { rosResourceType?: unknown }).rosResourceType === type);
}

/** A prop of an FC resource as it will be rendered: its L1's property when there is an L1, else the L2's props. */
function propOf(construct: ros.IConstruct, l1: ros.RosResource | undefined, key: string): unknown {
  if (l1 !== undefined) {
    return (l1 as unknown as { [key: string]: unknown })[key];
  }
  return (construct as { props?: { [key: string]: unknown } }).props?.[key];
}

/** Properties of a {@link FunctionResultDestinations}. */
export interface FunctionResultDestinationsProps {
  /** The function, FC 3.0 or FC 2.0, with the role Function Compute sends its results with. */
  readonly fn: ResultFunction;
  /**
   * Where the results of invocations that succeeded go: a queue or a topic in the function's region and account.
   * Give this, `onFailure`, or both.
   *
   * @default - successes go nowhere
   */
  readonly onSuccess?: IChannel;
  /**
   * Where the events of invocations that failed after all retries (or waited longer than `maxAsyncEventAge`) go: a
   * queue or a topic in the function's region and account. Give this, `onSuccess`, or both.
   *
   * @default - failed events are dropped
   */
  readonly onFailure?: IChannel;
  /** How often Function Compute retries an invocation that failed (0 to 8). @default 3 - Function Compute's default */
  readonly maxAsyncRetryAttempts?: number;
  /**
   * How long an event may wait to be processed before Function Compute drops it (and writes it to `onFailure`):
   * whole seconds, 1 second to 7 days for FC 3.0, to 30 days for FC 2.0 (the ranges the two ROS types check).
   *
   * @default - Function Compute's default (1 day for FC 3.0)
   */
  readonly maxAsyncEventAge?: Duration;
}

/** The construct that already writes each function's results: Function Compute keeps one configuration per function. */
const configured = new WeakMap<ros.IConstruct, string>();

/**
 * Writes the results of a Function Compute function's asynchronous invocations to SMQ: the context of each
 * invocation that succeeded to `onSuccess`, of each that failed to `onFailure`, each a queue or a topic of the
 * function's region and account.
 *
 * FC 3.0: an `ALIYUN::FC3::AsyncInvokeConfig` (whose logical id is this construct's id). FC 2.0: the function's own
 * `AsyncConfiguration` (ROS has no separate type), merged with one the function already has unless both set the same
 * field. Destinations are written in Function Compute's form `acs:mns:{region}:{account}:/queues/{name}/messages`
 * (`.../topics/{name}/messages`). The role given with the function gets `mns:SendMessage` on the queue or
 * `mns:PublishMessage` on the topic, scoped to that one channel, and the configuration waits for that policy (Function
 * Compute refuses destinations its role may not send to). Function Compute keeps one such configuration per
 * function: a second one for the same function is an error. SMQ takes messages of at most 64 KB: a larger result
 * is not delivered. Invocations by a time trigger get no destinations (https://www.alibabacloud.com/help/doc-detail/181866.htm).
 *
 * Across stacks: a channel of another stack is named by its literal name where it has one, and its stack is made a
 * dependency of this construct's stack, so that it is deployed first. Wirings whose references would make two stacks
 * need each other (a cycle ROS cannot deploy), such as a role in one stack whose policy names a channel with a
 * deploy-time name in another, are an error that says what to move.
 */
export class FunctionResultDestinations extends ros.Construct {
  /** The `ALIYUN::FC3::AsyncInvokeConfig` resource (FC 3.0 functions only). */
  public readonly asyncInvokeConfig?: fc3.RosAsyncInvokeConfig;

  private readonly bound: BoundFunction;
  private readonly given: ReadonlyArray<{ readonly prop: string; readonly channel: IChannel }>;
  private readonly literalFunctionName?: string;
  /** FC 2.0: the AsyncConfiguration this construct set on the function. */
  private fc2Config?: fc.RosFunction.AsyncConfigurationProperty;

  constructor(scope: ros.Construct, id: string, props: FunctionResultDestinationsProps) {
    super(scope, id);
    requireProps(this, props, '{ fn, onSuccess and/or onFailure }');
    const fn = bindFunction(this, props.fn);
    this.bound = fn;
    const destinations = this.destinations(props, fn);
    this.given = (['onSuccess', 'onFailure'] as const).filter((p) => props[p] !== undefined && props[p] !== null).map((prop) => ({ prop, channel: props[prop]! }));
    checkRange(this, 'maxAsyncRetryAttempts', props.maxAsyncRetryAttempts, RETRY_ATTEMPTS.min, RETRY_ATTEMPTS.max);
    const eventAge = durationSeconds(this, 'maxAsyncEventAge', props.maxAsyncEventAge, fn.generation === Generation.FC3 ? EVENT_AGE_FC3 : EVENT_AGE_FC2);
    const first = configured.get(fn.fn);
    if (first !== undefined) {
      throw invalid(this, 'fn', fn.fn.node.path, `must not already have its results written by '${first}': Function Compute keeps one asynchronous invocation configuration per function`);
    }
    const role = this.checkRole(props.fn._role, fn, destinations);
    const edges = stackEdges(this, fn, this.given, role === undefined ? undefined : { grantee: role, path: props.fn._role!.node.path });
    checkNoCycle(this, fn, this.given, edges);

    const arn = (channel: IChannel, where: ros.IConstruct): string =>
      Identifiers.fcAsyncDestinationArn(ros.Stack.of(channel) === ros.Stack.of(where) ? channel.channelAddress : literalAddress(channel, where));
    const literalName = fn.functionName;
    this.literalFunctionName = typeof literalName === 'string' && !isUnresolved(literalName) ? literalName : undefined;
    let target: ros.RosResource;
    if (fn.generation === Generation.FC3) {
      claimLogicalId(this, id);
      this.asyncInvokeConfig = new fc3.RosAsyncInvokeConfig(this, id, {
        functionName: ros.Token.asString(fn.fn.attrFunctionName),
        destinationConfig: withoutUndefined({
          onSuccess: props.onSuccess ? { destination: arn(props.onSuccess, this) } : undefined,
          onFailure: props.onFailure ? { destination: arn(props.onFailure, this) } : undefined,
        }),
        maxAsyncRetryAttempts: props.maxAsyncRetryAttempts,
        maxAsyncEventAgeInSeconds: eventAge,
      }, ros.Stack.of(this).enableResourcePropertyConstraint);
      target = this.asyncInvokeConfig;
    } else {
      const rosFunction = fn.rosFunction!;
      this.fc2Config = setAsyncConfiguration(this, fn, rosFunction, {
        destination: withoutUndefined({
          onSuccess: props.onSuccess ? arn(props.onSuccess, rosFunction) : undefined,
          onFailure: props.onFailure ? arn(props.onFailure, rosFunction) : undefined,
        }),
        maxAsyncRetryAttempts: props.maxAsyncRetryAttempts,
        maxAsyncEventAgeInSeconds: eventAge,
      });
      target = rosFunction;
    }
    configured.set(fn.fn, this.node.path);

    if (role !== undefined) {
      for (const channel of destinations) {
        const grant = grantSend(channel, role);
        // Function Compute checks the role when it takes the destinations: not before the role may send
        if (ros.Stack.of(grant.policy) === ros.Stack.of(target)) {
          target.addRosDependency(grant.policy.logicalId);
        }
      }
    }
    // a channel of another stack is named by its literal name, which makes no reference: that stack goes first
    for (const channel of destinations) {
      if (ownsResource(channel) && separateStacks(this, channel)) {
        ros.Stack.of(this).addDependency(ros.Stack.of(channel), `${this.node.path} -> ${channel.node.path} (a destination of the function's results)`);
      }
    }
    recordEdges(this, edges);
  }

  /**
   * The two destinations, checked: at least one, each a queue or a topic in the function's region and account. The
   * same channel for both is one channel.
   */
  private destinations(props: FunctionResultDestinationsProps, fn: BoundFunction): IChannel[] {
    const given = (['onSuccess', 'onFailure'] as const).filter((p) => props[p] !== undefined && props[p] !== null);
    if (given.length === 0) {
      throw invalid(this, 'onSuccess', undefined, 'or onFailure must be given (or both): the queue or topic the results go to');
    }
    const channels: IChannel[] = [];
    for (const prop of given) {
      const channel = props[prop]!;
      requireChannelOfAnyKind(this, prop, channel);
      checkSameLocation(this, {
        prop,
        subject: locationOf(channel),
        subjectName: channelDisplay(channel),
        expected: fn.location,
        expectedName: fn.display,
        reason: 'Function Compute delivers the results with the function\'s role, to SMQ of the function\'s own region and account',
        remedy: 'give the stacks an env with a literal region and account, or import the channel without a region and account of its own',
      });
      if (!channels.includes(channel)) {
        channels.push(channel);
      }
    }
    return channels;
  }

  /**
   * The role to grant to: the one given with the function, checked to be a RAM role that Function Compute may assume
   * and that the function (FC 2.0: its service) names. Without one, a warning (or for an FC 3.0 function without a
   * role, an info) says what sends the results and what to allow by hand.
   */
  private checkRole(role: ram.IRole | undefined, fn: BoundFunction, channels: IChannel[]): ram.IGrantable | undefined {
    const needs = channels.map((c) => `${SEND_ACTION[c.channelAddress.kind]} on ${channelDisplay(c)} (${describeValue(Identifiers.ramMessagesArn(c.channelAddress))})`).join(' and ');
    const hasRole = fn.roleArn !== undefined && fn.roleArn !== null && fn.roleArn !== '';
    if (role === undefined || role === null) {
      if (hasRole) {
        warnOnce(this, `fn: ${fn.display} sends its results with the role in ${fn.roleOwner} (${describeRoleArn(fn)}), which was not given here: `
          + `allow that role ${needs} by hand, or pass the ram.Role as the last argument of ${factoryOf(fn)} to have it granted.`);
      } else if (fn.generation === Generation.FC3) {
        warnOnce(this, `fn: ${fn.display} has no role, and Function Compute sends its results with the function's role (the service-linked role `
          + `${SERVICE_LINKED_ROLE} is not documented to send to SMQ: ${SERVICE_LINKED_ROLE_PAGE}): give the function a role trusted by ${FC_SERVICE} `
          + `(role: role.attrArn), allowed ${needs}, and pass it as the last argument of ${factoryOf(fn)} to have it granted.`);
      } else {
        warnOnce(this, `fn: ${fn.display} sends its results with its service's role, and ${fn.roleOwner} names none: give the service a role trusted by `
          + `${FC_SERVICE} (role: role.attrArn), allowed ${needs}, and pass it as the last argument of ${factoryOf(fn)} to have it granted.`);
      }
      return undefined;
    }
    if (!isConstruct(role) || (role as Partial<ram.IRole>).attrArn === undefined) {
      throw invalid(this, 'fn (role)', describeConstruct(role), 'must be a RAM role (ram.Role of @alicloud/ros-cdk-ram)');
    }
    if (!hasRole) {
      throw invalid(this, 'fn (role)', role.node.path, `must be the role of ${fn.display}, but ${fn.roleOwner} names none: `
        + `Function Compute sends the results with that role; set it to role.attrArn`);
    }
    checkNamesRole(this, role, fn);
    checkServiceTrust(this, 'fn (role)', role, FC_SERVICE, 'Function Compute assumes it to send the results');
    const grantee = role as unknown as Partial<ram.IGrantable>;
    if (grantee.grantPrincipal === undefined || grantee.grantPrincipal === null) {
      warnOnce(this, `fn: '${role.node.path}' is not a ram.Role this library can grant to: allow it ${needs} by hand.`);
      return undefined;
    }
    return grantee as ram.IGrantable;
  }

  /**
   * At synth, when the app is complete:
   * - an FC 3.0 function has one asynchronous invocation configuration: another `ALIYUN::FC3::AsyncInvokeConfig` in
   *   the stack for the same function (made with `@alicloud/ros-cdk-fc3` directly) would replace this one;
   * - an FC 2.0 function's AsyncConfiguration replaced after this construct set it loses the destinations;
   * - a destination that is also what triggers the function asynchronously (a topic trigger without a filter tag, a
   *   queue trigger with asynchronous invocation) would invoke it again with each result, without end.
   */
  protected override validate(): string[] {
    return [...this.otherConfigs(), ...this.replacedConfig(), ...this.loops()];
  }

  private otherConfigs(): string[] {
    const mine = this.asyncInvokeConfig;
    if (mine === undefined) {
      return [];
    }
    const stack = ros.Stack.of(mine);
    const names = [JSON.stringify(stack.resolve(mine.functionName)), ...(this.literalFunctionName === undefined ? [] : [JSON.stringify(this.literalFunctionName)])];
    return resourcesOf(stack, FC3_TYPE)
      .filter((c) => c !== mine && names.includes(JSON.stringify(stack.resolve((c as fc3.RosAsyncInvokeConfig).functionName))))
      .map((c) => `fn must not have another asynchronous invocation configuration, but '${c.node.path}' configures ${this.bound.display} too: `
        + 'Function Compute keeps one per function, so the later one would replace the other');
  }

  private replacedConfig(): string[] {
    const rosFunction = this.bound.rosFunction as fc.RosFunction | undefined;
    if (this.fc2Config === undefined || rosFunction === undefined || rosFunction.asyncConfiguration === this.fc2Config) {
      return [];
    }
    return [`fn must keep the AsyncConfiguration this construct set, but the asyncConfiguration of ${this.bound.display} was replaced afterwards: `
      + 'its destinations are lost; set the other fields before creating the FunctionResultDestinations'];
  }

  private loops(): string[] {
    const fn = this.bound.fn;
    const stack = ros.Stack.of(fn);
    const render = (value: unknown): string => JSON.stringify(stack.resolve(value));
    const names = [render(fn.attrFunctionName), ...(this.literalFunctionName === undefined ? [] : [JSON.stringify(this.literalFunctionName)])];
    const errors: string[] = [];
    for (const type of ['ALIYUN::FC3::Trigger', 'ALIYUN::FC::Trigger']) {
      for (const trigger of resourcesOf(stack, type) as Array<ros.RosResource & TriggerLike>) {
        if (!names.includes(render(trigger.functionName))) {
          continue;
        }
        const config = (ros.Tokenization.isResolvable(trigger.triggerConfig) ? undefined : trigger.triggerConfig) as { [key: string]: any } | undefined;
        for (const { prop, channel } of this.given) {
          const address = channel.channelAddress;
          const topicLoop = address.kind === ChannelKind.TOPIC && trigger.triggerType === 'mns_topic'
            && render(trigger.sourceArn) === render(Identifiers.fcTopicTriggerSourceArn(address))
            && config?.filterTag === undefined && config?.FilterTag === undefined;
          const queueLoop = address.kind === ChannelKind.QUEUE && trigger.triggerType === 'eventbridge' && config?.asyncInvocationType === true
            && config?.eventSourceConfig?.eventSourceParameters?.sourceMNSParameters?.QueueName !== undefined
            && render(config.eventSourceConfig.eventSourceParameters.sourceMNSParameters.QueueName) === render(address.name);
          if (topicLoop || queueLoop) {
            errors.push(`${prop} must not be the ${address.kind} whose trigger '${trigger.node.path}' invokes ${this.bound.display} asynchronously: `
              + `each result written to it would invoke the function again, without end${topicLoop ? ' (a filter tag on the trigger keeps the results out)' : ''}`);
          }
        }
      }
    }
    return errors;
  }
}

/** What the loop check reads of an FC 3.0 or FC 2.0 trigger resource. */
interface TriggerLike {
  readonly functionName: unknown;
  readonly triggerType: unknown;
  readonly triggerConfig: unknown;
  readonly sourceArn?: unknown;
}

/** Each stack's resources by type, found once: validation runs when the tree is complete. */
const resourcesByType = new WeakMap<ros.Stack, Map<string, ros.RosResource[]>>();

function resourcesOf(stack: ros.Stack, type: string): ros.RosResource[] {
  let byType = resourcesByType.get(stack);
  if (byType === undefined) {
    byType = new Map();
    for (const c of stack.node.findAll()) {
      if (ros.RosResource.isRosResource(c) && ros.Stack.of(c) === stack) {
        byType.set(c.rosResourceType, [...(byType.get(c.rosResourceType) ?? []), c]);
      }
    }
    resourcesByType.set(stack, byType);
  }
  return byType.get(type) ?? [];
}

function bindFunction(scope: ros.IConstruct, fn: ResultFunction): BoundFunction {
  if (typeof (fn as Partial<ResultFunction> | undefined)?._bind !== 'function') {
    throw invalid(scope, 'fn', describeConstruct(fn), 'must be a ResultFunction: ResultFunction.fc3(fn, role) or ResultFunction.fc2(service, fn, role)');
  }
  const bound = fn._bind(scope, 'fn');
  if (bound.generation === Generation.FC2) {
    // the destinations go into the function's own resource, which lives in the function's stack
    if (ros.Stack.of(bound.fn) !== ros.Stack.of(scope)) {
      throw invalid(scope, 'fn', bound.fn.node.path, `must be in the stack of this construct ('${ros.Stack.of(scope).stackName}'): FC 2.0 destinations are `
        + `set on the function's own resource, so create the FunctionResultDestinations in stack '${ros.Stack.of(bound.fn).stackName}'`);
    }
  } else {
    checkSameLocation(scope, {
      prop: 'fn',
      subject: bound.location,
      subjectName: bound.display,
      expected: stackLocation(scope),
      expectedName: 'the stack',
      reason: 'ROS creates the asynchronous invocation configuration in the stack\'s region and account, naming the function by name',
      remedy: 'give the stacks an env with a literal region and account',
    });
  }
  return bound;
}

/**
 * The role given must be the one the function (FC 2.0: its service) names: the same attribute or value, or a literal
 * ARN that ends with the role's literal name. A parameter or another value that cannot be told apart passes.
 */
function checkNamesRole(scope: ros.IConstruct, role: ram.IRole, fn: BoundFunction): void {
  const stack = ros.Stack.of(fn.fn);
  const named = stack.resolve(fn.roleArn);
  if (JSON.stringify(named) === JSON.stringify(stack.resolve(role.attrArn))) {
    return;
  }
  const roleName = propOf(role, l1Of(role, RAM_ROLE_TYPE), 'roleName');
  if (typeof named === 'string') {
    const whose = `must be the role of ${fn.display}, whose ${fn.roleOwner.replace(/^the /, '')} is ${describeValue(named)}`;
    // acs:ram::{account}:role/{name}: RAM writes the name in lower case
    const account = /^acs:ram::([0-9]+):role\//i.exec(named)?.[1];
    const roleAccount = stackAccount(role);
    if (account !== undefined && !isUnresolved(roleAccount) && account !== roleAccount) {
      throw invalid(scope, 'fn (role)', role.node.path, `${whose}: a role of account ${account}, and '${role.node.path}' is in account ${roleAccount}`);
    }
    if (typeof roleName !== 'string' || isUnresolved(roleName) || named.toLowerCase().endsWith(`:role/${roleName.toLowerCase()}`)) {
      return;
    }
    throw invalid(scope, 'fn (role)', role.node.path, `${whose}, not role ${describeValue(roleName)}`);
  }
  if (typeof named === 'object' && named !== null && 'Fn::GetAtt' in named) {
    throw invalid(scope, 'fn (role)', role.node.path, `must be the role of ${fn.display}, whose ${fn.roleOwner.replace(/^the /, '')} names another resource's ARN`);
  }
}

/**
 * Sets the destinations in an FC 2.0 function's `AsyncConfiguration`, keeping what the function already sets there
 * (such as `statefulInvocation`). A field set in both places is an error rather than one silently winning; so is a
 * configuration given as a token, which synth cannot merge into.
 */
function setAsyncConfiguration(scope: ros.IConstruct, fn: BoundFunction, rosFunction: ros.RosResource,
  ours: fc.RosFunction.AsyncConfigurationProperty): fc.RosFunction.AsyncConfigurationProperty {
  const target = rosFunction as fc.RosFunction;
  const existing = target.asyncConfiguration;
  if (existing === undefined || existing === null) {
    const config = withoutUndefined(ours);
    target.asyncConfiguration = config;
    return config;
  }
  if (ros.Tokenization.isResolvable(existing) || typeof existing !== 'object') {
    throw invalid(scope, 'fn', fn.fn.node.path, 'must not have its asyncConfiguration given as a token: synth cannot add the destinations to it');
  }
  const given = existing as fc.RosFunction.AsyncConfigurationProperty;
  const clashes = (Object.keys(withoutUndefined(ours)) as Array<keyof fc.RosFunction.AsyncConfigurationProperty>).filter((k) => given[k] !== undefined && given[k] !== null);
  if (clashes.length > 0) {
    throw invalid(scope, 'fn', fn.fn.node.path, `must not set asyncConfiguration.${clashes.join(' or asyncConfiguration.')} itself when a FunctionResultDestinations `
      + 'sets it: set each in one place (the function keeps its other asyncConfiguration fields, such as statefulInvocation)');
  }
  const merged = { ...given, ...withoutUndefined(ours) };
  target.asyncConfiguration = merged;
  return merged;
}

/** Grants sending to `channel`, and nothing else, on that channel only. */
function grantSend(channel: IChannel, grantee: ram.IGrantable): Grant {
  const action = SEND_ACTION[channel.channelAddress.kind];
  return channel.channelAddress.kind === ChannelKind.QUEUE ? (channel as IQueue).grant(grantee, action) : (channel as ITopic).grant(grantee, action);
}

/** The role a function names, for a message: its literal ARN, the resource whose ARN it is, or a deploy-time value. */
function describeRoleArn(fn: BoundFunction): string {
  const rendered = ros.Stack.of(fn.fn).resolve(fn.roleArn);
  if (typeof rendered === 'string') {
    return describeValue(rendered);
  }
  const getAtt = typeof rendered === 'object' && rendered !== null ? (rendered as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'] : undefined;
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
    return `the Arn of resource ${getAtt[0]}`;
  }
  return 'a deploy-time value';
}

function factoryOf(fn: BoundFunction): string {
  return fn.generation === Generation.FC3 ? 'ResultFunction.fc3(fn, role)' : 'ResultFunction.fc2(service, fn, role)';
}

/** One stack that will need another (deploy after it), and why. */
interface StackEdge {
  readonly from: ros.Stack;
  readonly to: ros.Stack;
  readonly why: string;
  /** For the policy of a grant in the role's stack that names a channel by a deploy-time name: which. */
  readonly grant?: { readonly prop: string; readonly channel: IChannel; readonly role: string };
  /** For the configuration naming its function. */
  readonly namesFunction?: boolean;
  /** For the configuration naming a channel of another stack. */
  readonly channelProp?: string;
}

/** The edges made by the FunctionResultDestinations built so far, per app: core finds token references only at synth. */
const appEdges = new WeakMap<ros.IConstruct, StackEdge[]>();

/** The top-level stack of a construct: references within one tree of nested stacks are parameters and outputs. */
function topLevel(scope: ros.IConstruct): ros.Stack {
  let stack = ros.Stack.of(scope);
  while (stack.nestedStackParent !== undefined) {
    stack = stack.nestedStackParent;
  }
  return stack;
}

/** Whether two constructs are in different top-level stacks of one stage, the stacks core orders by dependencies. */
function separateStacks(a: ros.IConstruct, b: ros.IConstruct): boolean {
  return topLevel(a) !== topLevel(b) && ros.Stage.of(a) === ros.Stage.of(b);
}

function ownsResource(channel: IChannel): boolean {
  const resource = (channel as unknown as { resource?: unknown }).resource;
  return typeof resource === 'object' && resource !== null && ros.RosResource.isRosResource(resource as ros.IConstruct);
}

/** A construct for a message: an L2 rather than the L1 it holds. */
function displayPath(target: ros.IConstruct): string {
  const parent = target.node.scope as { resource?: unknown } | undefined;
  return parent !== undefined && parent.resource === target ? (parent as unknown as ros.IConstruct).node.path : target.node.path;
}

/** The constructs whose attributes a value references (Ref and Fn::GetAtt), as far as the value shows them. */
function referencedConstructs(value: unknown, found: ros.IConstruct[] = []): ros.IConstruct[] {
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') {
    return found;
  }
  if (typeof value === 'string') {
    if (isUnresolved(value)) {
      for (const token of ros.Tokenization.reverseString(value).tokens) {
        referencedConstructs(token, found);
      }
    }
    return found;
  }
  if (ros.Reference.isReference(value)) {
    if (!found.includes(value.target)) {
      found.push(value.target);
    }
    return found;
  }
  if (Array.isArray(value)) {
    value.forEach((v) => referencedConstructs(v, found));
  } else if (typeof value === 'object' && !ros.Tokenization.isResolvable(value)) {
    Object.values(value as object).forEach((v) => referencedConstructs(v, found));
  }
  return found;
}

/**
 * The dependencies between stacks this construct makes: its configuration names the function (by its name attribute)
 * and the channels (a channel of another stack by its literal name, with an explicit dependency); the role's policy,
 * in the role's stack, names each channel (by its literal name where there is one); and the function (FC 2.0: also
 * its service) references what its role prop names.
 */
function stackEdges(scope: ros.IConstruct, fn: BoundFunction, given: ReadonlyArray<{ readonly prop: string; readonly channel: IChannel }>,
  role: { readonly grantee: ram.IGrantable; readonly path: string } | undefined): StackEdge[] {
  const edges: StackEdge[] = [];
  const add = (from: ros.IConstruct, to: ros.IConstruct, why: string, extra: Partial<StackEdge> = {}): void => {
    if (separateStacks(from, to)) {
      edges.push({ from: topLevel(from), to: topLevel(to), why, ...extra });
    }
  };
  const path = scope.node.path;
  for (const { prop, channel } of given) {
    if (role !== undefined) {
      const placement = policyPlacement(role.grantee, channel);
      if (placement.crossStack && isUnresolved(literalAddress(channel, placement.parent).name)) {
        add(placement.parent, channel, `the policy of role '${role.path}' names ${channelDisplay(channel)} by its deploy-time name`,
          { grant: { prop, channel, role: role.path } });
      }
    }
    if (ownsResource(channel)) {
      add(scope, channel, `${channelDisplay(channel)} must exist before '${path}' names it`, { channelProp: prop });
    } else if (isUnresolved(literalAddress(channel, scope).name)) {
      add(scope, channel, `'${path}' names ${channelDisplay(channel)} by its deploy-time name`, { channelProp: prop });
    }
  }
  if (fn.generation === Generation.FC3) {
    add(scope, fn.fn, `'${path}' names ${fn.display} by its name attribute`, { namesFunction: true });
  }
  const references = (owner: ros.IConstruct, ownerDisplay: string, prop: string, value: unknown): void => {
    for (const target of referencedConstructs(value)) {
      add(owner, target, `${ownerDisplay} names '${displayPath(target)}' in its ${prop} prop`);
    }
  };
  if (fn.service !== undefined) {
    references(fn.fn, fn.display, 'serviceName', fn.serviceName);
    references(fn.service, `service '${fn.service.node.path}'`, 'role', fn.roleArn);
  } else {
    references(fn.fn, fn.display, 'role', fn.roleArn);
  }
  return edges;
}

function recordEdges(scope: ros.IConstruct, edges: StackEdge[]): void {
  const root = scope.node.root;
  appEdges.set(root, [...(appEdges.get(root) ?? []), ...edges]);
}

/**
 * Core turns each reference between two stacks into a dependency and fails at synth, with a bare Error, when two
 * stacks would need each other. Finds such a cycle through the dependencies this construct makes (with those of the
 * app's other FunctionResultDestinations and those added with `addDependency`) and says what to change.
 */
function checkNoCycle(scope: ros.IConstruct, fn: BoundFunction, given: ReadonlyArray<{ readonly prop: string; readonly channel: IChannel }>,
  edges: StackEdge[]): void {
  const all = [...(appEdges.get(scope.node.root) ?? []), ...edges];
  const explicit = (stack: ros.Stack): StackEdge[] => stack.dependencies.map((to) => ({ from: stack, to, why: 'a dependency added with addDependency' }));
  const next = (stack: ros.Stack): StackEdge[] => [...all.filter((e) => e.from === stack), ...explicit(stack)];
  const ordered = [...edges.filter((e) => e.grant), ...edges.filter((e) => e.namesFunction), ...edges.filter((e) => !e.grant && !e.namesFunction)];
  for (const edge of ordered) {
    const back = pathBetween(edge.to, edge.from, next);
    if (back === undefined) {
      continue;
    }
    const cycle = [edge, ...back];
    const chain = cycle.map((e) => `'${e.from.stackName}' -> '${e.to.stackName}': ${e.why}`).join('; ');
    if (edge.grant !== undefined) {
      const { prop, channel, role } = edge.grant;
      const kind = channel.channelAddress.kind;
      throw invalid(scope, prop, channel.node.path, `must have a literal name or be in the stack of role '${role}' ('${edge.from.stackName}'), whose policy names it: `
        + `the stacks would need each other (${chain}). Give the ${kind} a literal ${kind}Name, or create it in stack '${edge.from.stackName}'`);
    }
    if (cycle.some((e) => e.namesFunction)) {
      throw invalid(scope, 'fn', fn.fn.node.path, `must not make the stacks need each other (${chain}): `
        + `create the FunctionResultDestinations in stack '${topLevel(fn.fn).stackName}', the function's`);
    }
    const channelEdge = cycle.find((e) => e.channelProp !== undefined && e.from === topLevel(scope));
    if (channelEdge !== undefined) {
      const channel = given.find((g) => g.prop === channelEdge.channelProp)!.channel;
      throw invalid(scope, channelEdge.channelProp!, channel.node.path, `must be in a stack that does not need stack '${channelEdge.from.stackName}' (${chain}): `
        + `create the ${channel.channelAddress.kind} in stack '${channelEdge.from.stackName}' or in one deployed before it`);
    }
    throw invalid(scope, 'fn', fn.fn.node.path, `must not make the stacks need each other (${chain}): keep these constructs in fewer stacks`);
  }
}

/** A path of edges from one stack to another, if any (breadth first: the shortest). */
function pathBetween(from: ros.Stack, to: ros.Stack, next: (stack: ros.Stack) => StackEdge[]): StackEdge[] | undefined {
  const via = new Map<ros.Stack, StackEdge[]>([[from, []]]);
  const queue = [from];
  while (queue.length > 0) {
    const stack = queue.shift()!;
    if (stack === to) {
      return via.get(stack);
    }
    for (const edge of next(stack)) {
      if (!via.has(edge.to)) {
        via.set(edge.to, [...via.get(stack)!, edge]);
        queue.push(edge.to);
      }
    }
  }
  return undefined;
}
