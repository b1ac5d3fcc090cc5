/**
 * A call of an Alibaba Cloud RPC OpenAPI action on create, update and delete of a stack resource, for the wirings ROS
 * has no resource type for: an `ALIYUN::ROS::CustomResource` served by one FC 3.0 function per stack.
 *
 * ROS custom resources: https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ros-customresource
 * (properties ServiceToken, Timeout 1 to 43200 seconds, Parameters; the FC 3.0 ServiceToken
 * `acs:fc:<region_id>:<account_id>:functions/<function_name>`; `Fn::GetAtt` returns `Outputs`, the Data map the
 * provider answered with, or one key of it). What the function receives and answers:
 * https://alibabacloud.com/help/en/ros/user-guide/custom-resource-response-objects . The function's code is
 * `handler/index.js` of this folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as ram from '@alicloud/ros-cdk-ram';
import { Duration, durationSeconds } from '../core/duration';
import { claimLogicalId } from '../core/ids';
import { claimName, generatePhysicalName } from '../core/names';
import { stackAccount, stackRegion, warnOnce } from '../core/state';
import { fragmentsOf, literalText } from '../core/text';
import { truncate } from '../core/util';
import { checkBoolean, invalid, isUnresolved, requireProps, ValidationError } from '../core/validation';
import { packageScript, zip } from './zip';

/** One request to the API: an action and its parameters. */
export interface ApiRequest {
  /**
   * The action, as the API reference names it: letters and digits, starting with an upper-case letter, such as
   * `SetEventCallback`.
   */
  readonly action: string;
  /**
   * The request parameters, by the names the API reference gives them (a letter, then letters, digits, `.`, `_` or
   * `-`; not one of the request's own fields Action, Version, Format, AccessKeyId, SecurityToken, SignatureMethod,
   * SignatureVersion, SignatureNonce, Signature, Timestamp). Values may hold tokens (they resolve at deploy time); an
   * object or a list is sent as its JSON text, as RPC APIs take structured parameters. With the rest of the call, at
   * most 64 KB of JSON.
   *
   * @default - no parameters
   */
  readonly parameters?: { [name: string]: any };
  /**
   * Requests made after this one succeeds (and after its waitFor), one after the other, to the same endpoint and API
   * version. Each may have its own onlyIf, waitFor and then. The resource's physical id and outputs always come from
   * the answer to the phase's first request (onCreate's, onUpdate's). With this request and every then at any depth,
   * at most 10 requests per phase.
   *
   * @default - none
   */
  readonly then?: ApiRequest[];
  /**
   * A check made before the request: the request (with its waitFor and then) is sent only when the check's response
   * holds one of the condition's values; otherwise it is skipped and counts as done. On onDelete, a check that the API
   * answers with one of ignoreErrorCodesOnDelete skips the request too.
   *
   * @default - the request is always sent
   */
  readonly onlyIf?: ApiCondition;
  /**
   * Polling after the request, until the thing it started is ready: see {@link ApiWait}. The first poll comes one
   * interval after the request. The wait ends within the call's timeout; on onDelete, a poll answered with one of
   * ignoreErrorCodesOnDelete ends it (the thing is gone).
   *
   * @default - no waiting
   */
  readonly waitFor?: ApiWait;
  /**
   * Names of parameters that must have a value at deploy time for the request to be sent: when one is missing or
   * `''` (such as a value from a stack parameter left empty), the request (with its waitFor and then) is skipped and
   * counts as done. Each must be a key of parameters.
   *
   * @default - none: the request is always sent
   */
  readonly skipUnlessSet?: string[];
  /**
   * Leave out the parameters whose value is `''` at deploy time (values taken from another call's output or a stack
   * parameter may be empty, and some APIs refuse an empty value where they accept none).
   *
   * @default false - `''` is sent as `''`
   */
  readonly omitEmptyParameters?: boolean;
}

/**
 * A condition for an {@link ApiRequest}: a read request (such as `GetEventCallback`) and the values of one field of
 * its response that let the request go ahead.
 */
export interface ApiCondition {
  /** The action of the check, named as {@link ApiRequest.action} is, such as `GetEventCallback`. */
  readonly action: string;
  /**
   * The check's parameters, as {@link ApiRequest.parameters} are.
   *
   * @default - no parameters
   */
  readonly parameters?: { [name: string]: any };
  /** A dotted path into the check's response, such as `CallbackQueueName`, with the rules of outputPaths. */
  readonly path: string;
  /**
   * The values that let the request go ahead, at least one. The value at path is compared as text (a number as its
   * digits, an object or a list as its JSON); a missing value reads as `''`, so `''` matches a field that is absent
   * or empty. Tokens pass (they resolve at deploy time).
   */
  readonly values: string[];
}

/**
 * Polling after an {@link ApiRequest}: a read request (such as `GetEventStreaming`) repeated until one field of its
 * response says the work is done, or failed. The first poll is made one interval after the request, not right after
 * it: the status an API reports lags the request (a stream restarted after a failed start may still read
 * `STARTING_FAILED` for a moment, which failOn would take for the new start's failure; Terraform's event stream state
 * waits start after a 10 s delay likewise, `BuildStateConf` in aliyun/terraform-provider-alicloud
 * `alicloud/service_alicloud_event_bridge_v2.go`). The next polls come every interval, all within the call's timeout:
 * when the next poll would come after it, the operation fails. A poll that fails for a passing reason (throttling, a
 * network error) is retried like any request.
 */
export interface ApiWait {
  /** The action to poll, named as {@link ApiRequest.action} is, such as `GetEventStreaming`. */
  readonly action: string;
  /**
   * The poll's parameters, as {@link ApiRequest.parameters} are.
   *
   * @default - no parameters
   */
  readonly parameters?: { [name: string]: any };
  /** A dotted path into the poll's response, such as `Data.Status`, with the rules of outputPaths. */
  readonly path: string;
  /** The values (compared as text, a missing value as `''`) that end the wait with success, at least one. */
  readonly until: string[];
  /**
   * The values that end the wait with failure; the reason names the value. None may be one of until.
   *
   * @default - none: only the timeout ends a wait that does not reach until
   */
  readonly failOn?: string[];
  /**
   * The time between the request and the first poll, and between two polls: 1 to 60 whole seconds, and shorter than
   * the call's timeout less the margin the function keeps to answer ROS (a fifth of the timeout, at most 10 seconds),
   * so that at least one poll fits.
   *
   * @default Duration.seconds(5)
   */
  readonly interval?: Duration;
}

/**
 * Permissions the calls need: RAM actions on RAM resources. The function that makes the calls gets exactly these and
 * nothing else.
 */
export interface ApiPermission {
  /** RAM actions, `<service>:<Action>`, such as `ice:SetEventCallback`. */
  readonly actions: string[];
  /**
   * The resources the actions are allowed on: ARNs `acs:<service>:<region>:<account>:<resource>` as the API's
   * authorization information lists them. Give `'*'` only for an action that the API reference says has no
   * resource-level authorization ("All Resources").
   */
  readonly resources: string[];
}

