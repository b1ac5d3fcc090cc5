import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { consumers, smq } from '../../lib';
import { getAtt, hashedId, mnsJoin, newStack, warnings } from '../util';

describe('QueueSubscription', () => {
  test('endpoint without slash, push type queue, EXPONENTIAL_DECAY_RETRY by default: snapshot', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const queue = new smq.Queue(stack, 'Billing');
    const sub = topic.addSubscription(new consumers.QueueSubscription(queue));
    expect(sub.node.id).toMatch(hashedId('OrdersToBilling'));
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.hasResource('ALIYUN::MNS::Subscription', {
      Properties: Match.objectEquals({
        TopicName: getAtt('Orders', 'TopicName'),
        SubscriptionName: Match.stringLikeRegexp('^Shop-Orders-OrdersToBilling[0-9a-f]{8}$'),
        Endpoint: mnsJoin('queues/', getAtt('Billing', 'QueueName')),
        PushType: 'queue',
        NotifyStrategy: 'EXPONENTIAL_DECAY_RETRY',
      }),
    });
  });

  test('every option', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const queue = new smq.Queue(stack, 'Billing');
    const dead = new smq.Queue(stack, 'Dead');
    topic.addSubscription(new consumers.QueueSubscription(queue, {
      filterTag: 'paid',
      notifyStrategy: smq.NotifyStrategy.BACKOFF_RETRY,
      contentFormat: smq.NotifyContentFormat.SIMPLIFIED,
      deadLetterQueue: dead,
      subscriptionName: 'billing',
    }));
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Subscription', Match.objectEquals({
      TopicName: getAtt('Orders', 'TopicName'),
      SubscriptionName: 'billing',
      Endpoint: mnsJoin('queues/', getAtt('Billing', 'QueueName')),
      PushType: 'queue',
      FilterTag: 'paid',
      NotifyStrategy: 'BACKOFF_RETRY',
      NotifyContentFormat: 'SIMPLIFIED',
      DlqPolicy: { DeadLetterTargetQueue: getAtt('Dead', 'QueueName'), Enabled: true },
    }));
  });

  test('two queues on one topic, and one queue on two topics', () => {
    const { stack } = newStack('Shop');
    const orders = new smq.Topic(stack, 'Orders');
    const refunds = new smq.Topic(stack, 'Refunds');
    const billing = new smq.Queue(stack, 'Billing');
    const shipping = new smq.Queue(stack, 'Shipping');
    orders.addSubscription(new consumers.QueueSubscription(billing));
    orders.addSubscription(new consumers.QueueSubscription(shipping));
    refunds.addSubscription(new consumers.QueueSubscription(billing));
    const subs = Template.fromStack(stack).findResources('ALIYUN::MNS::Subscription');
    expect(Object.keys(subs)).toEqual([
      expect.stringMatching(hashedId('OrdersToBilling')), expect.stringMatching(hashedId('OrdersToShipping')), expect.stringMatching(hashedId('RefundsToBilling')),
    ]);
  });

  test('an imported queue: literal endpoint', () => {
    const { stack } = newStack('Shop', { env: { region: 'cn-hangzhou', account: '111' } });
    const topic = new smq.Topic(stack, 'Orders');
    const queue = smq.Queue.fromQueueArn(stack, 'Legacy', 'acs:mns:cn-hangzhou:111:/queues/legacy');
    topic.addSubscription(new consumers.QueueSubscription(queue));
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Subscription', {
      Endpoint: 'acs:mns:cn-hangzhou:111:queues/legacy',
    });
  });

  test('the queue must be in the topic\'s region and account', () => {
    const { stack } = newStack('Shop', { env: { region: 'cn-hangzhou', account: '111' } });
    const topic = new smq.Topic(stack, 'Orders');
    const far = smq.Queue.fromQueueArn(stack, 'Far', 'acs:mns:cn-beijing:111:/queues/far');
    expect(() => topic.addSubscription(new consumers.QueueSubscription(far)))
      .toThrow(/^Shop\/Orders\/OrdersToFar[0-9a-f]{8}: endpoint must be in the same region as the topic \(cn-hangzhou\), got "the queue endpoint \\"acs:mns:cn-beijing:111:queues\/far\\" in region cn-beijing"$/);
    const other = smq.Queue.fromQueueArn(stack, 'Other', 'acs:mns:cn-hangzhou:222:/queues/other');
    expect(() => topic.addSubscription(new consumers.QueueSubscription(other)))
      .toThrow(/^Shop\/Orders\/OrdersToOther[0-9a-f]{8}: endpoint must be in the same account as the topic \(111\)/);
  });

  test('the same queue twice on one topic is an error', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const queue = new smq.Queue(stack, 'Billing');
    topic.addSubscription(new consumers.QueueSubscription(queue));
    expect(() => topic.addSubscription(new consumers.QueueSubscription(queue, { filterTag: 'x' })))
      .toThrow(/^Shop\/Orders: addSubscription must not subscribe one endpoint twice to a topic \('Shop\/Orders\/OrdersToBilling[0-9a-f]{8}' already does\), got "acs:mns:<token>:<token>:queues\/<token>"$/);
  });

  test('two imported queues with one id in different scopes get two subscriptions', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const a = smq.Queue.fromQueueName(new ros.Construct(stack, 'A'), 'Legacy', 'a');
    const b = smq.Queue.fromQueueName(new ros.Construct(stack, 'B'), 'Legacy', 'b');
    topic.addSubscription(new consumers.QueueSubscription(a));
    topic.addSubscription(new consumers.QueueSubscription(b));
    const subs = Template.fromStack(stack).findResources('ALIYUN::MNS::Subscription');
    expect(Object.keys(subs)).toHaveLength(2);
    expect(Object.keys(subs).every((id) => hashedId('OrdersToLegacy').test(id))).toBe(true);
  });

  test('the DLQ cannot be the target queue itself', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const queue = new smq.Queue(stack, 'Billing');
    expect(() => topic.addSubscription(new consumers.QueueSubscription(queue, { deadLetterQueue: queue })))
      .toThrow(/^Shop\/Orders\/OrdersToBilling[0-9a-f]{8}: deadLetterQueue must be another queue than the one the subscription pushes to, got "Shop\/Billing"$/);
  });

  test('a filter tag over 16 characters', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const queue = new smq.Queue(stack, 'Billing');
    expect(() => topic.addSubscription(new consumers.QueueSubscription(queue, { filterTag: 'a-very-long-filter-tag' })))
      .toThrow(/^Shop\/Orders\/OrdersToBilling[0-9a-f]{8}: filterTag must be at most 16 characters long \(length 22\), got "a-very-long-filter-tag"$/);
  });
});

