import * as ros from '@alicloud/ros-cdk-core';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as oss from '@alicloud/ros-cdk-oss';
import { consumers, Duration, smq, sources } from '../lib';

/**
 * An upload pipeline with SMQ as the channel between its products: objects uploaded under `incoming/` of an OSS
 * bucket are announced on a queue by SMQ's own event notification rule, an FC 3.0 function processes them in batches
 * through a queue trigger (failed messages go to a dead-letter queue), and a CloudMonitor alarm on the queue's
 * backlog writes its alerts to an ops topic, which mails them on.
 *
 * The queue trigger's event stream invokes the function with the account's service-linked role
 * AliyunServiceRoleForEventBridgeSendToFC, and CloudMonitor writes to the topic with AliyunCloudMonitorDefaultRole:
 * neither can be created by a template, both are authorized once per account (the synth says so).
 */
export class UploadPipelineStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const bucket = new oss.Bucket(this, 'Inbox', { bucketName: 'smq-example-upload-pipeline-inbox' });

    // OSS -> queue
    const uploads = new smq.Queue(this, 'Uploads');
    new sources.OssEventNotification(this, 'NewUploads', {
      bucket,
      events: [sources.OssEvent.OBJECT_CREATED],
      filters: [{ prefix: 'incoming/' }],
      destination: uploads,
    });

    // queue -> function
    const failedUploads = new smq.Queue(this, 'FailedUploads');
    const processor = new fc3.Function(this, 'Processor', {
      functionName: `${this.stackName}-processor`,
      runtime: 'nodejs20',
      handler: 'index.handler',
      code: {
        zipFile: [
          '// a batch of CloudEvents; each message body is an OSS event notification',
          'exports.handler = async (event) => {',
          '  for (const message of JSON.parse(event.toString())) {',
          '    for (const e of JSON.parse(message.data.messageBody).events) {',
          '      console.log(e.eventName + \': oss://\' + e.oss.bucket.name + \'/\' + e.oss.object.key);',
          '    }',
          '  }',
          '};',
        ].join('\n'),
      },
    });
    new consumers.QueueTrigger(this, 'ProcessUploads', {
      queue: uploads,
      fn: consumers.TriggerFunction.fc3(processor),
      batchSize: 20,
      batchWindow: Duration.seconds(10),
      deadLetterQueue: failedUploads,
    });

    // queue backlog -> ops topic
    const ops = new smq.Topic(this, 'Ops');
    ops.addSubscription(new consumers.EmailSubscription('ops@example.com'));
    const backlog = new sources.MetricAlarm(this, 'Backlog', {
      metric: uploads.metricNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 500,
      evaluationPeriods: 3,
      level: sources.AlarmLevel.WARN,
      contactGroups: ['ops'],
    });
    backlog.notify(ops);
  }
}
