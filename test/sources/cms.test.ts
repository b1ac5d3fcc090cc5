import * as ros from '@alicloud/ros-cdk-core';
import * as cms from '@alicloud/ros-cdk-cms';
import { Match, Template } from '../../lib/assertions';
import { Duration, smq, sources } from '../../lib';
import { expectInvalid, getAtt, infos, mnsJoin, newStack, warnings } from '../util';

const ENV = { region: 'cn-hangzhou', account: '123456789012' };
const { AlarmLevel } = sources;

function ops(env?: ros.Environment): { app: ros.App; stack: ros.Stack; jobs: smq.Queue; alerts: smq.Topic } {
  const { app, stack } = newStack('Ops', env ? { env } : {});
  return { app, stack, jobs: new smq.Queue(stack, 'Jobs'), alerts: new smq.Topic(stack, 'Alerts') };
}


function backlog(stack: ros.Stack, queue: smq.IQueue, id = 'Backlog', props: Partial<sources.MetricAlarmProps> = {}): sources.MetricAlarm {
  return new sources.MetricAlarm(stack, id, { metric: queue.metricNumberOfMessagesVisible(), threshold: 1000, contactGroups: ['ops'], ...props });
}


describe('MetricAlarm on a queue\'s metric, notifying a topic', () => {
  test('renders a ResourceMetricRule on acs_mns_new and MetricRuleTargets with the topic\'s /message ARN and all levels', () => {
    const { stack, jobs, alerts } = ops();
    const alarm = backlog(stack, jobs);
    const notification = alarm.notify(alerts);
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.hasResource('ALIYUN::CMS::ResourceMetricRule', {
      Properties: Match.objectEquals({
        RuleName: 'Ops-Backlog',
        Namespace: 'acs_mns_new',
        MetricName: 'NumberOfMessagesVisible',
        Resources: [{ userId: { Ref: 'ALIYUN::TenantId' }, region: { Ref: 'ALIYUN::Region' }, queue: getAtt('Jobs', 'QueueName') }],
        ContactGroups: ['ops'],
        Escalations: { Critical: { ComparisonOperator: 'GreaterThanOrEqualToThreshold', Statistics: 'Maximum', Threshold: '1000', Times: 3 } },
      }),
    });
    const targets = template.findResources('ALIYUN::CMS::MetricRuleTargets');
    expect(Object.keys(targets)).toEqual([expect.stringMatching(/^NotifyAlerts[0-9a-f]{8}$/)]);
    template.hasResource('ALIYUN::CMS::MetricRuleTargets', {
      Properties: Match.objectEquals({
        RuleId: getAtt('Backlog', 'RuleId'),
        Targets: [{
          Id: Match.stringLikeRegexp('^Smq[0-9a-f]{8}$'),
          Arn: mnsJoin('/topics/', getAtt('Alerts', 'TopicName'), '/message'),
          Level: '["CRITICAL","WARN","INFO"]',
        }],
      }),
    });
    expect(notification).toBeInstanceOf(sources.AlarmNotification);
    expect(stack.resolve(alarm.attrRuleId)).toEqual(getAtt('Backlog', 'RuleId'));
    expect(infos(stack)).toEqual([expect.stringMatching(/^Ops\/Backlog\/NotifyAlerts[0-9a-f]{8}: CloudMonitor writes to SMQ with the account's AliyunCloudMonitorDefaultRole/)]);
    expect(warnings(stack)).toEqual([]);
  });

  test('operator, periods, level, statistic, period, silence and name are rendered; a queue destination gets /queues/{name}/message', () => {
    const { stack, jobs } = ops();
    const dead = new smq.Queue(stack, 'Dead');
    const alarm = new sources.MetricAlarm(stack, 'Low', {
      metric: jobs.metric('NumberOfMessagesDelayed', { statistic: smq.Statistic.AVERAGE, period: Duration.minutes(5) }),
      threshold: 0.5,
      comparisonOperator: sources.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 2,
      level: AlarmLevel.WARN,
      contactGroups: ['ops', 'dev'],
      ruleName: 'jobs-delayed',
      silenceTime: Duration.hours(1),
    });
    alarm.notify(dead, [AlarmLevel.WARN, AlarmLevel.WARN]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('ALIYUN::CMS::ResourceMetricRule', {
      RuleName: 'jobs-delayed',
      MetricName: 'NumberOfMessagesDelayed',
      Period: 300,
      SilenceTime: 3600,
      ContactGroups: ['ops', 'dev'],
      Escalations: Match.objectEquals({ Warn: { ComparisonOperator: 'LessThanThreshold', Statistics: 'Average', Threshold: '0.5', Times: 2 } }),
    });
    template.hasResourceProperties('ALIYUN::CMS::MetricRuleTargets', {
      Targets: [Match.objectLike({ Arn: mnsJoin('/queues/', getAtt('Dead', 'QueueName'), '/message'), Level: '["WARN"]' })],
    });
  });

  test('a topic metric has the topic dimension', () => {
    const { stack, alerts, jobs } = ops(ENV);
    new sources.MetricAlarm(stack, 'A', { metric: alerts.metric('NumberOfPublishedMessages'), threshold: 1, contactGroups: ['ops'] }).notify(jobs);
    Template.fromStack(stack).hasResourceProperties('ALIYUN::CMS::ResourceMetricRule', {
      Resources: [Match.objectEquals({ userId: '123456789012', region: 'cn-hangzhou', topic: getAtt('Alerts', 'TopicName') })],
      Escalations: { Critical: Match.objectLike({ Statistics: 'Average' }) },
    });
  });

  test('two alarms in one stack each notify two channels: four targets with distinct ids', () => {
    const { stack, jobs, alerts } = ops();
    const other = new smq.Topic(stack, 'Pager');
    for (const id of ['A', 'B']) {
      const alarm = backlog(stack, jobs, id);
      alarm.notify(alerts);
      alarm.notify(other, [AlarmLevel.CRITICAL]);
    }
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::CMS::ResourceMetricRule', 2);
    const targets = Object.values(template.findResources('ALIYUN::CMS::MetricRuleTargets')) as any[];
    expect(targets).toHaveLength(4);
    expect(new Set(targets.map((t) => t.Properties.Targets[0].Id)).size).toBe(4);
  });

  test.each<[string, (s: ros.Stack, q: smq.Queue) => unknown, string | RegExp]>([
    ['no props', (s) => new sources.MetricAlarm(s, 'M', undefined as any), 'Ops/M: props must be given: { metric, threshold, contactGroups }, got undefined'],
    ['not a metric', (s) => new sources.MetricAlarm(s, 'M', { metric: {} as any, threshold: 1, contactGroups: ['g'] }),
      'Ops/M: metric must be a channel metric, such as queue.metricNumberOfMessagesVisible(), got {}'],
    ['no contact group', (s, q) => backlog(s, q, 'M', { contactGroups: [] }),
      'Ops/M: contactGroups must name at least one CloudMonitor contact group (ROS requires one), got []'],
    ['a NaN threshold', (s, q) => backlog(s, q, 'M', { threshold: NaN }), 'Ops/M: threshold must be a finite number, got NaN'],
    ['an infinite threshold', (s, q) => backlog(s, q, 'M', { threshold: Infinity }), 'Ops/M: threshold must be a finite number, got Infinity'],
    ['0 evaluation periods', (s, q) => backlog(s, q, 'M', { evaluationPeriods: 0 }), 'Ops/M: evaluationPeriods must be an integer between 1 and 100, got 0'],
    ['an operator symbol', (s, q) => backlog(s, q, 'M', { comparisonOperator: '>' as any }), /^Ops\/M: comparisonOperator must be one of "GreaterThanOrEqualToThreshold", .*got ">"$/],
    ['an unknown level', (s, q) => backlog(s, q, 'M', { level: 'FATAL' as any }), 'Ops/M: level must be one of "CRITICAL", "WARN", "INFO", got "FATAL"'],
    ['a silence of 30 seconds', (s, q) => backlog(s, q, 'M', { silenceTime: Duration.seconds(30) }), 'Ops/M: silenceTime must be an integer between 60 and 604800 seconds, got 30'],
    ['a rule name with a line break', (s, q) => backlog(s, q, 'M', { ruleName: 'a\nb' }), 'Ops/M: ruleName must contain only characters that are not control characters, got "a\\nb"'],
    ['a contact group twice', (s, q) => backlog(s, q, 'M', { contactGroups: ['ops', 'ops'] }), 'Ops/M: contactGroups[1] must differ from contactGroups[0]: name each group once, got "ops"'],
    ['a level token', (s, q) => backlog(s, q, 'M', { level: new ros.RosParameter(s, 'L', { type: ros.RosParameterType.STRING }).valueAsString as any }),
      'Ops/M: level must be a literal AlarmLevel, not a token: it decides what the construct makes at synth, got "<token>"'],
    ['a hand-written metric with a bad statistic', (s) => new sources.MetricAlarm(s, 'M', {
      metric: { namespace: 'acs_mns_new', metricName: 'X', dimensions: {}, statistic: 'Sum' as any }, threshold: 1, contactGroups: ['g'],
    }), 'Ops/M: metric.statistic must be one of "Average", "Maximum", "Minimum", got "Sum"'],
    ['a hand-written metric with a bad namespace', (s) => new sources.MetricAlarm(s, 'M', {
      metric: { namespace: 'bad ns', metricName: 'X', dimensions: {}, statistic: smq.Statistic.AVERAGE }, threshold: 1, contactGroups: ['g'],
    }), 'Ops/M: metric.namespace must contain only letters, digits, underscores and periods, got "bad ns"'],
    ['a hand-written metric with a period of 7 seconds', (s) => new sources.MetricAlarm(s, 'M', {
      metric: { namespace: 'acs_mns_new', metricName: 'X', dimensions: {}, statistic: smq.Statistic.AVERAGE, periodSeconds: 7 }, threshold: 1, contactGroups: ['g'],
    }), 'Ops/M: metric.periodSeconds must be an integer between 60 and 86400 seconds, got 7'],
    ['notify nothing', (s, q) => backlog(s, q, 'M').notify(undefined as any), /^Ops\/M: notify\(destination\) must be a queue or a topic/],
  ])('bad input: %s', (_name, make, message) => {
    const { stack, jobs } = ops();
    expectInvalid(() => make(stack, jobs), message);
  });
});

describe('AlarmNotification', () => {
  test('a rule id string, a rule made with @alicloud/ros-cdk-cms, levels, and a target id', () => {
    const { stack, jobs, alerts } = ops();
    const rule = new cms.ResourceMetricRule(stack, 'Cpu', {
      ruleId: 'cpu-high', ruleName: 'cpu-high', namespace: 'acs_ecs_dashboard', metricName: 'CPUUtilization', resources: [{ instanceId: 'i-1' }], contactGroups: ['ops'],
    });
    new sources.AlarmNotification(stack, 'ById', { ruleId: 'existing-rule', destination: jobs, levels: [AlarmLevel.CRITICAL], targetId: 'jobs' });
    new sources.AlarmNotification(stack, 'ByRule', { rule, destination: alerts });
    const template = Template.fromStack(stack);
    template.hasResource('ALIYUN::CMS::MetricRuleTargets', {
      Properties: Match.objectEquals({
        RuleId: 'existing-rule',
        Targets: [{ Id: 'jobs', Arn: mnsJoin('/queues/', getAtt('Jobs', 'QueueName'), '/message'), Level: '["CRITICAL"]' }],
      }),
    });
    template.hasResourceProperties('ALIYUN::CMS::MetricRuleTargets', { RuleId: getAtt('Cpu', 'RuleId') });
    expect(Object.keys(template.findResources('ALIYUN::CMS::MetricRuleTargets')).sort()).toEqual(['ById', 'ByRule']);
  });

  test('a channel of another region of the account is allowed (the ARN names its region); another account is an error', () => {
    const { stack } = ops(ENV);
    const beijing = smq.Topic.fromTopicArn(stack, 'Beijing', 'acs:mns:cn-beijing:123456789012:topics/pager');
    new sources.AlarmNotification(stack, 'Far', { ruleId: 'r-1', destination: beijing });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::CMS::MetricRuleTargets', {
      Targets: [Match.objectLike({ Arn: 'acs:mns:cn-beijing:123456789012:/topics/pager/message' })],
    });
    const foreign = smq.Topic.fromTopicArn(stack, 'Foreign', 'acs:mns:cn-hangzhou:999999999999:topics/x');
    expectInvalid(() => new sources.AlarmNotification(stack, 'X', { ruleId: 'r-1', destination: foreign }),
      'Ops/X: destination must be in the same account as the stack (123456789012), got "topic \'Ops/Foreign\' in account 999999999999"');
  });

  test('at most 5 targets on one rule, counted across stacks of one account', () => {
    const app = new ros.App();
    const a = new ros.Stack(app, 'A', { env: ENV });
    const b = new ros.Stack(app, 'B', { env: { ...ENV, region: 'cn-beijing' } });
    for (let i = 0; i < 3; i++) {
      new sources.AlarmNotification(a, `T${i}`, { ruleId: 'shared-rule', destination: new smq.Queue(a, `Q${i}`) });
    }
    new sources.AlarmNotification(b, 'T3', { ruleId: 'shared-rule', destination: new smq.Queue(b, 'Q3') });
    new sources.AlarmNotification(b, 'T4', { ruleId: 'shared-rule', destination: new smq.Queue(b, 'Q4') });
    new sources.AlarmNotification(b, 'Other', { ruleId: 'other-rule', destination: new smq.Queue(b, 'Q6') });
    expectInvalid(() => new sources.AlarmNotification(b, 'T5', { ruleId: 'shared-rule', destination: new smq.Queue(b, 'Q5') }),
      'B/T5: ruleId must have at most 5 targets (CloudMonitor\'s limit); this would be target number 6, got "shared-rule"');
  });

  test('tokens pass: rule id, target id and an imported queue name', () => {
    const { stack } = ops();
    const id = new ros.RosParameter(stack, 'RuleId', { type: ros.RosParameterType.STRING });
    new sources.AlarmNotification(stack, 'N', { ruleId: id.valueAsString, targetId: id.valueAsString, destination: smq.Queue.fromQueueName(stack, 'Q', id.valueAsString) });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::CMS::MetricRuleTargets', { RuleId: { Ref: 'RuleId' }, Targets: [Match.objectLike({ Id: { Ref: 'RuleId' } })] });
  });

  test.each<[string, (s: ros.Stack, q: smq.Queue) => unknown, string | RegExp]>([
    ['no props', (s) => new sources.AlarmNotification(s, 'N', undefined as any), 'Ops/N: props must be given: { rule or ruleId, destination }, got undefined'],
    ['empty levels', (s, q) => new sources.AlarmNotification(s, 'N', { ruleId: 'r', destination: q, levels: [] }), 'Ops/N: levels must name at least one level (leave it out for all), got []'],
    ['an unknown level', (s, q) => new sources.AlarmNotification(s, 'N', { ruleId: 'r', destination: q, levels: ['FATAL' as any] }),
      'Ops/N: levels[0] must be one of "CRITICAL", "WARN", "INFO", got "FATAL"'],
    ['a lower-case level', (s, q) => new sources.AlarmNotification(s, 'N', { ruleId: 'r', destination: q, levels: ['critical' as any] }),
      'Ops/N: levels[0] must be one of "CRITICAL", "WARN", "INFO", got "critical"'],
    ['both rule and ruleId', (s, q) => new sources.AlarmNotification(s, 'N', { ruleId: 'r', rule: backlog(s, q, 'M'), destination: q }),
      'Ops/N: rule or ruleId must be given, and only one of them, got "{ rule, ruleId }"'],
    ['neither rule nor ruleId', (s, q) => new sources.AlarmNotification(s, 'N', { destination: q }), 'Ops/N: rule or ruleId must be given, and only one of them, got undefined'],
    ['a queue as rule', (s, q) => new sources.AlarmNotification(s, 'N', { rule: q as any, destination: q }),
      'Ops/N: rule must be a CloudMonitor metric rule (cms.ResourceMetricRule, cms.GroupMetricRule or sources.MetricAlarm), got Ops/Jobs'],
    ['an empty rule id', (s, q) => new sources.AlarmNotification(s, 'N', { ruleId: '', destination: q }), /^Ops\/N: ruleId must be between 1 and 128 characters long/],
    ['a target id with a space', (s, q) => new sources.AlarmNotification(s, 'N', { ruleId: 'r', destination: q, targetId: 'a b' }),
      'Ops/N: targetId must contain only letters, digits, underscores and hyphens, got "a b"'],
    ['no destination', (s) => new sources.AlarmNotification(s, 'N', { ruleId: 'r', destination: undefined as any }), /^Ops\/N: destination must be a queue or a topic/],
  ])('bad input: %s', (_name, make, message) => {
    const { stack, jobs } = ops();
    expectInvalid(() => make(stack, jobs), message);
  });
});

describe('CmsEventNotification', () => {
  test('renders the event rule and its targets with MnsParameters, the targets after the rule', () => {
    const { stack, jobs } = ops();
    new sources.CmsEventNotification(stack, 'EcsEvents', {
      pattern: { product: 'ECS', eventTypes: ['StatusNotification'], levels: [AlarmLevel.CRITICAL, AlarmLevel.WARN], names: ['Instance:StateChange'], keywords: ['Stopped'], sqlFilter: "status = 'Stopped'" },
      destination: jobs,
      description: 'ECS state changes',
      silenceTime: Duration.minutes(10),
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.hasResource('ALIYUN::CMS::EventRule', {
      Properties: Match.objectEquals({
        RuleName: 'Ops-EcsEvents',
        EventType: 'SYSTEM',
        Description: 'ECS state changes',
        SilenceTime: 600,
        EventPattern: [{
          Product: 'ECS',
          EventTypeList: ['StatusNotification'],
          LevelList: ['CRITICAL', 'WARN'],
          NameList: ['Instance:StateChange'],
          KeywordFilter: { Keywords: ['Stopped'], Relation: 'OR' },
          SQLFilter: "status = 'Stopped'",
        }],
      }),
    });
    template.hasResource('ALIYUN::CMS::EventRuleTargets', {
      Properties: Match.objectEquals({
        RuleName: 'Ops-EcsEvents',
        MnsParameters: [{ Id: Match.stringLikeRegexp('^Smq[0-9a-f]{8}$'), Region: { Ref: 'ALIYUN::Region' }, Queue: getAtt('Jobs', 'QueueName') }],
      }),
      DependsOn: ['EcsEvents'],
    });
    expect(Object.keys(template.findResources('ALIYUN::CMS::EventRuleTargets'))).toEqual(['EcsEventsTargets']);
    expect(infos(stack)).toEqual([expect.stringMatching(/^Ops\/EcsEvents: CloudMonitor writes to SMQ with the account's AliyunCloudMonitorDefaultRole/)]);
  });

  test('a topic, a disabled rule, two rules in one stack, an imported topic of another region', () => {
    const { stack, alerts } = ops(ENV);
    const beijing = smq.Topic.fromTopicArn(stack, 'Beijing', 'acs:mns:cn-beijing:123456789012:topics/pager');
    new sources.CmsEventNotification(stack, 'A', { pattern: { product: 'ECS' }, destination: alerts, enabled: false, ruleName: 'ecs-all' });
    new sources.CmsEventNotification(stack, 'B', { pattern: { product: 'RDS' }, destination: beijing });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('ALIYUN::CMS::EventRule', { RuleName: 'ecs-all', State: 'DISABLED', EventPattern: [Match.objectEquals({ Product: 'ECS' })] });
    template.hasResourceProperties('ALIYUN::CMS::EventRuleTargets', {
      RuleName: 'ecs-all', MnsParameters: [Match.objectEquals({ Id: Match.anyValue(), Region: 'cn-hangzhou', Topic: getAtt('Alerts', 'TopicName') })],
    });
    template.hasResourceProperties('ALIYUN::CMS::EventRuleTargets', { MnsParameters: [Match.objectLike({ Region: 'cn-beijing', Topic: 'pager' })] });
    expect(Object.keys(template.findResources('ALIYUN::CMS::EventRule')).sort()).toEqual(['A', 'B']);
  });

  test('a channel of another account is an error', () => {
    const { stack } = ops(ENV);
    const foreign = smq.Queue.fromQueueArn(stack, 'Foreign', 'acs:mns:cn-hangzhou:999999999999:queues/x');
    expectInvalid(() => new sources.CmsEventNotification(stack, 'N', { pattern: { product: 'ECS' }, destination: foreign }),
      'Ops/N: destination must be in the same account as the stack (123456789012), got "queue \'Ops/Foreign\' in account 999999999999"');
  });

  test('tokens pass in the pattern and the name', () => {
    const { stack, jobs } = ops();
    const p = new ros.RosParameter(stack, 'Product', { type: ros.RosParameterType.STRING });
    new sources.CmsEventNotification(stack, 'N', { pattern: { product: p.valueAsString, names: [p.valueAsString] }, ruleName: p.valueAsString, destination: jobs });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::CMS::EventRule', { RuleName: { Ref: 'Product' }, EventPattern: [Match.objectLike({ Product: { Ref: 'Product' } })] });
  });

  test.each<[string, (s: ros.Stack, q: smq.Queue) => unknown, string | RegExp]>([
    ['no props', (s) => new sources.CmsEventNotification(s, 'N', undefined as any), 'Ops/N: props must be given: { pattern, destination }, got undefined'],
    ['no pattern', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: undefined as any, destination: q }), 'Ops/N: pattern must be given: { product, ... }, got undefined'],
    ['no product', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: {} as any, destination: q }),
      'Ops/N: pattern.product is required: the product whose events match, such as "ECS", got undefined'],
    ['an empty product', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: '' }, destination: q }),
      'Ops/N: pattern.product is required: the product whose events match, such as "ECS", got ""'],
    ['empty event types', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS', eventTypes: [] }, destination: q }),
      'Ops/N: pattern.eventTypes must list 1 to 50 values when given (leave it out for any), got []'],
    ['51 names', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS', names: Array.from({ length: 51 }, (_, i) => `n${i}`) }, destination: q }),
      /^Ops\/N: pattern.names must list 1 to 50 values when given \(leave it out for any\), got \["n0"/],
    ['enabled as a token', (s, q) => new sources.CmsEventNotification(s, 'N', {
      pattern: { product: 'ECS' }, destination: q, enabled: ros.Token.asAny(new ros.RosParameter(s, 'E', { type: ros.RosParameterType.BOOLEAN }).value) as any,
    }), /^Ops\/N: enabled must be a literal true or false, not a token/],
    ['a levels token on a notification', (s, q) => new sources.AlarmNotification(s, 'N', {
      ruleId: 'r', destination: q, levels: new ros.RosParameter(s, 'L', { type: ros.RosParameterType.COMMA_DELIMITED_LIST }).valueAsList as any,
    }), /^Ops\/N: levels must be a literal list of levels, not a token/],
    ['empty levels', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS', levels: [] }, destination: q }),
      'Ops/N: pattern.levels must name at least one level (leave it out for all), got []'],
    ['an unknown level', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS', levels: ['LOW' as any] }, destination: q }),
      'Ops/N: pattern.levels[0] must be one of "CRITICAL", "WARN", "INFO", got "LOW"'],
    ['an empty keyword', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS', keywords: [''] }, destination: q }),
      /^Ops\/N: pattern.keywords\[0\] must be between 1 and 128 characters long/],
    ['a silence of 30 seconds', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS' }, destination: q, silenceTime: Duration.seconds(30) }),
      'Ops/N: silenceTime must be an integer between 60 and 604800 seconds, got 30'],
    ['a rule name with a line break', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS' }, destination: q, ruleName: 'a\nb' }),
      'Ops/N: ruleName must contain only characters that are not control characters, got "a\\nb"'],
  ])('bad input: %s', (_name, make, message) => {
    const { stack, jobs } = ops();
    expectInvalid(() => make(stack, jobs), message);
  });
});

test('the 5-target limit counts a rule of this app once, whichever stacks notify it', () => {
  const app = new ros.App();
  const monitoring = new ros.Stack(app, 'Monitoring');
  const queues = new ros.Stack(app, 'Queues');
  const teams = new ros.Stack(app, 'Teams');
  const alarm = backlog(monitoring, new smq.Queue(queues, 'Jobs'));
  for (let i = 0; i < 3; i++) {
    alarm.notify(new smq.Topic(monitoring, `Own${i}`));
  }
  new sources.AlarmNotification(teams, 'A', { rule: alarm, destination: new smq.Topic(teams, 'A1') });
  new sources.AlarmNotification(teams, 'B', { rule: alarm, destination: new smq.Topic(teams, 'B1') });
  expectInvalid(() => new sources.AlarmNotification(teams, 'C', { rule: alarm, destination: new smq.Topic(teams, 'C1') }),
    'Teams/C: rule must have at most 5 targets (CloudMonitor\'s limit); this would be target number 6, got "Monitoring/Backlog"');
});

describe('duplicates and mismatches', () => {
  test('one target id or one channel twice on one rule', () => {
    const { stack, jobs, alerts } = ops();
    new sources.AlarmNotification(stack, 'A', { ruleId: 'r', destination: jobs, targetId: 'x' });
    expectInvalid(() => new sources.AlarmNotification(stack, 'B', { ruleId: 'r', destination: alerts, targetId: 'x' }),
      'Ops/B: targetId must be unique on the rule, but \'Ops/A\' already adds a target with this id to it, got "x"');
    expectInvalid(() => new sources.AlarmNotification(stack, 'C', { ruleId: 'r', destination: jobs }),
      /^Ops\/C: destination must be another channel than the ones the rule already writes to: 'Ops\/A' already writes its alerts there, got "acs:mns:<token>:<token>:\/queues\/<token>\/message"$/);
    const alarm = backlog(stack, jobs, 'M');
    alarm.notify(alerts);
    expectInvalid(() => alarm.notify(alerts), 'Ops/M: notify(destination) must be a channel this alarm does not notify yet: it would get every alert twice, got "Ops/Alerts"');
  });

  test('rule ids of two accounts are two rules', () => {
    const app = new ros.App();
    for (const account of ['111111111111', '222222222222']) {
      const stack = new ros.Stack(app, `S${account}`, { env: { region: 'cn-hangzhou', account } });
      for (let i = 0; i < 5; i++) {
        new sources.AlarmNotification(stack, `A${i}`, { ruleId: 'shared', destination: new smq.Queue(stack, `Q${i}`) });
      }
    }
  });

  test('notify levels that leave out the alarm\'s own level write nothing: an error', () => {
    const { stack, jobs, alerts } = ops();
    const alarm = backlog(stack, jobs, 'M', { level: AlarmLevel.WARN });
    expect(alarm.level).toBe(AlarmLevel.WARN);
    expectInvalid(() => alarm.notify(alerts, [AlarmLevel.CRITICAL]),
      'Ops/M: notify(levels) must include the alarm\'s level (WARN): the alarm raises no other, so nothing would be written, got ["CRITICAL"]');
    alarm.notify(alerts, [AlarmLevel.WARN]);
  });

  test('an alarm on a channel of another account is an error', () => {
    const { stack } = ops(ENV);
    const foreign = smq.Queue.fromQueueArn(stack, 'Foreign', 'acs:mns:cn-hangzhou:999999999999:queues/x');
    expectInvalid(() => backlog(stack, foreign as smq.Queue, 'M'),
      'Ops/M: metric must be in the same account as the stack (123456789012), got "the metric\'s channel in account 999999999999"');
    backlog(stack, smq.Queue.fromQueueArn(stack, 'Beijing', 'acs:mns:cn-beijing:123456789012:queues/x') as smq.Queue, 'Far');
  });

  test('one CloudMonitor event rule name twice in an account', () => {
    const app = new ros.App();
    const a = new ros.Stack(app, 'A', { env: ENV });
    const q = new smq.Queue(a, 'Q');
    new sources.CmsEventNotification(a, 'E1', { pattern: { product: 'ECS' }, destination: q, ruleName: 'ecs' });
    expectInvalid(() => new sources.CmsEventNotification(a, 'E2', { pattern: { product: 'RDS' }, destination: q, ruleName: 'ecs' }),
      'A/E2: ruleName must be unique in the stack, but \'A/E1\' already has this CloudMonitor event rule name, got "ecs"');
    const beijing = new ros.Stack(app, 'Beijing', { env: { ...ENV, region: 'cn-beijing' } });
    expectInvalid(() => new sources.CmsEventNotification(beijing, 'E', { pattern: { product: 'ECS' }, destination: new smq.Queue(beijing, 'Q'), ruleName: 'ecs' }),
      /^Beijing\/E: ruleName must be unique in account 123456789012, but 'A\/E1' in stack 'A' already has this CloudMonitor event rule name/);
  });

  test.each<[string, (s: ros.Stack, q: smq.Queue) => unknown, string | RegExp]>([
    ['an undefined level', (s, q) => new sources.AlarmNotification(s, 'N', { ruleId: 'r', destination: q, levels: [undefined as any] }),
      'Ops/N: levels[0] must be one of "CRITICAL", "WARN", "INFO", got undefined'],
    ['an undefined pattern level', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS', levels: [undefined as any] }, destination: q }),
      'Ops/N: pattern.levels[0] must be one of "CRITICAL", "WARN", "INFO", got undefined'],
    ['a rule whose id is a number', (s, q) => new sources.AlarmNotification(s, 'N', { rule: { attrRuleId: 5, node: s.node } as any, destination: q }),
      /^Ops\/N: rule must be a CloudMonitor metric rule/],
    ['enabled as a string', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS' }, destination: q, enabled: 'no' as any }),
      'Ops/N: enabled must be true or false, got "no"'],
    ['a description that is a number', (s, q) => new sources.CmsEventNotification(s, 'N', { pattern: { product: 'ECS' }, destination: q, description: 5 as any }),
      'Ops/N: description must be a string, got 5'],
    ['a metric without a namespace', (s) => new sources.MetricAlarm(s, 'M', { metric: { metricName: 'X', dimensions: {} } as any, threshold: 1, contactGroups: ['g'] }),
      /^Ops\/M: metric must be a channel metric/],
    ['metric options that are not an object', (_s, q) => q.metric('X', 5 as any), 'Ops/Jobs: options must be an object such as { statistic, period }, got 5'],
  ])('bad input: %s', (_name, make, message) => {
    const { stack, jobs } = ops();
    expectInvalid(() => make(stack, jobs), message);
  });
});

test('rule ids in stacks whose account is decided at deploy time: a warning past 5 targets, an error within one stack', () => {
  const app = new ros.App();
  const a = new ros.Stack(app, 'A');
  const b = new ros.Stack(app, 'B');
  for (let i = 0; i < 3; i++) {
    new sources.AlarmNotification(a, `T${i}`, { ruleId: 'r', destination: new smq.Queue(a, `Q${i}`) });
    new sources.AlarmNotification(b, `T${i}`, { ruleId: 'r', destination: new smq.Queue(b, `Q${i}`) });
  }
  expect(warnings(b)).toEqual([expect.stringMatching(/^B\/T2: ruleId: "r" must have at most 5 targets \(CloudMonitor's limit\); this would be target number 6 if the stacks that name this rule id are deployed to one account/)]);
  expect(warnings(a)).toEqual([]);
  new sources.AlarmNotification(a, 'T3', { ruleId: 'r', destination: new smq.Queue(a, 'Q3') });
  new sources.AlarmNotification(a, 'T4', { ruleId: 'r', destination: new smq.Queue(a, 'Q4') });
  expectInvalid(() => new sources.AlarmNotification(a, 'T5', { ruleId: 'r', destination: new smq.Queue(a, 'Q5') }),
    'A/T5: ruleId must have at most 5 targets (CloudMonitor\'s limit); this would be target number 6, got "r"');
});

test('a CloudMonitor rule name may hold spaces and Chinese characters; the event pattern allows a token list of levels', () => {
  const { stack, jobs } = ops();
  backlog(stack, jobs, 'M', { ruleName: '队列积压 告警' });
  new sources.CmsEventNotification(stack, 'E', {
    pattern: { product: 'ECS', levels: new ros.RosParameter(stack, 'L', { type: ros.RosParameterType.COMMA_DELIMITED_LIST }).valueAsList as any },
    destination: jobs, ruleName: 'ECS 事件', description: 'line one\nline two',
  });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('ALIYUN::CMS::ResourceMetricRule', { RuleName: '队列积压 告警' });
  template.hasResourceProperties('ALIYUN::CMS::EventRule', { RuleName: 'ECS 事件', EventPattern: [Match.objectLike({ LevelList: { Ref: 'L' } })] });
});

test('the alarm keeps its own copy of the metric dimensions and contact groups', () => {
  const { stack, jobs } = ops();
  const metric = jobs.metricNumberOfMessagesVisible();
  const groups = ['ops'];
  new sources.MetricAlarm(stack, 'M', { metric, threshold: 1, contactGroups: groups });
  (metric.dimensions as any).userId = '999';
  groups.length = 0;
  const rule = Template.fromStack(stack).toJSON().Resources.M.Properties;
  expect(rule.Resources[0].userId).toEqual({ Ref: 'ALIYUN::TenantId' });
  expect(rule.ContactGroups).toEqual(['ops']);
});

test('the note about AliyunCloudMonitorDefaultRole is said once per stack', () => {
  const { stack, jobs, alerts } = ops();
  backlog(stack, jobs, 'A').notify(alerts);
  backlog(stack, jobs, 'B').notify(alerts);
  new sources.CmsEventNotification(stack, 'E', { pattern: { product: 'ECS' }, destination: jobs });
  expect(infos(stack)).toEqual([expect.stringMatching(/^Ops\/A\/NotifyAlerts[0-9a-f]{8}: CloudMonitor writes to SMQ with the account's AliyunCloudMonitorDefaultRole/)]);
  const other = ops();
  new sources.CmsEventNotification(other.stack, 'E', { pattern: { product: 'ECS' }, destination: other.jobs });
  expect(infos(other.stack)).toHaveLength(1);
});
