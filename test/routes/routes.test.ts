/**
 * The route simulator: the topology read from synthesized templates (every source and consumer type the library
 * emits, joins across stacks, names left to deploy time), and `deliver()` walking events through it with a reason at
 * every hop and drop, loops cut.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as oss from '@alicloud/ros-cdk-oss';
import * as ram from '@alicloud/ros-cdk-ram';
import * as ts from 'typescript';
import { buildApp } from '../../examples/app';
import { consumers, smq, sources, ValidationError } from '../../lib';
import { Delivery, RouteEdge, RouteNodeKind, Routes, SampleEvents, Topology } from '../../lib/routes';
import { newStack } from '../util';

const INBOX = 'smq-example-upload-pipeline-inbox';

/** `from -> to` of each hop. */
function hops(delivery: Delivery): string[] {
  return delivery.hops.map((h) => `${h.from} -> ${h.to}`);
}

/** `at -> to: reason` of each drop. */
function drops(delivery: Delivery): string[] {
  return delivery.drops.map((d) => `${d.at} -> ${d.to}: ${d.reason}`);
}

/** The edges from `from` to `to`. */
function edges(topology: Topology, from: string, to: string): RouteEdge[] {
  return topology.edges.filter((e) => e.from === from && e.to === to);
}

function edge(topology: Topology, from: string, to: string): RouteEdge {
  const found = edges(topology, from, to);
  if (found.length !== 1) {
    throw new Error(`expected one edge ${from} -> ${to}, found ${found.length}: ${topology.edges.map((e) => `${e.from} -> ${e.to}`).join(', ')}`);
  }
  return found[0];
}

function fc3Function(stack: ros.Stack, id: string, name: string): fc3.Function {
  return new fc3.Function(stack, id, { functionName: name, runtime: 'nodejs20', handler: 'index.handler', code: { zipFile: 'exports.handler = async () => {};' } });
}

function fcRole(stack: ros.Stack, id: string): ram.Role {
  return new ram.Role(stack, id, {
    roleName: `role-${id.toLowerCase()}`,
    assumeRolePolicyDocument: { version: '1', statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['fc.aliyuncs.com'] } }] },
  });
}

function expectValidation(make: () => unknown, message: string): void {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toBe(message);
}

