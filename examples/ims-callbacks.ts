import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { sources } from '../lib';

/**
 * IMS task callbacks on a queue: a queue named `ice-callback-...` (IMS delivers callbacks only to such queues, in its
 * own region), with a dead-letter queue, and a worker role that may consume it. IMS is pointed at the queue with one
 * API call after the deploy: the stack output `CallbacksSetEventCallbackCommand` holds it (ROS has no resource type
 * for `SetEventCallback`).
 */
export class ImsCallbacksStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const callbacks = new sources.ImsCallbackQueue(this, 'Callbacks', {
      eventTypes: [sources.ImsEvent.PRODUCE_MEDIA_COMPLETE, sources.ImsEvent.MEDIA_CONVERT_COMPLETE],
      deadLetterQueue: { maxReceiveCount: 5 },
    });
    const worker = new ram.Role(this, 'MediaWorker', {
      roleName: `${this.stackName}-media-worker`,
      assumeRolePolicyDocument: {
        version: '1',
        statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['ecs.aliyuncs.com'] } }],
      },
    });
    callbacks.grantConsumeMessages(worker);
  }
}
