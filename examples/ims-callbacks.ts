import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { sources } from '../lib';

/**
 * IMS task callbacks on a queue: a queue named `ice-callback-...` (IMS delivers callbacks only to such queues, in its
 * own region), with a dead-letter queue, and a worker role that may consume it. The stack points IMS at the queue
 * itself: `ImsPreviousEventCallback` reads the account's callback setting once (IMS GetEventCallback; its logical id
 * does not follow the queue's construct id, so renaming the queue does not read our own setting as the account's) and
 * `CallbacksCallback` sets ours (SetEventCallback, CallbackType MNS) on create and update; deleting the stack restores
 * the setting read before, unless someone changed it since (IMS has no call that clears a callback). Should IMS refuse
 * that restore (say, the old setting's queue is gone), delete the stack again with ROS DeleteStack's RetainResources
 * naming `CallbacksCallback`, or deploy with `restorePreviousCallback: false` before deleting. IMS keeps one callback
 * setting per account and region: deploy one such stack per region.
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
