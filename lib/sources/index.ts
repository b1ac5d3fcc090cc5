export * from './eventbridge';
export * from './target-message';
export * from './oss';
export * from './cms';
