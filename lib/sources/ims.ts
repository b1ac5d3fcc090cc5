/**
 * Intelligent Media Services (IMS) task callbacks written to an SMQ queue. IMS delivers callbacks only to a queue of
 * its own region whose name starts with `ice-callback-`, and the callback itself is set with the IMS API
 * `SetEventCallback` (`CallbackType: MNS`, `CallbackQueueName`, `EventTypeList`), which ROS has no resource type for:
 * this module makes the queue with a name IMS accepts, sets the callback with two API calls (custom resources), and
 * puts what the call needs into stack outputs.
 *
 * References: https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-seteventcallback ,
 * https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-geteventcallback (both: RAM
 * authorization on "All Resources"; `CallbackType` `HTTP` or `MNS`, as
 * https://github.com/aliyun/alibabacloud-typescript-sdk/blob/master/ice-20201109/src/models/SetEventCallbackRequest.ts
 * lists them), https://www.alibabacloud.com/help/en/ims/user-guide/set-callback-events ,
 * https://www.alibabacloud.com/help/en/ims/user-guide/event-list-2
 */
import * as ros from '@alicloud/ros-cdk-core';
import { derivedId } from '../core/ids';
import { describeLocationValue } from '../core/location';
import { generatePhysicalNameFor } from '../core/names';
import { stackAccount, stackRegion, warnOnce } from '../core/state';
import { fragmentsOf } from '../core/text';
import { checkBoolean, invalid, isUnresolved, requireLiteral, ValidationError } from '../core/validation';
import { ApiCall, PhysicalResourceId } from '../custom-resources/api-call';
import { QUEUE_NAME } from '../ros/mns-rules';
import { Queue, QueueProps } from '../smq/queue';

/**
 * An IMS event whose callback the queue receives (`EventTypeList` of SetEventCallback). The constants are the names of
 * the IMS event list (https://www.alibabacloud.com/help/en/ims/user-guide/event-list-2), tables 1 to 4, and
 * `ProduceMediaComplete` (table 6, and the example of the SetEventCallback reference); for the others of that list
 * (video AI, the other intelligent-editing events, real-time media processing), use {@link ImsEvent.of}.
 */
export class ImsEvent {
  /** An audio or video file was uploaded. */
  public static readonly FILE_UPLOAD_COMPLETE = new ImsEvent('FileUploadComplete');
  /** A media asset was uploaded from a URL. */
  public static readonly UPLOAD_BY_URL_COMPLETE = new ImsEvent('UploadByURLComplete');
  /** An image was uploaded. */
  public static readonly IMAGE_UPLOAD_COMPLETE = new ImsEvent('ImageUploadComplete');
  /** An auxiliary media asset was uploaded. */
  public static readonly ATTACHED_MEDIA_UPLOAD_COMPLETE = new ImsEvent('AttachedMediaUploadComplete');
  /** A media stream was registered. */
  public static readonly REGISTER_STREAM_COMPLETE = new ImsEvent('RegisterStreamComplete');
  /** A media stream was uploaded. */
  public static readonly STREAM_UPLOAD_COMPLETE = new ImsEvent('StreamUploadComplete');
  /** A media stream was uploaded from a URL. */
  public static readonly UPLOAD_STREAM_BY_URL_COMPLETE = new ImsEvent('UploadStreamByURLComplete');
  /** A manual review finished. */
  public static readonly CREATE_AUDIT_COMPLETE = new ImsEvent('CreateAuditComplete');
  /** A media asset was registered. */
  public static readonly REGISTER_MEDIA_COMPLETE = new ImsEvent('RegisterMediaComplete');
  /** A media asset was deleted. */
  public static readonly DELETE_MEDIA_COMPLETE = new ImsEvent('DeleteMediaComplete');
  /** The basic information of a media asset changed. */
  public static readonly MEDIA_BASE_CHANGE_COMPLETE = new ImsEvent('MediaBaseChangeComplete');
  /** A workflow task finished. */
  public static readonly WORKFLOW_TASK_COMPLETE = new ImsEvent('WorkflowTaskComplete');
  /** An audio or video analysis finished. */
  public static readonly VIDEO_ANALYSIS_COMPLETE = new ImsEvent('VideoAnalysisComplete');
  /** A snapshot job finished. */
  public static readonly SNAPSHOT_COMPLETE = new ImsEvent('SnapshotComplete');
  /** A dynamic image (animated image) was made. */
  public static readonly DYNAMIC_IMAGE_COMPLETE = new ImsEvent('DynamicImageComplete');
  /**
   * A transcoding subtask finished. The event list marks it as scheduled for deprecation on 31 December 2025: prefer
   * {@link ImsEvent.MEDIA_CONVERT_COMPLETE}.
   */
  public static readonly TRANSCODE_COMPLETE = new ImsEvent('TranscodeComplete');
  /**
   * A parent transcoding task finished. The event list marks it as scheduled for deprecation on 31 December 2025:
   * prefer {@link ImsEvent.MEDIA_CONVERT_COMPLETE}.
   */
  public static readonly TRANSCODE_PARENT_COMPLETE = new ImsEvent('TranscodeParentComplete');
  /** A media conversion job finished. */
  public static readonly MEDIA_CONVERT_COMPLETE = new ImsEvent('MediaConvertComplete');
  /** An output group of a media conversion job finished. */
  public static readonly MEDIA_CONVERT_OUTPUT_GROUP_COMPLETE = new ImsEvent('MediaConvertOutputGroupComplete');
  /** An output of a media conversion job finished. */
  public static readonly MEDIA_CONVERT_OUTPUT_COMPLETE = new ImsEvent('MediaConvertOutputComplete');
  /** An intelligent production (editing) job finished. */
  public static readonly PRODUCE_MEDIA_COMPLETE = new ImsEvent('ProduceMediaComplete');

