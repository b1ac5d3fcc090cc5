import { shortHash } from '../core/names';
import { ValidationError } from '../core/validation';
import { SampleEvent } from './model';

/**
 * Sample events, shaped like the message bodies the products document, for the route simulator (`Routes.deliver`)
 * and for users' own tests of their consumers.
 *
 * Each event comes in the form EventBridge delivers it (`cloudEvent`: the CloudEvents 1.0 envelope of
 * https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-overview , with the `aliyun*` extensions a real
 * OSS event carries, as in https://www.alibabacloud.com/help/en/dataworks/user-guide/trigger-based-workflow) and, where
 * the product writes to SMQ itself, in that body (`native`). The factory's TSDoc cites the page of each shape and says
 * which fields no public page shows.
 *
 * Everything is deterministic: the time defaults to 2026-01-01T00:00:00.000Z, ids are derived from the inputs (the same
 * inputs give the same ids, different inputs different ones), and every default can be overridden. Bad input throws a
 * `ValidationError` naming the factory's prop, such as `SampleEvents.ossObjectCreated(props).bucket`.
 */
export class SampleEvents {
  /**
   * An OSS object created (`oss:ObjectCreated:PutObject` unless `eventName` says otherwise). The operation is one of
   * those the references list for the category: `PutObject`, `PostObject`, `CopyObject`, `AppendObject`,
   * `PutSymlink` (EventBridge only), `InitiateMultipartUpload`, `UploadPart`, `UploadPartCopy`,
   * `CompleteMultipartUpload` (https://www.alibabacloud.com/help/en/eventbridge/user-guide/oss-events ,
   * https://www.alibabacloud.com/help/en/oss/user-guide/overview-52); both forms are made whichever path delivers it.
   *
   * - `native`: SMQ's own OSS event notification, `{ events: [record] }`
   *   (https://www.alibabacloud.com/help/en/mns/user-guide/create-a-rule-to-generate-oss-event-notifications ; the record
   *   as https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/formats-of-event-for-different-triggers-1
   *   shows it: `eventName` without the `oss:` prefix, `oss.bucket`, `oss.object.key`, `oss.ruleId`, ...). SMQ may
   *   Base64-encode the message body on the wire; `native` is the decoded JSON.
   * - `cloudEvent`: source `acs.oss`, type `oss:ObjectCreated:PutObject`, subject `acs:oss:{region}:{account}:{bucket}/{key}`,
   *   and the record as `data` (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns ,
   *   https://www.alibabacloud.com/help/en/eventbridge/user-guide/oss-events).
   */
  public static ossObjectCreated(props: OssObjectSampleProps): SampleEvent {
    return oss('ossObjectCreated', props, 'ObjectCreated', 'PutObject');
  }

  /**
   * An OSS object removed (`oss:ObjectRemoved:DeleteObject` unless `eventName` says otherwise), in the same two forms
   * as {@link SampleEvents.ossObjectCreated}; `size` defaults to 0 and `deltaSize` is minus `size`. The operation is one
   * of `DeleteObject`, `DeleteObjects` (SMQ's event notifications only) and `AbortMultipartUpload` (EventBridge only),
   * the removals the two references list.
   */
  public static ossObjectRemoved(props: OssObjectSampleProps): SampleEvent {
    return oss('ossObjectRemoved', props, 'ObjectRemoved', 'DeleteObject');
  }

  /**
   * A CloudMonitor metric alarm written to SMQ by `ALIYUN::CMS::MetricRuleTargets`.
   *
   * - `native`: the JSON message body of https://www.alibabacloud.com/help/en/cloudmonitor/latest/write-alerts-to-mns
   *   (`ruleId`, `ruleName`, `curLevel`, `preLevel`, `resources` as JSON text, `escalation`, `metricData`,
   *   `metricName`, `namespace`, `period`, `time`, `userId`, `eventName`, `eventType`, `batchId`, `version`). A
   *   target's `Level` list is compared with `curLevel`. The page's numeric `escalation.level` is left out (its scale is
   *   not documented); `eventName` is `Alert`, or `AlertOk` when the level is `OK` (a recovery: the level before was
   *   not `OK`, so `previousLevel` defaults to `CRITICAL` then, and to `OK` for an alert).
   * - `cloudEvent`: type `cms:CloudMonitor:AlertWebHook` (the alert callback type of
   *   https://www.alibabacloud.com/help/en/eventbridge/user-guide/cloudmonitor-events), with the same body as `data`
   *   (the page shows no sample of that event's data). The source `acs.cms` is a guess, not verified: no public page we
   *   could read names the source of CloudMonitor's events; `acs.cms` follows the pairing every EventBridge product
   *   page shows between source and type (`acs.oss` with `oss:...`, `acs.ess` with `ess:...`, `acs.resourcemanager`
   *   with `resourcemanager:...`). Check it against a real event before a rule relies on it.
   */
  public static cmsAlarm(props: CmsAlarmSampleProps): SampleEvent {
    const c = new Check('cmsAlarm', props, '{ metricName, namespace }');
    const common = c.common();
    const metricName = c.name('metricName', props.metricName, true, 'a CloudMonitor metric name such as "cpu_total" or "NumberOfMessagesVisible"')!;
    const namespace = c.name('namespace', props.namespace, true, 'a CloudMonitor namespace such as "acs_ecs_dashboard" or "acs_mns_new"')!;
    const level = c.oneOf('level', props.level, ALARM_LEVELS) ?? 'CRITICAL';
    const previousLevel = c.oneOf('previousLevel', props.previousLevel, ALARM_LEVELS) ?? (level === 'OK' ? 'CRITICAL' : 'OK');
    if (level === 'OK' && previousLevel === 'OK') {
      throw c.fail('previousLevel', previousLevel, 'must be "CRITICAL", "WARN" or "INFO" when level is "OK": an alarm that was OK and stays OK is no alert');
    }
    const statistics = c.name('statistics', props.statistics, false, 'a statistic such as "Average", "Maximum" or "Minimum"') ?? 'Average';
    const value = c.number('value', props.value, false) ?? 100;
    const threshold = c.number('threshold', props.threshold, false) ?? 90;
    const period = c.integer('period', props.period, 1, 86_400) ?? 60;
    const ruleId = c.text('ruleId', props.ruleId, 256) ?? `sample-rule-${hash(['cmsAlarm.rule', metricName, namespace], 8)}`;
    const ruleName = c.text('ruleName', props.ruleName, 256) ?? ruleId;
    const dimensions = c.dimensions('dimensions', props.dimensions) ?? { userId: common.account, instanceId: 'i-sample0001' };
    const ms = Date.parse(common.time);
    const id = common.id ?? uuid(['cmsAlarm', common, metricName, namespace, level, previousLevel, statistics, value, threshold, period, ruleId, ruleName, dimensions]);
    const body = {
      ruleId,
      ruleName,
      curLevel: level,
      preLevel: previousLevel,
      resources: JSON.stringify(dimensions),
      escalation: { comparisonOperator: 'GreaterThanOrEqualToThreshold', statistics, tag: level, threshold: String(threshold), times: 1 },
      metricData: { timestamp: ms, userId: common.account, ...dimensions, [statistics]: value },
      metricName,
      namespace,
      period: String(period),
      lastTime: 0,
      time: ms,
      userId: common.account,
      eventName: level === 'OK' ? 'AlertOk' : 'Alert',
      eventType: 'Alert',
      batchId: `${hash(['cmsAlarm.batch', id], 8)}-0`,
      version: '1.0',
    };
    return event(CMS_SOURCE, 'cms:CloudMonitor:AlertWebHook', common, id, undefined, body, body);
  }

