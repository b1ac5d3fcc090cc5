import * as ros from '@alicloud/ros-cdk-core';
import * as eventbridge from '@alicloud/ros-cdk-eventbridge';
import { Match, Template } from '../../lib/assertions';
import { ErrorsTolerance, RetryStrategy, smq, sources } from '../../lib';
import { expectInvalid, getAtt, mnsJoin, newStack, warnings } from '../util';

const ENV = { region: 'cn-hangzhou', account: '123456789012' };
const OSS = { source: ['acs.oss'] };

function events(env?: ros.Environment): { app: ros.App; stack: ros.Stack; inbox: smq.Queue; dead: smq.Queue } {
  const { app, stack } = newStack('Events', env ? { env } : {});
  return { app, stack, inbox: new smq.Queue(stack, 'Inbox'), dead: new smq.Queue(stack, 'Dead') };
}

/** The ParamList a queue target renders for queue `name` with the given Body entry. */
function paramList(name: unknown, body: { [key: string]: unknown }, base64 = 'false'): unknown[] {
  return [
    { ResourceKey: 'queue', Form: 'CONSTANT', Value: name },
    { ResourceKey: 'Body', ...body },
    { ResourceKey: 'IsBase64Encode', Form: 'CONSTANT', Value: base64 },
  ];
}

function targetsOf(template: Template, logicalId: string): any[] {
  return template.toJSON().Resources[logicalId].Properties.Targets;
}

