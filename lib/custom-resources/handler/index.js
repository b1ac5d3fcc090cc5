'use strict';
/**
 * The FC 3.0 function behind every `ALIYUN::ROS::CustomResource` of ros-cdk-smq: on Create, Update and Delete it calls
 * one Alibaba Cloud RPC OpenAPI action, then answers ROS on the request's ResponseURL.
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
 * Behaviour worth knowing (each one a deliberate choice):
 * - Update makes no call when the request it would send (Endpoint, ApiVersion, and the Action and Parameters of
 *   OnUpdate, else OnCreate) equals the one OldResourceProperties would send, e.g. when only OutputPaths, OnDelete,
 *   IgnoreErrorCodesOnDelete or CallTimeout changed. It answers SUCCESS with the request's physical id and no Data:
 *   outputs are NOT re-read then (there is no call to read them from).
 * - On Update, OutputPaths missing from the response are left out of Data (an update action often answers less than
 *   the create action); on Create a missing path is FAILED.
 * - A Create whose call was never made or that the API refused (an error Code) answers FAILED with the physical id
 *   `failed:<RequestId>`; a Delete of such an id answers SUCCESS without a call, so a rollback does not fail on a
 *   resource that never existed. A Create that may have made something (the call succeeded but the answer could not
 *   be built, a timeout, a network error) keeps its ordinary physical id so that the rollback Delete runs OnDelete.
 * - The physical id of every answer is 1 to 255 bytes; when it cannot be, the answer is FAILED with a safe id.
 * - Parameters may not use the names of the RPC request's own fields (Action, Version, Signature, ...): FAILED, no call.
 * - The deadline is min(CallTimeout, the function's timeout) less a margin to answer ROS. After the deadline answer
 *   the API call that is in flight is not cancelled: it may still complete.
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
const FAILED_ID_PREFIX = 'failed:';
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
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ status: 'FAILED', reason:
      `timed out: no result within ${deadlineAt - startedAt} ms (${limit.name} ${limit.seconds} s less a margin to answer ROS)` }),
    deadlineAt - Date.now());
  });
  let props;
  const attempt = { called: false }; // run() sets it when the API call is sent
  const work = (async () => {
    if (request.RequestType === 'Delete' && String(request.PhysicalResourceId || '').startsWith(FAILED_ID_PREFIX)) {
      log.info('ros-cdk-smq custom resource: the Create failed before anything was made: nothing to delete');
      return { status: 'SUCCESS', data: {} };
    }
    props = readProperties(request.ResourceProperties);
    return run(request, props, ctx.credentials, endAt, log, attempt);
  })().catch((e) => ({
    status: 'FAILED',
    reason: e.message || String(e),
    // nothing was made when no call was sent or the API refused it; otherwise (the call succeeded, a network error)
    // it may have been: keep the ordinary physical id so that a rollback Delete runs OnDelete
    made: attempt.called && !e.refused ? undefined : false,
  }));
  const outcome = await Promise.race([work, timedOut]);
  clearTimeout(timer);

  const body = responseBody(request, props, outcome);
  log.info(`ros-cdk-smq custom resource: answering ${body.Status}${body.Reason ? `: ${body.Reason}` : ''}`);
  await send(request.ResponseURL, body, endAt, log);
  return body;
};

/**
 * Does what the request asks; resolves to { status, reason?, physicalId?, data? }. Sets attempt.called when the API
 * call is sent; an error it throws with `refused` set means the API answered an error Code (nothing was made).
 */
async function run(request, props, credentials, endAt, log, attempt) {
  const type = request.RequestType;
  const call = type === 'Create' ? props.OnCreate
    : type === 'Update' ? props.OnUpdate || props.OnCreate
      : type === 'Delete' ? props.OnDelete
        : fail(`RequestType must be Create, Update or Delete, got ${JSON.stringify(type)}`);
  if (!call) {
    return { status: 'SUCCESS', data: {} };
  }
  if (type === 'Update' && unchanged(props, call, request.OldResourceProperties)) {
    log.info(`ros-cdk-smq custom resource: the ${call.Action} request is unchanged: no call, outputs not re-read`);
    return { status: 'SUCCESS' }; // no Data: nothing was read
  }
  const client = newClient(props, credentials);
  let response;
  try {
    attempt.called = true;
    response = await callApi(client, call, endAt, log);
  } catch (e) {
    const data = e.data || {};
    const apiCode = data.Code ? e.code : undefined; // an error answer of the API, not a network error
    if (type === 'Delete' && apiCode && props.IgnoreErrorCodesOnDelete.includes(apiCode)) {
      log.info(`ros-cdk-smq custom resource: ${call.Action} returned ${apiCode}, ignored on Delete`);
      return { status: 'SUCCESS', data: {} };
    }
    const error = new Error(apiCode
      ? `${call.Action} failed: ${apiCode}: ${data.Message || e.message}${data.RequestId ? ` (RequestId ${data.RequestId})` : ''}`
      : `${call.Action} failed: ${e.message || e}`);
    error.refused = Boolean(apiCode);
    throw error;
  }
  const outcome = { status: 'SUCCESS', data: {} };
  if (type === 'Create' && props.PhysicalResourceId === undefined && props.PhysicalResourceIdPath) {
    const id = valueAt(response, props.PhysicalResourceIdPath);
    if (id === undefined || id === null || typeof id === 'object' && typeof id.toFixed !== 'function') {
      fail(`PhysicalResourceIdPath: ${props.PhysicalResourceIdPath} is not a value in the ${call.Action} response`);
    }
    if (String(id) === '') fail(`PhysicalResourceIdPath: ${props.PhysicalResourceIdPath} is empty in the ${call.Action} response`);
    outcome.physicalId = String(id);
  }
  if (type !== 'Delete') {
    for (const path of props.OutputPaths) {
      const value = valueAt(response, path);
      if (value !== undefined) {
        outcome.data[path] = value;
      } else if (type === 'Create') {
        return { status: 'FAILED', reason: `OutputPaths: ${path} is not in the ${call.Action} response`, physicalId: outcome.physicalId };
      } else {
        log.info(`ros-cdk-smq custom resource: OutputPaths: ${path} is not in the ${call.Action} response, left out of Data`);
      }
    }
  }
  return outcome;
}