  /**
   * An event type by its name, which must be one of the constants' names (such as `MediaConvertComplete`): an
   * unknown or misspelled name is an error here, since IMS would silently never call back for it. For an event of
   * the IMS event list that has no constant (video AI, the other intelligent-editing events, real-time media
   * processing), use {@link ImsEvent.unlisted}.
   */
  public static of(name: string): ImsEvent {
    if (typeof name !== 'string' || isUnresolved(name) || !EVENT_NAME.test(name)) {
      throw new ValidationError('', 'ImsEvent.of(name)', name, `must be ${EVENT_NAME_RULE}, such as "MediaConvertComplete" (a literal)`);
    }
    const known = documentedEvents();
    const constant = known.get(name);
    if (constant === undefined) {
      const near = [...known.keys()].filter((k) => k.toLowerCase() === name.toLowerCase() || editDistance(k, name) <= 2);
      throw new ValidationError('', 'ImsEvent.of(name)', name, 'must be the name of an IMS event type with an ImsEvent constant'
        + (near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : '')
        + '; for an event of the IMS event list (https://www.alibabacloud.com/help/en/ims/user-guide/event-list-2) that has no constant, '
        + 'use ImsEvent.unlisted(name)');
    }
    return constant;
  }

  /**
   * An event type of the IMS event list (https://www.alibabacloud.com/help/en/ims/user-guide/event-list-2) that has
   * no constant here, by its exact name as the list gives it: an upper-case letter, then letters and digits (at most
   * 64 characters). Only the form is checked: a misspelled name brings no callback.
   */
  public static unlisted(name: string): ImsEvent {
    if (typeof name !== 'string' || isUnresolved(name) || !EVENT_NAME.test(name)) {
      throw new ValidationError('', 'ImsEvent.unlisted(name)', name, `must be ${EVENT_NAME_RULE}, such as "AIMediaAuditComplete" (a literal)`);
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
   * The events IMS calls back for: SetEventCallback's `EventTypeList`, the names joined with commas, in the order
   * given. At least one when given, none twice. The API reference sets no limit on the list's length.
   *
   * @default - none named: the request leaves `EventTypeList` out and IMS's own default applies (the API reference
   * does not say which events that is: name them to be sure)
   */
  readonly eventTypes?: ImsEvent[];
  /**
   * Whether the stack points IMS at this queue itself, with API calls (custom resources `ImsPreviousEventCallback`
   * and `<id>Callback`, see {@link ImsCallbackQueue}). IMS keeps one callback setting per account and region, so at
   * most one ImsCallbackQueue of an app may set it per account and region. With `false`, nothing is called: run the
   * command of the output `<id>SetEventCallbackCommand` yourself after the deploy.
   *
   * @default true
   */
  readonly setCallback?: boolean;
  /**
   * Whether deleting the callback (with the stack, or when `setCallback` turns `false`) puts back the setting the
   * account had before the stack set it (see {@link ImsCallbackQueue}). With `false` the setting is not read at all
   * (no `ImsPreviousEventCallback`, so no previous `AuthKey` in the stack) and ours stays when the stack is deleted:
   * IMS then calls back to a queue that is gone until the setting is changed by hand. Turning it to `false` on a
   * deployed stack is also the way out before a delete whose restore IMS would refuse (see {@link ImsCallbackQueue}).
   * Only with `setCallback` true.
   *
   * @default true
   */
  readonly restorePreviousCallback?: boolean;
}

/** The prefix IMS requires of a callback queue's name. */
const PREFIX = 'ice-callback-';
/**
 * Event type names, in the form of the IMS event list (https://www.alibabacloud.com/help/en/ims/user-guide/event-list-2):
 * an upper-case letter, then letters and digits.
 */
const EVENT_NAME = /^[A-Z][A-Za-z0-9]{0,63}$/;
const EVENT_NAME_RULE = 'an IMS event type name in the form of the IMS event list: an upper-case letter, then letters and digits (at most 64)';
/** The IMS (ICE) OpenAPI: product code and version; the endpoint is `https://ice.<region>.aliyuncs.com`. */
const ICE = { product: 'ice', apiVersion: '2020-11-09' };
/** What GetEventCallback answers and SetEventCallback takes: the whole setting. */
const SETTING_FIELDS = ['CallbackType', 'CallbackQueueName', 'CallbackURL', 'EventTypeList', 'AuthSwitch', 'AuthKey'];
/**
 * The logical id of the read of the previous setting: one per stack, not derived from the construct id, so that a new
 * construct id does not read again (after our own SetEventCallback) and take our setting for the account's.
 */
const PREVIOUS_CALLBACK_ID = 'ImsPreviousEventCallback';
/** Both actions authorize on "All Resources" only (the RAM authorization tables of the two API references). */
const ALL_RESOURCES = ['*'];

/**
 * A queue for IMS task callbacks (`ALIYUN::MNS::Queue`): a `smq.Queue` whose name starts with `ice-callback-`, as
 * IMS requires (a name given without it is an error; a generated one gets it), and, unless `setCallback` is `false`,
 * the IMS callback setting that points IMS at it.
 *
 * The setting is made with {@link customResources.ApiCall}s to the IMS API (version 2020-11-09, endpoint
 * `https://ice.<region>.aliyuncs.com`, the queue's region), served by the stack's API-call function, whose role gets
 * `ice:GetEventCallback` (not with `restorePreviousCallback: false`) and `ice:SetEventCallback` on `*` (the only
 * resource the API authorizes them on):
 * - `ImsPreviousEventCallback`, on create only (and only with `restorePreviousCallback`): `GetEventCallback`, the
 *   setting the account had before, kept as its outputs (`CallbackType`, `CallbackQueueName`, `CallbackURL`,
 *   `EventTypeList`, `AuthSwitch`, `AuthKey`; a field IMS leaves out reads as empty). It is never called again: its
 *   request does not change.
 * - `<id>Callback`, after it, on create and update: `SetEventCallback` with `CallbackType: MNS`, `CallbackQueueName`
 *   this queue's name and `EventTypeList` the chosen events.
 *
 * The read's logical id is one per stack (a stack has at most one ImsCallbackQueue that sets the callback), not
 * derived from the construct id: a new construct id for the queue, or another ImsCallbackQueue of the stack taking
 * over, keeps the read of the first deploy. A read under a new id would run after our own SetEventCallback, take our
 * setting for the account's, and on deletion point IMS at our deleted queue, losing the account's own setting. The
 * read cannot tell our setting from another's (an ApiCall condition only lets given values through, it cannot
 * exclude "a queue of this stack"), so where a new read does happen after ours, that is what it keeps: when the
 * callback moves to another stack (deploy its removal from the old stack first: the old stack then restores the
 * account's setting before the new one reads it), when `restorePreviousCallback` turns `false` and back to `true`,
 * or when the stack is deployed again after an earlier deployment left ours in place. Its restore then points IMS
 * at our old queue, as if nothing were restored.
 *
 * Delete: IMS has no call that clears a callback, so deleting `<id>Callback` (with the stack, or when `setCallback`
 * turns `false`) restores the setting read before, with `SetEventCallback` and the previous values (empty ones left
 * out), and only when `GetEventCallback` still names this queue: a setting someone changed since is theirs and stays.
 * When the account had no setting before (an empty `CallbackType`), or with `restorePreviousCallback: false`, nothing
 * is called and ours stays: IMS keeps calling back to a queue that is gone until the setting is changed by hand.
 *
 * A restore IMS refuses fails the delete of `<id>Callback`, and the stack's delete with it: the previous setting may
 * name a queue deleted since, or a URL IMS no longer takes. No error of the restore is ignored, because none is
 * known to mean that: the SetEventCallback reference lists no error codes of its own (it points at the general
 * error center), and whether IMS checks that the queue exists is not documented. Ways out: delete the stack again
 * with ROS DeleteStack's `RetainResources` naming `<id>Callback`
 * (https://www.alibabacloud.com/help/en/ros/developer-reference/api-ros-2019-09-10-deletestack; retaining this
 * custom resource keeps nothing but IMS's current setting, ours); or, before deleting, deploy with
 * `restorePreviousCallback: false` (the update calls nothing and the delete then skips the restore).
 *
 * When the previous setting was an HTTP callback with authentication, its `AuthKey` sits in the outputs of
 * `ImsPreviousEventCallback` and in the properties of `<id>Callback`, where anyone who may read the stack's resources
 * can see it (`restorePreviousCallback: false` reads nothing).
 *
 * IMS keeps one callback setting per account and region: two ImsCallbackQueues of one app that set it in one stack,
 * or in stacks of the same literal region, are an error; where a region or account is known only at deploy time, a
 * warning. IMS must also be authorized to use SMQ in the account
 * (https://www.alibabacloud.com/help/en/ims/user-guide/set-callback-events).
 *
 * Three stack outputs hold the call as a command: `<id>CallbackQueueName`, `<id>CallbackRegion`, and
 * `<id>SetEventCallbackCommand`, the Alibaba Cloud CLI command (`aliyun ice SetEventCallback --region <region>
 * --CallbackType MNS --CallbackQueueName <name> [--EventTypeList ...]`); with `setCallback: false`, run it once after
 * the deploy, as a user allowed `ice:SetEventCallback`.
 */
export class ImsCallbackQueue extends Queue {
  /** The `SetEventCallback` command, as the stack output holds it. */
  public readonly setEventCallbackCommand: string;
  /**
   * The call that sets the callback to this queue (`SetEventCallback`) and restores the previous setting on delete.
   *
   * @default - none when `setCallback` is false
   */
  public readonly callback?: ApiCall;
  /**
   * The call that reads the setting the account had before (`GetEventCallback`), once, on create.
   *
   * @default - none when `setCallback` or `restorePreviousCallback` is false
   */
  public readonly previousCallback?: ApiCall;
  private readonly outputIds: string[] = [];

