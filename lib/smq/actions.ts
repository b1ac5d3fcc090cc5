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

/** True for an action on messages (`.../messages`), false for one on the queue or topic itself. */
export function isMessageAction(action: string): boolean {
  return /Message$|Messages$|MessageVisibility$/.test(action);
}
