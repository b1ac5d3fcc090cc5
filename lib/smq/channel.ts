import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Grant, policyPlacement } from '../core/grants';
import { checkSameLocation, Location } from '../core/location';
import { identityOf, withLiteralNames } from '../core/names';
import { stackAccount, stackRegion } from '../core/state';
import { checkText, TextRule } from '../core/text';
import { invalid, isUnresolved, ValidationError } from '../core/validation';
import { ActionResource, scopeActions } from './actions';
import { ACCOUNT_PATTERN, ChannelAddress, ChannelKind, Identifiers, REGION_PATTERN } from './identifiers';

/** Where an imported queue or topic lives, when not in the importing stack's region and account. */
export interface ChannelImportOptions {
  /** The region ID of the queue or topic, such as `cn-hangzhou`. @default - the stack's region */
  readonly region?: string;
  /** The ID of the account that owns the queue or topic (digits). @default - the stack's account (`ALIYUN::TenantId`) */
  readonly account?: string;
}

/** A queue or topic, owned or imported: the one thing every wiring needs from a channel. */
export interface IChannel extends ros.IResource {
  /** The name, region, account and kind every identifier format is built from. */
  readonly channelAddress: ChannelAddress;
}

const REGION_TEXT: TextRule = { minLength: 1, maxLength: 64, chars: /[a-z0-9-]/, charset: 'lower-case letters, digits and hyphens, such as "cn-hangzhou"' };
const ACCOUNT_TEXT: TextRule = { minLength: 1, maxLength: 32, chars: /[0-9]/, charset: 'digits (an account ID, not "*")' };

/**
 * Resolves region and account for a channel created or imported in `scope`, checking those given: a region ID and an
 * account ID, never a wildcard (literal pieces of a value that holds a token are checked too).
 */
export function channelEnvironment(scope: ros.IConstruct, options: ChannelImportOptions = {}): Location {
  const { region, account } = options;
  checkText(scope, 'region', region, REGION_TEXT);
  if (region !== undefined && !isUnresolved(region) && !REGION_PATTERN.test(region)) {
    throw invalid(scope, 'region', region, 'must be a region ID such as "cn-hangzhou" or "ap-southeast-1"');
  }
  checkText(scope, 'account', account, ACCOUNT_TEXT);
  if (account !== undefined && !isUnresolved(account) && !ACCOUNT_PATTERN.test(account)) {
    throw invalid(scope, 'account', account, 'must be an account ID (digits)');
  }
  return { region: region ?? stackRegion(scope), account: account ?? stackAccount(scope) };
}

/** The region and account of a channel. */
export function locationOf(channel: IChannel): Location {
  return { region: channel.channelAddress.region, account: channel.channelAddress.account };
}

/** The region and account of `scope`'s stack. */
export function stackLocation(scope: ros.IConstruct): Location {
  return { region: stackRegion(scope), account: stackAccount(scope) };
}

/** A channel for a message: its construct path. */
export function channelDisplay(channel: IChannel): string {
  return `${channel.channelAddress.kind} '${channel.node.path}'`;
}

/**
 * The channel's address as a place other than its own stack may use: its literal name where the library knows it,
 * so that such a place refers to the channel without a cross-stack reference.
 */
export function literalAddress(channel: IChannel, scope: ros.IConstruct): ChannelAddress {
  const address = channel.channelAddress;
  return { ...address, name: withLiteralNames(scope, address.name) };
}

/**
 * A wiring in `scope` that reaches `channel` through a ROS property that names the channel by name only: the
 * channel must be in `scope`'s stack's region and account (an error when both are literals and differ, a warning
 * annotation when a token makes it unknowable).
 */
export function checkReachable(scope: ros.IConstruct, prop: string, channel: IChannel, reason: string): void {
  checkSameLocation(scope, {
    prop,
    subject: locationOf(channel),
    subjectName: channelDisplay(channel),
    expected: stackLocation(scope),
    expectedName: 'the stack',
    reason,
  });
}

/**
 * Grants `actions` on a channel, each on the resource RAM authorizes it on, all scoped to this one channel:
 * message actions on `.../{name}/messages`, subscription actions on `.../topics/{name}/subscriptions/*`, list actions
 * on the collection, the others on `.../{name}`. A wildcard gets the resources of every action it matches. When the
 * principal is in another stack, the policy is created there and names the channel by its literal name.
 */
