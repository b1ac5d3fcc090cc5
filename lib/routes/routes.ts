/**
 * The route simulator: reads synthesized ROS templates into the topology of their SMQ wiring and walks an event
 * through it offline, hop by hop, with the reason for every hop taken and every place the event stops.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import { templateOfStack } from '../assertions/private/stack-template';
import { shortHash } from '../core/names';
import { ValidationError } from '../core/validation';
import { EventPatternMatcher } from './event-pattern-match';
import { at, essNotificationType, eventLocation, EventView, first1, lifecycleTransitionOf, nativeBody, ossFacts, viewOf } from './events';
import { MatchResult, RouteNode, RouteNodeKind, Topology } from './model';
import { displayOf, isObject, SymbolKind, TemplateReader } from './template-values';
import { BodyParameter, Check, EventProduct, ReadTopology, TopologyReader, Wiring, WiringRole } from './topology';

/** One hop an event took. */
export interface RouteHop {
  /** The node it came from. */
  readonly from: string;
  /** The node it went to. */
  readonly to: string;
  /** The ROS type of the resource that makes the wiring. */
  readonly via: string;
  /** That resource's logical id. */
  readonly logicalId: string;
  /** The stack of that resource. */
  readonly stack: string;
  /**
   * Why the event took it: the filter that matched, or that there is none; how the push wraps the message (a
   * subscription's XML or JSON envelope); and, on a second copy, that it is one.
   */
  readonly reason: string;
  /**
   * `true` when this hop brings `to` a second (or later) copy of the message: the message reached `to` before by
   * another path (a fan-in, such as two subscriptions whose queues both feed one function), and `to` gets it again.
   * Copies that are alternatives (two readers of one queue: each message goes to one of them) are not duplicates.
   *
   * @default - absent: the first copy at `to`
   */
  readonly duplicate?: boolean;
}

/** A place where an event stopped. */
export interface RouteDrop {
  /** The node where it stopped. */
  readonly at: string;
  /** The node it would have gone to. */
  readonly to: string;
  /** The ROS type of the resource whose wiring it did not take. */
  readonly via: string;
  /** That resource's logical id. */
  readonly logicalId: string;
  /** The stack of that resource. */
  readonly stack: string;
  /** Why: the filter that did not match, a loop (a hop repeated on one path), ... */
  readonly reason: string;
}

/** What `deliver()` found. */
export interface Delivery {
  /** Every hop taken, in the order the event took them (breadth first from where it entered). */
  readonly hops: RouteHop[];
  /** Every place the event stopped, in the order they were met. */
  readonly drops: RouteDrop[];
  /** Every node the event reached (where it entered, channels, consumers), in the order first reached. */
  readonly reached: string[];
  /**
   * The nodes that received more than one copy of the message (by several paths: a fan-in), with the number of
   * copies each received; empty when every node got the message once. The hops that brought the extra copies are
   * marked `duplicate`.
   */
  readonly copies: { [node: string]: number };
}

/** Options of {@link Routes.deliver}. */
export interface DeliverOptions {
  /**
   * Start at this node (its id, such as `Media/Orders`) instead of where the event's product writes: the event is a
   * message that you send to this queue or publish to this topic yourself.
   *
   * @default - the event enters through every source of its product
   */
  readonly from?: string;
  /**
   * The tag the message is published with (SMQ's `MessageTag`), for subscriptions and topic triggers with a filter
   * tag. Products that write to SMQ themselves publish without a tag.
   *
   * @default - no tag
   */
  readonly messageTag?: string;
  /**
   * The region the stacks are deployed to, for `ALIYUN::Region` in filters (an EventBridge rule's subject prefix).
   *
   * @default - the region the event says it comes from
   */
  readonly region?: string;
  /**
   * The account the stacks are deployed to, for `ALIYUN::TenantId` in filters.
   *
   * @default - the account the event says it comes from
   */
  readonly account?: string;
  /**
   * Whether the asynchronous invocations of functions the event reaches fail (after their retries): their results
   * then go to the `OnFailure` destinations instead of the `OnSuccess` ones.
   *
   * @default false
   */
  readonly invocationFails?: boolean;
  /**
   * At most this many hops are walked: a guard for graphs with many fan-ins (each path is walked; a loop is cut where
   * a path would take a hop a second time).
   *
   * @default 1000
   */
  readonly maxHops?: number;
}

/** A message on its way: what it holds, its tag, and the event it came from. */
interface Message {
  readonly body: unknown;
  readonly tag?: string;
  readonly view: EventView;
}

const DEFAULT_MAX_HOPS = 1000;
/** 2026-01-01T00:00:00.000Z, the sample events' default time. */
const DEFAULT_PUBLISH_TIME = Date.UTC(2026, 0, 1);
/** The manifest type of a nested cloud assembly (the stacks of a `ros.Stage`). */
const NESTED_ASSEMBLY = 'cdk:cloud-assembly';

/** A template with its stack's name, and the stage path of a stack inside a `ros.Stage`. */
interface StackTemplate {
  readonly stackName: string;
  readonly template: { [key: string]: any };
  readonly stage?: string;
}

/**
 * The SMQ wiring of one or more synthesized stacks, as a graph: sources (OSS buckets, EventBridge rules, CloudMonitor
 * rules, scaling groups, IoT rules, functions' results, IMS callbacks) -> channels (queues, topics) -> consumers
 * (subscriptions' endpoints, FC triggers, event streams' sinks).
 *
 * ```ts
 * const routes = Routes.fromStack(stack);
 * const delivery = routes.deliver(SampleEvents.ossObjectCreated({ bucket: 'media', key: 'incoming/cat.jpg' }));
 * delivery.hops.forEach((h) => console.log(`${h.from} -> ${h.to}: ${h.reason}`));
 * ```
 */
export class Routes {
  /**
   * The routes of one stack: its template, synthesized through its app (ROS CDK synthesizes an app once: make all
   * stacks before the first synthesis). Channels of other stacks named here are nodes of their own; read them
   * together with {@link Routes.fromApp} or {@link Routes.fromCloudAssembly}.
   */
  public static fromStack(stack: ros.Stack): Routes {
    let template: { [key: string]: any };
    try {
      template = templateOfStack(stack);
    } catch (e) {
      throw new Error((e as Error).message.replace(/^Template\.fromStack/, 'Routes.fromStack'));
    }
    return new Routes([{ stackName: stack.stackName, template }]);
  }

