/**
 * The SMQ wiring of one ROS template, read from its rendered JSON: channels, what feeds them and what reads them, and
 * the RAM policies. The rules (rules.ts) read this model only, so they work the same on a stack of this app and on a
 * template from anywhere else (`SmqChecks.checkTemplate`).
 *
 * A value the template only knows at deploy time (a parameter, an attribute of a resource of another kind) is
 * "unknown": a rule never reports what it cannot tell.
 */

/** A resource of the template. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: { readonly [key: string]: unknown };
  /**
   * How many resources ROS makes of it: its `Count` when that is a literal number, 1 without one; `undefined` when
   * the Count is known only at deploy time
   * (https://www.alibabacloud.com/help/en/ros/use-cases/use-count-to-deploy-massive-resources).
   */
  readonly count: number | undefined;
}

/** Where a stack deploys: its region and account when they are literal. */
export interface StackEnv {
  readonly region?: string;
  readonly account?: string;
}

/** How a template uses a channel that another template of the same run owns. */
export type ChannelUse = 'subscribe' | 'deadLetter' | 'read';

/**
 * A reference by literal name to a queue or topic that the template does not own: a subscription to a topic of
 * another stack, a dead-letter queue of another stack, a reader of a queue of another stack.
 */
export interface NamedChannelRef {
  readonly kind: ChannelKindName;
  readonly name: string;
  /** The region the reference names, or the referring stack's; `undefined` when not literal. */
  readonly region?: string;
  /** The account the reference names, or the referring stack's; `undefined` when not literal. */
  readonly account?: string;
  readonly use: ChannelUse;
  /** What refers: `queue trigger 'x'`. */
  readonly label: string;
  /** For a reader: whether it sets failed messages aside in a dead-letter queue of its own. */
  readonly hasDeadLetterQueue?: boolean;
  /** The referring stack's name; set by the run that joins the stacks. */
  readonly stack?: string;
}

/** A channel a template owns, as other templates of the run see it. */
export interface OwnedChannel {
  readonly kind: ChannelKindName;
  readonly name: string;
  readonly region?: string;
  readonly account?: string;
}

/** What the other templates of a run tell about this one. */
export interface RunContext {
  /** Where this template's stack deploys. */
  readonly env?: StackEnv;
  /** The references of the other templates of the run, to channels they do not own, with their stack names. */
  readonly external?: readonly NamedChannelRef[];
  /** The channels the other templates own. */
  readonly otherChannels?: readonly OwnedChannel[];
}

/** One piece of a rendered value: literal text, a `Fn::GetAtt`, or something known only at deploy time. */
type Part = { readonly text: string } | { readonly getAtt: readonly [string, string] } | { readonly unknown: true };

/** The attributes that name or identify a queue or a topic. */
const CHANNEL_ATTRIBUTES = new Set(['QueueName', 'TopicName', 'ARN', 'ARN.WithSlash', 'QueueUrl', 'TopicUrl']);
const QUEUE_TYPE = 'ALIYUN::MNS::Queue';
const TOPIC_TYPE = 'ALIYUN::MNS::Topic';
/** A placeholder for a part known only at deploy time, in the text a value is read as. */
const UNKNOWN = '\u0000';

/** The kind of channel a reference names. */
export type ChannelKindName = 'queue' | 'topic';

/** A reference to a channel: one of this template, or a name this template does not own, or unknown. */
export interface ChannelRef {
  /** The logical id of the queue or topic in this template. */
  readonly logicalId?: string;
  /** True when the reference could name any channel (a parameter, a token): rules then stay silent. */
  readonly unknown?: boolean;
  /** The literal name of a channel this template does not own. */
  readonly name?: string;
  /** The literal region an ARN names. */
  readonly region?: string;
  /** The literal account an ARN names. */
  readonly account?: string;
}

/** The rendered template, indexed for the rules. */
export class TemplateModel {
  /** Every resource, in logical-id order. */
  public readonly resources: TemplateResource[];
  /** Where the template's stack deploys, as far as the run knows. */
  public readonly env: StackEnv;
  /** The references of the other templates of the run to channels they do not own. */
  public readonly external: readonly NamedChannelRef[];
  /** The channels the other templates of the run own. */
  public readonly otherChannels: readonly OwnedChannel[];
  private readonly byId = new Map<string, TemplateResource>();
  private readonly byName = new Map<string, string[]>();

  constructor(template: { readonly [key: string]: unknown }, context: RunContext = {}) {
    this.env = context.env ?? {};
    this.external = context.external ?? [];
    this.otherChannels = context.otherChannels ?? [];
    const section = template.Resources;
    const entries = isObject(section) ? Object.entries(section) : [];
    this.resources = entries
      .filter(([, r]) => isObject(r))
      .map(([logicalId, r]) => {
        const res = r as { Type?: unknown; Properties?: unknown; Count?: unknown };
        const count = res.Count === undefined || res.Count === null ? 1 : literalNumber(res.Count);
        return {
          logicalId,
          type: typeof res.Type === 'string' ? res.Type : '',
          properties: isObject(res.Properties) ? res.Properties : {},
          count: count !== undefined && Number.isInteger(count) ? count : undefined,
        };
      })
      .sort((a, b) => compare(a.logicalId, b.logicalId));
    for (const r of this.resources) {
      this.byId.set(r.logicalId, r);
      const key = r.type === QUEUE_TYPE ? 'queue' : r.type === TOPIC_TYPE ? 'topic' : undefined;
      const name = key === undefined ? undefined : literal(r.properties[key === 'queue' ? 'QueueName' : 'TopicName']);
      if (key !== undefined && name !== undefined) {
        const k = `${key}\u0000${name}`;
        this.byName.set(k, [...(this.byName.get(k) ?? []), r.logicalId]);
      }
    }
  }

