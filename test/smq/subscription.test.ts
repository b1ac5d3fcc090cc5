import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { smq } from '../../lib';
import { getAtt, newStack } from '../util';

describe('Subscription', () => {
  test('renders the topic by GetAtt, a generated name and the given settings', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const dlq = new smq.Queue(stack, 'Dead');
    const sub = new smq.Subscription(stack, 'Hook', {
      topic,
      endpoint: 'https://example.com/hook',
      pushType: smq.PushType.HTTP,
      filterTag: 'vip',
      notifyStrategy: smq.NotifyStrategy.BACKOFF_RETRY,
      contentFormat: smq.NotifyContentFormat.JSON,
      deadLetterQueue: dlq,
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.hasResource('ALIYUN::MNS::Subscription', {
      Properties: Match.objectEquals({
        TopicName: getAtt('Orders', 'TopicName'),
        SubscriptionName: 'Shop-Hook',
        Endpoint: 'https://example.com/hook',
        PushType: 'http',
        FilterTag: 'vip',
        NotifyStrategy: 'BACKOFF_RETRY',
        NotifyContentFormat: 'JSON',
        DlqPolicy: { DeadLetterTargetQueue: getAtt('Dead', 'QueueName'), Enabled: true },
      }),
    });
    expect(stack.resolve(sub.subscriptionName)).toEqual(getAtt('Hook', 'SubscriptionName'));
    expect(stack.resolve(sub.subscriptionUrl)).toEqual(getAtt('Hook', 'SubscriptionUrl'));
  });

  test('bad input', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const base = { topic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP };
    expect(() => new smq.Subscription(stack, 'A', { ...base, filterTag: 'x'.repeat(17) }))
      .toThrow('Shop/A: filterTag must be at most 16 characters long (length 17), got "xxxxxxxxxxxxxxxxx"');
    expect(() => new smq.Subscription(stack, 'B', { ...base, subscriptionName: '_sub' }))
      .toThrow('Shop/B: subscriptionName must contain only letters, digits and hyphens and start with a letter, got "_sub"');
    const far = smq.Queue.fromQueueName(stack, 'Far', 'far', { region: 'eu-central-1' });
    const pinned = newStack('Pinned', { env: { region: 'cn-hangzhou', account: '1' } }).stack;
    const pinnedTopic = new smq.Topic(pinned, 'Orders');
    const pinnedFar = smq.Queue.fromQueueName(pinned, 'Far', 'far', { region: 'eu-central-1' });
    expect(() => new smq.Subscription(pinned, 'C', { ...base, topic: pinnedTopic, deadLetterQueue: pinnedFar }))
      .toThrow('Pinned/C: deadLetterQueue must be in the same region as the topic (cn-hangzhou), got "Pinned/Far in region eu-central-1"');
    // region of an unpinned stack is a token: nothing to compare
    expect(() => new smq.Subscription(stack, 'D', { ...base, deadLetterQueue: far })).not.toThrow();
  });

  test('a token filter tag passes', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const tag = new ros.RosParameter(stack, 'Tag', { type: ros.RosParameterType.STRING }).valueAsString;
    new smq.Subscription(stack, 'A', { topic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP, filterTag: tag });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Subscription', { FilterTag: { Ref: 'Tag' } });
  });

  test('an HTTP endpoint must be https unless allowed, and retries for a day by default', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    expect(() => new smq.Subscription(stack, 'A', { topic, endpoint: 'http://x.example', pushType: smq.PushType.HTTP }))
      .toThrow('Shop/A: endpoint must be an https:// URL for push type http (set allowInsecureHttp: true to push over plain http://), got "http://x.example"');
    new smq.Subscription(stack, 'B', { topic, endpoint: 'http://x.example', pushType: smq.PushType.HTTP, allowInsecureHttp: true });
    new smq.Subscription(stack, 'C', { topic, endpoint: 'https://y.example', pushType: smq.PushType.HTTP });
    const subs = Template.fromStack(stack).findResources('ALIYUN::MNS::Subscription');
    expect(subs.B.Properties.NotifyStrategy).toBe('EXPONENTIAL_DECAY_RETRY');
    expect(subs.C.Properties.NotifyStrategy).toBe('EXPONENTIAL_DECAY_RETRY');
  });

  test('an endpoint that is partly a token is checked up to the token', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const host = new ros.RosParameter(stack, 'Host', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => new smq.Subscription(stack, 'A', { topic, endpoint: `http://${host}/x`, pushType: smq.PushType.HTTP }))
      .toThrow('Shop/A: endpoint must be an https:// URL for push type http (set allowInsecureHttp: true to push over plain http://), '
        + 'got {"Fn::Join":["",["http://",{"Ref":"Host"},"/x"]]}');
    expect(() => new smq.Subscription(stack, 'B', { topic, endpoint: `https://${host}/x`, pushType: smq.PushType.HTTP })).not.toThrow();
    expect(() => new smq.Subscription(stack, 'C', { topic, endpoint: host, pushType: smq.PushType.HTTP })).not.toThrow();
    expect(() => new smq.Subscription(stack, 'D', { topic, endpoint: `mail:directmail:${host}`, pushType: smq.PushType.QUEUE }))
      .toThrow(/^Shop\/D: endpoint must be a queue endpoint "acs:mns:\{region\}:\{account\}:queues\/\{name\}" for push type queue, got /);
  });

  test('the endpoint must fit the push type', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    expect(() => new smq.Subscription(stack, 'A', { topic, endpoint: 'mail:directmail:a@b.example', pushType: smq.PushType.QUEUE }))
      .toThrow('Shop/A: endpoint must be a queue endpoint "acs:mns:{region}:{account}:queues/{name}" for push type queue, got "mail:directmail:a@b.example"');
    expect(() => new smq.Subscription(stack, 'B', { topic, endpoint: 'acs:mns:cn-hangzhou:1:/queues/q', pushType: smq.PushType.QUEUE }))
      .toThrow('got "acs:mns:cn-hangzhou:1:/queues/q"');
    expect(() => new smq.Subscription(stack, 'C', { topic, endpoint: 'https://x.example', pushType: smq.PushType.EMAIL }))
      .toThrow('Shop/C: endpoint must be "mail:directmail:{address}" with a mail address for push type email, got "https://x.example"');
    expect(() => new smq.Subscription(stack, 'D', { topic, endpoint: 'sms:directsms:12', pushType: smq.PushType.SMS }))
      .toThrow('Shop/D: endpoint must be "sms:directsms:anonymous" or "sms:directsms:{phone}"');
    expect(() => new smq.Subscription(stack, 'E', { topic, endpoint: 'acs:mns:cn-hangzhou:1:queues/q', pushType: smq.PushType.QUEUE })).not.toThrow();
  });

  test('mail takes SIMPLIFIED only', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    expect(() => new smq.Subscription(stack, 'A', {
      topic, endpoint: 'mail:directmail:a@b.example', pushType: smq.PushType.EMAIL, contentFormat: smq.NotifyContentFormat.JSON,
    })).toThrow('Shop/A: contentFormat must be SIMPLIFIED for push type email, got "JSON"');
  });

  test('the DLQ cannot be the queue the subscription pushes to', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const queue = new smq.Queue(stack, 'Inbox');
    expect(() => new smq.Subscription(stack, 'A', {
      topic, endpoint: smq.subscriptionQueueEndpoint(queue.channelAddress), pushType: smq.PushType.QUEUE, deadLetterQueue: queue,
    })).toThrow('Shop/A: deadLetterQueue must be another queue than the one the subscription pushes to, got "Shop/Inbox"');
  });

  test('a subscription name over 256 characters', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    expect(() => new smq.Subscription(stack, 'A', { topic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP, subscriptionName: 's'.repeat(257) }))
      .toThrow('Shop/A: subscriptionName must be at most 256 characters long (length 257)');
  });
});
