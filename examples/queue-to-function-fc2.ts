import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc';
import { consumers, Duration, smq } from '../lib';

/**
 * The FC 2.0 form of the queue-to-function example: a job queue drained by a function in a Function Compute 2.0
 * service, in batches of up to 10 messages gathered for at most 5 seconds, with a dead-letter queue for messages that
 * still fail after a day of retries.
 *
 * As with FC 3.0, the event stream invokes the function with the account's service-linked role
 * AliyunServiceRoleForEventBridgeSendToFC, which a template cannot create (the synth warns).
 */
export class QueueToFunctionFc2Stack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const jobs = new smq.Queue(this, 'Jobs');
    const failedJobs = new smq.Queue(this, 'FailedJobs');

    const service = new fc.Service(this, 'Workers', { serviceName: `${this.stackName}-workers` });
    const worker = new fc.Function(this, 'Worker', {
      serviceName: service.attrServiceName,
      functionName: 'worker',
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
      fn: consumers.TriggerFunction.fc2(service, worker),
      batchSize: 10,
      batchWindow: Duration.seconds(5),
      deadLetterQueue: failedJobs,
    });
  }
}
