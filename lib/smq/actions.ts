/**
 * The RAM actions our grants use, in one place. Sources: shared/research/formats-verified.md section 4.
 */

/** Sending to a queue (on `.../queues/{name}/messages`). */
export const QUEUE_SEND_ACTIONS = ['mns:SendMessage', 'mns:BatchSendMessage'];

/** Receiving and deleting from a queue (on `.../queues/{name}/messages`). */
export const QUEUE_CONSUME_ACTIONS = [
  'mns:ReceiveMessage',
  'mns:BatchReceiveMessage',
  'mns:DeleteMessage',
  'mns:BatchDeleteMessage',
  'mns:ChangeMessageVisibility',
];

/**
 * Emptying a queue (on `.../queues/{name}/messages`). SMQ has no purge operation: a queue is emptied by receiving and
 * deleting its messages.
 */
export const QUEUE_PURGE_ACTIONS = ['mns:ReceiveMessage', 'mns:BatchReceiveMessage', 'mns:DeleteMessage', 'mns:BatchDeleteMessage'];

/** Reading a queue's attributes (on `.../queues/{name}`). */
export const QUEUE_READ_ATTRIBUTES_ACTIONS = ['mns:GetQueueAttributes'];

/** Publishing to a topic (on `.../topics/{name}/messages`). */
export const TOPIC_PUBLISH_ACTIONS = ['mns:PublishMessage'];

/** Reading a topic's attributes (on `.../topics/{name}`). */
export const TOPIC_READ_ATTRIBUTES_ACTIONS = ['mns:GetTopicAttributes'];

/** Which resource RAM authorizes an SMQ action on, relative to its queue or topic. */
export enum ActionScope {
  /** `.../queues/{name}/messages`, `.../topics/{name}/messages`. */
  MESSAGES = 'messages',
  /** `.../topics/{name}/subscriptions/{subscription}`. */
  SUBSCRIPTIONS = 'subscriptions',
  /** The queue or topic itself. */
  CHANNEL = 'channel',
  /** A wildcard action: the channel and everything below it. */
  ALL = 'all',
}

const SUBSCRIPTION_ACTIONS = ['mns:Subscribe', 'mns:Unsubscribe', 'mns:GetSubscriptionAttributes', 'mns:SetSubscriptionAttributes'];

/** The resource RAM authorizes `action` on (formats-verified.md section 4). */
export function actionScope(action: string): ActionScope {
  if (action.includes('*')) {
    return ActionScope.ALL;
  }
  if (SUBSCRIPTION_ACTIONS.includes(action)) {
    return ActionScope.SUBSCRIPTIONS;
  }
  return /Message$|Messages$|MessageVisibility$/.test(action) ? ActionScope.MESSAGES : ActionScope.CHANNEL;
}
