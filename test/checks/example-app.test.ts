/**
 * The rule pack on the example app (examples/app.ts applies it in buildApp): every stack is checked in one run, and
 * the app is clean. Each scenario gives its queues a dead-letter queue and its topics a subscriber; the one finding
 * left is accepted on purpose, with its reason. A new finding in any example fails here.
 */
import { buildApp } from '../../examples/app';
import { readReport, tempDir } from './checks-util';

test('the example app is clean: one report for its 17 stacks, no error, no warning, and the one suppression (the returns archive, which nothing receives from)', () => {
  const outdir = tempDir();
  // buildApp applies the checks itself: the test adds nothing
  const assembly = buildApp(outdir).synth();
  const report = readReport(outdir);
  expect(report.stacks).toEqual([
    'SmqCmsAlarmToTopic',
    'SmqCmsEventsToQueue',
    'SmqConsumers',
    'SmqEssToQueue',
    'SmqEventBridgeToQueue',
    'SmqFanout',
    'SmqFcResultsToQueue',
    'SmqImsCallbacks',
    'SmqIotToTopic',
    'SmqOssToQueue',
    'SmqQueueEventStream',
    'SmqQueueToFunction',
    'SmqQueueToFunctionFc2',
    'SmqTopicToFunction',
    'SmqTopicToFunctionFc2',
    'SmqUploadPipeline',
    'SmqWorkQueue',
  ]);
  expect(report.summary).toEqual({ errors: 0, warnings: 0, suppressed: 1 });
  expect(report.findings).toEqual([]);
  expect(report.suppressions).toEqual([{
    ruleId: 'SMQ-001',
    level: 'warning',
    path: 'SmqQueueEventStream/ReturnsArchive',
    logicalId: 'ReturnsArchive',
    stack: 'SmqQueueEventStream',
    message: expect.stringMatching(/^\[SMQ-001\] Queue 'SmqQueueEventStream-ReturnsArchive' has no dead-letter queue at SmqQueueEventStream\/ReturnsArchive: /),
    reason: 'an archive: nothing receives from it, so no message can fail in it; messages expire after the retention period',
    suppressedAt: 'SmqQueueEventStream/ReturnsArchive',
  }]);
  expect(report.unusedSuppressions).toEqual([]);

  // and no finding reached the annotations of any stack (the suppressed one included)
  expect(assembly.stacks).toHaveLength(17);
  const checkMessages = assembly.stacks.flatMap((s) => s.messages)
    .filter((m) => String(m.entry.data).includes('[SMQ-'));
  expect(checkMessages).toEqual([]);
});