  /**
   * The routes of every stack of an app (or stage), synthesized, joined across stacks; stacks inside a `ros.Stage`
   * (a nested cloud assembly) included. A stack's name is its node ids' first part; when two stacks of different
   * stages have one name, each staged one is qualified by its stage path (`Prod.Api`, `Prod.Eu.Api`).
   */
  public static fromApp(app: ros.Stage): Routes {
    if (!ros.Stage.isStage(app)) {
      throw new ValidationError('', 'Routes.fromApp(app)', app, 'must be a ros.App or ros.Stage');
    }
    const stacks: StackTemplate[] = [];
    const collect = (assembly: ReturnType<ros.Stage['synth']>, stage: string | undefined): void => {
      for (const s of assembly.stacks) {
        stacks.push({ stackName: s.stackName, template: s.template, stage });
      }
      for (const artifact of [...assembly.artifacts].sort((a, b) => compare(a.id, b.id))) {
        if (artifact.manifest.type === NESTED_ASSEMBLY) {
          const properties: { [key: string]: any } = artifact.manifest.properties ?? {};
          collect(assembly.getNestedAssembly(artifact.id), typeof properties.displayName === 'string' ? properties.displayName : artifact.id);
        }
      }
    };
    collect(app.synth(), undefined);
    return new Routes(qualified(stacks, 'Routes.fromApp(app)'));
  }

  /**
   * The routes of one template.
   *
   * @param template the template, as a parsed JSON object
   * @param stackName the stack's name, the first part of every node id
   */
  public static fromTemplate(template: { [key: string]: any }, stackName: string): Routes {
    return Routes.fromTemplates({ [checkStackName(stackName)]: template });
  }

  /**
   * The routes of several templates, joined: a channel made in one stack and named (by a literal name) in another is
   * one node.
   *
   * @param templates the templates, by stack name
   */
  public static fromTemplates(templates: { [stackName: string]: { [key: string]: any } }): Routes {
    if (!isObject(templates)) {
      throw new ValidationError('', 'templates', templates, 'must be an object of templates by stack name');
    }
    return new Routes(Object.keys(templates).map((stackName) => {
      const template = templates[checkStackName(stackName)];
      if (!isObject(template)) {
        throw new ValidationError('', `templates[${JSON.stringify(stackName)}]`, template, 'must be a template object (parsed JSON)');
      }
      return { stackName, template };
    }));
  }

  /**
   * The routes of every stack of a cloud assembly directory (`cdk.out`): the stacks its `manifest.json` lists, and
   * those of the nested assemblies it lists (`cdk:cloud-assembly` artifacts: the `assembly-<stage>/` folders of the
   * stacks inside a `ros.Stage`), named as {@link Routes.fromApp} names them; without a manifest, every
   * `*.template.json` in it and in its `assembly-*` folders (named after the file).
   *
   * @param dir the directory
   */
  public static fromCloudAssembly(dir: string): Routes {
    if (typeof dir !== 'string' || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new ValidationError('', 'Routes.fromCloudAssembly(dir)', dir, 'must be a directory holding a synthesized cloud assembly (cdk.out)');
    }
    const files: Array<{ stackName: string; file: string; stage?: string }> = [];
    const visited = new Set<string>();
    const collect = (folder: string, stage: string | undefined): void => {
      const real = fs.realpathSync(folder);
      if (visited.has(real)) {
        return;
      }
      visited.add(real);
      const manifest = path.join(folder, 'manifest.json');
      if (fs.existsSync(manifest)) {
        const artifacts = readJson(manifest).artifacts ?? {};
        for (const id of Object.keys(artifacts).sort()) {
          const artifact = artifacts[id];
          const properties = isObject(artifact) && isObject(artifact.properties) ? artifact.properties : {};
          if (isObject(artifact) && artifact.type === 'aliyun:ros:stack' && typeof properties.templateFile === 'string') {
            files.push({ stackName: typeof properties.stackName === 'string' ? properties.stackName : id, file: path.join(folder, properties.templateFile), stage });
          } else if (isObject(artifact) && artifact.type === NESTED_ASSEMBLY && typeof properties.directoryName === 'string') {
            const nested = path.join(folder, properties.directoryName);
            if (!fs.existsSync(nested) || !fs.statSync(nested).isDirectory()) {
              throw new Error(`Routes.fromCloudAssembly: ${manifest} lists the nested assembly ${JSON.stringify(id)}, but ${nested} is not a directory`);
            }
            collect(nested, typeof properties.displayName === 'string' ? properties.displayName : id);
          }
        }
        return;
      }
      const entries = fs.readdirSync(folder).sort();
      for (const file of entries.filter((f) => f.endsWith('.template.json'))) {
        files.push({ stackName: file.slice(0, -'.template.json'.length), file: path.join(folder, file), stage });
      }
      for (const sub of entries.filter((f) => f.startsWith('assembly-') && fs.statSync(path.join(folder, f)).isDirectory())) {
        collect(path.join(folder, sub), sub.slice('assembly-'.length));
      }
    };
    collect(dir, undefined);
    if (files.length === 0) {
      throw new ValidationError('', 'Routes.fromCloudAssembly(dir)', dir, 'must hold at least one stack template (*.template.json)');
    }
    return new Routes(qualified(files.map((f) => ({ stackName: f.stackName, template: readJson(f.file), stage: f.stage })), 'Routes.fromCloudAssembly(dir)'));
  }

  private readonly read: ReadTopology;
  private readonly byId = new Map<string, RouteNode>();

  private constructor(templates: Array<{ stackName: string; template: { [key: string]: any } }>) {
    this.read = new TopologyReader(templates).read();
    for (const node of this.read.topology.nodes) {
      this.byId.set(node.id, node);
    }
  }

  /** The nodes and edges, in a stable order (by stack, then id). A fresh copy each time. */
  public get topology(): Topology {
    return JSON.parse(JSON.stringify(this.read.topology));
  }

