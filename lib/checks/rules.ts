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
 * - One stack holds at most 300 resources (https://www.alibabacloud.com/help/en/ros/use-cases/use-count-to-deploy-massive-resources).
 */
import { DEFAULT_RETENTION_SECONDS } from '../ros/mns-rules';
import { compare, hasUnknown, isPlain, listOf, literal, literalBoolean, literalNumber, member, partsOf, TemplateModel, TemplateResource, textOf } from './template-model';

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
};

/** Whether a dead-letter queue is set: `present`, `none`, or `unknown` (a token). */
type DlqState = 'present' | 'none' | 'unknown';

interface Dlq {
  readonly state: DlqState;
  /** The dead-letter queue's logical id, when it is a queue of the template. */
  readonly logicalId?: string;
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
  return { state: literalBoolean(enabled) === undefined && enabled !== undefined ? 'unknown' : 'present', logicalId: model.channel(target, 'queue', true).logicalId };
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
  return { state: 'present', logicalId: model.channel(arn, 'queue').logicalId };
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

/** FC queue triggers: `eventbridge` triggers with event source MNS. */
function queueTriggers(model: TemplateModel): Array<Delivery & { readonly config: unknown }> {
  return triggers(model, 'eventbridge')
    .filter((t) => literal(member(t.config, 'eventSourceConfig', 'eventSourceType'))?.toUpperCase() === 'MNS')
    .map((t) => ({
      resource: t.resource,
      config: t.config,
      label: `queue trigger ${name(t.resource, 'TriggerName')}`,
      ...runOptionsOf(model, member(t.config, 'runOptions')),
      queue: model.channel(member(t.config, 'eventSourceConfig', 'eventSourceParameters', 'sourceMNSParameters', 'QueueName'), 'queue', true).logicalId,
    }));
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
function eventStreams(model: TemplateModel): Delivery[] {
  return model.ofType('ALIYUN::ROS::CustomResource').flatMap((r): Delivery[] => {
    const call = member(r.properties, 'Parameters', 'OnCreate');
    if (literal(member(call, 'Action')) !== 'CreateEventStreaming') {
      return [];
    }
    const request = member(call, 'Parameters');
    const source = member(request, 'Source', 'SourceMNSParameters', 'QueueName');
    const sink = member(request, 'Sink', 'SinkMNSParameters', 'QueueName', 'Value');
    if (source === undefined && sink === undefined) {
      return [];
    }
    const streamName = literal(member(request, 'EventStreamingName'));
    return [{
      resource: r,
      label: `event stream ${streamName === undefined ? `'${r.logicalId}'` : `'${streamName}'`}`,
      ...runOptionsOf(model, member(request, 'RunOptions')),
      queue: source === undefined ? undefined : model.channel(source, 'queue', true).logicalId,
    }];
  });
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
  return ids;
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

function policyDocuments(model: TemplateModel): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  for (const r of model.ofType('ALIYUN::RAM::ManagedPolicy')) {
    out.push({ resource: r, document: r.properties.PolicyDocument, label: `RAM policy ${name(r, 'PolicyName')}` });
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
    note: 'Not flagged: a queue that is a dead-letter queue in its stack (of a queue, a subscription, an EventBridge target, an FC queue trigger or an event stream); a queue read by an FC queue trigger or an event stream that has a dead-letter queue of its own; a DlqPolicy given as a token.',
    references: [DOCS.dlq],
    check(model) {
      const exempt = deadLetterQueues(model);
      // an FC queue trigger or event stream with a dead-letter queue sets failed messages aside itself
      [...queueTriggers(model), ...eventStreams(model)].filter((t) => t.dlq?.state === 'present' && t.queue !== undefined).forEach((t) => exempt.add(t.queue!));
      return model.queues.filter((q) => !exempt.has(q.logicalId)).flatMap((q): RuleHit[] => {
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
    note: 'Reads FC 3.0 and FC 2.0 queue triggers (type eventbridge, event source MNS) whose queue and function are in the stack. A function without Timeout counts 3 seconds (FC\'s default). Asynchronous invocations are not flagged. Whether the event stream deletes a message before or after the invocation is not documented: the rule assumes after.',
    references: [DOCS.visibility, DOCS.fcFunction],
    check(model) {
      return queueTriggers(model).flatMap((t): RuleHit[] => {
        const queue = t.queue === undefined ? undefined : model.resource(t.queue);
        const fn = model.functionOf(t.resource);
        const async = member(t.config, 'asyncInvocationType');
        if (queue === undefined || fn === undefined || (async !== undefined && literalBoolean(async) !== false)) {
          return [];
        }
        const timeoutValue = fn.properties.Timeout;
        const timeout = timeoutValue === undefined || timeoutValue === null ? DEFAULT_FUNCTION_TIMEOUT_SECONDS : literalNumber(timeoutValue);
        const windowValue = member(t.config, 'runOptions', 'batchWindow', 'TimeBasedWindow');
        const window = windowValue === undefined ? 0 : literalNumber(windowValue);
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
    note: 'Flags mns:* or * when the stack owns a queue or topic or the statement names one; a resource of * or an SMQ ARN without a channel name (acs:mns:*:*:*, .../queues/*) granted SMQ actions in a stack that owns a queue or topic; and the system policy AliyunMNSFullAccess attached in such a stack. Reads ManagedPolicy documents and the inline Policies of roles, users and groups; Deny statements are not flagged.',
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
          const mnsActions = actions.some((a) => a === '*' || /^mns:/i.test(a));
          const wildcards = resources.filter((r) => !hasUnknown(r) && wildcardResource(r));
          const known = ownsChannels || resources.some(namesChannel);
          const problems: string[] = [];
          if (allActions.length > 0 && known) {
            problems.push(`grants ${allActions.map((a) => `'${a}'`).join(' and ')}`);
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
      }
      return hits;
    },
  },
  {
    id: 'SMQ-007',
    level: CheckLevel.WARNING,
    title: 'Topic with no subscription and no trigger in its stack',
    why: 'a topic delivers each message to its subscriptions and keeps none for later: what is published to a topic nobody subscribes to is lost',
    fix: 'subscribe something to it (topic.addSubscription(...), consumers.TopicTrigger) or remove it; if another stack subscribes, suppress this rule with that reason',
    note: 'Subscriptions and mns_topic triggers of the same stack count. A subscription or trigger naming its topic by a parameter turns the rule off for its stack. Imported topics are not checked.',
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
      return model.topics.filter((t) => !used.has(t.logicalId))
        .map((t) => ({ logicalId: t.logicalId, what: `Topic ${name(t, 'TopicName')} has no subscription and no trigger` }));
    },
  },
  {
    id: 'SMQ-008',
    level: CheckLevel.WARNING,
    title: `Stack with more than ${WARN_RESOURCES} resources (warning) or ${MAX_RESOURCES} (error)`,
    why: `ROS refuses a stack of more than ${MAX_RESOURCES} resources, and a stack close to the limit has no room for the next wiring`,
    fix: 'split the wirings over more stacks or nested stacks',
    note: 'ROS CDK itself refuses a stack of more than 300 resources at synth, after this report is written: the error matters most for templates checked with SmqChecks.checkTemplate. Each nested stack is counted on its own.',
    references: [DOCS.limits],
    check(model) {
      const count = model.resources.length;
      if (count > MAX_RESOURCES) {
        return [{ level: CheckLevel.ERROR, what: `Stack has ${count} resources, more than the ${MAX_RESOURCES} ROS allows` }];
      }
      return count > WARN_RESOURCES ? [{ what: `Stack has ${count} resources, close to the ${MAX_RESOURCES} ROS allows` }] : [];
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
