/**
 * Reads synthesized ROS templates into the topology of their SMQ wiring: which sources write to which queues and
 * topics, and what takes the messages out. Every resource type this library emits is read, in the forms its
 * constructs render them (literal names, `Ref`/`Fn::GetAtt` of the channel, `Fn::Join`/`Fn::Sub` of pieces); what a
 * template leaves to deploy time is shown as `${...}` and marked unknown.
 */
import { RouteEdge, RouteFilter, RouteNode, RouteNodeKind, Topology } from './model';
import {
  displayOf, isObject, literalOf, matchFlat, flatten, Piece, SymbolKind, TemplateReader, TemplateSymbol,
} from './template-values';

/** How an edge is taken by the simulator. */
export enum WiringRole {
  /** From a product (a bucket, a rule, an alarm, a function's results) into a channel: where an event enters. */
  ENTRY = 'entry',
  /** From a channel to what consumes it, or on from a consumer: taken by a message already in the graph. */
  LINK = 'link',
  /** Where messages go that could not be delivered: drawn, never walked. */
  DEAD_LETTER = 'dead-letter',
}

/** The products whose events enter the graph, as the simulator tells events apart. */
export enum EventProduct {
  /** OSS object events (SMQ's own event notification). */
  OSS = 'oss',
  /** Any event on an EventBridge bus (a rule's pattern decides). */
  EVENTBRIDGE = 'eventbridge',
  /** CloudMonitor metric alarms. */
  CMS_ALARM = 'cms-alarm',
  /** CloudMonitor system events. */
  CMS_EVENT = 'cms-event',
  /** Auto Scaling notifications. */
  ESS_NOTIFICATION = 'ess-notification',
  /** Auto Scaling lifecycle-hook messages. */
  ESS_LIFECYCLE_HOOK = 'ess-lifecycle-hook',
  /** IoT Platform rule output. */
  IOT = 'iot',
  /** Function Compute asynchronous-invocation results. */
  FC_RESULT = 'fc-result',
  /** IMS event callbacks. */
  IMS = 'ims',
}

/** What the simulator checks on an edge, with the template's own values (not the display forms). */
export type Check =
  | { readonly kind: 'none'; readonly note?: string }
  | { readonly kind: 'oss'; readonly events: string[]; readonly filters: Array<{ prefix?: string; suffix?: string; unknown?: string }>; readonly bucket?: string }
  | { readonly kind: 'event-pattern'; readonly pattern: unknown; readonly reader: TemplateReader; readonly empty: boolean; readonly bus?: string }
  | { readonly kind: 'filter-tag'; readonly tag?: string; readonly unknown?: string }
  | { readonly kind: 'alarm-level'; readonly levels: string[]; readonly ruleName?: string }
  | { readonly kind: 'cms-event'; readonly patterns: Array<{ [key: string]: any }>; readonly ruleName?: string }
  | { readonly kind: 'event-types'; readonly types: string[]; readonly what: string }
  | { readonly kind: 'lifecycle-transition'; readonly transition?: string }
  | { readonly kind: 'iot-rule'; readonly where?: string; readonly errorAction: boolean }
  | { readonly kind: 'invocation-result'; readonly outcome: 'success' | 'failure'; readonly functionName?: string };

/** An EventBridge target's `Body` parameter, which decides what the message holds. */
export interface BodyParameter {
  /** ORIGINAL, JSONPATH, CONSTANT or TEMPLATE. */
  readonly form: string;
  /** The value (a JSONPath, a constant, or the template's variables as JSON text). */
  readonly value?: string;
  /** The template text, for TEMPLATE. */
  readonly template?: string;
}

/** An edge with what the simulator needs to walk it. */
export interface Wiring {
  /** The edge as the topology shows it. */
  readonly edge: RouteEdge;
  /** Entry, link or dead letter. */
  readonly role: WiringRole;
  /** For an entry: which product's events take it. */
  readonly product?: EventProduct;
  /** What a message must satisfy. */
  readonly check: Check;
  /** EventBridge target: how the message body is made from the event. */
  readonly body?: BodyParameter;
  /** FC trigger: the function is invoked synchronously (async destinations do not apply). */
  readonly synchronous?: boolean;
  /**
   * The push format of a subscription (`NotifyContentFormat`: XML by default, JSON, SIMPLIFIED) or of an FC topic
   * trigger (`notifyContentFormat`: STREAM by default, JSON), as the template states it (`${...}` when left to deploy
   * time); absent on other wirings.
   */
  readonly format?: string;
  /** The name a topic push runs under: a subscription's `SubscriptionName`, an FC topic trigger's `TriggerName`. */
  readonly subscription?: string;
  /** A queue read as an event source (queue trigger, event stream): each message becomes a CloudEvent of `acs:mns`. */
  readonly wrap?: boolean;
  /**
   * For a queue read as an event source: whether the source Base64-decodes each message body (`IsBase64Decode`,
   * true unless the template says `false`).
   */
  readonly base64Decode?: boolean;
  /**
   * Why the wiring delivers nothing although the template makes it, when the template says so: a disabled FC queue
   * trigger (`triggerEnable: false`), a disabled EventBridge rule (`Status: DISABLE`), an event stream that is not
   * started or is paused, an IoT rule that is not started. The simulator drops a message here with this reason; the
   * edge says `delivery.enabled: 'false'` and its label starts with the word.
   */
  readonly disabled?: string;
}

/** A wiring the template makes but switches off: the word for the edge's label, and the reason for a drop. */
interface Switch {
  readonly word: string;
  readonly reason: string;
}

/** The topology and the walkable edges behind it. */
export interface ReadTopology {
  /** Nodes and edges in a stable order. */
  readonly topology: Topology;
  /** The edges, with what the simulator checks, in the order of `topology.edges`. */
  readonly wirings: Wiring[];
}

/** A reference to a named thing: a resource of the template, a literal name, or neither. */
interface NameRef {
  /** The logical id, when the name is `Ref`/`Fn::GetAtt` of a resource of the expected types. */
  readonly logicalId?: string;
  /** The literal name, when known. */
  readonly literal?: string;
  /** How to show it. */
  readonly display: string;
}

interface NodeDraft {
  id: string;
  kind: RouteNodeKind;
  type: string;
  label: string;
  stack: string;
  logicalId?: string;
  details: { [key: string]: string };
}

const QUEUE = 'ALIYUN::MNS::Queue';
const TOPIC = 'ALIYUN::MNS::Topic';
const CHANNEL_TYPES: { [kind: string]: string } = { queue: QUEUE, topic: TOPIC };
const NAME_ATTRIBUTE: { [type: string]: string[] } = {
  [QUEUE]: ['QueueName'],
  [TOPIC]: ['TopicName'],
  'ALIYUN::OSS::Bucket': ['Name'],
  'ALIYUN::FC3::Function': ['FunctionName'],
  'ALIYUN::FC::Function': ['FunctionName'],
  'ALIYUN::FC::Service': ['ServiceName'],
  'ALIYUN::CMS::EventRule': ['RuleName'],
};
const NAME_PROPERTY: { [type: string]: string } = {
  [QUEUE]: 'QueueName',
  [TOPIC]: 'TopicName',
  'ALIYUN::OSS::Bucket': 'BucketName',
  'ALIYUN::FC3::Function': 'FunctionName',
  'ALIYUN::FC::Function': 'FunctionName',
  'ALIYUN::FC::Service': 'ServiceName',
  'ALIYUN::EventBridge::Rule': 'RuleName',
  'ALIYUN::CMS::EventRule': 'RuleName',
  'ALIYUN::CMS::ResourceMetricRule': 'RuleName',
  'ALIYUN::CMS::GroupMetricRule': 'RuleName',
  'ALIYUN::CMS::MetricRule': 'RuleName',
  'ALIYUN::ESS::ScalingGroup': 'ScalingGroupName',
  'ALIYUN::IOT::Rule': 'Name',
};

