import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { smq, ValidationError } from '../../lib';
import { getAtt, newStack, warnings } from '../util';

const HTTPS_RULE = 'must be an https:// URL for push type http (set allowInsecureHttp: true to push over plain http://)';

function shop(env?: ros.Environment): { app: ros.App; stack: ros.Stack; topic: smq.Topic } {
  const { app, stack } = newStack('Shop', env ? { env } : {});
  return { app, stack, topic: new smq.Topic(stack, 'Orders') };
}

function http(stack: ros.Stack, topic: smq.ITopic, id: string, endpoint: string, allowInsecureHttp = false): smq.Subscription {
  return new smq.Subscription(stack, id, { topic, endpoint, pushType: smq.PushType.HTTP, allowInsecureHttp });
}

describe('Subscription', () => {
  test('renders the topic by GetAtt, a generated name and the given settings', () => {
    const { stack, topic } = shop();
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

  test('bad names, tags and kinds', () => {
    const { stack, topic } = shop();
    const base = { topic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP };
    expect(() => new smq.Subscription(stack, 'A', { ...base, filterTag: 'x'.repeat(17) }))
      .toThrow('Shop/A: filterTag must be at most 16 characters long (length 17), got "xxxxxxxxxxxxxxxxx"');
    expect(() => new smq.Subscription(stack, 'A2', { ...base, filterTag: '' })).toThrow('Shop/A2: filterTag must be between 1 and 16 characters long (length 0), got ""');
    expect(() => new smq.Subscription(stack, 'A3', { ...base, filterTag: 'pa id' })).toThrow(/^Shop\/A3: filterTag must contain only characters that are not whitespace/);
    expect(() => new smq.Subscription(stack, 'B', { ...base, subscriptionName: '_sub' }))
      .toThrow('Shop/B: subscriptionName must contain only letters, digits and hyphens, and start with a letter, got "_sub"');
    expect(() => new smq.Subscription(stack, 'C', { ...base, subscriptionName: 's'.repeat(257) }))
      .toThrow('Shop/C: subscriptionName must be at most 255 characters long (length 257)');
    expect(() => new smq.Subscription(stack, 'D', { ...base, pushType: 'sms' as smq.PushType }))
      .toThrow('Shop/D: pushType must be one of "http", "queue", "mpush", "email", "alisms", got "sms"');
    const queue = new smq.Queue(stack, 'Inbox');
    expect(() => new smq.Subscription(stack, 'E', { ...base, topic: queue as unknown as smq.ITopic }))
      .toThrow('Shop/E: topic must be a topic, not a queue (smq.Topic, or one imported with Topic.fromTopicName or fromTopicArn), got "Shop/Inbox"');
    expect(() => new smq.Subscription(stack, 'F', { ...base, topic: undefined as unknown as smq.ITopic })).toThrow(/^Shop\/F: topic must be a topic/);
  });

  test('tokens: a filter tag or a name given at deploy time passes; their literal pieces are checked', () => {
    const { stack, topic } = shop();
    const tag = new ros.RosParameter(stack, 'Tag', { type: ros.RosParameterType.STRING }).valueAsString;
    new smq.Subscription(stack, 'A', { topic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP, filterTag: tag, subscriptionName: `s-${tag}` });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Subscription', { FilterTag: { Ref: 'Tag' } });
    expect(() => new smq.Subscription(stack, 'B', { topic, endpoint: 'https://y.example', pushType: smq.PushType.HTTP, filterTag: `${'x'.repeat(17)}${tag}` }))
      .toThrow('Shop/B: filterTag must be at most 16 characters long, and its literal text alone has 17, got "xxxxxxxxxxxxxxxxx<token>"');
    expect(() => new smq.Subscription(stack, 'C', { topic, endpoint: 'https://z.example', pushType: smq.PushType.HTTP, subscriptionName: `s_${tag}` }))
      .toThrow(/^Shop\/C: subscriptionName must contain only letters/);
  });

  test('an HTTP endpoint must be https unless allowed, and retries for a day by default', () => {
    const { stack, topic } = shop();
    expect(() => http(stack, topic, 'A', 'http://x.example')).toThrow(`Shop/A: endpoint ${HTTPS_RULE}, got "http://x.example"`);
    http(stack, topic, 'B', 'http://x.example', true);
    http(stack, topic, 'C', 'https://y.example');
    http(stack, topic, 'D', 'HTTPS://Z.example/Path');
    const subs = Template.fromStack(stack).findResources('ALIYUN::MNS::Subscription');
    expect(subs.B.Properties.NotifyStrategy).toBe('EXPONENTIAL_DECAY_RETRY');
    expect(subs.C.Properties.NotifyStrategy).toBe('EXPONENTIAL_DECAY_RETRY');
  });

  describe('defect: URLs are parsed properly', () => {
    test.each([
      ['https://user:s3cret@x.example/hook', 'must not carry user information (user:password@) in the URL: SMQ would store and show it, got "https://***@x.example/hook"'],
      ['https://x.example/a b', 'must not contain whitespace, control or invisible characters, got "https://x.example/a b"'],
      ['https://x.example/\u0007', 'must not contain whitespace, control or invisible characters'],
      [' https://x.example', 'must not contain whitespace, control or invisible characters'],
      ['https://x.example:0/', 'must have a port between 1 and 65535, when it has one, got "https://x.example:0/"'],
      ['https://x.example:65536/', 'must have a port between 1 and 65535, when it has one'],
      ['https://x.example:80a/', 'must have a port between 1 and 65535, when it has one'],
      ['https:///path', 'must name a host after the scheme, got "https:///path"'],
      ['https://:443/path', 'must name a host after the scheme'],
      ['https://x..example/', 'must name a valid host (letters, digits, hyphens and dots, or an IP address), got "https://x..example/"'],
      ['https://x_y.example/', 'must name a valid host'],
      ['https://300.1.1.1/', 'must name a valid host (letters, digits, hyphens and dots, or an IP address)'],
      ['https://10.0.0.5/hook', 'must not be an intranet address: SMQ pushes only to addresses reachable from the Internet'],
      ['https://192.168.1.1/hook', 'must not be an intranet address'],
      ['https://127.0.0.1/hook', 'must not be an intranet address'],
      ['https://localhost:8443/hook', 'must not be an intranet address'],
      ['https://x.example/mns-reserved-a/b', 'must not have a path starting with "/mns-reserved-", which SMQ reserves'],
      ['https:x.example', HTTPS_RULE],
      ['ftp://x.example', HTTPS_RULE],
      ['x.example', HTTPS_RULE],
    ])('%j is refused', (endpoint, message) => {
      const { stack, topic } = shop();
      expect(() => http(stack, topic, 'A', endpoint)).toThrow(ValidationError);
      expect(() => http(stack, topic, 'B', endpoint)).toThrow(`Shop/B: endpoint ${message}`);
    });

    test('the password is never shown', () => {
      const { stack, topic } = shop();
      expect(() => http(stack, topic, 'A', 'http://admin:hunter2@x.example/hook')).toThrow(/^(?!.*hunter2)/s);
      expect(() => http(stack, topic, 'B', 'https://admin:hunter2@x.example/hook')).toThrow(/^(?!.*hunter2)/s);
    });

    test.each([
      'https://x.example', 'https://x.example/', 'https://x.example:8443/a/b?c=d#e', 'HTTPS://X.EXAMPLE/', 'https://8.8.8.8/hook',
      'https://[2001:db8::1]:443/hook', 'https://x.example/mns-not-reserved', 'https://x.example/a/mns-reserved-b',
    ])('%j is accepted', (endpoint) => {
      const { stack, topic } = shop();
      expect(() => http(stack, topic, 'A', endpoint)).not.toThrow();
    });

    test('tokens: the literal pieces around them are checked', () => {
      const { stack, topic } = shop();
      const host = new ros.RosParameter(stack, 'Host', { type: ros.RosParameterType.STRING }).valueAsString;
      // http:// followed by a token is still plain HTTP
      expect(() => http(stack, topic, 'A', `http://${host}/x`)).toThrow(`Shop/A: endpoint ${HTTPS_RULE}, got "http://<token>/x"`);
      expect(() => http(stack, topic, 'A2', ros.Fn.join('', ['http://', host, '/x']))).toThrow(`Shop/A2: endpoint ${HTTPS_RULE}, got "http://<token>/x"`);
      expect(() => http(stack, topic, 'A3', ros.Fn.sub('http://${Host}/x'))).toThrow(`Shop/A3: endpoint ${HTTPS_RULE}, got "http://<token>/x"`);
      expect(() => http(stack, topic, 'B', `https://${host}/x`)).not.toThrow();
      expect(() => http(stack, topic, 'C', host)).not.toThrow();
      expect(() => http(stack, topic, 'D', `https://${host}/a b`)).toThrow('Shop/D: endpoint must not contain whitespace, control or invisible characters, got "https://<token>/a b"');
      expect(() => http(stack, topic, 'E', `https://user:${host}@x.example/`)).toThrow(/^Shop\/E: endpoint must not carry user information/);
      expect(() => http(stack, topic, 'F', `https://x.example:99999/${host}`)).toThrow(/^Shop\/F: endpoint must have a port between 1 and 65535/);
      expect(() => http(stack, topic, 'G', `ftp://${host}`)).toThrow(`Shop/G: endpoint ${HTTPS_RULE}, got "ftp://<token>"`);
      expect(() => http(stack, topic, 'H', `https://x.example/mns-reserved-${host}`)).toThrow(/reserves/);
      expect(() => http(stack, topic, 'I', `${host}/hook`)).not.toThrow();
      expect(() => http(stack, topic, 'J', `http://${host}`, true)).not.toThrow();
    });
  });

  describe('defect: queue, mail and SMS endpoints, with tokens too', () => {
    test('the endpoint must fit the push type', () => {
      const { stack, topic } = shop();
      const at = (id: string, endpoint: string, pushType: smq.PushType): smq.Subscription => new smq.Subscription(stack, id, { topic, endpoint, pushType });
      expect(() => at('A', 'mail:directmail:a@b.example', smq.PushType.QUEUE))
        .toThrow('Shop/A: endpoint must be a queue endpoint "acs:mns:{region}:{account}:queues/{name}" for push type queue, got "mail:directmail:a@b.example"');
      expect(() => at('B', 'acs:mns:cn-hangzhou:1:/queues/q', smq.PushType.QUEUE)).toThrow('got "acs:mns:cn-hangzhou:1:/queues/q"');
      expect(() => at('B2', 'acs:mns:*:1:queues/q', smq.PushType.QUEUE)).toThrow('got "acs:mns:*:1:queues/q"');
      expect(() => at('B3', 'acs:mns:cn-hangzhou:1:queues/q_1', smq.PushType.QUEUE)).toThrow('got "acs:mns:cn-hangzhou:1:queues/q_1"');
      expect(() => at('C', 'https://x.example', smq.PushType.EMAIL))
        .toThrow('Shop/C: endpoint must be "mail:directmail:{address}" with one mail address of at most 254 characters for push type email, got "https://x.example"');
      expect(() => at('C2', `mail:directmail:${'a'.repeat(250)}@b.example`, smq.PushType.EMAIL)).toThrow(/one mail address of at most 254 characters/);
      expect(() => at('C3', 'mail:directmail:a@b@c.example', smq.PushType.EMAIL)).toThrow(/one mail address/);
      expect(() => at('C4', 'mail:directmail:a@b.example, c@d.example', smq.PushType.EMAIL)).toThrow(/must not contain whitespace/);
      expect(() => at('D', 'sms:directsms:12', smq.PushType.SMS)).toThrow('Shop/D: endpoint must be "sms:directsms:anonymous" or "sms:directsms:{phone}"');
      expect(() => at('D2', 'sms:directsms:+86-138', smq.PushType.SMS)).toThrow(/sms:directsms:anonymous/);
      expect(() => at('E', 'acs:mns:cn-hangzhou:1:queues/q', smq.PushType.QUEUE)).not.toThrow();
      expect(() => at('F', 'sms:directsms:+8613800000000', smq.PushType.SMS)).not.toThrow();
      expect(() => at('G', '', smq.PushType.HTTP)).toThrow('Shop/G: endpoint is required, got ""');
    });

    test('tokens in mail and SMS endpoints: the literal pieces are checked', () => {
      const { stack, topic } = shop();
      const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
      const at = (id: string, endpoint: string, pushType: smq.PushType): smq.Subscription => new smq.Subscription(stack, id, { topic, endpoint, pushType });
      expect(() => at('A', `mail:directmail:${p}`, smq.PushType.EMAIL)).not.toThrow();
      expect(() => at('B', `mail:directmail:${p}@example.com`, smq.PushType.EMAIL)).not.toThrow();
      expect(() => at('C', `mail:directmail:a@b@${p}`, smq.PushType.EMAIL)).toThrow(/^Shop\/C: endpoint must be "mail:directmail:\{address\}"/);
      expect(() => at('D', `mail:directmail:${p} x`, smq.PushType.EMAIL)).toThrow(/must not contain whitespace/);
      expect(() => at('E', `sms:directsms:+86${p}`, smq.PushType.SMS)).not.toThrow();
      expect(() => at('F', `sms:directsms:phone-${p}`, smq.PushType.SMS)).toThrow(/^Shop\/F: endpoint must be "sms:directsms:anonymous"/);
      expect(() => at('G', `mail:directmail:${p}`, smq.PushType.QUEUE)).toThrow(/^Shop\/G: endpoint must be a queue endpoint/);
      expect(() => at('H', p, smq.PushType.QUEUE)).not.toThrow();
    });
  });

  test('mail takes SIMPLIFIED only', () => {
    const { stack, topic } = shop();
    expect(() => new smq.Subscription(stack, 'A', {
      topic, endpoint: 'mail:directmail:a@b.example', pushType: smq.PushType.EMAIL, contentFormat: smq.NotifyContentFormat.JSON,
    })).toThrow('Shop/A: contentFormat must be SIMPLIFIED for push type email, got "JSON"');
  });

  test('the DLQ cannot be the queue the subscription pushes to, however it is named', () => {
    const { stack, topic } = shop();
    const queue = new smq.Queue(stack, 'Inbox');
    const endpoint = smq.Identifiers.subscriptionQueueEndpoint(queue.channelAddress);
    expect(() => new smq.Subscription(stack, 'A', { topic, endpoint, pushType: smq.PushType.QUEUE, deadLetterQueue: queue }))
      .toThrow('Shop/A: deadLetterQueue must be another queue than the one the subscription pushes to, got "Shop/Inbox"');
    const same = smq.Queue.fromQueueName(stack, 'Same', 'Shop-Inbox');
    expect(() => new smq.Subscription(stack, 'B', { topic, endpoint, pushType: smq.PushType.QUEUE, deadLetterQueue: same }))
      .toThrow('Shop/B: deadLetterQueue must be another queue than the one the subscription pushes to, got "Shop/Same"');
  });

  describe('defect: region and account', () => {
    test('a hand-written queue endpoint in another region or account: an error', () => {
      const { stack, topic } = shop({ region: 'cn-hangzhou', account: '111' });
      expect(() => new smq.Subscription(stack, 'A', { topic, endpoint: 'acs:mns:cn-beijing:111:queues/q', pushType: smq.PushType.QUEUE }))
        .toThrow('Shop/A: endpoint must be in the same region as the topic (cn-hangzhou), got "the queue endpoint \\"acs:mns:cn-beijing:111:queues/q\\" in region cn-beijing"');
      expect(() => new smq.Subscription(stack, 'B', { topic, endpoint: 'acs:mns:cn-hangzhou:222:queues/q', pushType: smq.PushType.QUEUE }))
        .toThrow(/^Shop\/B: endpoint must be in the same account as the topic \(111\)/);
    });

    test('a queue endpoint that may be elsewhere: a warning', () => {
      const { stack, topic } = shop();
      new smq.Subscription(stack, 'A', { topic, endpoint: 'acs:mns:cn-beijing:111:queues/q', pushType: smq.PushType.QUEUE });
      const p = new ros.RosParameter(stack, 'Endpoint', { type: ros.RosParameterType.STRING }).valueAsString;
      new smq.Subscription(stack, 'B', { topic, endpoint: p, pushType: smq.PushType.QUEUE });
      expect(warnings(stack)).toEqual([
        expect.stringMatching(/^Shop\/A: endpoint: the queue endpoint "acs:mns:cn-beijing:111:queues\/q" is in region cn-beijing, account 111, and the topic in region <deploy-time region>/),
        expect.stringMatching(/^Shop\/B: endpoint: the queue endpoint "<token>" is in region <token>, account <token>/),
      ]);
    });

    test('a DLQ in another region: an error (literal) or a warning (token)', () => {
      const pinned = shop({ region: 'cn-hangzhou', account: '1' });
      const far = smq.Queue.fromQueueName(pinned.stack, 'Far', 'far', { region: 'eu-central-1' });
      expect(() => new smq.Subscription(pinned.stack, 'C', { topic: pinned.topic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP, deadLetterQueue: far }))
        .toThrow('Shop/C: deadLetterQueue must be in the same region as the topic (cn-hangzhou), got "queue \'Shop/Far\' in region eu-central-1"');
      const loose = shop();
      const maybe = smq.Queue.fromQueueName(loose.stack, 'Far', 'far', { region: 'eu-central-1' });
      new smq.Subscription(loose.stack, 'D', { topic: loose.topic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP, deadLetterQueue: maybe });
      expect(warnings(loose.stack)).toEqual([expect.stringMatching(/^Shop\/D: deadLetterQueue: queue 'Shop\/Far' is in region eu-central-1/)]);
    });
  });

  describe('defect: duplicates that would fail only at deploy', () => {
    test('two subscriptions with one name on a topic', () => {
      const { stack, topic } = shop();
      new smq.Subscription(stack, 'A', { topic, endpoint: 'https://a.example', pushType: smq.PushType.HTTP, subscriptionName: 'hook' });
      expect(() => new smq.Subscription(stack, 'B', { topic, endpoint: 'https://b.example', pushType: smq.PushType.HTTP, subscriptionName: 'hook' }))
        .toThrow('Shop/B: subscriptionName must be unique in the stack, but \'Shop/A\' already has this subscription name on topic "Shop-Orders", got "hook"');
      // the same name on another topic is fine
      const other = new smq.Topic(stack, 'Refunds');
      expect(() => new smq.Subscription(stack, 'C', { topic: other, endpoint: 'https://b.example', pushType: smq.PushType.HTTP, subscriptionName: 'hook' })).not.toThrow();
    });

    test('one endpoint twice on a topic: an owned queue and an import of it are the same endpoint', () => {
      const { stack, topic } = shop();
      const queue = new smq.Queue(stack, 'Inbox', { queueName: 'inbox' });
      const again = smq.Queue.fromQueueName(stack, 'Again', 'inbox');
      new smq.Subscription(stack, 'A', { topic, endpoint: smq.Identifiers.subscriptionQueueEndpoint(queue.channelAddress), pushType: smq.PushType.QUEUE });
      expect(() => new smq.Subscription(stack, 'B', { topic, endpoint: smq.Identifiers.subscriptionQueueEndpoint(again.channelAddress), pushType: smq.PushType.QUEUE }))
        .toThrow(/^Shop\/B: endpoint must be unique in the stack, but 'Shop\/A' already has this endpoint on topic "Shop-Orders", got "acs:mns:<token>:<token>:queues\/inbox"$/);
    });

    test('the same imported topic and endpoint in two stacks: an error with a literal env, a warning without', () => {
      const app = new ros.App();
      const env = { region: 'cn-hangzhou', account: '111' };
      for (const name of ['One', 'Two']) {
        const stack = new ros.Stack(app, name, { env });
        const topic = smq.Topic.fromTopicName(stack, 'Orders', 'orders');
        const make = (): smq.Subscription => new smq.Subscription(stack, 'Hook', { topic, endpoint: 'https://a.example', pushType: smq.PushType.HTTP, subscriptionName: `hook-${name}` });
        if (name === 'One') {
          make();
        } else {
          expect(make).toThrow('Two/Hook: endpoint must be unique in region cn-hangzhou and account 111, but \'One/Hook\' in stack \'One\' already has this endpoint on topic "orders", got "https://a.example"');
        }
      }
    });
  });
});
