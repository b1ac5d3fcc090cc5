/**
 * OSS object events delivered to an SMQ queue or topic, by SMQ's own event notification (`ALIYUN::MNS::EventNotification`,
 * the default) or by an EventBridge rule on the `default` bus.
 *
 * Event types: SMQ event notifications, https://www.alibabacloud.com/help/en/object-storage-service/latest/event-notifications-overview ;
 * EventBridge, https://www.alibabacloud.com/help/en/eventbridge/user-guide/oss-events (source `acs.oss`, subject
 * `acs:oss:{region}:{account}:{bucket}/{key}`). The SMQ rule's properties follow Alibaba's solution template
 * `documents/solution/internet-application-development/file-processing-on-fc.yml` (aliyun/ros-templates).
 */
import * as ros from '@alicloud/ros-cdk-core';
import type * as oss from '@alicloud/ros-cdk-oss';
import { checkSameLocation } from '../core/location';
import { derivedId, claimLogicalId } from '../core/ids';
import type { Location } from '../core/location';
import { claimName, generatePhysicalNameFor, identityOf } from '../core/names';
import { AppState, StackState, warnOnce } from '../core/state';
import { checkText, TextRule } from '../core/text';
import { checkOneOf, describeValue, invalid, isUnresolved, requireLiteral, requireProps } from '../core/validation';
import { RosEventNotification } from '../ros/mns';
import { EVENT_NOTIFICATION_NAME, OSS_BUCKET_NAME, OSS_KEY_PART } from '../ros/mns-rules';
import { checkReachable, IChannel, requireChannelOfAnyKind, stackLocation } from '../smq/channel';
import { ChannelKind, Identifiers } from '../smq/identifiers';
import type { IQueue } from '../smq/queue-base';
import { checkQueueTargetProps, EventRule, QueueTarget, QueueTargetProps, RULE_NAME } from './eventbridge';

/** Which paths deliver an event type. */
enum Paths {
  BOTH = 'both',
  SMQ = 'smq',
  EVENTBRIDGE = 'eventbridge',
}

/**
 * An OSS event type, as `oss:<category>:<operation>`. The constants are every type the SMQ and EventBridge references
 * list; `OBJECT_CREATED` and `OBJECT_REMOVED` are all of a category; `of()` takes any other.
 */
export class OssEvent {
  /** An object uploaded with PutObject. */
  public static readonly OBJECT_CREATED_PUT = new OssEvent('oss:ObjectCreated:PutObject', Paths.BOTH);
  /** An object uploaded with PostObject (a browser form). */
  public static readonly OBJECT_CREATED_POST = new OssEvent('oss:ObjectCreated:PostObject', Paths.BOTH);
  /** An object copied with CopyObject. */
  public static readonly OBJECT_CREATED_COPY = new OssEvent('oss:ObjectCreated:CopyObject', Paths.BOTH);
  /** Data appended with AppendObject. */
  public static readonly OBJECT_CREATED_APPEND = new OssEvent('oss:ObjectCreated:AppendObject', Paths.BOTH);
  /** A multipart upload completed. */
  public static readonly OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD = new OssEvent('oss:ObjectCreated:CompleteMultipartUpload', Paths.BOTH);
  /** A multipart upload started. */
  public static readonly OBJECT_CREATED_INITIATE_MULTIPART_UPLOAD = new OssEvent('oss:ObjectCreated:InitiateMultipartUpload', Paths.BOTH);
  /** A part uploaded. */
  public static readonly OBJECT_CREATED_UPLOAD_PART = new OssEvent('oss:ObjectCreated:UploadPart', Paths.BOTH);
  /** A part copied. */
  public static readonly OBJECT_CREATED_UPLOAD_PART_COPY = new OssEvent('oss:ObjectCreated:UploadPartCopy', Paths.BOTH);
  /** A symbolic link created (EventBridge only). */
  public static readonly OBJECT_CREATED_PUT_SYMLINK = new OssEvent('oss:ObjectCreated:PutSymlink', Paths.EVENTBRIDGE);
  /** An object deleted with DeleteObject. */
  public static readonly OBJECT_REMOVED_DELETE = new OssEvent('oss:ObjectRemoved:DeleteObject', Paths.BOTH);
  /** Objects deleted with DeleteObjects (SMQ event notifications only). */
  public static readonly OBJECT_REMOVED_DELETE_MULTIPLE = new OssEvent('oss:ObjectRemoved:DeleteObjects', Paths.SMQ);
  /** A multipart upload aborted (EventBridge only). */
  public static readonly OBJECT_REMOVED_ABORT_MULTIPART_UPLOAD = new OssEvent('oss:ObjectRemoved:AbortMultipartUpload', Paths.EVENTBRIDGE);
  /** An object's metadata changed (SMQ event notifications only). */
  public static readonly OBJECT_MODIFIED_UPDATE_META = new OssEvent('oss:ObjectModified:UpdateObjectMeta', Paths.SMQ);
  /** An archived object restored (EventBridge only). */
  public static readonly OBJECT_RESTORE_FINISHED = new OssEvent('oss:ObjectRestore:FinishRestore', Paths.EVENTBRIDGE);
  /** An object created by replication. */
  public static readonly OBJECT_REPLICATION_CREATED = new OssEvent('oss:ObjectReplication:ObjectCreated', Paths.BOTH);
  /** An object removed by replication. */
  public static readonly OBJECT_REPLICATION_REMOVED = new OssEvent('oss:ObjectReplication:ObjectRemoved', Paths.BOTH);
  /** An object modified by replication. */
  public static readonly OBJECT_REPLICATION_MODIFIED = new OssEvent('oss:ObjectReplication:ObjectModified', Paths.BOTH);
  /** Every object-created event. */
  public static readonly OBJECT_CREATED = new OssEvent('oss:ObjectCreated:*', Paths.BOTH);
  /** Every object-removed event. */
  public static readonly OBJECT_REMOVED = new OssEvent('oss:ObjectRemoved:*', Paths.BOTH);

