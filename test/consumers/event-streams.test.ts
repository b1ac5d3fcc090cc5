/**
 * QueueEventStream: an EventBridge event stream from an SMQ queue to a sink, made by a customResources.ApiCall
 * (EventBridge 2020-04-01, RPC): CreateEventStreaming then StartEventStreaming (waiting for Data.Status RUNNING) on
 * create, UpdateEventStreaming then Start or Pause on update, DeleteEventStreaming (waiting until it is gone) on
 * delete. Sink fields are target parameters `{ Form, Value, Template? }` as the SDK models of
 * aliyun/alibabacloud-typescript-sdk eventbridge-20200401 name them.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import { Template } from '../../lib/assertions';
import { consumers, Duration, ErrorsTolerance, RetryStrategy, smq } from '../../lib';
import { QueueEventStreamStack } from '../../examples/queue-event-stream';
import { expectInvalid, getAtt, newStack, warnings } from '../util';

const { QueueEventStream, EventStreamSink, EventStreamTransform, TriggerFunction } = consumers;
const ENV = { region: 'cn-hangzhou', account: '123456789012' };
const REGION = { Ref: 'ALIYUN::Region' };
const ACCOUNT = { Ref: 'ALIYUN::TenantId' };

const MNS_ROLE_WARNING = 'QueueEventStream: EventBridge event streams read the source queue and write SMQ sinks and dead-letter queues with the '
  + 'account\'s service-linked role AliyunServiceRoleForEventBridgeSendToMNS. A template cannot create it, and the stack\'s API-call function '
  + 'may not: create it once per account before the deploy, in the EventBridge console or with RAM CreateServiceLinkedRole; see '
  + 'https://www.alibabacloud.com/help/en/eventbridge/service-linked-roles';
const FC_ROLE_WARNING = MNS_ROLE_WARNING.replace('read the source queue and write SMQ sinks and dead-letter queues', 'invoke Function Compute sinks')
  .replace('SendToMNS', 'SendToFC');
const ROCKETMQ_ROLE_WARNING = MNS_ROLE_WARNING.replace('read the source queue and write SMQ sinks and dead-letter queues', 'publish to ApsaraMQ for RocketMQ sinks')
  .replace('SendToMNS', 'SendToRocketMQ');

interface World {
  app: ros.App;
  stack: ros.Stack;
  jobs: smq.Queue;
  out: smq.Queue;
  failed: smq.Queue;
  fn: fc3.Function;
  service: fc.Service;
  fn2: fc.Function;
}

function world(stackName = 'Media', env?: ros.Environment): World {
  const { app, stack } = newStack(stackName, env ? { env } : {});
  const fn = new fc3.Function(stack, 'Worker', {
    functionName: 'worker', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'exports.handler = async () => {};' },
  });
  const service = new fc.Service(stack, 'Legacy', { serviceName: 'legacy' });
  const fn2 = new fc.Function(stack, 'Resize', {
    serviceName: service.attrServiceName, functionName: 'resize', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'exports.handler = async () => {};' },
  });
  return { app, stack, fn, service, fn2, jobs: new smq.Queue(stack, 'Jobs'), out: new smq.Queue(stack, 'Out'), failed: new smq.Queue(stack, 'Failed') };
}

function resources(stack: ros.Stack): { [id: string]: any } {
  return Template.fromStack(stack).toJSON().Resources;
}

/** The template with the API-call function's code package replaced by a marker (its own tests check it). */
function snapshotOf(stack: ros.Stack): any {
  const template = JSON.parse(JSON.stringify(Template.fromStack(stack).toJSON()));
  template.Resources.ApiCallProviderFunction.Properties.Code.ZipFile = '<Base64 of a ZIP with lib/custom-resources/handler/index.js>';
  return template;
}

function parametersOf(stack: ros.Stack, logicalId: string): any {
  const resource = resources(stack)[logicalId];
  expect(resource.Type).toBe('ALIYUN::ROS::CustomResource');
  return resource.Properties.Parameters;
}

/** `acs:eventbridge:${ALIYUN::Region}:${ALIYUN::TenantId}:eventstreaming/<name>` as the stack renders it. */
function streamArn(name: string): { [key: string]: unknown } {
  return { 'Fn::Join': ['', ['acs:eventbridge:', REGION, ':', ACCOUNT, `:eventstreaming/${name}`]] };
}

function mnsArn(middle: string, name: unknown): { [key: string]: unknown } {
  return { 'Fn::Join': ['', ['acs:mns:', REGION, ':', ACCOUNT, `:${middle}`, name]] };
}

/** The requests around a stream named `name`: the status poll and the waits. */
function requests(name: string): { [key: string]: any } {
  const named = { EventStreamingName: name };
  const status = { Action: 'GetEventStreaming', Parameters: named, Path: 'Data.Status' };
  const running = { ...status, Until: ['RUNNING'], FailOn: ['STARTING_FAILED', 'RUNNING_FAILED'], IntervalSeconds: 5 };
  return {
    named,
    status,
    running,
    start: { Action: 'StartEventStreaming', Parameters: named, WaitFor: running },
    updateThen: [
      { Action: 'StartEventStreaming', Parameters: named, OnlyIf: { ...status, Values: ['READY', 'PAUSED', 'STARTING_FAILED', 'RUNNING_FAILED'] } },
      { Action: 'GetEventStreaming', Parameters: named, WaitFor: running },
    ],
    onDelete: { Action: 'DeleteEventStreaming', Parameters: named, WaitFor: { ...status, Until: [''], IntervalSeconds: 5 } },
  };
}