  /** The node with this id, if there is one. */
  public node(id: string): RouteNode | undefined {
    const node = this.byId.get(id);
    return node === undefined ? undefined : JSON.parse(JSON.stringify(node));
  }

  /**
   * Walks an event through the wiring: from every source of its product (or from `options.from`) into channels, from
   * channels to consumers and on (a function's results to its destinations, an event stream to its sink), checking at
   * each hop what the template says a message must satisfy. Every path is walked: a message that reaches a node by
   * two paths (a fan-in) reaches it twice, and the hop of the second copy is marked `duplicate` (see
   * `Delivery.copies`); a path that would take a hop it already took (a loop) is cut there, and the cut is reported
   * as a drop. Dead-letter queues are not walked. A queue read by several queue triggers or event streams gives each
   * message to one of them: all are walked, and their hops' reasons say so. A wiring the template makes but switches
   * off (a queue trigger with `triggerEnable: false`, an EventBridge rule with `Status: DISABLE`, an event stream not
   * started or paused, an IoT rule not started) is a drop with that reason, and is no reader of its queue.
   *
   * What each hop passes on is what the service delivers: a topic's push wraps the message in SMQ's XML or JSON
   * envelope (`NotifyContentFormat`, XML by default; SIMPLIFIED and mail or SMS endpoints get the bare body; an FC
   * topic trigger's STREAM gives the function the bare body, its JSON the envelope), and a queue read as an event
   * source (queue trigger, event stream) becomes the CloudEvent of SMQ's event source, `data: { requestId, messageId,
   * messageBody }` (`messageBody` Base64 when the source does not decode it), so a filter further on sees what it
   * would see in the cloud.
   *
   * @param event a `SampleEvent` (`SampleEvents.*`), a CloudEvent as EventBridge delivers it (`specversion`,
   *   `source`, `type`, ...), or the body a product writes to SMQ itself (SMQ's OSS notification `{ events: [...] }`, a
   *   CloudMonitor alert, an Auto Scaling notification, an FC destination record, an IMS callback), or with
   *   `options.from` any message body
   */
  public deliver(event: { [key: string]: any }, options: DeliverOptions = {}): Delivery {
    if (!isObject(options)) {
      throw new ValidationError('', 'options', options, 'must be an object of DeliverOptions');
    }
    const maxHops = options.maxHops ?? DEFAULT_MAX_HOPS;
    if (typeof maxHops !== 'number' || !Number.isInteger(maxHops) || maxHops < 1) {
      throw new ValidationError('', 'options.maxHops', maxHops, 'must be a whole number of at least 1');
    }
    if (options.messageTag !== undefined && typeof options.messageTag !== 'string') {
      throw new ValidationError('', 'options.messageTag', options.messageTag, 'must be a string');
    }
    const view = viewOf(event);
    if (options.from === undefined && !isObject(event)) {
      throw new ValidationError('', 'event', event, 'must be a SampleEvent, a CloudEvent or a product\'s message body (an object)');
    }
    const walk = new Walk(this.read.wirings, this.byId, view, options, maxHops);
    if (options.from !== undefined) {
      if (typeof options.from !== 'string' || !this.byId.has(options.from)) {
        throw new ValidationError('', 'options.from', options.from, `must be the id of a node of the topology (${this.suggest(options.from)})`);
      }
      walk.start(options.from, { body: view.raw, tag: options.messageTag, view });
    } else {
      walk.enter();
    }
    return walk.result();
  }

  private suggest(given: unknown): string {
    const channels = this.read.topology.nodes.filter((n) => n.kind === RouteNodeKind.CHANNEL);
    const close = typeof given === 'string' ? channels.filter((n) => n.label === given || n.logicalId === given || n.id.endsWith(`/${given}`)) : [];
    const shown = (close.length > 0 ? close : channels).slice(0, 5).map((n) => `"${n.id}"`);
    return shown.length === 0 ? 'the topology has no channels' : `${close.length > 0 ? 'did you mean' : 'such as'} ${shown.join(', ')}`;
  }
}

/** Where a message is on its way: the hops it took from where it entered, and the nodes they passed. */
interface Trail {
  /** The wirings taken, in order. */
  readonly path: Wiring[];
  /** The nodes passed, from where the message entered to where it is. */
  readonly nodes: string[];
}

/** A message waiting to leave a node. */
interface Step extends Trail {
  readonly node: string;
  readonly message: Message;
  readonly synchronous: boolean;
}

/** One walk of one event. */
class Walk {
  private readonly hops: RouteHop[] = [];
  private readonly drops: RouteDrop[] = [];
  private readonly reached: string[] = [];
  private readonly seen = new Set<string>();
  /** The paths by which the message reached each node (not counting a return to a node on its own path). */
  private readonly arrivals = new Map<string, Wiring[][]>();
  /** How many copies of the message each node received. */
  private readonly copies = new Map<string, number>();
  /** The wirings by the node they leave, in topology order. */
  private readonly leaving = new Map<string, Wiring[]>();
  private readonly queue: Step[] = [];
  private readonly env: { region?: string; account?: string };
  /** The resources that read each queue (queue triggers, event streams), by the queue's node id. */
  private readonly readers = new Map<string, string[]>();

  constructor(
    private readonly wirings: Wiring[],
    private readonly nodes: Map<string, RouteNode>,
    private readonly view: EventView,
    private readonly options: DeliverOptions,
    private readonly maxHops: number,
  ) {
    const location = eventLocation(view);
    this.env = { region: options.region ?? location.region, account: options.account ?? location.account };
    for (const wiring of wirings) {
      const list = this.leaving.get(wiring.edge.from) ?? [];
      list.push(wiring);
      this.leaving.set(wiring.edge.from, list);
      // a disabled trigger or a stream that does not run takes no message: not a reader
      if (wiring.wrap === true && wiring.role === WiringRole.LINK && wiring.disabled === undefined) {
        const readers = this.readers.get(wiring.edge.from) ?? [];
        const reader = readerOf(wiring);
        if (!readers.includes(reader)) {
          readers.push(reader);
        }
        this.readers.set(wiring.edge.from, readers);
      }
    }
  }

