import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { Duration, smq, ValidationError } from '../../lib';
import { evaluate, getAtt, hashedId, mnsJoin, newRole, newStack, policyName, warnings } from '../util';

/** `acs:mns:cn-hangzhou:111:/queues/<Jobs QueueName><tail>` as the stack renders it. */
function mnsJoinLiteral(collection: string, tail: string): unknown {
  return { 'Fn::Join': ['', [`${collection}/`, getAtt('Jobs', 'QueueName'), ...(tail ? [tail] : [])]] };
}

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

  test('ids that differ only in characters a name cannot hold still get different generated names', () => {
    const { stack } = newStack('Media');
    const names = [new smq.Queue(stack, 'My_Q'), new smq.Queue(stack, 'MyQ')].map((q) => q.rosQueue.queueName);
    expect(names[0]).toMatch(/^Media-MyQ-[0-9a-f]{8}$/);
    expect(names[1]).toBe('Media-MyQ');
  });

  test('a given name equal to another queue\'s: an error naming both paths', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, 'Jobs');
    expect(() => new smq.Queue(stack, 'Other', { queueName: 'Media-Jobs' }))
      .toThrow("Media/Other: queueName must be unique in the stack, but 'Media/Jobs' already has this queue name, got \"Media-Jobs\"");
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
        PolicyName: policyName('Media-Jobs-Producer'),
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
      const ids = Object.keys(policies).sort();
      expect(ids).toHaveLength(2);
      expect(ids[0]).toMatch(hashedId('JobsJanitorPolicy'));
      expect(ids[1]).toMatch(hashedId('JobsWorkerPolicy'));
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
      topic.grant(newRole(stack, 'Admin'), 'mns:Subscribe', 'mns:GetTopicAttributes', 'mns:PublishMessage', 'mns:ListTopic',
        'mns:ListSubscriptionByTopic', 'mns:Get*');
      const template = Template.fromStack(stack);
      const t = 'acs:mns:cn-hangzhou:111:/topics';
      template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        PolicyName: Match.stringLikeRegexp('^Media-Events-Admin-[0-9a-f]{8}-cn-hangzhou$'),
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: ['mns:Subscribe'], Resource: [`${t}/events/subscriptions/*`] },
            { Effect: 'Allow', Action: ['mns:GetTopicAttributes'], Resource: [`${t}/events`] },
            { Effect: 'Allow', Action: ['mns:PublishMessage'], Resource: [`${t}/events/messages`] },
            // SMQ's custom-policy reference: ListTopic is authorized on the collection
            { Effect: 'Allow', Action: ['mns:ListTopic'], Resource: [t] },
            { Effect: 'Allow', Action: ['mns:ListSubscriptionByTopic'], Resource: [`${t}/events/subscriptions`] },
            // a wildcard gets the resources of every action it matches: GetTopicAttributes, GetSubscriptionAttributes
            { Effect: 'Allow', Action: ['mns:Get*'], Resource: [`${t}/events`, `${t}/events/subscriptions/*`] },
          ],
        },
      });
    });

    test('grant with no action is an error', () => {
      const { stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs');
      expect(() => queue.grant(newRole(stack, 'Worker'))).toThrow('Media/Jobs: actions must name at least one action to grant, got []');
    });

    test('defect: actions are checked (prefix, spelling, known, fit for a queue)', () => {
      const { stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs');
      const role = newRole(stack, 'Worker');
      expect(() => queue.grant(role, 'ecs:DeleteInstance'))
        .toThrow('Media/Jobs: actions[0] must be an SMQ action ("mns:<Action>"): a grant on a queue gives permissions on that queue only, got "ecs:DeleteInstance"');
      expect(() => queue.grant(role, 'mns:FlyToMoon')).toThrow(/^Media\/Jobs: actions\[0\] must be a known SMQ action on a queue \(mns:SendMessage, .*\) or a wildcard such as "mns:\*", got "mns:FlyToMoon"$/);
      expect(() => queue.grant(role, 'MNS:sendmessage')).toThrow('Media/Jobs: actions[0] must be spelled as RAM and SMQ spell it: "mns:SendMessage", got "MNS:sendmessage"');
      expect(() => queue.grant(role, 'mns:SendMessage', ' mns:ReceiveMessage')).toThrow('Media/Jobs: actions[1] must not have leading or trailing whitespace, got " mns:ReceiveMessage"');
      expect(() => queue.grant(role, 'mns:PublishMessage')).toThrow('Media/Jobs: actions[0] must act on a queue: mns:PublishMessage acts on topics, got "mns:PublishMessage"');
      expect(() => queue.grant(role, 'mns:Subscribe')).toThrow('Media/Jobs: actions[0] must act on a queue: mns:Subscribe acts on topics, got "mns:Subscribe"');
      expect(() => queue.grant(role, 'mns:Publish*')).toThrow(/^Media\/Jobs: actions\[0\] must match at least one SMQ action on a queue/);
      expect(() => queue.grant(role, 'mns:Send Message')).toThrow(/must be a known SMQ action on a queue/);
      expect(() => queue.grant(role, 5 as unknown as string)).toThrow('Media/Jobs: actions[0] must be a string such as "mns:SendMessage", got 5');
      expect(queue.node.findAll().filter((c) => c instanceof ros.RosResource && c.node.id.includes('Policy'))).toEqual([]);
    });

    test('ListQueue is granted on the queue collection; mns:* on a queue gets exactly the queue resources', () => {
      const { stack } = newStack('Media', { env: { region: 'cn-hangzhou', account: '111' } });
      const queue = new smq.Queue(stack, 'Jobs', { queueName: 'jobs' });
      queue.grant(newRole(stack, 'Admin'), 'mns:ListQueue', 'mns:*');
      const q = 'acs:mns:cn-hangzhou:111:/queues';
      Template.fromStack(stack).hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: ['mns:ListQueue'], Resource: [q] },
            { Effect: 'Allow', Action: ['mns:*'], Resource: [mnsJoinLiteral(q, '/messages'), mnsJoinLiteral(q, ''), q] },
          ],
        },
      });
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
        PolicyName: policyName('Media-Legacy-Worker'),
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: [mnsJoin('/queues/', 'legacy-jobs', '/messages')] })]) },
      });
      expect(Object.keys(template.findResources('ALIYUN::RAM::ManagedPolicy'))).toEqual([expect.stringMatching(hashedId('LegacyWorkerPolicy'))]);
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
        const parsed = smq.Identifiers.parseChannelArn(smq.ChannelKind.QUEUE, literal)!;
        expect(evaluate(stack.resolve(q.channelAddress.region), parameters)).toBe(parsed.region);
        expect(evaluate(stack.resolve(q.channelAddress.account), parameters)).toBe(parsed.account);
        expect(evaluate(stack.resolve(q.queueName), parameters)).toBe(parsed.name);
        expect(evaluate(stack.resolve(q.queueArn), parameters)).toBe('acs:mns:cn-shanghai:333:/queues/orders');
      }
    });

    test('bad ARNs and names', () => {
      const { stack } = newStack('Media');
      const shape = 'must look like "acs:mns:{region}:{account}:/queues/{name}" with a region ID, an account ID (digits) and a valid queue name';
      expect(() => smq.Queue.fromQueueArn(stack, 'A', 'acs:mns:cn-shanghai:333:/topics/orders'))
        .toThrow(`Media/A: queueArn ${shape}, got "acs:mns:cn-shanghai:333:/topics/orders"`);
      expect(() => smq.Queue.fromQueueArn(stack, 'B', 'orders')).toThrow(`Media/B: queueArn ${shape}, got "orders"`);
      expect(() => smq.Queue.fromQueueArn(stack, 'W', 'acs:mns:*:*:/queues/orders')).toThrow(`Media/W: queueArn ${shape}, got "acs:mns:*:*:/queues/orders"`);
      expect(() => smq.Queue.fromQueueArn(stack, 'M', 'acs:mns:cn-shanghai:123456789012****:/queues/orders')).toThrow(/Media\/M: queueArn must look like/);
      expect(() => smq.Queue.fromQueueArn(stack, 'U', 'acs:mns:CN-SHANGHAI:333:/queues/orders')).toThrow(/Media\/U: queueArn must look like/);
      expect(() => smq.Queue.fromQueueArn(stack, 'N', 'acs:mns:cn-shanghai:333:/queues/bad_name')).toThrow(/Media\/N: queueArn must look like/);
      expect(() => smq.Queue.fromQueueArn(stack, 'X', 5 as unknown as string)).toThrow(ValidationError);
      expect(() => smq.Queue.fromQueueName(stack, 'C', 'bad_name'))
        .toThrow('Media/C: queueName must contain only letters, digits and hyphens, and start with a letter or digit, got "bad_name"');
      expect(() => smq.Queue.fromQueueName(stack, 'E', '')).toThrow('Media/E: queueName is required, got ""');
    });
  });

  describe('bad input', () => {
    test.each([
      [{ queueName: 'x'.repeat(121) }, 'Media/Jobs: queueName must be at most 120 characters long (length 121)'],
      [{ queueName: 'bad name' }, 'Media/Jobs: queueName must contain only letters, digits and hyphens, and start with a letter or digit, got "bad name"'],
      [{ queueName: '-jobs' }, 'got "-jobs"'],
      [{ deliveryDelay: Duration.days(8) }, 'Media/Jobs: deliveryDelay must be an integer between 0 and 604800 seconds, got 691200'],
      [{ maxMessageSizeBytes: 512 }, 'Media/Jobs: maxMessageSizeBytes must be an integer between 1024 and 65536 bytes, got 512'],
      [{ maxMessageSizeBytes: 70000 }, 'Media/Jobs: maxMessageSizeBytes must be an integer between 1024 and 65536 bytes, got 70000'],
      [{ retentionPeriod: Duration.seconds(59) }, 'Media/Jobs: retentionPeriod must be an integer between 60 and 604800 seconds, got 59'],
      [{ retentionPeriod: Duration.days(15) }, 'Media/Jobs: retentionPeriod must be an integer between 60 and 604800 seconds, got 1296000'],
      [{ visibilityTimeout: Duration.seconds(0) }, 'Media/Jobs: visibilityTimeout must be an integer between 1 and 43200 seconds, got 0'],
      [{ visibilityTimeout: Duration.seconds(50000) }, 'Media/Jobs: visibilityTimeout must be an integer between 1 and 43200 seconds, got 50000'],
      [{ receiveMessageWaitTime: Duration.seconds(31) }, 'Media/Jobs: receiveMessageWaitTime must be an integer between 0 and 30 seconds, got 31'],
      [{ deadLetterQueue: { maxReceiveCount: 0 } }, 'Media/Jobs: deadLetterQueue.maxReceiveCount must be an integer between 1 and 1000, got 0'],
      [{ deadLetterQueue: { maxReceiveCount: 1.5 } }, 'Media/Jobs: deadLetterQueue.maxReceiveCount must be an integer between 1 and 1000, got 1.5'],
      [{ deadLetterQueue: { maxReceiveCount: 1001 } }, 'Media/Jobs: deadLetterQueue.maxReceiveCount must be an integer between 1 and 1000, got 1001'],
      [{ deadLetterQueue: { maxReceiveCount: NaN } }, 'Media/Jobs: deadLetterQueue.maxReceiveCount must be an integer between 1 and 1000, got NaN'],
      [{ deadLetterQueue: { maxReceiveCount: Infinity } }, 'Media/Jobs: deadLetterQueue.maxReceiveCount must be an integer between 1 and 1000, got Infinity'],
      [{ deadLetterQueue: {} }, 'Media/Jobs: deadLetterQueue.maxReceiveCount is required, got undefined'],
      [{ maxMessageSizeBytes: NaN }, 'Media/Jobs: maxMessageSizeBytes must be an integer between 1024 and 65536 bytes, got NaN'],
      [{ deliveryDelay: Duration.days(4) }, 'Media/Jobs: deliveryDelay must be shorter than the retention period (the default 4 days): every message would expire before it could be received, got "4 days"'],
      [{ deliveryDelay: Duration.hours(2), retentionPeriod: Duration.hours(2) },
        'Media/Jobs: deliveryDelay must be shorter than the retention period (2 hours): every message would expire before it could be received, got "2 hours"'],
      [{ visibilityTimeout: 30 as unknown as smq.QueueProps['visibilityTimeout'] }, 'Media/Jobs: visibilityTimeout must be a Duration, such as Duration.seconds(30), got 30'],
      [{ tags: { ['k'.repeat(129)]: 'v' } }, 'Media/Jobs: tags[0].key must be at most 128 characters long (length 129)'],
    ])('%j', (props, message) => {
      const { stack } = newStack('Media');
      expect(() => new smq.Queue(stack, 'Jobs', props as smq.QueueProps)).toThrow(message);
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
        .toThrow('Media/Jobs: deadLetterQueue.queue must be another queue: a queue cannot be its own dead-letter queue, got "Media/Self"');
    });

    test('a queue cannot be its own DLQ, whatever the name is made of', () => {
      const { stack } = newStack('Media');
      const generated = smq.Queue.fromQueueName(stack, 'Self', 'Media-Jobs');
      expect(() => new smq.Queue(stack, 'Jobs', { deadLetterQueue: { queue: generated, maxReceiveCount: 3 } }))
        .toThrow('Media/Jobs: deadLetterQueue.queue must be another queue: a queue cannot be its own dead-letter queue, got "Media/Self"');
    });

    test('a DLQ in another region or account', () => {
      const { stack } = newStack('Media', { env: { region: 'cn-hangzhou', account: '111' } });
      const far = smq.Queue.fromQueueName(stack, 'Far', 'far', { region: 'cn-beijing' });
      expect(() => new smq.Queue(stack, 'Jobs', { deadLetterQueue: { queue: far, maxReceiveCount: 3 } }))
        .toThrow('Media/Jobs: deadLetterQueue.queue must be in the same region as the stack (cn-hangzhou), got "queue \'Media/Far\' in region cn-beijing"');
      const other = smq.Queue.fromQueueName(stack, 'Other', 'other', { account: '999' });
      expect(() => new smq.Queue(stack, 'Jobs2', { deadLetterQueue: { queue: other, maxReceiveCount: 3 } }))
        .toThrow('Media/Jobs2: deadLetterQueue.queue must be in the same account as the stack (111), got "queue \'Media/Other\' in account 999"');
    });

    test('defect: a DLQ imported from a literal region into a stack without env is a warning, not silence', () => {
      const { stack } = newStack('Media');
      const far = smq.Queue.fromQueueArn(stack, 'Far', 'acs:mns:cn-beijing:111:/queues/far');
      new smq.Queue(stack, 'Jobs', { deadLetterQueue: { queue: far, maxReceiveCount: 3 } });
      expect(warnings(stack)).toEqual([
        "Media/Jobs: deadLetterQueue.queue: queue 'Media/Far' is in region cn-beijing, account 111, and the stack in region <deploy-time region>, "
        + "account <deploy-time account>. They must be the same (a queue's DlqPolicy names its dead-letter queue by name only), and synth cannot tell: "
        + 'give the stack an env with a literal region and account, or import the channel without a region and account of its own.',
      ]);
      // imported without a region of its own: the stack's, so nothing to warn about
      const { stack: quiet } = newStack('Quiet');
      new smq.Queue(quiet, 'Jobs', { deadLetterQueue: { queue: smq.Queue.fromQueueName(quiet, 'Near', 'near'), maxReceiveCount: 3 } });
      expect(warnings(quiet)).toEqual([]);
    });

    test('import options: region and account IDs, never wildcards', () => {
      const { stack } = newStack('Media');
      expect(() => smq.Queue.fromQueueName(stack, 'A', 'q', { region: '*' }))
        .toThrow('Media/A: region must contain only lower-case letters, digits and hyphens, such as "cn-hangzhou", got "*"');
      expect(() => smq.Queue.fromQueueName(stack, 'B', 'q', { region: 'CN-Hangzhou' })).toThrow(/Media\/B: region must contain only lower-case/);
      expect(() => smq.Queue.fromQueueName(stack, 'C', 'q', { region: 'hangzhou' }))
        .toThrow('Media/C: region must be a region ID such as "cn-hangzhou" or "ap-southeast-1", got "hangzhou"');
      expect(() => smq.Queue.fromQueueName(stack, 'D', 'q', { account: '*' }))
        .toThrow('Media/D: account must contain only digits (an account ID, not "*"), got "*"');
      expect(() => smq.Queue.fromQueueName(stack, 'E', 'q', { account: '1234****' })).toThrow(/Media\/E: account must contain only digits/);
      expect(() => smq.Queue.fromQueueName(stack, 'F', 'q', { account: '' })).toThrow('Media/F: account must be between 1 and 32 characters long (length 0), got ""');
      for (const region of ['cn-hangzhou', 'ap-southeast-1', 'cn-shanghai-finance-1', 'rus-west-1', 'cn-north-2-gov-1', 'me-central-1']) {
        expect(() => smq.Queue.fromQueueName(stack, `R${region}`, 'q', { region })).not.toThrow();
      }
      const param = new ros.RosParameter(stack, 'Acct', { type: ros.RosParameterType.STRING }).valueAsString;
      expect(() => smq.Queue.fromQueueName(stack, 'G', 'q', { account: param })).not.toThrow();
    });

    test('duplicate names across stacks: same literal env is an error, unresolved env a warning', () => {
      const app = new ros.App();
      const env = { region: 'cn-hangzhou', account: '111' };
      new smq.Queue(new ros.Stack(app, 'One', { env }), 'Jobs', { queueName: 'jobs' });
      expect(() => new smq.Queue(new ros.Stack(app, 'Two', { env }), 'Jobs', { queueName: 'jobs' }))
        .toThrow("Two/Jobs: queueName must be unique in region cn-hangzhou and account 111, but 'One/Jobs' in stack 'One' already has this queue name, got \"jobs\"");
      expect(() => new smq.Queue(new ros.Stack(app, 'Three', { env: { region: 'cn-beijing', account: '111' } }), 'Jobs', { queueName: 'jobs' })).not.toThrow();
      const agnostic = new ros.Stack(app, 'Agnostic');
      new smq.Queue(agnostic, 'Jobs', { queueName: 'jobs' });
      expect(warnings(agnostic)).toHaveLength(2);
      expect(warnings(agnostic)[0]).toMatch(/^Agnostic\/Jobs: queueName: 'One\/Jobs' in stack 'One' has the same queue name\. If both stacks are deployed to one region and account, the second deploy fails/);
    });

    test('a name with a token is checked in its literal pieces', () => {
      const { stack } = newStack('Media');
      const env = new ros.RosParameter(stack, 'Env', { type: ros.RosParameterType.STRING }).valueAsString;
      expect(() => new smq.Queue(stack, 'Jobs', { queueName: `jobs-${env}` })).not.toThrow();
      expect(() => new smq.Queue(stack, 'Bad', { queueName: `jobs.${env}` }))
        .toThrow('Media/Bad: queueName must contain only letters, digits and hyphens, and start with a letter or digit, got "jobs.<token>"');
    });

    test('the dead-letter queue reported by a queue always has its queue (compiles under strict)', () => {
      const { stack } = newStack('Media');
      const queue = new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 2 } });
      const name: string | undefined = queue.deadLetterQueue?.queue.queueName;
      expect(stack.resolve(name)).toEqual(getAtt('JobsDlq', 'QueueName'));
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