describe('QueueEventStream', () => {
  test('queue to queue: the exact custom resource Parameters (create, start and wait; update, start unless running, wait; delete and wait)', () => {
    const { stack, jobs, out } = world();
    const stream = new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.queue(out) });
    expect(snapshotOf(stack)).toMatchSnapshot();
    const all = resources(stack);
    expect(Object.keys(all).sort()).toEqual(['ApiCallProviderFunction', 'ApiCallProviderRole', 'Failed', 'Jobs', 'Legacy', 'Out', 'Resize', 'Route', 'Worker']);
    const r = requests('Media-Route');
    const settings = {
      EventStreamingName: 'Media-Route',
      Description: 'From SMQ queue \'Media/Jobs\' to queue \'Media/Out\' (made by ros-cdk-smq)',
      FilterPattern: {},
      Source: { SourceMNSParameters: { RegionId: REGION, QueueName: getAtt('Jobs', 'QueueName'), IsBase64Decode: true } },
      Sink: {
        SinkMNSParameters: {
          QueueName: { Form: 'CONSTANT', Value: getAtt('Out', 'QueueName') },
          Body: { Form: 'ORIGINAL', Value: '' },
          IsBase64Encode: { Form: 'CONSTANT', Value: 'false' },
        },
      },
      RunOptions: { ErrorsTolerance: 'NONE', RetryStrategy: { PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY' } },
    };
    expect(all.Route.Properties.Timeout).toBe(600);
    expect(parametersOf(stack, 'Route')).toEqual({
      Endpoint: { 'Fn::Join': ['', ['https://eventbridge.', REGION, '.aliyuncs.com']] },
      ApiVersion: '2020-04-01',
      CallTimeout: 600,
      OnCreate: { Action: 'CreateEventStreaming', Parameters: settings, Then: [r.start] },
      OnUpdate: { Action: 'UpdateEventStreaming', Parameters: settings, Then: r.updateThen },
      OnDelete: r.onDelete,
      IgnoreErrorCodesOnDelete: ['EventStreamingNotExisted'],
      PhysicalResourceId: 'Media-Route',
    });
    // the function may create streams (RAM authorizes that on all resources only), start and update this one stream,
    // and read and delete the stack's streams (Media-*): a stream that leaves the app is deleted after the policy has
    // lost its own ARN
    expect(all.ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['eventbridge:CreateEventStreaming'], Resource: ['*'] },
      { Effect: 'Allow', Action: ['eventbridge:DeleteEventStreaming', 'eventbridge:GetEventStreaming'], Resource: [streamArn('Media-*')] },
      { Effect: 'Allow', Action: ['eventbridge:StartEventStreaming', 'eventbridge:UpdateEventStreaming'], Resource: [streamArn('Media-Route')] },
    ]);
    expect(stream.eventStreamingName).toBe('Media-Route');
    expect(stack.resolve(stream.eventStreamingArn)).toEqual(streamArn('Media-Route'));
    expect(stack.resolve(stream.apiCall.physicalResourceId)).toEqual({ Ref: 'Route' });
    expect(warnings(stack)).toEqual([`Media/Route: ${MNS_ROLE_WARNING}`]);
  });

  test('settings: pattern, transform, batching, retries, dead-letter queue, Base64, name and description as given', () => {
    const { stack, jobs, out, failed } = world('Media', ENV);
    new QueueEventStream(stack, 'Route', {
      queue: jobs,
      sink: EventStreamSink.queue(out, { base64Encode: true }),
      filterPattern: { data: { messageBody: [{ prefix: 'order-' }] } },
      transform: EventStreamTransform.messageBody(),
      batchSize: 100,
      batchWindow: Duration.seconds(15),
      retryStrategy: RetryStrategy.BACKOFF_RETRY,
      deadLetterQueue: failed,
      isBase64Decode: false,
      eventStreamingName: 'orders_1',
      description: 'orders to the archive',
    });
    const create = parametersOf(stack, 'Route').OnCreate;
    expect(create.Parameters).toEqual({
      EventStreamingName: 'orders_1',
      Description: 'orders to the archive',
      FilterPattern: { data: { messageBody: [{ prefix: 'order-' }] } },
      Source: { SourceMNSParameters: { RegionId: 'cn-hangzhou', QueueName: getAtt('Jobs', 'QueueName'), IsBase64Decode: false } },
      Sink: {
        SinkMNSParameters: {
          QueueName: { Form: 'CONSTANT', Value: getAtt('Out', 'QueueName') },
          Body: { Form: 'JSONPATH', Value: '$.data.messageBody' },
          IsBase64Encode: { Form: 'CONSTANT', Value: 'true' },
        },
      },
      RunOptions: {
        // with a dead-letter queue nothing is lost: tolerate, and park it there
        ErrorsTolerance: 'ALL',
        RetryStrategy: { PushRetryStrategy: 'BACKOFF_RETRY' },
        BatchWindow: { CountBasedWindow: 100, TimeBasedWindow: 15 },
        DeadLetterQueue: { Arn: { 'Fn::Join': ['', ['acs:mns:cn-hangzhou:123456789012:/queues/', getAtt('Failed', 'QueueName')]] } },
      },
    });
    expect(create.Then[0].Parameters).toEqual({ EventStreamingName: 'orders_1' });
    expect(parametersOf(stack, 'Route').PhysicalResourceId).toBe('orders_1');
    // a name of the user's is not under the stack's prefix: every action on its own ARN
    expect(resources(stack).ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement.slice(1)).toEqual([{
      Effect: 'Allow',
      Action: ['eventbridge:DeleteEventStreaming', 'eventbridge:GetEventStreaming', 'eventbridge:StartEventStreaming', 'eventbridge:UpdateEventStreaming'],
      Resource: ['acs:eventbridge:cn-hangzhou:123456789012:eventstreaming/orders_1'],
    }]);
  });

  test('batching: a size alone waits 0 seconds; a window alone batches by 1', () => {
    const { stack, jobs, out } = world();
    new QueueEventStream(stack, 'A', { queue: jobs, sink: EventStreamSink.queue(out), batchSize: 5 });
    new QueueEventStream(stack, 'B', { queue: jobs, sink: EventStreamSink.queue(out), batchWindow: Duration.seconds(2) });
    expect(parametersOf(stack, 'A').OnCreate.Parameters.RunOptions.BatchWindow).toEqual({ CountBasedWindow: 5, TimeBasedWindow: 0 });
    expect(parametersOf(stack, 'B').OnCreate.Parameters.RunOptions.BatchWindow).toEqual({ CountBasedWindow: 1, TimeBasedWindow: 2 });
  });

  test('enabled: false leaves a new stream READY and pauses a running one on update; the function may pause, not start', () => {
    const { stack, jobs, out } = world();
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.queue(out), enabled: false });
    const parameters = parametersOf(stack, 'Route');
    const r = requests('Media-Route');
    expect(parameters.OnCreate.Then).toBeUndefined();
    expect(parameters.OnUpdate.Then).toEqual([{
      Action: 'PauseEventStreaming',
      Parameters: r.named,
      OnlyIf: { ...r.status, Values: ['RUNNING', 'STARTING'] },
      WaitFor: { ...r.status, Until: ['PAUSED'], IntervalSeconds: 5 },
    }]);
    expect(parameters.OnDelete).toEqual(r.onDelete);
    expect(resources(stack).ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement[2].Action)
      .toEqual(['eventbridge:PauseEventStreaming', 'eventbridge:UpdateEventStreaming']);
  });

  test('FC 3.0 sink: SinkFcParameters with the function\'s name attribute, LATEST, Sync; and the SendToFC role warning', () => {
    const { stack, jobs, fn } = world();
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.fc3(fn) });
    expect(snapshotOf(stack)).toMatchSnapshot();
    const parameters = parametersOf(stack, 'Route');
    expect(parameters.OnCreate.Parameters.Sink).toEqual({
      SinkFcParameters: {
        FunctionName: { Form: 'CONSTANT', Value: getAtt('Worker', 'FunctionName') },
        Qualifier: { Form: 'CONSTANT', Value: 'LATEST' },
        InvocationType: { Form: 'CONSTANT', Value: 'Sync' },
        Body: { Form: 'ORIGINAL', Value: '' },
      },
    });
    expect(parameters.OnUpdate.Parameters.Sink).toEqual(parameters.OnCreate.Parameters.Sink);
    expect(parameters.OnCreate.Parameters.Description).toBe('From SMQ queue \'Media/Jobs\' to FC 3.0 function \'Media/Worker\' (made by ros-cdk-smq)');
    expect(warnings(stack)).toEqual([`Media/Route: ${MNS_ROLE_WARNING}`, `Media/Route: ${FC_ROLE_WARNING}`]);
  });

  test('FC 2.0 sink names the service; options: qualifier, asynchronous invocation, concurrency', () => {
    const { stack, jobs, service, fn2 } = world();
    new QueueEventStream(stack, 'Route', {
      queue: jobs,
      sink: EventStreamSink.fc2(service, fn2, { qualifier: 'prod', asyncInvocation: true, concurrency: 4 }),
      transform: EventStreamTransform.jsonPath('$.data'),
    });
    expect(parametersOf(stack, 'Route').OnCreate.Parameters.Sink).toEqual({
      SinkFcParameters: {
        FunctionName: { Form: 'CONSTANT', Value: getAtt('Resize', 'FunctionName') },
        ServiceName: { Form: 'CONSTANT', Value: getAtt('Legacy', 'ServiceName') },
        Qualifier: { Form: 'CONSTANT', Value: 'prod' },
        InvocationType: { Form: 'CONSTANT', Value: 'Async' },
        Concurrency: { Form: 'CONSTANT', Value: '4' },
        Body: { Form: 'JSONPATH', Value: '$.data' },
      },
    });
  });

  test('a function this app does not make, by name (TriggerFunction.fc3FromName)', () => {
    const { stack, jobs } = world('Media', ENV);
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.fromFunction(TriggerFunction.fc3FromName('billing')) });
    expect(parametersOf(stack, 'Route').OnCreate.Parameters.Sink.SinkFcParameters.FunctionName).toEqual({ Form: 'CONSTANT', Value: 'billing' });
  });

  test('HTTP sink: SinkHttpsParameters over the public network, POST unless told', () => {
    const { stack, jobs, out } = world();
    new QueueEventStream(stack, 'A', { queue: jobs, sink: EventStreamSink.http('https://example.com/hook') });
    new QueueEventStream(stack, 'B', {
      queue: out,
      sink: EventStreamSink.http('http://example.com:8080/hook', { method: consumers.HttpSinkMethod.PUT, allowInsecureHttp: true }),
      transform: EventStreamTransform.constant('ping'),
    });
    expect(parametersOf(stack, 'A').OnCreate.Parameters.Sink).toEqual({
      SinkHttpsParameters: { URL: { Form: 'CONSTANT', Value: 'https://example.com/hook' }, Method: 'POST', NetworkType: 'PublicNetwork', Body: { Form: 'ORIGINAL', Value: '' } },
    });
    expect(parametersOf(stack, 'B').OnCreate.Parameters.Sink).toEqual({
      SinkHttpsParameters: { URL: { Form: 'CONSTANT', Value: 'http://example.com:8080/hook' }, Method: 'PUT', NetworkType: 'PublicNetwork', Body: { Form: 'CONSTANT', Value: 'ping' } },
    });
    // no service-linked role for a public endpoint beyond the one that reads the queue
    expect(warnings(stack)).toEqual([`Media/A: ${MNS_ROLE_WARNING}`]);
  });

  test('RocketMQ sink: instance, topic, tags and keys as constants, and the SendToRocketMQ role warning', () => {
    const { stack, jobs } = world();
    new QueueEventStream(stack, 'Route', {
      queue: jobs,
      sink: EventStreamSink.rocketMq({ instanceId: 'MQ_INST_1_BAAN', topic: 'orders', tags: 'new', keys: 'k1' }),
      transform: EventStreamTransform.template('order ${body}', { body: '$.data.messageBody' }),
    });
    expect(parametersOf(stack, 'Route').OnCreate.Parameters.Sink).toEqual({
      SinkRocketMQParameters: {
        InstanceId: { Form: 'CONSTANT', Value: 'MQ_INST_1_BAAN' },
        Topic: { Form: 'CONSTANT', Value: 'orders' },
        Body: { Form: 'TEMPLATE', Value: '{"body":"$.data.messageBody"}', Template: 'order ${body}' },
        Tags: { Form: 'CONSTANT', Value: 'new' },
        Keys: { Form: 'CONSTANT', Value: 'k1' },
      },
    });
    expect(warnings(stack)).toEqual([`Media/Route: ${MNS_ROLE_WARNING}`, `Media/Route: ${ROCKETMQ_ROLE_WARNING}`]);
  });

  test('the pattern is the construct\'s own copy: a change to the caller\'s object afterwards does not move the template', () => {
    const { stack, jobs, out } = world();
    const pattern = { data: { messageBody: ['a'] } };
    const variables = { body: '$.data.messageBody' };
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.queue(out), filterPattern: pattern, transform: EventStreamTransform.template('${body}', variables) });
    pattern.data.messageBody.push('b');
    (variables as any).body = '$.x';
    const parameters = parametersOf(stack, 'Route').OnCreate.Parameters;
    expect(parameters.FilterPattern).toEqual({ data: { messageBody: ['a'] } });
    expect(parameters.Sink.SinkMNSParameters.Body.Value).toBe('{"body":"$.data.messageBody"}');
  });

  test('two streams in one stack: their own custom resources, one API-call function, one policy naming both streams', () => {
    const { stack, jobs, out, fn } = world();
    new QueueEventStream(stack, 'A', { queue: jobs, sink: EventStreamSink.queue(out) });
    new QueueEventStream(stack, 'B', { queue: out, sink: EventStreamSink.fc3(fn), enabled: false });
    const all = resources(stack);
    expect(Object.keys(all).filter((id) => all[id].Type === 'ALIYUN::ROS::CustomResource').sort()).toEqual(['A', 'B']);
    expect(Object.keys(all).filter((id) => all[id].Type === 'ALIYUN::FC3::Function').sort()).toEqual(['ApiCallProviderFunction', 'Worker']);
    expect(parametersOf(stack, 'A').PhysicalResourceId).toBe('Media-A');
    expect(parametersOf(stack, 'B').PhysicalResourceId).toBe('Media-B');
    const statements = all.ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement;
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['eventbridge:CreateEventStreaming'], Resource: ['*'] },
      { Effect: 'Allow', Action: ['eventbridge:DeleteEventStreaming', 'eventbridge:GetEventStreaming'], Resource: [streamArn('Media-*')] },
      { Effect: 'Allow', Action: ['eventbridge:StartEventStreaming', 'eventbridge:UpdateEventStreaming'], Resource: [streamArn('Media-A')] },
      { Effect: 'Allow', Action: ['eventbridge:PauseEventStreaming', 'eventbridge:UpdateEventStreaming'], Resource: [streamArn('Media-B')] },
    ]);
    // each role once per stack
    expect(warnings(stack)).toEqual([`Media/A: ${MNS_ROLE_WARNING}`, `Media/B: ${FC_ROLE_WARNING}`]);
  });

  test('the same ids in two stacks: each stack\'s own stream names and API-call function', () => {
    const app = new ros.App();
    const stacks = ['East', 'West'].map((name) => {
      const stack = new ros.Stack(app, name);
      new QueueEventStream(stack, 'Route', { queue: new smq.Queue(stack, 'Jobs'), sink: EventStreamSink.queue(new smq.Queue(stack, 'Out')) });
      return stack;
    });
    expect(stacks.map((s) => parametersOf(s, 'Route').PhysicalResourceId)).toEqual(['East-Route', 'West-Route']);
    expect(stacks.map((s) => Object.keys(resources(s)).sort())).toEqual([
      ['ApiCallProviderFunction', 'ApiCallProviderRole', 'Jobs', 'Out', 'Route'],
      ['ApiCallProviderFunction', 'ApiCallProviderRole', 'Jobs', 'Out', 'Route'],
    ]);
  });

  test('imported channels: names as given, the dead-letter ARN in the import\'s region and account', () => {
    const { stack } = world('Media', ENV);
    const source = smq.Queue.fromQueueName(stack, 'Source', 'orders');
    const sink = smq.Queue.fromQueueArn(stack, 'Sink', 'acs:mns:cn-hangzhou:123456789012:/queues/archive');
    const dlq = smq.Queue.fromQueueName(stack, 'Dlq', 'orders-dlq', { region: 'cn-hangzhou', account: '123456789012' });
    new QueueEventStream(stack, 'Route', { queue: source, sink: EventStreamSink.queue(sink), deadLetterQueue: dlq });
    const parameters = parametersOf(stack, 'Route').OnCreate.Parameters;
    expect(parameters.Source).toEqual({ SourceMNSParameters: { RegionId: 'cn-hangzhou', QueueName: 'orders', IsBase64Decode: true } });
    expect(parameters.Sink.SinkMNSParameters.QueueName).toEqual({ Form: 'CONSTANT', Value: 'archive' });
    expect(parameters.RunOptions.DeadLetterQueue).toEqual({ Arn: 'acs:mns:cn-hangzhou:123456789012:/queues/orders-dlq' });
  });

  test('a channel whose region is a token: a warning, not an error', () => {
    const { stack, jobs } = world('Media', ENV);
    const region = new ros.RosParameter(stack, 'SinkRegion', { type: ros.RosParameterType.STRING }).valueAsString;
    const sink = smq.Queue.fromQueueName(stack, 'Elsewhere', 'archive', { region });
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.queue(sink) });
    expect(warnings(stack)).toContainEqual(expect.stringMatching(/^Media\/Route: sink: queue 'Media\/Elsewhere' is in region <token>, account 123456789012, and the stack in region cn-hangzhou, account 123456789012\. They must be the same \(the event stream writes to a queue of its own account by name, in its own region\)/));
  });

  test('tokens pass where literals are checked: name, batch size, URL, qualifier, pattern values, JSONPath', () => {
    const { stack, jobs, fn } = world();
    const text = (id: string): string => new ros.RosParameter(stack, id, { type: ros.RosParameterType.STRING }).valueAsString;
    const size = new ros.RosParameter(stack, 'Size', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    new QueueEventStream(stack, 'A', {
      queue: jobs,
      sink: EventStreamSink.http(text('Url')),
      eventStreamingName: text('Name'),
      batchSize: size,
      filterPattern: { data: { messageBody: [{ prefix: text('Prefix') }] } },
      transform: EventStreamTransform.jsonPath(text('Path')),
    });
    new QueueEventStream(stack, 'B', { queue: jobs, sink: EventStreamSink.fc3(fn, { qualifier: text('Alias'), concurrency: size }) });
    const a = parametersOf(stack, 'A');
    expect(a.PhysicalResourceId).toEqual({ Ref: 'Name' });
    expect(a.OnCreate.Parameters.FilterPattern).toEqual({ data: { messageBody: [{ prefix: { Ref: 'Prefix' } }] } });
    expect(a.OnCreate.Parameters.RunOptions.BatchWindow).toEqual({ CountBasedWindow: { Ref: 'Size' }, TimeBasedWindow: 0 });
    expect(a.OnCreate.Parameters.Sink.SinkHttpsParameters.URL).toEqual({ Form: 'CONSTANT', Value: { Ref: 'Url' } });
    expect(a.OnCreate.Parameters.Sink.SinkHttpsParameters.Body).toEqual({ Form: 'JSONPATH', Value: { Ref: 'Path' } });
    const b = parametersOf(stack, 'B').OnCreate.Parameters.Sink.SinkFcParameters;
    expect(b.Qualifier).toEqual({ Form: 'CONSTANT', Value: { Ref: 'Alias' } });
    expect(b.Concurrency).toEqual({ Form: 'CONSTANT', Value: { Ref: 'Size' } });
  });

  test('errorsTolerance ALL without a dead-letter queue warns that failed messages are dropped', () => {
    const { stack, jobs, out } = world();
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.queue(out), errorsTolerance: ErrorsTolerance.ALL });
    expect(warnings(stack)).toContain('Media/Route: errorsTolerance: ALL without a dead-letter queue drops every message of \'Media/Jobs\' that fails '
      + 'after all retries; give the stream a deadLetterQueue to keep them.');
  });

  const bad: Array<[string, (w: World) => unknown, string | RegExp]> = [
    ['no props', (w) => new QueueEventStream(w.stack, 'X', undefined as any), 'Media/X: props must be given: { queue, sink }, got undefined'],
    ['a topic as the queue', (w) => new QueueEventStream(w.stack, 'X', { queue: new smq.Topic(w.stack, 'T') as any, sink: EventStreamSink.queue(w.out) }),
      'Media/X: queue must be a queue, not a topic (smq.Queue, or one imported with Queue.fromQueueName or fromQueueArn), got "Media/T"'],
    ['no sink', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs } as any),
      'Media/X: sink must be an EventStreamSink: EventStreamSink.queue(queue), fc3(fn), fc2(service, fn), fromFunction(fn), http(url) or rocketMq({ instanceId, topic }), got undefined'],
    ['a queue as the sink', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: w.out as any }),
      /^Media\/X: sink must be an EventStreamSink: /],
    ['the source queue as the sink', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.jobs) }),
      'Media/X: sink must write to another queue than the one the stream reads: every message would come back to the stream forever, got "Media/Jobs"'],
    ['an import of the source queue as the sink', (w) => new QueueEventStream(w.stack, 'X', {
      queue: smq.Queue.fromQueueName(w.stack, 'A', 'jobs'), sink: EventStreamSink.queue(smq.Queue.fromQueueName(w.stack, 'B', 'jobs')),
    }), 'Media/X: sink must write to another queue than the one the stream reads: every message would come back to the stream forever, got "Media/B"'],
    ['a topic as the sink queue', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(new smq.Topic(w.stack, 'T') as any) }),
      'Media/X: sink (EventStreamSink.queue) must be a queue, not a topic (smq.Queue, or one imported with Queue.fromQueueName or fromQueueArn), got "Media/T"'],
    ['a Base64 switch that is a string', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out, { base64Encode: 'yes' as any }) }),
      'Media/X: sink (EventStreamSink.queue) base64Encode must be true or false, got "yes"'],
    ['the source queue as the dead-letter queue', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), deadLetterQueue: w.jobs }),
      'Media/X: deadLetterQueue must be another queue than the one the stream reads: a failed message would come back to the stream forever, got "Media/Jobs"'],
    ['a topic as the dead-letter queue', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), deadLetterQueue: new smq.Topic(w.stack, 'T') as any }),
      'Media/X: deadLetterQueue must be a queue, not a topic (smq.Queue, or one imported with Queue.fromQueueName or fromQueueArn), got "Media/T"'],
    ['a batch size of 0', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), batchSize: 0 }),
      'Media/X: batchSize must be an integer between 1 and 10000 messages, got 0'],
    ['a batch size of 10001', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), batchSize: 10001 }),
      'Media/X: batchSize must be an integer between 1 and 10000 messages, got 10001'],
    ['a batch window of 16 seconds', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), batchWindow: Duration.seconds(16) }),
      /^Media\/X: batchWindow must be .*15.*, got /],
    ['a stream name with a dot', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), eventStreamingName: 'a.b' }),
      'Media/X: eventStreamingName must contain only letters, digits, underscores and hyphens, and start with a letter or digit, got "a.b"'],
    ['a stream name starting with a hyphen', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), eventStreamingName: '-a' }),
      'Media/X: eventStreamingName must contain only letters, digits, underscores and hyphens, and start with a letter or digit, got "-a"'],
    ['a stream name of 128 characters', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), eventStreamingName: 'a'.repeat(128) }),
      `Media/X: eventStreamingName must be at most 127 characters long (length 128), got "${'a'.repeat(128)}"`],
    ['a stream name used twice in the stack', (w) => {
      new QueueEventStream(w.stack, 'A', { queue: w.jobs, sink: EventStreamSink.queue(w.out), eventStreamingName: 'orders' });
      return new QueueEventStream(w.stack, 'B', { queue: w.jobs, sink: EventStreamSink.queue(w.out), eventStreamingName: 'orders' });
    }, 'Media/B: eventStreamingName must be unique in the stack, but \'Media/A\' already has this EventBridge event stream name, got "orders"'],
    ['a description of 256 characters', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), description: 'd'.repeat(256) }),
      /^Media\/X: description must be at most 255 characters long \(length 256\)/],
    ['enabled as a token', (w) => new QueueEventStream(w.stack, 'X', {
      queue: w.jobs, sink: EventStreamSink.queue(w.out), enabled: new ros.RosParameter(w.stack, 'On', { type: ros.RosParameterType.BOOLEAN }).valueAsAny as any,
    }), 'Media/X: enabled must be a literal true or false, not a token: it decides what the construct makes at synth, got a token'],
    ['isBase64Decode as a string', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), isBase64Decode: 'true' as any }),
      'Media/X: isBase64Decode must be true or false, got "true"'],
    ['an unknown retry strategy', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), retryStrategy: 'FOREVER' as any }),
      'Media/X: retryStrategy must be one of "BACKOFF_RETRY", "EXPONENTIAL_DECAY_RETRY", got "FOREVER"'],
    ['an unknown errors tolerance', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), errorsTolerance: 'SOME' as any }),
      'Media/X: errorsTolerance must be one of "ALL", "NONE", got "SOME"'],
    ['a pattern leaf that is not a list', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), filterPattern: { data: 'x' } }),
      'Media/X: filterPattern.data must be a list of values or matchers (such as ["acs.oss"]), or an object of them, got "x"'],
    ['an empty pattern', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), filterPattern: {} }),
      'Media/X: filterPattern must be an object such as { source: ["acs.oss"] }, with at least one field, got {}'],
    ['a transform that is a string', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), transform: '$.data' as any }),
      'Media/X: transform must be an EventStreamTransform: original(), messageBody(), jsonPath(path), constant(text) or template(template, variables), got "$.data"'],
    ['a JSONPath without $', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), transform: EventStreamTransform.jsonPath('data.x') }),
      'Media/X: transform must be a JSONPath such as "$.data.messageBody" (EventStreamTransform.jsonPath), got "data.x"'],
    ['an empty constant', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), transform: EventStreamTransform.constant('') }),
      'Media/X: transform must be a non-empty text (EventStreamTransform.constant), got ""'],
    ['a constant over 10,240 characters', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), transform: EventStreamTransform.constant('x'.repeat(10241)) }),
      'Media/X: transform must be at most 10240 characters, EventBridge\'s limit for a transformation (EventStreamTransform.constant), got "10241 characters"'],
    ['a template placeholder without a variable', (w) => new QueueEventStream(w.stack, 'X', {
      queue: w.jobs, sink: EventStreamSink.queue(w.out), transform: EventStreamTransform.template('${a} ${b}', { a: '$.data' }),
    }), 'Media/X: transform.template must use only its variables (a): ${b} has none, got "${a} ${b}"'],
    ['a template variable that is not a JSONPath', (w) => new QueueEventStream(w.stack, 'X', {
      queue: w.jobs, sink: EventStreamSink.queue(w.out), transform: EventStreamTransform.template('${a}', { a: 'data' }),
    }), 'Media/X: transform.variables.a must map a name of letters, digits and underscores to a JSONPath such as "$.data", got "data"'],
    ['an FC 3.0 function given as FC 2.0', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.fc2(w.service, w.fn as any) }),
      'Media/X: sink (TriggerFunction.fc2(service, fn)) is an FC 3.0 function (it has no service): use TriggerFunction.fc3(fn), got "Media/Worker"'],
    ['a function of another region', (w) => new QueueEventStream(w.stack, 'X', {
      queue: w.jobs, sink: EventStreamSink.fromFunction(TriggerFunction.fc3FromName('billing', { region: 'cn-shanghai' })),
    }), 'Media/X: sink must be in the same region as the stack (cn-hangzhou), got "FC 3.0 function \\"billing\\" in region cn-shanghai"'],
    ['a concurrency of 0', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.fc3(w.fn, { concurrency: 0 }) }),
      'Media/X: sink (EventStreamSink.fromFunction) concurrency must be an integer of at least 1, got 0'],
    ['a qualifier with a space', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.fc3(w.fn, { qualifier: 'my alias' }) }),
      'Media/X: sink (EventStreamSink.fromFunction) qualifier must contain only letters, digits, underscores and hyphens (LATEST, a version number or an alias name), got "my alias"'],
    ['a function that is not a TriggerFunction', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.fromFunction(w.fn as any) }),
      /^Media\/X: sink \(EventStreamSink\.fromFunction\) must be a TriggerFunction: /],
    ['a plain http URL', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.http('http://example.com/hook') }),
      'Media/X: sink (EventStreamSink.http) url must be an https:// URL with a host, such as "https://example.com/hook" (set allowInsecureHttp: true to allow http://), got "http://example.com/hook"'],
    ['a URL without a host', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.http('https:///hook') }),
      'Media/X: sink (EventStreamSink.http) url must be an https:// URL with a host, such as "https://example.com/hook" (set allowInsecureHttp: true to allow http://), got "https:///hook"'],
    ['an ftp URL even with allowInsecureHttp', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.http('ftp://example.com', { allowInsecureHttp: true }) }),
      'Media/X: sink (EventStreamSink.http) url must be an http:// or https:// URL with a host, such as "https://example.com/hook", got "ftp://example.com"'],
    ['a URL with a password', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.http('https://me:secret@example.com') }),
      'Media/X: sink (EventStreamSink.http) url must not carry user information (user:password@) in the URL: EventBridge would store and show it, got "https://me:secret@example.com"'],
    ['an unknown HTTP method', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.http('https://example.com', { method: 'TRACE' as any }) }),
      'Media/X: sink (EventStreamSink.http) method must be one of "POST", "PUT", "PATCH", "GET", "DELETE", got "TRACE"'],
    ['a RocketMQ sink without an instance', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.rocketMq({ topic: 'orders' } as any) }),
      'Media/X: sink (EventStreamSink.rocketMq) instanceId is required, got undefined'],
    ['a RocketMQ sink without a topic', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.rocketMq({ instanceId: 'i', topic: '' }) }),
      'Media/X: sink (EventStreamSink.rocketMq) topic is required, got ""'],
    ['RocketMQ options that are not an object', (w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.rocketMq(undefined as any) }),
      'Media/X: sink (EventStreamSink.rocketMq) options must be { instanceId, topic }, got undefined'],
  ];
  test.each(bad)('refuses %s', (_name, make, message) => {
    expectInvalid(() => make(world('Media', ENV)), message);
  });

  test('refuses a queue, a sink queue, a dead-letter queue or a function of another account', () => {
    const cases: Array<[(w: World) => unknown, string]> = [
      [(w) => new QueueEventStream(w.stack, 'X', { queue: smq.Queue.fromQueueName(w.stack, 'F', 'jobs', { account: '999999' }), sink: EventStreamSink.queue(w.out) }),
        'Media/X: queue must be in the same account as the stack (123456789012), got "queue \'Media/F\' in account 999999"'],
      [(w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(smq.Queue.fromQueueName(w.stack, 'F', 'out', { account: '999999' })) }),
        'Media/X: sink must be in the same account as the stack (123456789012), got "queue \'Media/F\' in account 999999"'],
      [(w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), deadLetterQueue: smq.Queue.fromQueueName(w.stack, 'F', 'dlq', { region: 'cn-beijing' }) }),
        'Media/X: deadLetterQueue must be in the same region as the stack (cn-hangzhou), got "queue \'Media/F\' in region cn-beijing"'],
      [(w) => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.fromFunction(TriggerFunction.fc3FromName('f', { account: '999999' })) }),
        'Media/X: sink must be in the same account as the stack (123456789012), got "FC 3.0 function \\"f\\" in account 999999"'],
    ];
    for (const [make, message] of cases) {
      expectInvalid(() => make(world('Media', ENV)), message);
    }
  });

  test('one construct id under two parents of a stack: the error is about the id (logical id and generated name), not about eventStreamingName', () => {
    const { stack, jobs, out, failed } = world();
    new QueueEventStream(new ros.Construct(stack, 'A'), 'Route', { queue: jobs, sink: EventStreamSink.queue(out) });
    expectInvalid(() => new QueueEventStream(new ros.Construct(stack, 'B'), 'Route', { queue: failed, sink: EventStreamSink.queue(out) }),
      'Media/B/Route: id must be unique in the stack, but \'Media/A/Route\' already has it: a stream\'s custom resource takes the construct id as its '
      + 'logical id, and its generated name (<stack>-<id>, "Media-Route") from it; give one of the constructs another id, got "Route"');
  });

  test('two stacks of one name in one region and account (two stages): the generated names collide, and the error says so of the id', () => {
    const app = new ros.App();
    const make = (stage: string): void => {
      const stack = new ros.Stack(new ros.Stage(app, stage), 'Orders', { env: ENV, stackName: 'Orders' });
      new QueueEventStream(stack, 'Route', { queue: smq.Queue.fromQueueName(stack, 'Jobs', `${stage}-jobs`), sink: EventStreamSink.queue(smq.Queue.fromQueueName(stack, 'Out', `${stage}-out`)) });
    };
    make('Blue');
    expectInvalid(() => make('Green'), 'Green/Orders/Route: id must give the stream a name of its own: the generated name (<stack>-<id>) "Orders-Route" must be unique in '
      + 'region cn-hangzhou and account 123456789012, but \'Blue/Orders/Route\' already has it; give one of the constructs another id, or set eventStreamingName, got "Route"');
  });

  test('a stream name used in two stacks of one literal region and account: an error', () => {
    const app = new ros.App();
    const make = (name: string): void => {
      const stack = new ros.Stack(app, name, { env: ENV });
      new QueueEventStream(stack, 'Route', { queue: new smq.Queue(stack, 'Jobs'), sink: EventStreamSink.queue(new smq.Queue(stack, 'Out')), eventStreamingName: 'orders' });
    };
    make('East');
    expectInvalid(() => make('West'), 'West/Route: eventStreamingName must be unique in region cn-hangzhou and account 123456789012, '
      + 'but \'East/Route\' in stack \'East\' already has this EventBridge event stream name, got "orders"');
  });
});

