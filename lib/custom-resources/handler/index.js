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

  // Answer before FC kills the function: keep a margin for the response POST (retries included).
  const timeoutSeconds = Number(ctx.function && ctx.function.timeout) > 0 ? Number(ctx.function.timeout) : DEFAULT_TIMEOUT_SECONDS;
  const endAt = startedAt + timeoutSeconds * 1000;
  const deadlineAt = endAt - Math.min(10000, Math.max(200, timeoutSeconds * 200));
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ status: 'FAILED', reason:
      `timed out: no result within ${deadlineAt - startedAt} ms (function timeout ${timeoutSeconds} s less a margin to answer ROS)` }),
    deadlineAt - Date.now());
  });
  let props;
  const work = (async () => {
    props = readProperties(request.ResourceProperties);
    return run(request, props, ctx.credentials, endAt, log);
  })().catch((e) => ({ status: 'FAILED', reason: e.message || String(e) }));
  const outcome = await Promise.race([work, timedOut]);
  clearTimeout(timer);

  const body = responseBody(request, props, outcome);
  log.info(`ros-cdk-smq custom resource: answering ${body.Status}${body.Reason ? `: ${body.Reason}` : ''}`);
  await send(request.ResponseURL, body, endAt, log);
  return body;
};

/** Does what the request asks; resolves to { status, reason?, physicalId?, data? }. */
async function run(request, props, credentials, endAt, log) {
  const type = request.RequestType;
  const call = type === 'Create' ? props.OnCreate
    : type === 'Update' ? props.OnUpdate || props.OnCreate
      : type === 'Delete' ? props.OnDelete
        : fail(`RequestType must be Create, Update or Delete, got ${JSON.stringify(type)}`);
  if (!call) {
    return { status: 'SUCCESS', data: {} };
  }
  const client = newClient(props, credentials);
  let response;
  try {
    response = await callApi(client, call, endAt, log);
  } catch (e) {
    if (type === 'Delete' && e.code && props.IgnoreErrorCodesOnDelete.includes(e.code)) {
      log.info(`ros-cdk-smq custom resource: ${call.Action} returned ${e.code}, ignored on Delete`);
      return { status: 'SUCCESS', data: {} };
    }
    const data = e.data || {};
    throw new Error(e.code
      ? `${call.Action} failed: ${e.code}: ${data.Message || e.message}${data.RequestId ? ` (RequestId ${data.RequestId})` : ''}`
      : `${call.Action} failed: ${e.message || e}`);
  }
  const outcome = { status: 'SUCCESS', data: {} };
  if (type !== 'Delete') {
    for (const path of props.OutputPaths) {
      const value = valueAt(response, path);
      if (value === undefined) fail(`OutputPaths: ${path} is not in the ${call.Action} response`);
      outcome.data[path] = value;
    }
  }
  if (type === 'Create' && props.PhysicalResourceId === undefined && props.PhysicalResourceIdPath) {
    const id = valueAt(response, props.PhysicalResourceIdPath);
    if (id === undefined || id === null || typeof id === 'object' && typeof id.toFixed !== 'function') {
      fail(`PhysicalResourceIdPath: ${props.PhysicalResourceIdPath} is not a value in the ${call.Action} response`);
    }
    outcome.physicalId = String(id);
  }
  return outcome;
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
  const params = {};
  for (const [key, value] of Object.entries(call.Parameters)) {
    if (value === undefined || value === null) continue;
    params[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
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

/** The response body (custom-resource-response-objects): never over 4096 bytes, never without a physical id. */
function responseBody(request, props, outcome) {
  const physicalId = request.RequestType === 'Create'
    ? outcome.physicalId || props && props.PhysicalResourceId || request.LogicalResourceId
    : request.PhysicalResourceId || request.LogicalResourceId; // Update, Delete: copied from the request
  const common = { PhysicalResourceId: physicalId, StackId: request.StackId, RequestId: request.RequestId, LogicalResourceId: request.LogicalResourceId };
  if (outcome.status === 'SUCCESS') {
    if (!physicalId || Buffer.byteLength(String(physicalId)) > MAX_ID_BYTES) {
      return failedBody(common, `the physical id must be 1 to ${MAX_ID_BYTES} bytes, got ${JSON.stringify(physicalId)}`);
    }
    const body = { Status: 'SUCCESS', ...common, Data: outcome.data || {} };
    const size = Buffer.byteLength(JSON.stringify(body));
    return size <= MAX_BODY_BYTES ? body
      : failedBody(common, `the response would be ${size} bytes, over ROS's ${MAX_BODY_BYTES}: select less with OutputPaths`);
  }
  return failedBody(common, outcome.reason);
}

function failedBody(common, reason) {
  let text = String(reason || 'failed').slice(0, MAX_REASON_BYTES);
  while (Buffer.byteLength(text) > MAX_REASON_BYTES) text = text.slice(0, -1);
  return { Status: 'FAILED', Reason: text, ...common };
}

/** POSTs the body to the ResponseURL; retries on 5xx and network errors while the function has time. */
async function send(url, body, endAt, log) {
  const payload = Buffer.from(JSON.stringify(body));
  for (let attempt = 1; ; attempt++) {
    let problem;
    let retry = true; // on network errors and 5xx; a 4xx will not get better
    try {
      const status = await post(url, payload, Math.max(500, endAt - Date.now() - 100));
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

function post(url, payload, timeoutMs) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
    if (!lib) throw new Error(`ResponseURL must be http(s), got ${target.protocol}`);
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
