export * from './subscriptions';
export { FunctionGeneration, QueueEventFormat, QueueTrigger, TopicTrigger, TriggerContentFormat, TriggerFunction } from './fc-triggers';
export type { QueueTriggerProps, TopicTriggerProps, TriggerFunctionImportOptions } from './fc-triggers';
export { EventStreamSink, EventStreamTransform, HttpSinkMethod, QueueEventStream } from './event-streams';
export type { FunctionSinkOptions, HttpSinkOptions, QueueEventStreamProps, QueueSinkOptions, RocketMqSinkOptions } from './event-streams';
