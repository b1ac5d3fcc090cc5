/**
 * The CloudMonitor metrics of SMQ queues and topics, as data: what an alarm (`sources.MetricAlarm`) watches. `smq`
 * knows no CloudMonitor resource; the namespace, names and dimensions are the ones CloudMonitor publishes.
 *
 * Namespace `acs_mns_new`, dimensions `userId`, `region` and `queue` (or `topic`): the CloudMonitor metric catalogue
 * (https://help.aliyun.com/document_detail/163515.html) and the CloudMonitor API examples. Queue metric names: the
 * current ones, `NumberOfMessagesVisible`, `NumberOfMessagesInvisible` and `NumberOfMessagesDelayed`, which the
 * GetQueueAttributes reference names as the successors of ActiveMessages, InactiveMessages and DelayMessages
 * (https://www.alibabacloud.com/help/en/mns/developer-reference/api-mns-open-2022-01-19-getqueueattributes). Any other
 * name (the older ones, the request counters, a topic's) can be given to `metric()`.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { Duration, durationSeconds } from '../core/duration';
import { checkText, TextRule } from '../core/text';
import { checkOneOf, invalid } from '../core/validation';
import { ChannelAddress, ChannelKind } from './identifiers';

/** How the values of a metric are aggregated over a period. */
export enum Statistic {
  /** The average value. */
  AVERAGE = 'Average',
  /** The largest value. */
  MAXIMUM = 'Maximum',
  /** The smallest value. */
  MINIMUM = 'Minimum',
}

/** Options of a channel metric. */
export interface MetricOptions {
  /** How the values are aggregated. @default Statistic.MAXIMUM for the message counts, Statistic.AVERAGE for others */
  readonly statistic?: Statistic;
  /** The aggregation period: whole minutes, 1 minute to 1 day. @default - the metric's own reporting period */
  readonly period?: Duration;
}

/** A CloudMonitor metric of one queue or topic. */
export interface ChannelMetric {
  /** The CloudMonitor namespace: `acs_mns_new`. */
  readonly namespace: string;
  /** The metric name, such as `NumberOfMessagesVisible`. */
  readonly metricName: string;
  /** The dimensions that select the queue or topic: `userId`, `region` and `queue` or `topic`. */
  readonly dimensions: { [key: string]: string };
  /** How the values are aggregated. */
  readonly statistic: Statistic;
  /** The aggregation period in seconds. @default - the metric's own reporting period */
  readonly periodSeconds?: number;
}

/** The CloudMonitor namespace of SMQ queues and topics. */
export const SMQ_METRIC_NAMESPACE = 'acs_mns_new';

/** Queue metrics that count messages: their natural statistic is the largest value in the period. */
const COUNTS = ['NumberOfMessagesVisible', 'NumberOfMessagesInvisible', 'NumberOfMessagesDelayed', 'ActiveMessages', 'InactiveMessages', 'DelayMessages'];

const METRIC_NAME: TextRule = { minLength: 1, maxLength: 128, chars: /[A-Za-z0-9_.]/, charset: 'letters, digits, underscores and periods' };

/** The metric `metricName` of the channel at `address` (`scope` is the construct it is asked of, for errors). */
export function channelMetric(scope: ros.IConstruct, address: ChannelAddress, metricName: string, options?: MetricOptions): ChannelMetric {
  options = options ?? {};
  if (typeof options !== 'object') {
    throw invalid(scope, 'options', options, 'must be an object such as { statistic, period }');
  }
  checkText(scope, 'metricName', metricName, METRIC_NAME);
  if (metricName === undefined) {
    throw invalid(scope, 'metricName', metricName, 'is required');
  }
  checkOneOf(scope, 'statistic', options.statistic, Object.values(Statistic));
  const periodSeconds = durationSeconds(scope, 'period', options.period, { min: 60, max: 86400, unit: 'seconds' });
  if (periodSeconds !== undefined && !ros.Token.isUnresolved(periodSeconds) && periodSeconds % 60 !== 0) {
    throw invalid(scope, 'period', options.period!.toString(), 'must be a whole number of minutes: CloudMonitor aggregates by the minute');
  }
  return {
    namespace: SMQ_METRIC_NAMESPACE,
    metricName,
    dimensions: { userId: address.account, region: address.region, [address.kind === ChannelKind.QUEUE ? 'queue' : 'topic']: address.name },
    statistic: options.statistic ?? (COUNTS.includes(metricName) ? Statistic.MAXIMUM : Statistic.AVERAGE),
    periodSeconds,
  };
}
