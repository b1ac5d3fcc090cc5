/**
 * Every way an Alibaba Cloud product names an SMQ queue or topic, each in one function.
 *
 * The same queue is `acs:mns:r:a:/queues/q` in a RAM policy, `acs:mns:r:a:queues/q` as a subscription endpoint,
 * `acs:mns:r:a:/queues/q/message` as a CloudMonitor target and `acs:ess:r:a:queue/q` for Auto Scaling. Integrations
 * call these functions; no identifier is written inline anywhere else. Sources for each format are in
 * `shared/research/formats-verified.md` and `integrations.md`.
 */
import * as ros from '@alicloud/ros-cdk-core';

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

/** The region of a stack: its literal region, or `ALIYUN::Region`. */
export function stackRegion(scope: ros.IConstruct): string {
  const region = ros.Stack.of(scope).region;
  return region !== undefined && !ros.Token.isUnresolved(region) ? region : ros.RosPseudo.region;
}

/**
 * The account that owns a stack's resources: its literal account, or `ALIYUN::TenantId` (the ROS pseudo parameter for
 * the Alibaba Cloud account; `ALIYUN::AccountId` is the account executing the stack, which a resource ARN must not use).
 */
export function stackAccount(scope: ros.IConstruct): string {
  const account = ros.Stack.of(scope).account;
  return account !== undefined && !ros.Token.isUnresolved(account) ? account : ros.RosPseudo.tenantId;
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

/** EventBridge rule target `DeadLetterQueue.Arn`: `acs:mns:{region}:{account}:/queues/{name}` (with the slash). */
export function eventBridgeDeadLetterArn(address: ChannelAddress): string {
  requireKind(address, ChannelKind.QUEUE, 'an EventBridge dead-letter queue');
  return ramArn(address);
}

/**
 * IoT Platform rule action `MNS` configuration, as JSON text:
 * `{"themeName": topic, "regionName": region, "role": {"roleArn": ..., "roleName": ...}}` (topics only).
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
