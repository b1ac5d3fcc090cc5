import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { smq } from '../../lib';

const { RosEventNotification, RosQueue, RosSubscription, RosTopic } = smq;
import { getAtt, newStack } from '../util';

describe('RosQueue', () => {
  test('renders every property with its ROS name', () => {
    const { stack } = newStack('L1');
    new RosQueue(stack, 'Q', {
      queueName: 'q1',
      delaySeconds: 5,
      dlqPolicy: { deadLetterTargetQueue: 'q1-dlq', enabled: true, maxReceiveCount: 3 },
      loggingEnabled: true,
      maximumMessageSize: 2048,
      messageRetentionPeriod: 600,
      pollingWaitSeconds: 30,
      visibilityTimeout: 60,
      tags: [{ key: 'team', value: 'a' }, { key: 'bare' }],
    }, true);
    const template = Template.fromStack(stack);
    template.hasResource('ALIYUN::MNS::Queue', {
      Type: 'ALIYUN::MNS::Queue',
      Properties: Match.objectEquals({
        QueueName: 'q1',
        DelaySeconds: 5,
        DlqPolicy: { DeadLetterTargetQueue: 'q1-dlq', Enabled: true, MaxReceiveCount: 3 },
        LoggingEnabled: true,
        MaximumMessageSize: 2048,
        MessageRetentionPeriod: 600,
        PollingWaitSeconds: 30,
        VisibilityTimeout: 60,
        Tags: [{ Key: 'team', Value: 'a' }, { Key: 'bare' }],
      }),
    });
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('exposes the documented attributes', () => {
    const { stack } = newStack('L1');
    const q = new RosQueue(stack, 'Q', { queueName: 'q1' }, true);
    expect(stack.resolve(q.attrQueueName)).toEqual(getAtt('Q', 'QueueName'));
    expect(stack.resolve(q.attrQueueUrl)).toEqual(getAtt('Q', 'QueueUrl'));
    expect(stack.resolve(q.attrArnWithSlash)).toEqual(getAtt('Q', 'ARN.WithSlash'));
    expect(stack.resolve(q.attrArn)).toEqual(getAtt('Q', 'ARN'));
  });

  test.each([
    [{ queueName: '' }, 'L1/Q: queueName is required, got ""'],
    [{ queueName: 'x'.repeat(121) }, 'L1/Q: queueName must be at most 120 characters long (length 121)'],
    [{ queueName: '-q' }, 'L1/Q: queueName must contain only letters, digits and hyphens, and start with a letter or digit, got "-q"'],
    [{ queueName: 'q_1' }, 'got "q_1"'],
    [{ queueName: 'q', delaySeconds: 604801 }, 'L1/Q: delaySeconds must be an integer between 0 and 604800 seconds, got 604801'],
    [{ queueName: 'q', maximumMessageSize: 1023 }, 'L1/Q: maximumMessageSize must be an integer between 1024 and 65536 bytes, got 1023'],
    [{ queueName: 'q', maximumMessageSize: 65537 }, 'maximumMessageSize must be an integer between 1024 and 65536 bytes, got 65537'],
    [{ queueName: 'q', messageRetentionPeriod: 59 }, 'L1/Q: messageRetentionPeriod must be an integer between 60 and 604800 seconds, got 59'],
    [{ queueName: 'q', messageRetentionPeriod: 1296000 }, 'messageRetentionPeriod must be an integer between 60 and 604800 seconds, got 1296000'],
    [{ queueName: 'q', pollingWaitSeconds: 31 }, 'L1/Q: pollingWaitSeconds must be an integer between 0 and 30 seconds, got 31'],
    [{ queueName: 'q', visibilityTimeout: 0 }, 'L1/Q: visibilityTimeout must be an integer between 1 and 43200 seconds, got 0'],
    [{ queueName: 'q', visibilityTimeout: 43201 }, 'visibilityTimeout must be an integer between 1 and 43200 seconds, got 43201'],
    [{ queueName: 'q', dlqPolicy: { deadLetterTargetQueue: 'd', enabled: true, maxReceiveCount: 0 } }, 'L1/Q: dlqPolicy.maxReceiveCount must be an integer between 1 and 1000, got 0'],
    [{ queueName: 'q', dlqPolicy: { deadLetterTargetQueue: '', enabled: true, maxReceiveCount: 1 } }, 'L1/Q: dlqPolicy.deadLetterTargetQueue is required'],
    [{ queueName: 'q', tags: new Array(21).fill({ key: 'k' }) }, 'L1/Q: tags must have at most 20 items'],
    [{ queueName: 'q', tags: [{ key: '' }] }, 'L1/Q: tags[0].key is required'],
    [{ queueName: 'q', tags: [{ key: 'k'.repeat(129) }] }, 'L1/Q: tags[0].key must be at most 128 characters long (length 129)'],
    [{ queueName: 'q', tags: [{ key: 'k', value: 'v'.repeat(129) }] }, 'L1/Q: tags[0].value must be at most 128 characters long (length 129)'],
    [{ queueName: 'q', dlqPolicy: { deadLetterTargetQueue: 'd', enabled: true, maxReceiveCount: 1001 } }, 'L1/Q: dlqPolicy.maxReceiveCount must be an integer between 1 and 1000, got 1001'],
    [{ queueName: 'q', dlqPolicy: { deadLetterTargetQueue: 'd', enabled: true, maxReceiveCount: NaN } }, 'L1/Q: dlqPolicy.maxReceiveCount must be an integer between 1 and 1000, got NaN'],
    [{ queueName: 'q', visibilityTimeout: Infinity }, 'L1/Q: visibilityTimeout must be an integer between 1 and 43200 seconds, got Infinity'],
  ])('rejects %j', (props, message) => {
    const { stack } = newStack('L1');
    expect(() => new RosQueue(stack, 'Q', props as any, true)).toThrow(message);
  });

  test('tokens pass unchecked', () => {
    const { stack } = newStack('L1');
    const n = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    const s = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => new RosQueue(stack, 'Q', {
      queueName: s, delaySeconds: n, maximumMessageSize: n, messageRetentionPeriod: n, pollingWaitSeconds: n, visibilityTimeout: n,
      dlqPolicy: { deadLetterTargetQueue: s, enabled: true, maxReceiveCount: n },
    }, true)).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: { Ref: 'S' }, VisibilityTimeout: { Ref: 'N' } });
  });
});