describe('the example app', () => {
  let dir: string;
  let app: ros.App;
  let routes: Routes;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smq-routes-'));
    app = buildApp(dir);
    routes = Routes.fromApp(app);
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('an OSS upload walks from the bucket to the function (upload pipeline)', () => {
    let pipeline: Routes;

    beforeAll(() => {
      pipeline = Routes.fromStack(app.node.findChild('SmqUploadPipeline') as ros.Stack);
    });

    test('a key under incoming/ goes bucket -> queue -> function', () => {
      const delivery = pipeline.deliver(SampleEvents.ossObjectCreated({ bucket: INBOX, key: 'incoming/cat.jpg' }));
      expect(delivery.hops).toEqual([
        {
          from: 'SmqUploadPipeline/Inbox', to: 'SmqUploadPipeline/Uploads', via: 'ALIYUN::MNS::EventNotification', logicalId: 'NewUploads', stack: 'SmqUploadPipeline',
          reason: `oss:ObjectCreated:PutObject is one of the rule's event types; bucket "${INBOX}"; key "incoming/cat.jpg" has prefix "incoming/"`,
        },
        {
          from: 'SmqUploadPipeline/Uploads', to: 'SmqUploadPipeline/Processor', via: 'ALIYUN::FC3::Trigger', logicalId: 'ProcessUploads', stack: 'SmqUploadPipeline',
          reason: 'no filter pattern: every message passes',
        },
      ]);
      expect(delivery.drops).toEqual([]);
      expect(delivery.reached).toEqual(['SmqUploadPipeline/Inbox', 'SmqUploadPipeline/Uploads', 'SmqUploadPipeline/Processor']);
      // the nodes are the bucket, the queue and the function of the template
      const nodes = pipeline.topology.nodes;
      expect(delivery.reached.map((id) => nodes.find((n) => n.id === id)!.type))
        .toEqual(['ALIYUN::OSS::Bucket', 'ALIYUN::MNS::Queue', 'ALIYUN::FC3::Function']);
    });

    test('a key elsewhere is dropped at the bucket, with the rule\'s filter as the reason', () => {
      const delivery = pipeline.deliver(SampleEvents.ossObjectCreated({ bucket: INBOX, key: 'outgoing/cat.jpg' }));
      expect(delivery.hops).toEqual([]);
      expect(delivery.reached).toEqual([]);
      expect(delivery.drops).toEqual([{
        at: 'SmqUploadPipeline/Inbox', to: 'SmqUploadPipeline/Uploads', via: 'ALIYUN::MNS::EventNotification', logicalId: 'NewUploads', stack: 'SmqUploadPipeline',
        reason: 'key "outgoing/cat.jpg" matches no filter of the rule (prefix "incoming/")',
      }]);
    });

    test('the native SMQ notification body and the CloudEvent alone walk the same way', () => {
      const sample = SampleEvents.ossObjectCreated({ bucket: INBOX, key: 'incoming/dog.png' });
      const expected = ['SmqUploadPipeline/Inbox -> SmqUploadPipeline/Uploads', 'SmqUploadPipeline/Uploads -> SmqUploadPipeline/Processor'];
      expect(hops(pipeline.deliver(sample.native!))).toEqual(expected);
      expect(hops(pipeline.deliver(sample.cloudEvent))).toEqual(expected);
    });

    test('an event of another type, or of another bucket, is dropped', () => {
      expect(drops(pipeline.deliver(SampleEvents.ossObjectRemoved({ bucket: INBOX, key: 'incoming/cat.jpg' })))).toEqual([
        'SmqUploadPipeline/Inbox -> SmqUploadPipeline/Uploads: oss:ObjectRemoved:DeleteObject is not one of the rule\'s event types (oss:ObjectCreated:PutObject, '
        + 'oss:ObjectCreated:PostObject, oss:ObjectCreated:CopyObject, oss:ObjectCreated:AppendObject, oss:ObjectCreated:CompleteMultipartUpload, '
        + 'oss:ObjectCreated:InitiateMultipartUpload, oss:ObjectCreated:UploadPart, oss:ObjectCreated:UploadPartCopy)',
      ]);
      expect(drops(pipeline.deliver(SampleEvents.ossObjectCreated({ bucket: 'other-bucket', key: 'incoming/cat.jpg' })))).toEqual([
        `SmqUploadPipeline/Inbox -> SmqUploadPipeline/Uploads: the event's bucket "other-bucket" is not the rule's bucket "${INBOX}"`,
      ]);
    });

    test('the queue\'s backlog alarm reaches the ops mailbox; the trigger\'s dead-letter queue is drawn, not walked', () => {
      const delivery = pipeline.deliver(SampleEvents.cmsAlarm({
        metricName: 'NumberOfMessagesVisible', namespace: 'acs_mns_new', level: 'WARN', ruleName: 'SmqUploadPipeline-Backlog',
      }));
      expect(hops(delivery)).toEqual(['SmqUploadPipeline/Backlog -> SmqUploadPipeline/Ops', 'SmqUploadPipeline/Ops -> SmqUploadPipeline/mail:ops@example.com']);
      expect(delivery.hops[0].reason).toBe('level WARN is one of the target\'s levels (CRITICAL, WARN, INFO)');
      const dlq = edge(pipeline.topology, 'SmqUploadPipeline/Uploads', 'SmqUploadPipeline/FailedUploads');
      expect(dlq).toMatchObject({ via: 'ALIYUN::FC3::Trigger', logicalId: 'ProcessUploads', filter: { kind: 'dead-letter' } });
      const upload = pipeline.deliver(SampleEvents.ossObjectCreated({ bucket: INBOX, key: 'incoming/cat.jpg' }));
      expect(upload.reached).not.toContain('SmqUploadPipeline/FailedUploads');
    });
  });

  test('the topology of the whole app: the same from the app and from its cloud assembly, in a stable order', () => {
    const topology = routes.topology;
    expect(Routes.fromCloudAssembly(dir).topology).toEqual(topology);
    const ids = topology.nodes.map((n) => `${n.stack}\u0000${n.id}`);
    expect(ids).toEqual([...ids].sort());
    const keys = topology.edges.map((e) => `${e.stack}\u0000${e.logicalId}\u0000${e.from}\u0000${e.to}`);
    expect(keys).toEqual([...keys].sort());
    // every edge joins two nodes of the topology
    const known = new Set(topology.nodes.map((n) => n.id));
    expect(topology.edges.filter((e) => !known.has(e.from) || !known.has(e.to))).toEqual([]);
    expect(topology).toMatchSnapshot();
  });

  test('EventBridge rule: the pattern decides, the target\'s template makes the message', () => {
    const big = routes.deliver(SampleEvents.ossObjectCreated({ bucket: 'media', key: 'movies/big.mp4', size: 200 * 1024 * 1024 }));
    const hop = big.hops.find((h) => h.to === 'SmqEventBridgeToQueue/LargeUploads')!;
    expect(hop).toMatchObject({ from: 'SmqEventBridgeToQueue/LargeUploadRule', via: 'ALIYUN::EventBridge::Rule', logicalId: 'LargeUploadRule' });
    expect(hop.reason).toMatch(/^pattern matched: .*data\.oss\.object\.size/);
    const small = routes.deliver(SampleEvents.ossObjectCreated({ bucket: 'media', key: 'movies/small.mp4', size: 1024 }));
    expect(small.hops.filter((h) => h.to === 'SmqEventBridgeToQueue/LargeUploads')).toEqual([]);
    expect(drops(small).filter((d) => d.startsWith('SmqEventBridgeToQueue/LargeUploadRule'))).toEqual([
      expect.stringMatching(/^SmqEventBridgeToQueue\/LargeUploadRule -> SmqEventBridgeToQueue\/LargeUploads: pattern not matched: data\.oss\.object\.size/),
    ]);
    const target = edge(routes.topology, 'SmqEventBridgeToQueue/LargeUploadRule', 'SmqEventBridgeToQueue/LargeUploads');
    expect(target.filter).toEqual({ kind: 'event-pattern', value: {
      source: ['acs.oss'], type: ['oss:ObjectCreated:PutObject', 'oss:ObjectCreated:CompleteMultipartUpload'],
      data: { oss: { object: { size: [{ numeric: ['>=', 104857600] }] } } },
    } });
    expect(target.delivery).toMatchObject({ retryStrategy: 'BACKOFF_RETRY', deadLetterQueue: 'SmqEventBridgeToQueue-Undelivered' });
  });

  test('OSS through EventBridge: the subject prefix takes the event\'s region and account, or those given', () => {
    const removed = SampleEvents.ossObjectRemoved({ bucket: 'smq-example-media', key: 'uploads/a.jpg', region: 'cn-shanghai', account: '1111' });
    const delivery = routes.deliver(removed);
    expect(hops(delivery)).toEqual(['SmqOssToQueue/RemovedRule -> SmqOssToQueue/Removals']);
    expect(delivery.hops[0].reason).toContain('subject: prefix "acs:oss:cn-shanghai:1111:smq-example-media/" matched');
    const elsewhere = routes.deliver(removed, { region: 'cn-beijing' });
    expect(elsewhere.hops).toEqual([]);
    expect(drops(elsewhere)).toContain('SmqOssToQueue/RemovedRule -> SmqOssToQueue/Removals: pattern not matched: subject: '
      + '"acs:oss:cn-shanghai:1111:smq-example-media/uploads/a.jpg" does not match prefix "acs:oss:cn-beijing:1111:smq-example-media/"');
    // the other bucket's SMQ rule takes only created objects
    expect(drops(delivery)).toContain('SmqOssToQueue/Media -> SmqOssToQueue/Uploads: oss:ObjectRemoved:DeleteObject is not one of the rule\'s event types '
      + '(oss:ObjectCreated:PutObject, oss:ObjectCreated:PostObject, oss:ObjectCreated:CopyObject, oss:ObjectCreated:AppendObject, '
      + 'oss:ObjectCreated:CompleteMultipartUpload, oss:ObjectCreated:InitiateMultipartUpload, oss:ObjectCreated:UploadPart, oss:ObjectCreated:UploadPartCopy)');
  });

  test('OSS through SMQ with prefix and suffix: both must hold', () => {
    const jpg = routes.deliver(SampleEvents.ossObjectCreated({ bucket: 'smq-example-media', key: 'uploads/a.jpg' }));
    expect(hops(jpg)).toContain('SmqOssToQueue/Media -> SmqOssToQueue/Uploads');
    expect(jpg.hops.find((h) => h.to === 'SmqOssToQueue/Uploads')!.reason).toContain('key "uploads/a.jpg" has prefix "uploads/" and suffix ".jpg"');
    const png = routes.deliver(SampleEvents.ossObjectCreated({ bucket: 'smq-example-media', key: 'uploads/a.png' }));
    expect(drops(png)).toContain('SmqOssToQueue/Media -> SmqOssToQueue/Uploads: key "uploads/a.png" matches no filter of the rule (prefix "uploads/" and suffix ".jpg")');
  });

  test('CloudMonitor alarm: the target\'s levels and the rule decide', () => {
    const alarm = (level: string, ruleName = 'SmqCmsAlarmToTopic-Backlog'): Delivery => routes.deliver(SampleEvents.cmsAlarm({
      metricName: 'NumberOfMessagesVisible', namespace: 'acs_mns_new', level, ruleName,
    }));
    // an alarm is also an event on the default bus, which the app's EventBridge rules (for OSS) do not take
    const cmsDrops = (delivery: Delivery): string[] => drops(delivery).filter((d) => !d.includes('/RemovedRule') && !d.includes('/LargeUploadRule'));
    expect(hops(alarm('CRITICAL'))).toEqual(['SmqCmsAlarmToTopic/Backlog -> SmqCmsAlarmToTopic/Ops', 'SmqCmsAlarmToTopic/Ops -> SmqCmsAlarmToTopic/mail:ops@example.com']);
    // the sample's EventBridge source (see SampleEvents.cmsAlarm)
    const source = SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n' }).source;
    expect(drops(alarm('CRITICAL'))).toEqual([
      `SmqEventBridgeToQueue/LargeUploadRule -> SmqEventBridgeToQueue/LargeUploads: pattern not matched: source: "${source}" is not one of ["acs.oss"]`,
      `SmqOssToQueue/RemovedRule -> SmqOssToQueue/Removals: pattern not matched: source: "${source}" is not one of ["acs.oss"]`,
      'SmqUploadPipeline/Backlog -> SmqUploadPipeline/Ops: the alert is of the rule "SmqCmsAlarmToTopic-Backlog", not of this target\'s rule "SmqUploadPipeline-Backlog"',
    ]);
    expect(cmsDrops(alarm('OK'))).toEqual([
      'SmqCmsAlarmToTopic/Backlog -> SmqCmsAlarmToTopic/Ops: level OK is not one of the target\'s levels (CRITICAL, WARN, INFO)',
      'SmqUploadPipeline/Backlog -> SmqUploadPipeline/Ops: the alert is of the rule "SmqCmsAlarmToTopic-Backlog", not of this target\'s rule "SmqUploadPipeline-Backlog"',
    ]);
    expect(cmsDrops(alarm('WARN', 'someone-else'))).toEqual([
      'SmqCmsAlarmToTopic/Backlog -> SmqCmsAlarmToTopic/Ops: the alert is of the rule "someone-else", not of this target\'s rule "SmqCmsAlarmToTopic-Backlog"',
      'SmqUploadPipeline/Backlog -> SmqUploadPipeline/Ops: the alert is of the rule "someone-else", not of this target\'s rule "SmqUploadPipeline-Backlog"',
    ]);
  });

  test('CloudMonitor events: product, name and level of the rule\'s pattern', () => {
    const warn = routes.deliver(SampleEvents.cmsEvent({ product: 'ECS', name: 'Instance:StateChange', level: 'WARN' }));
    expect(hops(warn)).toEqual(['SmqCmsEventsToQueue/EcsEvents -> SmqCmsEventsToQueue/Incidents']);
    expect(warn.hops[0].reason).toBe('the event matches the rule\'s pattern (product ECS, name Instance:StateChange, level WARN); '
      + 'not checked: eventType (the event does not say, or the simulator does not evaluate it)');
    const info = routes.deliver(SampleEvents.cmsEvent({ product: 'ECS', name: 'Instance:StateChange', level: 'INFO' }));
    expect(drops(info)).toContain('SmqCmsEventsToQueue/EcsEvents -> SmqCmsEventsToQueue/Incidents: level "INFO" is not one of CRITICAL, WARN');
    const rds = routes.deliver(SampleEvents.cmsEvent({ product: 'RDS', name: 'Instance:StateChange', level: 'CRITICAL' }));
    expect(drops(rds)).toContain('SmqCmsEventsToQueue/EcsEvents -> SmqCmsEventsToQueue/Incidents: product "RDS" is not ECS');
  });

  test('Auto Scaling: notification types per rule, lifecycle hooks per transition', () => {
    const error = routes.deliver(SampleEvents.essNotification({ scalingGroupId: 'asg-web0001', eventType: 'AUTOSCALING:SCALE_IN_ERROR' }));
    expect(hops(error)).toEqual(['SmqEssToQueue/WebTier -> SmqEssToQueue/ScalingAlerts']);
    expect(error.hops[0]).toMatchObject({ via: 'ALIYUN::ESS::ScalingGroup', logicalId: 'WebTier', reason: 'AUTOSCALING:SCALE_IN_ERROR is one of the notification types' });
    expect(drops(error)).toContain('SmqEssToQueue/WebTier -> SmqEssToQueue/ScalingActivity: AUTOSCALING:SCALE_IN_ERROR is not one of the notification types '
      + '(AUTOSCALING:SCALE_OUT_SUCCESS, AUTOSCALING:SCALE_IN_SUCCESS)');
    const scaleIn = routes.deliver(SampleEvents.essLifecycleHook({ scalingGroupId: 'asg-web0001', transition: 'SCALE_IN' }));
    expect(hops(scaleIn)).toEqual(['SmqEssToQueue/WebTier -> SmqEssToQueue/Drain']);
    expect(scaleIn.hops[0]).toMatchObject({ via: 'ALIYUN::ESS::LifecycleHook', logicalId: 'DrainOnScaleIn', reason: 'the hook pauses SCALE_IN activities' });
    const scaleOut = routes.deliver(SampleEvents.essLifecycleHook({ scalingGroupId: 'asg-web0001', transition: 'SCALE_OUT' }));
    expect(scaleOut.hops).toEqual([]);
    expect(drops(scaleOut)).toContain('SmqEssToQueue/WebTier -> SmqEssToQueue/Drain: the message is for SCALE_OUT; the hook pauses SCALE_IN activities');
  });

  test('IoT rule action: the rule forwards to the topic, the topic to its queue', () => {
    const reading = SampleEvents.eventBridge({ source: 'acs.iot', type: 'iot:Thing:PropertyPost', data: { device: 'd1', temperature: 40 } });
    const delivery = routes.deliver(reading);
    expect(hops(delivery)).toEqual(['SmqIotToTopic/HotReadings -> SmqIotToTopic/Readings', 'SmqIotToTopic/Readings -> SmqIotToTopic/Work']);
    expect(delivery.hops[0].reason).toBe('the IoT rule forwards what its SQL selects (WHERE items.temperature.value > 38: not evaluated, the event is taken as a row the rule selected)');
  });

  test('FC 3.0 results: success to the topic, failure to the queue', () => {
    const ok = routes.deliver(SampleEvents.fcDestination({ functionName: 'SmqFcResultsToQueue-convert' }));
    // the topic mails it on
    expect(hops(ok)).toEqual(['SmqFcResultsToQueue/Convert -> SmqFcResultsToQueue/Finished', 'SmqFcResultsToQueue/Finished -> SmqFcResultsToQueue/mail:reports@example.com']);
    expect(ok.hops[1]).toMatchObject({ via: 'ALIYUN::MNS::Subscription', logicalId: expect.stringMatching(/^FinishedToEmail[0-9a-f]{8}$/) });
    expect(drops(ok)).toEqual(['SmqFcResultsToQueue/Convert -> SmqFcResultsToQueue/Failures: the invocation succeeded: not for the on-failure destination']);
    const failed = routes.deliver(SampleEvents.fcDestination({ functionName: 'SmqFcResultsToQueue-convert', success: false }));
    expect(hops(failed)).toEqual(['SmqFcResultsToQueue/Convert -> SmqFcResultsToQueue/Failures']);
    // another function's records do not come here
    expect(drops(routes.deliver(SampleEvents.fcDestination({ functionName: 'other' })))).toEqual([
      'SmqFcResultsToQueue/Convert -> SmqFcResultsToQueue/Failures: the record is of acs:fc:cn-hangzhou:1234567890123456:functions/other, not of the function SmqFcResultsToQueue-convert',
      'SmqFcResultsToQueue/Convert -> SmqFcResultsToQueue/Finished: the record is of acs:fc:cn-hangzhou:1234567890123456:functions/other, not of the function SmqFcResultsToQueue-convert',
    ]);
  });

  test('IMS callbacks: the event types SetEventCallback names', () => {
    const done = routes.deliver(SampleEvents.imsCallback({ eventType: 'ProduceMediaComplete' }));
    expect(hops(done)).toEqual(['SmqImsCallbacks/ims:event-callbacks -> SmqImsCallbacks/Callbacks']);
    expect(done.hops[0]).toMatchObject({ via: 'ALIYUN::ROS::CustomResource', logicalId: 'CallbacksCallback', reason: 'ProduceMediaComplete is one of the callback event types' });
    expect(drops(routes.deliver(SampleEvents.imsCallback({ eventType: 'TranscodeComplete' })))).toEqual([
      'SmqImsCallbacks/ims:event-callbacks -> SmqImsCallbacks/Callbacks: TranscodeComplete is not one of the callback event types (ProduceMediaComplete, MediaConvertComplete)',
    ]);
  });

  test('subscriptions: queue, HTTP, mail and SMS endpoints, filter tags', () => {
    const topology = routes.topology;
    const types = topology.edges.filter((e) => e.from === 'SmqFanout/Orders' && e.filter?.kind !== 'dead-letter')
      .map((e) => `${topology.nodes.find((n) => n.id === e.to)!.type} ${e.to}`);
    expect(types).toEqual([
      'ALIYUN::MNS::Queue SmqFanout/Billing',
      'mail SmqFanout/mail:ops@example.com',
      'ALIYUN::MNS::Queue SmqFanout/Shipping',
      'sms SmqFanout/sms:13800000000',
      'http SmqFanout/http:https://hooks.example.com/orders',
      'http SmqFanout/http:${AuditWebhookUrl}',
    ]);
    const paid = routes.deliver({ order: 1 }, { from: 'SmqFanout/Orders', messageTag: 'paid' });
    expect(hops(paid)).toEqual([
      'SmqFanout/Orders -> SmqFanout/Billing',
      'SmqFanout/Orders -> SmqFanout/Shipping',
      'SmqFanout/Orders -> SmqFanout/http:https://hooks.example.com/orders',
      'SmqFanout/Orders -> SmqFanout/http:${AuditWebhookUrl}',
    ]);
    // Billing subscribes with JSON, Shipping with the default XML: each queue receives SMQ's notification around the message
    expect(paid.hops[0].reason).toBe('no filter: every message passes; pushed as JSON (NotifyContentFormat): the queue receives SMQ\'s notification object, '
      + 'the message in its "Message"');
    expect(paid.hops[1].reason).toBe('filter tag "paid" matched; pushed as XML (NotifyContentFormat): the queue receives SMQ\'s <Notification> document, '
      + 'the message in its <Message>');
    expect(drops(paid)).toEqual([
      'SmqFanout/Orders -> SmqFanout/mail:ops@example.com: the message\'s tag "paid" is not the filter tag "refund"',
      'SmqFanout/Orders -> SmqFanout/sms:13800000000: the message\'s tag "paid" is not the filter tag "fraud"',
    ]);
    const untagged = routes.deliver({ order: 2 }, { from: 'SmqFanout/Orders' });
    expect(drops(untagged)).toContain('SmqFanout/Orders -> SmqFanout/Shipping: the message has no tag; the filter tag is "paid"');
    // the parameter's URL is shown as such and marked unknown
    expect(topology.nodes.find((n) => n.id === 'SmqFanout/http:${AuditWebhookUrl}')!.details.unknown).toBe('the endpoint is decided at deploy time: ${AuditWebhookUrl}');
  });

  test('FC topic triggers, 3.0 and 2.0: the filter tag', () => {
    for (const stack of ['SmqTopicToFunction', 'SmqTopicToFunctionFc2']) {
      const paid = routes.deliver({ id: 1 }, { from: `${stack}/Orders`, messageTag: 'paid' });
      expect(hops(paid)).toEqual([`${stack}/Orders -> ${stack}/Receipts`]);
      expect(paid.hops[0].via).toBe(stack.endsWith('Fc2') ? 'ALIYUN::FC::Trigger' : 'ALIYUN::FC3::Trigger');
      expect(drops(routes.deliver({ id: 2 }, { from: `${stack}/Orders`, messageTag: 'refund' })))
        .toEqual([`${stack}/Orders -> ${stack}/Receipts: the message's tag "refund" is not the filter tag "paid"`]);
    }
  });

  test('FC queue triggers, 3.0 and 2.0: every message, batched, with a dead-letter queue', () => {
    for (const stack of ['SmqQueueToFunction', 'SmqQueueToFunctionFc2']) {
      const delivery = routes.deliver({ job: 1 }, { from: `${stack}/Jobs` });
      expect(hops(delivery)).toEqual([`${stack}/Jobs -> ${stack}/Worker`]);
      expect(edge(routes.topology, `${stack}/Jobs`, `${stack}/Worker`).delivery).toEqual({
        invocation: 'synchronous', retryStrategy: 'EXPONENTIAL_DECAY_RETRY', errorsTolerance: 'ALL', batchSize: '10', batchWindow: '5 s',
        deadLetterQueue: `${stack}-FailedJobs`, eventFormat: 'CloudEvents',
      });
    }
    expect(routes.topology.nodes.find((n) => n.id === 'SmqQueueToFunctionFc2/Worker')!.type).toBe('ALIYUN::FC::Function');
  });

  describe('event streams (SmqQueueEventStream)', () => {
    const S = 'SmqQueueEventStream';

    test('an order reaches the function through RouteOrders when its body starts with order-; other messages stop at the queue', () => {
      const order = routes.deliver('order-42' as any, { from: `${S}/Orders` });
      expect(order.hops).toEqual([{
        from: `${S}/Orders`, to: `${S}/OrderHandler`, via: 'ALIYUN::ROS::CustomResource', logicalId: 'RouteOrders', stack: S,
        reason: 'pattern matched: data.messageBody: prefix "order-" matched',
      }]);
      expect(order.drops).toEqual([]);
      // the stream's dead-letter queue is drawn, never walked
      expect(order.reached).toEqual([`${S}/Orders`, `${S}/OrderHandler`]);
      expect(routes.node(`${S}/OrderHandler`)).toMatchObject({ kind: RouteNodeKind.CONSUMER, type: 'ALIYUN::FC3::Function', label: `${S}-order-handler` });

      const refund = routes.deliver('refund-7' as any, { from: `${S}/Orders` });
      expect(refund.hops).toEqual([]);
      expect(drops(refund)).toEqual([`${S}/Orders -> ${S}/OrderHandler: pattern not matched: data.messageBody: "refund-7" does not match prefix "order-"`]);
      // an object body is sent as its JSON text, which does not start with order-
      expect(routes.deliver({ order: 1 }, { from: `${S}/Orders` }).hops).toEqual([]);
    });

    test('RouteOrders: its filter, batch, retries, synchronous invocation and dead-letter queue are on its edges', () => {
      const topology = routes.topology;
      expect(edge(topology, `${S}/Orders`, `${S}/OrderHandler`)).toEqual({
        from: `${S}/Orders`, to: `${S}/OrderHandler`, via: 'ALIYUN::ROS::CustomResource', logicalId: 'RouteOrders', stack: S,
        label: `stream ${S}-RouteOrders · pattern {"data":{"messageBody":[{"prefix":"order-"}]}} · EXPONENTIAL_DECAY_RETRY · batch 10 · DLQ ${S}-FailedOrders`,
        filter: { kind: 'event-pattern', value: { data: { messageBody: [{ prefix: 'order-' }] } } },
        delivery: {
          eventStream: `${S}-RouteOrders`, retryStrategy: 'EXPONENTIAL_DECAY_RETRY', errorsTolerance: 'ALL', batchSize: '10', batchWindow: '5 s',
          deadLetterQueue: `${S}-FailedOrders`, invocation: 'synchronous', body: 'the whole event',
        },
      });
      expect(edge(topology, `${S}/Orders`, `${S}/FailedOrders`)).toEqual({
        from: `${S}/Orders`, to: `${S}/FailedOrders`, via: 'ALIYUN::ROS::CustomResource', logicalId: 'RouteOrders', stack: S,
        label: `dead letters of the stream ${S}-RouteOrders`, filter: { kind: 'dead-letter', value: { eventStream: `${S}-RouteOrders` } },
      });
      // the stack's other custom resources (the API-call function's own) make no edges; each stream reads its own queue;
      // the returns queue hands what fails there to its own dead-letter queue (the archive has none)
      expect(topology.edges.filter((e) => e.stack === S).map((e) => `${e.logicalId}: ${e.from} -> ${e.to}`).sort()).toEqual([
        `ArchiveReturns: ${S}/Returns -> ${S}/ReturnsArchive`,
        `Returns: ${S}/Returns -> ${S}/ReturnsDlq`,
        `RouteOrders: ${S}/Orders -> ${S}/FailedOrders`,
        `RouteOrders: ${S}/Orders -> ${S}/OrderHandler`,
      ]);
    });

    test('every return reaches the archive queue through ArchiveReturns, as its message body', () => {
      for (const body of ['return-9', { id: 9 }]) {
        const delivery = routes.deliver(body as any, { from: `${S}/Returns` });
        expect(delivery.hops).toEqual([{
          from: `${S}/Returns`, to: `${S}/ReturnsArchive`, via: 'ALIYUN::ROS::CustomResource', logicalId: 'ArchiveReturns', stack: S,
          reason: 'no filter pattern: every message passes',
        }]);
        expect(delivery.drops).toEqual([]);
      }
      expect(edge(routes.topology, `${S}/Returns`, `${S}/ReturnsArchive`)).toMatchObject({
        label: `stream ${S}-ArchiveReturns · EXPONENTIAL_DECAY_RETRY`,
        delivery: { eventStream: `${S}-ArchiveReturns`, retryStrategy: 'EXPONENTIAL_DECAY_RETRY', errorsTolerance: 'NONE', body: 'JSONPATH $.data.messageBody' },
      });
      expect(edge(routes.topology, `${S}/Returns`, `${S}/ReturnsArchive`).filter).toBeUndefined();
      // what fails on the returns queue goes to its own dead-letter queue: an edge of the queue, not of the stream
      expect(edge(routes.topology, `${S}/Returns`, `${S}/ReturnsDlq`)).toEqual({
        from: `${S}/Returns`, to: `${S}/ReturnsDlq`, via: 'ALIYUN::MNS::Queue', logicalId: 'Returns', stack: S,
        label: 'dead letters after 5 receives', filter: { kind: 'dead-letter', value: { maxReceiveCount: '5' } },
      });
    });
  });

  test('IMS callbacks: a callback reaches the ice-callback queue through the SetEventCallback the stack makes; the read of the previous setting is no edge', () => {
    const S = 'SmqImsCallbacks';
    const sample = SampleEvents.imsCallback({ eventType: 'MediaConvertComplete' });
    for (const event of [sample, sample.native!, sample.cloudEvent]) {
      const delivery = routes.deliver(event);
      expect(delivery.hops).toEqual([{
        from: `${S}/ims:event-callbacks`, to: `${S}/Callbacks`, via: 'ALIYUN::ROS::CustomResource', logicalId: 'CallbacksCallback', stack: S,
        reason: 'MediaConvertComplete is one of the callback event types',
      }]);
      expect(delivery.drops).toEqual([]);
      // IMS writes to the queue itself: no EventBridge rule of the app is tried, and the queue's DLQ is not walked
      expect(delivery.reached).toEqual([`${S}/ims:event-callbacks`, `${S}/Callbacks`]);
    }
    expect(routes.node(`${S}/Callbacks`)).toMatchObject({
      kind: RouteNodeKind.CHANNEL, type: 'ALIYUN::MNS::Queue', label: `ice-callback-${S}-Callbacks`,
      details: { deadLetterQueue: `ice-callback-${S}-Callbacks-dlq`, maxReceiveCount: '5' },
    });
    expect(routes.node(`${S}/ims:event-callbacks`)).toMatchObject({ kind: RouteNodeKind.SOURCE, type: 'ims', label: 'IMS event callbacks' });
    // the callback edge comes from OnCreate only: OnDelete's restore of the previous setting and GetEventCallback make none
    expect(routes.topology.edges.filter((e) => e.stack === S).map((e) => `${e.logicalId}: ${e.from} -> ${e.to}`)).toEqual([
      `Callbacks: ${S}/Callbacks -> ${S}/CallbacksDlq`,
      `CallbacksCallback: ${S}/ims:event-callbacks -> ${S}/Callbacks`,
    ]);
    expect(edge(routes.topology, `${S}/ims:event-callbacks`, `${S}/Callbacks`)).toMatchObject({
      label: 'ProduceMediaComplete, MediaConvertComplete', filter: { kind: 'event-types', value: ['ProduceMediaComplete', 'MediaConvertComplete'] },
    });
  });
});

