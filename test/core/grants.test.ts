import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Match, Template } from '../../lib/assertions';
import { Grant, smq } from '../../lib';
import { getAtt, newRole, newStack } from '../util';

/** `<base>-<ALIYUN::Region>` as a stack without a literal region renders it, for jest's `toEqual`. */
function regionSuffixed(base: RegExp): unknown {
  return { 'Fn::Join': ['', [expect.stringMatching(base), { Ref: 'ALIYUN::Region' }]] };
}

/** The same, for the template assertions. */
function regionSuffixedName(base: string): unknown {
  return { 'Fn::Join': ['', [Match.stringLikeRegexp(base), { Ref: 'ALIYUN::Region' }]] };
}

describe('Grant', () => {
  test('one ManagedPolicy with a deterministic id and name, attached to the role, in the resource\'s scope', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const role = newRole(stack, 'Worker');
    const grant = Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:SendMessage'], resourceArns: ['acs:mns:cn-hangzhou:1:/queues/a'] });
    expect(grant.policy.node.id).toMatch(/^JobsWorkerPolicy[0-9a-f]{8}$/);
    expect(grant.policy.node.scope).toBe(queue);
    expect(grant.principal).toBe(role);
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    const [policy] = Object.values(template.findResources('ALIYUN::RAM::ManagedPolicy')) as any[];
    expect(policy.Properties).toEqual({
      PolicyName: regionSuffixed(/^Media-Jobs-Worker-[0-9a-f]{8}-$/),
      Description: 'Granted by ros-cdk-smq to Media/Worker on Media/Jobs',
      IgnoreExisting: false,
      Roles: [getAtt('Worker', 'RoleName')],
      PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['mns:SendMessage'], Resource: ['acs:mns:cn-hangzhou:1:/queues/a'] }] },
    });
  });

  test('a second grant for the same principal and resource extends the same policy, without duplicates', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const role = newRole(stack, 'Worker');
    const a = Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:SendMessage'], resourceArns: ['acs:mns:cn-hangzhou:1:/queues/a'] });
    const b = Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:SendMessage', 'mns:ReceiveMessage'], resourceArns: ['acs:mns:cn-hangzhou:1:/queues/a'] });
    Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:GetQueueAttributes'], resourceArns: ['acs:mns:cn-hangzhou:1:/queues/b'] });
    expect(b.policy).toBe(a.policy);
    expect(a.actions).toEqual(['mns:SendMessage', 'mns:ReceiveMessage', 'mns:GetQueueAttributes']);
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['mns:SendMessage', 'mns:ReceiveMessage'], Resource: ['acs:mns:cn-hangzhou:1:/queues/a'] },
          { Effect: 'Allow', Action: ['mns:GetQueueAttributes'], Resource: ['acs:mns:cn-hangzhou:1:/queues/b'] },
        ],
      },
    });
  });

  test('users and groups are attached by name; two principals get two policies', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const user = new ram.User(stack, 'Alice', { userName: 'alice' });
    const group = new ram.Group(stack, 'Ops', { groupName: 'ops' });
    Grant.addToPrincipal({ scope: queue, grantee: user, actions: ['mns:SendMessage'], resourceArns: ['acs:mns:cn-hangzhou:1:/queues/a'] });
    Grant.addToPrincipal({ scope: queue, grantee: group, actions: ['mns:SendMessage'], resourceArns: ['acs:mns:cn-hangzhou:1:/queues/a'] });
    const template = Template.fromStack(stack);
    const policies = Object.values(template.findResources('ALIYUN::RAM::ManagedPolicy')) as any[];
    expect(policies.map((p) => p.Properties.Users ?? p.Properties.Groups)).toEqual([[getAtt('Alice', 'UserName')], [getAtt('Ops', 'GroupName')]]);
  });

  test('anything with a grantPrincipal (ram.IGrantable) is granted through its principal', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const role = newRole(stack, 'Worker');
    const fn = new ros.Construct(stack, 'Fn') as ros.Construct & ram.IGrantable;
    Object.defineProperty(fn, 'grantPrincipal', { value: role });
    const grant = queue.grantSendMessages(fn);
    expect(grant.principal).toBe(role);
    Template.fromStack(stack).hasResourceProperties('ALIYUN::RAM::ManagedPolicy', { Roles: [getAtt('Worker', 'RoleName')] });
  });

  test('a principal that is not a construct is keyed by its literal name', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const principal = { principalType: 'role', principalName: 'existing-role', addToPolicy: () => { throw new Error('never called'); } } as unknown as ram.IPrincipal;
    (principal as any).grantPrincipal = principal;
    const grant = Grant.addToPrincipal({ scope: queue, grantee: principal, actions: ['mns:SendMessage'], resourceArns: ['acs:mns:cn-hangzhou:1:/queues/a'] });
    expect(grant.policy.node.id).toMatch(/^JobsexistingrolePolicy[0-9a-f]{8}$/);
    Template.fromStack(stack).hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyName: regionSuffixedName('^Media-Jobs-existingrole-[0-9a-f]{8}-$'),
      Roles: ['existing-role'],
    });
  });

  test('never names a policy with a random suffix: two synths give the same template', () => {
    const build = (): string => {
      const { app, stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs');
      queue.grantSendMessages(newRole(stack, 'Worker'));
      return JSON.stringify(app.synth().getStackByName('Media').template);
    };
    expect(build()).toBe(build());
  });

  test('a deep construct path still gives a description within RAM\'s 1024 characters and a name within 128', () => {
    const { app, stack } = newStack('Media');
    let scope: ros.Construct = stack;
    for (let i = 0; i < 12; i++) {
      scope = new ros.Construct(scope, `Level${i}${'x'.repeat(90)}`);
    }
    const queue = new smq.Queue(scope, 'Jobs', { queueName: 'jobs' });
    const grant = queue.grantSendMessages(newRole(stack, 'Worker'));
    expect(() => app.synth()).not.toThrow();
    expect((grant.policy.description as string).length).toBeLessThanOrEqual(1024);
    expect(stack.resolve(grant.policy.policyName)['Fn::Join'][1][0].length + 28).toBeLessThanOrEqual(128);
  });

  test('bad input', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const role = newRole(stack, 'Worker');
    expect(() => Grant.addToPrincipal({ scope: queue, grantee: role, actions: [], resourceArns: ['acs:mns:cn-hangzhou:1:/queues/a'] }))
      .toThrow('Media/Jobs: actions must name at least one action to grant, got []');
    expect(() => Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:A'], resourceArns: [] }))
      .toThrow('Media/Jobs: resourceArns must name at least one resource to grant on, got []');
    expect(() => Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:A'], resourceArns: ['*'] }))
      .toThrow('Media/Jobs: resourceArns[0] must be a resource ARN "acs:<service>:<region>:<account>:<resource>" without whitespace, not "*", got "*"');
    expect(queue.node.children.filter((c) => c instanceof ram.RosManagedPolicy)).toHaveLength(0);
    const odd = { principalType: 'service', principalName: 'x', addToPolicy: () => undefined } as unknown as ram.IPrincipal;
    (odd as any).grantPrincipal = odd;
    expect(() => Grant.addToPrincipal({ scope: queue, grantee: odd, actions: ['mns:A'], resourceArns: ['acs:mns:cn-hangzhou:1:/queues/r'] }))
      .toThrow('Media/Jobs: grantee.grantPrincipal.principalType must be one of "role", "user", "group", got "service"');
    const param = new ros.RosParameter(stack, 'RoleName', { type: ros.RosParameterType.STRING }).valueAsString;
    const tokenNamed = { principalType: 'role', principalName: param } as unknown as ram.IPrincipal;
    (tokenNamed as any).grantPrincipal = tokenNamed;
    expect(() => queue.grantSendMessages(tokenNamed)).toThrow(/^Media\/Jobs: grantee must be a construct \(a ram.Role, ram.User or ram.Group\) or a principal with a literal principalName/);
    expect(() => queue.grantSendMessages({} as ram.IGrantable))
      .toThrow('Media/Jobs: grantee must be a RAM role, user or group, or have one as its grantPrincipal, got {}');
    expect(() => queue.grantSendMessages(undefined as unknown as ram.IGrantable))
      .toThrow('Media/Jobs: grantee must be a RAM role, user or group, or have one as its grantPrincipal, got undefined');
  });
});

