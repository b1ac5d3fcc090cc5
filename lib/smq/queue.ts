import * as ros from '@alicloud/ros-cdk-core';
import { Duration, durationSeconds } from '../core/duration';
import { claimLogicalId, derivedId } from '../core/ids';
import { claimName, generatePhysicalName, generatePhysicalNameFor, registerLiteralName } from '../core/names';
import { checkText } from '../core/text';
import { checkBoolean, checkRule, invalid, isUnresolved } from '../core/validation';
import { RosQueue } from '../ros/mns';
import { checkTags, DEFAULT_RETENTION_SECONDS, QUEUE_NAME, QUEUE_RULES, tagList } from '../ros/mns-rules';
import { ChannelImportOptions, channelEnvironment, checkReachable, readChannelArn, requireChannel, sameChannelName, stackLocation } from './channel';
import { ChannelAddress, ChannelKind, Identifiers } from './identifiers';
import { IQueue, QueueBase } from './queue-base';

/** How a queue's dead-letter queue is set up (the input; see {@link DeadLetterQueue} for what a queue reports). */
export interface DeadLetterQueueOptions {
  /**
   * The dead-letter queue, in the same region and account as the source queue (SMQ names it by name only).
   *
   * @default - a queue named `<source queue name>-dlq` is created, with a 7-day retention period (the maximum, so
   * failed messages stay long enough to be looked at) and no dead-letter queue of its own
   */
  readonly queue?: IQueue;

  /**
   * How many times a message may be received before it is moved to the dead-letter queue: 1 to 1000. SMQ documents
   * no upper bound; 1000 is ours (a message received more often is not going to succeed).
   */
  readonly maxReceiveCount: number;
}

/** A queue's dead-letter queue, as the queue reports it. */
export interface DeadLetterQueue {
  /** The dead-letter queue: the one given, or the one created for the source queue. */
  readonly queue: IQueue;
  /** How many times a message may be received before it is moved to the dead-letter queue. */
  readonly maxReceiveCount: number;
}

/** Properties of a {@link Queue}. */
export interface QueueProps {
  /**
   * The queue name: 1 to 256 letters, digits and hyphens, starting with a letter or digit. Unique per region and
   * account. Changing it replaces the queue.
   *
   * @default - generated from the stack name and the construct path
   */
  readonly queueName?: string;

  /**
   * How long every message sent to the queue stays invisible first (0 to 7 days); less than `retentionPeriod`.
   *
   * @default Duration.seconds(0)
   */
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
  readonly deadLetterQueue?: DeadLetterQueueOptions;
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
    const physicalName = props.queueName ?? generatePhysicalNameFor(scope, id, { maxLength: QUEUE_NAME.maxLength });
    super(scope, id, { physicalName });
    const location = stackLocation(this);

    checkText(this, 'queueName', props.queueName, QUEUE_NAME);
    const delay = durationSeconds(this, 'deliveryDelay', props.deliveryDelay, QUEUE_RULES.delaySeconds);
    const retention = durationSeconds(this, 'retentionPeriod', props.retentionPeriod, QUEUE_RULES.messageRetentionPeriod);
    const visibility = durationSeconds(this, 'visibilityTimeout', props.visibilityTimeout, QUEUE_RULES.visibilityTimeout);
    const wait = durationSeconds(this, 'receiveMessageWaitTime', props.receiveMessageWaitTime, QUEUE_RULES.pollingWaitSeconds);
    checkRule(this, 'maxMessageSizeBytes', props.maxMessageSizeBytes, QUEUE_RULES.maximumMessageSize);
    const keptFor = retention ?? DEFAULT_RETENTION_SECONDS;
    if (delay !== undefined && !isUnresolved(delay) && !isUnresolved(keptFor) && delay >= keptFor) {
      throw invalid(this, 'deliveryDelay', props.deliveryDelay!.toString(),
        `must be shorter than the retention period (${retention === undefined ? 'the default 4 days' : props.retentionPeriod!.toString()}): every message would expire before it could be received`);
    }
    checkBoolean(this, 'loggingEnabled', props.loggingEnabled);
    const tags = tagList(this, 'tags', props.tags);
    checkTags(this, 'tags', tags);

