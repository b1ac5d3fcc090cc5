/**
 * How EventBridge delivers to a target, in the words of its event rules and event streams: both an EventBridge rule
 * that writes to a queue (`sources.QueueTarget`) and the event stream that feeds a function from a queue
 * (`consumers.QueueTrigger`) take these. Values as in
 * https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters and
 * https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-struct-runoptions
 */

/** How EventBridge retries a push that failed. */
export enum RetryStrategy {
  /** 3 retries, 10 to 20 seconds apart (EventBridge's default). */
  BACKOFF_RETRY = 'BACKOFF_RETRY',
  /** 176 retries over one day, the interval growing to 512 seconds. */
  EXPONENTIAL_DECAY_RETRY = 'EXPONENTIAL_DECAY_RETRY',
}

/** What EventBridge does with an event it could not deliver after all retries. */
export enum ErrorsTolerance {
  /** Go on with the next events: the event goes to the dead-letter queue, or is dropped without one. */
  ALL = 'ALL',
  /** Stop: the event blocks the ones after it until it is delivered. */
  NONE = 'NONE',
}