/** The physical id of an {@link ApiCall}'s resource: ROS keeps it for the resource's life. */
export class PhysicalResourceId {
  /** A fixed id, 1 to 255 bytes. */
  public static of(id: string): PhysicalResourceId {
    if (typeof id !== 'string' || (!isUnresolved(id) && (id === '' || Buffer.byteLength(id, 'utf8') > MAX_ID_BYTES))) {
      throw new ValidationError('', 'PhysicalResourceId.of(id)', id, `must be a string of 1 to ${MAX_ID_BYTES} bytes`);
    }
    return new PhysicalResourceId(id, undefined);
  }

  /** The value at a dotted path of the onCreate response, such as `EventStreamingARN`. */
  public static fromResponse(responsePath: string): PhysicalResourceId {
    const rule = responsePathRule(responsePath);
    if (rule !== undefined) {
      throw new ValidationError('', 'PhysicalResourceId.fromResponse(responsePath)', responsePath, rule);
    }
    return new PhysicalResourceId(undefined, responsePath);
  }

  /** The fixed id, when it is one. */
  public readonly id?: string;
  /** The path into the onCreate response, when the id is read from it. */
  public readonly responsePath?: string;

  private constructor(id: string | undefined, responsePath: string | undefined) {
    this.id = id;
    this.responsePath = responsePath;
  }
}

/** Properties of an {@link ApiCall}. */
export interface ApiCallProps {
  /**
   * The product code of the API: lower-case letters and digits, with hyphens inside, such as `ice` or `eventbridge`.
   * It names the default endpoint.
   */
  readonly product: string;
  /** The API version, `YYYY-MM-DD`, such as `2020-11-09`. */
  readonly apiVersion: string;
  /**
   * The API's endpoint, an `https://` URL with a host name under `aliyuncs.com` (or a token) and no path: the
   * function sends its role's STS token to it.
   *
   * @default `https://{product}.{region}.aliyuncs.com` in the stack's region
   */
  readonly endpoint?: string;
  /**
   * The request made when ROS creates the resource.
   *
   * @default - nothing is called on create
   */
  readonly onCreate?: ApiRequest;
  /**
   * The request made when a property of the resource changes (any of these props). Without it, an onCreate action
   * named `Create...` gets a warning: an update would create the thing again.
   *
   * @default - onCreate's request
   */
  readonly onUpdate?: ApiRequest;
  /**
   * The request made when ROS deletes the resource (with the stack, or when it leaves the app).
   *
   * @default - nothing is called on delete
   */
  readonly onDelete?: ApiRequest;
  /**
   * What the calls need, at least one. The function that makes every API call of the stack gets the union of all the
   * calls' permissions, in one policy.
   */
  readonly permissions: ApiPermission[];
  /**
   * The resource's physical id.
   *
   * @default - the resource's logical id
   */
  readonly physicalResourceId?: PhysicalResourceId;
  /**
   * Dotted paths of the create and update responses to return to ROS, each readable with `Fn::GetAtt` as a key of the
   * same name; {@link ApiCall.getResponseField} adds its path here. ROS takes at most 4096 bytes in the whole answer.
   *
   * @default - only the paths asked for with getResponseField
   */
  readonly outputPaths?: string[];
  /**
   * Error codes of the onDelete request that mean the thing is already gone: the delete then succeeds. An onDelete
   * without them gets a warning; give `[]` when onDelete cannot fail on a thing that is gone.
   *
   * @default - every error fails the delete
   */
  readonly ignoreErrorCodesOnDelete?: string[];
  /**
   * How long ROS waits for the call's answer (the custom resource's Timeout), 1 to 43200 seconds; the handler answers
   * within it (Parameters' `CallTimeout`). The stack's API-call function runs as long as the longest timeout of its
   * calls.
   *
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
  /**
   * On create, an output path that is missing from the response (or a create whose first request was skipped by its
   * onlyIf or skipUnlessSet) gives `''` in the outputs instead of failing: for reads of a setting that may be unset.
   * On update, missing paths are always left out of the outputs.
   *
   * @default false - a missing output path fails the create
   */
  readonly allowMissingOutputs?: boolean;
}

/** Requests of one phase (onCreate, onUpdate or onDelete), its then at any depth included. */
const MAX_REQUESTS = 10;
/** A waitFor's interval: whole seconds (the handler takes fractions, which only its tests use). */
const INTERVAL = { min: 1, max: 60, unit: 'seconds' };
const DEFAULT_INTERVAL_SECONDS = 5;
/** ROS takes physical ids of at most 255 bytes. */
const MAX_ID_BYTES = 255;
/** The custom resource's Timeout range (ROS reference). */
const TIMEOUT = { min: 1, max: 43200, unit: 'seconds' };
const DEFAULT_TIMEOUT_SECONDS = 300;
const RESOURCE_TYPE = 'ALIYUN::ROS::CustomResource';
/** The provider construct, one per stack, found by this id. */
const PROVIDER_ID = 'ApiCallProvider';
/** RAM role names: at most 64 characters; RAM policy documents: at most 6,144 characters (RAM limits page). */
const MAX_ROLE_NAME_LENGTH = 64;
const MAX_POLICY_DOCUMENT_LENGTH = 6144;
/** Room kept for a region that is a token (the longest region IDs are about 25 characters). */
const MAX_REGION_LENGTH = 28;
/** Alibaba Cloud account IDs: 16 digits. */
const ACCOUNT_ID_LENGTH = 16;
/** FC 3.0 function names: at most 128 characters; we keep them shorter. */
const MAX_FUNCTION_NAME_LENGTH = 64;
/** FC 3.0 descriptions: at most 256 characters. */
const MAX_FUNCTION_DESCRIPTION_LENGTH = 256;
/** The principal of Function Compute, which assumes a function's role. */
const FC_SERVICE = 'fc.aliyuncs.com';

