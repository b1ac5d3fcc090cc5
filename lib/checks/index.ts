export { CheckLevel } from './rules';
export type { CheckRule } from './rules';
export { SmqChecks } from './smq-checks';
export type { CheckFinding, CheckSuppression, ChecksReport, ChecksSummary, SmqChecksOptions, UnusedSuppression } from './smq-checks';