  /**
   * An event type the constants do not name, such as `oss:ObjectCreated:PutObject`; it is passed to either path as
   * it is.
   */
  public static of(eventType: string): OssEvent {
    // a type that a constant names is that constant, with the paths that deliver it
    const known = typeof eventType === 'string' ? [...ALL_EVENTS, OssEvent.OBJECT_CREATED, OssEvent.OBJECT_REMOVED].find((e) => e.value === eventType) : undefined;
    return known ?? new OssEvent(eventType, Paths.BOTH, true);
  }

  private constructor(
    /** The event type, as `oss:<category>:<operation>` (`*` for a whole category). */
    public readonly value: string,
    private readonly paths: Paths,
    private readonly custom = false,
  ) {}

  /** @returns whether this is a whole category (`OBJECT_CREATED`, `OBJECT_REMOVED`) */
  public isCategory(): boolean {
    return typeof this.value === 'string' && this.value.endsWith(':*');
  }

  /** @internal The concrete event types of this event on `path`. */
  public _typesFor(scope: ros.IConstruct, prop: string, path: OssNotificationPath): string[] {
    if (this.custom) {
      if (typeof this.value !== 'string' || (!isUnresolved(this.value) && !/^oss:[A-Za-z]+:[A-Za-z]+$/.test(this.value))) {
        throw invalid(scope, prop, this.value, 'must be an OSS event type "oss:<category>:<operation>", such as "oss:ObjectCreated:PutObject"');
      }
      return [this.value];
    }
    const wanted = path === OssNotificationPath.SMQ ? Paths.SMQ : Paths.EVENTBRIDGE;
    if (this.isCategory()) {
      const category = this.value.slice(0, -1);
      return ALL_EVENTS.filter((e) => e.value.startsWith(category) && (e.paths === Paths.BOTH || e.paths === wanted)).map((e) => e.value);
    }
    if (this.paths !== Paths.BOTH && this.paths !== wanted) {
      throw invalid(scope, prop, this.value, `must be an event type that ${path === OssNotificationPath.SMQ ? 'SMQ event notifications deliver' : 'EventBridge delivers'} `
        + `(this one comes only through ${this.paths === Paths.SMQ ? 'SMQ event notifications: via OssNotificationPath.SMQ' : 'EventBridge: via OssNotificationPath.EVENTBRIDGE'})`);
    }
    return [this.value];
  }
}

const ALL_EVENTS: OssEvent[] = Object.values(OssEvent).filter((v): v is OssEvent => v instanceof OssEvent && !v.isCategory());

