/**
 * The custom-resource handler (lib/custom-resources/handler/index.js) run for real: real @alicloud/pop-core against a
 * loopback HTTP server that plays both the OpenAPI RPC endpoint and the ROS ResponseURL. Response shape per
 * https://alibabacloud.com/help/en/ros/user-guide/custom-resource-response-objects.
 */
import * as crypto from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';

type Handler = (event: unknown, context: unknown) => Promise<any>;
interface RetrySettings { retryBaseMs: number; retryMaxMs: number }
// plain CommonJS, exactly the file FC runs
const { handler, retrySettings } = require('../../lib/custom-resources/handler/index.js') as { handler: Handler; retrySettings: RetrySettings };
/** The backoff FC runs with (tests shorten it below). */
const DEFAULT_RETRY = { ...retrySettings };
/** The backoff in these tests: 20, 40, 80, 80, ... ms. */
const TEST_RETRY = { retryBaseMs: 20, retryMaxMs: 80 };

interface ApiRequest {
  readonly method: string;
  readonly contentType: string | undefined;
  readonly params: Record<string, string>;
  readonly at: number;
}
interface RosAnswer {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly raw: string;
  readonly body: any;
  readonly at: number;
}
/**
 * An answer (after delayMs, when given; `raw` is sent as the body instead of `body`'s JSON), none at all ('hang'), a
 * connection closed after the request arrived ('reset'), or a function that picks one when the request arrives.
 */
type ApiReply = { status: number; body?: object; raw?: string; delayMs?: number } | 'hang' | 'reset' | (() => ApiReply);

const CREDENTIALS = { accessKeyId: 'STS.test-ak', accessKeySecret: 'test-secret', securityToken: 'test-sts-token' };
const ARN = 'acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/s1';

let server: http.Server;
let base: string;
let apiRequests: ApiRequest[];
let answers: RosAnswer[];
/** Per action: one reply, or replies in turn (the last one repeats). */
let apiReplies: Record<string, ApiReply | ApiReply[]>;
let rosStatuses: number[];
let logs: string[];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString();
      if (req.url!.startsWith('/ros/')) {
        answers.push({ method: req.method!, url: req.url!, headers: req.headers, raw, body: JSON.parse(raw), at: Date.now() });
        res.writeHead(rosStatuses.shift() ?? 200).end();
        return;
      }
      const params = Object.fromEntries(new URLSearchParams(raw));
      apiRequests.push({ method: req.method!, contentType: req.headers['content-type'], params, at: Date.now() });
      const replies = apiReplies[params.Action];
      let reply = (Array.isArray(replies) ? (replies.length > 1 ? replies.shift() : replies[0]) : replies) ?? { status: 200, body: { RequestId: 'api-req' } };
      while (typeof reply === 'function') reply = reply();
      if (reply === 'reset') {
        req.socket.destroy();
      } else if (reply !== 'hang') {
        const { status, body, raw, delayMs } = reply;
        const answer = () => res.writeHead(status, { 'Content-Type': 'application/json' }).end(raw ?? JSON.stringify(body));
        if (delayMs === undefined) answer();
        else setTimeout(answer, delayMs);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  Object.assign(retrySettings, DEFAULT_RETRY);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  apiRequests = [];
  answers = [];
  apiReplies = {};
  rosStatuses = [];
  logs = [];
  Object.assign(retrySettings, TEST_RETRY);
});

afterEach(() => server.closeAllConnections());

function context(timeoutSeconds = 30, credentials: object | null = CREDENTIALS): object {
  const log = (...args: unknown[]) => logs.push(args.join(' '));
  return {
    requestId: 'fc-request-1',
    credentials: credentials ?? undefined,
    function: { name: 'ros-cdk-smq-provider', handler: 'index.handler', memory: 128, timeout: timeoutSeconds },
    logger: { info: log, error: log, warn: log, debug: log },
  };
}

/** The ROS request as FC delivers it: a Buffer of JSON (fields per https://alibabacloud.com/help/en/ros/user-guide/create). */
function rosEvent(requestType: string, properties: unknown, extra: object = {}): Buffer {
  return Buffer.from(JSON.stringify({
    RequestType: requestType,
    RequestId: 'ros-request-1',
    ResponseURL: `${base}/ros/callback?Expires=1&Signature=presigned-secret`,
    IntranetResponseURL: `${base}/ros/intranet?Signature=presigned-secret`,
    StackId: 'stack-1',
    StackName: 'demo',
    ResourceOwnerId: '123456789012',
    CallerId: '123456789012',
    RegionId: 'cn-hangzhou',
    ResourceType: 'ALIYUN::ROS::CustomResource',
    LogicalResourceId: 'Stream',
    ResourceProperties: properties,
    ...extra,
  }));
}

const SOURCE = { SourceMNSParameters: { RegionId: 'cn-hangzhou', QueueName: 'orders', IsBase64Decode: true } };
const SINK = { SinkMNSParameters: { QueueName: { Form: 'CONSTANT', Value: 'audit' } } };

function streamProps(overrides: object = {}): Record<string, unknown> {
  return {
    Endpoint: base,
    ApiVersion: '2020-04-01',
    OnCreate: { Action: 'CreateEventStreaming', Parameters: { EventStreamingName: 's1', Source: SOURCE, Sink: SINK, FilterPattern: '{}', BatchSize: 10, Enabled: true, Unset: null } },
    OnDelete: { Action: 'DeleteEventStreaming', Parameters: { EventStreamingName: 's1' } },
    IgnoreErrorCodesOnDelete: ['EventStreamingNotExisted'],
    PhysicalResourceIdPath: 'Data.EventStreamingARN',
    OutputPaths: ['Data.EventStreamingARN', 'RequestId'],
    ...overrides,
  };
}

/** RFC 3986 encoding as the RPC signature uses it. */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Recomputes the RPC signature (HMAC-SHA1 over POST&%2F&<sorted params>, key = secret + "&"). */
function expectSignedWith(params: Record<string, string>, secret: string): void {
  const { Signature, ...rest } = params;
  const canonical = Object.keys(rest).sort().map((k) => `${encode(k)}=${encode(rest[k])}`).join('&');
  const expected = crypto.createHmac('sha1', `${secret}&`).update(`POST&${encode('/')}&${encode(canonical)}`).digest('base64');
  expect(Signature).toBe(expected);
}

/** Every answer: POST, JSON, a GMT Date, ≤ 4096 bytes, the fields copied from the request. */
function onlyAnswer(): any {
  expect(answers).toHaveLength(1);
  const [answer] = answers;
  expect(answer.method).toBe('POST');
  expect(answer.url).toBe('/ros/callback?Expires=1&Signature=presigned-secret');
  expect(answer.headers['content-type']).toBe('application/json');
  expect(answer.headers.date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  expect(Math.abs(Date.parse(answer.headers.date!) - Date.now())).toBeLessThan(60_000);
  expect(Buffer.byteLength(answer.raw)).toBeLessThanOrEqual(4096);
  expect(answer.body).toMatchObject({ StackId: 'stack-1', RequestId: 'ros-request-1', LogicalResourceId: 'Stream' });
  expect(answer.body.PhysicalResourceId).toEqual(expect.any(String));
  expect(answer.body.PhysicalResourceId.length).toBeGreaterThan(0);
  if (answer.body.Status === 'FAILED') {
    expect(answer.body.Reason).toEqual(expect.any(String));
  }
  return answer.body;
}

function noSecretsLogged(): void {
  const text = logs.join('\n');
  expect(text).not.toContain(CREDENTIALS.accessKeySecret);
  expect(text).not.toContain(CREDENTIALS.securityToken);
  expect(text).not.toContain('presigned-secret');
  expect(text).not.toContain('audit'); // a parameter value
}

describe('Create', () => {
  test('calls OnCreate signed with the role credentials; physical id from PhysicalResourceIdPath, Data from OutputPaths', async () => {
    apiReplies.CreateEventStreaming = { status: 200, body: { RequestId: 'api-1', Code: 'Success', Success: true, Data: { EventStreamingARN: ARN } } };

    const returned = await handler(rosEvent('Create', streamProps()), context());

    expect(apiRequests).toHaveLength(1);
    const [call] = apiRequests;
    expect(call.method).toBe('POST');
    expect(call.contentType).toBe('application/x-www-form-urlencoded');
    expect(call.params).toEqual({
      Action: 'CreateEventStreaming',
      Version: '2020-04-01',
      Format: 'JSON',
      AccessKeyId: 'STS.test-ak',
      SecurityToken: 'test-sts-token',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: expect.any(String),
      Timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      Signature: expect.any(String),
      // objects JSON-stringified, scalars as strings, null dropped, names as given
      EventStreamingName: 's1',
      Source: JSON.stringify(SOURCE),
      Sink: JSON.stringify(SINK),
      FilterPattern: '{}',
      BatchSize: '10',
      Enabled: 'true',
    });
    expectSignedWith(call.params, 'test-secret');

    const body = onlyAnswer();
    expect(body).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: ARN,
      StackId: 'stack-1',
      RequestId: 'ros-request-1',
      LogicalResourceId: 'Stream',
      Data: { 'Data.EventStreamingARN': ARN, 'RequestId': 'api-1' },
    });
    expect(returned).toEqual(body);
    noSecretsLogged();
    expect(logs.join('\n')).not.toContain('answering ROS failed');
  });

  test('a literal PhysicalResourceId wins over the path; with neither the logical id is the physical id', async () => {
    apiReplies.CreateEventStreaming = { status: 200, body: { RequestId: 'api-1', Data: { EventStreamingARN: ARN } } };
    await handler(rosEvent('Create', streamProps({ PhysicalResourceId: 'ice-callback' })), context());
    await handler(rosEvent('Create', streamProps({ PhysicalResourceIdPath: undefined, OutputPaths: undefined })), context());
    expect(answers.map((a) => [a.body.Status, a.body.PhysicalResourceId, a.body.Data])).toEqual([
      ['SUCCESS', 'ice-callback', { 'Data.EventStreamingARN': ARN, 'RequestId': 'api-1' }],
      ['SUCCESS', 'Stream', {}],
    ]);
  });

  test('maps may arrive as JSON strings; an object in an OutputPath is returned as is', async () => {
    apiReplies.SetEventCallback = { status: 200, body: { RequestId: 'api-2', Success: true, Info: { A: [1, 2] } } };
    const props = {
      Endpoint: base,
      ApiVersion: '2020-11-09',
      OnCreate: JSON.stringify({ Action: 'SetEventCallback', Parameters: { CallbackType: 'MNS', CallbackURL: 'ice-callback-q', EventTypes: 'ProduceMediaComplete' } }),
      OutputPaths: '["Success","Info"]',
    };
    await handler(rosEvent('Create', props), context());
    expect(apiRequests[0].params).toMatchObject({ Action: 'SetEventCallback', Version: '2020-11-09', CallbackType: 'MNS', CallbackURL: 'ice-callback-q' });
    expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', Data: { Success: true, Info: { A: [1, 2] } } });
  });
});

