/**
 * EventBridge event streams whose source is an SMQ queue: the stream reads the queue and delivers each message (or
 * batch) to one sink, another queue, a Function Compute function, an HTTP(S) endpoint or an ApsaraMQ for RocketMQ
 * topic, with EventBridge's filtering, transformation, retries and dead-letter queue.
 *
 * ROS has no resource type for event streams, so the stream is made, changed and deleted through the EventBridge API
 * (version 2020-04-01, RPC) by a `customResources.ApiCall`:
 * https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-createeventstreaming
 * (request parameters), the SDK models of aliyun/alibabacloud-typescript-sdk `eventbridge-20200401/src/models/
 * CreateEventStreamingRequest.ts` (the sink fields, each a `{ Form, Value, Template }` target parameter) and
 * aliyun/terraform-provider-alicloud `alicloud/resource_alicloud_event_bridge_event_streaming.go` (the lifecycle: a
 * new stream is READY until StartEventStreaming; GetEventStreaming's `Data.Status` is READY, STARTING,
 * STARTING_FAILED, RUNNING, RUNNING_FAILED or PAUSED; a missing stream is the error code `EventStreamingNotExisted`).
 */
import * as ros from '@alicloud/ros-cdk-core';
import type * as fc from '@alicloud/ros-cdk-fc';
import type * as fc3 from '@alicloud/ros-cdk-fc3';
import { ErrorsTolerance, RetryStrategy } from '../core/delivery';
import { Duration, durationSeconds } from '../core/duration';
import { checkPattern, copyPattern } from '../core/event-pattern';
import { checkSameLocation } from '../core/location';
import { claimName, generatePhysicalNameFor, identityOf } from '../core/names';
import { stackAccount, stackRegion, warnOnce, warnOncePerStack } from '../core/state';
import { checkText, fragmentsOf, literalText, plainText, TextRule } from '../core/text';
import { checkTemplateTransform, checkTransformLength, copyVariables, isJsonPath, shownText } from '../core/transform';
import { truncate } from '../core/util';
import { checkBoolean, checkOneOf, checkRange, invalid, isUnresolved, requireLiteral, requireProps, ValidationError } from '../core/validation';
import { ApiCall, ApiPermission, ApiRequest, PhysicalResourceId } from '../custom-resources/api-call';
import { channelDisplay, locationOf, requireChannel, stackLocation } from '../smq/channel';
import { ChannelKind, Identifiers } from '../smq/identifiers';
import type { IQueue } from '../smq/queue-base';
import { claimQueueReader, FunctionGeneration, hasFilter, QueueReading, TriggerFunction, warnCompetingReaders } from './fc-triggers';

/** A target parameter of an event stream's sink: how one field is formed from the event. */
interface TargetParameter {
  readonly Form: string;
  readonly Value: string;
  readonly Template?: string;
}

/** What a sink adds to the stream. */
interface BoundSink {
  /** The `Sink` parameter of CreateEventStreaming: one `Sink...Parameters` object. */
  readonly sink: { [key: string]: unknown };
  /** The sink, for messages and the description. */
  readonly display: string;
  /** The service-linked role EventBridge delivers with, and what for. */
  readonly role?: { readonly name: string; readonly purpose: string };
  /** The queue it writes to, for the loop check. */
  readonly queue?: IQueue;
}

/**
 * What each message becomes at the sink (the sink's `Body`): EventBridge's ORIGINAL, JSONPATH, CONSTANT and TEMPLATE
 * transformations (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-transformation-1). The stream
 * turns each SMQ message into a CloudEvent whose `data.messageBody` holds the message
 * (https://www.alibabacloud.com/help/en/eventbridge/user-guide/simple-message-queue-formerly-mns).
 */
export class EventStreamTransform {
  /** The whole CloudEvent, as JSON (EventBridge's "complete event"). */
  public static original(): EventStreamTransform {
    return new EventStreamTransform('ORIGINAL', '');
  }

  /** The SMQ message body alone (`$.data.messageBody`): a queue-to-queue stream then forwards messages as they are. */
  public static messageBody(): EventStreamTransform {
    return new EventStreamTransform('JSONPATH', '$.data.messageBody');
  }

  /**
   * A part of the event, chosen by a JSONPath.
   *
   * @param path a JSONPath starting with `$`, such as `$.data`: at most 10,240 characters
   */
  public static jsonPath(path: string): EventStreamTransform {
    return new EventStreamTransform('JSONPATH', path);
  }

  /**
   * The same text for every event.
   *
   * @param text a non-empty text of at most 10,240 characters
   */
  public static constant(text: string): EventStreamTransform {
    return new EventStreamTransform('CONSTANT', text);
  }

  /**
   * A text with `${name}` placeholders, each filled from a part of the event.
   *
   * @param template the text, such as `Order ${body} arrived`: at most 10,240 characters
   * @param variables each placeholder's JSONPath, such as `{ body: '$.data.messageBody' }`: at most 10,240 characters as
   * JSON; copied, so changing the object afterwards does not change the transformation
   */
  public static template(template: string, variables: { [name: string]: string }): EventStreamTransform {
    return new EventStreamTransform('TEMPLATE', '', template, copyVariables(variables));
  }

  private constructor(
    private readonly form: string,
    private readonly value: unknown,
    private readonly templateText?: unknown,
    private readonly variables?: unknown,
  ) {}

  /**
   * The target parameter, checked; `scope` and `prop` name the place for errors.
   *
   * @internal
   */
  public _render(scope: ros.IConstruct, prop: string): TargetParameter {
    if (this.form === 'TEMPLATE') {
      const value = checkTemplateTransform(scope, prop, this.templateText, this.variables, 'EventStreamTransform.template');
      return { Form: this.form, Value: value, Template: this.templateText as string };
    }
    if (this.form === 'JSONPATH') {
      if (!isJsonPath(scope, this.value)) {
        throw invalid(scope, prop, shownText(scope, this.value), 'must be a JSONPath such as "$.data.messageBody" (EventStreamTransform.jsonPath)');
      }
      if (typeof this.value === 'string') {
        checkTransformLength(scope, prop, this.value, 'EventStreamTransform.jsonPath');
      }
    }
    if (this.form === 'CONSTANT') {
      if (typeof this.value !== 'string' || this.value === '') {
        throw invalid(scope, prop, this.value, 'must be a non-empty text (EventStreamTransform.constant)');
      }
      checkTransformLength(scope, prop, this.value, 'EventStreamTransform.constant');
    }
    return { Form: this.form, Value: this.value as string };
  }
}

