import * as ros from '@alicloud/ros-cdk-core';
import * as oss from '@alicloud/ros-cdk-oss';
import { Match, Template } from '../../lib/assertions';
import { smq, sources } from '../../lib';
import { expectInvalid, getAtt, infos, mnsJoin, newStack, warnings } from '../util';

const ENV = { region: 'cn-hangzhou', account: '123456789012' };
const { OssEvent, OssNotificationPath } = sources;
const EB = OssNotificationPath.EVENTBRIDGE;

function media(env?: ros.Environment): { app: ros.App; stack: ros.Stack; bucket: oss.Bucket; jobs: smq.Queue; ops: smq.Topic } {
  const { app, stack } = newStack('Media', env ? { env } : {});
  return {
    app,
    stack,
    bucket: new oss.Bucket(stack, 'Uploads', { bucketName: 'media-uploads' }),
    jobs: new smq.Queue(stack, 'Jobs'),
    ops: new smq.Topic(stack, 'Ops'),
  };
}

/** The Fn::Join a stack without a literal environment renders for `acs:oss:{region}:{account}:{bucket}/{key}`. */
function objectArn(bucket: unknown, key: string): unknown {
  const parts: unknown[] = ['acs:oss:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, ':', bucket, `/${key}`];
  return { 'Fn::Join': ['', parts] };
}

const CREATED = [
  'oss:ObjectCreated:PutObject', 'oss:ObjectCreated:PostObject', 'oss:ObjectCreated:CopyObject', 'oss:ObjectCreated:AppendObject',
  'oss:ObjectCreated:CompleteMultipartUpload', 'oss:ObjectCreated:InitiateMultipartUpload', 'oss:ObjectCreated:UploadPart',
  'oss:ObjectCreated:UploadPartCopy',
];


describe('OssEventNotification on the SMQ path (the default)', () => {
  test('renders one ALIYUN::MNS::EventNotification: oss, the event types, the filters as object ARNs, the queue endpoint', () => {
    const { stack, bucket, jobs } = media();
    const notification = new sources.OssEventNotification(stack, 'OnUpload', {
      bucket,
      events: [OssEvent.OBJECT_CREATED, OssEvent.OBJECT_REMOVED_DELETE],
      filters: [{ prefix: 'in/', suffix: '.jpg' }, { suffix: '.png' }],
      destination: jobs,
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::EventNotification', 1);
    template.resourceCountIs('ALIYUN::EventBridge::Rule', 0);
    expect(Object.keys(template.findResources('ALIYUN::MNS::EventNotification'))).toEqual(['OnUpload']);
    template.hasResource('ALIYUN::MNS::EventNotification', {
      Properties: Match.objectEquals({
        Identifier: 'Media-OnUpload',
        ProductName: 'oss',
        EventTypes: [...CREATED, 'oss:ObjectRemoved:DeleteObject'],
        Resources: [
          { prefix: objectArn(getAtt('Uploads', 'Name'), 'in/'), suffix: '.jpg' },
          { prefix: objectArn(getAtt('Uploads', 'Name'), ''), suffix: '.png' },
        ],
        Endpoints: [mnsJoin('queues/', getAtt('Jobs', 'QueueName'))],
      }),
    });
    expect(notification.eventNotification).toBeDefined();
    expect(notification.eventRule).toBeUndefined();
    expect(warnings(stack)).toEqual([]);
  });

  test('no filters: the whole bucket; a bucket by name in a stack with a literal environment', () => {
    const { stack, jobs } = media(ENV);
    new sources.OssEventNotification(stack, 'N', { bucketName: 'legacy-bucket', events: [OssEvent.OBJECT_CREATED_PUT], destination: jobs, ruleName: 'legacy-puts' });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::EventNotification', Match.objectEquals({
      Identifier: 'legacy-puts',
      ProductName: 'oss',
      EventTypes: ['oss:ObjectCreated:PutObject'],
      Resources: [{ prefix: 'acs:oss:cn-hangzhou:123456789012:legacy-bucket/' }],
      Endpoints: [{ 'Fn::Join': ['', ['acs:mns:cn-hangzhou:123456789012:queues/', getAtt('Jobs', 'QueueName')]] }],
    }));
  });

  test('a topic: the inferred topic endpoint, said in an info annotation', () => {
    const { stack, bucket, ops } = media();
    new sources.OssEventNotification(stack, 'N', { bucket, events: [OssEvent.OBJECT_REMOVED], destination: ops });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::EventNotification', {
      EventTypes: ['oss:ObjectRemoved:DeleteObject', 'oss:ObjectRemoved:DeleteObjects'],
      Endpoints: [mnsJoin('topics/', getAtt('Ops', 'TopicName'))],
    });
    expect(infos(stack)).toEqual([expect.stringMatching(/^Media\/N: destination: the topic endpoint of the SMQ event notification is written as .*the topic form is inferred/)]);
  });

  test('two notifications in one stack, an imported queue, and OssEvent.of', () => {
    const { stack, bucket, jobs } = media(ENV);
    const legacy = smq.Queue.fromQueueArn(stack, 'Legacy', 'acs:mns:cn-hangzhou:123456789012:queues/legacy');
    new sources.OssEventNotification(stack, 'A', { bucket, events: [OssEvent.OBJECT_CREATED_PUT], filters: [{ prefix: 'a/' }], destination: jobs });
    new sources.OssEventNotification(stack, 'B', { bucket, events: [OssEvent.of('oss:ObjectCreated:PutObject'), OssEvent.OBJECT_CREATED_PUT], filters: [{ prefix: 'b/' }], destination: legacy });
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('ALIYUN::MNS::EventNotification'))).toEqual(['A', 'B']);
    template.hasResourceProperties('ALIYUN::MNS::EventNotification', {
      Identifier: 'Media-B', EventTypes: ['oss:ObjectCreated:PutObject'], Endpoints: ['acs:mns:cn-hangzhou:123456789012:queues/legacy'],
    });
  });

  test('SMQ\'s limit of 10 event notification rules per stack', () => {
    const { stack, jobs } = media();
    for (let i = 0; i < 10; i++) {
      new sources.OssEventNotification(stack, `N${i}`, { bucketName: `bucket-${i}`, events: [OssEvent.OBJECT_CREATED], destination: jobs });
    }
    expect(() => new sources.OssEventNotification(stack, 'N10', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: jobs }))
      .toThrow('Media/N10: via must keep the stack within 10 SMQ event notification rules, SMQ\'s limit per region and account: use via: OssNotificationPath.EVENTBRIDGE for more, got "rule number 11 in stack \'Media\'"');
    new sources.OssEventNotification(stack, 'N11', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: jobs, via: EB });
  });

  test('the limit of 10 counts every stack of one literal region and account (an error), and warns for stacks decided at deploy time', () => {
    const app = new ros.App();
    const make = (stack: ros.Stack, n: number): void => {
      const q = new smq.Queue(stack, 'Q');
      for (let i = 0; i < n; i++) {
        new sources.OssEventNotification(stack, `N${i}`, { bucketName: `${stack.stackName.toLowerCase()}-bucket-${i}`, events: [OssEvent.OBJECT_CREATED], destination: q });
      }
    };
    const a = new ros.Stack(app, 'A', { env: ENV });
    make(a, 6);
    const b = new ros.Stack(app, 'B', { env: ENV });
    make(b, 4);
    expectInvalid(() => new sources.OssEventNotification(b, 'N4', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: smq.Queue.fromQueueName(b, 'X', 'x') }),
      'B/N4: via must keep the app within 10 SMQ event notification rules in one region and account, SMQ\'s limit per region and account: use via: '
      + 'OssNotificationPath.EVENTBRIDGE for more, got "rule number 11 in region cn-hangzhou and account 123456789012"');
    make(new ros.Stack(app, 'Beijing', { env: { ...ENV, region: 'cn-beijing' } }), 10);

    const open = new ros.App();
    const c = new ros.Stack(open, 'C');
    const d = new ros.Stack(open, 'D');
    make(c, 6);
    make(d, 5);
    expect(warnings(d)).toEqual([expect.stringMatching(/^D\/N4: via: this is SMQ event notification rule number 11 in stacks whose region or account is decided at deploy time/)]);
    expect(warnings(c)).toEqual([]);
  });

  test('one rule name twice: an error in one stack or one literal region and account', () => {
    const app = new ros.App();
    const a = new ros.Stack(app, 'A', { env: ENV });
    const q = new smq.Queue(a, 'Q');
    new sources.OssEventNotification(a, 'N1', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: q, ruleName: 'uploads' });
    // (other buckets below: one bucket's objects under two rules with one event type is refused on its own)
    expectInvalid(() => new sources.OssEventNotification(a, 'N2', { bucketName: 'b-2', events: [OssEvent.OBJECT_CREATED], destination: q, ruleName: 'uploads' }),
      'A/N2: ruleName must be unique in the stack, but \'A/N1\' already has this SMQ event notification rule name, got "uploads"');
    const b = new ros.Stack(app, 'B', { env: ENV });
    expectInvalid(() => new sources.OssEventNotification(b, 'N', { bucketName: 'b-3', events: [OssEvent.OBJECT_CREATED], destination: new smq.Queue(b, 'Q'), ruleName: 'uploads' }),
      /^B\/N: ruleName must be unique in region cn-hangzhou and account 123456789012, but 'A\/N1' in stack 'A' already has this SMQ event notification rule name/);
    const beijing = new ros.Stack(app, 'Beijing', { env: { ...ENV, region: 'cn-beijing' } });
    new sources.OssEventNotification(beijing, 'N', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: new smq.Queue(beijing, 'Q'), ruleName: 'uploads' });
  });

  test('OssEvent.of a type a constant names takes that constant\'s paths', () => {
    const { stack, jobs } = media();
    expect(OssEvent.of('oss:ObjectCreated:PutSymlink')).toBe(OssEvent.OBJECT_CREATED_PUT_SYMLINK);
    expectInvalid(() => new sources.OssEventNotification(stack, 'N', { bucketName: 'b-1', events: [OssEvent.of('oss:ObjectCreated:PutSymlink')], destination: jobs }),
      /^Media\/N: events\[0\] must be an event type that SMQ event notifications deliver/);
    expect(OssEvent.of(null as any).isCategory()).toBe(false);
  });
});