describe('RosTopic', () => {
  test('renders every property and exposes the attributes', () => {
    const { stack } = newStack('L1');
    const t = new RosTopic(stack, 'T', { topicName: 't1', loggingEnabled: false, maximumMessageSize: 4096, tags: [{ key: 'a', value: 'b' }] }, true);
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Topic', Match.objectEquals({
      TopicName: 't1', LoggingEnabled: false, MaximumMessageSize: 4096, Tags: [{ Key: 'a', Value: 'b' }],
    }));
    expect(stack.resolve(t.attrTopicName)).toEqual(getAtt('T', 'TopicName'));
    expect(stack.resolve(t.attrTopicUrl)).toEqual(getAtt('T', 'TopicUrl'));
    expect(stack.resolve(t.attrArnWithSlash)).toEqual(getAtt('T', 'ARN.WithSlash'));
    expect(stack.resolve(t.attrArn)).toEqual(getAtt('T', 'ARN'));
  });

  test.each([
    [{ topicName: '1topic' }, 'L1/T: topicName must contain only letters, digits and hyphens, and start with a letter, got "1topic"'],
    [{ topicName: 't'.repeat(256) }, 'L1/T: topicName must be at most 255 characters long'],
    [{ topicName: 't', maximumMessageSize: 100 }, 'L1/T: maximumMessageSize must be an integer between 1024 and 65536 bytes, got 100'],
  ])('rejects %j', (props, message) => {
    const { stack } = newStack('L1');
    expect(() => new RosTopic(stack, 'T', props as any, true)).toThrow(message);
  });
});

