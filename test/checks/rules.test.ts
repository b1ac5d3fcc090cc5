/**
 * Each rule of the SMQ rule pack: a wiring that trips it (with the exact finding) and one that passes, through the
 * constructs and the aspect, and through `SmqChecks.checkTemplate` for what the constructs refuse to build.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as ram from '@alicloud/ros-cdk-ram';
import { consumers, Duration, ErrorsTolerance, RetryStrategy, smq, sources } from '../../lib';
import { Annotations } from '../../lib/assertions';
import { SmqChecks } from '../../lib/checks';
import { newRole } from '../util';
import { att, checked, head, rawQueue, readReport, tail, templateFindings, tempDir } from './checks-util';

const { TriggerFunction, QueueTrigger, TopicTrigger, QueueSubscription, UrlSubscription, EmailSubscription } = consumers;

function worker(stack: ros.Stack, timeout?: number): fc3.Function {
  return new fc3.Function(stack, 'Worker', {
    functionName: 'worker', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'exports.handler = async () => {};' },
    ...(timeout === undefined ? {} : { timeout }),
  });
}

function finding(ruleId: string, level: string, path: string, logicalId: string | undefined, what: string, stack = 'Shop'): unknown {
  return { ruleId, level, path, ...(logicalId === undefined ? {} : { logicalId }), stack, message: head(ruleId, what, path) + tail(ruleId) };
}

/** `acs:mns:${ALIYUN::Region}:${ALIYUN::TenantId}:<middle><name>` as a template writes it. */
function mnsArn(middle: string, name: unknown): unknown {
  return { 'Fn::Join': ['', ['acs:mns:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, `:${middle}`, name]] };
}

/** An FC 3.0 queue trigger of function `Fn`; `runOptions` is added to `{ mode }`, or replaces it when it is a `Ref`. */
function rawTrigger(queueName: unknown, runOptions: { [key: string]: unknown }, extra: { [key: string]: unknown } = {}): unknown {
  return {
    Type: 'ALIYUN::FC3::Trigger',
    Properties: {
      FunctionName: att('Fn', 'FunctionName'),
      TriggerName: 'consume',
      TriggerType: 'eventbridge',
      TriggerConfig: {
        asyncInvocationType: false,
        eventSourceConfig: { eventSourceType: 'MNS', eventSourceParameters: { sourceMNSParameters: { RegionId: { Ref: 'ALIYUN::Region' }, QueueName: queueName } } },
        runOptions: 'Ref' in runOptions ? runOptions : { mode: 'event-streaming', ...runOptions },
        ...extra,
      },
    },
  };
}

function rawRule(target: { [key: string]: unknown }): unknown {
  return {
    Type: 'ALIYUN::EventBridge::Rule',
    Properties: { RuleName: 'rule', EventBusName: 'default', FilterPattern: { source: ['acs.oss'] }, Targets: [{ Id: 'jobs', Type: 'acs.mns.queue', ...target }] },
  };
}

const FN = { Type: 'ALIYUN::FC3::Function', Properties: { FunctionName: 'fn', Handler: 'index.handler', Runtime: 'nodejs20', Timeout: 60 } };

describe('SMQ-001 queue without a dead-letter queue', () => {
  test('trips on a queue without one, and on one whose policy is disabled', () => {
    const c = checked((stack) => {
      new smq.Queue(stack, 'Jobs');
      new smq.RosQueue(stack, 'Raw', { queueName: 'raw', dlqPolicy: { deadLetterTargetQueue: 'elsewhere', enabled: false, maxReceiveCount: 3 } }, true);
    });
    expect(c.findings('SMQ-001')).toEqual([
      finding('SMQ-001', 'warning', 'Shop/Jobs', 'Jobs', 'Queue \'Shop-Jobs\' has no dead-letter queue'),
      finding('SMQ-001', 'warning', 'Shop/Raw', 'Raw', 'Queue \'raw\' has its dead-letter policy disabled'),
    ]);
    Annotations.fromStack(c.stack).hasWarning('Shop/Jobs', head('SMQ-001', 'Queue \'Shop-Jobs\' has no dead-letter queue', 'Shop/Jobs') + tail('SMQ-001'));
  });

  test('passes a queue with one, and the dead-letter queues of queues, subscriptions, rule targets and queue triggers', () => {
    const c = checked((stack) => {
      new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 } });
      const billing = new smq.Queue(stack, 'Billing', { deadLetterQueue: { maxReceiveCount: 5 } });
      const undelivered = new smq.Queue(stack, 'Undelivered');
      new smq.Topic(stack, 'Orders').addSubscription(new QueueSubscription(billing, { deadLetterQueue: undelivered }));
      const events = new smq.Queue(stack, 'Events', { deadLetterQueue: { maxReceiveCount: 5 } });
      const ebDead = new smq.Queue(stack, 'EbDead');
      new sources.EventRule(stack, 'Rule', { pattern: { source: ['acs.oss'] }, targets: [new sources.QueueTarget(events, { deadLetterQueue: ebDead })] });
      // read by a queue trigger that sets failed messages aside in its own dead-letter queue
      const work = new smq.Queue(stack, 'Work', { visibilityTimeout: Duration.minutes(5) });
      new QueueTrigger(stack, 'Consume', { queue: work, fn: TriggerFunction.fc3(worker(stack)), deadLetterQueue: new smq.Queue(stack, 'Failed') });
      // a policy from a parameter may be anything
      const policy = new ros.RosParameter(stack, 'Policy', { type: ros.RosParameterType.JSON });
      new smq.RosQueue(stack, 'Tokened', { queueName: 'tokened', dlqPolicy: policy.value }, true);
    });
    expect(c.findings('SMQ-001')).toEqual([]);
  });

  test('in a template, a queue named as a dead-letter queue by its literal name is not flagged; one used by nothing is', () => {
    expect(templateFindings('SMQ-001', {
      Jobs: rawQueue('jobs', { DlqPolicy: { DeadLetterTargetQueue: 'jobs-dlq', Enabled: true, MaxReceiveCount: 5 } }),
      JobsDlq: rawQueue('jobs-dlq'),
      Spare: rawQueue('spare'),
    })).toEqual([finding('SMQ-001', 'warning', 'Raw/Spare', 'Spare', 'Queue \'spare\' has no dead-letter queue', 'Raw')]);
  });
});

