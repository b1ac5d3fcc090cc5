/**
 * Function Compute asynchronous results to SMQ: FC 3.0 through ALIYUN::FC3::AsyncInvokeConfig, FC 2.0 through the
 * function's AsyncConfiguration, destinations in FC's form acs:mns:{region}:{account}:/queues/{name}/messages
 * (https://www.alibabacloud.com/help/en/fc/user-guide/result-callback), and the function's (or service's) role granted
 * exactly mns:SendMessage / mns:PublishMessage on each destination.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as ram from '@alicloud/ros-cdk-ram';
import { Match, Template } from '../../lib/assertions';
import { consumers, Duration, smq, sources } from '../../lib';
import { expectInvalid, getAtt, infos, mnsJoin, newRole, newStack, warnings } from '../util';

const { FunctionResultDestinations, ResultFunction } = sources;
const ENV = { region: 'cn-hangzhou', account: '123456789012' };
const FC_TRUST = { version: '1', statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['fc.aliyuncs.com'] } }] };

function fcRole(scope: ros.Construct, id: string): ram.Role {
  return new ram.Role(scope, id, { roleName: `role-${id.toLowerCase()}`, assumeRolePolicyDocument: FC_TRUST });
}

function fc3Function(scope: ros.Construct, id: string, role?: string): fc3.Function {
  return new fc3.Function(scope, id, {
    functionName: id.toLowerCase(), runtime: 'nodejs20', handler: 'index.handler', role, code: { zipFile: 'exports.handler = async () => {};' },
  });
}

interface World {
  app: ros.App;
  stack: ros.Stack;
  role: ram.Role;
  fn: fc3.Function;
  service: fc.Service;
  fn2: fc.Function;
  failures: smq.Queue;
  done: smq.Topic;
}

function world(stackName = 'Media', env?: ros.Environment): World {
  const { app, stack } = newStack(stackName, env ? { env } : {});
  const role = fcRole(stack, 'WorkerRole');
  const fn = fc3Function(stack, 'Worker', role.attrArn as string);
  const service = new fc.Service(stack, 'Legacy', { serviceName: 'legacy', role: role.attrArn });
  const fn2 = new fc.Function(stack, 'Resize', {
    serviceName: service.attrServiceName, functionName: 'resize', runtime: 'nodejs20', handler: 'index.handler',
    code: { zipFile: 'exports.handler = async () => {};' },
  });
  return { app, stack, role, fn, service, fn2, failures: new smq.Queue(stack, 'Failures'), done: new smq.Topic(stack, 'Done') };
}

function resource(template: Template, logicalId: string): any {
  return template.toJSON().Resources[logicalId];
}

/** The one policy our grants made for `channelId` and the role, with its statements. */
function policyOn(template: Template, channelId: string): any {
  const ids = Object.keys(template.findResources('ALIYUN::RAM::ManagedPolicy')).filter((id) => id.startsWith(`${channelId}WorkerRolePolicy`));
  expect(ids).toHaveLength(1);
  return { id: ids[0], ...resource(template, ids[0]) };
}

describe('FC 3.0', () => {
  test('an AsyncInvokeConfig with both destinations in FC\'s form, retries and event age; the function\'s role may send to exactly those, and the config waits for it', () => {
    const { stack, role, fn, failures, done } = world();
    const results = new FunctionResultDestinations(stack, 'Results', {
      fn: ResultFunction.fc3(fn, role), onSuccess: done, onFailure: failures, maxAsyncRetryAttempts: 2, maxAsyncEventAge: Duration.hours(2),
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::FC3::AsyncInvokeConfig', 1);
    const failurePolicy = policyOn(template, 'Failures');
    const donePolicy = policyOn(template, 'Done');
    expect(resource(template, 'Results')).toEqual({
      Type: 'ALIYUN::FC3::AsyncInvokeConfig',
      Properties: {
        FunctionName: getAtt('Worker', 'FunctionName'),
        DestinationConfig: {
          OnSuccess: { Destination: mnsJoin('/topics/', getAtt('Done', 'TopicName'), '/messages') },
          OnFailure: { Destination: mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages') },
        },
        MaxAsyncRetryAttempts: 2,
        MaxAsyncEventAgeInSeconds: 7200,
      },
      DependsOn: [donePolicy.id, failurePolicy.id].sort(),
    });
    // exactly the one action FC needs, on exactly the one channel, attached to the function's role
    expect(failurePolicy.Properties.PolicyDocument).toEqual({
      Version: '1', Statement: [{ Effect: 'Allow', Action: ['mns:SendMessage'], Resource: [mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages')] }],
    });
    expect(failurePolicy.Properties.Roles).toEqual([getAtt('WorkerRole', 'RoleName')]);
    expect(donePolicy.Properties.PolicyDocument).toEqual({
      Version: '1', Statement: [{ Effect: 'Allow', Action: ['mns:PublishMessage'], Resource: [mnsJoin('/topics/', getAtt('Done', 'TopicName'), '/messages')] }],
    });
    expect(donePolicy.Properties.Roles).toEqual([getAtt('WorkerRole', 'RoleName')]);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 2);
    // the user's function is left as it was
    expect(resource(template, 'Worker').Properties.Role).toEqual(getAtt('WorkerRole', 'Arn'));
    expect(results.asyncInvokeConfig).toBeInstanceOf(fc3.RosAsyncInvokeConfig);
    expect(warnings(stack)).toEqual([]);
    expect(infos(stack)).toEqual([]);
  });

  test('one destination only, Function Compute\'s defaults left to the service', () => {
    const { stack, role, fn, failures } = world();
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fn, role), onFailure: failures });
    const template = Template.fromStack(stack);
    template.hasResource('ALIYUN::FC3::AsyncInvokeConfig', {
      Properties: Match.objectEquals({
        FunctionName: getAtt('Worker', 'FunctionName'),
        DestinationConfig: { OnFailure: { Destination: mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages') } },
      }),
    });
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
  });

  test('one channel for successes and failures: one policy with one action', () => {
    const { stack, role, fn, failures } = world();
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fn, role), onSuccess: failures, onFailure: failures });
    const template = Template.fromStack(stack);
    const arn = mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages');
    expect(resource(template, 'Results').Properties.DestinationConfig).toEqual({ OnSuccess: { Destination: arn }, OnFailure: { Destination: arn } });
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    expect(policyOn(template, 'Failures').Properties.PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: ['mns:SendMessage'], Resource: [arn] }]);
    expect(resource(template, 'Results').DependsOn).toHaveLength(1);
  });

  test('a function with a role that is not given here: no grant, and a warning that says what to allow by hand', () => {
    const { stack, fn, failures, done } = world();
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fn), onSuccess: done, onFailure: failures });
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 0);
    expect(resource(template, 'Results').DependsOn).toBeUndefined();
    expect(warnings(stack)).toEqual([
      'Media/Results: fn: FC 3.0 function \'Media/Worker\' sends its results with the role in the function\'s role prop (the Arn of resource WorkerRole), which was not given here: '
      + 'allow that role mns:PublishMessage on topic \'Media/Done\' ("acs:mns:<token>:<token>:/topics/<token>/messages") and mns:SendMessage on queue \'Media/Failures\' '
      + '("acs:mns:<token>:<token>:/queues/<token>/messages") by hand, or pass the ram.Role as the last argument of ResultFunction.fc3(fn, role) to have it granted.',
    ]);
  });

  test('a function without a role: a warning that it needs one (the service-linked role is not documented to send to SMQ), no grant', () => {
    const { stack, failures } = world();
    const plain = fc3Function(stack, 'Plain');
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(plain), onFailure: failures });
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 0);
    expect(infos(stack)).toEqual([]);
    expect(warnings(stack)).toEqual([
      'Media/Results: fn: FC 3.0 function \'Media/Plain\' has no role, and Function Compute sends its results with the function\'s role (the service-linked role '
      + 'AliyunServiceRoleForFC is not documented to send to SMQ: https://www.alibabacloud.com/help/en/functioncompute/security-and-compliance/service-linked-role-of-function-compute): '
      + 'give the function a role trusted by fc.aliyuncs.com (role: role.attrArn), allowed mns:SendMessage on queue \'Media/Failures\' '
      + '("acs:mns:<token>:<token>:/queues/<token>/messages"), and pass it as the last argument of ResultFunction.fc3(fn, role) to have it granted.',
    ]);
  });

  test('an L1 fc3.RosFunction: its role is read, given or not', () => {
    const { stack, role, failures, done } = world();
    const l1 = new fc3.RosFunction(stack, 'Raw', { functionName: 'raw', runtime: 'nodejs20', handler: 'index.handler', role: role.attrArn, code: { zipFile: 'x' } }, true);
    new FunctionResultDestinations(stack, 'Granted', { fn: ResultFunction.fc3(l1 as unknown as fc3.IFunction, role), onFailure: failures });
    const template = Template.fromStack(stack);
    expect(resource(template, 'Granted').Properties.FunctionName).toEqual(getAtt('Raw', 'FunctionName'));
    expect(resource(template, 'Granted').DependsOn).toEqual([policyOn(template, 'Failures').id]);
    const l1b = new fc3.RosFunction(stack, 'Raw2', { functionName: 'raw2', runtime: 'nodejs20', handler: 'index.handler', role: role.attrArn, code: { zipFile: 'x' } }, true);
    new FunctionResultDestinations(stack, 'ByHand', { fn: ResultFunction.fc3(l1b as unknown as fc3.IFunction), onSuccess: done });
    expect(warnings(stack)).toEqual([expect.stringMatching(/^Media\/ByHand: fn: FC 3\.0 function 'Media\/Raw2' sends its results with the role in the function's role prop \(the Arn of resource WorkerRole\), which was not given here/)]);
  });

  test('a role set on the function\'s L1 after construction is the role', () => {
    const { stack, role, failures, done } = world();
    const fn = fc3Function(stack, 'Later');
    (fn.node.children.find((c) => c instanceof fc3.RosFunction) as fc3.RosFunction).role = role.attrArn;
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fn, role), onFailure: failures });
    Template.fromStack(stack).resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    const other = fc3Function(stack, 'Later2', 'acs:ram::123456789012:role/someone');
    (other.node.children.find((c) => c instanceof fc3.RosFunction) as fc3.RosFunction).role = role.attrArn;
    new FunctionResultDestinations(stack, 'Results2', { fn: ResultFunction.fc3(other), onSuccess: done });
    expect(warnings(stack)).toEqual([expect.stringContaining('sends its results with the role in the function\'s role prop (the Arn of resource WorkerRole), which was not given here')]);
  });
});

