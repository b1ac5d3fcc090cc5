/**
 * The SMQ RAM actions, the kind of channel each acts on, and the resource RAM authorizes it on. Sources: the SMQ
 * custom-policy reference https://www.alibabacloud.com/help/en/mns/security-and-compliance/message-service-custom-permission-policy-reference
 * and the authorization table of each API page under https://www.alibabacloud.com/help/en/mns/developer-reference/
 * (SendMessage, BatchSendMessage, ReceiveMessage, BatchReceiveMessage, DeleteMessage, BatchDeleteMessage,
 * PeekMessage, BatchPeekMessage, ChangeMessageVisibility: `.../queues/{name}/messages`; Subscribe, Unsubscribe,
 * GetSubscriptionAttributes: `.../topics/{name}/subscriptions/{subscription}`; ListSubscriptionByTopic:
 * `.../topics/{name}/subscriptions`; ListQueue / ListTopic: `.../queues` / `.../topics`).
 * PublishMessage on `.../topics/{name}/messages` and SetSubscriptionAttributes on the subscription follow the
 * same pattern; their own pages give no authorization table.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { invalid } from '../core/validation';
import { ChannelKind } from './identifiers';

/** The resource, relative to a queue or topic, that RAM authorizes an action on. */
export enum ActionResource {
  /** `.../queues` or `.../topics`: every channel of the kind in the region (ListQueue, ListTopic). */
  COLLECTION = 'collection',
  /** `.../queues/{name}` or `.../topics/{name}`. */
  CHANNEL = 'channel',
  /** `.../queues/{name}/messages` or `.../topics/{name}/messages`. */
  MESSAGES = 'messages',
  /** `.../topics/{name}/subscriptions`. */
  SUBSCRIPTION_LIST = 'subscription-list',
  /** `.../topics/{name}/subscriptions/*`. */
  SUBSCRIPTIONS = 'subscriptions',
}

const QUEUE = ChannelKind.QUEUE;
const TOPIC = ChannelKind.TOPIC;

/** Every SMQ action a grant on one queue or topic can scope, as RAM spells it. */
const ACTIONS: { readonly [action: string]: { readonly kind: ChannelKind; readonly resource: ActionResource } } = {
  'mns:SendMessage': { kind: QUEUE, resource: ActionResource.MESSAGES },
  'mns:BatchSendMessage': { kind: QUEUE, resource: ActionResource.MESSAGES },
  'mns:ReceiveMessage': { kind: QUEUE, resource: ActionResource.MESSAGES },
  'mns:BatchReceiveMessage': { kind: QUEUE, resource: ActionResource.MESSAGES },
  'mns:DeleteMessage': { kind: QUEUE, resource: ActionResource.MESSAGES },
  'mns:BatchDeleteMessage': { kind: QUEUE, resource: ActionResource.MESSAGES },
  'mns:PeekMessage': { kind: QUEUE, resource: ActionResource.MESSAGES },
  'mns:BatchPeekMessage': { kind: QUEUE, resource: ActionResource.MESSAGES },
  'mns:ChangeMessageVisibility': { kind: QUEUE, resource: ActionResource.MESSAGES },
  'mns:CreateQueue': { kind: QUEUE, resource: ActionResource.CHANNEL },
  'mns:DeleteQueue': { kind: QUEUE, resource: ActionResource.CHANNEL },
  'mns:GetQueueAttributes': { kind: QUEUE, resource: ActionResource.CHANNEL },
  'mns:SetQueueAttributes': { kind: QUEUE, resource: ActionResource.CHANNEL },
  'mns:ListQueue': { kind: QUEUE, resource: ActionResource.COLLECTION },
  'mns:PublishMessage': { kind: TOPIC, resource: ActionResource.MESSAGES },
  'mns:CreateTopic': { kind: TOPIC, resource: ActionResource.CHANNEL },
  'mns:DeleteTopic': { kind: TOPIC, resource: ActionResource.CHANNEL },
  'mns:GetTopicAttributes': { kind: TOPIC, resource: ActionResource.CHANNEL },
  'mns:SetTopicAttributes': { kind: TOPIC, resource: ActionResource.CHANNEL },
  'mns:ListTopic': { kind: TOPIC, resource: ActionResource.COLLECTION },
  'mns:Subscribe': { kind: TOPIC, resource: ActionResource.SUBSCRIPTIONS },
  'mns:Unsubscribe': { kind: TOPIC, resource: ActionResource.SUBSCRIPTIONS },
  'mns:GetSubscriptionAttributes': { kind: TOPIC, resource: ActionResource.SUBSCRIPTIONS },
  'mns:SetSubscriptionAttributes': { kind: TOPIC, resource: ActionResource.SUBSCRIPTIONS },
  'mns:ListSubscriptionByTopic': { kind: TOPIC, resource: ActionResource.SUBSCRIPTION_LIST },
};