  /** The resources of the given types, in logical-id order. */
  public ofType(...types: string[]): TemplateResource[] {
    return this.resources.filter((r) => types.includes(r.type));
  }

  /** The resource with this logical id. */
  public resource(logicalId: string): TemplateResource | undefined {
    return this.byId.get(logicalId);
  }

  /** The queues of the template. */
  public get queues(): TemplateResource[] {
    return this.ofType(QUEUE_TYPE);
  }

  /** The topics of the template. */
  public get topics(): TemplateResource[] {
    return this.ofType(TOPIC_TYPE);
  }

  /**
   * The channel a value names: a name (`jobs`), an ARN or endpoint (`acs:mns:...:/queues/jobs`, `.../queues/jobs/messages`),
   * either of them written with `Fn::Join` or `Fn::Sub` around a queue's or topic's attribute, or the attribute itself.
   * `bareName` says whether a text without `queues/` or `topics/` is a name (a DlqPolicy's queue) or not (an ARN).
   */
  public channel(value: unknown, kind: ChannelKindName, bareName = false): ChannelRef {
    if (value === undefined || value === null) {
      return {};
    }
    const parts = partsOf(value);
    const type = kind === 'queue' ? QUEUE_TYPE : TOPIC_TYPE;
    for (const part of parts) {
      if ('getAtt' in part && CHANNEL_ATTRIBUTES.has(part.getAtt[1]) && this.byId.get(part.getAtt[0])?.type === type) {
        return { logicalId: part.getAtt[0] };
      }
    }
    const text = textOf(parts);
    const match = new RegExp(`(?:^|[:/])${kind === 'queue' ? 'queues' : 'topics'}/([^/]*)(?:/|$)`).exec(text);
    const name = match ? match[1] : bareName && !text.includes(':') && !text.includes('/') ? text : undefined;
    if (name === undefined) {
      return { unknown: text.includes(UNKNOWN) };
    }
    if (name.includes(UNKNOWN) || name === '') {
      return { unknown: true };
    }
    const ids = this.byName.get(`${kind}\u0000${name}`) ?? [];
    if (ids.length > 0) {
      return ids.length === 1 ? { logicalId: ids[0] } : { unknown: true };
    }
    const arn = /^acs:(?:mns|ess):([^:]*):([^:]*):/i.exec(text);
    const known = (part: string | undefined): string | undefined => (part === undefined || part === '' || part === '*' || part.includes(UNKNOWN) ? undefined : part);
    return { name, region: known(arn?.[1]), account: known(arn?.[2]) };
  }

  /** The literal name of a queue or topic of this template; `undefined` when it is computed. */
  public channelName(r: TemplateResource): string | undefined {
    return literal(r.properties[r.type === QUEUE_TYPE ? 'QueueName' : 'TopicName']);
  }

  /**
   * The references of the other templates of the run that name this template's queue or topic `r` for `use`: same
   * literal name, and the same region and account where both sides know them.
   */
  public usesFromOtherStacks(r: TemplateResource, use: ChannelUse): NamedChannelRef[] {
    const kind: ChannelKindName = r.type === QUEUE_TYPE ? 'queue' : 'topic';
    const name = this.channelName(r);
    return name === undefined ? [] : this.external.filter((x) => x.kind === kind && x.use === use && x.name === name && sameEnv(x, this.env));
  }

  /** True when another template of the run owns a channel of this kind and name, in a region and account that may match. */
  public ownedElsewhere(kind: ChannelKindName, name: string, where: StackEnv): boolean {
    return this.otherChannels.some((c) => c.kind === kind && c.name === name && sameEnv(c, where));
  }

  /**
   * The function resource a trigger names: a `Fn::GetAtt` of the function, or its literal name (with the service's,
   * for FC 2.0). `undefined` when the function is not one of this template or cannot be told.
   */
  public functionOf(trigger: TemplateResource): TemplateResource | undefined {
    return this.functionNamed(trigger.properties.FunctionName, trigger.properties.ServiceName, trigger.type === 'ALIYUN::FC::Trigger');
  }

