/**
 * The documented constraints of the SMQ ROS types, each written once. The L1s check their props against them, and the
 * L2s check their own props against the same entries, under their own prop names (not part of the public API).
 *
 * Sources: https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-queue ,
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-topic ,
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-subscription
 */
import * as ros from '@alicloud/ros-cdk-core';
import { checkText, NOT_CONTROL, NOT_CONTROL_CHARSET, plainText, TextRule } from '../core/text';
import { checkBoolean, checkCount, checkOneOf, checkRequired, checkRule, invalid, isUnresolved, RangeRule } from '../core/validation';
import type { RosEventNotification, RosEventNotificationProps, RosQueue, RosQueueProps, RosSubscription, RosSubscriptionProps, RosTagProperty, RosTopicProps } from './mns';
import { fragmentsOf, literalText } from '../core/text';

/**
 * Queue names: 1 to 120 letters, digits and hyphens, starting with a letter or digit (the CreateQueue reference,
 * https://www.alibabacloud.com/help/en/doc-detail/35129.htm; the ROS page still says 256, but the service takes 120).
 */
export const QUEUE_NAME: TextRule = {
  minLength: 1,
  maxLength: 120,
  chars: /[A-Za-z0-9-]/,
  first: /[A-Za-z0-9]/,
  charset: 'letters, digits and hyphens, and start with a letter or digit',
};

/**
 * Topic and subscription names as ROS creates them: 1 to 255 letters, digits and hyphens, starting with a letter (the
 * ROS reference asks for a letter first; the CreateTopic reference, https://www.alibabacloud.com/help/en/doc-detail/27495.htm,
 * allows at most 255 characters).
 */
export const TOPIC_NAME: TextRule = {
  minLength: 1,
  maxLength: 255,
  chars: /[A-Za-z0-9-]/,
  first: /[A-Za-z]/,
  charset: 'letters, digits and hyphens, and start with a letter',
};

/**
 * The name of a topic that exists already (imported, or named by a subscription): the CreateTopic rule, which also
 * allows a digit first.
 */
export const EXISTING_TOPIC_NAME: TextRule = { ...TOPIC_NAME, first: /[A-Za-z0-9]/, charset: 'letters, digits and hyphens, and start with a letter or digit' };

/**
 * A subscription's filter tag: at most 16 characters (the references give no character set; whitespace and control
 * characters are refused here, since a tag holding them is almost certainly a mistake).
 */
export const FILTER_TAG: TextRule = { minLength: 1, maxLength: 16 };

/**
 * Resource tags (the Tag service's rules, https://www.alibabacloud.com/help/en/resource-management/tag/developer-reference/api-tag-2018-08-28-tagresources):
 * a key of 1 to 128 characters that does not start with `acs:` or `aliyun` and holds no `http://` or `https://`; a
 * value of up to 128 characters without `http://` or `https://`.
 */
