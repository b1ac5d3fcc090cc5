/**
 * Every way an Alibaba Cloud product names an SMQ queue or topic, each in one function.
 *
 * The same queue is `acs:mns:r:a:/queues/q` in a RAM policy, `acs:mns:r:a:queues/q` as a subscription endpoint,
 * `acs:mns:r:a:/queues/q/message` as a CloudMonitor target and `acs:ess:r:a:queue/q` for Auto Scaling. Integrations
 * call these functions; no identifier is written inline anywhere else. Sources for each format are in
 * `shared/research/formats-verified.md` and `integrations.md`.
 */
import * as ros from '@alicloud/ros-cdk-core';
export { stackAccount, stackRegion } from '../core/environment';

/** Whether a channel is a queue or a topic. */
export enum ChannelKind {
  /** An SMQ queue. */
  QUEUE = 'queue',
  /** An SMQ topic. */
  TOPIC = 'topic',
}

/** Where a queue or topic lives and what it is called: everything every identifier format is built from. */
export interface ChannelAddress {
  /** Queue or topic. */
  readonly kind: ChannelKind;
  /** The queue or topic name. */
  readonly name: string;
  /** The region ID, such as `cn-hangzhou` (may be a token). */
  readonly region: string;
  /** The owning Alibaba Cloud account ID (may be a token). */
  readonly account: string;
}

function plural(kind: ChannelKind): string {
  return kind === ChannelKind.QUEUE ? 'queues' : 'topics';
}

function mnsArn(address: ChannelAddress, resource: string): string {
  return `acs:mns:${address.region}:${address.account}:${resource}`;
}

/**
 * RAM policy resource for queue- or topic-level actions (GetQueueAttributes, ...):
 * `acs:mns:{region}:{account}:/queues/{name}` or `.../topics/{name}`. Also the ROS attribute `ARN.WithSlash`.
 */
export function ramArn(address: ChannelAddress): string {
  return mnsArn(address, `/${plural(address.kind)}/${address.name}`);
}

/**
 * RAM policy resource for message actions (SendMessage, ReceiveMessage, PublishMessage, ...):
 * `acs:mns:{region}:{account}:/queues/{name}/messages` or `.../topics/{name}/messages`.
 */
export function ramMessagesArn(address: ChannelAddress): string {
  return `${ramArn(address)}/messages`;
}

/**
 * Topic subscription endpoint for a queue: `acs:mns:{region}:{account}:queues/{name}` (no slash before `queues`).
 */
export function subscriptionQueueEndpoint(address: ChannelAddress): string {
  requireKind(address, ChannelKind.QUEUE, 'a subscription endpoint');
  return mnsArn(address, `queues/${address.name}`);
}

/**
 * CloudMonitor metric rule target `Arn`: `acs:mns:{region}:{account}:/queues/{name}/message` or
 * `.../topics/{name}/message` (singular `message`, as the ROS resource reference and the CMS API reference write it).
 */
export function cmsMetricTargetArn(address: ChannelAddress): string {
  return `${ramArn(address)}/message`;
}

/** CloudMonitor event rule target: names, not ARNs (`MnsParameters` entries). */
export interface CmsMnsParameter {
  /** `Region`. */
  readonly region: string;
  /** `Queue`: set for a queue. */
  readonly queue?: string;
  /** `Topic`: set for a topic. */
  readonly topic?: string;
}

/** CloudMonitor event rule `MnsParameters` entry (without its `Id`): `{ Region, Queue }` or `{ Region, Topic }`. */
export function cmsEventTarget(address: ChannelAddress): CmsMnsParameter {
  return address.kind === ChannelKind.QUEUE
    ? { region: address.region, queue: address.name }
    : { region: address.region, topic: address.name };
}

/**
 * Auto Scaling lifecycle hook and notification `NotificationArn`: `acs:ess:{region}:{account}:queue/{name}` or
 * `acs:ess:{region}:{account}:topic/{name}` (service `ess`, singular, no slash, as the ROS reference and Terraform
 * write it; the ESS API pages still show `acs:mns:`).
 */
export function essNotificationArn(address: ChannelAddress): string {
  return `acs:ess:${address.region}:${address.account}:${address.kind}/${address.name}`;
}

/** Function Compute `mns_topic` trigger `SourceArn`: `acs:mns:{region}:{account}:/topics/{name}`. */
export function fcTopicTriggerSourceArn(address: ChannelAddress): string {
  requireKind(address, ChannelKind.TOPIC, 'an FC topic trigger source');
  return ramArn(address);
}

/**
 * Function Compute async-invocation destination: `acs:mns:{region}:{account}:/queues/{name}/messages` or
 * `.../topics/{name}/messages` (plural, unlike CloudMonitor's).
 */
export function fcAsyncDestinationArn(address: ChannelAddress): string {
  return ramMessagesArn(address);
}

/** EventBridge rule target `Endpoint` for `acs.mns.queue`: `acs:mns:{region}:{account}:queues/{name}` (no slash). */
export function eventBridgeQueueEndpoint(address: ChannelAddress): string {
  requireKind(address, ChannelKind.QUEUE, 'an EventBridge acs.mns.queue endpoint');
  return mnsArn(address, `queues/${address.name}`);
}

