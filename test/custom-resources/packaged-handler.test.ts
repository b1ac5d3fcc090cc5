/**
 * The API-call handler as a stack ships it: index.js unzipped from the synthesized template's `Code.ZipFile`, the
 * handler's code without its comments under a header pointing to the commented source. It is the same bytes on every
 * synth, it compiles, and it runs: loaded from a directory of its own (as FC loads it, with @alicloud/pop-core beside
 * it) and driven through a Create with Then and WaitFor and a Delete against a loopback HTTP server that plays both
 * the OpenAPI RPC endpoint and the ROS ResponseURL (the answer's shape:
 * https://alibabacloud.com/help/en/ros/user-guide/custom-resource-response-objects).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import * as ros from '@alicloud/ros-cdk-core';
import { Template } from '../../lib/assertions';
import { Duration } from '../../lib';
import { ApiCall, ApiCallProps, PhysicalResourceId } from '../../lib/custom-resources';
import { crc32, stripComments, zip } from '../../lib/custom-resources/zip';

const ROOT = path.join(__dirname, '..', '..');
const SOURCE = fs.readFileSync(path.join(ROOT, 'lib', 'custom-resources', 'handler', 'index.js'), 'utf8');
const ENV = { region: 'cn-hangzhou', account: '123456789012' };
const ARN = 'acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/orders';
const HEADER = [
  '// ros-cdk-smq: the function behind the ApiCall custom resources (ALIYUN::ROS::CustomResource) of this stack.',
  '// Comments stripped to keep the template small; the commented source, with the public references it follows:',
  '// https://github.com/ros-cdk-smq/ros-cdk-smq/blob/main/lib/custom-resources/handler/index.js',
  '',
].join('\n');

/** An event stream created, started and waited for until it runs; deleted on delete. */
const STREAM: ApiCallProps = {
  product: 'eventbridge',
  apiVersion: '2020-04-01',
  onCreate: {
    action: 'CreateEventStreaming',
    parameters: { EventStreamingName: 'orders', Source: { SourceMNSParameters: { QueueName: 'orders' } } },
    then: [{
      action: 'StartEventStreaming',
      parameters: { EventStreamingName: 'orders' },
      waitFor: { action: 'GetEventStreaming', parameters: { EventStreamingName: 'orders' }, path: 'Data.Status', until: ['RUNNING'], failOn: ['STARTING_FAILED'], interval: Duration.seconds(1) },
    }],
  },
  onUpdate: { action: 'UpdateEventStreaming', parameters: { EventStreamingName: 'orders' } },
  onDelete: { action: 'DeleteEventStreaming', parameters: { EventStreamingName: 'orders' } },
  ignoreErrorCodesOnDelete: ['EventStreamingNotExisted'],
  permissions: [{ actions: ['eventbridge:*EventStreaming'], resources: [ARN] }],
  physicalResourceId: PhysicalResourceId.fromResponse('Data.EventStreamingARN'),
  outputPaths: ['RequestId'],
};

/** The stack's template, synthesized with the library's modules as they are in this suite. */
function template(): any {
  const stack = new ros.Stack(new ros.App(), 'Streams', { env: ENV });
  new ApiCall(stack, 'Stream', STREAM);
  return Template.fromStack(stack).toJSON();
}

/**
 * The function's `Code.ZipFile` from a synth with every module loaded afresh (the library keeps the package once made:
 * a second synth in the same module registry would only read it back).
 */