/** Options of {@link EventStreamSink.queue}. */
export interface QueueSinkOptions {
  /** Whether EventBridge Base64-encodes each message body it sends to the queue. @default false */
  readonly base64Encode?: boolean;
}

/** Options of {@link EventStreamSink.fc3}, {@link EventStreamSink.fc2} and {@link EventStreamSink.fromFunction}. */
export interface FunctionSinkOptions {
  /** The version or alias to invoke. @default 'LATEST' */
  readonly qualifier?: string;
  /** Whether the function is invoked asynchronously (`InvocationType` Async) rather than synchronously. @default false */
  readonly asyncInvocation?: boolean;
  /** How many invocations the stream makes at once, at least 1. @default - EventBridge's default */
  readonly concurrency?: number;
}

/** The HTTP method of an {@link EventStreamSink.http} sink. */
export enum HttpSinkMethod {
  /** POST. */
  POST = 'POST',
  /** PUT. */
  PUT = 'PUT',
  /** PATCH. */
  PATCH = 'PATCH',
  /** GET. */
  GET = 'GET',
  /** DELETE. */
  DELETE = 'DELETE',
}

/** Options of {@link EventStreamSink.http}. */
export interface HttpSinkOptions {
  /** The HTTP method. @default HttpSinkMethod.POST */
  readonly method?: HttpSinkMethod;
  /**
   * Allow a plain `http://` URL. Messages then cross the Internet unencrypted.
   *
   * @default false - the URL must start with `https://`
   */
  readonly allowInsecureHttp?: boolean;
}

/** Options of {@link EventStreamSink.rocketMq}: an ApsaraMQ for RocketMQ topic of the stream's region and account. */
export interface RocketMqSinkOptions {
  /** The instance ID, such as `MQ_INST_123456789_BAAN1234`. */
  readonly instanceId: string;
  /** The topic on the instance. */
  readonly topic: string;
  /** The tag every message gets (`Tags`). @default - none */
  readonly tags?: string;
  /** The key every message gets (`Keys`). @default - none */
  readonly keys?: string;
}

/** Function Compute qualifiers: `LATEST`, a version number or an alias name. */
const QUALIFIER: TextRule = { minLength: 1, maxLength: 128, chars: /[A-Za-z0-9_-]/, charset: 'letters, digits, underscores and hyphens (LATEST, a version number or an alias name)' };
/** RocketMQ names (instance IDs, topics, tags, keys): no whitespace or control characters; at most 255 characters. */
const ROCKETMQ_TEXT: TextRule = { minLength: 1, maxLength: 255 };
const URL_RULE = 'must be an https:// URL with a host, such as "https://example.com/hook" (set allowInsecureHttp: true to allow http://)';
const INSECURE_URL_RULE = 'must be an http:// or https:// URL with a host, such as "https://example.com/hook"';

/** The service-linked roles of EventBridge (https://www.alibabacloud.com/help/en/eventbridge/service-linked-roles). */
const SEND_TO_MNS = { name: 'AliyunServiceRoleForEventBridgeSendToMNS', purpose: 'read the source queue and write SMQ sinks and dead-letter queues' };
const SEND_TO_FC = { name: 'AliyunServiceRoleForEventBridgeSendToFC', purpose: 'invoke Function Compute sinks' };
const SEND_TO_ROCKETMQ = { name: 'AliyunServiceRoleForEventBridgeSendToRocketMQ', purpose: 'publish to ApsaraMQ for RocketMQ sinks' };

type SinkBinder = (scope: ros.IConstruct, body: TargetParameter) => BoundSink;

/**
 * Where an event stream delivers: another SMQ queue, a Function Compute function (FC 3.0 or 2.0), an HTTP(S)
 * endpoint, or an ApsaraMQ for RocketMQ topic, all in the stream's region and account.
 *
 * SMQ topics are not offered: the stream API's only SMQ sink (`SinkMNSParameters`) names a queue (`QueueName`,
 * `Body`, `IsBase64Encode`), and no topic sink exists among the `Sink...Parameters` of CreateEventStreaming. To fan a
 * queue out to a topic's subscribers, subscribe the consumers to the topic and publish to it from a function sink.
 */
export class EventStreamSink {
  /**
   * Another SMQ queue (`SinkMNSParameters`), in the stream's region and account, not the source queue.
   *
   * @param queue the queue the stream writes to
   * @param options Base64 encoding
   */
  public static queue(queue: IQueue, options: QueueSinkOptions = {}): EventStreamSink {
    const base64Encode = (options as QueueSinkOptions | null)?.base64Encode;
    return new EventStreamSink((scope, body) => {
      const prop = 'sink (EventStreamSink.queue)';
      requireChannel(scope, prop, queue, ChannelKind.QUEUE);
      requireOptions(scope, prop, options);
      requireLiteral(scope, `${prop} base64Encode`, base64Encode, 'true or false');
      checkBoolean(scope, `${prop} base64Encode`, base64Encode);
      checkSameLocation(scope, {
        prop: 'sink',
        subject: locationOf(queue),
        subjectName: channelDisplay(queue),
        expected: stackLocation(scope),
        expectedName: 'the stack',
        reason: 'the event stream writes to a queue of its own account by name, in its own region',
        remedy: REMEDY,
      });
      return {
        sink: {
          SinkMNSParameters: {
            QueueName: constant(queue.channelAddress.name),
            Body: body,
            IsBase64Encode: constant(base64Encode === true ? 'true' : 'false'),
          },
        },
        display: channelDisplay(queue),
        role: SEND_TO_MNS,
        queue,
      };
    });
  }

  /** An FC 3.0 function (`fc3.Function` of `@alicloud/ros-cdk-fc3`), in the stream's region and account. */
  public static fc3(fn: fc3.IFunction, options: FunctionSinkOptions = {}): EventStreamSink {
    return EventStreamSink.fromFunction(TriggerFunction.fc3(fn), options);
  }

