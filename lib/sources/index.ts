export { EventRule, QueueTarget } from './eventbridge';
export type { EventRuleProps, IRuleTarget, QueueTargetProps } from './eventbridge';
export * from './target-message';
export * from './oss';
export * from './cms';
export * from './ess';
export * from './iot';
export * from './fc-destinations';
export * from './ims';