/** SMQ ARNs in every form our constructs write: `acs:mns:{r}:{a}:[/]{queues|topics}/{name}[/message[s]]`. */
const MNS_ARN = /^acs:mns:([^:]*):([^:]*):\/?(queues|topics)\/([^/]+)(?:\/messages?)?$/;
/** Auto Scaling's form `acs:ess:{r}:{a}:{queue|topic}/{name}` (and the ESS API's `acs:mns:` twin). */
const ESS_ARN = /^acs:(?:ess|mns):([^:]*):([^:]*):\/?(queue|topic)\/([^/]+)$/;
/** An OSS object resource `acs:oss:{r}:{a}:{bucket}/{key prefix}`. */
const OSS_OBJECT = /^acs:oss:([^:]*):([^:]*):([^/]+)\/([\s\S]*)$/;

/**
 * Reads templates, one per stack, into a topology. Channels named by a literal name are joined across stacks: a queue
 * made in one stack and consumed by name in another is one node.
 */
export class TopologyReader {
  private readonly readers: TemplateReader[];
  private readonly nodes = new Map<string, NodeDraft>();
  private readonly wirings: Wiring[] = [];
  /** `<what>:<literal name>` -> node ids of resources with that literal name. */
  private readonly named = new Map<string, string[]>();

  constructor(templates: Array<{ stackName: string; template: { [key: string]: any } }>) {
    this.readers = [...templates].sort((a, b) => compare(a.stackName, b.stackName)).map((t) => new TemplateReader(t.stackName, t.template));
  }

  /** Reads every template. */
  public read(): ReadTopology {
    for (const reader of this.readers) {
      this.indexNames(reader);
    }
    for (const reader of this.readers) {
      for (const logicalId of reader.logicalIds) {
        this.readResource(reader, logicalId);
      }
    }
    const nodes: RouteNode[] = [...this.nodes.values()]
      .sort((a, b) => compare(a.stack, b.stack) || compare(a.id, b.id))
      .map((n) => ({ ...n, details: sortedDetails(n.details) }));
    const wirings = [...this.wirings].sort((a, b) => compare(a.edge.stack, b.edge.stack) || compare(a.edge.logicalId, b.edge.logicalId)
      || compare(a.edge.from, b.edge.from) || compare(a.edge.to, b.edge.to));
    return { topology: { nodes, edges: wirings.map((w) => w.edge) }, wirings };
  }

  /** Records every channel, function, bucket and rule by its literal name, and makes a node for every channel. */
  private indexNames(reader: TemplateReader): void {
    for (const logicalId of reader.logicalIds) {
      const resource = reader.resources[logicalId];
      const property = NAME_PROPERTY[resource.type];
      const name = property === undefined ? undefined : reader.literal(resource.properties[property]);
      if (name !== undefined) {
        let key = `${resource.type}:${name}`;
        if (resource.type === 'ALIYUN::FC::Function') {
          const service = nameOf(reader, resource.properties.ServiceName, ['ALIYUN::FC::Service']);
          key = `${resource.type}:${serviceKey(reader, service)}/${name}`;
        }
        const id = `${reader.stackName}/${logicalId}`;
        this.named.set(key, [...(this.named.get(key) ?? []), id]);
      }
      if (resource.type === QUEUE || resource.type === TOPIC) {
        this.channelResourceNode(reader, logicalId);
      }
    }
  }

  private readResource(reader: TemplateReader, logicalId: string): void {
    const resource = reader.resources[logicalId];
    const p = resource.properties;
    switch (resource.type) {
      case QUEUE:
        return this.queueDeadLetters(reader, logicalId, p);
      case 'ALIYUN::MNS::Subscription':
        return this.subscription(reader, logicalId, p);
      case 'ALIYUN::MNS::EventNotification':
        return this.eventNotification(reader, logicalId, p);
      case 'ALIYUN::EventBridge::Rule':
        return this.eventBridgeRule(reader, logicalId, p);
      case 'ALIYUN::CMS::MetricRuleTargets':
        return this.metricRuleTargets(reader, logicalId, p);
      case 'ALIYUN::CMS::EventRuleTargets':
        return this.eventRuleTargets(reader, logicalId, p);
      case 'ALIYUN::ESS::ScalingGroup':
        return this.scalingNotifications(reader, logicalId, p);
      case 'ALIYUN::ESS::LifecycleHook':
        return this.lifecycleHook(reader, logicalId, p);
      case 'ALIYUN::IOT::RuleAction':
        return this.iotRuleAction(reader, logicalId, p);
      case 'ALIYUN::FC3::AsyncInvokeConfig':
        return this.fc3Destinations(reader, logicalId, p);
      case 'ALIYUN::FC::Function':
        return this.fc2Destinations(reader, logicalId, p);
      case 'ALIYUN::FC3::Trigger':
      case 'ALIYUN::FC::Trigger':
        return this.trigger(reader, logicalId, resource.type, p);
      case 'ALIYUN::ROS::CustomResource':
        return this.customResource(reader, logicalId, p);
      default:
    }
  }

  // ---------------------------------------------------------------------------------------------------- channels

  private queueDeadLetters(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const dlq = p.DlqPolicy;
    if (!isObject(dlq) || dlq.Enabled === false || dlq.DeadLetterTargetQueue === undefined) {
      return;
    }
    const to = this.channelNode(reader, 'queue', nameOf(reader, dlq.DeadLetterTargetQueue, [QUEUE]));
    const receives = dlq.MaxReceiveCount === undefined ? undefined : reader.display(dlq.MaxReceiveCount);
    this.add(reader, {
      from: `${reader.stackName}/${logicalId}`, to, via: QUEUE, logicalId,
      label: receives === undefined ? 'dead letters' : `dead letters after ${receives} receives`,
      filter: { kind: 'dead-letter', value: receives === undefined ? {} : { maxReceiveCount: receives } },
    }, WiringRole.DEAD_LETTER, { kind: 'none' });
  }

  private subscription(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const topic = this.channelNode(reader, 'topic', nameOf(reader, p.TopicName, [TOPIC]));
    const endpoint = reader.pieces(p.Endpoint);
    const pushType = reader.literal(p.PushType);
    const to = this.endpointNode(reader, endpoint, pushType);
    const tag = p.FilterTag === undefined ? undefined : reader.literal(p.FilterTag);
    const dlq = isObject(p.DlqPolicy) && p.DlqPolicy.Enabled !== false && p.DlqPolicy.DeadLetterTargetQueue !== undefined
      ? this.channelNode(reader, 'queue', nameOf(reader, p.DlqPolicy.DeadLetterTargetQueue, [QUEUE])) : undefined;
    const delivery = definedOnly({
      notifyStrategy: display(reader, p.NotifyStrategy) ?? 'BACKOFF_RETRY (the service default)',
      contentFormat: display(reader, p.NotifyContentFormat),
      deadLetterQueue: dlq === undefined ? undefined : this.labelOf(dlq),
    });
    const filter = p.FilterTag === undefined ? undefined : { kind: 'filter-tag', value: reader.display(p.FilterTag) };
    this.add(reader, {
      from: topic, to, via: 'ALIYUN::MNS::Subscription', logicalId,
      label: joinLabel([filter && `tag ${filter.value}`, delivery.notifyStrategy.split(' ')[0], delivery.contentFormat,
        dlq && `DLQ ${this.labelOf(dlq)}`]),
      filter, delivery,
    }, WiringRole.LINK, p.FilterTag === undefined ? { kind: 'none' }
      : tag === undefined ? { kind: 'filter-tag', unknown: reader.display(p.FilterTag) } : { kind: 'filter-tag', tag },
    { format: display(reader, p.NotifyContentFormat) ?? 'XML', subscription: display(reader, p.SubscriptionName) ?? logicalId });
    if (dlq !== undefined) {
      this.add(reader, {
        from: topic, to: dlq, via: 'ALIYUN::MNS::Subscription', logicalId,
        label: `dead letters of the push to ${this.labelOf(to)}`, filter: { kind: 'dead-letter', value: { subscription: logicalId } },
      }, WiringRole.DEAD_LETTER, { kind: 'none' });
    }
  }

