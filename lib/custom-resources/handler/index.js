'use strict';
/**
 * The FC 3.0 function behind every `ALIYUN::ROS::CustomResource` of ros-cdk-smq: on Create, Update and Delete it makes
 * the phase's Alibaba Cloud RPC OpenAPI requests (one, or a small tree of them), then answers ROS on the request's
 * ResponseURL.
 *
 * ROS custom resources, the public reference this file follows:
 * - the resource type, ServiceToken and Timeout: https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ros-customresource
 * - the request ROS sends: https://alibabacloud.com/help/en/ros/user-guide/create,
 *   https://alibabacloud.com/help/en/ros/user-guide/update, https://alibabacloud.com/help/en/ros/user-guide/delete
 * - the response it expects: https://alibabacloud.com/help/en/ros/user-guide/custom-resource-response-objects
 *   (POST a JSON body of at most 4096 bytes with Status, Reason, PhysicalResourceId, StackId, RequestId,
 *   LogicalResourceId, Data; headers Content-Type: application/json and Date)
 * FC Node.js context (credentials of the function's role, function.timeout in seconds, logger, requestId):
 * https://www.alibabacloud.com/help/en/functioncompute/user-guide/context
 *
 * One request of a phase (OnCreate, OnUpdate or OnDelete), in this order:
 *   1. SkipUnlessSet: when one of the named parameters is missing, null or '', the request is skipped.
 *   2. OnlyIf: one call of the check's Action; the request goes ahead only when the value at Path of the answer, as
 *      text (missing or null: '', an object: its JSON), is one of Values; otherwise it is skipped. An API error fails
 *      the operation, except on Delete an error code of IgnoreErrorCodesOnDelete, which skips the request.
 *   3. The request, its Parameters as sent (OmitEmptyParameters leaves out those that are ''). On Delete an error code
 *      of IgnoreErrorCodesOnDelete counts as done and skips its WaitFor and Then.
 *   4. WaitFor: polls Action every IntervalSeconds, the first poll one interval after the request (the status an API
 *      reports lags the request: a Get right after StartEventStreaming may still read the STARTING_FAILED of the
 *      previous start, which FailOn would take for this start's failure; Terraform's stream state waits likewise start
 *      after a 10 s delay, BuildStateConf in aliyun/terraform-provider-alicloud
 *      alicloud/service_alicloud_event_bridge_v2.go), until the value at Path (as text) is one of Until (done), one of
 *      FailOn (FAILED, the reason names the value), or the next poll would come after the deadline (FAILED). On Delete
 *      a poll answered with an ignored code is done (the thing is gone). IntervalSeconds may be a fraction here (tests
 *      use one); the construct renders 1 to 60 whole seconds.
 *   5. Then: each request in order, each with steps 1 to 5.
 *   A skipped request (with its WaitFor and Then) counts as done. All of it runs within the one deadline below. Only
 *   action and parameter NAMES are logged, never parameter values (they may hold secrets).
 *
 * What counts as a failed call (every request, check and poll): pop-core throws only for an answer whose Code is not one
 * of 200, "200", "OK", "Success", "success" (@alicloud/pop-core lib/rpc.js); on top of that an answer is a failure when
 * its HTTP status is not 2xx (with or without a Code), or when its Success is false or "false" (ICE's
 * SetEventCallback answers only RequestId and Success: aliyun/alibabacloud-typescript-sdk
 * ice-20201109/src/models/SetEventCallbackResponseBody.ts; Terraform checks Code == "Success" after every event stream
 * call: alicloud/resource_alicloud_event_bridge_event_streaming.go). The failure is reported as an API error: its
 * code (Code when it is not a success value, else ErrorCode, as DataWorks answers: dataworks-public-20200518
 * src/models/CreateFileResponseBody.ts), its message (Message, ErrorMessage or message) and RequestId; without a code
 * the reason says "HTTP <status>" or "Success is false". On Delete a code of IgnoreErrorCodesOnDelete is ignored
 * whichever way the failure was detected.
 *
 * Retries (within the one deadline; backoff 1, 2, 4, 8, 8, ... seconds, no jitter, so runs are repeatable; a retry
 * that would start after the deadline is not made, and the reason gives the number of attempts). The rule is whether
 * the failed attempt may have taken effect (the list of codes follows Terraform's NeedRetry, alicloud/errors.go:
 * ServiceUnavailable, Rejected.Throttling, Throttling*, HTTP 5xx, network errors):
 * - refused and retried: an error Code that means the API did not take the request on (Throttling, Throttling.*,
 *   *.Throttling, TooManyRequests, ServiceUnavailable, ServiceUnavailable.*, SystemBusy, ServiceBusy), HTTP 429 with any
 *   Code or none (EventBridge answers TooManyRequests with 429: https://www.alibabacloud.com/help/en/eventbridge/latest/error-codes), and a
 *   network error before the request could be sent (ECONNREFUSED, EAI_AGAIN, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL:
 *   no connection was made). Nothing was made, every action is retried.
 * - may have taken effect: an error Code of an internal error (InternalError, InternalServerError, UnknownError, each
 *   with a ".detail" too, or any Code answered with HTTP 5xx), HTTP 5xx without a Code, an answer that is not JSON,
 *   and every other network error (a reset connection, a timeout: the request may have reached the API). These are
 *   retried only for actions whose verb makes them idempotent (Get, Describe, List, Query, Check, Set, Update, Modify,
 *   Put, Start, Stop, Pause, Resume, Enable, Disable, Delete, Remove, Tag, Untag: repeated, they leave the same state).
 *   Any other verb (Create, Run, Submit, Publish, Send, Add, ...) may make a second thing when repeated, so it fails at
 *   once (on the phase's first request with its ordinary physical id, so that the rollback Delete runs OnDelete).
 * - refused for good, not retried: any other error Code, HTTP 4xx without a Code, Success false with HTTP 2xx, and a
 *   host name that does not exist (ENOTFOUND: an endpoint of a product code that has none in the region; a passing DNS
 *   failure is EAI_AGAIN). Nothing was made.
 * Each retry is logged with the action, the code (or status or network error code) and the attempt number, never
 * with parameter values.
 *
 * Behaviour worth knowing (each one a deliberate choice):
 * - Update makes no call when the request tree it would send (Endpoint, ApiVersion, and OnUpdate, else OnCreate:
 *   Action, Parameters as sent, SkipUnlessSet, OmitEmptyParameters, OnlyIf, WaitFor and Then) equals the one
 *   OldResourceProperties would send, e.g. when only OutputPaths, AllowMissingOutputs, OnDelete,
 *   IgnoreErrorCodesOnDelete or CallTimeout changed. It answers SUCCESS with the request's physical id and no Data:
 *   outputs are NOT re-read then (there is no call to read them from).
 * - The physical id (PhysicalResourceIdPath) and the outputs (OutputPaths) come from the answer to the phase's FIRST
 *   request, read right after it (before its WaitFor and Then). On Update, paths missing from the answer, or all of
 *   them when the first request was skipped, are left out of Data (an update action often answers less than the
 *   create action). On Create a missing path is FAILED, or '' in Data with AllowMissingOutputs; a skipped first request
 *   gives '' for every path with AllowMissingOutputs, else FAILED; a PhysicalResourceIdPath it cannot read is FAILED.
 * - A Create whose first request was never sent (a bad event, a skipped request, a failed OnlyIf check, the deadline
 *   before it, network errors before it could be sent) or that the API refused (an error Code that is not an internal
 *   error, Success false, HTTP 4xx) answers FAILED with the physical id `failed:<RequestId>`; a Delete of such an id
 *   answers SUCCESS without a call, so a rollback does not fail on a resource that never existed. A Create that may
 *   have made something (the first request succeeded and a later step failed, a timeout, an internal error, an
 *   unreadable answer or a network error after it was sent) keeps its ordinary physical id (the one read from the first
 *   answer, when there is one) so that the rollback Delete runs OnDelete.
 * - The physical id of every answer is 1 to 255 bytes; when it cannot be, the answer is FAILED with a safe id.
 * - Parameters (of every request, check and poll) may not use the names of the RPC request's own fields (Action,
 *   Version, Signature, ...): FAILED, no call.
 * - The deadline is min(CallTimeout, the function's timeout) less a margin to answer ROS. After the deadline answer
 *   no further request is sent, but the API call that is in flight is not cancelled: it may still complete.
 *
 * No dependencies but node's built-ins and @alicloud/pop-core, which the FC nodejs20 runtime ships.
 */
