/**
 * The rule pack on the example app (examples/app.ts): every stack is checked in one run, and the findings are the
 * ones its scenarios leave on purpose (queues a scenario does not consume, topics another app would subscribe to).
 */
import { buildApp } from '../../examples/app';
import { SmqChecks } from '../../lib/checks';
import { readReport, tempDir } from './checks-util';

test('the example app: one report for its 17 stacks, warnings only: queues a scenario leaves without a dead-letter queue, topics it leaves unsubscribed', () => {
  const outdir = tempDir();
  const app = buildApp(outdir);
  SmqChecks.applyTo(app, { printSummary: false });
  app.synth();
  const report = readReport(outdir);
  expect(report.stacks).toHaveLength(17);
  expect(report.summary).toEqual({ errors: 0, warnings: 12, suppressed: 0 });
  expect(report.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
    'SMQ-001 SmqCmsAlarmToTopic/Jobs',
    'SMQ-001 SmqCmsEventsToQueue/Incidents',
    'SMQ-001 SmqEssToQueue/Drain',
    'SMQ-007 SmqEssToQueue/ScalingActivity',
    'SMQ-001 SmqEssToQueue/ScalingAlerts',
    'SMQ-001 SmqEventBridgeToQueue/LargeUploads',
    'SMQ-001 SmqFanout/Shipping',
    // the Failures queue, the function's OnFailure destination, is its dead-letter queue: not reported
    'SMQ-007 SmqFcResultsToQueue/Finished',
    'SMQ-001 SmqOssToQueue/Removals',
    'SMQ-001 SmqOssToQueue/Uploads',
    'SMQ-001 SmqQueueEventStream/Returns',
    'SMQ-001 SmqQueueEventStream/ReturnsArchive',
  ]);
  expect(report.unusedSuppressions).toEqual([]);
});
