/**
 * Function Compute triggers from SMQ: topic triggers (`mns_topic`) and queue triggers (`eventbridge` with an `MNS`
 * event source), FC 3.0 (`ALIYUN::FC3::Trigger`) and FC 2.0 (`ALIYUN::FC::Trigger`). Config key casing follows each
 * ROS type's own reference (FC 2.0 topic triggers PascalCase, FC 3.0 camelCase) and, for queue triggers, Alibaba's own
 * template documents/solution/internet-application-development/video-website-solution.yml (aliyun/ros-templates).
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as ram from '@alicloud/ros-cdk-ram';
import { Template } from '../../lib/assertions';
import { consumers, Duration, ErrorsTolerance, RetryStrategy, smq } from '../../lib';
import { expectInvalid, getAtt, mnsJoin, newStack, warnings } from '../util';

const { TriggerFunction, TopicTrigger, QueueTrigger } = consumers;
const ENV = { region: 'cn-hangzhou', account: '123456789012' };
const SLR_WARNING = /service-linked roles AliyunServiceRoleForEventBridgeSendToFC \(invokes the function\) and AliyunServiceRoleForEventBridgeSendToMNS/;
const TRUST_ERROR = (path: string): string => 'Media/OnEvent: role must let the service mns.aliyuncs.com assume it (an Allow of sts:AssumeRole to principal '
  + `{ service: ['mns.aliyuncs.com'] }, and no Deny of it): SMQ assumes it to invoke the function, got "${path}"`;

interface World {
  app: ros.App;
  stack: ros.Stack;
  fn: fc3.Function;
  service: fc.Service;
  fn2: fc.Function;
  topic: smq.Topic;
  queue: smq.Queue;
}

function world(stackName = 'Media', env?: ros.Environment): World {
  const { app, stack } = newStack(stackName, env ? { env } : {});
  return { app, stack, ...functions(stack), topic: new smq.Topic(stack, 'Events'), queue: new smq.Queue(stack, 'Jobs') };
}

function functions(stack: ros.Stack, suffix = ''): { fn: fc3.Function; service: fc.Service; fn2: fc.Function } {
  const fn = new fc3.Function(stack, `Transcode${suffix}`, {
    functionName: `transcode${suffix.toLowerCase()}`, runtime: 'nodejs20', handler: 'index.handler', memorySize: 512,
    code: { zipFile: 'exports.handler = async () => {};' },
  });
  const service = new fc.Service(stack, `Legacy${suffix}`, { serviceName: `legacy${suffix.toLowerCase()}` });
  const fn2 = new fc.Function(stack, `Resize${suffix}`, {
    serviceName: service.attrServiceName, functionName: `resize${suffix.toLowerCase()}`, runtime: 'nodejs20', handler: 'index.handler',
    code: { zipFile: 'exports.handler = async () => {};' },
  });
  return { fn, service, fn2 };
}

/** `acs:fc:${ALIYUN::Region}:${ALIYUN::TenantId}:<rest>` as the stack renders it. */
function fcJoin(rest: string): { [key: string]: unknown } {
  return { 'Fn::Join': ['', ['acs:fc:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, `:${rest}`]] };
}

function resource(template: Template, logicalId: string): any {
  return template.toJSON().Resources[logicalId];
}

const TRUST_SMQ = {
  Version: '1',
  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['mns.aliyuncs.com'] } }],
};

