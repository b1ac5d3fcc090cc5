import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { Duration, ess, smq, sources, ValidationError } from '../../lib';
import { expectInvalid, getAtt, infos, newStack, warnings } from '../util';

const ENV = { region: 'cn-hangzhou', account: '123456789012' };
const { LifecycleDefaultResult, LifecycleHook, LifecycleTransition, ScalingEvent, ScalingNotifications } = sources;

/** `acs:ess:{region}:{account}:{kind}/{name}` as a stack without env renders it. */
function essJoin(kind: 'queue' | 'topic', name: unknown): { [key: string]: unknown } {
  const parts: unknown[] = ['acs:ess:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, `:${kind}/`];
  // core merges adjacent literal strings in a join
  if (typeof name === 'string') {
    parts[parts.length - 1] += name;
  } else {
    parts.push(name);
  }
  return { 'Fn::Join': ['', parts] };
}

function shop(env?: ros.Environment, name = 'Shop'): { app: ros.App; stack: ros.Stack; group: ess.RosScalingGroup; jobs: smq.Queue; alerts: smq.Topic } {
  const { app, stack } = newStack(name, env ? { env } : {});
  const group = new ess.RosScalingGroup(stack, 'Web', { minSize: 0, maxSize: 4, vSwitchIds: ['vsw-1'] }, true);
  return { app, stack, group, jobs: new smq.Queue(stack, 'Jobs'), alerts: new smq.Topic(stack, 'Alerts') };
}

/** The rendered NotificationConfigurations of the group `id`. */
function configurations(stack: ros.Stack, id = 'Web'): any[] {
  return Template.fromStack(stack).toJSON().Resources[id].Properties.NotificationConfigurations;
}

const ROLE_INFO = /AliyunServiceRoleForAutoScaling/;

/** The stacks a stack depends on in the cloud assembly's manifest (its own asset manifest left out). */
function stackDependencies(assembly: { getStackByName(name: string): { manifest: { dependencies?: string[] } } }, name: string): string[] {
  return (assembly.getStackByName(name).manifest.dependencies ?? []).filter((d) => d !== `${name}.assets`);
}

describe('ScalingEvent', () => {
  test('the constants are the AUTOSCALING: types of the references; the presets group them', () => {
    expect(ScalingEvent.ALL.map((e) => e.value)).toEqual([
      'AUTOSCALING:SCALE_OUT_SUCCESS', 'AUTOSCALING:SCALE_IN_SUCCESS', 'AUTOSCALING:SCALE_OUT_ERROR', 'AUTOSCALING:SCALE_IN_ERROR',
      'AUTOSCALING:SCALE_REJECT', 'AUTOSCALING:SCALE_OUT_START', 'AUTOSCALING:SCALE_IN_START', 'AUTOSCALING:SCHEDULE_TASK_EXPIRING',
    ]);
    expect(ScalingEvent.ERRORS.map(String)).toEqual(['AUTOSCALING:SCALE_OUT_ERROR', 'AUTOSCALING:SCALE_IN_ERROR', 'AUTOSCALING:SCALE_REJECT']);
    expect(ScalingEvent.LAUNCH_EVENTS.map(String)).toEqual(['AUTOSCALING:SCALE_OUT_START', 'AUTOSCALING:SCALE_OUT_SUCCESS', 'AUTOSCALING:SCALE_OUT_ERROR']);
    expect(ScalingEvent.TERMINATION_EVENTS.map(String)).toEqual(['AUTOSCALING:SCALE_IN_START', 'AUTOSCALING:SCALE_IN_SUCCESS', 'AUTOSCALING:SCALE_IN_ERROR']);
    expect(ScalingEvent.SCALE_OUT_WARN.value).toBe('AUTOSCALING:SCALE_OUT_WARN');
    expect(ScalingEvent.SCALE_IN_WARN.value).toBe('AUTOSCALING:SCALE_IN_WARN');
    expect(ScalingEvent.SCALING_GROUP_DIAGNOSE.value).toBe('SCALING_GROUP_DIAGNOSE');
  });

  test('the presets cannot be changed by a caller', () => {
    expect(() => (ScalingEvent.ERRORS as sources.ScalingEvent[]).push(ScalingEvent.SCALE_OUT_SUCCESS)).toThrow(TypeError);
    expect(ScalingEvent.ERRORS).toHaveLength(3);
  });

  const EVENT_TYPE = 'must be a notification type of at most 128 characters: "AUTOSCALING:" and upper-case words joined by underscores, '
    + 'such as "AUTOSCALING:SCALE_OUT_ERROR" (or the words alone, as in "SCALING_GROUP_DIAGNOSE")';

  test('of() returns the constant for a known type, a new event for another, and refuses what is no type', () => {
    expect(ScalingEvent.of('AUTOSCALING:SCALE_REJECT')).toBe(ScalingEvent.SCALE_REJECT);
    expect(ScalingEvent.of('SCALING_GROUP_DIAGNOSE')).toBe(ScalingEvent.SCALING_GROUP_DIAGNOSE);
    expect(ScalingEvent.of('AUTOSCALING:SCALE_OUT_PARTIAL').value).toBe('AUTOSCALING:SCALE_OUT_PARTIAL');
    expect(ScalingEvent.of('SCALING_GROUP_CHECK2').value).toBe('SCALING_GROUP_CHECK2');
    expect(ScalingEvent.of(`AUTOSCALING:${'X'.repeat(116)}`).value).toHaveLength(128);
    expectInvalid(() => ScalingEvent.of('scale out'), `ScalingEvent.of(value) ${EVENT_TYPE}, got "scale out"`);
    expectInvalid(() => ScalingEvent.of(''), `ScalingEvent.of(value) ${EVENT_TYPE}, got ""`);
    expectInvalid(() => ScalingEvent.of(42 as any), `ScalingEvent.of(value) ${EVENT_TYPE}, got 42`);
    expectInvalid(() => ScalingEvent.of(undefined as any), `ScalingEvent.of(value) ${EVENT_TYPE}, got undefined`);
    const { stack } = newStack();
    const token = new ros.RosParameter(stack, 'Type', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(ScalingEvent.of(token).value).toBe(token);
    expect(ScalingEvent.of(`AUTOSCALING:${token}`).value).toBe(`AUTOSCALING:${token}`);
  });

  test.each([
    // the documented forms only: "AUTOSCALING:" and upper-case words joined by single underscores, or the words alone
    ':::', '_', 'AUTOSCALING:', 'AUTOSCALING:_SCALE', 'AUTOSCALING:SCALE_', 'AUTOSCALING:SCALE__OUT', 'autoscaling:scale_out_success',
    'AUTOSCALING:scale_out_success', 'AUTOSCALING:SCALE OUT', 'AUTOSCALING::SCALE_OUT', 'ESS:SCALE_OUT', '1_SCALE', `AUTOSCALING:${'X'.repeat(117)}`,
  ])('of(%j) is refused', (value) => {
    expectInvalid(() => ScalingEvent.of(value), `ScalingEvent.of(value) ${EVENT_TYPE}, got ${JSON.stringify(value)}`);
  });

  test('of() checks the literal pieces around a token', () => {
    const { stack } = newStack();
    const token = new ros.RosParameter(stack, 'Type', { type: ros.RosParameterType.STRING }).valueAsString;
    expectInvalid(() => ScalingEvent.of(`bad value ${token}`), `ScalingEvent.of(value) ${EVENT_TYPE}, got "bad value <token>"`);
    expectInvalid(() => ScalingEvent.of(`autoscaling:${token}`), `ScalingEvent.of(value) ${EVENT_TYPE}, got "autoscaling:<token>"`);
  });

  test('add() checks an event that is not made by of() the same way', () => {
    const { group, jobs } = shop();
    expectInvalid(() => ScalingNotifications.of(group).add(jobs, { events: [{ value: 'autoscaling:scale_out_success' } as any] }),
      `Shop/Web: ScalingNotifications.add(events)[0] ${EVENT_TYPE}, got "autoscaling:scale_out_success"`);
  });
});

describe('ScalingNotifications.of(group).add', () => {
  test('fills the group\'s NotificationConfigurations with a queue and a topic in Auto Scaling\'s acs:ess form, and says which role writes', () => {
    const { stack, group, jobs, alerts } = shop();
    ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
    ScalingNotifications.of(group).add(alerts, { events: [...ScalingEvent.LAUNCH_EVENTS, ScalingEvent.SCALE_REJECT] });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::ESS::ScalingGroup', 1);
    template.hasResource('ALIYUN::ESS::ScalingGroup', {
      Properties: Match.objectEquals({
        MinSize: 0,
        MaxSize: 4,
        VSwitchIds: ['vsw-1'],
        NotificationConfigurations: [
          {
            NotificationArn: essJoin('queue', getAtt('Jobs', 'QueueName')),
            NotificationTypes: ['AUTOSCALING:SCALE_OUT_ERROR', 'AUTOSCALING:SCALE_IN_ERROR', 'AUTOSCALING:SCALE_REJECT'],
          },
          {
            NotificationArn: essJoin('topic', getAtt('Alerts', 'TopicName')),
            NotificationTypes: ['AUTOSCALING:SCALE_OUT_START', 'AUTOSCALING:SCALE_OUT_SUCCESS', 'AUTOSCALING:SCALE_OUT_ERROR', 'AUTOSCALING:SCALE_REJECT'],
          },
        ],
      }),
    });
    expect(infos(stack)).toEqual([expect.stringMatching(/^Shop\/Web: Auto Scaling writes notifications and lifecycle hook messages to SMQ with the account's service-linked role AliyunServiceRoleForAutoScaling/)]);
    expect(warnings(stack)).toEqual([]);
  });

  test('a stack with a literal env writes the region and account out', () => {
    const { stack, group, jobs } = shop(ENV);
    ScalingNotifications.of(group).add(jobs, { events: [ScalingEvent.SCALE_IN_SUCCESS] });
    expect(configurations(stack)).toEqual([{
      NotificationArn: { 'Fn::Join': ['', ['acs:ess:cn-hangzhou:123456789012:queue/', getAtt('Jobs', 'QueueName')]] },
      NotificationTypes: ['AUTOSCALING:SCALE_IN_SUCCESS'],
    }]);
  });

  test('entries are filled at synth: those added after other constructs are in, after the group\'s own entries', () => {
    const { stack, jobs } = shop();
    const group = new ess.RosScalingGroup(stack, 'Batch', {
      minSize: 0, maxSize: 2,
      notificationConfigurations: [{ notificationArn: 'acs:ess:cn-hangzhou:123:cloudmonitor', notificationTypes: ['AUTOSCALING:SCALE_OUT_ERROR'] }],
    }, true);
    ScalingNotifications.of(group).add(jobs, { events: [ScalingEvent.SCALE_OUT_SUCCESS] });
    new LifecycleHook(stack, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs });
    const late = new smq.Queue(stack, 'Late');
    ScalingNotifications.of(group).add(late, { events: [ScalingEvent.SCHEDULE_TASK_EXPIRING] });
    expect(configurations(stack, 'Batch')).toEqual([
      { NotificationArn: 'acs:ess:cn-hangzhou:123:cloudmonitor', NotificationTypes: ['AUTOSCALING:SCALE_OUT_ERROR'] },
      { NotificationArn: essJoin('queue', getAtt('Jobs', 'QueueName')), NotificationTypes: ['AUTOSCALING:SCALE_OUT_SUCCESS'] },
      { NotificationArn: essJoin('queue', getAtt('Late', 'QueueName')), NotificationTypes: ['AUTOSCALING:SCHEDULE_TASK_EXPIRING'] },
    ]);
    // the group's property is a token now: the group's L1 does not hold a copy that could go stale
    expect(ros.Token.isUnresolved(group.notificationConfigurations)).toBe(true);
  });

  test('repeated events are sent once; a group without notifications renders none', () => {
    const { stack, group, jobs } = shop();
    new ess.RosScalingGroup(stack, 'Quiet', { minSize: 0, maxSize: 1 }, true);
    ScalingNotifications.of(group).add(jobs, { events: [...ScalingEvent.ERRORS, ...ScalingEvent.LAUNCH_EVENTS, ScalingEvent.SCALE_OUT_ERROR] });
    expect(configurations(stack)[0].NotificationTypes).toEqual([
      'AUTOSCALING:SCALE_OUT_ERROR', 'AUTOSCALING:SCALE_IN_ERROR', 'AUTOSCALING:SCALE_REJECT', 'AUTOSCALING:SCALE_OUT_START', 'AUTOSCALING:SCALE_OUT_SUCCESS',
    ]);
    expect(configurations(stack, 'Quiet')).toBeUndefined();
  });

  test('two groups may notify one queue; the role note is said once per stack', () => {
    const { stack, group, jobs } = shop();
    const other = new ess.RosScalingGroup(stack, 'Api', { minSize: 0, maxSize: 2 }, true);
    ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ALL });
    ScalingNotifications.of(other).add(jobs, { events: ScalingEvent.ALL });
    expect(configurations(stack)).toHaveLength(1);
    expect(configurations(stack, 'Api')).toEqual(configurations(stack));
    expect(configurations(stack)[0].NotificationTypes).toHaveLength(8);
    expect(infos(stack).filter((m) => ROLE_INFO.test(m))).toHaveLength(1);
  });

  test('the same ids in two stacks', () => {
    const a = shop(undefined, 'A');
    const b = newStack('B');
    const groupB = new ess.RosScalingGroup(b.stack, 'Web', { minSize: 0, maxSize: 4 }, true);
    const jobsB = new smq.Queue(b.stack, 'Jobs');
    ScalingNotifications.of(a.group).add(a.jobs, { events: ScalingEvent.ERRORS });
    ScalingNotifications.of(groupB).add(jobsB, { events: ScalingEvent.ERRORS });
    expect(configurations(a.stack)).toEqual(configurations(b.stack));
  });

  test('an imported queue or topic is named by its name', () => {
    const { stack, group } = shop();
    ScalingNotifications.of(group).add(smq.Queue.fromQueueName(stack, 'Legacy', 'legacy-jobs'), { events: ScalingEvent.ERRORS });
    ScalingNotifications.of(group).add(smq.Topic.fromTopicName(stack, 'Ops', '9-ops'), { events: ScalingEvent.LAUNCH_EVENTS });
    expect(configurations(stack).map((c) => c.NotificationArn)).toEqual([essJoin('queue', 'legacy-jobs'), essJoin('topic', '9-ops')]);
  });

  test('an import in the literal region and account of the stack is fine', () => {
    const { stack, group } = shop(ENV);
    const legacy = smq.Queue.fromQueueArn(stack, 'Legacy', 'acs:mns:cn-hangzhou:123456789012:/queues/legacy');
    ScalingNotifications.of(group).add(legacy, { events: ScalingEvent.ERRORS });
    expect(configurations(stack)[0].NotificationArn).toBe('acs:ess:cn-hangzhou:123456789012:queue/legacy');
  });

  test('a queue or topic in another region or account is an error; a token that hides it, a warning', () => {
    const { stack, group } = shop(ENV);
    const beijing = smq.Queue.fromQueueArn(stack, 'Beijing', 'acs:mns:cn-beijing:123456789012:/queues/legacy');
    expectInvalid(() => ScalingNotifications.of(group).add(beijing, { events: ScalingEvent.ERRORS }),
      'Shop/Web: ScalingNotifications.add(destination) must be in the same region as the scaling group (cn-hangzhou), got "queue \'Shop/Beijing\' in region cn-beijing"');
    const foreign = smq.Topic.fromTopicName(stack, 'Foreign', 'ops', { account: '999' });
    expectInvalid(() => ScalingNotifications.of(group).add(foreign, { events: ScalingEvent.ERRORS }),
      'Shop/Web: ScalingNotifications.add(destination) must be in the same account as the scaling group (123456789012), got "topic \'Shop/Foreign\' in account 999"');
    const other = shop();
    ScalingNotifications.of(other.group).add(smq.Queue.fromQueueName(other.stack, 'Far', 'far', { region: 'cn-beijing' }), { events: ScalingEvent.ERRORS });
    expect(warnings(other.stack)).toEqual([expect.stringMatching(/^Shop\/Web: ScalingNotifications\.add\(destination\): queue 'Shop\/Far' is in region cn-beijing.*Auto Scaling notifies queues and topics in the scaling group's region and account only/)]);
  });

  test('a queue of another stack is named by its literal name: no cross-stack reference', () => {
    const { app, stack: channels } = newStack('Channels', { env: ENV });
    const jobs = new smq.Queue(channels, 'Jobs');
    const compute = new ros.Stack(app, 'Compute', { env: ENV });
    const group = new ess.RosScalingGroup(compute, 'Web', { minSize: 0, maxSize: 2 }, true);
    ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
    expect(configurations(compute)[0].NotificationArn).toBe('acs:ess:cn-hangzhou:123456789012:queue/Channels-Jobs');
  });

  test('a queue of another stack: the group\'s stack depends on the queue\'s, in the cloud assembly too; an import needs nothing', () => {
    const { app, stack: channels } = newStack('Channels', { env: ENV });
    const compute = new ros.Stack(app, 'Compute', { env: ENV });
    const group = new ess.RosScalingGroup(compute, 'Web', { minSize: 0, maxSize: 2 }, true);
    ScalingNotifications.of(group).add(new smq.Queue(channels, 'Jobs'), { events: ScalingEvent.ERRORS });
    expect(compute.dependencies).toEqual([channels]);
    expect(channels.dependencies).toEqual([]);
    // a queue imported in a third stack exists outside the app: no dependency
    const imports = new ros.Stack(app, 'Imports', { env: ENV });
    ScalingNotifications.of(group).add(smq.Queue.fromQueueName(imports, 'Legacy', 'legacy'), { events: ScalingEvent.ERRORS });
    expect(compute.dependencies).toEqual([channels]);
    const assembly = app.synth();
    expect(stackDependencies(assembly, 'Compute')).toEqual(['Channels']);
    expect(stackDependencies(assembly, 'Channels')).toEqual([]);
  });

  test('a queue of a stack that depends on the group\'s stack is an error: the dependency would be a cycle', () => {
    const { app, stack: compute } = newStack('Compute', { env: ENV });
    const group = new ess.RosScalingGroup(compute, 'Web', { minSize: 0, maxSize: 2 }, true);
    const ops = new ros.Stack(app, 'Ops', { env: ENV });
    const jobs = new smq.Queue(ops, 'Jobs');
    ops.addDependency(compute);
    expectInvalid(() => ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS }),
      'Compute/Web: ScalingNotifications.add(destination) must be made in a stack that does not depend on stack \'Compute\', but \'Ops\' depends on '
      + '\'Compute\'; stack \'Compute\' must be deployed after the queue exists, so it must depend on \'Ops\', which would be a cycle: make the queue in '
      + 'the scaling group\'s stack, or in a stack it may depend on, got "Ops/Jobs"');
    expect(compute.dependencies).toEqual([]);
    expect(configurations(compute)).toBeUndefined();
  });

  describe('bad input', () => {
    test('the same queue twice on one group, also as an owned queue and an import of it by name', () => {
      const { stack, group, jobs } = shop();
      ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
      expectInvalid(() => ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.LAUNCH_EVENTS }),
        'Shop/Web: ScalingNotifications.add(destination) must be a queue or topic the scaling group does not notify yet, but '
        + 'add(queue \'Shop/Jobs\') already sends to it (Auto Scaling takes one notification rule per receiver in a group: give all its events in one add()), got "Shop/Jobs"');
      const same = smq.Queue.fromQueueName(stack, 'SameJobs', 'Shop-Jobs');
      expectInvalid(() => ScalingNotifications.of(group).add(same, { events: ScalingEvent.LAUNCH_EVENTS }),
        /Shop\/Web: ScalingNotifications\.add\(destination\) must be a queue or topic the scaling group does not notify yet, but add\(queue 'Shop\/Jobs'\) already sends to it/);
      // a queue and a topic of one name are two receivers
      expect(() => ScalingNotifications.of(group).add(smq.Topic.fromTopicName(stack, 'JobsTopic', 'Shop-Jobs'), { events: ScalingEvent.ERRORS })).not.toThrow();
    });

    test('a receiver the group\'s own entries name already', () => {
      const { stack, jobs } = shop(ENV);
      const legacy = smq.Queue.fromQueueName(stack, 'Legacy', 'legacy');
      const group = new ess.RosScalingGroup(stack, 'Batch', {
        minSize: 0, maxSize: 2,
        notificationConfigurations: [{ notificationArn: 'acs:ess:cn-hangzhou:123456789012:queue/legacy', notificationTypes: ['AUTOSCALING:SCALE_OUT_ERROR'] }],
      }, true);
      ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
      expectInvalid(() => ScalingNotifications.of(group).add(legacy, { events: ScalingEvent.ERRORS }),
        /Shop\/Batch: ScalingNotifications\.add\(destination\) must be a queue or topic the scaling group does not notify yet, but its notificationConfigurations\[0\] already sends to it/);
    });

    test('more than 6 notification rules on one group, its own entries counted', () => {
      const { stack, group } = shop();
      for (let i = 1; i <= 6; i++) {
        ScalingNotifications.of(group).add(new smq.Queue(stack, `Q${i}`), { events: ScalingEvent.ERRORS });
      }
      expectInvalid(() => ScalingNotifications.of(group).add(new smq.Queue(stack, 'Q7'), { events: ScalingEvent.ERRORS }),
        'Shop/Web: ScalingNotifications.add(destination) must not be notification rule number 7 of the scaling group: Auto Scaling takes at most 6 in a group, got "Shop/Q7"');
      const other = newStack('Other');
      const own = [1, 2, 3, 4, 5].map((i) => ({ notificationArn: `acs:ess:cn-hangzhou:1:topic/t${i}`, notificationTypes: ['AUTOSCALING:SCALE_REJECT'] }));
      const g = new ess.RosScalingGroup(other.stack, 'G', { minSize: 0, maxSize: 1, notificationConfigurations: own }, true);
      ScalingNotifications.of(g).add(new smq.Queue(other.stack, 'A'), { events: ScalingEvent.ERRORS });
      expectInvalid(() => ScalingNotifications.of(g).add(new smq.Queue(other.stack, 'B'), { events: ScalingEvent.ERRORS }), /must not be notification rule number 7/);
    });

    test.each([
      [undefined, 'Shop/Web: ScalingNotifications.add(events) must name at least one scaling event, such as ScalingEvent.ERRORS, got undefined'],
      [[], 'Shop/Web: ScalingNotifications.add(events) must name at least one scaling event, such as ScalingEvent.ERRORS, got []'],
      [ScalingEvent.ERRORS[0], 'Shop/Web: ScalingNotifications.add(events) must name at least one scaling event'],
      [['AUTOSCALING:SCALE_OUT_ERROR'], 'Shop/Web: ScalingNotifications.add(events)[0] must be a ScalingEvent, such as ScalingEvent.SCALE_OUT_ERROR or ScalingEvent.of("AUTOSCALING:SCALE_IN_ERROR"), got "AUTOSCALING:SCALE_OUT_ERROR"'],
      [[ScalingEvent.ERRORS[0], undefined], 'Shop/Web: ScalingNotifications.add(events)[1] must be a ScalingEvent'],
      [[...ScalingEvent.ALL, ScalingEvent.SCALE_OUT_WARN],
        'Shop/Web: ScalingNotifications.add(events) must name at most 8 event types (one notification rule takes at most 8; send the others to another queue or topic), got ['],
    ])('events %j', (events, message) => {
      const { group, jobs } = shop();
      expectInvalid(() => ScalingNotifications.of(group).add(jobs, { events: events as any }), message);
    });

    test('wrong kinds: a queue as the group, a group as the destination, no options', () => {
      const { stack, group, jobs } = shop();
      expectInvalid(() => ScalingNotifications.of(jobs as any),
        'Shop/Jobs: ScalingNotifications.of(group) must be an ALIYUN::ESS::ScalingGroup made with ess.RosScalingGroup');
      expectInvalid(() => ScalingNotifications.of(undefined as any), /^ScalingNotifications\.of\(group\) must be an ALIYUN::ESS::ScalingGroup/);
      const hook = new ess.RosLifecycleHook(stack, 'L1Hook', { scalingGroupId: 'asg-1', lifecycleTransition: 'SCALE_IN' }, true);
      expectInvalid(() => ScalingNotifications.of(hook as any), 'Shop/L1Hook: ScalingNotifications.of(group) must be an ALIYUN::ESS::ScalingGroup');
      // a plain RosResource of the type would take the property and render nothing of it
      const raw = new ros.RosResource(stack, 'Raw', { type: 'ALIYUN::ESS::ScalingGroup', properties: { MinSize: 0, MaxSize: 1 } });
      expectInvalid(() => ScalingNotifications.of(raw as any),
        'Shop/Raw: ScalingNotifications.of(group) must be an ALIYUN::ESS::ScalingGroup made with ess.RosScalingGroup (for a group declared another way, put '
        + 'ScalingNotifications.configuration(destination, events) or templateConfiguration(destination, events) into its NotificationConfigurations), got "Shop/Raw"');
      expectInvalid(() => ScalingNotifications.of(group).add(group as any, { events: ScalingEvent.ERRORS }),
        'Shop/Web: ScalingNotifications.add(destination) must be a queue or a topic (smq.Queue, smq.Topic, or one imported with fromQueueName, fromTopicArn, ...), got "Shop/Web"');
      expectInvalid(() => ScalingNotifications.of(group).add(jobs, undefined as any), 'Shop/Web: ScalingNotifications.add(options) must be given: { events }, got undefined');
      // nothing was added by the failed calls
      expect(configurations(stack)).toBeUndefined();
    });

    test('a group whose NotificationConfigurations is a token cannot be added to', () => {
      const { stack, jobs } = shop();
      const list = new ros.RosParameter(stack, 'Configs', { type: ros.RosParameterType.JSON }).valueAsAny;
      const group = new ess.RosScalingGroup(stack, 'Tok', { minSize: 0, maxSize: 1, notificationConfigurations: list }, true);
      expectInvalid(() => ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS }),
        'Shop/Tok: ScalingNotifications.add(destination) can only add to a group whose notificationConfigurations is a list (or not given), not a token, got a token');
      // the failed call left nothing behind: the group synthesizes as given, and a second call fails the same way
      expectInvalid(() => ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS }), /not a token, got a token/);
      expect(configurations(stack, 'Tok')).toEqual({ Ref: 'Configs' });
    });

    test('replacing the group\'s NotificationConfigurations after add() is an error at synth, not a silent loss', () => {
      const { app, group, jobs } = shop();
      ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
      group.notificationConfigurations = [{ notificationArn: 'acs:ess:cn-hangzhou:1:cloudmonitor', notificationTypes: ['AUTOSCALING:SCALE_REJECT'] }];
      expect(() => app.synth()).toThrow(/Shop\/Web: notificationConfigurations was replaced after ScalingNotifications\.of\(group\)\.add\(\) filled it/);
    });

    test('the group\'s own entries keep the L1\'s checks at synth after add()', () => {
      const GROUP_ARN = 'must be "acs:ess:{region}:{account}:queue/{name}", "acs:ess:{region}:{account}:topic/{name}" or '
        + '"acs:ess:{region}:{account}:cloudmonitor" (Auto Scaling\'s form: service "ess", singular "queue" or "topic", no slash)';
      const bad = (entry: any): ros.App => {
        const { app, group, jobs } = shop();
        group.notificationConfigurations = [entry];
        ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
        return app;
      };
      expectInvalid(() => bad({ notificationArn: 'acs:mns:cn-hangzhou:1:/queues/x', notificationTypes: ['AUTOSCALING:SCALE_REJECT'] }).synth(),
        `Shop/Web: notificationConfigurations[0].notificationArn ${GROUP_ARN}, got "acs:mns:cn-hangzhou:1:/queues/x"`);
      expectInvalid(() => bad({ notificationArn: 'acs:ess:cn-hangzhou:1:queue/x', notificationTypes: ['lower case'] }).synth(),
        'Shop/Web: notificationConfigurations[0].notificationTypes[0] must be a notification type of at most 128 characters');
      expectInvalid(() => bad({ notificationArn: 'acs:ess:cn-hangzhou:1:queue/x', notificationTypes: [] }).synth(),
        'Shop/Web: notificationConfigurations[0].notificationTypes must have 1 to 8 items, got "0 items"');
      // entries the L1 would refuse are refused the same way with or without add()
      const { app, group } = shop();
      group.notificationConfigurations = [{ notificationArn: 'acs:mns:cn-hangzhou:1:/queues/x', notificationTypes: ['AUTOSCALING:SCALE_REJECT'] }];
      expectInvalid(() => app.synth(), `Shop/Web: notificationConfigurations[0].notificationArn ${GROUP_ARN}, got "acs:mns:cn-hangzhou:1:/queues/x"`);
    });

    test('the group\'s own list is read at synth: entries pushed to it after add() are rendered and checked', () => {
      const { stack, group, jobs } = shop(ENV);
      const own: ess.RosScalingGroup.NotificationConfigurationsProperty[] = [];
      group.notificationConfigurations = own;
      ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
      own.push({ notificationArn: 'acs:ess:cn-hangzhou:123456789012:cloudmonitor', notificationTypes: ['AUTOSCALING:SCALE_REJECT'] });
      expect(configurations(stack)).toEqual([
        { NotificationArn: 'acs:ess:cn-hangzhou:123456789012:cloudmonitor', NotificationTypes: ['AUTOSCALING:SCALE_REJECT'] },
        { NotificationArn: { 'Fn::Join': ['', ['acs:ess:cn-hangzhou:123456789012:queue/', getAtt('Jobs', 'QueueName')]] },
          NotificationTypes: ['AUTOSCALING:SCALE_OUT_ERROR', 'AUTOSCALING:SCALE_IN_ERROR', 'AUTOSCALING:SCALE_REJECT'] },
      ]);
      // and add() sees them: the receiver an own entry names now is refused
      const legacy = smq.Queue.fromQueueName(stack, 'Legacy', 'legacy');
      own.push({ notificationArn: 'acs:ess:cn-hangzhou:123456789012:queue/legacy', notificationTypes: ['AUTOSCALING:SCALE_REJECT'] });
      expectInvalid(() => ScalingNotifications.of(group).add(legacy, { events: ScalingEvent.ERRORS }),
        /Shop\/Web: ScalingNotifications\.add\(destination\) must be a queue or topic the scaling group does not notify yet, but its notificationConfigurations\[1\] already sends to it/);
    });

    test('an own entry changed or pushed after add() to name a receiver add() sends to is an error at synth', () => {
      const { app, group, jobs } = shop(ENV);
      const entry = { notificationArn: 'acs:ess:cn-hangzhou:123456789012:cloudmonitor', notificationTypes: ['AUTOSCALING:SCALE_REJECT'] };
      group.notificationConfigurations = [entry];
      ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
      (entry as any).notificationArn = 'acs:ess:cn-hangzhou:123456789012:queue/Shop-Jobs';
      expectInvalid(() => app.synth(),
        'Shop/Web: notificationConfigurations[0].notificationArn must differ from the receiver that ScalingNotifications.add(queue \'Shop/Jobs\') sends to '
        + '(notificationConfigurations[1]): Auto Scaling takes one notification rule per receiver in a group, got "acs:ess:cn-hangzhou:123456789012:queue/Shop-Jobs"');
      // two own entries with one receiver: the L1's message
      const other = shop(ENV);
      const own: any[] = [];
      other.group.notificationConfigurations = own;
      ScalingNotifications.of(other.group).add(other.jobs, { events: ScalingEvent.ERRORS });
      own.push({ notificationArn: 'acs:ess:cn-hangzhou:123456789012:topic/t', notificationTypes: ['AUTOSCALING:SCALE_REJECT'] });
      own.push({ notificationArn: 'acs:ess:cn-hangzhou:123456789012:topic/t', notificationTypes: ['AUTOSCALING:SCALE_IN_ERROR'] });
      expectInvalid(() => other.app.synth(), 'Shop/Web: notificationConfigurations[1].notificationArn must differ from notificationConfigurations[0].notificationArn: '
        + 'Auto Scaling takes one notification rule per receiver in a group, got "acs:ess:cn-hangzhou:123456789012:topic/t"');
    });

    test('own entries pushed after add() beyond 6 in all are an error at synth', () => {
      const { app, group, jobs } = shop();
      const own: any[] = [];
      group.notificationConfigurations = own;
      ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
      for (let i = 1; i <= 6; i++) {
        own.push({ notificationArn: `acs:ess:cn-hangzhou:1:topic/t${i}`, notificationTypes: ['AUTOSCALING:SCALE_REJECT'] });
      }
      expectInvalid(() => app.synth(), 'Shop/Web: notificationConfigurations must have at most 6 entries in all: Auto Scaling takes at most 6 notification rules '
        + 'in a group, got "6 of its own and 1 made by ScalingNotifications.add()"');
    });

    test('with enableResourcePropertyConstraint false the own entries are not checked, as in the L1; receivers still are', () => {
      const { stack, jobs } = shop(ENV);
      const group = new ess.RosScalingGroup(stack, 'Loose', { minSize: 0, maxSize: 1, notificationConfigurations: [{ notificationArn: 'junk', notificationTypes: ['x y'] }] }, false);
      ScalingNotifications.of(group).add(jobs, { events: ScalingEvent.ERRORS });
      expect(configurations(stack, 'Loose')[0]).toEqual({ NotificationArn: 'junk', NotificationTypes: ['x y'] });
      const other = shop(ENV);
      const loose = new ess.RosScalingGroup(other.stack, 'Loose', { minSize: 0, maxSize: 1 }, false);
      const own: any[] = [];
      loose.notificationConfigurations = own;
      ScalingNotifications.of(loose).add(other.jobs, { events: ScalingEvent.ERRORS });
      own.push({ notificationArn: 'acs:ess:cn-hangzhou:123456789012:queue/Shop-Jobs', notificationTypes: ['x y'] });
      expectInvalid(() => other.app.synth(), /^Shop\/Loose: notificationConfigurations\[0\]\.notificationArn must differ from the receiver that ScalingNotifications\.add\(queue 'Shop\/Jobs'\) sends to/);
    });
  });

  test('tokens pass: an event type and a queue name that are parameters', () => {
    const { stack, group } = shop();
    const type = new ros.RosParameter(stack, 'Type', { type: ros.RosParameterType.STRING }).valueAsString;
    const name = new ros.RosParameter(stack, 'Name', { type: ros.RosParameterType.STRING }).valueAsString;
    ScalingNotifications.of(group).add(smq.Queue.fromQueueName(stack, 'Param', name), { events: [ScalingEvent.of(type), ScalingEvent.SCALE_REJECT] });
    expect(configurations(stack)).toEqual([{ NotificationArn: essJoin('queue', { Ref: 'Name' }), NotificationTypes: [{ Ref: 'Type' }, 'AUTOSCALING:SCALE_REJECT'] }]);
  });
});