describe('wirings the examples do not show', () => {
  test('FC 2.0 results from the function\'s AsyncConfiguration, reached through a topic trigger (asynchronous)', () => {
    const { app, stack } = newStack('Media');
    const role = fcRole(stack, 'SvcRole');
    const service = new fc.Service(stack, 'Svc', { serviceName: 'media', role: role.attrArn });
    const fn2 = new fc.Function(stack, 'Resize', { serviceName: service.attrServiceName, functionName: 'resize', runtime: 'nodejs20', handler: 'index.handler',
      code: { zipFile: 'exports.handler = async () => {};' } });
    const done = new smq.Topic(stack, 'Done');
    const failures = new smq.Queue(stack, 'Failures');
    const requests = new smq.Topic(stack, 'Requests');
    new sources.FunctionResultDestinations(stack, 'Results', { fn: sources.ResultFunction.fc2(service, fn2, role), onSuccess: done, onFailure: failures });
    new consumers.TopicTrigger(stack, 'OnRequest', { topic: requests, fn: consumers.TriggerFunction.fc2(service, fn2) });
    const routes = Routes.fromApp(app);
    expect(edge(routes.topology, 'Media/Resize', 'Media/Done')).toMatchObject({ via: 'ALIYUN::FC::Function', logicalId: 'Resize',
      filter: { kind: 'invocation-result', value: 'success' } });
    const ok = routes.deliver({ image: 'a.png' }, { from: 'Media/Requests' });
    expect(hops(ok)).toEqual(['Media/Requests -> Media/Resize', 'Media/Resize -> Media/Done']);
    expect(ok.hops[1].reason).toBe('the invocation succeeded (options.invocationFails: false): its result goes to the on-success destination');
    expect(drops(ok)).toEqual(['Media/Resize -> Media/Failures: the invocation succeeded (options.invocationFails: false): the on-failure destination is not used']);
    const failed = routes.deliver({ image: 'a.png' }, { from: 'Media/Requests', invocationFails: true });
    expect(hops(failed)).toEqual(['Media/Requests -> Media/Resize', 'Media/Resize -> Media/Failures']);
    expect(routes.topology.nodes.find((n) => n.id === 'Media/Resize')!.kind).toBe(RouteNodeKind.CONSUMER);
  });

  test('a queue trigger invokes synchronously: the function\'s destinations are not used', () => {
    const { app, stack } = newStack('Media');
    const role = fcRole(stack, 'Role');
    const fn = new fc3.Function(stack, 'Work', { functionName: 'work', runtime: 'nodejs20', handler: 'index.handler', role: ros.Token.asString(role.attrArn),
      code: { zipFile: 'exports.handler = async () => {};' } });
    const jobs = new smq.Queue(stack, 'Jobs');
    const done = new smq.Topic(stack, 'Done');
    new sources.FunctionResultDestinations(stack, 'Results', { fn: sources.ResultFunction.fc3(fn, role), onSuccess: done });
    new consumers.QueueTrigger(stack, 'Consume', { queue: jobs, fn: consumers.TriggerFunction.fc3(fn), filterPattern: { data: { messageBody: [{ prefix: '{"job"' }] } } });
    const routes = Routes.fromApp(app);
    const delivery = routes.deliver({ job: 1 }, { from: 'Media/Jobs' });
    expect(hops(delivery)).toEqual(['Media/Jobs -> Media/Work']);
    expect(delivery.hops[0].reason).toBe('pattern matched: data.messageBody: prefix "{\\"job\\"" matched');
    expect(drops(delivery)).toEqual(['Media/Work -> Media/Done: the trigger invokes the function synchronously: destinations receive the results of asynchronous invocations only']);
    // the pattern sees the message as the queue's CloudEvent: data.messageBody is its text
    expect(drops(routes.deliver({ task: 1 }, { from: 'Media/Jobs' }))).toEqual([
      expect.stringMatching(/^Media\/Jobs -> Media\/Work: pattern not matched: data\.messageBody: /),
    ]);
  });

  test('event streams: queue to queue with a pattern, queue to a function (asynchronous), to HTTP and RocketMQ', () => {
    const { app, stack } = newStack('Media');
    const role = fcRole(stack, 'Role');
    const fn = new fc3.Function(stack, 'Thumb', { functionName: 'thumb', runtime: 'nodejs20', handler: 'index.handler', role: ros.Token.asString(role.attrArn),
      code: { zipFile: 'exports.handler = async () => {};' } });
    const incoming = new smq.Queue(stack, 'Incoming');
    const images = new smq.Queue(stack, 'Images');
    const done = new smq.Topic(stack, 'Done');
    new sources.FunctionResultDestinations(stack, 'Results', { fn: sources.ResultFunction.fc3(fn, role), onSuccess: done });
    new consumers.QueueEventStream(stack, 'OnlyImages', {
      queue: incoming, sink: consumers.EventStreamSink.queue(images), filterPattern: { data: { messageBody: [{ prefix: '{"kind":"image"' }] } },
    });
    new consumers.QueueEventStream(stack, 'Thumbnails', { queue: images, sink: consumers.EventStreamSink.fc3(fn, { asyncInvocation: true }) });
    new consumers.QueueEventStream(stack, 'Audit', { queue: images, sink: consumers.EventStreamSink.http('https://audit.example.com/in') });
    new consumers.QueueEventStream(stack, 'Archive', { queue: images, sink: consumers.EventStreamSink.rocketMq({ instanceId: 'rmq-cn-1', topic: 'archive' }) });
    const routes = Routes.fromApp(app);
    const topology = routes.topology;
    expect(edge(topology, 'Media/Incoming', 'Media/Images')).toMatchObject({
      via: 'ALIYUN::ROS::CustomResource', logicalId: 'OnlyImages',
      filter: { kind: 'event-pattern', value: { data: { messageBody: [{ prefix: '{"kind":"image"' }] } } },
      delivery: { eventStream: 'Media-OnlyImages' },
    });
    expect(topology.nodes.find((n) => n.id === 'Media/rocketmq:rmq-cn-1/archive')).toMatchObject({ kind: RouteNodeKind.CONSUMER, type: 'rocketmq', label: 'RocketMQ rmq-cn-1/archive' });
    const image = routes.deliver({ kind: 'image', key: 'a.png' }, { from: 'Media/Incoming' });
    expect(hops(image)).toEqual([
      'Media/Incoming -> Media/Images',
      'Media/Images -> Media/rocketmq:rmq-cn-1/archive',
      'Media/Images -> Media/http:https://audit.example.com/in',
      'Media/Images -> Media/Thumb',
      'Media/Thumb -> Media/Done',
    ]);
    // a queue hands each message to one reader: the three hops from Images say so; the one from Incoming does not
    expect(image.hops[0].reason).toBe('pattern matched: data.messageBody: prefix "{\\"kind\\":\\"image\\"" matched');
    expect(image.hops.slice(1, 4).map((h) => h.reason)).toEqual(Array(3).fill('no filter pattern: every message passes; the queue has 3 readers '
      + '(Media/Archive, Media/Audit, Media/Thumbnails): each message goes to one of them, not to each'));
    const text = routes.deliver({ kind: 'text' }, { from: 'Media/Incoming' });
    expect(text.hops).toEqual([]);
    expect(drops(text)).toEqual(['Media/Incoming -> Media/Images: pattern not matched: data.messageBody: "{\\"kind\\":\\"text\\"}" does not match prefix "{\\"kind\\":\\"image\\""']);
  });

  test('event streams in a chain: the next stream sees what the sink\'s body transform made of the message', () => {
    const { app, stack } = newStack('Media');
    const fn = fc3Function(stack, 'Handle', 'handle');
    const [inbox, bodies, events] = ['Inbox', 'Bodies', 'Events'].map((id) => new smq.Queue(stack, id));
    new consumers.QueueEventStream(stack, 'CopyBodies', { queue: inbox, sink: consumers.EventStreamSink.queue(bodies), transform: consumers.EventStreamTransform.messageBody() });
    new consumers.QueueEventStream(stack, 'CopyEvents', { queue: inbox, sink: consumers.EventStreamSink.queue(events) });
    const orders = { data: { messageBody: [{ prefix: 'order-' }] } };
    new consumers.QueueEventStream(stack, 'HandleBodies', { queue: bodies, sink: consumers.EventStreamSink.fc3(fn), filterPattern: orders });
    new consumers.QueueEventStream(stack, 'HandleEvents', { queue: events, sink: consumers.EventStreamSink.fc3(fn, { asyncInvocation: true }), filterPattern: orders });
    const routes = Routes.fromApp(app);
    expect(edge(routes.topology, 'Media/Inbox', 'Media/Bodies').delivery).toMatchObject({ body: 'JSONPATH $.data.messageBody' });
    expect(edge(routes.topology, 'Media/Inbox', 'Media/Events').delivery).toMatchObject({ body: 'the whole event' });
    expect(edge(routes.topology, 'Media/Events', 'Media/Handle').delivery).toMatchObject({ invocation: 'asynchronous' });
    const delivery = routes.deliver('order-1' as any, { from: 'Media/Inbox' });
    // the body alone starts with order-; the whole CloudEvent, as text, starts with {"specversion"
    expect(hops(delivery)).toEqual(['Media/Inbox -> Media/Bodies', 'Media/Inbox -> Media/Events', 'Media/Bodies -> Media/Handle']);
    expect(drops(delivery)).toEqual([expect.stringMatching(/^Media\/Events -> Media\/Handle: pattern not matched: data\.messageBody: "\{\\"specversion\\":\\"1\.0\\",/)]);
  });

  test('OSS to a topic, CloudMonitor levels, and a subscription\'s dead-letter queue', () => {
    const { app, stack } = newStack('Media');
    const bucket = new oss.Bucket(stack, 'Photos', { bucketName: 'photos-bucket' });
    const events = new smq.Topic(stack, 'PhotoEvents');
    const archive = new smq.Queue(stack, 'Archive');
    const undelivered = new smq.Queue(stack, 'Undelivered');
    events.addSubscription(new consumers.QueueSubscription(archive, { deadLetterQueue: undelivered }));
    new sources.OssEventNotification(stack, 'OnPhoto', { bucket, events: [sources.OssEvent.OBJECT_CREATED_PUT], filters: [{ prefix: 'raw/', suffix: '.heic' }, { prefix: 'camera/', suffix: '.heic' }],
      destination: events });
    const alarm = new sources.MetricAlarm(stack, 'Backlog', { metric: archive.metricNumberOfMessagesVisible(), threshold: 10, evaluationPeriods: 1, level: sources.AlarmLevel.CRITICAL, contactGroups: ['ops'] });
    const ops = new smq.Queue(stack, 'Ops');
    alarm.notify(ops, [sources.AlarmLevel.CRITICAL]);
    const routes = Routes.fromApp(app);
    const topology = routes.topology;
    expect(edge(topology, 'Media/Photos', 'Media/PhotoEvents')).toMatchObject({
      via: 'ALIYUN::MNS::EventNotification', label: 'oss:ObjectCreated:PutObject · prefix raw/ suffix .heic · prefix camera/ suffix .heic',
      filter: { kind: 'oss-events', value: { events: ['oss:ObjectCreated:PutObject'], filters: [{ prefix: 'raw/', suffix: '.heic' }, { prefix: 'camera/', suffix: '.heic' }] } },
    });
    expect(edge(topology, 'Media/PhotoEvents', 'Media/Undelivered')).toMatchObject({ via: 'ALIYUN::MNS::Subscription', filter: { kind: 'dead-letter' } });
    const heic = routes.deliver(SampleEvents.ossObjectCreated({ bucket: 'photos-bucket', key: 'camera/1.heic' }));
    expect(hops(heic)).toEqual(['Media/Photos -> Media/PhotoEvents', 'Media/PhotoEvents -> Media/Archive']);
    expect(heic.hops[0].reason).toContain('key "camera/1.heic" has prefix "camera/" and suffix ".heic"');
    expect(heic.reached).not.toContain('Media/Undelivered');
    expect(drops(routes.deliver(SampleEvents.ossObjectCreated({ bucket: 'photos-bucket', key: 'camera/1.jpg' })))).toEqual([
      'Media/Photos -> Media/PhotoEvents: key "camera/1.jpg" matches no filter of the rule (prefix "raw/" and suffix ".heic"; prefix "camera/" and suffix ".heic")',
    ]);
    const warn = routes.deliver(SampleEvents.cmsAlarm({ metricName: 'NumberOfMessagesVisible', namespace: 'acs_mns_new', level: 'WARN', ruleName: 'Media-Backlog' }));
    expect(drops(warn)).toEqual(['Media/Backlog -> Media/Ops: level WARN is not one of the target\'s levels (CRITICAL)']);
  });
});

describe('joins across stacks', () => {
  function twoStacks(): { app: ros.App; producer: ros.Stack; consumer: ros.Stack } {
    const app = new ros.App();
    const producer = new ros.Stack(app, 'Producer');
    const consumer = new ros.Stack(app, 'Consumer');
    const jobs = new smq.Queue(producer, 'Jobs', { queueName: 'shared-jobs' });
    const bucket = new oss.Bucket(producer, 'Drop', { bucketName: 'drop-bucket' });
    new sources.OssEventNotification(producer, 'OnDrop', { bucket, events: [sources.OssEvent.OBJECT_CREATED], destination: jobs });
    const fn = fc3Function(consumer, 'Worker', 'worker');
    new consumers.QueueTrigger(consumer, 'Consume', { queue: smq.Queue.fromQueueName(consumer, 'Jobs', 'shared-jobs'), fn: consumers.TriggerFunction.fc3(fn) });
    return { app, producer, consumer };
  }

  test('a queue made in one stack and consumed by name in another is one node', () => {
    const { app } = twoStacks();
    const routes = Routes.fromApp(app);
    const topology = routes.topology;
    expect(topology.nodes.filter((n) => n.kind === RouteNodeKind.CHANNEL).map((n) => n.id)).toEqual(['Producer/Jobs']);
    expect(edge(topology, 'Producer/Jobs', 'Consumer/Worker')).toMatchObject({ via: 'ALIYUN::FC3::Trigger', logicalId: 'Consume', stack: 'Consumer' });
    const delivery = routes.deliver(SampleEvents.ossObjectCreated({ bucket: 'drop-bucket', key: 'a.txt' }));
    expect(hops(delivery)).toEqual(['Producer/Drop -> Producer/Jobs', 'Producer/Jobs -> Consumer/Worker']);
    expect(delivery.hops[0].reason).toBe('oss:ObjectCreated:PutObject is one of the rule\'s event types; bucket "drop-bucket"; every object of the bucket');
  });

  test('the same templates given one by one join the same way; one stack alone names the queue it does not make', () => {
    const { app } = twoStacks();
    const assembly = app.synth();
    const templates = { Consumer: assembly.getStackArtifact('Consumer').template, Producer: assembly.getStackArtifact('Producer').template };
    expect(Routes.fromTemplates(templates).topology).toEqual(Routes.fromApp(app).topology);
    const alone = Routes.fromTemplate(templates.Consumer, 'Consumer').topology;
    expect(alone.nodes.find((n) => n.id === 'Consumer/queue:shared-jobs')).toEqual({
      id: 'Consumer/queue:shared-jobs', kind: RouteNodeKind.CHANNEL, type: 'queue', label: 'shared-jobs', stack: 'Consumer',
      details: { external: 'a queue the templates read do not make', name: 'shared-jobs' },
    });
    expect(edge(alone, 'Consumer/queue:shared-jobs', 'Consumer/Worker').via).toBe('ALIYUN::FC3::Trigger');
  });

  test('fromStack reads its own stack', () => {
    const { consumer } = twoStacks();
    expect(Routes.fromStack(consumer).topology.edges.map((e) => `${e.from} -> ${e.to}`)).toEqual(['Consumer/queue:shared-jobs -> Consumer/Worker']);
  });
});

describe('names left to deploy time', () => {
  test('parameters and imports by token ARN are nodes of unknown name; a token filter tag cannot be checked', () => {
    const template = {
      Parameters: { TopicName: { Type: 'String' }, QueueName: { Type: 'String' }, Tag: { Type: 'String' }, QueueArn: { Type: 'String' } },
      Resources: {
        Sub: {
          Type: 'ALIYUN::MNS::Subscription',
          Properties: {
            TopicName: { Ref: 'TopicName' }, SubscriptionName: 's', PushType: 'queue',
            Endpoint: { 'Fn::Sub': 'acs:mns:${ALIYUN::Region}:${ALIYUN::TenantId}:queues/${QueueName}' },
          },
        },
        Tagged: {
          Type: 'ALIYUN::MNS::Subscription',
          Properties: { TopicName: { Ref: 'TopicName' }, SubscriptionName: 't', PushType: 'http', Endpoint: 'https://x.example.com', FilterTag: { Ref: 'Tag' } },
        },
        Fn: { Type: 'ALIYUN::FC3::Function', Properties: { FunctionName: 'fn' } },
        Trigger: {
          Type: 'ALIYUN::FC3::Trigger',
          Properties: {
            FunctionName: { 'Fn::GetAtt': ['Fn', 'FunctionName'] }, TriggerName: 't', TriggerType: 'eventbridge',
            TriggerConfig: { eventSourceConfig: { eventSourceType: 'MNS', eventSourceParameters: { sourceMNSParameters: {
              QueueName: { 'Fn::Select': [1, { 'Fn::Split': ['queues/', { Ref: 'QueueArn' }] }] },
            } } } },
          },
        },
      },
    };
    const routes = Routes.fromTemplate(template, 'S');
    const topology = routes.topology;
    expect(topology.nodes.filter((n) => n.kind === RouteNodeKind.CHANNEL)).toEqual([
      {
        id: 'S/queue:${QueueName}', kind: RouteNodeKind.CHANNEL, type: 'queue', label: '${QueueName}', stack: 'S',
        details: { unknown: 'the queue name is decided at deploy time: ${QueueName}' },
      },
      {
        id: 'S/queue:${{"Fn::Select":[1,{"Fn::Split":["queues/",{"Ref":"QueueArn"}]}]}}', kind: RouteNodeKind.CHANNEL, type: 'queue',
        label: '${{"Fn::Select":[1,{"Fn::Split":["queues/",{"Ref":"QueueArn"}]}]}}', stack: 'S',
        details: { unknown: 'the queue name is decided at deploy time: ${{"Fn::Select":[1,{"Fn::Split":["queues/",{"Ref":"QueueArn"}]}]}}' },
      },
      {
        id: 'S/topic:${TopicName}', kind: RouteNodeKind.CHANNEL, type: 'topic', label: '${TopicName}', stack: 'S',
        details: { unknown: 'the topic name is decided at deploy time: ${TopicName}' },
      },
    ]);
    expect(edge(topology, 'S/topic:${TopicName}', 'S/http:https://x.example.com').filter).toEqual({ kind: 'filter-tag', value: '${Tag}' });
    const delivery = routes.deliver({ a: 1 }, { from: 'S/topic:${TopicName}', messageTag: 'x' });
    expect(hops(delivery)).toEqual(['S/topic:${TopicName} -> S/queue:${QueueName}']);
    expect(drops(delivery)).toEqual(['S/topic:${TopicName} -> S/http:https://x.example.com: the filter tag is decided at deploy time (${Tag}): cannot be checked']);
  });

  test('literal names and Fn::Sub of a resource resolve to the resource; ALIYUN::StackName is the stack\'s name', () => {
    const template = {
      Resources: {
        Topic: { Type: 'ALIYUN::MNS::Topic', Properties: { TopicName: { 'Fn::Join': ['-', [{ Ref: 'ALIYUN::StackName' }, 'events']] } } },
        Queue: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'work' } },
        ByName: { Type: 'ALIYUN::MNS::Subscription', Properties: { TopicName: 'S-events', SubscriptionName: 'a', PushType: 'queue', Endpoint: 'acs:mns:cn-hangzhou:123:queues/work' } },
        BySub: {
          Type: 'ALIYUN::MNS::Subscription',
          Properties: { TopicName: { 'Fn::GetAtt': ['Topic', 'TopicName'] }, SubscriptionName: 'b', PushType: 'queue',
            Endpoint: { 'Fn::Sub': 'acs:mns:${ALIYUN::Region}:${ALIYUN::TenantId}:queues/${Queue.QueueName}' } },
        },
      },
    };
    const topology = Routes.fromTemplate(template, 'S').topology;
    expect(topology.nodes.map((n) => n.id)).toEqual(['S/Queue', 'S/Topic']);
    expect(topology.nodes[1].label).toBe('S-events');
    expect(edges(topology, 'S/Topic', 'S/Queue').map((e) => e.logicalId)).toEqual(['ByName', 'BySub']);
  });
});

describe('API-call parameters given as JSON text', () => {
  test('an event stream whose Source, Sink and FilterPattern are JSON text, with template functions inside', () => {
    const template = {
      Resources: {
        In: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'in' } },
        Out: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'out' } },
        Stream: {
          Type: 'ALIYUN::ROS::CustomResource',
          Properties: { ServiceToken: 'acs:fc:cn-hangzhou:123:functions/api', Parameters: { OnCreate: { Action: 'CreateEventStreaming', Parameters: {
            EventStreamingName: 'st',
            Source: { 'Fn::Join': ['', ['{"SourceMNSParameters":{"RegionId":"', { Ref: 'ALIYUN::Region' }, '","QueueName":"', { 'Fn::GetAtt': ['In', 'QueueName'] }, '"}}']] },
            Sink: '{"SinkMNSParameters":{"QueueName":{"Form":"CONSTANT","Value":"out"}}}',
            FilterPattern: '{"data":{"messageBody":[{"prefix":"a"}]}}',
          }, Then: [{ Action: 'StartEventStreaming', Parameters: { EventStreamingName: 'st' } }] } } },
        },
        Http: {
          Type: 'ALIYUN::ROS::CustomResource',
          Properties: { ServiceToken: 'x', Parameters: { OnCreate: { Action: 'SetEventCallback', Parameters: { CallbackType: 'HTTP', CallbackURL: 'https://x.example.com' } } } },
        },
      },
    };
    const routes = Routes.fromTemplate(template, 'S');
    expect(routes.topology.edges).toEqual([{
      from: 'S/In', to: 'S/Out', via: 'ALIYUN::ROS::CustomResource', logicalId: 'Stream', stack: 'S', label: 'stream st · pattern {"data":{"messageBody":[{"prefix":"a"}]}}',
      filter: { kind: 'event-pattern', value: { data: { messageBody: [{ prefix: 'a' }] } } }, delivery: { eventStream: 'st' },
    }]);
    expect(hops(routes.deliver('abc' as any, { from: 'S/In' }))).toEqual(['S/In -> S/Out']);
    expect(drops(routes.deliver('xyz' as any, { from: 'S/In' }))).toEqual(['S/In -> S/Out: pattern not matched: data.messageBody: "xyz" does not match prefix "a"']);
  });
});

