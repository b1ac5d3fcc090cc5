import * as ros from '@alicloud/ros-cdk-core';
import type * as ram from '@alicloud/ros-cdk-ram';
import { invalid, isUnresolved } from './validation';

/** The ROS type of a RAM role, whose L1 (`ram.RosRole`) holds the trust policy. */
const RAM_ROLE_TYPE = 'ALIYUN::RAM::Role';

/**
 * Checks that a user's RAM role lets `service` (such as `mns.aliyuncs.com`) assume it, where its trust policy is
 * literal: an Allow of `sts:AssumeRole` (or `sts:*`, `*`, or another wildcard that matches it) to the service
 * principal, and no Deny of it (in RAM a Deny wins over any Allow). A statement, principal or action that is a token
 * counts as possibly matching. The role may be a `ram.Role` (L2) or a `ram.RosRole` (L1).
 *
 * @param prop the prop that holds the role, for the error
 * @param why what the service does with the role, for the error: `SMQ assumes it to invoke the function`
 */
export function checkServiceTrust(scope: ros.IConstruct, prop: string, role: ram.IRole, service: string, why: string): void {
  const document = trustPolicyOf(role) as ram.RosRole.AssumeRolePolicyDocumentProperty | undefined;
  if (document === undefined || document === null || isUnresolved(document)) {
    return;
  }
  const statements = document.statement;
  if (!Array.isArray(statements) || statements.some((s) => isUnresolved(s))) {
    return;
  }
  const typed = statements as ram.RosRole.StatementProperty[];
  const names = (s: ram.RosRole.StatementProperty): boolean | undefined => {
    const principal = s.principal as ram.RosRole.PrincipalProperty | undefined;
    return isUnresolved(principal) ? undefined : matches(principal?.service, (v) => v === service);
  };
  const assumes = (s: ram.RosRole.StatementProperty): boolean | undefined => matches(s.action, (a) => typeof a === 'string' && actionPattern(a).test('sts:AssumeRole'));
  const denied = typed.some((s) => s.effect === 'Deny' && names(s) === true && assumes(s) === true);
  const allowed = typed.some((s) => (s.effect === 'Allow' || isUnresolved(s.effect)) && names(s) !== false && assumes(s) !== false);
  if (denied || !allowed) {
    throw invalid(scope, prop, role.node.path, `must let the service ${service} assume it (an Allow of sts:AssumeRole to principal { service: ['${service}'] }, `
      + `and no Deny of it): ${why}`);
  }
}

/**
 * The role's trust policy as it will be rendered: an L1 `ram.RosRole` keeps it in its mutable
 * `assumeRolePolicyDocument` property (it has no `props`); a `ram.Role` L2 keeps its L1 in `resource`, whose property
 * also holds a change made after construction, and the props it was given in `props`.
 */
function trustPolicyOf(role: ram.IRole): unknown {
  const own = role as unknown as { resource?: unknown; props?: { assumeRolePolicyDocument?: unknown } };
  const l1 = [role, own.resource, ...role.node.children].find(isRosRole);
  return l1 !== undefined ? l1.assumeRolePolicyDocument : own.props?.assumeRolePolicyDocument;
}

function isRosRole(x: unknown): x is ram.RosRole {
  return typeof x === 'object' && x !== null && (x as { rosResourceType?: unknown }).rosResourceType === RAM_ROLE_TYPE;
}

/** A RAM action pattern (`*` matches any run of characters) as an anchored regular expression. */
function actionPattern(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Whether a value or list of values holds a wanted one: true, false, or undefined when a token decides. */
function matches(value: unknown, wanted: (v: unknown) => boolean): boolean | undefined {
  if (isUnresolved(value)) {
    return undefined;
  }
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.some((v) => !isUnresolved(v) && wanted(v)) ? true : values.some((v) => isUnresolved(v)) ? undefined : false;
}
