import * as ros from '@alicloud/ros-cdk-core';
import type * as ram from '@alicloud/ros-cdk-ram';
import { invalid, isUnresolved } from './validation';

/**
 * Checks that a user's RAM role lets `service` (such as `mns.aliyuncs.com`) assume it, where its trust policy is
 * literal: an Allow of `sts:AssumeRole` (or `sts:*`, `*`) to the service principal, and no Deny of it (in RAM a Deny
 * wins over any Allow). A statement, principal or action that is a token counts as possibly matching.
 *
 * @param prop the prop that holds the role, for the error
 * @param why what the service does with the role, for the error: `SMQ assumes it to invoke the function`
 */
export function checkServiceTrust(scope: ros.IConstruct, prop: string, role: ram.IRole, service: string, why: string): void {
  const document = (role as { props?: { assumeRolePolicyDocument?: unknown } }).props?.assumeRolePolicyDocument as ram.RosRole.AssumeRolePolicyDocumentProperty | undefined;
  const statements = document?.statement;
  if (!Array.isArray(statements) || statements.some((s) => isUnresolved(s))) {
    return;
  }
  const typed = statements as ram.RosRole.StatementProperty[];
  const names = (s: ram.RosRole.StatementProperty): boolean | undefined => {
    const principal = s.principal as ram.RosRole.PrincipalProperty | undefined;
    return isUnresolved(principal) ? undefined : matches(principal?.service, (v) => v === service);
  };
  const assumes = (s: ram.RosRole.StatementProperty): boolean | undefined => matches(s.action, (a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*');
  const denied = typed.some((s) => s.effect === 'Deny' && names(s) === true && assumes(s) === true);
  const allowed = typed.some((s) => (s.effect === 'Allow' || isUnresolved(s.effect)) && names(s) !== false && assumes(s) !== false);
  if (denied || !allowed) {
    throw invalid(scope, prop, role.node.path, `must let the service ${service} assume it (an Allow of sts:AssumeRole to principal { service: ['${service}'] }, `
      + `and no Deny of it): ${why}`);
  }
}

/** Whether a value or list of values holds a wanted one: true, false, or undefined when a token decides. */
function matches(value: unknown, wanted: (v: unknown) => boolean): boolean | undefined {
  if (isUnresolved(value)) {
    return undefined;
  }
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.some(wanted) ? true : values.some((v) => isUnresolved(v)) ? undefined : false;
}
