import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { consumers, smq } from '../../lib';
import { evaluate, getAtt, mnsJoin, newRole, newStack, policyName, warnings } from '../util';

describe('Topic', () => {
  test('with every prop: snapshot and the rendered properties', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders', { topicName: 'orders', maxMessageSizeBytes: 8192, loggingEnabled: true, tags: { team: 'shop' } });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.hasResource('ALIYUN::MNS::Topic', {
      Properties: Match.objectEquals({ TopicName: 'orders', MaximumMessageSize: 8192, LoggingEnabled: true, Tags: [{ Key: 'team', Value: 'shop' }] }),
    });
    expect(stack.resolve(topic.topicName)).toEqual(getAtt('Orders', 'TopicName'));
    expect(stack.resolve(topic.topicUrl)).toEqual(getAtt('Orders', 'TopicUrl'));
    expect(stack.resolve(topic.topicArn)).toEqual(mnsJoin('/topics/', getAtt('Orders', 'TopicName')));
  });

  test('with no props: a generated name only', () => {
    const { stack } = newStack('Shop');
    new smq.Topic(stack, 'Orders');
    Template.fromStack(stack).hasResource('ALIYUN::MNS::Topic', { Properties: Match.objectEquals({ TopicName: 'Shop-Orders' }) });
  });

  test('two topics in one stack', () => {
    const { stack } = newStack('Shop');
    new smq.Topic(stack, 'Orders');
    new smq.Topic(stack, 'Refunds');
    const topics = Template.fromStack(stack).findResources('ALIYUN::MNS::Topic');
    expect(Object.keys(topics)).toEqual(['Orders', 'Refunds']);
    expect(Object.values(topics).map((t) => t.Properties.TopicName)).toEqual(['Shop-Orders', 'Shop-Refunds']);
  });

  test('two topics with one id in different scopes: an error naming both paths', () => {
    const { stack } = newStack('Shop');
    new smq.Topic(new ros.Construct(stack, 'A'), 'Orders');
    expect(() => new smq.Topic(new ros.Construct(stack, 'B'), 'Orders'))
      .toThrow("Shop/B/Orders/Orders: id must be unique in the stack, but 'Shop/A/Orders/Orders' already has it as its logical id");
  });

  test('two topics with one name in a stack: an error naming both paths', () => {
    const { stack } = newStack('Shop');
    new smq.Topic(stack, 'Orders', { topicName: 'orders' });
    expect(() => new smq.Topic(stack, 'Orders2', { topicName: 'orders' }))
      .toThrow("Shop/Orders2: topicName must be unique in the stack, but 'Shop/Orders' already has this topic name, got \"orders\"");
  });

  test('grantPublish: PublishMessage on .../topics/{name}/messages, GetTopicAttributes on the topic', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const grant = topic.grantPublish(newRole(stack, 'Checkout'));
    expect(grant.actions).toEqual(['mns:PublishMessage', 'mns:GetTopicAttributes']);
    Template.fromStack(stack).hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyName: policyName('Shop-Orders-Checkout'),
      Roles: [getAtt('Checkout', 'RoleName')],
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: ['mns:PublishMessage'], Resource: [mnsJoin('/topics/', getAtt('Orders', 'TopicName'), '/messages')] },
          { Effect: 'Allow', Action: ['mns:GetTopicAttributes'], Resource: [mnsJoin('/topics/', getAtt('Orders', 'TopicName'))] },
        ],
      },
    });
  });

  test('grants check their actions against topics', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const role = newRole(stack, 'Checkout');
    expect(() => topic.grant(role, 'mns:SendMessage')).toThrow('Shop/Orders: actions[0] must act on a topic: mns:SendMessage acts on queues, got "mns:SendMessage"');
    expect(() => topic.grant(role, 'mns:publishmessage')).toThrow('Shop/Orders: actions[0] must be spelled as RAM and SMQ spell it: "mns:PublishMessage", got "mns:publishmessage"');
    expect(() => topic.grant(role, 'mns:Receive*')).toThrow(/^Shop\/Orders: actions\[0\] must match at least one SMQ action on a topic/);
  });

  test('duplicate topic names across stacks with the same literal env: an error', () => {
    const app = new ros.App();
    const env = { region: 'cn-hangzhou', account: '111' };
    new smq.Topic(new ros.Stack(app, 'One', { env }), 'Orders', { topicName: 'orders' });
    expect(() => new smq.Topic(new ros.Stack(app, 'Two', { env }), 'Orders', { topicName: 'orders' }))
      .toThrow("Two/Orders: topicName must be unique in region cn-hangzhou and account 111, but 'One/Orders' in stack 'One' already has this topic name");
  });

  describe('imports', () => {
    test('defect: a subscription on a topic of another region or account is an error (literal) or a warning (token)', () => {
      const { stack } = newStack('Shop', { env: { region: 'cn-hangzhou', account: '111' } });
      const queue = new smq.Queue(stack, 'Inbox');
      const far = smq.Topic.fromTopicArn(stack, 'Far', 'acs:mns:cn-beijing:111:/topics/events');
      expect(() => far.addSubscription(new consumers.QueueSubscription(queue)))
        .toThrow(/^Shop\/Far\/FarToInbox[0-9a-f]{8}: topic must be in the same region as the stack \(cn-hangzhou\), got "topic 'Shop\/Far' in region cn-beijing"$/);
      const foreign = smq.Topic.fromTopicName(stack, 'Foreign', 'events', { account: '222' });
      expect(() => foreign.addSubscription(new consumers.UrlSubscription('https://example.com/hook')))
        .toThrow(/topic must be in the same account as the stack \(111\), got "topic 'Shop\/Foreign' in account 222"$/);

      const { stack: agnostic } = newStack('Agnostic');
      const maybe = smq.Topic.fromTopicArn(agnostic, 'Maybe', 'acs:mns:cn-beijing:111:/topics/events');
      maybe.addSubscription(new consumers.UrlSubscription('https://example.com/hook'));
      expect(warnings(agnostic)).toEqual([expect.stringMatching(
        /^Agnostic\/Maybe\/MaybeToUrl[0-9a-f]{8}: topic: topic 'Agnostic\/Maybe' is in region cn-beijing, account 111, and the stack in region <deploy-time region>, account <deploy-time account>\. They must be the same \(ALIYUN::MNS::Subscription names its topic by name only\)/)]);
    });

    test('fromTopicName: subscriptions and grants work on it', () => {
      const { stack } = newStack('Shop');
      const topic = smq.Topic.fromTopicName(stack, 'Shared', 'shared-events');
      const queue = new smq.Queue(stack, 'Inbox');
      topic.addSubscription(new consumers.QueueSubscription(queue));
      topic.grantPublish(newRole(stack, 'Checkout'));
      const template = Template.fromStack(stack);
      template.resourceCountIs('ALIYUN::MNS::Topic', 0);
      template.hasResourceProperties('ALIYUN::MNS::Subscription', {
        TopicName: 'shared-events',
        SubscriptionName: Match.stringLikeRegexp('^Shop-Shared-SharedToInbox[0-9a-f]{8}$'),
        Endpoint: mnsJoin('queues/', getAtt('Inbox', 'QueueName')),
      });
      template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: [mnsJoin('/topics/', 'shared-events', '/messages')] })]) },
      });
    });

    test('fromTopicArn: literal and token', () => {
      const { stack } = newStack('Shop');
      const topic = smq.Topic.fromTopicArn(stack, 'T', 'acs:mns:cn-shenzhen:444:/topics/events');
      expect(topic.channelAddress).toEqual({ kind: smq.ChannelKind.TOPIC, name: 'events', region: 'cn-shenzhen', account: '444' });
      expect(topic.topicArn).toBe('acs:mns:cn-shenzhen:444:/topics/events');
      expect(topic.topicUrl).toBe('http://444.mns.cn-shenzhen.aliyuncs.com/topics/events');
      const arn = new ros.RosParameter(stack, 'TopicArn', { type: ros.RosParameterType.STRING }).valueAsString;
      const fromToken = smq.Topic.fromTopicArn(stack, 'U', arn);
      expect(stack.resolve(fromToken.topicName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['topics/', { Ref: 'TopicArn' }] }] });
      const parameters = { TopicArn: 'acs:mns:cn-shenzhen:444:/topics/events' };
      expect(evaluate(stack.resolve(fromToken.channelAddress.region), parameters)).toBe('cn-shenzhen');
      expect(evaluate(stack.resolve(fromToken.channelAddress.account), parameters)).toBe('444');
      expect(evaluate(stack.resolve(fromToken.topicArn), parameters)).toBe('acs:mns:cn-shenzhen:444:/topics/events');
    });

    test('bad ARN and name', () => {
      const { stack } = newStack('Shop');
      expect(() => smq.Topic.fromTopicArn(stack, 'T', 'acs:mns:cn-shenzhen:444:/queues/events'))
        .toThrow('Shop/T: topicArn must look like "acs:mns:{region}:{account}:/topics/{name}" with a region ID, an account ID (digits) and a valid topic name, got "acs:mns:cn-shenzhen:444:/queues/events"');
      // a topic made elsewhere may start with a digit (CreateTopic allows it); one ROS creates may not
      expect(smq.Topic.fromTopicName(stack, 'U', '1events').topicName).toBe('1events');
      expect(() => smq.Topic.fromTopicName(stack, 'U2', '-events'))
        .toThrow('Shop/U2: topicName must contain only letters, digits and hyphens, and start with a letter or digit, got "-events"');
      expect(() => smq.Topic.fromTopicArn(stack, 'V', 'acs:mns:cn-shenzhen:*:/topics/events')).toThrow(/^Shop\/V: topicArn must look like/);
      expect(() => smq.Topic.fromTopicName(stack, 'W', 'events', { region: 'cn-shenzhen', account: '*' })).toThrow(/^Shop\/W: account must contain only digits/);
    });
  });

  describe('bad input', () => {
    test.each([
      [{ topicName: '9orders' }, 'Shop/Orders: topicName must contain only letters, digits and hyphens, and start with a letter, got "9orders"'],
      [{ maxMessageSizeBytes: Infinity }, 'Shop/Orders: maxMessageSizeBytes must be an integer between 1024 and 65536 bytes, got Infinity'],
      [{ topicName: 'o'.repeat(256) }, 'Shop/Orders: topicName must be at most 255 characters long (length 256)'],
      [{ topicName: 'a.b' }, 'got "a.b"'],
      [{ maxMessageSizeBytes: 1000 }, 'Shop/Orders: maxMessageSizeBytes must be an integer between 1024 and 65536 bytes, got 1000'],
      [{ maxMessageSizeBytes: 65537 }, 'Shop/Orders: maxMessageSizeBytes must be an integer between 1024 and 65536 bytes, got 65537'],
      [{ tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }, 'Shop/Orders: tags must have at most 20 items, got "21 items"'],
    ])('%j', (props, message) => {
      const { stack } = newStack('Shop');
      expect(() => new smq.Topic(stack, 'Orders', props)).toThrow(message);
    });

    test('tokens pass', () => {
      const { stack } = newStack('Shop');
      const s = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
      const n = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
      expect(() => new smq.Topic(stack, 'Orders', { topicName: s, maxMessageSizeBytes: n })).not.toThrow();
      Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Topic', Match.objectEquals({ TopicName: { Ref: 'S' }, MaximumMessageSize: { Ref: 'N' } }));
    });
  });
});
