import * as ros from '@alicloud/ros-cdk-core';
import { Duration } from '../core/duration';
import { claimLogicalId, derivedId } from '../core/ids';
import { claimPhysicalName, generatePhysicalName, generatePhysicalNameFor } from '../core/names';
import { checkCount, checkMin, checkRange, isUnresolved, ValidationError } from '../core/validation';
import { RosQueue } from '../ros/mns';
import { checkQueueName, MAX_NAME_LENGTH } from '../ros/mns-rules';
import { ChannelImportOptions, channelEnvironment, readChannelArn, checkSameLocation } from './channel';
import { ChannelAddress, ChannelKind, channelUrl, ramArn } from './formats';
import { IQueue, QueueBase } from './queue-base';

/** Where messages go that were received too often without being deleted. */
export interface DeadLetterQueue {
  /**
   * The dead-letter queue, in the same region and account as the source queue (SMQ names it by name only).
   *
   * @default - a queue named `<source queue name>-dlq` is created, with a 7-day retention period (the maximum, so
   * failed messages stay long enough to be looked at) and no dead-letter queue of its own
   */
  readonly queue?: IQueue;

  /** How many times a message may be received before it is moved to the dead-letter queue (at least 1). */
  readonly maxReceiveCount: number;
}

/** Properties of a {@link Queue}. */
export interface QueueProps {
  /**
   * The queue name: 1 to 256 letters, digits and hyphens, starting with a letter or digit. Changing it replaces the
   * queue.
   *
   * @default - generated from the stack name and the construct path
   */
  readonly queueName?: string;

  /** How long every message sent to the queue stays invisible first (0 to 7 days). @default Duration.seconds(0) */
  readonly deliveryDelay?: Duration;

  /** The largest message body the queue accepts, 1024 to 65536 bytes. @default 65536 */
  readonly maxMessageSizeBytes?: number;

  /** How long a message lives in the queue, 60 seconds to 7 days. @default Duration.days(4) */
  readonly retentionPeriod?: Duration;

  /** How long a received message stays invisible before it can be received again, 1 second to 12 hours. @default Duration.seconds(30) */
  readonly visibilityTimeout?: Duration;

  /** How long a receive call waits for a message when the queue is empty (long polling), 0 to 30 seconds. @default Duration.seconds(0) */
  readonly receiveMessageWaitTime?: Duration;

  /** Whether SMQ log management is turned on for the queue. @default false */
  readonly loggingEnabled?: boolean;

  /** Tags for the queue, at most 20. @default - no tags */
  readonly tags?: { [key: string]: string };

  /**
   * Dead-letter queue for messages received `maxReceiveCount` times without being deleted.
   *
   * @default - no dead-letter queue
   */
  readonly deadLetterQueue?: DeadLetterQueue;
}

/**
 * An SMQ queue (`ALIYUN::MNS::Queue`), with an optional dead-letter queue that is created for you.
 *
 * The queue's `ALIYUN::MNS::Queue` resource gets this construct's id as its logical id; a dead-letter queue created
 * for it gets `<id>Dlq`.
 */
export class Queue extends QueueBase {
  /**
   * Imports a queue by name. It lives in the stack's region and account unless `options` says otherwise.
   */
  public static fromQueueName(scope: ros.Construct, id: string, queueName: string, options: ChannelImportOptions = {}): IQueue {
    return new ImportedQueue(scope, id, queueName, options);
  }

  /**
   * Imports a queue by ARN: `acs:mns:{region}:{account}:/queues/{name}` (or without the slash before `queues`).
   * A token ARN is taken apart with `Fn::Split` at deploy time.
   */
  public static fromQueueArn(scope: ros.Construct, id: string, queueArn: string): IQueue {
    const { name, location } = readChannelArn(scope, id, ChannelKind.QUEUE, queueArn);
    return new ImportedQueue(scope, id, name, location);
  }

  /** The queue name (resolves to `Fn::GetAtt [<id>, QueueName]`, so users of it depend on the queue). */
  public readonly queueName: string;
  /** The queue ARN in RAM form: `acs:mns:{region}:{account}:/queues/{name}`. */
  public readonly queueArn: string;
  /** The queue URL (`Fn::GetAtt [<id>, QueueUrl]`), made on first use. */
  public get queueUrl(): string {
    return ros.Token.asString(this.rosQueue.attrQueueUrl);
  }
  /** The name, region, account and kind every identifier format is built from. */
  public readonly channelAddress: ChannelAddress;
  /** The dead-letter queue and receive count, when there is one. */
  public readonly deadLetterQueue?: DeadLetterQueue;
  /** The `ALIYUN::MNS::Queue` resource. */
  public readonly rosQueue: RosQueue;