  /** An FC 2.0 function (`fc.Function` of `@alicloud/ros-cdk-fc`) and its service, in the stream's region and account. */
  public static fc2(service: fc.IService, fn: fc.IFunction, options: FunctionSinkOptions = {}): EventStreamSink {
    return EventStreamSink.fromFunction(TriggerFunction.fc2(service, fn), options);
  }

  /**
   * A Function Compute function given as a {@link TriggerFunction}, such as one this app does not make
   * (`TriggerFunction.fc3FromName('worker')`) (`SinkFcParameters`).
   */
  public static fromFunction(fn: TriggerFunction, options: FunctionSinkOptions = {}): EventStreamSink {
    const opts = typeof options === 'object' && options !== null ? { ...options } : options;
    return new EventStreamSink((scope, body) => {
      const prop = 'sink (EventStreamSink.fromFunction)';
      if (typeof (fn as Partial<TriggerFunction> | undefined)?._bind !== 'function') {
        throw invalid(scope, prop, fn, 'must be a TriggerFunction: TriggerFunction.fc3(fn), TriggerFunction.fc2(service, fn), fc3FromName or fc2FromName');
      }
      requireOptions(scope, prop, opts);
      const { qualifier, asyncInvocation, concurrency } = opts;
      checkText(scope, `${prop} qualifier`, qualifier, QUALIFIER);
      requireLiteral(scope, `${prop} asyncInvocation`, asyncInvocation, 'true or false');
      checkBoolean(scope, `${prop} asyncInvocation`, asyncInvocation);
      if (concurrency !== undefined && !isUnresolved(concurrency) && (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1)) {
        throw invalid(scope, `${prop} concurrency`, concurrency, 'must be an integer of at least 1');
      }
      const bound = fn._bind(scope, 'sink');
      checkSameLocation(scope, {
        prop: 'sink',
        subject: bound.location,
        subjectName: bound.display,
        expected: stackLocation(scope),
        expectedName: 'the stack',
        reason: 'the event stream invokes a function of its own account by name, in its own region',
        remedy: REMEDY,
      });
      const parameters: { [key: string]: unknown } = { FunctionName: constant(bound.functionName) };
      if (bound.generation === FunctionGeneration.FC2) {
        parameters.ServiceName = constant(bound.serviceName!);
      }
      parameters.Qualifier = constant(qualifier ?? 'LATEST');
      parameters.InvocationType = constant(asyncInvocation === true ? 'Async' : 'Sync');
      if (concurrency !== undefined) {
        parameters.Concurrency = constant(isUnresolved(concurrency) ? ros.Token.asString(concurrency) : String(concurrency));
      }
      parameters.Body = body;
      return { sink: { SinkFcParameters: parameters }, display: bound.display, role: SEND_TO_FC };
    });
  }

  /**
   * An HTTP(S) endpoint on the Internet (`SinkHttpsParameters`, over the public network): each message is sent to
   * the URL with the method, as the request body. A literal host that the Internet cannot reach (localhost, a
   * loopback, private, link-local or other non-public IP address) is refused; a host name that only an intranet
   * resolves (one label, `.local`, `.internal`, an Alibaba Cloud `-internal` endpoint) gets a warning.
   *
   * @param url an `https://` URL (`http://` only with `allowInsecureHttp: true`)
   * @param options the method, and whether plain HTTP is allowed
   */
  public static http(url: string, options: HttpSinkOptions = {}): EventStreamSink {
    const opts = typeof options === 'object' && options !== null ? { ...options } : options;
    return new EventStreamSink((scope, body) => {
      const prop = 'sink (EventStreamSink.http)';
      requireOptions(scope, prop, opts);
      requireLiteral(scope, `${prop} allowInsecureHttp`, opts.allowInsecureHttp, 'true or false');
      checkBoolean(scope, `${prop} allowInsecureHttp`, opts.allowInsecureHttp);
      requireLiteral(scope, `${prop} method`, opts.method, 'HttpSinkMethod');
      checkOneOf(scope, `${prop} method`, opts.method, Object.values(HttpSinkMethod));
      checkUrl(scope, `${prop} url`, url, opts.allowInsecureHttp === true);
      checkPublicHost(scope, `${prop} url`, url);
      return {
        sink: {
          SinkHttpsParameters: {
            URL: constant(url),
            Method: opts.method ?? HttpSinkMethod.POST,
            NetworkType: 'PublicNetwork',
            Body: body,
          },
        },
        display: 'an HTTP endpoint',
      };
    });
  }

  /**
   * A topic of an ApsaraMQ for RocketMQ instance in the stream's region and account (`SinkRocketMQParameters`).
   *
   * @param options the instance, the topic, and the tag and key of each message
   */
  public static rocketMq(options: RocketMqSinkOptions): EventStreamSink {
    const opts = typeof options === 'object' && options !== null ? { ...options } : options;
    return new EventStreamSink((scope, body) => {
      const prop = 'sink (EventStreamSink.rocketMq)';
      requireOptions(scope, prop, opts, '{ instanceId, topic }');
      for (const name of ['instanceId', 'topic'] as const) {
        if (opts[name] === undefined || opts[name] === null || opts[name] === '') {
          throw invalid(scope, `${prop} ${name}`, opts[name], 'is required');
        }
      }
      for (const name of ['instanceId', 'topic', 'tags', 'keys'] as const) {
        checkText(scope, `${prop} ${name}`, opts[name], ROCKETMQ_TEXT);
      }
      const parameters: { [key: string]: unknown } = {
        InstanceId: constant(opts.instanceId),
        Topic: constant(opts.topic),
        Body: body,
      };
      if (opts.tags !== undefined) {
        parameters.Tags = constant(opts.tags);
      }
      if (opts.keys !== undefined) {
        parameters.Keys = constant(opts.keys);
      }
      return { sink: { SinkRocketMQParameters: parameters }, display: 'an ApsaraMQ for RocketMQ topic', role: SEND_TO_ROCKETMQ };
    });
  }

  private constructor(private readonly binder: SinkBinder) {}

  /**
   * The sink's part of the stream, checked; `body` is the transformed message.
   *
   * @internal
   */
  public _bind(scope: ros.IConstruct, body: TargetParameter): BoundSink {
    return this.binder(scope, body);
  }
}