/**
 * Whether an Update would send the same request as the old properties did: the same Endpoint, ApiVersion, Action and
 * parameters as sent (after the same conversion). Unknown or unreadable old properties count as changed.
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
    call.Action === oldCall.Action && sameParams(rpcParams(call.Parameters), rpcParams(oldCall.Parameters));
}

function sameParams(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
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
  const seconds = typeof v === 'number' || typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!(seconds > 0) || !Number.isFinite(seconds)) fail(`CallTimeout must be a positive number of seconds, got ${JSON.stringify(v)}`);
  return seconds;
}

/** A pop-core RPC client signing with the role's STS credentials from the FC context. */
function newClient(props, credentials) {
  if (!props.Endpoint || !/^https?:\/\//.test(props.Endpoint)) fail(`Endpoint must be an http(s) URL, got ${JSON.stringify(props.Endpoint)}`);
  if (!props.ApiVersion) fail('ApiVersion is required');
  if (!credentials || !credentials.accessKeyId || !credentials.accessKeySecret) {
    fail('the FC context has no credentials: the function needs a role');
  }
  return new RPCClient({
    endpoint: props.Endpoint,
    apiVersion: props.ApiVersion,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    securityToken: credentials.securityToken,
  });
}

/** Calls one RPC action: POST, form parameters, objects and arrays JSON-stringified (pop-core sends them flat). */
async function callApi(client, call, endAt, log) {
  const params = rpcParams(call.Parameters);
  log.info(`ros-cdk-smq custom resource: calling ${call.Action} (${client.apiVersion}) with ${Object.keys(params).join(', ') || 'no parameters'}`);
  // the HTTP timeout outlasts the deadline timer, which answers ROS first
  return client.request(call.Action, params, { method: 'POST', formatParams: false, timeout: Math.max(1000, endAt - Date.now()) });
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
  const apiCall = (name) => {
    const v = parseObject(name, props[name]);
    if (v === undefined) return undefined;
    if (!v || typeof v.Action !== 'string' || !v.Action) fail(`${name} must be an object with an Action, got ${JSON.stringify(props[name])}`);
    const parameters = parseObject(`${name}.Parameters`, v.Parameters);
    if (parameters === null) fail(`${name}.Parameters must be an object, got ${JSON.stringify(v.Parameters)}`);
    const reserved = Object.keys(parameters || {}).filter((key) => RESERVED_PARAMETERS.includes(key));
    if (reserved.length) {
      fail(`${name}.Parameters: ${reserved.join(', ')} ${reserved.length === 1 ? 'is a name' : 'are names'} the RPC request sets itself ` +
        `(reserved: ${RESERVED_PARAMETERS.join(', ')})`);
    }
    return { Action: v.Action, Parameters: parameters || {} };
  };
  const id = text('PhysicalResourceId');
  if (id !== undefined && Buffer.byteLength(id) > MAX_ID_BYTES) fail(`PhysicalResourceId must be at most ${MAX_ID_BYTES} bytes`);
  return {
    Endpoint: text('Endpoint'),
    ApiVersion: text('ApiVersion'),
    OnCreate: apiCall('OnCreate'),
    OnUpdate: apiCall('OnUpdate'),
    OnDelete: apiCall('OnDelete'),
    IgnoreErrorCodesOnDelete: list('IgnoreErrorCodesOnDelete'),
    PhysicalResourceId: id,
    PhysicalResourceIdPath: text('PhysicalResourceIdPath'),
    OutputPaths: list('OutputPaths'),
    CallTimeout: readCallTimeout(props),
  };
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