  /**
   * A CloudMonitor system event (a product's event, such as ECS `Instance:StateChange`), as a CloudMonitor event rule
   * (`ALIYUN::CMS::EventRule` with `EventRuleTargets` `MnsParameters`) writes it to SMQ.
   *
   * - `native`: the event notification of https://www.alibabacloud.com/help/en/ecs/user-guide/overview-35 and
   *   https://www.alibabacloud.com/help/doc-detail/116341.htm (`ver`, `id`, `product`, `resourceId`, `level`, `name`,
   *   `userId`, `eventTime` in UTC+8 as `20260101T080000.000+0800`, `regionId`, `content`), plus `status` when given.
   * - `cloudEvent`: source `acs.<product in lower case>` and type `<product in lower case>:<name>` unless `type` is
   *   given (the pattern EventBridge's product event types follow; check the product's EventBridge page), with the
   *   notification as `data`.
   */
  public static cmsEvent(props: CmsEventSampleProps): SampleEvent {
    const c = new Check('cmsEvent', props, '{ product, name }');
    const common = c.common();
    const product = c.match('product', props.product, true, /^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a product code such as "ECS" (letters, digits, "_" and "-")')!;
    const name = c.match('name', props.name, true, /^[A-Za-z0-9_.:-]{1,256}$/, 'an event name such as "Instance:StateChange" (letters, digits, ".", ":", "_" and "-")')!;
    const level = c.oneOf('level', props.level, EVENT_LEVELS) ?? 'INFO';
    const status = c.text('status', props.status, 128);
    const lower = product.toLowerCase();
    const resourceId = c.text('resourceId', props.resourceId, 1024) ?? `acs:${lower}:${common.region}:${common.account}:resource/sample-0001`;
    const content = c.object('content', props.content) ?? {};
    const type = c.match('type', props.type, false, /^[A-Za-z0-9_.:-]{1,256}$/, 'an EventBridge event type such as "ecs:Instance:StateChange"')
      ?? `${lower}:${name}`;
    const id = common.id ?? uuid(['cmsEvent', common, product, name, level, status, resourceId, content, type]);
    const body: { [key: string]: any } = {
      ver: '1.0',
      id,
      product,
      resourceId,
      level,
      name,
      userId: common.account,
      eventTime: utc8(common.time),
      regionId: common.region,
      content,
    };
    if (status !== undefined) {
      body.status = status;
    }
    return event(`acs.${lower}`, type, common, id, resourceId, body, body);
  }

  /**
   * An Auto Scaling notification (a notification rule of a scaling group that sends to an SMQ queue or topic).
   *
   * - `native`: `{ event, product: "ESS", regionId, userId, time, resourceArn, content: { scalingGroupId,
   *   scalingGroupName, scalingActivityId, description, cause, startTime, endTime, instanceIds } }`. The notification
   *   types are those of https://www.alibabacloud.com/help/en/auto-scaling/user-guide/create-a-notification-rule ; the
   *   layout of the body is not shown on any page we could read (Auto Scaling says only that it sends "the details of
   *   the scaling activity"): check it against a real message before relying on fields other than `event` and
   *   `content.scalingGroupId`.
   * - `cloudEvent`: source `acs.ess`, type from https://www.alibabacloud.com/help/en/eventbridge/user-guide/auto-scaling-events
   *   (`AUTOSCALING:SCALE_OUT_SUCCESS` is `ess:ScalingActivity:ScaleOutSuccess`, `..._WARN` is `...PartialSuccess`;
   *   `SCALE_REJECT`, `SCHEDULE_TASK_EXPIRING` and other types are `ess:CloudMonitor:AUTOSCALING[SCALEREJECT]` and so
   *   on), with the notification as `data`.
   */
  public static essNotification(props: EssNotificationSampleProps): SampleEvent {
    const c = new Check('essNotification', props, '{ scalingGroupId }');
    const common = c.common();
    const scalingGroupId = c.match('scalingGroupId', props.scalingGroupId, true, SCALING_GROUP_ID, 'a scaling group ID such as "asg-bp1igpak5ft1flyp0001"')!;
    const eventType = c.match('eventType', props.eventType, false, SCALING_EVENT,
      'an Auto Scaling notification type such as "AUTOSCALING:SCALE_OUT_SUCCESS" (upper-case words joined by "_", after "AUTOSCALING:")')
      ?? 'AUTOSCALING:SCALE_OUT_SUCCESS';
    const scalingGroupName = c.text('scalingGroupName', props.scalingGroupName, 64) ?? 'sample-group';
    const scalingActivityId = c.match('scalingActivityId', props.scalingActivityId, false, /^asa-[a-z0-9]{1,64}$/, 'a scaling activity ID such as "asa-bp1c9djwrgxjyk310001"')
      ?? `asa-${hash(['essNotification.activity', scalingGroupId, eventType, common.time], 20)}`;
    const instanceIds = c.list('instanceIds', props.instanceIds, /^i-[a-z0-9]{1,64}$/, 'an ECS instance ID such as "i-bp1ecr0000005go2go"') ?? ['i-sample0001'];
    const id = common.id ?? uuid(['essNotification', common, scalingGroupId, eventType, scalingGroupName, scalingActivityId, instanceIds]);
    const resourceArn = `acs:ess:${common.region}:${common.account}:scalinggroup/${scalingGroupId}`;
    const scaleIn = eventType.includes('SCALE_IN');
    const body = {
      event: eventType,
      product: 'ESS',
      regionId: common.region,
      userId: common.account,
      time: common.time,
      resourceArn,
      content: {
        scalingGroupId,
        scalingGroupName,
        scalingActivityId,
        description: `${scaleIn ? 'Remove' : 'Add'} "${instanceIds.length}" ECS instance(s)`,
        cause: 'A sample event made by SampleEvents.essNotification.',
        startTime: common.time,
        endTime: common.time,
        instanceIds,
      },
    };
    return event('acs.ess', essType(eventType), common, id, resourceArn, body, body);
  }

  /**
   * An Auto Scaling lifecycle-hook message (`ALIYUN::ESS::LifecycleHook` with an SMQ `NotificationArn`): the message
   * a consumer reads the `lifecycleActionToken` from, to call CompleteLifecycleAction
   * (https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-completelifecycleaction).
   *
   * - `native`: `{ event: "LIFECYCLE_HOOK", product: "ESS", regionId, userId, time, resourceArn, content: {
   *   lifecycleHookId, lifecycleHookName, lifecycleActionToken, lifecycleTransition, defaultResult, scalingGroupId,
   *   scalingActivityId, instanceIds, notificationMetadata } }`. The page above says the token comes in the message;
   *   the layout around it is not shown on any page we could read: check it against a real message.
   * - `cloudEvent`: source `acs.ess`, type `ess:LifecycleHook:ScaleOut` or `ess:LifecycleHook:ScaleIn`
   *   (https://www.alibabacloud.com/help/en/eventbridge/user-guide/auto-scaling-events), with the message as `data`.
   */
  public static essLifecycleHook(props: EssLifecycleHookSampleProps): SampleEvent {
    const c = new Check('essLifecycleHook', props, '{ scalingGroupId, transition }');
    const common = c.common();
    const scalingGroupId = c.match('scalingGroupId', props.scalingGroupId, true, SCALING_GROUP_ID, 'a scaling group ID such as "asg-bp1igpak5ft1flyp0001"')!;
    const transition = c.oneOf('transition', props.transition, ['SCALE_OUT', 'SCALE_IN'], true)!;
    const defaultResult = c.oneOf('defaultResult', props.defaultResult, ['CONTINUE', 'ABANDON', 'ROLLBACK']) ?? 'CONTINUE';
    const lifecycleHookId = c.match('lifecycleHookId', props.lifecycleHookId, false, /^ash-[a-z0-9]{1,64}$/, 'a lifecycle hook ID such as "ash-bp14g3ee6bt3sc980001"')
      ?? `ash-${hash(['essLifecycleHook.hook', scalingGroupId, transition], 20)}`;
    const lifecycleHookName = c.text('lifecycleHookName', props.lifecycleHookName, 64) ?? 'sample-hook';
    const instanceIds = c.list('instanceIds', props.instanceIds, /^i-[a-z0-9]{1,64}$/, 'an ECS instance ID such as "i-bp1ecr0000005go2go"') ?? ['i-sample0001'];
    const notificationMetadata = c.text('notificationMetadata', props.notificationMetadata, 4096, true);
    const scalingActivityId = `asa-${hash(['essLifecycleHook.activity', scalingGroupId, transition, common.time], 20)}`;
    const lifecycleActionToken = c.text('lifecycleActionToken', props.lifecycleActionToken, 256)
      ?? uuid(['essLifecycleHook.token', scalingGroupId, transition, lifecycleHookId, instanceIds, common.time]);
    const id = common.id ?? uuid(['essLifecycleHook', common, scalingGroupId, transition, defaultResult, lifecycleHookId, lifecycleHookName, instanceIds,
      notificationMetadata, lifecycleActionToken]);
    const resourceArn = `acs:ess:${common.region}:${common.account}:scalinggroup/${scalingGroupId}`;
    const content: { [key: string]: any } = {
      lifecycleHookId,
      lifecycleHookName,
      lifecycleActionToken,
      lifecycleTransition: transition,
      defaultResult,
      scalingGroupId,
      scalingActivityId,
      instanceIds,
    };
    if (notificationMetadata !== undefined) {
      content.notificationMetadata = notificationMetadata;
    }
    const body = { event: 'LIFECYCLE_HOOK', product: 'ESS', regionId: common.region, userId: common.account, time: common.time, resourceArn, content };
    return event('acs.ess', transition === 'SCALE_OUT' ? 'ess:LifecycleHook:ScaleOut' : 'ess:LifecycleHook:ScaleIn', common, id, resourceArn, body, body);
  }

  /**
   * An Intelligent Media Services (IMS) event callback, as IMS writes it to an `ice-callback-*` queue.
   *
   * - `native`: `{ EventType, UserId, EventTime, MessageBody }` (https://www.alibabacloud.com/help/en/ims/user-guide/event-list-2 ;
   *   `UserId` a number, `EventTime` UTC). `MessageBody` holds `JobId` and `Status` and whatever `messageBody` adds;
   *   each event type documents its own fields there.
   * - `cloudEvent`: source `acs.ice` (IMS's API product code), type `ice:<EventType>`, with the callback as `data`.
   *   IMS's callbacks are not documented as EventBridge events; this form exists for a uniform `SampleEvent` only.
   */
  public static imsCallback(props: ImsCallbackSampleProps): SampleEvent {
    const c = new Check('imsCallback', props, '{ eventType }');
    const common = c.common();
    const eventType = c.match('eventType', props.eventType, true, /^[A-Za-z][A-Za-z0-9]{0,127}$/, 'an IMS event type such as "ProduceMediaComplete" (letters and digits)')!;
    const status = c.text('status', props.status, 64) ?? 'Success';
    const extra = c.object('messageBody', props.messageBody) ?? {};
    const jobId = c.text('jobId', props.jobId, 128) ?? hash(['imsCallback.job', eventType, common.time, extra], 32);
    const id = common.id ?? uuid(['imsCallback', common, eventType, status, extra, jobId]);
    const numeric = Number(common.account);
    const body = {
      EventType: eventType,
      UserId: Number.isSafeInteger(numeric) ? numeric : common.account,
      EventTime: common.time,
      MessageBody: { JobId: jobId, Status: status, ...extra },
    };
    return event('acs.ice', `ice:${eventType}`, common, id, undefined, body, body);
  }

  /**
   * A Function Compute asynchronous-invocation result, as FC writes it to an SMQ destination
   * (`ALIYUN::FC3::AsyncInvokeConfig`, FC 2.0 `AsyncConfiguration`; https://www.alibabacloud.com/help/en/fc/user-guide/result-callback).
   *
   * - `native`: `{ timestamp, requestContext: { requestId, functionArn, condition, approximateInvokeCount },
   *   requestPayload, responseContext: { statusCode, functionError }, responsePayload }`. The field names are those of
   *   the result-callback page's "event content sent to the destination"; `condition` and `functionError` are `""` on
   *   success and `errorType` on failure. `timestamp` is an ISO 8601 time, as the start of the page's example shows
   *   (`{"timestamp": "2020-08-20T12:00:00.000Z", "requestContext": {...`,
   *   https://www.alibabacloud.com/help/zh/function-compute/latest/result-callback); the rest of that example was not
   *   readable here: check the other values against a real record.
   * - `cloudEvent`: source `acs.fc`, type `fc:AsyncInvoke:Success` or `fc:AsyncInvoke:Failure` (FC's result records
   *   are not listed among EventBridge's FC event types; this form exists for a uniform `SampleEvent` only), with the
   *   record as `data`.
   */
  public static fcDestination(props: FcDestinationSampleProps): SampleEvent {
    const c = new Check('fcDestination', props, '{ functionName }');
    const common = c.common();
    const functionName = c.match('functionName', props.functionName, true, FC_NAME, 'a function name (letters, digits, "_" and "-", starting with a letter or "_", at most 64 characters)')!;
    const serviceName = c.match('serviceName', props.serviceName, false, FC_NAME, 'an FC 2.0 service name (letters, digits, "_" and "-", starting with a letter or "_", at most 64 characters)');
    const qualifier = c.match('qualifier', props.qualifier, false, /^[A-Za-z0-9_-]{1,128}$/, 'a version or alias such as "LATEST"') ?? 'LATEST';
    const success = c.boolean('success', props.success) ?? true;
    const errorType = c.text('errorType', props.errorType, 256) ?? 'UnhandledInvocationError';
    const requestPayload = c.text('requestPayload', props.requestPayload, 128 * 1024, true) ?? '{"sample":true}';
    const responsePayload = c.text('responsePayload', props.responsePayload, 128 * 1024, true)
      ?? (success ? '{"ok":true}' : `{"errorMessage":"sample failure","errorType":"${errorType}"}`);
    const invokeCount = c.integer('approximateInvokeCount', props.approximateInvokeCount, 1, 9) ?? (success ? 1 : 4);
    const functionArn = serviceName === undefined
      ? `acs:fc:${common.region}:${common.account}:functions/${functionName}`
      : `acs:fc:${common.region}:${common.account}:services/${serviceName}.${qualifier}/functions/${functionName}`;
    const id = common.id ?? uuid(['fcDestination', common, functionArn, qualifier, success, errorType, requestPayload, responsePayload, invokeCount]);
    const body = {
      timestamp: new Date(Date.parse(common.time)).toISOString(),
      requestContext: { requestId: id, functionArn, condition: success ? '' : errorType, approximateInvokeCount: invokeCount },
      requestPayload,
      responseContext: { statusCode: 200, functionError: success ? '' : errorType },
      responsePayload,
    };
    return event('acs.fc', success ? 'fc:AsyncInvoke:Success' : 'fc:AsyncInvoke:Failure', common, id, functionArn, body, body);
  }

  /**
   * Any event on an EventBridge bus (a custom application's, or a product's this class has no factory for), in the
   * CloudEvents envelope; no `native` form. Use it for a CloudMonitor alarm with another source than `cmsAlarm`'s.
   */
  public static eventBridge(props: EventBridgeSampleProps): SampleEvent {
    const c = new Check('eventBridge', props, '{ source, type, data }');
    const common = c.common();
    const source = c.match('source', props.source, true, /^[^\s]{1,128}$/, 'an event source such as "acs.oss" or "my.app" (no spaces, at most 128 characters)')!;
    const type = c.match('type', props.type, true, /^[^\s]{1,128}$/, 'an event type such as "oss:ObjectCreated:PutObject" (no spaces, at most 128 characters)')!;
    const data = c.object('data', props.data, true)!;
    const subject = c.text('subject', props.subject, 1024);
    const id = common.id ?? uuid(['eventBridge', common, source, type, data, subject]);
    return event(source, type, common, id, subject, data, undefined, props.eventBusName === undefined ? 'default'
      : c.match('eventBusName', props.eventBusName, false, /^[A-Za-z0-9._-]{1,127}$/, 'an event bus name (letters, digits, ".", "_" and "-")')!);
  }

  /** Static factories only. */
  private constructor() {}
}

/** What every factory takes besides its own props. */
export interface SampleEventCommonProps {
  /** The region of the event. @default 'cn-hangzhou' */
  readonly region?: string;
  /** The Alibaba Cloud account (UID) the event belongs to, as digits. @default '1234567890123456' */
  readonly account?: string;
  /** When the event happened, as ISO 8601 UTC (`2026-01-01T00:00:00.000Z`). @default '2026-01-01T00:00:00.000Z' */
  readonly time?: string;
  /** The event's id (the CloudEvent `id`, and the native body's id where it has one). @default - a UUID derived from the other props */
  readonly id?: string;
}

/** An OSS object event. */
export interface OssObjectSampleProps extends SampleEventCommonProps {
  /** The bucket (3-63 lower-case letters, digits and hyphens). */
  readonly bucket: string;
  /** The object key (1-1023 bytes, not starting with "/" or "\\"). */
  readonly key: string;
  /** The object's size in bytes. @default 1024 (created), 0 (removed) */
  readonly size?: number;
  /**
   * The operation, as `PutObject`, `ObjectCreated:PutObject` or `oss:ObjectCreated:PutObject`: one the references list
   * for the factory's category (see `SampleEvents.ossObjectCreated` and `ossObjectRemoved`).
   * @default 'PutObject' (created), 'DeleteObject' (removed)
   */
  readonly eventName?: string;
  /** The object's ETag. @default - derived from bucket and key */
  readonly eTag?: string;
}

/** A CloudMonitor metric alarm. */
export interface CmsAlarmSampleProps extends SampleEventCommonProps {
  /** The metric, such as `cpu_total` or `NumberOfMessagesVisible`. */
  readonly metricName: string;
  /** The metric's namespace, such as `acs_ecs_dashboard` or `acs_mns_new`. */
  readonly namespace: string;
  /** The alarm's level now: `CRITICAL`, `WARN`, `INFO` or `OK`. @default 'CRITICAL' */
  readonly level?: string;
  /**
   * The level before: `CRITICAL`, `WARN`, `INFO` or `OK` (not `OK` when `level` is `OK`).
   * @default - 'OK' for an alert, 'CRITICAL' when `level` is 'OK' (a recovery)
   */
  readonly previousLevel?: string;
  /** The rule's id. @default - `sample-rule-` and a hash of metric and namespace */
  readonly ruleId?: string;
  /** The rule's name. @default - the rule's id */
  readonly ruleName?: string;
  /** The resource's dimensions, such as `{ userId, region, queue }`. @default - { userId: account, instanceId: 'i-sample0001' } */
  readonly dimensions?: { [key: string]: string };
  /** The statistic that crossed the threshold. @default 'Average' */
  readonly statistics?: string;
  /** The metric's value. @default 100 */
  readonly value?: number;
  /** The rule's threshold. @default 90 */
  readonly threshold?: number;
  /** The metric's period in seconds. @default 60 */
  readonly period?: number;
}

/** A CloudMonitor system event. */
export interface CmsEventSampleProps extends SampleEventCommonProps {
  /** The product, as CloudMonitor names it: `ECS`, `OSS`, ... */
  readonly product: string;
  /** The event's name, such as `Instance:StateChange`. */
  readonly name: string;
  /** The level: `CRITICAL`, `WARN` or `INFO`. @default 'INFO' */
  readonly level?: string;
  /** The event's status, when it has one (an event rule's `StatusList` is compared with it). @default - none */
  readonly status?: string;
  /** The resource's ARN. @default - `acs:<product>:<region>:<account>:resource/sample-0001` */
  readonly resourceId?: string;
  /** The event's details. @default {} */
  readonly content?: { [key: string]: any };
  /** The CloudEvent type. @default - `<product in lower case>:<name>` */
  readonly type?: string;
}

/** An Auto Scaling notification. */
export interface EssNotificationSampleProps extends SampleEventCommonProps {
  /** The scaling group's ID (`asg-...`). */
  readonly scalingGroupId: string;
  /** The notification type, such as `AUTOSCALING:SCALE_OUT_SUCCESS` (`sources.ScalingEvent.*.value`). @default 'AUTOSCALING:SCALE_OUT_SUCCESS' */
  readonly eventType?: string;
  /** The scaling group's name. @default 'sample-group' */
  readonly scalingGroupName?: string;
  /** The scaling activity's ID (`asa-...`). @default - derived from the group, type and time */
  readonly scalingActivityId?: string;
  /** The instances the activity added or removed. @default ['i-sample0001'] */
  readonly instanceIds?: string[];
}

/** An Auto Scaling lifecycle-hook message. */
export interface EssLifecycleHookSampleProps extends SampleEventCommonProps {
  /** The scaling group's ID (`asg-...`). */
  readonly scalingGroupId: string;
  /** The paused activity: `SCALE_OUT` or `SCALE_IN` (`sources.LifecycleTransition`). */
  readonly transition: string;
  /** What happens when the hook times out: `CONTINUE`, `ABANDON` or `ROLLBACK`. @default 'CONTINUE' */
  readonly defaultResult?: string;
  /** The hook's ID (`ash-...`). @default - derived from the group and transition */
  readonly lifecycleHookId?: string;
  /** The hook's name. @default 'sample-hook' */
  readonly lifecycleHookName?: string;
  /** The token to complete the lifecycle action with. @default - a UUID derived from the other props */
  readonly lifecycleActionToken?: string;
  /** The waiting instances. @default ['i-sample0001'] */
  readonly instanceIds?: string[];
  /** The hook's notification metadata. @default - none */
  readonly notificationMetadata?: string;
}

/** An IMS event callback. */
export interface ImsCallbackSampleProps extends SampleEventCommonProps {
  /** The event type, such as `ProduceMediaComplete` (`sources.ImsEvent.*.value`). */
  readonly eventType: string;
  /** The job's ID, in `MessageBody.JobId`. @default - derived from the other props */
  readonly jobId?: string;
  /** The job's status, in `MessageBody.Status`. @default 'Success' */
  readonly status?: string;
  /** More fields of `MessageBody` (they override `JobId` and `Status` when they name them). @default {} */
  readonly messageBody?: { [key: string]: any };
}

/** An FC asynchronous-invocation result. */
export interface FcDestinationSampleProps extends SampleEventCommonProps {
  /** The function's name. */
  readonly functionName: string;
  /** The FC 2.0 service's name; without it, the function is an FC 3.0 function. @default - FC 3.0 */
  readonly serviceName?: string;
  /** The version or alias invoked. @default 'LATEST' */
  readonly qualifier?: string;
  /** Whether the invocation succeeded (the `OnSuccess` destination) or failed (`OnFailure`). @default true */
  readonly success?: boolean;
  /** The error type of a failure. @default 'UnhandledInvocationError' */
  readonly errorType?: string;
  /** The invocation's payload, as text. @default '{"sample":true}' */
  readonly requestPayload?: string;
  /** The function's response, as text. @default - '{"ok":true}', or an error message */
  readonly responsePayload?: string;
  /** How many times the invocation ran (1 to 9: at most 8 retries). @default 1 (success), 4 (failure) */
  readonly approximateInvokeCount?: number;
}

/** Any EventBridge event. */
export interface EventBridgeSampleProps extends SampleEventCommonProps {
  /** The event source, such as `acs.oss` or your application's. */
  readonly source: string;
  /** The event type. */
  readonly type: string;
  /** The event's `data`. */
  readonly data: { [key: string]: any };
  /** The event's subject. @default - none */
  readonly subject?: string;
  /** The bus, in `aliyuneventbusname`. @default 'default' */
  readonly eventBusName?: string;
}

// -----------------------------------------------------------------------------------------------------------------

const DEFAULT_REGION = 'cn-hangzhou';
const DEFAULT_ACCOUNT = '1234567890123456';
const DEFAULT_TIME = '2026-01-01T00:00:00.000Z';
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
const ACCOUNT = /^[0-9]{1,32}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const SCALING_GROUP_ID = /^asg-[a-z0-9]{1,64}$/;
const SCALING_EVENT = /^(AUTOSCALING:)?[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const FC_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const ALARM_LEVELS = ['CRITICAL', 'WARN', 'INFO', 'OK'];
/** The source of CloudMonitor's CloudEvents: inferred from the pairing of sources and types, not read on a page. */
const CMS_SOURCE = 'acs.cms';
/**
 * The operations of each OSS object category: EventBridge's OSS event types
 * (https://www.alibabacloud.com/help/en/eventbridge/user-guide/oss-events) and the events of SMQ's OSS event
 * notifications (https://www.alibabacloud.com/help/en/oss/user-guide/overview-52; `DeleteObjects` is there only,
 * `PutSymlink` and `AbortMultipartUpload` are EventBridge's only), as `lib/sources/oss.ts` lists them too.
 */
const OSS_OPERATIONS: { readonly [category: string]: readonly string[] } = {
  ObjectCreated: ['PutObject', 'PostObject', 'CopyObject', 'AppendObject', 'PutSymlink', 'InitiateMultipartUpload', 'UploadPart', 'UploadPartCopy',
    'CompleteMultipartUpload'],
  ObjectRemoved: ['DeleteObject', 'DeleteObjects', 'AbortMultipartUpload'],
};
const EVENT_LEVELS = ['CRITICAL', 'WARN', 'INFO'];

/** Auto Scaling notification types whose EventBridge type is a `ScalingActivity` one. */
const ESS_ACTIVITY_TYPES: { [type: string]: string } = {
  'AUTOSCALING:SCALE_OUT_SUCCESS': 'ScaleOutSuccess',
  'AUTOSCALING:SCALE_IN_SUCCESS': 'ScaleInSuccess',
  'AUTOSCALING:SCALE_OUT_ERROR': 'ScaleOutError',
  'AUTOSCALING:SCALE_IN_ERROR': 'ScaleInError',
  'AUTOSCALING:SCALE_OUT_START': 'ScaleOutStart',
  'AUTOSCALING:SCALE_IN_START': 'ScaleInStart',
  'AUTOSCALING:SCALE_OUT_WARN': 'ScaleOutPartialSuccess',
  'AUTOSCALING:SCALE_IN_WARN': 'ScaleInPartialSuccess',
};

/** The region, account, time and id every factory resolves first. */
interface Common {
  readonly region: string;
  readonly account: string;
  readonly time: string;
  readonly id?: string;
}

/** Checks one factory's props; every error names `SampleEvents.<factory>(props).<prop>`. */
class Check {
  private readonly at: string;

  constructor(factory: string, private readonly props: unknown, shape: string) {
    this.at = `SampleEvents.${factory}(props)`;
    if (typeof props !== 'object' || props === null || Array.isArray(props)) {
      throw new ValidationError('', this.at, props, `must be an object such as ${shape}`);
    }
  }

  public common(): Common {
    const p = this.props as SampleEventCommonProps;
    return {
      region: this.match('region', p.region, false, REGION, 'a region ID such as "cn-hangzhou"') ?? DEFAULT_REGION,
      account: this.match('account', p.account, false, ACCOUNT, 'an Alibaba Cloud account ID (digits)') ?? DEFAULT_ACCOUNT,
      time: this.time('time', p.time) ?? DEFAULT_TIME,
      id: this.text('id', p.id, 128),
    };
  }

  public fail(prop: string, value: unknown, allowed: string): ValidationError {
    return new ValidationError('', `${this.at}.${prop}`, value, allowed);
  }

  /** A string the pattern accepts; `undefined` when absent and not required. */
  public match(prop: string, value: unknown, required: boolean, pattern: RegExp, what: string): string | undefined {
    if (this.absent(prop, value, required, what)) {
      return undefined;
    }
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw this.fail(prop, value, `must be ${what}`);
    }
    return value;
  }

  /** A name: a non-empty string without spaces, at most 256 characters. */
  public name(prop: string, value: unknown, required: boolean, what: string): string | undefined {
    return this.match(prop, value, required, /^[^\s]{1,256}$/, what);
  }

  /** Any string of at most `max` characters (empty only when `allowEmpty`). */
  public text(prop: string, value: unknown, max: number, allowEmpty = false): string | undefined {
    const what = `a string of ${allowEmpty ? 0 : 1} to ${max} characters`;
    if (this.absent(prop, value, false, what)) {
      return undefined;
    }
    if (typeof value !== 'string' || value.length > max || (!allowEmpty && value.length === 0)) {
      throw this.fail(prop, value, `must be ${what}`);
    }
    return value;
  }

  public oneOf(prop: string, value: unknown, allowed: readonly string[], required = false): string | undefined {
    const what = `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
    if (this.absent(prop, value, required, what)) {
      return undefined;
    }
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw this.fail(prop, value, `must be ${what}`);
    }
    return value;
  }

  public number(prop: string, value: unknown, required: boolean): number | undefined {
    if (this.absent(prop, value, required, 'a finite number')) {
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw this.fail(prop, value, 'must be a finite number');
    }
    return value;
  }

  public integer(prop: string, value: unknown, min: number, max: number): number | undefined {
    const what = `an integer between ${min} and ${max}`;
    if (this.absent(prop, value, false, what)) {
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw this.fail(prop, value, `must be ${what}`);
    }
    return value;
  }

  public boolean(prop: string, value: unknown): boolean | undefined {
    if (this.absent(prop, value, false, 'true or false')) {
      return undefined;
    }
    if (typeof value !== 'boolean') {
      throw this.fail(prop, value, 'must be true or false');
    }
    return value;
  }

  public time(prop: string, value: unknown): string | undefined {
    const what = 'an ISO 8601 UTC time such as "2026-01-01T00:00:00.000Z"';
    if (this.absent(prop, value, false, what)) {
      return undefined;
    }
    if (typeof value !== 'string' || !ISO_UTC.test(value) || Number.isNaN(Date.parse(value))
      || new Date(Date.parse(value)).toISOString().slice(0, 19) !== value.slice(0, 19)) {
      throw this.fail(prop, value, `must be ${what}`);
    }
    return new Date(Date.parse(value)).toISOString();
  }

  /** A plain JSON object, copied so that later changes to the caller's object do not show. */
  public object(prop: string, value: unknown, required = false): { [key: string]: any } | undefined {
    const what = 'a JSON object';
    if (this.absent(prop, value, required, what)) {
      return undefined;
    }
    let copy: unknown;
    try {
      copy = JSON.parse(JSON.stringify(value));
    } catch {
      throw this.fail(prop, 'an object that cannot be written as JSON', `must be ${what}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof copy !== 'object' || copy === null) {
      throw this.fail(prop, value, `must be ${what}`);
    }
    return copy as { [key: string]: any };
  }