describe('Update', () => {
  test('OnUpdate defaults to OnCreate; the physical id is copied from the request, not re-read from the response', async () => {
    apiReplies.CreateEventStreaming = { status: 200, body: { RequestId: 'api-3', Data: { EventStreamingARN: 'acs:other' } } };
    await handler(rosEvent('Update', streamProps(), { PhysicalResourceId: ARN, OldResourceProperties: streamProps({ OnCreate: undefined }) }), context());
    expect(apiRequests.map((r) => r.params.Action)).toEqual(['CreateEventStreaming']);
    expect(onlyAnswer()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: ARN,
      StackId: 'stack-1',
      RequestId: 'ros-request-1',
      LogicalResourceId: 'Stream',
      Data: { 'Data.EventStreamingARN': 'acs:other', 'RequestId': 'api-3' },
    });
  });

  test('an explicit OnUpdate is called instead of OnCreate', async () => {
    const props = streamProps({ OnUpdate: { Action: 'UpdateEventStreaming', Parameters: { EventStreamingName: 's1', Sink: SINK } }, OutputPaths: [] });
    await handler(rosEvent('Update', props, { PhysicalResourceId: ARN }), context());
    expect(apiRequests.map((r) => [r.params.Action, r.params.Sink])).toEqual([['UpdateEventStreaming', JSON.stringify(SINK)]]);
    expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN, Data: {} });
  });
});

describe('Delete', () => {
  test('calls OnDelete and answers SUCCESS with the request physical id', async () => {
    await handler(rosEvent('Delete', streamProps(), { PhysicalResourceId: ARN }), context());
    expect(apiRequests).toHaveLength(1);
    expect(apiRequests[0].params).toMatchObject({ Action: 'DeleteEventStreaming', EventStreamingName: 's1', SecurityToken: 'test-sts-token' });
    expectSignedWith(apiRequests[0].params, 'test-secret');
    expect(onlyAnswer()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: ARN, StackId: 'stack-1', RequestId: 'ros-request-1', LogicalResourceId: 'Stream', Data: {} });
  });

  test('an error code listed in IgnoreErrorCodesOnDelete is SUCCESS', async () => {
    apiReplies.DeleteEventStreaming = { status: 400, body: { Code: 'EventStreamingNotExisted', Message: 'not found', RequestId: 'api-4' } };
    await handler(rosEvent('Delete', streamProps(), { PhysicalResourceId: ARN }), context());
    expect(apiRequests).toHaveLength(1);
    expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
  });

  test('another error code is FAILED', async () => {
    apiReplies.DeleteEventStreaming = { status: 403, body: { Code: 'Forbidden.RAM', Message: 'no permission', RequestId: 'api-5' } };
    await handler(rosEvent('Delete', streamProps(), { PhysicalResourceId: ARN }), context());
    expect(onlyAnswer()).toEqual({
      Status: 'FAILED',
      Reason: 'DeleteEventStreaming failed: Forbidden.RAM: no permission (RequestId api-5)',
      PhysicalResourceId: ARN,
      StackId: 'stack-1',
      RequestId: 'ros-request-1',
      LogicalResourceId: 'Stream',
    });
  });

  test('no OnDelete: no call, SUCCESS', async () => {
    await handler(rosEvent('Delete', streamProps({ OnDelete: undefined }), { PhysicalResourceId: ARN }), context());
    expect(apiRequests).toEqual([]);
    expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
  });
});

describe('failures always answer ROS', () => {
  test('an API error is FAILED with its code, message and request id; the physical id is the failed-Create marker', async () => {
    apiReplies.CreateEventStreaming = { status: 400, body: { Code: 'InvalidArgument', Message: 'Sink is invalid', RequestId: 'api-6' } };
    await handler(rosEvent('Create', streamProps()), context());
    expect(onlyAnswer()).toEqual({
      Status: 'FAILED',
      Reason: 'CreateEventStreaming failed: InvalidArgument: Sink is invalid (RequestId api-6)',
      PhysicalResourceId: 'failed:ros-request-1',
      StackId: 'stack-1',
      RequestId: 'ros-request-1',
      LogicalResourceId: 'Stream',
    });
    noSecretsLogged();
  });

  test('an API that never answers: FAILED "timed out" before the function deadline', async () => {
    apiReplies.CreateEventStreaming = 'hang';
    const started = Date.now();
    await handler(rosEvent('Create', streamProps()), context(1));
    expect(apiRequests).toHaveLength(1);
    const body = onlyAnswer();
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'Stream' });
    expect(body.Reason).toMatch(/^timed out: no result within 800 ms \(function timeout 1 s/);
    const answeredAfter = answers[0].at - started;
    expect(answeredAfter).toBeGreaterThanOrEqual(750);
    expect(answeredAfter).toBeLessThan(1000);
  });

  test.each([
    ['ResourceProperties not JSON', '{"Endpoint":', /^ResourceProperties is not valid JSON/],
    ['ResourceProperties a list', ['x'], /^ResourceProperties must be a JSON object$/],
    ['OnCreate not JSON', { Endpoint: 'x', ApiVersion: 'v', OnCreate: '{Action' }, /^OnCreate is not valid JSON/],
    ['OnCreate without Action', { Endpoint: 'x', ApiVersion: 'v', OnCreate: { Parameters: {} } }, /^OnCreate must be an object with an Action, got/],
    ['Parameters a list', { Endpoint: 'x', ApiVersion: 'v', OnCreate: { Action: 'A', Parameters: [1] } }, /^OnCreate.Parameters must be an object, got \[1\]$/],
    ['OutputPaths an object', { OutputPaths: { a: 1 } }, /^OutputPaths must be a list of strings/],
    ['no Endpoint', { ApiVersion: 'v', OnCreate: { Action: 'A' } }, /^Endpoint must be an http\(s\) URL, got undefined$/],
    ['no ApiVersion', { Endpoint: 'https://ice.cn-hangzhou.aliyuncs.com', OnCreate: { Action: 'A' } }, /^ApiVersion is required$/],
  ])('a bad event (%s) is FAILED without calling the API', async (_name, properties, reason) => {
    const returned = await handler(rosEvent('Create', properties), context());
    expect(apiRequests).toEqual([]);
    const body = onlyAnswer();
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'failed:ros-request-1' }); // nothing was made
    expect(body.Reason).toMatch(reason);
    expect(returned).toEqual(body);
  });

  test('an unknown RequestType is FAILED with the request physical id', async () => {
    await handler(rosEvent('Explode', streamProps(), { PhysicalResourceId: ARN }), context());
    expect(apiRequests).toEqual([]);
    expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ARN, Reason: 'RequestType must be Create, Update or Delete, got "Explode"' });
  });

  test('no credentials in the FC context is FAILED', async () => {
    await handler(rosEvent('Create', streamProps()), context(30, null));
    expect(apiRequests).toEqual([]);
    expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', Reason: 'the FC context has no credentials: the function needs a role' });
  });

  test('an event that is not JSON or has no ResponseURL: nothing to answer, no throw', async () => {
    await expect(handler(Buffer.from('not json'), context())).resolves.toBeUndefined();
    await expect(handler('{"RequestType":"Create"}', context())).resolves.toBeUndefined();
    expect(apiRequests).toEqual([]);
    expect(answers).toEqual([]);
    expect(logs.join('\n')).toMatch(/the event is not JSON[\s\S]*the event has no ResponseURL/);
  });

  test('on Create a missing OutputPath or PhysicalResourceIdPath is FAILED; the call succeeded, so no failed: marker', async () => {
    apiReplies.CreateEventStreaming = { status: 200, body: { RequestId: 'api-7', Data: { EventStreamingARN: ARN } } };
    await handler(rosEvent('Create', streamProps({ OutputPaths: ['Data.Nope'] })), context());
    await handler(rosEvent('Create', streamProps({ PhysicalResourceIdPath: 'Data' })), context());
    expect(answers.map((a) => [a.body.Status, a.body.Reason, a.body.PhysicalResourceId])).toEqual([
      ['FAILED', 'OutputPaths: Data.Nope is not in the CreateEventStreaming response', ARN],
      ['FAILED', 'PhysicalResourceIdPath: Data is not a value in the CreateEventStreaming response', 'Stream'],
    ]);
  });

  test('Data over 4096 bytes is FAILED; a long reason is cut so the body stays within 4096 bytes', async () => {
    apiReplies.CreateEventStreaming = { status: 200, body: { RequestId: 'api-8', Big: 'x'.repeat(5000), Data: { EventStreamingARN: ARN } } };
    apiReplies.DeleteEventStreaming = { status: 400, body: { Code: 'Boom', Message: '错误'.repeat(3000), RequestId: 'api-9' } };
    await handler(rosEvent('Create', streamProps({ OutputPaths: ['Big'] })), context());
    await handler(rosEvent('Delete', streamProps(), { PhysicalResourceId: ARN }), context());
    expect(answers[0].body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ARN });
    expect(answers[0].body.Reason).toMatch(/^the response would be \d{4} bytes, over ROS's 4096: select less with OutputPaths$/);
    expect(answers[1].body.Status).toBe('FAILED');
    expect(answers[1].body.Reason).toMatch(/^DeleteEventStreaming failed: Boom: 错误错误/);
    expect(Buffer.byteLength(answers[1].body.Reason)).toBeLessThanOrEqual(1024);
    for (const a of answers) {
      expect(Buffer.byteLength(a.raw)).toBeLessThanOrEqual(4096);
    }
  });
});