  /** The node a subscription endpoint names: a queue, an HTTP URL, a mailbox, a phone. */
  private endpointNode(reader: TemplateReader, endpoint: Piece[], pushType: string | undefined): string {
    const flat = flatten(endpoint);
    const queue = matchFlat(flat, MNS_ARN);
    if (queue !== undefined && queue[2].length === 1 && queue[2][0] === 'queues') {
      return this.channelNode(reader, 'queue', nameFromPieces(reader, queue[3], [QUEUE]));
    }
    const shown = displayOf(endpoint);
    const literal = literalOf(endpoint);
    const consumer = (type: string, key: string, label: string, details: { [key: string]: string } = {}): string =>
      this.externalNode(reader, RouteNodeKind.CONSUMER, type, key, label, { ...details, ...(literal === undefined ? { unknown: `the endpoint is decided at deploy time: ${shown}` } : {}) });
    const lower = shown.toLowerCase();
    if (lower.startsWith('http://') || lower.startsWith('https://') || (pushType === 'http' && !lower.includes(':directmail:'))) {
      return consumer('http', shown, shown, { url: shown });
    }
    if (lower.startsWith('mail:directmail:') || pushType === 'email') {
      const address = shown.replace(/^mail:directmail:/i, '');
      return consumer('mail', address, address, { address });
    }
    if (lower.startsWith('sms:directsms:') || pushType === 'alisms') {
      const phone = shown.replace(/^sms:directsms:/i, '');
      return consumer('sms', phone, phone === 'anonymous' ? 'SMS (phone number in each message)' : phone, { phone });
    }
    return consumer(pushType ?? 'endpoint', shown, shown, { endpoint: shown });
  }

  // ---------------------------------------------------------------------------------------------------- sources

  private eventNotification(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const product = reader.literal(p.ProductName);
    const events = listOf(p.EventTypes).map((e) => reader.display(e));
    const byBucket = new Map<string, { bucket: NameRef; filters: Array<{ prefix?: string; suffix?: string; unknown?: string }> }>();
    for (const item of listOf(p.Resources)) {
      if (!isObject(item)) {
        continue;
      }
      const parts = matchFlat(reader.flat(item.prefix), OSS_OBJECT);
      const bucket = parts === undefined ? { display: reader.display(item.prefix) } : nameFromPieces(reader, parts[2], ['ALIYUN::OSS::Bucket']);
      const prefix = parts === undefined ? undefined : literalOf(parts[3]);
      const suffix = item.suffix === undefined ? undefined : reader.literal(item.suffix);
      const unknown = (parts !== undefined && prefix === undefined) || (item.suffix !== undefined && suffix === undefined)
        ? `${parts === undefined ? reader.display(item.prefix) : displayOf(parts[3])}${item.suffix === undefined ? '' : ` ... ${reader.display(item.suffix)}`}` : undefined;
      const key = bucket.logicalId ?? bucket.literal ?? bucket.display;
      const entry = byBucket.get(key) ?? { bucket, filters: [] };
      entry.filters.push(definedOnly({ prefix: prefix === '' ? undefined : prefix, suffix, unknown }));
      byBucket.set(key, entry);
    }
    const endpoints = listOf(p.Endpoints).map((e) => this.channelFromArn(reader, e));
    for (const { bucket, filters } of [...byBucket.values()]) {
      const from = product === undefined || product === 'oss' ? this.bucketNode(reader, bucket)
        : this.externalNode(reader, RouteNodeKind.SOURCE, product, product, product, {});
      const shownFilters = filters.filter((f) => f.prefix !== undefined || f.suffix !== undefined || f.unknown !== undefined);
      for (const to of endpoints) {
        if (to === undefined) {
          continue;
        }
        this.add(reader, {
          from, to, via: 'ALIYUN::MNS::EventNotification', logicalId,
          label: joinLabel([eventsLabel(events), ...shownFilters.map(filterLabel)]),
          filter: { kind: 'oss-events', value: { events, filters: shownFilters.map((f) => definedOnly({ prefix: f.prefix, suffix: f.suffix, unknown: f.unknown })) } },
        }, WiringRole.ENTRY, { kind: 'oss', events, filters, bucket: bucket.literal }, { product: EventProduct.OSS });
      }
    }
  }

  private eventBridgeRule(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const pattern = p.FilterPattern;
    const shown = displayValue(reader, pattern);
    const from = this.resourceNode(reader, logicalId, RouteNodeKind.SOURCE, definedOnly({
      eventBus: display(reader, p.EventBusName), pattern: compactJson(shown),
    }));
    // Status: ENABLE (the default) or DISABLE (ROS ALIYUN::EventBridge::Rule,
    // https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-eventbridge-rule)
    const off: Switch | undefined = reader.literal(p.Status)?.toUpperCase() === 'DISABLE'
      ? { word: 'disabled', reason: 'the rule is disabled (Status DISABLE): it matches no event' } : undefined;
    for (const target of listOf(p.Targets)) {
      if (!isObject(target)) {
        continue;
      }
      const type = reader.literal(target.Type);
      if (type !== 'acs.mns.queue' && type !== 'acs.mns.topic') {
        continue;
      }
      const to = this.channelFromArn(reader, target.Endpoint, type === 'acs.mns.queue' ? 'queue' : 'topic');
      if (to === undefined) {
        continue;
      }
      const dlq = isObject(target.DeadLetterQueue) ? this.channelFromArn(reader, target.DeadLetterQueue.Arn, 'queue') : undefined;
      const bodyParam = listOf(target.ParamList).find((x) => isObject(x) && x.ResourceKey === 'Body');
      const body: BodyParameter | undefined = isObject(bodyParam) ? definedOnly({
        form: reader.literal(bodyParam.Form) ?? 'ORIGINAL', value: reader.literal(bodyParam.Value), template: reader.literal(bodyParam.Template),
      }) as BodyParameter : undefined;
      const delivery = definedOnly({
        retryStrategy: display(reader, target.PushRetryStrategy),
        errorsTolerance: display(reader, target.ErrorsTolerance),
        deadLetterQueue: dlq === undefined ? undefined : this.labelOf(dlq),
        body: body === undefined ? undefined : bodyText(body),
      });
      this.add(reader, {
        from, to, via: 'ALIYUN::EventBridge::Rule', logicalId,
        label: joinLabel([patternLabel(shown), delivery.retryStrategy, dlq && `DLQ ${this.labelOf(dlq)}`]),
        filter: { kind: 'event-pattern', value: shown }, delivery,
      }, WiringRole.ENTRY, definedOnly({ kind: 'event-pattern' as const, pattern, reader, empty: isObject(pattern) && Object.keys(pattern).length === 0, bus: reader.literal(p.EventBusName) }),
      { product: EventProduct.EVENTBRIDGE, body, off });
      if (dlq !== undefined) {
        this.add(reader, {
          from, to: dlq, via: 'ALIYUN::EventBridge::Rule', logicalId,
          label: `dead letters of the target ${display(reader, target.Id) ?? ''}`.trim(), filter: { kind: 'dead-letter', value: { target: display(reader, target.Id) ?? '' } },
        }, WiringRole.DEAD_LETTER, { kind: 'none' }, { off });
      }
    }
  }

  private metricRuleTargets(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const rule = nameOf(reader, p.RuleId, undefined, ['RuleId']);
    const ruleResource = reader.resource(rule.logicalId);
    const from = rule.logicalId !== undefined
      ? this.resourceNode(reader, rule.logicalId, RouteNodeKind.SOURCE, metricRuleDetails(reader, rule.logicalId))
      : this.externalNode(reader, RouteNodeKind.SOURCE, 'cms-metric-rule', rule.display, `metric rule ${rule.display}`, { ruleId: rule.display });
    const ruleName = ruleResource === undefined ? undefined : reader.literal(ruleResource.properties.RuleName);
    for (const target of listOf(p.Targets)) {
      if (!isObject(target)) {
        continue;
      }
      const to = this.channelFromArn(reader, target.Arn);
      if (to === undefined) {
        continue;
      }
      const levels = parseLevels(reader.literal(target.Level));
      this.add(reader, {
        from, to, via: 'ALIYUN::CMS::MetricRuleTargets', logicalId,
        label: `levels ${levels.join(', ')}`, filter: { kind: 'alarm-level', value: levels },
      }, WiringRole.ENTRY, { kind: 'alarm-level', levels, ruleName }, { product: EventProduct.CMS_ALARM });
    }
  }