describe('QueueEventStream names: a move keeps the stream, a rename is warned about', () => {
  const RENAME_WARNING = 'eventStreamingName: the deployed stream is found by the name in the template. Changing the name later while the construct id '
    + 'stays \'Route\' (also through a parameter) makes the next deploy update the stream of the new name: that fails with EventStreamingNotExisted '
    + 'when there is none, and when there is one, such as another stack\'s, it rewrites that stream (and deletes it with this stack), '
    + 'while the stream of the old name is left running. To rename the stream, give the construct a new id with the new name: '
    + 'the stream is then made anew and the old one deleted. And a stream of your name is deleted with a permission on its own ARN, '
    + 'which leaves the stack\'s API-call policy before ROS deletes the stream: removing the stream from a stack that keeps other API '
    + 'calls fails. Generated names (<stack>-<id>) have neither problem.';

  test('the generated name comes from the stack name and the construct id, not the path: moving the construct under another parent keeps it', () => {
    const parameters = [false, true].map((moved) => {
      const { stack, jobs, out } = world();
      const parent = moved ? new ros.Construct(stack, 'Orders') : stack;
      new QueueEventStream(parent, 'Route', { queue: jobs, sink: EventStreamSink.queue(out) });
      return parametersOf(stack, 'Route');
    });
    for (const p of parameters) {
      expect(p.PhysicalResourceId).toBe('Media-Route');
      expect(p.OnCreate.Parameters.EventStreamingName).toBe('Media-Route');
      expect(p.OnUpdate.Parameters.EventStreamingName).toBe('Media-Route');
      expect(p.OnDelete.Parameters.EventStreamingName).toBe('Media-Route');
    }
    // the update a move causes sends the same request tree, but for the description (the source's path is unchanged)
    expect(parameters[1].OnUpdate).toEqual(parameters[0].OnUpdate);
  });

  test('a construct id that is not plain letters and digits gets a short hash, deep in the tree too; still unique per stack', () => {
    const { stack, jobs, out } = world();
    const deep = new ros.Construct(new ros.Construct(stack, 'A'), 'B');
    const stream = new QueueEventStream(deep, 'Route_1', { queue: jobs, sink: EventStreamSink.queue(out) });
    expect(stream.eventStreamingName).toMatch(/^Media-Route1-[0-9a-f]{8}$/);
    const { stack: other, jobs: j2, out: o2 } = world();
    expect(new QueueEventStream(other, 'Route_1', { queue: j2, sink: EventStreamSink.queue(o2) }).eventStreamingName).toBe(stream.eventStreamingName);
  });

  test('a name given explicitly (or through a parameter) gets the rename warning; a generated one does not', () => {
    const { stack, jobs, out } = world();
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.queue(out), eventStreamingName: 'orders' });
    new QueueEventStream(stack, 'Other', { queue: jobs, sink: EventStreamSink.queue(out) });
    expect(warnings(stack)).toEqual([`Media/Route: ${RENAME_WARNING}`, `Media/Route: ${MNS_ROLE_WARNING}`]);
    const { stack: s2, jobs: j2, out: o2 } = world();
    const name = new ros.RosParameter(s2, 'Name', { type: ros.RosParameterType.STRING }).valueAsString;
    new QueueEventStream(s2, 'Route', { queue: j2, sink: EventStreamSink.queue(o2), eventStreamingName: name });
    expect(warnings(s2)).toContain(`Media/Route: ${RENAME_WARNING}`);
  });
});

