import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Duration, smq } from '../lib';

/**
 * A work queue with a dead-letter queue made for it, and a worker role that may consume it and a producer role that
 * may send to it.
 */
export class WorkQueueStack extends ros.Stack {
  /** The work queue. */
  public readonly jobs: smq.Queue;

  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    this.jobs = new smq.Queue(this, 'Jobs', {
      visibilityTimeout: Duration.minutes(5),
      receiveMessageWaitTime: Duration.seconds(20),
      deadLetterQueue: { maxReceiveCount: 5 },
      tags: { team: 'media' },
    });

    const worker = new ram.Role(this, 'Worker', {
      roleName: `${this.stackName}-worker`,
      assumeRolePolicyDocument: ecsAssumeRolePolicy(),
    });
    this.jobs.grantConsumeMessages(worker);
    this.jobs.deadLetterQueue!.queue.grantConsumeMessages(worker);

    const producer = new ram.Role(this, 'Producer', {
      roleName: `${this.stackName}-producer`,
      assumeRolePolicyDocument: ecsAssumeRolePolicy(),
    });
    this.jobs.grantSendMessages(producer);
  }
}

/** A trust policy that lets ECS instances assume a role. */
export function ecsAssumeRolePolicy(): ram.RosRole.AssumeRolePolicyDocumentProperty {
  return {
    version: '1',
    statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['ecs.aliyuncs.com'] } }],
  };
}