describe('OssEventNotification via EventBridge', () => {
  test('renders an EventBridge rule on the default bus: source acs.oss, types, object subjects, the queue target', () => {
    const { stack, bucket, jobs } = media();
    const dead = new smq.Queue(stack, 'Dead');
    const notification = new sources.OssEventNotification(stack, 'OnUpload', {
      bucket,
      events: [OssEvent.OBJECT_CREATED, OssEvent.OBJECT_REMOVED_DELETE],
      filters: [{ prefix: 'in/', suffix: '.jpg' }, { prefix: 'raw/' }],
      destination: jobs,
      via: EB,
      target: { deadLetterQueue: dead },
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::EventNotification', 0);
    expect(Object.keys(template.findResources('ALIYUN::EventBridge::Rule'))).toEqual(['OnUploadRule']);
    template.hasResourceProperties('ALIYUN::EventBridge::Rule', {
      RuleName: 'Media-OnUpload',
      EventBusName: 'default',
      FilterPattern: Match.objectEquals({
        source: ['acs.oss'],
        type: [{ prefix: 'oss:ObjectCreated:' }, 'oss:ObjectRemoved:DeleteObject'],
        subject: [
          { prefix: objectArn(getAtt('Uploads', 'Name'), 'in/'), suffix: '.jpg' },
          { prefix: objectArn(getAtt('Uploads', 'Name'), 'raw/') },
        ],
      }),
      Targets: [Match.objectLike({
        Type: 'acs.mns.queue',
        Endpoint: mnsJoin('queues/', getAtt('Jobs', 'QueueName')),
        PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY',
        ErrorsTolerance: 'ALL',
        DeadLetterQueue: { Arn: mnsJoin('/queues/', getAtt('Dead', 'QueueName')) },
      })],
    });
    expect(notification.eventRule).toBeInstanceOf(sources.EventRule);
    expect(notification.eventNotification).toBeUndefined();
  });

  test('EventBridge-only types pass on this path; a category expands only to the path\'s own types', () => {
    const { stack, jobs } = media();
    new sources.OssEventNotification(stack, 'N', {
      bucketName: 'b-1', events: [OssEvent.OBJECT_RESTORE_FINISHED, OssEvent.OBJECT_CREATED_PUT_SYMLINK, OssEvent.OBJECT_REMOVED_ABORT_MULTIPART_UPLOAD], destination: jobs, via: EB,
    });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::EventBridge::Rule', {
      FilterPattern: { type: ['oss:ObjectRestore:FinishRestore', 'oss:ObjectCreated:PutSymlink', 'oss:ObjectRemoved:AbortMultipartUpload'] },
    });
    const smqPath = media();
    new sources.OssEventNotification(smqPath.stack, 'N', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: smqPath.jobs });
    const types = Template.fromStack(smqPath.stack).toJSON().Resources.N.Properties.EventTypes;
    expect(types).toEqual(CREATED);
    expect(types).not.toContain('oss:ObjectCreated:PutSymlink');
  });
});