/** How OSS events reach the channel. */
export enum OssNotificationPath {
  /** SMQ's own event notification rule (`ALIYUN::MNS::EventNotification`): no other service involved. */
  SMQ = 'smq',
  /**
   * An EventBridge rule on the `default` bus (`ALIYUN::EventBridge::Rule`), with the queue as its target. EventBridge
   * must be activated in the region. Queues only: EventBridge's topic target is not documented.
   */
  EVENTBRIDGE = 'eventbridge',
}

/** Which objects' events are delivered: those whose key starts with `prefix` and ends with `suffix`. */
export interface OssFilter {
  /** The start of the object key, such as `uploads/`. @default - any */
  readonly prefix?: string;
  /** The end of the object key, such as `.jpg`. @default - any */
  readonly suffix?: string;
}

/** Properties of an {@link OssEventNotification}. */
export interface OssEventNotificationProps {
  /** The bucket, made in this app (`oss.Bucket`). Give this or `bucketName`. @default - `bucketName` */
  readonly bucket?: oss.IBucket;
  /** The name of a bucket this app does not own, in the stack's region and account. Give this or `bucket`. @default - `bucket` */
  readonly bucketName?: string;
  /** The events to deliver: at least one. */
  readonly events: OssEvent[];
  /**
   * Which objects' events to deliver: an object matches when it matches any filter (each filter: prefix AND suffix).
   *
   * @default - every object of the bucket
   */
  readonly filters?: OssFilter[];
  /** Where the events go: a queue or a topic in the bucket's region and account. */
  readonly destination: IChannel;
  /** How the events get there. @default OssNotificationPath.SMQ */
  readonly via?: OssNotificationPath;
  /** The name of the rule. @default - generated from the stack name and the construct path */
  readonly ruleName?: string;
  /** Options of the EventBridge target (only with `via: OssNotificationPath.EVENTBRIDGE`). @default - see QueueTarget */
  readonly target?: QueueTargetProps;
}

