/**
 * Hand-made topologies for the graph tests: a small two-stack app shaped like what `Routes` reads from the example app,
 * and one whose every label is hostile to some output format.
 */
import { RouteEdge, RouteNode, RouteNodeKind, Topology } from '../../lib/routes/model';

function node(stack: string, id: string, kind: RouteNodeKind, type: string, label: string, details: { [key: string]: string } = {}): RouteNode {
  return { id: `${stack}/${id}`, kind, type, label, stack, logicalId: id.includes(':') ? undefined : id, details };
}

function edge(stack: string, from: string, to: string, via: string, logicalId: string, label: string, extra: Partial<RouteEdge> = {}): RouteEdge {
  return { from: `${stack}/${from}`, to: `${stack}/${to}`, via, logicalId, stack, label, ...extra };
}

/** Two stacks: an upload pipeline (bucket -> queue -> function, with a DLQ) and a fan-out (topic -> queue, HTTP, mail). */
export function smallTopology(): Topology {
  return {
    nodes: [
      node('Pipeline', 'Inbox', RouteNodeKind.SOURCE, 'ALIYUN::OSS::Bucket', 'inbox-bucket'),
      node('Pipeline', 'Uploads', RouteNodeKind.CHANNEL, 'ALIYUN::MNS::Queue', 'Pipeline-Uploads', { deadLetterQueue: 'Pipeline-FailedUploads', maxReceiveCount: '5' }),
      node('Pipeline', 'FailedUploads', RouteNodeKind.CHANNEL, 'ALIYUN::MNS::Queue', 'Pipeline-FailedUploads'),
      node('Pipeline', 'Processor', RouteNodeKind.CONSUMER, 'ALIYUN::FC3::Function', 'processor'),
      node('Fanout', 'Orders', RouteNodeKind.CHANNEL, 'ALIYUN::MNS::Topic', 'Fanout-Orders'),
      node('Fanout', 'Billing', RouteNodeKind.CHANNEL, 'ALIYUN::MNS::Queue', 'Fanout-Billing'),
      node('Fanout', 'http:https://example.com/hook', RouteNodeKind.CONSUMER, 'http', 'https://example.com/hook'),
      node('Fanout', 'mail:ops@example.com', RouteNodeKind.CONSUMER, 'mail', 'ops@example.com'),
    ],
    edges: [
      edge('Pipeline', 'Inbox', 'Uploads', 'ALIYUN::MNS::EventNotification', 'NewUploads', 'oss:ObjectCreated:PutObject, prefix in/, suffix .jpg',
        { filter: { kind: 'oss-events', value: { events: ['oss:ObjectCreated:PutObject'], prefix: 'in/', suffix: '.jpg' } } }),
      edge('Pipeline', 'Uploads', 'Processor', 'ALIYUN::FC3::Trigger', 'ProcessUploads', 'batch 10, retries 3, DLQ Pipeline-FailedUploads',
        { delivery: { retries: '3', deadLetterQueue: 'Pipeline-FailedUploads' } }),
      edge('Pipeline', 'Uploads', 'FailedUploads', 'ALIYUN::MNS::Queue', 'Uploads', 'dead letters after 5 receives',
        { filter: { kind: 'dead-letter', value: { maxReceiveCount: '5' } } }),
      edge('Fanout', 'Orders', 'Billing', 'ALIYUN::MNS::Subscription', 'OrdersToBilling6edd464c', 'filter tag billing, EXPONENTIAL_DECAY_RETRY',
        { filter: { kind: 'filter-tag', value: 'billing' }, delivery: { notifyStrategy: 'EXPONENTIAL_DECAY_RETRY' } }),
      edge('Fanout', 'Orders', 'http:https://example.com/hook', 'ALIYUN::MNS::Subscription', 'OrdersToUrl26161319', ''),
      edge('Fanout', 'Orders', 'mail:ops@example.com', 'ALIYUN::MNS::Subscription', 'OrdersToEmail648629b8', '',
        { filter: { kind: 'filter-tag', value: 'ops' }, delivery: { notifyStrategy: 'BACKOFF_RETRY', notifyContentFormat: 'SIMPLIFIED' } }),
    ],
  };
}

/** Text that each format would misread if it were written as it is. */
export const HOSTILE_TEXTS = [
  '"quoted" \'single\'',
  'a#b;c#quot;d&amp;e',
  '<img src=x onerror=alert(1)> <b>bold</b> </script><script>alert(2)</script>',
  '%%{init: {"theme":"dark"}}%%',
  '[brackets] {braces} (parens) |pipes|',
  '`code` *star* **strong** _under_ $$x^2$$',
  'back\\slash \\N \\l \\n',
  'end',
  'line one\nline two',
  '中文 🚀 naïve',
  'x --> y -.-> z ==> w',
  'tab\there\u0007bell',
  'icon fa:fa-car fab:fa-github',
  'placeholders \ufb02\u00b0lt\u00b6\u00df \ufb02\u00b0\u00b060\u00b6\u00df',
  'style:x|y classDef:a;b',
];

/** One stack named and labelled with hostile text: one channel per text, each fed by a source whose edge carries it too. */
export function hostileTopology(): Topology {
  const stack = 'Evil "stack" <b>end</b>';
  const nodes: RouteNode[] = [];
  const edges: RouteEdge[] = [];
  HOSTILE_TEXTS.forEach((text, i) => {
    const id = String(i).padStart(2, '0');
    nodes.push(node(stack, `Q${id}`, RouteNodeKind.CHANNEL, 'ALIYUN::MNS::Queue', text));
    nodes.push(node(stack, `S${id}`, RouteNodeKind.SOURCE, 'ALIYUN::EventBridge::Rule', `source ${id}`));
    edges.push(edge(stack, `S${id}`, `Q${id}`, 'ALIYUN::EventBridge::Rule', `S${id}`, text));
  });
  return { nodes, edges };
}