describe('answering ROS', () => {
  test('a 500 from the ResponseURL is retried with the same body', async () => {
    rosStatuses = [500, 200];
    apiReplies.CreateEventStreaming = { status: 200, body: { RequestId: 'api-10', Data: { EventStreamingARN: ARN } } };
    const returned = await handler(rosEvent('Create', streamProps()), context());
    expect(answers).toHaveLength(2);
    expect(answers[1].raw).toBe(answers[0].raw);
    expect(answers[1].body).toEqual(returned);
    expect(returned).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
    expect(apiRequests).toHaveLength(1); // the API is called once
    expect(logs.join('\n')).toContain('answering ROS failed (attempt 1): HTTP 500');
  });

  test('a 4xx is not retried', async () => {
    rosStatuses = [403];
    await handler(rosEvent('Delete', streamProps({ OnDelete: undefined }), { PhysicalResourceId: ARN }), context());
    expect(answers).toHaveLength(1);
    expect(logs.join('\n')).toContain('answering ROS failed (attempt 1): HTTP 403');
    expect(logs.join('\n')).not.toContain('attempt 2');
    expect(logs.join('\n')).toContain('gave up answering ROS');
  });

  test('an unreachable ResponseURL is retried while the function has time, then given up without a throw', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const event = rosEvent('Delete', streamProps({ OnDelete: undefined }), { PhysicalResourceId: ARN, ResponseURL: `http://127.0.0.1:${port}/ros/x` });
    const started = Date.now();
    await expect(handler(event, context(1))).resolves.toMatchObject({ Status: 'SUCCESS' });
    expect(Date.now() - started).toBeLessThan(1000);
    const text = logs.join('\n');
    expect(text).toMatch(/answering ROS failed \(attempt 1\): connect ECONNREFUSED[\s\S]*\(attempt 2\)[\s\S]*gave up answering ROS/);
  });
});

describe('review fixes', () => {
  // finding 1
  test('Update: the same request as before (only OutputPaths, OnDelete, IgnoreErrorCodesOnDelete, CallTimeout changed) makes no call; SUCCESS, no Data', async () => {
    const old = streamProps();
    const changed = streamProps({
      OutputPaths: ['RequestId'],
      OnDelete: { Action: 'DeleteEventStreaming', Parameters: { EventStreamingName: 's2' } },
      IgnoreErrorCodesOnDelete: [],
      CallTimeout: 600,
      // as JSON text this time: the request sent is the same
      OnCreate: JSON.stringify((old as any).OnCreate),
    });
    const returned = await handler(rosEvent('Update', changed, { PhysicalResourceId: ARN, OldResourceProperties: old }), context());
    expect(apiRequests).toEqual([]);
    const body = onlyAnswer();
    expect(body).toEqual({ Status: 'SUCCESS', PhysicalResourceId: ARN, StackId: 'stack-1', RequestId: 'ros-request-1', LogicalResourceId: 'Stream' });
    expect(returned).toEqual(body);
    expect(logs.join('\n')).toContain('the CreateEventStreaming request is unchanged: no call, outputs not re-read');
  });

  test.each([
    ['a parameter', {}, { OnCreate: { Action: 'CreateEventStreaming', Parameters: { EventStreamingName: 's1', BatchSize: 11 } } }],
    ['the Endpoint', { Endpoint: 'https://eventbridge.cn-hangzhou.aliyuncs.com' }, {}],
    ['the ApiVersion', { ApiVersion: '2020-04-02' }, {}],
    ['the Action (an OnUpdate added)', {}, { OnUpdate: { Action: 'UpdateEventStreaming', Parameters: { EventStreamingName: 's1', BatchSize: 10 } } }],
  ])('Update: %s changed -> the call is made', async (_name, oldChange, newChange) => {
    const props = (change: object) => streamProps({ OnCreate: { Action: 'CreateEventStreaming', Parameters: { EventStreamingName: 's1', BatchSize: 10 } }, ...change });
    await handler(rosEvent('Update', props(newChange), { PhysicalResourceId: ARN, OldResourceProperties: props(oldChange) }), context());
    expect(apiRequests).toHaveLength(1);
    expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
  });

  // finding 2
  test('Update: OutputPaths missing from the OnUpdate response are left out of Data', async () => {
    apiReplies.UpdateEventStreaming = { status: 200, body: { RequestId: 'api-u' } };
    const props = streamProps({ OnUpdate: { Action: 'UpdateEventStreaming', Parameters: { EventStreamingName: 's1', BatchSize: 20 } } });
    await handler(rosEvent('Update', props, { PhysicalResourceId: ARN, OldResourceProperties: streamProps() }), context());
    expect(apiRequests.map((r) => r.params.Action)).toEqual(['UpdateEventStreaming']);
    expect(onlyAnswer()).toEqual({
      Status: 'SUCCESS', PhysicalResourceId: ARN, StackId: 'stack-1', RequestId: 'ros-request-1', LogicalResourceId: 'Stream',
      Data: { RequestId: 'api-u' },
    });
  });

  // finding 3
  test('a Create that made nothing answers failed:<RequestId> (cut to 255 bytes); a Delete of that id is SUCCESS without a call', async () => {
    apiReplies.CreateEventStreaming = { status: 400, body: { Code: 'InvalidArgument', Message: 'bad', RequestId: 'api-f' } };
    await handler(rosEvent('Create', streamProps()), context());
    const longId = 'é'.repeat(200); // 400 bytes
    await handler(rosEvent('Create', streamProps(), { RequestId: longId }), context());
    expect(answers.map((a) => [a.body.Status, a.body.PhysicalResourceId])).toEqual([
      ['FAILED', 'failed:ros-request-1'],
      ['FAILED', `failed:${'é'.repeat(124)}`], // 7 + 248 bytes
    ]);
    expect(Buffer.byteLength(answers[1].body.PhysicalResourceId)).toBe(255);

    answers = [];
    apiRequests = [];
    // even with properties that could not be read: the Create failed on them
    await handler(rosEvent('Delete', { OnDelete: '{bad' }, { PhysicalResourceId: 'failed:ros-request-0' }), context());
    expect(apiRequests).toEqual([]);
    expect(onlyAnswer()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'failed:ros-request-0', StackId: 'stack-1', RequestId: 'ros-request-1', LogicalResourceId: 'Stream', Data: {} });
  });

  test('a Create that may have made something (the connection closed after the request was sent) keeps its ordinary id so the rollback Delete runs OnDelete; it is not repeated', async () => {
    apiReplies.CreateEventStreaming = 'reset';
    await handler(rosEvent('Create', streamProps({ PhysicalResourceId: 'ice-callback' })), context());
    expect(apiRequests).toHaveLength(1);
    const body = onlyAnswer();
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'ice-callback' });
    expect(body.Reason).toMatch(/^CreateEventStreaming failed: socket hang up.* \(not retried: a CreateEventStreaming that may have taken effect is not repeated, as it could make a second one\)$/);
  });

  // finding 4
  test('a physical id over 255 bytes from the path is FAILED with a safe id; an empty one is FAILED', async () => {
    const long = `acs:${'x'.repeat(300)}`;
    apiReplies.CreateEventStreaming = { status: 200, body: { RequestId: 'api-l', Data: { EventStreamingARN: long } } };
    await handler(rosEvent('Create', streamProps({ OutputPaths: [] })), context());
    apiReplies.CreateEventStreaming = { status: 200, body: { RequestId: 'api-e', Data: { EventStreamingARN: '' } } };
    await handler(rosEvent('Create', streamProps({ OutputPaths: [] })), context());
    expect(answers.map((a) => [a.body.Status, a.body.Reason, a.body.PhysicalResourceId])).toEqual([
      ['FAILED', `the physical id must be 1 to 255 bytes, got 304 bytes: "acs:${'x'.repeat(60)}"...`, 'Stream'],
      ['FAILED', 'PhysicalResourceIdPath: Data.EventStreamingARN is empty in the CreateEventStreaming response', 'Stream'],
    ]);
    for (const a of answers) expect(a.body.Data).toBeUndefined();
  });

  test('a FAILED Update or Delete with an unusable request physical id answers a safe id', async () => {
    apiReplies.DeleteEventStreaming = { status: 403, body: { Code: 'Forbidden', Message: 'no', RequestId: 'api-d' } };
    await handler(rosEvent('Delete', streamProps(), { PhysicalResourceId: 'y'.repeat(256) }), context());
    expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'Stream', Reason: 'DeleteEventStreaming failed: Forbidden: no (RequestId api-d)' });
  });

  // finding 5
  test.each([
    ['Action', { Action: 'DeleteEverything' }, 'OnCreate.Parameters: Action is a name the RPC request sets itself'],
    ['AccessKeyId, Signature', { AccessKeyId: 'x', Signature: 'y', Name: 'n' }, 'OnCreate.Parameters: AccessKeyId, Signature are names the RPC request sets itself'],
  ])('a reserved parameter name (%s) is FAILED without a call', async (_name, parameters, reason) => {
    await handler(rosEvent('Create', streamProps({ OnCreate: { Action: 'CreateEventStreaming', Parameters: parameters } })), context());
    expect(apiRequests).toEqual([]);
    expect(onlyAnswer()).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'failed:ros-request-1',
      Reason: `${reason} (reserved: Action, Version, Format, AccessKeyId, SecurityToken, SignatureMethod, SignatureVersion, SignatureNonce, Signature, Timestamp)`,
    });
  });

  test('RegionId is an ordinary parameter', async () => {
    await handler(rosEvent('Create', streamProps({ OnCreate: { Action: 'CreateEventStreaming', Parameters: { RegionId: 'cn-beijing' } }, PhysicalResourceIdPath: undefined, OutputPaths: [] })), context());
    expect(apiRequests[0].params.RegionId).toBe('cn-beijing');
    expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS' });
  });

  // finding 6
  test.each([[1], ['1']])('CallTimeout %p shorter than the function timeout sets the deadline', async (callTimeout) => {
    apiReplies.CreateEventStreaming = 'hang';
    const started = Date.now();
    await handler(rosEvent('Create', streamProps({ CallTimeout: callTimeout })), context(30));
    const body = onlyAnswer();
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'Stream' });
    expect(body.Reason).toBe('timed out: no result within 800 ms (CallTimeout 1 s less a margin to answer ROS)');
    expect(answers[0].at - started).toBeLessThan(1000);
  });

  test('a CallTimeout longer than the function timeout leaves the function timeout in charge; a bad one is FAILED', async () => {
    apiReplies.CreateEventStreaming = 'hang';
    await handler(rosEvent('Create', streamProps({ CallTimeout: 600 })), context(1));
    expect(answers[0].body.Reason).toBe('timed out: no result within 800 ms (function timeout 1 s less a margin to answer ROS)');
    await handler(rosEvent('Create', streamProps({ CallTimeout: 'soon' })), context());
    expect(answers[1].body).toMatchObject({ Status: 'FAILED', Reason: 'CallTimeout must be a positive number of seconds, got "soon"', PhysicalResourceId: 'failed:ros-request-1' });
    expect(apiRequests).toHaveLength(1);
  });

  // finding 8
  test.each([['not a URL', 'presigned-secret not a url', ''], ['not http(s)', 'ftp://127.0.0.1/ros?Signature=presigned-secret', ' (ftp:)']])(
    'a ResponseURL that is %s is not retried', async (_name, url, detail) => {
      const started = Date.now();
      const event = rosEvent('Delete', streamProps({ OnDelete: undefined }), { PhysicalResourceId: ARN, ResponseURL: url });
      await expect(handler(event, context(30))).resolves.toMatchObject({ Status: 'SUCCESS' });
      // no second attempt: its backoff alone would be 200 ms (the log below says there was one attempt)
      expect(Date.now() - started).toBeLessThan(1000);
      expect(logs.join('\n')).not.toMatch(/attempt 2/);
      const text = logs.join('\n');
      expect(text).toContain(`answering ROS failed: the ResponseURL is not an http(s) URL${detail}\n`);
      expect(text).not.toContain('attempt');
      expect(text).toContain('gave up answering ROS');
      expect(text).not.toContain('presigned-secret');
    });
});