describe('loops', () => {
  test('a function whose results go back to the topic that triggers it: each hop is taken once, the loop is reported', () => {
    const template = {
      Resources: {
        Events: { Type: 'ALIYUN::MNS::Topic', Properties: { TopicName: 'events' } },
        Fn: { Type: 'ALIYUN::FC3::Function', Properties: { FunctionName: 'echo' } },
        OnEvent: {
          Type: 'ALIYUN::FC3::Trigger',
          Properties: { FunctionName: { 'Fn::GetAtt': ['Fn', 'FunctionName'] }, TriggerName: 'on', TriggerType: 'mns_topic', TriggerConfig: {},
            SourceArn: { 'Fn::Join': ['', ['acs:mns:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, ':/topics/', { 'Fn::GetAtt': ['Events', 'TopicName'] }]] } },
        },
        Results: {
          Type: 'ALIYUN::FC3::AsyncInvokeConfig',
          Properties: { FunctionName: { 'Fn::GetAtt': ['Fn', 'FunctionName'] },
            DestinationConfig: { OnSuccess: { Destination: { 'Fn::Sub': 'acs:mns:${ALIYUN::Region}:${ALIYUN::TenantId}:/topics/${Events.TopicName}/messages' } } } },
        },
      },
    };
    const delivery = Routes.fromTemplate(template, 'S').deliver({ n: 1 }, { from: 'S/Events' });
    expect(hops(delivery)).toEqual(['S/Events -> S/Fn', 'S/Fn -> S/Events']);
    expect(drops(delivery)).toEqual(['S/Events -> S/Fn: a loop: the message already took this hop from S/Events to S/Fn on its way here; the walk stops here']);
    expect(delivery.reached).toEqual(['S/Events', 'S/Fn']);
    // back where it started, the result is the loop going round, not a second copy
    expect(delivery.hops.filter((h) => h.duplicate)).toEqual([]);
    expect(delivery.copies).toEqual({});
  });

  test('event streams from queue to queue and back stop at the first repeated hop', () => {
    // QueueEventStream refuses such a loop at synth; a template written by hand (or by another tool) can still hold one
    const stream = (name: string, from: string, to: string): { [key: string]: any } => ({
      Type: 'ALIYUN::ROS::CustomResource',
      Properties: { ServiceToken: 'acs:fc:cn-hangzhou:123:functions/api', Parameters: { OnCreate: { Action: 'CreateEventStreaming', Parameters: {
        EventStreamingName: name,
        Source: { SourceMNSParameters: { RegionId: { Ref: 'ALIYUN::Region' }, QueueName: { 'Fn::GetAtt': [from, 'QueueName'] }, IsBase64Decode: true } },
        Sink: { SinkMNSParameters: { QueueName: { Form: 'CONSTANT', Value: { 'Fn::GetAtt': [to, 'QueueName'] } }, Body: { Form: 'ORIGINAL', Value: '' } } },
        FilterPattern: {},
      }, Then: [{ Action: 'StartEventStreaming', Parameters: { EventStreamingName: name } }] } } },
    });
    const template = {
      Resources: {
        A: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'a' } },
        B: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'b' } },
        AtoB: stream('a-to-b', 'A', 'B'),
        BtoA: stream('b-to-a', 'B', 'A'),
      },
    };
    const routes = Routes.fromTemplate(template, 'S');
    expect(routes.topology.edges.map((e) => `${e.logicalId}: ${e.from} -> ${e.to}`)).toEqual(['AtoB: S/A -> S/B', 'BtoA: S/B -> S/A']);
    const delivery = routes.deliver({ n: 1 }, { from: 'S/A' });
    expect(hops(delivery)).toEqual(['S/A -> S/B', 'S/B -> S/A']);
    expect(drops(delivery)).toEqual(['S/A -> S/B: a loop: the message already took this hop from S/A to S/B on its way here; the walk stops here']);
    expect(delivery.reached).toEqual(['S/A', 'S/B']);
    // entering at B: the same loop, cut at B's first repeated hop
    const fromB = routes.deliver({ n: 1 }, { from: 'S/B' });
    expect(hops(fromB)).toEqual(['S/B -> S/A', 'S/A -> S/B']);
    expect(drops(fromB)).toEqual(['S/B -> S/A: a loop: the message already took this hop from S/B to S/A on its way here; the walk stops here']);
  });

  test('maxHops stops a long walk', () => {
    const { app, stack } = newStack('S');
    const queues = [0, 1, 2, 3].map((i) => new smq.Queue(stack, `Q${i}`));
    queues.slice(1).forEach((q, i) => new consumers.QueueEventStream(stack, `S${i}`, { queue: queues[i], sink: consumers.EventStreamSink.queue(q) }));
    const delivery = Routes.fromApp(app).deliver({ n: 1 }, { from: 'S/Q0', maxHops: 2 });
    expect(hops(delivery)).toEqual(['S/Q0 -> S/Q1', 'S/Q1 -> S/Q2']);
    expect(drops(delivery)).toEqual(['S/Q2 -> S/Q3: stopped: the walk reached options.maxHops (2) hops']);
  });
});

