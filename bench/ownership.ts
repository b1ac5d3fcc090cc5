/**
 * Who owns each resource of a channel: the one place that decides what the bare side builds as bare L1s.
 *
 * - **The user's own constructs** ({@link USER_CONSTRUCTS}): what an app builds itself with upstream classes
 *   (`ram.Role`, ...) and hands to ros-cdk-smq. Both sides build them with the same code, from this module, so their
 *   cost (ros-cdk-ram's included) is on both sides and not counted as ours.
 * - **What ros-cdk-smq emits** ({@link LIBRARY_TYPES}): queues, topics, subscriptions, and the managed policies its
 *   grants make. Ours builds them with the library; the bare side writes each as one `new ros.RosResource`, with the
 *   properties read from ours' template.
 *
 * Any other resource in ours' templates is an error ({@link classify} throws): a new wiring that brings a resource
 * of its own must say here whose it is.
 *
 * This module loads ros-cdk-core and ros-cdk-ram only, never this library: the bare child loads it.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';

/** A construct the user builds with its upstream class, one per channel, emitting one resource. */
export interface UserConstruct<T extends ros.IConstruct = ros.IConstruct> {
  /** Its class, for messages. */
  readonly name: string;
  /** The ROS type of the one resource it emits. */
  readonly type: string;
  /** Its construct id in channel `index`, which is also its resource's logical id. */
  readonly logicalId: (index: number) => string;
  /** The channel whose construct has this logical id, or `undefined` when no channel's has. */
  readonly channelOf: (logicalId: string) => number | undefined;
  /** Builds it for channel `index` in `stack`, with its upstream class: the same call on both sides. */
  readonly create: (stack: ros.Stack, index: number) => T;
}

/** The RAM role of an ECS application that uses channel `i`: `R{i}`, a `ram.Role` named `bench-r{i}`. */
export const ROLE: UserConstruct<ram.Role> = {
  name: 'ram.Role',
  type: 'ALIYUN::RAM::Role',
  logicalId: (index) => `R${index}`,
  channelOf: (logicalId) => {
    const m = /^R(0|[1-9]\d*)$/.exec(logicalId);
    return m ? Number(m[1]) : undefined;
  },
  create: (stack, index) => new ram.Role(stack, ROLE.logicalId(index), {
    roleName: `bench-r${index}`,
    assumeRolePolicyDocument: {
      version: '1',
      statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['ecs.aliyuncs.com'] } }],
    },
  }),
};

/** The user's own constructs a channel may contain. Built with their upstream classes on both sides. */
export const USER_CONSTRUCTS: readonly UserConstruct[] = [ROLE];

/**
 * The ROS types ros-cdk-smq emits in a channel (`ALIYUN::RAM::ManagedPolicy`: the policies its grants make). The bare
 * side writes these, and only these, as bare `ros.RosResource` L1s.
 */
export const LIBRARY_TYPES: readonly string[] = ['ALIYUN::MNS::Queue', 'ALIYUN::MNS::Topic', 'ALIYUN::MNS::Subscription', 'ALIYUN::RAM::ManagedPolicy'];

/** Whose a resource of ours' templates is. */
export type Owner =
  | { readonly owner: 'user'; readonly construct: UserConstruct; readonly channel: number }
  | { readonly owner: 'library' };

/**
 * Whose the resource `logicalId` of type `type` is: a user's own construct (matched by type and logical id) or
 * ros-cdk-smq's (by type). Throws for anything else.
 */
export function classify(logicalId: string, type: string): Owner {
  for (const construct of USER_CONSTRUCTS) {
    const channel = construct.type === type ? construct.channelOf(logicalId) : undefined;
    if (channel !== undefined) {
      return { owner: 'user', construct, channel };
    }
  }
  if (LIBRARY_TYPES.includes(type)) {
    return { owner: 'library' };
  }
  throw new Error(`bench: resource ${logicalId} (${type}) is neither one of the user's own constructs `
    + `(${USER_CONSTRUCTS.map((c) => `${c.name} ${c.type}`).join(', ')}) nor of a type ros-cdk-smq emits (${LIBRARY_TYPES.join(', ')}); `
    + 'say whose it is in bench/ownership.ts');
}