describe('RosSubscription', () => {
  test('renders every property and exposes the attributes', () => {
    const { stack } = newStack('L1');
    const s = new RosSubscription(stack, 'S', {
      topicName: 't1',
      subscriptionName: 's1',
      endpoint: 'acs:mns:cn-hangzhou:1:queues/q1',
      filterTag: 'important',
      notifyStrategy: 'EXPONENTIAL_DECAY_RETRY',
      notifyContentFormat: 'JSON',
      dlqPolicy: { deadLetterTargetQueue: 'dead', enabled: true },
      pushType: 'queue',
    }, true);
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Subscription', Match.objectEquals({
      TopicName: 't1',
      SubscriptionName: 's1',
      Endpoint: 'acs:mns:cn-hangzhou:1:queues/q1',
      FilterTag: 'important',
      NotifyStrategy: 'EXPONENTIAL_DECAY_RETRY',
      NotifyContentFormat: 'JSON',
      DlqPolicy: { DeadLetterTargetQueue: 'dead', Enabled: true },
      PushType: 'queue',
    }));
    expect(stack.resolve(s.attrSubscriptionName)).toEqual(getAtt('S', 'SubscriptionName'));
    expect(stack.resolve(s.attrSubscriptionUrl)).toEqual(getAtt('S', 'SubscriptionUrl'));
    expect(stack.resolve(s.attrTopicName)).toEqual(getAtt('S', 'TopicName'));
  });

  const base = { topicName: 't1', subscriptionName: 's1', endpoint: 'https://x' };
  test.each([
    [{ ...base, endpoint: '' }, 'L1/S: endpoint is required'],
    [{ ...base, subscriptionName: '9s' }, 'L1/S: subscriptionName must contain only letters, digits and hyphens, and start with a letter, got "9s"'],
    [{ ...base, filterTag: 'seventeen-chars-x' }, 'L1/S: filterTag must be at most 16 characters long (length 17), got "seventeen-chars-x"'],
    [{ ...base, notifyStrategy: 'RETRY' }, 'L1/S: notifyStrategy must be one of "BACKOFF_RETRY", "EXPONENTIAL_DECAY_RETRY", got "RETRY"'],
    [{ ...base, notifyContentFormat: 'YAML' }, 'L1/S: notifyContentFormat must be one of "XML", "JSON", "SIMPLIFIED", got "YAML"'],
    [{ ...base, pushType: 'sms' }, 'L1/S: pushType must be one of "http", "queue", "mpush", "email", "alisms", got "sms"'],
    [{ ...base, dlqPolicy: { deadLetterTargetQueue: 'd' } }, 'L1/S: dlqPolicy.enabled is required'],
  ])('rejects %j', (props, message) => {
    const { stack } = newStack('L1');
    expect(() => new RosSubscription(stack, 'S', props as any, true)).toThrow(message);
  });
});

describe('RosEventNotification', () => {
  const props = {
    identifier: 'on-upload',
    productName: 'oss',
    eventTypes: ['oss:ObjectCreated:PutObject'],
    resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media/in/', suffix: '.jpg' }],
    endpoints: ['acs:mns:cn-hangzhou:1:queues/jobs'],
  };

  test('renders PascalCase properties and lower-case resource keys, as Alibaba\'s sample template does', () => {
    const { stack } = newStack('L1');
    const n = new RosEventNotification(stack, 'N', props, true);
    expect(RosEventNotification.ROS_RESOURCE_TYPE_NAME).toBe('ALIYUN::MNS::EventNotification');
    expect(n.enableResourcePropertyConstraint).toBe(true);
    Template.fromStack(stack).hasResource('ALIYUN::MNS::EventNotification', {
      Properties: Match.objectEquals({
        Identifier: 'on-upload',
        ProductName: 'oss',
        EventTypes: ['oss:ObjectCreated:PutObject'],
        Resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media/in/', suffix: '.jpg' }],
        Endpoints: ['acs:mns:cn-hangzhou:1:queues/jobs'],
      }),
    });
  });

  test.each([
    [{ ...props, identifier: '' }, 'L1/N: identifier is required'],
    [{ ...props, identifier: 'a b' }, 'L1/N: identifier must contain only characters that are not whitespace or control characters, got "a b"'],
    [{ ...props, productName: 'ecs' }, 'L1/N: productName must be one of "oss", got "ecs"'],
    [{ ...props, eventTypes: [] }, 'L1/N: eventTypes must be a list of at least one item, got []'],
    [{ ...props, eventTypes: ['ObjectCreated:PutObject'] }, 'L1/N: eventTypes[0] must be an OSS event type such as "oss:ObjectCreated:PutObject", got "ObjectCreated:PutObject"'],
    [{ ...props, resources: [{}] }, 'L1/N: resources[0] must have a prefix, a suffix or both, got {}'],
    [{ ...props, resources: [{ prefix: 'media/in/' }] }, 'L1/N: resources[0].prefix must be "acs:oss:{region}:{account}:{bucket}/{key prefix}", got "media/in/"'],
    [{ ...props, endpoints: undefined }, 'L1/N: endpoints is required'],
    [{ ...props, endpoints: ['https://x.example'] }, /^L1\/N: endpoints\[0\] must be "acs:mns:\{region\}:\{account\}:queues\/\{name\}" or/],
    [{ ...props, endpoints: ['acs:mns:cn-hangzhou:1:/queues/jobs/messages'] }, /^L1\/N: endpoints\[0\] must be/],
  ])('rejects %j', (bad, message) => {
    const { stack } = newStack('L1');
    expect(() => new RosEventNotification(stack, 'N', bad as any, true)).toThrow(message);
  });

  test('tokens pass in every property, and literal pieces around them are checked', () => {
    const { stack } = newStack('L1');
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => new RosEventNotification(stack, 'A', {
      identifier: p, productName: p, eventTypes: [p], resources: [{ prefix: `acs:oss:${p}` }], endpoints: [`acs:mns:${p}:queues/${p}`],
    }, true)).not.toThrow();
    expect(() => new RosEventNotification(stack, 'B', { ...props, endpoints: [p] }, true)).not.toThrow();
    expect(() => new RosEventNotification(stack, 'C', { ...props, endpoints: [`https://${p}`] }, true)).toThrow(/^L1\/C: endpoints\[0\] must be/);
  });

  test('props changed after construction are checked again at synth', () => {
    const { app, stack } = newStack('L1');
    const n = new RosEventNotification(stack, 'N', props, true);
    n.eventTypes = ['PutObject'];
    expect(() => app.synth()).toThrow('L1/N: eventTypes[0] must be an OSS event type such as "oss:ObjectCreated:PutObject", got "PutObject"');
  });
});

