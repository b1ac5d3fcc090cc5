/**
 * The custom-resource handler (lib/custom-resources/handler/index.js) run for real: real @alicloud/pop-core against a
 * loopback HTTP server that plays both the OpenAPI RPC endpoint and the ROS ResponseURL. Response shape per
 * https://alibabacloud.com/help/en/ros/user-guide/custom-resource-response-objects.
 */
import * as crypto from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';

type Handler = (event: unknown, context: unknown) => Promise<any>;
// plain CommonJS, exactly the file FC runs
const { handler } = require('../../lib/custom-resources/handler/index.js') as { handler: Handler };

interface ApiRequest {
  readonly method: string;
  readonly contentType: string | undefined;
  readonly params: Record<string, string>;
}
interface RosAnswer {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly raw: string;
  readonly body: any;
  readonly at: number;
}
type ApiReply = { status: number; body: object } | 'hang';

const CREDENTIALS = { accessKeyId: 'STS.test-ak', accessKeySecret: 'test-secret', securityToken: 'test-sts-token' };
const ARN = 'acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/s1';

let server: http.Server;
let base: string;
let apiRequests: ApiRequest[];
let answers: RosAnswer[];
let apiReplies: Record<string, ApiReply>;
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
      apiRequests.push({ method: req.method!, contentType: req.headers['content-type'], params });
      const reply = apiReplies[params.Action] ?? { status: 200, body: { RequestId: 'api-req' } };
      if (reply !== 'hang') {
        res.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  apiRequests = [];
  answers = [];
  apiReplies = {};
  rosStatuses = [];
  logs = [];
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

  test('a Create that may have made something (a network error, no API answer) keeps its ordinary id so the rollback Delete runs OnDelete', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await handler(rosEvent('Create', streamProps({ Endpoint: `http://127.0.0.1:${port}`, PhysicalResourceId: 'ice-callback' })), context());
    const body = onlyAnswer();
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'ice-callback' });
    expect(body.Reason).toMatch(/^CreateEventStreaming failed: .*ECONNREFUSED/);
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
      expect(Date.now() - started).toBeLessThan(150);
      const text = logs.join('\n');
      expect(text).toContain(`answering ROS failed: the ResponseURL is not an http(s) URL${detail}\n`);
      expect(text).not.toContain('attempt');
      expect(text).toContain('gave up answering ROS');
      expect(text).not.toContain('presigned-secret');
    });
});