const http = require('http');
const https = require('https');
const RPCClient = require('@alicloud/pop-core');

const MAX_BODY_BYTES = 4096; // the whole response body (custom-resource-response-objects)
const MAX_ID_BYTES = 255; // PhysicalResourceId
const MAX_REASON_BYTES = 1024;
const DEFAULT_TIMEOUT_SECONDS = 60; // FC's default function timeout
const POST_ATTEMPTS = 5;
const DEFAULT_INTERVAL_SECONDS = 5; // a WaitFor's interval when the event gives none
const FAILED_ID_PREFIX = 'failed:';
/** The values of an answer's Code that mean success (pop-core's own list, lib/rpc.js). */
const SUCCESS_CODES = [200, '200', 'OK', 'Success', 'success'];
/** Codes of an API that did not take the request on (busy, throttled): retried for every action. */
const THROTTLING_CODE = /^(Throttling(\..+)?|.+\.Throttling|TooManyRequests|ServiceUnavailable(\..+)?|SystemBusy|ServiceBusy)$/;
/**
 * Actions taken to be idempotent (repeated, they leave the same state), by their verb: only these are retried after an
 * answer that may have taken effect. Every other verb (Create, Run, Submit, Publish, Send, Add, Copy, Invoke, ...) may
 * make a second thing when repeated.
 */
const IDEMPOTENT_ACTION = /^(Get|Describe|List|Query|Check|Set|Update|Modify|Put|Start|Stop|Pause|Resume|Enable|Disable|Delete|Remove|Tag|Untag)[A-Z0-9]/;
/** Codes of an internal error: the request may have taken effect. */
const INTERNAL_CODE = /^(InternalError|InternalServerError|UnknownError)(\..+)?$/;
/** Network errors that come before the request could be sent: no connection was made. */
const UNSENT_ERRORS = ['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL'];
/** A host name that does not exist: nothing was sent, and a retry will not find it either. */
const NO_SUCH_HOST = 'ENOTFOUND';
/**
 * The backoff between two attempts of a call: retryBaseMs, doubled each time, at most retryMaxMs; no jitter. Tests
 * shorten it; FC uses the defaults.
 */
exports.retrySettings = { retryBaseMs: 1000, retryMaxMs: 8000 };
/** The fields pop-core sets on every RPC request: a parameter of the same name would override them. */
const RESERVED_PARAMETERS = ['Action', 'Version', 'Format', 'AccessKeyId', 'SecurityToken', 'SignatureMethod',
  'SignatureVersion', 'SignatureNonce', 'Signature', 'Timestamp'];

/**
 * @param {Buffer|string|object} event the ROS request JSON
 * @param {{credentials?: {accessKeyId: string, accessKeySecret: string, securityToken?: string},
 *          function?: {timeout?: number}, requestId?: string, logger?: object}} context the FC context
 * @returns {Promise<object|undefined>} the body sent to ROS (undefined when the event has no ResponseURL)
 */