const TAG_KEY: TextRule = {
  minLength: 1,
  maxLength: 128,
  chars: NOT_CONTROL,
  charset: NOT_CONTROL_CHARSET,
  forbid: [
    { pattern: /^\s*$/, what: 'must not be blank' },
    { pattern: /^(acs:|aliyun)/i, what: 'must not start with "acs:" or "aliyun", which Alibaba Cloud reserves' },
    { pattern: /https?:\/\//i, what: 'must not contain "http://" or "https://"' },
  ],
};
const TAG_VALUE: TextRule = {
  minLength: 0,
  maxLength: 128,
  chars: NOT_CONTROL,
  charset: NOT_CONTROL_CHARSET,
  forbid: [{ pattern: /https?:\/\//i, what: 'must not contain "http://" or "https://"' }],
};

/** `ALIYUN::MNS::Queue` numeric properties, in the units ROS takes them. */
export const QUEUE_RULES = {
  /** DelaySeconds. */
  delaySeconds: { min: 0, max: 604800, unit: 'seconds' },
  /** MaximumMessageSize. */
  maximumMessageSize: { min: 1024, max: 65536, unit: 'bytes' },
  /** MessageRetentionPeriod. */
  messageRetentionPeriod: { min: 60, max: 604800, unit: 'seconds' },
  /** PollingWaitSeconds. */
  pollingWaitSeconds: { min: 0, max: 30, unit: 'seconds' },
  /** VisibilityTimeout. */
  visibilityTimeout: { min: 1, max: 43200, unit: 'seconds' },
  /**
   * DlqPolicy.MaxReceiveCount. The references give no upper bound; 1000 is ours (the bound Amazon SQS documents for
   * the same setting): a message received more often than that is not going to succeed.
   */
  maxReceiveCount: { min: 1, max: 1000 },
} satisfies { readonly [prop: string]: RangeRule };

/** The default of MessageRetentionPeriod, in seconds (4 days). */
export const DEFAULT_RETENTION_SECONDS = 345600;

/** `ALIYUN::MNS::Topic` numeric properties. */
export const TOPIC_RULES = {
  /** MaximumMessageSize. */
  maximumMessageSize: QUEUE_RULES.maximumMessageSize,
} satisfies { readonly [prop: string]: RangeRule };

/** The most tags a queue or topic takes. */
export const MAX_TAGS = 20;

/** The retry policies of a subscription, as ROS spells them. */
export const NOTIFY_STRATEGIES = ['BACKOFF_RETRY', 'EXPONENTIAL_DECAY_RETRY'] as const;
/** The message formats a subscription pushes, as ROS spells them. */
export const NOTIFY_CONTENT_FORMATS = ['XML', 'JSON', 'SIMPLIFIED'] as const;
/** The endpoint kinds of a subscription, as ROS spells them. */
export const PUSH_TYPES = ['http', 'queue', 'mpush', 'email', 'alisms'] as const;

/** Checks a literal tag list: at most 20 tags, each with a key, keys and values within their lengths. */
export function checkTags(scope: ros.IConstruct, prop: string, tags: readonly RosTagProperty[] | undefined): void {
  if (tags === undefined || isUnresolved(tags)) {
    return;
  }
  if (!Array.isArray(tags)) {
    throw invalid(scope, prop, tags, 'must be a list of { key, value } tags');
  }
  checkCount(scope, prop, tags, MAX_TAGS);
  tags.forEach((tag, i) => {
    if (tag === undefined || tag === null || tag.key === undefined || tag.key === '') {
      throw invalid(scope, `${prop}[${i}].key`, tag?.key, 'is required');
    }
    checkText(scope, `${prop}[${i}].key`, literalOrUndefined(tag.key), TAG_KEY);
    checkText(scope, `${prop}[${i}].value`, literalOrUndefined(tag.value), TAG_VALUE);
    if (typeof tag.key === 'string' && tags.slice(0, i).some((other) => other?.key === tag.key)) {
      throw invalid(scope, `${prop}[${i}].key`, tag.key, 'must be unique among the tags of the resource');
    }
  });
}

/** Tags given as a map, the way the L2s take them, in the L1 form; anything but a map of strings is refused. */
export function tagList(scope: ros.IConstruct, prop: string, tags: { [key: string]: string } | undefined): RosTagProperty[] | undefined {
  if (tags === undefined || tags === null) {
    return undefined;
  }
  if (typeof tags !== 'object' || Array.isArray(tags) || isUnresolved(tags)) {
    throw invalid(scope, prop, tags, 'must be a map of tag keys to values, such as { team: "media" }');
  }
  return Object.entries(tags).map(([key, value], i) => {
    if (typeof value !== 'string') {
      throw invalid(scope, `${prop}[${i}].value`, value, `must be a string (the value of tag ${JSON.stringify(key)})`);
    }
    return { key, value };
  });
}

/** A string prop as `checkText` takes it: an `IResolvable` object is skipped (it is all token). */
function literalOrUndefined(value: string | ros.IResolvable | undefined): string | undefined {
  return typeof value === 'object' && value !== null ? undefined : value;
}

/** Checks `ALIYUN::MNS::Queue` props against the reference. */
export function validateQueueProps(scope: ros.IConstruct, props: RosQueueProps): void {
  checkRequired(scope, 'queueName', props.queueName);
  checkText(scope, 'queueName', literalOrUndefined(props.queueName), QUEUE_NAME);
  for (const key of ['delaySeconds', 'maximumMessageSize', 'messageRetentionPeriod', 'pollingWaitSeconds', 'visibilityTimeout'] as const) {
    checkRule(scope, key, props[key] as number | undefined, QUEUE_RULES[key]);
  }
  checkBoolean(scope, 'loggingEnabled', props.loggingEnabled);
  const dlq = props.dlqPolicy as RosQueue.DlqPolicyProperty | undefined;
  if (dlq !== undefined && !isUnresolved(dlq)) {
    checkRequired(scope, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
    checkRequired(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkRequired(scope, 'dlqPolicy.maxReceiveCount', dlq.maxReceiveCount);
    checkBoolean(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkText(scope, 'dlqPolicy.deadLetterTargetQueue', literalOrUndefined(dlq.deadLetterTargetQueue), QUEUE_NAME);
    checkRule(scope, 'dlqPolicy.maxReceiveCount', dlq.maxReceiveCount as number, QUEUE_RULES.maxReceiveCount);
  }
  checkTags(scope, 'tags', props.tags);
}

/** Checks `ALIYUN::MNS::Topic` props against the reference. */
export function validateTopicProps(scope: ros.IConstruct, props: RosTopicProps): void {
  checkRequired(scope, 'topicName', props.topicName);
  checkText(scope, 'topicName', literalOrUndefined(props.topicName), TOPIC_NAME);
  checkRule(scope, 'maximumMessageSize', props.maximumMessageSize as number | undefined, TOPIC_RULES.maximumMessageSize);
  checkBoolean(scope, 'loggingEnabled', props.loggingEnabled);
  checkTags(scope, 'tags', props.tags);
}

/** Checks `ALIYUN::MNS::Subscription` props against the reference. */
export function validateSubscriptionProps(scope: ros.IConstruct, props: RosSubscriptionProps): void {
  checkRequired(scope, 'topicName', props.topicName);
  checkRequired(scope, 'subscriptionName', props.subscriptionName);
  checkRequired(scope, 'endpoint', props.endpoint);
  checkText(scope, 'topicName', literalOrUndefined(props.topicName), EXISTING_TOPIC_NAME);
  checkText(scope, 'subscriptionName', literalOrUndefined(props.subscriptionName), TOPIC_NAME);
  checkText(scope, 'filterTag', literalOrUndefined(props.filterTag), FILTER_TAG);
  checkOneOf(scope, 'notifyStrategy', props.notifyStrategy as string | undefined, NOTIFY_STRATEGIES);
  checkOneOf(scope, 'notifyContentFormat', props.notifyContentFormat as string | undefined, NOTIFY_CONTENT_FORMATS);
  checkOneOf(scope, 'pushType', props.pushType as string | undefined, PUSH_TYPES);
  const dlq = props.dlqPolicy as RosSubscription.DlqPolicyProperty | undefined;
  if (dlq !== undefined && !isUnresolved(dlq)) {
    checkRequired(scope, 'dlqPolicy.deadLetterTargetQueue', dlq.deadLetterTargetQueue);
    checkRequired(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkBoolean(scope, 'dlqPolicy.enabled', dlq.enabled);
    checkText(scope, 'dlqPolicy.deadLetterTargetQueue', literalOrUndefined(dlq.deadLetterTargetQueue), QUEUE_NAME);
  }
}

/**
 * OSS bucket names: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit
 * (https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions).
 */
export const OSS_BUCKET_NAME: TextRule = {
  minLength: 3,
  maxLength: 63,
  chars: /[a-z0-9-]/,
  first: /[a-z0-9]/,
  last: /[a-z0-9]/,
  charset: 'lower-case letters, digits and hyphens, and start and end with a letter or digit',
};

/**
 * A piece of an OSS object key (a prefix or a suffix): at most 1023 characters, the longest object key, without
 * control characters (https://www.alibabacloud.com/help/en/oss/user-guide/object-naming-conventions).
 */
export const OSS_KEY_PART: TextRule = plainText(0, 1023);

/** The products whose events SMQ event notifications deliver, as ROS names them. */
export const EVENT_NOTIFICATION_PRODUCTS = ['oss'] as const;

/**
 * An event notification rule's name: it "must start with a letter and can contain only letters, digits, and hyphens
 * (-). The name cannot exceed 85 characters in length" (OSS, "Configure event notification rules", Rule Name,
 * https://www.alibabacloud.com/help/en/object-storage-service/latest/configure-event-notification-rules). The names
 * this library generates (`<stack>-<path>`, at most 64 characters, the stack name starting with a letter) fit.
 */
export const EVENT_NOTIFICATION_NAME: TextRule = {
  minLength: 1,
  maxLength: 85,
  chars: /[A-Za-z0-9-]/,
  first: /[A-Za-z]/,
  charset: 'letters, digits and hyphens, and start with a letter',
};

/**
 * The form of a structured string (an ARN, an event type): text that must be written out (`fixed`), separators, and
 * fields with their rules. In a string that holds tokens, a token may stand for any part of the fields and the
 * separators between them, but not for fixed text; a string made of tokens alone is not checked.
 */
interface FormText {
  /** The text. */
  readonly text: string;
  /** True when a token may not stand for it (the `acs:mns:` of an ARN); false for a separator. */
  readonly fixed: boolean;
  /**
   * A separator a token stands for only when the literal text after the token does not write it out: the `/` that
   * ends a bucket name (the key prefix after it may hold anything, so a token that could reach it would excuse any
   * bucket name). @default false
   */
  readonly unlessWrittenLater?: boolean;
}
interface FormField {
  /** Matches one allowed character. */
  readonly chars: RegExp;
  /** Matches an allowed first character. @default - any allowed character */
  readonly first?: RegExp;
  /** Matches an allowed last character. @default - any allowed character */
  readonly last?: RegExp;
  /** The shortest allowed length. */
  readonly minLength: number;
  /** The longest allowed length (of the literal text alone when a token is in the field). */
  readonly maxLength: number;
  /** The field's rule in words, for the error. @default - the form alone */
  readonly what?: string;
}
type FormPart = FormText | FormField;

/** A form and what to say when a string with tokens does not write out its fixed text. */
interface Form {
  readonly parts: readonly FormPart[];
  readonly fixedWhat: string;
}

/** A place in a form: `n` characters into part `part` (`part === parts.length` is the end). */
interface FormState {
  readonly part: number;
  readonly n: number;
  /** A token stands for some of the field: its length and first character are not known. */
  readonly touched: boolean;
  /** The field's last character so far may end it. */
  readonly lastOk: boolean;
}

function isFormText(part: FormPart): part is FormText {
  return (part as FormText).text !== undefined;
}

/** A field with the rule of a name elsewhere in this file. */
function fieldOf(rule: TextRule, what: string): FormField {
  return { chars: rule.chars!, first: rule.first, last: rule.last, minLength: rule.minLength, maxLength: rule.maxLength, what };
}

const REGION: FormField = {
  chars: /[a-z0-9-]/, first: /[a-z]/, last: /[a-z0-9]/, minLength: 1, maxLength: Infinity,
  what: 'the region: lower-case letters, digits and hyphens, such as "cn-hangzhou"',
};
const ACCOUNT: FormField = { chars: /[0-9]/, minLength: 1, maxLength: Infinity, what: 'the account: digits' };
const BUCKET = fieldOf(OSS_BUCKET_NAME, 'the bucket: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit');
const KEY_PREFIX: FormField = {
  ...fieldOf(OSS_KEY_PART, 'the key prefix: at most 1023 characters that are not control characters, not starting with "/"'),
  first: /[^/]/,
};
const SEP = (text: string): FormText => ({ text, fixed: false });
const FIXED = (text: string): FormText => ({ text, fixed: true });
const BUCKET_END: FormText = { text: '/', fixed: false, unlessWrittenLater: true };

/** `acs:mns:{region}:{account}:{kind}{name}`. */
function endpointForm(kind: 'queues/' | 'topics/', name: FormField): Form {
  return {
    parts: [FIXED('acs:mns:'), REGION, SEP(':'), ACCOUNT, SEP(':'), FIXED(kind), name],
    fixedWhat: '"acs:mns:" and "queues/" or "topics/" written out: a token may stand for the region, the account and the name',
  };
}
const NAME_CHARS = 'letters, digits and hyphens, starting with a letter or digit';
/** `acs:mns:{region}:{account}:queues/{name}` and `acs:mns:{region}:{account}:topics/{name}` (the topic may exist already). */
const ENDPOINT_FORMS: readonly Form[] = [
  endpointForm('queues/', fieldOf(QUEUE_NAME, `the queue name: ${QUEUE_NAME.minLength} to ${QUEUE_NAME.maxLength} ${NAME_CHARS}`)),
  endpointForm('topics/', fieldOf(EXISTING_TOPIC_NAME, `the topic name: ${EXISTING_TOPIC_NAME.minLength} to ${EXISTING_TOPIC_NAME.maxLength} ${NAME_CHARS}`)),
];
const ENDPOINT_ALLOWED = 'must be "acs:mns:{region}:{account}:queues/{name}" or "acs:mns:{region}:{account}:topics/{name}"';

/** `acs:oss:{region}:{account}:{bucket}/{key prefix}`, as Alibaba's sample writes a resource prefix. */
const RESOURCE_PREFIX_FORM: Form = {
  parts: [FIXED('acs:oss:'), REGION, SEP(':'), ACCOUNT, SEP(':'), BUCKET, BUCKET_END, KEY_PREFIX],
  fixedWhat: '"acs:oss:" written out: a token may stand for the region, the account, the bucket and the key prefix',
};
const RESOURCE_PREFIX_ALLOWED = 'must be "acs:oss:{region}:{account}:{bucket}/{key prefix}"';

/** The end of an object key. */
const RESOURCE_SUFFIX = OSS_KEY_PART;

/** `oss:ObjectCreated:PutObject` and the like (`*` for every operation of a category). */
const EVENT_TYPE_WHAT = '"oss:{category}:{operation}", each in letters, the operation "*" for a whole category';
const EVENT_TYPE_FORM: Form = {
  parts: [
    FIXED('oss:'),
    { chars: /[A-Za-z]/, minLength: 1, maxLength: Infinity, what: EVENT_TYPE_WHAT },
    SEP(':'),
    { chars: /[A-Za-z*]/, minLength: 1, maxLength: Infinity, what: EVENT_TYPE_WHAT },
  ],
  fixedWhat: '"oss:" written out: a token may stand for the category and the operation',
};
const EVENT_TYPE_ALLOWED = 'must be an OSS event type such as "oss:ObjectCreated:PutObject"';

/** Checks `ALIYUN::MNS::EventNotification` props against what Alibaba's sample template shows. */
export function validateEventNotificationProps(scope: ros.IConstruct, props: RosEventNotificationProps): void {
  checkRequired(scope, 'identifier', props.identifier);
  checkText(scope, 'identifier', literalOrUndefined(props.identifier), EVENT_NOTIFICATION_NAME);
  checkRequired(scope, 'productName', props.productName);
  checkProduct(scope, 'productName', props.productName);
  const list = <T>(prop: string, value: T[] | ros.IResolvable): T[] | undefined => {
    if (value === undefined || value === null) {
      throw invalid(scope, prop, value, 'is required');
    }
    if (isUnresolved(value)) {
      return undefined;
    }
    if (!Array.isArray(value) || value.length === 0) {
      throw invalid(scope, prop, value, 'must be a list of at least one item');
    }
    // Array.from turns the holes of a sparse list into undefined, which is then refused (forEach would skip them)
    return Array.from(value);
  };
  const eventTypes = new Repeats(scope, 'eventTypes', 'event types');
  list('eventTypes', props.eventTypes)?.forEach((type, i) => {
    checkForm(scope, `eventTypes[${i}]`, type, [EVENT_TYPE_FORM], EVENT_TYPE_ALLOWED);
    eventTypes.check(i, type, textKey(scope, type));
  });
  const resources = new Repeats(scope, 'resources', 'resources');
  list('resources', props.resources)?.forEach((item, i) => {
    const resource = item as RosEventNotification.ResourcesProperty;
    if (isUnresolved(resource)) {
      return;
    }
    if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
      throw invalid(scope, `resources[${i}]`, resource, 'must be { prefix, suffix? }');
    }
    const unknown = Object.keys(resource).filter((key) => key !== 'prefix' && key !== 'suffix');
    if (unknown.length > 0) {
      throw invalid(scope, `resources[${i}]`, resource, `must have only the keys prefix and suffix (not ${unknown.map((k) => JSON.stringify(k)).join(', ')})`);
    }
    if (resource.prefix === undefined || resource.prefix === null || resource.prefix === '') {
      throw invalid(scope, `resources[${i}].prefix`, resource.prefix, 'is required: "acs:oss:{region}:{account}:{bucket}/{key prefix}"');
    }
    checkForm(scope, `resources[${i}].prefix`, resource.prefix, [RESOURCE_PREFIX_FORM], RESOURCE_PREFIX_ALLOWED);
    const suffix: unknown = resource.suffix;
    if (typeof suffix === 'string') {
      checkText(scope, `resources[${i}].suffix`, suffix, RESOURCE_SUFFIX);
    } else if (suffix !== undefined && !isUnresolved(suffix)) {
      throw invalid(scope, `resources[${i}].suffix`, suffix, 'must be a string, the end of the object key, such as ".jpg"');
    }
    // a missing suffix and an empty one match the same objects
    const prefixKey = textKey(scope, resource.prefix);
    const suffixKey = textKey(scope, suffix ?? '');
    resources.check(i, resource, prefixKey !== undefined && suffixKey !== undefined ? JSON.stringify([prefixKey, suffixKey]) : undefined);
  });
  const endpoints = new Repeats(scope, 'endpoints', 'endpoints');
  list('endpoints', props.endpoints)?.forEach((endpoint, i) => {
    checkForm(scope, `endpoints[${i}]`, endpoint, ENDPOINT_FORMS, ENDPOINT_ALLOWED);
    endpoints.check(i, endpoint, textKey(scope, endpoint));
  });
}

/**
 * A key that is equal for two strings that render alike: a literal's text, or a string with tokens as its literal
 * pieces and the rendered form of its tokens (two `Fn.join` calls with the same parts give the same key). `undefined`
 * for anything else (a token object), which is not compared.
 */
function textKey(scope: ros.IConstruct, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  return isUnresolved(value) ? `T${JSON.stringify(fragmentsOf(scope, value))}` : `L${value}`;
}

/**
 * Refuses an item of a list that repeats an earlier one: the same event type, resource or endpoint twice in one rule is
 * a mistake. Items are compared by a key (see {@link textKey}); an item without a key is not compared.
 */
class Repeats {
  private readonly seen = new Map<string, number>();

  constructor(private readonly scope: ros.IConstruct, private readonly prop: string, private readonly what: string) {}

  public check(i: number, item: unknown, key: string | undefined): void {
    if (key === undefined) {
      return;
    }
    const first = this.seen.get(key);
    if (first !== undefined) {
      throw invalid(this.scope, `${this.prop}[${i}]`, shownValue(this.scope, item),
        `must differ from the other ${this.what} of the rule: it repeats ${this.prop}[${first}]`);
    }
    this.seen.set(key, i);
  }
}

/**
 * A value for an error: a string with tokens as its literal pieces with `<token>` for each token (a join is one token
 * marker, but not one piece), and so the strings of a resource item; anything else as it is.
 */
function shownValue(scope: ros.IConstruct, value: unknown): unknown {
  if (typeof value === 'string') {
    return isUnresolved(value) ? literalText(fragmentsOf(scope, value), '<token>') : value;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnresolved(value)) {
    const item = value as { [key: string]: unknown };
    return Object.fromEntries(Object.keys(item).map((key) => [key, shownValue(scope, item[key])]));
  }
  return value;
}

/** How deep the props of an `ALIYUN::MNS::EventNotification` may nest (they need 3 levels; core gives up at 200). */
const MAX_PROPS_DEPTH = 100;

/**
 * Checks that props are a tree of lists and plain objects: no cycle (`props.resources[0].self = props`), and not nested
 * deeper than {@link MAX_PROPS_DEPTH}. Neither can be rendered, and the props fingerprint of `ValidatedProps` (which
 * runs whatever `enableResourcePropertyConstraint` says) would overflow the stack on them: a ValidationError instead,
 * whatever the flag says. Tokens and other class instances are not looked into. Each object is walked once.
 */
export function checkPropsTree(scope: ros.IConstruct, props: { [key: string]: unknown }): void {
  const open = new Map<object, string>();
  /** The objects walked to the end, with how deep they nest. */
  const done = new Map<object, number>();
  const walk = (value: unknown, at: string, depth: number): number => {
    if (value === null || typeof value !== 'object' || isUnresolved(value)) {
      return 0;
    }
    const isList = Array.isArray(value);
    const proto = Object.getPrototypeOf(value);
    if (!isList && proto !== null && proto !== Object.prototype) {
      return 0;
    }
    const known = done.get(value);
    const height = known ?? 0;
    if (known === undefined) {
      const cycle = open.get(value);
      if (cycle !== undefined) {
        throw invalid(scope, at, `a reference back to ${cycle}`, 'must not hold a list or object it is in: props are a tree, not a cycle');
      }
    }
    if (depth + height > MAX_PROPS_DEPTH) {
      throw invalid(scope, at, `lists and objects nested ${depth + height} levels deep`, `must not nest lists and objects more than ${MAX_PROPS_DEPTH} levels deep`);
    }
    if (known !== undefined) {
      return known;
    }
    open.set(value, at === '' ? 'props' : at);
    let below = 0;
    const entries: Array<[string, unknown]> = isList
      ? Object.keys(value).filter((k) => /^(0|[1-9][0-9]*)$/.test(k)).map((k) => [`${at}[${k}]`, (value as unknown[])[Number(k)]])
      : Object.keys(value).map((k) => [at === '' ? k : `${at}.${k}`, (value as { [key: string]: unknown })[k]]);
    for (const [path, item] of entries) {
      below = Math.max(below, walk(item, path, depth + 1));
    }
    open.delete(value);
    done.set(value, below + 1);
    return below + 1;
  };
  walk(props, '', 0);
}

/**
 * Checks the product name: a literal must be one of {@link EVENT_NOTIFICATION_PRODUCTS}; in a string with tokens, the
 * literal pieces must fit one of them, with each token standing for any text.
 */
function checkProduct(scope: ros.IConstruct, prop: string, value: unknown): void {
  const allowed = `must be one of ${EVENT_NOTIFICATION_PRODUCTS.map((p) => JSON.stringify(p)).join(', ')}`;
  if (typeof value === 'string' && isUnresolved(value)) {
    const pattern = new RegExp(`^${fragmentsOf(scope, value).map((f) => (f.literal !== undefined ? escapeRegExp(f.literal) : '[\\s\\S]*')).join('')}$`);
    if (!EVENT_NOTIFICATION_PRODUCTS.some((p) => pattern.test(p))) {
      throw invalid(scope, prop, shownValue(scope, value), allowed);
    }
    return;
  }
  checkOneOf(scope, prop, value as string, EVENT_NOTIFICATION_PRODUCTS);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Checks a string against one of `forms` (see {@link FormText}); `allowed` is the error's wording, followed by the rule
 * of the part where the string strayed furthest. A value that is not a string and not a token is refused with the same
 * wording; a token object (`IResolvable`) is skipped.
 */
function checkForm(scope: ros.IConstruct, prop: string, value: unknown, forms: readonly Form[], allowed: string): void {
  if (typeof value !== 'string') {
    if (value === undefined || value === null || !isUnresolved(value)) {
      throw invalid(scope, prop, value, allowed);
    }
    return;
  }
  const fragments = fragmentsOf(scope, value);
  if (!fragments.some((f) => f.literal !== undefined)) {
    return;
  }
  let worst: { form: Form; at: number; part: number } | undefined;
  for (const form of forms) {
    const result = matchForm(form.parts, fragments);
    if (result === undefined) {
      return;
    }
    if (worst === undefined || result.at > worst.at) {
      worst = { form, ...result };
    }
  }
  const part = worst!.part < 0 ? undefined : worst!.form.parts[worst!.part];
  const hasToken = fragments.some((f) => f.literal === undefined);
  const detail = part === undefined ? undefined
    : isFormText(part) ? (part.fixed && hasToken ? worst!.form.fixedWhat : undefined)
      : part.what;
  throw invalid(scope, prop, literalText(fragments, '<token>'), detail === undefined ? allowed : `${allowed} (${detail})`);
}

/**
 * Matches a string, as its literal pieces and tokens, against a form. Returns `undefined` when it fits, else how far it
 * got: the position (characters and tokens) where it failed and the furthest part it had reached.
 */
function matchForm(parts: readonly FormPart[], fragments: ReturnType<typeof fragmentsOf>): { at: number; part: number } | undefined {
  let states = formClosure(parts, [{ part: 0, n: 0, touched: false, lastOk: true }]);
  let at = 0;
  // the furthest part still open; at a bad character, the furthest that is not a separator (the character could have
  // gone on the field before it: "oss:Object Created" strays in the category, not at the ":" after it)
  const furthest = (atChar: boolean): number => Math.max(-1, ...states
    .filter((s) => s.part < parts.length && !(atChar && isFormText(parts[s.part]) && !(parts[s.part] as FormText).fixed))
    .map((s) => s.part));
  for (const [i, fragment] of fragments.entries()) {
    if (fragment.literal === undefined) {
      const later = literalText(fragments.slice(i + 1));
      states = formClosure(parts, states.flatMap((s) => afterToken(parts, s, later)));
      at++;
      continue;
    }
    for (const c of fragment.literal) {
      const next = formClosure(parts, states.flatMap((s) => afterChar(parts, s, c)));
      if (next.length === 0) {
        return { at, part: furthest(true) };
      }
      states = next;
      at++;
    }
  }
  return states.some((s) => s.part === parts.length) ? undefined : { at, part: furthest(false) };
}

/** The states after one literal character. */
function afterChar(parts: readonly FormPart[], s: FormState, c: string): FormState[] {
  const part = parts[s.part];
  if (part === undefined) {
    return [];
  }
  if (isFormText(part)) {
    return part.text[s.n] === c ? [{ ...s, n: s.n + 1 }] : [];
  }
  const startsField = s.n === 0 && !s.touched;
  if (s.n >= part.maxLength || !part.chars.test(c) || (startsField && part.first !== undefined && !part.first.test(c))) {
    return [];
  }
  return [{ part: s.part, n: s.n + 1, touched: s.touched, lastOk: part.last === undefined || part.last.test(c) }];
}

/**
 * The states after a token: it may stand for nothing, for the rest of the current field, and for any fields and
 * separators after it, up to the next fixed text (or a separator that `later`, the literal text after the token, writes
 * out, when the separator says so).
 */
function afterToken(parts: readonly FormPart[], s: FormState, later: string): FormState[] {
  const out: FormState[] = [s];
  const current = parts[s.part];
  const stops = (part: FormText): boolean => part.fixed || (part.unlessWrittenLater === true && later.includes(part.text));
  if (current === undefined || (isFormText(current) && stops(current))) {
    return out;
  }
  if (!isFormText(current)) {
    out.push({ ...s, touched: true, lastOk: true });
  }
  for (let k = s.part + 1; k <= parts.length; k++) {
    const part = parts[k];
    if (part === undefined) {
      out.push({ part: k, n: 0, touched: false, lastOk: true });
      break;
    }
    const text = isFormText(part);
    out.push({ part: k, n: 0, touched: !text, lastOk: true });
    if (text && stops(part)) {
      break;
    }
  }
  return out;
}

/** Adds the states reached by finishing a part, and drops duplicates. */
function formClosure(parts: readonly FormPart[], states: readonly FormState[]): FormState[] {
  const seen = new Map<string, FormState>();
  const work = [...states];
  while (work.length > 0) {
    const s = work.pop()!;
    const key = `${s.part}:${s.n}:${s.touched}:${s.lastOk}`;
    if (seen.has(key)) {
      continue;
    }
    seen.set(key, s);
    const part = parts[s.part];
    if (part === undefined) {
      continue;
    }
    const done = isFormText(part) ? s.n === part.text.length : s.lastOk && (s.touched || s.n >= part.minLength);
    if (done) {
      work.push({ part: s.part + 1, n: 0, touched: false, lastOk: true });
    }
  }
  return [...seen.values()];
}
