import * as ram from '@alicloud/ros-cdk-ram';
import { Template } from '../../lib/assertions';
import { Grant } from '../../lib/core/grants';
import { smq } from '../../lib';
import { getAtt, newRole, newStack, policyName } from '../util';

describe('Grant', () => {
  test('creates one ManagedPolicy with a deterministic id and name, attached to the role', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const role = newRole(stack, 'Worker');
    const grant = Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:SendMessage'], resourceArns: ['arn:1'] });
    expect(grant.policy.node.id).toBe('JobsWorkerPolicy');
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyName: policyName('Media-Jobs-Worker-policy'),
      Roles: [getAtt('Worker', 'RoleName')],
      PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['mns:SendMessage'], Resource: ['arn:1'] }] },
    });
    expect(Object.keys(template.findResources('ALIYUN::RAM::ManagedPolicy'))).toEqual(['JobsWorkerPolicy']);
  });

  test('a second grant for the same principal and resource extends the same policy, without duplicates', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const role = newRole(stack, 'Worker');
    const a = Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:SendMessage'], resourceArns: ['arn:1'] });
    const b = Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:SendMessage', 'mns:ReceiveMessage'], resourceArns: ['arn:1'] });
    Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['mns:GetQueueAttributes'], resourceArns: ['arn:2'] });
    expect(b.policy).toBe(a.policy);
    expect(a.actions).toEqual(['mns:SendMessage', 'mns:ReceiveMessage', 'mns:GetQueueAttributes']);
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['mns:SendMessage', 'mns:ReceiveMessage'], Resource: ['arn:1'] },
          { Effect: 'Allow', Action: ['mns:GetQueueAttributes'], Resource: ['arn:2'] },
        ],
      },
    });
  });

  test('users and groups are attached by name; two principals get two policies', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const user = new ram.User(stack, 'Alice', { userName: 'alice' });
    const group = new ram.Group(stack, 'Ops', { groupName: 'ops' });
    Grant.addToPrincipal({ scope: queue, grantee: user, actions: ['mns:SendMessage'], resourceArns: ['arn:1'] });
    Grant.addToPrincipal({ scope: queue, grantee: group, actions: ['mns:SendMessage'], resourceArns: ['arn:1'] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 2);
    expect(template.findResources('ALIYUN::RAM::ManagedPolicy').JobsAlicePolicy.Properties.Users).toEqual([getAtt('Alice', 'UserName')]);
    expect(template.findResources('ALIYUN::RAM::ManagedPolicy').JobsOpsPolicy.Properties.Groups).toEqual([getAtt('Ops', 'GroupName')]);
  });

  test('a principal that is not a construct is keyed by its literal name', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const principal = { principalType: 'role', principalName: 'existing-role', grantPrincipal: undefined as any, addToPolicy: () => { throw new Error('never called'); } };
    (principal as any).grantPrincipal = principal;
    Grant.addToPrincipal({ scope: queue, grantee: principal as unknown as ram.IPrincipal, actions: ['mns:SendMessage'], resourceArns: ['arn:1'] });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyName: policyName('Media-Jobs-existingrole-policy'),
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

  test('bad input', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const role = newRole(stack, 'Worker');
    expect(() => Grant.addToPrincipal({ scope: queue, grantee: role, actions: [], resourceArns: ['arn:1'] }))
      .toThrow('Media/Jobs: actions must name at least one action to grant, got []');
    expect(() => Grant.addToPrincipal({ scope: queue, grantee: role, actions: ['a'], resourceArns: [] }))
      .toThrow('Media/Jobs: resourceArns must name at least one resource to grant on, got []');
    expect(queue.node.tryFindChild('JobsWorkerPolicy')).toBeUndefined();
    const odd = { principalType: 'service', principalName: 'x', addToPolicy: () => undefined } as unknown as ram.IPrincipal;
    expect(() => Grant.addToPrincipal({ scope: queue, grantee: odd, actions: ['a'], resourceArns: ['r'] }))
      .toThrow('Media/Jobs: principalType must be one of "role", "user", "group", got "service"');
  });
});
