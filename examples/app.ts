import * as ros from '@alicloud/ros-cdk-core';
import { CmsAlarmToTopicStack } from './cms-alarm-to-topic';
import { CmsEventsToQueueStack } from './cms-events-to-queue';
import { ConsumersStack } from './consumers';
import { EventBridgeToQueueStack } from './eventbridge-to-queue';
import { FanoutStack } from './fanout';
import { OssToQueueStack } from './oss-to-queue';
import { WorkQueueStack } from './work-queue';

/** Builds the example app: one stack per scenario. */
export function buildApp(outdir?: string): ros.App {
  const app = new ros.App(outdir === undefined ? {} : { outdir });
  const workQueue = new WorkQueueStack(app, 'SmqWorkQueue');
  new FanoutStack(app, 'SmqFanout');
  new ConsumersStack(app, 'SmqConsumers', { jobs: workQueue.jobs });
  new OssToQueueStack(app, 'SmqOssToQueue');
  new CmsAlarmToTopicStack(app, 'SmqCmsAlarmToTopic');
  new CmsEventsToQueueStack(app, 'SmqCmsEventsToQueue');
  new EventBridgeToQueueStack(app, 'SmqEventBridgeToQueue');
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
