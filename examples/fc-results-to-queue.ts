import * as ros from '@alicloud/ros-cdk-core';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import * as ram from '@alicloud/ros-cdk-ram';
import { consumers, smq, sources } from '../lib';

/**
 * The results of an FC 3.0 function's asynchronous invocations written to SMQ: events that still fail after two
 * retries go to a queue for later replay, and the context of each invocation that succeeded is published to a topic.
 * Function Compute sends them with the function's own role, which is granted exactly mns:SendMessage on the queue and
 * mns:PublishMessage on the topic.
 */
export class FcResultsToQueueStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const failures = new smq.Queue(this, 'Failures');
    const finished = new smq.Topic(this, 'Finished');
    finished.addSubscription(new consumers.EmailSubscription('reports@example.com'));

    // the role Function Compute assumes for the function (and sends its results with)
    const role = new ram.Role(this, 'ConvertRole', {
      roleName: `${this.stackName}-convert`,
      assumeRolePolicyDocument: {
        version: '1',
        statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['fc.aliyuncs.com'] } }],
      },
    });
    const convert = new fc3.Function(this, 'Convert', {
      functionName: `${this.stackName}-convert`,
      runtime: 'nodejs20',
      handler: 'index.handler',
      role: ros.Token.asString(role.attrArn),
      code: {
        zipFile: [
          'exports.handler = async (event) => {',
          '  const job = JSON.parse(event.toString());',
          '  if (!job.source) { throw new Error(\'no source\'); }',
          '  return { converted: job.source };',
          '};',
        ].join('\n'),
      },
    });

    new sources.FunctionResultDestinations(this, 'ConvertResults', {
      fn: sources.ResultFunction.fc3(convert, role),
      onFailure: failures,
      onSuccess: finished,
      maxAsyncRetryAttempts: 2,
    });
  }
}