  private eventRuleTargets(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const name = nameOf(reader, p.RuleName, ['ALIYUN::CMS::EventRule']);
    const found = name.logicalId !== undefined ? `${reader.stackName}/${name.logicalId}`
      : name.literal !== undefined ? this.lookup(reader, `ALIYUN::CMS::EventRule:${name.literal}`) : undefined;
    const [ruleStack, ruleId] = found === undefined ? [undefined, undefined] : splitId(found);
    const ruleReader = this.readers.find((r) => r.stackName === ruleStack);
    const rule = ruleReader?.resource(ruleId);
    const from = found !== undefined && ruleReader !== undefined && rule !== undefined
      ? this.resourceNode(ruleReader, ruleId!, RouteNodeKind.SOURCE, definedOnly({ ruleName: display(ruleReader, rule.properties.RuleName), eventType: display(ruleReader, rule.properties.EventType) }))
      : this.externalNode(reader, RouteNodeKind.SOURCE, 'cms-event-rule', name.display, `event rule ${name.display}`, { ruleName: name.display });
    const patterns = rule === undefined ? [] : listOf(rule.properties.EventPattern).filter(isObject).map((x) => displayValue(ruleReader!, x));
    for (const target of listOf(p.MnsParameters)) {
      if (!isObject(target)) {
        continue;
      }
      const kind = target.Queue !== undefined ? 'queue' : target.Topic !== undefined ? 'topic' : undefined;
      if (kind === undefined) {
        continue;
      }
      const to = this.channelNode(reader, kind, nameOf(reader, kind === 'queue' ? target.Queue : target.Topic, [CHANNEL_TYPES[kind]]));
      this.add(reader, {
        from, to, via: 'ALIYUN::CMS::EventRuleTargets', logicalId,
        label: patterns.length === 0 ? 'events of the rule' : patterns.map(cmsPatternLabel).join(' | '),
        ...(patterns.length === 0 ? {} : { filter: { kind: 'cms-event-pattern', value: patterns } }),
      }, WiringRole.ENTRY, patterns.length === 0 ? { kind: 'none', note: `the event rule ${name.display} is not in the templates read: its pattern is not checked` }
        : { kind: 'cms-event', patterns, ruleName: name.literal }, { product: EventProduct.CMS_EVENT });
    }
  }

  private scalingNotifications(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    for (const item of listOf(p.NotificationConfigurations)) {
      if (!isObject(item)) {
        continue;
      }
      const to = this.channelFromEssArn(reader, item.NotificationArn);
      if (to === undefined) {
        continue;
      }
      const types = listOf(item.NotificationTypes).map((t) => reader.display(t));
      const from = this.resourceNode(reader, logicalId, RouteNodeKind.SOURCE, definedOnly({ scalingGroupName: display(reader, p.ScalingGroupName) }));
      this.add(reader, {
        from, to, via: 'ALIYUN::ESS::ScalingGroup', logicalId, label: types.join(', '), filter: { kind: 'event-types', value: types },
      }, WiringRole.ENTRY, { kind: 'event-types', types, what: 'notification types' }, { product: EventProduct.ESS_NOTIFICATION });
    }
  }

  private lifecycleHook(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const to = this.channelFromEssArn(reader, p.NotificationArn);
    if (to === undefined) {
      return;
    }
    const group = nameOf(reader, p.ScalingGroupId, ['ALIYUN::ESS::ScalingGroup'], ['ScalingGroupId']);
    const from = group.logicalId !== undefined ? this.resourceNode(reader, group.logicalId, RouteNodeKind.SOURCE, {})
      : this.externalNode(reader, RouteNodeKind.SOURCE, 'ess-scaling-group', group.display, `scaling group ${group.display}`, { scalingGroupId: group.display });
    const transition = display(reader, p.LifecycleTransition);
    const delivery = definedOnly({
      defaultResult: display(reader, p.DefaultResult), heartbeatTimeout: p.HeartbeatTimeout === undefined ? undefined : `${reader.display(p.HeartbeatTimeout)} s`,
      metadata: display(reader, p.NotificationMetadata),
    });
    this.add(reader, {
      from, to, via: 'ALIYUN::ESS::LifecycleHook', logicalId,
      label: joinLabel([`${transition ?? 'lifecycle'} hook`, delivery.defaultResult && `${delivery.defaultResult} after ${delivery.heartbeatTimeout ?? '600 s'}`]),
      filter: { kind: 'lifecycle-transition', value: transition ?? '' }, delivery,
    }, WiringRole.ENTRY, { kind: 'lifecycle-transition', transition: reader.literal(p.LifecycleTransition) }, { product: EventProduct.ESS_LIFECYCLE_HOOK });
  }

  private iotRuleAction(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const type = reader.literal(p.Type);
    if (type !== 'MNS' && type !== 'SMQ') {
      return;
    }
    const flat = reader.flat(p.Configuration);
    let config: unknown;
    try {
      config = JSON.parse(flat.text);
    } catch {
      return;
    }
    if (!isObject(config) || typeof config.themeName !== 'string') {
      return;
    }
    const topic = nameFromPieces(reader, matchFlat({ text: config.themeName, symbols: flat.symbols }, /^([\s\S]*)$/)![0], [TOPIC]);
    const to = this.channelNode(reader, 'topic', topic);
    const rule = nameOf(reader, p.RuleId, ['ALIYUN::IOT::Rule'], ['RuleId']);
    const ruleResource = reader.resource(rule.logicalId);
    const from = rule.logicalId !== undefined
      ? this.resourceNode(reader, rule.logicalId, RouteNodeKind.SOURCE, definedOnly({
        select: display(reader, ruleResource?.properties.Select), where: display(reader, ruleResource?.properties.Where),
        topic: display(reader, ruleResource?.properties.ShortTopic),
      }))
      : this.externalNode(reader, RouteNodeKind.SOURCE, 'iot-rule', rule.display, `IoT rule ${rule.display}`, { ruleId: rule.display });
    const errorAction = p.ErrorActionFlag === true || reader.literal(p.ErrorActionFlag) === 'true';
    const where = display(reader, ruleResource?.properties.Where);
    // a rule of the templates forwards nothing until it is started: StartRule true (absent is not started; a
    // deploy-time value is taken as started)
    const startRule = ruleResource?.properties.StartRule;
    const off: Switch | undefined = ruleResource !== undefined && (startRule === undefined || isFalse(reader, startRule))
      ? { word: 'not started', reason: `the IoT rule is not started (StartRule ${startRule === undefined ? 'absent' : 'false'}): IoT Platform forwards nothing until it is` }
      : undefined;
    this.add(reader, {
      from, to, via: 'ALIYUN::IOT::RuleAction', logicalId,
      label: joinLabel([errorAction ? 'error action' : undefined, where && `WHERE ${where}`]),
      filter: { kind: 'iot-rule', value: definedOnly({ where, errorAction: errorAction ? 'true' : undefined }) },
    }, WiringRole.ENTRY, { kind: 'iot-rule', where, errorAction }, { product: EventProduct.IOT, off });
  }

  private fc3Destinations(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const fn = this.functionNode(reader, 'fc3', p.FunctionName, undefined, RouteNodeKind.SOURCE);
    const config = isObject(p.DestinationConfig) ? p.DestinationConfig : {};
    const delivery = definedOnly({
      maxAsyncRetryAttempts: display(reader, p.MaxAsyncRetryAttempts),
      maxAsyncEventAge: p.MaxAsyncEventAgeInSeconds === undefined ? undefined : `${reader.display(p.MaxAsyncEventAgeInSeconds)} s`,
    });
    for (const [key, outcome] of [['OnSuccess', 'success'], ['OnFailure', 'failure']] as const) {
      if (isObject(config[key]) && config[key].Destination !== undefined) {
        this.destination(reader, logicalId, 'ALIYUN::FC3::AsyncInvokeConfig', fn, config[key].Destination, outcome, delivery);
      }
    }
  }