const PRODUCT = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const API_VERSION = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ACTION_NAME = /^[A-Z][A-Za-z0-9]*$/;
/** `<service>:<Action>`, a wildcard allowed in the action part (as RAM takes it). */
const RAM_ACTION = /^[a-z0-9][a-z0-9-]*:[A-Za-z0-9*]+$/;
/** A resource ARN; tokens in it are stood in for by `x` before the test. */
const RESOURCE_ARN = /^acs:[a-z0-9*-]+:[^\s:]*:[^\s:]*:\S+$/;
/** An https endpoint: a host name and an optional port; tokens in it are stood in for by `x` before the test. */
const ENDPOINT = /^https:\/\/[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?\/?$/;
const ERROR_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A request parameter's name, as RPC API references spell them (`Tag.1.Key`, `Source.QueueName`). */
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;
/**
 * The request's own fields, which pop-core sets for every RPC request (the common parameters and the signature; see
 * `@alicloud/pop-core` lib/rpc.js, which merges the user's parameters over them) and which a parameter of the same
 * name would override.
 */
const RESERVED_PARAMETERS = ['Action', 'Version', 'Format', 'AccessKeyId', 'SecurityToken', 'SignatureMethod', 'SignatureVersion',
  'SignatureNonce', 'Signature', 'Timestamp'];
/**
 * The custom resource's Parameters of one call, as JSON: at most 64 KB. A ROS template body takes at most 524,288
 * bytes (CreateStack's TemplateBody: https://www.alibabacloud.com/help/en/resource-orchestration-service/latest/createstack),
 * shared by every resource of the stack.
 */
const MAX_PARAMETERS_BYTES = 65536;
/** Every JavaScript object has these keys: a response path through them would read the handler's own objects. */
const FORBIDDEN_SEGMENTS = ['__proto__', 'constructor', 'prototype'];
const FORBIDDEN_SEGMENT_RULE = 'must not have a segment __proto__, constructor or prototype (names every JavaScript object has, not fields of the response)';
/** Where Alibaba Cloud's API endpoints live: the function's STS token may go to no other host. */
const API_DOMAIN = '.aliyuncs.com';
const RESPONSE_PATH_RULE = 'must be a dotted path into the response (letters, digits, _ and - between the dots, at most 255 characters), '
  + 'such as "Data.EventStreamingARN", and not "Outputs" (the attribute of the whole map)';
/** The custom resource's attribute that holds the whole Data map (ROS reference); a key of that name would be hidden. */
const OUTPUTS_ATTRIBUTE = 'Outputs';

/** A literal dotted path: segments of letters, digits, `_` and `-`. */
function isResponsePath(value: unknown): value is string {
  return typeof value === 'string' && !isUnresolved(value) && /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(value) && value.length <= 255
    && value !== OUTPUTS_ATTRIBUTE;
}

/** What is wrong with a response path, or undefined when it is fine. */
function responsePathRule(value: unknown): string | undefined {
  if (!isResponsePath(value)) {
    return RESPONSE_PATH_RULE;
  }
  return value.split('.').some((segment) => FORBIDDEN_SEGMENTS.includes(segment)) ? FORBIDDEN_SEGMENT_RULE : undefined;
}

/**
 * Calls an Alibaba Cloud RPC OpenAPI action when ROS creates, updates and deletes this resource: for settings and
 * resources that have no ROS resource type, such as an IMS callback or an EventBridge event stream to a queue.
 *
 * It is an `ALIYUN::ROS::CustomResource` (logical id: this construct's id). One FC 3.0 function per stack, made with
 * the first call, serves every call of the stack; its RAM role, trusted by Function Compute only, has one policy with
 * the union of the permissions the stack's calls declare (statements with the same actions merged, so that calls of one
 * kind on one resource each add one resource apiece; one RAM policy document holds at most 6,144 characters, so a
 * stack holds a bounded number of calls: split them across stacks beyond it). A call answers ROS with FAILED and the
 * API's error code, message and request id when the API refuses, and before its timeout is up. An answer is a refusal
 * when its Code is not a success value (`Success`, `OK`, `200`), when its HTTP status is not 2xx, or when its
 * `Success` is false. A request that fails for a passing reason (throttling, `ServiceUnavailable`, an internal error,
 * HTTP 5xx, a network error) is retried within the timeout, after 1, 2, 4, 8, 8, ... seconds; an action named
 * `Create...` is not repeated when the failed attempt may have taken effect (an internal error, HTTP 5xx, a network
 * error after it was sent), as a repeat could make a second one. The handler's header
 * (`lib/custom-resources/handler/index.js`) lists the codes.
 *
 * Each of onCreate, onUpdate and onDelete may be a small tree of requests rather than one: a check before a request
 * (`onlyIf`), a request skipped when a parameter is empty at deploy time (`skipUnlessSet`), polling after it until the
 * thing it started is ready (`waitFor`), and the requests that follow it (`then`), at most 10 requests per phase, all
 * within the one timeout. An update that would send the same tree as before makes no call.
 *
 * The function's name is fixed by the stack's name: ROS cannot change a custom resource's ServiceToken, so a stack
 * keeps its name once it has calls.
 */
export class ApiCall extends ros.Construct {
  /** The `ALIYUN::ROS::CustomResource` resource. */
  public readonly customResource: ros.RosResource;
  /** The physical id of the resource (`Ref`). */
  public readonly physicalResourceId: string;

  private readonly outputPaths: string[];
  private readonly fields = new Map<string, string>();
  private readonly createsOutputs: boolean;

  constructor(scope: ros.Construct, id: string, props: ApiCallProps) {
    super(scope, id);
    requireProps(this, props, '{ product, apiVersion, permissions, and onCreate, onUpdate or onDelete }');
    checkPattern(this, 'product', props.product, PRODUCT, 'must be a product code: lower-case letters and digits, with hyphens inside, such as "ice" or "eventbridge"');
    checkPattern(this, 'apiVersion', props.apiVersion, API_VERSION, 'must be an API version date YYYY-MM-DD, such as "2020-11-09"');
    const endpoint = props.endpoint ?? `https://${props.product}.${stackRegion(this)}.aliyuncs.com`;
    if (props.endpoint !== undefined) {
      checkEndpoint(this, props.endpoint);
    }
    if (props.onCreate === undefined && props.onUpdate === undefined && props.onDelete === undefined) {
      throw invalid(this, 'onCreate, onUpdate or onDelete', undefined, 'must be given: at least one request to make');
    }
    const onCreate = renderPhase(this, 'onCreate', props.onCreate);
    const onUpdate = renderPhase(this, 'onUpdate', props.onUpdate);
    const onDelete = renderPhase(this, 'onDelete', props.onDelete);
    const permissions = checkPermissions(this, props.permissions);
    warnUnpermitted(this, props, permissions);
    const timeout = durationSeconds(this, 'timeout', props.timeout, TIMEOUT) ?? DEFAULT_TIMEOUT_SECONDS;
    for (const prop of ['onCreate', 'onUpdate', 'onDelete'] as const) {
      checkIntervals(this, prop, props[prop], timeout);
    }

    const physical = props.physicalResourceId;
    if (physical !== undefined && !(physical instanceof PhysicalResourceId)) {
      throw invalid(this, 'physicalResourceId', physical, 'must be PhysicalResourceId.of(id) or PhysicalResourceId.fromResponse(path)');
    }
    if (physical?.responsePath !== undefined && props.onCreate === undefined) {
      throw invalid(this, 'physicalResourceId', `PhysicalResourceId.fromResponse(${JSON.stringify(physical.responsePath)})`,
        'must come with onCreate: the id is read from the onCreate response');
    }
    if (physical?.responsePath !== undefined) {
      // a skipped first request has no response to read the id from: the handler fails every such create
      const skips: Array<[string, unknown]> = [['onCreate.onlyIf', props.onCreate?.onlyIf],
        ['onCreate.skipUnlessSet', (props.onCreate?.skipUnlessSet ?? []).length === 0 ? undefined : props.onCreate?.skipUnlessSet]];
      for (const [prop, value] of skips) {
        if (value !== undefined) {
          throw invalid(this, prop, value, `must not be given with physicalResourceId PhysicalResourceId.fromResponse(${JSON.stringify(physical.responsePath)}): `
            + 'when it skips the request there is no response to read the id from, and the create fails; read the id from a request that is '
            + 'always sent, or give PhysicalResourceId.of(id)');
        }
      }
    }
    this.createsOutputs = props.onCreate !== undefined;
    this.outputPaths = [];
    if (props.outputPaths !== undefined) {
      if (!Array.isArray(props.outputPaths)) {
        throw invalid(this, 'outputPaths', props.outputPaths, 'must be a list of dotted paths into the response');
      }
      props.outputPaths.forEach((p, i) => {
        const rule = responsePathRule(p);
        if (rule !== undefined) {
          throw invalid(this, `outputPaths[${i}]`, p, rule);
        }
      });
      if (props.outputPaths.length > 0) {
        this.requireOutputs('outputPaths', props.outputPaths);
      }
      this.outputPaths.push(...new Set(props.outputPaths));
    }
    const ignored = checkErrorCodes(this, props.ignoreErrorCodesOnDelete, props.onDelete !== undefined);
    checkBoolean(this, 'allowMissingOutputs', props.allowMissingOutputs);
    if (props.allowMissingOutputs !== undefined && props.allowMissingOutputs !== false) {
      this.requireOutputs('allowMissingOutputs', props.allowMissingOutputs);
    }
    warnRepeatedCreate(this, props);
    if (props.onDelete !== undefined && props.ignoreErrorCodesOnDelete === undefined) {
      warnOnce(this, 'onDelete is given without ignoreErrorCodesOnDelete: when what it deletes is already gone (deleted by hand, or never '
        + 'made because the create failed and ROS rolls back), the API\'s error fails the delete and the stack with it: list the error '
        + 'codes that mean "not found", such as ["EventStreamingNotExisted"], or give [] when onDelete cannot fail that way.');
    }

    claimLogicalId(this, id);
    const parameters = {
      Endpoint: endpoint,
      ApiVersion: props.apiVersion,
      // the handler answers ROS before this call's Timeout is up, not only before the shared function's
      CallTimeout: timeout,
      OnCreate: onCreate,
      OnUpdate: onUpdate,
      OnDelete: onDelete,
      IgnoreErrorCodesOnDelete: ignored,
      PhysicalResourceId: physical?.id,
      PhysicalResourceIdPath: physical?.responsePath,
      AllowMissingOutputs: props.allowMissingOutputs === false ? undefined : props.allowMissingOutputs,
    };
    checkParametersSize(this, parameters);
    const provider = ApiCallProvider.register(this, permissions, timeout);
    this.customResource = new ros.RosResource(this, id, {
      type: RESOURCE_TYPE,
      properties: {
        ServiceToken: provider.serviceToken,
        Timeout: timeout,
        Parameters: {
          ...parameters,
          OutputPaths: ros.Lazy.anyValue({ produce: () => (this.outputPaths.length === 0 ? undefined : [...this.outputPaths]) }),
        },
      },
    });
    this.physicalResourceId = this.customResource.ref;
  }

  /**
   * The value at a dotted path of the create (and update) response, such as `EventStreamingARN` or `Data.Id`: a
   * token for `Fn::GetAtt`. The path is added to the paths the function returns to ROS.
   */
  public getResponseField(responsePath: string): string {
    const rule = responsePathRule(responsePath);
    if (rule !== undefined) {
      throw invalid(this, 'getResponseField(responsePath)', responsePath, rule);
    }
    this.requireOutputs('getResponseField(responsePath)', responsePath);
    let field = this.fields.get(responsePath);
    if (field === undefined) {
      if (!this.outputPaths.includes(responsePath)) {
        this.outputPaths.push(responsePath);
      }
      field = ros.Token.asString(this.customResource.getAtt(responsePath));
      this.fields.set(responsePath, field);
    }
    return field;
  }

  private requireOutputs(prop: string, value: unknown): void {
    if (!this.createsOutputs) {
      throw invalid(this, prop, value, 'needs onCreate: the values are read from the create response (and the update response)');
    }
  }
}

/**
 * The stack's API-call function and its role: made with the stack's first {@link ApiCall}, found by a fixed id under
 * the stack afterwards.
 */
class ApiCallProvider extends ros.Construct {
  /**
   * The stack's provider, made on first use, with `call` registered: its permissions added to the role's policy, its
   * timeout to the function's. Nothing is made or registered when the policy would not fit.
   */
  public static register(call: ApiCall, permissions: ApiPermission[], timeout: number): ApiCallProvider {
    const stack = ros.Stack.of(call);
    const found = stack.node.tryFindChild(PROVIDER_ID);
    if (found !== undefined && !(found instanceof ApiCallProvider)) {
      throw invalid(call, 'id', found.node.path, `needs the stack's child '${PROVIDER_ID}' to be the API-call provider this library makes: `
        + 'another construct has that id (or another copy of ros-cdk-smq made it): give it another id');
    }
    const others = found?.calls ?? [];
    // a token timeout may be anything up to the custom resource's maximum
    const registration = { path: call.node.path, permissions, timeout: isUnresolved(timeout) ? TIMEOUT.max : timeout };
    const { length } = policyDocument(stack, [...others, registration]);
    if (length > MAX_POLICY_DOCUMENT_LENGTH && others.length === 0) {
      // only a call's own long list of resources gets here: the permissions are the user's to change
      throw invalid(call, 'permissions', `${length} characters alone`,
        `must fit in one RAM policy document of at most ${MAX_POLICY_DOCUMENT_LENGTH} characters: declare fewer or broader resources`);
    }
    if (length > MAX_POLICY_DOCUMENT_LENGTH) {
      // the call may be one that a construct of this library made (an event stream, an IMS callback): its permissions
      // are not the user's to change, the number of calls in the stack is
      throw new ValidationError(call.node.path, 'the stack\'s API calls', `${length} characters with this call and the ${others.length} other `
        + `API call${others.length === 1 ? '' : 's'} of stack ${stack.stackName}`,
        `need more permissions than one RAM policy document holds (at most ${MAX_POLICY_DOCUMENT_LENGTH} characters: the policy of the stack's `
        + 'one API-call function, which serves every ApiCall of the stack, including those that constructs such as consumers.QueueEventStream '
        + 'and sources.ImsCallbackQueue make): split the calls across stacks, each of which has its own function and policy');
    }
    const provider = found ?? new ApiCallProvider(stack);
    provider.calls.push(registration);
    return provider;
  }

  /** `acs:fc:{region}:{account}:functions/{name}`, with a reference to the function (the custom resource waits for it). */
  public readonly serviceToken: string;

  private readonly calls: Registration[] = [];

  private constructor(stack: ros.Stack) {
    super(stack, PROVIDER_ID);
    const constraint = stack.enableResourcePropertyConstraint;
    const region = stackRegion(this);
    const account = stackAccount(this);
    const location = { region, account };

    // role names are unique per account: the region keeps one stack deployed to two regions apart
    const regionLength = isUnresolved(region) ? MAX_REGION_LENGTH : region.length;
    const base = generatePhysicalName(this, { maxLength: MAX_ROLE_NAME_LENGTH - regionLength - 1 });
    claimName(this, { kind: 'RAM role name', prop: 'roleName', name: base, location });
    const roleName = `${base}-${region}`;
    const role = new ram.Role(this, claimLogicalId(this, `${PROVIDER_ID}Role`), {
      roleName,
      description: truncate(`Lets the API-call function of stack ${stack.stackName} make the calls its custom resources declare (made by ros-cdk-smq)`, 1024),
      assumeRolePolicyDocument: {
        version: '1',
        statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: [FC_SERVICE] } }],
      },
      policies: [{
        policyName: roleName,
        description: truncate(`The permissions the API calls of stack ${stack.stackName} declare, and no others`, 1024),
        policyDocument: ros.Lazy.anyValue({ produce: () => policyDocument(stack, this.calls).document }),
      }],
    }, constraint);

    const functionName = generatePhysicalName(this, { maxLength: MAX_FUNCTION_NAME_LENGTH });
    claimName(this, { kind: 'FC 3.0 function name', prop: 'functionName', name: functionName, location });
    const fn = new fc3.Function(this, claimLogicalId(this, `${PROVIDER_ID}Function`), {
      functionName,
      description: truncate(`Calls Alibaba Cloud APIs for the ${RESOURCE_TYPE} resources of stack ${stack.stackName} (made by ros-cdk-smq)`, MAX_FUNCTION_DESCRIPTION_LENGTH),
      runtime: 'nodejs20',
      handler: 'index.handler',
      code: { zipFile: handlerZip() },
      role: role.attrArn,
      // as long as the longest call may take: the handler answers ROS before the function's own time is up
      timeout: ros.Lazy.numberValue({ produce: () => Math.max(...this.calls.map((c) => c.timeout)) }),
    }, constraint);

    this.serviceToken = `acs:fc:${region}:${account}:functions/${ros.Token.asString(fn.attrFunctionName)}`;
  }
}