exports.handler = async (event, context) => {
  const startedAt = Date.now();
  const ctx = context || {};
  const log = ctx.logger && typeof ctx.logger.info === 'function' ? ctx.logger : console;
  let request;
  try {
    request = typeof event === 'object' && !Buffer.isBuffer(event) ? event : JSON.parse(String(event));
  } catch (e) {
    log.error(`ros-cdk-smq custom resource: the event is not JSON, nobody to answer: ${e.message}`);
    return undefined;
  }
  if (!request || typeof request.ResponseURL !== 'string') {
    log.error('ros-cdk-smq custom resource: the event has no ResponseURL, nobody to answer');
    return undefined;
  }
  log.info(`ros-cdk-smq custom resource: ${request.RequestType} ${request.LogicalResourceId} ` +
    `(stack ${request.StackId}, request ${request.RequestId}, physical id ${request.PhysicalResourceId})`);

  // Answer before FC kills the function and before ROS stops waiting (the call's Timeout, passed as CallTimeout):
  // keep a margin for the response POST (retries included).
  const functionSeconds = Number(ctx.function && ctx.function.timeout) > 0 ? Number(ctx.function.timeout) : DEFAULT_TIMEOUT_SECONDS;
  const callSeconds = callTimeoutOf(request.ResourceProperties);
  const limit = callSeconds !== undefined && callSeconds < functionSeconds
    ? { seconds: callSeconds, name: 'CallTimeout' } : { seconds: functionSeconds, name: 'function timeout' };
  const endAt = startedAt + limit.seconds * 1000;
  const deadlineAt = endAt - Math.min(10000, Math.max(200, limit.seconds * 200));
  const deadline = `${limit.name} ${limit.seconds} s less a margin to answer ROS`;
  // what has been done: whether the phase's first request may have made something (an attempt of it is in flight, or
  // succeeded, or failed in a way that does not rule it out), the physical id read from its answer; `cancelled` stops
  // every later request once the deadline answer is given
  const attempt = { firstMade: false, physicalId: undefined, cancelled: false, wakers: new Set() };
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => {
      attempt.cancelled = true;
      for (const wake of [...attempt.wakers]) wake();
      resolve({
        status: 'FAILED',
        reason: `timed out: no result within ${deadlineAt - startedAt} ms (${deadline})`,
        // the first request in flight may still make something; one never sent never will (cancelled above)
        made: attempt.firstMade ? undefined : false,
        physicalId: attempt.physicalId,
      });
    }, deadlineAt - Date.now());
  });
  let props;
  const work = (async () => {
    if (request.RequestType === 'Delete' && String(request.PhysicalResourceId || '').startsWith(FAILED_ID_PREFIX)) {
      log.info('ros-cdk-smq custom resource: the Create failed before anything was made: nothing to delete');
      return { status: 'SUCCESS', data: {} };
    }
    props = readProperties(request.ResourceProperties);
    return run(request, props, ctx.credentials, { endAt, deadlineAt, deadline, log, attempt });
  })().catch((e) => ({
    status: 'FAILED',
    reason: e.message || String(e),
    // nothing was made when the first request was never sent or the API refused it; otherwise (it succeeded and a
    // later step failed, an internal error, a network error after it was sent) it may have been: keep the ordinary
    // physical id so that a rollback Delete runs OnDelete
    made: attempt.firstMade ? undefined : false,
    physicalId: attempt.physicalId,
  }));
  const outcome = await Promise.race([work, timedOut]);
  clearTimeout(timer);
  attempt.cancelled = true; // answered: nothing more is sent

  const body = responseBody(request, props, outcome);
  log.info(`ros-cdk-smq custom resource: answering ${body.Status}${body.Reason ? `: ${body.Reason}` : ''}`);
  await send(request.ResponseURL, body, endAt, log);
  return body;
};

/**
 * Does what the request asks; resolves to { status, reason?, physicalId?, data? }. Records in env.attempt whether the
 * first request was sent and refused, and the physical id read from its answer.
 */
async function run(request, props, credentials, env) {
  const { log } = env;
  const type = request.RequestType;
  const name = type === 'Create' ? 'OnCreate'
    : type === 'Update' ? props.OnUpdate ? 'OnUpdate' : 'OnCreate'
      : type === 'Delete' ? 'OnDelete'
        : fail(`RequestType must be Create, Update or Delete, got ${JSON.stringify(type)}`);
  const call = props[name];
  if (!call) {
    return { status: 'SUCCESS', data: {} };
  }
  if (type === 'Update' && unchanged(props, call, request.OldResourceProperties)) {
    log.info(`ros-cdk-smq custom resource: the ${call.Action} request is unchanged: no call, outputs not re-read`);
    return { status: 'SUCCESS' }; // no Data: nothing was read
  }
  const step = {
    ...env,
    client: newClient(props, credentials),
    apiVersion: props.ApiVersion,
    ignored: type === 'Delete' ? props.IgnoreErrorCodesOnDelete : [],
  };
  let outcome;
  const sent = await perform(step, call, name, (response) => {
    outcome = firstOutcome(type, props, call, response, env);
  });
  if (!sent && type !== 'Delete') {
    outcome = skippedOutcome(type, props, call, log);
  }
  return outcome || { status: 'SUCCESS', data: {} };
}

