import * as ros from '@alicloud/ros-cdk-core';
import { consumers, Duration, smq, sources } from '../lib';

/**
 * A backlog alarm on a work queue: a CloudMonitor rule on the queue's visible messages that tells a contact group and
 * writes its alerts to an ops topic, which mails them on.
 */
export class CmsAlarmToTopicStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const jobs = new smq.Queue(this, 'Jobs', { deadLetterQueue: { maxReceiveCount: 5 } });
    const ops = new smq.Topic(this, 'Ops');
    ops.addSubscription(new consumers.EmailSubscription('ops@example.com'));

    const backlog = new sources.MetricAlarm(this, 'Backlog', {
      metric: jobs.metricNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1000,
      evaluationPeriods: 3,
      level: sources.AlarmLevel.WARN,
      contactGroups: ['ops'],
    });
    backlog.notify(ops);
  }
}
