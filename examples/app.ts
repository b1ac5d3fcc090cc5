import * as ros from '@alicloud/ros-cdk-core';
import { ConsumersStack } from './consumers';
import { FanoutStack } from './fanout';
import { WorkQueueStack } from './work-queue';

/** Builds the example app: one stack per scenario. */
export function buildApp(outdir?: string): ros.App {
  const app = new ros.App(outdir === undefined ? {} : { outdir });
  const workQueue = new WorkQueueStack(app, 'SmqWorkQueue');
  new FanoutStack(app, 'SmqFanout');
  new ConsumersStack(app, 'SmqConsumers', { jobs: workQueue.jobs });
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