/** Properties of a {@link QueueEventStream}. */
export interface QueueEventStreamProps {
  /** The queue the stream reads: in the stack's region and account. */
  readonly queue: IQueue;
  /** Where the stream delivers. */
  readonly sink: EventStreamSink;
  /**
   * An EventBridge event pattern: only matching messages reach the sink, such as
   * `{ data: { messageBody: [{ prefix: 'order-' }] } }` (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns-1).
   * Values may be tokens: the pattern is written as JSON text at deploy time.
   *
   * @default - every message
   */
  readonly filterPattern?: { [key: string]: any };
  /** What each message becomes at the sink. @default EventStreamTransform.original() - the whole CloudEvent */
  readonly transform?: EventStreamTransform;
  /**
   * The most messages one delivery holds (1 to 10,000): the stream batches until this many or until `batchWindow`.
   *
   * @default - no batching settings: EventBridge's default
   */
  readonly batchSize?: number;
  /**
   * How long the stream waits to fill a batch (0 to 15 seconds, whole seconds).
   *
   * @default - no batching settings: EventBridge's default
   */
  readonly batchWindow?: Duration;
  /**
   * How the stream retries a delivery that failed.
   *
   * @default RetryStrategy.EXPONENTIAL_DECAY_RETRY - retries for a day; EventBridge's BACKOFF_RETRY gives up after 3
   */
  readonly retryStrategy?: RetryStrategy;
  /**
   * What happens to a message that failed after all retries.
   *
   * @default ErrorsTolerance.ALL with a dead-letter queue (the message goes there), ErrorsTolerance.NONE without one
   * (the stream stops at the message rather than drop it)
   */
  readonly errorsTolerance?: ErrorsTolerance;
  /** Where messages go that failed after all retries: another queue of the stack's region and account. @default - none */
  readonly deadLetterQueue?: IQueue;
  /**
   * The stream's name: letters, digits, underscores and hyphens, starting with a letter or digit, at most 127
   * characters; unique in the region and account.
   *
   * An update finds the deployed stream by the name in the template (ROS keeps no other handle on it). Changing this
   * name while the construct id stays the same (also through a stack parameter) makes the next deploy call
   * UpdateEventStreaming on the new name: it fails with `EventStreamingNotExisted` (and ROS rolls the update back)
   * when no stream has that name; when one has, such as another stack's, it rewrites that stream, which this stack
   * then also deletes when it is deleted, and the stream of the old name is left running. To rename a stream, give
   * the construct a new id together with the new name: ROS then makes the new stream and deletes the old one. Synth
   * warns whenever a name is given.
   *
   * @default - `<stack name>-<construct id>` (with a short hash when an id has characters other than letters and
   * digits or the name must be cut): unique in the stack (the id is the stream's logical id), and kept when the
   * construct moves under another parent
   */
  readonly eventStreamingName?: string;
  /** A description, at most 255 characters. @default - the source queue and the sink, in words */
  readonly description?: string;
  /** Whether the stream Base64-decodes each message body it reads. @default true - as the service does */
  readonly isBase64Decode?: boolean;
  /** Whether the stream runs (started) or not (left READY when made, paused when it ran). @default true */
  readonly enabled?: boolean;
}

/**
 * Stream names (INFERRED: the API reference states no rule; these are the rule of EventBridge rule names, the
 * strictest EventBridge documents for a name).
 */
const STREAM_NAME: TextRule = { minLength: 1, maxLength: 127, chars: /[A-Za-z0-9_-]/, first: /[A-Za-z0-9]/, charset: 'letters, digits, underscores and hyphens, and start with a letter or digit' };
const DESCRIPTION = plainText(0, 255, true);
/** Batching ranges of an SMQ source: https://www.alibabacloud.com/help/en/eventbridge/user-guide/simple-message-queue-formerly-mns */
const BATCH_SIZE = { min: 1, max: 10000 };
const BATCH_WINDOW = { min: 0, max: 15, unit: 'seconds' };
const REMEDY = 'give the stack an env with a literal region and account, or import the channel or function without a region and account of its own';
/** GetEventStreaming's `Data.Status` values. */
const STATUS_PATH = 'Data.Status';
const NOT_RUNNING = ['READY', 'PAUSED', 'STARTING_FAILED', 'RUNNING_FAILED'];
const FAILED = ['STARTING_FAILED', 'RUNNING_FAILED'];
/** Starting takes 30 to 60 seconds (https://www.alibabacloud.com/help/en/eventbridge/latest/439527); Terraform waits 10 minutes. */
const TIMEOUT = Duration.minutes(10);

/**
 * An EventBridge event stream from an SMQ queue to a sink ({@link EventStreamSink}): the stream reads the queue,
 * keeps the messages that match `filterPattern`, transforms each (`transform`) and delivers it, retrying for a day by
 * default and sending what still fails to `deadLetterQueue` when given.
 *
 * ROS has no type for event streams: the stream is a `customResources.ApiCall` (an `ALIYUN::ROS::CustomResource`
 * whose logical id is this construct's id, physical id the stream's name) that calls CreateEventStreaming and
 * StartEventStreaming (waiting until the stream runs) on create, UpdateEventStreaming and then Start or Pause on update,
 * and DeleteEventStreaming (waiting until the stream is gone) on delete. The stack's API-call function may call
 * CreateEventStreaming (which RAM authorizes on all resources only) and the other stream actions on this stream only.
 *
 * The stream reads and writes with the account's EventBridge service-linked roles, which a template cannot create: a
 * warning per stack names them.
 *
 * Streams whose sinks are queues must not form a loop in the app (this stream from queue A to B, others from B back
 * to A, directly or through more queues, enabled or not, filters notwithstanding): synth refuses it.
 *
 * A queue hands each message to one reader: once received, a message is invisible to other consumers
 * (https://www.alibabacloud.com/help/en/mns/developer-reference/visible-messages). Two enabled streams of one queue, or a
 * stream and a `QueueTrigger` of it (an FC queue trigger is an event stream too), split its messages rather than each
 * getting all of them, and a stream with a `filterPattern` drops the messages it takes that the pattern does not pass
 * (only matching events reach the sink: https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-patterns-1).
 * Synth warns on each reader of a queue after the first, naming them all (an owned queue and its imports by name or
 * ARN are one queue). For fan-out, as with SNS, publish to a topic and subscribe one queue per stream.
 *
 * When the answer to CreateEventStreaming is lost (a network error after the request was sent), the create fails
 * but keeps the stream's name as its physical id, so that the rollback deletes what may have been made: had the lost
 * answer been "already exists", that is another owner's stream of the same name. Names unique in the region and
 * account (the generated ones are, per stack name) avoid it.
 */