/** The names of the stacks `stack` depends on. */
function dependencies(stack: ros.Stack): string[] {
  return stack.dependencies.map((d) => d.stackName);
}

describe('Grant across stacks', () => {
  function stacks(): { app: ros.App; messaging: ros.Stack; compute: ros.Stack; jobs: smq.Queue; worker: ram.Role } {
    const app = new ros.App();
    const messaging = new ros.Stack(app, 'Messaging');
    const compute = new ros.Stack(app, 'Compute');
    return { app, messaging, compute, jobs: new smq.Queue(messaging, 'Jobs'), worker: newRole(compute, 'Worker') };
  }

  test('defect: the principal\'s stack reads the queue name; the grant made a cycle, now the policy lives with the role', () => {
    const { app, messaging, compute, jobs, worker } = stacks();
    new ros.RosOutput(compute, 'JobsName', { value: jobs.queueName });
    const grant = jobs.grantConsumeMessages(worker);
    expect(ros.Stack.of(grant.policy)).toBe(compute);
    app.synth();
    Template.fromStack(messaging).resourceCountIs('ALIYUN::RAM::ManagedPolicy', 0);
    const template = Template.fromStack(compute);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyName: regionSuffixedName('^Compute-Messaging-Jobs-Worker-[0-9a-f]{8}-$'),
      Roles: [getAtt('Worker', 'RoleName')],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['mns:ReceiveMessage', 'mns:BatchReceiveMessage', 'mns:DeleteMessage', 'mns:BatchDeleteMessage', 'mns:ChangeMessageVisibility'],
            // the literal queue name: no reference into the queue's stack
            Resource: [{ 'Fn::Join': ['', ['acs:mns:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, ':/queues/Messaging-Jobs/messages']] }],
          },
          {
            Effect: 'Allow',
            Action: ['mns:GetQueueAttributes'],
            Resource: [{ 'Fn::Join': ['', ['acs:mns:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, ':/queues/Messaging-Jobs']] }],
          },
        ],
      },
    });
    expect(dependencies(compute)).toEqual(['Messaging']);
    expect(dependencies(messaging)).toEqual([]);
  });

  test('the reverse: the queue\'s stack reads the role; no cycle either', () => {
    const { app, messaging, compute, jobs, worker } = stacks();
    new ros.RosOutput(messaging, 'WorkerArn', { value: ros.Token.asString(worker.attrArn) });
    jobs.grantConsumeMessages(worker);
    app.synth();
    expect(dependencies(messaging)).toEqual(['Compute']);
    expect(dependencies(compute)).toEqual([]);
  });

  test('no other reference: the grant alone makes no dependency between the stacks', () => {
    const { app, messaging, compute, jobs, worker } = stacks();
    jobs.grantSendMessages(worker);
    app.synth();
    expect(dependencies(compute)).toEqual([]);
    expect(dependencies(messaging)).toEqual([]);
  });

  test('a queue with a token name in another stack is referenced (and depended on), not copied', () => {
    const { app, messaging, compute, worker } = stacks();
    const name = new ros.RosParameter(messaging, 'QueueName', { type: ros.RosParameterType.STRING, defaultValue: 'jobs' }).valueAsString;
    const q = new smq.Queue(messaging, 'Named', { queueName: name });
    q.grantSendMessages(worker);
    app.synth();
    expect(dependencies(compute)).toEqual(['Messaging']);
    expect(JSON.stringify(Template.fromStack(compute).toJSON())).toContain('Fn::ImportValue');
  });

  test('an imported queue granted to a role of another stack: the policy lives with the role', () => {
    const { app, messaging, compute, worker } = stacks();
    const legacy = smq.Queue.fromQueueArn(messaging, 'Legacy', 'acs:mns:cn-beijing:123:/queues/legacy');
    legacy.grantSendMessages(worker);
    app.synth();
    Template.fromStack(compute).hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['mns:SendMessage', 'mns:BatchSendMessage'], Resource: ['acs:mns:cn-beijing:123:/queues/legacy/messages'] }, { Effect: 'Allow', Action: ['mns:GetQueueAttributes'], Resource: ['acs:mns:cn-beijing:123:/queues/legacy'] }] },
    });
  });
});
