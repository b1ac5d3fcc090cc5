/**
 * ApiCall: an `ALIYUN::ROS::CustomResource` (https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ros-customresource:
 * ServiceToken `acs:fc:<region_id>:<account_id>:functions/<function_name>` for FC 3.0, Timeout 1 to 43200 seconds,
 * Parameters passed to the function as ResourceProperties) served by one FC 3.0 function per stack, whose role holds
 * the union of the calls' declared permissions.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inflateRawSync } from 'zlib';
import * as ros from '@alicloud/ros-cdk-core';
import { Template } from '../../lib/assertions';
import { Duration, smq } from '../../lib';
import { ApiCall, ApiCallProps, PhysicalResourceId } from '../../lib/custom-resources';
import { ApiRequest } from '../../lib/custom-resources/api-call';
import { crc32, stripComments } from '../../lib/custom-resources/zip';
import { expectInvalid, getAtt, newStack, warnings } from '../util';

/** The handler as shipped, less the header naming its source (test/custom-resources/packaged-handler.test.ts checks that). */
const HANDLER = Buffer.from(stripComments(fs.readFileSync(path.join(__dirname, '..', '..', 'lib', 'custom-resources', 'handler', 'index.js'), 'utf8')));
const ENV = { region: 'cn-hangzhou', account: '123456789012' };