/** The competing-readers warnings under `scope` after synth. */
function readerWarnings(app: ros.App, scope: ros.IConstruct): string[] {
  app.synth();
  return warnings(scope).filter((w) => w.includes('SMQ hands each message to one reader only'));
}

/** A readers warning up to its first sentence: who warns, the queue, and its readers. */
function readersHead(warning: string): string {
  return warning.slice(0, warning.indexOf(' SMQ hands each message'));
}

const VISIBILITY = 'SMQ hands each message to one reader only (once received, it is invisible to the others; see '
  + 'https://www.alibabacloud.com/help/en/mns/developer-reference/visible-messages), so these readers split the messages between them: '
  + 'none of them gets every message.';
const FIX = 'For every reader to get every message (fan-out, as with an SNS topic), publish to an SMQ topic and subscribe one queue per reader '
  + '(topic.addSubscription(new consumers.QueueSubscription(queue))), each queue read by one stream or trigger; to route messages by content, '
  + 'send each kind to its own queue (or publish to a topic whose queue subscriptions have filter tags) rather than read one queue with several '
  + 'filtered readers. Competing readers of one queue are fine only when any of them may take any message (more consumers of one kind of work) '
  + 'and none has a filter pattern; even then, one stream or trigger per queue does it too, as Function Compute scales the function it invokes. '
  + 'This warning cannot be turned off: it goes away when the queue has one enabled reader in the app.';

