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
      .toThrow('Pinned/C: deadLetterQueue must be in the same region as the topic (cn-hangzhou), got "far in region eu-central-1"');
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
});
