export { ApiCall, PhysicalResourceId } from './api-call';
export type { ApiCallProps, ApiCondition, ApiPermission, ApiRequest, ApiWait } from './api-call';
