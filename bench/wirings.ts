/**
 * What one benchmark "channel" is made of.
 *
 * A channel is a realistic bundle of wirings around one queue. Each wiring is one entry in {@link WIRINGS}: a name and
 * a function that adds it to a {@link Bundle}. The bundle creates the shared pieces (queue, topic, role, ...) the first
 * time a wiring asks for them, so a wiring only says what it connects. To benchmark a new integration (OSS
 * notification, FC 3.0 topic trigger, CloudMonitor alarm target, Auto Scaling lifecycle hook, ...), append one entry
 * here; the runner prints the list it used and splits the channels over stacks from the measured size of one bundle.
 *
 * The user's own constructs a bundle uses (its RAM role, its OSS bucket, its FC 3.0 function, its scaling group) are
 * made by bench/ownership.ts, which the bare side calls too: a wiring that brings a new one adds it there, and a new
 * resource type the library emits is added there too, with how the bare side writes it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ros from '@alicloud/ros-cdk-core';
import type * as fc3 from '@alicloud/ros-cdk-fc3';
import type * as oss from '@alicloud/ros-cdk-oss';
import type * as ram from '@alicloud/ros-cdk-ram';
import { consumers, Duration, ess, smq, sources } from '../lib';
import { BUCKET, FUNCTION, GROUP, ROLE } from './ownership';

export { BUCKET, classify, FUNCTION, GROUP, GROUP_VSWITCH_ID, LIBRARY, LIBRARY_TYPES, ROLE, USER_CONSTRUCTS } from './ownership';
export type { LibraryType, Owner, UserConstruct } from './ownership';

/** The most resources ROS accepts in one stack (core throws at synth above it). */
export const MAX_RESOURCES_PER_STACK = 300;

/**
 * How many channels of the app get their OSS notification through SMQ's own event notification rule (the default
 * path, `ALIYUN::MNS::EventNotification`): channels 0 to 9. Every later channel's goes through an EventBridge rule
 * (`via: OssNotificationPath.EVENTBRIDGE`, which delivers to queues, and the channel's destination is its queue).
 *
 * SMQ takes at most 10 event notification rules per region. The library checks that per stack, but the benchmark's
 * stacks name no region, so they all deploy into one: 10 per stack would synthesize and then fail at deployment from
 * the second stack on. So the app as a whole keeps to 10, which also keeps every stack within the library's check
 * (channels 0 to 9 are all in the first stack).
 */
export const SMQ_PATH_CHANNELS = 10;

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
  private bk?: oss.Bucket;
  private f?: fc3.Function;
  private g?: ess.RosScalingGroup;

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

  /**
   * The OSS bucket whose uploads the channel carries: `B{i}`. The user's own construct, made by {@link BUCKET}
   * (bench/ownership.ts) as the bare side makes it.
   */
  public get bucket(): oss.Bucket {
    this.bk ??= BUCKET.create(this.stack, this.index);
    return this.bk;
  }

  /**
   * The FC 3.0 function the channel's topic invokes: `F{i}`. The user's own construct, made by {@link FUNCTION}
   * (bench/ownership.ts) as the bare side makes it.
   */
  public get fn(): fc3.Function {
    this.f ??= FUNCTION.create(this.stack, this.index);
    return this.f;
  }

  /**
   * The Auto Scaling group whose scale-ins the channel's queue hears of: `G{i}`. The user's own construct (an
   * `ess.RosScalingGroup`), made by {@link GROUP} (bench/ownership.ts) as the bare side makes it.
   */
  public get group(): ess.RosScalingGroup {
    this.g ??= GROUP.create(this.stack, this.index);
    return this.g;
  }
}