export class QueueEventStream extends ros.Construct {
  /** The stream's name (its physical id). */
  public readonly eventStreamingName: string;
  /** The stream's ARN: `acs:eventbridge:{region}:{account}:eventstreaming/{name}`. */
  public readonly eventStreamingArn: string;
  /** The API call that makes the stream. */
  public readonly apiCall: ApiCall;

  /**
   * Where the stream moves messages between queues (to a queue sink, and what it cannot deliver to its dead-letter
   * queue): for the loop check at synth.
   */
  private readonly flows: QueueFlow[] = [];
  /** This stream as a reader of its queue (an enabled one), for the competing-readers warning at synth. */
  private readonly reading?: QueueReading;

  constructor(scope: ros.Construct, id: string, props: QueueEventStreamProps) {
    super(scope, id);
    requireProps(this, props, '{ queue, sink }');
    requireChannel(this, 'queue', props.queue, ChannelKind.QUEUE);
    const sink = props.sink;
    if (typeof (sink as Partial<EventStreamSink> | undefined | null)?._bind !== 'function') {
      throw invalid(this, 'sink', sink, 'must be an EventStreamSink: EventStreamSink.queue(queue), fc3(fn), fc2(service, fn), fromFunction(fn), http(url) or rocketMq({ instanceId, topic })');
    }
    const transform = props.transform ?? EventStreamTransform.original();
    if (typeof (transform as Partial<EventStreamTransform> | null)?._render !== 'function') {
      throw invalid(this, 'transform', transform, 'must be an EventStreamTransform: original(), messageBody(), jsonPath(path), constant(text) or template(template, variables)');
    }
    checkText(this, 'eventStreamingName', props.eventStreamingName, STREAM_NAME);
    checkText(this, 'description', props.description, DESCRIPTION);
    checkRange(this, 'batchSize', props.batchSize, BATCH_SIZE.min, BATCH_SIZE.max, 'messages');
    const windowSeconds = durationSeconds(this, 'batchWindow', props.batchWindow, BATCH_WINDOW);
    for (const prop of ['isBase64Decode', 'enabled'] as const) {
      requireLiteral(this, prop, props[prop], 'true or false');
      checkBoolean(this, prop, props[prop]);
    }
    requireLiteral(this, 'retryStrategy', props.retryStrategy, 'RetryStrategy');
    checkOneOf(this, 'retryStrategy', props.retryStrategy, Object.values(RetryStrategy));
    requireLiteral(this, 'errorsTolerance', props.errorsTolerance, 'ErrorsTolerance');
    checkOneOf(this, 'errorsTolerance', props.errorsTolerance, Object.values(ErrorsTolerance));
    if (props.filterPattern !== undefined) {
      // the 5-items-per-field limit is the rules' (the limits page lists it under event rules); CreateEventStreaming
      // states none for FilterPattern
      checkPattern(this, 'filterPattern', props.filterPattern, Infinity);
    }
    const queue = props.queue;
    checkSameLocation(this, {
      prop: 'queue',
      subject: locationOf(queue),
      subjectName: channelDisplay(queue),
      expected: stackLocation(this),
      expectedName: 'the stack',
      reason: 'ROS makes the event stream in the stack\'s region and account, and it reads a queue of that account by name, in that region',
      remedy: REMEDY,
    });
    const sourceIdentity = queueIdentity(this, queue);
    const dlq = props.deadLetterQueue ?? undefined;
    if (dlq !== undefined) {
      requireChannel(this, 'deadLetterQueue', dlq, ChannelKind.QUEUE);
      if (queueIdentity(this, dlq) === sourceIdentity) {
        throw invalid(this, 'deadLetterQueue', dlq.node.path, 'must be another queue than the one the stream reads: a failed message would come back to the stream forever');
      }
      checkSameLocation(this, {
        prop: 'deadLetterQueue',
        subject: locationOf(dlq),
        subjectName: channelDisplay(dlq),
        expected: stackLocation(this),
        expectedName: 'the stack',
        reason: 'the event stream writes failed messages to a queue of its own account by name, in its own region',
        remedy: REMEDY,
      });
    }
    const body = transform._render(this, 'transform');
    const bound = sink._bind(this, body);
    const sinkIdentity = bound.queue === undefined ? undefined : queueIdentity(this, bound.queue);
    if (bound.queue !== undefined && sinkIdentity === sourceIdentity) {
      throw invalid(this, 'sink', bound.queue.node.path, 'must write to another queue than the one the stream reads: every message would come back to the stream forever');
    }
    if (dlq !== undefined && sinkIdentity !== undefined && queueIdentity(this, dlq) === sinkIdentity) {
      throw invalid(this, 'deadLetterQueue', dlq.node.path, 'must be another queue than the sink: it keeps the messages the stream could not deliver '
        + 'to the sink, and would send them to that same queue again');
    }
    const tolerance = props.errorsTolerance ?? (dlq ? ErrorsTolerance.ALL : ErrorsTolerance.NONE);
    if (tolerance === ErrorsTolerance.ALL && !dlq) {
      warnOnce(this, `errorsTolerance: ALL without a dead-letter queue drops every message of '${queue.node.path}' that fails after all retries; `
        + 'give the stream a deadLetterQueue to keep them.');
    }

    // from the stack name and the custom resource's logical id (this construct's id, unique in the stack), not the
    // path: a construct moved under another parent keeps its stream, which the update finds by this name
    const name = props.eventStreamingName ?? generatePhysicalNameFor(ros.Stack.of(scope), id, { maxLength: STREAM_NAME.maxLength });
    if (props.eventStreamingName !== undefined) {
      warnOnce(this, `eventStreamingName: the deployed stream is found by the name in the template. Changing the name later while the construct id `
        + `stays '${id}' (also through a parameter) makes the next deploy update the stream of the new name: that fails with EventStreamingNotExisted `
        + 'when there is none, and when there is one, such as another stack\'s, it rewrites that stream (and deletes it with this stack), '
        + 'while the stream of the old name is left running. To rename the stream, give the construct a new id with the new name: '
        + 'the stream is then made anew and the old one deleted. And a stream of your name is deleted with a permission on its own ARN, '
        + 'which leaves the stack\'s API-call policy before ROS deletes the stream: removing the stream from a stack that keeps other API '
        + 'calls fails. Generated names (<stack>-<id>) have neither problem.');
    }
    claimStreamName(this, id, name, props.eventStreamingName !== undefined);
    this.eventStreamingName = name;
    this.eventStreamingArn = Identifiers.eventStreamingArn(stackRegion(this), stackAccount(this), name);
    for (const role of [SEND_TO_MNS, ...(bound.role !== undefined && bound.role !== SEND_TO_MNS ? [bound.role] : [])]) {
      warnOncePerStack(this, `QueueEventStream: EventBridge event streams ${role.purpose} with the account's service-linked role ${role.name}. `
        + 'A template cannot create it, and the stack\'s API-call function may not: create it once per account before the deploy, in the '
        + 'EventBridge console or with RAM CreateServiceLinkedRole; see https://www.alibabacloud.com/help/en/eventbridge/service-linked-roles');
    }

    const enabled = props.enabled ?? true;
    const runOptions: { [key: string]: unknown } = {
      ErrorsTolerance: tolerance,
      RetryStrategy: { PushRetryStrategy: props.retryStrategy ?? RetryStrategy.EXPONENTIAL_DECAY_RETRY },
    };
    if (props.batchSize !== undefined || windowSeconds !== undefined) {
      runOptions.BatchWindow = { CountBasedWindow: props.batchSize ?? 1, TimeBasedWindow: windowSeconds ?? 0 };
    }
    if (dlq !== undefined) {
      runOptions.DeadLetterQueue = { Arn: Identifiers.eventStreamDeadLetterArn(dlq.channelAddress) };
    }
    const address = queue.channelAddress;
    const settings = {
      EventStreamingName: name,
      Description: props.description ?? truncate(`From SMQ queue '${queue.node.path}' to ${bound.display} (made by ros-cdk-smq)`, 255),
      // an object: the API call writes it as JSON text at deploy time, tokens resolved
      FilterPattern: props.filterPattern === undefined ? {} : copyPattern(props.filterPattern),
      Source: { SourceMNSParameters: { RegionId: address.region, QueueName: address.name, IsBase64Decode: props.isBase64Decode ?? true } },
      Sink: bound.sink,
      RunOptions: runOptions,
    };
    const named = { EventStreamingName: name };
    const status = { action: 'GetEventStreaming', parameters: named, path: STATUS_PATH };
    const running = { ...status, until: ['RUNNING'], failOn: FAILED };
    const onUpdate: ApiRequest = enabled
      ? {
        action: 'UpdateEventStreaming',
        parameters: settings,
        then: [
          { action: 'StartEventStreaming', parameters: named, onlyIf: { ...status, values: NOT_RUNNING } },
          // started now or before (an update may restart it): the update is done when the stream runs
          { action: 'GetEventStreaming', parameters: named, waitFor: running },
        ],
      }
      : {
        action: 'UpdateEventStreaming',
        parameters: settings,
        then: [{ action: 'PauseEventStreaming', parameters: named, onlyIf: { ...status, values: ['RUNNING', 'STARTING'] }, waitFor: { ...status, until: ['PAUSED'] } }],
      };
    // Deleting and reading a stream are allowed on every stream whose name has the stack's prefix, not on this one
    // stream's ARN: when a stream leaves the app, ROS updates the API-call function's policy before it deletes the
    // stream's custom resource, and a policy that named only the streams still in the app would refuse that
    // DeleteEventStreaming. A stream named by the user (eventStreamingName) is not under the prefix: its delete keeps
    // its own ARN, and removing it while other API calls stay in the stack may then fail (see eventStreamingName).
    const deletable = props.eventStreamingName === undefined ? stackStreamPrefix(ros.Stack.of(this), name) : undefined;
    const lifecycle = ['eventbridge:UpdateEventStreaming', enabled ? 'eventbridge:StartEventStreaming' : 'eventbridge:PauseEventStreaming'];
    const removal = ['eventbridge:DeleteEventStreaming', 'eventbridge:GetEventStreaming'];
    const permissions: ApiPermission[] = [
      // RAM authorizes CreateEventStreaming on all resources only (the API reference's authorization table)
      { actions: ['eventbridge:CreateEventStreaming'], resources: ['*'] },
      ...(deletable === undefined
        ? [{ actions: [...removal, ...lifecycle], resources: [this.eventStreamingArn] }]
        : [
          { actions: lifecycle, resources: [this.eventStreamingArn] },
          { actions: removal, resources: [Identifiers.eventStreamingArn(stackRegion(this), stackAccount(this), `${deletable}*`)] },
        ]),
    ];
    this.apiCall = new ApiCall(this, id, {
      product: 'eventbridge',
      apiVersion: '2020-04-01',
      onCreate: {
        action: 'CreateEventStreaming',
        parameters: settings,
        then: enabled ? [{ action: 'StartEventStreaming', parameters: named, waitFor: running }] : undefined,
      },
      onUpdate,
      onDelete: {
        action: 'DeleteEventStreaming',
        parameters: named,
        // gone when GetEventStreaming answers EventStreamingNotExisted (an ignored code) or no status
        waitFor: { ...status, until: [''] },
      },
      ignoreErrorCodesOnDelete: ['EventStreamingNotExisted'],
      physicalResourceId: PhysicalResourceId.of(name),
      permissions,
      timeout: TIMEOUT,
    });
    if (bound.queue !== undefined) {
      this.flows.push(registerFlow(this, { stream: this, from: sourceIdentity, to: sinkIdentity!, source: queue, sink: bound.queue, deadLetters: false }));
    }
    if (dlq !== undefined) {
      this.flows.push(registerFlow(this, { stream: this, from: sourceIdentity, to: queueIdentity(this, dlq), source: queue, sink: dlq, deadLetters: true }));
    }
    if (enabled) {
      this.reading = claimQueueReader(this, queue, 'event stream', hasFilter(props.filterPattern));
    }
  }