/** `acs:fc:${ALIYUN::Region}:${ALIYUN::TenantId}:functions/` + the function's name attribute. */
const SERVICE_TOKEN = { 'Fn::Join': ['', ['acs:fc:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, ':functions/', getAtt('ApiCallProviderFunction', 'FunctionName')]] };

/** The IMS callback setting, as the ImsCallbackQueue wiring will make it. */
function imsCallback(overrides: Partial<ApiCallProps> = {}): ApiCallProps {
  return {
    product: 'ice',
    apiVersion: '2020-11-09',
    onCreate: { action: 'SetEventCallback', parameters: { CallbackType: 'MNS', CallbackQueueName: 'ice-callback-media', EventTypeList: 'ProduceMediaComplete' } },
    onDelete: { action: 'SetEventCallback', parameters: { CallbackType: 'MNS', CallbackQueueName: '' } },
    permissions: [{ actions: ['ice:SetEventCallback'], resources: ['*'] }],
    physicalResourceId: PhysicalResourceId.of('ims-event-callback'),
    // resetting the callback cannot fail on a thing that is gone: no codes, and no warning
    ignoreErrorCodesOnDelete: [],
    ...overrides,
  };
}

/** An EventBridge event stream, with a resource-level permission. */
function eventStream(name: string, overrides: Partial<ApiCallProps> = {}): ApiCallProps {
  const arn = `acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/${name}`;
  return {
    product: 'eventbridge',
    apiVersion: '2020-04-01',
    onCreate: { action: 'CreateEventStreaming', parameters: { EventStreamingName: name, Source: { SourceMNSParameters: { QueueName: 'jobs' } } } },
    onUpdate: { action: 'UpdateEventStreaming', parameters: { EventStreamingName: name } },
    onDelete: { action: 'DeleteEventStreaming', parameters: { EventStreamingName: name } },
    permissions: [{ actions: ['eventbridge:UpdateEventStreaming', 'eventbridge:CreateEventStreaming', 'eventbridge:DeleteEventStreaming'], resources: [arn] }],
    ignoreErrorCodesOnDelete: ['EventStreamingNotExisted'],
    ...overrides,
  };
}

function resources(stack: ros.Stack): { [id: string]: any } {
  return Template.fromStack(stack).toJSON().Resources;
}

/** The template with the function's code package replaced by a marker: the handler changes, the snapshot need not. */
function snapshotOf(stack: ros.Stack): any {
  const template = JSON.parse(JSON.stringify(Template.fromStack(stack).toJSON()));
  const code = template.Resources.ApiCallProviderFunction.Properties.Code;
  expect(unzipIndexJs(code.ZipFile).subarray(-HANDLER.length).equals(HANDLER)).toBe(true);
  code.ZipFile = '<Base64 of a ZIP with lib/custom-resources/handler/index.js>';
  return template;
}

/** index.js from a Base64 ZIP, read through the end record and the central directory; checks its CRC-32. */
function unzipIndexJs(base64: string): Buffer {
  const archive = Buffer.from(base64, 'base64');
  expect(archive.toString('base64')).toBe(base64); // valid Base64, nothing else
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  let at = archive.readUInt32LE(end + 16);
  for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = archive.readUInt16LE(at + 28);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (name === 'index.js') {
      const method = archive.readUInt16LE(at + 10);
      const crc = archive.readUInt32LE(at + 16);
      const size = archive.readUInt32LE(at + 20);
      const local = archive.readUInt32LE(at + 42);
      expect(archive.readUInt32LE(local)).toBe(0x04034b50);
      const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      const stored = archive.subarray(start, start + size);
      const data = method === 8 ? inflateRawSync(stored) : Buffer.from(stored);
      expect(crc32(data)).toBe(crc);
      return data;
    }
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
  }
  throw new Error('no index.js in the package');
}

describe('ApiCall', () => {
  test('an ALIYUN::ROS::CustomResource with the contract\'s Parameters, served by the stack\'s FC 3.0 function', () => {
    const { stack } = newStack('Media');
    const call = new ApiCall(stack, 'ImsCallback', imsCallback());
    expect(snapshotOf(stack)).toMatchSnapshot();
    const all = resources(stack);
    expect(Object.keys(all).sort()).toEqual(['ApiCallProviderFunction', 'ApiCallProviderRole', 'ImsCallback']);
    expect(all.ImsCallback).toEqual({
      Type: 'ALIYUN::ROS::CustomResource',
      Properties: {
        ServiceToken: SERVICE_TOKEN,
        Timeout: 300,
        Parameters: {
          Endpoint: { 'Fn::Join': ['', ['https://ice.', { Ref: 'ALIYUN::Region' }, '.aliyuncs.com']] },
          ApiVersion: '2020-11-09',
          CallTimeout: 300,
          OnCreate: { Action: 'SetEventCallback', Parameters: { CallbackType: 'MNS', CallbackQueueName: 'ice-callback-media', EventTypeList: 'ProduceMediaComplete' } },
          OnDelete: { Action: 'SetEventCallback', Parameters: { CallbackType: 'MNS', CallbackQueueName: '' } },
          PhysicalResourceId: 'ims-event-callback',
        },
      },
    });
    expect(call.customResource.rosResourceType).toBe('ALIYUN::ROS::CustomResource');
    expect(stack.resolve(call.physicalResourceId)).toEqual({ Ref: 'ImsCallback' });
    expect(warnings(stack)).toEqual([]);
  });

  test('the function: nodejs20, index.handler, the handler\'s code as a Base64 ZIP, its own role, a generated name', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'ImsCallback', imsCallback());
    const fn = resources(stack).ApiCallProviderFunction;
    expect(fn.Type).toBe('ALIYUN::FC3::Function');
    expect(fn.Properties).toEqual({
      FunctionName: 'Media-ApiCallProvider',
      Description: 'Calls Alibaba Cloud APIs for the ALIYUN::ROS::CustomResource resources of stack Media (made by ros-cdk-smq)',
      Runtime: 'nodejs20',
      Handler: 'index.handler',
      Code: { ZipFile: expect.any(String) },
      Role: getAtt('ApiCallProviderRole', 'Arn'),
      Timeout: 300,
    });
    // the package holds index.js, byte for byte the handler of this package
    expect(unzipIndexJs(fn.Properties.Code.ZipFile).subarray(-HANDLER.length).equals(HANDLER)).toBe(true);
  });

  (fs.existsSync('/usr/bin/unzip') || fs.existsSync('/bin/unzip') ? test : test.skip)('Info-ZIP unzip reads the function\'s code package', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'ImsCallback', imsCallback());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-code-'));
    try {
      const file = path.join(dir, 'code.zip');
      fs.writeFileSync(file, Buffer.from(resources(stack).ApiCallProviderFunction.Properties.Code.ZipFile, 'base64'));
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
      expect(execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' })).toBe('index.js\n');
      expect(execFileSync('unzip', ['-p', file, 'index.js']).subarray(-HANDLER.length).equals(HANDLER)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the role: trusted by Function Compute only, one policy with exactly the declared permissions', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'ImsCallback', imsCallback());
    const role = resources(stack).ApiCallProviderRole;
    expect(role.Type).toBe('ALIYUN::RAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '1',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }],
    });
    const name = { 'Fn::Join': ['', ['Media-ApiCallProvider-', { Ref: 'ALIYUN::Region' }]] };
    expect(role.Properties.RoleName).toEqual(name);
    expect(role.Properties.Policies).toEqual([{
      PolicyName: name,
      Description: 'The permissions the API calls of stack Media declare, and no others',
      PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ice:SetEventCallback'], Resource: ['*'] }] },
    }]);
    expect(role.Properties.PolicyAttachments).toBeUndefined();
  });

  test('the custom resource waits for the function (ServiceToken refers to it), which waits for its role', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'ImsCallback', imsCallback());
    const all = resources(stack);
    expect(JSON.stringify(all.ImsCallback.Properties.ServiceToken)).toContain('"Fn::GetAtt":["ApiCallProviderFunction","FunctionName"]');
    expect(all.ApiCallProviderFunction.Properties.Role).toEqual(getAtt('ApiCallProviderRole', 'Arn'));
  });

  test('ServiceToken in a stack with a literal region and account: the FC 3.0 form of the ROS reference', () => {
    const { stack } = newStack('Media', { env: ENV });
    new ApiCall(stack, 'ImsCallback', imsCallback());
    const all = resources(stack);
    expect(all.ImsCallback.Properties.ServiceToken).toEqual({
      'Fn::Join': ['', ['acs:fc:cn-hangzhou:123456789012:functions/', getAtt('ApiCallProviderFunction', 'FunctionName')]],
    });
    expect(all.ImsCallback.Properties.Parameters.Endpoint).toBe('https://ice.cn-hangzhou.aliyuncs.com');
    expect(all.ApiCallProviderRole.Properties.RoleName).toBe('Media-ApiCallProvider-cn-hangzhou');
  });

  test('one function and one role per stack: the policy is the union of every call\'s permissions, however late the call', () => {
    const { stack } = newStack('Media', { env: ENV });
    new ApiCall(stack, 'ImsCallback', imsCallback());
    // a later call, in a nested construct: the stack's provider serves it too
    new ApiCall(new ros.Construct(stack, 'Streams'), 'Jobs', eventStream('jobs'));
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::FC3::Function', 1);
    template.resourceCountIs('ALIYUN::RAM::Role', 1);
    template.resourceCountIs('ALIYUN::ROS::CustomResource', 2);
    const all = template.toJSON().Resources;
    expect(all.Jobs.Properties.ServiceToken).toEqual(all.ImsCallback.Properties.ServiceToken);
    expect(all.ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['ice:SetEventCallback'], Resource: ['*'] },
      {
        Effect: 'Allow',
        // sorted
        Action: ['eventbridge:CreateEventStreaming', 'eventbridge:DeleteEventStreaming', 'eventbridge:UpdateEventStreaming'],
        Resource: ['acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/jobs'],
      },
    ]);
    expect(all.Jobs.Properties.Parameters).toEqual({
      Endpoint: 'https://eventbridge.cn-hangzhou.aliyuncs.com',
      ApiVersion: '2020-04-01',
      CallTimeout: 300,
      OnCreate: { Action: 'CreateEventStreaming', Parameters: { EventStreamingName: 'jobs', Source: { SourceMNSParameters: { QueueName: 'jobs' } } } },
      OnUpdate: { Action: 'UpdateEventStreaming', Parameters: { EventStreamingName: 'jobs' } },
      OnDelete: { Action: 'DeleteEventStreaming', Parameters: { EventStreamingName: 'jobs' } },
      IgnoreErrorCodesOnDelete: ['EventStreamingNotExisted'],
    });
  });

  test('the policy is deduplicated, merged per set of actions and sorted: the order of the calls does not matter', () => {
    const documentOf = (order: string[]): unknown => {
      const { stack } = newStack('Media', { env: ENV });
      for (const name of order) {
        new ApiCall(stack, `S${name}`, eventStream(name, {
          permissions: [
            { actions: ['eventbridge:CreateEventStreaming'], resources: [`acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/${name}`] },
            // the same resources as above: one statement; an action given twice: once
            { actions: ['eventbridge:DeleteEventStreaming', 'eventbridge:CreateEventStreaming'], resources: [`acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/${name}`] },
            // declared by every call: once
            { actions: ['mns:GetQueueAttributes'], resources: ['acs:mns:cn-hangzhou:123456789012:/queues/jobs'] },
          ],
        }));
      }
      return resources(stack).ApiCallProviderRole.Properties.Policies[0].PolicyDocument;
    };
    const document = documentOf(['b', 'a', 'c']);
    expect(document).toEqual(documentOf(['c', 'b', 'a']));
    expect(document).toEqual({
      Version: '1',
      Statement: [
        // the three streams have the same actions: one statement listing each of them
        {
          Effect: 'Allow',
          Action: ['eventbridge:CreateEventStreaming', 'eventbridge:DeleteEventStreaming'],
          Resource: ['a', 'b', 'c'].map((name) => `acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/${name}`),
        },
        { Effect: 'Allow', Action: ['mns:GetQueueAttributes'], Resource: ['acs:mns:cn-hangzhou:123456789012:/queues/jobs'] },
      ],
    });
  });

  test('review 11b M3: the policy allows exactly the declared (action, resource) pairs, each resource in the statement of its set of actions', () => {
    const { stack } = newStack('Media', { env: ENV });
    const arn = (name: string): string => `acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/${name}`;
    new ApiCall(stack, 'A', eventStream('a', { permissions: [{ actions: ['eventbridge:GetEventStreaming', 'eventbridge:DeleteEventStreaming'], resources: [arn('a'), arn('b')] }] }));
    // b gains an action: it leaves the statement of a for one of its own; c has the same actions as b
    new ApiCall(stack, 'B', eventStream('b', { permissions: [{ actions: ['eventbridge:UpdateEventStreaming'], resources: [arn('b'), arn('c')] }] }));
    new ApiCall(stack, 'C', eventStream('c', { permissions: [{ actions: ['eventbridge:DeleteEventStreaming', 'eventbridge:GetEventStreaming'], resources: [arn('c')] }] }));
    expect(resources(stack).ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['eventbridge:DeleteEventStreaming', 'eventbridge:GetEventStreaming'], Resource: [arn('a')] },
      { Effect: 'Allow', Action: ['eventbridge:DeleteEventStreaming', 'eventbridge:GetEventStreaming', 'eventbridge:UpdateEventStreaming'], Resource: [arn('b'), arn('c')] },
    ]);
  });

  test('review 11b M3: N calls with the same actions on one resource each: one statement, the policy grows by one resource per call', () => {
    /** The policy of a stack with n such calls (a new stack each time: a template is read once). */
    const policyOf = (n: number): any => {
      const { stack } = newStack('Media', { env: ENV });
      for (let i = 10; i < 10 + n; i++) {
        new ApiCall(stack, `S${i}`, eventStream(`s${i}`, {
          permissions: [
            { actions: ['eventbridge:CreateEventStreaming'], resources: ['*'] },
            { actions: ['eventbridge:DeleteEventStreaming', 'eventbridge:UpdateEventStreaming'], resources: [`acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/s${i}`] },
          ],
        }));
      }
      return resources(stack).ApiCallProviderRole.Properties.Policies[0].PolicyDocument;
    };
    const lengths = [1, 2, 3, 4].map((n) => JSON.stringify(policyOf(n)).length);
    const statements = policyOf(4).Statement;
    expect(statements).toHaveLength(2);
    expect(statements[1].Resource).toEqual([10, 11, 12, 13].map((i) => `acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/s${i}`));
    // each call adds its ARN in quotes and a comma, nothing else
    const grow = `,"acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/s10"`.length;
    expect(lengths.slice(1).map((l, i) => l - lengths[i])).toEqual([grow, grow, grow]);
  });

  test('tokens in permissions: two that render alike count once', () => {
    const { stack } = newStack('Media');
    const arn = (): string => `acs:eventbridge:${ros.RosPseudo.region}:${ros.RosPseudo.tenantId}:eventstreaming/jobs`;
    new ApiCall(stack, 'A', eventStream('jobs', { permissions: [{ actions: ['eventbridge:CreateEventStreaming'], resources: [arn()] }] }));
    new ApiCall(stack, 'B', eventStream('jobs', { permissions: [{ actions: ['eventbridge:DeleteEventStreaming'], resources: [arn()] }] }));
    expect(resources(stack).ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: ['eventbridge:CreateEventStreaming', 'eventbridge:DeleteEventStreaming'],
      Resource: [{ 'Fn::Join': ['', ['acs:eventbridge:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, ':eventstreaming/jobs']] }],
    }]);
  });

  test('two stacks: a provider each, named after its stack', () => {
    const app = new ros.App();
    const stacks = ['East', 'West'].map((name) => {
      const stack = new ros.Stack(app, name);
      new ApiCall(stack, 'ImsCallback', imsCallback());
      return stack;
    });
    const names = stacks.map((stack) => {
      const all = resources(stack);
      expect(Object.keys(all).sort()).toEqual(['ApiCallProviderFunction', 'ApiCallProviderRole', 'ImsCallback']);
      return [all.ApiCallProviderFunction.Properties.FunctionName, all.ApiCallProviderRole.Properties.RoleName['Fn::Join'][1][0]];
    });
    expect(names).toEqual([['East-ApiCallProvider', 'East-ApiCallProvider-'], ['West-ApiCallProvider', 'West-ApiCallProvider-']]);
    expect(warnings(app)).toEqual([]);
  });

  test('deterministic: the same app gives the same template, byte for byte', () => {
    const synth = (): string => {
      const { stack } = newStack('Media');
      new ApiCall(stack, 'ImsCallback', imsCallback());
      new ApiCall(stack, 'Jobs', eventStream('jobs'));
      return JSON.stringify(Template.fromStack(stack).toJSON());
    };
    expect(synth()).toBe(synth());
  });

  test('getResponseField: Fn::GetAtt of a key of Data, and the path is added to OutputPaths once', () => {
    const { stack } = newStack('Media', { env: ENV });
    const call = new ApiCall(stack, 'Jobs', eventStream('jobs', { outputPaths: ['Data.EventStreamingARN', 'RequestId', 'RequestId'] }));
    const arn = call.getResponseField('Data.EventStreamingARN');
    const id = call.getResponseField('Data.Id');
    expect(call.getResponseField('Data.Id')).toBe(id);
    expect(stack.resolve(arn)).toEqual(getAtt('Jobs', 'Data.EventStreamingARN'));
    expect(stack.resolve(id)).toEqual(getAtt('Jobs', 'Data.Id'));
    // a field used elsewhere in the template
    new smq.Queue(stack, 'Q', { queueName: 'x' });
    expect(resources(stack).Jobs.Properties.Parameters.OutputPaths).toEqual(['Data.EventStreamingARN', 'RequestId', 'Data.Id']);
  });

  test('physical id: a literal, or a path into the onCreate response; the default (none) leaves the logical id to the handler', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'A', eventStream('a', { physicalResourceId: PhysicalResourceId.fromResponse('Data.EventStreamingARN') }));
    new ApiCall(stack, 'B', eventStream('b', { physicalResourceId: PhysicalResourceId.of('stream-b') }));
    new ApiCall(stack, 'C', eventStream('c'));
    const all = resources(stack);
    expect(all.A.Properties.Parameters.PhysicalResourceIdPath).toBe('Data.EventStreamingARN');
    expect(all.A.Properties.Parameters.PhysicalResourceId).toBeUndefined();
    expect(all.B.Properties.Parameters.PhysicalResourceId).toBe('stream-b');
    expect(all.B.Properties.Parameters.PhysicalResourceIdPath).toBeUndefined();
    expect(Object.keys(all.C.Properties.Parameters)).not.toContain('PhysicalResourceId');
    expect(Object.keys(all.C.Properties.Parameters)).not.toContain('PhysicalResourceIdPath');
  });

  test('timeout: the custom resource\'s Timeout and the handler\'s CallTimeout; the function runs as long as the longest call', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'A', imsCallback({ timeout: Duration.minutes(10) }));
    new ApiCall(stack, 'B', eventStream('b', { timeout: Duration.seconds(1) }));
    const all = resources(stack);
    expect(all.A.Properties.Timeout).toBe(600);
    expect(all.B.Properties.Timeout).toBe(1);
    // each call's handler answers within its own Timeout, not the shared function's
    expect(all.A.Properties.Parameters.CallTimeout).toBe(600);
    expect(all.B.Properties.Parameters.CallTimeout).toBe(1);
    expect(all.ApiCallProviderFunction.Properties.Timeout).toBe(600);

    // a token: the function gets the custom resource's maximum
    const other = newStack('Other').stack;
    const seconds = new ros.RosParameter(other, 'Seconds', { type: ros.RosParameterType.NUMBER });
    new ApiCall(other, 'A', imsCallback({ timeout: Duration.seconds(seconds.valueAsNumber) }));
    expect(resources(other).A.Properties.Timeout).toEqual({ Ref: 'Seconds' });
    expect(resources(other).A.Properties.Parameters.CallTimeout).toEqual({ Ref: 'Seconds' });
    expect(resources(other).ApiCallProviderFunction.Properties.Timeout).toBe(43200);
  });

  test('tokens pass: in parameters (deep), in the product, the endpoint, the action, the physical id and the resources', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const product = new ros.RosParameter(stack, 'Product', { type: ros.RosParameterType.STRING });
    const host = new ros.RosParameter(stack, 'Host', { type: ros.RosParameterType.STRING });
    const call = new ApiCall(stack, 'Call', {
      product: product.valueAsString,
      apiVersion: '2020-11-09',
      endpoint: `https://${host.valueAsString}.aliyuncs.com`,
      onCreate: {
        action: 'SetEventCallback',
        parameters: { CallbackQueueName: queue.queueName, Nested: { Names: [queue.queueName, 'x'] }, Count: 3, Enabled: true, Gone: undefined },
      },
      permissions: [{ actions: ['ice:SetEventCallback'], resources: [`acs:ice:${ros.RosPseudo.region}:${ros.RosPseudo.tenantId}:*`] }],
      physicalResourceId: PhysicalResourceId.of(queue.queueName),
    });
    const props = resources(stack).Call.Properties;
    expect(props.Parameters.Endpoint).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'Host' }, '.aliyuncs.com']] });
    expect(props.Parameters.OnCreate).toEqual({
      Action: 'SetEventCallback',
      Parameters: { CallbackQueueName: getAtt('Jobs', 'QueueName'), Nested: { Names: [getAtt('Jobs', 'QueueName'), 'x'] }, Count: 3, Enabled: true },
    });
    expect(props.Parameters.PhysicalResourceId).toEqual(getAtt('Jobs', 'QueueName'));
    expect(call.node.path).toBe('Media/Call');

    // the default endpoint with a token product
    const other = newStack('Other').stack;
    const p = new ros.RosParameter(other, 'Product', { type: ros.RosParameterType.STRING });
    new ApiCall(other, 'Call', imsCallback({ product: p.valueAsString }));
    expect(resources(other).Call.Properties.Parameters.Endpoint).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'Product' }, '.', { Ref: 'ALIYUN::Region' }, '.aliyuncs.com']] });
  });

  test('the parameters are copied: a change to the caller\'s object afterwards does not move the template', () => {
    const { stack } = newStack('Media');
    const parameters: { [key: string]: any } = { CallbackType: 'MNS', List: ['a'] };
    new ApiCall(stack, 'Call', imsCallback({ onCreate: { action: 'SetEventCallback', parameters } }));
    parameters.CallbackType = 'HTTP';
    parameters.List.push('b');
    expect(resources(stack).Call.Properties.Parameters.OnCreate.Parameters).toEqual({ CallbackType: 'MNS', List: ['a'] });
  });

  test('an endpoint of the caller\'s: https, a host and an optional port', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'A', imsCallback({ endpoint: 'https://ice.cn-shanghai.aliyuncs.com' }));
    new ApiCall(stack, 'B', imsCallback({ endpoint: 'https://ice-vpc.cn-shanghai.aliyuncs.com:443/' }));
    const all = resources(stack);
    expect(all.A.Properties.Parameters.Endpoint).toBe('https://ice.cn-shanghai.aliyuncs.com');
    expect(all.B.Properties.Parameters.Endpoint).toBe('https://ice-vpc.cn-shanghai.aliyuncs.com:443/');
  });

  test('an onCreate that creates (Create...) without onUpdate: a warning, as an update would create again', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'A', eventStream('a', { onUpdate: undefined }));
    new ApiCall(stack, 'B', eventStream('b'));
    new ApiCall(stack, 'C', imsCallback());
    const action = new ros.RosParameter(stack, 'Action', { type: ros.RosParameterType.STRING });
    new ApiCall(stack, 'D', eventStream('d', { onUpdate: undefined, onCreate: { action: action.valueAsString }, permissions: [{ actions: ['eventbridge:*'], resources: ['*'] }] }));
    expect(warnings(stack)).toEqual([
      'Media/A: onCreate.action "CreateEventStreaming" creates something and there is no onUpdate: an update of this resource whose request '
      + 'changed calls CreateEventStreaming again with the changed parameters, which makes a second one or fails because it exists: give onUpdate '
      + '(such as the matching Update action).',
    ]);
  });

  test('an onDelete without ignoreErrorCodesOnDelete: a warning, as a delete of what is gone fails the stack; [] says it cannot', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'A', eventStream('a', { ignoreErrorCodesOnDelete: undefined }));
    new ApiCall(stack, 'B', eventStream('b'));
    new ApiCall(stack, 'C', imsCallback({ ignoreErrorCodesOnDelete: [] }));
    new ApiCall(stack, 'D', imsCallback({ onDelete: undefined, ignoreErrorCodesOnDelete: undefined }));
    expect(warnings(stack)).toEqual([
      'Media/A: onDelete is given without ignoreErrorCodesOnDelete: when what it deletes is already gone (deleted by hand, or never '
      + 'made because the create failed and ROS rolls back), the API\'s error fails the delete and the stack with it: list the error '
      + 'codes that mean "not found", such as ["EventStreamingNotExisted"], or give [] when onDelete cannot fail that way.',
    ]);
    expect(Object.keys(resources(stack).C.Properties.Parameters)).not.toContain('IgnoreErrorCodesOnDelete');
  });

  test('parameter names as API references spell them, RegionId included; a map shared (not cyclic) is fine', () => {
    const { stack } = newStack('Media');
    const shared = { Name: 'x' };
    new ApiCall(stack, 'Call', imsCallback({
      onCreate: { action: 'SetEventCallback', parameters: { 'RegionId': 'cn-hangzhou', 'Tag.1.Key': 'k', 'Source_Name-2': 'v', 'A': shared, 'B': [shared, shared] } },
    }));
    expect(resources(stack).Call.Properties.Parameters.OnCreate.Parameters).toEqual({
      'RegionId': 'cn-hangzhou', 'Tag.1.Key': 'k', 'Source_Name-2': 'v', 'A': { Name: 'x' }, 'B': [{ Name: 'x' }, { Name: 'x' }],
    });
  });

  test('the Parameters\' size: up to 64 KB of JSON passes; tokens count as their literal text', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Q', { queueName: 'q' });
    new ApiCall(stack, 'Big', imsCallback({ onCreate: { action: 'SetEventCallback', parameters: { Data: 'x'.repeat(60000) } } }));
    new ApiCall(stack, 'Tokens', imsCallback({ onCreate: { action: 'SetEventCallback', parameters: { Names: Array.from({ length: 2000 }, () => queue.queueName) } } }));
    expect(resources(stack).Big.Properties.Parameters.OnCreate.Parameters.Data).toHaveLength(60000);
  });

  test('an endpoint under aliyuncs.com, or a host that ends in a token', () => {
    const { stack } = newStack('Media');
    const host = new ros.RosParameter(stack, 'Host', { type: ros.RosParameterType.STRING });
    new ApiCall(stack, 'A', imsCallback({ endpoint: 'https://ICE.CN-HANGZHOU.ALIYUNCS.COM:443/' }));
    new ApiCall(stack, 'B', imsCallback({ endpoint: `https://${host.valueAsString}` }));
    new ApiCall(stack, 'C', imsCallback({ endpoint: `https://ice.${host.valueAsString}:443` }));
    new ApiCall(stack, 'D', imsCallback({ endpoint: `https://${host.valueAsString}.aliyuncs.com/` }));
    expect(resources(stack).B.Properties.Parameters.Endpoint).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'Host' }]] });
  });

  test('a request whose action no permission names: a warning; a wildcard that matches it: none', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'A', imsCallback({ permissions: [{ actions: ['ice:GetEventCallback'], resources: ['*'] }] }));
    new ApiCall(stack, 'B', imsCallback({ permissions: [{ actions: ['ice:Set*'], resources: ['*'] }] }));
    const message = 'Media/A: onCreate.action: no permission names the action "<service>:SetEventCallback", so the call fails with a permission error '
      + 'unless the API needs no authorization for it: add it to permissions, as the API reference\'s authorization information lists it.';
    expect(warnings(stack)).toEqual([message, message.replace(/onCreate/g, 'onDelete')]);
  });

  test('the policy must fit in RAM\'s 6,144 characters, with the other calls of the stack', () => {
    const { stack } = newStack('Media', { env: ENV });
    const many = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/${prefix}-${i}`);
    new ApiCall(stack, 'A', eventStream('a', { permissions: [{ actions: ['eventbridge:CreateEventStreaming'], resources: many('a', 50) }] }));
    expectInvalid(() => new ApiCall(stack, 'B', eventStream('b', { permissions: [{ actions: ['eventbridge:CreateEventStreaming'], resources: many('b', 50) }] })),
      new RegExp('^Media/B: the stack\'s API calls need more permissions than one RAM policy document holds \\(at most 6144 characters: the policy of the '
        + 'stack\'s one API-call function, which serves every ApiCall of the stack, including those that constructs such as consumers.QueueEventStream '
        + 'and sources.ImsCallbackQueue make\\): split the calls across stacks, each of which has its own function and policy, got '
        + '"6\\d{3} characters with this call and the 1 other API call of stack Media"$'));
    // the refused call left nothing behind in the policy
    expect(resources(stack).ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement).toHaveLength(1);

    // one call alone: refused before the provider is made
    const other = newStack('Other', { env: ENV }).stack;
    expectInvalid(() => new ApiCall(other, 'C', eventStream('c', { permissions: [{ actions: ['eventbridge:CreateEventStreaming'], resources: many('c', 100) }] })),
      /^Other\/C: permissions must fit in one RAM policy document of at most 6144 characters: declare fewer or broader resources, got "6\d{3} characters alone"$/);
    expect(other.node.tryFindChild('ApiCallProvider')).toBeUndefined();
  });

  test('review 11b M3: many calls of one kind (as event streams make them) fit in one stack; the one that does not names itself and says to split the stack', () => {
    const { stack } = newStack('Media', { env: ENV });
    const stream = (i: number): ApiCallProps => eventStream(`route-orders-to-fulfilment-queue-${i}`, {
      permissions: [
        { actions: ['eventbridge:CreateEventStreaming'], resources: ['*'] },
        {
          actions: ['eventbridge:DeleteEventStreaming', 'eventbridge:GetEventStreaming', 'eventbridge:UpdateEventStreaming', 'eventbridge:StartEventStreaming'],
          resources: [`acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/route-orders-to-fulfilment-queue-${i}`],
        },
      ],
    });
    let made = 0;
    let error: Error | undefined;
    for (; made < 200 && error === undefined; made++) {
      try {
        new ApiCall(new ros.Construct(stack, `Route${made}`), `Stream${made}`, stream(made));
      } catch (e) {
        error = e as Error;
      }
    }
    // one statement per set of actions: about 6,000 / 90 characters per stream, not 22 as with a statement each
    expect(made - 1).toBeGreaterThan(60);
    expect(error?.message).toMatch(new RegExp(`^Media/Route${made - 1}/Stream${made - 1}: the stack's API calls need more permissions than one RAM policy document holds `
      + `.*: split the calls across stacks, each of which has its own function and policy, got "6\\d{3} characters with this call and the ${made - 1} other API calls of stack Media"$`));
    expect(error?.message).not.toMatch(/declare|permissions must/);
  });

  test('ids: the custom resource\'s logical id is the construct id, unique in the stack; the provider\'s id is taken', () => {
    const { stack } = newStack('Media');
    new ApiCall(stack, 'Call', imsCallback());
    expectInvalid(() => new ApiCall(new ros.Construct(stack, 'Nested'), 'Call', imsCallback()),
      /^Media\/Nested\/Call\/Call: id must be unique in the stack, but 'Media\/Call\/Call' already has it as its logical id/);

    const other = newStack('Other').stack;
    new ros.Construct(other, 'ApiCallProvider');
    expectInvalid(() => new ApiCall(other, 'Call', imsCallback()),
      'Other/Call: id needs the stack\'s child \'ApiCallProvider\' to be the API-call provider this library makes: another construct has that id '
      + '(or another copy of ros-cdk-smq made it): give it another id, got "Other/ApiCallProvider"');
  });

  test('two stacks with one stack name in one region and account: the function and role names clash', () => {
    const app = new ros.App();
    new ApiCall(new ros.Stack(app, 'A', { stackName: 'Media', env: ENV }), 'Call', imsCallback());
    expectInvalid(() => new ApiCall(new ros.Stack(app, 'B', { stackName: 'Media', env: ENV }), 'Call', imsCallback()),
      'B/ApiCallProvider: roleName must be unique in region cn-hangzhou and account 123456789012, but \'A/ApiCallProvider\' in stack \'Media\' already has this RAM role name, got "Media-ApiCallProvider"');
  });

  test('a long stack name: the generated names are cut with a hash, within FC\'s and RAM\'s limits', () => {
    const { stack } = newStack('M'.repeat(80));
    new ApiCall(stack, 'Call', imsCallback());
    const all = resources(stack);
    const fnName = all.ApiCallProviderFunction.Properties.FunctionName as string;
    const roleBase = all.ApiCallProviderRole.Properties.RoleName['Fn::Join'][1][0] as string;
    expect(fnName).toMatch(/^M+-[0-9a-f]{8}$/);
    expect(fnName.length).toBeLessThanOrEqual(64);
    // room for the longest region after it
    expect(roleBase).toMatch(/^M+-[0-9a-f]{8}-$/);
    expect(roleBase.length + 28).toBeLessThanOrEqual(64);
  });

  describe('bad input, each with its message', () => {
    const bad = (props: Partial<ApiCallProps> | undefined, message: string | RegExp): void => {
      const { stack } = newStack('Media');
      expectInvalid(() => new ApiCall(stack, 'Call', props === undefined ? (undefined as unknown as ApiCallProps) : imsCallback(props)), message);
    };

    test('props', () => {
      bad(undefined, 'Media/Call: props must be given: { product, apiVersion, permissions, and onCreate, onUpdate or onDelete }, got undefined');
    });

    test('product and apiVersion', () => {
      const product = 'must be a product code: lower-case letters and digits, with hyphens inside, such as "ice" or "eventbridge"';
      bad({ product: 'ICE' }, `Media/Call: product ${product}, got "ICE"`);
      bad({ product: '' }, `Media/Call: product ${product}, got ""`);
      bad({ product: 'ice-' }, `Media/Call: product ${product}, got "ice-"`);
      bad({ product: 'ice.cn-hangzhou' }, `Media/Call: product ${product}, got "ice.cn-hangzhou"`);
      bad({ product: undefined as unknown as string }, `Media/Call: product ${product}, got undefined`);
      const version = 'must be an API version date YYYY-MM-DD, such as "2020-11-09"';
      bad({ apiVersion: 'v1' }, `Media/Call: apiVersion ${version}, got "v1"`);
      bad({ apiVersion: '2020-13-01' }, `Media/Call: apiVersion ${version}, got "2020-13-01"`);
      bad({ apiVersion: '20201109' }, `Media/Call: apiVersion ${version}, got "20201109"`);
    });

    test('endpoint: https only, a host and no path', () => {
      const allowed = 'must be an https:// URL of the API\'s endpoint with a host name and no path, such as "https://ice.cn-shanghai.aliyuncs.com" '
        + '(the function signs its requests with its role\'s temporary credentials, which must not travel in clear text)';
      bad({ endpoint: 'http://ice.cn-hangzhou.aliyuncs.com' }, `Media/Call: endpoint ${allowed}, got "http://ice.cn-hangzhou.aliyuncs.com"`);
      bad({ endpoint: 'http://127.0.0.1:8080' }, `Media/Call: endpoint ${allowed}, got "http://127.0.0.1:8080"`);
      bad({ endpoint: 'ice.cn-hangzhou.aliyuncs.com' }, `Media/Call: endpoint ${allowed}, got "ice.cn-hangzhou.aliyuncs.com"`);
      bad({ endpoint: 'https://ice.cn-hangzhou.aliyuncs.com/api' }, `Media/Call: endpoint ${allowed}, got "https://ice.cn-hangzhou.aliyuncs.com/api"`);
      bad({ endpoint: 'https://' }, `Media/Call: endpoint ${allowed}, got "https://"`);
      bad({ endpoint: `http://${ros.RosPseudo.region}.example.com` }, `Media/Call: endpoint ${allowed}, got "http://<token>.example.com"`);
    });

    test('endpoint: a host under aliyuncs.com, as the function sends its STS token there', () => {
      const host = 'must have a host name that ends in ".aliyuncs.com", such as "https://ice.cn-shanghai.aliyuncs.com": '
        + 'the function signs every request with its role\'s STS token, which another host would receive along with a signed request it could replay';
      bad({ endpoint: 'https://evil.com' }, `Media/Call: endpoint ${host}, got "https://evil.com"`);
      bad({ endpoint: 'https://ice.aliyuncs.com.evil.com:443' }, `Media/Call: endpoint ${host}, got "https://ice.aliyuncs.com.evil.com:443"`);
      bad({ endpoint: 'https://evilaliyuncs.com/' }, `Media/Call: endpoint ${host}, got "https://evilaliyuncs.com/"`);
      bad({ endpoint: 'https://aliyuncs.com' }, `Media/Call: endpoint ${host}, got "https://aliyuncs.com"`);
      bad({ endpoint: 'https://127.0.0.1:8443' }, `Media/Call: endpoint ${host}, got "https://127.0.0.1:8443"`);
      bad({ endpoint: `https://${ros.RosPseudo.region}.example.com` }, `Media/Call: endpoint ${host}, got "https://<token>.example.com"`);
    });

    test('requests: at least one, each with an action name and a map of parameters', () => {
      bad({ onCreate: undefined, onDelete: undefined }, 'Media/Call: onCreate, onUpdate or onDelete must be given: at least one request to make, got undefined');
      const action = 'must be an API action name: letters and digits, starting with an upper-case letter, such as "SetEventCallback"';
      bad({ onCreate: { action: 'setEventCallback' } }, `Media/Call: onCreate.action ${action}, got "setEventCallback"`);
      bad({ onUpdate: { action: 'ice:SetEventCallback' } }, `Media/Call: onUpdate.action ${action}, got "ice:SetEventCallback"`);
      bad({ onDelete: { action: '' } }, `Media/Call: onDelete.action ${action}, got ""`);
      bad({ onCreate: 'SetEventCallback' as unknown as { action: string } }, 'Media/Call: onCreate must be an API request { action, parameters? }, got "SetEventCallback"');
      bad({ onCreate: { action: 'SetEventCallback', parameters: ['a'] as unknown as {} } }, 'Media/Call: onCreate.parameters must be a map of parameter names to values, got ["a"]');
      const name = 'must name each parameter as the API reference does: a letter, then letters, digits, ".", "_" or "-"';
      bad({ onCreate: { action: 'SetEventCallback', parameters: { 'Callback Type': 'MNS' } } }, `Media/Call: onCreate.parameters ${name}, got "Callback Type"`);
      bad({ onCreate: { action: 'SetEventCallback', parameters: { At: new Date(0) } } },
        /^Media\/Call: onCreate\.parameters\.At must be text, a number, a boolean, a list or a map of them, or a token, got "/);
      bad({ onCreate: { action: 'SetEventCallback', parameters: { Nested: { Fn: () => 1 } } } },
        'Media/Call: onCreate.parameters.Nested.Fn must be text, a number, a boolean, a list or a map of them, or a token, got "a function"');
      bad({ onCreate: { action: 'SetEventCallback', parameters: { N: NaN } } }, 'Media/Call: onCreate.parameters.N must be a finite number, got NaN');
    });

    test('parameter names: a letter, then letters, digits, ".", "_" or "-"', () => {
      const name = 'must name each parameter as the API reference does: a letter, then letters, digits, ".", "_" or "-"';
      for (const n of ['', '1st', '.Name', '_Name', 'Name/Sub', 'Name=1', 'Näme', ' Name']) {
        bad({ onUpdate: { action: 'SetEventCallback', parameters: { [n]: 'x' } } }, `Media/Call: onUpdate.parameters ${name}, got ${JSON.stringify(n)}`);
      }
    });

    test('parameter names: not a field of the request itself', () => {
      const reserved = 'must not set a field of the request itself (Action, Version, Format, AccessKeyId, SecurityToken, SignatureMethod, '
        + 'SignatureVersion, SignatureNonce, Signature, Timestamp): the function sets them (the action from action, the version from apiVersion, '
        + 'the credentials and the signature)';
      for (const n of ['Action', 'Version', 'Format', 'AccessKeyId', 'SecurityToken', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Signature', 'Timestamp']) {
        bad({ onDelete: { action: 'SetEventCallback', parameters: { CallbackType: 'MNS', [n]: 'x' } } }, `Media/Call: onDelete.parameters ${reserved}, got "${n}"`);
      }
    });

    test('parameters: no cycles (a ValidationError, not a RangeError)', () => {
      const cycle = 'must not refer back to a list or map it is in: the template holds plain data, with no cycles';
      const self: { [key: string]: any } = { CallbackType: 'MNS' };
      self.Self = self;
      bad({ onCreate: { action: 'SetEventCallback', parameters: self } }, `Media/Call: onCreate.parameters.Self ${cycle}, got "a map that contains itself"`);
      const nested: { [key: string]: any } = { Inner: { List: [] as unknown[] } };
      nested.Inner.List.push(nested.Inner);
      bad({ onCreate: { action: 'SetEventCallback', parameters: { Nested: nested } } },
        `Media/Call: onCreate.parameters.Nested.Inner.List[0] ${cycle}, got "a map that contains itself"`);
      const list: unknown[] = ['a'];
      list.push(list);
      bad({ onCreate: { action: 'SetEventCallback', parameters: { List: list } } }, `Media/Call: onCreate.parameters.List[1] ${cycle}, got "a list that contains itself"`);
    });

    test('parameters: at most 64 KB of JSON per call, as a ROS template takes 524,288 bytes in all', () => {
      const size = 'must render, with the rest of the custom resource\'s Parameters, to at most 65536 bytes of JSON: a ROS template '
        + 'takes at most 524,288 bytes in all, for every resource of the stack; pass large data by reference';
      bad({ onCreate: { action: 'SetEventCallback', parameters: { Data: 'x'.repeat(2 * 1024 * 1024) } } },
        new RegExp(`^Media/Call: onCreate, onUpdate and onDelete ${size.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, got "2097\\d{3} bytes of JSON"$`));
      // two requests of 40 KB each: over it together; multi-byte text counts in bytes
      const half = 'x'.repeat(40000);
      bad({ onCreate: { action: 'SetEventCallback', parameters: { Data: half } }, onUpdate: { action: 'SetEventCallback', parameters: { Data: half } } },
        /^Media\/Call: onCreate, onUpdate and onDelete must render, .* got "80\d{3} bytes of JSON"$/);
      bad({ onCreate: { action: 'SetEventCallback', parameters: { Data: '\u00e9'.repeat(40000) } } },
        /^Media\/Call: onCreate, onUpdate and onDelete must render, .* got "80\d{3} bytes of JSON"$/);
    });

    test('permissions: at least one, RAM actions, resource ARNs or an explicit "*"', () => {
      const list = 'must name at least one { actions, resources } that the calls need';
      bad({ permissions: [] }, `Media/Call: permissions ${list}, got []`);
      bad({ permissions: undefined as unknown as [] }, `Media/Call: permissions ${list}, got undefined`);
      bad({ permissions: [{ actions: [], resources: ['*'] }] }, 'Media/Call: permissions[0].actions must be a list of at least one RAM action, got []');
      bad({ permissions: [{ actions: ['ice:SetEventCallback'], resources: [] }] }, 'Media/Call: permissions[0].resources must be a list of at least one resource ARN, got []');
      const action = 'must be a RAM action "<service>:<Action>", such as "ice:SetEventCallback"';
      bad({ permissions: [{ actions: ['SetEventCallback'], resources: ['*'] }] }, `Media/Call: permissions[0].actions[0] ${action}, got "SetEventCallback"`);
      bad({ permissions: [{ actions: ['*'], resources: ['*'] }] }, `Media/Call: permissions[0].actions[0] ${action}, got "*"`);
      bad({ permissions: [{ actions: ['ice:Get', 'ICE:Set'], resources: ['*'] }] }, `Media/Call: permissions[0].actions[1] ${action}, got "ICE:Set"`);
      const resource = 'must be a resource ARN "acs:<service>:<region>:<account>:<resource>", or "*" for an action the API authorizes on all resources only';
      bad({ permissions: [{ actions: ['ice:SetEventCallback'], resources: ['arn:aws:s3:::bucket'] }] }, `Media/Call: permissions[0].resources[0] ${resource}, got "arn:aws:s3:::bucket"`);
      bad({ permissions: [{ actions: ['ice:SetEventCallback'], resources: ['*', 'acs:ice:cn-hangzhou:1'] }] }, `Media/Call: permissions[0].resources[1] ${resource}, got "acs:ice:cn-hangzhou:1"`);
      bad({ permissions: [{ actions: ['ice:SetEventCallback'], resources: ['acs:ice:*:*:* '] }] }, `Media/Call: permissions[0].resources[0] ${resource}, got "acs:ice:*:*:* "`);
      bad({ permissions: [{ actions: ['ice:SetEventCallback'], resources: [`arn:${ros.RosPseudo.region}:x`] }] }, `Media/Call: permissions[0].resources[0] ${resource}, got "arn:<token>:x"`);
    });

    test('timeout: 1 to 43200 seconds', () => {
      bad({ timeout: Duration.seconds(0) }, 'Media/Call: timeout must be an integer between 1 and 43200 seconds, got 0');
      bad({ timeout: Duration.hours(13) }, 'Media/Call: timeout must be an integer between 1 and 43200 seconds, got 46800');
      bad({ timeout: 60 as unknown as Duration }, 'Media/Call: timeout must be a Duration, such as Duration.seconds(30), got 60');
    });

    test('physical id', () => {
      expectInvalid(() => PhysicalResourceId.of(''), 'PhysicalResourceId.of(id) must be a string of 1 to 255 bytes, got ""');
      expectInvalid(() => PhysicalResourceId.of('x'.repeat(256)), /^PhysicalResourceId\.of\(id\) must be a string of 1 to 255 bytes, got "x{256}"$/);
      const path = 'must be a dotted path into the response (letters, digits, _ and - between the dots, at most 255 characters), '
        + 'such as "Data.EventStreamingARN", and not "Outputs" (the attribute of the whole map)';
      expectInvalid(() => PhysicalResourceId.fromResponse('Data..Id'), `PhysicalResourceId.fromResponse(responsePath) ${path}, got "Data..Id"`);
      expectInvalid(() => PhysicalResourceId.fromResponse('$.Data'), `PhysicalResourceId.fromResponse(responsePath) ${path}, got "$.Data"`);
      bad({ physicalResourceId: 'id' as unknown as PhysicalResourceId },
        'Media/Call: physicalResourceId must be PhysicalResourceId.of(id) or PhysicalResourceId.fromResponse(path), got "id"');
      bad({ onCreate: undefined, physicalResourceId: PhysicalResourceId.fromResponse('Id') },
        'Media/Call: physicalResourceId must come with onCreate: the id is read from the onCreate response, got "PhysicalResourceId.fromResponse(\\"Id\\")"');
      const segment = 'must not have a segment __proto__, constructor or prototype (names every JavaScript object has, not fields of the response)';
      expectInvalid(() => PhysicalResourceId.fromResponse('Data.__proto__'), `PhysicalResourceId.fromResponse(responsePath) ${segment}, got "Data.__proto__"`);
      expectInvalid(() => PhysicalResourceId.fromResponse('constructor.name'), `PhysicalResourceId.fromResponse(responsePath) ${segment}, got "constructor.name"`);
    });

    test('output paths and response fields', () => {
      const path = 'must be a dotted path into the response (letters, digits, _ and - between the dots, at most 255 characters), '
        + 'such as "Data.EventStreamingARN", and not "Outputs" (the attribute of the whole map)';
      bad({ outputPaths: ['Data.Id', ''] }, `Media/Call: outputPaths[1] ${path}, got ""`);
      bad({ outputPaths: ['Outputs'] }, `Media/Call: outputPaths[0] ${path}, got "Outputs"`);
      const segment = 'must not have a segment __proto__, constructor or prototype (names every JavaScript object has, not fields of the response)';
      bad({ outputPaths: ['Data.Id', '__proto__'] }, `Media/Call: outputPaths[1] ${segment}, got "__proto__"`);
      bad({ outputPaths: ['constructor'] }, `Media/Call: outputPaths[0] ${segment}, got "constructor"`);
      bad({ outputPaths: ['Data.constructor.prototype'] }, `Media/Call: outputPaths[0] ${segment}, got "Data.constructor.prototype"`);
      bad({ outputPaths: 'Data.Id' as unknown as string[] }, 'Media/Call: outputPaths must be a list of dotted paths into the response, got "Data.Id"');
      bad({ onCreate: undefined, outputPaths: ['Data.Id'] },
        'Media/Call: outputPaths needs onCreate: the values are read from the create response (and the update response), got ["Data.Id"]');
      const { stack } = newStack('Media');
      const call = new ApiCall(stack, 'Call', imsCallback());
      expectInvalid(() => call.getResponseField('Data Id'), `Media/Call: getResponseField(responsePath) ${path}, got "Data Id"`);
      expectInvalid(() => call.getResponseField('Data.prototype'), `Media/Call: getResponseField(responsePath) ${segment}, got "Data.prototype"`);
      // a name that only looks like one is a field
      expect(call.getResponseField('Data.Constructor')).toBeDefined();
      const deleteOnly = new ApiCall(stack, 'DeleteOnly', imsCallback({ onCreate: undefined }));
      expectInvalid(() => deleteOnly.getResponseField('RequestId'),
        'Media/DeleteOnly: getResponseField(responsePath) needs onCreate: the values are read from the create response (and the update response), got "RequestId"');
    });

    test('error codes to ignore on delete', () => {
      bad({ ignoreErrorCodesOnDelete: ['Not Found'] }, 'Media/Call: ignoreErrorCodesOnDelete[0] must be an API error code, such as "EventStreamingNotExisted", got "Not Found"');
      bad({ ignoreErrorCodesOnDelete: 'NotFound' as unknown as string[] }, 'Media/Call: ignoreErrorCodesOnDelete must be a list of API error codes, got "NotFound"');
      bad({ onDelete: undefined, ignoreErrorCodesOnDelete: ['NotFound'] },
        'Media/Call: ignoreErrorCodesOnDelete needs onDelete: the codes are errors of the onDelete request, got ["NotFound"]');
    });
  });

  describe('request trees: then, onlyIf, waitFor, skipUnlessSet, omitEmptyParameters, allowMissingOutputs', () => {
    const STREAM_ARN = 'acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/s1';
    /** An event stream made, started and waited for; on delete, stopped only when it runs. */
    function startedStream(overrides: Partial<ApiCallProps> = {}): ApiCallProps {
      return eventStream('s1', {
        onCreate: {
          action: 'CreateEventStreaming',
          parameters: { EventStreamingName: 's1', FilterPattern: '' },
          omitEmptyParameters: true,
          then: [{
            action: 'StartEventStreaming',
            parameters: { EventStreamingName: 's1' },
            waitFor: { action: 'GetEventStreaming', parameters: { EventStreamingName: 's1' }, path: 'Data.Status', until: ['RUNNING'], failOn: ['STARTING_FAILED'] },
          }],
        },
        onUpdate: {
          action: 'UpdateEventStreaming',
          parameters: { EventStreamingName: 's1', Description: '' },
          skipUnlessSet: ['Description', 'Description'],
        },
        onDelete: {
          action: 'DeleteEventStreaming',
          parameters: { EventStreamingName: 's1' },
          onlyIf: { action: 'GetEventStreaming', parameters: { EventStreamingName: 's1' }, path: 'Data.Status', values: ['RUNNING', 'READY', 'RUNNING'] },
          waitFor: { action: 'GetEventStreaming', parameters: { EventStreamingName: 's1' }, path: 'Data.Status', until: ['DELETED'], failOn: [], interval: Duration.seconds(2) },
        },
        permissions: [{ actions: ['eventbridge:*EventStreaming'], resources: [STREAM_ARN] }],
        allowMissingOutputs: true,
        outputPaths: ['Data.EventStreamingARN'],
        ...overrides,
      });
    }

    test('the rendered Parameters: PascalCase, the defaults filled in, absent keys left out', () => {
      const { stack } = newStack('Media', { env: ENV });
      new ApiCall(stack, 'Stream', startedStream());
      expect(snapshotOf(stack)).toMatchSnapshot();
      const parameters = resources(stack).Stream.Properties.Parameters;
      expect(parameters.OnCreate).toEqual({
        Action: 'CreateEventStreaming',
        Parameters: { EventStreamingName: 's1', FilterPattern: '' },
        OmitEmptyParameters: true,
        Then: [{
          Action: 'StartEventStreaming',
          Parameters: { EventStreamingName: 's1' },
          WaitFor: { Action: 'GetEventStreaming', Parameters: { EventStreamingName: 's1' }, Path: 'Data.Status', Until: ['RUNNING'], FailOn: ['STARTING_FAILED'], IntervalSeconds: 5 },
        }],
      });
      // skipUnlessSet deduplicated
      expect(parameters.OnUpdate).toEqual({ Action: 'UpdateEventStreaming', Parameters: { EventStreamingName: 's1', Description: '' }, SkipUnlessSet: ['Description'] });
      // values deduplicated, failOn [] left out, the interval in seconds
      expect(parameters.OnDelete).toEqual({
        Action: 'DeleteEventStreaming',
        Parameters: { EventStreamingName: 's1' },
        OnlyIf: { Action: 'GetEventStreaming', Parameters: { EventStreamingName: 's1' }, Path: 'Data.Status', Values: ['RUNNING', 'READY'] },
        WaitFor: { Action: 'GetEventStreaming', Parameters: { EventStreamingName: 's1' }, Path: 'Data.Status', Until: ['DELETED'], IntervalSeconds: 2 },
      });
      expect(parameters.AllowMissingOutputs).toBe(true);
      expect(parameters.OutputPaths).toEqual(['Data.EventStreamingARN']);
      expect(warnings(stack)).toEqual([]);
    });

    test('false flags, empty lists and a plain request render nothing new', () => {
      const { stack } = newStack('Media');
      new ApiCall(stack, 'Call', imsCallback({
        onCreate: { action: 'SetEventCallback', parameters: { CallbackType: 'MNS' }, then: [], skipUnlessSet: [], omitEmptyParameters: false },
        allowMissingOutputs: false,
      }));
      const parameters = resources(stack).Call.Properties.Parameters;
      expect(parameters.OnCreate).toEqual({ Action: 'SetEventCallback', Parameters: { CallbackType: 'MNS' } });
      expect(Object.keys(parameters).sort()).toEqual(['ApiVersion', 'CallTimeout', 'Endpoint', 'OnCreate', 'OnDelete', 'PhysicalResourceId']);
    });

    test('then nests: the requests of each level in order, each with its own checks', () => {
      const { stack } = newStack('Media');
      const leaf = (action: string): ApiRequest => ({ action, parameters: { Name: action } });
      new ApiCall(stack, 'Call', imsCallback({
        onCreate: { ...leaf('A'), then: [{ ...leaf('B'), then: [leaf('C'), { ...leaf('D'), onlyIf: { action: 'GetD', path: 'Found', values: ['true'] } }] }, leaf('E')] },
        permissions: [{ actions: ['ice:*'], resources: ['*'] }],
      }));
      const onCreate = resources(stack).Call.Properties.Parameters.OnCreate;
      expect(onCreate).toEqual({
        Action: 'A', Parameters: { Name: 'A' },
        Then: [
          { Action: 'B', Parameters: { Name: 'B' }, Then: [
            { Action: 'C', Parameters: { Name: 'C' } },
            { Action: 'D', Parameters: { Name: 'D' }, OnlyIf: { Action: 'GetD', Path: 'Found', Values: ['true'] } },
          ] },
          { Action: 'E', Parameters: { Name: 'E' } },
        ],
      });
    });

    test('ten requests per phase pass; the checks and polls do not count', () => {
      const { stack } = newStack('Media');
      const wait = { action: 'Get', path: 'S', until: ['OK'] };
      const chain = (n: number): ApiRequest => ({ action: 'Step', onlyIf: { action: 'Check', path: 'S', values: ['x'] }, waitFor: wait, then: n > 1 ? [chain(n - 1)] : undefined });
      new ApiCall(stack, 'Deep', imsCallback({ onCreate: chain(10), permissions: [{ actions: ['ice:*'], resources: ['*'] }] }));
      new ApiCall(stack, 'Wide', imsCallback({ onCreate: { action: 'Step', then: Array.from({ length: 9 }, () => ({ action: 'Step', waitFor: wait })) },
        permissions: [{ actions: ['ice:*'], resources: ['*'] }] }));
      expect(resources(stack).Wide.Properties.Parameters.OnCreate.Then).toHaveLength(9);
    });

    test('tokens pass: in parameters, values, until, failOn, skipUnlessSet\'s map and the interval', () => {
      const { stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs');
      const seconds = new ros.RosParameter(stack, 'Seconds', { type: ros.RosParameterType.NUMBER });
      const states = new ros.RosParameter(stack, 'States', { type: ros.RosParameterType.COMMA_DELIMITED_LIST });
      const map = ros.Token.asAny({ resolve: () => ({ Name: 'x' }) });
      new ApiCall(stack, 'Call', imsCallback({
        onCreate: {
          action: 'SetEventCallback',
          parameters: { CallbackQueueName: queue.queueName },
          skipUnlessSet: ['CallbackQueueName'],
          onlyIf: { action: 'GetEventCallback', parameters: { Queue: queue.queueName }, path: 'CallbackQueueName', values: [queue.queueName, ''] },
          then: [{
            action: 'SetEventCallback',
            parameters: map as any,
            skipUnlessSet: ['AnyKeyOfATokenMap'],
            waitFor: { action: 'GetEventCallback', path: 'Status', until: states.valueAsList, failOn: [`${queue.queueName}-failed`], interval: Duration.seconds(seconds.valueAsNumber) },
          }],
        },
        permissions: [{ actions: ['ice:SetEventCallback', 'ice:GetEventCallback'], resources: ['*'] }],
      }));
      const onCreate = resources(stack).Call.Properties.Parameters.OnCreate;
      expect(onCreate.OnlyIf).toEqual({ Action: 'GetEventCallback', Parameters: { Queue: getAtt('Jobs', 'QueueName') }, Path: 'CallbackQueueName', Values: [getAtt('Jobs', 'QueueName'), ''] });
      expect(onCreate.Then[0]).toEqual({
        Action: 'SetEventCallback',
        Parameters: { Name: 'x' },
        SkipUnlessSet: ['AnyKeyOfATokenMap'],
        WaitFor: {
          Action: 'GetEventCallback', Path: 'Status', Until: { Ref: 'States' },
          FailOn: [{ 'Fn::Join': ['', [getAtt('Jobs', 'QueueName'), '-failed']] }], IntervalSeconds: { Ref: 'Seconds' },
        },
      });
      expect(warnings(stack)).toEqual([]);
    });

    test('the permission warning covers the actions of onlyIf, waitFor and then, wherever they are', () => {
      const { stack } = newStack('Media');
      new ApiCall(stack, 'Call', startedStream({
        permissions: [{ actions: ['eventbridge:CreateEventStreaming', 'eventbridge:StartEventStreaming', 'eventbridge:UpdateEventStreaming', 'eventbridge:DeleteEventStreaming'], resources: [STREAM_ARN] }],
      }));
      const warning = (where: string, action: string): string => `Media/Call: ${where}: no permission names the action "<service>:${action}", so the call fails `
        + 'with a permission error unless the API needs no authorization for it: add it to permissions, as the API reference\'s authorization information lists it.';
      expect(warnings(stack)).toEqual([
        warning('onCreate.then[0].waitFor.action', 'GetEventStreaming'),
        warning('onDelete.onlyIf.action', 'GetEventStreaming'),
        warning('onDelete.waitFor.action', 'GetEventStreaming'),
      ]);

      // a then's own action
      const other = newStack('Other').stack;
      new ApiCall(other, 'Call', imsCallback({ onCreate: { action: 'SetEventCallback', then: [{ action: 'TagResources' }] } }));
      expect(warnings(other)).toEqual([warning('onCreate.then[0].action', 'TagResources').replace('Media/', 'Other/')]);
    });

    test('the size check covers the whole tree', () => {
      const { stack } = newStack('Media');
      const half = 'x'.repeat(40000);
      expectInvalid(() => new ApiCall(stack, 'Call', imsCallback({
        onCreate: { action: 'SetEventCallback', parameters: { Data: half }, then: [{ action: 'SetEventCallback', waitFor: { action: 'Get', parameters: { Data: half }, path: 'S', until: ['x'] } }] },
      })), /^Media\/Call: onCreate, onUpdate and onDelete must render, .* got "80\d{3} bytes of JSON"$/);
    });

    describe('bad input, each with its message', () => {
      const bad = (props: Partial<ApiCallProps>, message: string | RegExp): void => {
        const { stack } = newStack('Media');
        expectInvalid(() => new ApiCall(stack, 'Call', imsCallback(props)), message);
      };
      const on = (request: Partial<ApiRequest>): Partial<ApiCallProps> => ({ onCreate: { action: 'SetEventCallback', parameters: { CallbackType: 'MNS', CallbackURL: 'q' }, ...request } });
      const check = { action: 'GetEventCallback', path: 'CallbackQueueName', values: ['q'] };
      const wait = { action: 'GetEventCallback', path: 'Status', until: ['READY'] };
      const ACTION = 'must be an API action name: letters and digits, starting with an upper-case letter, such as "SetEventCallback"';
      const PATH = 'must be a dotted path into the response (letters, digits, _ and - between the dots, at most 255 characters), '
        + 'such as "Data.EventStreamingARN", and not "Outputs" (the attribute of the whole map)';
      const SEGMENT = 'must not have a segment __proto__, constructor or prototype (names every JavaScript object has, not fields of the response)';

      test('action names of then, onlyIf and waitFor', () => {
        bad(on({ then: [{ action: 'tagResources' }] }), `Media/Call: onCreate.then[0].action ${ACTION}, got "tagResources"`);
        bad(on({ then: [{ action: 'A', then: [{ action: 'B' }, { action: 'ice:C' }] }] }), `Media/Call: onCreate.then[0].then[1].action ${ACTION}, got "ice:C"`);
        bad(on({ onlyIf: { ...check, action: '' } }), `Media/Call: onCreate.onlyIf.action ${ACTION}, got ""`);
        bad({ onDelete: { action: 'SetEventCallback', waitFor: { ...wait, action: 'get' } } }, `Media/Call: onDelete.waitFor.action ${ACTION}, got "get"`);
        bad(on({ waitFor: { ...wait, action: undefined as unknown as string } }), `Media/Call: onCreate.waitFor.action ${ACTION}, got undefined`);
      });

      test('shapes', () => {
        bad(on({ then: { action: 'A' } as unknown as ApiRequest[] }), 'Media/Call: onCreate.then must be a list of API requests { action, parameters? }, got {"action":"A"}');
        bad(on({ then: ['A'] as unknown as ApiRequest[] }), 'Media/Call: onCreate.then[0] must be an API request { action, parameters? }, got "A"');
        bad(on({ onlyIf: 'GetEventCallback' as unknown as typeof check }), 'Media/Call: onCreate.onlyIf must be a check { action, parameters?, path, values }, got "GetEventCallback"');
        bad(on({ waitFor: [wait] as unknown as typeof wait }), /^Media\/Call: onCreate\.waitFor must be a poll \{ action, parameters\?, path, until, failOn\?, interval\? \}, got \[/);
        bad(on({ omitEmptyParameters: 'yes' as unknown as boolean }), 'Media/Call: onCreate.omitEmptyParameters must be true or false, got "yes"');
        bad({ allowMissingOutputs: 1 as unknown as boolean }, 'Media/Call: allowMissingOutputs must be true or false, got 1');
        bad({ onCreate: undefined, allowMissingOutputs: true },
          'Media/Call: allowMissingOutputs needs onCreate: the values are read from the create response (and the update response), got true');
      });

      test('paths', () => {
        bad(on({ onlyIf: { ...check, path: 'Data..Name' } }), `Media/Call: onCreate.onlyIf.path ${PATH}, got "Data..Name"`);
        bad(on({ onlyIf: { ...check, path: undefined as unknown as string } }), `Media/Call: onCreate.onlyIf.path ${PATH}, got undefined`);
        bad(on({ then: [{ action: 'A', waitFor: { ...wait, path: 'Outputs' } }] }), `Media/Call: onCreate.then[0].waitFor.path ${PATH}, got "Outputs"`);
        bad(on({ waitFor: { ...wait, path: 'Data.__proto__' } }), `Media/Call: onCreate.waitFor.path ${SEGMENT}, got "Data.__proto__"`);
      });

      test('values, until and failOn: lists of at least one text value', () => {
        const values = 'must be a list of at least one text value: the values that let the request go ahead, such as ["ice-callback-jobs"] '
          + '("" matches a value that is absent or empty)';
        bad(on({ onlyIf: { ...check, values: [] } }), `Media/Call: onCreate.onlyIf.values ${values}, got []`);
        bad(on({ onlyIf: { ...check, values: 'q' as unknown as string[] } }), `Media/Call: onCreate.onlyIf.values ${values}, got "q"`);
        bad(on({ onlyIf: { ...check, values: undefined as unknown as string[] } }), `Media/Call: onCreate.onlyIf.values ${values}, got undefined`);
        const text = 'must be text (a number or a boolean as the text the response holds, such as "1" or "true")';
        bad(on({ onlyIf: { ...check, values: ['q', 1 as unknown as string] } }), `Media/Call: onCreate.onlyIf.values[1] ${text}, got 1`);
        bad(on({ waitFor: { ...wait, until: [] } }), 'Media/Call: onCreate.waitFor.until must be a list of at least one text value: the values that end the wait, such as ["RUNNING"], got []');
        bad(on({ waitFor: { ...wait, until: [true as unknown as string] } }), `Media/Call: onCreate.waitFor.until[0] ${text}, got true`);
        bad(on({ waitFor: { ...wait, failOn: 'FAILED' as unknown as string[] } }),
          'Media/Call: onCreate.waitFor.failOn must be a list of at least one text value: the values that fail the wait, such as ["STARTING_FAILED"], got "FAILED"');
        bad(on({ waitFor: { ...wait, failOn: [null as unknown as string] } }), `Media/Call: onCreate.waitFor.failOn[0] ${text}, got null`);
      });

      test('until and failOn must not overlap', () => {
        bad(on({ waitFor: { ...wait, until: ['READY', 'RUNNING'], failOn: ['FAILED', 'RUNNING'] } }),
          'Media/Call: onCreate.waitFor.failOn must not share a value with onCreate.waitFor.until: a value cannot both end the wait and fail it, got "RUNNING"');
      });

      test('interval: 1 to 60 whole seconds', () => {
        bad(on({ waitFor: { ...wait, interval: Duration.seconds(0) } }), 'Media/Call: onCreate.waitFor.interval must be an integer between 1 and 60 seconds, got 0');
        bad(on({ waitFor: { ...wait, interval: Duration.minutes(2) } }), 'Media/Call: onCreate.waitFor.interval must be an integer between 1 and 60 seconds, got 120');
        bad(on({ waitFor: { ...wait, interval: 5 as unknown as Duration } }), 'Media/Call: onCreate.waitFor.interval must be a Duration, such as Duration.seconds(30), got 5');
        // fractions cannot be made at all
        expectInvalid(() => Duration.seconds(0.5), 'Duration.seconds(amount) must make a whole number of seconds (it makes 0.5), got 0.5');
        for (const ok of [1, 60]) {
          const { stack } = newStack('Media');
          new ApiCall(stack, 'Call', imsCallback(on({ waitFor: { ...wait, interval: Duration.seconds(ok) } })));
          expect(resources(stack).Call.Properties.Parameters.OnCreate.WaitFor.IntervalSeconds).toBe(ok);
        }
      });

      test('review 11b L1: an interval that leaves no room for a poll within the timeout (less the margin kept to answer ROS) is refused', () => {
        const NO_ROOM = (timeout: number, margin: number): string => `must be shorter than the call's timeout (${timeout} seconds) less the ${margin} `
          + `second${margin === 1 ? '' : 's'} the function keeps to answer ROS: the first poll comes one interval after the request, and none is made after that time `
          + '(give a shorter interval or a longer timeout)';
        // the review's case: a 60 s interval in a 10 s timeout
        bad({ ...on({ waitFor: { ...wait, interval: Duration.seconds(60) } }), timeout: Duration.seconds(10) },
          `Media/Call: onCreate.waitFor.interval ${NO_ROOM(10, 2)}, got "60 seconds"`);
        // equal to the timeout; then, onDelete and the default interval too
        bad({ ...on({ then: [{ action: 'A', waitFor: { ...wait, interval: Duration.seconds(30) } }] }), timeout: Duration.seconds(30) },
          `Media/Call: onCreate.then[0].waitFor.interval ${NO_ROOM(30, 6)}, got "30 seconds"`);
        bad({ onDelete: { action: 'SetEventCallback', waitFor: wait }, timeout: Duration.seconds(5) },
          `Media/Call: onDelete.waitFor.interval ${NO_ROOM(5, 1)}, got "5 seconds (the default)"`);
        bad({ ...on({ waitFor: { ...wait, interval: Duration.seconds(8) } }), timeout: Duration.seconds(10) },
          `Media/Call: onCreate.waitFor.interval ${NO_ROOM(10, 2)}, got "8 seconds"`);
        // room for one poll at least: accepted; a token timeout or interval is not checked
        const { stack } = newStack('Media');
        new ApiCall(stack, 'A', imsCallback({ ...on({ waitFor: { ...wait, interval: Duration.seconds(7) } }), timeout: Duration.seconds(10) }));
        new ApiCall(stack, 'B', imsCallback({ ...on({ waitFor: { ...wait, interval: Duration.seconds(60) } }), timeout: Duration.seconds(71) }));
        const seconds = new ros.RosParameter(stack, 'Seconds', { type: ros.RosParameterType.NUMBER });
        new ApiCall(stack, 'C', imsCallback({ ...on({ waitFor: { ...wait, interval: Duration.seconds(60) } }), timeout: Duration.seconds(seconds.valueAsNumber) }));
        new ApiCall(stack, 'D', imsCallback({ ...on({ waitFor: { ...wait, interval: Duration.seconds(seconds.valueAsNumber) } }), timeout: Duration.seconds(2) }));
        expect(resources(stack).B.Properties.Parameters.OnCreate.WaitFor.IntervalSeconds).toBe(60);
      });

      test('review 11b L2: onlyIf or skipUnlessSet on onCreate\'s first request with PhysicalResourceId.fromResponse is refused', () => {
        const SKIPPED = 'must not be given with physicalResourceId PhysicalResourceId.fromResponse("Data.Id"): when it skips the request there is no response '
          + 'to read the id from, and the create fails; read the id from a request that is always sent, or give PhysicalResourceId.of(id)';
        const fromResponse = { physicalResourceId: PhysicalResourceId.fromResponse('Data.Id') };
        bad({ ...on({ onlyIf: check }), ...fromResponse },
          `Media/Call: onCreate.onlyIf ${SKIPPED}, got {"action":"GetEventCallback","path":"CallbackQueueName","values":["q"]}`);
        bad({ ...on({ skipUnlessSet: ['CallbackURL'] }), ...fromResponse }, `Media/Call: onCreate.skipUnlessSet ${SKIPPED}, got ["CallbackURL"]`);
        // fine: an empty skipUnlessSet, a check on a later request or on onUpdate, a fixed id
        const { stack } = newStack('Media');
        new ApiCall(stack, 'A', imsCallback({ ...on({ skipUnlessSet: [], then: [{ action: 'B', onlyIf: check, skipUnlessSet: [] }] }), ...fromResponse }));
        new ApiCall(stack, 'B', imsCallback({ ...on({}), onUpdate: { action: 'SetEventCallback', onlyIf: check }, ...fromResponse }));
        new ApiCall(stack, 'C', imsCallback({ ...on({ onlyIf: check, skipUnlessSet: ['CallbackURL'] }), physicalResourceId: PhysicalResourceId.of('x') }));
        expect(Object.keys(resources(stack))).toEqual(expect.arrayContaining(['A', 'B', 'C']));
      });

      test('skipUnlessSet: keys of the request\'s parameters', () => {
        bad(on({ skipUnlessSet: ['CallbackUrl'] }),
          'Media/Call: onCreate.skipUnlessSet[0] must be a key of onCreate.parameters (CallbackType, CallbackURL): the request is skipped when that parameter is missing or \'\' at deploy time, got "CallbackUrl"');
        bad({ onCreate: { action: 'SetEventCallback', skipUnlessSet: ['CallbackURL'] } },
          'Media/Call: onCreate.skipUnlessSet[0] must be a key of onCreate.parameters, which has none, got "CallbackURL"');
        bad(on({ then: [{ action: 'A', parameters: { X: 1 }, skipUnlessSet: ['X', 2 as unknown as string] }] }),
          'Media/Call: onCreate.then[0].skipUnlessSet[1] must be a key of onCreate.then[0].parameters (X): the request is skipped when that parameter is missing or \'\' at deploy time, got 2');
        bad(on({ skipUnlessSet: 'CallbackURL' as unknown as string[] }), 'Media/Call: onCreate.skipUnlessSet must be a list of names of the request\'s parameters, got "CallbackURL"');
      });

      test('parameters of then, onlyIf and waitFor: checked as a request\'s are', () => {
        const reserved = 'must not set a field of the request itself (Action, Version, Format, AccessKeyId, SecurityToken, SignatureMethod, '
          + 'SignatureVersion, SignatureNonce, Signature, Timestamp): the function sets them (the action from action, the version from apiVersion, '
          + 'the credentials and the signature)';
        bad(on({ then: [{ action: 'A', parameters: { Version: '1' } }] }), `Media/Call: onCreate.then[0].parameters ${reserved}, got "Version"`);
        bad(on({ onlyIf: { ...check, parameters: { Signature: 'x' } } }), `Media/Call: onCreate.onlyIf.parameters ${reserved}, got "Signature"`);
        bad(on({ waitFor: { ...wait, parameters: { 'Bad Name': 'x' } } }),
          'Media/Call: onCreate.waitFor.parameters must name each parameter as the API reference does: a letter, then letters, digits, ".", "_" or "-", got "Bad Name"');
        bad(on({ waitFor: { ...wait, parameters: { N: Infinity } } }), 'Media/Call: onCreate.waitFor.parameters.N must be a finite number, got Infinity');
        bad(on({ onlyIf: { ...check, parameters: ['x'] as unknown as {} } }), 'Media/Call: onCreate.onlyIf.parameters must be a map of parameter names to values, got ["x"]');
      });

      test('at most 10 requests per phase, then at any depth included; a then that contains its own request is refused', () => {
        const many = 'must hold at most 10 requests in all: the request itself and every request of its then, at any depth (each is a step of one '
          + 'custom resource operation, within its timeout), got "more than 10 requests"';
        const chain = (n: number): ApiRequest => ({ action: 'Step', then: n > 1 ? [chain(n - 1)] : undefined });
        bad({ onCreate: chain(11) }, `Media/Call: onCreate ${many}`);
        bad({ onDelete: { action: 'Step', then: Array.from({ length: 10 }, () => ({ action: 'Step' })) } }, `Media/Call: onDelete ${many}`);
        bad({ onUpdate: { action: 'Step', then: [chain(3), chain(3), chain(4)] } }, `Media/Call: onUpdate ${many}`);
        const loop: { action: string; then: ApiRequest[] } = { action: 'Loop', then: [] };
        loop.then.push(loop);
        bad({ onCreate: loop }, `Media/Call: onCreate ${many}`);
      });
    });
  });
});