/** The outcome from the answer to the phase's first request: the physical id (Create) and the outputs (not Delete). */
function firstOutcome(type, props, call, response, env) {
  const outcome = { status: 'SUCCESS', data: {} };
  if (type === 'Create' && props.PhysicalResourceId === undefined && props.PhysicalResourceIdPath) {
    const id = valueAt(response, props.PhysicalResourceIdPath);
    if (id === undefined || id === null || typeof id === 'object' && typeof id.toFixed !== 'function') {
      fail(`PhysicalResourceIdPath: ${props.PhysicalResourceIdPath} is not a value in the ${call.Action} response`);
    }
    if (String(id) === '') fail(`PhysicalResourceIdPath: ${props.PhysicalResourceIdPath} is empty in the ${call.Action} response`);
    outcome.physicalId = String(id);
    env.attempt.physicalId = outcome.physicalId; // for a later step's failure: the rollback Delete then runs OnDelete
  }
  if (type !== 'Delete') {
    for (const path of props.OutputPaths) {
      const value = valueAt(response, path);
      if (value !== undefined) {
        outcome.data[path] = value;
      } else if (type === 'Create' && props.AllowMissingOutputs) {
        env.log.info(`ros-cdk-smq custom resource: OutputPaths: ${path} is not in the ${call.Action} response: '' (AllowMissingOutputs)`);
        outcome.data[path] = '';
      } else if (type === 'Create') {
        fail(`OutputPaths: ${path} is not in the ${call.Action} response`);
      } else {
        env.log.info(`ros-cdk-smq custom resource: OutputPaths: ${path} is not in the ${call.Action} response, left out of Data`);
      }
    }
  }
  return outcome;
}

/** The outcome when the phase's first request was skipped (SkipUnlessSet or OnlyIf): there is no answer to read. */
function skippedOutcome(type, props, call, log) {
  const why = `the ${call.Action} request was skipped (SkipUnlessSet or OnlyIf), so there is no response to read`;
  if (type === 'Create' && props.PhysicalResourceId === undefined && props.PhysicalResourceIdPath) {
    fail(`PhysicalResourceIdPath: ${why} ${props.PhysicalResourceIdPath} from`);
  }
  const data = {};
  if (props.OutputPaths.length > 0) {
    if (type === 'Update') {
      log.info(`ros-cdk-smq custom resource: OutputPaths: ${why} them from: left out of Data`);
    } else if (props.AllowMissingOutputs) {
      log.info(`ros-cdk-smq custom resource: OutputPaths: ${why} them from: '' (AllowMissingOutputs)`);
      for (const path of props.OutputPaths) data[path] = '';
    } else {
      fail(`OutputPaths: ${why} ${props.OutputPaths.join(', ')} from (AllowMissingOutputs would give '')`);
    }
  }
  return { status: 'SUCCESS', data };
}

/**
 * One request with its SkipUnlessSet, OnlyIf, WaitFor and Then (see the top of this file). Resolves to true when the
 * request was sent (or, on Delete, answered with an ignored code), false when it was skipped. `onResponse` (the
 * phase's first request only) gets the answer before WaitFor and Then; an error it throws stops the operation.
 */
async function perform(step, req, name, onResponse) {
  const { log } = step;
  const first = typeof onResponse === 'function';
  const missing = req.SkipUnlessSet.find((key) => isEmpty(req.Parameters[key]));
  if (missing !== undefined) {
    log.info(`ros-cdk-smq custom resource: ${name} ${req.Action} skipped: its parameter ${missing} is empty (SkipUnlessSet)`);
    return false;
  }
  if (req.OnlyIf) {
    const check = req.OnlyIf;
    let answer;
    try {
      answer = await callApi(step, check.Action, check.Parameters, false, false);
    } catch (e) {
      const code = apiCodeOf(e);
      if (code && step.ignored.includes(code)) {
        log.info(`ros-cdk-smq custom resource: ${check.Action} returned ${code}, ignored on Delete: ${name} ${req.Action} skipped (OnlyIf)`);
        return false;
      }
      throw e;
    }
    if (!check.Values.includes(textAt(answer, check.Path))) {
      log.info(`ros-cdk-smq custom resource: ${name} ${req.Action} skipped: ${check.Action} ${check.Path} is not one of OnlyIf's values`);
      return false;
    }
    log.info(`ros-cdk-smq custom resource: ${check.Action} ${check.Path} is one of OnlyIf's values: ${name} ${req.Action} goes ahead`);
  }
  let response;
  try {
    response = await callApi(step, req.Action, req.Parameters, req.OmitEmptyParameters, first);
  } catch (e) {
    const code = apiCodeOf(e);
    if (code && step.ignored.includes(code)) {
      log.info(`ros-cdk-smq custom resource: ${req.Action} returned ${code}, ignored on Delete` +
        `${req.WaitFor || req.Then.length ? ': its WaitFor and Then are skipped' : ''}`);
      return true;
    }
    throw e;
  }
  if (first) onResponse(response);
  if (req.WaitFor) {
    await waitFor(step, req, name);
  }
  for (let i = 0; i < req.Then.length; i++) {
    await perform(step, req.Then[i], `${name}.Then[${i}]`);
  }
  return true;
}

/** Polls req.WaitFor until Until (done), FailOn (FAILED) or the deadline (FAILED). */
async function waitFor(step, req, name) {
  const { log } = step;
  const wait = req.WaitFor;
  let lastValue = '';
  const intervalMs = wait.IntervalSeconds * 1000;
  for (let poll = 1; ; poll++) {
    // one interval before every poll, the first one included: the status lags the request
    if (Date.now() + intervalMs >= step.deadlineAt) {
      fail(poll === 1
        ? `waiting after ${req.Action}: the first ${wait.Action} poll, one interval (${wait.IntervalSeconds} s) after the request, would come ` +
          `after the deadline (${step.deadline})`
        : `waiting after ${req.Action}: ${wait.Action} ${wait.Path} is still ${JSON.stringify(cutBytes(lastValue, 64))} after ${poll - 1} ` +
          `poll${poll === 2 ? '' : 's'}, not one of Until (${wait.Until.map((v) => JSON.stringify(v)).join(', ')}), and the next poll ` +
          `would come after the deadline (${step.deadline})`);
    }
    await sleep(step.attempt, intervalMs);
    let answer;
    try {
      answer = await callApi(step, wait.Action, wait.Parameters, false, false);
    } catch (e) {
      const code = apiCodeOf(e);
      if (code && step.ignored.includes(code)) {
        log.info(`ros-cdk-smq custom resource: ${wait.Action} returned ${code}, ignored on Delete: the wait for ${req.Action} is over`);
        return;
      }
      throw e;
    }
    const value = textAt(answer, wait.Path);
    lastValue = value;
    if (wait.Until.includes(value)) {
      log.info(`ros-cdk-smq custom resource: ${name}.WaitFor: ${wait.Action} ${wait.Path} reached Until (poll ${poll})`);
      return;
    }
    if (wait.FailOn.includes(value)) {
      fail(`waiting after ${req.Action}: ${wait.Action} ${wait.Path} is ${JSON.stringify(value)}, one of FailOn (poll ${poll})`);
    }
    log.info(`ros-cdk-smq custom resource: ${name}.WaitFor: ${wait.Action} ${wait.Path} not yet one of Until (poll ${poll}), ` +
      `next poll in ${wait.IntervalSeconds} s`);
  }
}

