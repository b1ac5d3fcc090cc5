export * from './mns';