describe('TopicTrigger', () => {
  test('FC 3.0: an mns_topic trigger with SourceArn in FC\'s form, camelCase config, and its own role', () => {
    const { stack, fn, topic } = world();
    const trigger = new TopicTrigger(stack, 'OnEvent', { topic, fn: TriggerFunction.fc3(fn), filterTag: 'image' });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::FC3::Trigger', 1);
    template.resourceCountIs('ALIYUN::FC::Trigger', 0);
    expect(resource(template, 'OnEvent')).toEqual({
      Type: 'ALIYUN::FC3::Trigger',
      Properties: {
        FunctionName: getAtt('Transcode', 'FunctionName'),
        TriggerName: 'Media-OnEvent',
        TriggerType: 'mns_topic',
        TriggerConfig: { notifyStrategy: 'EXPONENTIAL_DECAY_RETRY', notifyContentFormat: 'STREAM', filterTag: 'image' },
        SourceArn: mnsJoin('/topics/', getAtt('Events', 'TopicName')),
        InvocationRole: getAtt('OnEventRole', 'Arn'),
      },
    });
    const role = resource(template, 'OnEventRole');
    expect(role.Type).toBe('ALIYUN::RAM::Role');
    // trusted by SMQ only
    expect(role.Properties.AssumeRolePolicyDocument).toEqual(TRUST_SMQ);
    // a custom policy that may invoke exactly this function: no wildcard, no system policy
    expect(role.Properties.Policies).toEqual([{
      PolicyName: { 'Fn::Join': ['', ['Media-OnEvent-invoke-', { Ref: 'ALIYUN::Region' }]] },
      Description: 'fc:InvokeFunction on FC 3.0 function \'Media/Transcode\' only',
      PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['fc:InvokeFunction'], Resource: [fcJoin('functions/transcode')] }] },
    }]);
    expect(role.Properties.PolicyAttachments).toBeUndefined();
    expect(role.Properties.RoleName).toEqual({ 'Fn::Join': ['', ['Media-OnEvent-invoke-', { Ref: 'ALIYUN::Region' }]] });
    expect(stack.resolve(trigger.triggerName)).toBe('Media-OnEvent');
    expect(trigger.trigger).toBeInstanceOf(fc3.RosTrigger);
    expect(stack.resolve(trigger.role.attrArn)).toEqual(getAtt('OnEventRole', 'Arn'));
    expect(warnings(stack)).toEqual([]);
  });

  test('FC 2.0: ALIYUN::FC::Trigger with ServiceName, PascalCase config as the ROS reference writes it, and a policy on the function in its service', () => {
    const { stack, service, fn2, topic } = world();
    const trigger = new TopicTrigger(stack, 'OnEvent', {
      topic, fn: TriggerFunction.fc2(service, fn2),
      contentFormat: consumers.TriggerContentFormat.JSON, notifyStrategy: smq.NotifyStrategy.BACKOFF_RETRY,
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::FC::Trigger', 1);
    template.resourceCountIs('ALIYUN::FC3::Trigger', 0);
    expect(resource(template, 'OnEvent')).toEqual({
      Type: 'ALIYUN::FC::Trigger',
      Properties: {
        ServiceName: getAtt('Legacy', 'ServiceName'),
        FunctionName: getAtt('Resize', 'FunctionName'),
        TriggerName: 'Media-OnEvent',
        TriggerType: 'mns_topic',
        TriggerConfig: { NotifyStrategy: 'BACKOFF_RETRY', NotifyContentFormat: 'JSON' },
        SourceArn: mnsJoin('/topics/', getAtt('Events', 'TopicName')),
        InvocationRole: getAtt('OnEventRole', 'Arn'),
      },
    });
    const role = resource(template, 'OnEventRole');
    expect(role.Properties.AssumeRolePolicyDocument).toEqual(TRUST_SMQ);
    expect(role.Properties.Policies[0].PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Action: ['fc:InvokeFunction'],
      Resource: [fcJoin('services/legacy/functions/resize'), fcJoin('services/legacy.*/functions/resize')],
    }]);
    expect(trigger.trigger).toBeInstanceOf(fc.RosTrigger);
    expect(TriggerFunction.fc2(service, fn2).generation).toBe(consumers.FunctionGeneration.FC2);
    expect(TriggerFunction.fc3FromName('x').generation).toBe(consumers.FunctionGeneration.FC3);
  });

  test('two instances in one stack: their own triggers, roles, names and logical ids', () => {
    const { stack, fn, service, fn2, topic } = world();
    const other = new smq.Topic(stack, 'Other');
    new TopicTrigger(stack, 'A', { topic, fn: TriggerFunction.fc3(fn) });
    new TopicTrigger(stack, 'B', { topic: other, fn: TriggerFunction.fc3(fn) });
    new TopicTrigger(stack, 'C', { topic, fn: TriggerFunction.fc2(service, fn2) });
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('ALIYUN::FC3::Trigger')).sort()).toEqual(['A', 'B']);
    expect(Object.keys(template.findResources('ALIYUN::RAM::Role')).sort()).toEqual(['ARole', 'BRole', 'CRole']);
    const names = ['A', 'B', 'C'].map((id) => resource(template, id).Properties.TriggerName);
    expect(names).toEqual(['Media-A', 'Media-B', 'Media-C']);
    expect(resource(template, 'B').Properties.SourceArn).toEqual(mnsJoin('/topics/', getAtt('Other', 'TopicName')));
  });

  test('the same ids in two stacks: each stack\'s own names', () => {
    const app = new ros.App();
    const stacks = ['East', 'West'].map((stackName) => {
      const stack = new ros.Stack(app, stackName);
      const { fn } = functions(stack);
      new TopicTrigger(stack, 'OnEvent', { topic: new smq.Topic(stack, 'Events'), fn: TriggerFunction.fc3(fn) });
      return stack;
    });
    const names = stacks.map((stack) => {
      const template = Template.fromStack(stack);
      return [resource(template, 'OnEvent').Properties.TriggerName, resource(template, 'OnEventRole').Properties.RoleName];
    });
    expect(names).toEqual([
      ['East-OnEvent', { 'Fn::Join': ['', ['East-OnEvent-invoke-', { Ref: 'ALIYUN::Region' }]] }],
      ['West-OnEvent', { 'Fn::Join': ['', ['West-OnEvent-invoke-', { Ref: 'ALIYUN::Region' }]] }],
    ]);
    expect(warnings(app)).toEqual([]);
  });

  test('an imported topic and an imported function: literal names, and the policy on the named function', () => {
    const { stack } = world('Media', ENV);
    const topic = smq.Topic.fromTopicName(stack, 'Shared', 'shared-events');
    new TopicTrigger(stack, 'OnShared', { topic, fn: TriggerFunction.fc3FromName('existing-fn') });
    new TopicTrigger(stack, 'OnShared2', { topic, fn: TriggerFunction.fc2FromName('svc', 'existing-fn') });
    const template = Template.fromStack(stack);
    expect(resource(template, 'OnShared').Properties).toMatchObject({
      FunctionName: 'existing-fn',
      SourceArn: 'acs:mns:cn-hangzhou:123456789012:/topics/shared-events',
    });
    expect(resource(template, 'OnShared2').Properties).toMatchObject({ ServiceName: 'svc', FunctionName: 'existing-fn' });
    expect(resource(template, 'OnSharedRole').Properties.Policies[0].PolicyDocument.Statement[0].Resource)
      .toEqual(['acs:fc:cn-hangzhou:123456789012:functions/existing-fn']);
    expect(resource(template, 'OnShared2Role').Properties.Policies[0].PolicyDocument.Statement[0].Resource)
      .toEqual(['acs:fc:cn-hangzhou:123456789012:services/svc/functions/existing-fn', 'acs:fc:cn-hangzhou:123456789012:services/svc.*/functions/existing-fn']);
    expect(resource(template, 'OnSharedRole').Properties.RoleName).toBe('Media-OnShared-invoke-cn-hangzhou');
  });

  test('tokens pass: a topic name, a filter tag and a trigger name from parameters', () => {
    const { stack, fn } = world();
    const topicName = new ros.RosParameter(stack, 'TopicName', { type: ros.RosParameterType.STRING }).valueAsString;
    const tag = new ros.RosParameter(stack, 'Tag', { type: ros.RosParameterType.STRING }).valueAsString;
    const name = new ros.RosParameter(stack, 'TriggerName', { type: ros.RosParameterType.STRING }).valueAsString;
    new TopicTrigger(stack, 'OnEvent', { topic: smq.Topic.fromTopicName(stack, 'T', topicName), fn: TriggerFunction.fc3(fn), filterTag: tag, triggerName: name });
    const properties = resource(Template.fromStack(stack), 'OnEvent').Properties;
    expect(properties.TriggerName).toEqual({ Ref: 'TriggerName' });
    expect(properties.TriggerConfig.filterTag).toEqual({ Ref: 'Tag' });
    expect(properties.SourceArn).toEqual(mnsJoin('/topics/', { Ref: 'TopicName' }));
  });

  test('a function in another stack of the same region: the trigger refers to it across stacks', () => {
    const app = new ros.App();
    const functionsStack = new ros.Stack(app, 'Functions', { env: ENV });
    const { fn } = functions(functionsStack);
    const stack = new ros.Stack(app, 'Wiring', { env: ENV });
    new TopicTrigger(stack, 'OnEvent', { topic: new smq.Topic(stack, 'Events'), fn: TriggerFunction.fc3(fn) });
    const assembly = app.synth();
    const properties = assembly.getStackByName('Wiring').template.Resources.OnEvent.Properties;
    expect(properties.FunctionName).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Functions:ExportsOutput/) });
    // the role's policy names the function by its literal name
    expect(assembly.getStackByName('Wiring').template.Resources.OnEventRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource)
      .toEqual(['acs:fc:cn-hangzhou:123456789012:functions/transcode']);
  });

  describe('a role of the user\'s', () => {
    function smqRole(scope: ros.Construct, id: string, service = 'mns.aliyuncs.com'): ram.Role {
      return new ram.Role(scope, id, {
        roleName: `role-${id.toLowerCase()}`,
        assumeRolePolicyDocument: { version: '1', statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: [service] } }] },
      });
    }

    test('is used as the invocation role, and gets fc:InvokeFunction on this function only', () => {
      const { stack, fn, topic } = world();
      const role = smqRole(stack, 'Invoker');
      const trigger = new TopicTrigger(stack, 'OnEvent', { topic, fn: TriggerFunction.fc3(fn), role });
      const template = Template.fromStack(stack);
      expect(trigger.role).toBe(role);
      expect(resource(template, 'OnEvent').Properties.InvocationRole).toEqual(getAtt('Invoker', 'Arn'));
      template.resourceCountIs('ALIYUN::RAM::Role', 1);
      template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        Roles: [getAtt('Invoker', 'RoleName')],
        PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['fc:InvokeFunction'], Resource: [fcJoin('functions/transcode')] }] },
      });
    });

    test('the trigger waits for the role\'s policy: SMQ may invoke as soon as the trigger exists', () => {
      const { stack, fn, topic } = world();
      new TopicTrigger(stack, 'OnEvent', { topic, fn: TriggerFunction.fc3(fn), role: smqRole(stack, 'Invoker') });
      const template = Template.fromStack(stack);
      const policy = Object.keys(template.findResources('ALIYUN::RAM::ManagedPolicy'));
      expect(policy).toHaveLength(1);
      expect(resource(template, 'OnEvent').DependsOn).toEqual(policy);
    });

    test('in another stack with a literal region, for a function whose stack has none: an error, not a policy for the wrong region', () => {
      const app = new ros.App();
      const role = smqRole(new ros.Stack(app, 'Security', { env: { region: 'cn-shanghai', account: '123456789012' } }), 'Invoker');
      const stack = new ros.Stack(app, 'Wiring');
      const { fn } = functions(stack);
      expectInvalid(() => new TopicTrigger(stack, 'OnEvent', { topic: new smq.Topic(stack, 'Events'), fn: TriggerFunction.fc3(fn), role }),
        'Wiring/OnEvent: role must be in the trigger\'s stack, or FC 3.0 function \'Wiring/Transcode\' must have a literal region and account (give its stack an env): '
        + 'the role\'s policy goes in stack \'Security\', where the function\'s region and account cannot be told, got "Security/Invoker"');
    });

    test('in another stack, for a function imported from a region that is a parameter: an error instead of a cycle', () => {
      const app = new ros.App();
      const role = smqRole(new ros.Stack(app, 'Security'), 'Invoker');
      const stack = new ros.Stack(app, 'Wiring');
      const region = new ros.RosParameter(stack, 'FnRegion', { type: ros.RosParameterType.STRING }).valueAsString;
      expectInvalid(() => new TopicTrigger(stack, 'OnEvent', {
        topic: smq.Topic.fromTopicName(stack, 'T', 'events', { region }), fn: TriggerFunction.fc3FromName('worker', { region }), role,
      }), /^Wiring\/OnEvent: role must be in the trigger's stack, or FC 3\.0 function "worker" must have a literal region and account/);
    });

    test('must trust SMQ', () => {
      const { stack, fn, topic } = world();
      const role = smqRole(stack, 'Ecs', 'ecs.aliyuncs.com');
      expectInvalid(() => new TopicTrigger(stack, 'OnEvent', { topic, fn: TriggerFunction.fc3(fn), role }),
        TRUST_ERROR('Media/Ecs'));
    });

    test('in another stack: its policy goes there, naming the function by its literal name', () => {
      const app = new ros.App();
      const security = new ros.Stack(app, 'Security', { env: ENV });
      const role = smqRole(security, 'Invoker');
      const stack = new ros.Stack(app, 'Wiring', { env: ENV });
      const { fn } = functions(stack);
      new TopicTrigger(stack, 'OnEvent', { topic: new smq.Topic(stack, 'Events'), fn: TriggerFunction.fc3(fn), role });
      const assembly = app.synth();
      const policies = Object.values<any>(assembly.getStackByName('Security').template.Resources).filter((r) => r.Type === 'ALIYUN::RAM::ManagedPolicy');
      expect(policies.map((p) => p.Properties.PolicyDocument.Statement[0].Resource)).toEqual([['acs:fc:cn-hangzhou:123456789012:functions/transcode']]);
    });

    test('in another stack, with a function whose name is a token: a clear error instead of a cycle', () => {
      const app = new ros.App();
      const role = smqRole(new ros.Stack(app, 'Security', { env: ENV }), 'Invoker');
      const stack = new ros.Stack(app, 'Wiring', { env: ENV });
      const name = new ros.RosParameter(stack, 'Name', { type: ros.RosParameterType.STRING }).valueAsString;
      const fn = new fc3.Function(stack, 'Fn', { functionName: name, runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'x' } });
      expectInvalid(() => new TopicTrigger(stack, 'OnEvent', { topic: new smq.Topic(stack, 'Events'), fn: TriggerFunction.fc3(fn), role }),
        'Wiring/OnEvent: role must be in the trigger\'s stack, or FC 3.0 function \'Wiring/Fn\' must have a literal functionName: the role\'s policy names the function, and a reference between the two stacks each way is a cycle, got "Security/Invoker"');
    });
  });

  test('one topic to one function twice, with distinct filter tags: each message invokes it at most once, so it is allowed', () => {
    const { stack, fn, topic } = world();
    new TopicTrigger(stack, 'Images', { topic, fn: TriggerFunction.fc3(fn), filterTag: 'image' });
    new TopicTrigger(stack, 'Videos', { topic, fn: TriggerFunction.fc3(fn), filterTag: 'video' });
    Template.fromStack(stack).resourceCountIs('ALIYUN::FC3::Trigger', 2);
  });

  test('one imported topic to one imported function from two stacks without env: a warning, since they may be deployed apart', () => {
    const app = new ros.App();
    const stacks = ['A', 'B'].map((name) => {
      const stack = new ros.Stack(app, name);
      new TopicTrigger(stack, 'OnEvent', { topic: smq.Topic.fromTopicName(stack, 'T', 'events'), fn: TriggerFunction.fc3FromName('worker') });
      return stack;
    });
    expect(warnings(stacks[1])).toEqual([
      'B/OnEvent: topic: if stacks \'A\' and \'B\' are deployed to one region and account, \'A/OnEvent\' wires this topic to FC 3.0 function "worker" too, '
        + 'one of them without a filter tag, and each message both take would invoke it twice.',
    ]);
  });

  test('the same trigger name on two functions imported by parameter names is allowed (trigger names are unique per function)', () => {
    const { stack, topic } = world();
    const names = ['A', 'B'].map((id) => new ros.RosParameter(stack, id, { type: ros.RosParameterType.STRING }).valueAsString);
    names.forEach((name, i) => new TopicTrigger(stack, `T${i}`, { topic, fn: TriggerFunction.fc3FromName(name), triggerName: 'on-message' }));
    Template.fromStack(stack).resourceCountIs('ALIYUN::FC3::Trigger', 2);
  });

  test('a function imported from a region that is a token: a warning that says how to make it checkable', () => {
    const { stack, topic } = world('Media', ENV);
    const region = new ros.RosParameter(stack, 'Region', { type: ros.RosParameterType.STRING }).valueAsString;
    new TopicTrigger(stack, 'OnEvent', { topic, fn: TriggerFunction.fc3FromName('worker', { region }) });
    expect(warnings(stack)).toEqual([
      expect.stringMatching(/^Media\/OnEvent: fn: FC 3\.0 function "worker" is in region <token>, account 123456789012, and the stack in region cn-hangzhou, account 123456789012\. .*import the function without a region and account of its own\.$/),
      expect.stringMatching(/^Media\/OnEvent: topic: topic 'Media\/Events' is in region cn-hangzhou, and FC 3\.0 function "worker" in region <token>\. .*import the channel and the function without a region and account of their own\.$/),
    ]);
  });

  test('a topic of another account: a warning (FC documents topic triggers for the function\'s own account)', () => {
    const { stack, fn } = world('Media', ENV);
    new TopicTrigger(stack, 'OnEvent', { topic: smq.Topic.fromTopicName(stack, 'Foreign', 'events', { account: '999999' }), fn: TriggerFunction.fc3(fn) });
    expect(warnings(stack)).toEqual([expect.stringMatching(/^Media\/OnEvent: topic: topic 'Media\/Foreign' is in account 999999, and FC 3.0 function 'Media\/Transcode' in account 123456789012\./)]);
  });
});

