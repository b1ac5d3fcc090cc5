import * as ros from '@alicloud/ros-cdk-core';
import { consumers, Duration, ess, smq, sources } from '../lib';

/**
 * A web tier's scaling group that reports to SMQ: failed or rejected scaling activities go to an alert queue, finished
 * scale-outs and scale-ins to an activity topic, and every scale-in waits on a lifecycle hook while a worker drains the
 * instances named in the drain queue's messages. The group is made with `ess.RosScalingGroup` (minimal props: sizes
 * and the vSwitch, given at deploy time); it starts scaling once it is enabled with a scaling configuration or a
 * launch template (`ALIYUN::ESS::ScalingGroupEnable`), which this example leaves out.
 */
export class EssToQueueStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const vSwitchId = new ros.RosParameter(this, 'VSwitchId', {
      type: ros.RosParameterType.STRING,
      description: 'The vSwitch the web tier\'s instances start in',
    });
    const web = new ess.RosScalingGroup(this, 'WebTier', {
      minSize: 1,
      maxSize: 4,
      vSwitchIds: [vSwitchId.valueAsString],
    }, this.enableResourcePropertyConstraint);

    const alerts = new smq.Queue(this, 'ScalingAlerts', { deadLetterQueue: { maxReceiveCount: 5 } });
    const activity = new smq.Topic(this, 'ScalingActivity');
    activity.addSubscription(new consumers.EmailSubscription('ops@example.com'));
    const notifications = sources.ScalingNotifications.of(web);
    notifications.add(alerts, { events: sources.ScalingEvent.ERRORS });
    notifications.add(activity, { events: [sources.ScalingEvent.SCALE_OUT_SUCCESS, sources.ScalingEvent.SCALE_IN_SUCCESS] });

    const drain = new smq.Queue(this, 'Drain', { visibilityTimeout: Duration.minutes(10), deadLetterQueue: { maxReceiveCount: 5 } });
    new sources.LifecycleHook(this, 'DrainOnScaleIn', {
      group: web,
      transition: sources.LifecycleTransition.SCALE_IN,
      destination: drain,
      heartbeatTimeout: Duration.minutes(10),
      defaultResult: sources.LifecycleDefaultResult.CONTINUE,
      metadata: 'web-tier',
    });
  }
}
