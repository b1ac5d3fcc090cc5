/**
 * The order and the short names every renderer of the graph uses, computed once from a topology. Internal.
 */
import { RouteEdge, RouteFilter, RouteNode, RouteNodeKind, Topology } from '../routes/model';
import { clip } from './escape';

/** The longest edge label drawn, in characters; the full text stays in the topology (and in DOT tooltips). */
const MAX_EDGE_LABEL = 240;
/** The longest line of a node label drawn, in characters. */
const MAX_NODE_LINE = 80;

/** A node as drawn. */
export interface DrawnNode {
  /** The short, format-safe key (`n0`, `n1`, ...), in drawing order. */
  readonly key: string;
  /** The node's id in the topology. */
  readonly id: string;
  /** The node's type (`ALIYUN::MNS::Queue`, `http`, ...); `unknown` for an edge end missing from the nodes. */
  readonly type: string;
  /** Source, channel or consumer; `undefined` for an edge end missing from the nodes. */
  readonly kind?: RouteNodeKind;
  /** Whether a channel is a topic (drawn as a hexagon) rather than a queue (a cylinder). */
  readonly topic: boolean;
  /** The label as plain text, one line per line. */
  readonly text: string;
}

/** A stack as drawn: its nodes in order. */
export interface DrawnStack {
  /** The short, format-safe key (`s0`, `s1`, ...). */
  readonly key: string;
  /** The stack's name. */
  readonly name: string;
  /** Its nodes. */
  readonly nodes: DrawnNode[];
}

/** An edge as drawn. */
export interface DrawnEdge {
  /** The key of the node the edge leaves. */
  readonly from: string;
  /** The key of the node the edge enters. */
  readonly to: string;
  /** The edge of the topology. */
  readonly edge: RouteEdge;
  /** The label as plain text (may be empty). */
  readonly text: string;
  /** Whether the edge is where undeliverable messages go (its filter is of kind `dead-letter`): drawn dashed. */
  readonly deadLetter: boolean;
}

/** What a renderer draws, in drawing order. */
export interface Layout {
  /** The stacks, by name. */
  readonly stacks: DrawnStack[];
  /** Edge ends that no node of the topology describes, drawn outside every stack. */
  readonly strays: DrawnNode[];
  /** The edges. */
  readonly edges: DrawnEdge[];
}

const KIND_ORDER: { [kind: string]: number } = {
  [RouteNodeKind.SOURCE]: 0,
  [RouteNodeKind.CHANNEL]: 1,
  [RouteNodeKind.CONSUMER]: 2,
};

/** Plain code-unit order: the same everywhere, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindRank(kind: string | undefined): number {
  return kind !== undefined && kind in KIND_ORDER ? KIND_ORDER[kind] : 3;
}

/** `ALIYUN::MNS::Queue` -> `MNS::Queue`; short words stay as they are. */
export function shortType(type: string): string {
  return type.replace(/^ALIYUN::/, '');
}

function isTopic(node: RouteNode): boolean {
  return node.kind === RouteNodeKind.CHANNEL && /topic/i.test(node.type);
}

/** A JSON rendering with sorted keys on one line, for filter values. */
export function compactJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(compactJson).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object).sort(compareText).map((key) => `${JSON.stringify(key)}: ${compactJson((value as { [key: string]: unknown })[key])}`);
    return `{${entries.join(', ')}}`;
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

function filterText(filter: RouteFilter): string {
  return typeof filter.value === 'string' ? `${filter.kind} ${filter.value}` : `${filter.kind} ${compactJson(filter.value)}`;
}

function entriesText(entries: { [key: string]: string }): string[] {
  return Object.keys(entries).sort(compareText).map((key) => `${key}: ${entries[key]}`);
}

/**
 * The text of an edge: its label when it has one (the route reader puts the filter, the event types and the retry and
 * DLQ settings there), else the filter and the delivery settings themselves.
 */
export function edgeText(edge: RouteEdge): string {
  const label = edge.label.trim();
  if (label !== '') {
    return clip(label, MAX_EDGE_LABEL);
  }
  const parts: string[] = [];
  if (edge.filter !== undefined) {
    parts.push(filterText(edge.filter));
  }
  if (edge.delivery !== undefined) {
    parts.push(...entriesText(edge.delivery));
  }
  return clip(parts.join('; '), MAX_EDGE_LABEL);
}

/** The text of a node: its label, its type, and for a channel its details (DLQ, timeouts, ...). */
export function nodeText(node: RouteNode): string {
  const lines = [node.label, shortType(node.type)];
  if (node.kind === RouteNodeKind.CHANNEL) {
    lines.push(...entriesText(node.details ?? {}).filter((line) => !line.endsWith(`: ${node.label}`)));
  }
  return lines.map((line) => clip(line.replace(/\s+/g, ' ').trim(), MAX_NODE_LINE)).join('\n');
}

function compareNodes(a: RouteNode, b: RouteNode): number {
  return kindRank(a.kind) - kindRank(b.kind) || compareText(a.id, b.id);
}

function compareEdges(a: RouteEdge, b: RouteEdge): number {
  return compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.stack, b.stack)
    || compareText(a.logicalId, b.logicalId) || compareText(a.via, b.via) || compareText(a.label, b.label);
}

/**
 * Orders a topology for drawing: stacks by name, nodes by kind (sources, channels, consumers) then id, edges by their
 * ends, whatever order the topology lists them in; nodes listed twice are drawn once.
 */
export function layout(topology: Topology): Layout {
  const byId = new Map<string, RouteNode>();
  for (const node of [...topology.nodes].sort(compareNodes)) {
    if (!byId.has(node.id)) {
      byId.set(node.id, node);
    }
  }
  const sorted = [...byId.values()].sort((a, b) => compareText(a.stack, b.stack) || compareNodes(a, b));
  const keys = new Map<string, string>();
  const stacks: DrawnStack[] = [];
  for (const node of sorted) {
    let stack = stacks[stacks.length - 1];
    if (stack === undefined || stack.name !== node.stack) {
      stack = { key: `s${stacks.length}`, name: node.stack, nodes: [] };
      stacks.push(stack);
    }
    const key = `n${keys.size}`;
    keys.set(node.id, key);
    stack.nodes.push({ key, id: node.id, type: node.type, kind: node.kind, topic: isTopic(node), text: nodeText(node) });
  }
  const edges = [...topology.edges].sort(compareEdges);
  const strays: DrawnNode[] = [];
  const keyOf = (id: string): string => {
    let key = keys.get(id);
    if (key === undefined) {
      key = `n${keys.size}`;
      keys.set(id, key);
      strays.push({ key, id, type: 'unknown', topic: false, text: clip(id, MAX_NODE_LINE) });
    }
    return key;
  };
  const drawn: DrawnEdge[] = [];
  for (const edge of edges) {
    drawn.push({ from: keyOf(edge.from), to: keyOf(edge.to), edge, text: edgeText(edge), deadLetter: edge.filter?.kind === 'dead-letter' });
  }
  return { stacks, strays, edges: drawn };
}