  private fc2Destinations(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const config = isObject(p.AsyncConfiguration) ? p.AsyncConfiguration : undefined;
    const destination = config !== undefined && isObject(config.Destination) ? config.Destination : undefined;
    if (destination === undefined) {
      return;
    }
    const fn = this.resourceNode(reader, logicalId, RouteNodeKind.SOURCE, definedOnly({ serviceName: display(reader, p.ServiceName) }));
    const delivery = definedOnly({
      maxAsyncRetryAttempts: display(reader, config!.MaxAsyncRetryAttempts),
      maxAsyncEventAge: config!.MaxAsyncEventAgeInSeconds === undefined ? undefined : `${reader.display(config!.MaxAsyncEventAgeInSeconds)} s`,
    });
    for (const [key, outcome] of [['OnSuccess', 'success'], ['OnFailure', 'failure']] as const) {
      if (destination[key] !== undefined) {
        this.destination(reader, logicalId, 'ALIYUN::FC::Function', fn, destination[key], outcome, delivery);
      }
    }
  }

  private destination(reader: TemplateReader, logicalId: string, via: string, fn: string, arn: unknown, outcome: 'success' | 'failure',
    delivery: { [key: string]: string }): void {
    const to = this.channelFromArn(reader, arn);
    if (to === undefined) {
      return;
    }
    this.add(reader, {
      from: fn, to, via, logicalId, label: `on ${outcome}`, filter: { kind: 'invocation-result', value: outcome }, delivery,
    }, WiringRole.ENTRY, { kind: 'invocation-result', outcome, functionName: this.nodes.get(fn)?.details.name }, { product: EventProduct.FC_RESULT });
  }

  // ---------------------------------------------------------------------------------------------------- consumers

  private trigger(reader: TemplateReader, logicalId: string, type: string, p: { [key: string]: any }): void {
    const generation = type === 'ALIYUN::FC3::Trigger' ? 'fc3' : 'fc2';
    const triggerType = reader.literal(p.TriggerType);
    const config = isObject(p.TriggerConfig) ? p.TriggerConfig : {};
    if (triggerType === 'mns_topic') {
      const topic = this.channelFromArn(reader, p.SourceArn, 'topic');
      if (topic === undefined) {
        return;
      }
      const fn = this.functionNode(reader, generation, p.FunctionName, p.ServiceName, RouteNodeKind.CONSUMER);
      const tagValue = config.filterTag ?? config.FilterTag;
      const tag = tagValue === undefined ? undefined : reader.literal(tagValue);
      const delivery = definedOnly({
        notifyStrategy: display(reader, config.notifyStrategy ?? config.NotifyStrategy) ?? 'BACKOFF_RETRY (the service default)',
        contentFormat: display(reader, config.notifyContentFormat ?? config.NotifyContentFormat),
        invocation: 'asynchronous',
      });
      const filter = tagValue === undefined ? undefined : { kind: 'filter-tag', value: reader.display(tagValue) };
      this.add(reader, {
        from: topic, to: fn, via: type, logicalId,
        label: joinLabel([filter && `tag ${filter.value}`, delivery.notifyStrategy.split(' ')[0], delivery.contentFormat]),
        filter, delivery,
      }, WiringRole.LINK, tagValue === undefined ? { kind: 'none' } : tag === undefined ? { kind: 'filter-tag', unknown: reader.display(tagValue) } : { kind: 'filter-tag', tag },
      { synchronous: false, format: display(reader, config.notifyContentFormat ?? config.NotifyContentFormat) ?? 'STREAM',
        subscription: display(reader, p.TriggerName) ?? logicalId });
      return;
    }
    const source = isObject(config.eventSourceConfig) ? config.eventSourceConfig : undefined;
    if (triggerType !== 'eventbridge' || source === undefined || reader.literal(source.eventSourceType) !== 'MNS') {
      return;
    }
    const parameters = isObject(source.eventSourceParameters) ? source.eventSourceParameters : {};
    const mns = isObject(parameters.sourceMNSParameters) ? parameters.sourceMNSParameters : {};
    const queue = this.channelNode(reader, 'queue', nameOf(reader, mns.QueueName, [QUEUE]));
    const fn = this.functionNode(reader, generation, p.FunctionName, p.ServiceName, RouteNodeKind.CONSUMER);
    const pattern = parsePatternText(reader, config.eventRuleFilterPattern ?? parameters.eventRuleFilterPattern);
    const run = isObject(config.runOptions) ? config.runOptions : {};
    const dlq = isObject(run.deadLetterQueue) ? this.channelFromArn(reader, run.deadLetterQueue.Arn, 'queue') : undefined;
    const window = isObject(run.batchWindow) ? run.batchWindow : {};
    const synchronous = !(config.asyncInvocationType === true || reader.literal(config.asyncInvocationType) === 'true');
    const sink = isObject(config.eventSinkConfig) && isObject(config.eventSinkConfig.deliveryOption) ? config.eventSinkConfig.deliveryOption : {};
    const base64Decode = !isFalse(reader, mns.IsBase64Decode);
    const off: Switch | undefined = isFalse(reader, config.triggerEnable ?? config.TriggerEnable)
      ? { word: 'disabled', reason: 'the trigger is disabled (triggerEnable false): it reads no message' } : undefined;
    const delivery = definedOnly({
      invocation: synchronous ? 'synchronous' : 'asynchronous',
      base64Decode: base64Decode ? undefined : 'false',
      retryStrategy: isObject(run.retryStrategy) ? display(reader, run.retryStrategy.PushRetryStrategy ?? run.retryStrategy.pushRetryStrategy) : undefined,
      errorsTolerance: display(reader, run.errorsTolerance),
      batchSize: display(reader, window.CountBasedWindow),
      batchWindow: window.TimeBasedWindow === undefined ? undefined : `${reader.display(window.TimeBasedWindow)} s`,
      deadLetterQueue: dlq === undefined ? undefined : this.labelOf(dlq),
      eventFormat: display(reader, sink.eventSchema),
    });
    this.add(reader, {
      from: queue, to: fn, via: type, logicalId,
      label: joinLabel([pattern.empty ? undefined : patternLabel(pattern.shown), delivery.retryStrategy,
        delivery.batchSize && `batch ${delivery.batchSize}`, dlq && `DLQ ${this.labelOf(dlq)}`]),
      ...(pattern.empty ? {} : { filter: { kind: 'event-pattern', value: pattern.shown } }), delivery,
    }, WiringRole.LINK, { kind: 'event-pattern', pattern: pattern.value, reader, empty: pattern.empty },
    { synchronous, format: delivery.eventFormat ?? 'CloudEvents', wrap: true, base64Decode, off });
    if (dlq !== undefined) {
      this.add(reader, {
        from: queue, to: dlq, via: type, logicalId, label: `dead letters of the trigger ${display(reader, p.TriggerName) ?? logicalId}`,
        filter: { kind: 'dead-letter', value: { trigger: logicalId } },
      }, WiringRole.DEAD_LETTER, { kind: 'none' }, { off });
    }
  }

  private customResource(reader: TemplateReader, logicalId: string, p: { [key: string]: any }): void {
    const parameters = isObject(p.Parameters) ? p.Parameters : {};
    const onCreate = isObject(parameters.OnCreate) ? parameters.OnCreate : {};
    const action = reader.literal(onCreate.Action);
    const request = jsonObject(reader, onCreate.Parameters) ?? {};
    if (action === 'SetEventCallback') {
      this.imsCallback(reader, logicalId, request);
    } else if (action === 'CreateEventStreaming') {
      const onUpdate = isObject(parameters.OnUpdate) ? parameters.OnUpdate : {};
      this.eventStream(reader, logicalId, request, streamSwitch(reader, onCreate, onUpdate));
    }
  }