/** One `ParamList` entry of an EventBridge rule target. */
export interface EventBridgeTargetParam {
  /** `ResourceKey`: the target parameter, such as `queue` or `Body`. */
  readonly resourceKey: string;
  /** `Form`: `CONSTANT`, `ORIGINAL`, `JSONPATH` or `TEMPLATE`. */
  readonly form: string;
  /** `Value`. @default - none (ORIGINAL takes none) */
  readonly value?: string;
  /** `Template`, for the TEMPLATE form. @default - none */
  readonly template?: string;
}

/** The SMQ-specific part of an EventBridge rule target: `Type`, `Endpoint` and `ParamList`. */
export interface EventBridgeQueueTarget {
  /** `Type`: `acs.mns.queue`. */
  readonly type: string;
  /** `Endpoint`: `acs:mns:{region}:{account}:queues/{name}`. */
  readonly endpoint: string;
  /** `ParamList`: `queue` (the name), `Body` and `IsBase64Encode`, with exactly this casing. */
  readonly paramList: EventBridgeTargetParam[];
}

/**
 * The EventBridge rule target for a queue: type `acs.mns.queue`, the endpoint without slash, and the `ParamList` keys
 * `queue` (CONSTANT name), `Body` (the whole event, ORIGINAL, unless `body` says otherwise) and `IsBase64Encode`
 * (always given, since the service reads a default back and a template without it drifts). A topic target
 * (`acs.mns.topic`) is not offered: its keys are not documented anywhere we found.
 *
 * @param body the `Body` parameter @default - the original event
 * @param base64Encode whether the service Base64-encodes the body @default false
 */
export function eventBridgeQueueTarget(address: ChannelAddress, body?: EventBridgeTargetParam, base64Encode = false): EventBridgeQueueTarget {
  return {
    type: 'acs.mns.queue',
    endpoint: eventBridgeQueueEndpoint(address),
    paramList: [
      { resourceKey: 'queue', form: 'CONSTANT', value: address.name },
      body ?? { resourceKey: 'Body', form: 'ORIGINAL' },
      { resourceKey: 'IsBase64Encode', form: 'CONSTANT', value: base64Encode ? 'true' : 'false' },
    ],
  };
}

/** EventBridge rule target `DeadLetterQueue.Arn`: `acs:mns:{region}:{account}:/queues/{name}` (with the slash). */
export function eventBridgeDeadLetterArn(address: ChannelAddress): string {
  requireKind(address, ChannelKind.QUEUE, 'an EventBridge dead-letter queue');
  return ramArn(address);
}

/**
 * IoT Platform rule action `MNS` configuration, as JSON text:
 * `{"themeName": topic, "regionName": region, "role": {"roleArn": ..., "roleName": ...}}` (topics only).
 *
 * UNVERIFIED: the ROS and IoT references we could read give `Configuration` only as "JSON per CreateRuleAction"; these
 * keys are the shape that copies of the CreateRuleAction documentation show. Check them with a deploy before relying
 * on them (see shared/research/fc-cms-ims.md section 5).
 *
 * @param scope any construct in the stack that renders the text (tokens are turned into template functions)
 */
export function iotMnsActionConfiguration(scope: ros.IConstruct, address: ChannelAddress, roleArn: string, roleName: string): string {
  requireKind(address, ChannelKind.TOPIC, 'an IoT MNS rule action');
  return ros.Stack.of(scope).toJsonString({
    themeName: address.name,
    regionName: address.region,
    role: { roleArn, roleName },
  });
}

/** The queue or topic URL: `http://{account}.mns.{region}.aliyuncs.com/queues/{name}` or `.../topics/{name}`. */
export function channelUrl(address: ChannelAddress): string {
  return `http://${address.account}.mns.${address.region}.aliyuncs.com/${plural(address.kind)}/${address.name}`;
}

/** The parts of an SMQ ARN. */
export interface ParsedChannelArn {
  /** Region ID. */
  readonly region: string;
  /** Account ID. */
  readonly account: string;
  /** Queue or topic name. */
  readonly name: string;
}

const ARN_PATTERNS: { [kind: string]: RegExp } = {
  [ChannelKind.QUEUE]: /^acs:mns:([a-z0-9-]+):(\d+|\*):\/?queues\/([A-Za-z0-9][A-Za-z0-9-]{0,255})$/,
  [ChannelKind.TOPIC]: /^acs:mns:([a-z0-9-]+):(\d+|\*):\/?topics\/([A-Za-z][A-Za-z0-9-]{0,255})$/,
};

/**
 * Parses `acs:mns:{region}:{account}:/queues/{name}` (or `:queues/{name}`), likewise for topics.
 * Returns `undefined` when the text is not such an ARN.
 */
export function parseChannelArn(kind: ChannelKind, arn: string): ParsedChannelArn | undefined {
  const match = ARN_PATTERNS[kind].exec(arn);
  if (match === null || match[2] === '*') {
    return undefined;
  }
  return { region: match[1], account: match[2], name: match[3] };
}

function requireKind(address: ChannelAddress, kind: ChannelKind, what: string): void {
  if (address.kind !== kind) {
    throw new Error(`${what} must be a ${kind}, got the ${address.kind} '${address.name}'`);
  }
}
