export * from './duration';
export * from './validation';
export * from './names';
export * from './ids';
export * from './grants';