describe('FC 2.0', () => {
  test('the destinations go into the function\'s AsyncConfiguration, kept with its own fields; the service\'s role is granted and the function waits for it', () => {
    const { stack, role, service, failures, done } = world();
    const fn2 = new fc.Function(stack, 'Thumbs', {
      serviceName: service.attrServiceName, functionName: 'thumbs', runtime: 'nodejs20', handler: 'index.handler',
      code: { zipFile: 'exports.handler = async () => {};' }, asyncConfiguration: { statefulInvocation: true },
    });
    const results = new FunctionResultDestinations(stack, 'Results', {
      fn: ResultFunction.fc2(service, fn2, role), onSuccess: done, onFailure: failures, maxAsyncRetryAttempts: 0, maxAsyncEventAge: Duration.days(10),
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::FC3::AsyncInvokeConfig', 0);
    expect(results.asyncInvokeConfig).toBeUndefined();
    const thumbs = resource(template, 'Thumbs');
    expect(thumbs.Properties.AsyncConfiguration).toEqual({
      // FC 2.0 writes each destination as a plain string
      Destination: {
        OnSuccess: mnsJoin('/topics/', getAtt('Done', 'TopicName'), '/messages'),
        OnFailure: mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages'),
      },
      MaxAsyncRetryAttempts: 0,
      // 10 days: past FC 3.0's 7, within FC 2.0's 30
      MaxAsyncEventAgeInSeconds: 864000,
      StatefulInvocation: true,
    });
    const failurePolicy = policyOn(template, 'Failures');
    const donePolicy = policyOn(template, 'Done');
    expect(thumbs.DependsOn).toEqual([donePolicy.id, failurePolicy.id].sort());
    expect(failurePolicy.Properties.PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: ['mns:SendMessage'], Resource: [mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages')] }]);
    expect(donePolicy.Properties.PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: ['mns:PublishMessage'], Resource: [mnsJoin('/topics/', getAtt('Done', 'TopicName'), '/messages')] }]);
    expect(failurePolicy.Properties.Roles).toEqual([getAtt('WorkerRole', 'RoleName')]);
    // the other function of the service is untouched
    expect(resource(template, 'Resize').Properties.AsyncConfiguration).toBeUndefined();
    expect(warnings(stack)).toEqual([]);
  });

  test('a service without a role: a warning that says what the service needs', () => {
    const { stack, failures } = world();
    const bare = new fc.Service(stack, 'Bare', { serviceName: 'bare' });
    const fn2 = new fc.Function(stack, 'Lone', { serviceName: bare.attrServiceName, functionName: 'lone', runtime: 'nodejs20', handler: 'index.handler' });
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc2(bare, fn2), onFailure: failures });
    const template = Template.fromStack(stack);
    expect(resource(template, 'Lone').Properties.AsyncConfiguration).toEqual({ Destination: { OnFailure: mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages') } });
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 0);
    expect(warnings(stack)).toEqual([
      'Media/Results: fn: FC 2.0 function \'Media/Lone\' sends its results with its service\'s role, and the role prop of service \'Media/Bare\' names none: '
      + 'give the service a role trusted by fc.aliyuncs.com (role: role.attrArn), allowed mns:SendMessage on queue \'Media/Failures\' '
      + '("acs:mns:<token>:<token>:/queues/<token>/messages"), and pass it as the last argument of ResultFunction.fc2(service, fn, role) to have it granted.',
    ]);
  });

  test('a role set on the service\'s L1 after construction is the role', () => {
    const { stack, role, failures } = world();
    const bare = new fc.Service(stack, 'Bare', { serviceName: 'bare' });
    (bare.node.children.find((c) => c instanceof fc.RosService) as fc.RosService).role = role.attrArn;
    const fn2 = new fc.Function(stack, 'Lone', { serviceName: bare.attrServiceName, functionName: 'lone', runtime: 'nodejs20', handler: 'index.handler' });
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc2(bare, fn2, role), onFailure: failures });
    const template = Template.fromStack(stack);
    expect(resource(template, 'Lone').DependsOn).toEqual([policyOn(template, 'Failures').id]);
    expect(warnings(stack)).toEqual([]);
  });

  test('a service with a role that is not given here: a warning naming the role', () => {
    const { stack, service, fn2, failures } = world();
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc2(service, fn2), onFailure: failures });
    expect(warnings(stack)).toEqual([expect.stringContaining('sends its results with the role in the role prop of service \'Media/Legacy\' (the Arn of resource WorkerRole), which was not given here: allow that role mns:SendMessage on queue \'Media/Failures\'')]);
  });

  test('an AsyncConfiguration that already sets a destination, a retry count, or is a token: errors, nothing overwritten', () => {
    const { stack, service, failures } = world();
    const make = (id: string, asyncConfiguration: fc.RosFunction.AsyncConfigurationProperty | ros.IResolvable): fc.Function => new fc.Function(stack, id, {
      serviceName: service.attrServiceName, functionName: id.toLowerCase(), runtime: 'nodejs20', handler: 'index.handler', asyncConfiguration,
    });
    const withDestination = make('Dest', { destination: { onFailure: 'acs:mns:cn-hangzhou:1:/queues/x/messages' } });
    expectInvalid(() => new FunctionResultDestinations(stack, 'R1', { fn: ResultFunction.fc2(service, withDestination), onFailure: failures }),
      'Media/R1: fn must not set asyncConfiguration.destination itself when a FunctionResultDestinations sets it: set each in one place (the function keeps '
      + 'its other asyncConfiguration fields, such as statefulInvocation), got "Media/Dest"');
    expect((withDestination.node.defaultChild ?? withDestination.node.children.find((c) => c instanceof fc.RosFunction)) as fc.RosFunction)
      .toMatchObject({ asyncConfiguration: { destination: { onFailure: 'acs:mns:cn-hangzhou:1:/queues/x/messages' } } });
    const withRetries = make('Retries', { maxAsyncRetryAttempts: 1 });
    expectInvalid(() => new FunctionResultDestinations(stack, 'R2', { fn: ResultFunction.fc2(service, withRetries), onFailure: failures, maxAsyncRetryAttempts: 2 }),
      /^Media\/R2: fn must not set asyncConfiguration\.maxAsyncRetryAttempts itself when a FunctionResultDestinations sets it/);
    // a retry count the construct does not set is kept
    new FunctionResultDestinations(stack, 'R3', { fn: ResultFunction.fc2(service, withRetries), onFailure: failures });
    expect(stack.resolve((withRetries.node.children.find((c) => c instanceof fc.RosFunction) as fc.RosFunction).asyncConfiguration))
      .toEqual({ maxAsyncRetryAttempts: 1, destination: { onFailure: mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages') } });
    const param = new ros.RosParameter(stack, 'AsyncConfig', { type: ros.RosParameterType.JSON });
    const tokenConfig = make('Token', param.value);
    expectInvalid(() => new FunctionResultDestinations(stack, 'R4', { fn: ResultFunction.fc2(service, tokenConfig), onFailure: failures }),
      'Media/R4: fn must not have its asyncConfiguration given as a token: synth cannot add the destinations to it, got "Media/Token"');
  });
});

describe('two instances, stacks, imports', () => {
  test('two functions with one role and one queue: two configs, one policy on the queue for the role', () => {
    const { stack, role, fn, failures } = world();
    const other = fc3Function(stack, 'Other', role.attrArn as string);
    new FunctionResultDestinations(stack, 'WorkerResults', { fn: ResultFunction.fc3(fn, role), onFailure: failures });
    new FunctionResultDestinations(stack, 'OtherResults', { fn: ResultFunction.fc3(other, role), onFailure: failures });
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('ALIYUN::FC3::AsyncInvokeConfig')).sort()).toEqual(['OtherResults', 'WorkerResults']);
    expect(resource(template, 'OtherResults').Properties.FunctionName).toEqual(getAtt('Other', 'FunctionName'));
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    const policy = policyOn(template, 'Failures');
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: ['mns:SendMessage'], Resource: [mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages')] }]);
    expect(resource(template, 'OtherResults').DependsOn).toEqual([policy.id]);
    expect(resource(template, 'WorkerResults').DependsOn).toEqual([policy.id]);
  });

  test('two functions with two roles, in one stack: one policy per role, each on its channel', () => {
    const { stack, role, fn, failures, done } = world();
    const otherRole = fcRole(stack, 'OtherRole');
    const other = fc3Function(stack, 'Other', otherRole.attrArn as string);
    new FunctionResultDestinations(stack, 'A', { fn: ResultFunction.fc3(fn, role), onFailure: failures });
    new FunctionResultDestinations(stack, 'B', { fn: ResultFunction.fc3(other, otherRole), onFailure: done });
    const template = Template.fromStack(stack);
    const policies = template.findResources('ALIYUN::RAM::ManagedPolicy');
    expect(Object.values(policies).map((p: any) => [p.Properties.Roles, p.Properties.PolicyDocument.Statement[0].Action])).toEqual(expect.arrayContaining([
      [[getAtt('WorkerRole', 'RoleName')], ['mns:SendMessage']],
      [[getAtt('OtherRole', 'RoleName')], ['mns:PublishMessage']],
    ]));
    expect(Object.keys(policies)).toHaveLength(2);
  });

  test('the same ids in two stacks', () => {
    const app = new ros.App();
    for (const name of ['One', 'Two']) {
      const stack = new ros.Stack(app, name);
      const role = fcRole(stack, 'WorkerRole');
      new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fc3Function(stack, 'Worker', role.attrArn as string), role), onFailure: new smq.Queue(stack, 'Failures') });
    }
    for (const name of ['One', 'Two']) {
      const template = Template.fromStack(app.node.findChild(name) as ros.Stack);
      template.resourceCountIs('ALIYUN::FC3::AsyncInvokeConfig', 1);
      template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', { PolicyName: { 'Fn::Join': ['', [Match.stringLikeRegexp(`^${name}-Failures-WorkerRole-[0-9a-f]{8}-$`), { Ref: 'ALIYUN::Region' }]] } });
    }
  });

  test('imported channels: destinations and grants name them by their literal names', () => {
    const { stack, role, fn } = world('Media', ENV);
    const queue = smq.Queue.fromQueueName(stack, 'LegacyFailures', 'legacy-failures');
    const topic = smq.Topic.fromTopicArn(stack, 'Audit', 'acs:mns:cn-hangzhou:123456789012:/topics/audit');
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fn, role), onSuccess: topic, onFailure: queue });
    const template = Template.fromStack(stack);
    expect(resource(template, 'Results').Properties.DestinationConfig).toEqual({
      OnSuccess: { Destination: 'acs:mns:cn-hangzhou:123456789012:/topics/audit/messages' },
      OnFailure: { Destination: 'acs:mns:cn-hangzhou:123456789012:/queues/legacy-failures/messages' },
    });
    const statements = Object.values(template.findResources('ALIYUN::RAM::ManagedPolicy')).map((p: any) => p.Properties.PolicyDocument.Statement).flat();
    expect(statements).toEqual(expect.arrayContaining([
      { Effect: 'Allow', Action: ['mns:SendMessage'], Resource: ['acs:mns:cn-hangzhou:123456789012:/queues/legacy-failures/messages'] },
      { Effect: 'Allow', Action: ['mns:PublishMessage'], Resource: ['acs:mns:cn-hangzhou:123456789012:/topics/audit/messages'] },
    ]));
    expect(statements).toHaveLength(2);
    expect(warnings(stack)).toEqual([]);
  });

  test('a channel of another stack is named by its literal name, with no cross-stack reference', () => {
    const app = new ros.App();
    const shared = new ros.Stack(app, 'Shared');
    const failures = new smq.Queue(shared, 'Failures', { queueName: 'shared-failures' });
    const stack = new ros.Stack(app, 'Media');
    const role = fcRole(stack, 'WorkerRole');
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fc3Function(stack, 'Worker', role.attrArn as string), role), onFailure: failures });
    const template = Template.fromStack(stack);
    expect(resource(template, 'Results').Properties.DestinationConfig.OnFailure.Destination).toEqual(mnsJoin('/queues/', 'shared-failures', '/messages'));
    // the role's policy lives with the role, in this stack, naming the queue literally
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['mns:SendMessage'], Resource: [mnsJoin('/queues/', 'shared-failures', '/messages')] }] },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
    expect(Template.fromStack(shared).findResources('ALIYUN::RAM::ManagedPolicy')).toEqual({});
    // no reference, so the order is explicit: the queue's stack is deployed first
    expect(stack.dependencies).toEqual([shared]);
    expect(app.synth().getStackByName('Media').manifest.dependencies).toContain('Shared');
    expect(shared.dependencies).toEqual([]);
  });

  test('a channel of another stack: its stack goes first, for FC 2.0 too; an imported channel of another stack adds no dependency', () => {
    const app = new ros.App();
    const shared = new ros.Stack(app, 'Shared', { env: ENV });
    const imports = new ros.Stack(app, 'Imports', { env: ENV });
    const stack = new ros.Stack(app, 'Media', { env: ENV });
    const service = new fc.Service(stack, 'Legacy', { serviceName: 'legacy' });
    const fn2 = new fc.Function(stack, 'Resize', { serviceName: service.attrServiceName, functionName: 'resize', runtime: 'nodejs20', handler: 'index.handler' });
    new FunctionResultDestinations(stack, 'Results', {
      fn: ResultFunction.fc2(service, fn2), onSuccess: new smq.Topic(shared, 'Done'), onFailure: smq.Queue.fromQueueName(imports, 'Old', 'old'),
    });
    const assembly = app.synth();
    expect(stack.dependencies).toEqual([shared]);
    expect(assembly.getStackByName('Media').manifest.dependencies).toContain('Shared');
    expect(assembly.getStackByName('Media').manifest.dependencies).not.toContain('Imports');
  });

  test('a channel of a stack that already depends on this one: an error, as its stack cannot go first', () => {
    const app = new ros.App();
    const shared = new ros.Stack(app, 'Shared', { env: ENV });
    const stack = new ros.Stack(app, 'Media', { env: ENV });
    shared.addDependency(stack);
    const failures = new smq.Queue(shared, 'Failures', { queueName: 'shared-failures' });
    expectInvalid(() => new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fc3Function(stack, 'Worker')), onFailure: failures }),
      'Media/Results: onFailure must be in a stack that does not need stack \'Media\' (\'Media\' -> \'Shared\': queue \'Shared/Failures\' must exist before '
      + '\'Media/Results\' names it; \'Shared\' -> \'Media\': a dependency added with addDependency): create the queue in stack \'Media\' or in one deployed before it, '
      + 'got "Shared/Failures"');
  });

  test('a role in one stack and a channel with a deploy-time name in another would make a cycle: an error naming both and what to do', () => {
    const app = new ros.App();
    const a = new ros.Stack(app, 'A', { env: ENV });
    const b = new ros.Stack(app, 'B', { env: ENV });
    const queueName = (stack: ros.Stack): string => new ros.RosParameter(stack, 'QueueName', { type: ros.RosParameterType.STRING }).valueAsString;
    // the role in B, the function (naming the role) and the config in A, the queue named by A's parameter in A
    const roleB = fcRole(b, 'WorkerRole');
    const fnA = fc3Function(a, 'Worker', roleB.attrArn as string);
    const queueA = new smq.Queue(a, 'Failures', { queueName: queueName(a) });
    expectInvalid(() => new FunctionResultDestinations(a, 'Results', { fn: ResultFunction.fc3(fnA, roleB), onFailure: queueA }),
      'A/Results: onFailure must have a literal name or be in the stack of role \'B/WorkerRole\' (\'B\'), whose policy names it: the stacks would need each other '
      + '(\'B\' -> \'A\': the policy of role \'B/WorkerRole\' names queue \'A/Failures\' by its deploy-time name; '
      + '\'A\' -> \'B\': FC 3.0 function \'A/Worker\' names \'B/WorkerRole\' in its role prop). Give the queue a literal queueName, or create it in stack \'B\', got "A/Failures"');
    // the function and its role in A, the config and the topic (named by B's parameter) in B
    const roleA = fcRole(a, 'OwnRole');
    const fnA2 = fc3Function(a, 'Other', roleA.attrArn as string);
    const topicB = new smq.Topic(b, 'Done', { topicName: new ros.RosParameter(b, 'TopicName', { type: ros.RosParameterType.STRING }).valueAsString });
    expectInvalid(() => new FunctionResultDestinations(b, 'Results', { fn: ResultFunction.fc3(fnA2, roleA), onSuccess: topicB }),
      'B/Results: onSuccess must have a literal name or be in the stack of role \'A/OwnRole\' (\'A\'), whose policy names it: the stacks would need each other '
      + '(\'A\' -> \'B\': the policy of role \'A/OwnRole\' names topic \'B/Done\' by its deploy-time name; '
      + '\'B\' -> \'A\': \'B/Results\' names FC 3.0 function \'A/Other\' by its name attribute). Give the topic a literal topicName, or create it in stack \'A\', got "B/Done"');
    // an imported channel with a deploy-time name is the same
    const imported = smq.Queue.fromQueueName(a, 'Imported', new ros.RosParameter(a, 'ImportedName', { type: ros.RosParameterType.STRING }).valueAsString);
    expectInvalid(() => new FunctionResultDestinations(a, 'Results3', { fn: ResultFunction.fc3(fnA, roleB), onFailure: imported }), /^A\/Results3: onFailure must have a literal name or be in the stack of role 'B\/WorkerRole'/);
    // the refused constructs made nothing: no policy, no dependency, and the app still synthesizes
    expect(a.dependencies).toEqual([]);
    expect(b.dependencies).toEqual([]);
    app.synth();
    expect(Template.fromStack(a).findResources('ALIYUN::RAM::ManagedPolicy')).toEqual({});
    expect(Template.fromStack(b).findResources('ALIYUN::RAM::ManagedPolicy')).toEqual({});
  });

  test('a function whose role is in the stack of its configuration would make a cycle: an error that says where to create it', () => {
    const app = new ros.App();
    const a = new ros.Stack(app, 'A', { env: ENV });
    const b = new ros.Stack(app, 'B', { env: ENV });
    const roleB = fcRole(b, 'WorkerRole');
    const fnA = fc3Function(a, 'Worker', roleB.attrArn as string);
    expectInvalid(() => new FunctionResultDestinations(b, 'Results', { fn: ResultFunction.fc3(fnA, roleB), onFailure: new smq.Queue(b, 'Failures') }),
      'B/Results: fn must not make the stacks need each other (\'B\' -> \'A\': \'B/Results\' names FC 3.0 function \'A/Worker\' by its name attribute; '
      + '\'A\' -> \'B\': FC 3.0 function \'A/Worker\' names \'B/WorkerRole\' in its role prop): create the FunctionResultDestinations in stack \'A\', the function\'s, got "A/Worker"');
    // FC 2.0: the service and its role in B, the function and the config in A, the queue with a deploy-time name in A
    const serviceRole = fcRole(b, 'ServiceRole');
    const service = new fc.Service(b, 'Legacy', { serviceName: 'legacy', role: serviceRole.attrArn });
    const fn2 = new fc.Function(a, 'Resize', { serviceName: service.attrServiceName, functionName: 'resize', runtime: 'nodejs20', handler: 'index.handler' });
    const named = new smq.Queue(a, 'Named', { queueName: new ros.RosParameter(a, 'QueueName', { type: ros.RosParameterType.STRING }).valueAsString });
    expectInvalid(() => new FunctionResultDestinations(a, 'Results2', { fn: ResultFunction.fc2(service, fn2, serviceRole), onFailure: named }),
      'A/Results2: onFailure must have a literal name or be in the stack of role \'B/ServiceRole\' (\'B\'), whose policy names it: the stacks would need each other '
      + '(\'B\' -> \'A\': the policy of role \'B/ServiceRole\' names queue \'A/Named\' by its deploy-time name; '
      + '\'A\' -> \'B\': FC 2.0 function \'A/Resize\' names \'B/Legacy\' in its serviceName prop). Give the queue a literal queueName, or create it in stack \'B\', got "A/Named"');
    // two constructs that together close a cycle: the second is refused
    const fnB = fc3Function(b, 'Mirror');
    expectInvalid(() => new FunctionResultDestinations(b, 'Results3', { fn: ResultFunction.fc3(fnA), onFailure: new smq.Queue(b, 'Q3') }),
      /^B\/Results3: fn must not make the stacks need each other/);
    new FunctionResultDestinations(a, 'Results4', { fn: ResultFunction.fc3(fnB), onFailure: new smq.Queue(a, 'Q4') });
    expectInvalid(() => new FunctionResultDestinations(b, 'Results5', { fn: ResultFunction.fc3(fc3Function(a, 'Worker5')), onFailure: new smq.Queue(b, 'Q5') }),
      'B/Results5: fn must not make the stacks need each other (\'B\' -> \'A\': \'B/Results5\' names FC 3.0 function \'A/Worker5\' by its name attribute; '
      + '\'A\' -> \'B\': \'A/Results4\' names FC 3.0 function \'B/Mirror\' by its name attribute): create the FunctionResultDestinations in stack \'A\', the function\'s, got "A/Worker5"');
  });

  test('no cycle: literal names across stacks, deploy-time names where only one stack needs the other, everything in one stack', () => {
    const app = new ros.App();
    const a = new ros.Stack(app, 'A', { env: ENV });
    const b = new ros.Stack(app, 'B', { env: ENV });
    const param = (stack: ros.Stack, id: string): string => new ros.RosParameter(stack, id, { type: ros.RosParameterType.STRING }).valueAsString;
    // role in B, function and config in A, literal queue name in A
    const roleB = fcRole(b, 'WorkerRole');
    new FunctionResultDestinations(a, 'Literal', { fn: ResultFunction.fc3(fc3Function(a, 'Worker', roleB.attrArn as string), roleB), onFailure: new smq.Queue(a, 'Failures') });
    // function, role and config in C, a queue named by A's parameter in A: C needs A, and A does not need C
    const c = new ros.Stack(app, 'C', { env: ENV });
    const roleC = fcRole(c, 'CRole');
    new FunctionResultDestinations(c, 'Tokens', {
      fn: ResultFunction.fc3(fc3Function(c, 'CWorker', roleC.attrArn as string), roleC), onFailure: new smq.Queue(a, 'Named', { queueName: param(a, 'QueueName') }),
    });
    // everything in one stack, names from parameters
    const roleInA = fcRole(a, 'LocalRole');
    new FunctionResultDestinations(a, 'Local', {
      fn: ResultFunction.fc3(fc3Function(a, 'LocalWorker', roleInA.attrArn as string), roleInA), onSuccess: new smq.Topic(a, 'Done', { topicName: param(a, 'TopicName') }),
    });
    const assembly = app.synth();
    expect(assembly.getStackByName('A').manifest.dependencies).toContain('B');
    expect(assembly.getStackByName('C').manifest.dependencies).toContain('A');
    expect(assembly.getStackByName('B').manifest.dependencies ?? []).not.toContain('A');
    // the policy of C's role names A's queue through an import
    expect(JSON.stringify(Template.fromStack(c).findResources('ALIYUN::RAM::ManagedPolicy'))).toContain('Fn::ImportValue');
  });

  test('a role of another stack gets its policy there, naming the channel literally; the config cannot wait for it across stacks', () => {
    const app = new ros.App();
    const roles = new ros.Stack(app, 'Roles', { env: ENV });
    const role = fcRole(roles, 'WorkerRole');
    const stack = new ros.Stack(app, 'Media', { env: ENV });
    const fn = fc3Function(stack, 'Worker', role.attrArn as string);
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fn, role), onFailure: new smq.Queue(stack, 'Failures') });
    const media = Template.fromStack(stack);
    media.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 0);
    expect(resource(media, 'Results').DependsOn).toBeUndefined();
    Template.fromStack(roles).hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['mns:SendMessage'], Resource: ['acs:mns:cn-hangzhou:123456789012:/queues/Media-Failures/messages'] }] },
      Roles: [getAtt('WorkerRole', 'RoleName')],
    });
  });

  test('a destination in another region or account is an error; one a token decides is a warning', () => {
    const { stack, role, fn } = world('Media', ENV);
    const otherRegion = smq.Queue.fromQueueName(stack, 'Far', 'far', { region: 'cn-beijing' });
    expectInvalid(() => new FunctionResultDestinations(stack, 'R1', { fn: ResultFunction.fc3(fn, role), onFailure: otherRegion }),
      'Media/R1: onFailure must be in the same region as FC 3.0 function \'Media/Worker\' (cn-hangzhou), got "queue \'Media/Far\' in region cn-beijing"');
    const otherAccount = smq.Topic.fromTopicArn(stack, 'Foreign', 'acs:mns:cn-hangzhou:999999999999:/topics/foreign');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R2', { fn: ResultFunction.fc3(fn, role), onSuccess: otherAccount }),
      'Media/R2: onSuccess must be in the same account as FC 3.0 function \'Media/Worker\' (123456789012), got "topic \'Media/Foreign\' in account 999999999999"');
    const param = new ros.RosParameter(stack, 'Region', { type: ros.RosParameterType.STRING });
    const unknown = smq.Queue.fromQueueName(stack, 'Somewhere', 'somewhere', { region: param.valueAsString });
    new FunctionResultDestinations(stack, 'R3', { fn: ResultFunction.fc3(fn, role), onFailure: unknown });
    expect(warnings(stack)).toEqual([expect.stringMatching(/^Media\/R3: onFailure: queue 'Media\/Somewhere' is in region <token>, account 123456789012, and FC 3\.0 function 'Media\/Worker' in region cn-hangzhou, account 123456789012\. They must be the same/)]);
  });

  test('an FC 3.0 function of a stack in another region is an error; an FC 2.0 function of another stack is an error', () => {
    const app = new ros.App();
    const east = new ros.Stack(app, 'East', { env: ENV });
    const west = new ros.Stack(app, 'West', { env: { ...ENV, region: 'cn-beijing' } });
    const fn = fc3Function(east, 'Worker');
    const failures = new smq.Queue(west, 'Failures');
    expectInvalid(() => new FunctionResultDestinations(west, 'Results', { fn: ResultFunction.fc3(fn), onFailure: failures }),
      'West/Results: fn must be in the same region as the stack (cn-beijing), got "FC 3.0 function \'East/Worker\' in region cn-hangzhou"');
    const service = new fc.Service(east, 'Legacy', { serviceName: 'legacy' });
    const fn2 = new fc.Function(east, 'Resize', { serviceName: service.attrServiceName, functionName: 'resize', runtime: 'nodejs20', handler: 'index.handler' });
    expectInvalid(() => new FunctionResultDestinations(west, 'Results2', { fn: ResultFunction.fc2(service, fn2), onFailure: failures }),
      'West/Results2: fn must be in the stack of this construct (\'West\'): FC 2.0 destinations are set on the function\'s own resource, so create the '
      + 'FunctionResultDestinations in stack \'East\', got "East/Resize"');
  });

  test('an FC 3.0 function of another stack in the same region and account works, with a reference to its name', () => {
    const app = new ros.App();
    const fns = new ros.Stack(app, 'Functions', { env: ENV });
    const wiring = new ros.Stack(app, 'Wiring', { env: ENV });
    const fn = fc3Function(fns, 'Worker');
    new FunctionResultDestinations(wiring, 'Results', { fn: ResultFunction.fc3(fn), onFailure: new smq.Queue(wiring, 'Failures') });
    const template = Template.fromStack(wiring);
    expect(resource(template, 'Results').Properties.FunctionName).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Functions:ExportsOutputFnGetAttWorkerFunctionName/) });
  });
});

