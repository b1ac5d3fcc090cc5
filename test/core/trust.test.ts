/**
 * checkServiceTrust: a user's RAM role must let a service assume it, read from the trust policy an L2 ram.Role was
 * given, or the one its L1 (or an L1 ram.RosRole given directly) holds in assumeRolePolicyDocument. A Deny wins over
 * an Allow; a token decides nothing.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { checkServiceTrust } from '../../lib/core/trust';
import { ValidationError } from '../../lib/core/validation';

const SERVICE = 'fc.aliyuncs.com';
const WHY = 'Function Compute assumes it to send the results';

type Statement = ram.RosRole.StatementProperty;

function statement(props: Partial<{ effect: unknown; action: unknown; service: unknown; principal: unknown }> = {}): Statement {
  return {
    effect: (props.effect ?? 'Allow') as string,
    action: (props.action ?? 'sts:AssumeRole') as string,
    principal: (props.principal ?? { service: props.service ?? [SERVICE] }) as ram.RosRole.PrincipalProperty,
  };
}

function document(...statements: Array<Statement | ros.IResolvable>): ram.RosRole.AssumeRolePolicyDocumentProperty {
  return { version: '1', statement: statements };
}

function setup(): { stack: ros.Stack; scope: ros.Construct } {
  const stack = new ros.Stack(new ros.App(), 'Trust');
  return { stack, scope: new ros.Construct(stack, 'Wiring') };
}

let count = 0;
function l2(stack: ros.Stack, policy: ram.RosRole.AssumeRolePolicyDocumentProperty | ros.IResolvable): ram.Role {
  count += 1;
  return new ram.Role(stack, `Role${count}`, { roleName: `role-${count}`, assumeRolePolicyDocument: policy });
}

function l1(stack: ros.Stack, policy: ram.RosRole.AssumeRolePolicyDocumentProperty | ros.IResolvable): ram.IRole {
  count += 1;
  return new ram.RosRole(stack, `RosRole${count}`, { roleName: `rosrole-${count}`, assumeRolePolicyDocument: policy }, true) as unknown as ram.IRole;
}

function check(scope: ros.IConstruct, role: ram.IRole): void {
  checkServiceTrust(scope, 'role', role, SERVICE, WHY);
}

/** Expects the one message checkServiceTrust throws for `role`. */
function expectRefused(scope: ros.IConstruct, role: ram.IRole): void {
  let error: unknown;
  try {
    check(scope, role);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toBe(`Trust/Wiring: role must let the service ${SERVICE} assume it (an Allow of sts:AssumeRole to principal `
    + `{ service: ['${SERVICE}'] }, and no Deny of it): ${WHY}, got "${role.node.path}"`);
}

describe.each([
  ['an L2 ram.Role', l2],
  ['an L1 ram.RosRole', l1],
])('%s', (_kind, make) => {
  test('trusted by the service: passes; trusted by another service only: refused', () => {
    const { stack, scope } = setup();
    check(scope, make(stack, document(statement())));
    check(scope, make(stack, document(statement({ service: SERVICE }))));
    check(scope, make(stack, document(statement({ service: ['ecs.aliyuncs.com', SERVICE] }))));
    expectRefused(scope, make(stack, document(statement({ service: ['ecs.aliyuncs.com'] }))));
    expectRefused(scope, make(stack, document(statement({ principal: { ram: ['acs:ram::123456789012:root'] } }))));
    expectRefused(scope, make(stack, document()));
  });

  test('a Deny of the service wins over an Allow, also through a wildcard action; a Deny of another service does not', () => {
    const { stack, scope } = setup();
    expectRefused(scope, make(stack, document(statement(), statement({ effect: 'Deny' }))));
    expectRefused(scope, make(stack, document(statement({ effect: 'Deny', action: 'sts:*' }), statement())));
    expectRefused(scope, make(stack, document(statement({ effect: 'Deny' }))));
    check(scope, make(stack, document(statement(), statement({ effect: 'Deny', service: ['ecs.aliyuncs.com'] }))));
    check(scope, make(stack, document(statement(), statement({ effect: 'Deny', action: 'sts:GetCallerIdentity' }))));
  });

  test('the action must be sts:AssumeRole or a wildcard that matches it', () => {
    const { stack, scope } = setup();
    expectRefused(scope, make(stack, document(statement({ action: 'sts:AssumeRoleWithSAML' }))));
    expectRefused(scope, make(stack, document(statement({ action: 'sts:GetCallerIdentity' }))));
    expectRefused(scope, make(stack, document(statement({ action: 'ram:AssumeRole' }))));
    for (const action of ['sts:AssumeRole', ['sts:GetCallerIdentity', 'sts:AssumeRole'], 'sts:*', '*', 'sts:Assume*']) {
      check(scope, make(stack, document(statement({ action }))));
    }
  });

  test('tokens decide nothing: the document, a statement, the principal, the service list, the action or the effect', () => {
    const { stack, scope } = setup();
    const json = (id: string): ros.IResolvable => new ros.RosParameter(stack, id, { type: ros.RosParameterType.JSON }).value;
    const text = (id: string): string => new ros.RosParameter(stack, id, { type: ros.RosParameterType.STRING }).valueAsString;
    check(scope, make(stack, json('Document')));
    check(scope, make(stack, document(json('Statement'))));
    check(scope, make(stack, document(statement({ principal: json('Principal') }))));
    check(scope, make(stack, document(statement({ service: json('Services') }))));
    check(scope, make(stack, document(statement({ service: [text('Service')] }))));
    check(scope, make(stack, document(statement({ action: text('Action') }))));
    check(scope, make(stack, document(statement({ effect: text('Effect') }))));
    // a Deny whose principal is a token may not name the service: the Allow stands
    check(scope, make(stack, document(statement(), statement({ effect: 'Deny', service: [text('Denied')] }))));
    // a service list with a token may name the service
    check(scope, make(stack, document(statement({ service: ['ecs.aliyuncs.com', text('Maybe')] }))));
  });
});

test('an L2 reads the trust policy of its L1, which a change after construction reaches', () => {
  const { stack, scope } = setup();
  const role = l2(stack, document(statement()));
  const rosRole = role.node.children.find((c) => c instanceof ram.RosRole) as ram.RosRole;
  rosRole.assumeRolePolicyDocument = document(statement({ service: ['ecs.aliyuncs.com'] }));
  expectRefused(scope, role);
  const fixed = l2(stack, document(statement({ service: ['ecs.aliyuncs.com'] })));
  (fixed.node.children.find((c) => c instanceof ram.RosRole) as ram.RosRole).assumeRolePolicyDocument = document(statement());
  check(scope, fixed);
});

test('a role whose trust policy cannot be read (not made in this app) passes', () => {
  const { stack, scope } = setup();
  const bare = new ros.Construct(stack, 'Imported') as unknown as ram.IRole;
  check(scope, bare);
});