describe('EventRule with a QueueTarget', () => {
  test('renders the rule on the default bus and the queue target in EventBridge\'s form', () => {
    const { stack, inbox } = events();
    const rule = new sources.EventRule(stack, 'Uploads', {
      pattern: { source: ['acs.oss'], type: [{ prefix: 'oss:ObjectCreated:' }] },
      targets: [new sources.QueueTarget(inbox)],
      description: 'new objects',
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::EventBridge::Rule', 1);
    template.hasResource('ALIYUN::EventBridge::Rule', {
      Properties: Match.objectEquals({
        RuleName: 'Events-Uploads',
        EventBusName: 'default',
        Description: 'new objects',
        FilterPattern: { source: ['acs.oss'], type: [{ prefix: 'oss:ObjectCreated:' }] },
        Targets: [Match.objectEquals({
          Id: Match.stringLikeRegexp('^Inbox[0-9a-f]{8}$'),
          Type: 'acs.mns.queue',
          Endpoint: mnsJoin('queues/', getAtt('Inbox', 'QueueName')),
          ParamList: paramList(getAtt('Inbox', 'QueueName'), { Form: 'ORIGINAL', Value: '' }),
          PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY',
          ErrorsTolerance: 'NONE',
        })],
      }),
    });
    expect(Object.keys(template.findResources('ALIYUN::EventBridge::Rule'))).toEqual(['Uploads']);
    expect(stack.resolve(rule.ruleName)).toBe('Events-Uploads');
    expect(warnings(stack)).toEqual([]);
  });

  test('a dead-letter queue: its ARN in the slash form, and ErrorsTolerance ALL', () => {
    const { stack, inbox, dead } = events();
    new sources.EventRule(stack, 'R', { pattern: OSS, targets: [new sources.QueueTarget(inbox, { deadLetterQueue: dead })] });
    const [target] = targetsOf(Template.fromStack(stack), 'R');
    expect(target.DeadLetterQueue).toEqual({ Arn: mnsJoin('/queues/', getAtt('Dead', 'QueueName')) });
    expect(target.ErrorsTolerance).toBe('ALL');
    expect(warnings(stack)).toEqual([]);
  });

  test('ErrorsTolerance ALL without a dead-letter queue is a warning; the chosen retry strategy is kept', () => {
    const { stack, inbox } = events();
    new sources.EventRule(stack, 'R', {
      pattern: OSS,
      targets: [new sources.QueueTarget(inbox, { errorsTolerance: ErrorsTolerance.ALL, retryStrategy: RetryStrategy.BACKOFF_RETRY })],
    });
    const [target] = targetsOf(Template.fromStack(stack), 'R');
    expect(target).toMatchObject({ ErrorsTolerance: 'ALL', PushRetryStrategy: 'BACKOFF_RETRY' });
    expect(target.DeadLetterQueue).toBeUndefined();
    expect(warnings(stack)).toEqual([expect.stringMatching(/^Events\/R: QueueTarget.errorsTolerance: ALL without a dead-letter queue drops every event to 'Events\/Inbox'/)]);
  });

  test.each([
    ['the whole event', sources.TargetMessage.fromEvent(), { Form: 'ORIGINAL', Value: '' }],
    ['a JSONPath', sources.TargetMessage.fromPath('$.data.oss.object.key'), { Form: 'JSONPATH', Value: '$.data.oss.object.key' }],
    ['a constant', sources.TargetMessage.fromText('ping'), { Form: 'CONSTANT', Value: 'ping' }],
    ['a template', sources.TargetMessage.fromTemplate('Object ${key} in ${bucket}', { key: '$.data.oss.object.key', bucket: '$.data.oss.bucket.name' }),
      { Form: 'TEMPLATE', Value: '{"key":"$.data.oss.object.key","bucket":"$.data.oss.bucket.name"}', Template: 'Object ${key} in ${bucket}' }],
  ])('the message body: %s', (_name, message, body) => {
    const { stack, inbox } = events();
    new sources.EventRule(stack, 'R', { pattern: OSS, targets: [new sources.QueueTarget(inbox, { message, base64Encode: true })] });
    const [target] = targetsOf(Template.fromStack(stack), 'R');
    expect(target.ParamList).toEqual(paramList(getAtt('Inbox', 'QueueName'), body, 'true'));
  });

  test('every ParamList entry has a Value, through the real eventbridge.RosRule and eventbridge.Rule', () => {
    const { stack, inbox, dead } = events();
    new eventbridge.RosRule(stack, 'Raw', {
      eventBusName: 'default', ruleName: 'raw', filterPattern: OSS, targets: [new sources.QueueTarget(inbox).bind(stack)],
    }, true);
    new eventbridge.Rule(stack, 'Managed', {
      eventBusName: 'default', ruleName: 'managed', filterPattern: OSS, targets: [new sources.QueueTarget(inbox, { deadLetterQueue: dead, message: sources.TargetMessage.fromPath('$.data') }).bind(stack)],
    }, true);
    const template = Template.fromStack(stack);
    for (const id of ['Raw', 'Managed']) {
      const [target] = targetsOf(template, id);
      expect(target.Type).toBe('acs.mns.queue');
      expect(target.ParamList).toHaveLength(3);
      for (const param of target.ParamList) {
        expect(param).toEqual({ ResourceKey: expect.any(String), Form: expect.any(String), Value: expect.anything() });
      }
    }
    expect(targetsOf(template, 'Managed')[0].DeadLetterQueue).toEqual({ Arn: mnsJoin('/queues/', getAtt('Dead', 'QueueName')) });
  });

  test('two rules in one stack, an imported queue, a bus, a disabled rule, and a target id', () => {
    const { stack, inbox } = events(ENV);
    const legacy = smq.Queue.fromQueueName(stack, 'Legacy', 'legacy-jobs');
    new sources.EventRule(stack, 'A', { pattern: OSS, targets: [new sources.QueueTarget(inbox), new sources.QueueTarget(legacy)] });
    new sources.EventRule(stack, 'B', {
      pattern: { source: ['acs.ecs'] }, eventBusName: 'ops-bus', ruleName: 'ecs-events', enabled: false,
      targets: [new sources.QueueTarget(inbox, { targetId: 'inbox' })],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::EventBridge::Rule', 2);
    const [own, imported] = targetsOf(template, 'A');
    expect(own.Id).not.toBe(imported.Id);
    expect(imported).toMatchObject({
      Id: expect.stringMatching(/^Legacy[0-9a-f]{8}$/),
      Endpoint: 'acs:mns:cn-hangzhou:123456789012:queues/legacy-jobs',
      ParamList: paramList('legacy-jobs', { Form: 'ORIGINAL', Value: '' }),
    });
    template.hasResourceProperties('ALIYUN::EventBridge::Rule', { RuleName: 'ecs-events', EventBusName: 'ops-bus', Status: 'DISABLE', Targets: [Match.objectLike({ Id: 'inbox' })] });
  });

  test('a queue in another stack: the rule imports its name, and the stacks do not form a cycle', () => {
    const app = new ros.App();
    const messaging = new ros.Stack(app, 'Messaging', { env: ENV });
    const rules = new ros.Stack(app, 'Rules', { env: ENV });
    const inbox = new smq.Queue(messaging, 'Inbox');
    new sources.EventRule(rules, 'R', { pattern: OSS, targets: [new sources.QueueTarget(inbox)] });
    const assembly = app.synth();
    const [target] = assembly.getStackByName('Rules').template.Resources.R.Properties.Targets;
    expect(JSON.stringify(target.Endpoint)).toContain('Fn::ImportValue');
    expect(target.Endpoint['Fn::Join'][1][0]).toBe('acs:mns:cn-hangzhou:123456789012:queues/');
  });

  test('a queue of another region or account: an error with literals, a warning with tokens', () => {
    const { stack } = events(ENV);
    const far = smq.Queue.fromQueueArn(stack, 'Far', 'acs:mns:cn-beijing:123456789012:queues/far');
    expect(() => new sources.EventRule(stack, 'R', { pattern: OSS, targets: [new sources.QueueTarget(far)] }))
      .toThrow('Events/R: QueueTarget.queue must be in the same region as the stack (cn-hangzhou), got "queue \'Events/Far\' in region cn-beijing"');
    const farDead = smq.Queue.fromQueueArn(stack, 'FarDead', 'acs:mns:cn-beijing:123456789012:queues/dead');
    expect(() => new sources.EventRule(stack, 'R3', { pattern: OSS, targets: [new sources.QueueTarget(new smq.Queue(stack, 'Q'), { deadLetterQueue: farDead })] }))
      .toThrow('Events/R3: QueueTarget.deadLetterQueue must be in the same region as the stack (cn-hangzhou), got "queue \'Events/FarDead\' in region cn-beijing"');
    const foreign = smq.Queue.fromQueueArn(stack, 'Foreign', 'acs:mns:cn-hangzhou:999999999999:queues/x');
    expect(() => new sources.EventRule(stack, 'R2', { pattern: OSS, targets: [new sources.QueueTarget(foreign)] }))
      .toThrow(/^Events\/R2: QueueTarget.queue must be in the same account as the stack \(123456789012\)/);

    const open = events().stack;
    new sources.EventRule(open, 'R', { pattern: OSS, targets: [new sources.QueueTarget(smq.Queue.fromQueueArn(open, 'Far', 'acs:mns:cn-beijing:123456789012:queues/far'))] });
    expect(warnings(open)).toEqual([expect.stringMatching(/^Events\/R: QueueTarget.queue: queue 'Events\/Far' is in region cn-beijing.*an EventBridge rule delivers to queues in its own region and account/)]);
  });

  test('tokens pass: pattern values, names, paths and template variables', () => {
    const { stack, inbox } = events();
    const source = new ros.RosParameter(stack, 'Source', { type: ros.RosParameterType.STRING });
    const path = new ros.RosParameter(stack, 'Path', { type: ros.RosParameterType.STRING });
    const name = new ros.RosParameter(stack, 'RuleName', { type: ros.RosParameterType.STRING });
    new sources.EventRule(stack, 'R', {
      pattern: { source: [source.valueAsString], data: { key: [{ prefix: ros.Fn.join('', [source.valueAsString, '/']) }] } },
      ruleName: name.valueAsString,
      eventBusName: ros.Fn.join('-', ['bus', source.valueAsString]),
      targets: [
        new sources.QueueTarget(inbox, { message: sources.TargetMessage.fromPath(path.valueAsString) }),
        new sources.QueueTarget(smq.Queue.fromQueueName(stack, 'Other', name.valueAsString), { message: sources.TargetMessage.fromTemplate('key ${k}', { k: path.valueAsString }) }),
      ],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('ALIYUN::EventBridge::Rule', { RuleName: { Ref: 'RuleName' }, FilterPattern: { source: [{ Ref: 'Source' }] } });
    expect(targetsOf(template, 'R')[0].ParamList[1]).toEqual({ ResourceKey: 'Body', Form: 'JSONPATH', Value: { Ref: 'Path' } });
  });

  test.each<[string, (stack: ros.Stack, inbox: smq.Queue, dead: smq.Queue) => unknown, string | RegExp]>([
    ['no props', (s) => new sources.EventRule(s, 'E', undefined as any), 'Events/E: props must be given: { pattern, targets }, got undefined'],
    ['no targets', (s) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [] }), 'Events/E: targets must name at least one target, such as new sources.QueueTarget(queue), got []'],
    ['a queue instead of a target', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [q as any] }),
      'Events/E: targets[0] must be a rule target, such as new sources.QueueTarget(queue), got Events/Inbox'],
    ['an empty pattern', (s, q) => new sources.EventRule(s, 'E', { pattern: {}, targets: [new sources.QueueTarget(q)] }),
      'Events/E: pattern must be an object such as { source: ["acs.oss"] }, with at least one field, got {}'],
    ['a list as pattern', (s, q) => new sources.EventRule(s, 'E', { pattern: ['acs.oss'] as any, targets: [new sources.QueueTarget(q)] }),
      /^Events\/E: pattern must be an object such as/],
    ['six values in a field', (s, q) => new sources.EventRule(s, 'E', { pattern: { source: ['a', 'b', 'c', 'd', 'e', 'f'] }, targets: [new sources.QueueTarget(q)] }),
      'Events/E: pattern.source must list 1 to 5 values or matchers, got ["a","b","c","d","e","f"]'],
    ['an empty field', (s, q) => new sources.EventRule(s, 'E', { pattern: { source: [] }, targets: [new sources.QueueTarget(q)] }),
      'Events/E: pattern.source must list 1 to 5 values or matchers, got []'],
    ['an unknown matcher', (s, q) => new sources.EventRule(s, 'E', { pattern: { source: [{ startsWith: 'a' }] }, targets: [new sources.QueueTarget(q)] }),
      /^Events\/E: pattern.source\[0\] must be a value or a matcher \(\{ prefix \}, \{ suffix \}, .*got \{"startsWith":"a"\}$/],
    ['an empty nested object', (s, q) => new sources.EventRule(s, 'E', { pattern: { source: ['a'], data: {} }, targets: [new sources.QueueTarget(q)] }),
      /^Events\/E: pattern.data must be an object/],
    ['a scalar field', (s, q) => new sources.EventRule(s, 'E', { pattern: { source: 'acs.oss' }, targets: [new sources.QueueTarget(q)] }),
      'Events/E: pattern.source must be a list of values or matchers (such as ["acs.oss"]), or an object of them, got "acs.oss"'],
    ['one queue twice', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q), new sources.QueueTarget(q)] }),
      /^Events\/E: targets\[1\] must deliver to another endpoint: the rule already delivers to this one, and would deliver each event twice, got "Inbox[0-9a-f]{8}"$/],
    ['one queue twice, owned and imported by name', (s) => {
      const owned = new smq.Queue(s, 'Named', { queueName: 'named' });
      return new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(owned), new sources.QueueTarget(smq.Queue.fromQueueName(s, 'Again', 'named'))] });
    }, /^Events\/E: targets\[1\] must deliver to another endpoint/],
    ['one target id on two queues', (s, q, d) => new sources.EventRule(s, 'E', {
      pattern: OSS, targets: [new sources.QueueTarget(q, { targetId: 't' }), new sources.QueueTarget(d, { targetId: 't' })],
    }), 'Events/E: targets[1] must have an id of its own in the rule: give each target another targetId, got "t"'],
    ['six targets', (s) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [1, 2, 3, 4, 5, 6].map((i) => new sources.QueueTarget(new smq.Queue(s, `Q${i}`))) }),
      'Events/E: targets must be at most 5 (EventBridge\'s limit per rule): make another rule for more, got "6 targets"'],
    ['a target that binds to nothing', (s) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [{ bind: () => undefined as any }] }),
      'Events/E: targets[0] must bind to a target entry with an id, a type and an endpoint, got undefined'],
    ['a description that is a number', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q)], description: 5 as any }),
      'Events/E: description must be a string, got 5'],
    ['enabled as a string', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q)], enabled: 'false' as any }),
      'Events/E: enabled must be true or false, got "false"'],
    ['base64Encode as a string', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q, { base64Encode: 'yes' as any })] }),
      'Events/E: QueueTarget.base64Encode must be true or false, got "yes"'],
    ['a message that is a string', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q, { message: '$.data' as any })] }),
      'Events/E: QueueTarget.message must be a TargetMessage, such as TargetMessage.fromPath("$.data"), got "$.data"'],
    ['a topic as queue', (s) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(new smq.Topic(s, 'T') as any)] }),
      'Events/E: QueueTarget.queue must be a queue, not a topic (smq.Queue, or one imported with Queue.fromQueueName or fromQueueArn), got "Events/T"'],
    ['the queue as its own dead-letter queue', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q, { deadLetterQueue: q })] }),
      'Events/E: QueueTarget.deadLetterQueue must be another queue than the one the target delivers to, got "Events/Inbox"'],
    ['a topic as dead-letter queue', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q, { deadLetterQueue: new smq.Topic(s, 'T') as any })] }),
      /^Events\/E: QueueTarget.deadLetterQueue must be a queue, not a topic/],
    ['a path without $', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q, { message: sources.TargetMessage.fromPath('data') })] }),
      'Events/E: QueueTarget.message must be a JSONPath such as "$.data" (TargetMessage.fromPath), got "data"'],
    ['an empty constant', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q, { message: sources.TargetMessage.fromText('') })] }),
      'Events/E: QueueTarget.message must be a non-empty text (TargetMessage.fromText), got ""'],
    ['a template with an unknown variable', (s, q) => new sources.EventRule(s, 'E', {
      pattern: OSS, targets: [new sources.QueueTarget(q, { message: sources.TargetMessage.fromTemplate('x ${k} ${j}', { k: '$.data' }) })],
    }), 'Events/E: QueueTarget.message.template must use only its variables (k): ${j} has none, got "x ${k} ${j}"'],
    ['a template variable that is not a path', (s, q) => new sources.EventRule(s, 'E', {
      pattern: OSS, targets: [new sources.QueueTarget(q, { message: sources.TargetMessage.fromTemplate('x ${k}', { k: 'data' }) })],
    }), 'Events/E: QueueTarget.message.variables.k must map a name of letters, digits and underscores to a JSONPath such as "$.data", got "data"'],
    ['an unknown retry strategy', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q, { retryStrategy: 'FOREVER' as any })] }),
      'Events/E: QueueTarget.retryStrategy must be one of "BACKOFF_RETRY", "EXPONENTIAL_DECAY_RETRY", got "FOREVER"'],
    ['an unknown tolerance', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q, { errorsTolerance: 'SOME' as any })] }),
      'Events/E: QueueTarget.errorsTolerance must be one of "ALL", "NONE", got "SOME"'],
    ['a target id with a space', (s, q) => new sources.EventRule(s, 'E', { pattern: OSS, targets: [new sources.QueueTarget(q, { targetId: 'a b' })] }),
      'Events/E: QueueTarget.targetId must contain only letters, digits, underscores and hyphens, got "a b"'],
    ['a rule name starting with a hyphen', (s, q) => new sources.EventRule(s, 'E', { ruleName: '-x', pattern: OSS, targets: [new sources.QueueTarget(q)] }),
      'Events/E: ruleName must contain only letters, digits, underscores and hyphens, and start with a letter or digit, got "-x"'],
    ['a rule name of 128 characters', (s, q) => new sources.EventRule(s, 'E', { ruleName: 'r'.repeat(128), pattern: OSS, targets: [new sources.QueueTarget(q)] }),
      /^Events\/E: ruleName must be at most 127 characters long \(length 128\)/],
    ['a bus name with a space', (s, q) => new sources.EventRule(s, 'E', { eventBusName: 'my bus', pattern: OSS, targets: [new sources.QueueTarget(q)] }),
      'Events/E: eventBusName must contain only letters, digits, underscores and hyphens, and start with a letter or digit, got "my bus"'],
    ['a bus name starting with a hyphen', (s, q) => new sources.EventRule(s, 'E', { eventBusName: '-x', pattern: OSS, targets: [new sources.QueueTarget(q)] }),
      'Events/E: eventBusName must contain only letters, digits, underscores and hyphens, and start with a letter or digit, got "-x"'],
    ['enabled as a token', (s, q) => new sources.EventRule(s, 'E', {
      pattern: OSS, targets: [new sources.QueueTarget(q)], enabled: ros.Token.asAny(new ros.RosParameter(s, 'P', { type: ros.RosParameterType.BOOLEAN }).value) as any,
    }), /^Events\/E: enabled must be a literal true or false, not a token/],
    ['base64Encode as a token', (s, q) => new sources.EventRule(s, 'E', {
      pattern: OSS, targets: [new sources.QueueTarget(q, { base64Encode: ros.Token.asAny(new ros.RosParameter(s, 'P', { type: ros.RosParameterType.BOOLEAN }).value) as any })],
    }), /^Events\/E: QueueTarget.base64Encode must be a literal true or false, not a token/],
  ])('bad input: %s', (_name, make, message) => {
    const { stack, inbox, dead } = events();
    expectInvalid(() => make(stack, inbox, dead), message);
  });

  test('one rule name twice on one bus is an error naming both paths', () => {
    const { stack, inbox } = events();
    new sources.EventRule(stack, 'A', { ruleName: 'dup', pattern: OSS, targets: [new sources.QueueTarget(inbox)] });
    new sources.EventRule(stack, 'B', { ruleName: 'dup', eventBusName: 'other', pattern: OSS, targets: [new sources.QueueTarget(inbox)] });
    expect(() => new sources.EventRule(stack, 'C', { ruleName: 'dup', pattern: OSS, targets: [new sources.QueueTarget(inbox)] }))
      .toThrow('Events/C: ruleName must be unique in the stack, but \'Events/A\' already has this rule name on event bus "default", got "dup"');
  });
});

test('EventRule exposes the rule ARN', () => {
  const { stack } = newStack('Events');
  const rule = new sources.EventRule(stack, 'R', { pattern: OSS, targets: [new sources.QueueTarget(new smq.Queue(stack, 'Q'))] });
  expect(stack.resolve(rule.attrRuleArn)).toEqual(getAtt('R', 'RuleARN'));
});

test('a pattern changed after the rule is made does not change the rule', () => {
  const { stack } = newStack('Events');
  const pattern: { [key: string]: any } = { source: ['acs.oss'] };
  new sources.EventRule(stack, 'R', { pattern, targets: [new sources.QueueTarget(new smq.Queue(stack, 'Q'))] });
  pattern.source.push('a', 'b', 'c', 'd', 'e');
  pattern.evil = ['x'];
  expect(Template.fromStack(stack).toJSON().Resources.R.Properties.FilterPattern).toEqual({ source: ['acs.oss'] });
});