  private imsCallback(reader: TemplateReader, logicalId: string, request: { [key: string]: any }): void {
    const callbackType = reader.literal(request.CallbackType);
    if (request.CallbackQueueName === undefined || (callbackType !== undefined && callbackType !== 'MNS')) {
      return;
    }
    const to = this.channelNode(reader, 'queue', nameOf(reader, request.CallbackQueueName, [QUEUE]));
    const from = this.externalNode(reader, RouteNodeKind.SOURCE, 'ims', 'event-callbacks', 'IMS event callbacks', {});
    const list = request.EventTypeList === undefined ? undefined : reader.literal(request.EventTypeList);
    const types = list === undefined ? [] : list.split(',').map((t) => t.trim()).filter((t) => t !== '');
    this.add(reader, {
      from, to, via: 'ALIYUN::ROS::CustomResource', logicalId,
      label: types.length === 0 ? 'every event type' : types.join(', '),
      ...(types.length === 0 ? {} : { filter: { kind: 'event-types', value: types } }),
    }, WiringRole.ENTRY, types.length === 0 ? { kind: 'none' } : { kind: 'event-types', types, what: 'callback event types' }, { product: EventProduct.IMS });
  }

  /** An event stream (CreateEventStreaming through the API-call custom resource): an SMQ queue to a sink. */
  private eventStream(reader: TemplateReader, logicalId: string, request: { [key: string]: any }, off: Switch | undefined): void {
    const source = jsonObject(reader, request.Source) ?? {};
    const mns = isObject(source.SourceMNSParameters) ? source.SourceMNSParameters : undefined;
    if (mns === undefined) {
      return;
    }
    const queue = this.channelNode(reader, 'queue', nameOf(reader, mns.QueueName, [QUEUE]));
    const sink = jsonObject(reader, request.Sink) ?? {};
    const pattern = parsePatternText(reader, request.FilterPattern);
    const run = jsonObject(reader, request.RunOptions) ?? {};
    const name = display(reader, request.EventStreamingName);
    const dlq = isObject(run.DeadLetterQueue) ? this.channelFromArn(reader, run.DeadLetterQueue.Arn, 'queue') : undefined;
    const window = isObject(run.BatchWindow) ? run.BatchWindow : {};
    const base64Decode = !isFalse(reader, mns.IsBase64Decode);
    const streamDelivery = definedOnly({
      eventStream: name,
      base64Decode: base64Decode ? undefined : 'false',
      retryStrategy: isObject(run.RetryStrategy) ? display(reader, run.RetryStrategy.PushRetryStrategy) : undefined,
      errorsTolerance: display(reader, run.ErrorsTolerance),
      batchSize: display(reader, window.CountBasedWindow),
      batchWindow: window.TimeBasedWindow === undefined ? undefined : `${reader.display(window.TimeBasedWindow)} s`,
      deadLetterQueue: dlq === undefined ? undefined : this.labelOf(dlq),
    });
    for (const key of Object.keys(sink).sort()) {
      const target = isObject(sink[key]) ? sink[key] : {};
      const to = this.sinkNode(reader, key, target);
      if (to === undefined) {
        continue;
      }
      const bodyField = isObject(target.Body) ? target.Body : undefined;
      const invocation = isObject(target.InvocationType) ? target.InvocationType.Value : target.InvocationType;
      const synchronous = reader.literal(invocation) !== 'Async';
      const body: BodyParameter | undefined = bodyField === undefined ? undefined : definedOnly({
        form: reader.literal(bodyField.Form) ?? 'ORIGINAL', value: reader.literal(bodyField.Value), template: reader.literal(bodyField.Template),
      }) as BodyParameter;
      // what the sink receives and, for a function, how it is invoked: per sink, like an EventBridge target's
      const delivery = definedOnly({
        ...streamDelivery,
        invocation: key === 'SinkFcParameters' ? (synchronous ? 'synchronous' : 'asynchronous') : undefined,
        body: body === undefined ? undefined : bodyText(body),
      });
      this.add(reader, {
        from: queue, to, via: 'ALIYUN::ROS::CustomResource', logicalId,
        label: joinLabel([name && `stream ${name}`, pattern.empty ? undefined : patternLabel(pattern.shown), delivery.retryStrategy,
          delivery.batchSize && `batch ${delivery.batchSize}`, dlq && `DLQ ${this.labelOf(dlq)}`]),
        ...(pattern.empty ? {} : { filter: { kind: 'event-pattern', value: pattern.shown } }), delivery,
      }, WiringRole.LINK, { kind: 'event-pattern', pattern: pattern.value, reader, empty: pattern.empty },
      { synchronous, format: 'CloudEvents', wrap: true, base64Decode, off, ...(body === undefined ? {} : { body }) });
    }
    if (dlq !== undefined) {
      this.add(reader, {
        from: queue, to: dlq, via: 'ALIYUN::ROS::CustomResource', logicalId, label: `dead letters of the stream ${name ?? logicalId}`,
        filter: { kind: 'dead-letter', value: { eventStream: name ?? logicalId } },
      }, WiringRole.DEAD_LETTER, { kind: 'none' }, { off });
    }
  }

  /** The node of an event stream's sink: a queue, a function, an HTTP endpoint, or another product. */
  private sinkNode(reader: TemplateReader, key: string, target: { [key: string]: any }): string | undefined {
    // sink fields are `{ Form, Value }` target parameters in the CreateEventStreaming API; a plain value is read too
    const field = (name: string): unknown => (isObject(target[name]) && 'Value' in target[name] ? target[name].Value : target[name]);
    if (key === 'SinkMNSParameters') {
      return this.channelNode(reader, 'queue', nameOf(reader, field('QueueName'), [QUEUE]));
    }
    if (key === 'SinkFcParameters') {
      return field('ServiceName') === undefined
        ? this.functionNode(reader, 'fc3', field('FunctionName'), undefined, RouteNodeKind.CONSUMER)
        : this.functionNode(reader, 'fc2', field('FunctionName'), field('ServiceName'), RouteNodeKind.CONSUMER);
    }
    if (key === 'SinkHttpsParameters') {
      return this.endpointNode(reader, reader.pieces(field('URL')), 'http');
    }
    const product = key.replace(/^Sink/, '').replace(/Parameters$/, '');
    if (product === key || product === '') {
      return undefined;
    }
    // what names the sink: every field but the message and its options
    const skip = ['Body', 'Tags', 'Keys', 'Key', 'Properties', 'NetworkType', 'SecurityGroupId', 'VSwitchIds', 'VpcId', 'Concurrency', 'InvocationType', 'Qualifier'];
    const ids = Object.keys(target).sort().filter((k) => !skip.includes(k)).map((k) => field(k)).filter((v) => v !== undefined).map((v) => reader.display(v));
    const shown = ids.join('/');
    return this.externalNode(reader, RouteNodeKind.CONSUMER, product.toLowerCase(), shown === '' ? product : shown, shown === '' ? product : `${product} ${shown}`, {});
  }

  // ---------------------------------------------------------------------------------------------------- nodes

  private add(reader: TemplateReader, edge: Omit<RouteEdge, 'stack'> & { filter?: RouteFilter }, role: WiringRole, check: Check,
    extra: { product?: EventProduct; body?: BodyParameter; synchronous?: boolean; format?: string; subscription?: string; wrap?: boolean; base64Decode?: boolean;
      off?: Switch } = {}): void {
    const { off, ...rest } = extra;
    // a wiring switched off is drawn, marked: `enabled: 'false'` with its settings, and the word first in its label
    const marked = off === undefined ? edge : { ...edge, label: joinLabel([off.word, edge.label]), delivery: { enabled: 'false', ...edge.delivery } };
    const full: RouteEdge = definedOnly({ ...marked, stack: reader.stackName }) as RouteEdge;
    this.wirings.push(definedOnly({ edge: full, role, check, ...rest, disabled: off?.reason }) as Wiring);
  }

  private channelResourceNode(reader: TemplateReader, logicalId: string): string {
    const resource = reader.resources[logicalId];
    const p = resource.properties;
    const details: { [key: string]: string | undefined } = { name: display(reader, p[NAME_PROPERTY[resource.type]]) };
    if (resource.type === QUEUE) {
      details.visibilityTimeout = seconds(reader, p.VisibilityTimeout);
      details.messageRetentionPeriod = seconds(reader, p.MessageRetentionPeriod);
      details.delay = seconds(reader, p.DelaySeconds);
      if (isObject(p.DlqPolicy) && p.DlqPolicy.Enabled !== false && p.DlqPolicy.DeadLetterTargetQueue !== undefined) {
        details.deadLetterQueue = reader.display(p.DlqPolicy.DeadLetterTargetQueue);
        details.maxReceiveCount = display(reader, p.DlqPolicy.MaxReceiveCount);
      }
    }
    return this.resourceNode(reader, logicalId, RouteNodeKind.CHANNEL, definedOnly(details));
  }