    if (!isUnresolved(physicalName)) {
      claimName(this, { kind: 'queue name', prop: 'queueName', name: physicalName, location });
    }
    this.deadLetterQueue = this.makeDeadLetterQueue(physicalName, props.deadLetterQueue);

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
        deadLetterTargetQueue: this.deadLetterQueue.queue.queueName,
        enabled: true,
        maxReceiveCount: this.deadLetterQueue.maxReceiveCount,
      },
    }, ros.Stack.of(this).enableResourcePropertyConstraint);
    this.resource = this.rosQueue;

    this.queueName = ros.Token.asString(this.rosQueue.attrQueueName);
    registerLiteralName(this, this.queueName, physicalName);
    this.channelAddress = { kind: ChannelKind.QUEUE, name: this.queueName, ...location };
    this.queueArn = Identifiers.ramArn(this.channelAddress);
  }

  private makeDeadLetterQueue(physicalName: string, options: DeadLetterQueueOptions | undefined): DeadLetterQueue | undefined {
    if (options === undefined || options === null) {
      return undefined;
    }
    if (typeof options !== 'object') {
      throw invalid(this, 'deadLetterQueue', options, 'must be { maxReceiveCount, queue? }');
    }
    if (options.maxReceiveCount === undefined) {
      throw invalid(this, 'deadLetterQueue.maxReceiveCount', undefined, 'is required');
    }
    checkRule(this, 'deadLetterQueue.maxReceiveCount', options.maxReceiveCount, QUEUE_RULES.maxReceiveCount);
    if (options.queue !== undefined && options.queue !== null) {
      requireChannel(this, 'deadLetterQueue.queue', options.queue, ChannelKind.QUEUE);
      checkReachable(this, 'deadLetterQueue.queue', options.queue, 'a queue\'s DlqPolicy names its dead-letter queue by name only');
      if (sameChannelName(this, options.queue.queueName, physicalName)) {
        throw invalid(this, 'deadLetterQueue.queue', options.queue.node.path, 'must be another queue: a queue cannot be its own dead-letter queue');
      }
      return { queue: options.queue, maxReceiveCount: options.maxReceiveCount };
    }
    const dlqName = !isUnresolved(physicalName) && physicalName.length + 4 <= QUEUE_NAME.maxLength
      ? `${physicalName}-dlq`
      : generatePhysicalName(this, { maxLength: QUEUE_NAME.maxLength, suffix: 'dlq' });
    const queue = new Queue(this, derivedId(this, 'Dlq'), {
      queueName: dlqName,
      retentionPeriod: Duration.days(7),
    });
    return { queue, maxReceiveCount: options.maxReceiveCount };
  }
}

/** A queue that exists outside this stack. Emits nothing; grants on it create policies in the importing stack. */
class ImportedQueue extends QueueBase {
  public readonly queueName: string;
  public readonly queueArn: string;
  public readonly queueUrl: string;
  public readonly channelAddress: ChannelAddress;

  constructor(scope: ros.Construct, id: string, queueName: string, options: ChannelImportOptions) {
    super(scope, id, { physicalName: queueName });
    if (queueName === undefined || queueName === '') {
      throw invalid(this, 'queueName', queueName, 'is required');
    }
    checkText(this, 'queueName', queueName, QUEUE_NAME);
    this.channelAddress = { kind: ChannelKind.QUEUE, name: queueName, ...channelEnvironment(this, options) };
    this.queueName = queueName;
    this.queueArn = Identifiers.ramArn(this.channelAddress);
    this.queueUrl = Identifiers.channelUrl(this.channelAddress);
  }
}