describe('UrlSubscription', () => {
  test('https endpoint, push type http, EXPONENTIAL_DECAY_RETRY by default', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const sub = topic.addSubscription(new consumers.UrlSubscription('https://hooks.example.com/orders'));
    expect(sub.node.id).toMatch(/^OrdersToUrl[0-9a-f]{8}$/);
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.hasResourceProperties('ALIYUN::MNS::Subscription', Match.objectEquals({
      TopicName: getAtt('Orders', 'TopicName'),
      SubscriptionName: Match.stringLikeRegexp('^Shop-Orders-OrdersToUrl[0-9a-f]{8}$'),
      Endpoint: 'https://hooks.example.com/orders',
      PushType: 'http',
      NotifyStrategy: 'EXPONENTIAL_DECAY_RETRY',
    }));
  });

  test('http:// needs the opt-out', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    expect(() => topic.addSubscription(new consumers.UrlSubscription('http://hooks.example.com/orders')))
      .toThrow(/^Shop\/Orders\/OrdersToUrl[0-9a-f]{8}: endpoint must be an https:\/\/ URL for push type http \(set allowInsecureHttp: true to push over plain http:\/\/\), got "http:\/\/hooks.example.com\/orders"$/);
    const other = new smq.Topic(stack, 'Other');
    other.addSubscription(new consumers.UrlSubscription('http://hooks.example.com/orders', { allowInsecureHttp: true }));
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Subscription', { Endpoint: 'http://hooks.example.com/orders', PushType: 'http' });
  });

  test('not a URL at all', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    expect(() => topic.addSubscription(new consumers.UrlSubscription('ftp://x', { allowInsecureHttp: true })))
      .toThrow(/^Shop\/Orders\/OrdersToUrl[0-9a-f]{8}: endpoint must be an http:\/\/ or https:\/\/ URL for push type http, got "ftp:\/\/x"$/);
  });

  test('a token URL gets the same logical id on every synth, whatever else the app holds', () => {
    const idOf = (extraParameters: number): string => {
      const { stack } = newStack('Shop');
      for (let i = 0; i < extraParameters; i++) {
        new ros.RosParameter(stack, `Extra${i}`, { type: ros.RosParameterType.STRING });
      }
      const topic = new smq.Topic(stack, 'Orders');
      const url = new ros.RosParameter(stack, 'Url', { type: ros.RosParameterType.STRING }).valueAsString;
      return topic.addSubscription(new consumers.UrlSubscription(url)).node.id;
    };
    expect(idOf(0)).toBe(idOf(0));
    expect(idOf(3)).toBe(idOf(0));
  });

  test('a token URL passes', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const url = new ros.RosParameter(stack, 'Url', { type: ros.RosParameterType.STRING }).valueAsString;
    topic.addSubscription(new consumers.UrlSubscription(url));
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Subscription', { Endpoint: { Ref: 'Url' } });
  });
});

