import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { smq } from '../lib';
import { ecsAssumeRolePolicy } from './work-queue';

/** Properties of a {@link ConsumersStack}. */
export interface ConsumersStackProps extends ros.StackProps {
  /** The queue the consumers read, owned by another stack. */
  readonly jobs: smq.IQueue;
}

/**
 * A consumer role in its own stack, granted on a queue of another stack: the grant's policy lives here, with the
 * role, and names the queue by its literal name, so the two stacks do not depend on each other through the grant.
 */
export class ConsumersStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ConsumersStackProps) {
    super(scope, id, props);
    const thumbnailer = new ram.Role(this, 'Thumbnailer', {
      roleName: `${this.stackName}-thumbnailer`,
      assumeRolePolicyDocument: ecsAssumeRolePolicy(),
    });
    props.jobs.grantConsumeMessages(thumbnailer);
  }
}
