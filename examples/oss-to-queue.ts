import * as ros from '@alicloud/ros-cdk-core';
import * as oss from '@alicloud/ros-cdk-oss';
import { smq, sources } from '../lib';

/**
 * OSS object events of one bucket delivered to queues, once on each path: new `.jpg` uploads under `uploads/` through
 * SMQ's own event notification rule (no other service involved), and removed objects through an EventBridge rule on
 * the `default` bus, whose target keeps only the event's `data` and parks what it cannot deliver in a dead-letter
 * queue.
 */
export class OssToQueueStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const bucket = new oss.Bucket(this, 'Media', { bucketName: 'smq-example-media' });

    const uploads = new smq.Queue(this, 'Uploads', { deadLetterQueue: { maxReceiveCount: 5 } });
    new sources.OssEventNotification(this, 'JpegUploads', {
      bucket,
      events: [sources.OssEvent.OBJECT_CREATED],
      filters: [{ prefix: 'uploads/', suffix: '.jpg' }],
      destination: uploads,
    });

    const removals = new smq.Queue(this, 'Removals', { deadLetterQueue: { maxReceiveCount: 5 } });
    const undelivered = new smq.Queue(this, 'Undelivered');
    new sources.OssEventNotification(this, 'Removed', {
      bucket,
      events: [sources.OssEvent.OBJECT_REMOVED],
      destination: removals,
      via: sources.OssNotificationPath.EVENTBRIDGE,
      target: { message: sources.TargetMessage.fromPath('$.data'), deadLetterQueue: undelivered },
    });
  }
}