describe('SMQ-002 dead-letter queue keeps messages for less time than its source', () => {
  test('trips when the dead-letter queue keeps messages for less time, given or by default', () => {
    const c = checked((stack) => {
      const dead = new smq.Queue(stack, 'Dead', { retentionPeriod: Duration.days(1) });
      new smq.Queue(stack, 'Jobs', { retentionPeriod: Duration.days(7), deadLetterQueue: { queue: dead, maxReceiveCount: 5 } });
      const short = new smq.Queue(stack, 'Short', { retentionPeriod: Duration.days(2) });
      new smq.Queue(stack, 'Other', { deadLetterQueue: { queue: short, maxReceiveCount: 5 } });
    });
    expect(c.findings('SMQ-002')).toEqual([
      finding('SMQ-002', 'warning', 'Shop/Dead', 'Dead', 'Dead-letter queue \'Shop-Dead\' keeps messages 1 day, less than its source queue \'Shop-Jobs\' (7 days)'),
      finding('SMQ-002', 'warning', 'Shop/Short', 'Short', 'Dead-letter queue \'Shop-Short\' keeps messages 2 days, less than its source queue \'Shop-Other\' (4 days)'),
    ]);
  });

  test('passes the dead-letter queue the construct makes, an equal retention, and a retention from a parameter', () => {
    const c = checked((stack) => {
      new smq.Queue(stack, 'Jobs', { retentionPeriod: Duration.days(7), deadLetterQueue: { maxReceiveCount: 5 } });
      const same = new smq.Queue(stack, 'Same', { retentionPeriod: Duration.days(3) });
      new smq.Queue(stack, 'Other', { retentionPeriod: Duration.days(3), deadLetterQueue: { queue: same, maxReceiveCount: 5 } });
    });
    expect(c.findings('SMQ-002')).toEqual([]);
    expect(templateFindings('SMQ-002', {
      Jobs: rawQueue('jobs', { MessageRetentionPeriod: { Ref: 'Retention' }, DlqPolicy: { DeadLetterTargetQueue: att('Dead', 'QueueName'), Enabled: true, MaxReceiveCount: 5 } }),
      Dead: rawQueue('dead', { MessageRetentionPeriod: 60 }),
    })).toEqual([]);
  });
});

describe('SMQ-003 visibility timeout shorter than the consuming function\'s timeout', () => {
  test('trips on FC 3.0, with the batch window, with the default timeout, and on FC 2.0', () => {
    const c = checked((stack) => {
      const jobs = new smq.Queue(stack, 'Jobs');
      new QueueTrigger(stack, 'Consume', { queue: jobs, fn: TriggerFunction.fc3(worker(stack, 60)) });
      const batched = new smq.Queue(stack, 'Batched', { visibilityTimeout: Duration.seconds(30) });
      const quick = new fc3.Function(stack, 'Quick', { functionName: 'quick', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'x' }, timeout: 25 });
      new QueueTrigger(stack, 'Batch', { queue: batched, fn: TriggerFunction.fc3(quick), batchSize: 10, batchWindow: Duration.seconds(10) });
      const brief = new smq.Queue(stack, 'Brief', { visibilityTimeout: Duration.seconds(2) });
      const plain = new fc3.Function(stack, 'Plain', { functionName: 'plain', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'x' } });
      new QueueTrigger(stack, 'Short', { queue: brief, fn: TriggerFunction.fc3(plain) });
      const legacy = new smq.Queue(stack, 'Legacy');
      const service = new fc.Service(stack, 'Svc', { serviceName: 'svc' });
      const old = new fc.Function(stack, 'Old', { serviceName: service.attrServiceName, functionName: 'old', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'x' }, timeout: 45 });
      new QueueTrigger(stack, 'Fc2', { queue: legacy, fn: TriggerFunction.fc2(service, old) });
    });
    expect(c.findings('SMQ-003')).toEqual([
      finding('SMQ-003', 'warning', 'Shop/Batched', 'Batched', 'Queue \'Shop-Batched\' hides a received message for 30 seconds, less than function \'quick\', which reads it through queue trigger \'Shop-Batch\', may take (25 seconds, plus a batch window of 10 seconds)'),
      finding('SMQ-003', 'warning', 'Shop/Brief', 'Brief', 'Queue \'Shop-Brief\' hides a received message for 2 seconds, less than function \'plain\', which reads it through queue trigger \'Shop-Short\', may take (3 seconds)'),
      finding('SMQ-003', 'warning', 'Shop/Jobs', 'Jobs', 'Queue \'Shop-Jobs\' hides a received message for 30 seconds, less than function \'worker\', which reads it through queue trigger \'Shop-Consume\', may take (60 seconds)'),
      finding('SMQ-003', 'warning', 'Shop/Legacy', 'Legacy', 'Queue \'Shop-Legacy\' hides a received message for 30 seconds, less than function \'old\', which reads it through queue trigger \'Shop-Fc2\', may take (45 seconds)'),
    ]);
  });

  test('passes a long enough visibility timeout, an asynchronous invocation, and a timeout from a parameter', () => {
    const c = checked((stack) => {
      const fn = worker(stack, 60);
      new QueueTrigger(stack, 'Consume', { queue: new smq.Queue(stack, 'Jobs', { visibilityTimeout: Duration.seconds(60) }), fn: TriggerFunction.fc3(fn) });
      new QueueTrigger(stack, 'Async', { queue: new smq.Queue(stack, 'Later'), fn: TriggerFunction.fc3(fn), asyncInvocation: true, triggerName: 'later' });
    });
    expect(c.findings('SMQ-003')).toEqual([]);
    expect(templateFindings('SMQ-003', {
      Jobs: rawQueue('jobs'),
      Fn: { ...FN, Properties: { ...FN.Properties, Timeout: { Ref: 'Timeout' } } },
      Consume: rawTrigger(att('Jobs', 'QueueName'), {}),
    })).toEqual([]);
  });

  test('in a template, a function named by its literal name and a trigger config given as JSON text are read', () => {
    const trigger = rawTrigger('jobs', {}) as { Properties: { TriggerConfig: unknown; FunctionName: unknown } };
    trigger.Properties.TriggerConfig = JSON.stringify(trigger.Properties.TriggerConfig);
    trigger.Properties.FunctionName = 'fn';
    expect(templateFindings('SMQ-003', { Jobs: rawQueue('jobs'), Fn: FN, Consume: trigger }).map((f) => f.logicalId)).toEqual(['Jobs']);
  });
});

describe('SMQ-004 subscription to an http:// endpoint', () => {
  test('trips on a plain HTTP URL, also one with a token in it', () => {
    const c = checked((stack) => {
      new smq.Topic(stack, 'Orders').addSubscription(new UrlSubscription('http://hooks.example.com/orders', { allowInsecureHttp: true }));
    });
    const [found] = c.findings('SMQ-004');
    expect(found.path).toMatch(/^Shop\/Orders\/OrdersToUrl[0-9a-f]{8}$/);
    expect(found).toEqual(finding('SMQ-004', 'error', found.path, found.logicalId, `Subscription 'Shop-Orders-${found.logicalId}' pushes to the plain HTTP endpoint 'http://hooks.example.com/orders'`));
    expect(c.findings('SMQ-004')).toHaveLength(1);
    Annotations.fromStack(c.stack).hasError(found.path, found.message);
    expect(templateFindings('SMQ-004', {
      Hook: { Type: 'ALIYUN::MNS::Subscription', Properties: { TopicName: 'orders', SubscriptionName: 'hook', Endpoint: { 'Fn::Join': ['', ['http://', { Ref: 'Host' }, '/hook']] } } },
    }).map((f) => f.message)).toEqual([expect.stringContaining('[SMQ-004] Subscription \'hook\' pushes to the plain HTTP endpoint \'http://<token>/hook\' at Raw/Hook: ')]);
  });

  test('passes HTTPS, and an endpoint from a parameter', () => {
    const c = checked((stack) => {
      const topic = new smq.Topic(stack, 'Orders');
      topic.addSubscription(new UrlSubscription('https://hooks.example.com/orders'));
      topic.addSubscription(new UrlSubscription(new ros.RosParameter(stack, 'Url', { type: ros.RosParameterType.STRING }).valueAsString));
    });
    expect(c.findings('SMQ-004')).toEqual([]);
  });
});