/**
 * The wirings of one channel, in the order they are added. Today: 15 resources (queue, DLQ, topic, subscription, role,
 * managed policy, bucket, OSS notification rule, CloudMonitor metric rule, its target, FC 3.0 function, its topic
 * trigger, the trigger's invocation role, scaling group and its lifecycle hook); the role, the bucket, the function and
 * the scaling group are the user's own, the other 11 are what ros-cdk-smq emits.
 *
 * - The OSS notification: uploads under `uploads/` of the channel's own bucket (an `oss.Bucket` the app makes, not a
 *   `bucketName`: an app that builds a channel per workload builds its bucket too) go to the channel's queue. The
 *   first {@link SMQ_PATH_CHANNELS} channels of the app go through SMQ's event notification rule
 *   (`ALIYUN::MNS::EventNotification` `O{i}`), all later ones through an EventBridge rule (`ALIYUN::EventBridge::Rule`
 *   `O{i}Rule`): one resource either way.
 * - The alarm target: a CloudMonitor alarm on the queue's backlog (`sources.MetricAlarm` `A{i}`,
 *   `ALIYUN::CMS::ResourceMetricRule`) whose alerts `notify()` writes to the channel's topic
 *   (`sources.AlarmNotification`, `ALIYUN::CMS::MetricRuleTargets`): one target per rule, of the 5 CloudMonitor takes.
 * - The FC 3.0 topic trigger: every message published to the channel's topic invokes the channel's own function (an
 *   `fc3.Function` the app makes, `F{i}`) through a `consumers.TopicTrigger` `F{i}Trigger` with the defaults: the
 *   `ALIYUN::FC3::Trigger` `F{i}Trigger` and the `ALIYUN::RAM::Role` `F{i}TriggerRole` it makes for SMQ to assume,
 *   with an inline policy that allows `fc:InvokeFunction` on this function only.
 * - The Auto Scaling lifecycle hook: every scale-in of the channel's own scaling group (an `ess.RosScalingGroup` the app
 *   makes, `G{i}`, 0 to 1 instances) waits while a consumer of the channel's queue drains the instances: a
 *   `sources.LifecycleHook` `H{i}` with `LifecycleTransition.SCALE_IN` and the defaults (`ALIYUN::ESS::LifecycleHook`
 *   `H{i}`, the queue as `acs:ess:{region}:{account}:queue/{name}`). The group gets no scaling notifications
 *   (`sources.ScalingNotifications`): the bundle has the hook only.
 */
export const WIRINGS: readonly Wiring[] = [
  { name: 'queue+dlq', add: (b) => void b.queue },
  { name: 'topic->queue subscription', add: (b) => void b.topic.addSubscription(new consumers.QueueSubscription(b.queue)) },
  { name: 'ram role grantSendMessages', add: (b) => void b.queue.grantSendMessages(b.role) },
  {
    name: `oss bucket->queue notification (smq path for the app's first ${SMQ_PATH_CHANNELS} channels, eventbridge after)`,
    add: (b) => void new sources.OssEventNotification(b.stack, `O${b.index}`, {
      bucket: b.bucket,
      events: [sources.OssEvent.OBJECT_CREATED],
      filters: [{ prefix: 'uploads/' }],
      destination: b.queue,
      via: b.index < SMQ_PATH_CHANNELS ? sources.OssNotificationPath.SMQ : sources.OssNotificationPath.EVENTBRIDGE,
    }),
  },
  {
    name: 'cms queue backlog alarm->topic target',
    add: (b) => void new sources.MetricAlarm(b.stack, `A${b.index}`, {
      metric: b.queue.metricNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1000,
      contactGroups: ['bench-ops'],
    }).notify(b.topic),
  },
  {
    name: 'topic->fc3 function trigger',
    add: (b) => void new consumers.TopicTrigger(b.stack, `F${b.index}Trigger`, { topic: b.topic, fn: consumers.TriggerFunction.fc3(b.fn) }),
  },
  {
    name: 'ess scale-in lifecycle hook->queue',
    add: (b) => void new sources.LifecycleHook(b.stack, `H${b.index}`, {
      group: b.group,
      transition: sources.LifecycleTransition.SCALE_IN,
      destination: b.queue,
    }),
  },
];

/** How channels are split over stacks. */
export interface Layout {
  /** ROS resources one channel makes (measured by building one). */
  readonly resourcesPerChannel: number;
  /** Channels per stack: as many as fit in {@link MAX_RESOURCES_PER_STACK}. */
  readonly channelsPerStack: number;
}

/**
 * Builds channels 0 to {@link SMQ_PATH_CHANNELS}, one to a stack, in a throwaway app, and counts each one's ROS
 * resources: so both OSS notification paths are measured, and they must make as many resources (the runner checks the
 * total at every N against this count).
 */
export function measureLayout(wirings: readonly Wiring[] = WIRINGS): Layout {
  // an App without outdir makes a cdk.outXXXXXX directory in the temp dir at once: give it one and remove it
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ros-cdk-smq-bench-probe-'));
  let counts: number[];
  try {
    const app = new ros.App({ outdir, treeMetadata: false });
    buildChannels(app, SMQ_PATH_CHANNELS + 1, { channelsPerStack: 1 }, wirings);
    counts = app.node.children.filter((c): c is ros.Stack => c instanceof ros.Stack)
      .map((stack) => stack.node.findAll().filter((c) => ros.RosResource.isRosResource(c)).length);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  const resourcesPerChannel = counts[0];
  if (counts.some((c) => c !== resourcesPerChannel)) {
    throw new Error(`channels 0 to ${counts.length - 1} make ${counts.join(', ')} resources; every channel must make as many`);
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