  /** Enters through every source of the event's product, then walks on. */
  public enter(): void {
    for (const wiring of this.wirings) {
      if (wiring.role !== WiringRole.ENTRY || !this.applies(wiring)) {
        continue;
      }
      const result = this.switchedOff(wiring) ?? this.check(wiring, { body: undefined, tag: this.options.messageTag, view: this.view });
      this.record(wiring, result, this.entryBody(wiring), false, { path: [], nodes: [wiring.edge.from] });
    }
    this.run();
  }

  /** Starts with a message in one node, then walks on. */
  public start(node: string, message: Message): void {
    this.reach(node);
    this.arrivals.set(node, [[]]);
    this.copies.set(node, 1);
    this.queue.push({ node, message, synchronous: false, path: [], nodes: [node] });
    this.run();
  }

  public result(): Delivery {
    const copies: { [node: string]: number } = {};
    for (const node of this.reached) {
      const count = this.copies.get(node) ?? 1;
      if (count > 1) {
        copies[node] = count;
      }
    }
    return { hops: this.hops, drops: this.drops, reached: this.reached, copies };
  }

  private run(): void {
    while (this.queue.length > 0) {
      const step = this.queue.shift()!;
      const { node, message, synchronous } = step;
      for (const wiring of this.leaving.get(node) ?? []) {
        if (wiring.role === WiringRole.DEAD_LETTER) {
          continue;
        }
        if (wiring.role === WiringRole.ENTRY) {
          // only a function's results leave a consumer: its async-invocation destinations
          if (wiring.product === EventProduct.FC_RESULT) {
            this.destination(wiring, message, synchronous, step);
          }
          continue;
        }
        if (this.hops.length >= this.maxHops) {
          this.drop(wiring, `stopped: the walk reached options.maxHops (${this.maxHops}) hops`);
          continue;
        }
        const result = this.switchedOff(wiring) ?? this.pushNote(wiring, this.shared(wiring, this.check(wiring, message)));
        this.record(wiring, result, this.forward(wiring, message), wiring.synchronous === true, step);
      }
    }
  }

  /** A wiring the template makes but switches off (a disabled trigger or rule, a stream that does not run): a drop. */
  private switchedOff(wiring: Wiring): MatchResult | undefined {
    return wiring.disabled === undefined ? undefined : { matched: false, reason: wiring.disabled };
  }

  /**
   * A queue hands each message to one of its readers, unlike a topic: when several queue triggers or event streams read
   * one queue, every hop is walked (each could be the one), and the reason says that the message goes to one of them.
   */
  private shared(wiring: Wiring, result: MatchResult): MatchResult {
    const readers = wiring.wrap === true ? this.readers.get(wiring.edge.from) ?? [] : [];
    if (!result.matched || readers.length < 2) {
      return result;
    }
    return { matched: true, reason: `${result.reason}; the queue has ${readers.length} readers (${readers.join(', ')}): `
      + 'each message goes to one of them, not to each' };
  }

  /** What a topic's push makes of the message, said in the hop's reason when it is not the bare body. */
  private pushNote(wiring: Wiring, result: MatchResult): MatchResult {
    if (!result.matched || wiring.format === undefined || wiring.wrap === true) {
      return result;
    }
    const format = this.pushFormat(wiring);
    const what = this.isSubscription(wiring) ? 'NotifyContentFormat' : 'notifyContentFormat';
    const note = format === 'XML' ? `pushed as XML (${what}): ${this.endpointWord(wiring)} receives SMQ's <Notification> document, the message in its <Message>`
      : format === 'JSON' ? `pushed as JSON (${what}): ${this.endpointWord(wiring)} receives SMQ's notification object, the message in its "Message"`
        : format === undefined ? `the ${what} is decided at deploy time (${wiring.format}): the message is passed on as published`
          : undefined;
    return note === undefined ? result : { matched: true, reason: `${result.reason}; ${note}` };
  }

  private record(wiring: Wiring, result: MatchResult, body: unknown, synchronous: boolean, trail: Trail): void {
    if (!result.matched) {
      this.drop(wiring, result.reason);
      return;
    }
    const { from, to, via, logicalId, stack } = wiring.edge;
    if (trail.path.includes(wiring)) {
      this.drop(wiring, `a loop: the message already took this hop from ${from} to ${to} on its way here; the walk stops here`);
      return;
    }
    const path = [...trail.path, wiring];
    // back at a node of its own path, the message goes round a loop: not a second copy (the loop is cut at its next repeated hop)
    const copy = trail.nodes.includes(to) ? 1 : this.arrive(to, path);
    const reason = copy > 1 ? `${result.reason}; the ${ordinal(copy)} copy of the message at ${to}: it reached ${to} before by another path` : result.reason;
    this.hops.push({ from, to, via, logicalId, stack, reason, ...(copy > 1 ? { duplicate: true } : {}) });
    this.reach(from);
    this.reach(to);
    this.queue.push({ node: to, message: { body, tag: this.options.messageTag, view: this.view }, synchronous, path, nodes: [...trail.nodes, to] });
  }

  /**
   * Records that the message reached `node` by `path`; returns which copy this is at the node. A path that differs from
   * an earlier one only in the reader of a shared queue it took is an alternative (the queue gives each message to one
   * reader), not another copy.
   */
  private arrive(node: string, path: Wiring[]): number {
    const earlier = this.arrivals.get(node) ?? [];
    const duplicate = earlier.some((p) => !alternatives(p, path));
    earlier.push(path);
    this.arrivals.set(node, earlier);
    const count = this.copies.get(node) ?? 0;
    if (count === 0 || duplicate) {
      this.copies.set(node, count + 1);
      return count + 1;
    }
    return 1;
  }

  private drop(wiring: Wiring, reason: string): void {
    const { from, to, via, logicalId, stack } = wiring.edge;
    this.drops.push({ at: from, to, via, logicalId, stack, reason });
  }

  private reach(node: string): void {
    if (!this.seen.has(node)) {
      this.seen.add(node);
      this.reached.push(node);
    }
  }