describe('QueueEventStream competing readers: two readers of one queue split its messages, and synth warns', () => {
  test('two streams of one queue: the second warns (the exact text), naming both; the first does not', () => {
    const { app, stack, jobs, out, fn } = world();
    new QueueEventStream(stack, 'A', { queue: jobs, sink: EventStreamSink.queue(out) });
    new QueueEventStream(stack, 'B', { queue: jobs, sink: EventStreamSink.fc3(fn) });
    expect(readerWarnings(app, stack)).toEqual([
      `Media/B: queue: queue 'Media/Jobs' ("Media-Jobs") has 2 readers: event stream 'Media/A', event stream 'Media/B' (this one). ${VISIBILITY} ${FIX}`,
    ]);
  });

  test('before synth nothing is said: the warning names every reader, also those made later (three streams, two warnings, each naming all three)', () => {
    const { app, stack, jobs, out, failed } = world();
    new QueueEventStream(stack, 'A', { queue: jobs, sink: EventStreamSink.queue(out) });
    new QueueEventStream(stack, 'B', { queue: jobs, sink: EventStreamSink.queue(failed) });
    expect(warnings(stack).filter((w) => w.includes('readers'))).toEqual([]);
    new QueueEventStream(stack, 'C', { queue: jobs, sink: EventStreamSink.http('https://example.com/hook') });
    expect(readerWarnings(app, stack).map(readersHead)).toEqual([
      'Media/B: queue: queue \'Media/Jobs\' ("Media-Jobs") has 3 readers: event stream \'Media/A\', event stream \'Media/B\' (this one), event stream \'Media/C\'.',
      'Media/C: queue: queue \'Media/Jobs\' ("Media-Jobs") has 3 readers: event stream \'Media/A\', event stream \'Media/B\', event stream \'Media/C\' (this one).',
    ]);
  });

  test('a filtered stream and an FC queue trigger of one queue: the trigger warns, and says the stream drops what its pattern does not pass', () => {
    const { app, stack, jobs, out, fn } = world();
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.queue(out), filterPattern: { data: { messageBody: [{ prefix: 'order-' }] } } });
    new consumers.QueueTrigger(stack, 'Consume', { queue: jobs, fn: TriggerFunction.fc3(fn) });
    expect(readerWarnings(app, stack)).toEqual([
      `Media/Consume: queue: queue 'Media/Jobs' ("Media-Jobs") has 2 readers: event stream 'Media/Route', FC queue trigger 'Media/Consume' (this one). ${VISIBILITY} `
      + 'A message that the filter pattern of \'Media/Route\' does not pass is still received there and dropped: no other reader gets it either. '
      + FIX,
    ]);
  });

  test('a trigger first, then a stream: the stream warns; without filter patterns nothing is said of dropped messages', () => {
    const { app, stack, jobs, out, fn } = world();
    new consumers.QueueTrigger(stack, 'Consume', { queue: jobs, fn: TriggerFunction.fc3(fn) });
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.queue(out) });
    const found = readerWarnings(app, stack);
    expect(found.map(readersHead)).toEqual([
      'Media/Route: queue: queue \'Media/Jobs\' ("Media-Jobs") has 2 readers: FC queue trigger \'Media/Consume\', event stream \'Media/Route\' (this one).',
    ]);
    expect(found[0]).not.toContain('filter pattern of');
  });

  test('imports of the queue by name and by ARN are the same queue; an import of another name is not', () => {
    const { app, stack, jobs, out } = world('Media', ENV);
    new QueueEventStream(stack, 'Owned', { queue: jobs, sink: EventStreamSink.queue(out) });
    new QueueEventStream(stack, 'ByName', { queue: smq.Queue.fromQueueName(stack, 'JobsByName', 'Media-Jobs'), sink: EventStreamSink.queue(out) });
    new QueueEventStream(stack, 'ByArn', {
      queue: smq.Queue.fromQueueArn(stack, 'JobsByArn', 'acs:mns:cn-hangzhou:123456789012:/queues/Media-Jobs'), sink: EventStreamSink.queue(out),
    });
    new QueueEventStream(stack, 'Other', { queue: smq.Queue.fromQueueName(stack, 'OtherJobs', 'other-jobs'), sink: EventStreamSink.queue(out) });
    expect(readerWarnings(app, stack).map(readersHead)).toEqual([
      'Media/ByName: queue: queue \'Media/JobsByName\' ("Media-Jobs") has 3 readers: event stream \'Media/Owned\', event stream \'Media/ByName\' (this one), event stream \'Media/ByArn\'.',
      'Media/ByArn: queue: queue \'Media/JobsByArn\' ("Media-Jobs") has 3 readers: event stream \'Media/Owned\', event stream \'Media/ByName\', event stream \'Media/ByArn\' (this one).',
    ]);
  });

  test('streams of different queues, and a stream that writes to a queue another reads, are no competing readers', () => {
    const { app, stack, jobs, out, failed, fn } = world();
    new QueueEventStream(stack, 'A', { queue: jobs, sink: EventStreamSink.queue(out), deadLetterQueue: failed });
    new QueueEventStream(stack, 'B', { queue: out, sink: EventStreamSink.fc3(fn) });
    new consumers.QueueTrigger(stack, 'C', { queue: failed, fn: TriggerFunction.fc3(fn) });
    expect(readerWarnings(app, stack)).toEqual([]);
  });

  test('a paused stream (enabled: false) reads nothing and is not counted', () => {
    const { app, stack, jobs, out, fn } = world();
    new QueueEventStream(stack, 'Live', { queue: jobs, sink: EventStreamSink.queue(out) });
    new QueueEventStream(stack, 'Paused', { queue: jobs, sink: EventStreamSink.fc3(fn), enabled: false });
    new consumers.QueueTrigger(stack, 'Off', { queue: jobs, fn: TriggerFunction.fc3(fn), enabled: false });
    expect(readerWarnings(app, stack)).toEqual([]);
  });

  test('the same ids in two stacks: generated queue names differ, so no warning', () => {
    const app = new ros.App();
    const stacks = ['East', 'West'].map((name) => {
      const stack = new ros.Stack(app, name);
      new QueueEventStream(stack, 'Route', { queue: new smq.Queue(stack, 'Jobs'), sink: EventStreamSink.queue(new smq.Queue(stack, 'Out')) });
      return stack;
    });
    expect(stacks.flatMap((s) => readerWarnings(app, s))).toEqual([]);
  });

  test('the same literal queue name in two stacks: one queue once deployed together, so the second stack\'s stream warns (conditionally without envs)', () => {
    const app = new ros.App();
    const stacks = ['East', 'West'].map((name) => {
      const stack = new ros.Stack(app, name);
      new QueueEventStream(stack, 'Route', { queue: new smq.Queue(stack, 'Jobs', { queueName: 'jobs' }), sink: EventStreamSink.queue(new smq.Queue(stack, 'Out')) });
      return stack;
    });
    expect(readerWarnings(app, stacks[0])).toEqual([]);
    expect(readerWarnings(app, stacks[1]).map(readersHead)).toEqual([
      'West/Route: queue: queue \'West/Jobs\' ("jobs") has 2 readers when stacks \'East\' and \'West\' are deployed to one region and account: '
      + 'event stream \'East/Route\', event stream \'West/Route\' (this one).',
    ]);
  });

  test('the same literal queue name in two stacks of one literal region and account warns outright; of two regions, not at all', () => {
    const make = (envs: ros.Environment[]): string[] => {
      const app = new ros.App();
      const stacks = envs.map((env, i) => {
        const stack = new ros.Stack(app, `S${i}`, { env });
        new QueueEventStream(stack, 'Route', { queue: smq.Queue.fromQueueName(stack, 'Jobs', 'jobs'), sink: EventStreamSink.queue(new smq.Queue(stack, 'Out')) });
        return stack;
      });
      return stacks.flatMap((s) => readerWarnings(app, s).map(readersHead));
    };
    expect(make([ENV, ENV])).toEqual(['S1/Route: queue: queue \'S1/Jobs\' ("jobs") has 2 readers: event stream \'S0/Route\', event stream \'S1/Route\' (this one).']);
    expect(make([ENV, { ...ENV, region: 'cn-shanghai' }])).toEqual([]);
  });

  test('a queue named by a parameter: two imports of it in one stack warn; the same parameter id in two stacks need not be one queue', () => {
    const app = new ros.App();
    const [east, west] = ['East', 'West'].map((name) => {
      const stack = new ros.Stack(app, name);
      const queueName = new ros.RosParameter(stack, 'QueueName', { type: ros.RosParameterType.STRING }).valueAsString;
      new QueueEventStream(stack, 'Route', { queue: smq.Queue.fromQueueName(stack, 'Jobs', queueName), sink: EventStreamSink.queue(new smq.Queue(stack, 'Out')) });
      return stack;
    });
    const again = smq.Queue.fromQueueName(west, 'JobsAgain', ros.Token.asString({ Ref: 'QueueName' }));
    new QueueEventStream(west, 'Again', { queue: again, sink: EventStreamSink.queue(new smq.Queue(west, 'Out2')) });
    expect(readerWarnings(app, east)).toEqual([]);
    expect(readerWarnings(app, west).map(readersHead)).toEqual([
      'West/Again: queue: queue \'West/JobsAgain\' has 2 readers: event stream \'West/Route\', event stream \'West/Again\' (this one).',
    ]);
  });
});

