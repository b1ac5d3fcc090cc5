import * as ros from '@alicloud/ros-cdk-core';

/**
 * One value per stack: each `ros.RosPseudo.*` access makes a new token, and core records a full stack trace for every
 * token it makes (the main cost of a large synth).
 */
const regions = new WeakMap<ros.Stack, string>();
const accounts = new WeakMap<ros.Stack, string>();

/** The region of a stack: its literal region, or `ALIYUN::Region`. */
export function stackRegion(scope: ros.IConstruct): string {
  const stack = ros.Stack.of(scope);
  let region = regions.get(stack);
  if (region === undefined) {
    region = stack.region !== undefined && !ros.Token.isUnresolved(stack.region) ? stack.region : ros.RosPseudo.region;
    regions.set(stack, region);
  }
  return region;
}

/**
 * The account that owns a stack's resources: its literal account, or `ALIYUN::TenantId` (the ROS pseudo parameter for
 * the Alibaba Cloud account; `ALIYUN::AccountId` is the account executing the stack, which a resource ARN must not use).
 */
export function stackAccount(scope: ros.IConstruct): string {
  const stack = ros.Stack.of(scope);
  let account = accounts.get(stack);
  if (account === undefined) {
    account = stack.account !== undefined && !ros.Token.isUnresolved(stack.account) ? stack.account : ros.RosPseudo.tenantId;
    accounts.set(stack, account);
  }
  return account;
}
