import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { Annotations, Match, Template } from '../lib/assertions';
import { buildApp } from '../examples/app';

function synthTo(dir: string): { [file: string]: string } {
  const assembly = buildApp(dir).synth();
  const files: { [file: string]: string } = {};
  for (const stack of assembly.stacks) {
    files[stack.templateFile] = fs.readFileSync(path.join(dir, stack.templateFile), 'utf-8');
  }
  return files;
}

/** One stack of the example app, synthesized into `dir`: its template as written, and its annotations. */
function synthStack(dir: string, stackName: string): { template: Template; annotations: Annotations } {
  const app = buildApp(dir);
  const artifact = app.synth().stacks.find((s) => s.stackName === stackName);
  if (artifact === undefined) {
    throw new Error(`no stack ${stackName} in the example app`);
  }
  return {
    template: Template.fromJSON(JSON.parse(fs.readFileSync(path.join(dir, artifact.templateFile), 'utf-8'))),
    annotations: Annotations.fromStack(app.node.findChild(stackName) as ros.Stack),
  };
}

// The example stacks keep the environment unresolved: region and account are the pseudo parameters.
const REGION = { Ref: 'ALIYUN::Region' };
const ACCOUNT = { Ref: 'ALIYUN::TenantId' };

function getAtt(logicalId: string, attribute: string): { [key: string]: string[] } {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

/** `acs:oss:{region}:{account}:{bucket}/{prefix}` with the bucket's name attribute. */
function ossObjectArn(bucketId: string, prefix: string): { [key: string]: unknown } {
  return { 'Fn::Join': ['', ['acs:oss:', REGION, ':', ACCOUNT, ':', getAtt(bucketId, 'Name'), `/${prefix}`]] };
}

/** `acs:mns:{region}:{account}:{middle}{name}{tail}` with the channel's name attribute. */
function mnsArn(middle: string, name: { [key: string]: string[] }, tail?: string): { [key: string]: unknown } {
  return { 'Fn::Join': ['', ['acs:mns:', REGION, ':', ACCOUNT, `:${middle}`, name, ...(tail === undefined ? [] : [tail])]] };
}

/** `acs:fc:{region}:{account}:{rest}`: a function in a topic trigger role's policy. */
function fcArn(rest: string): { [key: string]: unknown } {
  return { 'Fn::Join': ['', ['acs:fc:', REGION, ':', ACCOUNT, `:${rest}`]] };
}

/** The trust policy of a topic trigger's role: SMQ, and only SMQ, may assume it. */
const TRUSTED_BY_SMQ = Match.objectEquals({
  Version: '1',
  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['mns.aliyuncs.com'] } }],
});

/** Run options of a queue trigger in event-streaming mode with a dead-letter queue and the default retries. */
function streamRunOptions(batchSize: number, windowSeconds: number, deadLetterQueueId: string): { [key: string]: unknown } {
  return {
    mode: 'event-streaming',
    errorsTolerance: 'ALL',
    retryStrategy: { PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY' },
    batchWindow: { CountBasedWindow: batchSize, TimeBasedWindow: windowSeconds },
    deadLetterQueue: { Arn: mnsArn('/queues/', getAtt(deadLetterQueueId, 'QueueName')) },
  };
}

/** The event source of a queue trigger reading the queue `queueId` of the stack's region, bodies Base64-decoded. */
function mnsEventSource(queueId: string): { [key: string]: unknown } {
  return {
    eventSourceType: 'MNS',
    eventSourceParameters: {
      sourceMNSParameters: { RegionId: REGION, QueueName: getAtt(queueId, 'QueueName'), IsBase64Decode: true },
      eventRuleFilterPattern: '{}',
    },
  };
}

/** The stack's only warning (and no error) is the queue trigger's, once per stack, about the event stream's service-linked role. */
function expectOnlyServiceLinkedRoleWarning(annotations: Annotations, triggerPath: string): void {
  expect(annotations.all.filter((m) => m.level !== 'info')).toEqual([{
    constructPath: triggerPath,
    level: 'warning',
    message: expect.stringMatching(/^QueueTrigger: .*service-linked roles AliyunServiceRoleForEventBridgeSendToFC \(invokes the function\) and AliyunServiceRoleForEventBridgeSendToMNS .*A template cannot create them/),
  }]);
}

/** The template with the API-call handler's inline zip replaced by a marker: the handler has its own tests; a snapshot of its Base64 says nothing. */
function withoutHandlerCode(template: any): any {
  const copy = JSON.parse(JSON.stringify(template));
  for (const resource of Object.values(copy.Resources ?? {}) as any[]) {
    if (resource.Type === 'ALIYUN::FC3::Function' && typeof resource.Properties?.Code?.ZipFile === 'string' && resource.Properties.FunctionName?.endsWith?.('-ApiCallProvider')) {
      resource.Properties.Code.ZipFile = '<the API-call handler, tested in test/custom-resources>';
    }
  }
  return copy;
}

/**
 * The queue `queueId` has its own dead-letter queue `<queueId>Dlq`, named `<queueName>-dlq` (kept the default 7 days),
 * and hands a message over to it after `maxReceiveCount` receives.
 */
function expectOwnDeadLetterQueue(template: Template, queueId: string, queueName: string, maxReceiveCount: number): void {
  const resources = template.toJSON().Resources;
  expect(resources[queueId].Properties.QueueName).toBe(queueName);
  expect(resources[queueId].Properties.DlqPolicy).toEqual({ DeadLetterTargetQueue: getAtt(`${queueId}Dlq`, 'QueueName'), Enabled: true, MaxReceiveCount: maxReceiveCount });
  expect(resources[`${queueId}Dlq`]).toEqual({ Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: `${queueName}-dlq`, MessageRetentionPeriod: 604800 } });
}

/** Every ParamList entry of every target of every EventBridge rule has a ResourceKey, a Form and a Value. */
function expectEveryParamHasValue(template: Template): void {
  const rules = Object.values(template.findResources('ALIYUN::EventBridge::Rule'));
  expect(rules.length).toBeGreaterThan(0);
  for (const rule of rules) {
    for (const target of rule.Properties.Targets) {
      expect(target.ParamList.length).toBeGreaterThan(0);
      for (const param of target.ParamList) {
        expect(Object.keys(param).filter((k) => k !== 'Template').sort()).toEqual(['Form', 'ResourceKey', 'Value']);
        expect(param.Value).toBeDefined();
      }
    }
  }
}

