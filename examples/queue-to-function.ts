import * as ros from '@alicloud/ros-cdk-core';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import { consumers, Duration, smq } from '../lib';

/**
 * A job queue drained by an FC 3.0 function: a queue trigger (an EventBridge event stream that Function Compute
 * manages) invokes the function with batches of up to 10 messages, waiting at most 5 seconds to fill one, retries a
 * failed invocation for a day and then parks its messages in a dead-letter queue.
 *
 * The stream invokes the function with the account's service-linked role AliyunServiceRoleForEventBridgeSendToFC,
 * which a template cannot create: authorize it once per account before the first deploy (the synth warns).
 */
export class QueueToFunctionStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const jobs = new smq.Queue(this, 'Jobs');
    const failedJobs = new smq.Queue(this, 'FailedJobs');

    const worker = new fc3.Function(this, 'Worker', {
      functionName: `${this.stackName}-worker`,
      runtime: 'nodejs20',
      handler: 'index.handler',
      code: {
        zipFile: [
          '// each invocation gets a batch: a JSON array of CloudEvents, the message in data.messageBody',
          'exports.handler = async (event) => {',
          '  for (const message of JSON.parse(event.toString())) {',
          '    console.log(\'job: \' + message.data.messageBody);',
          '  }',
          '};',
        ].join('\n'),
      },
    });

    new consumers.QueueTrigger(this, 'ConsumeJobs', {
      queue: jobs,
      fn: consumers.TriggerFunction.fc3(worker),
      batchSize: 10,
      batchWindow: Duration.seconds(5),
      deadLetterQueue: failedJobs,
    });
  }
}