/** Sending to a queue. */
export const QUEUE_SEND_ACTIONS = ['mns:SendMessage', 'mns:BatchSendMessage'];

/** Receiving, deleting and hiding messages of a queue. */
export const QUEUE_CONSUME_ACTIONS = [
  'mns:ReceiveMessage',
  'mns:BatchReceiveMessage',
  'mns:DeleteMessage',
  'mns:BatchDeleteMessage',
  'mns:ChangeMessageVisibility',
];

/** Emptying a queue: SMQ has no purge operation, a queue is emptied by receiving and deleting its messages. */
export const QUEUE_PURGE_ACTIONS = ['mns:ReceiveMessage', 'mns:BatchReceiveMessage', 'mns:DeleteMessage', 'mns:BatchDeleteMessage'];

/** Reading a queue's attributes. */
export const QUEUE_READ_ATTRIBUTES_ACTIONS = ['mns:GetQueueAttributes'];

/** Publishing to a topic. */
export const TOPIC_PUBLISH_ACTIONS = ['mns:PublishMessage'];

/** Reading a topic's attributes. */
export const TOPIC_READ_ATTRIBUTES_ACTIONS = ['mns:GetTopicAttributes'];

const ACTION_SYNTAX = /^mns:[A-Za-z*]+$/;

/**
 * Checks the actions of a grant on a channel of `kind` and groups them by the resource RAM authorizes them on. An
 * action must be written as RAM and SMQ spell it (no whitespace, `mns:` prefix, exact case), be a known SMQ action or
 * a wildcard, and act on the channel's kind. A wildcard counts as every known action of the kind it matches, and gets
 * each of their resources.
 *
 * @returns each action with the resources it is authorized on
 */
export function scopeActions(scope: ros.IConstruct, kind: ChannelKind, actions: readonly string[]): Array<{ action: string; resources: ActionResource[] }> {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw invalid(scope, 'actions', actions, 'must name at least one action to grant');
  }
  return actions.map((action, i) => ({ action, resources: resourcesOf(scope, `actions[${i}]`, kind, action) }));
}

function resourcesOf(scope: ros.IConstruct, prop: string, kind: ChannelKind, action: string): ActionResource[] {
  if (typeof action !== 'string') {
    throw invalid(scope, prop, action, 'must be a string such as "mns:SendMessage"');
  }
  if (action.trim() !== action) {
    throw invalid(scope, prop, action, 'must not have leading or trailing whitespace');
  }
  const known = ACTIONS[action];
  if (known !== undefined) {
    if (known.kind !== kind) {
      throw invalid(scope, prop, action, `must act on a ${kind}: ${action} acts on ${known.kind}s`);
    }
    return [known.resource];
  }
  const spelled = Object.keys(ACTIONS).find((name) => name.toLowerCase() === action.toLowerCase());
  if (spelled !== undefined) {
    throw invalid(scope, prop, action, `must be spelled as RAM and SMQ spell it: "${spelled}"`);
  }
  if (!action.toLowerCase().startsWith('mns:')) {
    throw invalid(scope, prop, action, `must be an SMQ action ("mns:<Action>"): a grant on a ${kind} gives permissions on that ${kind} only`);
  }
  if (!action.includes('*') || !ACTION_SYNTAX.test(action)) {
    throw invalid(scope, prop, action, `must be a known SMQ action on a ${kind} (${knownActions(kind).join(', ')}) or a wildcard such as "mns:*"`);
  }
  const pattern = new RegExp(`^${action.replace(/\*/g, '.*')}$`);
  const matched = knownActions(kind).filter((name) => pattern.test(name));
  if (matched.length === 0) {
    throw invalid(scope, prop, action, `must match at least one SMQ action on a ${kind} (case-sensitive: ${knownActions(kind).join(', ')})`);
  }
  return [...new Set(matched.map((name) => ACTIONS[name].resource))];
}

function knownActions(kind: ChannelKind): string[] {
  return Object.keys(ACTIONS).filter((name) => ACTIONS[name].kind === kind);
}
