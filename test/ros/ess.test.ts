import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { ess, smq, sources } from '../../lib';
import { expectInvalid, getAtt, newStack } from '../util';

const { RosLifecycleHook, RosScalingGroup } = ess;

describe('RosScalingGroup', () => {
  test('renders every property with its ROS name, nested items included', () => {
    const { stack } = newStack('L1');
    new RosScalingGroup(stack, 'Asg', {
      minSize: 1,
      maxSize: 10,
      allocationStrategy: 'lowestPrice',
      azBalance: true,
      compensateWithOnDemand: false,
      containerGroupId: 'eci-1',
      customPolicyArn: 'acs:fc:cn-hangzhou:1:functions/scale-in',
      dbInstanceIds: ['rm-1'],
      defaultCooldown: 60,
      desiredCapacity: 2,
      groupDeletionProtection: true,
      groupType: 'ECS',
      healthCheckType: 'ECS',
      healthCheckTypes: ['ECS'],
      instanceId: 'i-1',
      launchTemplateId: 'lt-1',
      launchTemplateOverrides: [{ instanceType: 'ecs.c6.large', spotPriceLimit: 0.5, weightedCapacity: 2 }],
      launchTemplateVersion: 'Latest',
      loadBalancerIds: ['lb-1'],
      maxInstanceLifetime: 86400,
      multiAzPolicy: 'COMPOSABLE',
      notificationConfigurations: [{ notificationArn: 'acs:ess:cn-hangzhou:123:queue/q1', notificationTypes: ['AUTOSCALING:SCALE_OUT_ERROR'] }],
      onDemandBaseCapacity: 1,
      onDemandPercentageAboveBaseCapacity: 50,
      protectedInstances: ['i-2'],
      removalPolicys: ['CustomPolicy', 'OldestInstance'],
      resourceGroupId: 'rg-1',
      scalingGroupName: 'web_tier.1',
      scalingPolicy: 'release',
      serverGroups: [{ serverGroupId: 'sgp-1', type: 'ALB', port: 80, weight: 100 }],
      spotAllocationStrategy: 'priority',
      spotInstancePools: 2,
      spotInstanceRemedy: true,
      standbyInstances: ['i-3'],
      tags: [{ key: 'team', value: 'web' }, { key: 'bare' }],
      vSwitchId: 'vsw-0',
      vSwitchIds: ['vsw-1', 'vsw-2'],
    }, true);
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.hasResource('ALIYUN::ESS::ScalingGroup', {
      Properties: Match.objectEquals({
        MinSize: 1,
        MaxSize: 10,
        AllocationStrategy: 'lowestPrice',
        AzBalance: true,
        CompensateWithOnDemand: false,
        ContainerGroupId: 'eci-1',
        CustomPolicyARN: 'acs:fc:cn-hangzhou:1:functions/scale-in',
        DBInstanceIds: ['rm-1'],
        DefaultCooldown: 60,
        DesiredCapacity: 2,
        GroupDeletionProtection: true,
        GroupType: 'ECS',
        HealthCheckType: 'ECS',
        HealthCheckTypes: ['ECS'],
        InstanceId: 'i-1',
        LaunchTemplateId: 'lt-1',
        LaunchTemplateOverrides: [{ InstanceType: 'ecs.c6.large', SpotPriceLimit: 0.5, WeightedCapacity: 2 }],
        LaunchTemplateVersion: 'Latest',
        LoadBalancerIds: ['lb-1'],
        MaxInstanceLifetime: 86400,
        MultiAZPolicy: 'COMPOSABLE',
        NotificationConfigurations: [{ NotificationArn: 'acs:ess:cn-hangzhou:123:queue/q1', NotificationTypes: ['AUTOSCALING:SCALE_OUT_ERROR'] }],
        OnDemandBaseCapacity: 1,
        OnDemandPercentageAboveBaseCapacity: 50,
        ProtectedInstances: ['i-2'],
        RemovalPolicys: ['CustomPolicy', 'OldestInstance'],
        ResourceGroupId: 'rg-1',
        ScalingGroupName: 'web_tier.1',
        ScalingPolicy: 'release',
        ServerGroups: [{ ServerGroupId: 'sgp-1', Type: 'ALB', Port: 80, Weight: 100 }],
        SpotAllocationStrategy: 'priority',
        SpotInstancePools: 2,
        SpotInstanceRemedy: true,
        StandbyInstances: ['i-3'],
        Tags: [{ Key: 'team', Value: 'web' }, { Key: 'bare' }],
        VSwitchId: 'vsw-0',
        VSwitchIds: ['vsw-1', 'vsw-2'],
      }),
    });
  });

  test('type name, attributes (one token however often read), the 4th constructor argument', () => {
    const { stack } = newStack('L1');
    expect(RosScalingGroup.ROS_RESOURCE_TYPE_NAME).toBe('ALIYUN::ESS::ScalingGroup');
    const g = new RosScalingGroup(stack, 'Asg', { minSize: 0, maxSize: 1 }, true);
    expect(g).toBeInstanceOf(ros.RosResource);
    expect(g.enableResourcePropertyConstraint).toBe(true);
    expect(stack.resolve(g.attrScalingGroupId)).toEqual(getAtt('Asg', 'ScalingGroupId'));
    expect(stack.resolve(g.attrScalingGroupName)).toEqual(getAtt('Asg', 'ScalingGroupName'));
    expect(g.attrScalingGroupId).toBe(g.attrScalingGroupId);
    Template.fromStack(stack).hasResource('ALIYUN::ESS::ScalingGroup', { Properties: Match.objectEquals({ MinSize: 0, MaxSize: 1 }) });
  });

  const base = { minSize: 0, maxSize: 4 };
  const ARN = 'must be "acs:ess:{region}:{account}:queue/{name}", "acs:ess:{region}:{account}:topic/{name}" or '
    + '"acs:ess:{region}:{account}:cloudmonitor" (Auto Scaling\'s form: service "ess", singular "queue" or "topic", no slash)';
  const entry = (notificationArn: string, notificationTypes: string[] = ['AUTOSCALING:SCALE_OUT_ERROR']): any => ({ notificationArn, notificationTypes });
  const EVENT_TYPE = 'must be a notification type of at most 128 characters: "AUTOSCALING:" and upper-case words joined by underscores, '
    + 'such as "AUTOSCALING:SCALE_OUT_ERROR" (or the words alone, as in "SCALING_GROUP_DIAGNOSE")';
  test.each([
    [{ maxSize: 4 }, 'L1/Asg: minSize is required, got undefined'],
    [{ minSize: 0 }, 'L1/Asg: maxSize is required, got undefined'],
    [{ ...base, minSize: -1 }, 'L1/Asg: minSize must be an integer between 0 and 2000, got -1'],
    [{ ...base, maxSize: 2001 }, 'L1/Asg: maxSize must be an integer between 0 and 2000, got 2001'],
    [{ minSize: 5, maxSize: 4 }, 'L1/Asg: minSize must not be greater than maxSize (4), got 5'],
    [{ ...base, desiredCapacity: 5 }, 'L1/Asg: desiredCapacity must be an integer between minSize and maxSize (0 to 4), got 5'],
    [{ ...base, defaultCooldown: 86401 }, 'L1/Asg: defaultCooldown must be an integer between 0 and 86400 seconds, got 86401'],
    [{ ...base, onDemandPercentageAboveBaseCapacity: 101 }, 'L1/Asg: onDemandPercentageAboveBaseCapacity must be an integer between 0 and 100, got 101'],
    [{ ...base, spotInstancePools: 0 }, 'L1/Asg: spotInstancePools must be an integer between 1 and 10, got 0'],
    [{ ...base, maxInstanceLifetime: 3600 }, 'L1/Asg: maxInstanceLifetime must be an integer between 86400 and 2147483647 seconds, got 3600'],
    [{ ...base, azBalance: 'yes' }, 'L1/Asg: azBalance must be true or false, got "yes"'],
    [{ ...base, groupType: 'K8S' }, 'L1/Asg: groupType must be one of "ECS", "ECI", got "K8S"'],
    [{ ...base, multiAzPolicy: 'RANDOM' }, 'L1/Asg: multiAzPolicy must be one of "PRIORITY", "BALANCE", "COST_OPTIMIZED", "COMPOSABLE", got "RANDOM"'],
    [{ ...base, scalingPolicy: 'keep' }, 'L1/Asg: scalingPolicy must be one of "recycle", "release", "forcerelease", got "keep"'],
    [{ ...base, allocationStrategy: 'cheapest' }, 'L1/Asg: allocationStrategy must be one of "priority", "lowestPrice", got "cheapest"'],
    [{ ...base, scalingGroupName: 'a' }, 'L1/Asg: scalingGroupName must be between 2 and 64 characters long (length 1), got "a"'],
    [{ ...base, scalingGroupName: '_web' }, 'L1/Asg: scalingGroupName must contain only letters, digits, Chinese characters, underscores, hyphens and periods, and start with a letter, digit or Chinese character, got "_web"'],
    [{ ...base, vSwitchIds: new Array(9).fill('vsw-1') }, 'L1/Asg: vSwitchIds must have at most 8 items, got "9 items"'],
    [{ ...base, vSwitchIds: [''] }, 'L1/Asg: vSwitchIds[0] is required, got ""'],
    [{ ...base, removalPolicys: ['OldestInstance', 'OldestInstance'] }, 'L1/Asg: removalPolicys[1] must differ from removalPolicys[0]: name each policy once, got "OldestInstance"'],
    [{ ...base, removalPolicys: ['OldestInstance', 'CustomPolicy'] }, 'L1/Asg: removalPolicys[1] may only be the first removal policy, got "CustomPolicy"'],
    [{ ...base, removalPolicys: ['Random'] }, 'L1/Asg: removalPolicys[0] must be one of "OldestInstance", "NewestInstance", "OldestScalingConfiguration", "CustomPolicy", got "Random"'],
    [{ ...base, launchTemplateOverrides: [{ weightedCapacity: 501 }] }, 'L1/Asg: launchTemplateOverrides[0].weightedCapacity must be an integer between 1 and 500, got 501'],
    [{ ...base, serverGroups: [{ serverGroupId: 'sgp-1', type: 'ALB', port: 80 }] }, 'L1/Asg: serverGroups[0].weight is required, got undefined'],
    [{ ...base, serverGroups: [{ serverGroupId: 'sgp-1', type: 'ALB', port: 0, weight: 1 }] }, 'L1/Asg: serverGroups[0].port must be an integer between 1 and 65535, got 0'],
    [{ ...base, serverGroups: [{ serverGroupId: 'sgp-1', type: 'ALB', port: 80, weight: -5 }] }, 'L1/Asg: serverGroups[0].weight must be an integer between 0 and 100, got -5'],
    [{ ...base, serverGroups: [{ serverGroupId: 'sgp-1', type: 'ALB', port: 80, weight: NaN }] }, 'L1/Asg: serverGroups[0].weight must be an integer between 0 and 100, got NaN'],
    [{ ...base, serverGroups: [{ serverGroupId: 'sgp-1', type: 'ALB', port: 80, weight: 101 }] }, 'L1/Asg: serverGroups[0].weight must be an integer between 0 and 100, got 101'],
    [{ ...base, serverGroups: [{ serverGroupId: 'sgp-1', type: 'ALB', port: 80, weight: 1.5 }] }, 'L1/Asg: serverGroups[0].weight must be an integer between 0 and 100, got 1.5'],
    [{ ...base, serverGroups: new Array(101).fill({ serverGroupId: 'sgp-1', type: 'ALB', port: 80, weight: 1 }) }, 'L1/Asg: serverGroups must have at most 100 items, got "101 items"'],
    [{ ...base, tags: new Array(21).fill({ key: 'k' }) }, 'L1/Asg: tags must have at most 20 items'],
    [{ ...base, tags: [{ key: '' }] }, 'L1/Asg: tags[0].key is required'],
    [{ ...base, notificationConfigurations: [entry('acs:mns:cn-hangzhou:123:queue/q1')] }, `L1/Asg: notificationConfigurations[0].notificationArn ${ARN}, got "acs:mns:cn-hangzhou:123:queue/q1"`],
    [{ ...base, notificationConfigurations: [entry('acs:ess:cn-hangzhou:123:/queues/q1')] }, `L1/Asg: notificationConfigurations[0].notificationArn ${ARN}, got "acs:ess:cn-hangzhou:123:/queues/q1"`],
    [{ ...base, notificationConfigurations: [entry('acs:ess:cn-hangzhou:123:queue/q1', [])] }, 'L1/Asg: notificationConfigurations[0].notificationTypes must have 1 to 8 items, got "0 items"'],
    [{ ...base, notificationConfigurations: [entry('acs:ess:cn-hangzhou:123:queue/q1', new Array(9).fill('AUTOSCALING:SCALE_REJECT'))] }, 'L1/Asg: notificationConfigurations[0].notificationTypes must have 1 to 8 items, got "9 items"'],
    [{ ...base, notificationConfigurations: [{ notificationArn: 'acs:ess:cn-hangzhou:123:queue/q1' }] }, 'L1/Asg: notificationConfigurations[0].notificationTypes is required, got undefined'],
    [{ ...base, notificationConfigurations: [entry('acs:ess:cn-hangzhou:123:queue/q1', ['scale out'])] }, `L1/Asg: notificationConfigurations[0].notificationTypes[0] ${EVENT_TYPE}, got "scale out"`],
    [{ ...base, notificationConfigurations: [entry('acs:ess:cn-hangzhou:123:queue/q1', ['autoscaling:scale_out_error'])] }, `L1/Asg: notificationConfigurations[0].notificationTypes[0] ${EVENT_TYPE}, got "autoscaling:scale_out_error"`],
    [{ ...base, notificationConfigurations: [entry('acs:ess:cn-hangzhou:123:queue/q1', ['AUTOSCALING:'])] }, `L1/Asg: notificationConfigurations[0].notificationTypes[0] ${EVENT_TYPE}, got "AUTOSCALING:"`],
    [{ ...base, notificationConfigurations: [entry('acs:ess:cn-hangzhou:123:queue/q1'), entry('acs:ess:cn-hangzhou:123:queue/q1')] }, 'L1/Asg: notificationConfigurations[1].notificationArn must differ from notificationConfigurations[0].notificationArn: Auto Scaling takes one notification rule per receiver in a group, got "acs:ess:cn-hangzhou:123:queue/q1"'],
    [{ ...base, notificationConfigurations: [1, 2, 3, 4, 5, 6, 7].map((i) => entry(`acs:ess:cn-hangzhou:123:queue/q${i}`)) }, 'L1/Asg: notificationConfigurations must have at most 6 items, got "7 items"'],
    [{ ...base, notificationConfigurations: ['acs:ess:cn-hangzhou:123:queue/q1'] }, 'L1/Asg: notificationConfigurations[0] must be { notificationArn, notificationTypes }, got "acs:ess:cn-hangzhou:123:queue/q1"'],
  ].map(([props, message]) => [message, props]))('rejects: %s', (message, props) => {
    const { stack } = newStack('L1');
    expectInvalid(() => new RosScalingGroup(stack, 'Asg', props as any, true), message as string);
  });

  test('takes the boundaries of ServerGroups: weight 0 and 100, 100 server groups', () => {
    const { stack } = newStack('L1');
    expect(() => new RosScalingGroup(stack, 'Asg', {
      ...base,
      serverGroups: [
        { serverGroupId: 'sgp-1', type: 'ALB', port: 1, weight: 0 },
        { serverGroupId: 'sgp-2', type: 'NLB', port: 65535, weight: 100 },
        ...new Array(98).fill({ serverGroupId: 'sgp-3', type: 'ALB', port: 80, weight: 50 }),
      ],
    }, true)).not.toThrow();
  });

  test('an owned queue\'s ARN and the literal ARN of its name are one receiver', () => {
    const { stack } = newStack('L1', { env: { region: 'cn-hangzhou', account: '123456789012' } });
    const jobs = new smq.Queue(stack, 'Jobs');
    expectInvalid(() => new RosScalingGroup(stack, 'Asg', {
      ...base,
      notificationConfigurations: [sources.ScalingNotifications.configuration(jobs, [sources.ScalingEvent.SCALE_REJECT]), entry('acs:ess:cn-hangzhou:123456789012:queue/L1-Jobs')],
    }, true), 'L1/Asg: notificationConfigurations[1].notificationArn must differ from notificationConfigurations[0].notificationArn: '
      + 'Auto Scaling takes one notification rule per receiver in a group, got "acs:ess:cn-hangzhou:123456789012:queue/L1-Jobs"');
  });

  test('takes the CloudMonitor, queue and topic ARNs of the reference', () => {
    const { stack } = newStack('L1');
    expect(() => new RosScalingGroup(stack, 'Asg', {
      ...base,
      notificationConfigurations: [
        entry('acs:ess:cn-hangzhou:123:cloudmonitor', ['AUTOSCALING:SCALE_OUT_SUCCESS', 'AUTOSCALING:SCALE_IN_SUCCESS']),
        entry('acs:ess:cn-hangzhou:123:queue/q1'),
        entry('acs:ess:cn-hangzhou:123:topic/t-1'),
      ],
    }, true)).not.toThrow();
  });

  test('tokens pass unchecked, and a token item of a list is rendered as it is', () => {
    const { stack } = newStack('L1');
    const n = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    const s = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
    const list = new ros.RosParameter(stack, 'L', { type: ros.RosParameterType.COMMA_DELIMITED_LIST }).valueAsList;
    const item = ros.Fn.getJsonValue('entry', s);
    expect(() => new RosScalingGroup(stack, 'Asg', {
      minSize: n, maxSize: n, desiredCapacity: n, defaultCooldown: n, groupType: s, scalingGroupName: s, vSwitchIds: list,
      notificationConfigurations: [item as any, { notificationArn: `acs:ess:${s}:${s}:queue/${s}`, notificationTypes: list }],
    }, true)).not.toThrow();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('ALIYUN::ESS::ScalingGroup', {
      MinSize: { Ref: 'N' },
      VSwitchIds: { Ref: 'L' },
      NotificationConfigurations: [
        { 'Fn::GetJsonValue': ['entry', { Ref: 'S' }] },
        { NotificationArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }), NotificationTypes: { Ref: 'L' } },
      ],
    });
  });

  test('an ARN with tokens must still write out "acs:ess:"', () => {
    const { stack } = newStack('L1');
    const s = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
    expectInvalid(() => new RosScalingGroup(stack, 'Asg', { ...base, notificationConfigurations: [entry(`acs:mns:${s}:1:queue/q`)] }, true),
      `L1/Asg: notificationConfigurations[0].notificationArn ${ARN}, got "acs:mns:<token>:1:queue/q"`);
  });

  test('props changed after construction are checked again at synth', () => {
    const { app, stack } = newStack('L1');
    const g = new RosScalingGroup(stack, 'Asg', base, true);
    g.maxSize = 3000;
    expect(() => app.synth()).toThrow('L1/Asg: maxSize must be an integer between 0 and 2000, got 3000');
    const other = newStack('L1');
    const h = new RosScalingGroup(other.stack, 'Asg', base, true);
    h.notificationConfigurations = [entry('acs:ess:cn-hangzhou:123:queue/q_1')];
    expect(() => other.app.synth()).toThrow(`L1/Asg: notificationConfigurations[0].notificationArn ${ARN}, got "acs:ess:cn-hangzhou:123:queue/q_1"`);
  });

  test('enableResourcePropertyConstraint false turns the checks off, as in generated L1s', () => {
    const { stack } = newStack('L1');
    const g = new RosScalingGroup(stack, 'Asg', { minSize: 5, maxSize: 3000, groupType: 'K8S' }, false);
    g.notificationConfigurations = [entry('anything')];
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('props that are missing or cyclic are a ValidationError whatever the flag says', () => {
    const { stack } = newStack('L1');
    expectInvalid(() => new RosScalingGroup(stack, 'Asg', undefined as any, false), 'L1/Asg: props must be given: { minSize, maxSize, ... }, got undefined');
    const loop: any = { instanceType: 'x' };
    loop.self = [loop];
    expectInvalid(() => new RosScalingGroup(stack, 'Asg2', { ...base, launchTemplateOverrides: [loop] }, false),
      /L1\/Asg2: launchTemplateOverrides\[0\]\.self\[0\] must not hold a list or object it is in/);
  });
});