  /**
   * At synth, when every stream of the app is known: no loop of queue-to-queue streams (this one from queue A to B,
   * others from B back to A, directly or through more queues), which would move every message round without end; nor
   * one through a dead-letter queue (the messages this stream cannot deliver go to its dead-letter queue, which other
   * streams move back to A), which would do so with every message that fails.
   */
  protected override prepare(): void {
    super.prepare();
    for (const flow of this.flows) {
      const loop = loopOf(flow);
      if (loop === undefined) {
        continue;
      }
      const steps = loop.map((f) => (f.deadLetters
        ? `'${f.stream.node.path}' sends what it cannot deliver from ${channelDisplay(f.source)} to ${channelDisplay(f.sink)}, its dead-letter queue`
        : `'${f.stream.node.path}' moves messages from ${channelDisplay(f.source)} to ${channelDisplay(f.sink)}`));
      const failed = loop.some((f) => f.deadLetters);
      throw invalid(this, flow.deadLetters ? 'deadLetterQueue' : 'sink', flow.sink.node.path, `must not close a loop of event streams (${steps.join(', then ')}): `
        + `${failed ? 'every message that fails' : 'every message'} would go round without end, each delivery billed; `
        + `end the chain at a queue no stream of the app reads${failed ? ', or give the stream a dead-letter queue no stream moves back' : ''}`);
    }
    if (this.reading !== undefined) {
      warnCompetingReaders(this, this.reading);
    }
  }
}