describe('SMQ-005 retries only briefly and no dead-letter queue', () => {
  test('trips on a subscription, a topic trigger, a rule target and a queue trigger with BACKOFF_RETRY, and on a raw subscription left at the default', () => {
    const c = checked((stack) => {
      const fn = worker(stack);
      const topic = new smq.Topic(stack, 'Orders');
      const billing = new smq.Queue(stack, 'Billing', { deadLetterQueue: { maxReceiveCount: 5 } });
      topic.addSubscription(new QueueSubscription(billing, { notifyStrategy: smq.NotifyStrategy.BACKOFF_RETRY, subscriptionName: 'billing' }));
      new TopicTrigger(stack, 'OnOrder', { topic, fn: TriggerFunction.fc3(fn), notifyStrategy: smq.NotifyStrategy.BACKOFF_RETRY });
      const events = new smq.Queue(stack, 'Events', { deadLetterQueue: { maxReceiveCount: 5 } });
      new sources.EventRule(stack, 'Rule', { pattern: { source: ['acs.oss'] }, targets: [new sources.QueueTarget(events, { retryStrategy: RetryStrategy.BACKOFF_RETRY, targetId: 'events' })] });
      const work = new smq.Queue(stack, 'Work', { deadLetterQueue: { maxReceiveCount: 5 } });
      new QueueTrigger(stack, 'Consume', { queue: work, fn: TriggerFunction.fc3(fn), retryStrategy: RetryStrategy.BACKOFF_RETRY });
      new smq.RosSubscription(stack, 'Raw', { topicName: topic.topicName, subscriptionName: 'raw', endpoint: 'https://hooks.example.com/raw' }, true);
    });
    const rule = SmqChecks.rules().find((r) => r.id === 'SMQ-005')!;
    const triggerWhy = 'BACKOFF_RETRY gives up after 3 retries 10 to 20 seconds apart, and a topic trigger has no dead-letter queue: a function that fails for a minute loses every message of that minute';
    expect(c.findings('SMQ-005').map((f) => [f.path, f.logicalId, f.message])).toEqual([
      ['Shop/Consume', 'Consume', `${head('SMQ-005', 'Queue trigger \'Shop-Consume\' retries with BACKOFF_RETRY and has no dead-letter queue', 'Shop/Consume')}${tail('SMQ-005')}`],
      ['Shop/OnOrder', 'OnOrder', `${head('SMQ-005', 'Topic trigger \'Shop-OnOrder\' retries with BACKOFF_RETRY', 'Shop/OnOrder')}${triggerWhy}. Fix: ${rule.fix}.`],
      [expect.stringMatching(/^Shop\/Orders\/OrdersToBilling[0-9a-f]{8}$/), expect.stringMatching(/^OrdersToBilling[0-9a-f]{8}$/),
        expect.stringMatching(/^\[SMQ-005\] Subscription 'billing' retries with BACKOFF_RETRY and has no dead-letter queue at Shop\/Orders\/OrdersToBilling[0-9a-f]{8}: /)],
      ['Shop/Raw', 'Raw', `${head('SMQ-005', 'Subscription \'raw\' retries with BACKOFF_RETRY and has no dead-letter queue', 'Shop/Raw')}${tail('SMQ-005')}`],
      ['Shop/Rule', 'Rule', `${head('SMQ-005', 'EventBridge rule \'Shop-Rule\' target \'events\' retries with BACKOFF_RETRY and has no dead-letter queue', 'Shop/Rule')}${tail('SMQ-005')}`],
    ]);
  });

  test('passes the library\'s defaults, BACKOFF_RETRY with a dead-letter queue, mail, and a strategy from a parameter', () => {
    const c = checked((stack) => {
      const fn = worker(stack);
      const topic = new smq.Topic(stack, 'Orders');
      const billing = new smq.Queue(stack, 'Billing', { deadLetterQueue: { maxReceiveCount: 5 } });
      topic.addSubscription(new QueueSubscription(billing));
      topic.addSubscription(new UrlSubscription('https://hooks.example.com/orders', { notifyStrategy: smq.NotifyStrategy.BACKOFF_RETRY, deadLetterQueue: new smq.Queue(stack, 'Undelivered') }));
      topic.addSubscription(new EmailSubscription('ops@example.com'));
      new TopicTrigger(stack, 'OnOrder', { topic, fn: TriggerFunction.fc3(fn) });
      new QueueTrigger(stack, 'Consume', { queue: billing, fn: TriggerFunction.fc3(fn), retryStrategy: RetryStrategy.BACKOFF_RETRY, deadLetterQueue: new smq.Queue(stack, 'Failed') });
      new sources.EventRule(stack, 'Rule', { pattern: { source: ['acs.oss'] }, targets: [new sources.QueueTarget(billing)] });
      const strategy = new ros.RosParameter(stack, 'Strategy', { type: ros.RosParameterType.STRING });
      new smq.RosSubscription(stack, 'Raw', { topicName: topic.topicName, subscriptionName: 'raw', endpoint: 'https://hooks.example.com/raw', notifyStrategy: strategy.valueAsString }, true);
    });
    expect(c.findings('SMQ-005')).toEqual([]);
  });

  test('in a template: FC 2.0 PascalCase config and a target without PushRetryStrategy trip; configs and policies that are tokens do not', () => {
    const fc2Trigger = (config: unknown): unknown => ({
      Type: 'ALIYUN::FC::Trigger',
      Properties: { ServiceName: 's', FunctionName: 'f', TriggerName: 't', TriggerType: 'mns_topic', SourceArn: mnsArn('/topics/', 'orders'), TriggerConfig: config },
    });
    expect(templateFindings('SMQ-005', {
      Fc2: fc2Trigger({ NotifyStrategy: 'BACKOFF_RETRY', NotifyContentFormat: 'STREAM' }),
      Rule: rawRule({ Endpoint: mnsArn('queues/', 'jobs') }),
    }).map((f) => f.message.split(' at ')[0])).toEqual([
      '[SMQ-005] Topic trigger \'t\' retries with BACKOFF_RETRY',
      '[SMQ-005] EventBridge rule \'rule\' target \'jobs\' retries with BACKOFF_RETRY and has no dead-letter queue',
    ]);
    expect(templateFindings('SMQ-005', {
      Fc2: fc2Trigger({ Ref: 'Config' }),
      Fc2Exponential: fc2Trigger({ NotifyStrategy: 'EXPONENTIAL_DECAY_RETRY', NotifyContentFormat: 'STREAM' }),
      Fn: FN,
      Consume: rawTrigger('jobs', { Ref: 'RunOptions' }),
      Jobs: rawQueue('jobs'),
      Sub: { Type: 'ALIYUN::MNS::Subscription', Properties: { TopicName: 't', SubscriptionName: 's', Endpoint: 'https://hooks.example.com/s', DlqPolicy: { Ref: 'Dlq' } } },
    })).toEqual([]);
  });
});

