export * from './matcher';
export * from './match';
export * from './capture';
export * from './template';
export * from './annotations';