  /** A function reached by a message: its result goes to a destination when the invocation is asynchronous. */
  private destination(wiring: Wiring, message: Message, synchronous: boolean, trail: Trail): void {
    const check = wiring.check;
    if (check.kind !== 'invocation-result') {
      return;
    }
    if (this.hops.length >= this.maxHops) {
      this.drop(wiring, `stopped: the walk reached options.maxHops (${this.maxHops}) hops`);
      return;
    }
    if (synchronous) {
      this.drop(wiring, 'the trigger invokes the function synchronously: destinations receive the results of asynchronous invocations only');
      return;
    }
    const outcome = this.options.invocationFails === true ? 'failure' : 'success';
    const result = check.outcome === outcome
      ? { matched: true, reason: `the invocation ${outcome === 'success' ? 'succeeded' : 'failed after its retries'} (options.invocationFails: ${outcome === 'failure'}): its result goes to the on-${outcome} destination` }
      : { matched: false, reason: `the invocation ${outcome === 'success' ? 'succeeded' : 'failed'} (options.invocationFails: ${outcome === 'failure'}): the on-${check.outcome} destination is not used` };
    const record = {
      requestContext: { functionArn: check.functionName ?? wiring.edge.from, condition: outcome === 'success' ? '' : 'UnhandledInvocationError' },
      requestPayload: typeof message.body === 'string' ? message.body : JSON.stringify(message.body ?? null),
      responseContext: { statusCode: 200, functionError: outcome === 'success' ? '' : 'UnhandledError' },
      responsePayload: '',
    };
    this.record(wiring, result, record, false, trail);
  }

  /** Whether an entry takes events of the walked event's product at all. */
  private applies(wiring: Wiring): boolean {
    if (wiring.product === EventProduct.EVENTBRIDGE) {
      // a function's result records and IMS callbacks go to SMQ directly: they are not events on a bus
      return this.view.product !== EventProduct.FC_RESULT && this.view.product !== EventProduct.IMS;
    }
    return wiring.product !== undefined && wiring.product === this.view.product;
  }

  /** The body an entry writes into the channel. */
  private entryBody(wiring: Wiring): unknown {
    if (wiring.product === EventProduct.EVENTBRIDGE) {
      return this.view.cloudEvent === undefined ? undefined : transformBody(this.view.cloudEvent, wiring.body);
    }
    return nativeBody(this.view);
  }

  /** The body a link passes on. */
  private forward(wiring: Wiring, message: Message): unknown {
    if (wiring.wrap === true) {
      // a queue trigger or event stream reads the queue as an event source: the message becomes a CloudEvent
      return transformBody(this.mnsEvent(wiring, message), wiring.body);
    }
    if (wiring.format !== undefined) {
      return this.pushed(wiring, message);
    }
    return message.body;
  }

  /**
   * What a topic's push delivers: with XML (a subscription's default) or JSON, SMQ's notification around the message,
   * with the topic, the subscription and the message's id, MD5, tag and publish time; with SIMPLIFIED (and to a mailbox
   * or a phone, which take nothing else) the message itself. An FC topic trigger gives the function the message itself
   * with STREAM (its default), the JSON notification with JSON.
   * Formats: https://www.alibabacloud.com/help/en/message-service/latest/notifycontentformat ;
   * FC topic trigger events: https://www.alibabacloud.com/help/doc-detail/97022.htm .
   * The simulator's ids, MD5 and time are derived from the message (the same message, the same values); the owner
   * and subscriber are the deployment's account (`${ALIYUN::TenantId}` when neither `options.account` nor the event
   * says it).
   */
  private pushed(wiring: Wiring, message: Message): unknown {
    const text = bodyText(message.body);
    const format = this.pushFormat(wiring);
    if (format !== 'XML' && format !== 'JSON') {
      return text;
    }
    const topic = this.nameOf(wiring.edge.from);
    const account = this.env.account ?? '${ALIYUN::TenantId}';
    const fields: Array<[string, string]> = [
      ['TopicOwner', account],
      ['TopicName', topic],
      ['Subscriber', account],
      ['SubscriptionName', wiring.subscription ?? wiring.edge.logicalId],
      ['MessageId', shortHash(`topic\u0000${topic}\u0000${text}`, 32).toUpperCase()],
      ['Message', text],
      ['MessageMD5', createHash('md5').update(text, 'utf8').digest('hex').toUpperCase()],
      ...(message.tag === undefined ? [] : [['MessageTag', message.tag] as [string, string]]),
      ['PublishTime', String(this.publishTime())],
    ];
    if (format === 'JSON') {
      // PublishTime: text in SMQ's example of a subscription's JSON, a number in FC's example of a trigger's event
      const object: { [key: string]: unknown } = {};
      for (const [key, value] of fields) {
        object[key] = key === 'PublishTime' && !this.isSubscription(wiring) ? Number(value) : value;
      }
      return JSON.stringify(object);
    }
    return '<?xml version="1.0" encoding="utf-8"?><Notification xmlns="http://mns.aliyuncs.com/doc/v1/">'
      + fields.map(([key, value]) => `<${key}>${xmlText(value)}</${key}>`).join('') + '</Notification>';
  }

  /** XML, JSON or the bare body (SIMPLIFIED, STREAM, a mailbox, a phone); `undefined` when left to deploy time. */
  private pushFormat(wiring: Wiring): string | undefined {
    const type = this.nodes.get(wiring.edge.to)?.type;
    if (type === 'mail' || type === 'sms') {
      return 'SIMPLIFIED';
    }
    const format = (wiring.format ?? '').toUpperCase();
    return ['XML', 'JSON', 'SIMPLIFIED', 'STREAM'].includes(format) ? format : undefined;
  }

  private isSubscription(wiring: Wiring): boolean {
    return wiring.edge.via === 'ALIYUN::MNS::Subscription';
  }

  private endpointWord(wiring: Wiring): string {
    if (!this.isSubscription(wiring)) {
      return 'the function';
    }
    return this.nodes.get(wiring.edge.to)?.kind === RouteNodeKind.CHANNEL ? 'the queue' : 'the endpoint';
  }