/** A call the provider serves. */
interface Registration {
  readonly path: string;
  readonly permissions: ApiPermission[];
  readonly timeout: number;
}

/**
 * The role's policy for `calls`: every action declared on each resource, then one statement per set of actions, with
 * every resource that has exactly that set. N calls that declare the same actions on one resource each (N event
 * streams) make one statement of N resources, so the document grows by one resource per call, and it allows exactly
 * the (action, resource) pairs declared, no more. Deduplicated and sorted by what each action and resource renders
 * to (statements by their resources, then actions), so the order of the calls does not matter. `length` counts the
 * literal text, the region and account at their longest and other tokens as empty.
 */
function policyDocument(stack: ros.Stack, calls: readonly Registration[]): { document: { [key: string]: unknown }; length: number } {
  const byResource = new Map<string, { resource: unknown; actions: Map<string, unknown> }>();
  for (const call of calls) {
    for (const permission of call.permissions) {
      const actions = keyed(stack, permission.actions);
      for (const [key, resource] of keyed(stack, permission.resources)) {
        const entry = byResource.get(key) ?? { resource, actions: new Map<string, unknown>() };
        actions.forEach((v, k) => entry.actions.set(k, v));
        byResource.set(key, entry);
      }
    }
  }
  const statements = new Map<string, { resources: Map<string, unknown>; actions: Map<string, unknown> }>();
  for (const [key, entry] of byResource) {
    const actionsKey = JSON.stringify([...entry.actions.keys()].sort());
    const statement = statements.get(actionsKey) ?? { resources: new Map<string, unknown>(), actions: entry.actions };
    statement.resources.set(key, entry.resource);
    statements.set(actionsKey, statement);
  }
  const order = (s: { resources: Map<string, unknown>; actions: Map<string, unknown> }): string =>
    JSON.stringify([[...s.resources.keys()].sort(), [...s.actions.keys()].sort()]);
  const rendered = [...statements.values()].map((s) => ({ key: order(s), s })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ s }) => (
    { effect: 'Allow', action: sortedValues(s.actions), resource: sortedValues(s.resources) }));
  const text = JSON.stringify({ Version: '1', Statement: rendered.map((s) => ({ Effect: s.effect, Action: s.action, Resource: s.resource })) }, (_key, value) =>
    isIntrinsic(value) ? literalOf(value) : value);
  // the L1's camelCase form: ram.Role maps it to Version, Statement, ... itself
  return { document: { version: '1', statement: rendered }, length: text.length };
}