  constructor(scope: ros.Construct, id: string, props: QueueProps = {}) {
    // named before super(): ros.Resource makes a token (and records a stack trace) when it gets no physicalName
    const physicalName = props.queueName ?? generatePhysicalNameFor(scope, id, { maxLength: MAX_NAME_LENGTH });
    super(scope, id, { physicalName });
    const env = channelEnvironment(this);

    checkQueueName(this, 'queueName', props.queueName);
    claimPhysicalName(this, 'queue', 'queueName', physicalName);
    const delay = seconds(this, 'deliveryDelay', props.deliveryDelay, 0, 604800);
    const retention = seconds(this, 'retentionPeriod', props.retentionPeriod, 60, 604800);
    const visibility = seconds(this, 'visibilityTimeout', props.visibilityTimeout, 1, 43200);
    const wait = seconds(this, 'receiveMessageWaitTime', props.receiveMessageWaitTime, 0, 30);
    checkRange(this, 'maxMessageSizeBytes', props.maxMessageSizeBytes, 1024, 65536, 'bytes');
    const tags = props.tags === undefined ? undefined : Object.entries(props.tags).map(([key, value]) => ({ key, value }));
    checkCount(this, 'tags', tags, 20);

    this.deadLetterQueue = this.makeDeadLetterQueue(physicalName, env, props.deadLetterQueue);

    this.rosQueue = new RosQueue(this, claimLogicalId(this, id), {
      queueName: physicalName,
      delaySeconds: delay,
      maximumMessageSize: props.maxMessageSizeBytes,
      messageRetentionPeriod: retention,
      pollingWaitSeconds: wait,
      visibilityTimeout: visibility,
      loggingEnabled: props.loggingEnabled,
      tags,
      dlqPolicy: this.deadLetterQueue && {
        deadLetterTargetQueue: this.deadLetterQueue.queue!.queueName,
        enabled: true,
        maxReceiveCount: this.deadLetterQueue.maxReceiveCount,
      },
    });
    this.resource = this.rosQueue;

    this.queueName = ros.Token.asString(this.rosQueue.attrQueueName);
    this.channelAddress = { kind: ChannelKind.QUEUE, name: this.queueName, ...env };
    this.queueArn = ramArn(this.channelAddress);
  }

  private makeDeadLetterQueue(
    physicalName: string,
    env: { region: string; account: string },
    options: DeadLetterQueue | undefined,
  ): DeadLetterQueue | undefined {
    if (options === undefined) {
      return undefined;
    }
    checkMin(this, 'deadLetterQueue.maxReceiveCount', options.maxReceiveCount, 1);
    if (options.queue !== undefined) {
      const target = options.queue.channelAddress;
      checkSameLocation(this, 'deadLetterQueue.queue', { kind: ChannelKind.QUEUE, name: physicalName, ...env }, options.queue, 'the queue');
      if (target.name === physicalName && !isUnresolved(physicalName)) {
        throw new ValidationError(this, 'deadLetterQueue.queue', target.name, 'must be another queue: a queue cannot be its own dead-letter queue');
      }
      return options;
    }
    const dlqName = !isUnresolved(physicalName) && physicalName.length + 4 <= MAX_NAME_LENGTH
      ? `${physicalName}-dlq`
      : generatePhysicalName(this, { maxLength: MAX_NAME_LENGTH, suffix: 'dlq' });
    const queue = new Queue(this, derivedId(this, 'Dlq'), {
      queueName: dlqName,
      retentionPeriod: Duration.days(7),
    });
    return { queue, maxReceiveCount: options.maxReceiveCount };
  }
}

/** Validates a Duration prop in seconds; tokens pass through. */
function seconds(scope: ros.IConstruct, prop: string, duration: Duration | undefined, min: number, max: number): number | undefined {
  if (duration === undefined) {
    return undefined;
  }
  const value = duration.toSeconds();
  checkRange(scope, prop, value, min, max, 'seconds');
  return value;
}

/** A queue that exists outside this stack. Emits nothing; grants on it create policies in the importing stack. */
class ImportedQueue extends QueueBase {
  public readonly queueName: string;
  public readonly queueArn: string;
  public readonly queueUrl: string;
  public readonly channelAddress: ChannelAddress;

  constructor(scope: ros.Construct, id: string, queueName: string, options: ChannelImportOptions) {
    super(scope, id, { physicalName: queueName });
    checkQueueName(this, 'queueName', queueName);
    this.channelAddress = { kind: ChannelKind.QUEUE, name: queueName, ...channelEnvironment(this, options) };
    this.queueName = queueName;
    this.queueArn = ramArn(this.channelAddress);
    this.queueUrl = channelUrl(this.channelAddress);
  }
}
