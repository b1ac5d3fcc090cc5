import * as ros from '@alicloud/ros-cdk-core';
import { checks } from '../lib';
import { CmsAlarmToTopicStack } from './cms-alarm-to-topic';
import { CmsEventsToQueueStack } from './cms-events-to-queue';
import { ConsumersStack } from './consumers';
import { EssToQueueStack } from './ess-to-queue';
import { EventBridgeToQueueStack } from './eventbridge-to-queue';
import { FanoutStack } from './fanout';
import { FcResultsToQueueStack } from './fc-results-to-queue';
import { ImsCallbacksStack } from './ims-callbacks';
import { IotToTopicStack } from './iot-to-topic';
import { OssToQueueStack } from './oss-to-queue';
import { QueueEventStreamStack } from './queue-event-stream';
import { QueueToFunctionStack } from './queue-to-function';
import { QueueToFunctionFc2Stack } from './queue-to-function-fc2';
import { TopicToFunctionStack } from './topic-to-function';
import { TopicToFunctionFc2Stack } from './topic-to-function-fc2';
import { UploadPipelineStack } from './upload-pipeline';
import { WorkQueueStack } from './work-queue';

/** Builds the example app: one stack per scenario. */
export function buildApp(outdir?: string, printChecksSummary = false): ros.App {
  const app = new ros.App(outdir === undefined ? {} : { outdir });
  const workQueue = new WorkQueueStack(app, 'SmqWorkQueue');
  new FanoutStack(app, 'SmqFanout');
  new ConsumersStack(app, 'SmqConsumers', { jobs: workQueue.jobs });
  new OssToQueueStack(app, 'SmqOssToQueue');
  new CmsAlarmToTopicStack(app, 'SmqCmsAlarmToTopic');
  new CmsEventsToQueueStack(app, 'SmqCmsEventsToQueue');
  new EventBridgeToQueueStack(app, 'SmqEventBridgeToQueue');
  new TopicToFunctionStack(app, 'SmqTopicToFunction');
  new TopicToFunctionFc2Stack(app, 'SmqTopicToFunctionFc2');
  new QueueToFunctionStack(app, 'SmqQueueToFunction');
  new QueueToFunctionFc2Stack(app, 'SmqQueueToFunctionFc2');
  new UploadPipelineStack(app, 'SmqUploadPipeline');
  new EssToQueueStack(app, 'SmqEssToQueue');
  new IotToTopicStack(app, 'SmqIotToTopic');
  new FcResultsToQueueStack(app, 'SmqFcResultsToQueue');
  new ImsCallbacksStack(app, 'SmqImsCallbacks');
  new QueueEventStreamStack(app, 'SmqQueueEventStream');
  // the rule pack on every stack: findings as annotations, cdk.out/smq-checks.json and one summary line on synth
  checks.SmqChecks.applyTo(app, { printSummary: printChecksSummary });
  return app;
}

if (require.main === module) {
  buildApp(undefined, true).synth();
}