/** Waits ms, or less when the deadline answer is given meanwhile. */
function sleep(attempt, ms) {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      attempt.wakers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    attempt.wakers.add(wake);
  });
}

function isEmpty(value) {
  return value === undefined || value === null || value === '';
}

/** The value at a dotted path as text: missing or null is '', an object or a list its JSON. */
function textAt(response, path) {
  const value = valueAt(response, path);
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The API's error code of a failed call (see ApiFailure), else undefined. */
function apiCodeOf(e) {
  return e instanceof ApiFailure ? e.code : undefined;
}

/**
 * A failed call: `message` is the reason for ROS (`<Action> failed: <code or HTTP status>: <message> (RequestId ...)`).
 * `code`: the API's error code, when the answer has one; `made`: whether the request may have taken effect; `retry`:
 * 'always' (refused for now: busy, throttled, not sent), 'idempotent' (may have taken effect: only an action that can
 * be repeated safely is retried) or 'never'; `what`: the code, status or network error, for the retry log.
 */
class ApiFailure extends Error {
  constructor(message, fields) {
    super(message);
    this.name = 'ApiFailure';
    Object.assign(this, fields);
  }
}

/** The failure an answer (pop-core's `[json, entry]`) describes, or undefined when it is a success. */
function answerFailure(action, json, status) {
  const body = json && typeof json === 'object' ? json : {};
  const codeValue = body.Code;
  const failingCode = codeValue !== undefined && codeValue !== null && codeValue !== '' && !SUCCESS_CODES.includes(codeValue);
  const httpOk = typeof status !== 'number' || status >= 200 && status < 300;
  const successFalse = body.Success === false || typeof body.Success === 'string' && body.Success.trim().toLowerCase() === 'false';
  if (!failingCode && httpOk && !successFalse) return undefined;
  const errorCode = typeof body.ErrorCode === 'string' && body.ErrorCode !== '' && !SUCCESS_CODES.includes(body.ErrorCode) ? body.ErrorCode : undefined;
  const code = failingCode ? String(codeValue) : errorCode;
  const text = [body.Message, body.ErrorMessage, body.message].find((m) => typeof m === 'string' && m !== '');
  const head = code || (!httpOk ? `HTTP ${status}` : 'Success is false');
  const requestId = body.RequestId || body.requestId;
  const message = `${action} failed: ${head}${text ? `: ${text}` : ''}${requestId ? ` (RequestId ${requestId})` : ''}`;
  const serverError = typeof status === 'number' && status >= 500;
  let kind;
  if (code !== undefined) {
    // HTTP 429 is throttling whatever the code says (EventBridge answers TooManyRequests with it)
    kind = THROTTLING_CODE.test(code) || status === 429 ? 'throttled' : INTERNAL_CODE.test(code) || serverError ? 'internal' : 'refused';
  } else {
    kind = status === 429 ? 'throttled' : serverError ? 'internal' : 'refused';
  }
  return new ApiFailure(message, {
    code,
    made: kind === 'internal',
    retry: kind === 'throttled' ? 'always' : kind === 'internal' ? 'idempotent' : 'never',
    what: code || `HTTP ${status}`,
  });
}

/** The failure of a call that threw: an error answer (pop-core), an answer that is not JSON, or a network error. */
function thrownFailure(action, e) {
  if (e && e.data && typeof e.data === 'object') {
    const status = e.entry && e.entry.response ? e.entry.response.statusCode : undefined;
    const failure = answerFailure(action, e.data, status);
    if (failure) return failure;
  }
  const reason = String(e && e.message || e);
  if (e && e.name === 'SyntaxError') {
    // json-bigint could not read the body: the API answered, with what is unknown
    return new ApiFailure(`${action} failed: the answer is not JSON (${reason})`, { made: true, retry: 'idempotent', what: 'an answer that is not JSON' });
  }
  const code = e && typeof e.code === 'string' ? e.code : undefined;
  const unsent = UNSENT_ERRORS.includes(code) || code === NO_SUCH_HOST;
  return new ApiFailure(`${action} failed: ${reason}`, {
    made: !unsent,
    retry: code === NO_SUCH_HOST ? 'never' : unsent ? 'always' : 'idempotent',
    what: code || (e && e.name) || 'a network error',
  });
}

/**
 * Whether an Update would send the same request tree as the old properties did: the same Endpoint, ApiVersion, and
 * tree as sent (parameters after the same conversion). Unknown or unreadable old properties count as changed.
 */
function unchanged(props, call, oldProperties) {
  let old;
  try {
    old = readProperties(oldProperties);
  } catch (e) {
    return false;
  }
  const oldCall = old.OnUpdate || old.OnCreate;
  return Boolean(oldCall) && props.Endpoint === old.Endpoint && props.ApiVersion === old.ApiVersion &&
    JSON.stringify(canonical(call)) === JSON.stringify(canonical(oldCall));
}

/** A request tree as it is sent, in a fixed order: parameters as sent, sorted by name. */
function canonical(req) {
  const params = (parameters) => {
    const sent = rpcParams(parameters);
    return Object.keys(sent).sort().map((key) => [key, sent[key]]);
  };
  return {
    Action: req.Action,
    Parameters: params(req.Parameters),
    SkipUnlessSet: req.SkipUnlessSet,
    OmitEmptyParameters: req.OmitEmptyParameters,
    OnlyIf: req.OnlyIf ? { Action: req.OnlyIf.Action, Parameters: params(req.OnlyIf.Parameters), Path: req.OnlyIf.Path, Values: req.OnlyIf.Values } : null,
    WaitFor: req.WaitFor ? {
      Action: req.WaitFor.Action, Parameters: params(req.WaitFor.Parameters), Path: req.WaitFor.Path,
      Until: req.WaitFor.Until, FailOn: req.WaitFor.FailOn, IntervalSeconds: req.WaitFor.IntervalSeconds,
    } : null,
    Then: req.Then.map(canonical),
  };
}

/** The parameters as sent: objects and arrays JSON-stringified (pop-core sends them flat), null dropped. */
function rpcParams(parameters) {
  const params = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (value === undefined || value === null) continue;
    params[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return params;
}

/** CallTimeout (seconds, a number or a numeric string) from the raw ResourceProperties, undefined when unusable. */
function callTimeoutOf(resourceProperties) {
  try {
    return readCallTimeout(parseObject('ResourceProperties', resourceProperties) || {});
  } catch (e) {
    return undefined; // readProperties reports it
  }
}

function readCallTimeout(props) {
  const v = props.CallTimeout;
  if (v === undefined || v === null || v === '') return undefined;
  const seconds = positiveNumber(v);
  if (seconds === undefined) fail(`CallTimeout must be a positive number of seconds, got ${JSON.stringify(v)}`);
  return seconds;
}

/** A positive finite number from a number or a numeric string, else undefined. */
function positiveNumber(v) {
  const n = typeof v === 'number' || typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return n > 0 && Number.isFinite(n) ? n : undefined;
}

/** A pop-core RPC client signing with the role's STS credentials from the FC context. */
function newClient(props, credentials) {
  if (!props.Endpoint || !/^https?:\/\//.test(props.Endpoint)) fail(`Endpoint must be an http(s) URL, got ${JSON.stringify(props.Endpoint)}`);
  if (!props.ApiVersion) fail('ApiVersion is required');
  if (!credentials || !credentials.accessKeyId || !credentials.accessKeySecret) {
    fail('the FC context has no credentials: the function needs a role');
  }
  // verbose: answers come as [json, entry], entry.response.statusCode the HTTP status
  return new RPCClient({
    endpoint: props.Endpoint,
    apiVersion: props.ApiVersion,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    securityToken: credentials.securityToken,
  }, true);
}

/**
 * Calls one RPC action: POST, form parameters, objects and arrays JSON-stringified (pop-core sends them flat); with
 * omitEmpty, parameters that are '' left out. Resolves to the answer; a failure (see the top of this file) throws an
 * ApiFailure, after the retries it allows. `first`: the phase's first request (whether it may have made something is
 * recorded). Nothing is sent once the deadline answer is given.
 */
async function callApi(step, action, parameters, omitEmpty, first) {
  if (step.attempt.cancelled) fail(`${action} not sent: ROS has been answered (the deadline passed)`);
  const params = rpcParams(parameters);
  const omitted = omitEmpty ? Object.keys(params).filter((key) => params[key] === '') : [];
  for (const key of omitted) delete params[key];
  step.log.info(`ros-cdk-smq custom resource: calling ${action} (${step.apiVersion}) with ${Object.keys(params).join(', ') || 'no parameters'}` +
    `${omitted.length ? `; empty, left out: ${omitted.join(', ')}` : ''}`);
  const repeatable = IDEMPOTENT_ACTION.test(action);
  for (let attempt = 1; ; attempt++) {
    if (step.attempt.cancelled) fail(`${action} not sent: ROS has been answered (the deadline passed)`);
    const madeBefore = step.attempt.firstMade;
    if (first) step.attempt.firstMade = true; // in flight: it may make something
    let failure;
    try {
      // the HTTP timeout outlasts the deadline timer, which answers ROS first
      const [json, entry] = await step.client.request(action, params,
        { method: 'POST', formatParams: false, timeout: Math.max(1000, step.endAt - Date.now()) });
      failure = answerFailure(action, json, entry && entry.response ? entry.response.statusCode : undefined);
      if (!failure) return json;
    } catch (e) {
      failure = thrownFailure(action, e);
    }
    if (first && !failure.made) step.attempt.firstMade = madeBefore;
    const ignored = failure.code !== undefined && step.ignored.includes(failure.code);
    const retry = !ignored && (failure.retry === 'always' || failure.retry === 'idempotent' && repeatable);
    const attempts = attempt === 1 ? '' : ` (${attempt} attempts)`;
    if (!retry) {
      if (failure.retry === 'idempotent' && !repeatable && !ignored) {
        failure.message += `${attempts} (not retried: a ${action} that may have taken effect is not repeated, as it could make a second one)`;
      } else {
        failure.message += attempts;
      }
      throw failure;
    }
    const pause = Math.min(exports.retrySettings.retryMaxMs, exports.retrySettings.retryBaseMs * 2 ** (attempt - 1));
    if (Date.now() + pause >= step.deadlineAt) {
      failure.message += ` (${attempt} attempt${attempt === 1 ? '' : 's'}: the next would come after the deadline, ${step.deadline})`;
      throw failure;
    }
    step.log.info(`ros-cdk-smq custom resource: ${action} attempt ${attempt} failed (${failure.what}), retrying in ${pause / 1000} s`);
    await sleep(step.attempt, pause);
  }
}

/** Reads ResourceProperties (the custom resource's Parameters); map values may arrive as JSON strings. */
function readProperties(value) {
  const props = parseObject('ResourceProperties', value);
  if (!props) fail('ResourceProperties must be a JSON object');
  const text = (name) => {
    const v = props[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'object') fail(`${name} must be a string, got ${JSON.stringify(v)}`);
    return String(v);
  };
  const list = (name) => {
    let v = props[name];
    if (typeof v === 'string') v = v.trim().startsWith('[') ? parseJson(name, v) : v.split(',').map((s) => s.trim()).filter(Boolean);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) fail(`${name} must be a list of strings, got ${JSON.stringify(v)}`);
    return v.map(String);
  };
  const id = text('PhysicalResourceId');
  if (id !== undefined && Buffer.byteLength(id) > MAX_ID_BYTES) fail(`PhysicalResourceId must be at most ${MAX_ID_BYTES} bytes`);
  return {
    Endpoint: text('Endpoint'),
    ApiVersion: text('ApiVersion'),
    OnCreate: readRequest('OnCreate', props.OnCreate),
    OnUpdate: readRequest('OnUpdate', props.OnUpdate),
    OnDelete: readRequest('OnDelete', props.OnDelete),
    IgnoreErrorCodesOnDelete: list('IgnoreErrorCodesOnDelete'),
    PhysicalResourceId: id,
    PhysicalResourceIdPath: text('PhysicalResourceIdPath'),
    OutputPaths: list('OutputPaths'),
    AllowMissingOutputs: flag('AllowMissingOutputs', props.AllowMissingOutputs),
    CallTimeout: readCallTimeout(props),
  };
}

/** One request of a phase, with its checks, polls and followers; undefined when absent. */
function readRequest(name, value) {
  const v = parseObject(name, value);
  if (v === undefined) return undefined;
  if (!v || typeof v.Action !== 'string' || !v.Action) fail(`${name} must be an object with an Action, got ${shapeOf(value)}`);
  const then = v.Then === undefined || v.Then === null || v.Then === '' ? [] : typeof v.Then === 'string' ? parseJson(`${name}.Then`, v.Then) : v.Then;
  if (!Array.isArray(then)) fail(`${name}.Then must be a list of requests, got ${shapeOf(v.Then)}`);
  return {
    Action: v.Action,
    Parameters: readParameters(`${name}.Parameters`, v.Parameters),
    SkipUnlessSet: textList(`${name}.SkipUnlessSet`, v.SkipUnlessSet, false),
    OmitEmptyParameters: flag(`${name}.OmitEmptyParameters`, v.OmitEmptyParameters),
    OnlyIf: readCheck(`${name}.OnlyIf`, v.OnlyIf, 'Values'),
    WaitFor: readCheck(`${name}.WaitFor`, v.WaitFor, 'Until'),
    Then: then.map((child, i) => readRequest(`${name}.Then[${i}]`, child) || fail(`${name}.Then[${i}] must be an object with an Action, got ${shapeOf(child)}`)),
  };
}

/** An OnlyIf ({ Action, Parameters, Path, Values }) or a WaitFor ({ ..., Until, FailOn, IntervalSeconds }). */
function readCheck(name, value, valuesKey) {
  const v = parseObject(name, value);
  if (v === undefined) return undefined;
  if (!v || typeof v.Action !== 'string' || !v.Action) fail(`${name} must be an object with an Action, got ${shapeOf(value)}`);
  if (typeof v.Path !== 'string' || !v.Path) fail(`${name}.Path must be a dotted path into the ${v.Action} response, got ${JSON.stringify(v.Path)}`);
  const check = {
    Action: v.Action,
    Parameters: readParameters(`${name}.Parameters`, v.Parameters),
    Path: v.Path,
    [valuesKey]: textList(`${name}.${valuesKey}`, v[valuesKey], true),
  };
  if (valuesKey === 'Until') {
    check.FailOn = textList(`${name}.FailOn`, v.FailOn, false);
    const interval = v.IntervalSeconds;
    check.IntervalSeconds = interval === undefined || interval === null || interval === '' ? DEFAULT_INTERVAL_SECONDS : positiveNumber(interval);
    if (check.IntervalSeconds === undefined) fail(`${name}.IntervalSeconds must be a positive number of seconds, got ${JSON.stringify(interval)}`);
  }
  return check;
}

/** A request's parameters (a map, or its JSON text), none of the RPC request's own fields. */
function readParameters(name, value) {
  const parameters = parseObject(name, value);
  if (parameters === null) fail(`${name} must be an object, got ${JSON.stringify(value)}`);
  const reserved = Object.keys(parameters || {}).filter((key) => RESERVED_PARAMETERS.includes(key));
  if (reserved.length) {
    fail(`${name}: ${reserved.join(', ')} ${reserved.length === 1 ? 'is a name' : 'are names'} the RPC request sets itself ` +
      `(reserved: ${RESERVED_PARAMETERS.join(', ')})`);
  }
  return parameters || {};
}

/** A list of text values (or its JSON text); '' is a value. */
function textList(name, value, required) {
  const v = typeof value === 'string' ? parseJson(name, value) : value === null ? undefined : value;
  if (v === undefined && !required) return [];
  if (!Array.isArray(v) || required && v.length === 0) {
    fail(`${name} must be a list of ${required ? 'at least one string' : 'strings'}, got ${JSON.stringify(value)}`);
  }
  return v.map((x) => (x === undefined || x === null ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x)));
}

/** true or "true"; false, "false" or nothing is false. */
function flag(name, value) {
  if (value === true || value === 'true') return true;
  if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
  return fail(`${name} must be true or false, got ${JSON.stringify(value)}`);
}

/** How a value looks, without its content (it may hold parameter values): its type and, for a map, its keys. */
function shapeOf(value) {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value && typeof value === 'object') return `an object with keys ${Object.keys(value).join(', ') || '(none)'}`;
  if (typeof value === 'string') return `text of ${value.length} characters`;
  return JSON.stringify(value === undefined ? null : value);
}

