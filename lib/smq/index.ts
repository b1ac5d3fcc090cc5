export * from './formats';
export type { ChannelImportOptions, IChannel } from './channel';
export * from './queue-base';
export * from './queue';
export * from './topic-base';
export * from './topic';
export { NotifyContentFormat, NotifyStrategy, PushType, Subscription } from './subscription';
export type { ITopicSubscription, SubscriptionOptions, SubscriptionProps, TopicSubscriptionConfig } from './subscription';
