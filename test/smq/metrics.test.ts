import * as ros from '@alicloud/ros-cdk-core';
import { Duration, smq, ValidationError } from '../../lib';
import { getAtt, newStack } from '../util';

describe('channel metrics', () => {
  test('queue metrics: namespace acs_mns_new, the userId/region/queue dimensions, Maximum for message counts', () => {
    const { stack } = newStack('M');
    const jobs = new smq.Queue(stack, 'Jobs');
    const metrics = [jobs.metricNumberOfMessagesVisible(), jobs.metricNumberOfMessagesInvisible(), jobs.metricNumberOfMessagesDelayed()];
    expect(metrics.map((m) => m.metricName)).toEqual(['NumberOfMessagesVisible', 'NumberOfMessagesInvisible', 'NumberOfMessagesDelayed']);
    for (const metric of metrics) {
      expect(metric.namespace).toBe('acs_mns_new');
      expect(metric.statistic).toBe(smq.Statistic.MAXIMUM);
      expect(metric.periodSeconds).toBeUndefined();
      expect(stack.resolve(metric.dimensions)).toEqual({ userId: { Ref: 'ALIYUN::TenantId' }, region: { Ref: 'ALIYUN::Region' }, queue: getAtt('Jobs', 'QueueName') });
    }
  });

  test('any metric by name, with a statistic and a period; topics have the topic dimension; imports carry their own region', () => {
    const { stack } = newStack('M', { env: { region: 'cn-hangzhou', account: '123456789012' } });
    const topic = new smq.Topic(stack, 'Alerts');
    const far = smq.Queue.fromQueueArn(stack, 'Far', 'acs:mns:cn-beijing:123456789012:queues/far');
    const published = topic.metric('NumberOfPublishedMessages', { statistic: smq.Statistic.MINIMUM, period: Duration.minutes(5) });
    expect(published).toMatchObject({ namespace: 'acs_mns_new', metricName: 'NumberOfPublishedMessages', statistic: 'Minimum', periodSeconds: 300 });
    expect(stack.resolve(published.dimensions)).toEqual({ userId: '123456789012', region: 'cn-hangzhou', topic: getAtt('Alerts', 'TopicName') });
    expect(topic.metric('SomethingElse').statistic).toBe(smq.Statistic.AVERAGE);
    expect(far.metricNumberOfMessagesVisible().dimensions).toEqual({ userId: '123456789012', region: 'cn-beijing', queue: 'far' });
  });

  test.each<[string, (q: smq.Queue) => unknown, string]>([
    ['a period of 90 seconds', (q) => q.metric('NumberOfMessagesVisible', { period: Duration.seconds(90) }),
      'M/Jobs: period must be a whole number of minutes: CloudMonitor aggregates by the minute, got "90 seconds"'],
    ['a period of 30 seconds', (q) => q.metric('NumberOfMessagesVisible', { period: Duration.seconds(30) }), 'M/Jobs: period must be an integer between 60 and 86400 seconds, got 30'],
    ['a period over a day', (q) => q.metricNumberOfMessagesVisible({ period: Duration.days(2) }), 'M/Jobs: period must be an integer between 60 and 86400 seconds, got 172800'],
    ['a name with a space', (q) => q.metric('a b'), 'M/Jobs: metricName must contain only letters, digits, underscores and periods, got "a b"'],
    ['no name', (q) => q.metric(undefined as any), 'M/Jobs: metricName is required, got undefined'],
    ['an unknown statistic', (q) => q.metric('X', { statistic: 'Sum' as any }), 'M/Jobs: statistic must be one of "Average", "Maximum", "Minimum", got "Sum"'],
  ])('bad input: %s', (_name, make, message) => {
    const { stack } = newStack('M');
    const jobs = new smq.Queue(stack, 'Jobs');
    expect(() => make(jobs)).toThrow(ValidationError);
    expect(() => make(jobs)).toThrow(message);
  });

  test('a token period passes', () => {
    const { stack } = newStack('M');
    const p = new ros.RosParameter(stack, 'Period', { type: ros.RosParameterType.NUMBER });
    const metric = new smq.Queue(stack, 'Jobs').metricNumberOfMessagesVisible({ period: Duration.seconds(p.valueAsNumber) });
    expect(stack.resolve(metric.periodSeconds)).toEqual({ Ref: 'Period' });
  });
});
