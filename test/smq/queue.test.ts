import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { core, smq } from '../../lib';
import { evaluate, getAtt, mnsJoin, newRole, newStack, policyName } from '../util';

const { Duration } = core;

describe('Queue', () => {
  test('with every prop: snapshot and the rendered properties', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, 'Jobs', {
      queueName: 'media-jobs',
      deliveryDelay: Duration.seconds(10),
      maxMessageSizeBytes: 16384,
      retentionPeriod: Duration.days(2),
      visibilityTimeout: Duration.minutes(5),
      receiveMessageWaitTime: Duration.seconds(20),
      loggingEnabled: true,
      tags: { team: 'media', env: 'prod' },
      deadLetterQueue: { maxReceiveCount: 5 },
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::Queue', 2);
    expect(template.findResources('ALIYUN::MNS::Queue').Jobs.Properties).toEqual({
      QueueName: 'media-jobs',
      DelaySeconds: 10,
      MaximumMessageSize: 16384,
      MessageRetentionPeriod: 172800,
      VisibilityTimeout: 300,
      PollingWaitSeconds: 20,
      LoggingEnabled: true,
      Tags: [{ Key: 'team', Value: 'media' }, { Key: 'env', Value: 'prod' }],
      DlqPolicy: { DeadLetterTargetQueue: getAtt('JobsDlq', 'QueueName'), Enabled: true, MaxReceiveCount: 5 },
    });
  });

  test('with no props: a generated name and nothing else, so the service defaults apply', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs');
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::MNS::Queue', 1);
    template.hasResource('ALIYUN::MNS::Queue', { Properties: Match.objectEquals({ QueueName: 'Media-Jobs' }) });
    expect(template.toJSON()).toMatchSnapshot();
    expect(stack.resolve(queue.queueName)).toEqual(getAtt('Jobs', 'QueueName'));
    expect(stack.resolve(queue.queueUrl)).toEqual(getAtt('Jobs', 'QueueUrl'));
    expect(stack.resolve(queue.queueArn)).toEqual(mnsJoin('/queues/', getAtt('Jobs', 'QueueName')));
    expect(queue.deadLetterQueue).toBeUndefined();
  });

  test('a created DLQ is named after the queue, keeps messages 7 days and has no DLQ of its own', () => {
    const { stack } = newStack('Media');
    const queue = new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 3 } });
    const template = Template.fromStack(stack);
    expect(template.findResources('ALIYUN::MNS::Queue').JobsDlq.Properties).toEqual({
      QueueName: 'Media-Jobs-dlq',
      MessageRetentionPeriod: 604800,
    });
    template.hasResourceProperties('ALIYUN::MNS::Queue', {
      QueueName: 'Media-Jobs',
      DlqPolicy: { DeadLetterTargetQueue: getAtt('JobsDlq', 'QueueName'), Enabled: true, MaxReceiveCount: 3 },
    });
    expect(queue.deadLetterQueue!.maxReceiveCount).toBe(3);
    expect(queue.deadLetterQueue!.queue).toBeInstanceOf(smq.Queue);
    expect((queue.deadLetterQueue!.queue as smq.Queue).deadLetterQueue).toBeUndefined();
  });

  test('a created DLQ of a named queue is <name>-dlq', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, 'Jobs', { queueName: 'jobs', deadLetterQueue: { maxReceiveCount: 3 } });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: 'jobs-dlq' });
  });

  test('a given DLQ is used as it is, and no queue is created for it', () => {
    const { stack } = newStack('Media');
    const dlq = new smq.Queue(stack, 'Failed', { queueName: 'failed' });
    new smq.Queue(stack, 'Jobs', { deadLetterQueue: { queue: dlq, maxReceiveCount: 10 } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::MNS::Queue', 2);
    template.hasResourceProperties('ALIYUN::MNS::Queue', {
      QueueName: 'Media-Jobs',
      DlqPolicy: { DeadLetterTargetQueue: getAtt('Failed', 'QueueName'), Enabled: true, MaxReceiveCount: 10 },
    });
  });

  test('an imported DLQ in the same region and account is named by its name', () => {
    const { stack } = newStack('Media', { env: { region: 'cn-hangzhou', account: '111' } });
    const dlq = smq.Queue.fromQueueArn(stack, 'Failed', 'acs:mns:cn-hangzhou:111:/queues/shared-failed');
    new smq.Queue(stack, 'Jobs', { deadLetterQueue: { queue: dlq, maxReceiveCount: 2 } });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Queue', {
      DlqPolicy: { DeadLetterTargetQueue: 'shared-failed', Enabled: true, MaxReceiveCount: 2 },
    });
  });

  test('two queues in one stack get their own ids and names', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 1 } });
    new smq.Queue(stack, 'Thumbs', { deadLetterQueue: { maxReceiveCount: 1 } });
    const queues = Template.fromStack(stack).findResources('ALIYUN::MNS::Queue');
    expect(Object.keys(queues).sort()).toEqual(['Jobs', 'JobsDlq', 'Thumbs', 'ThumbsDlq']);
    expect(Object.values(queues).map((q) => q.Properties.QueueName).sort())
      .toEqual(['Media-Jobs', 'Media-Jobs-dlq', 'Media-Thumbs', 'Media-Thumbs-dlq']);
  });

  test('two queues whose generated names would be equal: an error naming both paths', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, 'My_Q');
    expect(() => new smq.Queue(stack, 'MyQ'))
      .toThrow("Media/MyQ: queueName must be unique among the queue names of the stack, but 'Media/My_Q' already uses it, got \"Media-MyQ\"");
  });

  test('a queue and a topic may share a name', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, 'Jobs', { queueName: 'jobs' });
    expect(() => new smq.Topic(stack, 'JobsTopic', { topicName: 'jobs' })).not.toThrow();
  });

  describe('grants', () => {
    test('grantSendMessages: send actions on .../messages, GetQueueAttributes on the queue, attached to the role', () => {
      const { stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs');
      const grant = queue.grantSendMessages(newRole(stack, 'Producer'));
      expect(grant.actions).toEqual(['mns:SendMessage', 'mns:BatchSendMessage', 'mns:GetQueueAttributes']);
      Template.fromStack(stack).hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        PolicyName: policyName('Media-Jobs-Producer-policy'),
        Roles: [getAtt('Producer', 'RoleName')],
        PolicyDocument: {
          Version: '1',
          Statement: [
            { Effect: 'Allow', Action: ['mns:SendMessage', 'mns:BatchSendMessage'], Resource: [mnsJoin('/queues/', getAtt('Jobs', 'QueueName'), '/messages')] },
            { Effect: 'Allow', Action: ['mns:GetQueueAttributes'], Resource: [mnsJoin('/queues/', getAtt('Jobs', 'QueueName'))] },
          ],
        },
      });
    });

    test('grantConsumeMessages and grantPurge', () => {
      const { stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs');
      const consume = queue.grantConsumeMessages(newRole(stack, 'Worker'));
      expect(consume.actions).toEqual([
        'mns:ReceiveMessage', 'mns:BatchReceiveMessage', 'mns:DeleteMessage', 'mns:BatchDeleteMessage', 'mns:ChangeMessageVisibility', 'mns:GetQueueAttributes',
      ]);
      const purge = queue.grantPurge(newRole(stack, 'Janitor'));
      expect(purge.actions).toEqual(['mns:ReceiveMessage', 'mns:BatchReceiveMessage', 'mns:DeleteMessage', 'mns:BatchDeleteMessage', 'mns:GetQueueAttributes']);
      const policies = Template.fromStack(stack).findResources('ALIYUN::RAM::ManagedPolicy');
      expect(Object.keys(policies).sort()).toEqual(['JobsJanitorPolicy', 'JobsWorkerPolicy']);
    });

    test('no grant ever uses a wildcard resource', () => {
      const { stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs');
      const role = newRole(stack, 'Worker');
      queue.grantSendMessages(role);
      queue.grantConsumeMessages(role);
      queue.grantPurge(role);
      const json = JSON.stringify(Template.fromStack(stack).findResources('ALIYUN::RAM::ManagedPolicy'));
      expect(json).not.toContain('*');
    });

    test('send and consume for one role share one policy; a custom grant adds to it', () => {
      const { stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs');
      const role = newRole(stack, 'Worker');
      queue.grantSendMessages(role);
      queue.grantConsumeMessages(role);
      queue.grant(role, 'mns:PeekMessage', 'mns:SetQueueAttributes');
      const template = Template.fromStack(stack);
      template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
      template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [
            {
              Action: ['mns:SendMessage', 'mns:BatchSendMessage', 'mns:ReceiveMessage', 'mns:BatchReceiveMessage', 'mns:DeleteMessage',
                'mns:BatchDeleteMessage', 'mns:ChangeMessageVisibility', 'mns:PeekMessage'],
              Resource: [mnsJoin('/queues/', getAtt('Jobs', 'QueueName'), '/messages')],
            },
            { Action: ['mns:GetQueueAttributes', 'mns:SetQueueAttributes'], Resource: [mnsJoin('/queues/', getAtt('Jobs', 'QueueName'))] },
          ],
        },
      });
    });

    test('grant routes each action to the resource RAM authorizes it on', () => {
      const { stack } = newStack('Media', { env: { region: 'cn-hangzhou', account: '111' } });
      const topic = smq.Topic.fromTopicName(stack, 'Events', 'events');
      topic.grant(newRole(stack, 'Admin'), 'mns:Subscribe', 'mns:GetTopicAttributes', 'mns:PublishMessage', 'mns:*');
      const template = Template.fromStack(stack);
      template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        PolicyName: 'Media-Events-Admin-policy-cn-hangzhou',
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: ['mns:Subscribe'], Resource: ['acs:mns:cn-hangzhou:111:/topics/events/subscriptions/*'] },
            { Effect: 'Allow', Action: ['mns:GetTopicAttributes'], Resource: ['acs:mns:cn-hangzhou:111:/topics/events'] },
            { Effect: 'Allow', Action: ['mns:PublishMessage'], Resource: ['acs:mns:cn-hangzhou:111:/topics/events/messages'] },
            { Effect: 'Allow', Action: ['mns:*'], Resource: ['acs:mns:cn-hangzhou:111:/topics/events', 'acs:mns:cn-hangzhou:111:/topics/events/*'] },
          ],
        },
      });
    });

    test('grant with no action is an error', () => {
      const { stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs');
      expect(() => queue.grant(newRole(stack, 'Worker'))).toThrow('Media/Jobs: actions must name at least one action to grant, got []');
    });
  });

  describe('imports', () => {
    test('fromQueueName: stack region and TenantId by default; grants are scoped to the named queue', () => {
      const { stack } = newStack('Media');
      const queue = smq.Queue.fromQueueName(stack, 'Legacy', 'legacy-jobs');
      expect(queue.queueName).toBe('legacy-jobs');
      expect(stack.resolve(queue.queueArn)).toEqual(mnsJoin('/queues/', 'legacy-jobs'));
      queue.grantConsumeMessages(newRole(stack, 'Worker'));
      const template = Template.fromStack(stack);
      template.resourceCountIs('ALIYUN::MNS::Queue', 0);
      template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        PolicyName: policyName('Media-Legacy-Worker-policy'),
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: [mnsJoin('/queues/', 'legacy-jobs', '/messages')] })]) },
      });
      expect(Object.keys(template.findResources('ALIYUN::RAM::ManagedPolicy'))).toEqual(['LegacyWorkerPolicy']);
    });

    test('fromQueueName with another region and account', () => {
      const { stack } = newStack('Media');
      const queue = smq.Queue.fromQueueName(stack, 'Far', 'far-jobs', { region: 'cn-beijing', account: '222' });
      expect(queue.queueArn).toBe('acs:mns:cn-beijing:222:/queues/far-jobs');
      expect(queue.queueUrl).toBe('http://222.mns.cn-beijing.aliyuncs.com/queues/far-jobs');
    });

    test('fromQueueArn reads region, account and name from a literal ARN, with or without the slash', () => {
      const { stack } = newStack('Media');
      const a = smq.Queue.fromQueueArn(stack, 'A', 'acs:mns:cn-shanghai:333:/queues/orders');
      const b = smq.Queue.fromQueueArn(stack, 'B', 'acs:mns:cn-shanghai:333:queues/orders');
      for (const q of [a, b]) {
        expect(q.channelAddress).toEqual({ kind: smq.ChannelKind.QUEUE, name: 'orders', region: 'cn-shanghai', account: '333' });
        expect(q.queueArn).toBe('acs:mns:cn-shanghai:333:/queues/orders');
      }
    });

    test('fromQueueArn with a token takes it apart at deploy time', () => {
      const { stack } = newStack('Media');
      const arn = new ros.RosParameter(stack, 'QueueArn', { type: ros.RosParameterType.STRING }).valueAsString;
      const q = smq.Queue.fromQueueArn(stack, 'Q', arn);
      expect(stack.resolve(q.queueName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['queues/', { Ref: 'QueueArn' }] }] });
      // what ROS computes at deploy time equals what a literal ARN parses to, for both slash forms
      for (const literal of ['acs:mns:cn-shanghai:333:/queues/orders', 'acs:mns:cn-shanghai:333:queues/orders']) {
        const parameters = { QueueArn: literal };
        const parsed = smq.parseChannelArn(smq.ChannelKind.QUEUE, literal)!;
        expect(evaluate(stack.resolve(q.channelAddress.region), parameters)).toBe(parsed.region);
        expect(evaluate(stack.resolve(q.channelAddress.account), parameters)).toBe(parsed.account);
        expect(evaluate(stack.resolve(q.queueName), parameters)).toBe(parsed.name);
        expect(evaluate(stack.resolve(q.queueArn), parameters)).toBe('acs:mns:cn-shanghai:333:/queues/orders');
      }
    });

    test('bad ARNs and names', () => {
      const { stack } = newStack('Media');
      expect(() => smq.Queue.fromQueueArn(stack, 'A', 'acs:mns:cn-shanghai:333:/topics/orders'))
        .toThrow('Media/A: queueArn must look like "acs:mns:{region}:{account}:/queues/{name}", got "acs:mns:cn-shanghai:333:/topics/orders"');
      expect(() => smq.Queue.fromQueueArn(stack, 'B', 'orders')).toThrow('Media/B: queueArn must look like');
      expect(() => smq.Queue.fromQueueName(stack, 'C', 'bad_name'))
        .toThrow('Media/C: queueName must contain only letters, digits and hyphens and start with a letter or digit, got "bad_name"');
    });
  });

  describe('bad input', () => {
    test.each([
      [{ queueName: 'x'.repeat(257) }, 'Media/Jobs: queueName must be at most 256 characters long (length 257)'],
      [{ queueName: 'bad name' }, 'Media/Jobs: queueName must contain only letters, digits and hyphens and start with a letter or digit, got "bad name"'],
      [{ queueName: '-jobs' }, 'got "-jobs"'],
      [{ deliveryDelay: Duration.days(8) }, 'Media/Jobs: deliveryDelay must be an integer between 0 and 604800 seconds, got 691200'],
      [{ maxMessageSizeBytes: 512 }, 'Media/Jobs: maxMessageSizeBytes must be an integer between 1024 and 65536 bytes, got 512'],
      [{ maxMessageSizeBytes: 70000 }, 'Media/Jobs: maxMessageSizeBytes must be an integer between 1024 and 65536 bytes, got 70000'],
      [{ retentionPeriod: Duration.seconds(59) }, 'Media/Jobs: retentionPeriod must be an integer between 60 and 604800 seconds, got 59'],
      [{ retentionPeriod: Duration.days(15) }, 'Media/Jobs: retentionPeriod must be an integer between 60 and 604800 seconds, got 1296000'],
      [{ visibilityTimeout: Duration.seconds(0) }, 'Media/Jobs: visibilityTimeout must be an integer between 1 and 43200 seconds, got 0'],
      [{ visibilityTimeout: Duration.seconds(50000) }, 'Media/Jobs: visibilityTimeout must be an integer between 1 and 43200 seconds, got 50000'],
      [{ receiveMessageWaitTime: Duration.seconds(31) }, 'Media/Jobs: receiveMessageWaitTime must be an integer between 0 and 30 seconds, got 31'],
      [{ deadLetterQueue: { maxReceiveCount: 0 } }, 'Media/Jobs: deadLetterQueue.maxReceiveCount must be an integer of at least 1, got 0'],
      [{ deadLetterQueue: { maxReceiveCount: 1.5 } }, 'Media/Jobs: deadLetterQueue.maxReceiveCount must be an integer of at least 1, got 1.5'],
    ])('%j', (props, message) => {
      const { stack } = newStack('Media');
      expect(() => new smq.Queue(stack, 'Jobs', props)).toThrow(message);
    });

    test('more than 20 tags', () => {
      const { stack } = newStack('Media');
      const tags: { [k: string]: string } = {};
      for (let i = 0; i < 21; i++) {
        tags[`k${i}`] = 'v';
      }
      expect(() => new smq.Queue(stack, 'Jobs', { tags })).toThrow('Media/Jobs: tags must have at most 20 items, got "21 items"');
    });

    test('a queue cannot be its own DLQ', () => {
      const { stack } = newStack('Media');
      const self = smq.Queue.fromQueueName(stack, 'Self', 'jobs');
      expect(() => new smq.Queue(stack, 'Jobs', { queueName: 'jobs', deadLetterQueue: { queue: self, maxReceiveCount: 3 } }))
        .toThrow('Media/Jobs: deadLetterQueue.queue must be another queue: a queue cannot be its own dead-letter queue, got "jobs"');
    });

    test('a DLQ in another region or account', () => {
      const { stack } = newStack('Media', { env: { region: 'cn-hangzhou', account: '111' } });
      const far = smq.Queue.fromQueueName(stack, 'Far', 'far', { region: 'cn-beijing' });
      expect(() => new smq.Queue(stack, 'Jobs', { deadLetterQueue: { queue: far, maxReceiveCount: 3 } }))
        .toThrow('Media/Jobs: deadLetterQueue.queue must be in the same region as the queue (cn-hangzhou), got "Media/Far in region cn-beijing"');
      const other = smq.Queue.fromQueueName(stack, 'Other', 'other', { account: '999' });
      expect(() => new smq.Queue(stack, 'Jobs2', { deadLetterQueue: { queue: other, maxReceiveCount: 3 } }))
        .toThrow('Media/Jobs2: deadLetterQueue.queue must be in the same account as the queue (111), got "Media/Other in account 999"');
    });

    test('tokens pass through unchecked', () => {
      const { stack } = newStack('Media');
      const n = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
      const s = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
      expect(() => new smq.Queue(stack, 'Jobs', {
        queueName: s,
        visibilityTimeout: Duration.seconds(n),
        retentionPeriod: Duration.seconds(n),
        deliveryDelay: Duration.seconds(n),
        receiveMessageWaitTime: Duration.seconds(n),
        maxMessageSizeBytes: n,
        deadLetterQueue: { maxReceiveCount: n },
      })).not.toThrow();
      const template = Template.fromStack(stack);
      template.hasResourceProperties('ALIYUN::MNS::Queue', {
        QueueName: { Ref: 'S' },
        VisibilityTimeout: { Ref: 'N' },
        DlqPolicy: { MaxReceiveCount: { Ref: 'N' } },
      });
      // the DLQ of a queue whose name is a token gets a generated name
      template.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: 'Media-Jobs-dlq' });
    });
  });
});
