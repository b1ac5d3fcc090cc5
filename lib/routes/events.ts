/**
 * Telling events apart for the route simulator: a `SampleEvent`, a CloudEvent (as EventBridge delivers it), or the
 * message body a product writes to SMQ itself, read into one view with the fields each hop looks at.
 *
 * Shapes: CloudEvents on EventBridge, https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-overview ;
 * OSS event notifications, https://www.alibabacloud.com/help/en/oss/user-guide/event-notifications-overview ;
 * CloudMonitor alerts written to SMQ, https://www.alibabacloud.com/help/en/cms/user-guide/write-alerts-to-mns ;
 * Auto Scaling notifications, https://www.alibabacloud.com/help/en/auto-scaling/user-guide/create-a-notification-rule ;
 * FC destinations, https://www.alibabacloud.com/help/en/fc/user-guide/result-callback ;
 * IMS callbacks, https://www.alibabacloud.com/help/en/ims/user-guide/event-list-2 .
 */
import { isObject } from './template-values';
import { EventProduct } from './topology';

/** An event as the simulator reads it. */
export interface EventView {
  /** Which product it comes from, when that can be told. */
  readonly product?: EventProduct;
  /** The EventBridge source (`acs.oss`), when known. */
  readonly source?: string;
  /** The event type (`oss:ObjectCreated:PutObject`, `AUTOSCALING:SCALE_OUT_SUCCESS`, ...), when known. */
  readonly type?: string;
  /** The CloudEvent form, when given or derivable. */
  readonly cloudEvent?: { [key: string]: any };
  /** The product's own SMQ message body, when given or derivable. */
  readonly native?: { [key: string]: any };
  /** The object as given. */
  readonly raw: unknown;
}

/** Reads what `deliver()` is given. */
export function viewOf(event: unknown): EventView {
  if (!isObject(event)) {
    return { raw: event };
  }
  // a SampleEvent: both forms side by side
  if (isObject(event.cloudEvent) && typeof event.source === 'string') {
    const native = isObject(event.native) ? event.native : undefined;
    const cloudEvent = event.cloudEvent;
    return withProduct({ source: event.source, type: typeof event.type === 'string' ? event.type : cloudEvent.type, cloudEvent, native, raw: event });
  }
  if (isCloudEvent(event)) {
    return withProduct({ source: event.source, type: event.type, cloudEvent: event, raw: event });
  }
  return nativeView(event);
}

/** Whether an object is a CloudEvent: `specversion`, `source` and `type`. */
export function isCloudEvent(value: unknown): value is { [key: string]: any } {
  return isObject(value) && typeof value.specversion === 'string' && typeof value.source === 'string' && typeof value.type === 'string';
}

function withProduct(view: EventView): EventView {
  const product = productOf(view);
  const native = view.native ?? (product === undefined ? undefined : nativeFromCloudEvent(product, view.cloudEvent));
  return { ...view, product, ...(native === undefined ? {} : { native }) };
}

function productOf(view: EventView): EventProduct | undefined {
  const source = (view.source ?? '').toLowerCase();
  const type = view.type ?? '';
  if (source === 'acs.oss' || source === 'acs:oss') {
    return EventProduct.OSS;
  }
  if (source === 'acs.cloudmonitor' || source === 'acs.cms') {
    return /event/i.test(type) && !/alarm|alert|metric/i.test(type) ? EventProduct.CMS_EVENT : EventProduct.CMS_ALARM;
  }
  if (source === 'acs.ess') {
    return /lifecycle/i.test(type) ? EventProduct.ESS_LIFECYCLE_HOOK : EventProduct.ESS_NOTIFICATION;
  }
  if (source === 'acs.iot') {
    return EventProduct.IOT;
  }
  if (source === 'acs.fc') {
    return EventProduct.FC_RESULT;
  }
  if (source === 'acs.ims' || source === 'acs.ice') {
    return EventProduct.IMS;
  }
  // a product's event on EventBridge whose data is the body it writes to SMQ (a CloudMonitor system event: acs.ecs, ...)
  const body = view.native ?? (isObject(view.cloudEvent?.data) ? view.cloudEvent!.data : undefined);
  return body === undefined ? undefined : nativeView(body).product;
}

/** The SMQ body of a product's CloudEvent: its `data`, and for OSS the `{ events: [data] }` of SMQ's notification. */
function nativeFromCloudEvent(product: EventProduct, cloudEvent: { [key: string]: any } | undefined): { [key: string]: any } | undefined {
  if (cloudEvent === undefined || !isObject(cloudEvent.data)) {
    return undefined;
  }
  return product === EventProduct.OSS ? { events: [cloudEvent.data] } : cloudEvent.data;
}