describe('RosLifecycleHook', () => {
  const base = { scalingGroupId: 'asg-1', lifecycleTransition: 'SCALE_IN' };
  const ARN = 'must be "acs:ess:{region}:{account}:queue/{name}", "acs:ess:{region}:{account}:topic/{name}" or '
    + '"acs:ess:{region}:{account}:oos/{template}" (Auto Scaling\'s form: service "ess", singular "queue" or "topic", no slash)';

  test('renders every property with its ROS name and exposes the attributes', () => {
    const { stack } = newStack('L1');
    expect(RosLifecycleHook.ROS_RESOURCE_TYPE_NAME).toBe('ALIYUN::ESS::LifecycleHook');
    const hook = new RosLifecycleHook(stack, 'Hook', {
      ...base,
      defaultResult: 'ABANDON',
      heartbeatTimeout: 900,
      lifecycleHookName: 'drain.web-1',
      notificationArn: 'acs:ess:cn-hangzhou:123:topic/hooks',
      notificationMetadata: '{"tier":"web"}',
    }, true);
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.hasResource('ALIYUN::ESS::LifecycleHook', {
      Properties: Match.objectEquals({
        ScalingGroupId: 'asg-1',
        LifecycleTransition: 'SCALE_IN',
        DefaultResult: 'ABANDON',
        HeartbeatTimeout: 900,
        LifecycleHookName: 'drain.web-1',
        NotificationArn: 'acs:ess:cn-hangzhou:123:topic/hooks',
        NotificationMetadata: '{"tier":"web"}',
      }),
    });
    expect(hook.enableResourcePropertyConstraint).toBe(true);
    expect(stack.resolve(hook.attrLifecycleHookId)).toEqual(getAtt('Hook', 'LifecycleHookId'));
    expect(stack.resolve(hook.attrScalingGroupId)).toEqual(getAtt('Hook', 'ScalingGroupId'));
  });

  test.each([
    [{ lifecycleTransition: 'SCALE_IN' }, 'L1/Hook: scalingGroupId is required, got undefined'],
    [{ scalingGroupId: 'asg-1' }, 'L1/Hook: lifecycleTransition is required, got undefined'],
    [{ ...base, lifecycleTransition: 'TERMINATE' }, 'L1/Hook: lifecycleTransition must be one of "SCALE_OUT", "SCALE_IN", got "TERMINATE"'],
    [{ ...base, defaultResult: 'RETRY' }, 'L1/Hook: defaultResult must be one of "CONTINUE", "ABANDON", "ROLLBACK", got "RETRY"'],
    [{ ...base, heartbeatTimeout: 29 }, 'L1/Hook: heartbeatTimeout must be an integer between 30 and 21600 seconds, got 29'],
    [{ ...base, heartbeatTimeout: 21601 }, 'L1/Hook: heartbeatTimeout must be an integer between 30 and 21600 seconds, got 21601'],
    [{ ...base, lifecycleHookName: 'x'.repeat(65) }, 'L1/Hook: lifecycleHookName must be between 2 and 64 characters long (length 65)'],
    [{ ...base, lifecycleHookName: '.hook' }, 'L1/Hook: lifecycleHookName must contain only letters, digits, Chinese characters, underscores, hyphens and periods, and start with a letter, digit or Chinese character, got ".hook"'],
    [{ ...base, notificationArn: 'acs:mns:cn-hangzhou:123:queue/q' }, `L1/Hook: notificationArn ${ARN}, got "acs:mns:cn-hangzhou:123:queue/q"`],
    [{ ...base, notificationArn: 'acs:ess:cn-hangzhou:123:cloudmonitor' }, `L1/Hook: notificationArn ${ARN}, got "acs:ess:cn-hangzhou:123:cloudmonitor"`],
    [{ ...base, notificationArn: `acs:ess:cn-hangzhou:123:queue/${'q'.repeat(300)}` }, `L1/Hook: notificationArn ${ARN}`],
    [{ ...base, notificationMetadata: 'm'.repeat(4097) }, 'L1/Hook: notificationMetadata must be at most 4096 characters long (length 4097)'],
    [{ ...base, notificationMetadata: '😀'.repeat(4097) }, 'L1/Hook: notificationMetadata must be at most 4096 characters long (length 4097)'],
    [{ ...base, notificationMetadata: '' }, 'L1/Hook: notificationMetadata must be between 1 and 4096 characters long (length 0), got ""'],
    [{ ...base, notificationMetadata: 'bell\u0007' }, 'L1/Hook: notificationMetadata must contain only characters that are not control characters (tabs and line breaks are fine), got "bell\\u0007"'],
  ].map(([props, message]) => [message, props]))('rejects: %s', (message, props) => {
    const { stack } = newStack('L1');
    expectInvalid(() => new RosLifecycleHook(stack, 'Hook', props as any, true), message as string);
  });

  test('takes the boundaries, an OOS template, a Chinese name, and tokens', () => {
    const { stack } = newStack('L1');
    expect(() => new RosLifecycleHook(stack, 'H1', { ...base, heartbeatTimeout: 30, notificationMetadata: 'm'.repeat(4096), lifecycleHookName: '挂钩_1' }, true)).not.toThrow();
    // metadata is counted in characters (code points), not UTF-16 units
    expect(() => new RosLifecycleHook(stack, 'H4', { ...base, notificationMetadata: '😀'.repeat(4096) }, true)).not.toThrow();
    expect(() => new RosLifecycleHook(stack, 'H2', { ...base, heartbeatTimeout: 21600, defaultResult: 'ROLLBACK', notificationArn: 'acs:ess:cn-hangzhou:123:oos/ACS-ESS-LifeCycle' }, true)).not.toThrow();
    const n = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    const s = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => new RosLifecycleHook(stack, 'H3', {
      scalingGroupId: s, lifecycleTransition: s, defaultResult: s, heartbeatTimeout: n, lifecycleHookName: s, notificationArn: s, notificationMetadata: s,
    }, true)).not.toThrow();
  });

  test('props changed after construction are checked again at synth; the flag turns the checks off', () => {
    const { app, stack } = newStack('L1');
    const hook = new RosLifecycleHook(stack, 'Hook', base, true);
    hook.heartbeatTimeout = 86400;
    expect(() => app.synth()).toThrow('L1/Hook: heartbeatTimeout must be an integer between 30 and 21600 seconds, got 86400');
    const other = newStack('L1');
    const off = new RosLifecycleHook(other.stack, 'Hook', { ...base, heartbeatTimeout: 1 }, false);
    off.notificationArn = 'anything';
    expect(() => Template.fromStack(other.stack)).not.toThrow();
  });
});
