export * from './subscriptions';
export { FunctionGeneration, QueueEventFormat, QueueTrigger, TopicTrigger, TriggerContentFormat, TriggerFunction } from './fc-triggers';
export type { QueueTriggerProps, TopicTriggerProps, TriggerFunctionImportOptions } from './fc-triggers';
