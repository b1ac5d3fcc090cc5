import * as ros from '@alicloud/ros-cdk-core';
import * as eventbridge from '@alicloud/ros-cdk-eventbridge';
import { smq, ValidationError } from '../../lib';
import { stackAccount, stackRegion } from '../../lib/core/state';

const f = smq.Identifiers;
const { ChannelKind } = smq;
type ChannelAddress = smq.ChannelAddress;

/** Each format against the example string its documentation gives (sources in shared/research/formats-verified.md). */
const queue = (name: string, region = 'cn-hangzhou', account = '123456789098'): ChannelAddress => ({ kind: ChannelKind.QUEUE, name, region, account });
const topic = (name: string, region = 'cn-hangzhou', account = '123456789098'): ChannelAddress => ({ kind: ChannelKind.TOPIC, name, region, account });

describe('identifier formats', () => {
  test('RAM policy resources: leading slash; message actions on /messages (SendMessage API page)', () => {
    expect(f.ramArn(queue('MySampleQueue'))).toBe('acs:mns:cn-hangzhou:123456789098:/queues/MySampleQueue');
    expect(f.ramArn(topic('events'))).toBe('acs:mns:cn-hangzhou:123456789098:/topics/events');
    expect(f.ramMessagesArn(queue('q1'))).toBe('acs:mns:cn-hangzhou:123456789098:/queues/q1/messages');
    expect(f.ramMessagesArn(topic('t1'))).toBe('acs:mns:cn-hangzhou:123456789098:/topics/t1/messages');
  });

  test('topic subscription endpoint for a queue: no slash (ROS ALIYUN::MNS::Subscription reference)', () => {
    expect(f.subscriptionQueueEndpoint(queue('myqueue'))).toBe('acs:mns:cn-hangzhou:123456789098:queues/myqueue');
    expect(() => f.subscriptionQueueEndpoint(topic('t'))).toThrow(new ValidationError('', 'address', 'the topic t', 'must be a queue for a subscription endpoint'));
    expect(() => f.subscriptionQueueEndpoint(topic('t'))).toThrow('address must be a queue for a subscription endpoint, got "the topic t"');
  });

  test('CloudMonitor metric rule target: /message singular (ROS MetricRuleTargets example acs:mns:cn-hangzhou:111:/queues/test/message)', () => {
    expect(f.cmsMetricTargetArn(queue('test', 'cn-hangzhou', '111'))).toBe('acs:mns:cn-hangzhou:111:/queues/test/message');
    expect(f.cmsMetricTargetArn(topic('test', 'cn-hangzhou', '111'))).toBe('acs:mns:cn-hangzhou:111:/topics/test/message');
  });

  test('CloudMonitor event rule target: names, not ARNs', () => {
    expect(f.cmsEventTarget(queue('my-queue'))).toEqual({ region: 'cn-hangzhou', queue: 'my-queue' });
    expect(f.cmsEventTarget(topic('my-topic'))).toEqual({ region: 'cn-hangzhou', topic: 'my-topic' });
  });

  test('Auto Scaling NotificationArn: acs:ess, singular, no slash (ROS ALIYUN::ESS::LifecycleHook reference)', () => {
    expect(f.essNotificationArn(queue('asg-hooks'))).toBe('acs:ess:cn-hangzhou:123456789098:queue/asg-hooks');
    expect(f.essNotificationArn(topic('asg-events'))).toBe('acs:ess:cn-hangzhou:123456789098:topic/asg-events');
  });

  test('FC mns_topic trigger SourceArn (terraform fc_trigger example)', () => {
    expect(f.fcTopicTriggerSourceArn(topic('my-topic'))).toBe('acs:mns:cn-hangzhou:123456789098:/topics/my-topic');
    expect(() => f.fcTopicTriggerSourceArn(queue('q'))).toThrow('address must be a topic for an FC topic trigger source, got "the queue q"');
  });

  test('FC async destination: /messages plural (terraform fc_function_async_invoke_config)', () => {
    expect(f.fcAsyncDestinationArn(queue('dlq'))).toBe('acs:mns:cn-hangzhou:123456789098:/queues/dlq/messages');
    expect(f.fcAsyncDestinationArn(topic('done'))).toBe('acs:mns:cn-hangzhou:123456789098:/topics/done/messages');
  });

  test('EventBridge queue target endpoint without slash, dead-letter ARN with it (event target parameters page)', () => {
    expect(f.eventBridgeQueueEndpoint(queue('myqueue'))).toBe('acs:mns:cn-hangzhou:123456789098:queues/myqueue');
    expect(f.eventBridgeDeadLetterArn(queue('rule-deadletterqueue'))).toBe('acs:mns:cn-hangzhou:123456789098:/queues/rule-deadletterqueue');
    expect(() => f.eventBridgeQueueEndpoint(topic('t'))).toThrow(/must be a queue/);
  });

  test('EventBridge event streams: dead-letter ARN with the slash; the stream ARN as CreateEventStreaming answers it', () => {
    expect(f.eventStreamDeadLetterArn(queue('rule-deadletterqueue'))).toBe('acs:mns:cn-hangzhou:123456789098:/queues/rule-deadletterqueue');
    expect(() => f.eventStreamDeadLetterArn(topic('t'))).toThrow('address must be a queue for an EventBridge event stream dead-letter queue, got "the topic t"');
    // the API reference's example: acs:eventbridge:cn-hangzhou:164901546557****:eventstreaming/myeventstreaming
    expect(f.eventStreamingArn('cn-hangzhou', '164901546557', 'myeventstreaming')).toBe('acs:eventbridge:cn-hangzhou:164901546557:eventstreaming/myeventstreaming');
    expect(() => f.eventStreamingArn('cn-hangzhou', '', 'x')).toThrow('account must be a non-empty string, got ""');
    expect(() => f.eventStreamingArn('cn-hangzhou', '1', undefined as any)).toThrow('name must be a non-empty string, got undefined');
    // tokens are kept, for the template to render
    const stack = new ros.Stack(new ros.App(), 'S');
    const arn = f.eventStreamingArn(stackRegion(stack), stackAccount(stack), 'jobs');
    expect(stack.resolve(arn)).toEqual({ 'Fn::Join': ['', ['acs:eventbridge:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, ':eventstreaming/jobs']] });
  });

  test('EventBridge acs.mns.queue target: type, endpoint and ParamList keys as terraform\'s tested example sends them', () => {
    expect(f.eventBridgeQueueTarget(queue('tf-test'))).toEqual({
      type: 'acs.mns.queue',
      endpoint: 'acs:mns:cn-hangzhou:123456789098:queues/tf-test',
      paramList: [
        { resourceKey: 'queue', form: 'CONSTANT', value: 'tf-test' },
        { resourceKey: 'Body', form: 'ORIGINAL', value: '' },
        { resourceKey: 'IsBase64Encode', form: 'CONSTANT', value: 'false' },
      ],
    });
    const target = f.eventBridgeQueueTarget(queue('q'), { resourceKey: 'Body', form: 'JSONPATH', value: '$.data.name' }, true);
    expect(target.paramList[1]).toEqual({ resourceKey: 'Body', form: 'JSONPATH', value: '$.data.name' });
    expect(target.paramList[2]).toEqual({ resourceKey: 'IsBase64Encode', form: 'CONSTANT', value: 'true' });
    expect(() => f.eventBridgeQueueTarget(topic('t'))).toThrow(/must be a queue/);
  });

  test('the queue target goes through the real ALIYUN::EventBridge::Rule L1 (every ParamList entry has a Value)', () => {
    const app = new ros.App();
    const stack = new ros.Stack(app, 'S');
    const target = f.eventBridgeQueueTarget(queue('tf-test'));
    new eventbridge.RosRule(stack, 'Rule', {
      ruleName: 'r',
      eventBusName: 'default',
      filterPattern: { source: ['acs.oss'] },
      targets: [{ identity: 't1', type: target.type, endpoint: target.endpoint, paramList: target.paramList }],
    }, true);
    const rendered = app.synth().getStackByName('S').template.Resources.Rule.Properties.Targets[0];
    expect(rendered.ParamList).toEqual([
      { ResourceKey: 'queue', Form: 'CONSTANT', Value: 'tf-test' },
      { ResourceKey: 'Body', Form: 'ORIGINAL', Value: '' },
      { ResourceKey: 'IsBase64Encode', Form: 'CONSTANT', Value: 'false' },
    ]);
  });

  test('RAM collection and subscription resources', () => {
    expect(f.ramCollectionArn(queue('q'))).toBe('acs:mns:cn-hangzhou:123456789098:/queues');
    expect(f.ramCollectionArn(topic('t'))).toBe('acs:mns:cn-hangzhou:123456789098:/topics');
    expect(f.ramSubscriptionsArn(topic('t'), true)).toBe('acs:mns:cn-hangzhou:123456789098:/topics/t/subscriptions/*');
    expect(f.ramSubscriptionsArn(topic('t'), false)).toBe('acs:mns:cn-hangzhou:123456789098:/topics/t/subscriptions');
    expect(() => f.ramSubscriptionsArn(queue('q'), true)).toThrow(/must be a topic/);
    expect(f.plural(ChannelKind.QUEUE)).toBe('queues');
  });

  test('IoT MNS rule action configuration: the keys, nesting and order of Alibaba\'s sample resources/iot/rule.yml (aliyun/ros-templates)', () => {
    const app = new ros.App();
    const stack = new ros.Stack(app, 'S');
    const text = f.iotMnsActionConfiguration(stack, topic('iot-events'), 'acs:ram::123456789098:role/aliyuniotaccessingmnsrole', 'AliyunIOTAccessingMNSRole');
    // the sample's Fn::Sub text with its parameters filled in, whitespace removed
    expect(stack.resolve(text)).toBe('{"themeName":"iot-events","regionName":"cn-hangzhou",'
      + '"role":{"roleArn":"acs:ram::123456789098:role/aliyuniotaccessingmnsrole","roleName":"AliyunIOTAccessingMNSRole"}}');
    expect(() => f.iotMnsActionConfiguration(stack, queue('q'), 'a', 'b')).toThrow('address must be a topic for an IoT MNS rule action');
    expect(() => f.iotMnsActionConfiguration(stack, topic('t'), '', 'b')).toThrow('roleArn must name the role IoT Platform publishes with, got ""');
    expect(() => f.iotMnsActionConfiguration(stack, topic('t'), 'a', undefined as any)).toThrow('roleName must name the role IoT Platform publishes with, got undefined');
    expect(() => f.iotMnsActionConfiguration({} as any, topic('t'), 'a', 'b')).toThrow('scope must be a construct in the stack that renders the configuration');
  });

  test('IoT MNS rule action configuration with tokens: the stack\'s region and the role\'s attributes render inside the JSON text', () => {
    const app = new ros.App();
    const stack = new ros.Stack(app, 'S');
    const address = { kind: ChannelKind.TOPIC, name: 'iot-events', region: stackRegion(stack), account: stackAccount(stack) };
    const arn = ros.Token.asString(ros.Fn.getAtt('Role', 'Arn'));
    const rendered = stack.resolve(f.iotMnsActionConfiguration(stack, address, arn, 'my-role'));
    const evaluate = (v: any): string => typeof v === 'string' ? v
      : v['Fn::Join'] ? v['Fn::Join'][1].map(evaluate).join(v['Fn::Join'][0])
        : v.Ref === 'ALIYUN::Region' ? 'cn-shanghai' : v['Fn::GetAtt'] ? 'acs:ram::1:role/my-role' : JSON.stringify(v);
    expect(JSON.parse(evaluate(rendered))).toEqual({
      themeName: 'iot-events', regionName: 'cn-shanghai', role: { roleArn: 'acs:ram::1:role/my-role', roleName: 'my-role' },
    });
  });

  test('queue and topic URLs (SMQ endpoint concepts)', () => {
    expect(f.channelUrl(queue('q1'))).toBe('http://123456789098.mns.cn-hangzhou.aliyuncs.com/queues/q1');
    expect(f.channelUrl(topic('t1'))).toBe('http://123456789098.mns.cn-hangzhou.aliyuncs.com/topics/t1');
  });

  test('parseChannelArn reads both slash forms and rejects the rest', () => {
    expect(f.parseChannelArn(ChannelKind.QUEUE, 'acs:mns:cn-hangzhou:123456789098:/queues/jobs'))
      .toEqual({ region: 'cn-hangzhou', account: '123456789098', name: 'jobs' });
    expect(f.parseChannelArn(ChannelKind.QUEUE, 'acs:mns:cn-hangzhou:123456789098:queues/jobs'))
      .toEqual({ region: 'cn-hangzhou', account: '123456789098', name: 'jobs' });
    expect(f.parseChannelArn(ChannelKind.TOPIC, 'acs:mns:ap-southeast-1:1:/topics/t-1')).toEqual({ region: 'ap-southeast-1', account: '1', name: 't-1' });
    for (const bad of ['acs:mns:cn-hangzhou:123:/topics/jobs', 'acs:mns:cn-hangzhou:*:/queues/jobs', 'acs:mns:cn-hangzhou:123:/queues/jobs/messages',
      'acs:ess:cn-hangzhou:123:queue/jobs', 'jobs', 'acs:mns:cn-hangzhou:123:/queues/-bad', 'acs:mns:*:123:/queues/jobs',
      'acs:mns:cn-hangzhou:123****:/queues/jobs', 'acs:mns:Hangzhou:123:/queues/jobs', 'acs:mns:cn-hangzhou::/queues/jobs']) {
      expect(f.parseChannelArn(ChannelKind.QUEUE, bad)).toBeUndefined();
    }
    // CreateTopic allows a digit first; queue names are at most 120 characters
    expect(f.parseChannelArn(ChannelKind.TOPIC, 'acs:mns:cn-hangzhou:123:/topics/1starts-with-digit')).toEqual({ region: 'cn-hangzhou', account: '123', name: '1starts-with-digit' });
    expect(f.parseChannelArn(ChannelKind.QUEUE, `acs:mns:cn-hangzhou:123:/queues/${'q'.repeat(121)}`)).toBeUndefined();
    expect(f.parseChannelArn(ChannelKind.TOPIC, 'acs:mns:cn-hangzhou:123:/topics/-t')).toBeUndefined();
  });

  test('region and account come from the stack: TenantId, never AccountId, when the stack has no literal env', () => {
    const app = new ros.App();
    const plain = new ros.Stack(app, 'Plain');
    const q = new smq.Queue(plain, 'Q');
    expect(plain.resolve(q.queueArn)).toEqual({ 'Fn::Join': ['', ['acs:mns:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, ':/queues/', { 'Fn::GetAtt': ['Q', 'QueueName'] }]] });
    expect(plain.resolve(stackRegion(plain))).toEqual({ Ref: 'ALIYUN::Region' });
    expect(plain.resolve(stackAccount(plain))).toEqual({ Ref: 'ALIYUN::TenantId' });
    const pinned = new ros.Stack(app, 'Pinned', { env: { region: 'cn-beijing', account: '42' } });
    expect(new smq.Queue(pinned, 'Q', { queueName: 'q' }).channelAddress).toEqual({ kind: ChannelKind.QUEUE, name: expect.any(String), region: 'cn-beijing', account: '42' });
  });
});