describe('OssEventNotification checks', () => {
  test('a destination in another region or account than the stack: an error with literals, a warning with tokens', () => {
    const { stack } = media(ENV);
    const far = smq.Queue.fromQueueArn(stack, 'Far', 'acs:mns:cn-beijing:123456789012:queues/far');
    expect(() => new sources.OssEventNotification(stack, 'N', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: far }))
      .toThrow('Media/N: destination must be in the same region as the stack (cn-hangzhou), got "queue \'Media/Far\' in region cn-beijing"');
    const farTopic = smq.Topic.fromTopicArn(stack, 'FarTopic', 'acs:mns:cn-hangzhou:999999999999:topics/t');
    expect(() => new sources.OssEventNotification(stack, 'N2', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: farTopic }))
      .toThrow(/^Media\/N2: destination must be in the same account as the stack \(123456789012\)/);
    expect(() => new sources.OssEventNotification(stack, 'N3', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: far, via: EB }))
      .toThrow(/^Media\/N3: destination must be in the same region as the stack/);

    const open = media();
    new sources.OssEventNotification(open.stack, 'N', {
      bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: smq.Queue.fromQueueArn(open.stack, 'Far', 'acs:mns:cn-beijing:123456789012:queues/far'),
    });
    expect(warnings(open.stack)).toEqual([expect.stringMatching(/^Media\/N: destination: queue 'Media\/Far' is in region cn-beijing/)]);
  });

  test('a bucket of a stack in another region is an error', () => {
    const app = new ros.App();
    const storage = new ros.Stack(app, 'Storage', { env: ENV });
    const bucket = new oss.Bucket(storage, 'Uploads', { bucketName: 'media-uploads' });
    const other = new ros.Stack(app, 'Other', { env: { ...ENV, region: 'cn-beijing' } });
    expect(() => new sources.OssEventNotification(other, 'N', { bucket, events: [OssEvent.OBJECT_CREATED], destination: new smq.Queue(other, 'Q') }))
      .toThrow('Other/N: bucket must be in the same region as the stack (cn-beijing), got "bucket \'Storage/Uploads\' in region cn-hangzhou"');
    const same = new ros.Stack(app, 'Same', { env: ENV });
    new sources.OssEventNotification(same, 'N', { bucket, events: [OssEvent.OBJECT_CREATED], destination: new smq.Queue(same, 'Q') });
    expect(JSON.stringify(app.synth().getStackByName('Same').template.Resources.N.Properties.Resources)).toContain('Fn::ImportValue');
  });

  test('tokens pass: bucket name, prefix, suffix, rule name, custom event type', () => {
    const { stack, jobs } = media();
    const name = new ros.RosParameter(stack, 'BucketName', { type: ros.RosParameterType.STRING });
    const key = new ros.RosParameter(stack, 'Key', { type: ros.RosParameterType.STRING });
    new sources.OssEventNotification(stack, 'N', {
      bucketName: name.valueAsString,
      ruleName: key.valueAsString,
      events: [OssEvent.of(key.valueAsString)],
      filters: [{ prefix: ros.Fn.join('', [key.valueAsString, '/']), suffix: key.valueAsString }],
      destination: jobs,
    });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::MNS::EventNotification', {
      Identifier: { Ref: 'Key' }, EventTypes: [{ Ref: 'Key' }], Resources: [Match.objectLike({ suffix: { Ref: 'Key' } })],
    });
  });

  test.each<[string, (s: ros.Stack, b: oss.Bucket, q: smq.Queue, t: smq.Topic) => unknown, string | RegExp]>([
    ['no props', (s) => new sources.OssEventNotification(s, 'N', undefined as any),
      'Media/N: props must be given: { bucket or bucketName, events, destination }, got undefined'],
    ['no events', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [], destination: q }),
      'Media/N: events must name at least one event, such as OssEvent.OBJECT_CREATED, got []'],
    ['a string event', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: ['oss:ObjectCreated:PutObject' as any], destination: q }),
      'Media/N: events[0] must be an OssEvent, such as OssEvent.OBJECT_CREATED_PUT or OssEvent.of("oss:..."), got "oss:ObjectCreated:PutObject"'],
    ['a malformed custom event', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.of('ObjectCreated')], destination: q }),
      'Media/N: events[0] must be an OSS event type "oss:<category>:<operation>", such as "oss:ObjectCreated:PutObject", got "ObjectCreated"'],
    ['an EventBridge-only event on the SMQ path', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_RESTORE_FINISHED], destination: q }),
      'Media/N: events[0] must be an event type that SMQ event notifications deliver (this one comes only through EventBridge: via OssNotificationPath.EVENTBRIDGE), got "oss:ObjectRestore:FinishRestore"'],
    ['an SMQ-only event on the EventBridge path', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_REMOVED_DELETE_MULTIPLE], destination: q, via: EB }),
      'Media/N: events[0] must be an event type that EventBridge delivers (this one comes only through SMQ event notifications: via OssNotificationPath.SMQ), got "oss:ObjectRemoved:DeleteObjects"'],
    ['a filter with neither prefix nor suffix', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], filters: [{}], destination: q }),
      'Media/N: filters[0] must have a prefix, a suffix or both (leave filters out for every object), got {}'],
    ['a filter that is not a list', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], filters: { prefix: 'a' } as any, destination: q }),
      'Media/N: filters must be a list of { prefix?, suffix? }, got {"prefix":"a"}'],
    ['a control character in a prefix', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], filters: [{ prefix: 'a\nb' }], destination: q }),
      'Media/N: filters[0].prefix must contain only characters that are not control characters, got "a\\nb"'],
    ['both bucket and bucketName', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, bucketName: 'x-y-z', events: [OssEvent.OBJECT_CREATED], destination: q }),
      'Media/N: bucket or bucketName must be given, and only one of them, got "{ bucket, bucketName }"'],
    ['neither bucket nor bucketName', (s, _b, q) => new sources.OssEventNotification(s, 'N', { events: [OssEvent.OBJECT_CREATED], destination: q }),
      'Media/N: bucket or bucketName must be given, and only one of them, got undefined'],
    ['an upper-case bucket name', (s, _b, q) => new sources.OssEventNotification(s, 'N', { bucketName: 'My_Bucket', events: [OssEvent.OBJECT_CREATED], destination: q }),
      'Media/N: bucketName must contain only lower-case letters, digits and hyphens, and start and end with a letter or digit, got "My_Bucket"'],
    ['a bucket name of 2 characters', (s, _b, q) => new sources.OssEventNotification(s, 'N', { bucketName: 'ab', events: [OssEvent.OBJECT_CREATED], destination: q }),
      'Media/N: bucketName must be between 3 and 63 characters long (length 2), got "ab"'],
    ['a bucket name of 64 characters', (s, _b, q) => new sources.OssEventNotification(s, 'N', { bucketName: 'b'.repeat(64), events: [OssEvent.OBJECT_CREATED], destination: q }),
      /^Media\/N: bucketName must be between 3 and 63 characters long \(length 64\)/],
    ['a bucket name ending in a hyphen', (s, _b, q) => new sources.OssEventNotification(s, 'N', { bucketName: 'abc-', events: [OssEvent.OBJECT_CREATED], destination: q }),
      'Media/N: bucketName must contain only lower-case letters, digits and hyphens, and start and end with a letter or digit, got "abc-"'],
    ['a bucket that is not a bucket', (s, _b, q) => new sources.OssEventNotification(s, 'N', { bucket: { bucketName: 'x' } as any, events: [OssEvent.OBJECT_CREATED], destination: q }),
      'Media/N: bucket must be an OSS bucket of this app (oss.Bucket); name a bucket it does not own with bucketName, got {"bucketName":"x"}'],
    ['no destination', (s, b) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], destination: undefined as any }),
      /^Media\/N: destination must be a queue or a topic/],
    ['a topic on the EventBridge path', (s, b, _q, t) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], destination: t, via: EB }),
      /^Media\/N: destination must be a queue on the EventBridge path: the EventBridge topic target \(acs.mns.topic\) is not documented/],
    ['a path that is a token', (s, b, q) => new sources.OssEventNotification(s, 'N', {
      bucket: b, events: [OssEvent.OBJECT_CREATED], destination: q, via: new ros.RosParameter(s, 'V', { type: ros.RosParameterType.STRING }).valueAsString as any,
    }), 'Media/N: via must be a literal OssNotificationPath, not a token: it decides what the construct makes at synth, got "<token>"'],
    ['a bad message on the EventBridge path', (s, b, q) => new sources.OssEventNotification(s, 'N', {
      bucket: b, events: [OssEvent.OBJECT_CREATED], destination: q, via: EB, target: { message: sources.TargetMessage.fromPath('data') },
    }), /^Media\/N: target.message must be a JSONPath/],
    ['an unknown path', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], destination: q, via: 'sns' as any }),
      'Media/N: via must be one of "smq", "eventbridge", got "sns"'],
    ['target options on the SMQ path', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], destination: q, target: {} }),
      'Media/N: target is for via: OssNotificationPath.EVENTBRIDGE only, got {}'],
    ['a rule name with a space', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], destination: q, ruleName: 'a b' }),
      /^Media\/N: ruleName must contain only/],
    ['six filters on the EventBridge path', (s, b, q) => new sources.OssEventNotification(s, 'N', {
      bucket: b, events: [OssEvent.OBJECT_CREATED], filters: [1, 2, 3, 4, 5, 6].map((i) => ({ prefix: `p${i}/` })), destination: q, via: EB,
    }), 'Media/N: filters must be at most 5 on the EventBridge path (a pattern field takes at most 5 matchers), got "6 filters"'],
    ['six event types on the EventBridge path', (s, b, q) => new sources.OssEventNotification(s, 'N', {
      bucket: b,
      events: [OssEvent.OBJECT_CREATED_PUT, OssEvent.OBJECT_CREATED_POST, OssEvent.OBJECT_CREATED_COPY, OssEvent.OBJECT_CREATED_APPEND, OssEvent.OBJECT_REMOVED_DELETE, OssEvent.OBJECT_CREATED_UPLOAD_PART],
      destination: q,
      via: EB,
    }), /^Media\/N: events must come to at most 5 on the EventBridge path/],
    ['a bucket name whose literal end is a hyphen', (s, _b, q) => new sources.OssEventNotification(s, 'N', {
      bucketName: `${new ros.RosParameter(s, 'P', { type: ros.RosParameterType.STRING }).valueAsString}-`, events: [OssEvent.OBJECT_CREATED], destination: q,
    }), 'Media/N: bucketName must contain only lower-case letters, digits and hyphens, and start and end with a letter or digit, got "<token>-"'],
    ['a bucket name with a bad literal piece', (s, _b, q) => new sources.OssEventNotification(s, 'N', {
      bucketName: ros.Fn.join('', ['Bad_', new ros.RosParameter(s, 'P', { type: ros.RosParameterType.STRING }).valueAsString]), events: [OssEvent.OBJECT_CREATED], destination: q,
    }), /^Media\/N: bucketName must contain only lower-case letters, .*got "Bad_<token>"$/],
    ['a prefix starting with a slash', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], filters: [{ prefix: '/in' }], destination: q }),
      'Media/N: filters[0].prefix must not start with "/": an OSS object key never does, got "/in"'],
    ['one filter twice', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], filters: [{ prefix: 'a/' }, { prefix: 'a/' }], destination: q }),
      'Media/N: filters[1] must differ from filters[0]: the same filter twice matches nothing more, got {"prefix":"a/"}'],
    ['a bad retry strategy on the EventBridge path', (s, b, q) => new sources.OssEventNotification(s, 'N', {
      bucket: b, events: [OssEvent.OBJECT_CREATED], destination: q, via: EB, target: { retryStrategy: 'X' as any },
    }), 'Media/N: target.retryStrategy must be one of "BACKOFF_RETRY", "EXPONENTIAL_DECAY_RETRY", got "X"'],
    ['a bad rule name on the EventBridge path', (s, b, q) => new sources.OssEventNotification(s, 'N', { bucket: b, events: [OssEvent.OBJECT_CREATED], destination: q, via: EB, ruleName: 'a b' }),
      'Media/N: ruleName must contain only letters, digits, underscores and hyphens, and start with a letter or digit, got "a b"'],
    ['the queue as its own dead-letter queue on the EventBridge path', (s, b, q) => new sources.OssEventNotification(s, 'N', {
      bucket: b, events: [OssEvent.OBJECT_CREATED], destination: q, via: EB, target: { deadLetterQueue: q },
    }), 'Media/N: target.deadLetterQueue must be another queue than the one the target delivers to, got "Media/Jobs"'],
  ])('bad input: %s', (_name, make, message) => {
    const { stack, bucket, jobs, ops } = media();
    expectInvalid(() => make(stack, bucket, jobs, ops), message);
  });
});

