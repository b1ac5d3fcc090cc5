import * as ros from '@alicloud/ros-cdk-core';

/** The region of a stack: its literal region, or `ALIYUN::Region`. */
export function stackRegion(scope: ros.IConstruct): string {
  const region = ros.Stack.of(scope).region;
  return region !== undefined && !ros.Token.isUnresolved(region) ? region : ros.RosPseudo.region;
}

/**
 * The account that owns a stack's resources: its literal account, or `ALIYUN::TenantId` (the ROS pseudo parameter for
 * the Alibaba Cloud account; `ALIYUN::AccountId` is the account executing the stack, which a resource ARN must not use).
 */
export function stackAccount(scope: ros.IConstruct): string {
  const account = ros.Stack.of(scope).account;
  return account !== undefined && !ros.Token.isUnresolved(account) ? account : ros.RosPseudo.tenantId;
}