  /** The node of a resource of the template. */
  private resourceNode(reader: TemplateReader, logicalId: string, kind: RouteNodeKind, details: { [key: string]: string }): string {
    const resource = reader.resources[logicalId];
    const property = NAME_PROPERTY[resource.type];
    const name = property === undefined ? undefined : reader.literal(resource.properties[property]);
    return this.node({
      id: `${reader.stackName}/${logicalId}`, kind, type: resource.type, label: name ?? logicalId, stack: reader.stackName, logicalId,
      details: { ...(name === undefined ? {} : { name }), ...details },
    });
  }

  /** The node of something the template only names. */
  private externalNode(reader: TemplateReader, kind: RouteNodeKind, type: string, key: string, label: string, details: { [key: string]: string }): string {
    return this.node({ id: `${reader.stackName}/${type}:${key}`, kind, type, label, stack: reader.stackName, details });
  }

  private node(draft: NodeDraft): string {
    const known = this.nodes.get(draft.id);
    if (known === undefined) {
      this.nodes.set(draft.id, draft);
    } else {
      // a function that is triggered and also sends its results on is a consumer; details add up
      if (known.kind === RouteNodeKind.SOURCE && draft.kind === RouteNodeKind.CONSUMER) {
        known.kind = RouteNodeKind.CONSUMER;
      }
      Object.assign(known.details, draft.details);
    }
    return draft.id;
  }

  /**
   * The node of a queue or topic: the resource the name refers to, the resource of any stack that has that literal
   * name (this stack's first), or a node for a channel the templates do not make.
   */
  private channelNode(reader: TemplateReader, kind: 'queue' | 'topic', name: NameRef): string {
    const type = CHANNEL_TYPES[kind];
    if (name.logicalId !== undefined && reader.resource(name.logicalId)?.type === type) {
      return `${reader.stackName}/${name.logicalId}`;
    }
    if (name.literal !== undefined) {
      const found = this.lookup(reader, `${type}:${name.literal}`);
      if (found !== undefined) {
        return found;
      }
      return this.externalNode(reader, RouteNodeKind.CHANNEL, kind, name.literal, name.literal,
        { name: name.literal, external: `a ${kind} the templates read do not make` });
    }
    return this.externalNode(reader, RouteNodeKind.CHANNEL, kind, name.display, name.display,
      { unknown: `the ${kind} name is decided at deploy time: ${name.display}` });
  }

  /** A channel named by an SMQ ARN (any of the forms), or `undefined` when the value is not one. */
  private channelFromArn(reader: TemplateReader, value: unknown, expected?: 'queue' | 'topic'): string | undefined {
    const parts = matchFlat(reader.flat(value), MNS_ARN);
    if (parts === undefined) {
      if (value === undefined || expected === undefined) {
        return undefined;
      }
      // a whole ARN left to deploy time (a parameter, say): a channel of unknown name
      return this.channelNode(reader, expected, { display: reader.display(value) });
    }
    const kind = literalOf(parts[2]) === 'topics' ? 'topic' : 'queue';
    return this.channelNode(reader, kind, nameFromPieces(reader, parts[3], [CHANNEL_TYPES[kind]]));
  }

  private channelFromEssArn(reader: TemplateReader, value: unknown): string | undefined {
    const parts = matchFlat(reader.flat(value), ESS_ARN);
    if (parts === undefined) {
      return undefined;
    }
    const kind = literalOf(parts[2]) === 'topic' ? 'topic' : 'queue';
    return this.channelNode(reader, kind, nameFromPieces(reader, parts[3], [CHANNEL_TYPES[kind]]));
  }

  private bucketNode(reader: TemplateReader, bucket: NameRef): string {
    const type = 'ALIYUN::OSS::Bucket';
    if (bucket.logicalId !== undefined) {
      return this.resourceNode(reader, bucket.logicalId, RouteNodeKind.SOURCE, {});
    }
    const found = bucket.literal === undefined ? undefined : this.lookup(reader, `${type}:${bucket.literal}`);
    if (found !== undefined) {
      const [stack, logicalId] = splitId(found);
      return this.resourceNode(this.readers.find((r) => r.stackName === stack)!, logicalId, RouteNodeKind.SOURCE, {});
    }
    return this.externalNode(reader, RouteNodeKind.SOURCE, 'oss-bucket', bucket.display, bucket.display,
      bucket.literal === undefined ? { unknown: `the bucket name is decided at deploy time: ${bucket.display}` } : { name: bucket.literal });
  }

  /** The node of an FC 3.0 function (by name) or FC 2.0 function (by service and name). */
  private functionNode(reader: TemplateReader, generation: 'fc3' | 'fc2', functionName: unknown, serviceName: unknown, kind: RouteNodeKind): string {
    const type = generation === 'fc3' ? 'ALIYUN::FC3::Function' : 'ALIYUN::FC::Function';
    const name = nameOf(reader, functionName, [type]);
    if (name.logicalId !== undefined) {
      return this.resourceNode(reader, name.logicalId, kind, {});
    }
    const service = generation === 'fc2' ? nameOf(reader, serviceName, ['ALIYUN::FC::Service']) : undefined;
    const key = service === undefined ? name.literal : `${serviceKey(reader, service)}/${name.literal}`;
    const found = name.literal === undefined || key === undefined ? undefined : this.lookup(reader, `${type}:${key}`);
    if (found !== undefined) {
      const [stack, logicalId] = splitId(found);
      return this.resourceNode(this.readers.find((r) => r.stackName === stack)!, logicalId, kind, {});
    }
    const shown = service === undefined ? name.display : `${service.display}/${name.display}`;
    return this.externalNode(reader, kind, `${generation}-function`, shown, shown, {
      ...(name.literal === undefined ? { unknown: `the function name is decided at deploy time: ${shown}` } : { name: name.literal }),
      ...(service?.literal === undefined ? {} : { serviceName: service.literal }),
    });
  }

  /** A resource of any template with this `<type>:<literal name>`, this stack's first; `undefined` when none or several. */
  private lookup(reader: TemplateReader, key: string): string | undefined {
    const ids = this.named.get(key) ?? [];
    const own = ids.filter((id) => id.startsWith(`${reader.stackName}/`));
    if (own.length === 1) {
      return own[0];
    }
    return own.length === 0 && ids.length === 1 ? ids[0] : undefined;
  }

  private labelOf(nodeId: string): string {
    return this.nodes.get(nodeId)?.label ?? nodeId;
  }
}

// -------------------------------------------------------------------------------------------------------- helpers

/** A name given as a template value: `Ref`/`Fn::GetAtt` of a resource of `types`, a literal, or neither. */
function nameOf(reader: TemplateReader, value: unknown, types: string[] | undefined, attributes?: string[]): NameRef {
  return nameFromPieces(reader, reader.pieces(value), types, attributes);
}

function nameFromPieces(reader: TemplateReader, pieces: Piece[], types: string[] | undefined, attributes?: string[]): NameRef {
  const shown = displayOf(pieces);
  if (pieces.length === 1 && typeof pieces[0] !== 'string') {
    const symbol: TemplateSymbol = pieces[0];
    const resource = reader.resource(symbol.logicalId);
    const wanted = attributes ?? (resource === undefined ? [] : NAME_ATTRIBUTE[resource.type] ?? []);
    if (resource !== undefined && (types === undefined || types.includes(resource.type))
      && (symbol.kind === SymbolKind.REF || (symbol.kind === SymbolKind.ATTRIBUTE && wanted.includes(symbol.attribute!)))) {
      return definedOnly({ logicalId: symbol.logicalId, literal: symbol.value, display: shown });
    }
  }
  const literal = literalOf(pieces);
  return literal === undefined ? { display: shown } : { literal, display: literal };
}

function serviceKey(reader: TemplateReader, service: NameRef): string {
  if (service.literal !== undefined) {
    return service.literal;
  }
  return service.logicalId !== undefined ? `${reader.stackName}/${service.logicalId}` : service.display;
}