describe('the shape of generated ROS CDK L1s', () => {
  test('type names, the enableResourcePropertyConstraint argument, and one attribute token however often it is read', () => {
    expect(RosQueue.ROS_RESOURCE_TYPE_NAME).toBe('ALIYUN::MNS::Queue');
    expect(RosTopic.ROS_RESOURCE_TYPE_NAME).toBe('ALIYUN::MNS::Topic');
    expect(RosSubscription.ROS_RESOURCE_TYPE_NAME).toBe('ALIYUN::MNS::Subscription');
    const { stack } = newStack('L1');
    const q = new RosQueue(stack, 'Q', { queueName: 'q1' }, true);
    expect(q).toBeInstanceOf(ros.RosResource);
    expect(q.enableResourcePropertyConstraint).toBe(true);
    expect(q.attrQueueName).toBe(q.attrQueueName);
  });

  test('props are mutable, rendered as they are at synth, and checked again when changed', () => {
    const { stack } = newStack('L1');
    const q = new RosQueue(stack, 'Q', { queueName: 'q1' }, true);
    q.visibilityTimeout = 60;
    q.tags = [{ key: 'team', value: 'a' }];
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: 'q1', VisibilityTimeout: 60, Tags: [{ Key: 'team', Value: 'a' }] });
    const other = newStack('L1');
    const bad = new RosQueue(other.stack, 'Q', { queueName: 'q1' }, true);
    bad.visibilityTimeout = 0;
    expect(() => other.app.synth()).toThrow('L1/Q: visibilityTimeout must be an integer between 1 and 43200 seconds, got 0');
  });

  test('enableResourcePropertyConstraint false turns the checks off, as in generated L1s', () => {
    const { stack } = newStack('L1');
    expect(() => new RosQueue(stack, 'Q', { queueName: 'q_1', visibilityTimeout: 0 }, false)).not.toThrow();
    const t = new RosTopic(stack, 'T', { topicName: '1t' }, false);
    t.maximumMessageSize = 5;
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('a name with a token is checked in its literal pieces', () => {
    const { stack } = newStack('L1');
    const s = new ros.RosParameter(stack, 'Env', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => new RosQueue(stack, 'Q', { queueName: `jobs-${s}` }, true)).not.toThrow();
    expect(() => new RosQueue(stack, 'Q2', { queueName: `jobs_${s}` }, true))
      .toThrow('L1/Q2: queueName must contain only letters, digits and hyphens, and start with a letter or digit, got "jobs_<token>"');
    expect(() => new RosTopic(stack, 'T', { topicName: ros.Fn.join('', ['9', s]) }, true)).toThrow(/start with a letter, got/);
  });
});
