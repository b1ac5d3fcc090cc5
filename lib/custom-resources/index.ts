export { ApiCall, PhysicalResourceId } from './api-call';
export type { ApiCallProps, ApiPermission, ApiRequest } from './api-call';
