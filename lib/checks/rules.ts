/**
 * The rules of the SMQ rule pack. Each reads a {@link TemplateModel} (the rendered resources of one stack) and returns
 * what it found; `SmqChecks` turns that into annotations and the report. A value known only at deploy time is never
 * reported on: each rule says nothing about what it cannot tell.
 *
 * Service facts, with their sources:
 * - Retry policies: BACKOFF_RETRY retries 3 times, 10 to 20 seconds apart, and is the default of subscriptions, FC topic
 *   triggers, EventBridge rule targets and event streams; EXPONENTIAL_DECAY_RETRY retries 176 times over one day
 *   (https://www.alibabacloud.com/help/en/mns/notifystrategy ,
 *   https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-struct-mnstopictriggerconfig ,
 *   https://www.alibabacloud.com/help/en/eventbridge/user-guide/retry-and-dead-letter).
 * - After the last retry an event stream that tolerates errors (ALL) sends the event to its dead-letter queue, or
 *   discards it when there is none; one that does not (NONE) blocks (the EventBridge page above).
 * - A queue cannot be its own dead-letter queue, and a message keeps its age when it is moved to the dead-letter
 *   queue: its retention counts the time in both queues (https://www.alibabacloud.com/help/en/mns/developer-reference/dead-letter-queue).
 * - A received message that is not deleted within the visibility timeout becomes visible again and can be received
 *   again (https://www.alibabacloud.com/help/en/mns/developer-reference/visible-messages); queue defaults: visibility
 *   timeout 30 seconds, retention 345600 seconds, delay 0 (https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-queue).
 * - A topic delivers a copy of each message to each of its subscriptions, and keeps no message for later
 *   (https://www.alibabacloud.com/help/en/mns/developer-reference/topic-topic).
 * - A function's Timeout defaults to 3 seconds (https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-fc-function;
 *   taken to hold for FC 3.0 too).
 * - One stack holds at most 300 resources, counting those a resource's Count makes
 *   (https://www.alibabacloud.com/help/en/ros/use-cases/use-count-to-deploy-massive-resources).
 * - Each message in a queue can be consumed by only one client (https://www.alibabacloud.com/help/en/mns/product-overview/what-is-mns):
 *   readers of one queue compete for its messages.
 * - An asynchronous invocation that still fails after its retries is discarded, unless a failure destination keeps it
 *   (https://www.alibabacloud.com/help/en/fc/user-guide/result-callback): that queue is the function's dead-letter queue.
 * - ROS ignores a ManagedPolicy's PolicyDocument when PolicyDocumentUnchecked is given
 *   (https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ram-managedpolicy).
 */
import { DEFAULT_RETENTION_SECONDS } from '../ros/mns-rules';
import {
  ChannelKindName, ChannelRef, ChannelUse, compare, hasUnknown, isPlain, listOf, literal, literalBoolean, literalNumber, member, NamedChannelRef,
  OwnedChannel, partsOf, TemplateModel, TemplateResource, textOf,
} from './template-model';

/** How serious a finding is. */
export enum CheckLevel {
  /** The wiring loses or exposes messages, or cannot deploy: an error annotation. */
  ERROR = 'error',
  /** The wiring works, but a reviewer would ask for a change: a warning annotation. */
  WARNING = 'warning',
}

/** A rule of the pack, as the rule table lists it. */
export interface CheckRule {
  /** The rule id, `SMQ-001` and so on. */
  readonly id: string;
  /** The level of its findings (SMQ-008 raises a finding to ERROR above 300 resources). */
  readonly level: CheckLevel;
  /** What the rule flags, in a few words. */
  readonly title: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
  /** What the rule reads and what it leaves out. @default - nothing to add */
  readonly note?: string;
  /** The public pages the rule rests on. */
  readonly references: string[];
}

/** What a rule found in one template. */
export interface RuleHit {
  /** The offending resource; `undefined` for a finding about the whole stack. */
  readonly logicalId?: string;
  /** The level, when it differs from the rule's. */
  readonly level?: CheckLevel;
  /** What is wrong, naming the thing: `Queue 'jobs' has no dead-letter queue`. */
  readonly what: string;
  /** Why it matters here, when the rule's own words are not enough. */
  readonly why?: string;
}

/** A rule and its check. */
export interface RuleDefinition extends CheckRule {
  /** The rule's findings in a template. */
  check(model: TemplateModel): RuleHit[];
}

const BACKOFF = 'BACKOFF_RETRY';
const DEFAULT_VISIBILITY_SECONDS = 30;
const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 3;
/** ROS's limit of resources in one stack, and the count from which SMQ-008 warns. */
export const MAX_RESOURCES = 300;
export const WARN_RESOURCES = 270;
const TRIGGER_TYPES = ['ALIYUN::FC3::Trigger', 'ALIYUN::FC::Trigger'];

const DOCS = {
  dlq: 'https://www.alibabacloud.com/help/en/mns/developer-reference/dead-letter-queue',
  notify: 'https://www.alibabacloud.com/help/en/mns/notifystrategy',
  eventbridge: 'https://www.alibabacloud.com/help/en/eventbridge/user-guide/retry-and-dead-letter',
  visibility: 'https://www.alibabacloud.com/help/en/mns/developer-reference/visible-messages',
  queue: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-queue',
  topic: 'https://www.alibabacloud.com/help/en/mns/developer-reference/topic-topic',
  fcFunction: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-fc-function',
  fcTopicTrigger: 'https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-struct-mnstopictriggerconfig',
  limits: 'https://www.alibabacloud.com/help/en/ros/use-cases/use-count-to-deploy-massive-resources',
  subscription: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-subscription',
  ram: 'https://www.alibabacloud.com/help/en/mns/security-and-compliance/message-service-custom-permission-policy-reference',
  queueModel: 'https://www.alibabacloud.com/help/en/mns/product-overview/what-is-mns',
  fcDestinations: 'https://www.alibabacloud.com/help/en/fc/user-guide/result-callback',
};

/** Whether a dead-letter queue is set: `present`, `none`, or `unknown` (a token). */
type DlqState = 'present' | 'none' | 'unknown';

interface Dlq {
  readonly state: DlqState;
  /** The dead-letter queue's logical id, when it is a queue of the template. */
  readonly logicalId?: string;
  /** The reference to the dead-letter queue, as the template gives it. */
  readonly ref?: ChannelRef;
}