  /** The name of a channel node: its literal name, else its label. */
  private nameOf(node: string): string {
    const found = this.nodes.get(node);
    return found?.details.name ?? found?.label ?? node.slice(node.indexOf('/') + 1);
  }

  /** The time the event states (its CloudEvent's `time`), else the sample events' default, in milliseconds. */
  private publishTime(): number {
    const time = this.view.cloudEvent?.time;
    const parsed = typeof time === 'string' ? Date.parse(time) : NaN;
    return Number.isNaN(parsed) ? DEFAULT_PUBLISH_TIME : parsed;
  }

  /** What a message must satisfy on `wiring`. */
  private check(wiring: Wiring, message: Message): MatchResult {
    const check: Check = wiring.check;
    switch (check.kind) {
      case 'none':
        return { matched: true, reason: check.note ?? (wiring.role === WiringRole.ENTRY ? 'every event of the source is written' : 'no filter: every message passes') };
      case 'filter-tag':
        if (check.unknown !== undefined) {
          return { matched: false, reason: `the filter tag is decided at deploy time (${check.unknown}): cannot be checked` };
        }
        return EventPatternMatcher.matchFilterTag(check.tag, message.tag);
      case 'event-pattern':
        return this.patternCheck(wiring, check, message);
      case 'oss':
        return this.ossCheck(check);
      case 'alarm-level':
        return this.alarmCheck(check);
      case 'cms-event':
        return this.cmsEventCheck(check);
      case 'event-types':
        return this.typeCheck(check);
      case 'lifecycle-transition':
        return this.hookCheck(check);
      case 'iot-rule':
        return check.errorAction
          ? { matched: false, reason: 'an error action: it receives only the data the rule\'s other actions failed to forward' }
          : { matched: true, reason: `the IoT rule forwards what its SQL selects${check.where === undefined ? '' : ` (WHERE ${check.where}: not evaluated, the event is taken as a row the rule selected)`}` };
      case 'invocation-result':
        return this.resultCheck(check);
      default:
        return { matched: false, reason: 'an unknown filter' };
    }
  }

  private patternCheck(wiring: Wiring, check: Extract<Check, { kind: 'event-pattern' }>, message: Message): MatchResult {
    if (wiring.role === WiringRole.ENTRY) {
      const event = this.view.cloudEvent;
      if (event === undefined) {
        return { matched: false, reason: 'an EventBridge rule matches CloudEvents: give the event as EventBridge delivers it (a SampleEvent or a CloudEvent)' };
      }
      const bus = typeof event.aliyuneventbusname === 'string' ? event.aliyuneventbusname : 'default';
      if (check.bus !== undefined && check.bus !== bus) {
        return { matched: false, reason: `the event is on the bus ${JSON.stringify(bus)}; the rule is on ${JSON.stringify(check.bus)}` };
      }
      if (check.empty) {
        return { matched: true, reason: 'the rule\'s pattern {} matches every event' };
      }
      return prefixed(EventPatternMatcher.match(materialize(check.reader, check.pattern, this.env), event), 'pattern');
    }
    if (check.empty) {
      return { matched: true, reason: 'no filter pattern: every message passes' };
    }
    const pattern = materialize(check.reader, check.pattern, this.env);
    return prefixed(EventPatternMatcher.match(pattern, this.mnsEvent(wiring, message)), 'pattern');
  }

  /**
   * The CloudEvent SMQ's event source makes of a queue's message, as documented for a custom event source of the SMQ
   * type (https://www.alibabacloud.com/help/en/eventbridge/latest/create-a-custom-event-source-of-the-mns-type):
   * `source: acs:mns`, `type: mns:Queue:SendMessage`, the queue as `subject`, and `data: { requestId, messageId,
   * messageBody }`, the ids derived from the queue and the message (the same message, the same ids). With
   * `IsBase64Decode: false` the source passes the body as stored: the simulator takes the message as sent
   * Base64-encoded (an option of SMQ's clients,
   * https://www.alibabacloud.com/help/en/mns/use-cases/message-body-encoding-selection-guide), so `messageBody` is its
   * Base64 text; with the default `true`, the decoded message, which is the message as given to the simulator.
   */
  private mnsEvent(wiring: Wiring, message: Message): { [key: string]: any } {
    const name = this.nameOf(wiring.edge.from);
    const text = bodyText(message.body);
    const key = shortHash(`queue\u0000${name}\u0000${text}`, 32);
    return {
      specversion: '1.0',
      id: `${key.slice(0, 8)}-${key.slice(8, 12)}-${key.slice(12, 16)}-${key.slice(16, 20)}-${key.slice(20, 32)}`,
      source: 'acs:mns',
      type: 'mns:Queue:SendMessage',
      subject: `acs:mns:${this.env.region ?? '${ALIYUN::Region}'}:${this.env.account ?? '${ALIYUN::TenantId}'}:queues/${name}`,
      datacontenttype: 'application/json; charset=utf-8',
      time: new Date(this.publishTime()).toISOString(),
      data: {
        requestId: shortHash(`request\u0000${name}\u0000${text}`, 24).toUpperCase(),
        messageId: key.toUpperCase(),
        messageBody: wiring.base64Decode === false ? Buffer.from(text, 'utf8').toString('base64') : text,
      },
    };
  }

