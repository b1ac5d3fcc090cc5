export { Duration } from './duration';
export { ValidationError } from './validation';
export { generatePhysicalName } from './names';
export type { PhysicalNameOptions } from './names';
export { Grant } from './grants';
export type { GrantOnResourceOptions } from './grants';
