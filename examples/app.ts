import * as ros from '@alicloud/ros-cdk-core';
import { FanoutStack } from './fanout';
import { WorkQueueStack } from './work-queue';

/** Builds the example app: one stack per scenario. */
export function buildApp(outdir?: string): ros.App {
  const app = new ros.App(outdir === undefined ? {} : { outdir });
  new WorkQueueStack(app, 'SmqWorkQueue');
  new FanoutStack(app, 'SmqFanout');
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