/** Each value by the JSON of what it renders to, deduplicated. */
function keyed(stack: ros.Stack, values: readonly unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const value of values) {
    const resolved = isUnresolved(value) ? stack.resolve(value) : value;
    out.set(JSON.stringify(resolved), resolved);
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sortedValues(values: Map<string, unknown>): unknown[] {
  return [...values.keys()].sort().map((k) => values.get(k));
}

/** A rendered template function or reference: one key, `Ref` or `Fn::...`. */
function isIntrinsic(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * The text a rendered template function is sure to contain, for the length check: the literal parts of a join, the
 * stack's region and account at their longest (the pseudo parameters `ALIYUN::Region`, 28 characters, and
 * `ALIYUN::TenantId` / `ALIYUN::AccountId`, 16 digits), and nothing for other references (their length is not known).
 * Counting the pseudo parameters keeps a stack with an unresolved environment from passing a check the same stack
 * with a literal one fails.
 */
function literalOf(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  const ref = (value as { Ref?: unknown } | null)?.Ref;
  if (ref === 'ALIYUN::Region') {
    return 'x'.repeat(MAX_REGION_LENGTH);
  }
  if (ref === 'ALIYUN::TenantId' || ref === 'ALIYUN::AccountId') {
    return 'x'.repeat(ACCOUNT_ID_LENGTH);
  }
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
  return Array.isArray(join) && Array.isArray(join[1]) ? join[1].map(literalOf).filter((s) => s !== '').join('') : '';
}

/**
 * The handler's code package: a ZIP of `handler/index.js` without its comments (a third of its bytes: every stack
 * carries the package inline, in Base64, against ROS's limit on the template's size), under a header that points to
 * the commented source. Base64, the same bytes on every synth.
 */
let handlerPackage: string | undefined;
function handlerZip(): string {
  if (handlerPackage === undefined) {
    const file = path.join(__dirname, 'handler', 'index.js');
    let source: string;
    try {
      source = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`ros-cdk-smq: the API-call handler is missing at ${file} (${(e as Error).message}): the package was built without it`);
    }
    const header = [
      'ros-cdk-smq: the function behind the ApiCall custom resources (ALIYUN::ROS::CustomResource) of this stack.',
      'Comments stripped to keep the template small; the commented source, with the public references it follows:',
      'https://github.com/ros-cdk-smq/ros-cdk-smq/blob/main/lib/custom-resources/handler/index.js',
    ];
    let code: string;
    try {
      // fails here, at synth, when the stripped script does not compile
      code = packageScript(source, header, file);
    } catch (e) {
      throw new Error(`ros-cdk-smq: the API-call handler cannot be packaged: ${(e as Error).message}`);
    }
    // stored, not deflated: the bytes then depend on nothing but the file (zlib's output may change with Node.js)
    handlerPackage = zip([{ name: 'index.js', data: Buffer.from(code, 'utf8') }]).toString('base64');
  }
  return handlerPackage;
}