describe('ScalingNotifications.configuration and templateConfiguration', () => {
  test('the entry for a group declared another way, in the L1 and in the template form', () => {
    const { stack, jobs, alerts } = shop();
    const entry = ScalingNotifications.configuration(jobs, ScalingEvent.ERRORS);
    expect(stack.resolve(entry)).toEqual({
      notificationArn: essJoin('queue', getAtt('Jobs', 'QueueName')),
      notificationTypes: ['AUTOSCALING:SCALE_OUT_ERROR', 'AUTOSCALING:SCALE_IN_ERROR', 'AUTOSCALING:SCALE_REJECT'],
    });
    // a user's own resource of the type takes the template form
    new ros.RosResource(stack, 'Raw', {
      type: 'ALIYUN::ESS::ScalingGroup',
      properties: { MinSize: 0, MaxSize: 1, NotificationConfigurations: [ScalingNotifications.templateConfiguration(alerts, [ScalingEvent.SCALE_OUT_SUCCESS])] },
    });
    Template.fromStack(stack).hasResource('ALIYUN::ESS::ScalingGroup', {
      Properties: Match.objectEquals({
        MinSize: 0, MaxSize: 1,
        NotificationConfigurations: [{ NotificationArn: essJoin('topic', getAtt('Alerts', 'TopicName')), NotificationTypes: ['AUTOSCALING:SCALE_OUT_SUCCESS'] }],
      }),
    });
    // and the L1 form passes the L1's own checks
    expect(() => new ess.RosScalingGroup(stack, 'Own', { minSize: 0, maxSize: 1, notificationConfigurations: [entry] }, true)).not.toThrow();
  });

  test('bad input', () => {
    const { jobs } = shop();
    expectInvalid(() => ScalingNotifications.configuration(jobs, []), 'Shop/Jobs: ScalingNotifications.configuration(events) must name at least one scaling event');
    expectInvalid(() => ScalingNotifications.configuration({} as any, ScalingEvent.ERRORS), /^ScalingNotifications\.configuration\(destination\) must be a queue or a topic/);
    expectInvalid(() => ScalingNotifications.templateConfiguration(undefined as any, ScalingEvent.ERRORS), /^ScalingNotifications\.configuration\(destination\) must be a queue or a topic/);
    const { stack } = newStack('X');
    const notChannel = new ros.Construct(stack, 'Thing');
    expectInvalid(() => ScalingNotifications.configuration(notChannel as any, ScalingEvent.ERRORS),
      'X/Thing: ScalingNotifications.configuration(destination) must be a queue or a topic');
  });
});