describe('SMQ-006 RAM policy granting mns:* or a wildcard resource', () => {
  test('trips on mns:* and wildcard resources in a stack that owns a channel, inline policies, AliyunMNSFullAccess, and mns:* on a named channel', () => {
    const c = checked((stack) => {
      new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 } });
      new ram.RosManagedPolicy(stack, 'Broad', {
        policyName: 'broad',
        policyDocument: { version: '1', statement: [{ effect: 'Allow', action: ['mns:*'], resource: ['acs:mns:*:*:*'] }] },
      }, true);
      new ram.RosRole(stack, 'Sender', {
        roleName: 'sender',
        assumeRolePolicyDocument: { version: '1', statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['ecs.aliyuncs.com'] } }] },
        policies: [{ policyName: 'send', policyDocument: { version: '1', statement: [{ effect: 'Allow', action: ['mns:SendMessage'], resource: ['*'] }] } }],
      }, true);
      new ram.RosAttachPolicyToRole(stack, 'Full', { policyName: 'AliyunMNSFullAccess', policyType: 'System', roleName: 'sender' }, true);
    });
    expect(c.findings('SMQ-006')).toEqual([
      finding('SMQ-006', 'error', 'Shop/Broad', 'Broad', 'RAM policy \'broad\' statement #0 grants \'mns:*\' and grants SMQ actions on \'acs:mns:*:*:*\''),
      finding('SMQ-006', 'error', 'Shop/Full', 'Full', 'AttachPolicyToRole attaches the system policy AliyunMNSFullAccess (every SMQ action on every resource)'),
      finding('SMQ-006', 'error', 'Shop/Sender', 'Sender', 'Policy \'send\' of RAM role \'sender\' statement #0 grants SMQ actions on \'*\''),
    ]);
    expect(templateFindings('SMQ-006', {
      Named: { Type: 'ALIYUN::RAM::ManagedPolicy', Properties: { PolicyName: 'named', PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'mns:*', Resource: 'acs:mns:cn-hangzhou:123456789012:/queues/jobs' }] } } },
    }).map((f) => f.logicalId)).toEqual(['Named']);
  });

  test('passes the library\'s grants, wildcards where no channel is known, Deny, name prefixes and other services', () => {
    const c = checked((stack) => {
      const jobs = new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 } });
      const role = newRole(stack, 'Worker');
      jobs.grantSendMessages(role);
      jobs.grantConsumeMessages(role);
      new ram.RosManagedPolicy(stack, 'Mixed', {
        policyName: 'mixed',
        policyDocument: {
          version: '1',
          statement: [
            { effect: 'Deny', action: ['mns:*'], resource: ['*'] },
            { effect: 'Allow', action: ['mns:SendMessage'], resource: ['acs:mns:*:*:/queues/jobs-*'] },
            { effect: 'Allow', action: ['oss:GetObject'], resource: ['*'] },
          ],
        },
      }, true);
    });
    expect(c.findings('SMQ-006')).toEqual([]);
    expect(templateFindings('SMQ-006', {
      Anywhere: { Type: 'ALIYUN::RAM::ManagedPolicy', Properties: { PolicyName: 'p', PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['mns:*'], Resource: ['*'] }] } } },
    })).toEqual([]);
  });
});

describe('SMQ-007 topic with no subscription and no trigger', () => {
  test('trips on a topic nothing reads', () => {
    const c = checked((stack) => {
      new smq.Topic(stack, 'Orders');
    });
    expect(c.findings('SMQ-007')).toEqual([finding('SMQ-007', 'warning', 'Shop/Orders', 'Orders', 'Topic \'Shop-Orders\' has no subscription and no trigger')]);
  });

  test('passes a subscribed topic and a triggered one, and says nothing when a subscription names its topic by a parameter', () => {
    const c = checked((stack) => {
      new smq.Topic(stack, 'Orders').addSubscription(new EmailSubscription('ops@example.com'));
      new TopicTrigger(stack, 'OnPayment', { topic: new smq.Topic(stack, 'Payments'), fn: TriggerFunction.fc3(worker(stack)) });
      smq.Topic.fromTopicName(stack, 'Imported', 'elsewhere');
    });
    expect(c.findings('SMQ-007')).toEqual([]);
    expect(templateFindings('SMQ-007', {
      Orders: { Type: 'ALIYUN::MNS::Topic', Properties: { TopicName: 'orders' } },
      Sub: { Type: 'ALIYUN::MNS::Subscription', Properties: { TopicName: { Ref: 'Topic' }, SubscriptionName: 's', Endpoint: 'mail:directmail:ops@example.com' } },
    })).toEqual([]);
  });
});

describe('SMQ-008 stack over 270 or 300 resources', () => {
  function handles(count: number): { [id: string]: unknown } {
    return Object.fromEntries(Array.from({ length: count }, (_, i) => [`H${i}`, { Type: 'ALIYUN::ROS::WaitConditionHandle' }]));
  }

  test('checkTemplate: a warning above 270 and an error above 300, about the stack (no logical id)', () => {
    expect(templateFindings('SMQ-008', handles(271))).toEqual([finding('SMQ-008', 'warning', 'Raw', undefined, 'Stack has 271 resources, close to the 300 ROS allows', 'Raw')]);
    expect(templateFindings('SMQ-008', handles(301))).toEqual([finding('SMQ-008', 'error', 'Raw', undefined, 'Stack has 301 resources, more than the 300 ROS allows', 'Raw')]);
  });

  test('passes 270 resources', () => {
    expect(templateFindings('SMQ-008', handles(270))).toEqual([]);
  });

  test('on a stack: a warning on the stack; above 300 the report is written before ROS CDK refuses the stack', () => {
    const c = checked((stack) => {
      for (let i = 0; i < 271; i++) {
        new ros.RosResource(stack, `H${i}`, { type: 'ALIYUN::ROS::WaitConditionHandle' });
      }
    });
    expect(c.findings('SMQ-008')).toEqual([finding('SMQ-008', 'warning', 'Shop', undefined, 'Stack has 271 resources, close to the 300 ROS allows')]);
    Annotations.fromStack(c.stack).hasWarning('Shop', c.findings('SMQ-008')[0].message);

    const outdir = tempDir();
    const app = new ros.App({ outdir });
    const stack = new ros.Stack(app, 'Big');
    for (let i = 0; i < 301; i++) {
      new ros.RosResource(stack, `H${i}`, { type: 'ALIYUN::ROS::WaitConditionHandle' });
    }
    SmqChecks.applyTo(app, { printSummary: false });
    expect(() => app.synth()).toThrow(/Number of resources in stack 'Big': 301 is greater than allowed maximum of 300/);
    expect(readReport(outdir).findings).toEqual([finding('SMQ-008', 'error', 'Big', undefined, 'Stack has 301 resources, more than the 300 ROS allows', 'Big')]);
  });
});