/** A filter's prefix or suffix: a piece of an object key, not empty (leave it out for any). */
const KEY_PART: TextRule = { ...OSS_KEY_PART, minLength: 1 };
/** An object key never starts with `/` (https://www.alibabacloud.com/help/en/oss/user-guide/object-naming-conventions). */
const KEY_PREFIX: TextRule = { ...KEY_PART, forbid: [{ pattern: /^\//, what: 'must not start with "/": an OSS object key never does' }] };
/** SMQ event notification rules per region (https://www.alibabacloud.com/help/en/object-storage-service/latest/event-notifications-overview). */
const MAX_RULES_PER_REGION = 10;
/**
 * Regions without OSS event notifications
 * (https://www.alibabacloud.com/help/en/object-storage-service/latest/event-notifications-overview): China (Heyuan),
 * China (Guangzhou), China (Hohhot), China (Ulanqab), UAE (Dubai) and Malaysia (Kuala Lumpur).
 */
const NO_EVENT_NOTIFICATIONS = ['cn-heyuan', 'cn-guangzhou', 'cn-huhehaote', 'cn-wulanchabu', 'me-east-1', 'ap-southeast-3'];
/** Subject matchers in one EventBridge pattern field. */
const MAX_PATTERN_ITEMS = 5;

/**
 * Delivers OSS object events of one bucket to a queue or topic.
 *
 * By default through SMQ's own event notification rule (`ALIYUN::MNS::EventNotification`, whose resource gets this
 * construct's id as its logical id): no other service is involved. SMQ's event rules deliver to queues and topics
 * (endpoint types `queue` and `topic` of
 * https://www.alibabacloud.com/help/en/mns/developer-reference/api-mns-open-2022-01-19-createeventrule). The ROS type
 * names the endpoint by ARN; Alibaba's sample shows the queue form `acs:mns:{region}:{account}:queues/{name}`, and a
 * topic is written `acs:mns:{region}:{account}:topics/{name}`, inferred from it (an info annotation says so; see
 * `Identifiers.eventNotificationEndpoint`). With `via: OssNotificationPath.EVENTBRIDGE`, an EventBridge rule
 * (`<id>Rule`) on the `default` bus matches `source: acs.oss`, the event types and the object subject, and delivers to
 * the queue.
 */
export class OssEventNotification extends ros.Construct {
  /** The SMQ event notification rule, on the default path. */
  public readonly eventNotification?: RosEventNotification;
  /** The EventBridge rule, on the EventBridge path. */
  public readonly eventRule?: EventRule;

  constructor(scope: ros.Construct, id: string, props: OssEventNotificationProps) {
    super(scope, id);
    requireProps(this, props, '{ bucket or bucketName, events, destination }');
    requireLiteral(this, 'via', props.via, 'OssNotificationPath');
    const path = props.via ?? OssNotificationPath.SMQ;
    checkOneOf(this, 'via', props?.via, Object.values(OssNotificationPath));
    requireChannelOfAnyKind(this, 'destination', props?.destination);
    const bucketName = this.bucketName(props);
    const events = this.eventTypes(props.events, path);
    const filters = this.filters(props.filters);
    checkReachable(this, 'destination', props.destination, 'OSS delivers its events within the bucket\'s region and account');
    const here = stackLocation(this);
    const objectArn = (prefix: string): string => `acs:oss:${here.region}:${here.account}:${bucketName}/${prefix}`;
    const ruleName = props.ruleName ?? generatePhysicalNameFor(scope, id, { maxLength: 64 });
    if (path === OssNotificationPath.SMQ) {
      checkText(this, 'ruleName', props.ruleName, EVENT_NOTIFICATION_NAME);
      if (props.target !== undefined) {
        throw invalid(this, 'target', props.target, 'is for via: OssNotificationPath.EVENTBRIDGE only');
      }
      this.checkRegion(here);
      this.checkOverlaps(bucketName, events, filters, here);
      this.countRule(here);
      if (!isUnresolved(ruleName)) {
        claimName(this, { kind: 'SMQ event notification rule name', prop: 'ruleName', name: ruleName, location: here });
      }
      if (props.destination.channelAddress.kind === ChannelKind.TOPIC) {
        this.node.addInfo(`destination: the topic endpoint of the SMQ event notification is written as ${describeValue(
          Identifiers.eventNotificationEndpoint(props.destination.channelAddress))}; the queue form is documented, the topic form is inferred from it.`);
      }
      this.eventNotification = new RosEventNotification(this, claimLogicalId(this, id), {
        identifier: ruleName,
        productName: 'oss',
        eventTypes: events,
        resources: filters.length === 0 ? [{ prefix: objectArn('') }]
          : filters.map((f) => ({ prefix: objectArn(f.prefix ?? ''), suffix: f.suffix })),
        endpoints: [Identifiers.eventNotificationEndpoint(props.destination.channelAddress)],
      }, ros.Stack.of(this).enableResourcePropertyConstraint);
    } else {
      if (props.destination.channelAddress.kind !== ChannelKind.QUEUE) {
        throw invalid(this, 'destination', props.destination.node.path,
          'must be a queue on the EventBridge path: the EventBridge topic target (acs.mns.topic) is not documented; deliver to a topic with via: OssNotificationPath.SMQ');
      }
      // checked here, so that errors name this construct and its props, not the rule made for it
      checkText(this, 'ruleName', props.ruleName, RULE_NAME);
      if (props.target !== undefined) {
        checkQueueTargetProps(this, 'target', props.target, props.destination as IQueue);
      }
      const subjects = filters.length === 0 ? [{ prefix: objectArn('') }]
        : filters.map((f) => (f.suffix === undefined ? { prefix: objectArn(f.prefix ?? '') } : { prefix: objectArn(f.prefix ?? ''), suffix: f.suffix }));
      const types = this.typeMatchers(props.events, events);
      if (subjects.length > MAX_PATTERN_ITEMS) {
        throw invalid(this, 'filters', `${subjects.length} filters`, `must be at most ${MAX_PATTERN_ITEMS} on the EventBridge path (a pattern field takes at most ${MAX_PATTERN_ITEMS} matchers)`);
      }
      this.eventRule = new EventRule(this, derivedId(this, 'Rule'), {
        // named after this construct, as the SMQ path's rule is
        ruleName,
        // a subject matcher with both prefix and suffix: the EventBridge reference's own example of matching both
        pattern: { source: ['acs.oss'], type: types, subject: subjects },
        targets: [new QueueTarget(props.destination as IQueue, props.target)],
      });
    }
  }

  /** SMQ event notifications are not offered in some regions: a literal one of them is an error. */
  private checkRegion(here: Location): void {
    if (!isUnresolved(here.region) && NO_EVENT_NOTIFICATIONS.includes(here.region)) {
      throw invalid(this, 'via', `the stack's region ${here.region}`, 'must be a region that offers OSS event notifications (not '
        + `${NO_EVENT_NOTIFICATIONS.join(', ')}): use via: OssNotificationPath.EVENTBRIDGE`);
    }
  }

  /**
   * OSS refuses a rule whose resource descriptions overlap, and two rules that match one object with a shared event
   * type (https://www.alibabacloud.com/help/en/object-storage-service/latest/configure-event-notification-rules):
   * checked for literal prefixes and suffixes, within this notification and against the SMQ-path notifications of
   * the same bucket in this stack or in stacks of the same literal region and account.
   */
  private checkOverlaps(bucketName: string, types: string[], filters: OssFilter[], here: Location): void {
    const all = filters.length === 0 ? [{}] : filters;
    all.forEach((a, i) => all.slice(0, i).forEach((b, j) => {
      if (filtersOverlap(a, b)) {
        throw invalid(this, `filters[${i}]`, a, `must not overlap filters[${j}] (${describeValue(b)}): OSS refuses a rule whose resource descriptions overlap`);
      }
    }));
    const literalLocation = !isUnresolved(here.region) && !isUnresolved(here.account);
    const mine = { path: this.node.path, stack: ros.Stack.of(this), location: literalLocation ? `${here.region}/${here.account}` : undefined, types, filters: all };
    const bucket = identityOf(this, bucketName);
    const rules = AppState.of(this).eventNotificationObjects;
    for (const other of rules.get(bucket) ?? []) {
      const together = other.stack === mine.stack || (mine.location !== undefined && other.location === mine.location);
      const shared = types.filter((t) => other.types.includes(t));
      if (together && shared.length > 0 && mine.filters.some((a) => other.filters.some((b) => filtersOverlap(a, b)))) {
        throw invalid(this, 'events', shared.join(', '), `must not be delivered again for objects that '${other.path}' already covers with the same event types: `
          + 'OSS refuses two rules that match one object with one event type; narrow the filters or split the events');
      }
    }
    rules.set(bucket, [...(rules.get(bucket) ?? []), mine]);
  }

  private bucketName(props: OssEventNotificationProps): string {
    const given = [props.bucket, props.bucketName].filter((b) => b !== undefined && b !== null).length;
    if (given !== 1) {
      throw invalid(this, 'bucket', given === 0 ? undefined : '{ bucket, bucketName }', 'or bucketName must be given, and only one of them');
    }
    if (props.bucketName !== undefined) {
      checkText(this, 'bucketName', props.bucketName, OSS_BUCKET_NAME);
      return props.bucketName;
    }
    const bucket = props.bucket!;
    const name = (bucket as Partial<oss.IBucket>).attrName;
    if (name === undefined || typeof (bucket as Partial<ros.IConstruct>).node?.path !== 'string') {
      throw invalid(this, 'bucket', bucket, 'must be an OSS bucket of this app (oss.Bucket); name a bucket it does not own with bucketName');
    }
    // an owned bucket lives in its stack's region and account: OSS delivers its events only there
    checkSameLocation(this, {
      prop: 'bucket',
      subject: stackLocation(bucket),
      subjectName: `bucket '${bucket.node.path}'`,
      expected: stackLocation(this),
      expectedName: 'the stack',
      reason: 'the notification rule is created in the stack\'s region and names the bucket by name only',
    });
    return ros.Token.asString(name);
  }

  private eventTypes(events: OssEvent[], path: OssNotificationPath): string[] {
    if (!Array.isArray(events) || events.length === 0) {
      throw invalid(this, 'events', events, 'must name at least one event, such as OssEvent.OBJECT_CREATED');
    }
    const types: string[] = [];
    events.forEach((event, i) => {
      if (!(event instanceof OssEvent)) {
        throw invalid(this, `events[${i}]`, event, 'must be an OssEvent, such as OssEvent.OBJECT_CREATED_PUT or OssEvent.of("oss:...")');
      }
      for (const type of event._typesFor(this, `events[${i}]`, path)) {
        if (!types.includes(type)) {
          types.push(type);
        }
      }
    });
    return types;
  }

  /** The `type` field of the EventBridge pattern: a category as a prefix matcher, each other event as it is. */
  private typeMatchers(events: OssEvent[], types: string[]): Array<string | { prefix: string }> {
    const categories = [...new Set(events.filter((e) => e.isCategory()).map((e) => e.value.slice(0, -1)))];
    const matchers: Array<string | { prefix: string }> = [
      ...categories.map((c) => ({ prefix: c })),
      ...types.filter((t) => !categories.some((c) => t.startsWith(c))),
    ];
    if (matchers.length > MAX_PATTERN_ITEMS) {
      throw invalid(this, 'events', `${matchers.length} event types`, `must come to at most ${MAX_PATTERN_ITEMS} on the EventBridge path (a pattern field takes at most `
        + `${MAX_PATTERN_ITEMS} matchers): use OssEvent.OBJECT_CREATED or OssEvent.OBJECT_REMOVED for a whole category`);
    }
    return matchers;
  }

  private filters(filters: OssFilter[] | undefined): OssFilter[] {
    if (filters === undefined || filters === null) {
      return [];
    }
    if (!Array.isArray(filters)) {
      throw invalid(this, 'filters', filters, 'must be a list of { prefix?, suffix? }');
    }
    filters.forEach((filter, i) => {
      if (filter === null || typeof filter !== 'object' || (filter.prefix === undefined && filter.suffix === undefined)) {
        throw invalid(this, `filters[${i}]`, filter, 'must have a prefix, a suffix or both (leave filters out for every object)');
      }
      checkText(this, `filters[${i}].prefix`, filter.prefix, KEY_PREFIX);
      checkText(this, `filters[${i}].suffix`, filter.suffix, KEY_PART);
    });
    const seen = new Map<string, number>();
    filters.forEach((filter, i) => {
      const key = JSON.stringify([identityOf(this, filter.prefix ?? ''), identityOf(this, filter.suffix ?? '')]);
      if (seen.has(key)) {
        throw invalid(this, `filters[${i}]`, filter, `must differ from filters[${seen.get(key)}]: the same filter twice matches nothing more`);
      }
      seen.set(key, i);
    });
    return filters;
  }

  /**
   * SMQ takes at most 10 event notification rules in a region and account: count this stack's (an error past 10) and
   * those of every stack with the same literal region and account (an error), or of every stack whose region or
   * account is a token (a warning: they may share one).
   */
  private countRule(here: Location): void {
    const state = StackState.of(this);
    const count = state.eventNotificationRules + 1;
    state.eventNotificationRules = count;
    const limit = `SMQ's limit per region and account: use via: OssNotificationPath.EVENTBRIDGE for more`;
    if (count > MAX_RULES_PER_REGION) {
      throw invalid(this, 'via', `rule number ${count} in stack '${ros.Stack.of(this).stackName}'`,
        `must keep the stack within ${MAX_RULES_PER_REGION} SMQ event notification rules, ${limit}`);
    }
    const literal = !isUnresolved(here.region) && !isUnresolved(here.account);
    const key = literal ? `${here.region}/${here.account}` : '<deploy-time>';
    const counts = AppState.of(this).eventNotificationRules;
    const inApp = (counts.get(key) ?? 0) + 1;
    counts.set(key, inApp);
    if (inApp > MAX_RULES_PER_REGION && literal) {
      throw invalid(this, 'via', `rule number ${inApp} in region ${here.region} and account ${here.account}`,
        `must keep the app within ${MAX_RULES_PER_REGION} SMQ event notification rules in one region and account, ${limit}`);
    }
    if (inApp > MAX_RULES_PER_REGION) {
      warnOnce(this, `via: this is SMQ event notification rule number ${inApp} in stacks whose region or account is decided at deploy time; `
        + `if they are deployed to one region and account, SMQ refuses rules past ${MAX_RULES_PER_REGION}. Use via: OssNotificationPath.EVENTBRIDGE for more, `
        + 'or give the stacks an env with literal regions and accounts so that synth can tell.');
    }
  }

}

/**
 * Whether two filters can match one object key: literal prefixes of which one starts with the other, and literal
 * suffixes of which one ends with the other (a missing one matches every key). Filters with tokens are presumed apart.
 */
function filtersOverlap(a: OssFilter, b: OssFilter): boolean {
  const [pa, pb, sa, sb] = [a.prefix ?? '', b.prefix ?? '', a.suffix ?? '', b.suffix ?? ''];
  if ([pa, pb, sa, sb].some((v) => isUnresolved(v))) {
    return false;
  }
  return (pa.startsWith(pb) || pb.startsWith(pa)) && (sa.endsWith(sb) || sb.endsWith(sa));
}