  public dimensions(prop: string, value: unknown): { [key: string]: string } | undefined {
    const out = this.object(prop, value);
    if (out === undefined) {
      return undefined;
    }
    const keys = Object.keys(out);
    if (keys.length === 0 || keys.some((k) => k === '' || typeof out[k] !== 'string')) {
      throw this.fail(prop, value, 'must map 1 or more dimension names to strings, such as { userId: "1234567890123456", region: "cn-hangzhou", queue: "jobs" }');
    }
    return out as { [key: string]: string };
  }

  public list(prop: string, value: unknown, pattern: RegExp, what: string): string[] | undefined {
    if (this.absent(prop, value, false, `a list of ${what}`)) {
      return undefined;
    }
    if (!Array.isArray(value) || value.length === 0 || value.length > 1000) {
      throw this.fail(prop, value, `must be a list of 1 to 1000 items, each ${what}`);
    }
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'string' || !pattern.test(value[i])) {
        throw this.fail(`${prop}[${i}]`, value[i], `must be ${what}`);
      }
    }
    return [...value];
  }

  /** True when the value is absent and may be; throws when it is required. */
  private absent(prop: string, value: unknown, required: boolean, what: string): boolean {
    if (value !== undefined && value !== null) {
      return false;
    }
    if (required) {
      throw this.fail(prop, value, `is required: ${what}`);
    }
    return true;
  }
}