describe('SMQ-009 dead-letter policy with MaxReceiveCount 1', () => {
  test('trips on one receive', () => {
    const c = checked((stack) => {
      new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 1 } });
    });
    expect(c.findings('SMQ-009')).toEqual([finding('SMQ-009', 'warning', 'Shop/Jobs', 'Jobs', 'Queue \'Shop-Jobs\' moves a message to its dead-letter queue after one receive')]);
  });

  test('passes two receives, a disabled policy and a count from a parameter', () => {
    const c = checked((stack) => {
      new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 2 } });
    });
    expect(c.findings('SMQ-009')).toEqual([]);
    expect(templateFindings('SMQ-009', {
      Off: rawQueue('off', { DlqPolicy: { DeadLetterTargetQueue: 'dead', Enabled: false, MaxReceiveCount: 1 } }),
      Param: rawQueue('param', { DlqPolicy: { DeadLetterTargetQueue: 'dead', Enabled: true, MaxReceiveCount: { Ref: 'Count' } } }),
      Dead: rawQueue('dead'),
    })).toEqual([]);
  });
});

describe('SMQ-010 errors tolerated (ALL) without a dead-letter queue', () => {
  test('trips on a rule target and a queue trigger that drop what they cannot deliver', () => {
    const c = checked((stack) => {
      const jobs = new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 } });
      new sources.EventRule(stack, 'Rule', { pattern: { source: ['acs.oss'] }, targets: [new sources.QueueTarget(jobs, { errorsTolerance: ErrorsTolerance.ALL, targetId: 'jobs' })] });
      new QueueTrigger(stack, 'Consume', { queue: jobs, fn: TriggerFunction.fc3(worker(stack)), errorsTolerance: ErrorsTolerance.ALL });
    });
    expect(c.findings('SMQ-010')).toEqual([
      finding('SMQ-010', 'warning', 'Shop/Consume', 'Consume', 'Queue trigger \'Shop-Consume\' drops the events it cannot deliver (ErrorsTolerance ALL, no dead-letter queue)'),
      finding('SMQ-010', 'warning', 'Shop/Rule', 'Rule', 'EventBridge rule \'Shop-Rule\' target \'jobs\' drops the events it cannot deliver (ErrorsTolerance ALL, no dead-letter queue)'),
    ]);
  });

  test('passes ALL with a dead-letter queue, and NONE', () => {
    const c = checked((stack) => {
      const jobs = new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 } });
      const dead = new smq.Queue(stack, 'Dead');
      new sources.EventRule(stack, 'Rule', { pattern: { source: ['acs.oss'] }, targets: [new sources.QueueTarget(jobs, { errorsTolerance: ErrorsTolerance.ALL, deadLetterQueue: dead })] });
      new QueueTrigger(stack, 'Consume', { queue: jobs, fn: TriggerFunction.fc3(worker(stack)), errorsTolerance: ErrorsTolerance.NONE });
    });
    expect(c.findings('SMQ-010')).toEqual([]);
  });
});

describe('SMQ-011 a dead-letter queue that is the failing queue itself', () => {
  test('trips on a queue, a subscription, a rule target and a queue trigger whose dead-letter queue is their own queue', () => {
    const c = checked((stack) => {
      new smq.RosQueue(stack, 'Loop', { queueName: 'loop', dlqPolicy: { deadLetterTargetQueue: 'loop', enabled: true, maxReceiveCount: 3 } }, true);
    });
    expect(c.findings('SMQ-011')).toEqual([finding('SMQ-011', 'error', 'Shop/Loop', 'Loop', 'Queue \'loop\' is its own dead-letter queue')]);
    expect(templateFindings('SMQ-011', {
      Q: rawQueue('q'),
      Fn: FN,
      Sub: {
        Type: 'ALIYUN::MNS::Subscription',
        Properties: { TopicName: 't', SubscriptionName: 'sub', PushType: 'queue', Endpoint: mnsArn('queues/', att('Q', 'QueueName')), DlqPolicy: { DeadLetterTargetQueue: att('Q', 'QueueName'), Enabled: true } },
      },
      Rule: rawRule({ Endpoint: mnsArn('queues/', att('Q', 'QueueName')), DeadLetterQueue: { Arn: mnsArn('/queues/', att('Q', 'QueueName')) } }),
      Consume: rawTrigger(att('Q', 'QueueName'), { deadLetterQueue: { Arn: mnsArn('/queues/', att('Q', 'QueueName')) } }),
    }).map((f) => f.message.split(' at ')[0])).toEqual([
      '[SMQ-011] Queue trigger \'consume\' uses its own queue \'q\' as its dead-letter queue',
      '[SMQ-011] EventBridge rule \'rule\' target \'jobs\' uses its own queue \'q\' as its dead-letter queue',
      '[SMQ-011] Subscription \'sub\' uses its own queue \'q\' as its dead-letter queue',
    ]);
  });

  test('passes another queue', () => {
    expect(templateFindings('SMQ-011', {
      Q: rawQueue('q', { DlqPolicy: { DeadLetterTargetQueue: 'd', Enabled: true, MaxReceiveCount: 5 } }),
      D: rawQueue('d'),
      Fn: FN,
      Rule: rawRule({ Endpoint: mnsArn('queues/', att('Q', 'QueueName')), DeadLetterQueue: { Arn: mnsArn('/queues/', att('D', 'QueueName')) } }),
      Consume: rawTrigger(att('Q', 'QueueName'), { deadLetterQueue: { Arn: mnsArn('/queues/', 'd') } }),
    })).toEqual([]);
  });
});

describe('SMQ-012 delay at least as long as the retention period', () => {
  test('trips when every message would expire while delayed', () => {
    const c = checked((stack) => {
      new smq.RosQueue(stack, 'Late', { queueName: 'late', delaySeconds: 345600 }, true);
    });
    expect(c.findings('SMQ-012')).toEqual([finding('SMQ-012', 'error', 'Shop/Late', 'Late', 'Queue \'late\' delays every message 4 days, and keeps it only 4 days')]);
  });

  test('passes a shorter delay and a delay from a parameter', () => {
    expect(templateFindings('SMQ-012', {
      Soon: rawQueue('soon', { DelaySeconds: 10, MessageRetentionPeriod: 60 }),
      Param: rawQueue('param', { DelaySeconds: { Ref: 'Delay' } }),
    })).toEqual([]);
  });
});

