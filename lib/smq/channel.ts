import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Grant } from '../core/grants';
import { ValidationError } from '../core/validation';
import { isMessageAction } from './actions';
import { ChannelAddress, ChannelKind, parseChannelArn, ramArn, ramMessagesArn, stackAccount, stackRegion } from './formats';
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
 * Grants `actions` on a channel: message actions on `.../{name}/messages`, the others on `.../{name}`; both ARNs
 * are scoped to this one channel.
 */
export function grantOnChannel(channel: IChannel, principal: ram.IPrincipal, actions: string[]): Grant {
  if (actions.length === 0) {
    throw new ValidationError(channel, 'actions', actions, 'must name at least one action to grant');
  }
  let grant: Grant | undefined;
  const messageActions = actions.filter(isMessageAction);
  const channelActions = actions.filter((a) => !isMessageAction(a));
  if (messageActions.length > 0) {
    grant = Grant.addToPrincipal({ scope: channel, principal, actions: messageActions, resources: [ramMessagesArn(channel.channelAddress)] });
  }
  if (channelActions.length > 0) {
    grant = Grant.addToPrincipal({ scope: channel, principal, actions: channelActions, resources: [ramArn(channel.channelAddress)] });
  }
  return grant!;
}

/**
 * Two channels can talk directly only within one region and account (a queue DLQ, a topic-to-queue subscription).
 * Throws when both sides are literals and differ; tokens pass.
 */
export function checkSameLocation(scope: ros.IConstruct, prop: string, a: ChannelAddress, b: ChannelAddress, what: string): void {
  for (const key of ['region', 'account'] as const) {
    const x = a[key];
    const y = b[key];
    if (!ros.Token.isUnresolved(x) && !ros.Token.isUnresolved(y) && x !== y) {
      throw new ValidationError(scope, prop, `${b.name} in ${key} ${y}`, `must be in the same ${key} as ${what} (${x})`);
    }
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
  const plural = kind === ChannelKind.QUEUE ? 'queues' : 'topics';
  if (isUnresolved(arn)) {
    const parts = ros.Fn.split(':', arn);
    return {
      name: ros.Token.asString(ros.Fn.select(1, ros.Fn.split(`${plural}/`, arn))),
      location: { region: ros.Token.asString(ros.Fn.select(3, parts)), account: ros.Token.asString(ros.Fn.select(4, parts)) },
    };
  }
  const parsed = parseChannelArn(kind, arn);
  if (parsed === undefined) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    throw new Error(`${path}: ${kind}Arn must look like "acs:mns:{region}:{account}:/${plural}/{name}", got ${JSON.stringify(arn)}`);
  }
  return { name: parsed.name, location: { region: parsed.region, account: parsed.account } };
}
