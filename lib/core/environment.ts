import * as ros from '@alicloud/ros-cdk-core';

/**
 * One value per stack: each `ros.RosPseudo.*` access makes a new token, and core records a full stack trace for every
 * token it makes (the main cost of a large synth).
 */
const regions = new WeakMap<ros.Stack, string>();
const accounts = new WeakMap<ros.Stack, string>();

/** The stack's literal value, or else the pseudo parameter; computed once per stack. */
function perStack(cache: WeakMap<ros.Stack, string>, scope: ros.IConstruct, literal: (stack: ros.Stack) => string | undefined, pseudo: () => string): string {
  const stack = ros.Stack.of(scope);
  let value = cache.get(stack);
  if (value === undefined) {
    const given = literal(stack);
    value = given !== undefined && !ros.Token.isUnresolved(given) ? given : pseudo();
    cache.set(stack, value);
  }
  return value;
}

/** The region of a stack: its literal region, or `ALIYUN::Region`. */
export function stackRegion(scope: ros.IConstruct): string {
  return perStack(regions, scope, (stack) => stack.region, () => ros.RosPseudo.region);
}

/**
 * The account that owns a stack's resources: its literal account, or `ALIYUN::TenantId` (the ROS pseudo parameter for
 * the Alibaba Cloud account; `ALIYUN::AccountId` is the account executing the stack, which a resource ARN must not use).
 */
export function stackAccount(scope: ros.IConstruct): string {
  return perStack(accounts, scope, (stack) => stack.account, () => ros.RosPseudo.tenantId);
}