/** undefined when absent, the object when it is one (or a JSON string of one), null when it is anything else. */
function parseObject(name, value) {
  if (value === undefined || value === null || value === '') return undefined;
  const v = typeof value === 'string' ? parseJson(name, value) : value;
  return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
}

function parseJson(name, text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(`${name} is not valid JSON: ${e.message}`);
  }
}

/** A problem with the request or the response (not an API error); run() reports it to ROS as FAILED. */
function fail(message) {
  throw new Error(message);
}

/** The value at a dotted path ("Data.Items.0.Id") in an API response, or undefined. */
function valueAt(object, path) {
  return String(path).split('.').reduce((v, key) => (v !== null && typeof v === 'object' ? v[key] : undefined), object);
}

/**
 * The response body (custom-resource-response-objects): never over 4096 bytes, its physical id always 1 to 255 bytes.
 * A Create that made nothing (outcome.made === false) answers the marker id `failed:<RequestId>`.
 */
function responseBody(request, props, outcome) {
  const failedId = cutBytes(`${FAILED_ID_PREFIX}${request.RequestId || request.LogicalResourceId || 'unknown'}`, MAX_ID_BYTES);
  const isCreate = request.RequestType === 'Create';
  const wanted = isCreate
    ? outcome.made === false ? failedId : outcome.physicalId || props && props.PhysicalResourceId || request.LogicalResourceId
    : request.PhysicalResourceId || request.LogicalResourceId; // Update, Delete: copied from the request
  // when the wanted id cannot be sent: the logical id (a rollback Delete then still runs OnDelete), else the marker
  const safeId = validId(wanted) ? String(wanted)
    : validId(request.LogicalResourceId) && !(isCreate && outcome.made === false) ? String(request.LogicalResourceId) : failedId;
  const common = { PhysicalResourceId: safeId, StackId: request.StackId, RequestId: request.RequestId, LogicalResourceId: request.LogicalResourceId };
  if (outcome.status === 'SUCCESS') {
    if (!validId(wanted)) {
      const shown = wanted === undefined || wanted === null || wanted === '' ? JSON.stringify(wanted === undefined ? null : wanted)
        : `${Buffer.byteLength(String(wanted))} bytes: ${JSON.stringify(cutBytes(String(wanted), 64))}...`;
      return failedBody(common, `the physical id must be 1 to ${MAX_ID_BYTES} bytes, got ${shown}`);
    }
    const body = { Status: 'SUCCESS', ...common };
    if (outcome.data) body.Data = outcome.data;
    const size = Buffer.byteLength(JSON.stringify(body));
    return size <= MAX_BODY_BYTES ? body
      : failedBody(common, `the response would be ${size} bytes, over ROS's ${MAX_BODY_BYTES}: select less with OutputPaths`);
  }
  return failedBody(common, outcome.reason);
}