  /**
   * The function resource named by `name` (a `Fn::GetAtt` of the function or its literal name) and, for FC 2.0, by
   * `serviceName`. `undefined` when it is not one of this template or cannot be told.
   */
  public functionNamed(name: unknown, serviceName: unknown, fc2: boolean): TemplateResource | undefined {
    const type = fc2 ? 'ALIYUN::FC::Function' : 'ALIYUN::FC3::Function';
    const byAtt = getAttOf(name);
    if (byAtt !== undefined) {
      const found = this.byId.get(byAtt[0]);
      return found?.type === type ? found : undefined;
    }
    const text = literal(name);
    if (text === undefined) {
      return undefined;
    }
    const service = fc2 ? this.serviceName(serviceName) : undefined;
    const candidates = this.ofType(type).filter((f) => literal(f.properties.FunctionName) === text
      && (!fc2 || (service !== undefined && this.serviceName(f.properties.ServiceName) === service)));
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  /** A service named by a literal or by the service's attribute, as one key; `undefined` when unknown. */
  private serviceName(value: unknown): string | undefined {
    const att = getAttOf(value);
    if (att !== undefined) {
      const service = this.byId.get(att[0]);
      return literal(service?.properties.ServiceName) ?? `\u0000${att[0]}`;
    }
    return literal(value);
  }
}

/** True when the two places may be the same: each of region and account equal, or unknown on one side. */
export function sameEnv(a: StackEnv, b: StackEnv): boolean {
  return (a.region === undefined || b.region === undefined || a.region === b.region)
    && (a.account === undefined || b.account === undefined || a.account === b.account);
}

/** The value as a list of parts: literal text, attributes, and unknowns (`Ref`, other functions). */
export function partsOf(value: unknown): Part[] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return [{ text: String(value) }];
  }
  if (!isObject(value)) {
    return [{ unknown: true }];
  }
  const att = getAttOf(value);
  if (att !== undefined) {
    return [{ getAtt: att }];
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].flatMap((item: unknown, i: number) => (i === 0 ? partsOf(item) : [{ text: join[0] as string }, ...partsOf(item)]));
  }
  const sub = value['Fn::Sub'];
  const [text, variables] = Array.isArray(sub) ? sub : [sub, {}];
  if (typeof text === 'string') {
    const out: Part[] = [];
    let last = 0;
    for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
      out.push({ text: text.slice(last, m.index) });
      const name = m[1];
      const given = isObject(variables) ? variables[name] : undefined;
      if (name.startsWith('!')) {
        out.push({ text: `\${${name.slice(1)}}` });
      } else if (given !== undefined) {
        out.push(...partsOf(given));
      } else if (name.includes('.')) {
        const dot = name.indexOf('.');
        out.push({ getAtt: [name.slice(0, dot), name.slice(dot + 1)] });
      } else {
        out.push({ unknown: true });
      }
      last = m.index! + m[0].length;
    }
    out.push({ text: text.slice(last) });
    return out;
  }
  return [{ unknown: true }];
}

/** The parts as text, each part known only at deploy time shown as one placeholder character. */
export function textOf(parts: readonly Part[]): string {
  return parts.map((p) => ('text' in p ? p.text : UNKNOWN)).join('');
}

/** True when a text read by {@link textOf} holds a part known only at deploy time. */
export function hasUnknown(text: string): boolean {
  return text.includes(UNKNOWN);
}

/** `[logicalId, attribute]` of a `Fn::GetAtt` (array or dotted form). */
function getAttOf(value: unknown): readonly [string, string] | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  const att = value['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string' && typeof att[1] === 'string') {
    return [att[0], att[1]];
  }
  if (typeof att === 'string' && att.includes('.')) {
    const dot = att.indexOf('.');
    return [att.slice(0, dot), att.slice(dot + 1)];
  }
  return undefined;
}

/** The text of a literal string, number or boolean value; `undefined` for anything the template computes. */
export function literal(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** The number a value holds, when it is a literal number (or digits in a string); `undefined` otherwise. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) {
    return Number(value);
  }
  return undefined;
}

/** The boolean a value holds, when it is literal (`true`, `'true'`, ...); `undefined` otherwise. */
export function literalBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return value.trim().toLowerCase() === 'true';
  }
  return undefined;
}

/** True for a plain object (not an array, not null). */
export function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for an object that is a template function: `{ Ref }` or `{ "Fn::...": ... }`, known only at deploy time. */
export function isIntrinsic(value: unknown): boolean {
  if (!isObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** True for a plain object of the template that is not a template function. */
export function isPlain(value: unknown): value is { readonly [key: string]: unknown } {
  return isObject(value) && !isIntrinsic(value);
}

/**
 * The member of `value` at `path`, each key matched without regard to case (templates write FC trigger configs in
 * camelCase or PascalCase). A JSON text on the way is parsed (TriggerConfig may be given as text).
 */
export function member(value: unknown, ...path: string[]): unknown {
  let current = parseJsonText(value);
  for (const key of path) {
    if (!isPlain(current)) {
      return undefined;
    }
    const lower = key.toLowerCase();
    const found = Object.keys(current).find((k) => k.toLowerCase() === lower);
    current = found === undefined ? undefined : parseJsonText(current[found]);
  }
  return current;
}

function parseJsonText(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*\{/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** The items of a list value; a single value (a text, a `Fn::Join`, a `Ref`) as a list of one. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** Compares two strings by UTF-16 code units (the same order everywhere, whatever the locale). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