describe('QueueEventStream loops: queue-to-queue streams that lead back are refused at synth', () => {
  const loopMessage = (first: string, steps: Array<[string, string, string]>): string =>
    `${first}: sink must not close a loop of event streams (${steps.map(([s, from, to]) => `'${s}' moves messages from queue '${from}' to queue '${to}'`).join(', then ')}): `
    + 'every message would go round without end, each delivery billed; end the chain at a queue no stream of the app reads';

  test('A to B and B to A: the first stream (in tree order) names both', () => {
    const { app, stack, jobs, out } = world();
    new QueueEventStream(stack, 'E', { queue: out, sink: EventStreamSink.queue(jobs) });
    new QueueEventStream(stack, 'F', { queue: jobs, sink: EventStreamSink.queue(out) });
    expectInvalid(() => app.synth(), `${loopMessage('Media/E', [['Media/E', 'Media/Out', 'Media/Jobs'], ['Media/F', 'Media/Jobs', 'Media/Out']])}, got "Media/Jobs"`);
  });

  test('a loop through a dead-letter queue: what the stream cannot deliver goes to its dead-letter queue, which a stream moves back', () => {
    const deadLetterLoop = (first: string, prop: string, steps: string[], got: string): string => `${first}: ${prop} must not close a loop of event streams `
      + `(${steps.join(', then ')}): every message that fails would go round without end, each delivery billed; end the chain at a queue no stream of the app `
      + `reads, or give the stream a dead-letter queue no stream moves back, got "${got}"`;
    const aToC = '\'Media/AB\' sends what it cannot deliver from queue \'Media/Jobs\' to queue \'Media/Failed\', its dead-letter queue';
    const cToA = '\'Media/CA\' moves messages from queue \'Media/Failed\' to queue \'Media/Jobs\'';
    const first = world();
    new QueueEventStream(first.stack, 'AB', { queue: first.jobs, sink: EventStreamSink.queue(first.out), deadLetterQueue: first.failed });
    new QueueEventStream(first.stack, 'CA', { queue: first.failed, sink: EventStreamSink.queue(first.jobs) });
    expectInvalid(() => first.app.synth(), deadLetterLoop('Media/AB', 'deadLetterQueue', [aToC, cToA], 'Media/Failed'));
    // made the other way round, the stream back is checked first and names the same loop from its side
    const second = world();
    new QueueEventStream(second.stack, 'CA', { queue: second.failed, sink: EventStreamSink.queue(second.jobs) });
    new QueueEventStream(second.stack, 'AB', { queue: second.jobs, sink: EventStreamSink.queue(second.out), deadLetterQueue: second.failed });
    expectInvalid(() => second.app.synth(), deadLetterLoop('Media/CA', 'sink', [cToA, aToC], 'Media/Jobs'));
    // a disabled stream closes the loop too: enabling it later is one property away
    const third = world();
    new QueueEventStream(third.stack, 'AB', { queue: third.jobs, sink: EventStreamSink.queue(third.out), deadLetterQueue: third.failed, enabled: false });
    new QueueEventStream(third.stack, 'CA', { queue: third.failed, sink: EventStreamSink.queue(third.jobs) });
    expect(() => third.app.synth()).toThrow(/^Media\/AB: deadLetterQueue must not close a loop of event streams/);
  });

  test('a dead-letter queue that a stream moves on elsewhere, not back, synthesizes', () => {
    const { app, stack, jobs, out, failed } = world();
    new QueueEventStream(stack, 'AB', { queue: jobs, sink: EventStreamSink.queue(out), deadLetterQueue: failed });
    new QueueEventStream(stack, 'CB', { queue: failed, sink: EventStreamSink.queue(out) });
    expect(() => app.synth()).not.toThrow();
  });

  test('a longer loop, through an import by name and one by ARN, is found too', () => {
    const { app, stack, jobs, out, failed } = world('Media', ENV);
    new QueueEventStream(stack, 'A', { queue: jobs, sink: EventStreamSink.queue(out) });
    new QueueEventStream(stack, 'B', { queue: smq.Queue.fromQueueName(stack, 'OutByName', out.queueName), sink: EventStreamSink.queue(failed) });
    new QueueEventStream(stack, 'C', {
      queue: failed,
      // the name generated for Media/Jobs
      sink: EventStreamSink.queue(smq.Queue.fromQueueArn(stack, 'JobsByArn', 'acs:mns:cn-hangzhou:123456789012:/queues/Media-Jobs')),
    });
    expectInvalid(() => app.synth(), loopMessage('Media/A', [
      ['Media/A', 'Media/Jobs', 'Media/Out'], ['Media/B', 'Media/OutByName', 'Media/Failed'], ['Media/C', 'Media/Failed', 'Media/JobsByArn'],
    ]));
  });

  test('a loop across two stacks of the app', () => {
    const app = new ros.App();
    const east = new ros.Stack(app, 'East', { env: ENV });
    const west = new ros.Stack(app, 'West', { env: ENV });
    const a = new smq.Queue(east, 'A', { queueName: 'a' });
    const b = new smq.Queue(west, 'B', { queueName: 'b' });
    new QueueEventStream(east, 'AtoB', { queue: a, sink: EventStreamSink.queue(smq.Queue.fromQueueName(east, 'ImportB', 'b')) });
    new QueueEventStream(west, 'BtoA', { queue: b, sink: EventStreamSink.queue(smq.Queue.fromQueueName(west, 'ImportA', 'a')) });
    expectInvalid(() => app.synth(), /^East\/AtoB: sink must not close a loop of event streams \('East\/AtoB' moves messages from queue 'East\/A' to queue 'East\/ImportB', then 'West\/BtoA' moves messages from queue 'West\/B' to queue 'West\/ImportA'\)/);
  });

  test('chains and fans without a way back synthesize: A to B, A to C, B to C; streams of other regions do not connect', () => {
    const { stack, jobs, out, failed } = world('Media', ENV);
    new QueueEventStream(stack, 'AB', { queue: jobs, sink: EventStreamSink.queue(out) });
    new QueueEventStream(stack, 'AC', { queue: jobs, sink: EventStreamSink.queue(failed) });
    new QueueEventStream(stack, 'BC', { queue: out, sink: EventStreamSink.queue(failed) });
    expect(Object.keys(resources(stack)).filter((id) => ['AB', 'AC', 'BC'].includes(id)).sort()).toEqual(['AB', 'AC', 'BC']);

    const app = new ros.App();
    for (const [name, region, from, to] of [['Hz', 'cn-hangzhou', 'a', 'b'], ['Sh', 'cn-shanghai', 'b', 'a']]) {
      const s = new ros.Stack(app, name, { env: { region, account: '123456789012' } });
      new QueueEventStream(s, 'S', { queue: smq.Queue.fromQueueName(s, 'From', from), sink: EventStreamSink.queue(smq.Queue.fromQueueName(s, 'To', to)) });
    }
    expect(() => app.synth()).not.toThrow();
  });

  test('the dead-letter queue must not be the sink queue (nor an import of it)', () => {
    expectInvalid(() => {
      const w = world('Media', ENV);
      return new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), deadLetterQueue: w.out });
    }, 'Media/X: deadLetterQueue must be another queue than the sink: it keeps the messages the stream could not deliver to the sink, '
      + 'and would send them to that same queue again, got "Media/Out"');
    expectInvalid(() => {
      const w = world('Media', ENV);
      return new QueueEventStream(w.stack, 'X', {
        queue: w.jobs, sink: EventStreamSink.queue(smq.Queue.fromQueueName(w.stack, 'Archive', 'archive')),
        deadLetterQueue: smq.Queue.fromQueueArn(w.stack, 'ArchiveByArn', 'acs:mns:cn-hangzhou:123456789012:/queues/archive'),
      });
    }, /^Media\/X: deadLetterQueue must be another queue than the sink: .*, got "Media\/ArchiveByArn"$/);
  });
});