/**
 * Whether an event stream made by the API-call custom resource runs: CreateEventStreaming leaves a new stream READY
 * until StartEventStreaming (https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-starteventstreaming),
 * so a stream runs when its OnCreate goes on to StartEventStreaming and its OnUpdate does not pause it.
 */
function streamSwitch(reader: TemplateReader, onCreate: { [key: string]: any }, onUpdate: { [key: string]: any }): Switch | undefined {
  const calls = (request: { [key: string]: any }): string[] => [request.Action, ...listOf(request.Then).filter(isObject).map((step) => step.Action)]
    .map((action) => reader.literal(action)).filter((action): action is string => action !== undefined);
  const paused = calls(onUpdate).includes('PauseEventStreaming');
  const started = calls(onCreate).includes('StartEventStreaming');
  if (paused) {
    return { word: 'paused', reason: `the stream is paused: ${started ? '' : 'made without StartEventStreaming (it stays READY) and '}`
      + 'paused by its update (PauseEventStreaming), it reads no message' };
  }
  if (!started) {
    return { word: 'not started', reason: 'the stream is not started: CreateEventStreaming without StartEventStreaming leaves it READY, and it reads no message' };
  }
  return undefined;
}

/** Whether a template value is the literal `false` (a boolean or its text). */
function isFalse(reader: TemplateReader, value: unknown): boolean {
  return value === false || reader.literal(value) === 'false';
}

/** A template value shown as text, or `undefined` when absent. */
function display(reader: TemplateReader, value: unknown): string | undefined {
  return value === undefined ? undefined : reader.display(value);
}

/** What a target's `Body` parameter makes of the event, in words. */
function bodyText(body: BodyParameter): string {
  return body.form === 'ORIGINAL' ? 'the whole event' : `${body.form} ${body.value ?? ''}`.trim();
}

function seconds(reader: TemplateReader, value: unknown): string | undefined {
  return value === undefined ? undefined : `${reader.display(value)} s`;
}

/** A JSON value with every template function shown as its `${...}` text. */
export function displayValue(reader: TemplateReader, value: unknown): any {
  if (Array.isArray(value)) {
    return value.map((v) => displayValue(reader, v));
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      return reader.display(value);
    }
    const out: { [key: string]: any } = {};
    for (const key of keys) {
      out[key] = displayValue(reader, value[key]);
    }
    return out;
  }
  return value;
}

/** A filter pattern given as JSON text (an FC trigger's or an event stream's), parsed; `{}` or absent is empty. */
function parsePatternText(reader: TemplateReader, value: unknown): { value: unknown; shown: any; empty: boolean } {
  if (value === undefined) {
    return { value: {}, shown: {}, empty: true };
  }
  if (isObject(value) && !Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'))) {
    return { value, shown: displayValue(reader, value), empty: Object.keys(value).length === 0 };
  }
  const text = reader.literal(value);
  if (text === undefined) {
    const shown = reader.display(value);
    return { value: { 'Fn::Unknown': shown }, shown, empty: false };
  }
  try {
    const parsed = JSON.parse(text);
    return { value: parsed, shown: parsed, empty: isObject(parsed) && Object.keys(parsed).length === 0 };
  } catch {
    return { value: text, shown: text, empty: false };
  }
}

/** An object given either as an object or as its JSON text (the API-call custom resource sends objects as JSON). */
function jsonObject(reader: TemplateReader, value: unknown): { [key: string]: any } | undefined {
  if (isObject(value) && !Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'))) {
    return value;
  }
  if (value === undefined) {
    return undefined;
  }
  const flat = reader.flat(value);
  try {
    const parsed = JSON.parse(flat.text);
    if (!isObject(parsed)) {
      return undefined;
    }
    // placeholders inside strings become template values again, so names read as Ref/GetAtt
    return restore(parsed, flat.symbols) as { [key: string]: any };
  } catch {
    return undefined;
  }
}

function restore(value: unknown, symbols: TemplateSymbol[]): unknown {
  if (typeof value === 'string') {
    const pieces = matchFlat({ text: value, symbols }, /^([\s\S]*)$/)![0];
    return pieces.length === 1 && typeof pieces[0] !== 'string' ? symbolValue(pieces[0]) : pieces.length === 0 ? '' : joinValue(pieces);
  }
  if (Array.isArray(value)) {
    return value.map((v) => restore(v, symbols));
  }
  if (isObject(value)) {
    const out: { [key: string]: unknown } = {};
    for (const key of Object.keys(value)) {
      out[key] = restore(value[key], symbols);
    }
    return out;
  }
  return value;
}

function symbolValue(symbol: TemplateSymbol): unknown {
  switch (symbol.kind) {
    case SymbolKind.REGION:
      return { Ref: 'ALIYUN::Region' };
    case SymbolKind.ACCOUNT:
      return { Ref: 'ALIYUN::TenantId' };
    case SymbolKind.REF:
      return { Ref: symbol.logicalId };
    case SymbolKind.PARAMETER:
      return { Ref: symbol.parameter };
    case SymbolKind.ATTRIBUTE:
      return { 'Fn::GetAtt': [symbol.logicalId, symbol.attribute] };
    default:
      return symbol.display;
  }
}

function joinValue(pieces: Piece[]): unknown {
  return pieces.every((p) => typeof p === 'string') ? pieces.join('') : { 'Fn::Join': ['', pieces.map((p) => (typeof p === 'string' ? p : symbolValue(p)))] };
}

function metricRuleDetails(reader: TemplateReader, logicalId: string): { [key: string]: string } {
  const p = reader.resources[logicalId].properties;
  return definedOnly({
    namespace: display(reader, p.Namespace), metricName: display(reader, p.MetricName),
    alarmLevels: isObject(p.Escalations) ? Object.keys(p.Escalations).map((k) => k.toUpperCase()).join(', ') : undefined,
  });
}

function parseLevels(text: string | undefined): string[] {
  if (text === undefined) {
    return ['CRITICAL', 'WARN', 'INFO'];
  }
  try {
    const parsed = JSON.parse(text);
    if (Array.isArray(parsed)) {
      return parsed.map(String);
    }
  } catch {
    // a single level, or a comma-separated list
  }
  return text.split(',').map((s) => s.replace(/[[\]"\s]/g, '')).filter((s) => s !== '');
}

function listOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

function splitId(id: string): [string, string] {
  const slash = id.indexOf('/');
  return [id.slice(0, slash), id.slice(slash + 1)];
}

function eventsLabel(events: string[]): string {
  if (events.length <= 2) {
    return events.join(', ');
  }
  const categories = [...new Set(events.map((e) => e.split(':').slice(0, 2).join(':')))];
  return categories.length === 1 ? `${categories[0]}:* (${events.length} types)` : `${events.length} event types`;
}

function filterLabel(filter: { prefix?: string; suffix?: string; unknown?: string }): string {
  if (filter.unknown !== undefined) {
    return `objects ${filter.unknown}`;
  }
  return [filter.prefix !== undefined ? `prefix ${filter.prefix}` : undefined, filter.suffix !== undefined ? `suffix ${filter.suffix}` : undefined]
    .filter((x) => x !== undefined).join(' ');
}

function cmsPatternLabel(pattern: { [key: string]: any }): string {
  const list = (v: unknown): string | undefined => (Array.isArray(v) && v.length > 0 ? v.join(', ') : undefined);
  return joinLabel([pattern.Product, list(pattern.NameList), list(pattern.EventTypeList), list(pattern.LevelList), list(pattern.StatusList)], ' ');
}

function patternLabel(shown: unknown): string {
  return `pattern ${compactJson(shown)}`;
}

function compactJson(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function joinLabel(parts: Array<string | undefined | false>, separator = ' · '): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(separator);
}

function definedOnly<T extends { [key: string]: any }>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: { [key: string]: any } = {};
  for (const key of Object.keys(value)) {
    if (value[key] !== undefined) {
      out[key] = value[key];
    }
  }
  return out as any;
}

function sortedDetails(details: { [key: string]: string }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const key of Object.keys(details).sort()) {
    out[key] = details[key];
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
