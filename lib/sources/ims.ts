/**
 * Intelligent Media Services (IMS) task callbacks written to an SMQ queue. IMS delivers callbacks only to a queue of
 * its own region whose name starts with `ice-callback-`, and the callback itself is set with the IMS API
 * `SetEventCallback` (`CallbackType: MNS`, `CallbackQueueName`), which ROS has no resource type for: this module makes
 * the queue with a name IMS accepts and puts what the call needs into stack outputs.
 *
 * References: https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-seteventcallback ,
 * https://www.alibabacloud.com/help/en/ims/user-guide/set-callback-events ,
 * https://www.alibabacloud.com/help/en/ims/user-guide/event-list-2
 */
import * as ros from '@alicloud/ros-cdk-core';
import { derivedId } from '../core/ids';
import { generatePhysicalNameFor } from '../core/names';
import { stackRegion, warnOnce } from '../core/state';
import { fragmentsOf } from '../core/text';
import { invalid, isUnresolved, ValidationError } from '../core/validation';
import { QUEUE_NAME } from '../ros/mns-rules';
import { Queue, QueueProps } from '../smq/queue';

/** An IMS event whose callback the queue receives (`EventTypeList` of SetEventCallback). */
export class ImsEvent {
  /** A file was uploaded. */
  public static readonly FILE_UPLOAD_COMPLETE = new ImsEvent('FileUploadComplete');
  /** A media asset was uploaded from a URL. */
  public static readonly UPLOAD_BY_URL_COMPLETE = new ImsEvent('UploadByURLComplete');
  /** An image was uploaded. */
  public static readonly IMAGE_UPLOAD_COMPLETE = new ImsEvent('ImageUploadComplete');
  /** A media asset was registered. */
  public static readonly REGISTER_MEDIA_COMPLETE = new ImsEvent('RegisterMediaComplete');
  /** A media asset was deleted. */
  public static readonly DELETE_MEDIA_COMPLETE = new ImsEvent('DeleteMediaComplete');
  /** A workflow task finished. */
  public static readonly WORKFLOW_TASK_COMPLETE = new ImsEvent('WorkflowTaskComplete');
  /** A snapshot job finished. */
  public static readonly SNAPSHOT_COMPLETE = new ImsEvent('SnapshotComplete');
  /** A media conversion job finished. */
  public static readonly MEDIA_CONVERT_COMPLETE = new ImsEvent('MediaConvertComplete');
  /** An intelligent production (editing) job finished. */
  public static readonly PRODUCE_MEDIA_COMPLETE = new ImsEvent('ProduceMediaComplete');

  /** Any other event type IMS documents, by its name (letters and digits), such as `MediaConvertOutputComplete`. */
  public static of(name: string): ImsEvent {
    if (typeof name !== 'string' || isUnresolved(name) || !EVENT_NAME.test(name)) {
      throw new ValidationError('', 'ImsEvent.of(name)', name, 'must be an IMS event type name such as "MediaConvertComplete" (letters and digits, a literal)');
    }
    return new ImsEvent(name);
  }

  /** The event type name, as SetEventCallback's `EventTypeList` takes it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }

  /** The event type name. */
  public toString(): string {
    return this.value;
  }
}

/** Properties of an {@link ImsCallbackQueue}. */
export interface ImsCallbackQueueProps extends QueueProps {
  /**
   * The events to name in the stack output that holds the `SetEventCallback` command.
   *
   * @default - none named: IMS then calls back for every event
   */
  readonly eventTypes?: ImsEvent[];
}

/** The prefix IMS requires of a callback queue's name. */
const PREFIX = 'ice-callback-';
/** Event type names: letters and digits (the names of the IMS event list). */
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/**
 * A queue for IMS task callbacks (`ALIYUN::MNS::Queue`): a `smq.Queue` whose name starts with `ice-callback-`, as
 * IMS requires (a name given without it is an error; a generated one gets it), with three stack outputs for the one
 * API call that points IMS at it: `<id>CallbackQueueName`, `<id>CallbackRegion`, and `<id>SetEventCallbackCommand`,
 * the Alibaba Cloud CLI command (`aliyun ice SetEventCallback --region <region> --CallbackType MNS
 * --CallbackQueueName <name> [--EventTypeList ...]`). Run it once after the deploy, as a user allowed
 * `ice:SetEventCallback`.
 */
