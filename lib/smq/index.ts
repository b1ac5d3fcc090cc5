export * from './formats';
export * from './actions';
export * from './channel';
export * from './queue-base';
export * from './queue';
export * from './topic-base';
export * from './topic';
export * from './subscription';