export function grantOnChannel(channel: IChannel, grantee: ram.IGrantable, actions: string[]): Grant {
  const kind = channel.channelAddress.kind;
  const scoped = scopeActions(channel, kind, actions);
  const placement = policyPlacement(grantee, channel);
  const address = placement.crossStack ? literalAddress(channel, placement.parent) : channel.channelAddress;
  const groups = new Map<string, { resources: string[]; actions: string[] }>();
  for (const { action, resources } of scoped) {
    const arns = resources.map((r) => resourceArn(address, r));
    const key = JSON.stringify(arns);
    const group = groups.get(key) ?? { resources: arns, actions: [] };
    group.actions.push(action);
    groups.set(key, group);
  }
  let grant: Grant | undefined;
  for (const group of groups.values()) {
    grant = Grant.addToPrincipal({ scope: channel, grantee, actions: group.actions, resourceArns: group.resources });
  }
  return grant!;
}

function resourceArn(address: ChannelAddress, resource: ActionResource): string {
  switch (resource) {
    case ActionResource.COLLECTION: return Identifiers.ramCollectionArn(address);
    case ActionResource.MESSAGES: return Identifiers.ramMessagesArn(address);
    case ActionResource.SUBSCRIPTIONS: return Identifiers.ramSubscriptionsArn(address, true);
    case ActionResource.SUBSCRIPTION_LIST: return Identifiers.ramSubscriptionsArn(address, false);
    default: return Identifiers.ramArn(address);
  }
}

/** A channel name and location read from an ARN. */
export interface ImportedChannelArn {
  /** The queue or topic name. */
  readonly name: string;
  /** Its region and account. */
  readonly location: ChannelImportOptions;
}

/**
 * Reads name, region and account from a queue or topic ARN for `fromQueueArn` / `fromTopicArn`. A literal ARN must
 * parse (the error names the path the import would have); a token ARN is taken apart with `Fn::Split` at deploy time.
 */
export function readChannelArn(scope: ros.IConstruct, id: string, kind: ChannelKind, arn: string): ImportedChannelArn {
  const plural = Identifiers.plural(kind);
  if (isUnresolved(arn)) {
    const parts = ros.Fn.split(':', arn);
    return {
      name: ros.Token.asString(ros.Fn.select(1, ros.Fn.split(`${plural}/`, arn))),
      // acs(0) : mns(1) : region(2) : account(3) : [/]queues/name(4)
      location: { region: ros.Token.asString(ros.Fn.select(2, parts)), account: ros.Token.asString(ros.Fn.select(3, parts)) },
    };
  }
  const parsed = Identifiers.parseChannelArn(kind, arn);
  if (parsed === undefined) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    const shape = `"acs:mns:{region}:{account}:/${plural}/{name}" with a region ID, an account ID (digits) and a valid ${kind} name`;
    throw new ValidationError(path, `${kind}Arn`, arn, `must look like ${shape}`);
  }
  return { name: parsed.name, location: { region: parsed.region, account: parsed.account } };
}

/** True when two queue or topic names name the same channel (see `identityOf`). */
export function sameChannelName(scope: ros.IConstruct, a: string, b: string): boolean {
  return identityOf(scope, a) === identityOf(scope, b);
}

/**
 * Throws unless `value` is a channel of `kind` (a construct with a `channelAddress`): a topic where a queue belongs, a
 * plain object or nothing at all gets a clear error instead of a crash further on.
 */
export function requireChannel(scope: ros.IConstruct, prop: string, value: unknown, kind: ChannelKind): void {
  const candidate = value as { node?: { path?: unknown }; channelAddress?: { kind?: unknown } } | null | undefined;
  const path = candidate?.node?.path;
  if (typeof path !== 'string' || candidate?.channelAddress?.kind !== kind) {
    const what = kind === ChannelKind.QUEUE ? 'Queue' : 'Topic';
    const other = candidate?.channelAddress?.kind;
    throw invalid(scope, prop, typeof path === 'string' ? path : value,
      `must be a ${kind}${typeof other === 'string' ? `, not a ${other}` : ''} (smq.${what}, or one imported with ${what}.from${what}Name or from${what}Arn)`);
  }
}

/** Throws unless `value` is a queue or a topic (a construct with a `channelAddress`). */
export function requireChannelOfAnyKind(scope: ros.IConstruct, prop: string, value: unknown): void {
  const candidate = value as { node?: { path?: unknown }; channelAddress?: { kind?: unknown } } | null | undefined;
  const path = candidate?.node?.path;
  const kind = candidate?.channelAddress?.kind;
  if (typeof path !== 'string' || (kind !== ChannelKind.QUEUE && kind !== ChannelKind.TOPIC)) {
    throw invalid(scope, prop, typeof path === 'string' ? path : value, 'must be a queue or a topic (smq.Queue, smq.Topic, or one imported with fromQueueName, fromTopicArn, ...)');
  }
}