describe('LifecycleHook', () => {
  test('a SCALE_IN hook on a group of this app, notifying a queue', () => {
    const { stack, group, jobs } = shop();
    const hook = new LifecycleHook(stack, 'Drain', {
      group,
      transition: LifecycleTransition.SCALE_IN,
      destination: jobs,
      heartbeatTimeout: Duration.minutes(10),
      defaultResult: LifecycleDefaultResult.ABANDON,
      metadata: '{"tier":"web"}',
      lifecycleHookName: 'drain-web',
    });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    expect(Object.keys(template.findResources('ALIYUN::ESS::LifecycleHook'))).toEqual(['Drain']);
    template.hasResource('ALIYUN::ESS::LifecycleHook', {
      Properties: Match.objectEquals({
        ScalingGroupId: getAtt('Web', 'ScalingGroupId'),
        LifecycleTransition: 'SCALE_IN',
        NotificationArn: essJoin('queue', getAtt('Jobs', 'QueueName')),
        HeartbeatTimeout: 600,
        DefaultResult: 'ABANDON',
        NotificationMetadata: '{"tier":"web"}',
        LifecycleHookName: 'drain-web',
      }),
    });
    expect(stack.resolve(hook.attrLifecycleHookId)).toEqual(getAtt('Drain', 'LifecycleHookId'));
    expect(hook.rosLifecycleHook).toBeInstanceOf(ess.RosLifecycleHook);
    expect(infos(stack)).toEqual([expect.stringMatching(/^Shop\/Drain: Auto Scaling writes .*AliyunServiceRoleForAutoScaling/)]);
    expect(warnings(stack)).toEqual([]);
  });

  test('only what is given is rendered: the service\'s defaults apply; a group made elsewhere by its ID; a topic', () => {
    const { stack, alerts } = shop(ENV);
    new LifecycleHook(stack, 'Warm', { scalingGroupId: 'asg-bp1igpak5ft1flyp', transition: LifecycleTransition.SCALE_OUT, destination: alerts });
    Template.fromStack(stack).hasResource('ALIYUN::ESS::LifecycleHook', {
      Properties: Match.objectEquals({
        ScalingGroupId: 'asg-bp1igpak5ft1flyp',
        LifecycleTransition: 'SCALE_OUT',
        NotificationArn: { 'Fn::Join': ['', ['acs:ess:cn-hangzhou:123456789012:topic/', getAtt('Alerts', 'TopicName')]] },
      }),
    });
  });

  test('two hooks on one group, and the same ids in two stacks', () => {
    const { stack, group, jobs, alerts } = shop();
    new LifecycleHook(stack, 'Warm', { group, transition: LifecycleTransition.SCALE_OUT, destination: alerts, lifecycleHookName: 'warm' });
    new LifecycleHook(stack, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'drain' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::ESS::LifecycleHook', 2);
    expect(Object.keys(template.findResources('ALIYUN::ESS::LifecycleHook'))).toEqual(['Warm', 'Drain']);
    const other = shop(undefined, 'Other');
    new LifecycleHook(other.stack, 'Drain', { group: other.group, transition: LifecycleTransition.SCALE_IN, destination: other.jobs, lifecycleHookName: 'drain' });
    expect(Template.fromStack(other.stack).toJSON().Resources.Drain).toEqual(template.toJSON().Resources.Drain);
  });

  test('a queue of another stack: the hook\'s stack depends on the queue\'s (the hook names it by its literal name)', () => {
    const { app, stack: channels } = newStack('Channels', { env: ENV });
    const compute = new ros.Stack(app, 'Compute', { env: ENV });
    const group = new ess.RosScalingGroup(compute, 'Web', { minSize: 0, maxSize: 2 }, true);
    new LifecycleHook(compute, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: new smq.Queue(channels, 'Hooks') });
    expect(compute.dependencies).toEqual([channels]);
    const assembly = app.synth();
    expect(assembly.getStackByName('Compute').template.Resources.Drain.Properties.NotificationArn).toBe('acs:ess:cn-hangzhou:123456789012:queue/Channels-Hooks');
    expect(stackDependencies(assembly, 'Compute')).toEqual(['Channels']);
  });

  test('a hook in the queue\'s stack on a group of another stack: the reference to the group orders the stacks, no cycle', () => {
    const { app, stack: compute } = newStack('Compute', { env: ENV });
    const group = new ess.RosScalingGroup(compute, 'Web', { minSize: 0, maxSize: 2 }, true);
    const ops = new ros.Stack(app, 'Ops', { env: ENV });
    new LifecycleHook(ops, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: new smq.Queue(ops, 'Hooks') });
    expect(() => app.synth()).not.toThrow();
    expect(ops.dependencies).toEqual([compute]);
    expect(compute.dependencies).toEqual([]);
  });

  test('a queue of a stack that depends on the hook\'s stack is an error; one that comes to depend on it later, core\'s error says why', () => {
    const { app, stack: compute } = newStack('Compute', { env: ENV });
    const group = new ess.RosScalingGroup(compute, 'Web', { minSize: 0, maxSize: 2 }, true);
    const ops = new ros.Stack(app, 'Ops', { env: ENV });
    const hooks = new smq.Queue(ops, 'Hooks');
    // Ops depends on Compute already: a hook in Ops on the group, notifying a queue in Compute
    new LifecycleHook(ops, 'Warm', { group, transition: LifecycleTransition.SCALE_OUT, destination: new smq.Queue(compute, 'Local') });
    expect(ops.dependencies).toEqual([compute]);
    expectInvalid(() => new LifecycleHook(compute, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: hooks, lifecycleHookName: 'drain' }),
      'Compute/Drain: destination must be made in a stack that does not depend on stack \'Compute\', but \'Ops\' depends on \'Compute\'; stack \'Compute\' '
      + 'must be deployed after the queue exists, so it must depend on \'Ops\', which would be a cycle: make the lifecycle hook in the queue\'s stack '
      + '(its group may be in another stack), got "Ops/Hooks"');
    // the refused hook claimed nothing: its name is free, and Compute depends on nothing
    expect(compute.dependencies).toEqual([]);
    expect(() => new LifecycleHook(ops, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: hooks, lifecycleHookName: 'drain' })).not.toThrow();
    // a reference made later (resolved at synth) cannot be foreseen: core refuses the cycle, naming the hook
    const later = newStack('Compute', { env: ENV });
    const web = new ess.RosScalingGroup(later.stack, 'Web', { minSize: 0, maxSize: 2 }, true);
    const other = new ros.Stack(later.app, 'Ops', { env: ENV });
    new LifecycleHook(later.stack, 'Drain', { group: web, transition: LifecycleTransition.SCALE_IN, destination: new smq.Queue(other, 'Hooks') });
    new ros.RosOutput(other, 'GroupId', { value: web.attrScalingGroupId });
    expect(() => later.app.synth()).toThrow("'Compute' depends on 'Ops' (Compute/Drain names queue 'Ops/Hooks' by its name, so the queue must exist first)");
  });

  test('an imported queue', () => {
    const { stack, group } = shop();
    new LifecycleHook(stack, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: smq.Queue.fromQueueName(stack, 'Legacy', 'legacy-hooks') });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::ESS::LifecycleHook', { NotificationArn: essJoin('queue', 'legacy-hooks') });
  });

  test('a queue in another region or account is an error; a group in another region too', () => {
    const { app, stack, group } = shop(ENV);
    const beijing = smq.Queue.fromQueueName(stack, 'Beijing', 'hooks', { region: 'cn-beijing' });
    expectInvalid(() => new LifecycleHook(stack, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: beijing }),
      'Shop/Drain: destination must be in the same region as the scaling group (cn-hangzhou), got "queue \'Shop/Beijing\' in region cn-beijing"');
    const foreign = smq.Queue.fromQueueName(stack, 'Foreign', 'hooks', { account: '999' });
    expectInvalid(() => new LifecycleHook(stack, 'Drain2', { scalingGroupId: 'asg-1', transition: LifecycleTransition.SCALE_IN, destination: foreign }),
      'Shop/Drain2: destination must be in the same account as the stack and its scaling group (123456789012), got "queue \'Shop/Foreign\' in account 999"');
    const far = new ros.Stack(app, 'Far', { env: { region: 'cn-beijing', account: ENV.account } });
    expectInvalid(() => new LifecycleHook(far, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: new smq.Queue(far, 'Q') }),
      'Far/Drain: group must be in the same region as the stack (cn-beijing), got "the scaling group \'Shop/Web\' in region cn-hangzhou"');
  });

  describe('bad input', () => {
    const cases: Array<[string, (p: { group: ess.RosScalingGroup; jobs: smq.Queue }) => any, string | RegExp]> = [
      ['no group and no ID', ({ jobs }) => ({ transition: LifecycleTransition.SCALE_IN, destination: jobs }),
        'Shop/Hook: group or scalingGroupId must be given, and only one of them, got undefined'],
      ['both a group and an ID', ({ group, jobs }) => ({ group, scalingGroupId: 'asg-1', transition: LifecycleTransition.SCALE_IN, destination: jobs }),
        'Shop/Hook: group or scalingGroupId must be given, and only one of them, got "{ group, scalingGroupId }"'],
      ['a queue as the group', ({ jobs }) => ({ group: jobs, transition: LifecycleTransition.SCALE_IN, destination: jobs }),
        'Shop/Hook: group must be a scaling group (ess.RosScalingGroup, or a construct with attrScalingGroupId), got "Shop/Jobs"'],
      ['an ID with a space', ({ jobs }) => ({ scalingGroupId: 'asg 1', transition: LifecycleTransition.SCALE_IN, destination: jobs }),
        'Shop/Hook: scalingGroupId must contain only letters, digits, underscores and hyphens, such as "asg-bp1igpak5ft1flyp****", got "asg 1"'],
      ['no transition', ({ group, jobs }) => ({ group, destination: jobs }),
        'Shop/Hook: transition is required: LifecycleTransition.SCALE_OUT or LifecycleTransition.SCALE_IN, got undefined'],
      ['an AWS transition', ({ group, jobs }) => ({ group, transition: 'autoscaling:EC2_INSTANCE_TERMINATING', destination: jobs }),
        'Shop/Hook: transition must be one of "SCALE_OUT", "SCALE_IN", got "autoscaling:EC2_INSTANCE_TERMINATING"'],
      ['no destination', ({ group }) => ({ group, transition: LifecycleTransition.SCALE_IN }),
        'Shop/Hook: destination must be a queue or a topic (smq.Queue, smq.Topic, or one imported with fromQueueName, fromTopicArn, ...), got undefined'],
      ['a group as the destination', ({ group }) => ({ group, transition: LifecycleTransition.SCALE_IN, destination: group }),
        'Shop/Hook: destination must be a queue or a topic (smq.Queue, smq.Topic, or one imported with fromQueueName, fromTopicArn, ...), got "Shop/Web"'],
      ['a heartbeat under 30 seconds', ({ group, jobs }) => ({ group, transition: LifecycleTransition.SCALE_IN, destination: jobs, heartbeatTimeout: Duration.seconds(29) }),
        'Shop/Hook: heartbeatTimeout must be an integer between 30 and 21600 seconds, got 29'],
      ['a heartbeat over 6 hours', ({ group, jobs }) => ({ group, transition: LifecycleTransition.SCALE_IN, destination: jobs, heartbeatTimeout: Duration.hours(7) }),
        'Shop/Hook: heartbeatTimeout must be an integer between 30 and 21600 seconds, got 25200'],
      ['a heartbeat as a number', ({ group, jobs }) => ({ group, transition: LifecycleTransition.SCALE_IN, destination: jobs, heartbeatTimeout: 600 }),
        'Shop/Hook: heartbeatTimeout must be a Duration, such as Duration.seconds(30), got 600'],
      ['a default result of AWS', ({ group, jobs }) => ({ group, transition: LifecycleTransition.SCALE_IN, destination: jobs, defaultResult: 'CONTINUE_ANYWAY' }),
        'Shop/Hook: defaultResult must be one of "CONTINUE", "ABANDON", "ROLLBACK", got "CONTINUE_ANYWAY"'],
      ['metadata too long', ({ group, jobs }) => ({ group, transition: LifecycleTransition.SCALE_IN, destination: jobs, metadata: 'm'.repeat(4097) }),
        'Shop/Hook: metadata must be at most 4096 characters long (length 4097)'],
      ['empty metadata', ({ group, jobs }) => ({ group, transition: LifecycleTransition.SCALE_IN, destination: jobs, metadata: '' }),
        'Shop/Hook: metadata must be between 1 and 4096 characters long (length 0), got ""'],
      ['a one-character name', ({ group, jobs }) => ({ group, transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'd' }),
        'Shop/Hook: lifecycleHookName must be between 2 and 64 characters long (length 1), got "d"'],
      ['a name with a slash', ({ group, jobs }) => ({ group, transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'web/drain' }),
        'Shop/Hook: lifecycleHookName must contain only letters, digits, Chinese characters, underscores, hyphens and periods, and start with a letter, digit or Chinese character, got "web/drain"'],
      ['no props', () => undefined, 'Shop/Hook: props must be given: { group or scalingGroupId, transition, destination }, got undefined'],
    ];
    test.each(cases)('%s', (_name, props, message) => {
      const { stack, group, jobs } = shop();
      expectInvalid(() => new LifecycleHook(stack, 'Hook', props({ group, jobs })), message);
      // nothing was made
      Template.fromStack(stack).resourceCountIs('ALIYUN::ESS::LifecycleHook', 0);
    });

    test('one name twice on a group, by object and by ID', () => {
      const { stack, group, jobs } = shop();
      new LifecycleHook(stack, 'A', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'drain' });
      expectInvalid(() => new LifecycleHook(stack, 'B', { group, transition: LifecycleTransition.SCALE_OUT, destination: jobs, lifecycleHookName: 'drain' }),
        'Shop/B: lifecycleHookName must be unique in the scaling group, but \'Shop/A\' already has this name, got "drain"');
      new LifecycleHook(stack, 'C', { scalingGroupId: 'asg-1', transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'drain' });
      expectInvalid(() => new LifecycleHook(stack, 'D', { scalingGroupId: 'asg-1', transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'drain' }),
        'Shop/D: lifecycleHookName must be unique in the scaling group, but \'Shop/C\' already has this name, got "drain"');
      // another group may use the name
      expect(() => new LifecycleHook(stack, 'E', { scalingGroupId: 'asg-2', transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'drain' })).not.toThrow();
    });

    test('one group given two ways is one group: a literal ID as attrScalingGroupId and as scalingGroupId, a group and its ID token', () => {
      const { stack, group, jobs } = shop();
      const imported = Object.assign(new ros.Construct(stack, 'Imported'), { attrScalingGroupId: 'asg-1' });
      new LifecycleHook(stack, 'A', { group: imported, transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'drain' });
      expectInvalid(() => new LifecycleHook(stack, 'B', { scalingGroupId: 'asg-1', transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'drain' }),
        'Shop/B: lifecycleHookName must be unique in the scaling group, but \'Shop/A\' already has this name, got "drain"');
      new LifecycleHook(stack, 'C', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'warm' });
      expectInvalid(() => new LifecycleHook(stack, 'D', {
        scalingGroupId: ros.Token.asString(group.attrScalingGroupId), transition: LifecycleTransition.SCALE_OUT, destination: jobs, lifecycleHookName: 'warm',
      }), 'Shop/D: lifecycleHookName must be unique in the scaling group, but \'Shop/C\' already has this name, got "warm"');
    });

    test('the group\'s ID token from another stack names the group of that stack; hooks are counted on it from every stack', () => {
      const { app, stack, group, jobs } = shop();
      const ops = new ros.Stack(app, 'Ops');
      const hooks = new smq.Queue(ops, 'Hooks');
      new LifecycleHook(stack, 'A', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: 'drain' });
      expectInvalid(() => new LifecycleHook(ops, 'B', {
        scalingGroupId: ros.Token.asString(group.attrScalingGroupId), transition: LifecycleTransition.SCALE_IN, destination: hooks, lifecycleHookName: 'drain',
      }), 'Ops/B: lifecycleHookName must be unique in the scaling group, but \'Shop/A\' already has this name, got "drain"');
      // a group of the same id in another stack is another group
      const other = new ess.RosScalingGroup(ops, 'Web', { minSize: 0, maxSize: 1 }, true);
      expect(() => new LifecycleHook(ops, 'C', { group: other, transition: LifecycleTransition.SCALE_IN, destination: hooks, lifecycleHookName: 'drain' })).not.toThrow();
    });

    test('one literal group ID in two regions is two groups; in one region and account, one', () => {
      const app = new ros.App();
      const hangzhou = new ros.Stack(app, 'Hangzhou', { env: ENV });
      const beijing = new ros.Stack(app, 'Beijing', { env: { region: 'cn-beijing', account: ENV.account } });
      const again = new ros.Stack(app, 'Again', { env: ENV });
      const hook = (stack: ros.Stack) => new LifecycleHook(stack, 'Drain', {
        scalingGroupId: 'asg-1', transition: LifecycleTransition.SCALE_IN, destination: new smq.Queue(stack, 'Q'), lifecycleHookName: 'drain',
      });
      hook(hangzhou);
      expect(() => hook(beijing)).not.toThrow();
      expectInvalid(() => hook(again), 'Again/Drain: lifecycleHookName must be unique in the scaling group, but \'Hangzhou/Drain\' already has this name, got "drain"');
    });

    test('metadata is counted in characters: 4096 emoji are 4096 characters', () => {
      const { stack, group, jobs } = shop();
      expect(() => new LifecycleHook(stack, 'Emoji', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs, metadata: '😀'.repeat(4096) })).not.toThrow();
      expectInvalid(() => new LifecycleHook(stack, 'More', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs, metadata: '😀'.repeat(4097) }),
        'Shop/More: metadata must be at most 4096 characters long (length 4097)');
      const s = new ros.RosParameter(stack, 'Text', { type: ros.RosParameterType.STRING }).valueAsString;
      expectInvalid(() => new LifecycleHook(stack, 'Tok', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs, metadata: `${'😀'.repeat(4097)}${s}` }),
        'Shop/Tok: metadata must be at most 4096 characters long, and its literal text alone has 4097');
      expectInvalid(() => new LifecycleHook(stack, 'Bell', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs, metadata: `bell\u0007${s}` }),
        'Shop/Bell: metadata must contain only characters that are not control characters (tabs and line breaks are fine), got "bell\\u0007<token>"');
    });

    test('more than 10 hooks on one group', () => {
      const { stack, group, jobs } = shop();
      for (let i = 1; i <= 10; i++) {
        new LifecycleHook(stack, `H${i}`, { group, transition: LifecycleTransition.SCALE_IN, destination: jobs });
      }
      expectInvalid(() => new LifecycleHook(stack, 'H11', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs }),
        'Shop/H11: group must have at most 10 lifecycle hooks (Auto Scaling\'s limit); this would be hook number 11, got "Shop/Web"');
    });

    test('two hooks with one id in a stack', () => {
      const { stack, group, jobs } = shop();
      const scope = new ros.Construct(stack, 'Tier');
      new LifecycleHook(stack, 'Drain', { group, transition: LifecycleTransition.SCALE_IN, destination: jobs });
      expectInvalid(() => new LifecycleHook(scope, 'Drain', { group, transition: LifecycleTransition.SCALE_OUT, destination: jobs }),
        /^Shop\/Tier\/Drain\/Drain: id must be unique in the stack, but 'Shop\/Drain\/Drain' already has it as its logical id/);
    });
  });

  test('tokens pass: a heartbeat, metadata, a name and a group ID that are parameters', () => {
    const { stack, jobs } = shop();
    const n = new ros.RosParameter(stack, 'Seconds', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    const s = new ros.RosParameter(stack, 'Text', { type: ros.RosParameterType.STRING }).valueAsString;
    const id = new ros.RosParameter(stack, 'GroupId', { type: ros.RosParameterType.STRING }).valueAsString;
    new LifecycleHook(stack, 'Drain', {
      scalingGroupId: id, transition: LifecycleTransition.SCALE_IN, destination: jobs,
      heartbeatTimeout: Duration.seconds(n), metadata: s, lifecycleHookName: `drain-${s}`,
    });
    Template.fromStack(stack).hasResourceProperties('ALIYUN::ESS::LifecycleHook', {
      ScalingGroupId: { Ref: 'GroupId' }, HeartbeatTimeout: { Ref: 'Seconds' }, NotificationMetadata: { Ref: 'Text' },
    });
    // the literal pieces of a name with a token are still checked
    expectInvalid(() => new LifecycleHook(stack, 'Bad', { scalingGroupId: id, transition: LifecycleTransition.SCALE_IN, destination: jobs, lifecycleHookName: `drain/${s}` }),
      'Shop/Bad: lifecycleHookName must contain only letters, digits, Chinese characters, underscores, hyphens and periods, and start with a letter, digit or Chinese character, got "drain/<token>"');
  });
});

test('ValidationError is what every bad input throws', () => {
  const { group, jobs } = shop();
  expect(() => ScalingNotifications.of(group).add(jobs, { events: [] })).toThrow(ValidationError);
});
