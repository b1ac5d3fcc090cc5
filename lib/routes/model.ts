/**
 * The topology of SMQ wiring read from synthesized ROS templates: sources -> channels -> consumers. The route
 * simulator (`Routes`) walks it; the graph command draws it. Plain data, so that both read the same thing.
 */

/** What a node of the topology is. */
export enum RouteNodeKind {
  /** A product that puts messages into a channel: a bucket, an EventBridge rule, an alarm, a scaling group, ... */
  SOURCE = 'source',
  /** An SMQ queue or topic. */
  CHANNEL = 'channel',
  /** What takes messages out of a channel: a function, an HTTP endpoint, a mailbox, a phone, a stream's sink, ... */
  CONSUMER = 'consumer',
}

/** One node: a source, a channel or a consumer. */
export interface RouteNode {
  /**
   * Stable and unique within a topology: `<stack>/<logical id>` for a resource of a template, `<stack>/<kind>:<name>`
   * for something the template only names (an HTTP endpoint, a mailbox, a queue of another stack).
   */
  readonly id: string;
  /** Source, channel or consumer. */
  readonly kind: RouteNodeKind;
  /**
   * What it is: the ROS resource type when it is a resource of the template (`ALIYUN::MNS::Queue`), else a short
   * word (`http`, `mail`, `sms`, `fc3-function`, `rocketmq`, `oss-bucket`, ...).
   */
  readonly type: string;
  /** A short human label: the channel's or function's name when the template says it literally, else the logical id. */
  readonly label: string;
  /** The stack (template) the node was read from. */
  readonly stack: string;
  /** The logical id, when the node is a resource of the template. */
  readonly logicalId?: string;
  /** Details worth showing (names, regions, DLQ, visibility timeout, ...), as text. */
  readonly details: { [key: string]: string };
}

/** One hop: a wiring from a source to a channel, or from a channel to a consumer (or another channel). */
export interface RouteEdge {
  /** The id of the node the messages come from. */
  readonly from: string;
  /** The id of the node the messages go to. */
  readonly to: string;
  /** The ROS type of the resource that makes the wiring (`ALIYUN::MNS::Subscription`, `ALIYUN::FC3::Trigger`, ...). */
  readonly via: string;
  /** The logical id of that resource. */
  readonly logicalId: string;
  /** The stack of that resource. */
  readonly stack: string;
  /** A short label: the filter, event types, retry and DLQ settings, as one line of text. */
  readonly label: string;
  /**
   * What a message must satisfy to take this hop, as the template says it: `{ kind: 'event-pattern', value: {...} }`,
   * `{ kind: 'filter-tag', value: 'img' }`, `{ kind: 'oss-events', value: { events, prefix, suffix } }`,
   * `{ kind: 'event-types', value: [...] }`, `{ kind: 'alarm-level', value: ... }`; absent when everything passes.
   */
  readonly filter?: RouteFilter;
  /** Retry and dead-letter settings, as text, when the wiring has them. */
  readonly delivery?: { [key: string]: string };
}

/** A condition on a hop. */
export interface RouteFilter {
  /** The kind of condition: `event-pattern`, `filter-tag`, `oss-events`, `event-types`, `alarm-level`, ... */
  readonly kind: string;
  /** The condition as the template states it. */
  readonly value: any;
}

/** Nodes and edges, in a stable order (by stack, then id). */
export interface Topology {
  /** Every node. */
  readonly nodes: RouteNode[];
  /** Every edge. */
  readonly edges: RouteEdge[];
}

/**
 * An event as a source emits it, for the simulator and for users' own consumer tests. Made by `SampleEvents`.
 */
export interface SampleEvent {
  /** The EventBridge source of the product, such as `acs.oss`, `acs.ess`, `acs.fc` (CloudMonitor: `acs.cms`, a guess that SampleEvents documents; `acs.cloudmonitor` is read as the same). */
  readonly source: string;
  /** The event type, such as `oss:ObjectCreated:PutObject`. */
  readonly type: string;
  /** The event as EventBridge delivers it (CloudEvents 1.0 JSON: `specversion`, `id`, `source`, `type`, `subject`, `data`, ...). */
  readonly cloudEvent: { [key: string]: any };
  /**
   * The message body the product writes to SMQ itself when it is wired without EventBridge (SMQ's own OSS event
   * notification, a CloudMonitor alarm message, an Auto Scaling notification or lifecycle-hook message, an IMS
   * callback, an FC destination record), when the product has such a path.
   */
  readonly native?: { [key: string]: any };
}

/** The result of matching one condition. */
export interface MatchResult {
  /** Whether the event satisfies the condition. */
  readonly matched: boolean;
  /** Why, in words: the field and the rule that decided, such as `data.oss.object.key has prefix "in/"`. */
  readonly reason: string;
}