/** Hand-written resources for the tests below. */
const res = {
  queue: (name: string): { [key: string]: any } => ({ Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: name } }),
  topic: (name: string): { [key: string]: any } => ({ Type: 'ALIYUN::MNS::Topic', Properties: { TopicName: name } }),
  fn: (name: string): { [key: string]: any } => ({ Type: 'ALIYUN::FC3::Function', Properties: { FunctionName: name } }),
  subscription: (topic: string, name: string, endpoint: string, extra: { [key: string]: any } = {}): { [key: string]: any } => ({
    Type: 'ALIYUN::MNS::Subscription',
    Properties: { TopicName: topic, SubscriptionName: name, Endpoint: endpoint.includes(':') ? endpoint : `acs:mns:cn-hangzhou:123:queues/${endpoint}`, ...extra },
  }),
  /** An event stream (CreateEventStreaming through the API-call custom resource) from a queue to a sink. */
  stream: (name: string, from: string, sink: { [key: string]: any }, extra: { source?: { [key: string]: any }; pattern?: { [key: string]: any } } = {}): { [key: string]: any } => ({
    Type: 'ALIYUN::ROS::CustomResource',
    Properties: { ServiceToken: 'acs:fc:cn-hangzhou:123:functions/api', Parameters: { OnCreate: { Action: 'CreateEventStreaming', Parameters: {
      EventStreamingName: name, Source: { SourceMNSParameters: { QueueName: from, ...extra.source } }, Sink: sink, FilterPattern: extra.pattern ?? {},
    }, Then: [{ Action: 'StartEventStreaming', Parameters: { EventStreamingName: name } }] } } },
  }),
  toQueue: (queue: string): { [key: string]: any } => ({ SinkMNSParameters: { QueueName: { Form: 'CONSTANT', Value: queue } } }),
  toFunction: (fn: string): { [key: string]: any } => ({ SinkFcParameters: { FunctionName: { Form: 'CONSTANT', Value: fn } } }),
  /** An FC 3.0 queue trigger (an event stream FC manages). */
  queueTrigger: (fn: string, queue: string, extra: { source?: { [key: string]: any }; pattern?: { [key: string]: any } } = {}): { [key: string]: any } => ({
    Type: 'ALIYUN::FC3::Trigger',
    Properties: { FunctionName: fn, TriggerName: `from-${queue}`, TriggerType: 'eventbridge', TriggerConfig: {
      ...(extra.pattern === undefined ? {} : { eventRuleFilterPattern: JSON.stringify(extra.pattern) }),
      eventSourceConfig: { eventSourceType: 'MNS', eventSourceParameters: { sourceMNSParameters: { QueueName: queue, ...extra.source } } },
    } },
  }),
  /** An FC 3.0 topic trigger. */
  topicTrigger: (fn: string, topic: string, config: { [key: string]: any } = {}): { [key: string]: any } => ({
    Type: 'ALIYUN::FC3::Trigger',
    Properties: { FunctionName: fn, TriggerName: `on-${topic}`, TriggerType: 'mns_topic', TriggerConfig: config, SourceArn: `acs:mns:cn-hangzhou:123:/topics/${topic}` },
  }),
};