/** A consumer that pushes or delivers messages, with its retry policy and dead-letter queue. */
interface Delivery {
  readonly resource: TemplateResource;
  /** How the consumer is named in a finding. */
  readonly label: string;
  /** The retry policy; `undefined` when it is a token. */
  readonly strategy?: string;
  /** Whether failed messages have a dead-letter queue; `undefined` where the product has none. */
  readonly dlq?: Dlq;
  /** ErrorsTolerance, upper case, when literal. */
  readonly tolerance?: string;
  /** The queue it delivers to or reads from, when it is a queue of the template. */
  readonly queue?: string;
}

/** A consumer that reads a queue: an FC queue trigger or an event stream. */
interface Reader extends Delivery {
  /** The queue it reads, as the template names it. */
  readonly source: ChannelRef;
  /** The literal region it reads the queue in (`RegionId`), when given. */
  readonly regionId?: string;
  /** Whether a filter pattern drops some of what it reads (a token pattern counts). */
  readonly filtered: boolean;
}

function strategyOf(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return BACKOFF;
  }
  const text = literal(value);
  return text === undefined ? undefined : text.toUpperCase();
}

/** A DlqPolicy of a queue or subscription: `{ DeadLetterTargetQueue, Enabled }`. */
function dlqPolicy(model: TemplateModel, policy: unknown): Dlq {
  if (policy === undefined || policy === null) {
    return { state: 'none' };
  }
  if (!isPlain(policy)) {
    return { state: 'unknown' };
  }
  const enabled = member(policy, 'Enabled');
  if (literalBoolean(enabled) === false) {
    return { state: 'none' };
  }
  const target = member(policy, 'DeadLetterTargetQueue');
  if (target === undefined) {
    return { state: 'none' };
  }
  const ref = model.channel(target, 'queue', true);
  return { state: literalBoolean(enabled) === undefined && enabled !== undefined ? 'unknown' : 'present', logicalId: ref.logicalId, ref };
}

/** A dead-letter queue given as `{ Arn }` (EventBridge targets, event streams). */
function dlqArn(model: TemplateModel, value: unknown): Dlq {
  if (value === undefined || value === null) {
    return { state: 'none' };
  }
  const arn = member(value, 'Arn');
  if (!isPlain(value) || arn === undefined) {
    return { state: isPlain(value) ? 'none' : 'unknown' };
  }
  const ref = model.channel(arn, 'queue');
  return { state: 'present', logicalId: ref.logicalId, ref };
}