describe('event streams made by a custom resource that calls CreateEventStreaming', () => {
  function stream(runOptions: unknown, source: unknown = att('Q', 'QueueName')): unknown {
    return {
      Type: 'ALIYUN::ROS::CustomResource',
      Properties: {
        ServiceToken: 'acs:fc:cn-hangzhou:123456789012:functions/provider',
        Parameters: {
          ApiVersion: '2020-04-01',
          OnCreate: {
            Action: 'CreateEventStreaming',
            Parameters: {
              EventStreamingName: 'stream',
              Source: { SourceMNSParameters: { RegionId: { Ref: 'ALIYUN::Region' }, QueueName: source } },
              Sink: { SinkFcParameters: { FunctionName: { Form: 'CONSTANT', Value: 'fn' } } },
              ...(runOptions === undefined ? {} : { RunOptions: runOptions }),
            },
            Then: [{ Action: 'StartEventStreaming', Parameters: { EventStreamingName: 'stream' } }],
          },
        },
      },
    };
  }
  const dlq = { Arn: mnsArn('/queues/', att('D', 'QueueName')) };

  test('a stream with a dead-letter queue: neither its queue nor its dead-letter queue lacks one (SMQ-001), and it passes SMQ-005, 010, 011', () => {
    const resources = { Q: rawQueue('q'), D: rawQueue('d'), Stream: stream({ ErrorsTolerance: 'ALL', RetryStrategy: { PushRetryStrategy: 'BACKOFF_RETRY' }, DeadLetterQueue: dlq }) };
    for (const id of ['SMQ-001', 'SMQ-005', 'SMQ-010', 'SMQ-011']) {
      expect(templateFindings(id, resources)).toEqual([]);
    }
  });

  test('trips SMQ-005 without RunOptions, SMQ-010 on ALL without a dead-letter queue, SMQ-011 on its own queue as dead-letter queue', () => {
    const what = (id: string, resources: { [id: string]: unknown }): string[] => templateFindings(id, resources).map((f) => f.message.split(' at ')[0]);
    expect(what('SMQ-005', { Q: rawQueue('q'), Stream: stream(undefined) })).toEqual(['[SMQ-005] Event stream \'stream\' retries with BACKOFF_RETRY and has no dead-letter queue']);
    expect(what('SMQ-010', { Q: rawQueue('q'), Stream: stream({ ErrorsTolerance: 'ALL', RetryStrategy: { PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY' } }) }))
      .toEqual(['[SMQ-010] Event stream \'stream\' drops the events it cannot deliver (ErrorsTolerance ALL, no dead-letter queue)']);
    expect(what('SMQ-011', { Q: rawQueue('q'), Stream: stream({ DeadLetterQueue: { Arn: mnsArn('/queues/', att('Q', 'QueueName')) } }) }))
      .toEqual(['[SMQ-011] Event stream \'stream\' uses its own queue \'q\' as its dead-letter queue']);
    expect(what('SMQ-001', { Q: rawQueue('q'), Stream: stream(undefined) })).toEqual(['[SMQ-001] Queue \'q\' has no dead-letter queue']);
  });
});

describe('SMQ-001 and Function Compute failure destinations', () => {
  function fcRole(stack: ros.Stack): ram.Role {
    return new ram.Role(stack, 'FnRole', {
      roleName: 'fn-role',
      assumeRolePolicyDocument: { version: '1', statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['fc.aliyuncs.com'] } }] },
    });
  }

  test('passes a queue that is the OnFailure destination of an FC 3.0 function (the function\'s dead-letter queue); the OnSuccess queue still trips', () => {
    const c = checked((stack) => {
      const role = fcRole(stack);
      const fn = new fc3.Function(stack, 'Convert', { functionName: 'convert', runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'x' }, role: ros.Token.asString(role.attrArn) });
      new sources.FunctionResultDestinations(stack, 'Results', {
        fn: sources.ResultFunction.fc3(fn, role), onFailure: new smq.Queue(stack, 'Failures'), onSuccess: new smq.Queue(stack, 'Done'),
      });
    });
    expect(c.findings('SMQ-001')).toEqual([finding('SMQ-001', 'warning', 'Shop/Done', 'Done', 'Queue \'Shop-Done\' has no dead-letter queue')]);
  });

  test('in a template: FC 3.0 AsyncInvokeConfig and FC 2.0 AsyncConfiguration OnFailure queues pass, an OnSuccess queue trips', () => {
    expect(templateFindings('SMQ-001', {
      Failures: rawQueue('failures'),
      Fc2Failures: rawQueue('fc2-failures'),
      Done: rawQueue('done'),
      Fn: FN,
      Config: {
        Type: 'ALIYUN::FC3::AsyncInvokeConfig',
        Properties: {
          FunctionName: att('Fn', 'FunctionName'),
          DestinationConfig: {
            OnFailure: { Destination: { 'Fn::Sub': 'acs:mns:${ALIYUN::Region}:${ALIYUN::TenantId}:/queues/failures/messages' } },
            OnSuccess: { Destination: mnsArn('/queues/', { 'Fn::Join': ['', [att('Done', 'QueueName'), '/messages']] }) },
          },
        },
      },
      Old: {
        Type: 'ALIYUN::FC::Function',
        Properties: {
          ServiceName: 'svc', FunctionName: 'old', Handler: 'index.handler', Runtime: 'nodejs20',
          AsyncConfiguration: { Destination: { OnFailure: mnsArn('/queues/', { 'Fn::Join': ['', [att('Fc2Failures', 'QueueName'), '/messages']] }) } },
        },
      },
    }).map((f) => f.logicalId)).toEqual(['Done']);
  });
});

describe('SMQ-003 and event streams to a function', () => {
  test('trips on a queue read by an event stream whose sink is a function that runs longer than the visibility timeout (with the batch window)', () => {
    const c = checked((stack) => {
      const orders = new smq.Queue(stack, 'Orders', { deadLetterQueue: { maxReceiveCount: 5 } });
      new consumers.QueueEventStream(stack, 'Route', { queue: orders, sink: consumers.EventStreamSink.fc3(worker(stack, 600)), batchWindow: Duration.seconds(5), batchSize: 10 });
    });
    expect(c.findings('SMQ-003')).toEqual([
      finding('SMQ-003', 'warning', 'Shop/Orders', 'Orders', 'Queue \'Shop-Orders\' hides a received message for 30 seconds, less than function \'worker\', which reads it through event stream \'Shop-Route\', may take (600 seconds, plus a batch window of 5 seconds)'),
    ]);
  });

  test('passes an asynchronous sink, a long enough visibility timeout, and (in a template) an FC 2.0 sink whose InvocationType is not given', () => {
    const c = checked((stack) => {
      const fn = worker(stack, 600);
      new consumers.QueueEventStream(stack, 'Later', { queue: new smq.Queue(stack, 'Orders', { deadLetterQueue: { maxReceiveCount: 5 } }), sink: consumers.EventStreamSink.fc3(fn, { asyncInvocation: true }) });
      new consumers.QueueEventStream(stack, 'Patient', {
        queue: new smq.Queue(stack, 'Slow', { deadLetterQueue: { maxReceiveCount: 5 }, visibilityTimeout: Duration.minutes(11) }), sink: consumers.EventStreamSink.fc3(fn),
      });
    });
    expect(c.findings('SMQ-003')).toEqual([]);
    const stream = (sink: unknown): unknown => ({
      Type: 'ALIYUN::ROS::CustomResource',
      Properties: { ServiceToken: 'x', Parameters: { OnCreate: { Action: 'CreateEventStreaming', Parameters: { EventStreamingName: 's', Source: { SourceMNSParameters: { QueueName: 'q' } }, Sink: { SinkFcParameters: sink } } } } },
    });
    const old = { Type: 'ALIYUN::FC::Function', Properties: { ServiceName: 'svc', FunctionName: 'old', Timeout: 600 } };
    expect(templateFindings('SMQ-003', { Q: rawQueue('q'), Old: old, S: stream({ ServiceName: { Form: 'CONSTANT', Value: 'svc' }, FunctionName: { Form: 'CONSTANT', Value: 'old' } }) })).toEqual([]);
    expect(templateFindings('SMQ-003', {
      Q: rawQueue('q'), Old: old, S: stream({ ServiceName: { Form: 'CONSTANT', Value: 'svc' }, FunctionName: { Form: 'CONSTANT', Value: 'old' }, InvocationType: { Form: 'CONSTANT', Value: 'Sync' } }),
    }).map((f) => f.message.split(' at ')[0])).toEqual(['[SMQ-003] Queue \'q\' hides a received message for 30 seconds, less than function \'old\', which reads it through event stream \'s\', may take (600 seconds)']);
  });
});

describe('SMQ-006: what else grants SMQ broadly, and what cannot', () => {
  const owned = { Jobs: rawQueue('jobs', { DlqPolicy: { Enabled: true, DeadLetterTargetQueue: 'dlq', MaxReceiveCount: 5 } }), Dlq: rawQueue('dlq') };
  const policy = (statement: unknown, key = 'PolicyDocument'): unknown => ({ Type: 'ALIYUN::RAM::ManagedPolicy', Properties: { PolicyName: 'p', [key]: { Version: '1', Statement: [statement] } } });
  const what = (resources: { [id: string]: unknown }): string[] => templateFindings('SMQ-006', { ...owned, ...resources }).map((f) => f.message.split(' at ')[0]);

  test('trips on AliyunMNSFullAccess in the PolicyAttachments of a role, a user and a group, on PolicyDocumentUnchecked, and on Allow with NotAction', () => {
    const c = checked((stack) => {
      new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 } });
      new ram.RosRole(stack, 'Admin', {
        roleName: 'admin', policyAttachments: { system: ['AliyunOSSReadOnlyAccess', 'AliyunMNSFullAccess'] },
        assumeRolePolicyDocument: { version: '1', statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['ecs.aliyuncs.com'] } }] },
      }, true);
      new ram.RosUser(stack, 'Ops', { userName: 'ops', policyAttachments: { custom: ['AliyunMNSFullAccess'] } }, true);
      new ram.RosGroup(stack, 'Team', { groupName: 'team', policyAttachments: { system: ['AliyunMNSFullAccess'] } }, true);
    });
    expect(c.findings('SMQ-006')).toEqual([
      finding('SMQ-006', 'error', 'Shop/Admin', 'Admin', 'RAM role \'admin\' attaches AliyunMNSFullAccess (PolicyAttachments System), the system policy of every SMQ action on every resource'),
      finding('SMQ-006', 'error', 'Shop/Ops', 'Ops', 'RAM user \'ops\' attaches AliyunMNSFullAccess (PolicyAttachments Custom), the system policy of every SMQ action on every resource'),
      finding('SMQ-006', 'error', 'Shop/Team', 'Team', 'RAM group \'team\' attaches AliyunMNSFullAccess (PolicyAttachments System), the system policy of every SMQ action on every resource'),
    ]);
    expect(what({ P: policy({ Effect: 'Allow', Action: ['mns:*'], Resource: ['*'] }, 'PolicyDocumentUnchecked') }))
      .toEqual(['[SMQ-006] RAM policy \'p\' statement #0 grants \'mns:*\' and grants SMQ actions on \'*\'']);
    expect(what({ P: policy({ Effect: 'Allow', NotAction: ['mns:DeleteQueue'], Resource: ['*'] }) }))
      .toEqual(['[SMQ-006] RAM policy \'p\' statement #0 grants every action but \'mns:DeleteQueue\' (NotAction) and grants SMQ actions on \'*\'']);
    expect(what({ P: policy({ Effect: 'Allow', NotAction: 'oss:*', Resource: 'acs:mns:cn-hangzhou:123456789012:/queues/jobs' }) }))
      .toEqual(['[SMQ-006] RAM policy \'p\' statement #0 grants every action but \'oss:*\' (NotAction)']);
  });

  test('passes * on resources that cannot be SMQ\'s, NotAction that leaves out every SMQ action, and a PolicyDocument that PolicyDocumentUnchecked replaces', () => {
    expect(what({ P: policy({ Effect: 'Allow', Action: ['*'], Resource: ['acs:oss:*:*:media/*'] }) })).toEqual([]);
    expect(what({ P: policy({ Effect: 'Allow', Action: 'mns:*', Resource: ['acs:oss:*:*:media/*', 'acs:log:*:*:project/x'] }) })).toEqual([]);
    expect(what({ P: policy({ Effect: 'Allow', NotAction: ['mns:*', 'ecs:*'], Resource: '*' }) })).toEqual([]);
    expect(what({ P: policy({ Effect: 'Allow', NotAction: [{ Ref: 'Excluded' }], Resource: '*' }) })).toEqual([]);
    expect(what({ P: policy({ Effect: 'Deny', NotAction: ['mns:SendMessage'], Resource: '*' }) })).toEqual([]);
    expect(what({
      P: { Type: 'ALIYUN::RAM::ManagedPolicy', Properties: { PolicyName: 'p', PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'mns:*', Resource: '*' }] }, PolicyDocumentUnchecked: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'mns:SendMessage', Resource: 'acs:mns:*:*:/queues/jobs/messages' }] } } },
    })).toEqual([]);
    // a wildcard that can stand for acs:mns: still counts
    expect(what({ P: policy({ Effect: 'Allow', Action: '*', Resource: 'acs:*:*:*:*' }) })).toEqual(['[SMQ-006] RAM policy \'p\' statement #0 grants \'*\'']);
  });
});