describe('fan-in: each copy that reaches a node is a delivery; only a hop repeated on one path is a loop', () => {
  test('two subscriptions whose queues both stream into one queue: that queue and the function behind it get two copies', () => {
    const routes = Routes.fromTemplate({ Resources: {
      T: res.topic('t'), A: res.queue('a'), B: res.queue('b'), C: res.queue('c'), Fn: res.fn('fn'),
      SA: res.subscription('t', 'sa', 'a'), SB: res.subscription('t', 'sb', 'b'),
      AC: res.stream('a-c', 'a', res.toQueue('c')), BC: res.stream('b-c', 'b', res.toQueue('c')),
      Tr: res.queueTrigger('fn', 'c'),
    } }, 'S');
    const delivery = routes.deliver({ hello: 1 }, { from: 'S/T' });
    expect(hops(delivery)).toEqual(['S/T -> S/A', 'S/T -> S/B', 'S/A -> S/C', 'S/B -> S/C', 'S/C -> S/Fn', 'S/C -> S/Fn']);
    expect(delivery.hops.map((h) => h.duplicate === true)).toEqual([false, false, false, true, false, true]);
    expect(delivery.hops[3]).toEqual({
      from: 'S/B', to: 'S/C', via: 'ALIYUN::ROS::CustomResource', logicalId: 'BC', stack: 'S', duplicate: true,
      reason: 'no filter pattern: every message passes; the second copy of the message at S/C: it reached S/C before by another path',
    });
    expect(delivery.hops[5]).toMatchObject({ logicalId: 'Tr', duplicate: true,
      reason: 'no filter pattern: every message passes; the second copy of the message at S/Fn: it reached S/Fn before by another path' });
    // no loop is reported: nothing went round
    expect(delivery.drops).toEqual([]);
    expect(delivery.reached).toEqual(['S/T', 'S/A', 'S/B', 'S/C', 'S/Fn']);
    expect(delivery.copies).toEqual({ 'S/C': 2, 'S/Fn': 2 });
  });

  test('a bucket wired to one queue by SMQ\'s notification and by an EventBridge rule: the queue gets each upload twice, the function runs twice', () => {
    const { app, stack } = newStack('Media');
    const bucket = new oss.Bucket(stack, 'Uploads', { bucketName: 'media-uploads' });
    const jobs = new smq.Queue(stack, 'Jobs', { queueName: 'jobs' });
    new sources.OssEventNotification(stack, 'BySmq', { bucket, events: [sources.OssEvent.OBJECT_CREATED_PUT], destination: jobs });
    new sources.OssEventNotification(stack, 'ByBus', { bucket, events: [sources.OssEvent.OBJECT_CREATED_PUT], destination: jobs, via: sources.OssNotificationPath.EVENTBRIDGE });
    new consumers.QueueTrigger(stack, 'Work', { queue: jobs, fn: consumers.TriggerFunction.fc3(fc3Function(stack, 'Worker', 'worker')) });
    const delivery = Routes.fromApp(app).deliver(SampleEvents.ossObjectCreated({ bucket: 'media-uploads', key: 'a.jpg' }));
    expect(hops(delivery)).toEqual(['Media/ByBusRule -> Media/Jobs', 'Media/Uploads -> Media/Jobs', 'Media/Jobs -> Media/Worker', 'Media/Jobs -> Media/Worker']);
    expect(delivery.hops.map((h) => `${h.logicalId}${h.duplicate ? ' (duplicate)' : ''}`)).toEqual(['ByBusRule', 'BySmq (duplicate)', 'Work', 'Work (duplicate)']);
    expect(delivery.hops[1].reason).toBe('oss:ObjectCreated:PutObject is one of the rule\'s event types; bucket "media-uploads"; every object of the bucket; '
      + 'the second copy of the message at Media/Jobs: it reached Media/Jobs before by another path');
    expect(delivery.drops).toEqual([]);
    expect(delivery.copies).toEqual({ 'Media/Jobs': 2, 'Media/Worker': 2 });
  });

  test('two readers of one queue that lead to one place are alternatives, not copies', () => {
    // a queue gives each message to one of its readers: the two paths to Out are either-or
    const routes = Routes.fromTemplate({ Resources: {
      In: res.queue('in'), Out: res.queue('out'),
      First: res.stream('first', 'in', res.toQueue('out')), Second: res.stream('second', 'in', res.toQueue('out')),
    } }, 'S');
    const delivery = routes.deliver({ n: 1 }, { from: 'S/In' });
    expect(hops(delivery)).toEqual(['S/In -> S/Out', 'S/In -> S/Out']);
    expect(delivery.hops.map((h) => h.duplicate === true)).toEqual([false, false]);
    expect(delivery.hops[1].reason).toBe('no filter pattern: every message passes; the queue has 2 readers (S/First, S/Second): each message goes to one of them, not to each');
    expect(delivery.copies).toEqual({});
  });

  test('a loop behind a fan-in is cut on each path at its first repeated hop; the walk ends', () => {
    // t pushes to a and b; a and b stream into each other
    const routes = Routes.fromTemplate({ Resources: {
      T: res.topic('t'), A: res.queue('a'), B: res.queue('b'),
      SA: res.subscription('t', 'sa', 'a'), SB: res.subscription('t', 'sb', 'b'),
      AB: res.stream('a-b', 'a', res.toQueue('b')), BA: res.stream('b-a', 'b', res.toQueue('a')),
    } }, 'S');
    const delivery = routes.deliver({ n: 1 }, { from: 'S/T' });
    expect(hops(delivery)).toEqual(['S/T -> S/A', 'S/T -> S/B', 'S/A -> S/B', 'S/B -> S/A', 'S/B -> S/A', 'S/A -> S/B']);
    expect(delivery.hops.map((h) => h.duplicate === true)).toEqual([false, false, true, true, false, false]);
    expect(drops(delivery)).toEqual([
      'S/A -> S/B: a loop: the message already took this hop from S/A to S/B on its way here; the walk stops here',
      'S/B -> S/A: a loop: the message already took this hop from S/B to S/A on its way here; the walk stops here',
    ]);
    expect(delivery.copies).toEqual({ 'S/A': 2, 'S/B': 2 });
  });

  test('many fan-ins in a row: every path is walked up to maxHops, then the walk stops', () => {
    // ten diamonds in a row: topic t<i> triggers two functions, whose results both go to topic t<i+1>; 2^10 copies reach t10
    const resources: { [id: string]: any } = { T0: res.topic('t0') };
    for (let i = 0; i < 10; i++) {
      resources[`T${i + 1}`] = res.topic(`t${i + 1}`);
      for (const side of ['A', 'B']) {
        const fn = `f${side.toLowerCase()}${i}`;
        resources[`F${side}${i}`] = res.fn(fn);
        resources[`F${side}${i}Trigger`] = res.topicTrigger(fn, `t${i}`);
        resources[`F${side}${i}Async`] = { Type: 'ALIYUN::FC3::AsyncInvokeConfig', Properties: { FunctionName: fn,
          DestinationConfig: { OnSuccess: { Destination: `acs:mns:cn-hangzhou:123:/topics/t${i + 1}/messages` } } } };
      }
    }
    const routes = Routes.fromTemplate({ Resources: resources }, 'S');
    const delivery = routes.deliver({ n: 1 }, { from: 'S/T0' });
    expect(delivery.hops).toHaveLength(1000);
    expect(delivery.drops.length).toBeGreaterThan(0);
    expect(drops(delivery).filter((d) => !d.endsWith(': stopped: the walk reached options.maxHops (1000) hops'))).toEqual([]);
    expect([delivery.copies['S/T1'], delivery.copies['S/T2'], delivery.copies['S/T3'], delivery.copies['S/FA3']]).toEqual([2, 4, 8, 8]);
    const short = routes.deliver({ n: 1 }, { from: 'S/T8' });
    expect(short.hops).toHaveLength(12);
    expect(short.drops).toEqual([]);
    expect(short.copies).toEqual({ 'S/T9': 2, 'S/FA9': 2, 'S/FB9': 2, 'S/T10': 4 });
  });
});