export class ImsCallbackQueue extends Queue {
  /** The `SetEventCallback` command, as the stack output holds it. */
  public readonly setEventCallbackCommand: string;
  private readonly outputIds: string[] = [];

  constructor(scope: ros.Construct, id: string, props: ImsCallbackQueueProps = {}) {
    const given = props?.queueName;
    super(scope, id, {
      ...props,
      queueName: given ?? `${PREFIX}${generatePhysicalNameFor(scope, id, { maxLength: QUEUE_NAME.maxLength - PREFIX.length })}`,
    });
    checkPrefix(this, given);
    const events = eventNames(this, props?.eventTypes);
    const region = stackRegion(this);
    this.setEventCallbackCommand = ros.Fn.join('', [
      'aliyun ice SetEventCallback --region ', region, ' --CallbackType MNS --CallbackQueueName ', this.queueName,
      ...(events.length > 0 ? [` --EventTypeList ${events.join(',')}`] : []),
    ]);
    const output = (suffix: string, value: string, description: string): void => {
      const outputId = derivedId(this, suffix);
      this.outputIds.push(outputId);
      new ros.RosOutput(this, outputId, { value, description });
    };
    output('CallbackQueueName', this.queueName, 'IMS SetEventCallback CallbackQueueName (CallbackType MNS)');
    output('CallbackRegion', region, 'The region to call IMS SetEventCallback in: the callback queue\'s');
    output('SetEventCallbackCommand', this.setEventCallbackCommand, 'Run once after the deploy to send IMS callbacks to this queue');
  }

  /** Outputs are named by construct id, in a section of their own: another output with one of ours is an error at synth. */
  protected override validate(): string[] {
    const errors = super.validate();
    const stack = ros.Stack.of(this);
    const others = stack.node.findAll().filter((c) => c instanceof ros.RosOutput && this.outputIds.includes(c.node.id) && c.node.scope !== this);
    for (const other of others) {
      errors.push(`output id '${other.node.id}' must be unique in the stack: '${other.node.path}' and '${this.node.path}' both make an output with it `
        + '(in ROS CDK an output\'s id is its construct id): give one of them another id');
    }
    return errors;
  }
}

/**
 * A given name must start with `ice-callback-`: checked on the literal text it starts with; a name that starts with a
 * token gets a warning (synth cannot tell).
 */
function checkPrefix(scope: ros.IConstruct, name: string | undefined): void {
  if (name === undefined || typeof name !== 'string') {
    return;
  }
  const first = fragmentsOf(scope, name)[0];
  const head = first?.literal;
  if (head === undefined) {
    warnOnce(scope, `queueName: IMS delivers callbacks only to queues whose names start with "${PREFIX}", and this name starts with a token: make sure it does.`);
    return;
  }
  const whole = !isUnresolved(name);
  if (!whole && head.length < PREFIX.length && PREFIX.startsWith(head)) {
    warnOnce(scope, `queueName: IMS delivers callbacks only to queues whose names start with "${PREFIX}", and a token decides whether this one does (it starts with "${head}"): make sure it does.`);
    return;
  }
  const ok = whole || head.length >= PREFIX.length ? head.startsWith(PREFIX) : false;
  if (!ok) {
    throw invalid(scope, 'queueName', whole ? name : `${head}<token>`, `must start with "${PREFIX}": IMS delivers callbacks only to such queues`);
  }
}

function eventNames(scope: ros.IConstruct, types: ImsEvent[] | undefined): string[] {
  if (types === undefined) {
    return [];
  }
  if (!Array.isArray(types) || types.length === 0) {
    throw invalid(scope, 'eventTypes', types, 'must list at least one ImsEvent, or be left out for every event');
  }
  const names = types.map((t, i) => {
    const name = (t as Partial<ImsEvent> | undefined)?.value;
    if (typeof name !== 'string' || isUnresolved(name) || !EVENT_NAME.test(name)) {
      throw invalid(scope, `eventTypes[${i}]`, name ?? t, 'must be an IMS event type such as ImsEvent.PRODUCE_MEDIA_COMPLETE or ImsEvent.of("MediaConvertComplete") (letters and digits)');
    }
    return name;
  });
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) {
    throw invalid(scope, 'eventTypes', repeated, 'must not name an event twice');
  }
  return names;
}
