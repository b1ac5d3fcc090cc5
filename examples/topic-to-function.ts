import * as ros from '@alicloud/ros-cdk-core';
import * as fc3 from '@alicloud/ros-cdk-fc3';
import { consumers, smq } from '../lib';

/**
 * An order topic whose paid orders invoke an FC 3.0 function: a topic trigger (`mns_topic`) with a filter tag, so only
 * messages published with the tag `paid` reach the function. SMQ invokes it with a role made for the trigger, trusted
 * by SMQ only and allowed to invoke only this function.
 */
export class TopicToFunctionStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const orders = new smq.Topic(this, 'Orders');

    const receipts = new fc3.Function(this, 'Receipts', {
      functionName: `${this.stackName}-receipts`,
      runtime: 'nodejs20',
      handler: 'index.handler',
      code: {
        zipFile: [
          '// the trigger passes the message body as it was published (STREAM)',
          'exports.handler = async (event) => {',
          '  console.log(\'paid order: \' + event.toString());',
          '};',
        ].join('\n'),
      },
    });

    new consumers.TopicTrigger(this, 'PaidOrders', {
      topic: orders,
      fn: consumers.TriggerFunction.fc3(receipts),
      filterTag: 'paid',
    });
  }
}