/** A product's own SMQ message body. */
function nativeView(body: { [key: string]: any }): EventView {
  const base = { native: body, raw: body };
  const first = Array.isArray(body.events) && isObject(body.events[0]) ? body.events[0] : undefined;
  if (first !== undefined && (isObject(first.oss) || first.eventSource === 'acs:oss')) {
    const name = typeof first.eventName === 'string' ? first.eventName : undefined;
    return { ...base, product: EventProduct.OSS, source: 'acs.oss', type: name === undefined ? undefined : name.startsWith('oss:') ? name : `oss:${name}` };
  }
  if (isObject(body.requestContext) && (isObject(body.responseContext) || 'requestPayload' in body)) {
    return { ...base, product: EventProduct.FC_RESULT, source: 'acs.fc' };
  }
  if (typeof body.EventType === 'string' && 'MessageBody' in body) {
    return { ...base, product: EventProduct.IMS, source: 'acs.ims', type: body.EventType };
  }
  const hookType = lifecycleTransitionOf(body);
  if (hookType !== undefined || body.event === 'LIFECYCLE_HOOK'
    || first1(body, ['lifecycleActionToken', 'LifecycleActionToken']) !== undefined || first1(body.content, ['lifecycleActionToken']) !== undefined) {
    return { ...base, product: EventProduct.ESS_LIFECYCLE_HOOK, source: 'acs.ess', ...(hookType === undefined ? {} : { type: hookType }) };
  }
  const essType = essNotificationType(body);
  if (essType !== undefined) {
    return { ...base, product: EventProduct.ESS_NOTIFICATION, source: 'acs.ess', type: essType };
  }
  if (first1(body, ['curLevel', 'triggerLevel', 'alertState', 'metricName', 'expression']) !== undefined && first1(body, ['ruleName', 'ruleId', 'alertName']) !== undefined) {
    return { ...base, product: EventProduct.CMS_ALARM, source: 'acs.cms' };
  }
  if (first1(body, ['product', 'Product']) !== undefined && first1(body, ['level', 'Level']) !== undefined && first1(body, ['name', 'Name', 'eventType']) !== undefined) {
    return { ...base, product: EventProduct.CMS_EVENT, source: 'acs.cms' };
  }
  return base;
}

/** The transition (`SCALE_OUT`, `SCALE_IN`) of a lifecycle-hook message, at its top or in its `content`. */
export function lifecycleTransitionOf(body: unknown): string | undefined {
  return first1(body, ['lifecycleTransition', 'LifecycleTransition']) ?? (isObject(body) ? first1(body.content, ['lifecycleTransition', 'LifecycleTransition']) : undefined);
}

/** The Auto Scaling notification type of a body, wherever the body states it. */
export function essNotificationType(body: { [key: string]: any }): string | undefined {
  for (const value of [body.event, body.eventType, body.notificationType, body.NotificationType, body.type, body.content?.event, body.content?.eventType]) {
    if (typeof value === 'string' && /^(AUTOSCALING:|SCALING_GROUP_)/.test(value)) {
      return value;
    }
  }
  return undefined;
}

/** The first of `keys` that `value` has as a string or number, as text. */
export function first1(value: unknown, keys: string[]): string | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  for (const key of keys) {
    const v = value[key];
    if (typeof v === 'string' || typeof v === 'number') {
      return String(v);
    }
  }
  return undefined;
}

/** The value at a dotted path (`data.oss.object.key`). */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (!isObject(current) && !Array.isArray(current)) {
      return undefined;
    }
    current = (current as { [key: string]: unknown })[key];
  }
  return current;
}

/** What an OSS event says: type, bucket, key, region, account. */
export function ossFacts(view: EventView): { type?: string; bucket?: string; key?: string; region?: string; account?: string } {
  const data = isObject(view.cloudEvent?.data) ? view.cloudEvent!.data : undefined;
  const item = data ?? (Array.isArray(view.native?.events) ? view.native!.events[0] : undefined);
  const subject = typeof view.cloudEvent?.subject === 'string' ? /^acs:oss:([^:]*):([^:]*):([^/]+)\/([\s\S]*)$/.exec(view.cloudEvent.subject) : null;
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    type: view.type,
    bucket: text(at(item, 'oss.bucket.name')) ?? subject?.[3],
    key: text(at(item, 'oss.object.key')) ?? subject?.[4],
    region: text(item?.region) ?? subject?.[1],
    account: text(at(item, 'oss.bucket.ownerIdentity')) ?? text(at(item, 'userIdentity.principalId')) ?? subject?.[2],
  };
}

/** The region and account an event comes from, as far as it says. */
export function eventLocation(view: EventView): { region?: string; account?: string } {
  const ce = view.cloudEvent;
  const oss = view.product === EventProduct.OSS ? ossFacts(view) : {};
  const region = first1(ce, ['aliyunregionid']) ?? oss.region ?? first1(view.native, ['regionId', 'region', 'RegionId'])
    ?? first1(ce?.data, ['regionId', 'region']);
  const account = first1(ce, ['aliyunaccountid']) ?? oss.account ?? first1(view.native, ['userId', 'aliUid', 'UserId', 'accountId'])
    ?? first1(ce?.data, ['userId', 'aliUid']);
  return { ...(region === undefined ? {} : { region }), ...(account === undefined ? {} : { account }) };
}

/** The body of the event as a product writes it to SMQ (its own form when it has one, else the CloudEvent). */
export function nativeBody(view: EventView): unknown {
  return view.native ?? view.cloudEvent ?? view.raw;
}