function oss(factory: string, props: OssObjectSampleProps, category: string, defaultOperation: string): SampleEvent {
  const c = new Check(factory, props, '{ bucket, key }');
  const common = c.common();
  const bucket = c.match('bucket', props.bucket, true, BUCKET,
    'an OSS bucket name: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit')!;
  const key = c.text('key', props.key, 1023);
  if (key === undefined) {
    throw c.fail('key', props.key, 'is required: an object key of 1 to 1023 bytes');
  }
  if (Buffer.byteLength(key, 'utf8') > 1023 || key.startsWith('/') || key.startsWith('\\')) {
    throw c.fail('key', key, 'must be an object key of 1 to 1023 bytes (UTF-8), not starting with "/" or "\\"');
  }
  const created = category === 'ObjectCreated';
  const size = c.integer('size', props.size, 0, Number.MAX_SAFE_INTEGER) ?? (created ? 1024 : 0);
  const operation = operationOf(c, props.eventName, category) ?? defaultOperation;
  const eTag = c.match('eTag', props.eTag, false, /^[^\s"]{1,128}$/, 'an ETag (no spaces or quotes, at most 128 characters)')
    ?? hash([factory, 'etag', bucket, key, size], 32).toUpperCase();
  const eventName = `${category}:${operation}`;
  const id = common.id ?? uuid([factory, common, bucket, key, size, eventName, eTag]);
  const requestId = hash([factory, 'request', id], 24).toUpperCase();
  const record = (withRule: boolean): { [key: string]: any } => ({
    eventName,
    eventSource: 'acs:oss',
    eventTime: common.time,
    eventVersion: '1.0',
    oss: {
      bucket: { arn: `acs:oss:${common.region}:${common.account}:${bucket}`, name: bucket, ownerIdentity: common.account, virtualBucket: '' },
      object: { deltaSize: created ? size : -size, eTag, key, size },
      ossSchemaVersion: '1.0',
      ...(withRule ? { ruleId: `sample-rule-${hash([factory, 'rule', bucket], 8)}` } : {}),
    },
    region: common.region,
    requestParameters: { sourceIPAddress: '192.0.2.1' },
    responseElements: { requestId },
    userIdentity: { principalId: common.account },
  });
  return event('acs.oss', `oss:${eventName}`, common, id, `acs:oss:${common.region}:${common.account}:${bucket}/${key}`, record(false), { events: [record(true)] });
}

/**
 * The operation of an OSS event name given as `PutObject`, `ObjectCreated:PutObject` or `oss:ObjectCreated:PutObject`:
 * one of those listed for the category.
 */
function operationOf(c: Check, value: unknown, category: string): string | undefined {
  const allowed = OSS_OPERATIONS[category];
  const what = `an OSS ${category} operation (${allowed.map((o) => JSON.stringify(o)).join(', ')}), alone, after "${category}:" or after "oss:${category}:"`;
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw c.fail('eventName', value, `must be ${what}`);
  }
  const parts = value.split(':');
  const operation = parts[parts.length - 1];
  const prefix = parts.slice(0, -1).join(':');
  if (!allowed.includes(operation) || !['', category, `oss:${category}`].includes(prefix)) {
    throw c.fail('eventName', value, `must be ${what}`);
  }
  return operation;
}

/** The EventBridge type of an Auto Scaling notification type. */
function essType(eventType: string): string {
  const activity = ESS_ACTIVITY_TYPES[eventType];
  if (activity !== undefined) {
    return `ess:ScalingActivity:${activity}`;
  }
  const words = eventType.startsWith('AUTOSCALING:') ? eventType.slice('AUTOSCALING:'.length) : eventType;
  return `ess:CloudMonitor:AUTOSCALING[${words.replace(/_/g, '')}]`;
}

/** The CloudEvent envelope around `data`, and the event. */
function event(source: string, type: string, common: Common, id: string, subject: string | undefined, data: object, native: object | undefined,
  bus = 'default'): SampleEvent {
  const cloudEvent: { [key: string]: any } = {
    specversion: '1.0',
    id,
    source,
    type,
    ...(subject === undefined ? {} : { subject }),
    time: common.time,
    datacontenttype: 'application/json;charset=utf-8',
    aliyunaccountid: common.account,
    aliyunoriginalaccountid: common.account,
    aliyunpublishtime: common.time,
    aliyuneventbusname: bus,
    aliyunregionid: common.region,
    data: clone(data),
  };
  return native === undefined ? { source, type, cloudEvent } : { source, type, cloudEvent, native: clone(native) };
}

/** A UTC time as the CloudMonitor event notification writes it: UTC+8, `20260101T080000.000+0800`. */
function utc8(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString(); // 2026-01-01T08:00:00.000Z
  return `${shifted.slice(0, 10).replace(/-/g, '')}T${shifted.slice(11, 19).replace(/:/g, '')}.${shifted.slice(20, 23)}+0800`;
}

/** A UUID-shaped id derived from the inputs. */
function uuid(parts: unknown[]): string {
  const h = hash(parts, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A hex hash of the inputs, as stable JSON (object keys sorted). */
function hash(parts: unknown[], length: number): string {
  return shortHash(stableJson(parts), length);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableJson).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as { [key: string]: unknown };
    return `{${Object.keys(record).sort().filter((k) => record[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** A deep copy of JSON data, so that each event's objects are its own. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