describe('bad input', () => {
  test('props, fn and destinations', () => {
    const { stack, role, fn, service, fn2, failures } = world();
    expectInvalid(() => new FunctionResultDestinations(stack, 'R0', undefined as any), 'Media/R0: props must be given: { fn, onSuccess and/or onFailure }, got undefined');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R1', { fn: ResultFunction.fc3(fn, role) }),
      'Media/R1: onSuccess or onFailure must be given (or both): the queue or topic the results go to, got undefined');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R2', { fn: fn as any, onFailure: failures }),
      'Media/R2: fn must be a ResultFunction: ResultFunction.fc3(fn, role) or ResultFunction.fc2(service, fn, role), got "Media/Worker"');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R3', { fn: ResultFunction.fc3(fn2 as any), onFailure: failures }),
      'Media/R3: fn (ResultFunction.fc3(fn)) is an FC 2.0 function (it has a service): use ResultFunction.fc2(service, fn), whose service\'s role sends the results, got "Media/Resize"');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R4', { fn: ResultFunction.fc2(service, fn as any), onFailure: failures }),
      'Media/R4: fn (ResultFunction.fc2(service, fn)) is an FC 3.0 function (it has no service): use ResultFunction.fc3(fn), got "Media/Worker"');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R5', { fn: ResultFunction.fc2(undefined as any, fn2), onFailure: failures }),
      'Media/R5: fn (ResultFunction.fc2(service, fn)) must name the service of FC 2.0 function \'Media/Resize\' (fc.Service of @alicloud/ros-cdk-fc): '
      + 'FC 2.0 sends the results with the service\'s role, got undefined');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R6', { fn: ResultFunction.fc2(fn2 as any, fn2), onFailure: failures }),
      /^Media\/R6: fn \(ResultFunction\.fc2\(service, fn\)\) must name the service of FC 2\.0 function 'Media\/Resize'/);
    expectInvalid(() => new FunctionResultDestinations(stack, 'R7', { fn: ResultFunction.fc3(failures as any), onFailure: failures }),
      'Media/R7: fn (ResultFunction.fc3(fn)) must be given an FC 3.0 function (fc3.Function of @alicloud/ros-cdk-fc3), got "Media/Failures"');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R8', { fn: ResultFunction.fc3(fn, role), onFailure: 'acs:mns:cn-hangzhou:1:/queues/q/messages' as any }),
      'Media/R8: onFailure must be a queue or a topic (smq.Queue, smq.Topic, or one imported with fromQueueName, fromTopicArn, ...), got "acs:mns:cn-hangzhou:1:/queues/q/messages"');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R9', { fn: ResultFunction.fc3(fn, role), onSuccess: fn as any }),
      'Media/R9: onSuccess must be a queue or a topic (smq.Queue, smq.Topic, or one imported with fromQueueName, fromTopicArn, ...), got "Media/Worker"');
  });

  test('the service must be the function\'s', () => {
    const { stack, service, failures } = world();
    const other = new fc.Service(stack, 'Other', { serviceName: 'other' });
    const literal = new fc.Function(stack, 'Literal', { serviceName: 'legacy', functionName: 'literal', runtime: 'nodejs20', handler: 'index.handler' });
    expectInvalid(() => new FunctionResultDestinations(stack, 'R1', { fn: ResultFunction.fc2(other, literal), onFailure: failures }),
      'Media/R1: fn (ResultFunction.fc2(service, fn)) must be the service of FC 2.0 function \'Media/Literal\', which names service "legacy", got "Media/Other"');
    const byAttribute = new fc.Function(stack, 'ByAttribute', { serviceName: other.attrServiceName, functionName: 'byattr', runtime: 'nodejs20', handler: 'index.handler' });
    expectInvalid(() => new FunctionResultDestinations(stack, 'R2', { fn: ResultFunction.fc2(service, byAttribute), onFailure: failures }),
      'Media/R2: fn (ResultFunction.fc2(service, fn)) must be the service of FC 2.0 function \'Media/ByAttribute\', which names another service\'s name attribute, got "Media/Legacy"');
    // the literal name of the right service passes
    new FunctionResultDestinations(stack, 'R3', { fn: ResultFunction.fc2(service, literal), onFailure: failures });
  });

  test('retries and event age outside the documented ranges, and not numbers or Durations', () => {
    const { stack, role, fn, service, fn2, failures } = world();
    const fc3Fn = ResultFunction.fc3(fn, role);
    for (const bad of [-1, 9, 2.5, NaN]) {
      expectInvalid(() => new FunctionResultDestinations(stack, `Retries${String(bad).replace(/\W/g, '')}`, { fn: fc3Fn, onFailure: failures, maxAsyncRetryAttempts: bad }),
        new RegExp(`: maxAsyncRetryAttempts must be an integer between 0 and 8, got ${String(bad).replace('.', '\\.')}$`));
    }
    expectInvalid(() => new FunctionResultDestinations(stack, 'RetriesText', { fn: fc3Fn, onFailure: failures, maxAsyncRetryAttempts: '3' as any }),
      'Media/RetriesText: maxAsyncRetryAttempts must be an integer between 0 and 8, got "3"');
    expectInvalid(() => new FunctionResultDestinations(stack, 'Age0', { fn: fc3Fn, onFailure: failures, maxAsyncEventAge: Duration.seconds(0) }),
      'Media/Age0: maxAsyncEventAge must be an integer between 1 and 604800 seconds, got 0');
    expectInvalid(() => new FunctionResultDestinations(stack, 'AgeFc3', { fn: fc3Fn, onFailure: failures, maxAsyncEventAge: Duration.days(8) }),
      'Media/AgeFc3: maxAsyncEventAge must be an integer between 1 and 604800 seconds, got 691200');
    expectInvalid(() => new FunctionResultDestinations(stack, 'AgeFc2', { fn: ResultFunction.fc2(service, fn2, role), onFailure: failures, maxAsyncEventAge: Duration.days(31) }),
      'Media/AgeFc2: maxAsyncEventAge must be an integer between 1 and 2592000 seconds, got 2678400');
    expectInvalid(() => new FunctionResultDestinations(stack, 'AgeNumber', { fn: fc3Fn, onFailure: failures, maxAsyncEventAge: 3600 as any }),
      'Media/AgeNumber: maxAsyncEventAge must be a Duration, such as Duration.seconds(30), got 3600');
    // the bounds themselves pass
    new FunctionResultDestinations(stack, 'Bounds', { fn: fc3Fn, onFailure: failures, maxAsyncRetryAttempts: 8, maxAsyncEventAge: Duration.days(7) });
    expect(resource(Template.fromStack(stack), 'Bounds').Properties).toMatchObject({ MaxAsyncRetryAttempts: 8, MaxAsyncEventAgeInSeconds: 604800 });
  });

  test('a role that is not a role, not trusted by Function Compute, or not the function\'s', () => {
    const { stack, role, fn, failures } = world();
    expectInvalid(() => new FunctionResultDestinations(stack, 'R1', { fn: ResultFunction.fc3(fn, failures as any), onFailure: failures }),
      'Media/R1: fn (role) must be a RAM role (ram.Role of @alicloud/ros-cdk-ram), got "Media/Failures"');
    const ecsRole = newRole(stack, 'EcsRole');
    const ecsFn = fc3Function(stack, 'EcsFn', ecsRole.attrArn as string);
    expectInvalid(() => new FunctionResultDestinations(stack, 'R2', { fn: ResultFunction.fc3(ecsFn, ecsRole), onFailure: failures }),
      'Media/R2: fn (role) must let the service fc.aliyuncs.com assume it (an Allow of sts:AssumeRole to principal { service: [\'fc.aliyuncs.com\'] }, '
      + 'and no Deny of it): Function Compute assumes it to send the results, got "Media/EcsRole"');
    const plain = fc3Function(stack, 'Plain');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R3', { fn: ResultFunction.fc3(plain, role), onFailure: failures }),
      'Media/R3: fn (role) must be the role of FC 3.0 function \'Media/Plain\', but the function\'s role prop names none: Function Compute sends the results with that role; '
      + 'set it to role.attrArn, got "Media/WorkerRole"');
    const otherRole = fcRole(stack, 'OtherRole');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R4', { fn: ResultFunction.fc3(fn, otherRole), onFailure: failures }),
      'Media/R4: fn (role) must be the role of FC 3.0 function \'Media/Worker\', whose function\'s role prop names another resource\'s ARN, got "Media/OtherRole"');
    const literalArn = fc3Function(stack, 'LiteralArn', 'acs:ram::123456789012:role/someone-else');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R5', { fn: ResultFunction.fc3(literalArn, role), onFailure: failures }),
      'Media/R5: fn (role) must be the role of FC 3.0 function \'Media/LiteralArn\', whose function\'s role prop is "acs:ram::123456789012:role/someone-else", not role "role-workerrole", got "Media/WorkerRole"');
    // a literal ARN of the role itself (RAM writes role names in ARNs in lower case) passes
    const sameArn = fc3Function(stack, 'SameArn', 'acs:ram::123456789012:role/Role-WorkerRole');
    new FunctionResultDestinations(stack, 'R6', { fn: ResultFunction.fc3(sameArn, role), onFailure: failures });
  });

  test('an L1 ram.RosRole is checked for trust too; a literal role ARN of another account is not the role', () => {
    const { stack, failures } = world('Media', ENV);
    const ecsTrust = { version: '1', statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['ecs.aliyuncs.com'] } }] };
    const ecsL1 = new ram.RosRole(stack, 'EcsL1', { roleName: 'ecs-l1', assumeRolePolicyDocument: ecsTrust }, true);
    const ecsFn = fc3Function(stack, 'EcsFn', ecsL1.attrArn as unknown as string);
    expectInvalid(() => new FunctionResultDestinations(stack, 'R1', { fn: ResultFunction.fc3(ecsFn, ecsL1 as unknown as ram.IRole), onFailure: failures }),
      'Media/R1: fn (role) must let the service fc.aliyuncs.com assume it (an Allow of sts:AssumeRole to principal { service: [\'fc.aliyuncs.com\'] }, '
      + 'and no Deny of it): Function Compute assumes it to send the results, got "Media/EcsL1"');
    // an L1 trusted by Function Compute passes, with a warning: this library grants to ram.Role only
    const fcL1 = new ram.RosRole(stack, 'FcL1', { roleName: 'fc-l1', assumeRolePolicyDocument: FC_TRUST }, true);
    const fcFn = fc3Function(stack, 'FcFn', fcL1.attrArn as unknown as string);
    new FunctionResultDestinations(stack, 'R2', { fn: ResultFunction.fc3(fcFn, fcL1 as unknown as ram.IRole), onFailure: failures });
    expect(warnings(stack)).toEqual([expect.stringMatching(/^Media\/R2: fn: 'Media\/FcL1' is not a ram.Role this library can grant to: allow it mns:SendMessage on queue 'Media\/Failures'/)]);
    const role = fcRole(stack, 'R');
    const foreign = fc3Function(stack, 'Foreign', 'acs:ram::999999999999:role/role-r');
    expectInvalid(() => new FunctionResultDestinations(stack, 'R3', { fn: ResultFunction.fc3(foreign, role), onFailure: failures }),
      'Media/R3: fn (role) must be the role of FC 3.0 function \'Media/Foreign\', whose function\'s role prop is "acs:ram::999999999999:role/role-r": '
      + 'a role of account 999999999999, and \'Media/R\' is in account 123456789012, got "Media/R"');
    // the same ARN in this account passes
    new FunctionResultDestinations(stack, 'R4', { fn: ResultFunction.fc3(fc3Function(stack, 'Own', 'acs:ram::123456789012:role/role-r'), role), onFailure: failures });
  });

  test('two FunctionResultDestinations for one function: an error naming the first', () => {
    const { stack, role, fn, service, fn2, failures, done } = world();
    new FunctionResultDestinations(stack, 'First', { fn: ResultFunction.fc3(fn, role), onFailure: failures });
    expectInvalid(() => new FunctionResultDestinations(stack, 'Second', { fn: ResultFunction.fc3(fn, role), onSuccess: done }),
      'Media/Second: fn must not already have its results written by \'Media/First\': Function Compute keeps one asynchronous invocation configuration per function, got "Media/Worker"');
    new FunctionResultDestinations(stack, 'First2', { fn: ResultFunction.fc2(service, fn2, role), onFailure: failures });
    expectInvalid(() => new FunctionResultDestinations(stack, 'Second2', { fn: ResultFunction.fc2(service, fn2, role), onSuccess: done }),
      /^Media\/Second2: fn must not already have its results written by 'Media\/First2'/);
  });

  test('two for one function from two stacks: an error too', () => {
    const app = new ros.App();
    const fns = new ros.Stack(app, 'Functions', { env: ENV });
    const fn = fc3Function(fns, 'Worker');
    new FunctionResultDestinations(fns, 'Results', { fn: ResultFunction.fc3(fn), onFailure: new smq.Queue(fns, 'Failures') });
    const other = new ros.Stack(app, 'Other', { env: ENV });
    expectInvalid(() => new FunctionResultDestinations(other, 'Results', { fn: ResultFunction.fc3(fn), onFailure: new smq.Queue(other, 'Failures') }),
      /^Other\/Results: fn must not already have its results written by 'Functions\/Results'/);
  });

  test('another ALIYUN::FC3::AsyncInvokeConfig for the same function, made directly: an error at synth', () => {
    const { app, stack, role, fn, failures } = world();
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fn, role), onFailure: failures });
    new fc3.RosAsyncInvokeConfig(stack, 'Manual', { functionName: 'worker', maxAsyncRetryAttempts: 1 }, true);
    expect(() => app.synth()).toThrow("[Media/Results] fn must not have another asynchronous invocation configuration, but 'Media/Manual' configures "
      + 'FC 3.0 function \'Media/Worker\' too: Function Compute keeps one per function, so the later one would replace the other');
  });
});

