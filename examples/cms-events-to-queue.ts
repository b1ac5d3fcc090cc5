import * as ros from '@alicloud/ros-cdk-core';
import { Duration, smq, sources } from '../lib';

/**
 * Critical and warning system events of ECS instances (CloudMonitor events) written to a queue, for a consumer that
 * reacts to them.
 */
export class CmsEventsToQueueStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const incidents = new smq.Queue(this, 'Incidents', { deadLetterQueue: { maxReceiveCount: 5 } });
    new sources.CmsEventNotification(this, 'EcsEvents', {
      pattern: {
        product: 'ECS',
        eventTypes: ['StatusNotification'],
        levels: [sources.AlarmLevel.CRITICAL, sources.AlarmLevel.WARN],
        names: ['Instance:StateChange'],
      },
      destination: incidents,
      description: 'ECS instance events for the incident queue',
      silenceTime: Duration.minutes(5),
    });
  }
}
