export { CheckLevel } from './rules';
export type { CheckRule } from './rules';
export { SmqChecks } from './smq-checks';
export type { CheckFinding, CheckSuppression, ChecksReport, ChecksSummary, SmqChecksOptions } from './smq-checks';