function validId(id) {
  return (typeof id === 'string' || typeof id === 'number') && String(id) !== '' && Buffer.byteLength(String(id)) <= MAX_ID_BYTES;
}

/** The longest prefix of text within maxBytes of UTF-8 (never a broken character). */
function cutBytes(text, maxBytes) {
  let cut = text.slice(0, maxBytes);
  while (Buffer.byteLength(cut) > maxBytes) cut = cut.slice(0, -1);
  return cut;
}

function failedBody(common, reason) {
  return { Status: 'FAILED', Reason: cutBytes(String(reason || 'failed'), MAX_REASON_BYTES), ...common };
}

/**
 * POSTs the body to the ResponseURL; retries on 5xx and network errors while the function has time. A ResponseURL
 * that is not an http(s) URL is not retried (it will not get better). The URL is never logged: it is presigned.
 */
async function send(url, body, endAt, log) {
  const payload = Buffer.from(JSON.stringify(body));
  let target;
  try {
    target = new URL(url);
  } catch (e) {
    target = undefined;
  }
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
    log.error(`ros-cdk-smq custom resource: answering ROS failed: the ResponseURL is not an http(s) URL${target ? ` (${target.protocol})` : ''}`);
    log.error('ros-cdk-smq custom resource: gave up answering ROS; the stack operation will time out');
    return false;
  }
  for (let attempt = 1; ; attempt++) {
    let problem;
    let retry = true; // on network errors and 5xx; a 4xx will not get better
    try {
      const status = await post(target, payload, Math.max(500, endAt - Date.now() - 100));
      if (status >= 200 && status < 300) return true;
      problem = `HTTP ${status}`;
      retry = status >= 500;
    } catch (e) {
      problem = e.message;
    }
    const pause = 200 * 2 ** (attempt - 1);
    log.error(`ros-cdk-smq custom resource: answering ROS failed (attempt ${attempt}): ${problem}`);
    if (!retry || attempt === POST_ATTEMPTS || Date.now() + pause + 500 > endAt) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  log.error('ros-cdk-smq custom resource: gave up answering ROS; the stack operation will time out');
  return false;
}

function post(target, payload, timeoutMs) {
  return new Promise((resolve, reject) => {
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(target, {
      method: 'POST',
      agent: false, // a fresh connection: a kept-alive one may be stale after FC freezes the instance
      timeout: timeoutMs,
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'application/json',
        'Content-Length': payload.length,
        'Date': new Date().toUTCString(),
      },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