  private ossCheck(check: Extract<Check, { kind: 'oss' }>): MatchResult {
    const facts = ossFacts(this.view);
    if (facts.type === undefined) {
      return { matched: false, reason: 'the OSS event has no event type' };
    }
    const types = check.events.filter((t) => t === facts.type || (t.endsWith(':*') && facts.type!.startsWith(t.slice(0, -1))));
    if (types.length === 0) {
      return { matched: false, reason: `${facts.type} is not one of the rule's event types (${check.events.join(', ')})` };
    }
    const reasons = [`${facts.type} is one of the rule's event types`];
    if (check.bucket !== undefined) {
      if (facts.bucket !== check.bucket) {
        return { matched: false, reason: `the event's bucket ${JSON.stringify(facts.bucket ?? '')} is not the rule's bucket ${JSON.stringify(check.bucket)}` };
      }
      reasons.push(`bucket ${JSON.stringify(check.bucket)}`);
    } else {
      reasons.push('the bucket name is decided at deploy time: not checked');
    }
    if (check.filters.length === 0 || check.filters.every((f) => f.prefix === undefined && f.suffix === undefined && f.unknown === undefined)) {
      reasons.push('every object of the bucket');
      return { matched: true, reason: reasons.join('; ') };
    }
    const key = facts.key ?? '';
    const describe = (f: { prefix?: string; suffix?: string; unknown?: string }): string => (f.unknown !== undefined ? `objects ${f.unknown} (decided at deploy time)`
      : [f.prefix !== undefined ? `prefix ${JSON.stringify(f.prefix)}` : undefined, f.suffix !== undefined ? `suffix ${JSON.stringify(f.suffix)}` : undefined].filter((x) => x !== undefined).join(' and '));
    const hit = check.filters.find((f) => f.unknown === undefined && key.startsWith(f.prefix ?? '') && key.endsWith(f.suffix ?? ''));
    if (hit !== undefined) {
      reasons.push(`key ${JSON.stringify(key)} has ${describe(hit)}`);
      return { matched: true, reason: reasons.join('; ') };
    }
    const unknown = check.filters.find((f) => f.unknown !== undefined);
    return { matched: false, reason: `key ${JSON.stringify(key)} matches no filter of the rule (${check.filters.map(describe).join('; ')})`
      + (unknown === undefined ? '' : ': a filter decided at deploy time cannot be checked') };
  }

  private alarmCheck(check: Extract<Check, { kind: 'alarm-level' }>): MatchResult {
    const source = this.view.native ?? this.view.cloudEvent?.data;
    const level = (first1(source, ['curLevel', 'triggerLevel', 'level', 'alertLevel', 'Level']) ?? first1(this.view.cloudEvent, ['level']))?.toUpperCase();
    if (check.ruleName !== undefined) {
      const ruleName = first1(source, ['ruleName', 'alertName', 'RuleName']);
      if (ruleName !== undefined && ruleName !== check.ruleName) {
        return { matched: false, reason: `the alert is of the rule ${JSON.stringify(ruleName)}, not of this target's rule ${JSON.stringify(check.ruleName)}` };
      }
    }
    if (level === undefined) {
      return { matched: false, reason: `the alert has no level; the target takes ${check.levels.join(', ')}` };
    }
    const levels = check.levels.map((l) => l.toUpperCase());
    return levels.includes(level)
      ? { matched: true, reason: `level ${level} is one of the target's levels (${check.levels.join(', ')})` }
      : { matched: false, reason: `level ${level} is not one of the target's levels (${check.levels.join(', ')})` };
  }

  private cmsEventCheck(check: Extract<Check, { kind: 'cms-event' }>): MatchResult {
    const source = this.view.native ?? this.view.cloudEvent?.data ?? {};
    const facts: { [key: string]: string | undefined } = {
      Product: first1(source, ['product', 'Product']),
      NameList: first1(source, ['name', 'Name', 'eventName']),
      LevelList: first1(source, ['level', 'Level']),
      EventTypeList: first1(source, ['eventType', 'EventType']),
      StatusList: first1(source, ['status', 'Status']),
    };
    const misses: string[] = [];
    for (const pattern of check.patterns) {
      const miss = cmsPatternMiss(pattern, facts);
      if (miss === undefined) {
        const field = (k: string): string => k.replace(/List$/, '').replace(/^./, (c) => c.toLowerCase());
        const given = Object.keys(facts).filter((k) => pattern[k] !== undefined);
        const checked = given.filter((k) => facts[k] !== undefined).map((k) => `${field(k)} ${facts[k]}`);
        const unchecked = [...given.filter((k) => facts[k] === undefined).map(field), ...['KeywordFilter', 'SQLFilter', 'CustomFilters'].filter((k) => pattern[k] !== undefined)];
        return { matched: true, reason: `the event matches the rule's pattern (${checked.join(', ')})`
          + (unchecked.length === 0 ? '' : `; not checked: ${unchecked.join(', ')} (the event does not say, or the simulator does not evaluate it)`) };
      }
      misses.push(miss);
    }
    return { matched: false, reason: misses.join('; ') };
  }

  private typeCheck(check: Extract<Check, { kind: 'event-types' }>): MatchResult {
    // the product's own name of the type (Auto Scaling's AUTOSCALING:..., IMS's EventType), else the CloudEvent's
    const native = this.view.native;
    const type = (native === undefined ? undefined : essNotificationType(native) ?? first1(native, ['EventType'])) ?? this.view.type;
    if (type === undefined) {
      return { matched: false, reason: `the event has no type; the ${check.what} are ${check.types.join(', ')}` };
    }
    return check.types.includes(type)
      ? { matched: true, reason: `${type} is one of the ${check.what}` }
      : { matched: false, reason: `${type} is not one of the ${check.what} (${check.types.join(', ')})` };
  }

  private hookCheck(check: Extract<Check, { kind: 'lifecycle-transition' }>): MatchResult {
    const source = this.view.native ?? this.view.cloudEvent?.data;
    const transition = lifecycleTransitionOf(source) ?? this.view.type;
    if (check.transition === undefined) {
      return { matched: true, reason: 'the hook\'s transition is decided at deploy time: not checked' };
    }
    if (transition === undefined) {
      return { matched: false, reason: `the message has no lifecycle transition; the hook pauses ${check.transition}` };
    }
    return transition.toUpperCase().includes(check.transition)
      ? { matched: true, reason: `the hook pauses ${check.transition} activities` }
      : { matched: false, reason: `the message is for ${transition}; the hook pauses ${check.transition} activities` };
  }