describe('request trees: Then, OnlyIf, WaitFor, SkipUnlessSet, OmitEmptyParameters, AllowMissingOutputs', () => {
  const SECRET = 'hunter2-parameter-value';
  const ok = (body: object = {}): ApiReply => ({ status: 200, body: { RequestId: 'api-ok', ...body } });
  const status = (value: string): ApiReply => ok({ Data: { Status: value } });
  const apiError = (code: string, status = 400): ApiReply => ({ status, body: { Code: code, Message: `${code} message`, RequestId: `api-${code}` } });
  const actions = (): string[] => apiRequests.map((r) => r.params.Action);
  const get = { Action: 'GetEventStreaming', Parameters: { EventStreamingName: 's1' }, Path: 'Data.Status' };

  /** CreateEventStreaming, then StartEventStreaming waited for until RUNNING (polls every `interval` seconds). */
  function startedStream(interval: number, overrides: object = {}): Record<string, unknown> {
    return streamProps({
      OnCreate: {
        Action: 'CreateEventStreaming',
        Parameters: { EventStreamingName: 's1', Sink: SINK, Token: SECRET },
        Then: [{
          Action: 'StartEventStreaming',
          Parameters: { EventStreamingName: 's1' },
          WaitFor: { ...get, Until: ['RUNNING'], FailOn: ['STARTING_FAILED'], IntervalSeconds: interval },
        }],
      },
      ...overrides,
    });
  }

  function noParameterValuesLogged(): void {
    noSecretsLogged();
    expect(logs.join('\n')).not.toContain(SECRET);
  }

  test('Create with Then and WaitFor: the requests in order, polls until Until at the interval; id and Data from the first answer', async () => {
    apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
    apiReplies.StartEventStreaming = ok({ RequestId: 'api-start' });
    apiReplies.GetEventStreaming = [status('STARTING'), status('STARTING'), status('RUNNING')];

    const started = Date.now();
    await handler(rosEvent('Create', startedStream(0.15)), context());

    expect(actions()).toEqual(['CreateEventStreaming', 'StartEventStreaming', 'GetEventStreaming', 'GetEventStreaming', 'GetEventStreaming']);
    expect(apiRequests[1].params).toMatchObject({ EventStreamingName: 's1', Version: '2020-04-01' });
    expect(apiRequests[2].params).toMatchObject({ EventStreamingName: 's1' });
    for (const r of apiRequests) expectSignedWith(r.params, 'test-secret');
    // the first poll one interval after the request (the status lags it), the next ones an interval apart
    const [, start, poll1, poll2, poll3] = apiRequests.map((r) => r.at);
    expect(poll1 - start).toBeGreaterThanOrEqual(145);
    expect(poll2 - poll1).toBeGreaterThanOrEqual(145);
    expect(poll3 - poll2).toBeGreaterThanOrEqual(145);
    expect(poll3 - poll1).toBeLessThan(800);
    expect(onlyAnswer()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: ARN,
      StackId: 'stack-1',
      RequestId: 'ros-request-1',
      LogicalResourceId: 'Stream',
      // RequestId of the Create answer, not of Start's or a poll's
      Data: { 'Data.EventStreamingARN': ARN, 'RequestId': 'api-ok' },
    });
    expect(answers[0].at - started).toBeLessThan(2000);
    const text = logs.join('\n');
    expect(text).toContain('OnCreate.Then[0].WaitFor: GetEventStreaming Data.Status not yet one of Until (poll 1), next poll in 0.15 s');
    expect(text).toContain('OnCreate.Then[0].WaitFor: GetEventStreaming Data.Status reached Until (poll 3)');
    noParameterValuesLogged();
  });

  test('WaitFor reaching a FailOn value: FAILED naming it; the first request succeeded, so the id read from it is kept', async () => {
    apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
    apiReplies.GetEventStreaming = [status('STARTING'), status('STARTING_FAILED'), status('RUNNING')];
    await handler(rosEvent('Create', startedStream(0.01)), context());
    expect(actions()).toEqual(['CreateEventStreaming', 'StartEventStreaming', 'GetEventStreaming', 'GetEventStreaming']);
    expect(onlyAnswer()).toEqual({
      Status: 'FAILED',
      Reason: 'waiting after StartEventStreaming: GetEventStreaming Data.Status is "STARTING_FAILED", one of FailOn (poll 2)',
      PhysicalResourceId: ARN,
      StackId: 'stack-1',
      RequestId: 'ros-request-1',
      LogicalResourceId: 'Stream',
    });
  });

  test('WaitFor that would poll past the deadline: FAILED before the deadline, and nothing is sent after the answer', async () => {
    apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
    apiReplies.GetEventStreaming = status('STARTING');
    const started = Date.now();
    // CallTimeout 1 s: the deadline is 800 ms; polls at about 300 and 600 ms, the next would be after it
    await handler(rosEvent('Create', startedStream(0.3, { CallTimeout: 1 })), context());
    const answeredAfter = answers[0].at - started;
    // before ROS stops waiting (1 s), and not before the second poll
    expect(answeredAfter).toBeLessThan(1000);
    expect(answeredAfter).toBeGreaterThanOrEqual(600);
    expect(onlyAnswer()).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: ARN,
      Reason: 'waiting after StartEventStreaming: GetEventStreaming Data.Status is still "STARTING" after 2 polls, not one of Until ("RUNNING"), '
        + 'and the next poll would come after the deadline (CallTimeout 1 s less a margin to answer ROS)',
    });
    const sent = apiRequests.length;
    expect(sent).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(apiRequests).toHaveLength(sent);
  });

  test('a slow step after the first request: "timed out" with the first answer\'s id; nothing is sent after the answer', async () => {
    apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
    // answers (RUNNING) after the deadline answer: the handler must not go on to the poll and the second Then
    apiReplies.StartEventStreaming = { ...(ok() as { status: number; body: object }), delayMs: 950 };
    apiReplies.GetEventStreaming = status('RUNNING');
    const props = startedStream(0.01, { CallTimeout: 1 });
    (props.OnCreate as any).Then.push({ Action: 'TagResources', Parameters: { Key: 'k' } });
    await handler(rosEvent('Create', props), context());
    expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ARN, Reason: expect.stringMatching(/^timed out: no result within 800 ms/) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(actions()).toEqual(['CreateEventStreaming', 'StartEventStreaming']);
  });

  test('a Then the API refuses fails the Create, but keeps the ordinary id: the first request made something', async () => {
    apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
    apiReplies.StartEventStreaming = apiError('Forbidden.RAM', 403);
    await handler(rosEvent('Create', startedStream(0.01)), context());
    expect(actions()).toEqual(['CreateEventStreaming', 'StartEventStreaming']);
    expect(onlyAnswer()).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: ARN,
      Reason: 'StartEventStreaming failed: Forbidden.RAM: Forbidden.RAM message (RequestId api-Forbidden.RAM)',
    });
  });

  describe('OnlyIf', () => {
    const callback = (values: string[], extra: object = {}): Record<string, unknown> => ({
      Endpoint: base,
      ApiVersion: '2020-11-09',
      OnCreate: {
        Action: 'SetEventCallback',
        Parameters: { CallbackType: 'MNS', CallbackQueueName: 'ice-callback-q', AuthKey: SECRET },
        OnlyIf: { Action: 'GetEventCallback', Parameters: { Probe: SECRET }, Path: 'CallbackQueueName', Values: values },
      },
      OnDelete: {
        Action: 'SetEventCallback',
        Parameters: { CallbackType: 'MNS', CallbackQueueName: '' },
        OnlyIf: { Action: 'GetEventCallback', Path: 'CallbackQueueName', Values: ['ice-callback-q'] },
      },
      IgnoreErrorCodesOnDelete: ['Forbidden.NotFound'],
      PhysicalResourceId: 'ims-event-callback',
      ...extra,
    });

    test.each([
      ['matches a value', { CallbackQueueName: 'ice-callback-q' }, ['ice-callback-q', 'other'], true],
      ['does not match', { CallbackQueueName: 'someone-else' }, ['ice-callback-q'], false],
      ['absent, and \'\' is one of the values', {}, [''], true],
      ['null, and \'\' is one of the values', { CallbackQueueName: null }, ['', 'x'], true],
      ['absent, and \'\' is not one of the values', {}, ['ice-callback-q'], false],
      ['a number, compared as its text', { CallbackQueueName: 7 }, ['7'], true],
    ])('the check %s: the request is sent only then', async (_name, answer, values, sent) => {
      apiReplies.GetEventCallback = ok(answer);
      await handler(rosEvent('Create', callback(values)), context());
      expect(actions()).toEqual(sent ? ['GetEventCallback', 'SetEventCallback'] : ['GetEventCallback']);
      expect(apiRequests[0].params).toMatchObject({ Probe: SECRET, Version: '2020-11-09' });
      expect(onlyAnswer()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'ims-event-callback', StackId: 'stack-1', RequestId: 'ros-request-1', LogicalResourceId: 'Stream', Data: {} });
      expect(logs.join('\n')).toContain(sent
        ? 'GetEventCallback CallbackQueueName is one of OnlyIf\'s values: OnCreate SetEventCallback goes ahead'
        : 'OnCreate SetEventCallback skipped: GetEventCallback CallbackQueueName is not one of OnlyIf\'s values');
      noParameterValuesLogged();
    });

    test('on Delete: a check answered with an ignored code skips the request; SUCCESS', async () => {
      apiReplies.GetEventCallback = apiError('Forbidden.NotFound', 404);
      await handler(rosEvent('Delete', callback(['x']), { PhysicalResourceId: 'ims-event-callback' }), context());
      expect(actions()).toEqual(['GetEventCallback']);
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'ims-event-callback' });
      expect(logs.join('\n')).toContain('GetEventCallback returned Forbidden.NotFound, ignored on Delete: OnDelete SetEventCallback skipped (OnlyIf)');
    });

    test('on Delete: a check that matches lets the request go', async () => {
      apiReplies.GetEventCallback = ok({ CallbackQueueName: 'ice-callback-q' });
      await handler(rosEvent('Delete', callback(['x']), { PhysicalResourceId: 'ims-event-callback' }), context());
      expect(actions()).toEqual(['GetEventCallback', 'SetEventCallback']);
      expect(apiRequests[1].params).toMatchObject({ CallbackType: 'MNS', CallbackQueueName: '' });
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS' });
    });

    test('on Create: a check the API refuses is FAILED, and nothing was made (the failed: marker); an ignored code only counts on Delete', async () => {
      apiReplies.GetEventCallback = apiError('Forbidden.NotFound', 404);
      await handler(rosEvent('Create', callback(['x'])), context());
      expect(actions()).toEqual(['GetEventCallback']);
      expect(onlyAnswer()).toMatchObject({
        Status: 'FAILED',
        PhysicalResourceId: 'failed:ros-request-1',
        Reason: 'GetEventCallback failed: Forbidden.NotFound: Forbidden.NotFound message (RequestId api-Forbidden.NotFound)',
      });
    });

    test('a slow check on Create: "timed out" with the failed: marker, as the request was never sent, nor is it later', async () => {
      // the check matches, but only after the deadline answer
      apiReplies.GetEventCallback = { ...(ok({ CallbackQueueName: '' }) as { status: number; body: object }), delayMs: 950 };
      await handler(rosEvent('Create', callback([''])), context(1));
      expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'failed:ros-request-1', Reason: expect.stringMatching(/^timed out/) });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(actions()).toEqual(['GetEventCallback']);
    });
  });

  describe('SkipUnlessSet and OmitEmptyParameters', () => {
    const props = (url: unknown, extra: object = {}): Record<string, unknown> => ({
      Endpoint: base,
      ApiVersion: '2020-11-09',
      OnCreate: { Action: 'SetEventCallback', Parameters: { CallbackType: 'HTTP', CallbackURL: url, AuthKey: SECRET }, SkipUnlessSet: ['CallbackURL'] },
      ...extra,
    });

    test.each([['\'\'', ''], ['null', null], ['missing', undefined]])('a parameter of SkipUnlessSet that is %s: no call, SUCCESS', async (_name, url) => {
      await handler(rosEvent('Create', props(url)), context());
      expect(apiRequests).toEqual([]);
      expect(onlyAnswer()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'Stream', StackId: 'stack-1', RequestId: 'ros-request-1', LogicalResourceId: 'Stream', Data: {} });
      expect(logs.join('\n')).toContain('OnCreate SetEventCallback skipped: its parameter CallbackURL is empty (SkipUnlessSet)');
    });

    test('a parameter of SkipUnlessSet with a value: the call is made', async () => {
      await handler(rosEvent('Create', props('https://example.com/cb')), context());
      expect(actions()).toEqual(['SetEventCallback']);
      expect(apiRequests[0].params).toMatchObject({ CallbackType: 'HTTP', CallbackURL: 'https://example.com/cb', AuthKey: SECRET });
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS' });
      noParameterValuesLogged();
    });

    test('a skipped request skips its WaitFor and Then; its siblings still run', async () => {
      const tree = {
        Endpoint: base,
        ApiVersion: '2020-04-01',
        OnCreate: {
          Action: 'CreateEventStreaming',
          Parameters: { EventStreamingName: 's1' },
          Then: [
            { Action: 'TagResources', Parameters: { Tag: '' }, SkipUnlessSet: ['Tag'], WaitFor: { ...get, Until: ['RUNNING'] }, Then: [{ Action: 'Nested' }] },
            { Action: 'StartEventStreaming', Parameters: { EventStreamingName: 's1' } },
          ],
        },
      };
      await handler(rosEvent('Create', tree), context());
      expect(actions()).toEqual(['CreateEventStreaming', 'StartEventStreaming']);
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS' });
    });

    test('OmitEmptyParameters leaves out the parameters that are \'\' (null is never sent); without it \'\' is sent', async () => {
      const parameters = { CallbackType: 'MNS', CallbackQueueName: '', AuthKey: null, Zero: 0, No: false, List: [] };
      await handler(rosEvent('Create', { Endpoint: base, ApiVersion: '2020-11-09', OnCreate: { Action: 'SetEventCallback', Parameters: parameters, OmitEmptyParameters: true } }), context());
      await handler(rosEvent('Create', { Endpoint: base, ApiVersion: '2020-11-09', OnCreate: { Action: 'SetEventCallback', Parameters: parameters } }), context());
      const own = (params: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(params)
        .filter(([k]) => !['Action', 'Version', 'Format', 'AccessKeyId', 'SecurityToken', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature'].includes(k)));
      expect(own(apiRequests[0].params)).toEqual({ CallbackType: 'MNS', Zero: '0', No: 'false', List: '[]' });
      expect(own(apiRequests[1].params)).toEqual({ CallbackType: 'MNS', CallbackQueueName: '', Zero: '0', No: 'false', List: '[]' });
      expectSignedWith(apiRequests[0].params, 'test-secret');
      expect(logs.join('\n')).toContain('calling SetEventCallback (2020-11-09) with CallbackType, Zero, No, List; empty, left out: CallbackQueueName');
      expect(answers.map((a) => a.body.Status)).toEqual(['SUCCESS', 'SUCCESS']);
    });
  });

  describe('AllowMissingOutputs', () => {
    const read = (extra: object): Record<string, unknown> => ({
      Endpoint: base,
      ApiVersion: '2020-11-09',
      OnCreate: { Action: 'GetEventCallback', Parameters: { Probe: '' }, SkipUnlessSet: ['Probe'] },
      OutputPaths: ['CallbackQueueName', 'EventTypeList'],
      ...extra,
    });

    test('the first request skipped on Create: \'\' for every path; without it FAILED, with the failed: marker (nothing was made)', async () => {
      await handler(rosEvent('Create', read({ AllowMissingOutputs: true })), context());
      await handler(rosEvent('Create', read({})), context());
      await handler(rosEvent('Create', read({ AllowMissingOutputs: true, PhysicalResourceIdPath: 'CallbackQueueName' })), context());
      expect(apiRequests).toEqual([]);
      expect(answers.map((a) => [a.body.Status, a.body.PhysicalResourceId, a.body.Data ?? a.body.Reason])).toEqual([
        ['SUCCESS', 'Stream', { CallbackQueueName: '', EventTypeList: '' }],
        ['FAILED', 'failed:ros-request-1', 'OutputPaths: the GetEventCallback request was skipped (SkipUnlessSet or OnlyIf), so there is no '
          + 'response to read CallbackQueueName, EventTypeList from (AllowMissingOutputs would give \'\')'],
        ['FAILED', 'failed:ros-request-1', 'PhysicalResourceIdPath: the GetEventCallback request was skipped (SkipUnlessSet or OnlyIf), so there '
          + 'is no response to read CallbackQueueName from'],
      ]);
    });

    test('a path missing from the Create answer: \'\' with it, FAILED without it', async () => {
      apiReplies.GetEventCallback = ok({ CallbackQueueName: 'ice-callback-q' });
      await handler(rosEvent('Create', read({ AllowMissingOutputs: 'true', OnCreate: { Action: 'GetEventCallback' } })), context());
      await handler(rosEvent('Create', read({ OnCreate: { Action: 'GetEventCallback' } })), context());
      expect(answers.map((a) => [a.body.Status, a.body.PhysicalResourceId, a.body.Data ?? a.body.Reason])).toEqual([
        ['SUCCESS', 'Stream', { CallbackQueueName: 'ice-callback-q', EventTypeList: '' }],
        ['FAILED', 'Stream', 'OutputPaths: EventTypeList is not in the GetEventCallback response'],
      ]);
    });

    test('Update whose first request is skipped: the paths are left out of Data', async () => {
      await handler(rosEvent('Update', read({ AllowMissingOutputs: true }), { PhysicalResourceId: 'Stream' }), context());
      expect(apiRequests).toEqual([]);
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', Data: {} });
    });
  });

  describe('Delete', () => {
    const deleteTree = (): Record<string, unknown> => streamProps({
      OnDelete: {
        Action: 'DeleteEventStreaming',
        Parameters: { EventStreamingName: 's1' },
        WaitFor: { ...get, Until: ['DELETED'], IntervalSeconds: 0.01 },
        Then: [{ Action: 'DeleteRule', Parameters: { RuleName: 'r1' } }],
      },
    });

    test('a request answered with an ignored code is done: its WaitFor and Then are skipped', async () => {
      apiReplies.DeleteEventStreaming = apiError('EventStreamingNotExisted', 404);
      await handler(rosEvent('Delete', deleteTree(), { PhysicalResourceId: ARN }), context());
      expect(actions()).toEqual(['DeleteEventStreaming']);
      expect(onlyAnswer()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: ARN, StackId: 'stack-1', RequestId: 'ros-request-1', LogicalResourceId: 'Stream', Data: {} });
      expect(logs.join('\n')).toContain('DeleteEventStreaming returned EventStreamingNotExisted, ignored on Delete: its WaitFor and Then are skipped');
    });

    test('a poll answered with an ignored code ends the wait (the thing is gone); the Then follows', async () => {
      apiReplies.GetEventStreaming = [status('DELETING'), apiError('EventStreamingNotExisted', 404)];
      await handler(rosEvent('Delete', deleteTree(), { PhysicalResourceId: ARN }), context());
      expect(actions()).toEqual(['DeleteEventStreaming', 'GetEventStreaming', 'GetEventStreaming', 'DeleteRule']);
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
    });

    test('a Then answered with an ignored code counts as done; its siblings still run. Another code is FAILED', async () => {
      const props = streamProps({
        OnDelete: {
          Action: 'DeleteEventStreaming',
          Parameters: { EventStreamingName: 's1' },
          Then: [{ Action: 'DeleteRule', Then: [{ Action: 'Nested' }] }, { Action: 'DeleteBus' }],
        },
      });
      apiReplies.DeleteRule = apiError('EventStreamingNotExisted', 404);
      await handler(rosEvent('Delete', props, { PhysicalResourceId: ARN }), context());
      expect(actions()).toEqual(['DeleteEventStreaming', 'DeleteRule', 'DeleteBus']);
      expect(answers[0].body).toMatchObject({ Status: 'SUCCESS' });

      apiRequests = [];
      apiReplies.DeleteRule = apiError('Busy', 409);
      await handler(rosEvent('Delete', props, { PhysicalResourceId: ARN }), context());
      expect(actions()).toEqual(['DeleteEventStreaming', 'DeleteRule']);
      expect(answers[1].body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ARN, Reason: 'DeleteRule failed: Busy: Busy message (RequestId api-Busy)' });
    });

    test('on Create an ignored code is an error like any other', async () => {
      apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
      apiReplies.StartEventStreaming = apiError('EventStreamingNotExisted', 404);
      await handler(rosEvent('Create', startedStream(0.01)), context());
      expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ARN });
    });
  });

  describe('Update: the "unchanged" check covers the whole tree', () => {
    test('the same tree (one of them as JSON text, Parameters as sent) makes no call', async () => {
      const old = startedStream(5);
      const same = startedStream(5, { OnCreate: JSON.stringify(old.OnCreate), OutputPaths: ['RequestId'], AllowMissingOutputs: true });
      await handler(rosEvent('Update', same, { PhysicalResourceId: ARN, OldResourceProperties: old }), context());
      expect(apiRequests).toEqual([]);
      expect(onlyAnswer()).toEqual({ Status: 'SUCCESS', PhysicalResourceId: ARN, StackId: 'stack-1', RequestId: 'ros-request-1', LogicalResourceId: 'Stream' });
    });

    const change = (edit: (onCreate: any) => void): Record<string, unknown> => {
      const props = startedStream(0.01);
      edit(props.OnCreate);
      return props;
    };
    test.each([
      ['a Then parameter', (c: any) => { c.Then[0].Parameters.EventStreamingName = 's2'; }],
      ['a Then added', (c: any) => { c.Then.push({ Action: 'TagResources' }); }],
      ['the WaitFor Until', (c: any) => { c.Then[0].WaitFor.Until = ['RUNNING', 'READY']; }],
      ['the WaitFor interval', (c: any) => { c.Then[0].WaitFor.IntervalSeconds = 0.02; }],
      ['an OnlyIf added', (c: any) => { c.OnlyIf = { Action: 'GetEventStreaming', Path: 'Code', Values: [''] }; }],
      ['SkipUnlessSet', (c: any) => { c.SkipUnlessSet = ['EventStreamingName']; }],
      ['OmitEmptyParameters', (c: any) => { c.OmitEmptyParameters = true; }],
    ])('%s changed: the tree is sent again', async (_name, edit) => {
      apiReplies.GetEventStreaming = status('RUNNING');
      await handler(rosEvent('Update', change(edit), { PhysicalResourceId: ARN, OldResourceProperties: startedStream(0.01) }), context());
      expect(actions().filter((a) => a !== 'GetEventStreaming').slice(0, 2)).toEqual(['CreateEventStreaming', 'StartEventStreaming']);
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
    });
  });

  describe('bad trees are FAILED without a call', () => {
    test.each([
      ['a reserved parameter in a WaitFor', { Then: [{ Action: 'B', WaitFor: { Action: 'G', Parameters: { Version: 'x' }, Path: 'S', Until: ['R'] } }] },
        'OnCreate.Then[0].WaitFor.Parameters: Version is a name the RPC request sets itself (reserved: Action, Version, Format, AccessKeyId, SecurityToken, '
        + 'SignatureMethod, SignatureVersion, SignatureNonce, Signature, Timestamp)'],
      ['Then not a list', { Then: { Action: 'B' } }, 'OnCreate.Then must be a list of requests, got an object with keys Action'],
      ['a Then without an Action', { Then: [{ Parameters: { Secret: SECRET } }] }, 'OnCreate.Then[0] must be an object with an Action, got an object with keys Parameters'],
      ['an OnlyIf without Values', { OnlyIf: { Action: 'G', Path: 'S', Values: [] } }, 'OnlyIf.Values must be a list of at least one string, got []'],
      ['a WaitFor without Path', { WaitFor: { Action: 'G', Until: ['R'] } }, 'OnCreate.WaitFor.Path must be a dotted path into the G response, got undefined'],
      ['a WaitFor interval of 0', { WaitFor: { Action: 'G', Path: 'S', Until: ['R'], IntervalSeconds: 0 } }, 'OnCreate.WaitFor.IntervalSeconds must be a positive number of seconds, got 0'],
      ['OmitEmptyParameters not a flag', { OmitEmptyParameters: 'yes' }, 'OnCreate.OmitEmptyParameters must be true or false, got "yes"'],
    ])('%s', async (_name, tree, reason) => {
      await handler(rosEvent('Create', streamProps({ OnCreate: { Action: 'CreateEventStreaming', ...tree } })), context());
      expect(apiRequests).toEqual([]);
      const body = onlyAnswer();
      expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'failed:ros-request-1' });
      expect(body.Reason).toContain(reason);
      expect(body.Reason).not.toContain(SECRET);
    });
  });
});

