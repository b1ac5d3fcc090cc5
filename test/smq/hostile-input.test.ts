/**
 * Inputs found by trying the constructs as a hostile or careless user would: each was accepted, crashed with a
 * TypeError, or gave an unclear error before.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Template } from '../../lib/assertions';
import { consumers, Grant, smq, ValidationError } from '../../lib';
import { newRole, newStack, warnings } from '../util';

function shop(env?: ros.Environment): { app: ros.App; stack: ros.Stack; topic: smq.Topic } {
  const { app, stack } = newStack('Shop', env ? { env } : {});
  return { app, stack, topic: new smq.Topic(stack, 'Orders') };
}

const http = (stack: ros.Stack, topic: smq.ITopic, id: string, endpoint: string): smq.Subscription =>
  new smq.Subscription(stack, id, { topic, endpoint, pushType: smq.PushType.HTTP });

describe('names the service rejects', () => {
  test('queue names are at most 120 characters (CreateQueue), topic and subscription names 255', () => {
    const { stack } = newStack('S');
    expect(() => new smq.Queue(stack, 'A', { queueName: 'a'.repeat(120) })).not.toThrow();
    expect(() => new smq.Queue(stack, 'B', { queueName: 'b'.repeat(121) })).toThrow('S/B: queueName must be at most 120 characters long (length 121)');
    expect(() => new smq.Topic(stack, 'T', { topicName: 't'.repeat(256) })).toThrow('S/T: topicName must be at most 255 characters long (length 256)');
  });

  test('generated names fit: a DLQ of a 120-character queue, and deep construct trees', () => {
    const { stack } = newStack('S');
    const q = new smq.Queue(stack, 'A', { queueName: 'a'.repeat(120), deadLetterQueue: { maxReceiveCount: 1 } });
    expect((q.deadLetterQueue!.queue as smq.Queue).rosQueue.queueName).toMatch(/^S-A-dlq$|^.{1,120}$/);
    let scope: ros.Construct = stack;
    for (const id of ['ApplicationLayerWithLongName', 'ProcessingPipelineStage', 'ThumbnailRenderingService', 'IncomingWorkItems']) {
      scope = new ros.Construct(scope, id);
    }
    const deep = new smq.Queue(scope, 'JobsQueueForEverything', { deadLetterQueue: { maxReceiveCount: 1 } });
    const topic = new smq.Topic(scope, 'T'.repeat(250));
    for (const name of [deep.rosQueue.queueName, (deep.deadLetterQueue!.queue as smq.Queue).rosQueue.queueName]) {
      expect((name as string).length).toBeLessThanOrEqual(120);
    }
    expect((topic.rosTopic.topicName as string).length).toBeLessThanOrEqual(255);
    Template.fromStack(stack);
  });
});

describe('SMS', () => {
  test('a missing phone number is an error, never `anonymous`', () => {
    for (const phone of [undefined, null, '']) {
      const { topic } = shop();
      expect(() => topic.addSubscription(consumers.SmsSubscription.toPhone(phone as unknown as string)))
        .toThrow(/^Shop\/Orders: SmsSubscription.toPhone\(phoneNumber\) is required: use SmsSubscription.anonymous\(\) for messages that name their own recipients/);
    }
  });
});

describe('intranet and odd hosts', () => {
  test.each([
    'https://localhost./', 'https://127.1/', 'https://2130706433/', 'https://0x7f000001/', 'https://0177.0.0.1/',
    'https://[::1]/', 'https://[fe80::1]/', 'https://[::ffff:10.0.0.1]/', 'https://[fd00::1]/', 'https://[::]/',
    'https://[]/', 'https://x.example/\u0000', 'https://x.example/\u200b', 'https://x.example/\u0085',
  ])('%j is refused', (endpoint) => {
    const { stack, topic } = shop();
    expect(() => http(stack, topic, 'A', endpoint)).toThrow(ValidationError);
  });

  test('messages say why', () => {
    const { stack, topic } = shop();
    expect(() => http(stack, topic, 'A', 'https://127.1/')).toThrow('Shop/A: endpoint must write an IPv4 address as four decimal numbers (this one is 127.0.0.1), got "https://127.1/"');
    expect(() => http(stack, topic, 'B', 'https://[::ffff:10.0.0.1]/')).toThrow('Shop/B: endpoint must not be an intranet address: SMQ pushes only to addresses reachable from the Internet');
    expect(() => http(stack, topic, 'C', 'https://[2001:db8::1]/')).not.toThrow();
  });
});

describe('endpoints that start with a token, or hide one in the host', () => {
  test.each([
    ['${P}://user:pw@example.com/', /must not carry user information/],
    ['https://10.0.0.${P}/', /intranet/],
    ['https://${P}.localhost/', /intranet/],
    ['https://192.168.${P}:8443/x', /intranet/],
  ])('%j is refused', (template, message) => {
    const { stack, topic } = shop();
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => http(stack, topic, 'A', template.replace('${P}', p))).toThrow(message);
  });

  test('a queue endpoint: the literal queue name piece, and a region given through Fn::Join', () => {
    const { stack, topic } = shop({ region: 'cn-hangzhou', account: '111' });
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => new smq.Subscription(stack, 'A', { topic, endpoint: `acs:mns:cn-hangzhou:111:queues/bad_name!${p}`, pushType: smq.PushType.QUEUE }))
      .toThrow(/^Shop\/A: endpoint must be a queue endpoint/);
    expect(() => new smq.Subscription(stack, 'B', { topic, endpoint: ros.Fn.join(':', ['acs', 'mns', 'cn-beijing', p, 'queues/q']), pushType: smq.PushType.QUEUE }))
      .toThrow('Shop/B: endpoint must be in the same region as the topic (cn-hangzhou), got "the queue endpoint \\"acs:mns:cn-beijing:<token>:queues/q\\" in region cn-beijing"');
    new smq.Subscription(stack, 'C', { topic, endpoint: ros.Fn.join(':', ['acs', 'mns', 'cn-hangzhou', p, 'queues/q']), pushType: smq.PushType.QUEUE });
    expect(warnings(stack)).toEqual([expect.stringMatching(/^Shop\/C: endpoint: the queue endpoint "acs:mns:cn-hangzhou:<token>:queues\/q" is in region cn-hangzhou, account <token>/)]);
  });
});

describe('secrets stay out of messages', () => {
  test('a query string (webhook tokens) and user information are masked, also in the duplicate error', () => {
    const { stack, topic } = shop();
    expect(() => http(stack, topic, 'A', 'https://10.1.1.1/robot/send?access_token=SECRET123')).toThrow(/got "https:\/\/10.1.1.1\/robot\/send\?\*\*\*"$/);
    http(stack, topic, 'B', 'https://oapi.example.com/robot/send?access_token=SECRET123');
    let message = '';
    try {
      http(stack, topic, 'C', 'https://oapi.example.com/robot/send?access_token=SECRET123');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Shop\/C: endpoint must be unique in the stack/);
    expect(message).not.toContain('SECRET123');
    expect(() => new smq.Subscription(stack, 'D', { topic, endpoint: 'https://u:hunter2@x.example/a', pushType: smq.PushType.MPUSH })).not.toThrow();
    expect(() => new smq.Subscription(stack, 'E', { topic, endpoint: 'https://u:hunter2@x.example/a', pushType: smq.PushType.MPUSH })).toThrow(/^(?!.*hunter2)/s);
  });
});

describe('wrong kinds and missing values: ValidationErrors, not crashes', () => {
  test('a topic where a dead-letter queue belongs', () => {
    const { stack, topic } = shop();
    const other = new smq.Topic(stack, 'Other');
    expect(() => new smq.Subscription(stack, 'A', { topic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP, deadLetterQueue: other as unknown as smq.IQueue }))
      .toThrow('Shop/A: deadLetterQueue must be a queue, not a topic (smq.Queue, or one imported with Queue.fromQueueName or fromQueueArn), got "Shop/Other"');
    expect(() => new smq.Queue(stack, 'Q', { deadLetterQueue: { queue: other as unknown as smq.IQueue, maxReceiveCount: 3 } }))
      .toThrow('Shop/Q: deadLetterQueue.queue must be a queue, not a topic (smq.Queue, or one imported with Queue.fromQueueName or fromQueueArn), got "Shop/Other"');
  });

  test('plain objects, null and undefined', () => {
    const { stack, topic } = shop();
    expect(() => new smq.Queue(stack, 'A', { deadLetterQueue: null as unknown as smq.DeadLetterQueueOptions })).not.toThrow();
    expect(() => new smq.Queue(stack, 'B', { deadLetterQueue: { queue: {} as smq.IQueue, maxReceiveCount: 1 } })).toThrow(/^Shop\/B: deadLetterQueue.queue must be a queue/);
    expect(() => new smq.Subscription(stack, 'C', { topic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP, deadLetterQueue: {} as smq.IQueue }))
      .toThrow(/^Shop\/C: deadLetterQueue must be a queue/);
    expect(() => new smq.Subscription(stack, 'D', { topic: { channelAddress: topic.channelAddress } as smq.ITopic, endpoint: 'https://x.example', pushType: smq.PushType.HTTP }))
      .toThrow(/^Shop\/D: topic must be a topic/);
    expect(() => new smq.Subscription(stack, 'E', { topic, endpoint: 'https://x.example' } as unknown as smq.SubscriptionProps)).toThrow('Shop/E: pushType is required, got undefined');
    expect(() => topic.addSubscription(undefined as unknown as smq.ITopicSubscription))
      .toThrow('Shop/Orders: addSubscription must be given a subscriber, such as new consumers.QueueSubscription(queue), got undefined');
    expect(() => topic.addSubscription({ bind: () => undefined } as unknown as smq.ITopicSubscription))
      .toThrow(/^Shop\/Orders: addSubscription must be given a subscriber whose bind\(\) returns \{ subscriberId, endpoint, pushType \}/);
    expect(() => new smq.RosQueue(stack, 'L1', { queueName: 'q', tags: 'x' as unknown as smq.RosTagProperty[] }, true)).toThrow('Shop/L1: tags must be a list of { key, value } tags, got "x"');
    expect(() => new smq.Queue(stack, 'F', { tags: ['a'] as unknown as { [key: string]: string } })).toThrow('Shop/F: tags must be a map of tag keys to values, such as { team: "media" }, got ["a"]');
    expect(() => new smq.Queue(stack, 'G', { tags: { team: 5 as unknown as string } })).toThrow('Shop/G: tags[0].value must be a string (the value of tag "team"), got 5');
  });

  test('an IResolvable endpoint (ros.Fn.conditionIf) is taken as the token it is', () => {
    const { stack, topic } = shop();
    const condition = new ros.RosCondition(stack, 'Prod', { expression: ros.Fn.conditionEquals('a', 'a') });
    const url = ros.Fn.conditionIf(condition.logicalId, 'https://prod.example.com/hook', 'https://dev.example.com/hook');
    topic.addSubscription(new consumers.UrlSubscription(url as unknown as string));
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::Subscription', { Endpoint: { 'Fn::If': ['Prod', 'https://prod.example.com/hook', 'https://dev.example.com/hook'] } });
  });

  test('Identifiers and Grant with nothing, or the wrong thing', () => {
    expect(() => smq.Identifiers.ramArn(undefined as unknown as smq.ChannelAddress))
      .toThrow('address must be a channel address { kind, name, region, account }, such as queue.channelAddress, got undefined');
    expect(() => smq.Identifiers.channelUrl({ kind: 'bucket' } as unknown as smq.ChannelAddress)).toThrow(ValidationError);
    expect(() => smq.Identifiers.parseChannelArn('bogus' as smq.ChannelKind, 'x')).toThrow('kind must be ChannelKind.QUEUE or ChannelKind.TOPIC, got "bogus"');
    const address = { kind: smq.ChannelKind.TOPIC, name: 't', region: 'cn-hangzhou', account: '1' };
    expect(() => smq.Identifiers.iotMnsActionConfiguration({} as ros.IConstruct, address, 'a', 'b')).toThrow(/^scope must be a construct in the stack/);
    const { stack } = newStack('S');
    const role = newRole(stack, 'R');
    expect(() => Grant.addToPrincipal({ scope: {} as ros.IConstruct, grantee: role, actions: ['mns:SendMessage'], resourceArns: ['a'] }))
      .toThrow(/^Grant.addToPrincipal\(options\).scope must be the construct/);
    expect(() => Grant.addToPrincipal(undefined as unknown as { scope: ros.IConstruct; grantee: ram.IGrantable; actions: string[]; resourceArns: string[] })).toThrow(ValidationError);
  });
});

describe('L1 props changed in place are checked again at synth', () => {
  test.each([
    ['26 tags', (q: smq.RosQueue) => { for (let i = 0; i < 25; i++) q.tags!.push({ key: `k${i}` }); }, 'tags must have at most 20 items'],
    ['an emptied tag key', (q: smq.RosQueue) => { (q.tags![0] as { key: string }).key = ''; }, 'tags[0].key is required'],
    ['a reserved tag key', (q: smq.RosQueue) => { q.tags!.push({ key: 'aliyun:owner' }); }, 'must not start with "acs:" or "aliyun"'],
    ['a DLQ receive count of -5', (q: smq.RosQueue) => { (q.dlqPolicy as { maxReceiveCount: number }).maxReceiveCount = -5; }, 'dlqPolicy.maxReceiveCount must be an integer between 1 and 1000, got -5'],
    ['the constraint switched on', (q: smq.RosQueue) => { q.enableResourcePropertyConstraint = true; }, 'queueName must contain only'],
  ])('%s', (_name, mutate, message) => {
    const { app, stack } = newStack('L1');
    const q = new smq.RosQueue(stack, 'Q', {
      queueName: _name === 'the constraint switched on' ? 'q_1' : 'q',
      tags: [{ key: 'team', value: 'a' }],
      dlqPolicy: { deadLetterTargetQueue: 'd', enabled: true, maxReceiveCount: 3 },
    }, _name !== 'the constraint switched on');
    mutate(q);
    expect(() => app.synth()).toThrow(message);
  });
});

describe('tags, booleans, emails, actions', () => {
  test('tags: reserved prefixes, URLs and blank keys', () => {
    const { stack } = newStack('S');
    expect(() => new smq.Queue(stack, 'A', { tags: { 'aliyun:x': 'v' } })).toThrow('S/A: tags[0].key must not start with "acs:" or "aliyun", which Alibaba Cloud reserves, got "aliyun:x"');
    expect(() => new smq.Queue(stack, 'B', { tags: { 'ACS:x': 'v' } })).toThrow(/must not start with "acs:" or "aliyun"/);
    expect(() => new smq.Queue(stack, 'C', { tags: { 'see http://x': 'v' } })).toThrow('S/C: tags[0].key must not contain "http://" or "https://", got "see http://x"');
    expect(() => new smq.Queue(stack, 'D', { tags: { '   ': 'v' } })).toThrow('S/D: tags[0].key must not be blank, got "   "');
    expect(() => new smq.Topic(stack, 'E', { tags: { k: 'https://x' } })).toThrow('S/E: tags[0].value must not contain "http://" or "https://", got "https://x"');
    expect(() => new smq.Queue(stack, 'F', { tags: { team: '', 'a-b': 'c' } })).not.toThrow();
  });

  test('flags must be booleans', () => {
    const { stack } = newStack('S');
    expect(() => new smq.Queue(stack, 'A', { loggingEnabled: 'yes' as unknown as boolean })).toThrow('S/A: loggingEnabled must be true or false, got "yes"');
    expect(() => new smq.Topic(stack, 'B', { loggingEnabled: 1 as unknown as boolean })).toThrow('S/B: loggingEnabled must be true or false, got 1');
    expect(() => new smq.RosQueue(stack, 'C', { queueName: 'c', dlqPolicy: { deadLetterTargetQueue: 'd', enabled: 'yes' as unknown as boolean, maxReceiveCount: 1 } }, true))
      .toThrow('S/C: dlqPolicy.enabled must be true or false, got "yes"');
  });

  test.each(['a@b..c', 'a,b@c.d', 'a;b@c.d', '<a@b.c>', 'a@-b.c', 'a..b@c.d', '.a@b.c', 'a@b', 'a@b.c\u0000'])('mail address %j is refused', (address) => {
    const { topic } = shop();
    expect(() => topic.addSubscription(new consumers.EmailSubscription(address))).toThrow(ValidationError);
  });

  test.each(['ops@example.com', 'first.last+tag@mail.example.co', "o'brien@example.org"])('mail address %j is accepted', (address) => {
    const { topic } = shop();
    expect(() => topic.addSubscription(new consumers.EmailSubscription(address))).not.toThrow();
  });

  test('Grant.addToPrincipal checks the action format and the document size', () => {
    const { stack } = newStack('S');
    const q = new smq.Queue(stack, 'Q');
    const role = newRole(stack, 'R');
    for (const action of ['', '*', 'mns', 'mns:', ':x', 'mns:Send Message', 42]) {
      expect(() => Grant.addToPrincipal({ scope: q, grantee: role, actions: [action as string], resourceArns: ['acs:mns:r:a:/queues/q'] }))
        .toThrow(/^S\/Q: actions\[0\] must be a RAM action "<service>:<Action>"/);
    }
    const many = Array.from({ length: 200 }, (_, i) => `acs:mns:cn-hangzhou:1:/queues/queue-number-${i}`);
    expect(() => Grant.addToPrincipal({ scope: q, grantee: newRole(stack, 'Big'), actions: ['mns:SendMessage'], resourceArns: many }))
      .toThrow(/^S\/Q: actions must fit in one RAM policy document of at most 6144 characters: grant fewer actions or resources to this principal, got "\d+ characters in policy/);
  });

  test('more than 10 policies for one principal: a warning (RAM attaches 10 custom policies by default)', () => {
    const { stack } = newStack('S');
    const role = newRole(stack, 'R');
    for (let i = 0; i < 11; i++) {
      new smq.Queue(stack, `Q${i}`).grantSendMessages(role);
    }
    expect(warnings(stack)).toEqual([expect.stringMatching(/^S\/Q10: grants: ros-cdk-smq makes one RAM policy per principal and channel, and S\/R now has more than 10/)]);
  });
});

describe('one endpoint, two spellings', () => {
  test('https://a.example/ and HTTPS://A.EXAMPLE/ are the same endpoint', () => {
    const { stack, topic } = shop();
    http(stack, topic, 'A', 'https://a.example/');
    expect(() => http(stack, topic, 'B', 'HTTPS://A.EXAMPLE/')).toThrow(/^Shop\/B: endpoint must be unique in the stack/);
  });
});

describe('second round', () => {
  test.each(['https://224.0.0.1/', 'https://255.255.255.255/', 'https://198.18.0.1/', 'https://x.example/%6Dns-reserved-x'])('%j is refused', (endpoint) => {
    const { stack, topic } = shop();
    expect(() => http(stack, topic, 'A', endpoint)).toThrow(ValidationError);
  });

  test('each literal choice of an Fn::If or Fn::Select endpoint is checked', () => {
    const { stack, topic } = shop();
    const condition = new ros.RosCondition(stack, 'Prod', { expression: ros.Fn.conditionEquals('a', 'a') });
    const insecure = ros.Fn.conditionIf(condition.logicalId, 'http://prod.example.com/hook', 'https://dev.example.com/hook');
    expect(() => http(stack, topic, 'A', insecure as unknown as string)).toThrow(/^Shop\/A: endpoint must be an https:\/\/ URL for push type http .*got "http:\/\/prod.example.com\/hook"$/);
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => http(stack, topic, 'B', ros.Token.asString(ros.Fn.select(0, ['https://10.0.0.1/', p])))).toThrow(/intranet/);
  });

  test('toPhone("anonymous") is not a phone number', () => {
    const { topic } = shop();
    expect(() => topic.addSubscription(consumers.SmsSubscription.toPhone('anonymous'))).toThrow(/SmsSubscription.toPhone\(phoneNumber\) is required/);
  });

  test('Grant.addToPrincipal: literal resources are ARNs; a principal known only by name has a RAM name', () => {
    const { stack } = newStack('S');
    const q = new smq.Queue(stack, 'Q');
    const role = newRole(stack, 'R');
    for (const arn of ['not an arn', 'acs:mns:r:a:/queues/a b', '']) {
      expect(() => Grant.addToPrincipal({ scope: q, grantee: role, actions: ['mns:SendMessage'], resourceArns: [arn] })).toThrow(/^S\/Q: resourceArns\[0\] must be a resource ARN/);
    }
    const named = { principalType: 'role', principalName: 'bad name!' } as unknown as ram.IPrincipal;
    (named as { grantPrincipal?: unknown }).grantPrincipal = named;
    expect(() => q.grantSendMessages(named)).toThrow('S/Q: grantee.grantPrincipal.principalName must be a RAM role, user or group name: 1 to 64 letters, digits, periods, underscores, at signs and hyphens, got "bad name!"');
  });

  test('a tag key twice on an L1', () => {
    const { stack } = newStack('S');
    expect(() => new smq.RosTopic(stack, 'T', { topicName: 't', tags: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }, true))
      .toThrow('S/T: tags[1].key must be unique among the tags of the resource, got "a"');
  });
});