describe('example app', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smq-examples-'));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('synthesizing twice gives byte-identical templates', () => {
    const first = synthTo(path.join(tmp, 'a'));
    const second = synthTo(path.join(tmp, 'b'));
    expect(Object.keys(first).sort()).toEqual([
      'SmqCmsAlarmToTopic.template.json',
      'SmqCmsEventsToQueue.template.json',
      'SmqConsumers.template.json',
      'SmqEssToQueue.template.json',
      'SmqEventBridgeToQueue.template.json',
      'SmqFanout.template.json',
      'SmqFcResultsToQueue.template.json',
      'SmqImsCallbacks.template.json',
      'SmqIotToTopic.template.json',
      'SmqOssToQueue.template.json',
      'SmqQueueEventStream.template.json',
      'SmqQueueToFunction.template.json',
      'SmqQueueToFunctionFc2.template.json',
      'SmqTopicToFunction.template.json',
      'SmqTopicToFunctionFc2.template.json',
      'SmqUploadPipeline.template.json',
      'SmqWorkQueue.template.json',
    ]);
    for (const file of Object.keys(first)) {
      expect(second[file]).toBe(first[file]);
    }
  });

  test('work queue: a queue with its DLQ, two roles, one policy per role and queue', () => {
    const template = Template.fromJSON(JSON.parse(synthTo(path.join(tmp, 'wq'))['SmqWorkQueue.template.json']));
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::Queue', 2);
    template.hasResourceProperties('ALIYUN::MNS::Queue', {
      QueueName: 'SmqWorkQueue-Jobs',
      VisibilityTimeout: 300,
      PollingWaitSeconds: 20,
      DlqPolicy: { DeadLetterTargetQueue: { 'Fn::GetAtt': ['JobsDlq', 'QueueName'] }, Enabled: true, MaxReceiveCount: 5 },
    });
    template.resourceCountIs('ALIYUN::RAM::Role', 2);
    expect(Object.keys(template.findResources('ALIYUN::RAM::ManagedPolicy')).sort()).toEqual([
      expect.stringMatching(/^JobsDlqWorkerPolicy[0-9a-f]{8}$/), expect.stringMatching(/^JobsProducerPolicy[0-9a-f]{8}$/), expect.stringMatching(/^JobsWorkerPolicy[0-9a-f]{8}$/),
    ]);
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      Roles: [{ 'Fn::GetAtt': ['Producer', 'RoleName'] }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['mns:SendMessage', 'mns:BatchSendMessage'] })]) },
    });
  });

  test('fanout: one topic, six subscriptions of four kinds, a publisher', () => {
    const template = Template.fromJSON(JSON.parse(synthTo(path.join(tmp, 'fo'))['SmqFanout.template.json']));
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::Topic', 1);
    expect(Object.keys(template.findResources('ALIYUN::MNS::Queue')).sort()).toEqual(['Billing', 'BillingDlq', 'Shipping', 'ShippingDlq', 'Undelivered']);
    expectOwnDeadLetterQueue(template, 'Billing', 'orders-billing', 3);
    expectOwnDeadLetterQueue(template, 'Shipping', 'orders-shipping', 3);
    template.resourceCountIs('ALIYUN::MNS::Subscription', 6);
    template.hasResourceProperties('ALIYUN::MNS::Subscription', { Endpoint: { Ref: 'AuditWebhookUrl' }, PushType: 'http' });
    for (const pushType of ['queue', 'http', 'email', 'alisms']) {
      template.hasResourceProperties('ALIYUN::MNS::Subscription', { PushType: pushType, TopicName: { 'Fn::GetAtt': ['Orders', 'TopicName'] } });
    }
    template.hasResourceProperties('ALIYUN::MNS::Subscription', {
      PushType: 'queue',
      FilterTag: 'paid',
      DlqPolicy: { DeadLetterTargetQueue: { 'Fn::GetAtt': ['Undelivered', 'QueueName'] }, Enabled: true },
    });
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['mns:PublishMessage'] })]) },
    });
  });

  test('consumers: a role granted on the work queue of another stack holds its policy, with the queue named literally', () => {
    const template = Template.fromJSON(JSON.parse(synthTo(path.join(tmp, 'co'))['SmqConsumers.template.json']));
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      Roles: [{ 'Fn::GetAtt': ['Thumbnailer', 'RoleName'] }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: [Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':/queues/SmqWorkQueue-Jobs/messages'])] })] })]) },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });

  test('OSS to queue: an SMQ event notification for .jpg uploads, and an EventBridge rule for removals with a dead-letter queue', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'oss'), 'SmqOssToQueue');
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::OSS::Bucket', 1);
    template.hasResourceProperties('ALIYUN::OSS::Bucket', { BucketName: 'smq-example-media' });
    expect(Object.keys(template.findResources('ALIYUN::MNS::Queue')).sort()).toEqual(['Removals', 'RemovalsDlq', 'Undelivered', 'Uploads', 'UploadsDlq']);
    expectOwnDeadLetterQueue(template, 'Uploads', 'SmqOssToQueue-Uploads', 5);
    expectOwnDeadLetterQueue(template, 'Removals', 'SmqOssToQueue-Removals', 5);
    template.resourceCountIs('ALIYUN::MNS::EventNotification', 1);
    template.resourceCountIs('ALIYUN::EventBridge::Rule', 1);

    // the default path: SMQ's own rule, every object-created type SMQ delivers (none that only EventBridge does)
    expect(Object.keys(template.findResources('ALIYUN::MNS::EventNotification'))).toEqual(['JpegUploads']);
    template.hasResource('ALIYUN::MNS::EventNotification', {
      Properties: Match.objectEquals({
        Identifier: 'SmqOssToQueue-JpegUploads',
        ProductName: 'oss',
        EventTypes: [
          'oss:ObjectCreated:PutObject',
          'oss:ObjectCreated:PostObject',
          'oss:ObjectCreated:CopyObject',
          'oss:ObjectCreated:AppendObject',
          'oss:ObjectCreated:CompleteMultipartUpload',
          'oss:ObjectCreated:InitiateMultipartUpload',
          'oss:ObjectCreated:UploadPart',
          'oss:ObjectCreated:UploadPartCopy',
        ],
        Resources: [Match.objectEquals({ prefix: ossObjectArn('Media', 'uploads/'), suffix: '.jpg' })],
        Endpoints: [mnsArn('queues/', getAtt('Uploads', 'QueueName'))],
      }),
    });

    // the EventBridge path: source acs.oss, the category as a type prefix, the whole bucket as the subject prefix
    expect(Object.keys(template.findResources('ALIYUN::EventBridge::Rule'))).toEqual(['RemovedRule']);
    template.hasResource('ALIYUN::EventBridge::Rule', {
      Properties: Match.objectEquals({
        RuleName: 'SmqOssToQueue-Removed',
        EventBusName: 'default',
        FilterPattern: Match.objectEquals({
          source: ['acs.oss'],
          type: [Match.objectEquals({ prefix: 'oss:ObjectRemoved:' })],
          subject: [Match.objectEquals({ prefix: ossObjectArn('Media', '') })],
        }),
        Targets: [Match.objectEquals({
          Id: Match.stringLikeRegexp('^Removals[0-9a-f]{8}$'),
          Type: 'acs.mns.queue',
          Endpoint: mnsArn('queues/', getAtt('Removals', 'QueueName')),
          ParamList: Match.arrayEquals([
            Match.objectEquals({ ResourceKey: 'queue', Form: 'CONSTANT', Value: getAtt('Removals', 'QueueName') }),
            Match.objectEquals({ ResourceKey: 'Body', Form: 'JSONPATH', Value: '$.data' }),
            Match.objectEquals({ ResourceKey: 'IsBase64Encode', Form: 'CONSTANT', Value: 'false' }),
          ]),
          PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY',
          ErrorsTolerance: 'ALL',
          DeadLetterQueue: Match.objectEquals({ Arn: mnsArn('/queues/', getAtt('Undelivered', 'QueueName')) }),
        })],
      }),
    });
    expectEveryParamHasValue(template);
    expect(annotations.all.filter((m) => m.level !== 'info')).toEqual([]);
  });

  test('CloudMonitor alarm to topic: a backlog alarm on the queue\'s visible messages, its alerts written to the ops topic', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'alarm'), 'SmqCmsAlarmToTopic');
    expect(template.toJSON()).toMatchSnapshot();
    expect(Object.keys(template.findResources('ALIYUN::MNS::Queue')).sort()).toEqual(['Jobs', 'JobsDlq']);
    expectOwnDeadLetterQueue(template, 'Jobs', 'SmqCmsAlarmToTopic-Jobs', 5);
    template.resourceCountIs('ALIYUN::MNS::Topic', 1);
    template.resourceCountIs('ALIYUN::CMS::ResourceMetricRule', 1);
    template.resourceCountIs('ALIYUN::CMS::MetricRuleTargets', 1);

    expect(Object.keys(template.findResources('ALIYUN::CMS::ResourceMetricRule'))).toEqual(['Backlog']);
    template.hasResource('ALIYUN::CMS::ResourceMetricRule', {
      Properties: Match.objectEquals({
        RuleName: 'SmqCmsAlarmToTopic-Backlog',
        Namespace: 'acs_mns_new',
        MetricName: 'NumberOfMessagesVisible',
        Resources: [Match.objectEquals({ userId: ACCOUNT, region: REGION, queue: getAtt('Jobs', 'QueueName') })],
        Period: 300,
        ContactGroups: ['ops'],
        Escalations: Match.objectEquals({
          Warn: Match.objectEquals({ ComparisonOperator: 'GreaterThanOrEqualToThreshold', Statistics: 'Maximum', Threshold: '1000', Times: 3 }),
        }),
      }),
    });

    // the alerts go to the topic in CloudMonitor's form (slash, singular /message), every level as a JSON array text
    expect(Object.keys(template.findResources('ALIYUN::CMS::MetricRuleTargets'))).toEqual([expect.stringMatching(/^NotifyOps[0-9a-f]{8}$/)]);
    template.hasResource('ALIYUN::CMS::MetricRuleTargets', {
      Properties: Match.objectEquals({
        RuleId: getAtt('Backlog', 'RuleId'),
        Targets: [Match.objectEquals({
          Id: Match.stringLikeRegexp('^Smq[0-9a-f]{8}$'),
          Arn: mnsArn('/topics/', getAtt('Ops', 'TopicName'), '/message'),
          Level: '["CRITICAL","WARN","INFO"]',
        })],
      }),
    });

    template.resourceCountIs('ALIYUN::MNS::Subscription', 1);
    template.hasResourceProperties('ALIYUN::MNS::Subscription', {
      TopicName: getAtt('Ops', 'TopicName'), PushType: 'email', Endpoint: 'mail:directmail:ops@example.com',
    });
    expect(annotations.all.filter((m) => m.level !== 'info')).toEqual([]);
    annotations.hasInfo('*', Match.stringLikeRegexp('AliyunCloudMonitorDefaultRole'));
  });

  test('CloudMonitor events to queue: an ECS event rule, and its targets naming the queue and region, created after the rule', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'events'), 'SmqCmsEventsToQueue');
    expect(template.toJSON()).toMatchSnapshot();
    expect(Object.keys(template.findResources('ALIYUN::MNS::Queue')).sort()).toEqual(['Incidents', 'IncidentsDlq']);
    expectOwnDeadLetterQueue(template, 'Incidents', 'SmqCmsEventsToQueue-Incidents', 5);
    template.resourceCountIs('ALIYUN::CMS::EventRule', 1);
    template.resourceCountIs('ALIYUN::CMS::EventRuleTargets', 1);

    expect(Object.keys(template.findResources('ALIYUN::CMS::EventRule'))).toEqual(['EcsEvents']);
    template.hasResource('ALIYUN::CMS::EventRule', {
      Properties: Match.objectEquals({
        RuleName: 'SmqCmsEventsToQueue-EcsEvents',
        EventType: 'SYSTEM',
        EventPattern: [Match.objectEquals({
          Product: 'ECS',
          EventTypeList: ['StatusNotification'],
          LevelList: ['CRITICAL', 'WARN'],
          NameList: ['Instance:StateChange'],
        })],
        Description: 'ECS instance events for the incident queue',
        SilenceTime: 300,
      }),
    });

    // the targets name the rule by name only: the same name, and a DependsOn on the rule
    expect(Object.keys(template.findResources('ALIYUN::CMS::EventRuleTargets'))).toEqual(['EcsEventsTargets']);
    template.hasResource('ALIYUN::CMS::EventRuleTargets', Match.objectEquals({
      Type: 'ALIYUN::CMS::EventRuleTargets',
      Properties: Match.objectEquals({
        RuleName: 'SmqCmsEventsToQueue-EcsEvents',
        MnsParameters: [Match.objectEquals({
          Id: Match.stringLikeRegexp('^Smq[0-9a-f]{8}$'),
          Region: REGION,
          Queue: getAtt('Incidents', 'QueueName'),
        })],
      }),
      DependsOn: ['EcsEvents'],
    }));
    expect(annotations.all.filter((m) => m.level !== 'info')).toEqual([]);
  });

  test('EventBridge to queue: a rule with its own pattern, a templated message, backoff retries and a dead-letter queue', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'eb'), 'SmqEventBridgeToQueue');
    expect(template.toJSON()).toMatchSnapshot();
    expect(Object.keys(template.findResources('ALIYUN::MNS::Queue')).sort()).toEqual(['LargeUploads', 'LargeUploadsDlq', 'Undelivered']);
    // the queue's own dead-letter queue (for its consumers) and the rule's (for events it cannot deliver) are two queues
    expectOwnDeadLetterQueue(template, 'LargeUploads', 'SmqEventBridgeToQueue-LargeUploads', 5);
    template.resourceCountIs('ALIYUN::EventBridge::Rule', 1);

    expect(Object.keys(template.findResources('ALIYUN::EventBridge::Rule'))).toEqual(['LargeUploadRule']);
    template.hasResource('ALIYUN::EventBridge::Rule', {
      Properties: Match.objectEquals({
        RuleName: 'SmqEventBridgeToQueue-LargeUploadRule',
        EventBusName: 'default',
        Description: 'Objects of 100 MiB or more',
        FilterPattern: Match.objectEquals({
          source: ['acs.oss'],
          type: ['oss:ObjectCreated:PutObject', 'oss:ObjectCreated:CompleteMultipartUpload'],
          data: Match.objectEquals({ oss: Match.objectEquals({ object: Match.objectEquals({ size: [Match.objectEquals({ numeric: ['>=', 104857600] })] }) }) }),
        }),
        Targets: [Match.objectEquals({
          Id: Match.stringLikeRegexp('^LargeUploads[0-9a-f]{8}$'),
          Type: 'acs.mns.queue',
          Endpoint: mnsArn('queues/', getAtt('LargeUploads', 'QueueName')),
          ParamList: Match.arrayEquals([
            Match.objectEquals({ ResourceKey: 'queue', Form: 'CONSTANT', Value: getAtt('LargeUploads', 'QueueName') }),
            Match.objectEquals({
              ResourceKey: 'Body',
              Form: 'TEMPLATE',
              Value: Match.serializedJson({ key: '$.data.oss.object.key', size: '$.data.oss.object.size', bucket: '$.data.oss.bucket.name' }),
              Template: '${key} (${size} bytes) in ${bucket}',
            }),
            Match.objectEquals({ ResourceKey: 'IsBase64Encode', Form: 'CONSTANT', Value: 'false' }),
          ]),
          PushRetryStrategy: 'BACKOFF_RETRY',
          ErrorsTolerance: 'ALL',
          DeadLetterQueue: Match.objectEquals({ Arn: mnsArn('/queues/', getAtt('Undelivered', 'QueueName')) }),
        })],
      }),
    });
    expectEveryParamHasValue(template);
    expect(annotations.all).toEqual([]);
  });

  test('topic to FC 3.0 function: an mns_topic trigger on the order topic with a filter tag, invoked with a role trusted by SMQ that may invoke only this function', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'ttf'), 'SmqTopicToFunction');
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::Topic', 1);
    template.resourceCountIs('ALIYUN::FC3::Function', 1);
    template.resourceCountIs('ALIYUN::FC3::Trigger', 1);
    template.resourceCountIs('ALIYUN::FC::Trigger', 0);
    template.resourceCountIs('ALIYUN::RAM::Role', 1);

    template.hasResourceProperties('ALIYUN::FC3::Function', {
      FunctionName: 'SmqTopicToFunction-receipts', Runtime: 'nodejs20', Handler: 'index.handler', Code: { ZipFile: Match.stringLikeRegexp('exports\\.handler') },
    });
    expect(Object.keys(template.findResources('ALIYUN::FC3::Trigger'))).toEqual(['PaidOrders']);
    template.hasResource('ALIYUN::FC3::Trigger', {
      Properties: Match.objectEquals({
        FunctionName: getAtt('Receipts', 'FunctionName'),
        TriggerName: 'SmqTopicToFunction-PaidOrders',
        TriggerType: 'mns_topic',
        // FC 3.0 writes the topic trigger config camelCase
        TriggerConfig: { notifyStrategy: 'EXPONENTIAL_DECAY_RETRY', notifyContentFormat: 'STREAM', filterTag: 'paid' },
        SourceArn: mnsArn('/topics/', getAtt('Orders', 'TopicName')),
        InvocationRole: getAtt('PaidOrdersRole', 'Arn'),
      }),
    });

    // the role SMQ assumes: trusted by SMQ only, with a policy on this one function (no wildcard, no system policy)
    expect(Object.keys(template.findResources('ALIYUN::RAM::Role'))).toEqual(['PaidOrdersRole']);
    template.hasResourceProperties('ALIYUN::RAM::Role', {
      AssumeRolePolicyDocument: TRUSTED_BY_SMQ,
      Policies: [Match.objectLike({
        PolicyDocument: Match.objectEquals({
          Version: '1',
          Statement: [{ Effect: 'Allow', Action: ['fc:InvokeFunction'], Resource: [fcArn('functions/SmqTopicToFunction-receipts')] }],
        }),
      })],
      PolicyAttachments: Match.absent(),
    });
    expect(annotations.all).toEqual([]);
  });

  test('topic to FC 2.0 function: an mns_topic trigger naming the service and the function, PascalCase config, a policy on the function in its service', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'ttf2'), 'SmqTopicToFunctionFc2');
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::Topic', 1);
    template.resourceCountIs('ALIYUN::FC::Service', 1);
    template.resourceCountIs('ALIYUN::FC::Function', 1);
    template.resourceCountIs('ALIYUN::FC::Trigger', 1);
    template.resourceCountIs('ALIYUN::FC3::Trigger', 0);
    template.resourceCountIs('ALIYUN::RAM::Role', 1);

    template.hasResourceProperties('ALIYUN::FC::Service', { ServiceName: 'SmqTopicToFunctionFc2-billing' });
    template.hasResourceProperties('ALIYUN::FC::Function', {
      ServiceName: getAtt('Billing', 'ServiceName'), FunctionName: 'receipts', Runtime: 'nodejs20', Handler: 'index.handler',
    });
    expect(Object.keys(template.findResources('ALIYUN::FC::Trigger'))).toEqual(['PaidOrders']);
    template.hasResource('ALIYUN::FC::Trigger', {
      Properties: Match.objectEquals({
        ServiceName: getAtt('Billing', 'ServiceName'),
        FunctionName: getAtt('Receipts', 'FunctionName'),
        TriggerName: 'SmqTopicToFunctionFc2-PaidOrders',
        TriggerType: 'mns_topic',
        // FC 2.0 writes it PascalCase, as the ROS reference of ALIYUN::FC::Trigger does
        TriggerConfig: { NotifyStrategy: 'EXPONENTIAL_DECAY_RETRY', NotifyContentFormat: 'JSON', FilterTag: 'paid' },
        SourceArn: mnsArn('/topics/', getAtt('Orders', 'TopicName')),
        InvocationRole: getAtt('PaidOrdersRole', 'Arn'),
      }),
    });

    // an FC 2.0 function is named with its service, and with the service's versions and aliases
    template.hasResourceProperties('ALIYUN::RAM::Role', {
      AssumeRolePolicyDocument: TRUSTED_BY_SMQ,
      Policies: [Match.objectLike({
        PolicyDocument: Match.objectEquals({
          Version: '1',
          Statement: [{
            Effect: 'Allow',
            Action: ['fc:InvokeFunction'],
            Resource: [
              fcArn('services/SmqTopicToFunctionFc2-billing/functions/receipts'),
              fcArn('services/SmqTopicToFunctionFc2-billing.*/functions/receipts'),
            ],
          }],
        }),
      })],
    });
    expect(annotations.all).toEqual([]);
  });

  test('queue to FC 3.0 function: an eventbridge trigger reading the job queue in batches, with a dead-letter queue, and the one service-linked-role warning', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'qtf'), 'SmqQueueToFunction');
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::Queue', 2);
    template.resourceCountIs('ALIYUN::FC3::Function', 1);
    template.resourceCountIs('ALIYUN::FC3::Trigger', 1);
    template.resourceCountIs('ALIYUN::FC::Trigger', 0);
    // the event stream runs with the service-linked role: no role, no source ARN in the template
    template.resourceCountIs('ALIYUN::RAM::Role', 0);

    template.hasResourceProperties('ALIYUN::FC3::Function', { FunctionName: 'SmqQueueToFunction-worker', Runtime: 'nodejs20', Handler: 'index.handler' });
    expect(Object.keys(template.findResources('ALIYUN::FC3::Trigger'))).toEqual(['ConsumeJobs']);
    template.hasResource('ALIYUN::FC3::Trigger', {
      Properties: Match.objectEquals({
        FunctionName: getAtt('Worker', 'FunctionName'),
        TriggerName: 'SmqQueueToFunction-ConsumeJobs',
        TriggerType: 'eventbridge',
        TriggerConfig: {
          triggerEnable: true,
          asyncInvocationType: false,
          eventRuleFilterPattern: '{}',
          eventSourceConfig: mnsEventSource('Jobs'),
          eventSinkConfig: { deliveryOption: { eventSchema: 'CloudEvents' } },
          runOptions: streamRunOptions(10, 5, 'FailedJobs'),
        },
      }),
    });
    expectOnlyServiceLinkedRoleWarning(annotations, 'SmqQueueToFunction/ConsumeJobs');
  });

  test('queue to FC 2.0 function: the same stream naming the service, with deliveryOption.mode, and the one service-linked-role warning', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'qtf2'), 'SmqQueueToFunctionFc2');
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::Queue', 2);
    template.resourceCountIs('ALIYUN::FC::Service', 1);
    template.resourceCountIs('ALIYUN::FC::Function', 1);
    template.resourceCountIs('ALIYUN::FC::Trigger', 1);
    template.resourceCountIs('ALIYUN::FC3::Trigger', 0);
    template.resourceCountIs('ALIYUN::RAM::Role', 0);

    template.hasResourceProperties('ALIYUN::FC::Function', { ServiceName: getAtt('Workers', 'ServiceName'), FunctionName: 'worker' });
    expect(Object.keys(template.findResources('ALIYUN::FC::Trigger'))).toEqual(['ConsumeJobs']);
    template.hasResource('ALIYUN::FC::Trigger', {
      Properties: Match.objectEquals({
        ServiceName: getAtt('Workers', 'ServiceName'),
        FunctionName: getAtt('Worker', 'FunctionName'),
        TriggerName: 'SmqQueueToFunctionFc2-ConsumeJobs',
        TriggerType: 'eventbridge',
        TriggerConfig: {
          triggerEnable: true,
          asyncInvocationType: false,
          eventRuleFilterPattern: '{}',
          eventSourceConfig: mnsEventSource('Jobs'),
          eventSinkConfig: { deliveryOption: { eventSchema: 'CloudEvents', mode: 'event-streaming' } },
          runOptions: streamRunOptions(10, 5, 'FailedJobs'),
        },
      }),
    });
    expectOnlyServiceLinkedRoleWarning(annotations, 'SmqQueueToFunctionFc2/ConsumeJobs');
  });

  test('upload pipeline: OSS uploads to the queue, the queue to an FC 3.0 function with a dead-letter queue, and a backlog alarm on the same queue to the ops topic', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'pipeline'), 'SmqUploadPipeline');
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::OSS::Bucket', 1);
    template.resourceCountIs('ALIYUN::MNS::Queue', 2);
    template.resourceCountIs('ALIYUN::MNS::Topic', 1);
    template.resourceCountIs('ALIYUN::MNS::EventNotification', 1);
    template.resourceCountIs('ALIYUN::FC3::Function', 1);
    template.resourceCountIs('ALIYUN::FC3::Trigger', 1);
    template.resourceCountIs('ALIYUN::CMS::ResourceMetricRule', 1);
    template.resourceCountIs('ALIYUN::CMS::MetricRuleTargets', 1);
    template.hasResourceProperties('ALIYUN::OSS::Bucket', { BucketName: 'smq-example-upload-pipeline-inbox' });

    // 1. OSS -> queue: SMQ's own rule, uploads under incoming/ of the bucket, the Uploads queue as its endpoint
    expect(Object.keys(template.findResources('ALIYUN::MNS::EventNotification'))).toEqual(['NewUploads']);
    template.hasResourceProperties('ALIYUN::MNS::EventNotification', {
      ProductName: 'oss',
      EventTypes: Match.arrayWith(['oss:ObjectCreated:PutObject', 'oss:ObjectCreated:CompleteMultipartUpload']),
      Resources: [Match.objectEquals({ prefix: ossObjectArn('Inbox', 'incoming/') })],
      Endpoints: [mnsArn('queues/', getAtt('Uploads', 'QueueName'))],
    });

    // 2. queue -> function: the trigger reads the same queue, and parks failures in the other one
    expect(Object.keys(template.findResources('ALIYUN::FC3::Trigger'))).toEqual(['ProcessUploads']);
    template.hasResourceProperties('ALIYUN::FC3::Trigger', {
      FunctionName: getAtt('Processor', 'FunctionName'),
      TriggerType: 'eventbridge',
      TriggerConfig: Match.objectLike({
        eventSourceConfig: Match.objectEquals(mnsEventSource('Uploads')),
        runOptions: Match.objectEquals(streamRunOptions(20, 10, 'FailedUploads')),
      }),
    });

    // 3. backlog alarm on the same queue -> ops topic (mailed on)
    template.hasResourceProperties('ALIYUN::CMS::ResourceMetricRule', {
      Namespace: 'acs_mns_new',
      MetricName: 'NumberOfMessagesVisible',
      Resources: [Match.objectEquals({ userId: ACCOUNT, region: REGION, queue: getAtt('Uploads', 'QueueName') })],
      Escalations: Match.objectEquals({
        Warn: Match.objectEquals({ ComparisonOperator: 'GreaterThanOrEqualToThreshold', Statistics: 'Maximum', Threshold: '500', Times: 3 }),
      }),
    });
    template.hasResource('ALIYUN::CMS::MetricRuleTargets', {
      Properties: Match.objectEquals({
        RuleId: getAtt('Backlog', 'RuleId'),
        Targets: [Match.objectEquals({
          Id: Match.stringLikeRegexp('^Smq[0-9a-f]{8}$'),
          Arn: mnsArn('/topics/', getAtt('Ops', 'TopicName'), '/message'),
          Level: '["CRITICAL","WARN","INFO"]',
        })],
      }),
    });
    template.hasResourceProperties('ALIYUN::MNS::Subscription', {
      TopicName: getAtt('Ops', 'TopicName'), PushType: 'email', Endpoint: 'mail:directmail:ops@example.com',
    });

    expectOnlyServiceLinkedRoleWarning(annotations, 'SmqUploadPipeline/ProcessUploads');
    annotations.hasInfo('*', Match.stringLikeRegexp('AliyunCloudMonitorDefaultRole'));
  });

  test('Auto Scaling to queue: failures to a queue, finished scalings to a topic, a scale-in hook to a drain queue', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'ess'), 'SmqEssToQueue');
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::ESS::ScalingGroup', 1);
    template.resourceCountIs('ALIYUN::ESS::LifecycleHook', 1);
    expect(Object.keys(template.findResources('ALIYUN::MNS::Queue')).sort()).toEqual(['Drain', 'DrainDlq', 'ScalingAlerts', 'ScalingAlertsDlq']);
    expectOwnDeadLetterQueue(template, 'ScalingAlerts', 'SmqEssToQueue-ScalingAlerts', 5);
    expectOwnDeadLetterQueue(template, 'Drain', 'SmqEssToQueue-Drain', 5);
    template.resourceCountIs('ALIYUN::MNS::Topic', 1);
    // the finished scalings are mailed on
    expect(Object.keys(template.findResources('ALIYUN::MNS::Subscription'))).toEqual([expect.stringMatching(/^ScalingActivityToEmail[0-9a-f]{8}$/)]);
    template.hasResourceProperties('ALIYUN::MNS::Subscription', {
      TopicName: getAtt('ScalingActivity', 'TopicName'), PushType: 'email', Endpoint: 'mail:directmail:ops@example.com',
    });
    const essArn = (kind: string, name: unknown): { [key: string]: unknown } => ({ 'Fn::Join': ['', ['acs:ess:', REGION, ':', ACCOUNT, `:${kind}/`, name]] });
    expect(Object.keys(template.findResources('ALIYUN::ESS::ScalingGroup'))).toEqual(['WebTier']);
    template.hasResource('ALIYUN::ESS::ScalingGroup', { Properties: Match.objectEquals({
      MinSize: 1, MaxSize: 4, VSwitchIds: [{ Ref: 'VSwitchId' }],
      NotificationConfigurations: [
        Match.objectEquals({ NotificationArn: essArn('queue', getAtt('ScalingAlerts', 'QueueName')), NotificationTypes: ['AUTOSCALING:SCALE_OUT_ERROR', 'AUTOSCALING:SCALE_IN_ERROR', 'AUTOSCALING:SCALE_REJECT'] }),
        Match.objectEquals({ NotificationArn: essArn('topic', getAtt('ScalingActivity', 'TopicName')), NotificationTypes: ['AUTOSCALING:SCALE_OUT_SUCCESS', 'AUTOSCALING:SCALE_IN_SUCCESS'] }),
      ],
    }) });
    expect(Object.keys(template.findResources('ALIYUN::ESS::LifecycleHook'))).toEqual(['DrainOnScaleIn']);
    template.hasResource('ALIYUN::ESS::LifecycleHook', { Properties: Match.objectEquals({
      ScalingGroupId: getAtt('WebTier', 'ScalingGroupId'), LifecycleTransition: 'SCALE_IN',
      NotificationArn: essArn('queue', getAtt('Drain', 'QueueName')), HeartbeatTimeout: 600, DefaultResult: 'CONTINUE', NotificationMetadata: 'web-tier',
    }) });
    template.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: 'SmqEssToQueue-Drain', VisibilityTimeout: 600 });
    expect(annotations.all.filter((m) => m.level !== 'info')).toEqual([]);
    annotations.hasInfo('*', Match.stringLikeRegexp('AliyunServiceRoleForAutoScaling'));
  });

  test('IoT rule to topic: a started rule on the devices\' property reports, an MNS rule action with the sample\'s Configuration keys, a role trusted by IoT Platform that may only publish to the topic, and the topic fanned out to a queue', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'iot'), 'SmqIotToTopic');
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::IOT::Rule', 1);
    template.resourceCountIs('ALIYUN::IOT::RuleAction', 1);
    template.resourceCountIs('ALIYUN::MNS::Topic', 1);
    template.resourceCountIs('ALIYUN::MNS::Queue', 2);
    template.resourceCountIs('ALIYUN::RAM::Role', 1);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 0);

    template.hasResource('ALIYUN::IOT::Rule', {
      Properties: Match.objectEquals({
        Name: 'hot_readings',
        IotInstanceId: { Ref: 'IotInstanceId' },
        ProductKey: { Ref: 'ProductKey' },
        ShortTopic: '+/thing/event/property/post',
        TopicType: 0,
        DataType: 'JSON',
        Select: 'deviceName() as device, items.temperature.value as temperature, timestamp() as at',
        Where: 'items.temperature.value > 38',
        RuleDesc: 'Temperature readings above 38 degrees',
        StartRule: true,
      }),
    });

    // the action: on the rule's id, in the rule's instance, type MNS, the topic and role as the JSON text of
    // aliyun/ros-templates resources/iot/rule.yml
    const action = template.toJSON().Resources.Forward;
    expect(action.Type).toBe('ALIYUN::IOT::RuleAction');
    expect(action.Properties).toEqual({
      RuleId: getAtt('HotReadings', 'RuleId'),
      Type: 'MNS',
      ErrorActionFlag: false,
      IotInstanceId: { Ref: 'IotInstanceId' },
      Configuration: {
        'Fn::Join': ['', [
          '{"themeName":"', getAtt('Readings', 'TopicName'),
          '","regionName":"', REGION,
          '","role":{"roleArn":"', getAtt('ForwardRole', 'Arn'),
          '","roleName":"', getAtt('ForwardRole', 'RoleName'),
          '"}}',
        ]],
      },
    });

    // IoT Platform, and only IoT Platform, may assume the role; it may only publish to this topic
    template.hasResource('ALIYUN::RAM::Role', {
      Properties: Match.objectLike({
        RoleName: { 'Fn::Join': ['', ['SmqIotToTopic-Forward-iot-', REGION]] },
        AssumeRolePolicyDocument: Match.objectEquals({
          Version: '1',
          Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['iot.aliyuncs.com'] } }],
        }),
        Policies: [Match.objectLike({
          PolicyDocument: Match.objectEquals({
            Version: '1',
            Statement: [{ Effect: 'Allow', Action: ['mns:PublishMessage'], Resource: [mnsArn('/topics/', getAtt('Readings', 'TopicName'), '/messages')] }],
          }),
        })],
      }),
    });

    // the topic fans out to the work queue
    template.hasResourceProperties('ALIYUN::MNS::Subscription', {
      TopicName: getAtt('Readings', 'TopicName'),
      PushType: 'queue',
      Endpoint: { 'Fn::Join': ['', ['acs:mns:', REGION, ':', ACCOUNT, ':queues/', getAtt('Work', 'QueueName')]] },
    });
    expect(annotations.all.filter((m) => m.level !== 'info')).toEqual([]);
  });

  test('FC results to queue: an FC 3.0 function whose failures go to a queue and successes to a topic, its own role granted exactly those', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'frq'), 'SmqFcResultsToQueue');
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::FC3::Function', 1);
    template.resourceCountIs('ALIYUN::FC3::AsyncInvokeConfig', 1);
    template.resourceCountIs('ALIYUN::MNS::Queue', 1);
    template.resourceCountIs('ALIYUN::MNS::Topic', 1);
    template.resourceCountIs('ALIYUN::RAM::Role', 1);
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 2);
    // the successes are mailed on
    expect(Object.keys(template.findResources('ALIYUN::MNS::Subscription'))).toEqual([expect.stringMatching(/^FinishedToEmail[0-9a-f]{8}$/)]);
    template.hasResourceProperties('ALIYUN::MNS::Subscription', {
      TopicName: getAtt('Finished', 'TopicName'), PushType: 'email', Endpoint: 'mail:directmail:reports@example.com',
    });

    // the function names its role, which Function Compute (and only it) may assume
    template.hasResourceProperties('ALIYUN::FC3::Function', { FunctionName: 'SmqFcResultsToQueue-convert', Role: getAtt('ConvertRole', 'Arn') });
    template.hasResourceProperties('ALIYUN::RAM::Role', {
      AssumeRolePolicyDocument: Match.objectEquals({
        Version: '1',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com'] } }],
      }),
    });

    // destinations in Function Compute's form: /queues/{name}/messages and /topics/{name}/messages
    const policies = Object.keys(template.findResources('ALIYUN::RAM::ManagedPolicy')).sort();
    template.hasResource('ALIYUN::FC3::AsyncInvokeConfig', {
      Properties: Match.objectEquals({
        FunctionName: getAtt('Convert', 'FunctionName'),
        DestinationConfig: {
          OnSuccess: { Destination: mnsArn('/topics/', getAtt('Finished', 'TopicName'), '/messages') },
          OnFailure: { Destination: mnsArn('/queues/', getAtt('Failures', 'QueueName'), '/messages') },
        },
        MaxAsyncRetryAttempts: 2,
      }),
    });
    const config = template.findResources('ALIYUN::FC3::AsyncInvokeConfig');
    expect(Object.keys(config)).toEqual(['ConvertResults']);
    // Function Compute checks the role when it takes the destinations: the config waits for both policies
    expect([...config.ConvertResults.DependsOn].sort()).toEqual(policies);

    // the function's role may send to the queue and publish to the topic, nothing else
    for (const [action, arn] of [
      ['mns:SendMessage', mnsArn('/queues/', getAtt('Failures', 'QueueName'), '/messages')],
      ['mns:PublishMessage', mnsArn('/topics/', getAtt('Finished', 'TopicName'), '/messages')],
    ] as const) {
      template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        PolicyDocument: Match.objectEquals({ Version: '1', Statement: [{ Effect: 'Allow', Action: [action], Resource: [arn] }] }),
        Roles: [getAtt('ConvertRole', 'RoleName')],
      });
    }
    expect(annotations.all).toEqual([]);
  });

  test('IMS callbacks: a queue named ice-callback-..., its dead-letter queue, a consumer role, and the callback set by the stack (the setting before it read first, restored on delete)', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'ims'), 'SmqImsCallbacks');
    expect(withoutHandlerCode(template.toJSON())).toMatchSnapshot();
    template.hasResource('ALIYUN::MNS::Queue', { Properties: Match.objectLike({ QueueName: 'ice-callback-SmqImsCallbacks-Callbacks', DlqPolicy: Match.objectLike({ MaxReceiveCount: 5 }) }) });
    template.hasResourceProperties('ALIYUN::MNS::Queue', { QueueName: 'ice-callback-SmqImsCallbacks-Callbacks-dlq' });
    const resources = template.toJSON().Resources;
    const endpoint = { 'Fn::Join': ['', ['https://ice.', REGION, '.aliyuncs.com']] };
    // the setting before ours, read once when the stack is created
    const previous = resources.ImsPreviousEventCallback;
    expect(previous.Type).toBe('ALIYUN::ROS::CustomResource');
    expect(previous.Properties.Parameters).toMatchObject({
      Endpoint: endpoint, ApiVersion: '2020-11-09', OnCreate: { Action: 'GetEventCallback' }, AllowMissingOutputs: true,
      OutputPaths: ['CallbackType', 'CallbackQueueName', 'CallbackURL', 'EventTypeList', 'AuthSwitch', 'AuthKey'],
    });
    expect(previous.Properties.Parameters.OnDelete).toBeUndefined();
    // ours: set on create (and update) after the read, the earlier one restored on delete unless someone changed it since
    const callback = resources.CallbacksCallback;
    expect(callback.Type).toBe('ALIYUN::ROS::CustomResource');
    expect(callback.Properties.ServiceToken).toEqual({ 'Fn::Join': ['', ['acs:fc:', REGION, ':', ACCOUNT, ':functions/', getAtt('ApiCallProviderFunction', 'FunctionName')]] });
    expect(callback.Properties.Parameters.OnCreate).toEqual({ Action: 'SetEventCallback', Parameters: {
      CallbackType: 'MNS', CallbackQueueName: getAtt('Callbacks', 'QueueName'), EventTypeList: 'ProduceMediaComplete,MediaConvertComplete',
    } });
    const onDelete = callback.Properties.Parameters.OnDelete;
    expect(onDelete).toMatchObject({ Action: 'SetEventCallback', SkipUnlessSet: ['CallbackType'], OmitEmptyParameters: true,
      OnlyIf: { Action: 'GetEventCallback', Path: 'CallbackQueueName', Values: [getAtt('Callbacks', 'QueueName')] } });
    expect(onDelete.Parameters.CallbackQueueName).toEqual(getAtt('ImsPreviousEventCallback', 'CallbackQueueName'));
    expect(onDelete.Parameters.EventTypeList).toEqual(getAtt('ImsPreviousEventCallback', 'EventTypeList'));
    // the function may make exactly these two calls, which authorize on all resources only
    template.hasResourceProperties('ALIYUN::RAM::Role', { Policies: [Match.objectLike({ PolicyDocument: Match.objectEquals({
      Version: '1', Statement: [{ Action: ['ice:GetEventCallback', 'ice:SetEventCallback'], Effect: 'Allow', Resource: ['*'] }],
    }) })] });
    template.resourceCountIs('ALIYUN::FC3::Function', 1);
    const outputs = template.toJSON().Outputs;
    expect(outputs.CallbacksCallbackQueueName.Value).toEqual(getAtt('Callbacks', 'QueueName'));
    expect(outputs.CallbacksCallbackRegion.Value).toEqual(REGION);
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      Roles: [getAtt('MediaWorker', 'RoleName')],
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['mns:ReceiveMessage', 'mns:DeleteMessage']) })]) }),
    });
    expect(annotations.all).toEqual([]);
  });

  test('queue event streams: orders to an FC 3.0 function (filtered, batched, with a dead-letter queue) and returns to an archive queue, each an API call that creates, starts and waits for its stream', () => {
    const { template, annotations } = synthStack(path.join(tmp, 'streams'), 'SmqQueueEventStream');
    expect(withoutHandlerCode(template.toJSON())).toMatchSnapshot();
    const resources = template.toJSON().Resources;
    const route = resources.RouteOrders;
    expect(route.Type).toBe('ALIYUN::ROS::CustomResource');
    const params = route.Properties.Parameters;
    expect(params.Endpoint).toEqual({ 'Fn::Join': ['', ['https://eventbridge.', REGION, '.aliyuncs.com']] });
    expect(params.ApiVersion).toBe('2020-04-01');
    expect(params.OnCreate.Action).toBe('CreateEventStreaming');
    const request = params.OnCreate.Parameters;
    expect(request.Source).toEqual({ SourceMNSParameters: { RegionId: REGION, QueueName: getAtt('Orders', 'QueueName'), IsBase64Decode: true } });
    expect(request.FilterPattern).toEqual({ data: { messageBody: [{ prefix: 'order-' }] } });
    expect(request.Sink.SinkFcParameters.FunctionName).toEqual({ Form: 'CONSTANT', Value: getAtt('OrderHandler', 'FunctionName') });
    expect(request.RunOptions).toMatchObject({
      ErrorsTolerance: 'ALL',
      RetryStrategy: { PushRetryStrategy: 'EXPONENTIAL_DECAY_RETRY' },
      BatchWindow: { CountBasedWindow: 10, TimeBasedWindow: 5 },
      DeadLetterQueue: { Arn: mnsArn('/queues/', getAtt('FailedOrders', 'QueueName')) },
    });
    // started after the create, and the create answers only when the stream runs
    expect(params.OnCreate.Then).toEqual([expect.objectContaining({ Action: 'StartEventStreaming',
      WaitFor: expect.objectContaining({ Action: 'GetEventStreaming', Path: 'Data.Status', Until: ['RUNNING'] }) })]);
    expect(params.OnUpdate.Action).toBe('UpdateEventStreaming');
    expect(params.OnDelete.Action).toBe('DeleteEventStreaming');
    expect(params.IgnoreErrorCodesOnDelete).toEqual(['EventStreamingNotExisted']);
    // the returns queue has its own dead-letter queue; the archive, which nothing receives from, has none (its SMQ-001
    // finding is suppressed: test/checks/example-app.test.ts)
    expect(Object.keys(template.findResources('ALIYUN::MNS::Queue')).sort()).toEqual(['FailedOrders', 'Orders', 'Returns', 'ReturnsArchive', 'ReturnsDlq']);
    expectOwnDeadLetterQueue(template, 'Returns', 'SmqQueueEventStream-Returns', 5);
    expect(resources.ReturnsArchive.Properties.DlqPolicy).toBeUndefined();
    const archive = resources.ArchiveReturns.Properties.Parameters.OnCreate.Parameters;
    expect(archive.Source.SourceMNSParameters.QueueName).toEqual(getAtt('Returns', 'QueueName'));
    expect(archive.Sink.SinkMNSParameters.QueueName).toEqual({ Form: 'CONSTANT', Value: getAtt('ReturnsArchive', 'QueueName') });
    // one function and one role serve both streams; the role may create streams (no resource-level authorization) and
    // work on these two streams only
    template.resourceCountIs('ALIYUN::ROS::CustomResource', 2);
    template.resourceCountIs('ALIYUN::FC3::Function', 2);
    const statements = Object.values(template.findResources('ALIYUN::RAM::Role')).flatMap((r: any) => r.Properties.Policies ?? [])
      .flatMap((p: any) => p.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Action: ['eventbridge:CreateEventStreaming'], Effect: 'Allow', Resource: ['*'] });
    const perStream = statements.find((st: any) => st.Resource.length === 2);
    expect(perStream.Action).toEqual(['eventbridge:StartEventStreaming', 'eventbridge:UpdateEventStreaming']);
    // reading and deleting on the stack's streams, so that a stream removed from the app can still be deleted
    expect(statements).toContainEqual({ Action: ['eventbridge:DeleteEventStreaming', 'eventbridge:GetEventStreaming'], Effect: 'Allow',
      Resource: [{ 'Fn::Join': ['', ['acs:eventbridge:', REGION, ':', ACCOUNT, ':eventstreaming/SmqQueueEventStream-*']] }] });
    expect(JSON.stringify(perStream.Resource)).toContain('eventstreaming/SmqQueueEventStream-RouteOrders');
    expect(JSON.stringify(perStream.Resource)).toContain('eventstreaming/SmqQueueEventStream-ArchiveReturns');
    // the warnings: the service-linked roles the streams use, which no template can create
    const warnings = annotations.all.filter((m) => m.level === 'warning').map((m) => m.message);
    expect(warnings.join('\n')).toContain('AliyunServiceRoleForEventBridgeSendToMNS');
    expect(warnings.join('\n')).toContain('AliyunServiceRoleForEventBridgeSendToFC');
    expect(annotations.all.filter((m) => m.level === 'error')).toEqual([]);
  });
});