describe('what a topic pushes: NotifyContentFormat and the FC topic trigger\'s notifyContentFormat', () => {
  test('a queue subscribed with the default XML holds SMQ\'s <Notification>: a stream filter on the bare body drops it (constructs)', () => {
    const { app, stack } = newStack('S');
    const orders = new smq.Topic(stack, 'Orders', { topicName: 'orders' });
    const q = new smq.Queue(stack, 'Q', { queueName: 'q' });
    orders.addSubscription(new consumers.QueueSubscription(q));
    const fn = fc3Function(stack, 'Fn', 'fn');
    new consumers.QueueEventStream(stack, 'Stream', { queue: q, sink: consumers.EventStreamSink.fc3(fn), filterPattern: { data: { messageBody: [{ prefix: 'order-' }] } } });
    const delivery = Routes.fromApp(app).deliver('order-1' as any, { from: 'S/Orders' });
    expect(hops(delivery)).toEqual(['S/Orders -> S/Q']);
    expect(drops(delivery)).toEqual([`S/Q -> S/Fn: pattern not matched: data.messageBody: ${JSON.stringify('<?xml version="1.0" encoding="utf-8"?>'
      + '<Notification xmlns="http://mns.aliyuncs.com/doc/v1/"><TopicOwner>${ALIYUN::TenantId}</TopicOwner><TopicName>orders</TopicName>'
      + '<Subscriber>${ALIYUN::TenantId}</Subscriber><SubscriptionName>S-Orders-OrdersToQ0a5548c9</SubscriptionName>'
      + '<MessageId>BD4342B99B404CBC4D4633625ED1A790</MessageId><Message>order-1</Message><MessageMD5>6E7F85A9D0FE9B5DFB504C6F2991D744</MessageMD5>'
      + '<PublishTime>1767225600000</PublishTime></Notification>')} does not match prefix "order-"`]);
    // MessageMD5 is the MD5 of the message
    expect(createHash('md5').update('order-1').digest('hex').toUpperCase()).toBe('6E7F85A9D0FE9B5DFB504C6F2991D744');
  });

  test('XML, JSON and SIMPLIFIED subscriptions; the tag and the account go into the envelope; XML escapes the message', () => {
    const queues = ['Xml', 'Json', 'Simple'];
    const resources: { [id: string]: any } = { T: res.topic('t'), Fn: res.fn('fn') };
    for (const id of queues) {
      resources[id] = res.queue(id.toLowerCase());
      // a stream that keeps nothing, so that its drop shows the body the queue holds
      resources[`${id}Read`] = res.stream(`${id.toLowerCase()}-read`, id.toLowerCase(), res.toFunction('fn'), { pattern: { data: { messageBody: ['nothing'] } } });
    }
    resources.ToXml = res.subscription('t', 'to-xml', 'xml');
    resources.ToJson = res.subscription('t', 'to-json', 'json', { NotifyContentFormat: 'JSON' });
    resources.ToSimple = res.subscription('t', 'to-simple', 'simple', { NotifyContentFormat: 'SIMPLIFIED' });
    const delivery = Routes.fromTemplate({ Resources: resources }, 'S').deliver({ a: '<b> & c' }, { from: 'S/T', messageTag: 'paid', account: '1234' });
    const held = (queue: string): unknown => {
      const drop = delivery.drops.find((d) => d.at === `S/${queue}`)!;
      return JSON.parse(/^pattern not matched: data\.messageBody: ("(?:[^"\\]|\\.)*") is not one of/.exec(drop.reason)![1]);
    };
    const md5 = createHash('md5').update('{"a":"<b> & c"}').digest('hex').toUpperCase();
    expect(held('Simple')).toBe('{"a":"<b> & c"}');
    expect(JSON.parse(held('Json') as string)).toEqual({
      TopicOwner: '1234', TopicName: 't', Subscriber: '1234', SubscriptionName: 'to-json', MessageId: expect.stringMatching(/^[0-9A-F]{32}$/),
      Message: '{"a":"<b> & c"}', MessageMD5: md5, MessageTag: 'paid', PublishTime: '1767225600000',
    });
    expect(held('Xml')).toMatch(new RegExp('^<\\?xml version="1\\.0" encoding="utf-8"\\?><Notification xmlns="http://mns\\.aliyuncs\\.com/doc/v1/">'
      + '<TopicOwner>1234</TopicOwner><TopicName>t</TopicName><Subscriber>1234</Subscriber><SubscriptionName>to-xml</SubscriptionName>'
      + `<MessageId>[0-9A-F]{32}</MessageId><Message>\\{"a":"&lt;b&gt; &amp; c"\\}</Message><MessageMD5>${md5}</MessageMD5>`
      + '<MessageTag>paid</MessageTag><PublishTime>1767225600000</PublishTime></Notification>$'));
    // the hop says what the push did
    expect(delivery.hops.find((h) => h.logicalId === 'ToSimple')!.reason).toBe('no filter: every message passes');
    expect(delivery.hops.find((h) => h.logicalId === 'ToJson')!.reason).toBe('no filter: every message passes; pushed as JSON (NotifyContentFormat): '
      + 'the queue receives SMQ\'s notification object, the message in its "Message"');
  });

  test('a bare-body filter passes a SIMPLIFIED subscription\'s message; a format left to deploy time passes the message as published', () => {
    const routes = Routes.fromTemplate({
      Parameters: { Format: { Type: 'String' } },
      Resources: {
        T: res.topic('t'), Simple: res.queue('simple'), Param: res.queue('param'), Fn: res.fn('fn'),
        ToSimple: res.subscription('t', 'to-simple', 'simple', { NotifyContentFormat: 'SIMPLIFIED' }),
        ToParam: res.subscription('t', 'to-param', 'param', { NotifyContentFormat: { Ref: 'Format' } }),
        SimpleRead: res.stream('simple-read', 'simple', res.toFunction('fn'), { pattern: { data: { messageBody: [{ prefix: 'order-' }] } } }),
      },
    }, 'S');
    const delivery = routes.deliver('order-1' as any, { from: 'S/T' });
    expect(hops(delivery)).toEqual(['S/T -> S/Param', 'S/T -> S/Simple', 'S/Simple -> S/Fn']);
    expect(delivery.hops[0].reason).toBe('no filter: every message passes; the NotifyContentFormat is decided at deploy time (${Format}): the message is passed on as published');
  });

  test('mail and SMS endpoints get the message as text; HTTP the envelope', () => {
    const routes = Routes.fromTemplate({ Resources: {
      T: res.topic('t'),
      Mail: res.subscription('t', 'mail', 'mail:directmail:ops@example.com', { PushType: 'email' }),
      Sms: res.subscription('t', 'sms', 'sms:directsms:anonymous', { PushType: 'alisms' }),
      Http: res.subscription('t', 'http', 'https://hooks.example.com/in', { PushType: 'http', NotifyContentFormat: 'JSON' }),
    } }, 'S');
    const delivery = routes.deliver({ n: 1 }, { from: 'S/T' });
    expect(delivery.hops.map((h) => `${h.logicalId}: ${h.reason}`)).toEqual([
      'Http: no filter: every message passes; pushed as JSON (NotifyContentFormat): the endpoint receives SMQ\'s notification object, the message in its "Message"',
      'Mail: no filter: every message passes',
      'Sms: no filter: every message passes',
    ]);
  });

  test('an FC topic trigger: STREAM (the default) gives the function the message, JSON the notification (seen in the function\'s result record)', () => {
    const resources: { [id: string]: any } = { T: res.topic('t'), Results: res.queue('results'), Sink: res.fn('sink') };
    for (const [id, format] of [['Stream', undefined], ['Json', 'JSON']] as const) {
      resources[id] = res.fn(id.toLowerCase());
      resources[`${id}Trigger`] = res.topicTrigger(id.toLowerCase(), 't', format === undefined ? {} : { notifyContentFormat: format });
      resources[`${id}Async`] = { Type: 'ALIYUN::FC3::AsyncInvokeConfig', Properties: { FunctionName: id.toLowerCase(),
        DestinationConfig: { OnSuccess: { Destination: 'acs:mns:cn-hangzhou:123:/queues/results/messages' } } } };
    }
    resources.Read = res.stream('read', 'results', res.toFunction('sink'), { pattern: { data: { messageBody: ['nothing'] } } });
    const delivery = Routes.fromTemplate({ Resources: resources }, 'S').deliver('hello topic' as any, { from: 'S/T', account: '1234' });
    expect(delivery.hops.filter((h) => h.from === 'S/T').map((h) => `${h.logicalId}: ${h.reason}`)).toEqual([
      'JsonTrigger: no filter: every message passes; pushed as JSON (notifyContentFormat): the function receives SMQ\'s notification object, the message in its "Message"',
      'StreamTrigger: no filter: every message passes',
    ]);
    const payloads = delivery.drops.filter((d) => d.logicalId === 'Read').map((d) => {
      const body = JSON.parse(/^pattern not matched: data\.messageBody: ("(?:[^"\\]|\\.)*") is not one of/.exec(d.reason)![1]);
      return JSON.parse(body).requestPayload;
    });
    expect(payloads).toHaveLength(2);
    expect(JSON.parse(payloads[0])).toEqual({
      TopicOwner: '1234', TopicName: 't', Subscriber: '1234', SubscriptionName: 'on-t', MessageId: expect.stringMatching(/^[0-9A-F]{32}$/),
      Message: 'hello topic', MessageMD5: createHash('md5').update('hello topic').digest('hex').toUpperCase(), PublishTime: 1767225600000,
    });
    expect(payloads[1]).toBe('hello topic');
  });
});

describe('a queue read as an event source: the CloudEvent of SMQ\'s event source', () => {
  test('data carries requestId, messageId and messageBody; ids are the same for the same message', () => {
    const routes = Routes.fromTemplate({ Resources: {
      Q: res.queue('jobs'), Fn: res.fn('fn'), Other: res.fn('other'),
      ById: res.queueTrigger('fn', 'jobs', { pattern: { data: { requestId: [{ exists: true }], messageId: [{ exists: true }] } } }),
      Never: res.queueTrigger('other', 'jobs', { pattern: { id: ['never'] } }),
    } }, 'S');
    const delivery = routes.deliver({ job: 1 }, { from: 'S/Q', region: 'cn-hangzhou', account: '1234' });
    expect(hops(delivery)).toEqual(['S/Q -> S/Fn']);
    expect(delivery.hops[0].reason).toMatch(/^pattern matched: /);
    const again = routes.deliver({ job: 1 }, { from: 'S/Q', region: 'cn-hangzhou', account: '1234' });
    expect(drops(again)).toEqual(drops(delivery));
    expect(drops(delivery)).toEqual([expect.stringMatching(/^S\/Q -> S\/Other: pattern not matched: id: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" is not one of \["never"\]/)]);
  });

  test('the whole CloudEvent, as a stream with the ORIGINAL body passes it on', () => {
    const routes = Routes.fromTemplate({ Resources: {
      In: res.queue('in'), Out: res.queue('out'), Fn: res.fn('fn'),
      Copy: res.stream('copy', 'in', res.toQueue('out')),
      Read: res.stream('read', 'out', res.toFunction('fn'), { pattern: { data: { messageBody: ['nothing'] } } }),
    } }, 'S');
    const delivery = routes.deliver('TEST' as any, { from: 'S/In', region: 'cn-hangzhou', account: '1234' });
    const body = JSON.parse(/^pattern not matched: data\.messageBody: ("(?:[^"\\]|\\.)*") is not one of/.exec(delivery.drops[0].reason)![1]);
    expect(JSON.parse(body)).toEqual({
      specversion: '1.0', id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), source: 'acs:mns', type: 'mns:Queue:SendMessage',
      subject: 'acs:mns:cn-hangzhou:1234:queues/in', datacontenttype: 'application/json; charset=utf-8', time: '2026-01-01T00:00:00.000Z',
      data: { requestId: expect.stringMatching(/^[0-9A-F]{24}$/), messageId: expect.stringMatching(/^[0-9A-F]{32}$/), messageBody: 'TEST' },
    });
  });

  test('IsBase64Decode false: messageBody stays Base64 (queue triggers and event streams)', () => {
    const encoded = Buffer.from('order-1', 'utf8').toString('base64');
    const routes = Routes.fromTemplate({ Resources: {
      Q: res.queue('q'), Plain: res.fn('plain'), Raw: res.fn('raw'), Stream: res.fn('stream'),
      Decoded: res.queueTrigger('plain', 'q', { pattern: { data: { messageBody: [{ prefix: 'order-' }] } } }),
      Encoded: res.queueTrigger('raw', 'q', { source: { IsBase64Decode: false }, pattern: { data: { messageBody: [{ prefix: 'order-' }] } } }),
      EncodedStream: res.stream('enc', 'q', res.toFunction('stream'), { source: { IsBase64Decode: 'false' }, pattern: { data: { messageBody: [encoded] } } }),
    } }, 'S');
    const delivery = routes.deliver('order-1' as any, { from: 'S/Q' });
    expect(hops(delivery)).toEqual(['S/Q -> S/Plain', 'S/Q -> S/Stream']);
    expect(drops(delivery)).toEqual([`S/Q -> S/Raw: pattern not matched: data.messageBody: "${encoded}" does not match prefix "order-"`]);
    expect(edge(routes.topology, 'S/Q', 'S/Raw').delivery).toMatchObject({ base64Decode: 'false' });
    expect(edge(routes.topology, 'S/Q', 'S/Stream').delivery).toMatchObject({ base64Decode: 'false' });
    expect(edge(routes.topology, 'S/Q', 'S/Plain').delivery!.base64Decode).toBeUndefined();
  });
});

describe('stacks inside a ros.Stage (nested cloud assemblies)', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smq-routes-stage-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('fromApp and fromCloudAssembly read the stacks of stages and nested stages, joined with the top-level ones', () => {
    const app = new ros.App({ outdir: dir });
    const top = new ros.Stack(app, 'Top');
    const shared = new smq.Queue(top, 'Shared', { queueName: 'shared' });
    void shared;
    const prod = new ros.Stage(app, 'Prod');
    const inner = new ros.Stack(prod, 'Inner');
    const orders = new smq.Topic(inner, 'Orders', { topicName: 'orders' });
    orders.addSubscription(new consumers.QueueSubscription(smq.Queue.fromQueueName(inner, 'SharedRef', 'shared')));
    const eu = new ros.Stage(prod, 'Eu');
    new smq.Queue(new ros.Stack(eu, 'Deep'), 'Jobs', { queueName: 'eu-jobs' });
    const routes = Routes.fromApp(app);
    expect(routes.topology.nodes.filter((n) => n.kind === RouteNodeKind.CHANNEL).map((n) => n.id)).toEqual(['Prod-Eu-Deep/Jobs', 'Prod-Inner/Orders', 'Top/Shared']);
    // the staged topic reaches the top-level queue it names
    expect(hops(routes.deliver({ n: 1 }, { from: 'Prod-Inner/Orders' }))).toEqual(['Prod-Inner/Orders -> Top/Shared']);
    expect(Routes.fromCloudAssembly(dir).topology).toEqual(routes.topology);
    // a stage alone
    expect(Routes.fromApp(prod).topology.nodes.map((n) => n.id)).toEqual(['Prod-Eu-Deep/Jobs', 'Prod-Inner/Orders', 'Prod-Inner/queue:shared']);
  });

  test('a stage-only app has stacks to read', () => {
    const app = new ros.App({ outdir: dir });
    new smq.Queue(new ros.Stack(new ros.Stage(app, 'Prod'), 'Inner'), 'Jobs', { queueName: 'jobs' });
    expect(Routes.fromApp(app).topology.nodes.map((n) => n.id)).toEqual(['Prod-Inner/Jobs']);
    expect(Routes.fromCloudAssembly(dir).topology.nodes.map((n) => n.id)).toEqual(['Prod-Inner/Jobs']);
  });

  test('stacks of one name in two stages are qualified by their stage', () => {
    const app = new ros.App({ outdir: dir });
    for (const stage of ['Prod', 'Dev']) {
      new smq.Queue(new ros.Stack(new ros.Stage(app, stage), 'Api', { stackName: 'api' }), 'Jobs', { queueName: `${stage.toLowerCase()}-jobs` });
    }
    const expected = ['Dev.api/Jobs', 'Prod.api/Jobs'];
    expect(Routes.fromApp(app).topology.nodes.map((n) => n.id)).toEqual(expected);
    expect(Routes.fromCloudAssembly(dir).topology.nodes.map((n) => n.id)).toEqual(expected);
  });

  test('hand-made folders: assembly-* folders without a manifest; a missing nested folder and a clash of names are refused', () => {
    const template = (name: string): string => JSON.stringify({ Resources: { Q: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: name } } } });
    fs.mkdirSync(path.join(dir, 'assembly-Prod'));
    fs.writeFileSync(path.join(dir, 'assembly-Prod', 'Prod-Api.template.json'), template('a'));
    expect(Routes.fromCloudAssembly(dir).topology.nodes.map((n) => n.id)).toEqual(['Prod-Api/Q']);
    const nested = { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '7.0.0', artifacts: { 'assembly-Prod': nested, 'assembly-Gone': { ...nested, properties: { directoryName: 'assembly-Gone' } } } }));
    expect(() => Routes.fromCloudAssembly(dir)).toThrow(`Routes.fromCloudAssembly: ${path.join(dir, 'manifest.json')} lists the nested assembly "assembly-Gone", but ${path.join(dir, 'assembly-Gone')} is not a directory`);
    // two nested assemblies that say they are one stage, with one stack name
    fs.mkdirSync(path.join(dir, 'assembly-Prod2'));
    fs.writeFileSync(path.join(dir, 'assembly-Prod2', 'Prod-Api.template.json'), template('b'));
    const stackIn = (folder: string): { [key: string]: any } => ({ version: '7.0.0', artifacts: { 'Prod-Api': { type: 'aliyun:ros:stack', properties: { templateFile: 'Prod-Api.template.json' } } } });
    fs.writeFileSync(path.join(dir, 'assembly-Prod', 'manifest.json'), JSON.stringify(stackIn('assembly-Prod')));
    fs.writeFileSync(path.join(dir, 'assembly-Prod2', 'manifest.json'), JSON.stringify(stackIn('assembly-Prod2')));
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '7.0.0', artifacts: {
      'assembly-Prod': nested, 'assembly-Prod2': { ...nested, properties: { directoryName: 'assembly-Prod2', displayName: 'Prod' } },
    } }));
    expectValidation(() => Routes.fromCloudAssembly(dir), 'Routes.fromCloudAssembly(dir) must not hold two stacks of one name in one stage (or both outside stages): '
      + 'two are named, got "Prod.Prod-Api"');
  });
});