function checkPattern(scope: ros.IConstruct, prop: string, value: unknown, pattern: RegExp, allowed: string): void {
  if (typeof value === 'string' && isUnresolved(value)) {
    return;
  }
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw invalid(scope, prop, value, allowed);
  }
}

function checkEndpoint(scope: ros.IConstruct, endpoint: unknown): void {
  const allowed = 'must be an https:// URL of the API\'s endpoint with a host name and no path, such as "https://ice.cn-shanghai.aliyuncs.com" '
    + '(the function signs its requests with its role\'s temporary credentials, which must not travel in clear text)';
  if (typeof endpoint !== 'string') {
    throw invalid(scope, 'endpoint', endpoint, allowed);
  }
  const fragments = fragmentsOf(scope, endpoint);
  if (fragments.length === 1 && fragments[0].token !== undefined) {
    return; // a parameter or another value known only at deploy time
  }
  const head = fragments[0].literal ?? '';
  // text around tokens: a token stands for a host label
  if (!head.startsWith('https://') || !ENDPOINT.test(literalText(fragments, 'x'))) {
    throw invalid(scope, 'endpoint', endpoint, allowed);
  }
  // the host, tokens marked: one that ends in a token may be anything, the rest must be Alibaba Cloud's
  const host = literalText(fragments, '\u0000').slice('https://'.length).replace(/\/$/, '').replace(/:\d{1,5}$/, '').toLowerCase();
  if (!host.endsWith('\u0000') && !host.endsWith(API_DOMAIN)) {
    throw invalid(scope, 'endpoint', endpoint, `must have a host name that ends in "${API_DOMAIN}", such as "https://ice.cn-shanghai.aliyuncs.com": `
      + 'the function signs every request with its role\'s STS token, which another host would receive along with a signed request it could replay');
  }
}

/**
 * One phase's request tree as the handler reads it (`{ Action, Parameters, SkipUnlessSet?, OmitEmptyParameters?,
 * OnlyIf?, WaitFor?, Then? }`), checked: at most {@link MAX_REQUESTS} requests in all, counted before anything is
 * rendered (so a `then` that contains its own request is refused, not followed forever).
 */
function renderPhase(scope: ros.IConstruct, prop: string, request: ApiRequest | undefined): { [key: string]: unknown } | undefined {
  if (request === undefined) {
    return undefined;
  }
  if (overBudget(request, { left: MAX_REQUESTS })) {
    throw invalid(scope, prop, `more than ${MAX_REQUESTS} requests`, `must hold at most ${MAX_REQUESTS} requests in all: the request itself `
      + 'and every request of its then, at any depth (each is a step of one custom resource operation, within its timeout)');
  }
  return renderRequest(scope, prop, request);
}

/**
 * Refuses a waitFor interval that leaves no room for a poll: the first poll comes one interval after the request, and
 * the handler makes none after its deadline, the call's timeout less the margin it keeps to answer ROS (as the
 * handler computes it: a fifth of the timeout, at least 0.2 and at most 10 seconds). Tokens are not checked.
 */
function checkIntervals(scope: ros.IConstruct, prop: string, request: ApiRequest | undefined, timeout: number): void {
  if (request === undefined || isUnresolved(timeout)) {
    return;
  }
  const wait = request.waitFor;
  if (wait !== undefined) {
    const interval = wait.interval === undefined ? DEFAULT_INTERVAL_SECONDS : wait.interval.toSeconds();
    const margin = Math.min(10, Math.max(0.2, timeout / 5));
    if (!isUnresolved(interval) && interval >= timeout - margin) {
      throw invalid(scope, `${prop}.waitFor.interval`, `${interval} seconds${wait.interval === undefined ? ' (the default)' : ''}`,
        `must be shorter than the call's timeout (${timeout} seconds) less the ${margin} second${margin === 1 ? '' : 's'} the function keeps to answer ROS: the first `
        + 'poll comes one interval after the request, and none is made after that time (give a shorter interval or a longer timeout)');
    }
  }
  (request.then ?? []).forEach((child, i) => checkIntervals(scope, `${prop}.then[${i}]`, child, timeout));
}

/** Whether the request and its then (at any depth) are more than `budget.left` requests; stops counting once they are. */
function overBudget(request: unknown, budget: { left: number }): boolean {
  budget.left -= 1;
  if (budget.left < 0) {
    return true;
  }
  const then = typeof request === 'object' && request !== null ? (request as ApiRequest).then : undefined;
  return Array.isArray(then) && !isUnresolved(then) && then.some((child) => overBudget(child, budget));
}

/** One request as the handler reads it, with its checks, polls and followers; checks names, parameters, paths and values. */
function renderRequest(scope: ros.IConstruct, prop: string, request: ApiRequest): { [key: string]: unknown } {
  if (!isPlainObject(request)) {
    throw invalid(scope, prop, request, 'must be an API request { action, parameters? }');
  }
  checkAction(scope, `${prop}.action`, request.action);
  const parameters = renderParameters(scope, `${prop}.parameters`, request.parameters);

  let skipUnlessSet: string[] | undefined;
  if (request.skipUnlessSet !== undefined) {
    const names = request.skipUnlessSet;
    if (!Array.isArray(names) || isUnresolved(names)) {
      throw invalid(scope, `${prop}.skipUnlessSet`, names, 'must be a list of names of the request\'s parameters');
    }
    // a map that is a token as a whole may hold any key
    const keys = request.parameters === undefined ? [] : isPlainObject(request.parameters) ? Object.keys(request.parameters) : undefined;
    names.forEach((name, i) => {
      if (typeof name !== 'string' || (keys !== undefined && !keys.includes(name))) {
        throw invalid(scope, `${prop}.skipUnlessSet[${i}]`, name, keys === undefined || keys.length === 0
          ? `must be a key of ${prop}.parameters, which has none`
          : `must be a key of ${prop}.parameters (${keys.join(', ')}): the request is skipped when that parameter is missing or '' at deploy time`);
      }
    });
    skipUnlessSet = names.length === 0 ? undefined : [...new Set(names)];
  }
  checkBoolean(scope, `${prop}.omitEmptyParameters`, request.omitEmptyParameters);

  let then: Array<{ [key: string]: unknown }> | undefined;
  if (request.then !== undefined) {
    if (!Array.isArray(request.then) || isUnresolved(request.then)) {
      throw invalid(scope, `${prop}.then`, request.then, 'must be a list of API requests { action, parameters? }');
    }
    then = request.then.length === 0 ? undefined : request.then.map((child, i) => renderRequest(scope, `${prop}.then[${i}]`, child));
  }
  return {
    Action: request.action,
    Parameters: parameters,
    SkipUnlessSet: skipUnlessSet,
    OmitEmptyParameters: request.omitEmptyParameters === false ? undefined : request.omitEmptyParameters,
    OnlyIf: request.onlyIf === undefined ? undefined : renderCondition(scope, `${prop}.onlyIf`, request.onlyIf),
    WaitFor: request.waitFor === undefined ? undefined : renderWait(scope, `${prop}.waitFor`, request.waitFor),
    Then: then,
  };
}