describe('at synth', () => {
  test('a destination that triggers the same function asynchronously would loop: an error for a topic trigger without a filter tag and an async queue trigger', () => {
    const { app, stack, role, fn, service, fn2, failures, done } = world();
    new consumers.TopicTrigger(stack, 'OnDone', { topic: done, fn: consumers.TriggerFunction.fc3(fn) });
    new consumers.QueueTrigger(stack, 'OnFailures', { queue: failures, fn: consumers.TriggerFunction.fc2(service, fn2), asyncInvocation: true });
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fn, role), onSuccess: done });
    new FunctionResultDestinations(stack, 'Results2', { fn: ResultFunction.fc2(service, fn2, role), onFailure: failures });
    expect(() => app.synth()).toThrow(
      "[Media/Results] onSuccess must not be the topic whose trigger 'Media/OnDone/OnDone' invokes FC 3.0 function 'Media/Worker' asynchronously: "
      + 'each result written to it would invoke the function again, without end (a filter tag on the trigger keeps the results out)');
    expect(() => app.synth()).toThrow(
      "[Media/Results2] onFailure must not be the queue whose trigger 'Media/OnFailures/OnFailures' invokes FC 2.0 function 'Media/Resize' asynchronously: "
      + 'each result written to it would invoke the function again, without end');
  });

  test('no loop: a topic trigger with a filter tag, a synchronous queue trigger, a trigger of another function', () => {
    const { stack, role, fn, failures, done } = world();
    const other = fc3Function(stack, 'Other');
    new consumers.TopicTrigger(stack, 'OnDone', { topic: done, fn: consumers.TriggerFunction.fc3(fn), filterTag: 'job' });
    new consumers.QueueTrigger(stack, 'OnFailures', { queue: failures, fn: consumers.TriggerFunction.fc3(fn) });
    new consumers.TopicTrigger(stack, 'OtherOnDone', { topic: done, fn: consumers.TriggerFunction.fc3(other) });
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc3(fn, role), onSuccess: done, onFailure: failures });
    Template.fromStack(stack).resourceCountIs('ALIYUN::FC3::AsyncInvokeConfig', 1);
  });

  test('an FC 2.0 AsyncConfiguration replaced after the construct set it: an error', () => {
    const { app, stack, role, service, fn2, failures } = world();
    new FunctionResultDestinations(stack, 'Results', { fn: ResultFunction.fc2(service, fn2, role), onFailure: failures });
    (fn2.node.children.find((c) => c instanceof fc.RosFunction) as fc.RosFunction).asyncConfiguration = { statefulInvocation: true };
    expect(() => app.synth()).toThrow("[Media/Results] fn must keep the AsyncConfiguration this construct set, but the asyncConfiguration of FC 2.0 function 'Media/Resize' "
      + 'was replaced afterwards: its destinations are lost; set the other fields before creating the FunctionResultDestinations');
  });
});

