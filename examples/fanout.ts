import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { consumers, smq } from '../lib';
import { ecsAssumeRolePolicy } from './work-queue';

/**
 * One topic fanned out to two queues (one filtered by tag), two HTTPS webhooks (one given as a parameter at deploy
 * time), a mail address and an SMS phone, with a publisher role.
 */
export class FanoutStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const orders = new smq.Topic(this, 'Orders', { topicName: 'orders' });

    const billing = new smq.Queue(this, 'Billing', { queueName: 'orders-billing', deadLetterQueue: { maxReceiveCount: 3 } });
    const shipping = new smq.Queue(this, 'Shipping', { queueName: 'orders-shipping', deadLetterQueue: { maxReceiveCount: 3 } });
    const undelivered = new smq.Queue(this, 'Undelivered', { queueName: 'orders-undelivered' });

    orders.addSubscription(new consumers.QueueSubscription(billing, { contentFormat: smq.NotifyContentFormat.JSON }));
    orders.addSubscription(new consumers.QueueSubscription(shipping, { filterTag: 'paid', deadLetterQueue: undelivered }));
    orders.addSubscription(new consumers.UrlSubscription('https://hooks.example.com/orders', { deadLetterQueue: undelivered }));
    orders.addSubscription(new consumers.EmailSubscription('ops@example.com', { filterTag: 'refund' }));
    // an endpoint given at deploy time: checked up to the token, same logical id on every synth
    const audit = new ros.RosParameter(this, 'AuditWebhookUrl', {
      type: ros.RosParameterType.STRING,
      defaultValue: 'https://audit.example.com/orders',
      description: 'HTTPS endpoint that receives every order event',
    });
    orders.addSubscription(new consumers.UrlSubscription(audit.valueAsString));
    orders.addSubscription(consumers.SmsSubscription.toPhone('13800000000', { filterTag: 'fraud' }));

    const checkout = new ram.Role(this, 'Checkout', {
      roleName: `${this.stackName}-checkout`,
      assumeRolePolicyDocument: ecsAssumeRolePolicy(),
    });
    orders.grantPublish(checkout);
  }
}