describe('QueueTrigger', () => {
  test('FC 3.0: an eventbridge trigger with an MNS event source, keys as in Alibaba\'s template, event-streaming run options', () => {
    const { stack, fn, queue } = world();
    const dead = new smq.Queue(stack, 'Failed');
    const trigger = new QueueTrigger(stack, 'Consume', {
      queue, fn: TriggerFunction.fc3(fn), deadLetterQueue: dead, batchSize: 100, batchWindow: Duration.seconds(5),
      filterPattern: { data: { messageBody: [{ prefix: 'job-' }] } },
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    const pattern = '{"data":{"messageBody":[{"prefix":"job-"}]}}';
    expect(resource(template, 'Consume')).toEqual({
      Type: 'ALIYUN::FC3::Trigger',
      Properties: {
        FunctionName: getAtt('Transcode', 'FunctionName'),
        TriggerName: 'Media-Consume',
        TriggerType: 'eventbridge',
        TriggerConfig: {
          triggerEnable: true,
          asyncInvocationType: false,
          eventRuleFilterPattern: pattern,
          eventSourceConfig: {
            eventSourceType: 'MNS',
            eventSourceParameters: {
              sourceMNSParameters: { RegionId: { Ref: 'ALIYUN::Region' }, QueueName: getAtt('Jobs', 'QueueName'), IsBase64Decode: true },
              eventRuleFilterPattern: pattern,
            },
          },
          eventSinkConfig: { deliveryOption: { eventSchema: 'CloudEvents' } },
          runOptions: {
            mode: 'event-streaming',
            errorsTolerance: 'ALL',
            retryStrategy: { PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY' },
            batchWindow: { CountBasedWindow: 100, TimeBasedWindow: 5 },
            deadLetterQueue: { Arn: mnsJoin('/queues/', getAtt('Failed', 'QueueName')) },
          },
        },
      },
    });
    // no invocation role and no source ARN: the event stream runs with the service-linked role
    template.resourceCountIs('ALIYUN::RAM::Role', 0);
    expect(trigger.trigger).toBeInstanceOf(fc3.RosTrigger);
    expect(warnings(stack)).toEqual([expect.stringMatching(SLR_WARNING)]);
  });

  test('FC 2.0: ALIYUN::FC::Trigger with ServiceName, and deliveryOption.mode as Alibaba\'s FC 2.0 sample sets it', () => {
    const { stack, service, fn2, queue } = world();
    new QueueTrigger(stack, 'Consume', {
      queue, fn: TriggerFunction.fc2(service, fn2), base64Decode: false, eventFormat: consumers.QueueEventFormat.RAW_DATA,
      retryStrategy: RetryStrategy.BACKOFF_RETRY, errorsTolerance: ErrorsTolerance.NONE, asyncInvocation: true, enabled: false,
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    const properties = resource(template, 'Consume').Properties;
    expect(resource(template, 'Consume').Type).toBe('ALIYUN::FC::Trigger');
    expect(properties.ServiceName).toEqual(getAtt('Legacy', 'ServiceName'));
    expect(properties.FunctionName).toEqual(getAtt('Resize', 'FunctionName'));
    expect(properties.TriggerConfig).toEqual({
      triggerEnable: false,
      asyncInvocationType: true,
      eventRuleFilterPattern: '{}',
      eventSourceConfig: {
        eventSourceType: 'MNS',
        eventSourceParameters: {
          sourceMNSParameters: { RegionId: { Ref: 'ALIYUN::Region' }, QueueName: getAtt('Jobs', 'QueueName'), IsBase64Decode: false },
          eventRuleFilterPattern: '{}',
        },
      },
      eventSinkConfig: { deliveryOption: { eventSchema: 'RawData', mode: 'event-streaming' } },
      runOptions: {
        mode: 'event-streaming',
        errorsTolerance: 'NONE',
        retryStrategy: { PushRetryStrategy: 'BACKOFF_RETRY' },
        batchWindow: { CountBasedWindow: 1, TimeBasedWindow: 0 },
      },
    });
    expect(properties.InvocationRole).toBeUndefined();
    expect(properties.SourceArn).toBeUndefined();
  });

  test('defaults: every message, one at a time, retried for a day, and no message dropped without a dead-letter queue', () => {
    const { stack, fn, queue } = world();
    new QueueTrigger(stack, 'Consume', { queue, fn: TriggerFunction.fc3(fn) });
    const config = resource(Template.fromStack(stack), 'Consume').Properties.TriggerConfig;
    expect(config.eventRuleFilterPattern).toBe('{}');
    expect(config.runOptions).toEqual({
      mode: 'event-streaming', errorsTolerance: 'NONE', retryStrategy: { PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY' },
      batchWindow: { CountBasedWindow: 1, TimeBasedWindow: 0 },
    });
  });

  test('the service-linked role warning comes once per stack, however many queue triggers', () => {
    const { app, stack, fn, service, fn2, queue } = world();
    new QueueTrigger(stack, 'A', { queue, fn: TriggerFunction.fc3(fn) });
    new QueueTrigger(stack, 'B', { queue, fn: TriggerFunction.fc2(service, fn2) });
    const other = world('Other');
    new QueueTrigger(other.stack, 'A', { queue: other.queue, fn: TriggerFunction.fc3(other.fn) });
    expect(warnings(stack)).toEqual([expect.stringMatching(/^Media\/A: QueueTrigger: .*AliyunServiceRoleForEventBridgeSendToFC/)]);
    expect(warnings(other.stack)).toHaveLength(1);
    expect(app).toBeDefined();
  });

  test('two instances in one stack and an imported queue', () => {
    const { stack, fn, queue } = world('Media', ENV);
    new QueueTrigger(stack, 'A', { queue, fn: TriggerFunction.fc3(fn) });
    new QueueTrigger(stack, 'B', { queue: smq.Queue.fromQueueArn(stack, 'Shared', 'acs:mns:cn-hangzhou:123456789012:/queues/shared'), fn: TriggerFunction.fc3(fn) });
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('ALIYUN::FC3::Trigger')).sort()).toEqual(['A', 'B']);
    expect(resource(template, 'B').Properties.TriggerConfig.eventSourceConfig.eventSourceParameters.sourceMNSParameters)
      .toEqual({ RegionId: 'cn-hangzhou', QueueName: 'shared', IsBase64Decode: true });
  });

  test('tokens pass: a batch size, a queue name and a trigger name from parameters', () => {
    const { stack, fn } = world();
    const size = new ros.RosParameter(stack, 'Size', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    const queueName = new ros.RosParameter(stack, 'QueueName', { type: ros.RosParameterType.STRING }).valueAsString;
    new QueueTrigger(stack, 'Consume', { queue: smq.Queue.fromQueueName(stack, 'Q', queueName), fn: TriggerFunction.fc3(fn), batchSize: size });
    const config = resource(Template.fromStack(stack), 'Consume').Properties.TriggerConfig;
    expect(config.runOptions.batchWindow.CountBasedWindow).toEqual({ Ref: 'Size' });
    expect(config.eventSourceConfig.eventSourceParameters.sourceMNSParameters.QueueName).toEqual({ Ref: 'QueueName' });
  });

  test('a pattern changed after the trigger is made does not change the trigger', () => {
    const { stack, fn, queue } = world();
    const filterPattern: { [key: string]: any } = { data: { messageBody: ['a'] } };
    new QueueTrigger(stack, 'Consume', { queue, fn: TriggerFunction.fc3(fn), filterPattern });
    filterPattern.data.messageBody.push({ prefix: 'x' });
    expect(resource(Template.fromStack(stack), 'Consume').Properties.TriggerConfig.eventRuleFilterPattern).toBe('{"data":{"messageBody":["a"]}}');
  });

  test('ErrorsTolerance.ALL without a dead-letter queue: a warning that failed messages are dropped', () => {
    const { stack, fn, queue } = world();
    new QueueTrigger(stack, 'Consume', { queue, fn: TriggerFunction.fc3(fn), errorsTolerance: ErrorsTolerance.ALL });
    expect(warnings(stack)).toContain('Media/Consume: errorsTolerance: ALL without a dead-letter queue drops every message of \'Media/Jobs\' that fails after all retries; give the trigger a deadLetterQueue to keep them.');
  });
});

describe('QueueTrigger competing readers: two triggers of one queue split its messages, and synth warns', () => {
  /** The competing-readers warnings under the stack after synth, each cut after its readers and its filter sentence. */
  function readers(app: ros.App, stack: ros.Stack): string[] {
    app.synth();
    return warnings(stack).filter((w) => w.includes('SMQ hands each message to one reader only'))
      .map((w) => w.replace(/ SMQ hands each message .* none of them gets every message\./, '').replace(/ For every reader to get every message .*$/, ''));
  }

  test('an FC 3.0 and an FC 2.0 trigger of one queue: the second warns, naming both, with the remedy and the way to be rid of it', () => {
    const { app, stack, fn, service, fn2, queue } = world();
    new QueueTrigger(stack, 'A', { queue, fn: TriggerFunction.fc3(fn) });
    new QueueTrigger(stack, 'B', { queue, fn: TriggerFunction.fc2(service, fn2) });
    expect(readers(app, stack)).toEqual([
      'Media/B: queue: queue \'Media/Jobs\' ("Media-Jobs") has 2 readers: FC queue trigger \'Media/A\', FC queue trigger \'Media/B\' (this one).',
    ]);
    const [warning] = warnings(stack).filter((w) => w.startsWith('Media/B: queue:'));
    expect(warning).toContain('publish to an SMQ topic and subscribe one queue per reader (topic.addSubscription(new consumers.QueueSubscription(queue)))');
    expect(warning).toContain('Competing readers of one queue are fine only when any of them may take any message');
    expect(warning).toMatch(/This warning cannot be turned off: it goes away when the queue has one enabled reader in the app\.$/);
    expect(warnings(stack).filter((w) => w.startsWith('Media/A: queue:'))).toEqual([]);
  });

  test('two filtered triggers of one queue, one of them through an import by ARN: each drops what its pattern does not pass', () => {
    const { app, stack, fn, queue } = world('Media', ENV);
    new QueueTrigger(stack, 'Images', { queue, fn: TriggerFunction.fc3(fn), filterPattern: { data: { messageBody: [{ suffix: '.jpg' }] } } });
    new QueueTrigger(stack, 'Videos', {
      queue: smq.Queue.fromQueueArn(stack, 'SameJobs', 'acs:mns:cn-hangzhou:123456789012:/queues/Media-Jobs'),
      fn: TriggerFunction.fc3FromName('videos'),
      filterPattern: { data: { messageBody: [{ suffix: '.mp4' }] } },
    });
    expect(readers(app, stack)).toEqual([
      'Media/Videos: queue: queue \'Media/SameJobs\' ("Media-Jobs") has 2 readers: FC queue trigger \'Media/Images\', FC queue trigger \'Media/Videos\' (this one). '
      + 'A message that the filter pattern of \'Media/Images\' or \'Media/Videos\' does not pass is still received there and dropped: no other reader gets it either.',
    ]);
  });

  test('triggers of different queues, and a disabled trigger, are no competing readers', () => {
    const { app, stack, fn, queue } = world();
    new QueueTrigger(stack, 'A', { queue, fn: TriggerFunction.fc3(fn) });
    new QueueTrigger(stack, 'B', { queue: new smq.Queue(stack, 'Other'), fn: TriggerFunction.fc3(fn) });
    new QueueTrigger(stack, 'C', { queue, fn: TriggerFunction.fc3FromName('spare'), enabled: false });
    expect(readers(app, stack)).toEqual([]);
  });

  test('the same ids in two stacks: no warning with each stack\'s own queue; a warning when the second imports the first\'s queue by its literal name', () => {
    const make = (shared: boolean): string[] => {
      const app = new ros.App();
      const stacks = ['East', 'West'].map((name, i) => {
        const stack = new ros.Stack(app, name, { env: ENV });
        const { fn } = functions(stack);
        const queue = shared && i === 1 ? smq.Queue.fromQueueName(stack, 'Jobs', 'jobs') : new smq.Queue(stack, 'Jobs', { queueName: shared ? 'jobs' : undefined });
        new QueueTrigger(stack, 'Consume', { queue, fn: TriggerFunction.fc3(fn), triggerName: `consume-${name.toLowerCase()}` });
        return stack;
      });
      return stacks.flatMap((stack) => readers(app, stack));
    };
    expect(make(false)).toEqual([]);
    expect(make(true)).toEqual(['West/Consume: queue: queue \'West/Jobs\' ("jobs") has 2 readers: FC queue trigger \'East/Consume\', FC queue trigger \'West/Consume\' (this one).']);
  });
});

function trustRole(stack: ros.Stack, statement: ram.RosRole.StatementProperty[]): ram.Role {
  return new ram.Role(stack, 'Trust', { roleName: 'trust', assumeRolePolicyDocument: { version: '1', statement } });
}

describe('bad input', () => {
  type Make = (w: World) => unknown;
  const bad: Array<[string, Make, string]> = [
    ['no props', (w) => new TopicTrigger(w.stack, 'X', undefined as any), 'Media/X: props must be given: { topic, fn }, got undefined'],
    ['a function given without TriggerFunction', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: w.fn as any }),
      'Media/X: fn must be a TriggerFunction: TriggerFunction.fc3(fn), TriggerFunction.fc2(service, fn), or fc3FromName / fc2FromName, got "Media/Transcode"'],
    ['a queue as the topic', (w) => new TopicTrigger(w.stack, 'X', { topic: w.queue as any, fn: TriggerFunction.fc3(w.fn) }),
      'Media/X: topic must be a topic, not a queue (smq.Topic, or one imported with Topic.fromTopicName or fromTopicArn), got "Media/Jobs"'],
    ['a topic as the queue', (w) => new QueueTrigger(w.stack, 'X', { queue: w.topic as any, fn: TriggerFunction.fc3(w.fn) }),
      'Media/X: queue must be a queue, not a topic (smq.Queue, or one imported with Queue.fromQueueName or fromQueueArn), got "Media/Events"'],
    ['an FC 2.0 function given as FC 3.0', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc3(w.fn2 as any) }),
      'Media/X: fn (TriggerFunction.fc3(fn)) is an FC 2.0 function (it has a service): use TriggerFunction.fc2(service, fn), got "Media/Resize"'],
    ['an FC 3.0 function given as FC 2.0', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc2(w.service, w.fn as any) }),
      'Media/X: fn (TriggerFunction.fc2(service, fn)) is an FC 3.0 function (it has no service): use TriggerFunction.fc3(fn), got "Media/Transcode"'],
    ['an FC 2.0 function without its service', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc2(undefined as any, w.fn2) }),
      'Media/X: fn (TriggerFunction.fc2(service, fn)) must name the service of FC 2.0 function \'Media/Resize\' (fc.Service of @alicloud/ros-cdk-fc): an FC 2.0 trigger names both, got undefined'],
    ['an FC 2.0 function with another service', (w) => {
      const other = new fc.Service(w.stack, 'Other', { serviceName: 'other' });
      const fn = new fc.Function(w.stack, 'Fn', { serviceName: 'legacy', functionName: 'f', runtime: 'nodejs20', handler: 'i.h', code: { zipFile: 'x' } });
      return new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc2(other, fn) });
    }, 'Media/X: fn (TriggerFunction.fc2(service, fn)) must be the service of FC 2.0 function \'Media/Fn\', which names service "legacy", not "other", got "Media/Other"'],
    ['an FC 2.0 function whose service attribute is another service\'s', (w) => {
      const other = new fc.Service(w.stack, 'Other', { serviceName: 'other' });
      return new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc2(other, w.fn2) });
    }, 'Media/X: fn (TriggerFunction.fc2(service, fn)) must be the service of FC 2.0 function \'Media/Resize\', which names another service\'s name attribute, not "other", got "Media/Other"'],
    ['an imported FC 2.0 function without its service', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc2FromName('', 'f') }),
      'Media/X: fn (TriggerFunction.fc2FromName) serviceName is required: an FC 2.0 trigger names the function\'s service, got ""'],
    ['an imported function name starting with a hyphen', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc3FromName('-f') }),
      'Media/X: fn (TriggerFunction.fc3FromName) functionName must contain only letters, digits, underscores and hyphens, and start with a letter or underscore, got "-f"'],
    ['an FC 2.0 function name of 65 characters', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc2FromName('s', 'f'.repeat(65)) }),
      `Media/X: fn (TriggerFunction.fc2FromName) functionName must be at most 64 characters long (length 65), got "${'f'.repeat(65)}"`],
    ['a filter tag of 17 characters', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), filterTag: 'a'.repeat(17) }),
      'Media/X: filterTag must be at most 16 characters long (length 17), got "aaaaaaaaaaaaaaaaa"'],
    ['a content format SMQ subscriptions have, not triggers', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), contentFormat: 'XML' as any }),
      'Media/X: contentFormat must be one of "STREAM", "JSON", got "XML"'],
    ['an unknown notify strategy', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), notifyStrategy: 'NEVER' as any }),
      'Media/X: notifyStrategy must be one of "BACKOFF_RETRY", "EXPONENTIAL_DECAY_RETRY", got "NEVER"'],
    ['a trigger name starting with a digit', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), triggerName: '1st' }),
      'Media/X: triggerName must contain only letters, digits, underscores and hyphens, and start with a letter or underscore, got "1st"'],
    ['a trigger name of 129 characters', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), triggerName: 't'.repeat(129) }),
      `Media/X: triggerName must be at most 128 characters long (length 129), got "${'t'.repeat(129)}"`],
    ['the same topic wired twice to one function', (w) => {
      new TopicTrigger(w.stack, 'A', { topic: w.topic, fn: TriggerFunction.fc3(w.fn) });
      return new TopicTrigger(w.stack, 'B', { topic: w.topic, fn: TriggerFunction.fc3(w.fn) });
    }, 'Media/B: topic must not already trigger the function: \'Media/A\' wires this topic to FC 3.0 function \'Media/Transcode\' too, one of them without a filter tag, and each message both take would invoke it twice, got "Media/Events"'],
    ['the same topic wired twice to one function with the same filter tag', (w) => {
      new TopicTrigger(w.stack, 'A', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), filterTag: 'image' });
      return new TopicTrigger(w.stack, 'B', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), filterTag: 'image' });
    }, 'Media/B: topic must not already trigger the function: \'Media/A\' wires this topic to FC 3.0 function \'Media/Transcode\' too, with the same filter tag, and each message both take would invoke it twice, got "Media/Events"'],
    ['the same topic wired twice to one function, once by imports', (w) => {
      new TopicTrigger(w.stack, 'A', { topic: w.topic, fn: TriggerFunction.fc3(w.fn) });
      return new TopicTrigger(w.stack, 'B', { topic: smq.Topic.fromTopicName(w.stack, 'Same', w.topic.topicName), fn: TriggerFunction.fc3FromName('transcode') });
    }, 'Media/B: topic must not already trigger the function: \'Media/A\' wires this topic to FC 3.0 function "transcode" too, one of them without a filter tag, and each message both take would invoke it twice, got "Media/Same"'],
    ['one trigger name twice on one function', (w) => {
      new TopicTrigger(w.stack, 'A', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), triggerName: 'on-message' });
      return new QueueTrigger(w.stack, 'B', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), triggerName: 'on-message' });
    }, 'Media/B: triggerName must be unique in the stack, but \'Media/A\' already has this trigger name of this function, got "on-message"'],
    ['one trigger name twice on one function, once imported by name', (w) => {
      new TopicTrigger(w.stack, 'A', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), triggerName: 'on-message' });
      return new QueueTrigger(w.stack, 'B', { queue: w.queue, fn: TriggerFunction.fc3FromName('transcode'), triggerName: 'on-message' });
    }, 'Media/B: triggerName must be unique in the stack, but \'Media/A\' already has this trigger name of this function, got "on-message"'],
    ['a filter pattern that is a token', (w) => new QueueTrigger(w.stack, 'X', {
      queue: w.queue, fn: TriggerFunction.fc3(w.fn), filterPattern: new ros.RosParameter(w.stack, 'P', { type: ros.RosParameterType.JSON }).value as any,
    }), 'Media/X: filterPattern must be literal: the trigger writes the pattern as JSON text, which a deploy-time value cannot be put into safely, got a token'],
    ['a filter pattern value that is a token', (w) => new QueueTrigger(w.stack, 'X', {
      queue: w.queue, fn: TriggerFunction.fc3(w.fn), filterPattern: { data: { messageBody: [new ros.RosParameter(w.stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString] } },
    }), 'Media/X: filterPattern.data.messageBody[0] must be literal: the trigger writes the pattern as JSON text, which a deploy-time value cannot be put into safely, got "<token>"'],
    ['a role whose trust denies SMQ', (w) => new TopicTrigger(w.stack, 'OnEvent', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), role: trustRole(w.stack, [
      { action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['mns.aliyuncs.com'] } },
      { action: 'sts:AssumeRole', effect: 'Deny', principal: { service: ['mns.aliyuncs.com'] } },
    ]) }), TRUST_ERROR('Media/Trust')],
    ['a role whose trust allows another action to SMQ', (w) => new TopicTrigger(w.stack, 'OnEvent', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), role: trustRole(w.stack, [
      { action: 'mns:SendMessage', effect: 'Allow', principal: { service: ['mns.aliyuncs.com'] } },
    ]) }), TRUST_ERROR('Media/Trust')],
    ['a topic in another region', (w) => new TopicTrigger(w.stack, 'X', { topic: smq.Topic.fromTopicName(w.stack, 'Far', 'events', { region: 'cn-beijing' }), fn: TriggerFunction.fc3(w.fn) }),
      'Media/X: topic must be in the same region as FC 3.0 function \'Media/Transcode\' (cn-hangzhou), got "topic \'Media/Far\' in region cn-beijing"'],
    ['a function imported from another region', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc3FromName('f', { region: 'cn-beijing' }) }),
      'Media/X: fn must be in the same region as the stack (cn-hangzhou), got "FC 3.0 function \\"f\\" in region cn-beijing"'],
    ['a queue of another account', (w) => new QueueTrigger(w.stack, 'X', { queue: smq.Queue.fromQueueName(w.stack, 'Foreign', 'jobs', { account: '999999' }), fn: TriggerFunction.fc3(w.fn) }),
      'Media/X: queue must be in the same account as FC 3.0 function \'Media/Transcode\' (123456789012), got "queue \'Media/Foreign\' in account 999999"'],
    ['a batch size of 0', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), batchSize: 0 }),
      'Media/X: batchSize must be an integer between 1 and 10000 messages, got 0'],
    ['a batch size of 10001', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), batchSize: 10001 }),
      'Media/X: batchSize must be an integer between 1 and 10000 messages, got 10001'],
    ['a batch window of 16 seconds', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), batchWindow: Duration.seconds(16) }),
      'Media/X: batchWindow must be an integer between 0 and 15 seconds, got 16'],
    ['a batch window of a minute', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), batchWindow: Duration.minutes(1) }),
      'Media/X: batchWindow must be an integer between 0 and 15 seconds, got 60'],
    ['a batch window that is a number', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), batchWindow: 5 as any }),
      'Media/X: batchWindow must be a Duration, such as Duration.seconds(30), got 5'],
    ['a dead-letter queue that is the source queue', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), deadLetterQueue: w.queue }),
      'Media/X: deadLetterQueue must be another queue than the one the trigger reads: a failed message would come back to the function forever, got "Media/Jobs"'],
    ['a dead-letter queue that imports the source queue', (w) => new QueueTrigger(w.stack, 'X', {
      queue: w.queue, fn: TriggerFunction.fc3(w.fn), deadLetterQueue: smq.Queue.fromQueueName(w.stack, 'Same', w.queue.queueName),
    }), 'Media/X: deadLetterQueue must be another queue than the one the trigger reads: a failed message would come back to the function forever, got "Media/Same"'],
    ['a dead-letter queue in another region', (w) => new QueueTrigger(w.stack, 'X', {
      queue: w.queue, fn: TriggerFunction.fc3(w.fn), deadLetterQueue: smq.Queue.fromQueueName(w.stack, 'Far', 'dlq', { region: 'cn-beijing' }),
    }), 'Media/X: deadLetterQueue must be in the same region as FC 3.0 function \'Media/Transcode\' (cn-hangzhou), got "queue \'Media/Far\' in region cn-beijing"'],
    ['a topic as the dead-letter queue', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), deadLetterQueue: w.topic as any }),
      'Media/X: deadLetterQueue must be a queue, not a topic (smq.Queue, or one imported with Queue.fromQueueName or fromQueueArn), got "Media/Events"'],
    ['a pattern leaf that is not a list', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), filterPattern: { data: 'x' } }),
      'Media/X: filterPattern.data must be a list of values or matchers (such as ["acs.oss"]), or an object of them, got "x"'],
    ['a Base64 switch that is a string', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), base64Decode: 'true' as any }),
      'Media/X: base64Decode must be true or false, got "true"'],
    ['an unknown event format', (w) => new QueueTrigger(w.stack, 'X', { queue: w.queue, fn: TriggerFunction.fc3(w.fn), eventFormat: 'Raw' as any }),
      'Media/X: eventFormat must be one of "CloudEvents", "RawData", got "Raw"'],
    ['a role that is not a RAM role', (w) => new TopicTrigger(w.stack, 'X', { topic: w.topic, fn: TriggerFunction.fc3(w.fn), role: {} as any }),
      'Media/X: role must be a RAM role (ram.Role of @alicloud/ros-cdk-ram), got {}'],
  ];

  test.each(bad)('%s', (_name, make, message) => {
    const w = world('Media', ENV);
    expectInvalid(() => make(w), message);
  });
});
