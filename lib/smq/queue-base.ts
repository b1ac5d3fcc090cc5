import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Grant } from '../core/grants';
import { QUEUE_CONSUME_ACTIONS, QUEUE_PURGE_ACTIONS, QUEUE_READ_ATTRIBUTES_ACTIONS, QUEUE_SEND_ACTIONS } from './actions';
import { grantOnChannel, IChannel } from './channel';
import { ChannelAddress } from './identifiers';
import { ChannelMetric, channelMetric, MetricOptions } from './metrics';

/** An SMQ queue, created here or imported. Every wiring takes this interface. */
export interface IQueue extends IChannel {
  /** The queue name. @attribute */
  readonly queueName: string;
  /** The queue ARN in RAM form: `acs:mns:{region}:{account}:/queues/{name}`. @attribute */
  readonly queueArn: string;
  /** The queue URL: `http://{account}.mns.{region}.aliyuncs.com/queues/{name}`. @attribute */
  readonly queueUrl: string;

  /**
   * Grants `actions` on this queue, each on the resource RAM authorizes it on. Actions are checked: SMQ actions on
   * queues, spelled as RAM spells them (`mns:SendMessage`), or wildcards such as `mns:*`.
   */
  grant(grantee: ram.IGrantable, ...actions: string[]): Grant;
  /** Grants sending messages (SendMessage, BatchSendMessage) and reading the queue's attributes. */
  grantSendMessages(grantee: ram.IGrantable): Grant;
  /** Grants receiving, deleting and changing the visibility of messages, and reading the queue's attributes. */
  grantConsumeMessages(grantee: ram.IGrantable): Grant;
  /** Grants emptying the queue (receive and delete: SMQ has no purge operation) and reading its attributes. */
  grantPurge(grantee: ram.IGrantable): Grant;

  /** A CloudMonitor metric of this queue (namespace `acs_mns_new`, dimensions `userId`, `region`, `queue`). */
  metric(metricName: string, options?: MetricOptions): ChannelMetric;
  /** Messages that can be received now (`NumberOfMessagesVisible`, formerly ActiveMessages): the backlog. */
  metricNumberOfMessagesVisible(options?: MetricOptions): ChannelMetric;
  /** Messages received and not yet deleted or visible again (`NumberOfMessagesInvisible`, formerly InactiveMessages). */
  metricNumberOfMessagesInvisible(options?: MetricOptions): ChannelMetric;
  /** Messages waiting out their delivery delay (`NumberOfMessagesDelayed`, formerly DelayMessages). */
  metricNumberOfMessagesDelayed(options?: MetricOptions): ChannelMetric;
}

/** What owned and imported queues share: identifiers and grants. */
export abstract class QueueBase extends ros.Resource implements IQueue {
  /** The queue name. */
  public abstract readonly queueName: string;
  /** The queue ARN in RAM form. */
  public abstract readonly queueArn: string;
  /** The queue URL. */
  public abstract readonly queueUrl: string;
  /** The name, region, account and kind every identifier format is built from. */
  public abstract readonly channelAddress: ChannelAddress;

  /**
   * Grants `actions` on this queue, each on the resource RAM authorizes it on (`.../queues/{name}/messages` for
   * message actions, `.../queues` for ListQueue, `.../queues/{name}` for the others), in one policy per principal
   * and queue.
   */
  public grant(grantee: ram.IGrantable, ...actions: string[]): Grant {
    return grantOnChannel(this, grantee, actions);
  }

  /** Grants mns:SendMessage, mns:BatchSendMessage and mns:GetQueueAttributes on this queue. */
  public grantSendMessages(grantee: ram.IGrantable): Grant {
    return this.grant(grantee, ...QUEUE_SEND_ACTIONS, ...QUEUE_READ_ATTRIBUTES_ACTIONS);
  }

  /**
   * Grants mns:ReceiveMessage, mns:BatchReceiveMessage, mns:DeleteMessage, mns:BatchDeleteMessage,
   * mns:ChangeMessageVisibility and mns:GetQueueAttributes on this queue.
   */
  public grantConsumeMessages(grantee: ram.IGrantable): Grant {
    return this.grant(grantee, ...QUEUE_CONSUME_ACTIONS, ...QUEUE_READ_ATTRIBUTES_ACTIONS);
  }

  /**
   * Grants what emptying this queue takes. SMQ has no purge operation: a queue is emptied by receiving and deleting
   * its messages, so this grants mns:ReceiveMessage, mns:BatchReceiveMessage, mns:DeleteMessage,
   * mns:BatchDeleteMessage and mns:GetQueueAttributes.
   */
  public grantPurge(grantee: ram.IGrantable): Grant {
    return this.grant(grantee, ...QUEUE_PURGE_ACTIONS, ...QUEUE_READ_ATTRIBUTES_ACTIONS);
  }

  /** A CloudMonitor metric of this queue (namespace `acs_mns_new`, dimensions `userId`, `region`, `queue`). */
  public metric(metricName: string, options?: MetricOptions): ChannelMetric {
    return channelMetric(this, this.channelAddress, metricName, options);
  }

  /** Messages that can be received now (`NumberOfMessagesVisible`, formerly ActiveMessages): the backlog. */
  public metricNumberOfMessagesVisible(options?: MetricOptions): ChannelMetric {
    return this.metric('NumberOfMessagesVisible', options);
  }

  /** Messages received and not yet deleted or visible again (`NumberOfMessagesInvisible`, formerly InactiveMessages). */
  public metricNumberOfMessagesInvisible(options?: MetricOptions): ChannelMetric {
    return this.metric('NumberOfMessagesInvisible', options);
  }

  /** Messages waiting out their delivery delay (`NumberOfMessagesDelayed`, formerly DelayMessages). */
  public metricNumberOfMessagesDelayed(options?: MetricOptions): ChannelMetric {
    return this.metric('NumberOfMessagesDelayed', options);
  }
}