describe('QueueEventStream HTTP sinks: the host must be on the Internet', () => {
  const RULE = 'must name a host EventBridge can reach over the Internet (the sink is sent with NetworkType PublicNetwork), '
    + 'not localhost or a loopback, private, link-local or other non-public address';
  const refused = ['https://localhost/x', 'https://api.localhost/x', 'https://127.0.0.1/x', 'https://127.1/x', 'https://0x7f.1/x', 'https://2130706433/x',
    'https://10.0.0.1/x', 'https://172.16.5.4:8443/x', 'https://192.168.1.1/x', 'https://169.254.169.254/latest', 'https://100.100.100.200/x',
    'https://0.0.0.0/x', 'https://224.0.0.1/x', 'https://[::1]/x', 'https://[::]/x', 'https://[fe80::1]/x', 'https://[fd00::1]/x',
    'https://[::ffff:10.0.0.1]/x', 'https://[2001:db8::1]/x'];
  test.each(refused)('refuses %s', (url) => {
    const w = world('Media', ENV);
    expectInvalid(() => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.http(url) }),
      `Media/X: sink (EventStreamSink.http) url ${RULE}, got ${JSON.stringify(url)}`);
  });

  test('refuses a literal private host in a URL with a token in its path; lets a host with a token pass', () => {
    const w = world('Media', ENV);
    const path = new ros.RosParameter(w.stack, 'Path', { type: ros.RosParameterType.STRING }).valueAsString;
    expectInvalid(() => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.http(`https://10.1.2.3/${path}`) }),
      `Media/X: sink (EventStreamSink.http) url ${RULE}, got "https://10.1.2.3/<token>"`);
    const host = new ros.RosParameter(w.stack, 'Host', { type: ros.RosParameterType.STRING }).valueAsString;
    new QueueEventStream(w.stack, 'Y', { queue: w.jobs, sink: EventStreamSink.http(`https://${host}/hook`) });
    expect(parametersOf(w.stack, 'Y').OnCreate.Parameters.Sink.SinkHttpsParameters.URL.Value).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'Host' }, '/hook']] });
  });

  test('refuses a host name that is no host name', () => {
    const w = world('Media', ENV);
    const long = `https://${'a'.repeat(64)}.example.com/x`;
    expectInvalid(() => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.http(long) }),
      `Media/X: sink (EventStreamSink.http) url must name a valid host: labels of 1 to 63 characters, at most 253 in all, got "${long}"`);
  });

  test('warns on a name only an intranet resolves; public names and addresses pass without a word', () => {
    const { stack, jobs } = world('Media', ENV);
    const intranet = ['https://orders/hook', 'https://api.internal/hook', 'https://printer.local:8443/hook', 'https://123.mns.cn-hangzhou-internal.aliyuncs.com/x'];
    intranet.forEach((url, i) => new QueueEventStream(stack, `I${i}`, { queue: jobs, sink: EventStreamSink.http(url) }));
    for (const [i, url] of ['https://example.com/hook', 'https://8.8.8.8/hook', 'https://[2400:3200::1]/hook', 'https://172.32.0.1/x', 'https://100.128.0.1/x'].entries()) {
      new QueueEventStream(stack, `P${i}`, { queue: jobs, sink: EventStreamSink.http(url) });
    }
    const hosts = ['orders', 'api.internal', 'printer.local', '123.mns.cn-hangzhou-internal.aliyuncs.com'];
    expect(warnings(stack).filter((w) => !w.endsWith(MNS_ROLE_WARNING))).toEqual(hosts.map((host, i) => `Media/I${i}: sink (EventStreamSink.http) url: `
      + `the host '${host}' is a name only an intranet resolves (one label, or .local, .localdomain, .internal, .intranet, .lan, .corp, .home.arpa, `
      + '-internal.aliyuncs.com), and EventBridge sends to this sink over the Internet (NetworkType PublicNetwork): use a host name the Internet resolves, '
      + 'or the sink never receives a message.'));
  });
});