describe('OSS rules that would overlap, and regions without event notifications', () => {
  test('overlapping filters in one notification, and one object under two rules with one event type', () => {
    const { stack, bucket, jobs, ops } = media(ENV);
    expectInvalid(() => new sources.OssEventNotification(stack, 'A', { bucket, events: [OssEvent.OBJECT_CREATED_PUT], filters: [{ prefix: 'a/' }, { prefix: 'a/b/' }], destination: jobs }),
      'Media/A: filters[1] must not overlap filters[0] ({"prefix":"a/"}): OSS refuses a rule whose resource descriptions overlap, got {"prefix":"a/b/"}');
    expectInvalid(() => new sources.OssEventNotification(stack, 'B', { bucket, events: [OssEvent.OBJECT_CREATED_PUT], filters: [{ prefix: 'a/' }, { suffix: '.jpg' }], destination: jobs }),
      /^Media\/B: filters\[1\] must not overlap filters\[0\]/);
    new sources.OssEventNotification(stack, 'C', { bucket, events: [OssEvent.OBJECT_CREATED_PUT], filters: [{ prefix: 'img/', suffix: '.png' }, { prefix: 'img/', suffix: '.jpg' }], destination: jobs });
    expectInvalid(() => new sources.OssEventNotification(stack, 'D', { bucket, events: [OssEvent.OBJECT_CREATED], filters: [{ prefix: 'img/png/' }], destination: ops }),
      /^Media\/D: events must not be delivered again for objects that 'Media\/C' already covers with the same event types: .*got "oss:ObjectCreated:PutObject"$/);
    // other events on the same objects, or the same events on other objects, are fine
    new sources.OssEventNotification(stack, 'E', { bucket, events: [OssEvent.OBJECT_REMOVED], filters: [{ prefix: 'img/' }], destination: ops });
    new sources.OssEventNotification(stack, 'F', { bucket, events: [OssEvent.OBJECT_CREATED_PUT], filters: [{ prefix: 'log/' }], destination: ops });
  });

  test('a literal region without OSS event notifications is an error on the SMQ path', () => {
    const { stack, jobs } = media({ ...ENV, region: 'cn-heyuan' });
    expectInvalid(() => new sources.OssEventNotification(stack, 'N', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: jobs }),
      /^Media\/N: via must be a region that offers OSS event notifications \(not cn-heyuan, .*\): use via: OssNotificationPath.EVENTBRIDGE, got "the stack's region cn-heyuan"$/);
    new sources.OssEventNotification(stack, 'Eb', { bucketName: 'b-1', events: [OssEvent.OBJECT_CREATED], destination: jobs, via: EB });
  });

  test('OssEvent.of of a category is that category', () => {
    expect(OssEvent.of('oss:ObjectCreated:*')).toBe(OssEvent.OBJECT_CREATED);
    expect(OssEvent.of('oss:ObjectRemoved:*').isCategory()).toBe(true);
  });
});