/** The push type of a subscription: its PushType, or the one its endpoint implies. */
function pushTypeOf(sub: TemplateResource): string | undefined {
  const given = literal(sub.properties.PushType);
  if (given !== undefined) {
    return given.toLowerCase();
  }
  const text = textOf(partsOf(sub.properties.Endpoint)).toLowerCase();
  if (/^https?:\/\//.test(text)) {
    return 'http';
  }
  if (text.startsWith('acs:mns:')) {
    return 'queue';
  }
  if (text.startsWith('mail:')) {
    return 'email';
  }
  if (text.startsWith('sms:')) {
    return 'alisms';
  }
  return undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function name(r: TemplateResource, key: string): string {
  const text = literal(r.properties[key]);
  return text === undefined ? `'${r.logicalId}'` : `'${text}'`;
}

function subscriptions(model: TemplateModel): Delivery[] {
  return model.ofType('ALIYUN::MNS::Subscription').map((r) => ({
    resource: r,
    label: `subscription ${name(r, 'SubscriptionName')}`,
    strategy: strategyOf(r.properties.NotifyStrategy),
    dlq: dlqPolicy(model, r.properties.DlqPolicy),
    queue: pushTypeOf(r) === 'queue' ? model.channel(r.properties.Endpoint, 'queue').logicalId : undefined,
  }));
}

interface Trigger {
  readonly resource: TemplateResource;
  readonly config: unknown;
}

function triggers(model: TemplateModel, type: string): Trigger[] {
  return model.ofType(...TRIGGER_TYPES)
    .filter((r) => literal(r.properties.TriggerType)?.toLowerCase() === type)
    .map((r) => ({ resource: r, config: r.properties.TriggerConfig }));
}

/**
 * The retry policy, dead-letter queue and error tolerance in the run options of an event stream (an FC queue trigger's
 * `runOptions`, or CreateEventStreaming's `RunOptions`; keys in either case). Run options that are a token tell nothing.
 */
function runOptionsOf(model: TemplateModel, runOptions: unknown): Pick<Delivery, 'strategy' | 'dlq' | 'tolerance'> {
  if (runOptions !== undefined && !isPlain(runOptions)) {
    return { dlq: { state: 'unknown' } };
  }
  const retry = member(runOptions, 'retryStrategy');
  // PushRetryStrategy is required in a retry strategy: one without it (or a token) is not told apart
  const push = member(retry, 'PushRetryStrategy');
  return {
    strategy: retry === undefined ? BACKOFF : push === undefined ? undefined : strategyOf(push),
    dlq: dlqArn(model, member(runOptions, 'deadLetterQueue')),
    tolerance: literal(member(runOptions, 'errorsTolerance'))?.toUpperCase(),
  };
}

/** True when a filter pattern (an object, or JSON text of one) passes only some events; a token pattern counts. */
function filters(pattern: unknown): boolean {
  if (pattern === undefined || pattern === null || pattern === '') {
    return false;
  }
  const value = member(pattern);
  return !isPlain(value) || Object.keys(value).length > 0;
}

/** FC queue triggers: `eventbridge` triggers with event source MNS. */
function queueTriggers(model: TemplateModel): Array<Reader & { readonly config: unknown; readonly enabled: boolean }> {
  return triggers(model, 'eventbridge')
    .filter((t) => literal(member(t.config, 'eventSourceConfig', 'eventSourceType'))?.toUpperCase() === 'MNS')
    .map((t) => {
      const parameters = member(t.config, 'eventSourceConfig', 'eventSourceParameters', 'sourceMNSParameters');
      const source = model.channel(member(parameters, 'QueueName'), 'queue', true);
      const pattern = member(t.config, 'eventRuleFilterPattern') ?? member(t.config, 'eventSourceConfig', 'eventSourceParameters', 'eventRuleFilterPattern');
      return {
        resource: t.resource,
        config: t.config,
        label: `queue trigger ${name(t.resource, 'TriggerName')}`,
        ...runOptionsOf(model, member(t.config, 'runOptions')),
        queue: source.logicalId,
        source,
        regionId: literal(member(parameters, 'RegionId')),
        filtered: filters(pattern),
        enabled: literalBoolean(member(t.config, 'triggerEnable')) !== false,
      };
    });
}

/** FC topic triggers (`mns_topic`): SMQ pushes to the function; there is no dead-letter queue. */
function topicTriggers(model: TemplateModel): Delivery[] {
  return triggers(model, 'mns_topic').map((t) => ({
    resource: t.resource,
    label: `topic trigger ${name(t.resource, 'TriggerName')}`,
    // a config that is a token may hold any strategy
    strategy: t.config === undefined || isPlain(member(t.config)) ? strategyOf(member(t.config, 'notifyStrategy')) : undefined,
  }));
}

/** EventBridge rule targets that deliver to SMQ (`acs.mns.queue`, `acs.mns.topic`). */
function ruleTargets(model: TemplateModel): Delivery[] {
  return model.ofType('ALIYUN::EventBridge::Rule').flatMap((r) => listOf(r.properties.Targets).flatMap((target, i) => {
    const type = literal(member(target, 'Type'))?.toLowerCase();
    if (type !== 'acs.mns.queue' && type !== 'acs.mns.topic') {
      return [];
    }
    const id = literal(member(target, 'Id'));
    return [{
      resource: r,
      label: `EventBridge rule ${name(r, 'RuleName')} target ${id === undefined ? `#${i}` : `'${id}'`}`,
      strategy: strategyOf(member(target, 'PushRetryStrategy')),
      dlq: dlqArn(model, member(target, 'DeadLetterQueue')),
      tolerance: literal(member(target, 'ErrorsTolerance'))?.toUpperCase(),
      queue: type === 'acs.mns.queue' ? model.channel(member(target, 'Endpoint'), 'queue').logicalId : undefined,
    }];
  }));
}

/**
 * EventBridge event streams made by a custom resource that calls CreateEventStreaming (`customResources.ApiCall`, as
 * the library's event streams do), read from the request: `Source.SourceMNSParameters.QueueName`,
 * `Sink.SinkMNSParameters.QueueName.Value`, and `RunOptions` (https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-createeventstreaming).
 */
function eventStreams(model: TemplateModel): EventStream[] {
  return model.ofType('ALIYUN::ROS::CustomResource').flatMap((r): EventStream[] => {
    const call = member(r.properties, 'Parameters', 'OnCreate');
    if (literal(member(call, 'Action')) !== 'CreateEventStreaming') {
      return [];
    }
    const request = member(call, 'Parameters');
    const sourceParameters = member(request, 'Source', 'SourceMNSParameters');
    const sourceName = member(sourceParameters, 'QueueName');
    const sink = member(request, 'Sink', 'SinkMNSParameters', 'QueueName', 'Value');
    const fcSink = member(request, 'Sink', 'SinkFcParameters');
    if (sourceName === undefined && sink === undefined) {
      return [];
    }
    const streamName = literal(member(request, 'EventStreamingName'));
    const source = sourceName === undefined ? {} : model.channel(sourceName, 'queue', true);
    const serviceName = member(fcSink, 'ServiceName', 'Value');
    return [{
      resource: r,
      label: `event stream ${streamName === undefined ? `'${r.logicalId}'` : `'${streamName}'`}`,
      ...runOptionsOf(model, member(request, 'RunOptions')),
      queue: source.logicalId,
      source,
      readsQueue: sourceName !== undefined,
      running: streamRuns(call, member(r.properties, 'Parameters', 'OnUpdate')),
      regionId: literal(member(sourceParameters, 'RegionId')),
      filtered: filters(member(request, 'FilterPattern')),
      sinkFunction: isPlain(fcSink) ? model.functionNamed(member(fcSink, 'FunctionName', 'Value'), serviceName, serviceName !== undefined) : undefined,
      invocationType: literal(member(fcSink, 'InvocationType', 'Value'))?.toLowerCase(),
      batchWindow: member(request, 'RunOptions', 'BatchWindow', 'TimeBasedWindow'),
    }];
  });
}

/** An event stream, with what SMQ-003 reads of a function sink. */
interface EventStream extends Reader {
  /** Whether it reads a queue (`Source.SourceMNSParameters`). */
  readonly readsQueue: boolean;
  /** Whether it runs: started on create (StartEventStreaming), not paused on update (PauseEventStreaming). */
  readonly running: boolean;
  /** The function of the template it invokes (`SinkFcParameters`). */
  readonly sinkFunction?: TemplateResource;
  /** `sync` or `async` when literal. */
  readonly invocationType?: string;
  /** `RunOptions.BatchWindow.TimeBasedWindow`, as given. */
  readonly batchWindow?: unknown;
}

/**
 * Whether a stream made by the API-call custom resource runs. CreateEventStreaming leaves a new stream READY until
 * StartEventStreaming (https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-starteventstreaming):
 * it runs when its OnCreate goes on to StartEventStreaming (`Then`) and its OnUpdate does not pause it, as the
 * library's `QueueEventStream` renders `enabled`.
 */
function streamRuns(onCreate: unknown, onUpdate: unknown): boolean {
  const calls = (request: unknown): Array<string | undefined> => {
    const then = member(request, 'Then');
    return [literal(member(request, 'Action')), ...(Array.isArray(then) ? then.map((step) => literal(member(step, 'Action'))) : [])];
  };
  return calls(onCreate).includes('StartEventStreaming') && !calls(onUpdate).includes('PauseEventStreaming');
}

/** The readers of queues: enabled FC queue triggers and running event streams from a queue. */
function readers(model: TemplateModel): Reader[] {
  return [...queueTriggers(model).filter((t) => t.enabled), ...eventStreams(model).filter((s) => s.readsQueue && s.running)];
}

/**
 * Function Compute's asynchronous-invocation failure destinations that are queues: FC 3.0
 * `ALIYUN::FC3::AsyncInvokeConfig.DestinationConfig.OnFailure.Destination` and FC 2.0
 * `ALIYUN::FC::Function.AsyncConfiguration.Destination.OnFailure`, `acs:mns:{region}:{account}:/queues/{name}/messages`.
 */
function failureDestinations(model: TemplateModel): Array<{ readonly resource: TemplateResource; readonly ref: ChannelRef }> {
  return [
    ...model.ofType('ALIYUN::FC3::AsyncInvokeConfig').map((r) => ({ resource: r, value: member(r.properties, 'DestinationConfig', 'OnFailure', 'Destination') })),
    ...model.ofType('ALIYUN::FC::Function').map((r) => ({ resource: r, value: member(r.properties, 'AsyncConfiguration', 'Destination', 'OnFailure') })),
  ].filter((d) => d.value !== undefined && d.value !== null).map((d) => ({ resource: d.resource, ref: model.channel(d.value, 'queue') }));
}

/** The logical ids of the queues something uses as its dead-letter queue. */
function deadLetterQueues(model: TemplateModel): Set<string> {
  const ids = new Set<string>();
  const add = (dlq: Dlq | undefined): void => {
    if (dlq?.logicalId !== undefined) {
      ids.add(dlq.logicalId);
    }
  };
  for (const q of model.queues) {
    const policy = q.properties.DlqPolicy;
    if (isPlain(policy)) {
      const target = model.channel(member(policy, 'DeadLetterTargetQueue'), 'queue', true).logicalId;
      if (target !== undefined) {
        ids.add(target);
      }
    }
  }
  [...subscriptions(model), ...queueTriggers(model), ...ruleTargets(model), ...eventStreams(model)].forEach((d) => add(d.dlq));
  // a function's asynchronous failures go to its OnFailure destination: that queue is the function's dead-letter queue
  failureDestinations(model).forEach((d) => add({ state: 'present', logicalId: d.ref.logicalId }));
  return ids;
}

/**
 * The references of a template to queues and topics it does not own, by literal name: what it subscribes to, what it
 * uses as a dead-letter queue, what it reads. Region and account are the ones an ARN names, or else the template's
 * stack's (`model.env`). The run joins them with the channels of the other templates (SMQ-001, SMQ-007, SMQ-013).
 */
export function namedReferences(model: TemplateModel): NamedChannelRef[] {
  const out: NamedChannelRef[] = [];
  const add = (ref: ChannelRef | undefined, kind: ChannelKindName, use: ChannelUse, label: string, more: { region?: string; hasDeadLetterQueue?: boolean } = {}): void => {
    if (ref?.name === undefined) {
      return;
    }
    const region = ref.region ?? more.region ?? model.env.region;
    const account = ref.account ?? model.env.account;
    out.push({
      kind, name: ref.name, use, label,
      ...(region === undefined ? {} : { region }),
      ...(account === undefined ? {} : { account }),
      ...(more.hasDeadLetterQueue === undefined ? {} : { hasDeadLetterQueue: more.hasDeadLetterQueue }),
    });
  };
  for (const q of model.queues) {
    const policy = enabledPolicy(q);
    if (policy !== undefined) {
      add(model.channel(member(policy, 'DeadLetterTargetQueue'), 'queue', true), 'queue', 'deadLetter', `queue ${name(q, 'QueueName')}`);
    }
  }
  for (const s of subscriptions(model)) {
    add(model.channel(s.resource.properties.TopicName, 'topic', true), 'topic', 'subscribe', s.label);
    add(s.dlq?.ref, 'queue', 'deadLetter', s.label);
  }
  for (const t of triggers(model, 'mns_topic')) {
    add(model.channel(t.resource.properties.SourceArn, 'topic'), 'topic', 'subscribe', `topic trigger ${name(t.resource, 'TriggerName')}`);
  }
  for (const r of readers(model)) {
    add(r.source, 'queue', 'read', r.label, { region: r.regionId, hasDeadLetterQueue: r.dlq?.state === 'present' });
  }
  for (const d of [...queueTriggers(model), ...ruleTargets(model), ...eventStreams(model)]) {
    add(d.dlq?.ref, 'queue', 'deadLetter', d.label);
  }
  for (const d of failureDestinations(model)) {
    add(d.ref, 'queue', 'deadLetter', `asynchronous invocation failures of ${d.resource.type === 'ALIYUN::FC::Function' ? `function ${name(d.resource, 'FunctionName')}` : `'${d.resource.logicalId}'`}`);
  }
  return out.sort((a, b) => compare(`${a.kind} ${a.name} ${a.use} ${a.label}`, `${b.kind} ${b.name} ${b.use} ${b.label}`));
}

/** The queues and topics of a template with a literal name, where its stack deploys. */
export function ownedChannels(model: TemplateModel): OwnedChannel[] {
  return [...model.queues, ...model.topics].flatMap((r): OwnedChannel[] => {
    const channelName = model.channelName(r);
    return channelName === undefined ? [] : [{ kind: r.type === 'ALIYUN::MNS::Queue' ? 'queue' : 'topic', name: channelName, ...model.env }];
  });
}

/** `subscription 's' (stack B)`: an external reference as a finding names it. */
function externalLabel(ref: NamedChannelRef): string {
  return ref.stack === undefined ? ref.label : `${ref.label} (stack ${ref.stack})`;
}

function seconds(n: number): string {
  if (n >= 86400 && n % 86400 === 0) {
    return `${n / 86400} day${n === 86400 ? '' : 's'}`;
  }
  if (n >= 3600 && n % 3600 === 0) {
    return `${n / 3600} hour${n === 3600 ? '' : 's'}`;
  }
  return `${n} second${n === 1 ? '' : 's'}`;
}

/** A queue's number property, its default when absent, `undefined` when a token. */
function queueSeconds(q: TemplateResource, key: string, fallback: number): number | undefined {
  const value = q.properties[key];
  return value === undefined || value === null ? fallback : literalNumber(value);
}

/** The queue's DlqPolicy when it is an enabled (or maybe enabled) object. */
function enabledPolicy(q: TemplateResource): { readonly [key: string]: unknown } | undefined {
  const policy = q.properties.DlqPolicy;
  return isPlain(policy) && literalBoolean(member(policy, 'Enabled')) !== false ? policy : undefined;
}

/** A RAM resource that names no single channel: `*`, `acs:mns:*:*:*`, `acs:mns:...:/queues/*`. */
function wildcardResource(text: string): boolean {
  if (text === '*') {
    return true;
  }
  const arn = /^acs:mns:[^:]*:[^:]*:(.*)$/i.exec(text);
  return arn !== null && /^\/?(\*.*|(queues|topics)\/\*.*)?$/i.test(arn[1]);
}

/** A RAM resource that names one channel (a literal name, or one known only at deploy time). */
function namesChannel(text: string): boolean {
  return /^acs:mns:[^:]*:[^:]*:\/?(queues|topics)\/[^*/]+/i.test(text);
}

interface PolicyDocument {
  readonly resource: TemplateResource;
  readonly document: unknown;
  readonly label: string;
}

/**
 * True when a RAM resource pattern may match an SMQ resource (`acs:mns:...`): `*`, `acs:mns:...`, `acs:*`, and other
 * patterns whose wildcards (`*`, `?`) can stand for `acs:mns:`. A part known only at deploy time matches nothing.
 */
export function mayMatchSmq(pattern: string): boolean {
  const prefix = 'acs:mns:';
  const text = pattern.toLowerCase();
  // positions in the pattern reachable after reading a piece of the prefix; a '*' may also match nothing
  const closure = (positions: Set<number>): Set<number> => {
    const out = new Set(positions);
    for (const p of positions) {
      let q = p;
      while (q < text.length && text[q] === '*') {
        out.add(++q);
      }
    }
    return out;
  };
  let states = closure(new Set([0]));
  for (const ch of prefix) {
    const next = new Set<number>();
    for (const p of states) {
      if (p >= text.length) {
        continue;
      }
      if (text[p] === '*') {
        next.add(p);
      } else if (text[p] === '?' || text[p] === ch) {
        next.add(p + 1);
      }
    }
    states = closure(next);
  }
  return states.size > 0;
}

function policyDocuments(model: TemplateModel): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  for (const r of model.ofType('ALIYUN::RAM::ManagedPolicy')) {
    // ROS ignores PolicyDocument when PolicyDocumentUnchecked is given (https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ram-managedpolicy)
    const unchecked = r.properties.PolicyDocumentUnchecked;
    const document = unchecked === undefined || unchecked === null ? r.properties.PolicyDocument : unchecked;
    out.push({ resource: r, document, label: `RAM policy ${name(r, 'PolicyName')}` });
  }
  for (const r of model.ofType('ALIYUN::RAM::Role', 'ALIYUN::RAM::User', 'ALIYUN::RAM::Group')) {
    const kind = r.type.split('::')[2];
    listOf(r.properties.Policies).forEach((p, i) => {
      const policyName = literal(member(p, 'PolicyName'));
      out.push({ resource: r, document: member(p, 'PolicyDocument'), label: `Policy ${policyName === undefined ? `#${i}` : `'${policyName}'`} of RAM ${kind.toLowerCase()} ${name(r, `${kind}Name`)}` });
    });
  }
  return out;
}

const RULES: RuleDefinition[] = [
  {
    id: 'SMQ-001',
    level: CheckLevel.WARNING,
    title: 'Queue without a dead-letter queue',
    why: 'a message its consumer keeps failing on is received again after every visibility timeout until its retention period ends, and is then deleted without a trace',
    fix: 'give the queue a dead-letter queue: smq.Queue deadLetterQueue: { maxReceiveCount: 5 }, or DlqPolicy { DeadLetterTargetQueue, Enabled: true, MaxReceiveCount } in a template',
    note: 'Not flagged: a queue that is a dead-letter queue (of a queue, a subscription, an EventBridge target, an FC queue trigger or an event stream) or the failure destination of a function\'s asynchronous invocations (ALIYUN::FC3::AsyncInvokeConfig OnFailure, FC 2.0 AsyncConfiguration OnFailure), in its stack or, by literal name, in another stack of the same app; a queue read by an FC queue trigger or an event stream that has a dead-letter queue of its own; a DlqPolicy given as a token.',
    references: [DOCS.dlq, DOCS.fcDestinations],
    check(model) {
      const exempt = deadLetterQueues(model);
      // an FC queue trigger or event stream with a dead-letter queue sets failed messages aside itself
      [...queueTriggers(model), ...eventStreams(model)].filter((t) => t.dlq?.state === 'present' && t.queue !== undefined).forEach((t) => exempt.add(t.queue!));
      const usedElsewhere = (q: TemplateResource): boolean => model.usesFromOtherStacks(q, 'deadLetter').length > 0
        || model.usesFromOtherStacks(q, 'read').some((r) => r.hasDeadLetterQueue === true);
      return model.queues.filter((q) => !exempt.has(q.logicalId) && !usedElsewhere(q)).flatMap((q): RuleHit[] => {
        const policy = q.properties.DlqPolicy;
        if (policy === undefined || policy === null) {
          return [{ logicalId: q.logicalId, what: `Queue ${name(q, 'QueueName')} has no dead-letter queue` }];
        }
        if (isPlain(policy) && literalBoolean(member(policy, 'Enabled')) === false) {
          return [{ logicalId: q.logicalId, what: `Queue ${name(q, 'QueueName')} has its dead-letter policy disabled` }];
        }
        return [];
      });
    },
  },
  {
    id: 'SMQ-002',
    level: CheckLevel.WARNING,
    title: 'Dead-letter queue keeps messages for less time than its source queue',
    why: 'a message keeps its age when it is moved to the dead-letter queue, so one that spent longer in the source queue than the dead-letter queue\'s retention period is deleted as soon as it arrives there',
    fix: 'give the dead-letter queue a retention period at least as long as the source queue\'s, best the 7-day maximum (the dead-letter queue smq.Queue makes for you has it)',
    references: [DOCS.dlq, DOCS.queue],
    check(model) {
      return model.queues.flatMap((q): RuleHit[] => {
        const policy = enabledPolicy(q);
        const target = policy && model.channel(member(policy, 'DeadLetterTargetQueue'), 'queue', true).logicalId;
        const dlq = target === undefined || target === q.logicalId ? undefined : model.resource(target);
        if (dlq === undefined) {
          return [];
        }
        const source = queueSeconds(q, 'MessageRetentionPeriod', DEFAULT_RETENTION_SECONDS);
        const kept = queueSeconds(dlq, 'MessageRetentionPeriod', DEFAULT_RETENTION_SECONDS);
        if (source === undefined || kept === undefined || kept >= source) {
          return [];
        }
        return [{
          logicalId: dlq.logicalId,
          what: `Dead-letter queue ${name(dlq, 'QueueName')} keeps messages ${seconds(kept)}, less than its source queue ${name(q, 'QueueName')} (${seconds(source)})`,
        }];
      });
    },
  },
  {
    id: 'SMQ-003',
    level: CheckLevel.WARNING,
    title: 'Queue visibility timeout shorter than the timeout of a function that consumes it',
    why: 'a message whose invocation is still running when the visibility timeout ends can become visible again and be delivered a second time, to a second invocation',
    fix: 'set the queue\'s visibilityTimeout (VisibilityTimeout) to at least the function\'s timeout plus the trigger\'s batch window, or shorten the function\'s timeout',
    note: 'Reads FC 3.0 and FC 2.0 queue triggers (type eventbridge, event source MNS), and event streams from a queue to a function (a custom resource that calls CreateEventStreaming with SinkFcParameters), whose queue and function are in the stack. A function without Timeout counts 3 seconds (FC\'s default). Asynchronous invocations are not flagged, nor an event stream whose InvocationType is not given as Sync. Whether the event stream deletes a message before or after the invocation is not documented: the rule assumes after.',
    references: [DOCS.visibility, DOCS.fcFunction],
    check(model) {
      const consumers = [
        ...queueTriggers(model).map((t) => {
          const async = member(t.config, 'asyncInvocationType');
          return { label: t.label, queue: t.queue, fn: model.functionOf(t.resource), sync: async === undefined || literalBoolean(async) === false, windowValue: member(t.config, 'runOptions', 'batchWindow', 'TimeBasedWindow') };
        }),
        ...eventStreams(model).map((s) => ({ label: s.label, queue: s.queue, fn: s.sinkFunction, sync: s.invocationType === 'sync', windowValue: s.batchWindow })),
      ];
      return consumers.flatMap((t): RuleHit[] => {
        const queue = t.queue === undefined ? undefined : model.resource(t.queue);
        const fn = t.fn;
        if (queue === undefined || fn === undefined || !t.sync) {
          return [];
        }
        const timeoutValue = fn.properties.Timeout;
        const timeout = timeoutValue === undefined || timeoutValue === null ? DEFAULT_FUNCTION_TIMEOUT_SECONDS : literalNumber(timeoutValue);
        const windowValue = t.windowValue;
        const window = windowValue === undefined || windowValue === null ? 0 : literalNumber(windowValue);
        const visibility = queueSeconds(queue, 'VisibilityTimeout', DEFAULT_VISIBILITY_SECONDS);
        if (timeout === undefined || window === undefined || visibility === undefined || visibility >= timeout + window) {
          return [];
        }
        const needed = window > 0 ? `${seconds(timeout)}, plus a batch window of ${seconds(window)}` : seconds(timeout);
        return [{
          logicalId: queue.logicalId,
          what: `Queue ${name(queue, 'QueueName')} hides a received message for ${seconds(visibility)}, less than function ${name(fn, 'FunctionName')}, which reads it through ${t.label}, may take (${needed})`,
        }];
      });
    },
  },
  {
    id: 'SMQ-004',
    level: CheckLevel.ERROR,
    title: 'Subscription to an http:// endpoint',
    why: 'every message crosses the network unencrypted, readable and changeable on the way',
    fix: 'use an https:// endpoint (UrlSubscription refuses http:// unless allowInsecureHttp is set); if plain HTTP is intended, suppress this rule with the reason',
    note: 'Endpoints whose literal text starts with http://; an endpoint from a parameter is not flagged.',
    references: [DOCS.subscription],
    check(model) {
      return model.ofType('ALIYUN::MNS::Subscription').flatMap((s): RuleHit[] => {
        const text = textOf(partsOf(s.properties.Endpoint));
        return /^http:\/\//i.test(text)
          ? [{ logicalId: s.logicalId, what: `Subscription ${name(s, 'SubscriptionName')} pushes to the plain HTTP endpoint '${text.replace(/\u0000/g, '<token>')}'` }]
          : [];
      });
    },
  },
  {
    id: 'SMQ-005',
    level: CheckLevel.WARNING,
    title: 'Push that retries only briefly (BACKOFF_RETRY) and has no dead-letter queue',
    why: 'BACKOFF_RETRY gives up after 3 retries 10 to 20 seconds apart, so an endpoint that is down for a minute loses every message of that minute',
    fix: 'retry for a day (NotifyStrategy / PushRetryStrategy EXPONENTIAL_DECAY_RETRY, the default of this library\'s constructs) or give it a dead-letter queue',
    note: 'Reads queue and HTTP subscriptions, FC topic triggers (which have no dead-letter queue), FC queue triggers, EventBridge rule targets of type acs.mns.queue or acs.mns.topic, and event streams from or to a queue made by a custom resource that calls CreateEventStreaming (customResources.ApiCall). A retry policy left out counts as BACKOFF_RETRY, the services\' default.',
    references: [DOCS.notify, DOCS.fcTopicTrigger, DOCS.eventbridge],
    check(model) {
      const pushes = [
        ...subscriptions(model).filter((s) => ['http', 'queue'].includes(pushTypeOf(s.resource) ?? '')),
        ...topicTriggers(model),
        ...queueTriggers(model),
        ...ruleTargets(model),
        ...eventStreams(model),
      ];
      return pushes
        .filter((d) => d.strategy === BACKOFF && (d.dlq === undefined || d.dlq.state === 'none'))
        .map((d) => ({
          logicalId: d.resource.logicalId,
          what: `${capitalize(d.label)} retries with BACKOFF_RETRY${d.dlq === undefined ? '' : ' and has no dead-letter queue'}`,
          why: d.dlq === undefined ? 'BACKOFF_RETRY gives up after 3 retries 10 to 20 seconds apart, and a topic trigger has no dead-letter queue: a function that fails for a minute loses every message of that minute' : undefined,
        }));
    },
  },
  {
    id: 'SMQ-006',
    level: CheckLevel.ERROR,
    title: 'RAM policy granting mns:* or a wildcard SMQ resource where the channel is known',
    why: 'the principal may then delete, purge or read every queue and topic it can reach, not just use the one channel its wiring needs',
    fix: 'grant only the actions the wiring needs (mns:SendMessage, mns:ReceiveMessage, mns:DeleteMessage, mns:PublishMessage, ...) on the channel\'s ARN, acs:mns:{region}:{account}:/queues/{name}/messages or .../topics/{name}/messages: queue.grantSendMessages(role), queue.grantConsumeMessages(role) and topic.grantPublish(role) do',
    note: 'Flags mns:* or *, and an Allow with NotAction that does not leave out mns:*, on a resource that can match an SMQ resource (*, acs:mns:..., acs:*), when the stack owns a queue or topic or the statement names one; a resource of * or an SMQ ARN without a channel name (acs:mns:*:*:*, .../queues/*) granted SMQ actions in a stack that owns a queue or topic; and AliyunMNSFullAccess attached in such a stack (AttachPolicyToRole/User/Group of type System, or listed in a role\'s, user\'s or group\'s PolicyAttachments System or Custom). Reads ManagedPolicy documents (PolicyDocumentUnchecked in place of PolicyDocument when given, as ROS does) and the inline Policies of roles, users and groups; Deny statements are not flagged.',
    references: [DOCS.ram],
    check(model) {
      const ownsChannels = model.queues.length + model.topics.length > 0;
      const hits: RuleHit[] = [];
      for (const p of policyDocuments(model)) {
        listOf(member(p.document, 'Statement')).forEach((statement, i) => {
          const effect = literal(member(statement, 'Effect'));
          if (effect !== undefined && effect.toLowerCase() !== 'allow') {
            return;
          }
          const actions = listOf(member(statement, 'Action')).map((a) => literal(a)).filter((a): a is string => a !== undefined);
          const resources = listOf(member(statement, 'Resource')).map((r) => textOf(partsOf(r)));
          const allActions = actions.filter((a) => a === '*' || /^mns:\*$/i.test(a));
          // an Allow with NotAction allows every action it does not list: all of SMQ's unless it lists * or mns:*
          const notActionValue = member(statement, 'NotAction');
          const notActions = listOf(notActionValue).map((a) => literal(a));
          const allButSome = notActionValue !== undefined && notActionValue !== null && notActions.every((a) => a !== undefined)
            && !notActions.some((a) => a === '*' || /^mns:\*$/i.test(a!));
          const mnsActions = allButSome || actions.some((a) => a === '*' || /^mns:/i.test(a));
          const wildcards = resources.filter((r) => !hasUnknown(r) && wildcardResource(r));
          const known = ownsChannels || resources.some(namesChannel);
          const reachesSmq = resources.some(mayMatchSmq);
          const problems: string[] = [];
          if (allActions.length > 0 && known && reachesSmq) {
            problems.push(`grants ${allActions.map((a) => `'${a}'`).join(' and ')}`);
          }
          if (allButSome && known && reachesSmq) {
            problems.push(`grants every action but ${notActions.map((a) => `'${a}'`).join(' and ')} (NotAction)`);
          }
          if (mnsActions && wildcards.length > 0 && ownsChannels) {
            problems.push(`grants SMQ actions on ${wildcards.map((r) => `'${r}'`).join(' and ')}`);
          }
          if (problems.length > 0) {
            hits.push({ logicalId: p.resource.logicalId, what: `${p.label} statement #${i} ${problems.join(' and ')}` });
          }
        });
      }
      if (ownsChannels) {
        for (const r of model.ofType('ALIYUN::RAM::AttachPolicyToRole', 'ALIYUN::RAM::AttachPolicyToUser', 'ALIYUN::RAM::AttachPolicyToGroup')) {
          if (literal(r.properties.PolicyType)?.toLowerCase() === 'system' && literal(r.properties.PolicyName) === 'AliyunMNSFullAccess') {
            hits.push({ logicalId: r.logicalId, what: `${r.type.split('::')[2]} attaches the system policy AliyunMNSFullAccess (every SMQ action on every resource)` });
          }
        }
        for (const r of model.ofType('ALIYUN::RAM::Role', 'ALIYUN::RAM::User', 'ALIYUN::RAM::Group')) {
          const kind = r.type.split('::')[2];
          for (const list of ['System', 'Custom']) {
            if (listOf(member(r.properties, 'PolicyAttachments', list)).some((p) => literal(p) === 'AliyunMNSFullAccess')) {
              hits.push({
                logicalId: r.logicalId,
                what: `RAM ${kind.toLowerCase()} ${name(r, `${kind}Name`)} attaches AliyunMNSFullAccess (PolicyAttachments ${list}), the system policy of every SMQ action on every resource`,
              });
            }
          }
        }
      }
      return hits;
    },
  },
  {
    id: 'SMQ-007',
    level: CheckLevel.WARNING,
    title: 'Topic with no subscription and no trigger in the app',
    why: 'a topic delivers each message to its subscriptions and keeps none for later: what is published to a topic nobody subscribes to is lost',
    fix: 'subscribe something to it (topic.addSubscription(...), consumers.TopicTrigger) or remove it; if something outside the app subscribes, suppress this rule with that reason',
    note: 'Subscriptions and mns_topic triggers of the same stack count, and those of the other stacks of the app that name the topic by its literal name (in the same region and account where both are known). A subscription or trigger naming its topic by a parameter turns the rule off for its stack. Imported topics are not checked.',
    references: [DOCS.topic],
    check(model) {
      const refs = [
        ...model.ofType('ALIYUN::MNS::Subscription').map((s) => model.channel(s.properties.TopicName, 'topic', true)),
        ...triggers(model, 'mns_topic').map((t) => model.channel(t.resource.properties.SourceArn, 'topic')),
      ];
      if (refs.some((r) => r.unknown)) {
        return [];
      }
      const used = new Set(refs.map((r) => r.logicalId));
      return model.topics.filter((t) => !used.has(t.logicalId) && model.usesFromOtherStacks(t, 'subscribe').length === 0)
        .map((t) => ({ logicalId: t.logicalId, what: `Topic ${name(t, 'TopicName')} has no subscription and no trigger` }));
    },
  },
  {
    id: 'SMQ-008',
    level: CheckLevel.WARNING,
    title: `Stack with more than ${WARN_RESOURCES} resources (warning) or ${MAX_RESOURCES} (error)`,
    why: `ROS refuses a stack of more than ${MAX_RESOURCES} resources, and a stack close to the limit has no room for the next wiring`,
    fix: 'split the wirings over more stacks or nested stacks',
    note: 'Counts the resources ROS makes: a resource with a literal Count counts that many times. A Count known only at deploy time (a parameter) counts once, and the finding says so. ROS CDK itself refuses a stack of more than 300 template entries at synth, after this report is written: the error matters most for templates checked with SmqChecks.checkTemplate. Each nested stack is counted on its own.',
    references: [DOCS.limits],
    check(model) {
      const count = model.resources.reduce((sum, r) => sum + (r.count ?? 1), 0);
      const expanded = model.resources.some((r) => r.count !== undefined && r.count !== 1);
      const unknown = model.resources.filter((r) => r.count === undefined).map((r) => `'${r.logicalId}'`);
      const note = (expanded ? `, ${model.resources.length} in the template expanded by their Count` : '')
        + (unknown.length === 0 ? '' : `; the Count of ${unknown.join(', ')} is known only at deploy time and counted once`);
      if (count > MAX_RESOURCES) {
        return [{ level: CheckLevel.ERROR, what: `Stack has ${count} resources${note}, more than the ${MAX_RESOURCES} ROS allows` }];
      }
      return count > WARN_RESOURCES ? [{ what: `Stack has ${count} resources${note}, close to the ${MAX_RESOURCES} ROS allows` }] : [];
    },
  },
  {
    id: 'SMQ-009',
    level: CheckLevel.WARNING,
    title: 'Dead-letter policy with MaxReceiveCount 1',
    why: 'the first receive that does not end in a delete (a consumer that crashed, timed out or lost its connection once) moves the message to the dead-letter queue: it is never retried',
    fix: 'allow a few receives (maxReceiveCount 3 to 5) so that a passing failure is retried',
    references: [DOCS.dlq],
    check(model) {
      return model.queues.flatMap((q): RuleHit[] => {
        const policy = enabledPolicy(q);
        return policy !== undefined && literalNumber(member(policy, 'MaxReceiveCount')) === 1
          ? [{ logicalId: q.logicalId, what: `Queue ${name(q, 'QueueName')} moves a message to its dead-letter queue after one receive` }]
          : [];
      });
    },
  },
  {
    id: 'SMQ-010',
    level: CheckLevel.WARNING,
    title: 'EventBridge delivery that tolerates errors (ALL) and has no dead-letter queue',
    why: 'with ErrorsTolerance ALL an event that still fails after the last retry is skipped, and without a dead-letter queue it is discarded silently',
    fix: 'give the target, queue trigger or event stream a dead-letter queue, or set ErrorsTolerance NONE to stop at the failing event instead of dropping it',
    note: 'EventBridge rule targets to SMQ, FC queue triggers and event streams (as SMQ-005 reads them) whose ErrorsTolerance is given as ALL.',
    references: [DOCS.eventbridge],
    check(model) {
      return [...queueTriggers(model), ...ruleTargets(model), ...eventStreams(model)]
        .filter((d) => d.tolerance === 'ALL' && d.dlq?.state === 'none')
        .map((d) => ({ logicalId: d.resource.logicalId, what: `${capitalize(d.label)} drops the events it cannot deliver (ErrorsTolerance ALL, no dead-letter queue)` }));
    },
  },
  {
    id: 'SMQ-011',
    level: CheckLevel.ERROR,
    title: 'Dead-letter queue that is the queue the messages failed in or failed to reach',
    why: 'a failed message is sent back where it failed, to fail again: it is never set aside (SMQ refuses a queue as its own dead-letter queue)',
    fix: 'use another queue as the dead-letter queue',
    references: [DOCS.dlq],
    check(model) {
      const hits: RuleHit[] = [];
      for (const q of model.queues) {
        const policy = enabledPolicy(q);
        if (policy !== undefined && model.channel(member(policy, 'DeadLetterTargetQueue'), 'queue', true).logicalId === q.logicalId) {
          hits.push({ logicalId: q.logicalId, what: `Queue ${name(q, 'QueueName')} is its own dead-letter queue` });
        }
      }
      for (const d of [...subscriptions(model), ...queueTriggers(model), ...ruleTargets(model), ...eventStreams(model)]) {
        if (d.queue !== undefined && d.dlq?.logicalId === d.queue) {
          hits.push({ logicalId: d.resource.logicalId, what: `${capitalize(d.label)} uses its own queue ${name(model.resource(d.queue)!, 'QueueName')} as its dead-letter queue` });
        }
      }
      return hits;
    },
  },
  {
    id: 'SMQ-012',
    level: CheckLevel.ERROR,
    title: 'Queue delay at least as long as its retention period',
    why: 'every message sent to the queue stays invisible until it expires: no consumer ever receives one',
    fix: 'make the delivery delay (DelaySeconds) shorter than the retention period (MessageRetentionPeriod, 4 days by default)',
    references: [DOCS.queue],
    check(model) {
      return model.queues.flatMap((q): RuleHit[] => {
        const delay = queueSeconds(q, 'DelaySeconds', 0);
        const retention = queueSeconds(q, 'MessageRetentionPeriod', DEFAULT_RETENTION_SECONDS);
        return delay !== undefined && retention !== undefined && delay > 0 && delay >= retention
          ? [{ logicalId: q.logicalId, what: `Queue ${name(q, 'QueueName')} delays every message ${seconds(delay)}, and keeps it only ${seconds(retention)}` }]
          : [];
      });
    },
  },
  {
    id: 'SMQ-013',
    level: CheckLevel.WARNING,
    title: 'Queue read by more than one FC queue trigger or event stream',
    why: 'a queue hands each message to one reader, so the readers split the messages between them instead of each getting all of them, and a reader with a filter pattern drops the messages it takes and does not pass',
    fix: 'publish to a topic and subscribe one queue per reader (topic.addSubscription(new consumers.QueueSubscription(queue))); if competing consumers are intended, suppress this rule with that reason',
    note: 'Readers: enabled FC queue triggers (type eventbridge, sourceMNSParameters) and running event streams from a queue (a custom resource that calls CreateEventStreaming with Source.SourceMNSParameters, then StartEventStreaming, and whose update does not call PauseEventStreaming), in the queue\'s stack or, by literal name, in another stack of the app. A queue no stack of the app owns is flagged when one stack has two readers of it. Readers that name their queue by a parameter are not counted.',
    references: [DOCS.queueModel, DOCS.visibility],
    check(model) {
      const local = readers(model);
      const hits: RuleHit[] = [];
      const describe = (labels: string[], filtered: boolean): string =>
        `${labels.length} readers, ${labels.join(', ')}${filtered ? ', some of which filter what they take' : ''}`;
      for (const q of model.queues) {
        const mine = local.filter((r) => r.source.logicalId === q.logicalId);
        const theirs = model.usesFromOtherStacks(q, 'read');
        if (mine.length + theirs.length > 1) {
          const filtered = mine.some((r) => r.filtered);
          hits.push({ logicalId: q.logicalId, what: `Queue ${name(q, 'QueueName')} is read by ${describe([...mine.map((r) => r.label), ...theirs.map(externalLabel)], filtered)}` });
        }
      }
      // a queue this template names but does not own: flagged here when no other stack of the run owns it
      const groups = new Map<string, Reader[]>();
      for (const r of local) {
        if (r.source.name !== undefined) {
          const key = JSON.stringify([r.source.name, r.source.region ?? r.regionId ?? model.env.region ?? '', r.source.account ?? model.env.account ?? '']);
          groups.set(key, [...(groups.get(key) ?? []), r]);
        }
      }
      for (const [key, group] of [...groups.entries()].sort(([a], [b]) => compare(a, b))) {
        const [queueName, region, account] = JSON.parse(key) as string[];
        if (group.length > 1 && !model.ownedElsewhere('queue', queueName, { region: region || undefined, account: account || undefined })) {
          hits.push({
            logicalId: group[0].resource.logicalId,
            what: `Queue '${queueName}', which the app does not make, is read by ${describe(group.map((r) => r.label), group.some((r) => r.filtered))}`,
          });
        }
      }
      return hits;
    },
  },
];

/** Every rule, by id. */
export function allRules(): readonly RuleDefinition[] {
  return RULES;
}

/** The rule with this id. */
export function ruleById(id: string): RuleDefinition | undefined {
  return RULES.find((r) => r.id === id);
}

/** The hits of every rule in a template, in rule order and then the order each rule found them. */
export function evaluate(model: TemplateModel): Array<{ readonly rule: RuleDefinition; readonly hit: RuleHit }> {
  return RULES.flatMap((rule) => rule.check(model).map((hit) => ({ rule, hit })))
    .sort((a, b) => compare(a.rule.id, b.rule.id));
}