describe('the event parameter is a plain object type (jsii has no binding for `object`)', () => {
  test('deliver declares { [key: string]: any }, which a SampleEvent is', () => {
    // TypeScript takes `object` and `{ [key: string]: any }` for one another: read the declaration itself
    const file = path.join(__dirname, '..', '..', 'lib', 'routes', 'routes.ts');
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const declared: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isMethodDeclaration(node) && node.name.getText(source) === 'deliver' && ts.isClassDeclaration(node.parent) && node.parent.name?.text === 'Routes') {
        declared.push(node.parameters[0].type!.getText(source));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(declared).toEqual(['{ [key: string]: any }']);
    const sample: Parameters<Routes['deliver']>[0] = SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k' });
    expect(typeof sample).toBe('object');
  });
});

describe('determinism and copies', () => {
  test('the order of the templates given does not change the topology; the topology is a copy', () => {
    const a = { Resources: { Q: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'q' } } } };
    const b = { Resources: { T: { Type: 'ALIYUN::MNS::Topic', Properties: { TopicName: 't' } },
      S: { Type: 'ALIYUN::MNS::Subscription', Properties: { TopicName: 't', SubscriptionName: 's', PushType: 'queue', Endpoint: 'acs:mns:r:1:queues/q' } } } };
    const one = Routes.fromTemplates({ A: a, B: b });
    const two = Routes.fromTemplates({ B: b, A: a });
    expect(JSON.stringify(two.topology)).toBe(JSON.stringify(one.topology));
    one.topology.nodes.pop();
    expect(one.topology.nodes.map((n) => n.id)).toEqual(['A/Q', 'B/T']);
    expect(one.node('A/Q')).toMatchObject({ kind: RouteNodeKind.CHANNEL, label: 'q' });
    expect(one.node('A/Nope')).toBeUndefined();
  });
});

describe('bad input', () => {
  const routes = Routes.fromTemplate({ Resources: { Q: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'q' } } } }, 'S');

  test('templates and stack names', () => {
    expectValidation(() => Routes.fromTemplate({ Resources: {} }, ''), 'stackName must be a non-empty stack name without "/", got ""');
    expectValidation(() => Routes.fromTemplate({ Resources: {} }, 'a/b'), 'stackName must be a non-empty stack name without "/", got "a/b"');
    expectValidation(() => Routes.fromTemplates({ S: 'nope' as any }), 'templates["S"] must be a template object (parsed JSON), got "nope"');
    expectValidation(() => Routes.fromTemplates(null as any), 'templates must be an object of templates by stack name, got null');
    expectValidation(() => Routes.fromApp({} as any), 'Routes.fromApp(app) must be a ros.App or ros.Stage, got {}');
  });

  test('cloud assembly directories', () => {
    const missing = path.join(os.tmpdir(), 'smq-routes-no-such-dir');
    expectValidation(() => Routes.fromCloudAssembly(missing), `Routes.fromCloudAssembly(dir) must be a directory holding a synthesized cloud assembly (cdk.out), got ${JSON.stringify(missing)}`);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'smq-routes-empty-'));
    try {
      expectValidation(() => Routes.fromCloudAssembly(empty), `Routes.fromCloudAssembly(dir) must hold at least one stack template (*.template.json), got ${JSON.stringify(empty)}`);
      fs.writeFileSync(path.join(empty, 'X.template.json'), '{ not json');
      expect(() => Routes.fromCloudAssembly(empty)).toThrow(/^Routes\.fromCloudAssembly: cannot read .*X\.template\.json: /);
      fs.writeFileSync(path.join(empty, 'X.template.json'), JSON.stringify({ Resources: { Q: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'q' } } } }));
      expect(Routes.fromCloudAssembly(empty).topology.nodes.map((n) => n.id)).toEqual(['X/Q']);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('a stack outside an app', () => {
    const stack = new ros.Stack(undefined as any, 'Lonely');
    expect(() => Routes.fromStack(stack)).toThrow(/^Routes\.fromStack: stack 'Lonely' is not inside a ros\.App or ros\.Stage/);
  });

  test('deliver options', () => {
    expectValidation(() => routes.deliver({}, { from: 'q' }), 'options.from must be the id of a node of the topology (did you mean "S/Q"), got "q"');
    expectValidation(() => routes.deliver({}, { from: 'S/Nope' }), 'options.from must be the id of a node of the topology (such as "S/Q"), got "S/Nope"');
    expectValidation(() => routes.deliver({}, { maxHops: 0 }), 'options.maxHops must be a whole number of at least 1, got 0');
    expectValidation(() => routes.deliver({}, { messageTag: 5 as any }), 'options.messageTag must be a string, got 5');
    expectValidation(() => routes.deliver('text' as any), 'event must be a SampleEvent, a CloudEvent or a product\'s message body (an object), got "text"');
  });

  test('an event no source takes goes nowhere, without error', () => {
    expect(routes.deliver({ what: 'ever' })).toEqual({ hops: [], drops: [], reached: [], copies: {} });
  });
});

describe('wirings the template makes but switches off: drawn, marked, and a drop with the reason', () => {
  test('a disabled queue trigger and a stream made with enabled: false take no message and are no readers of the queue', () => {
    const { app, stack } = newStack('S');
    const fn = fc3Function(stack, 'Worker', 'worker');
    const [jobs, out, copies] = ['Jobs', 'Out', 'Copies'].map((id) => new smq.Queue(stack, id));
    new consumers.QueueTrigger(stack, 'Off', { queue: jobs, enabled: false, fn: consumers.TriggerFunction.fc3(fn) });
    new consumers.QueueEventStream(stack, 'Paused', { queue: jobs, enabled: false, sink: consumers.EventStreamSink.queue(out) });
    new consumers.QueueEventStream(stack, 'Copy', { queue: jobs, sink: consumers.EventStreamSink.queue(copies) });
    const routes = Routes.fromApp(app);
    expect(edge(routes.topology, 'S/Jobs', 'S/Worker')).toMatchObject({ label: 'disabled · EXPONENTIAL_DECAY_RETRY · batch 1',
      delivery: { enabled: 'false', invocation: 'synchronous' } });
    expect(edge(routes.topology, 'S/Jobs', 'S/Out')).toMatchObject({ label: 'paused · stream S-Paused · EXPONENTIAL_DECAY_RETRY',
      delivery: { enabled: 'false', eventStream: 'S-Paused' } });
    expect(edge(routes.topology, 'S/Jobs', 'S/Copies').delivery).not.toHaveProperty('enabled');
    const delivery = routes.deliver({ hello: 1 }, { from: 'S/Jobs' });
    expect(hops(delivery)).toEqual(['S/Jobs -> S/Copies']);
    // the one running stream is the queue's only reader: its hop does not say the message goes to one of three
    expect(delivery.hops[0].reason).toBe('no filter pattern: every message passes');
    expect(drops(delivery)).toEqual([
      'S/Jobs -> S/Worker: the trigger is disabled (triggerEnable false): it reads no message',
      'S/Jobs -> S/Out: the stream is paused: made without StartEventStreaming (it stays READY) and paused by its update (PauseEventStreaming), it reads no message',
    ]);
  });

  test('a disabled EventBridge rule matches no event; an enabled one beside it does', () => {
    const { app, stack } = newStack('S');
    const [inbox, other] = ['Inbox', 'Other'].map((id) => new smq.Queue(stack, id));
    new sources.EventRule(stack, 'OffRule', { enabled: false, pattern: { source: ['my.app'] }, targets: [new sources.QueueTarget(inbox)] });
    new sources.EventRule(stack, 'OnRule', { pattern: { source: ['my.app'] }, targets: [new sources.QueueTarget(other)] });
    const routes = Routes.fromApp(app);
    expect(edge(routes.topology, 'S/OffRule', 'S/Inbox')).toMatchObject({ label: expect.stringMatching(/^disabled · pattern /), delivery: { enabled: 'false' } });
    const delivery = routes.deliver(SampleEvents.eventBridge({ source: 'my.app', type: 'my.app:Thing:Done', data: { a: 1 } }));
    expect(hops(delivery)).toEqual(['S/OnRule -> S/Other']);
    expect(drops(delivery)).toEqual(['S/OffRule -> S/Inbox: the rule is disabled (Status DISABLE): it matches no event']);
  });

  test('templates by hand: a stream paused by its update, one never started, an IoT rule not started', () => {
    const started = res.stream('started', 'a', res.toQueue('b'));
    const pausedOnUpdate = res.stream('paused', 'a', res.toQueue('c'));
    pausedOnUpdate.Properties.Parameters.OnUpdate = { Action: 'UpdateEventStreaming', Parameters: {},
      Then: [{ Action: 'PauseEventStreaming', Parameters: { EventStreamingName: 'paused' } }] };
    const neverStarted = res.stream('ready', 'a', res.toQueue('d'));
    delete neverStarted.Properties.Parameters.OnCreate.Then;
    const rule = (start: unknown): { [key: string]: any } => ({ Type: 'ALIYUN::IOT::Rule', Properties: { Name: 'r', ...(start === undefined ? {} : { StartRule: start }) } });
    const action = (ruleId: string, topic: string): { [key: string]: any } => ({ Type: 'ALIYUN::IOT::RuleAction', Properties: {
      RuleId: { 'Fn::GetAtt': [ruleId, 'RuleId'] }, Type: 'MNS', Configuration: JSON.stringify({ themeName: topic, regionName: 'cn-hangzhou', role: { roleArn: 'x', roleName: 'y' } }),
    } });
    const template = { Resources: {
      A: res.queue('a'), B: res.queue('b'), C: res.queue('c'), D: res.queue('d'),
      Started: started, PausedOnUpdate: pausedOnUpdate, NeverStarted: neverStarted,
      T1: res.topic('t1'), T2: res.topic('t2'), T3: res.topic('t3'),
      Absent: rule(undefined), Stopped: rule('false'), Running: rule(true),
      ToT1: action('Absent', 't1'), ToT2: action('Stopped', 't2'), ToT3: action('Running', 't3'),
    } };
    const routes = Routes.fromTemplate(template, 'S');
    const fromA = routes.deliver({ n: 1 }, { from: 'S/A' });
    expect(hops(fromA)).toEqual(['S/A -> S/B']);
    expect(drops(fromA)).toEqual([
      'S/A -> S/D: the stream is not started: CreateEventStreaming without StartEventStreaming leaves it READY, and it reads no message',
      'S/A -> S/C: the stream is paused: paused by its update (PauseEventStreaming), it reads no message',
    ]);
    expect(edge(routes.topology, 'S/A', 'S/D')).toMatchObject({ label: 'not started · stream ready', delivery: { enabled: 'false' } });
    expect(edge(routes.topology, 'S/Absent', 'S/T1')).toMatchObject({ label: 'not started', delivery: { enabled: 'false' } });
    expect(edge(routes.topology, 'S/Running', 'S/T3')).not.toHaveProperty('delivery');
    const reading = routes.deliver(SampleEvents.eventBridge({ source: 'acs.iot', type: 'iot:Thing:PropertyPost', data: { t: 40 } }));
    expect(hops(reading)).toEqual(['S/Running -> S/T3']);
    expect(drops(reading)).toEqual([
      'S/Absent -> S/T1: the IoT rule is not started (StartRule absent): IoT Platform forwards nothing until it is',
      'S/Stopped -> S/T2: the IoT rule is not started (StartRule false): IoT Platform forwards nothing until it is',
    ]);
  });
});