describe('review 11b: failed answers, retries, the first poll', () => {
  const ok = (body: object = {}): ApiReply => ({ status: 200, body: { RequestId: 'api-ok', ...body } });
  const status = (value: string): ApiReply => ok({ Data: { Status: value } });
  const actions = (): string[] => apiRequests.map((r) => r.params.Action);
  const get = { Action: 'GetEventStreaming', Parameters: { EventStreamingName: 's1' }, Path: 'Data.Status' };
  const started = (interval: number, extra: object = {}): Record<string, unknown> => streamProps({
    OnCreate: {
      Action: 'CreateEventStreaming',
      Parameters: { EventStreamingName: 's1' },
      Then: [{ Action: 'StartEventStreaming', Parameters: { EventStreamingName: 's1' }, WaitFor: { ...get, Until: ['RUNNING'], FailOn: ['STARTING_FAILED'], IntervalSeconds: interval } }],
    },
    ...extra,
  });
  /** The gaps (ms) between the requests of one action. */
  const gaps = (action: string): number[] => {
    const at = apiRequests.filter((r) => r.params.Action === action).map((r) => r.at);
    return at.slice(1).map((t, i) => t - at[i]);
  };

  describe('H1: an answer is a failure when Success is false, the HTTP status is not 2xx, or Code is not a success value', () => {
    test.each([
      ['Success false, HTTP 200, no Code', { status: 200, body: { RequestId: 'r1', Success: false, Message: 'bad sink' } },
        'CreateEventStreaming failed: Success is false: bad sink (RequestId r1)'],
      ['Success "false"', { status: 200, body: { RequestId: 'r1', Success: 'false' } }, 'CreateEventStreaming failed: Success is false (RequestId r1)'],
      ['Code 200 with Success false', { status: 200, body: { RequestId: 'r1', Code: 200, Success: false, Message: 'refused' } },
        'CreateEventStreaming failed: Success is false: refused (RequestId r1)'],
      ['HTTP 400 without Code', { status: 400, body: { message: 'bad request' } }, 'CreateEventStreaming failed: HTTP 400: bad request'],
      ['HTTP 403 with Code "OK"', { status: 403, body: { RequestId: 'r1', Code: 'OK' } }, 'CreateEventStreaming failed: HTTP 403 (RequestId r1)'],
      ['Code "Failed" with HTTP 200', { status: 200, body: { RequestId: 'r1', Code: 'Failed', Message: 'no' } }, 'CreateEventStreaming failed: Failed: no (RequestId r1)'],
      ['ErrorCode and ErrorMessage with Success false', { status: 200, body: { RequestId: 'r1', Success: false, ErrorCode: 'Invalid.Sink', ErrorMessage: 'no sink' } },
        'CreateEventStreaming failed: Invalid.Sink: no sink (RequestId r1)'],
    ] as Array<[string, ApiReply, string]>)('%s: FAILED, refused (the failed: marker), not retried, the Then not run', async (_name, reply, reason) => {
      apiReplies.CreateEventStreaming = [reply, ok({ Data: { EventStreamingARN: ARN } })];
      await handler(rosEvent('Create', started(0.01)), context());
      expect(actions()).toEqual(['CreateEventStreaming']);
      expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'failed:ros-request-1', Reason: reason });
    });

    test.each([
      ['Success true', { Success: true }],
      ['Success "true"', { Success: 'true' }],
      ['Code "Success"', { Code: 'Success' }],
      ['Code "OK"', { Code: 'OK' }],
      ['Code 200', { Code: 200 }],
      ['Code "200"', { Code: '200' }],
      ['Code "success"', { Code: 'success' }],
      ['no Code, no Success', {}],
    ])('%s with HTTP 200 is a success', async (_name, body) => {
      apiReplies.CreateEventStreaming = ok({ ...body, Data: { EventStreamingARN: ARN } });
      await handler(rosEvent('Create', streamProps()), context());
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
    });

    test('a check or a poll answered Success false fails the operation too', async () => {
      apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
      apiReplies.GetEventStreaming = ok({ Success: false, Message: 'no stream' });
      await handler(rosEvent('Create', started(0.01)), context());
      // the Create succeeded: its id is kept
      expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ARN, Reason: 'GetEventStreaming failed: Success is false: no stream (RequestId api-ok)' });
      expect(actions()).toEqual(['CreateEventStreaming', 'StartEventStreaming', 'GetEventStreaming']);

      apiRequests = [];
      const props = { Endpoint: base, ApiVersion: '2020-11-09', OnCreate: { Action: 'SetEventCallback', OnlyIf: { Action: 'GetEventCallback', Path: 'CallbackQueueName', Values: [''] } } };
      apiReplies.GetEventCallback = { status: 200, body: { RequestId: 'r2', Success: false } };
      await handler(rosEvent('Create', props), context());
      expect(actions()).toEqual(['GetEventCallback']);
      expect(answers[1].body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'failed:ros-request-1', Reason: 'GetEventCallback failed: Success is false (RequestId r2)' });
    });

    test('on Delete the ignored codes still apply, whichever way the failure is told (ErrorCode with Success false, HTTP 404)', async () => {
      const props = streamProps({ IgnoreErrorCodesOnDelete: ['EventStreamingNotExisted'] });
      apiReplies.DeleteEventStreaming = [
        { status: 200, body: { RequestId: 'r1', Success: false, ErrorCode: 'EventStreamingNotExisted' } },
        { status: 404, body: { RequestId: 'r2', Success: false, ErrorCode: 'EventStreamingNotExisted' } },
        { status: 200, body: { RequestId: 'r3', Success: false, ErrorCode: 'Busy', ErrorMessage: 'later' } },
      ];
      for (let i = 0; i < 3; i++) await handler(rosEvent('Delete', props, { PhysicalResourceId: ARN }), context());
      expect(answers.map((a) => [a.body.Status, a.body.Reason])).toEqual([
        ['SUCCESS', undefined],
        ['SUCCESS', undefined],
        ['FAILED', 'DeleteEventStreaming failed: Busy: later (RequestId r3)'],
      ]);
      expect(apiRequests).toHaveLength(3);
    });

    test('ImsCallbackQueue\'s shape: SetEventCallback answered Success false is FAILED (P1 of the review)', async () => {
      apiReplies.SetEventCallback = { status: 200, body: { RequestId: 'ims-1', Success: false } };
      const props = { Endpoint: base, ApiVersion: '2020-11-09', OnCreate: { Action: 'SetEventCallback', Parameters: { CallbackType: 'MNS', CallbackQueueName: 'ice-callback-q' } }, PhysicalResourceId: 'ims-event-callback' };
      await handler(rosEvent('Create', props), context());
      expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'failed:ros-request-1', Reason: 'SetEventCallback failed: Success is false (RequestId ims-1)' });
    });
  });

  describe('H2: retries within the deadline', () => {
    test('the default backoff is 1 s, doubled up to 8 s', () => {
      expect(DEFAULT_RETRY).toEqual({ retryBaseMs: 1000, retryMaxMs: 8000 });
    });

    test.each([
      ['Throttling', 400], ['Throttling.User', 400], ['Rejected.Throttling', 400], ['ServiceUnavailable', 503], ['SystemBusy', 500], ['ServiceBusy', 503],
    ])('%s (HTTP %d) is retried even on a Create (it was refused, nothing was made); the id comes from the answer that succeeded', async (code, httpStatus) => {
      apiReplies.CreateEventStreaming = [
        { status: httpStatus, body: { Code: code, Message: 'slow down', RequestId: 'api-t' } },
        ok({ Data: { EventStreamingARN: ARN } }),
      ];
      await handler(rosEvent('Create', streamProps()), context());
      expect(actions()).toEqual(['CreateEventStreaming', 'CreateEventStreaming']);
      expect(gaps('CreateEventStreaming')[0]).toBeGreaterThanOrEqual(18);
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
      expect(logs.join('\n')).toContain(`ros-cdk-smq custom resource: CreateEventStreaming attempt 1 failed (${code}), retrying in 0.02 s`);
      noSecretsLogged();
    });

    test('HTTP 429 without a Code is retried', async () => {
      apiReplies.CreateEventStreaming = [{ status: 429, body: {} }, ok({ Data: { EventStreamingARN: ARN } })];
      await handler(rosEvent('Create', streamProps()), context());
      expect(actions()).toEqual(['CreateEventStreaming', 'CreateEventStreaming']);
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS' });
      expect(logs.join('\n')).toContain('CreateEventStreaming attempt 1 failed (HTTP 429), retrying in 0.02 s');
    });

    test('the backoff doubles, is capped, and has no jitter: 20, 40, 80, 80 ms here', async () => {
      apiReplies.UpdateEventStreaming = [
        ...Array.from({ length: 4 }, () => ({ status: 400, body: { Code: 'Throttling.Api' } })),
        ok(),
      ];
      const props = streamProps({ OnUpdate: { Action: 'UpdateEventStreaming', Parameters: { EventStreamingName: 's1' } }, OutputPaths: [] });
      await handler(rosEvent('Update', props, { PhysicalResourceId: ARN }), context());
      expect(actions()).toHaveLength(5);
      const measured = gaps('UpdateEventStreaming');
      [20, 40, 80, 80].forEach((expected, i) => {
        expect(measured[i]).toBeGreaterThanOrEqual(expected - 2);
        expect(measured[i]).toBeLessThan(expected + 200); // generous: a loaded CI machine delays timers
      });
      // the waits as the handler chose them: doubled, then capped
      expect(logs.filter((l) => /UpdateEventStreaming attempt \d+ failed/.test(l)).map((l) => /retrying in ([\d.]+) s/.exec(l)?.[1]))
        .toEqual(['0.02', '0.04', '0.08', '0.08']);
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS' });
      expect(logs.filter((l) => l.includes('UpdateEventStreaming attempt'))).toEqual([
        'ros-cdk-smq custom resource: UpdateEventStreaming attempt 1 failed (Throttling.Api), retrying in 0.02 s',
        'ros-cdk-smq custom resource: UpdateEventStreaming attempt 2 failed (Throttling.Api), retrying in 0.04 s',
        'ros-cdk-smq custom resource: UpdateEventStreaming attempt 3 failed (Throttling.Api), retrying in 0.08 s',
        'ros-cdk-smq custom resource: UpdateEventStreaming attempt 4 failed (Throttling.Api), retrying in 0.08 s',
      ]);
    });

    test.each([
      ['InternalError (HTTP 500)', { status: 500, body: { Code: 'InternalError', Message: 'oops', RequestId: 'api-i' } }, 'InternalError: oops (RequestId api-i)'],
      ['a Code answered with HTTP 500', { status: 500, body: { Code: 'SomethingBroke', RequestId: 'api-i' } }, 'SomethingBroke (RequestId api-i)'],
      ['HTTP 502 without a Code', { status: 502, body: { message: 'bad gateway' } }, 'HTTP 502: bad gateway'],
      ['an answer that is not JSON', { status: 200, raw: '{"RequestId":' }, 'the answer is not JSON'],
      ['a connection closed after the request was sent', 'reset', 'socket hang up'],
    ] as Array<[string, ApiReply, string]>)('%s may have taken effect: an Update is retried, a Create is not (and keeps its ordinary id)', async (_name, reply, reason) => {
      apiReplies.UpdateEventStreaming = [reply, ok()];
      const update = streamProps({ OnUpdate: { Action: 'UpdateEventStreaming', Parameters: { EventStreamingName: 's1' } }, OutputPaths: [] });
      await handler(rosEvent('Update', update, { PhysicalResourceId: ARN }), context());
      expect(actions()).toEqual(['UpdateEventStreaming', 'UpdateEventStreaming']);
      expect(answers[0].body).toMatchObject({ Status: 'SUCCESS' });

      apiRequests = [];
      apiReplies.CreateEventStreaming = [reply, ok({ Data: { EventStreamingARN: ARN } })];
      await handler(rosEvent('Create', streamProps({ PhysicalResourceId: 'ice-callback' })), context());
      expect(actions()).toEqual(['CreateEventStreaming']);
      expect(answers[1].body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'ice-callback' });
      expect(answers[1].body.Reason).toContain(`CreateEventStreaming failed: ${reason}`);
      expect(answers[1].body.Reason).toMatch(/\(not retried: a CreateEventStreaming that may have taken effect is not repeated, as it could make a second one\)$/);
    });

    test('a Create in a Then is not repeated either; a Get poll is, on every transient error', async () => {
      const props = streamProps({
        OnCreate: {
          Action: 'CreateEventStreaming',
          Parameters: { EventStreamingName: 's1' },
          Then: [{ Action: 'CreateRule', WaitFor: { ...get, Until: ['RUNNING'], IntervalSeconds: 0.01 } }],
        },
      });
      apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
      apiReplies.GetEventStreaming = ['reset', { status: 200, raw: 'not json' }, { status: 503, body: {} }, { status: 500, body: { Code: 'InternalError' } }, status('RUNNING')];
      await handler(rosEvent('Create', props), context());
      expect(actions()).toEqual(['CreateEventStreaming', 'CreateRule', 'GetEventStreaming', 'GetEventStreaming', 'GetEventStreaming', 'GetEventStreaming', 'GetEventStreaming']);
      expect(answers[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });

      apiRequests = [];
      apiReplies.CreateRule = 'reset';
      await handler(rosEvent('Create', props), context());
      expect(actions()).toEqual(['CreateEventStreaming', 'CreateRule']);
      expect(answers[1].body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ARN });
    });

    test('HTTP 429 is throttling with any code (EventBridge answers TooManyRequests): retried, even for a Create', async () => {
      apiReplies.CreateEventStreaming = [{ status: 429, body: { Code: 'TooManyRequests', Message: 'denied by flow limiter' } }, ok({ Data: { EventStreamingARN: ARN } })];
      apiReplies.StartEventStreaming = [{ status: 429, body: { Code: 'SomethingElse' } }, { status: 400, body: { Code: 'TooManyRequests' } }, ok()];
      apiReplies.GetEventStreaming = status('RUNNING');
      await handler(rosEvent('Create', started(0.01)), context());
      expect(actions()).toEqual(['CreateEventStreaming', 'CreateEventStreaming', 'StartEventStreaming', 'StartEventStreaming', 'StartEventStreaming', 'GetEventStreaming']);
      expect(answers[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
    });

    test.each([
      ['RunInstances'], ['SubmitJob'], ['PublishMessage'], ['SendMessage'], ['AddTags'], ['CopyImage'], ['InvokeFunction'],
    ])('%s (a verb that may make a second thing) is not repeated after an answer that may have taken effect', async (action) => {
      apiReplies[action] = [{ status: 500, body: { Code: 'InternalError' } }, ok()];
      await handler(rosEvent('Update', streamProps({ OnUpdate: { Action: action }, OutputPaths: [] }), { PhysicalResourceId: ARN }), context());
      expect(actions()).toEqual([action]);
      expect(answers[0].body).toMatchObject({ Status: 'FAILED' });
      expect(answers[0].body.Reason).toContain(`(not retried: a ${action} that may have taken effect is not repeated, as it could make a second one)`);
    });

    test.each([['False'], [' false ']])('Success %j is a failure too', async (value) => {
      apiReplies.SetEventCallback = { status: 200, body: { RequestId: 'r', Success: value } };
      await handler(rosEvent('Update', streamProps({ OnUpdate: { Action: 'SetEventCallback' }, OutputPaths: [] }), { PhysicalResourceId: ARN }), context());
      expect(answers[0].body).toMatchObject({ Status: 'FAILED' });
      expect(answers[0].body.Reason).toContain('SetEventCallback failed: Success is false');
    });

    test('a code that refuses for good is not retried', async () => {
      apiReplies.StartEventStreaming = { status: 403, body: { Code: 'Forbidden.RAM', Message: 'no', RequestId: 'api-f' } };
      apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
      await handler(rosEvent('Create', started(0.01)), context());
      expect(actions()).toEqual(['CreateEventStreaming', 'StartEventStreaming']);
      expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', Reason: 'StartEventStreaming failed: Forbidden.RAM: no (RequestId api-f)' });
      expect(logs.join('\n')).not.toContain('retrying');
    });

    test('network errors before the request could be sent (ECONNREFUSED) are retried, even on a Create, until the deadline; nothing was made', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const started = Date.now();
      await handler(rosEvent('Create', streamProps({ Endpoint: `http://127.0.0.1:${port}`, PhysicalResourceId: 'ice-callback', CallTimeout: 1 })), context());
      const body = onlyAnswer();
      // the deadline is 800 ms and the retries stop before it; ROS stops waiting at 1 s (CallTimeout), which is what
      // must not be missed (the answer itself may come a few milliseconds after the deadline timer fires)
      expect(answers[0].at - started).toBeLessThan(1000);
      const tries = logs.filter((l) => /CreateEventStreaming attempt \d+ failed \(ECONNREFUSED\), retrying in/.test(l)).length;
      expect(tries).toBeGreaterThanOrEqual(5);
      // the retry loop and the deadline timer race at the deadline, and either may answer: the loop, which knows that
      // nothing was sent, with the failed: marker; the timer with the marker between attempts, and with the ordinary id
      // while an attempt is under way (which, for all it knows, may make something: the rollback Delete then runs OnDelete)
      if (/^timed out/.test(body.Reason)) {
        expect(body).toMatchObject({ Status: 'FAILED', Reason: 'timed out: no result within 800 ms (CallTimeout 1 s less a margin to answer ROS)' });
        expect(['failed:ros-request-1', 'ice-callback']).toContain(body.PhysicalResourceId);
      } else {
        expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'failed:ros-request-1' });
        expect(body.Reason).toMatch(new RegExp(`^CreateEventStreaming failed: .*ECONNREFUSED.* \\(${tries + 1} attempts: the next would come after the deadline, `
          + 'CallTimeout 1 s less a margin to answer ROS\\)$'));
      }
    });

    test('a host name that does not exist (ENOTFOUND) is not retried: nothing was sent, and a retry would not find it', async () => {
      // .invalid never resolves (RFC 6761); a machine without a resolver answers EAI_AGAIN instead, which is retried: then
      // there is nothing to check here
      const host = 'ice.cn-nowhere.invalid';
      const resolved = await new Promise<string | undefined>((resolve) => {
        require('dns').lookup(host, (e: NodeJS.ErrnoException | null) => resolve(e?.code));
      });
      if (resolved !== 'ENOTFOUND') {
        return;
      }
      const started = Date.now();
      await handler(rosEvent('Create', streamProps({ Endpoint: `http://${host}`, CallTimeout: 5 })), context());
      const body = onlyAnswer();
      expect(answers[0].at - started).toBeLessThan(1000);
      expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'failed:ros-request-1' });
      expect(body.Reason).toMatch(/^CreateEventStreaming failed: getaddrinfo ENOTFOUND ice\.cn-nowhere\.invalid/);
      expect(logs.join('\n')).not.toContain('retrying');
    });

    test('retries end at the deadline; a Delete retried into an ignored code is done', async () => {
      apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
      apiReplies.GetEventStreaming = { status: 400, body: { Code: 'Throttling' } };
      const startedAt = Date.now();
      await handler(rosEvent('Create', started(0.01, { CallTimeout: 1 })), context());
      expect(answers[0].at - startedAt).toBeLessThan(1000); // ROS waits 1 s (CallTimeout)
      expect(onlyAnswer()).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ARN });
      // the retry loop and the deadline timer race at the deadline: either gives the answer, both say why
      expect(answers[0].body.Reason).toMatch(/^(GetEventStreaming failed: Throttling \(\d+ attempts: the next would come after the deadline, CallTimeout 1 s less a margin to answer ROS\)|timed out: no result within 800 ms \(CallTimeout 1 s less a margin to answer ROS\))$/);
      const sent = apiRequests.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(apiRequests).toHaveLength(sent);

      apiRequests = [];
      apiReplies.DeleteEventStreaming = [{ status: 503, body: { Code: 'ServiceUnavailable' } }, { status: 404, body: { Code: 'EventStreamingNotExisted' } }];
      await handler(rosEvent('Delete', streamProps(), { PhysicalResourceId: ARN }), context());
      expect(actions()).toEqual(['DeleteEventStreaming', 'DeleteEventStreaming']);
      expect(answers[1].body).toMatchObject({ Status: 'SUCCESS' });
    });
  });

  describe('M1: WaitFor waits one interval before its first poll', () => {
    test('restarting a stream whose status still reads STARTING_FAILED right after the Start: the first poll comes later and sees RUNNING', async () => {
      let startedAt = 0;
      apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
      apiReplies.StartEventStreaming = () => {
        startedAt = Date.now();
        return ok();
      };
      // the status lags the Start by 100 ms
      apiReplies.GetEventStreaming = () => status(Date.now() - startedAt < 100 ? 'STARTING_FAILED' : 'RUNNING');
      await handler(rosEvent('Create', started(0.15)), context());
      expect(actions()).toEqual(['CreateEventStreaming', 'StartEventStreaming', 'GetEventStreaming']);
      expect(apiRequests[2].at - apiRequests[1].at).toBeGreaterThanOrEqual(145);
      expect(onlyAnswer()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: ARN });
      expect(logs.join('\n')).toContain('OnCreate.Then[0].WaitFor: GetEventStreaming Data.Status reached Until (poll 1)');
    });

    test('an interval that does not fit before the deadline: FAILED without a poll', async () => {
      apiReplies.CreateEventStreaming = ok({ Data: { EventStreamingARN: ARN } });
      await handler(rosEvent('Create', started(0.9, { CallTimeout: 1 })), context());
      expect(actions()).toEqual(['CreateEventStreaming', 'StartEventStreaming']);
      expect(onlyAnswer()).toMatchObject({
        Status: 'FAILED',
        PhysicalResourceId: ARN,
        Reason: 'waiting after StartEventStreaming: the first GetEventStreaming poll, one interval (0.9 s) after the request, would come after '
          + 'the deadline (CallTimeout 1 s less a margin to answer ROS)',
      });
    });
  });
});