describe('QueueEventStream filter patterns: no 5-items-per-field limit (that one is the rules\')', () => {
  test('a field may list more than 5 values and matchers; an empty list is still refused', () => {
    const { stack, jobs, out } = world();
    const values = ['a', 'b', 'c', 'd', 'e', 'f', { prefix: 'g' }];
    new QueueEventStream(stack, 'Route', { queue: jobs, sink: EventStreamSink.queue(out), filterPattern: { data: { messageBody: values } } });
    expect(parametersOf(stack, 'Route').OnCreate.Parameters.FilterPattern).toEqual({ data: { messageBody: values } });
    const w = world('Media', ENV);
    expectInvalid(() => new QueueEventStream(w.stack, 'X', { queue: w.jobs, sink: EventStreamSink.queue(w.out), filterPattern: { data: [] } }),
      'Media/X: filterPattern.data must list at least one value or matcher, got []');
  });
});

describe('a stream that leaves the app', () => {
  test('is still deletable: the policy after its removal allows DeleteEventStreaming and GetEventStreaming on its name, and no more', () => {
    // ROS updates the API-call function's policy (the role is kept: other calls remain) before it deletes the removed
    // stream's custom resource, so the deleting call runs under the policy of the app without the stream
    const { stack, jobs, out } = world();
    new QueueEventStream(stack, 'Keep', { queue: jobs, sink: EventStreamSink.queue(out) });
    const statements = resources(stack).ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement as Array<{ Action: string[]; Resource: unknown[] }>;
    const allows = (action: string, name: string): boolean => statements.some((st) => st.Action.includes(action) && st.Resource.some((r) => {
      const arn = JSON.stringify(r);
      const tail = /eventstreaming\/([^"]*)"/.exec(arn)?.[1];
      return tail !== undefined && (tail === name || (tail.endsWith('*') && name.startsWith(tail.slice(0, -1))));
    }));
    // the stream 'Gone' (Media-Gone) was in the previous deploy and is not in this one
    expect(allows('eventbridge:DeleteEventStreaming', 'Media-Gone')).toBe(true);
    expect(allows('eventbridge:GetEventStreaming', 'Media-Gone')).toBe(true);
    expect(allows('eventbridge:UpdateEventStreaming', 'Media-Gone')).toBe(false);
    expect(allows('eventbridge:StartEventStreaming', 'Media-Gone')).toBe(false);
    // not another stack's streams
    expect(allows('eventbridge:DeleteEventStreaming', 'Other-Route')).toBe(false);
  });
});

describe('QueueEventStream at scale', () => {
  test('40 streams in one stack synthesize: the function\'s policy names each stream once, in one statement for the stream actions', () => {
    // the names of review 11b's probe: 23 streams made the policy too long while each stream had its own statement
    const { stack, jobs } = world('OrdersPlatformProduction');
    const names: string[] = [];
    for (let n = 0; n < 40; n++) {
      const stream = new QueueEventStream(stack, `RouteOrdersToFulfilmentQueue${n}`, { queue: jobs, sink: EventStreamSink.queue(new smq.Queue(stack, `Out${n}`)) });
      names.push(stream.eventStreamingName);
    }
    expect(names[39]).toBe('OrdersPlatformProduction-RouteOrdersToFulfilmentQueue39');
    const all = resources(stack);
    expect(Object.values(all).filter((r: any) => r.Type === 'ALIYUN::ROS::CustomResource')).toHaveLength(40);
    const statements = all.ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement;
    const streams = statements.filter((st: any) => st.Action.includes('eventbridge:UpdateEventStreaming'));
    expect(streams).toHaveLength(1);
    const key = (v: unknown): string => JSON.stringify(v);
    expect(streams[0].Resource.map(key).sort()).toEqual(names.map((name) => key(streamArn(name))).sort());
  });

  test('a stream whose ARN no longer fits the function\'s one policy document is an error that says to split the streams across stacks', () => {
    // the region and account count at their longest (28 and 16 characters) while they are the pseudo parameters, so
    // the stack refuses here what the same stack with a literal environment would refuse too
    const { stack, jobs } = world('OrdersPlatformProduction');
    let made = 0;
    expect(() => {
      for (; made < 100; made++) {
        new QueueEventStream(stack, `RouteOrdersToFulfilmentQueue${made}`, { queue: jobs, sink: EventStreamSink.queue(new smq.Queue(stack, `Out${made}`)) });
      }
    }).toThrow(/RouteOrdersToFulfilmentQueue\d+: the stack's API calls need more permissions than one RAM policy document holds .*split the calls across stacks/);
    expect(made).toBeGreaterThanOrEqual(40);
    expect(made).toBeLessThan(60);
  });
});

describe('examples/queue-event-stream.ts', () => {
  test('two streams, each off its own queue: orders to the function (filtered, batched, dead-lettered), returns to the archive (bodies as sent)', () => {
    const app = new ros.App();
    const stack = new QueueEventStreamStack(app, 'SmqQueueEventStream');
    const template = Template.fromStack(stack);
    const all = template.toJSON().Resources;
    expect(Object.keys(all).sort()).toEqual(['ApiCallProviderFunction', 'ApiCallProviderRole', 'ArchiveReturns', 'FailedOrders', 'OrderHandler', 'Orders', 'Returns', 'ReturnsArchive', 'ReturnsDlq', 'RouteOrders']);
    template.resourceCountIs('ALIYUN::ROS::CustomResource', 2);
    template.resourceCountIs('ALIYUN::MNS::Queue', 5);
    // the returns queue has its own dead-letter queue; the archive, which nothing receives from, has none
    expect(all.Returns.Properties.DlqPolicy).toEqual({ DeadLetterTargetQueue: getAtt('ReturnsDlq', 'QueueName'), Enabled: true, MaxReceiveCount: 5 });
    expect(all.ReturnsDlq.Properties.QueueName).toBe('SmqQueueEventStream-Returns-dlq');
    expect(all.ReturnsArchive.Properties.DlqPolicy).toBeUndefined();

    const route = all.RouteOrders.Properties.Parameters.OnCreate;
    expect(route.Action).toBe('CreateEventStreaming');
    expect(route.Parameters.FilterPattern).toEqual({ data: { messageBody: [{ prefix: 'order-' }] } });
    expect(route.Parameters.Source).toEqual({ SourceMNSParameters: { RegionId: REGION, QueueName: getAtt('Orders', 'QueueName'), IsBase64Decode: true } });
    expect(route.Parameters.Sink.SinkFcParameters.FunctionName).toEqual({ Form: 'CONSTANT', Value: getAtt('OrderHandler', 'FunctionName') });
    expect(route.Parameters.RunOptions).toEqual({
      ErrorsTolerance: 'ALL',
      RetryStrategy: { PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY' },
      BatchWindow: { CountBasedWindow: 10, TimeBasedWindow: 5 },
      DeadLetterQueue: { Arn: mnsArn('/queues/', getAtt('FailedOrders', 'QueueName')) },
    });
    expect(route.Then).toEqual([requests('SmqQueueEventStream-RouteOrders').start]);

    const archive = all.ArchiveReturns.Properties.Parameters.OnCreate.Parameters;
    expect(archive.Source.SourceMNSParameters.QueueName).toEqual(getAtt('Returns', 'QueueName'));
    expect(archive.Sink).toEqual({
      SinkMNSParameters: {
        QueueName: { Form: 'CONSTANT', Value: getAtt('ReturnsArchive', 'QueueName') },
        Body: { Form: 'JSONPATH', Value: '$.data.messageBody' },
        IsBase64Encode: { Form: 'CONSTANT', Value: 'false' },
      },
    });
    expect(archive.RunOptions).toEqual({ ErrorsTolerance: 'NONE', RetryStrategy: { PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY' } });
    // the two streams take the same actions: one statement names both
    expect(all.ApiCallProviderRole.Properties.Policies[0].PolicyDocument.Statement.map((s: any) => s.Resource)).toEqual([
      ['*'], [streamArn('SmqQueueEventStream-*')], [streamArn('SmqQueueEventStream-ArchiveReturns'), streamArn('SmqQueueEventStream-RouteOrders')],
    ]);
    expect(warnings(stack)).toEqual([`SmqQueueEventStream/RouteOrders: ${MNS_ROLE_WARNING}`, `SmqQueueEventStream/RouteOrders: ${FC_ROLE_WARNING}`]);
  });
});