  private resultCheck(check: Extract<Check, { kind: 'invocation-result' }>): MatchResult {
    const source = this.view.native ?? this.view.cloudEvent?.data ?? {};
    const arn = at(source, 'requestContext.functionArn');
    if (check.functionName !== undefined && typeof arn === 'string' && !new RegExp(`(^|[/:])${escape(check.functionName)}($|[/:@])`).test(arn)) {
      return { matched: false, reason: `the record is of ${arn}, not of the function ${check.functionName}` };
    }
    const condition = at(source, 'requestContext.condition');
    const error = at(source, 'responseContext.functionError');
    const failed = (typeof condition === 'string' && condition !== '' && condition !== 'Success') || (typeof error === 'string' && error !== '')
      || /fail/i.test(this.view.type ?? '');
    const outcome = failed ? 'failure' : 'success';
    return check.outcome === outcome
      ? { matched: true, reason: `the invocation ${failed ? 'failed' : 'succeeded'}: the on-${outcome} destination` }
      : { matched: false, reason: `the invocation ${failed ? 'failed' : 'succeeded'}: not for the on-${check.outcome} destination` };
  }
}

/** The first field of a CloudMonitor event pattern the event misses, or `undefined` when it matches. */
function cmsPatternMiss(pattern: { [key: string]: any }, facts: { [key: string]: string | undefined }): string | undefined {
  if (typeof pattern.Product === 'string' && pattern.Product !== '*' && pattern.Product.toLowerCase() !== (facts.Product ?? '').toLowerCase()) {
    return `product ${JSON.stringify(facts.Product ?? '')} is not ${pattern.Product}`;
  }
  for (const key of ['NameList', 'LevelList', 'EventTypeList', 'StatusList']) {
    const list = pattern[key];
    // an event without a type or status (the notification body has none) is not refused for it
    const optional = (key === 'EventTypeList' || key === 'StatusList') && facts[key] === undefined;
    if (Array.isArray(list) && list.length > 0 && !list.includes('*') && !optional && !list.map(String).includes(facts[key] ?? '')) {
      return `${key.replace(/List$/, '').replace(/^./, (c) => c.toLowerCase())} ${JSON.stringify(facts[key] ?? '')} is not one of ${list.join(', ')}`;
    }
  }
  return undefined;
}

/** An EventBridge target's message: the whole event, a part of it, a constant or a template. */
function transformBody(event: { [key: string]: any }, body: BodyParameter | undefined): unknown {
  if (body === undefined || body.form === 'ORIGINAL') {
    return event;
  }
  if (body.form === 'JSONPATH') {
    return jsonPath(event, body.value ?? '$');
  }
  if (body.form === 'CONSTANT') {
    return body.value ?? '';
  }
  if (body.form === 'TEMPLATE') {
    let variables: { [key: string]: unknown } = {};
    try {
      variables = JSON.parse(body.value ?? '{}');
    } catch {
      // variables that are not JSON give nothing to fill in
    }
    return (body.template ?? '').replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
      const p = variables[name];
      const value = typeof p === 'string' ? jsonPath(event, p) : undefined;
      return value === undefined ? whole : typeof value === 'string' ? value : JSON.stringify(value);
    });
  }
  return event;
}

/** A JSONPath of the simple form `$.a.b` (what targets use). */
function jsonPath(event: unknown, expression: string): unknown {
  if (expression === '$') {
    return event;
  }
  return expression.startsWith('$.') ? at(event, expression.slice(2)) : undefined;
}

/**
 * A pattern from the template with its template functions evaluated where the simulation knows them: the region and
 * account of the deployment, attributes that repeat literal properties. What stays unknown is left as `${...}` text.
 */
function materialize(reader: TemplateReader, value: unknown, env: { region?: string; account?: string }): any {
  if (Array.isArray(value)) {
    return value.map((v) => materialize(reader, v, env));
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      const pieces = reader.pieces(value).map((p) => (typeof p === 'string' ? p
        : p.kind === SymbolKind.REGION && env.region !== undefined ? env.region
          : p.kind === SymbolKind.ACCOUNT && env.account !== undefined ? env.account : p));
      return displayOf(pieces);
    }
    const out: { [key: string]: unknown } = {};
    for (const key of keys) {
      out[key] = materialize(reader, value[key], env);
    }
    return out;
  }
  return value;
}

function prefixed(result: MatchResult, what: string): MatchResult {
  return { matched: result.matched, reason: `${what} ${result.matched ? 'matched' : 'not matched'}: ${result.reason}` };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A message as text: text as is, anything else as JSON. */
function bodyText(body: unknown): string {
  return typeof body === 'string' ? body : JSON.stringify(body ?? null);
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function ordinal(n: number): string {
  return n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}

/** The resource that makes a wiring (`<stack>/<logical id>`). */
function readerOf(wiring: Wiring): string {
  return `${wiring.edge.stack}/${wiring.edge.logicalId}`;
}

/** Whether two paths part where each takes another reader of one queue: the queue gives a message to one of them. */
function alternatives(a: Wiring[], b: Wiring[]): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) {
    i++;
  }
  if (i >= a.length || i >= b.length) {
    return false;
  }
  const [x, y] = [a[i], b[i]];
  return x.wrap === true && y.wrap === true && x.edge.from === y.edge.from && readerOf(x) !== readerOf(y);
}

/**
 * The stacks, each named by its stack name; a name that several stacks share is qualified, for the stacks inside a
 * stage, by the stage's path (`Prod.Api`). Names that still clash are refused.
 */
function qualified(stacks: StackTemplate[], what: string): Array<{ stackName: string; template: { [key: string]: any } }> {
  const count = (names: string[]): Map<string, number> => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());
  const plain = count(stacks.map((s) => s.stackName));
  const named = stacks.map((s) => ({
    stackName: (plain.get(s.stackName) ?? 0) > 1 && s.stage !== undefined ? `${s.stage.split('/').join('.')}.${s.stackName}` : s.stackName,
    template: s.template,
  }));
  const final = count(named.map((s) => s.stackName));
  const clash = [...final.keys()].sort().find((n) => (final.get(n) ?? 0) > 1);
  if (clash !== undefined) {
    throw new ValidationError('', what, clash, 'must not hold two stacks of one name in one stage (or both outside stages): two are named');
  }
  return named;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkStackName(stackName: unknown): string {
  if (typeof stackName !== 'string' || stackName === '' || stackName.includes('/')) {
    throw new ValidationError('', 'stackName', stackName, 'must be a non-empty stack name without "/"');
  }
  return stackName;
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`Routes.fromCloudAssembly: cannot read ${file}: ${(e as Error).message}`);
  }
}