describe('SMQ-008 counts what a resource\'s Count makes', () => {
  test('10 resources with Count 40 are 400 resources; a Count from a parameter counts once and is named', () => {
    const counted = (count: unknown): { [id: string]: unknown } => Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`R${i}`, { Type: 'ALIYUN::ECS::SecurityGroup', Count: count, Properties: {} }]));
    expect(templateFindings('SMQ-008', counted(40))).toEqual([finding('SMQ-008', 'error', 'Raw', undefined, 'Stack has 400 resources, 10 in the template expanded by their Count, more than the 300 ROS allows', 'Raw')]);
    expect(templateFindings('SMQ-008', { ...counted('28'), Extra: { Type: 'ALIYUN::ROS::WaitConditionHandle', Count: { Ref: 'N' } } })).toEqual([
      finding('SMQ-008', 'warning', 'Raw', undefined, 'Stack has 281 resources, 11 in the template expanded by their Count; the Count of \'Extra\' is known only at deploy time and counted once, close to the 300 ROS allows', 'Raw'),
    ]);
  });

  test('passes Count 0 and a few resources whose Count is a parameter', () => {
    const handles = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`H${i}`, { Type: 'ALIYUN::ROS::WaitConditionHandle', Count: 0 }]));
    expect(templateFindings('SMQ-008', handles)).toEqual([]);
    expect(templateFindings('SMQ-008', { A: { Type: 'ALIYUN::ECS::SecurityGroup', Count: { Ref: 'N' } } })).toEqual([]);
  });
});