  constructor(scope: ros.Construct, id: string, props: ImsCallbackQueueProps = {}) {
    const given = props?.queueName;
    super(scope, id, {
      ...props,
      queueName: given ?? `${PREFIX}${generatePhysicalNameFor(scope, id, { maxLength: QUEUE_NAME.maxLength - PREFIX.length })}`,
    });
    checkPrefix(this, given);
    const events = eventNames(this, props?.eventTypes);
    requireLiteral(this, 'setCallback', props?.setCallback, 'true or false');
    checkBoolean(this, 'setCallback', props?.setCallback);
    const setCallback = props?.setCallback ?? true;
    requireLiteral(this, 'restorePreviousCallback', props?.restorePreviousCallback, 'true or false');
    checkBoolean(this, 'restorePreviousCallback', props?.restorePreviousCallback);
    if (!setCallback && props?.restorePreviousCallback === true) {
      throw invalid(this, 'restorePreviousCallback', true, 'must be left out when setCallback is false: the stack sets nothing, so it has nothing to restore');
    }
    const restore = props?.restorePreviousCallback ?? true;
    const region = stackRegion(this);
    const claim: CallbackClaim = { path: this.node.path, stack: ros.Stack.of(this), region, account: stackAccount(this) };
    if (setCallback) {
      checkOneCallback(this, claim);
    }
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
    output('SetEventCallbackCommand', this.setEventCallbackCommand, setCallback
      ? 'The SetEventCallback call the stack makes itself (its API-call resources set the callback to this queue)'
      : 'Run once after the deploy to send IMS callbacks to this queue');
    if (!setCallback) {
      return;
    }

    const ours: { [name: string]: string } = { CallbackType: 'MNS', CallbackQueueName: this.queueName };
    if (events.length > 0) {
      ours.EventTypeList = events.join(',');
    }
    const previous = restore ? new ApiCall(this, PREVIOUS_CALLBACK_ID, {
      ...ICE,
      onCreate: { action: 'GetEventCallback' },
      permissions: [{ actions: ['ice:GetEventCallback'], resources: ALL_RESOURCES }],
      // fixed: ROS replaces (deletes) a custom resource whose physical id changes
      physicalResourceId: PhysicalResourceId.of('ims-event-callback-before'),
      outputPaths: SETTING_FIELDS,
      // IMS leaves out what is not set (AuthSwitch and AuthKey of an MNS callback; everything when nothing is set)
      allowMissingOutputs: true,
    }) : undefined;
    const restoreRequest = previous === undefined ? {} : {
      onDelete: {
        action: 'SetEventCallback',
        parameters: Object.fromEntries(SETTING_FIELDS.map((field) => [field, previous.getResponseField(field)])),
        omitEmptyParameters: true,
        // nothing set before: nothing to restore
        skipUnlessSet: ['CallbackType'],
        // someone pointed IMS elsewhere since: theirs stays
        onlyIf: { action: 'GetEventCallback', path: 'CallbackQueueName', values: [this.queueName] },
      },
      // no SetEventCallback error code is documented as "the old setting is no longer valid" (see the class's TSDoc)
      ignoreErrorCodesOnDelete: [],
    };
    const callback = new ApiCall(this, derivedId(this, 'Callback'), {
      ...ICE,
      // serves updates too: the changed setting is set again
      onCreate: { action: 'SetEventCallback', parameters: ours },
      ...restoreRequest,
      permissions: [{
        actions: previous === undefined ? ['ice:SetEventCallback'] : ['ice:GetEventCallback', 'ice:SetEventCallback'],
        resources: ALL_RESOURCES,
      }],
      physicalResourceId: PhysicalResourceId.of('ims-event-callback'),
    });
    if (previous !== undefined) {
      // read the old setting before ours replaces it (the Fn::GetAtt of onDelete says so too; this says it on its own)
      callback.customResource.addRosDependency(previous.customResource.logicalId);
    }
    this.previousCallback = previous;
    this.callback = callback;
    claimsOf(this).push(claim);
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

/** An ImsCallbackQueue that sets the account's callback, and where. */
interface CallbackClaim {
  readonly path: string;
  readonly stack: ros.Stack;
  readonly region: string;
  readonly account: string;
}

/** The callback settings of each app, by its root: they live and die with the app. */
const CALLBACK_CLAIMS = new WeakMap<ros.IConstruct, CallbackClaim[]>();

function claimsOf(scope: ros.IConstruct): CallbackClaim[] {
  const root = scope.node.root;
  let claims = CALLBACK_CLAIMS.get(root);
  if (claims === undefined) {
    claims = [];
    CALLBACK_CLAIMS.set(root, claims);
  }
  return claims;
}

/**
 * IMS keeps one callback setting per account and region: a second one in the same place overwrites the first, and
 * deleting either restores a setting that may be the other's. An error when synth knows the two are in one place (one
 * stack, or one literal region and no two different literal accounts); a warning when a token leaves it open.
 */
function checkOneCallback(scope: ros.IConstruct, claim: CallbackClaim): void {
  for (const other of claimsOf(scope)) {
    const literal = (value: string): boolean => !isUnresolved(value);
    const differ = (a: string, b: string): boolean => literal(a) && literal(b) && a !== b;
    if (other.stack !== claim.stack && (differ(other.region, claim.region) || differ(other.account, claim.account))) {
      continue;
    }
    const where = describeLocationValue(scope, claim.region);
    if (other.stack === claim.stack || (literal(other.region) && literal(claim.region))) {
      throw invalid(scope, 'setCallback', true, `must be false when another ImsCallbackQueue sets the IMS callback in the same account and region `
        + `('${other.path}' does, in ${where}): IMS keeps one callback setting per account and region, so each would overwrite the other`);
    }
    warnOnce(scope, `setCallback: IMS keeps one callback setting per account and region, and '${other.path}' sets it too; their regions or `
      + `accounts are known only at deploy time (${describeLocationValue(scope, other.region)} and ${where}): if both deploy to one account `
      + 'and region, the last one deployed wins and deleting either restores a setting that may be the other\'s. Give setCallback: false to all but one.');
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
    throw invalid(scope, 'eventTypes', types, 'must list at least one ImsEvent, or be left out (IMS\'s own default)');
  }
  const names = types.map((t, i) => {
    const name = (t as Partial<ImsEvent> | undefined)?.value;
    if (typeof name !== 'string' || isUnresolved(name) || !EVENT_NAME.test(name)) {
      throw invalid(scope, `eventTypes[${i}]`, name ?? t,
        `must be an ImsEvent such as ImsEvent.PRODUCE_MEDIA_COMPLETE, ImsEvent.of("MediaConvertComplete") or ImsEvent.unlisted(name) (${EVENT_NAME_RULE})`);
    }
    return name;
  });
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) {
    throw invalid(scope, 'eventTypes', repeated, 'must not name an event twice');
  }
  return names;
}

/** The names of the ImsEvent constants. */
function documentedEvents(): Map<string, ImsEvent> {
  return new Map(Object.values(ImsEvent).filter((v): v is ImsEvent => v instanceof ImsEvent).map((v) => [v.value, v]));
}

/** The Levenshtein distance of two short names, to suggest the constant a misspelled name meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
