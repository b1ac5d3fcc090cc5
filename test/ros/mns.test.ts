import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { smq } from '../../lib';

const { RosEventNotification, RosQueue, RosSubscription, RosTopic } = smq;
import { checkPropsTree } from '../../lib/ros/mns-rules';
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

  test('a whole DlqPolicy that is a token renders as the token, not as an empty object', () => {
    const { stack } = newStack('L1');
    const policy = new ros.RosParameter(stack, 'Policy', { type: ros.RosParameterType.JSON }).value;
    new RosQueue(stack, 'Q', { queueName: 'q', dlqPolicy: policy }, true);
    new smq.RosSubscription(stack, 'S', { topicName: 't', subscriptionName: 's', endpoint: 'acs:mns:cn-hangzhou:123:queues/q', dlqPolicy: policy }, true);
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.Q.Properties.DlqPolicy).toEqual({ Ref: 'Policy' });
    expect(resources.S.Properties.DlqPolicy).toEqual({ Ref: 'Policy' });
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
  const ENDPOINT = 'must be "acs:mns:{region}:{account}:queues/{name}" or "acs:mns:{region}:{account}:topics/{name}"';
  const PREFIX = 'must be "acs:oss:{region}:{account}:{bucket}/{key prefix}"';
  const EVENT_TYPE = 'must be an OSS event type such as "oss:ObjectCreated:PutObject"';
  const BUCKET = '(the bucket: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit)';

  /** Asserts that `make` throws a ValidationError with exactly `message`. */
  function expectMessage(make: () => unknown, message: string): void {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ValidationError');
    expect((error as Error).message).toBe(message);
  }

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

  test('takes Alibaba\'s sample as it is written, a topic endpoint, a whole-bucket prefix and a category', () => {
    const { stack } = newStack('L1');
    expect(() => new RosEventNotification(stack, 'Sample', {
      identifier: ros.Fn.sub('${BucketName}-processed-completed'),
      productName: 'oss',
      eventTypes: ['oss:ObjectCreated:PostObject', 'oss:ObjectCreated:PutObject'],
      resources: [{ prefix: ros.Fn.sub('acs:oss:${ALIYUN::Region}:${ALIYUN::TenantId}:${OssBucket}/processed'), suffix: '.pdf' }],
      endpoints: [ros.Fn.sub('acs:mns:${ALIYUN::Region}:${ALIYUN::TenantId}:queues/${Queue.QueueName}')],
    }, true)).not.toThrow();
    expect(() => new RosEventNotification(stack, 'Topic', {
      ...props,
      eventTypes: ['oss:ObjectCreated:*'],
      resources: [{ prefix: 'acs:oss:cn-hangzhou:123456789012:media/' }],
      endpoints: ['acs:mns:cn-hangzhou:123456789012:topics/9-ops', `acs:mns:cn-hangzhou:1:topics/${'t'.repeat(255)}`],
    }, true)).not.toThrow();
  });

  test.each([
    [{ ...props, identifier: '' }, 'L1/N: identifier is required'],
    [{ ...props, identifier: 'a b' }, 'L1/N: identifier must contain only letters, digits and hyphens, and start with a letter, got "a b"'],
    [{ ...props, productName: 'ecs' }, 'L1/N: productName must be one of "oss", got "ecs"'],
    [{ ...props, eventTypes: [] }, 'L1/N: eventTypes must be a list of at least one item, got []'],
    [{ ...props, eventTypes: ['ObjectCreated:PutObject'] }, 'L1/N: eventTypes[0] must be an OSS event type such as "oss:ObjectCreated:PutObject", got "ObjectCreated:PutObject"'],
    [{ ...props, resources: [{}] }, 'L1/N: resources[0].prefix is required: "acs:oss:{region}:{account}:{bucket}/{key prefix}", got undefined'],
    [{ ...props, resources: [{ prefix: 'media/in/' }] }, 'L1/N: resources[0].prefix must be "acs:oss:{region}:{account}:{bucket}/{key prefix}", got "media/in/"'],
    [{ ...props, endpoints: undefined }, 'L1/N: endpoints is required'],
    [{ ...props, endpoints: ['https://x.example'] }, /^L1\/N: endpoints\[0\] must be "acs:mns:\{region\}:\{account\}:queues\/\{name\}" or/],
    [{ ...props, endpoints: ['acs:mns:cn-hangzhou:1:/queues/jobs/messages'] }, /^L1\/N: endpoints\[0\] must be/],
  ])('rejects %j', (bad, message) => {
    const { stack } = newStack('L1');
    expect(() => new RosEventNotification(stack, 'N', bad as any, true)).toThrow(message);
  });

  test.each([
    // values of the wrong type are refused, not rendered
    ['an event type that is a number', { eventTypes: [5] }, `L1/N: eventTypes[0] ${EVENT_TYPE}, got 5`],
    ['an event type that is null', { eventTypes: [null] }, `L1/N: eventTypes[0] ${EVENT_TYPE}, got null`],
    ['a hole in the event types', { eventTypes: [, 'oss:ObjectCreated:PutObject'] }, `L1/N: eventTypes[0] ${EVENT_TYPE}, got undefined`],
    ['a prefix that is a number', { resources: [{ prefix: 5 }] }, `L1/N: resources[0].prefix ${PREFIX}, got 5`],
    ['a suffix that is a number', { resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media/', suffix: 5 }] },
      'L1/N: resources[0].suffix must be a string, the end of the object key, such as ".jpg", got 5'],
    ['a suffix with a control character', { resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media/', suffix: 'a\nb' }] },
      'L1/N: resources[0].suffix must contain only characters that are not control characters, got "a\\nb"'],
    ['a resource that is null', { resources: [null] }, 'L1/N: resources[0] must be { prefix, suffix? }, got null'],
    ['a resource with a key ROS does not know', { resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media/', Suffix: '.jpg' }] },
      'L1/N: resources[0] must have only the keys prefix and suffix (not "Suffix"), got {"prefix":"acs:oss:cn-hangzhou:1:media/","Suffix":".jpg"}'],
    ['an endpoint that is a number', { endpoints: [5] }, `L1/N: endpoints[0] ${ENDPOINT}, got 5`],
    ['an endpoint that is an object', { endpoints: [{}] }, `L1/N: endpoints[0] ${ENDPOINT}, got {}`],
    ['a product name that is a number', { productName: 5 }, 'L1/N: productName must be one of "oss", got 5'],
    // endpoints: the whole form, with the name rules
    ['an endpoint without region, account or name', { endpoints: ['acs:mns::queues/'] },
      `L1/N: endpoints[0] ${ENDPOINT} (the region: lower-case letters, digits and hyphens, such as "cn-hangzhou"), got "acs:mns::queues/"`],
    ['an endpoint without an account', { endpoints: ['acs:mns:x:queues/q/extra'] }, `L1/N: endpoints[0] ${ENDPOINT} (the account: digits), got "acs:mns:x:queues/q/extra"`],
    ['an endpoint with a bad queue name', { endpoints: ['acs:mns:cn-hangzhou:1:queues/bad name!'] },
      `L1/N: endpoints[0] ${ENDPOINT} (the queue name: 1 to 120 letters, digits and hyphens, starting with a letter or digit), got "acs:mns:cn-hangzhou:1:queues/bad name!"`],
    ['an endpoint with a queue name of 121 characters', { endpoints: [`acs:mns:cn-hangzhou:1:queues/${'q'.repeat(121)}`] },
      `L1/N: endpoints[0] ${ENDPOINT} (the queue name: 1 to 120 letters, digits and hyphens, starting with a letter or digit), got "acs:mns:cn-hangzhou:1:queues/${'q'.repeat(121)}"`],
    ['an endpoint with a bad topic name', { endpoints: ['acs:mns:cn-hangzhou:1:topics/-ops'] },
      `L1/N: endpoints[0] ${ENDPOINT} (the topic name: 1 to 255 letters, digits and hyphens, starting with a letter or digit), got "acs:mns:cn-hangzhou:1:topics/-ops"`],
    ['an endpoint with an upper-case region', { endpoints: ['acs:mns:CN-Hangzhou:1:queues/q'] },
      `L1/N: endpoints[0] ${ENDPOINT} (the region: lower-case letters, digits and hyphens, such as "cn-hangzhou"), got "acs:mns:CN-Hangzhou:1:queues/q"`],
    ['an endpoint with a singular kind', { endpoints: ['acs:mns:cn-hangzhou:1:queue/q'] }, `L1/N: endpoints[0] ${ENDPOINT}, got "acs:mns:cn-hangzhou:1:queue/q"`],
    ['an empty endpoint', { endpoints: [''] }, `L1/N: endpoints[0] ${ENDPOINT}, got ""`],
    // resources: a prefix naming the bucket is required, the suffix is optional
    ['a suffix without a prefix', { resources: [{ suffix: '.jpg' }] },
      'L1/N: resources[0].prefix is required: "acs:oss:{region}:{account}:{bucket}/{key prefix}", got undefined'],
    ['a prefix of "acs:oss:" alone', { resources: [{ prefix: 'acs:oss:' }] },
      `L1/N: resources[0].prefix ${PREFIX} (the region: lower-case letters, digits and hyphens, such as "cn-hangzhou"), got "acs:oss:"`],
    ['a prefix without the "/" after the bucket', { resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media' }] },
      `L1/N: resources[0].prefix ${PREFIX}, got "acs:oss:cn-hangzhou:1:media"`],
    ['a bucket name with upper-case letters', { resources: [{ prefix: 'acs:oss:cn-hangzhou:1:My_Bucket/in/' }] },
      `L1/N: resources[0].prefix ${PREFIX} ${BUCKET}, got "acs:oss:cn-hangzhou:1:My_Bucket/in/"`],
    ['a bucket name of 2 characters', { resources: [{ prefix: 'acs:oss:cn-hangzhou:1:ab/' }] }, `L1/N: resources[0].prefix ${PREFIX} ${BUCKET}, got "acs:oss:cn-hangzhou:1:ab/"`],
    ['a bucket name ending in a hyphen', { resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media-/' }] },
      `L1/N: resources[0].prefix ${PREFIX} ${BUCKET}, got "acs:oss:cn-hangzhou:1:media-/"`],
    ['a key prefix starting with "/"', { resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media//in/' }] },
      `L1/N: resources[0].prefix ${PREFIX} (the key prefix: at most 1023 characters that are not control characters, not starting with "/"), got "acs:oss:cn-hangzhou:1:media//in/"`],
    ['an event type with a space', { eventTypes: ['oss:Object Created:PutObject'] },
      `L1/N: eventTypes[0] ${EVENT_TYPE} ("oss:{category}:{operation}", each in letters, the operation "*" for a whole category), got "oss:Object Created:PutObject"`],
  ])('rejects %s', (_what, bad, message) => {
    const { stack } = newStack('L1');
    expectMessage(() => new RosEventNotification(stack, 'N', { ...props, ...bad } as any, true), message);
  });

  // OSS, "Configure event notification rules", Rule Name:
  // https://www.alibabacloud.com/help/en/object-storage-service/latest/configure-event-notification-rules
  const NAME = 'must contain only letters, digits and hyphens, and start with a letter';
  test.each<[string, (p: string) => unknown, string | undefined]>([
    ['a letter', () => 'a', undefined],
    ['letters, digits and hyphens', () => 'On-Upload-2', undefined],
    ['85 characters', () => `r${'-1'.repeat(42)}`, undefined],
    ['a name as this library generates it', () => 'Media-Uploads-Jpeg-0a1b2c3d', undefined],
    ['a token', (p) => p, undefined],
    ['a token after a letter', (p) => `rule-${p}`, undefined],
    ['a token first, whatever its first character', (p) => `${p}-processed-completed`, undefined],
    ['a digit first', () => '1abc', `L1/N: identifier ${NAME}, got "1abc"`],
    ['a hyphen first', () => '-abc', `L1/N: identifier ${NAME}, got "-abc"`],
    ['an underscore', () => 'a_b', `L1/N: identifier ${NAME}, got "a_b"`],
    ['a dot', () => 'a.b', `L1/N: identifier ${NAME}, got "a.b"`],
    ['Chinese characters', () => '规则', `L1/N: identifier ${NAME}, got "规则"`],
    ['86 characters', () => 'r'.repeat(86), `L1/N: identifier must be at most 85 characters long (length 86), got "${'r'.repeat(86)}"`],
    ['a digit before a token', (p) => ros.Fn.join('', ['1', p]), `L1/N: identifier ${NAME}, got "1<token>"`],
    ['an underscore after a token', (p) => `${p}_x`, `L1/N: identifier ${NAME}, got "<token>_x"`],
    ['86 characters of literal text around a token', (p) => `${'r'.repeat(86)}${p}`,
      `L1/N: identifier must be at most 85 characters long, and its literal text alone has 86, got "${'r'.repeat(86)}<token>"`],
  ])('identifier, the rule name as OSS documents it: %s', (_name, identifier, message) => {
    const { stack } = newStack('L1');
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    const make = (): unknown => new RosEventNotification(stack, 'N', { ...props, identifier: identifier(p) as string }, true);
    if (message === undefined) {
      expect(make).not.toThrow();
    } else {
      expectMessage(make, message);
    }
  });

  test.each<[string, (p: string) => object, string]>([
    ['an event type twice', () => ({ eventTypes: ['oss:ObjectCreated:PutObject', 'oss:ObjectRemoved:DeleteObject', 'oss:ObjectCreated:PutObject'] }),
      'L1/N: eventTypes[2] must differ from the other event types of the rule: it repeats eventTypes[0], got "oss:ObjectCreated:PutObject"'],
    ['an event type with a token twice', (p) => ({ eventTypes: [`oss:ObjectCreated:${p}`, `oss:ObjectCreated:${p}`] }),
      'L1/N: eventTypes[1] must differ from the other event types of the rule: it repeats eventTypes[0], got "oss:ObjectCreated:<token>"'],
    ['a resource twice', () => ({ resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media/in/', suffix: '.jpg' }, { prefix: 'acs:oss:cn-hangzhou:1:media/in/', suffix: '.jpg' }] }),
      'L1/N: resources[1] must differ from the other resources of the rule: it repeats resources[0], got {"prefix":"acs:oss:cn-hangzhou:1:media/in/","suffix":".jpg"}'],
    ['a resource twice, once with an empty suffix', () => ({ resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media/' }, { prefix: 'acs:oss:cn-hangzhou:1:media/', suffix: '' }] }),
      'L1/N: resources[1] must differ from the other resources of the rule: it repeats resources[0], got {"prefix":"acs:oss:cn-hangzhou:1:media/","suffix":""}'],
    ['a resource with a token twice', (p) => ({ resources: [{ prefix: `acs:oss:cn-hangzhou:1:${p}/` }, { prefix: `acs:oss:cn-hangzhou:1:${p}/` }] }),
      'L1/N: resources[1] must differ from the other resources of the rule: it repeats resources[0], got {"prefix":"acs:oss:cn-hangzhou:1:<token>/"}'],
    ['an endpoint twice', () => ({ endpoints: ['acs:mns:cn-hangzhou:1:queues/jobs', 'acs:mns:cn-hangzhou:1:queues/jobs'] }),
      'L1/N: endpoints[1] must differ from the other endpoints of the rule: it repeats endpoints[0], got "acs:mns:cn-hangzhou:1:queues/jobs"'],
    ['a joined endpoint twice', (p) => ({ endpoints: [ros.Fn.join('', ['acs:mns:cn-hangzhou:1:queues/', p]), ros.Fn.join('', ['acs:mns:cn-hangzhou:1:queues/', p])] }),
      'L1/N: endpoints[1] must differ from the other endpoints of the rule: it repeats endpoints[0], got "acs:mns:cn-hangzhou:1:queues/<token>"'],
  ])('an item that repeats another in its list is refused: %s', (_name, bad, message) => {
    const { stack } = newStack('L1');
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    expectMessage(() => new RosEventNotification(stack, 'N', { ...props, ...bad(p) } as any, true), message);
  });

  test('items that differ pass, and token objects are not compared', () => {
    const { stack } = newStack('L1');
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    const att = ros.Fn.getAtt('X', 'Y');
    expect(() => new RosEventNotification(stack, 'N', {
      ...props,
      eventTypes: ['oss:ObjectCreated:PutObject', 'oss:ObjectCreated:*', `oss:ObjectCreated:${p}`, att, att],
      resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media/' }, { prefix: 'acs:oss:cn-hangzhou:1:media/', suffix: '.jpg' }, att, att],
      endpoints: ['acs:mns:cn-hangzhou:1:queues/jobs', 'acs:mns:cn-hangzhou:1:topics/jobs', att, att],
    }, true)).not.toThrow();
  });

  test('cyclic props are a ValidationError, never a RangeError, whatever enableResourcePropertyConstraint says', () => {
    const TREE = 'must not hold a list or object it is in: props are a tree, not a cycle';
    for (const flag of [true, false]) {
      const { stack } = newStack('L1');
      const cyclic: any = { ...props, resources: [{ prefix: 'acs:oss:cn-hangzhou:1:media/' }] };
      cyclic.resources[0].self = cyclic;
      expectMessage(() => new RosEventNotification(stack, 'A', cyclic, flag),
        `L1/A: resources[0].self.resources ${TREE}, got "a reference back to resources"`);
      const types: any[] = ['oss:ObjectCreated:PutObject'];
      types.push(types);
      expectMessage(() => new RosEventNotification(stack, 'B', { ...props, eventTypes: types }, flag), `L1/B: eventTypes[1] ${TREE}, got "a reference back to eventTypes"`);
      const item: any = { prefix: 'acs:oss:cn-hangzhou:1:media/' };
      item.self = item;
      expectMessage(() => new RosEventNotification(stack, 'C', { ...props, resources: [item] }, flag), `L1/C: resources[0].self ${TREE}, got "a reference back to resources[0]"`);
    }
  });

  test('props made cyclic after construction are a ValidationError at synth', () => {
    const { app, stack } = newStack('L1');
    const n = new RosEventNotification(stack, 'N', props, false);
    const endpoints: any[] = ['acs:mns:cn-hangzhou:1:queues/jobs'];
    endpoints.push([endpoints]);
    n.endpoints = endpoints;
    // core prefixes the message at synth: "While synthesizing L1/N: <message>"
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).toBe('ValidationError');
    expect((error as Error).message)
      .toBe('While synthesizing L1/N: L1/N: endpoints[1][0] must not hold a list or object it is in: props are a tree, not a cycle, got "a reference back to endpoints"');
  });

  test('props nested deeper than 100 levels are a ValidationError; one object in several places is not a cycle', () => {
    // the helper is not exported from the library's index
    const { stack } = newStack('L1');
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) {
      deep = [deep];
    }
    expectMessage(() => new RosEventNotification(stack, 'D', { ...props, eventTypes: deep as any }, false),
      `L1/D: eventTypes${'[0]'.repeat(100)} must not nest lists and objects more than 100 levels deep, got "lists and objects nested 101 levels deep"`);
    // shared, not cyclic: a list of 2^40 paths is walked once per object
    let shared: unknown[] = ['oss:ObjectCreated:PutObject'];
    for (let i = 0; i < 40; i++) {
      shared = [shared, shared];
    }
    const item = { prefix: 'acs:oss:cn-hangzhou:1:media/' };
    expect(() => new RosEventNotification(stack, 'S', { ...props, resources: [item, item] }, false)).not.toThrow();
    expect(() => checkPropsTree(stack, { eventTypes: shared })).not.toThrow();
  });

  test('no props: a ValidationError, whatever enableResourcePropertyConstraint says', () => {
    const { stack } = newStack('L1');
    expectMessage(() => new RosEventNotification(stack, 'E', undefined as any, true),
      'L1/E: props must be given: { identifier, productName, eventTypes, resources, endpoints }, got undefined');
    expectMessage(() => new RosEventNotification(stack, 'F', undefined as any, false),
      'L1/F: props must be given: { identifier, productName, eventTypes, resources, endpoints }, got undefined');
  });

  test('tokens pass in every property, and literal pieces around them are checked', () => {
    const { stack } = newStack('L1');
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => new RosEventNotification(stack, 'A', {
      identifier: p, productName: p, eventTypes: [p], resources: [{ prefix: `acs:oss:${p}` }], endpoints: [`acs:mns:${p}:queues/${p}`],
    }, true)).not.toThrow();
    expect(() => new RosEventNotification(stack, 'B', { ...props, endpoints: [p] }, true)).not.toThrow();
    expect(() => new RosEventNotification(stack, 'C', { ...props, endpoints: [`https://${p}`] }, true)).toThrow(/^L1\/C: endpoints\[0\] must be/);
    expect(() => new RosEventNotification(stack, 'D', {
      identifier: `rule-${p}`,
      productName: ros.Fn.join('', ['o', p]),
      eventTypes: [`oss:${p}`, `oss:ObjectCreated:${p}`, ros.Fn.join('', ['oss:', p, ':*'])],
      resources: [{ prefix: `acs:oss:${p}:${p}:${p}/in/`, suffix: p }, { prefix: `acs:oss:cn-hangzhou:1:${p}/`, suffix: `.${p}` }, p as any, { prefix: p }],
      endpoints: [`acs:mns:cn-hangzhou:${p}:topics/${p}`, `acs:mns:${p}queues/jobs`, `${p}${p}`],
    }, true)).not.toThrow();
    const TOKENS_MNS = '("acs:mns:" and "queues/" or "topics/" written out: a token may stand for the region, the account and the name)';
    expectMessage(() => new RosEventNotification(stack, 'E1', { ...props, endpoints: [`${p}/garbage`] }, true),
      `L1/E1: endpoints[0] ${ENDPOINT} ${TOKENS_MNS}, got "<token>/garbage"`);
    expectMessage(() => new RosEventNotification(stack, 'E2', { ...props, endpoints: [ros.Fn.join('', ['http://', p])] }, true),
      `L1/E2: endpoints[0] ${ENDPOINT} ${TOKENS_MNS}, got "http://<token>"`);
    expectMessage(() => new RosEventNotification(stack, 'E3', { ...props, endpoints: [`acs:mns:${p}:queues/a b`] }, true),
      `L1/E3: endpoints[0] ${ENDPOINT} (the queue name: 1 to 120 letters, digits and hyphens, starting with a letter or digit), got "acs:mns:<token>:queues/a b"`);
    expectMessage(() => new RosEventNotification(stack, 'E4', { ...props, endpoints: [`acs:mns:${p}:queus/${p}`] }, true),
      `L1/E4: endpoints[0] ${ENDPOINT} ${TOKENS_MNS}, got "acs:mns:<token>:queus/<token>"`);
    expectMessage(() => new RosEventNotification(stack, 'T1', { ...props, eventTypes: [ros.Fn.join('', ['garbage ', p])] }, true),
      `L1/T1: eventTypes[0] ${EVENT_TYPE} ("oss:" written out: a token may stand for the category and the operation), got "garbage <token>"`);
    expectMessage(() => new RosEventNotification(stack, 'T2', { ...props, eventTypes: [`oss:${p} x`] }, true),
      `L1/T2: eventTypes[0] ${EVENT_TYPE} ("oss:{category}:{operation}", each in letters, the operation "*" for a whole category), got "oss:<token> x"`);
    expectMessage(() => new RosEventNotification(stack, 'P1', { ...props, productName: ros.Fn.join('', ['xx', p]) }, true),
      'L1/P1: productName must be one of "oss", got "xx<token>"');
    expectMessage(() => new RosEventNotification(stack, 'R1', { ...props, resources: [{ prefix: `acs:oss:cn-hangzhou:1:Bad_${p}/` }] }, true),
      `L1/R1: resources[0].prefix ${PREFIX} ${BUCKET}, got "acs:oss:cn-hangzhou:1:Bad_<token>/"`);
    expectMessage(() => new RosEventNotification(stack, 'R2', { ...props, resources: [{ prefix: `acs:oss:cn-hangzhou:1:${p}-/` }] }, true),
      `L1/R2: resources[0].prefix ${PREFIX} ${BUCKET}, got "acs:oss:cn-hangzhou:1:<token>-/"`);
    expectMessage(() => new RosEventNotification(stack, 'R5', { ...props, resources: [{ prefix: `acs:oss:${p}:media-/` }] }, true),
      `L1/R5: resources[0].prefix ${PREFIX} ${BUCKET}, got "acs:oss:<token>:media-/"`);
    expectMessage(() => new RosEventNotification(stack, 'R3', { ...props, resources: [{ prefix: `${p}:media/` }] }, true),
      `L1/R3: resources[0].prefix ${PREFIX} ("acs:oss:" written out: a token may stand for the region, the account, the bucket and the key prefix), got "<token>:media/"`);
    expectMessage(() => new RosEventNotification(stack, 'R4', { ...props, resources: [{ suffix: p }] }, true),
      'L1/R4: resources[0].prefix is required: "acs:oss:{region}:{account}:{bucket}/{key prefix}", got undefined');
  });

  test('props changed after construction are checked again at synth', () => {
    const { app, stack } = newStack('L1');
    const n = new RosEventNotification(stack, 'N', props, true);
    n.eventTypes = ['PutObject'];
    expect(() => app.synth()).toThrow('L1/N: eventTypes[0] must be an OSS event type such as "oss:ObjectCreated:PutObject", got "PutObject"');
    const other = newStack('L1');
    const m = new RosEventNotification(other.stack, 'N', props, true);
    m.endpoints = ['acs:mns::queues/'];
    // core wraps the error at synth: "Resolution error: <message>."
    expect(() => other.app.synth())
      .toThrow(`L1/N: endpoints[0] ${ENDPOINT} (the region: lower-case letters, digits and hyphens, such as "cn-hangzhou"), got "acs:mns::queues/".`);
    const third = newStack('L1');
    const r = new RosEventNotification(third.stack, 'N', props, true);
    r.resources = [{ suffix: '.jpg' }];
    expect(() => third.app.synth()).toThrow('L1/N: resources[0].prefix is required: "acs:oss:{region}:{account}:{bucket}/{key prefix}", got undefined.');
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