function freshZipFile(): string {
  let zipFile = '';
  jest.isolateModules(() => {
    const core = require('@alicloud/ros-cdk-core') as typeof ros;
    const { ApiCall: FreshApiCall } = require('../../lib/custom-resources') as typeof import('../../lib/custom-resources');
    const { Template: FreshTemplate } = require('../../lib/assertions') as typeof import('../../lib/assertions');
    const stack = new core.Stack(new core.App(), 'Streams', { env: ENV });
    expect(FreshApiCall).not.toBe(ApiCall); // really loaded afresh
    // the same call (a PhysicalResourceId of this suite's modules is not one of the fresh modules')
    new FreshApiCall(stack, 'Stream', { ...STREAM, physicalResourceId: undefined });
    zipFile = FreshTemplate.fromStack(stack).toJSON().Resources.ApiCallProviderFunction.Properties.Code.ZipFile;
  });
  return zipFile;
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The one file of a stored ZIP, read through the end record and the central directory, its CRC-32 checked. */
function unzipOnly(base64: string): { name: string; data: Buffer } {
  const archive = Buffer.from(base64, 'base64');
  expect(archive.toString('base64')).toBe(base64);
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  expect(archive.readUInt16LE(end + 10)).toBe(1);
  const central = archive.readUInt32LE(end + 16);
  expect(archive.readUInt32LE(central)).toBe(0x02014b50);
  expect(archive.readUInt16LE(central + 10)).toBe(0); // stored
  const crc = archive.readUInt32LE(central + 16);
  const size = archive.readUInt32LE(central + 20);
  const nameLength = archive.readUInt16LE(central + 28);
  const name = archive.subarray(central + 46, central + 46 + nameLength).toString('utf8');
  const local = archive.readUInt32LE(central + 42);
  expect(archive.readUInt32LE(local)).toBe(0x04034b50);
  const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
  const data = Buffer.from(archive.subarray(start, start + size));
  expect(crc32(data)).toBe(crc);
  return { name, data };
}

const TEMPLATE = template();
const ZIP_FILE: string = TEMPLATE.Resources.ApiCallProviderFunction.Properties.Code.ZipFile;
const PACKAGED = unzipOnly(ZIP_FILE);

describe('the packaged handler', () => {
  test('index.js: the header, then the handler without its comments', () => {
    expect(PACKAGED.name).toBe('index.js');
    const code = PACKAGED.data.toString('utf8');
    expect(code).toBe(HEADER + stripComments(SOURCE));
    expect(code.startsWith(`${HEADER}'use strict';\n`)).toBe(true);
  });

  test('byte-identical across synths, each with the modules loaded afresh', () => {
    // compared by digest: a failure then prints two short lines, not two 40 KB strings
    const first = sha256(freshZipFile());
    const second = sha256(freshZipFile());
    expect(second).toBe(first);
    expect(first).toBe(sha256(ZIP_FILE));
  });

  test('the header points to the commented source in the package\'s repository', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const repository = String(pkg.repository.url).replace(/^git\+/, '').replace(/\.git$/, '');
    expect(HEADER).toContain(`${repository}/blob/main/lib/custom-resources/handler/index.js`);
    expect(HEADER).toContain(pkg.name);
  });

  test('it compiles as a CommonJS module, and keeps only the header\'s comments', () => {
    const code = PACKAGED.data.toString('utf8');
    expect(() => vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'])).not.toThrow();
    expect(code.split('\n').filter((line) => /^\s*(\/\/|\/\*|\*)/.test(line))).toEqual(HEADER.trim().split('\n'));
    expect(code).not.toMatch(/\n\s*\n/); // no blank line
    expect(code).not.toMatch(/[ \t]\n/); // no trailing space
  });

  test('a handler that does not compile once stripped fails as the stack\'s API-call function is made, naming the file', () => {
    const broken = "'use strict';\n/* a comment */ exports.handler = async () => { return ; } };\n";
    jest.isolateModules(() => {
      const realFs = jest.requireActual('fs') as typeof fs;
      const readFileSync = (file: fs.PathOrFileDescriptor, options?: unknown): unknown =>
        String(file).endsWith(path.join('handler', 'index.js')) ? broken : (realFs.readFileSync as (f: unknown, o?: unknown) => unknown)(file, options);
      jest.doMock('fs', () => ({ ...realFs, readFileSync }));
      const core = require('@alicloud/ros-cdk-core') as typeof ros;
      const { ApiCall: FreshApiCall } = require('../../lib/custom-resources') as typeof import('../../lib/custom-resources');
      const stack = new core.Stack(new core.App(), 'Streams', { env: ENV });
      expect(() => new FreshApiCall(stack, 'Stream', { ...STREAM, physicalResourceId: undefined })).toThrow(
        /^ros-cdk-smq: the API-call handler cannot be packaged: packageScript: \S+handler\/index\.js does not compile once its comments are stripped: Unexpected token/);
    });
    jest.dontMock('fs');
  });

  test('the package is about a third smaller than the commented handler stored as it is', () => {
    // what every stack carried before: the handler file as it is, stored
    const before = zip([{ name: 'index.js', data: Buffer.from(SOURCE, 'utf8') }]).toString('base64').length;
    const after = ZIP_FILE.length;
    expect(after).toBeLessThan(before * 0.7);
    // Base64 of a one-file stored ZIP: 4/3 of (30 + 8 + file + 46 + 8 + 22) bytes
    expect(after).toBe(4 * Math.ceil((114 + PACKAGED.data.length) / 3));
  });
});

describe('the packaged handler runs', () => {
  type Handler = (event: unknown, context: unknown) => Promise<any>;
  let dir: string;
  let handler: Handler;
  let server: http.Server;
  let base: string;
  let calls: Array<{ action: string; params: Record<string, string>; at: number }>;
  let answers: any[];
  let replies: Record<string, object[]>;
  let logs: string[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packaged-handler-'));
    fs.writeFileSync(path.join(dir, 'index.js'), PACKAGED.data);
    // @alicloud/pop-core beside the function, as the FC nodejs20 runtime provides it
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    handler = (require(path.join(dir, 'index.js')) as { handler: Handler }).handler;

    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        if (req.url!.startsWith('/ros/')) {
          answers.push(JSON.parse(raw));
          res.writeHead(200).end();
          return;
        }
        const params = Object.fromEntries(new URLSearchParams(raw));
        calls.push({ action: params.Action, params, at: Date.now() });
        const queue = replies[params.Action] ?? [{ RequestId: `api-${params.Action}` }];
        const body = queue.length > 1 ? queue.shift() : queue[0];
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    calls = [];
    answers = [];
    replies = {};
    logs = [];
  });

  /** The custom resource's Parameters as the template renders them, the endpoint pointed at the loopback server. */
  function properties(): Record<string, unknown> {
    const parameters = TEMPLATE.Resources.Stream.Properties.Parameters;
    expect(parameters.Endpoint).toBe('https://eventbridge.cn-hangzhou.aliyuncs.com');
    return { ...parameters, Endpoint: base };
  }

  /** The ROS request as FC delivers it, a Buffer of JSON (https://alibabacloud.com/help/en/ros/user-guide/create). */
  function event(requestType: string, extra: object = {}): Buffer {
    return Buffer.from(JSON.stringify({
      RequestType: requestType,
      RequestId: `ros-${requestType}`,
      ResponseURL: `${base}/ros/callback?Signature=presigned`,
      StackId: 'stack-1',
      StackName: 'Streams',
      LogicalResourceId: 'Stream',
      ResourceType: 'ALIYUN::ROS::CustomResource',
      ResourceProperties: properties(),
      ...extra,
    }));
  }

  function context(): object {
    const log = (...args: unknown[]) => logs.push(args.join(' '));
    return {
      requestId: 'fc-1',
      credentials: { accessKeyId: 'STS.ak', accessKeySecret: 'secret', securityToken: 'sts-token' },
      function: { name: 'Streams-ApiCallProvider', handler: 'index.handler', timeout: 30 },
      logger: { info: log, error: log, warn: log, debug: log },
    };
  }

  test('Create: the request, then Start, polled once a second until RUNNING; SUCCESS with the id and Data from the first answer', async () => {
    replies.CreateEventStreaming = [{ RequestId: 'api-create', Code: 'Success', Success: true, Data: { EventStreamingARN: ARN } }];
    replies.GetEventStreaming = [{ RequestId: 'api-get', Data: { Status: 'STARTING' } }, { RequestId: 'api-get', Data: { Status: 'RUNNING' } }];

    const returned = await handler(event('Create'), context());

    expect(calls.map((c) => c.action)).toEqual(['CreateEventStreaming', 'StartEventStreaming', 'GetEventStreaming', 'GetEventStreaming']);
    expect(calls[0].params).toMatchObject({
      Version: '2020-04-01',
      AccessKeyId: 'STS.ak',
      SecurityToken: 'sts-token',
      EventStreamingName: 'orders',
      Source: JSON.stringify({ SourceMNSParameters: { QueueName: 'orders' } }),
    });
    expect(calls[0].params.Signature).toEqual(expect.any(String));
    // the first poll one interval after Start, the next one an interval later
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(950);
    expect(calls[3].at - calls[2].at).toBeGreaterThanOrEqual(950);
    const answer = { Status: 'SUCCESS', PhysicalResourceId: ARN, StackId: 'stack-1', RequestId: 'ros-Create', LogicalResourceId: 'Stream', Data: { RequestId: 'api-create' } };
    expect(answers).toEqual([answer]);
    expect(returned).toEqual(answer);
    expect(logs.join('\n')).toContain('reached Until (poll 2)');
  }, 15_000);

  test('Delete: the OnDelete request; SUCCESS with the physical id of the request', async () => {
    const returned = await handler(event('Delete', { PhysicalResourceId: ARN }), context());

    expect(calls.map((c) => [c.action, c.params.EventStreamingName])).toEqual([['DeleteEventStreaming', 'orders']]);
    const answer = { Status: 'SUCCESS', PhysicalResourceId: ARN, StackId: 'stack-1', RequestId: 'ros-Delete', LogicalResourceId: 'Stream', Data: {} };
    expect(answers).toEqual([answer]);
    expect(returned).toEqual(answer);
  });

  test('the function run is the packaged one: its comments are gone', () => {
    const comment = '// Answer before FC kills the function';
    expect(SOURCE).toContain(comment);
    expect(handler.toString()).toContain('const startedAt = Date.now();');
    expect(handler.toString()).not.toContain(comment);
  });
});
