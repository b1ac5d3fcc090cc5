import * as ros from '@alicloud/ros-cdk-core';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import { checks, consumers, Duration, smq } from '../lib';

/**
 * Two EventBridge event streams (ROS has no type for them: each is an API call of the stack's API-call function):
 * - `RouteOrders` reads the orders queue and passes the messages whose body starts with `order-` to an FC 3.0
 *   function, in batches of up to 10 within 5 seconds, retries for a day and parks what still fails in a dead-letter
 *   queue (a message the filter does not pass is consumed and dropped);
 * - `ArchiveReturns` reads the returns queue and copies every message body, as it was sent, to an archive queue.
 *
 * Each stream reads its own queue: a queue hands each message to one reader, so two streams (or a stream and a queue
 * trigger) on one queue would split its messages between them, not copy them. To give every message to several
 * readers, publish to a topic and subscribe one queue per reader.
 *
 * The streams read and write with the account's service-linked roles AliyunServiceRoleForEventBridgeSendToMNS and
 * AliyunServiceRoleForEventBridgeSendToFC, which a template cannot create: create them once per account before the
 * first deploy (the synth warns).
 */
export class QueueEventStreamStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const orders = new smq.Queue(this, 'Orders');
    const returns = new smq.Queue(this, 'Returns', { deadLetterQueue: { maxReceiveCount: 5 } });
    const archive = new smq.Queue(this, 'ReturnsArchive');
    // an archive nobody receives from: no message can fail there, so it needs no dead-letter queue
    checks.SmqChecks.suppress(archive, 'SMQ-001', 'an archive: nothing receives from it, so no message can fail in it; messages expire after the retention period');
    const failedOrders = new smq.Queue(this, 'FailedOrders');

    const handler = new fc3.Function(this, 'OrderHandler', {
      functionName: `${this.stackName}-order-handler`,
      runtime: 'nodejs20',
      handler: 'index.handler',
      code: {
        zipFile: [
          '// each invocation gets a batch: a JSON array of CloudEvents, the message in data.messageBody',
          'exports.handler = async (event) => {',
          '  for (const message of JSON.parse(event.toString())) {',
          '    console.log(\'order: \' + message.data.messageBody);',
          '  }',
          '};',
        ].join('\n'),
      },
    });

    new consumers.QueueEventStream(this, 'RouteOrders', {
      queue: orders,
      sink: consumers.EventStreamSink.fc3(handler),
      filterPattern: { data: { messageBody: [{ prefix: 'order-' }] } },
      batchSize: 10,
      batchWindow: Duration.seconds(5),
      deadLetterQueue: failedOrders,
    });

    new consumers.QueueEventStream(this, 'ArchiveReturns', {
      queue: returns,
      sink: consumers.EventStreamSink.queue(archive),
      transform: consumers.EventStreamTransform.messageBody(),
    });
  }
}