describe('SMQ-013 queue read by more than one reader', () => {
  test('trips on two queue triggers of one queue, and on a trigger and an event stream with a filter', () => {
    const c = checked((stack) => {
      const jobs = new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 }, visibilityTimeout: Duration.minutes(2) });
      const fn = worker(stack, 60);
      new QueueTrigger(stack, 'First', { queue: jobs, fn: TriggerFunction.fc3(fn) });
      new QueueTrigger(stack, 'Second', { queue: jobs, fn: TriggerFunction.fc3(fn) });
      const orders = new smq.Queue(stack, 'Orders', { deadLetterQueue: { maxReceiveCount: 5 }, visibilityTimeout: Duration.minutes(2) });
      new QueueTrigger(stack, 'Bill', { queue: orders, fn: TriggerFunction.fc3(fn) });
      new consumers.QueueEventStream(stack, 'Archive', {
        queue: orders, sink: consumers.EventStreamSink.queue(new smq.Queue(stack, 'Archived', { deadLetterQueue: { maxReceiveCount: 5 } })),
        filterPattern: { data: { messageBody: [{ prefix: 'order-' }] } },
      });
    });
    expect(c.findings('SMQ-013')).toEqual([
      finding('SMQ-013', 'warning', 'Shop/Jobs', 'Jobs', 'Queue \'Shop-Jobs\' is read by 2 readers, queue trigger \'Shop-First\', queue trigger \'Shop-Second\''),
      finding('SMQ-013', 'warning', 'Shop/Orders', 'Orders', 'Queue \'Shop-Orders\' is read by 2 readers, queue trigger \'Shop-Bill\', event stream \'Shop-Archive\', some of which filter what they take'),
    ]);
    Annotations.fromStack(c.stack).hasWarning('Shop/Jobs', c.findings('SMQ-013')[0].message);
  });

  test('in a template: two readers of a queue no stack owns trip on the first reader; a disabled trigger and a reader named by a parameter do not count', () => {
    const trigger = (queueName: unknown, enabled = true): unknown => {
      const t = rawTrigger(queueName, {}) as { Properties: { TriggerConfig: { [key: string]: unknown } } };
      t.Properties.TriggerConfig.triggerEnable = enabled;
      return t;
    };
    expect(templateFindings('SMQ-013', { Fn: FN, A: trigger('shared'), B: trigger('shared') }).map((f) => f.message.split(' at ')[0]))
      .toEqual(['[SMQ-013] Queue \'shared\', which the app does not make, is read by 2 readers, queue trigger \'consume\', queue trigger \'consume\'']);
    expect(templateFindings('SMQ-013', { Fn: FN, Jobs: rawQueue('jobs'), A: trigger(att('Jobs', 'QueueName')), B: trigger('jobs', false), C: trigger({ Ref: 'Queue' }) })).toEqual([]);
  });

  test('passes one reader per queue, and a topic that fans out to one queue per reader', () => {
    const c = checked((stack) => {
      const fn = worker(stack, 60);
      const orders = new smq.Topic(stack, 'Orders');
      for (const id of ['Billing', 'Shipping']) {
        const queue = new smq.Queue(stack, id, { deadLetterQueue: { maxReceiveCount: 5 }, visibilityTimeout: Duration.minutes(2) });
        orders.addSubscription(new QueueSubscription(queue));
        new QueueTrigger(stack, `${id}Trigger`, { queue, fn: TriggerFunction.fc3(fn) });
      }
    });
    expect(c.findings('SMQ-013')).toEqual([]);
  });
  test('a stream made with enabled: false (not started, paused on update) is no reader, as the construct\'s own warning says', () => {
    const c = checked((stack) => {
      const jobs = new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 }, visibilityTimeout: Duration.minutes(2) });
      new QueueTrigger(stack, 'T', { queue: jobs, fn: TriggerFunction.fc3(worker(stack, 60)) });
      new consumers.QueueEventStream(stack, 'Paused', {
        queue: jobs, enabled: false, sink: consumers.EventStreamSink.queue(new smq.Queue(stack, 'Out', { deadLetterQueue: { maxReceiveCount: 5 } })),
      });
    });
    expect(c.findings('SMQ-013')).toEqual([]);
  });

  test('in a template: a stream counts when its OnCreate starts it and its OnUpdate does not pause it', () => {
    const stream = (name: string, then: string[], update: string[] = []): unknown => ({
      Type: 'ALIYUN::ROS::CustomResource',
      Properties: { ServiceToken: 'x', Parameters: {
        OnCreate: { Action: 'CreateEventStreaming', Parameters: { EventStreamingName: name, Source: { SourceMNSParameters: { QueueName: 'shared' } },
          Sink: { SinkFcParameters: { FunctionName: { Form: 'CONSTANT', Value: 'fn' } } } }, Then: then.map((Action) => ({ Action })) },
        OnUpdate: { Action: 'UpdateEventStreaming', Parameters: {}, Then: update.map((Action) => ({ Action })) },
      } },
    });
    const what = (resources: { [id: string]: unknown }): string[] => templateFindings('SMQ-013', resources).map((f) => f.message.split(' at ')[0]);
    expect(what({ A: stream('a', ['StartEventStreaming']), B: stream('b', ['StartEventStreaming'], ['StartEventStreaming']) }))
      .toEqual(['[SMQ-013] Queue \'shared\', which the app does not make, is read by 2 readers, event stream \'a\', event stream \'b\'']);
    expect(what({ A: stream('a', ['StartEventStreaming']), B: stream('b', []) })).toEqual([]);
    expect(what({ A: stream('a', ['StartEventStreaming']), B: stream('b', ['StartEventStreaming'], ['PauseEventStreaming']) })).toEqual([]);
  });
});
