/**
 * Sample events: the key fields of each documented shape (native SMQ body and EventBridge CloudEvent), determinism,
 * overrides, and every bad input with its exact message.
 */
import { sources, ValidationError } from '../../lib';
import { EventPatternMatcher } from '../../lib/routes/event-pattern-match';
import { SampleEvents } from '../../lib/routes/sample-events';

/** The message of the ValidationError `make` throws (failing when it throws anything else, or nothing). */
function errorOf(make: () => unknown): string {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  return (error as Error).message;
}

const ACCOUNT = '1234567890123456';
const ENVELOPE = {
  specversion: '1.0',
  time: '2026-01-01T00:00:00.000Z',
  datacontenttype: 'application/json;charset=utf-8',
  aliyunaccountid: ACCOUNT,
  aliyunoriginalaccountid: ACCOUNT,
  aliyunpublishtime: '2026-01-01T00:00:00.000Z',
  aliyuneventbusname: 'default',
  aliyunregionid: 'cn-hangzhou',
};

describe('OSS object events', () => {
  test('created: the CloudEvent and SMQ\'s own notification body', () => {
    const e = SampleEvents.ossObjectCreated({ bucket: 'media-uploads', key: 'in/cat.jpg', size: 2048 });
    expect(e.source).toBe('acs.oss');
    expect(e.type).toBe('oss:ObjectCreated:PutObject');
    expect(e.cloudEvent).toMatchObject({
      ...ENVELOPE,
      source: 'acs.oss',
      type: 'oss:ObjectCreated:PutObject',
      subject: `acs:oss:cn-hangzhou:${ACCOUNT}:media-uploads/in/cat.jpg`,
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });
    const record = {
      eventName: 'ObjectCreated:PutObject',
      eventSource: 'acs:oss',
      eventTime: '2026-01-01T00:00:00.000Z',
      eventVersion: '1.0',
      region: 'cn-hangzhou',
      userIdentity: { principalId: ACCOUNT },
      oss: {
        ossSchemaVersion: '1.0',
        bucket: { name: 'media-uploads', arn: `acs:oss:cn-hangzhou:${ACCOUNT}:media-uploads`, ownerIdentity: ACCOUNT, virtualBucket: '' },
        object: { key: 'in/cat.jpg', size: 2048, deltaSize: 2048, eTag: expect.stringMatching(/^[0-9A-F]{32}$/) },
      },
    };
    expect(e.cloudEvent.data).toMatchObject(record);
    expect(e.cloudEvent.data.oss.ruleId).toBeUndefined(); // EventBridge's data carries no SMQ rule
    expect(Object.keys(e.native!)).toEqual(['events']);
    expect(e.native!.events).toHaveLength(1);
    expect(e.native!.events[0]).toMatchObject(record);
    expect(e.native!.events[0].oss.ruleId).toMatch(/^sample-rule-[0-9a-f]{8}$/);
  });

  test('removed: DeleteObject, size 0 by default, deltaSize the negative size', () => {
    const e = SampleEvents.ossObjectRemoved({ bucket: 'media-uploads', key: 'in/cat.jpg' });
    expect(e.type).toBe('oss:ObjectRemoved:DeleteObject');
    expect(e.native!.events[0].eventName).toBe('ObjectRemoved:DeleteObject');
    expect(e.cloudEvent.data.oss.object).toMatchObject({ size: 0, deltaSize: 0 });
    expect(SampleEvents.ossObjectRemoved({ bucket: 'b-1', key: 'k', size: 10 }).cloudEvent.data.oss.object).toMatchObject({ size: 10, deltaSize: -10 });
  });

  test('region, account, event name in its three spellings, eTag, time and id', () => {
    const spellings = ['PostObject', 'ObjectCreated:PostObject', 'oss:ObjectCreated:PostObject'];
    const events = spellings.map((eventName) => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'a b/ü.txt', region: 'ap-southeast-1', account: '42', eventName }));
    for (const e of events) {
      expect(e.type).toBe('oss:ObjectCreated:PostObject');
      expect(e.cloudEvent.subject).toBe('acs:oss:ap-southeast-1:42:b-1/a b/ü.txt');
      expect(e.native!.events[0]).toMatchObject({ eventName: 'ObjectCreated:PostObject', region: 'ap-southeast-1', oss: { bucket: { arn: 'acs:oss:ap-southeast-1:42:b-1' } } });
    }
    expect(events[1]).toEqual(events[0]);
    const custom = SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k', eTag: 'ETAG1', time: '2026-05-06T07:08:09Z', id: 'my-id' });
    expect(custom.cloudEvent).toMatchObject({ id: 'my-id', time: '2026-05-06T07:08:09.000Z', aliyunpublishtime: '2026-05-06T07:08:09.000Z' });
    expect(custom.cloudEvent.data).toMatchObject({ eventTime: '2026-05-06T07:08:09.000Z', oss: { object: { eTag: 'ETAG1' } } });
  });

  test('every operation the references list for a category, and no other', () => {
    const created = ['PutObject', 'PostObject', 'CopyObject', 'AppendObject', 'PutSymlink', 'InitiateMultipartUpload', 'UploadPart', 'UploadPartCopy',
      'CompleteMultipartUpload'];
    for (const operation of created) {
      const e = SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k', eventName: operation });
      expect(e.type).toBe(`oss:ObjectCreated:${operation}`);
      expect(e.native!.events[0].eventName).toBe(`ObjectCreated:${operation}`);
    }
    for (const operation of ['DeleteObject', 'DeleteObjects', 'AbortMultipartUpload']) {
      expect(SampleEvents.ossObjectRemoved({ bucket: 'b-1', key: 'k', eventName: `oss:ObjectRemoved:${operation}` }).type).toBe(`oss:ObjectRemoved:${operation}`);
    }
    // an operation of the other category, after this category's name, is refused too
    expect(errorOf(() => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k', eventName: 'DeleteObject' }))).toMatch(/^SampleEvents\.ossObjectCreated\(props\)\.eventName must be /);
    expect(errorOf(() => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k', eventName: 'ObjectCreated:DeleteObject' }))).toMatch(/got "ObjectCreated:DeleteObject"$/);
    expect(errorOf(() => SampleEvents.ossObjectRemoved({ bucket: 'b-1', key: 'k', eventName: 'PutObject' }))).toMatch(/got "PutObject"$/);
    expect(errorOf(() => SampleEvents.ossObjectRemoved({ bucket: 'b-1', key: 'k', eventName: 'GetObject' }))).toMatch(/got "GetObject"$/);
  });

  test('the CloudEvent matches the EventBridge pattern an OSS notification on that path filters with', () => {
    const e = SampleEvents.ossObjectCreated({ bucket: 'media-uploads', key: 'in/cat.jpg' });
    const pattern = {
      source: ['acs.oss'],
      type: ['oss:ObjectCreated:PutObject', 'oss:ObjectCreated:PostObject'],
      subject: [{ prefix: `acs:oss:cn-hangzhou:${ACCOUNT}:media-uploads/in/`, suffix: '.jpg' }],
    };
    expect(EventPatternMatcher.match(pattern, e.cloudEvent).matched).toBe(true);
    const elsewhere = SampleEvents.ossObjectCreated({ bucket: 'media-uploads', key: 'out/cat.jpg' });
    expect(EventPatternMatcher.match(pattern, elsewhere.cloudEvent).reason).toMatch(/^source: .*; type: .*|^subject: /);
    expect(EventPatternMatcher.match(pattern, elsewhere.cloudEvent).matched).toBe(false);
    expect(EventPatternMatcher.match({ data: { oss: { object: { key: [{ prefix: 'in/' }] } } } }, e.cloudEvent))
      .toEqual({ matched: true, reason: 'data.oss.object.key: prefix "in/" matched' });
  });
});

describe('CloudMonitor', () => {
  test('metric alarm: the body CloudMonitor writes to SMQ', () => {
    const dims = { userId: ACCOUNT, region: 'cn-hangzhou', queue: 'jobs' };
    const e = SampleEvents.cmsAlarm({ metricName: 'NumberOfMessagesVisible', namespace: 'acs_mns_new', level: 'WARN', dimensions: dims, value: 120, threshold: 100 });
    expect(e.source).toBe('acs.cms'); // a guess: see the factory's TSDoc
    expect(e.cloudEvent.source).toBe('acs.cms');
    expect(e.type).toBe('cms:CloudMonitor:AlertWebHook');
    expect(e.native).toMatchObject({
      curLevel: 'WARN',
      preLevel: 'OK',
      metricName: 'NumberOfMessagesVisible',
      namespace: 'acs_mns_new',
      period: '60',
      eventName: 'Alert',
      eventType: 'Alert',
      version: '1.0',
      userId: ACCOUNT,
      time: Date.parse('2026-01-01T00:00:00Z'),
      escalation: { statistics: 'Average', tag: 'WARN', threshold: '100', times: 1 },
      metricData: { ...dims, Average: 120, timestamp: Date.parse('2026-01-01T00:00:00Z') },
    });
    expect(JSON.parse(e.native!.resources)).toEqual(dims);
    expect(e.native!.ruleName).toBe(e.native!.ruleId);
    expect(e.cloudEvent.data).toEqual(e.native);
    expect(e.cloudEvent.data).not.toBe(e.native); // copies
    expect(SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n', level: 'OK', previousLevel: 'WARN' }).native)
      .toMatchObject({ curLevel: 'OK', preLevel: 'WARN', eventName: 'AlertOk' });
    expect(SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n', statistics: 'Maximum', ruleName: 'r' }).native)
      .toMatchObject({ ruleName: 'r', metricData: { Maximum: 100, instanceId: 'i-sample0001', userId: ACCOUNT } });
  });

  test('metric alarm: the level before defaults to one that differs (an alert was OK, a recovery was not)', () => {
    const alarm = (level?: string, previousLevel?: string): any => SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n', level, previousLevel }).native;
    expect(alarm()).toMatchObject({ curLevel: 'CRITICAL', preLevel: 'OK', eventName: 'Alert' });
    expect(alarm('INFO')).toMatchObject({ curLevel: 'INFO', preLevel: 'OK' });
    expect(alarm('OK')).toMatchObject({ curLevel: 'OK', preLevel: 'CRITICAL', eventName: 'AlertOk' });
    expect(alarm('CRITICAL', 'WARN')).toMatchObject({ curLevel: 'CRITICAL', preLevel: 'WARN' }); // an escalation
    expect(alarm('CRITICAL', 'CRITICAL')).toMatchObject({ curLevel: 'CRITICAL', preLevel: 'CRITICAL' }); // a repeated alert
  });

  test('system event: the event notification, time in UTC+8', () => {
    const e = SampleEvents.cmsEvent({ product: 'ECS', name: 'Instance:StateChange', content: { state: 'Stopping' }, time: '2026-03-04T20:30:15.250Z' });
    expect(e.source).toBe('acs.ecs');
    expect(e.type).toBe('ecs:Instance:StateChange');
    expect(e.native).toEqual({
      ver: '1.0',
      id: e.cloudEvent.id,
      product: 'ECS',
      resourceId: `acs:ecs:cn-hangzhou:${ACCOUNT}:resource/sample-0001`,
      level: 'INFO',
      name: 'Instance:StateChange',
      userId: ACCOUNT,
      eventTime: '20260305T043015.250+0800',
      regionId: 'cn-hangzhou',
      content: { state: 'Stopping' },
    });
    const other = SampleEvents.cmsEvent({ product: 'ECS', name: 'Instance:SystemMaintenance.Reboot:Scheduled', level: 'CRITICAL', status: 'Scheduled',
      resourceId: 'acs:ecs:cn-hangzhou:1:instance/i-1', type: 'ecs:SystemMaintenance:Reboot' });
    expect(other.native).toMatchObject({ level: 'CRITICAL', status: 'Scheduled', resourceId: 'acs:ecs:cn-hangzhou:1:instance/i-1' });
    expect(other.type).toBe('ecs:SystemMaintenance:Reboot');
    expect(other.cloudEvent.subject).toBe('acs:ecs:cn-hangzhou:1:instance/i-1');
  });
});

describe('Auto Scaling', () => {
  test('notification: every ScalingEvent maps to its EventBridge type', () => {
    const types = [...sources.ScalingEvent.ALL, sources.ScalingEvent.SCALE_OUT_WARN, sources.ScalingEvent.SCALE_IN_WARN, sources.ScalingEvent.SCALING_GROUP_DIAGNOSE]
      .map((t) => [t.value, SampleEvents.essNotification({ scalingGroupId: 'asg-abc', eventType: t.value }).type]);
    expect(Object.fromEntries(types)).toEqual({
      'AUTOSCALING:SCALE_OUT_SUCCESS': 'ess:ScalingActivity:ScaleOutSuccess',
      'AUTOSCALING:SCALE_IN_SUCCESS': 'ess:ScalingActivity:ScaleInSuccess',
      'AUTOSCALING:SCALE_OUT_ERROR': 'ess:ScalingActivity:ScaleOutError',
      'AUTOSCALING:SCALE_IN_ERROR': 'ess:ScalingActivity:ScaleInError',
      'AUTOSCALING:SCALE_REJECT': 'ess:CloudMonitor:AUTOSCALING[SCALEREJECT]',
      'AUTOSCALING:SCALE_OUT_START': 'ess:ScalingActivity:ScaleOutStart',
      'AUTOSCALING:SCALE_IN_START': 'ess:ScalingActivity:ScaleInStart',
      'AUTOSCALING:SCHEDULE_TASK_EXPIRING': 'ess:CloudMonitor:AUTOSCALING[SCHEDULETASKEXPIRING]',
      'AUTOSCALING:SCALE_OUT_WARN': 'ess:ScalingActivity:ScaleOutPartialSuccess',
      'AUTOSCALING:SCALE_IN_WARN': 'ess:ScalingActivity:ScaleInPartialSuccess',
      SCALING_GROUP_DIAGNOSE: 'ess:CloudMonitor:AUTOSCALING[SCALINGGROUPDIAGNOSE]',
    });
  });

  test('notification: the body', () => {
    const e = SampleEvents.essNotification({ scalingGroupId: 'asg-abc', eventType: 'AUTOSCALING:SCALE_IN_SUCCESS', instanceIds: ['i-1', 'i-2'], scalingGroupName: 'web' });
    expect(e.source).toBe('acs.ess');
    expect(e.native).toMatchObject({
      event: 'AUTOSCALING:SCALE_IN_SUCCESS',
      product: 'ESS',
      regionId: 'cn-hangzhou',
      userId: ACCOUNT,
      resourceArn: `acs:ess:cn-hangzhou:${ACCOUNT}:scalinggroup/asg-abc`,
      content: { scalingGroupId: 'asg-abc', scalingGroupName: 'web', instanceIds: ['i-1', 'i-2'], scalingActivityId: expect.stringMatching(/^asa-[0-9a-f]{20}$/) },
    });
    expect(e.native!.content.description).toBe('Remove "2" ECS instance(s)');
    expect(e.cloudEvent.subject).toBe(e.native!.resourceArn);
    expect(SampleEvents.essNotification({ scalingGroupId: 'asg-abc' }).native!.event).toBe('AUTOSCALING:SCALE_OUT_SUCCESS');
  });

  test('lifecycle hook: the token, the transition, the metadata', () => {
    const out = SampleEvents.essLifecycleHook({ scalingGroupId: 'asg-abc', transition: sources.LifecycleTransition.SCALE_OUT, notificationMetadata: '{"tier":"web"}' });
    expect(out.type).toBe('ess:LifecycleHook:ScaleOut');
    expect(out.native).toMatchObject({
      product: 'ESS',
      content: {
        scalingGroupId: 'asg-abc',
        lifecycleTransition: 'SCALE_OUT',
        defaultResult: 'CONTINUE',
        lifecycleHookName: 'sample-hook',
        lifecycleHookId: expect.stringMatching(/^ash-[0-9a-f]{20}$/),
        lifecycleActionToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
        instanceIds: ['i-sample0001'],
        notificationMetadata: '{"tier":"web"}',
      },
    });
    const scaleIn = SampleEvents.essLifecycleHook({ scalingGroupId: 'asg-abc', transition: 'SCALE_IN', lifecycleActionToken: 'tok', defaultResult: 'ROLLBACK' });
    expect(scaleIn.type).toBe('ess:LifecycleHook:ScaleIn');
    expect(scaleIn.native!.content).toMatchObject({ lifecycleActionToken: 'tok', defaultResult: 'ROLLBACK', lifecycleTransition: 'SCALE_IN' });
    expect(scaleIn.native!.content.notificationMetadata).toBeUndefined();
  });
});

describe('IMS and FC', () => {
  test('IMS callback: EventType, UserId, EventTime, MessageBody', () => {
    const e = SampleEvents.imsCallback({ eventType: sources.ImsEvent.PRODUCE_MEDIA_COMPLETE.value, jobId: 'job-1', messageBody: { MediaURL: 'https://example.com/a.mp4' } });
    expect(e.native).toEqual({
      EventType: 'ProduceMediaComplete',
      UserId: 1234567890123456,
      EventTime: '2026-01-01T00:00:00.000Z',
      MessageBody: { JobId: 'job-1', Status: 'Success', MediaURL: 'https://example.com/a.mp4' },
    });
    expect(e.type).toBe('ice:ProduceMediaComplete');
    expect(SampleEvents.imsCallback({ eventType: 'SnapshotComplete', status: 'Fail', messageBody: { Status: 'Override' } }).native!.MessageBody.Status).toBe('Override');
    expect(SampleEvents.imsCallback({ eventType: 'SnapshotComplete', account: '123456789012345678901' }).native!.UserId).toBe('123456789012345678901'); // not a safe integer
  });

  test('FC destination: success and failure records, FC 3.0 and FC 2.0 ARNs', () => {
    const ok = SampleEvents.fcDestination({ functionName: 'resize' });
    expect(ok.type).toBe('fc:AsyncInvoke:Success');
    expect(ok.native).toEqual({
      // an ISO 8601 time, as the result-callback page's example starts: {"timestamp": "2020-08-20T12:00:00.000Z", ...
      timestamp: '2026-01-01T00:00:00.000Z',
      requestContext: { requestId: ok.cloudEvent.id, functionArn: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/resize`, condition: '', approximateInvokeCount: 1 },
      requestPayload: '{"sample":true}',
      responseContext: { statusCode: 200, functionError: '' },
      responsePayload: '{"ok":true}',
    });
    const failed = SampleEvents.fcDestination({ functionName: 'resize', serviceName: 'media', qualifier: 'prod', success: false, requestPayload: 'x' });
    expect(failed.type).toBe('fc:AsyncInvoke:Failure');
    expect(failed.native).toMatchObject({
      requestContext: { functionArn: `acs:fc:cn-hangzhou:${ACCOUNT}:services/media.prod/functions/resize`, condition: 'UnhandledInvocationError', approximateInvokeCount: 4 },
      requestPayload: 'x',
      responseContext: { functionError: 'UnhandledInvocationError' },
    });
    expect(JSON.parse(failed.native!.responsePayload)).toEqual({ errorMessage: 'sample failure', errorType: 'UnhandledInvocationError' });
  });

  test('any EventBridge event: the envelope, no native form', () => {
    const e = SampleEvents.eventBridge({ source: 'my.app', type: 'order:Created', data: { orderId: 7 }, subject: 'orders/7', eventBusName: 'orders' });
    expect(e).toEqual({
      source: 'my.app',
      type: 'order:Created',
      cloudEvent: { ...ENVELOPE, aliyuneventbusname: 'orders', id: e.cloudEvent.id, source: 'my.app', type: 'order:Created', subject: 'orders/7', data: { orderId: 7 } },
    });
    expect('native' in e).toBe(false);
    expect(SampleEvents.eventBridge({ source: 's', type: 't', data: {} }).cloudEvent.subject).toBeUndefined();
  });
});

describe('determinism', () => {
  const factories: Array<[string, () => any]> = [
    ['ossObjectCreated', () => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k' })],
    ['ossObjectRemoved', () => SampleEvents.ossObjectRemoved({ bucket: 'b-1', key: 'k' })],
    ['cmsAlarm', () => SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n' })],
    ['cmsEvent', () => SampleEvents.cmsEvent({ product: 'ECS', name: 'Instance:StateChange' })],
    ['essNotification', () => SampleEvents.essNotification({ scalingGroupId: 'asg-1' })],
    ['essLifecycleHook', () => SampleEvents.essLifecycleHook({ scalingGroupId: 'asg-1', transition: 'SCALE_OUT' })],
    ['imsCallback', () => SampleEvents.imsCallback({ eventType: 'SnapshotComplete' })],
    ['fcDestination', () => SampleEvents.fcDestination({ functionName: 'f' })],
    ['eventBridge', () => SampleEvents.eventBridge({ source: 's', type: 't', data: { a: [1] } })],
  ];

  test.each(factories)('%s: the same inputs give the same event, at the fixed time, as fresh objects', (_name, make) => {
    const a = make();
    const b = make();
    expect(b).toEqual(a);
    expect(a.cloudEvent.time).toBe('2026-01-01T00:00:00.000Z');
    a.cloudEvent.data.changed = true;
    expect(make()).toEqual(b);
  });

  test('different inputs give different ids; the id override wins', () => {
    const ids = new Set([
      SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'a' }).cloudEvent.id,
      SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'b' }).cloudEvent.id,
      SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'a', time: '2026-01-01T00:00:01Z' }).cloudEvent.id,
      SampleEvents.ossObjectRemoved({ bucket: 'b-1', key: 'a' }).cloudEvent.id,
    ]);
    expect(ids.size).toBe(4);
    expect(SampleEvents.essNotification({ scalingGroupId: 'asg-1', id: 'x' }).cloudEvent.id).toBe('x');
  });

  test('the props object given is copied, not kept', () => {
    const data = { nested: { a: 1 } };
    const e = SampleEvents.eventBridge({ source: 's', type: 't', data });
    data.nested.a = 2;
    expect(e.cloudEvent.data).toEqual({ nested: { a: 1 } });
  });
});

describe('bad input, with the exact message', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['no props', () => SampleEvents.ossObjectCreated(undefined as any),
      'SampleEvents.ossObjectCreated(props) must be an object such as { bucket, key }, got undefined'],
    ['no bucket', () => SampleEvents.ossObjectCreated({ key: 'k' } as any),
      'SampleEvents.ossObjectCreated(props).bucket is required: an OSS bucket name: 3 to 63 lower-case letters, digits and hyphens, '
      + 'starting and ending with a letter or digit, got undefined'],
    ['bad bucket', () => SampleEvents.ossObjectRemoved({ bucket: 'Bad_Bucket', key: 'k' }),
      'SampleEvents.ossObjectRemoved(props).bucket must be an OSS bucket name: 3 to 63 lower-case letters, digits and hyphens, '
      + 'starting and ending with a letter or digit, got "Bad_Bucket"'],
    ['empty key', () => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: '' }),
      'SampleEvents.ossObjectCreated(props).key must be a string of 1 to 1023 characters, got ""'],
    ['no key', () => SampleEvents.ossObjectCreated({ bucket: 'b-1' } as any),
      'SampleEvents.ossObjectCreated(props).key is required: an object key of 1 to 1023 bytes, got undefined'],
    ['key from the root', () => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: '/k' }),
      'SampleEvents.ossObjectCreated(props).key must be an object key of 1 to 1023 bytes (UTF-8), not starting with "/" or "\\", got "/k"'],
    ['key too long in bytes', () => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'é'.repeat(600) }),
      `SampleEvents.ossObjectCreated(props).key must be an object key of 1 to 1023 bytes (UTF-8), not starting with "/" or "\\", got "${'é'.repeat(600)}"`],
    ['negative size', () => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k', size: -1 }),
      'SampleEvents.ossObjectCreated(props).size must be an integer between 0 and 9007199254740991, got -1'],
    ['event of the other category', () => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k', eventName: 'oss:ObjectRemoved:DeleteObject' }),
      'SampleEvents.ossObjectCreated(props).eventName must be an OSS ObjectCreated operation ("PutObject", "PostObject", "CopyObject", "AppendObject", '
      + '"PutSymlink", "InitiateMultipartUpload", "UploadPart", "UploadPartCopy", "CompleteMultipartUpload"), alone, after "ObjectCreated:" '
      + 'or after "oss:ObjectCreated:", got "oss:ObjectRemoved:DeleteObject"'],
    ['an operation of the other category, under this one', () => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k', eventName: 'DeleteObject' }),
      'SampleEvents.ossObjectCreated(props).eventName must be an OSS ObjectCreated operation ("PutObject", "PostObject", "CopyObject", "AppendObject", '
      + '"PutSymlink", "InitiateMultipartUpload", "UploadPart", "UploadPartCopy", "CompleteMultipartUpload"), alone, after "ObjectCreated:" '
      + 'or after "oss:ObjectCreated:", got "DeleteObject"'],
    ['a removal OSS does not list', () => SampleEvents.ossObjectRemoved({ bucket: 'b-1', key: 'k', eventName: 'ObjectRemoved:PutObject' }),
      'SampleEvents.ossObjectRemoved(props).eventName must be an OSS ObjectRemoved operation ("DeleteObject", "DeleteObjects", "AbortMultipartUpload"), '
      + 'alone, after "ObjectRemoved:" or after "oss:ObjectRemoved:", got "ObjectRemoved:PutObject"'],
    ['bad region', () => SampleEvents.ossObjectCreated({ bucket: 'b-1', key: 'k', region: 'Hangzhou' }),
      'SampleEvents.ossObjectCreated(props).region must be a region ID such as "cn-hangzhou", got "Hangzhou"'],
    ['bad account', () => SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n', account: '1234-5678' }),
      'SampleEvents.cmsAlarm(props).account must be an Alibaba Cloud account ID (digits), got "1234-5678"'],
    ['time not UTC', () => SampleEvents.cmsEvent({ product: 'ECS', name: 'x', time: '2026-01-01T08:00:00+08:00' }),
      'SampleEvents.cmsEvent(props).time must be an ISO 8601 UTC time such as "2026-01-01T00:00:00.000Z", got "2026-01-01T08:00:00+08:00"'],
    ['impossible date', () => SampleEvents.cmsEvent({ product: 'ECS', name: 'x', time: '2026-02-30T00:00:00Z' }),
      'SampleEvents.cmsEvent(props).time must be an ISO 8601 UTC time such as "2026-01-01T00:00:00.000Z", got "2026-02-30T00:00:00Z"'],
    ['empty id', () => SampleEvents.fcDestination({ functionName: 'f', id: '' }),
      'SampleEvents.fcDestination(props).id must be a string of 1 to 128 characters, got ""'],
    ['no metric', () => SampleEvents.cmsAlarm({ namespace: 'n' } as any),
      'SampleEvents.cmsAlarm(props).metricName is required: a CloudMonitor metric name such as "cpu_total" or "NumberOfMessagesVisible", got undefined'],
    ['bad level', () => SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n', level: 'ALARM' }),
      'SampleEvents.cmsAlarm(props).level must be one of "CRITICAL", "WARN", "INFO", "OK", got "ALARM"'],
    ['no dimensions', () => SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n', dimensions: {} }),
      'SampleEvents.cmsAlarm(props).dimensions must map 1 or more dimension names to strings, such as { userId: "1234567890123456", region: "cn-hangzhou", queue: "jobs" }, got {}'],
    ['OK after OK', () => SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n', level: 'OK', previousLevel: 'OK' }),
      'SampleEvents.cmsAlarm(props).previousLevel must be "CRITICAL", "WARN" or "INFO" when level is "OK": an alarm that was OK and stays OK is no alert, got "OK"'],
    ['value not finite', () => SampleEvents.cmsAlarm({ metricName: 'm', namespace: 'n', value: NaN }),
      'SampleEvents.cmsAlarm(props).value must be a finite number, got NaN'],
    ['event level OK', () => SampleEvents.cmsEvent({ product: 'ECS', name: 'x', level: 'OK' }),
      'SampleEvents.cmsEvent(props).level must be one of "CRITICAL", "WARN", "INFO", got "OK"'],
    ['content a list', () => SampleEvents.cmsEvent({ product: 'ECS', name: 'x', content: [] as any }),
      'SampleEvents.cmsEvent(props).content must be a JSON object, got []'],
    ['bad group', () => SampleEvents.essNotification({ scalingGroupId: 'sg-1' }),
      'SampleEvents.essNotification(props).scalingGroupId must be a scaling group ID such as "asg-bp1igpak5ft1flyp0001", got "sg-1"'],
    ['bad notification type', () => SampleEvents.essNotification({ scalingGroupId: 'asg-1', eventType: 'autoscaling:scale_out' }),
      'SampleEvents.essNotification(props).eventType must be an Auto Scaling notification type such as "AUTOSCALING:SCALE_OUT_SUCCESS" '
      + '(upper-case words joined by "_", after "AUTOSCALING:"), got "autoscaling:scale_out"'],
    ['bad instance', () => SampleEvents.essNotification({ scalingGroupId: 'asg-1', instanceIds: ['i-1', 'x'] }),
      'SampleEvents.essNotification(props).instanceIds[1] must be an ECS instance ID such as "i-bp1ecr0000005go2go", got "x"'],
    ['no instances', () => SampleEvents.essNotification({ scalingGroupId: 'asg-1', instanceIds: [] }),
      'SampleEvents.essNotification(props).instanceIds must be a list of 1 to 1000 items, each an ECS instance ID such as "i-bp1ecr0000005go2go", got []'],
    ['no transition', () => SampleEvents.essLifecycleHook({ scalingGroupId: 'asg-1' } as any),
      'SampleEvents.essLifecycleHook(props).transition is required: one of "SCALE_OUT", "SCALE_IN", got undefined'],
    ['bad default result', () => SampleEvents.essLifecycleHook({ scalingGroupId: 'asg-1', transition: 'SCALE_IN', defaultResult: 'continue' }),
      'SampleEvents.essLifecycleHook(props).defaultResult must be one of "CONTINUE", "ABANDON", "ROLLBACK", got "continue"'],
    ['bad IMS type', () => SampleEvents.imsCallback({ eventType: 'Produce Media' }),
      'SampleEvents.imsCallback(props).eventType must be an IMS event type such as "ProduceMediaComplete" (letters and digits), got "Produce Media"'],
    ['bad function', () => SampleEvents.fcDestination({ functionName: '1fn' }),
      'SampleEvents.fcDestination(props).functionName must be a function name (letters, digits, "_" and "-", starting with a letter or "_", at most 64 characters), got "1fn"'],
    ['success not a boolean', () => SampleEvents.fcDestination({ functionName: 'f', success: 'no' as any }),
      'SampleEvents.fcDestination(props).success must be true or false, got "no"'],
    ['too many invocations', () => SampleEvents.fcDestination({ functionName: 'f', approximateInvokeCount: 10 }),
      'SampleEvents.fcDestination(props).approximateInvokeCount must be an integer between 1 and 9, got 10'],
    ['no data', () => SampleEvents.eventBridge({ source: 's', type: 't' } as any),
      'SampleEvents.eventBridge(props).data is required: a JSON object, got undefined'],
    ['source with spaces', () => SampleEvents.eventBridge({ source: 'my app', type: 't', data: {} }),
      'SampleEvents.eventBridge(props).source must be an event source such as "acs.oss" or "my.app" (no spaces, at most 128 characters), got "my app"'],
  ];

  test.each(cases)('%s', (_name, make, message) => {
    expect(errorOf(make)).toBe(message);
  });

  test('static factories only: the constructor is private (checked by tsc)', () => {
    // @ts-expect-error the constructor is private: SampleEvents is a class of static factories (jsii has no free functions)
    const make = (): unknown => new SampleEvents();
    expect(typeof make).toBe('function');
  });

  test('data that JSON cannot write', () => {
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(errorOf(() => SampleEvents.eventBridge({ source: 's', type: 't', data: cyclic })))
      .toBe('SampleEvents.eventBridge(props).data must be a JSON object, got "an object that cannot be written as JSON"');
  });
});