/** `{ Action, Parameters, Path, Values }` of an onlyIf. */
function renderCondition(scope: ros.IConstruct, prop: string, condition: ApiCondition): { [key: string]: unknown } {
  if (!isPlainObject(condition)) {
    throw invalid(scope, prop, condition, 'must be a check { action, parameters?, path, values }');
  }
  checkAction(scope, `${prop}.action`, condition.action);
  return {
    Action: condition.action,
    Parameters: renderParameters(scope, `${prop}.parameters`, condition.parameters),
    Path: checkResponsePath(scope, `${prop}.path`, condition.path),
    Values: textList(scope, `${prop}.values`, condition.values, 'the values that let the request go ahead, such as ["ice-callback-jobs"] '
      + '("" matches a value that is absent or empty)'),
  };
}

/** `{ Action, Parameters, Path, Until, FailOn?, IntervalSeconds }` of a waitFor. */
function renderWait(scope: ros.IConstruct, prop: string, wait: ApiWait): { [key: string]: unknown } {
  if (!isPlainObject(wait)) {
    throw invalid(scope, prop, wait, 'must be a poll { action, parameters?, path, until, failOn?, interval? }');
  }
  checkAction(scope, `${prop}.action`, wait.action);
  const parameters = renderParameters(scope, `${prop}.parameters`, wait.parameters);
  const path = checkResponsePath(scope, `${prop}.path`, wait.path);
  const until = textList(scope, `${prop}.until`, wait.until, 'the values that end the wait, such as ["RUNNING"]');
  let failOn: unknown;
  if (wait.failOn !== undefined) {
    if (Array.isArray(wait.failOn) && !isUnresolved(wait.failOn) && wait.failOn.length === 0) {
      failOn = undefined;
    } else {
      failOn = textList(scope, `${prop}.failOn`, wait.failOn, 'the values that fail the wait, such as ["STARTING_FAILED"]');
    }
  }
  if (Array.isArray(until) && Array.isArray(failOn)) {
    const both = (failOn as string[]).find((v) => !isUnresolved(v) && (until as string[]).includes(v));
    if (both !== undefined) {
      throw invalid(scope, `${prop}.failOn`, both, `must not share a value with ${prop}.until: a value cannot both end the wait and fail it`);
    }
  }
  return {
    Action: wait.action,
    Parameters: parameters,
    Path: path,
    Until: until,
    FailOn: failOn,
    IntervalSeconds: durationSeconds(scope, `${prop}.interval`, wait.interval, INTERVAL) ?? DEFAULT_INTERVAL_SECONDS,
  };
}

function checkAction(scope: ros.IConstruct, prop: string, action: unknown): void {
  checkPattern(scope, prop, action, ACTION_NAME,
    'must be an API action name: letters and digits, starting with an upper-case letter, such as "SetEventCallback"');
}

function checkResponsePath(scope: ros.IConstruct, prop: string, path: unknown): string {
  const rule = responsePathRule(path);
  if (rule !== undefined) {
    throw invalid(scope, prop, path, rule);
  }
  return path as string;
}

/** A list of at least one text value (tokens pass; a list token passes as it is), deduplicated in order. */
function textList(scope: ros.IConstruct, prop: string, values: unknown, what: string): unknown {
  if (isUnresolved(values)) {
    return values;
  }
  const allowed = `must be a list of at least one text value: ${what}`;
  if (!Array.isArray(values) || values.length === 0) {
    throw invalid(scope, prop, values, allowed);
  }
  values.forEach((v, i) => {
    if (typeof v !== 'string') {
      throw invalid(scope, `${prop}[${i}]`, v, 'must be text (a number or a boolean as the text the response holds, such as "1" or "true")');
    }
  });
  return [...new Set(values as string[])];
}

/** A copy of a request's parameters, checked: names as API references spell them, none of the request's own, plain values. */
function renderParameters(scope: ros.IConstruct, prop: string, parameters: unknown): unknown {
  if (parameters === undefined || ros.Tokenization.isResolvable(parameters)) {
    return parameters;
  }
  if (!isPlainObject(parameters)) {
    throw invalid(scope, prop, parameters, 'must be a map of parameter names to values');
  }
  for (const [name, value] of Object.entries(parameters)) {
    if (!isUnresolved(name) && !PARAMETER_NAME.test(name)) {
      throw invalid(scope, prop, name,
        'must name each parameter as the API reference does: a letter, then letters, digits, ".", "_" or "-"');
    }
    if (RESERVED_PARAMETERS.includes(name)) {
      throw invalid(scope, prop, name, `must not set a field of the request itself (${RESERVED_PARAMETERS.join(', ')}): `
        + 'the function sets them (the action from action, the version from apiVersion, the credentials and the signature)');
    }
    checkParameterValue(scope, `${prop}.${name}`, value, [parameters]);
  }
  return copy(parameters);
}

/** A map object (not a list, not null, not a token). */
function isPlainObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ros.Tokenization.isResolvable(value);
}

/** Values the template can hold: text, numbers, booleans, lists and maps of them, tokens; `within`: the lists and maps it is in. */
function checkParameterValue(scope: ros.IConstruct, prop: string, value: unknown, within: readonly unknown[]): void {
  if (value === undefined || value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    if (typeof value === 'number' && !isUnresolved(value) && !Number.isFinite(value)) {
      throw invalid(scope, prop, value, 'must be a finite number');
    }
    return;
  }
  if (typeof value === 'object' && ros.Tokenization.isResolvable(value)) {
    return;
  }
  if (typeof value === 'object' && within.includes(value)) {
    throw invalid(scope, prop, Array.isArray(value) ? 'a list that contains itself' : 'a map that contains itself',
      'must not refer back to a list or map it is in: the template holds plain data, with no cycles');
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkParameterValue(scope, `${prop}[${i}]`, v, [...within, value]));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as object)) {
      checkParameterValue(scope, `${prop}.${k}`, v, [...within, value]);
    }
    return;
  }
  throw invalid(scope, prop, typeof value === 'function' ? 'a function' : String(value), 'must be text, a number, a boolean, a list or a map of them, or a token');
}

