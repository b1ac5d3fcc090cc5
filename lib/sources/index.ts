export * from './eventbridge';
export * from './oss';
export * from './cms';