describe('EmailSubscription', () => {
  test('mail:directmail endpoint, push type email, SIMPLIFIED', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    topic.addSubscription(new consumers.EmailSubscription('ops@example.com', { filterTag: 'refund' }));
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.hasResourceProperties('ALIYUN::MNS::Subscription', Match.objectEquals({
      TopicName: getAtt('Orders', 'TopicName'),
      SubscriptionName: Match.stringLikeRegexp('^Shop-Orders-OrdersToEmail[0-9a-f]{8}$'),
      Endpoint: 'mail:directmail:ops@example.com',
      PushType: 'email',
      NotifyContentFormat: 'SIMPLIFIED',
      FilterTag: 'refund',
    }));
  });

  test('bad address', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    expect(() => topic.addSubscription(new consumers.EmailSubscription('not-an-address')))
      .toThrow(/^Shop\/Orders\/OrdersToEmail[0-9a-f]{8}: endpoint must be "mail:directmail:\{address\}" with one mail address of at most 254 characters for push type email, got "mail:directmail:not-an-address"$/);
  });
});

describe('SmsSubscription', () => {
  test('to one phone and anonymous', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    topic.addSubscription(consumers.SmsSubscription.toPhone('+8613800000000'));
    topic.addSubscription(consumers.SmsSubscription.anonymous({ filterTag: 'otp' }));
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    const subs = template.findResources('ALIYUN::MNS::Subscription');
    expect(Object.values(subs).map((s) => [s.Properties.Endpoint, s.Properties.PushType])).toEqual([
      ['sms:directsms:+8613800000000', 'alisms'],
      ['sms:directsms:anonymous', 'alisms'],
    ]);
    const anonymous = Object.keys(subs).find((id) => hashedId('OrdersToSmsAnonymous').test(id))!;
    expect(subs[anonymous].Properties.FilterTag).toBe('otp');
  });

  test('bad phone number', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    expect(() => topic.addSubscription(consumers.SmsSubscription.toPhone('call-me')))
      .toThrow(/^Shop\/Orders\/OrdersToSms[0-9a-f]{8}: endpoint must be "sms:directsms:anonymous" or "sms:directsms:\{phone\}" \(5 to 20 digits, optionally after a \+\) for push type alisms, got "sms:directsms:call-me"$/);
  });
});

describe('across stacks, regions and accounts', () => {
  test('defect (the README example): a queue of a literal region and account on a topic in a stack without env warns', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const legacy = smq.Queue.fromQueueArn(stack, 'Legacy', 'acs:mns:cn-hangzhou:123456789012:/queues/legacy');
    topic.addSubscription(new consumers.QueueSubscription(legacy));
    expect(warnings(stack)).toEqual([expect.stringMatching(
      /^Shop\/Orders\/OrdersToLegacy[0-9a-f]{8}: endpoint: the queue endpoint "acs:mns:cn-hangzhou:123456789012:queues\/legacy" is in region cn-hangzhou, account 123456789012, and the topic in region <deploy-time region>, account <deploy-time account>\. They must be the same/)]);
    // with a literal env on the stack, the same import is checked at synth and is fine
    const pinned = newStack('Pinned', { env: { region: 'cn-hangzhou', account: '123456789012' } }).stack;
    new smq.Topic(pinned, 'Orders').addSubscription(new consumers.QueueSubscription(smq.Queue.fromQueueArn(pinned, 'Legacy', 'acs:mns:cn-hangzhou:123456789012:/queues/legacy')));
    expect(warnings(pinned)).toEqual([]);
  });

  test('a queue owned by another stack of the app: no warning, and the topic\'s stack depends on the queue\'s', () => {
    const app = new ros.App();
    const queues = new ros.Stack(app, 'Queues');
    const topics = new ros.Stack(app, 'Topics');
    const inbox = new smq.Queue(queues, 'Inbox');
    new smq.Topic(topics, 'Orders').addSubscription(new consumers.QueueSubscription(inbox));
    app.synth();
    expect(warnings(topics)).toEqual([]);
    expect(topics.dependencies.map((s) => s.stackName)).toEqual(['Queues']);
  });

  test('one topic and queue in two stacks of the same literal env: the second subscription of one endpoint is an error', () => {
    const app = new ros.App();
    const env = { region: 'cn-hangzhou', account: '111' };
    const a = new ros.Stack(app, 'A', { env });
    const b = new ros.Stack(app, 'B', { env });
    smq.Topic.fromTopicName(a, 'Orders', 'orders').addSubscription(new consumers.QueueSubscription(smq.Queue.fromQueueName(a, 'Inbox', 'inbox')));
    expect(() => smq.Topic.fromTopicName(b, 'Orders', 'orders').addSubscription(new consumers.QueueSubscription(smq.Queue.fromQueueName(b, 'Inbox', 'inbox'))))
      .toThrow(/^B\/Orders\/OrdersToInbox[0-9a-f]{8}: subscriptionName must be unique in region cn-hangzhou and account 111|endpoint must be unique in region cn-hangzhou and account 111/);
  });

  test('a topic given where a queue is expected', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    const other = new smq.Topic(stack, 'Other');
    expect(() => topic.addSubscription(new consumers.QueueSubscription(other as unknown as smq.IQueue)))
      .toThrow('Shop/Orders: QueueSubscription.queue must be a queue (smq.Queue or an import of one), got "Shop/Other"');
  });
});