/** A copy of plain data (tokens and other objects kept as they are): a change to the caller's object later does not move the template. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(copy);
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && !ros.Tokenization.isResolvable(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  }
  return value;
}

function checkPermissions(scope: ros.IConstruct, permissions: unknown): ApiPermission[] {
  if (!Array.isArray(permissions) || permissions.length === 0) {
    throw invalid(scope, 'permissions', permissions, 'must name at least one { actions, resources } that the calls need');
  }
  return permissions.map((permission: ApiPermission, i) => {
    const prop = `permissions[${i}]`;
    if (typeof permission !== 'object' || permission === null) {
      throw invalid(scope, prop, permission, 'must be { actions, resources }');
    }
    for (const [list, name] of [[permission.actions, 'actions'], [permission.resources, 'resources']] as const) {
      if (!Array.isArray(list) || list.length === 0) {
        throw invalid(scope, `${prop}.${name}`, list, `must be a list of at least one ${name === 'actions' ? 'RAM action' : 'resource ARN'}`);
      }
    }
    permission.actions.forEach((action, j) => {
      if (typeof action !== 'string' || (!isUnresolved(action) && !RAM_ACTION.test(action))) {
        throw invalid(scope, `${prop}.actions[${j}]`, action, 'must be a RAM action "<service>:<Action>", such as "ice:SetEventCallback"');
      }
    });
    permission.resources.forEach((resource, j) => {
      if (typeof resource !== 'string' || !isResource(scope, resource)) {
        throw invalid(scope, `${prop}.resources[${j}]`, resource,
          'must be a resource ARN "acs:<service>:<region>:<account>:<resource>", or "*" for an action the API authorizes on all resources only');
      }
    });
    return { actions: [...permission.actions], resources: [...permission.resources] };
  });
}

function isResource(scope: ros.IConstruct, resource: string): boolean {
  if (resource === '*') {
    return true;
  }
  const fragments = fragmentsOf(scope, resource);
  if (fragments.length === 1 && fragments[0].token !== undefined) {
    return true;
  }
  return RESOURCE_ARN.test(literalText(fragments, 'x'));
}

function checkErrorCodes(scope: ros.IConstruct, codes: unknown, hasDelete: boolean): string[] | undefined {
  if (codes === undefined) {
    return undefined;
  }
  if (!Array.isArray(codes)) {
    throw invalid(scope, 'ignoreErrorCodesOnDelete', codes, 'must be a list of API error codes');
  }
  codes.forEach((code, i) => {
    if (typeof code !== 'string' || (!isUnresolved(code) && !ERROR_CODE.test(code))) {
      throw invalid(scope, `ignoreErrorCodesOnDelete[${i}]`, code, 'must be an API error code, such as "EventStreamingNotExisted"');
    }
  });
  if (codes.length > 0 && !hasDelete) {
    throw invalid(scope, 'ignoreErrorCodesOnDelete', codes, 'needs onDelete: the codes are errors of the onDelete request');
  }
  return codes.length === 0 ? undefined : [...new Set(codes as string[])];
}

/**
 * Warns when no declared action can authorize a request's action (`<service>:<Action>`, or a wildcard that matches
 * it): the call would then fail with a permission error, unless the API needs no authorization at all.
 */
function warnUnpermitted(scope: ros.IConstruct, props: ApiCallProps, permissions: ApiPermission[]): void {
  const declared = permissions.flatMap((p) => p.actions).filter((a) => !isUnresolved(a));
  if (declared.length < permissions.flatMap((p) => p.actions).length) {
    return; // a token may name anything
  }
  for (const prop of ['onCreate', 'onUpdate', 'onDelete'] as const) {
    for (const [where, action] of actionsOf(prop, props[prop])) {
      if (isUnresolved(action)) {
        continue;
      }
      const covered = declared.some((d) => {
        const [, name] = d.split(':');
        return new RegExp(`^${name.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(action);
      });
      if (!covered) {
        warnOnce(scope, `${where}: no permission names the action "<service>:${action}", so the call fails with a permission error `
          + 'unless the API needs no authorization for it: add it to permissions, as the API reference\'s authorization information lists it.');
      }
    }
  }
}

/** Every action of a (checked) request tree, with where it is: the request's, its onlyIf's, its waitFor's, then its then's in order. */
function actionsOf(prop: string, request: ApiRequest | undefined): Array<[string, string]> {
  if (request === undefined) {
    return [];
  }
  return [
    [`${prop}.action`, request.action] as [string, string],
    ...(request.onlyIf === undefined ? [] : [[`${prop}.onlyIf.action`, request.onlyIf.action] as [string, string]]),
    ...(request.waitFor === undefined ? [] : [[`${prop}.waitFor.action`, request.waitFor.action] as [string, string]]),
    ...(request.then ?? []).flatMap((child, i) => actionsOf(`${prop}.then[${i}]`, child)),
  ];
}

/**
 * Warns when onCreate looks like it creates something (`Create...`) and no onUpdate is given: onCreate's request then
 * serves updates too, and an update that changes it creates the thing again (an API that refuses duplicates fails).
 */
function warnRepeatedCreate(scope: ros.IConstruct, props: ApiCallProps): void {
  const action = props.onCreate?.action;
  if (props.onUpdate !== undefined || typeof action !== 'string' || isUnresolved(action) || !action.startsWith('Create')) {
    return;
  }
  warnOnce(scope, `onCreate.action "${action}" creates something and there is no onUpdate: an update of this resource whose request `
    + `changed calls ${action} again with the changed parameters, which makes a second one or fails because it exists: give onUpdate `
    + '(such as the matching Update action).');
}

/** Refuses Parameters whose JSON (the literal text; tokens count as empty) is over {@link MAX_PARAMETERS_BYTES}. */
function checkParametersSize(scope: ros.IConstruct, parameters: { [key: string]: unknown }): void {
  const text = JSON.stringify(parameters, (_key, value) => {
    if (typeof value === 'string') {
      return isUnresolved(value) ? literalText(fragmentsOf(scope, value)) : value;
    }
    if (typeof value === 'number' && isUnresolved(value)) {
      return 0;
    }
    return typeof value === 'object' && value !== null && ros.Tokenization.isResolvable(value) ? '' : value;
  });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PARAMETERS_BYTES) {
    throw invalid(scope, 'onCreate, onUpdate and onDelete', `${bytes} bytes of JSON`,
      `must render, with the rest of the custom resource's Parameters, to at most ${MAX_PARAMETERS_BYTES} bytes of JSON: a ROS template `
      + `takes at most 524,288 bytes in all, for every resource of the stack; pass large data by reference`);
  }
}
