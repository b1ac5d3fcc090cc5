import * as ros from '@alicloud/ros-cdk-core';
import * as fc from '@alicloud/ros-cdk-fc';
import { consumers, smq } from '../lib';

/**
 * The FC 2.0 form of the topic-to-function example: an order topic whose paid orders invoke a function in a Function
 * Compute 2.0 service. The trigger names both the service and the function, and passes each message as a JSON
 * document with its attributes.
 */
export class TopicToFunctionFc2Stack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const orders = new smq.Topic(this, 'Orders');

    const service = new fc.Service(this, 'Billing', { serviceName: `${this.stackName}-billing` });
    const receipts = new fc.Function(this, 'Receipts', {
      serviceName: service.attrServiceName,
      functionName: 'receipts',
      runtime: 'nodejs20',
      handler: 'index.handler',
      code: {
        zipFile: [
          '// the trigger passes a JSON document with the message body and its attributes (JSON)',
          'exports.handler = async (event) => {',
          '  const message = JSON.parse(event.toString());',
          '  console.log(\'paid order: \' + message.Message);',
          '};',
        ].join('\n'),
      },
    });

    new consumers.TopicTrigger(this, 'PaidOrders', {
      topic: orders,
      fn: consumers.TriggerFunction.fc2(service, receipts),
      filterTag: 'paid',
      contentFormat: consumers.TriggerContentFormat.JSON,
    });
  }
}
