import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Grant } from '../core/grants';
import { ValidationError } from '../core/validation';
import { alphanumeric, shortHash } from '../core/names';
import { actionScope, ActionScope } from './actions';
import { stackAccount, stackRegion } from '../core/environment';
import { ChannelAddress, ChannelKind, parseChannelArn, ramArn, ramMessagesArn } from './formats';
import { isUnresolved } from '../core/validation';

/** Where an imported queue or topic lives, when not in the importing stack's region and account. */
export interface ChannelImportOptions {
  /** The region of the queue or topic. @default - the stack's region */
  readonly region?: string;
  /** The account that owns the queue or topic. @default - the stack's account (`ALIYUN::TenantId`) */
  readonly account?: string;
}

/** A queue or topic, owned or imported: the one thing every wiring needs from a channel. */
export interface IChannel extends ros.IResource {
  /** The name, region, account and kind every identifier format is built from. */
  readonly channelAddress: ChannelAddress;
}

/** Resolves region and account for a channel created or imported in `scope`. */
export function channelEnvironment(scope: ros.IConstruct, options: ChannelImportOptions = {}): { region: string; account: string } {
  return {
    region: options.region ?? stackRegion(scope),
    account: options.account ?? stackAccount(scope),
  };
}

/**
 * Grants `actions` on a channel, each on the resource RAM authorizes it on, all scoped to this one channel:
 * message actions on `.../{name}/messages`, subscription actions (mns:Subscribe, ...) on
 * `.../topics/{name}/subscriptions/*`, the others on `.../{name}`. An action with a wildcard (`mns:*`) gets the channel
 * and everything below it.
 */
export function grantOnChannel(channel: IChannel, principal: ram.IPrincipal, actions: string[]): Grant {
  if (actions.length === 0) {
    throw new ValidationError(channel, 'actions', actions, 'must name at least one action to grant');
  }
  const address = channel.channelAddress;
  const groups = new Map<ActionScope, string[]>();
  for (const action of actions) {
    const scope = actionScope(action);
    groups.set(scope, [...(groups.get(scope) ?? []), action]);
  }
  let grant: Grant | undefined;
  for (const [scope, scoped] of groups) {
    const resourceArns = scope === ActionScope.MESSAGES ? [ramMessagesArn(address)]
      : scope === ActionScope.SUBSCRIPTIONS ? [`${ramArn(address)}/subscriptions/*`]
        : scope === ActionScope.ALL ? [ramArn(address), `${ramArn(address)}/*`]
          : [ramArn(address)];
    grant = Grant.addToPrincipal({ scope: channel, grantee: principal, actions: scoped, resourceArns });
  }
  return grant!;
}

/**
 * Two channels can talk directly only within one region and account (a queue DLQ, a topic-to-queue subscription).
 * Throws when both sides are literals and differ; tokens pass.
 *
 * @param scope the construct that wires the two together (named in the error)
 * @param prop the prop that holds `other`
 * @param here where the wiring's own channel lives
 * @param other the channel that must live in the same place
 * @param what what `here` is, for the message ("the topic")
 */
export function checkSameLocation(scope: ros.IConstruct, prop: string, here: ChannelAddress, other: IChannel, what: string): void {
  for (const key of ['region', 'account'] as const) {
    const x = here[key];
    const y = other.channelAddress[key];
    if (!ros.Token.isUnresolved(x) && !ros.Token.isUnresolved(y) && x !== y) {
      throw new ValidationError(scope, prop, `${other.node.path} in ${key} ${y}`, `must be in the same ${key} as ${what} (${x})`);
    }
  }
}

/**
 * Letters and digits that name a channel within its stack, for the ids of resources a wiring derives from it:
 * an owned channel's construct id (already unique in the stack, since it is its resource's logical id), or for an
 * imported one its id plus a hash of its path (imports emit nothing, so their ids are not unique in the stack).
 */
export function channelIdPart(channel: IChannel): string {
  const owned = channel instanceof ros.Resource && channel.resource !== undefined;
  return owned ? alphanumeric(channel.node.id) : `${alphanumeric(channel.node.id)}${shortHash(channel.node.path, 6)}`;
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
  const plural = kind === ChannelKind.QUEUE ? 'queues' : 'topics';
  if (isUnresolved(arn)) {
    const parts = ros.Fn.split(':', arn);
    return {
      name: ros.Token.asString(ros.Fn.select(1, ros.Fn.split(`${plural}/`, arn))),
      // acs(0) : mns(1) : region(2) : account(3) : [/]queues/name(4)
      location: { region: ros.Token.asString(ros.Fn.select(2, parts)), account: ros.Token.asString(ros.Fn.select(3, parts)) },
    };
  }
  const parsed = parseChannelArn(kind, arn);
  if (parsed === undefined) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    throw new Error(`${path}: ${kind}Arn must look like "acs:mns:{region}:{account}:/${plural}/{name}", got ${JSON.stringify(arn)}`);
  }
  return { name: parsed.name, location: { region: parsed.region, account: parsed.account } };
}
