/**
 * What one benchmark "channel" is made of.
 *
 * A channel is a realistic bundle of wirings around one queue. Each wiring is one entry in {@link WIRINGS}: a name and
 * a function that adds it to a {@link Bundle}. The bundle creates the shared pieces (queue, topic, role) the first time
 * a wiring asks for them, so a wiring only says what it connects. To benchmark a new integration (OSS notification,
 * FC 3.0 topic trigger, CloudMonitor alarm target, ...), append one entry here; the runner prints the list it used and
 * splits the channels over stacks from the measured size of one bundle.
 *
 * The user's own constructs a bundle uses (its RAM role) are made by bench/ownership.ts, which the bare side calls too:
 * a wiring that brings a new one adds it there.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { consumers, smq } from '../lib';
import { ROLE } from './ownership';

export { classify, LIBRARY_TYPES, ROLE, USER_CONSTRUCTS } from './ownership';
export type { Owner, UserConstruct } from './ownership';

/** The most resources ROS accepts in one stack (core throws at synth above it). */
export const MAX_RESOURCES_PER_STACK = 300;

/** One wiring of a channel bundle. */
export interface Wiring {
  /** Short name, printed by the runner and written to RESULTS.md. */
  readonly name: string;
  /** Adds the wiring to the bundle. */
  readonly add: (bundle: Bundle) => void;
}

/** The pieces of one channel, created on first use, in the stack that holds the channel. */
export class Bundle {
  private q?: smq.Queue;
  private t?: smq.Topic;
  private r?: ram.Role;

  /**
   * @param stack the stack the channel lives in
   * @param index the channel number, unique in the app (so logical ids are unique per stack and RAM names per app)
   */
  constructor(public readonly stack: ros.Stack, public readonly index: number) {}

  /** The channel's queue, with a dead-letter queue made for it: `Q{i}` and `Q{i}Dlq`. */
  public get queue(): smq.Queue {
    this.q ??= new smq.Queue(this.stack, `Q${this.index}`, { deadLetterQueue: { maxReceiveCount: 5 } });
    return this.q;
  }

  /** The channel's topic: `T{i}`. */
  public get topic(): smq.Topic {
    this.t ??= new smq.Topic(this.stack, `T${this.index}`);
    return this.t;
  }

  /**
   * A RAM role for an ECS application that uses the channel: `R{i}`. The user's own construct, made by
   * {@link ROLE} (bench/ownership.ts) as the bare side makes it.
   */
  public get role(): ram.Role {
    this.r ??= ROLE.create(this.stack, this.index);
    return this.r;
  }
}

/**
 * The wirings of one channel, in the order they are added. Today: 6 resources (queue, DLQ, topic, subscription, role,
 * managed policy); the role is the user's own, the other 5 are what ros-cdk-smq emits.
 */
export const WIRINGS: readonly Wiring[] = [
  { name: 'queue+dlq', add: (b) => void b.queue },
  { name: 'topic->queue subscription', add: (b) => void b.topic.addSubscription(new consumers.QueueSubscription(b.queue)) },
  { name: 'ram role grantSendMessages', add: (b) => void b.queue.grantSendMessages(b.role) },
];

/** How channels are split over stacks. */
export interface Layout {
  /** ROS resources one channel makes (measured by building one). */
  readonly resourcesPerChannel: number;
  /** Channels per stack: as many as fit in {@link MAX_RESOURCES_PER_STACK}. */
  readonly channelsPerStack: number;
}

/** Builds one channel in a throwaway app and counts its ROS resources. */
export function measureLayout(wirings: readonly Wiring[] = WIRINGS): Layout {
  // an App without outdir makes a cdk.outXXXXXX directory in the temp dir at once: give it one and remove it
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ros-cdk-smq-bench-probe-'));
  let resourcesPerChannel: number;
  try {
    const app = new ros.App({ outdir, treeMetadata: false });
    buildChannels(app, 1, { channelsPerStack: 1 }, wirings);
    resourcesPerChannel = app.node.findAll().filter((c) => ros.RosResource.isRosResource(c)).length;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  if (resourcesPerChannel < 1 || resourcesPerChannel > MAX_RESOURCES_PER_STACK) {
    throw new Error(`one channel makes ${resourcesPerChannel} resources; it must make 1 to ${MAX_RESOURCES_PER_STACK}`);
  }
  return { resourcesPerChannel, channelsPerStack: Math.floor(MAX_RESOURCES_PER_STACK / resourcesPerChannel) };
}

/** The stack id of stack number `s`: zero-padded, so sorting the template files by name gives creation order. */
export function stackName(s: number): string {
  return `Bench${String(s).padStart(4, '0')}`;
}

/**
 * Builds `channels` channels into `app`, `layout.channelsPerStack` to a stack. Holds no reference to what it built.
 * Calls the wirings directly (no helper in between) so the creation stack traces core records stay as shallow as the
 * bare side's.
 */
export function buildChannels(app: ros.App, channels: number, layout: Pick<Layout, 'channelsPerStack'>, wirings: readonly Wiring[] = WIRINGS): void {
  let stack: ros.Stack | undefined;
  for (let i = 0; i < channels; i++) {
    if (i % layout.channelsPerStack === 0) {
      stack = new ros.Stack(app, stackName(i / layout.channelsPerStack));
    }
    const bundle = new Bundle(stack!, i);
    for (const wiring of wirings) {
      wiring.add(bundle);
    }
  }
}
