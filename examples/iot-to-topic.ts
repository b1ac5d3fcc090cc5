import * as ros from '@alicloud/ros-cdk-core';
import { consumers, iot, smq, sources } from '../lib';

/**
 * Device telemetry from IoT Platform into SMQ: a data forwarding rule on the property reports of a product's devices
 * (hot readings only), forwarded to a topic that fans out to a work queue. IoT Platform publishes with a role made for
 * this action, which may only publish to the topic. The IoT Platform instance and the product are given at deploy time.
 */
export class IotToTopicStack extends ros.Stack {
  constructor(scope: ros.Construct, id: string, props: ros.StackProps = {}) {
    super(scope, id, props);
    const instance = new ros.RosParameter(this, 'IotInstanceId', {
      type: ros.RosParameterType.STRING,
      description: 'The ID of the IoT Platform instance (its Overview page in the IoT Platform console)',
    });
    const productKey = new ros.RosParameter(this, 'ProductKey', {
      type: ros.RosParameterType.STRING,
      description: 'The ProductKey of the devices whose property reports are forwarded',
    });

    const rule = new iot.RosRule(this, 'HotReadings', {
      name: 'hot_readings',
      iotInstanceId: instance.valueAsString,
      productKey: productKey.valueAsString,
      // every device of the product (+), its TSL property reports
      shortTopic: '+/thing/event/property/post',
      topicType: 0,
      dataType: 'JSON',
      select: 'deviceName() as device, items.temperature.value as temperature, timestamp() as at',
      where: 'items.temperature.value > 38',
      ruleDesc: 'Temperature readings above 38 degrees',
      startRule: true,
    }, this.enableResourcePropertyConstraint);

    const readings = new smq.Topic(this, 'Readings');
    const work = new smq.Queue(this, 'Work', { deadLetterQueue: { maxReceiveCount: 5 } });
    readings.addSubscription(new consumers.QueueSubscription(work));

    new sources.IotRuleNotification(this, 'Forward', { rule, destination: readings });
  }
}
