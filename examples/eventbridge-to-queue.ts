import * as ros from '@alicloud/ros-cdk-core';
import { RetryStrategy, smq, sources } from '../lib';

/**
 * An EventBridge rule with a pattern of its own: objects of 100 MiB or more put into any bucket, each written to a
 * queue as a short text made from the event, retried with backoff and parked in a dead-letter queue when they cannot
 * be delivered.
 */
export class EventBridgeToQueueStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const largeUploads = new smq.Queue(this, 'LargeUploads', { deadLetterQueue: { maxReceiveCount: 5 } });
    const undelivered = new smq.Queue(this, 'Undelivered');
    new sources.EventRule(this, 'LargeUploadRule', {
      description: 'Objects of 100 MiB or more',
      pattern: {
        source: ['acs.oss'],
        type: ['oss:ObjectCreated:PutObject', 'oss:ObjectCreated:CompleteMultipartUpload'],
        data: { oss: { object: { size: [{ numeric: ['>=', 104857600] }] } } },
      },
      targets: [new sources.QueueTarget(largeUploads, {
        message: sources.TargetMessage.fromTemplate('${key} (${size} bytes) in ${bucket}', {
          key: '$.data.oss.object.key',
          size: '$.data.oss.object.size',
          bucket: '$.data.oss.bucket.name',
        }),
        retryStrategy: RetryStrategy.BACKOFF_RETRY,
        deadLetterQueue: undelivered,
      })],
    });
  }
}