/**
 * Messages a stream moves from one queue to another, each queue by its identity: to its queue sink, or (`deadLetters`)
 * what it cannot deliver, to its dead-letter queue.
 */
interface QueueFlow {
  readonly stream: QueueEventStream;
  readonly from: string;
  readonly to: string;
  readonly source: IQueue;
  /** The queue the messages go to: the sink, or the dead-letter queue. */
  readonly sink: IQueue;
  readonly deadLetters: boolean;
}

/** The queue-to-queue streams of each app (by its root construct), in the order they were made. */
const APP_FLOWS = new WeakMap<ros.IConstruct, { flows: QueueFlow[]; bySource?: Map<string, QueueFlow[]> }>();

function registerFlow(scope: ros.IConstruct, flow: QueueFlow): QueueFlow {
  const root = scope.node.root;
  const app = APP_FLOWS.get(root) ?? { flows: [] };
  app.flows.push(flow);
  app.bySource = undefined;
  APP_FLOWS.set(root, app);
  return flow;
}

/**
 * The streams of the app that carry the messages `flow` delivers back to its source queue, `flow` first (the
 * shortest such loop), or undefined when none do.
 */
function loopOf(flow: QueueFlow): QueueFlow[] | undefined {
  const app = APP_FLOWS.get(flow.stream.node.root);
  if (app === undefined) {
    return undefined;
  }
  if (app.bySource === undefined) {
    app.bySource = new Map();
    for (const f of app.flows) {
      app.bySource.set(f.from, [...(app.bySource.get(f.from) ?? []), f]);
    }
  }
  const seen = new Set<string>([flow.to]);
  const queue: QueueFlow[][] = [[flow]];
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const next of app.bySource.get(path[path.length - 1].to) ?? []) {
      if (next.to === flow.from) {
        return [...path, next];
      }
      if (!seen.has(next.to)) {
        seen.add(next.to);
        queue.push([...path, next]);
      }
    }
  }
  return undefined;
}

/**
 * Claims the stream's name in the app. A generated name (`<stack>-<id>`) collides when two streams of one stack have
 * one construct id under different parents (which also gives their custom resources one logical id), or when two
 * stacks of one name share a region and account: that is said of the id, which the user gave, not of
 * `eventStreamingName`, which they did not set.
 */
function claimStreamName(scope: QueueEventStream, id: string, name: string, given: boolean): void {
  const claim = { kind: 'EventBridge event stream name', name: identityOf(scope, name), location: stackLocation(scope), shown: name };
  if (given) {
    claimName(scope, { ...claim, prop: 'eventStreamingName' });
    return;
  }
  try {
    claimName(scope, { ...claim, prop: 'id' });
  } catch (e) {
    if (!(e instanceof ValidationError)) {
      throw e;
    }
    // claimName says `<path>: id must be unique in <where>, but '<other path>' ...already has this <kind>, got "<name>"`
    const other = /, but '([^']*)'/.exec(e.message)?.[1] ?? 'another stream';
    if (/^[^,]* must be unique in the stack, /.test(e.message.slice(scope.node.path.length))) {
      throw invalid(scope, 'id', id, `must be unique in the stack, but '${other}' already has it: a stream's custom resource takes the construct id as its `
        + `logical id, and its generated name (<stack>-<id>, "${name}") from it; give one of the constructs another id`);
    }
    const where = /must be unique in ([^,]*), but/.exec(e.message)?.[1] ?? 'the region and account';
    throw invalid(scope, 'id', id, `must give the stream a name of its own: the generated name (<stack>-<id>) "${name}" must be unique in ${where}, `
      + `but '${other}' already has it; give one of the constructs another id, or set eventStreamingName`);
  }
}

/** A target parameter with a fixed value. */
function constant(value: string): TargetParameter {
  return { Form: 'CONSTANT', Value: value };
}

/** Equal for two handles of one queue (an owned queue and an import of it by name). */
function queueIdentity(scope: ros.IConstruct, queue: IQueue): string {
  return identityOf(scope, Identifiers.ramArn(queue.channelAddress));
}

function requireOptions(scope: ros.IConstruct, prop: string, options: unknown, shape = 'an object'): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalid(scope, `${prop} options`, options, `must be ${shape}`);
  }
}

/**
 * Checks an endpoint URL: `https://` (or `http://` when allowed), then a host, and no user information. The literal
 * pieces of a URL with tokens are checked as far as they go.
 */