test('tokens pass: retries, event age, a function role given as a parameter, an imported queue name', () => {
  const { stack, role, failures } = world();
  const retries = new ros.RosParameter(stack, 'Retries', { type: ros.RosParameterType.NUMBER });
  const age = new ros.RosParameter(stack, 'Age', { type: ros.RosParameterType.NUMBER });
  const roleArn = new ros.RosParameter(stack, 'RoleArn', { type: ros.RosParameterType.STRING });
  const queueName = new ros.RosParameter(stack, 'QueueName', { type: ros.RosParameterType.STRING });
  const fn = fc3Function(stack, 'Param', roleArn.valueAsString);
  const imported = smq.Queue.fromQueueName(stack, 'Imported', queueName.valueAsString);
  new FunctionResultDestinations(stack, 'Results', {
    fn: ResultFunction.fc3(fn, role), onSuccess: failures, onFailure: imported,
    maxAsyncRetryAttempts: retries.valueAsNumber, maxAsyncEventAge: Duration.seconds(age.valueAsNumber),
  });
  const template = Template.fromStack(stack);
  expect(resource(template, 'Results').Properties).toEqual({
    FunctionName: getAtt('Param', 'FunctionName'),
    DestinationConfig: {
      OnSuccess: { Destination: mnsJoin('/queues/', getAtt('Failures', 'QueueName'), '/messages') },
      OnFailure: { Destination: mnsJoin('/queues/', { Ref: 'QueueName' }, '/messages') },
    },
    MaxAsyncRetryAttempts: { Ref: 'Retries' },
    MaxAsyncEventAgeInSeconds: { Ref: 'Age' },
  });
  template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 2);
  expect(warnings(stack)).toEqual([]);
});