function checkUrl(scope: ros.IConstruct, prop: string, url: unknown, allowInsecureHttp: boolean): void {
  const rule = allowInsecureHttp ? INSECURE_URL_RULE : URL_RULE;
  if (typeof url !== 'string' || url === '') {
    throw invalid(scope, prop, url, rule);
  }
  const fragments = fragmentsOf(scope, url);
  const shown = isUnresolved(url) ? literalText(fragments, '<token>') : url;
  if (fragments.length === 1 && fragments[0].token !== undefined) {
    return; // known at deploy time only
  }
  const text = literalText(fragments, '\u0000');
  const match = /^([A-Za-z]+):\/\/([^/?#]*)/.exec(text);
  const scheme = match?.[1].toLowerCase();
  if (match === null || (scheme !== 'https' && !(scheme === 'http' && allowInsecureHttp))) {
    throw invalid(scope, prop, shown, rule);
  }
  const authority = match[2];
  if (authority === '' || /[\s]/.test(text)) {
    throw invalid(scope, prop, shown, rule);
  }
  if (authority.includes('@')) {
    throw invalid(scope, prop, shown, 'must not carry user information (user:password@) in the URL: EventBridge would store and show it');
  }
}


const PUBLIC_HOST_RULE = 'must name a host EventBridge can reach over the Internet (the sink is sent with NetworkType PublicNetwork), '
  + 'not localhost or a loopback, private, link-local or other non-public address';
/** Name suffixes that only an intranet resolves; `-internal.aliyuncs.com` names Alibaba Cloud's internal endpoints. */
const INTRANET_SUFFIXES = ['.local', '.localdomain', '.internal', '.intranet', '.lan', '.corp', '.home.arpa', '-internal.aliyuncs.com'];

/**
 * Refuses a literal host of `url` that the Internet cannot reach (localhost, a non-public IPv4 or IPv6 address, as an
 * HTTP client reads it: `127.1` and `0x7f.1` are 127.0.0.1), and warns on a name that only an intranet resolves. A host
 * with a token in it is left to deploy time.
 */
function checkPublicHost(scope: ros.IConstruct, prop: string, url: string): void {
  const fragments = fragmentsOf(scope, url);
  const shown = literalText(fragments, '<token>');
  const authority = /^[A-Za-z]+:\/\/([^/?#]*)/.exec(literalText(fragments, '\u0000'))?.[1];
  if (authority === undefined || authority.includes('\u0000')) {
    return; // the host is known at deploy time only
  }
  let host: string;
  try {
    host = new URL(`https://${authority}/`).hostname.toLowerCase();
  } catch {
    throw invalid(scope, prop, shown, 'must name a valid host (letters, digits, hyphens and dots, or an IP address)');
  }
  const name = host.replace(/\.$/, '');
  if (!name.startsWith('[') && (name.length > 253 || name.split('.').some((label) => label.length === 0 || label.length > 63))) {
    throw invalid(scope, prop, shown, 'must name a valid host: labels of 1 to 63 characters, at most 253 in all');
  }
  const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(name);
  if ((ipv4 !== null && !isPublicIpv4(ipv4.slice(1).map(Number)))
    || (name.startsWith('[') && !isPublicIpv6(name.slice(1, -1)))
    || name === 'localhost' || name.endsWith('.localhost')) {
    throw invalid(scope, prop, shown, PUBLIC_HOST_RULE);
  }
  if (ipv4 === null && !name.startsWith('[') && (!name.includes('.') || INTRANET_SUFFIXES.some((suffix) => name.endsWith(suffix)))) {
    warnOnce(scope, `${prop}: the host '${name}' is a name only an intranet resolves (one label, or ${INTRANET_SUFFIXES.join(', ')}), and EventBridge `
      + 'sends to this sink over the Internet (NetworkType PublicNetwork): use a host name the Internet resolves, or the sink never receives a message.');
  }
}

/**
 * Whether an IPv4 address is on the Internet: not "this network" (0/8), private (10/8, 172.16/12, 192.168/16), shared
 * (100.64/10), loopback (127/8), link-local (169.254/16), IETF protocol (192.0.0/24), documentation (192.0.2/24,
 * 198.51.100/24, 203.0.113/24), benchmarking (198.18/15), multicast, reserved or broadcast (224/3): RFC 6890.
 */
function isPublicIpv4([a, b, c]: number[]): boolean {
  return !(a === 0 || a === 10 || a === 127 || a >= 224
    || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31)
    || (a === 192 && b === 168) || (a === 192 && b === 0 && (c === 0 || c === 2))
    || (a === 198 && (b === 18 || b === 19)) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113));
}

/**
 * Whether an IPv6 address (as the URL parser writes it: lower case, `::` for zeros, no dotted quad) is on the
 * Internet: not unspecified, loopback, link-local (fe80::/10), site-local (fec0::/10), unique local (fc00::/7),
 * multicast (ff00::/8), documentation (2001:db8::/32), nor an IPv4-mapped address that is not public.
 */
function isPublicIpv6(address: string): boolean {
  const [left, right] = address.split('::');
  const words = (text: string | undefined): number[] => (text ? text.split(':').map((w) => parseInt(w, 16)) : []);
  const l = words(left);
  const r = words(right);
  const all = right === undefined ? l : [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r];
  if (all.length !== 8 || all.some((w) => Number.isNaN(w))) {
    return false;
  }
  const zeros = (n: number): boolean => all.slice(0, n).every((w) => w === 0);
  if (zeros(7) && all[7] <= 1) {
    return false;
  }
  if (zeros(5) && all[5] === 0xffff) {
    return isPublicIpv4([all[6] >> 8, all[6] & 0xff, all[7] >> 8, all[7] & 0xff]);
  }
  const first = all[0];
  return !((first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0 || (first & 0xfe00) === 0xfc00 || (first & 0xff00) === 0xff00
    || (first === 0x2001 && all[1] === 0x0db8));
}

/**
 * The prefix every generated stream name of the stack starts with (`<stack name>-`, as lib/core/names.ts writes it),
 * when `name` starts with it; undefined when it does not (a stack name that is a token, or a name that had to be cut
 * and hashed differently).
 */
function stackStreamPrefix(stack: ros.Stack, name: string): string | undefined {
  const stackName = stack.stackName;
  if (typeof stackName !== 'string' || isUnresolved(stackName)) {
    return undefined;
  }
  const clean = stackName.replace(/[^A-Za-z0-9-]/g, '').replace(/^-+|-+$/g, '');
  for (const prefix of [`${clean}-`, `smq-${clean}-`]) {
    if (clean !== '' && name.startsWith(prefix)) {
      return prefix;
    }
  }
  return undefined;
}
