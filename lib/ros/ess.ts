/**
 * L1 classes for the ROS types `ALIYUN::ESS::ScalingGroup` and `ALIYUN::ESS::LifecycleHook` (no `@alicloud/ros-cdk-ess`
 * package is on the registry), in the shape of generated ROS CDK L1s: mutable props, the
 * `enableResourcePropertyConstraint` constructor argument and `ROS_RESOURCE_TYPE_NAME`, so that a future upstream
 * package is a change of import. They render properties and check literal values against the documented constraints,
 * nothing more.
 *
 * References: https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ess-scalinggroup ,
 * https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ess-lifecyclehook , and the property constraints
 * of the generated ROS CDK L1s of the same types (aliyun/Resource-Orchestration-Service-Cloud-Development-Kit,
 * `ess.generated.ts`), which follow the schema ROS validates templates against. Where the two disagree, the constraint
 * taken is named at the rule below.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { checkPropsTree, checkTags } from './mns-rules';
import { Attributes, renderKeys, ValidatedProps } from './render';
import { identityOf } from '../core/names';
import { checkText, fragmentsOf, literalText, TextRule } from '../core/text';
import { checkBoolean, checkOneOf, checkRequired, checkRule, invalid, isUnresolved, RangeRule, requireProps, ValidationError } from '../core/validation';

// ---------------------------------------------------------------------------------------------------------------------
// ALIYUN::ESS::ScalingGroup
// ---------------------------------------------------------------------------------------------------------------------

/** Properties of `ALIYUN::ESS::ScalingGroup`. */
export interface RosScalingGroupProps {
  /** MaxSize: the most ECS instances in the group, 0 to 2000. */
  readonly maxSize: number | ros.IResolvable;
  /** MinSize: the fewest ECS instances in the group, 0 to 2000 (at most MaxSize). */
  readonly minSize: number | ros.IResolvable;
  /** AllocationStrategy: `priority` or `lowestPrice` (with MultiAZPolicy COMPOSABLE). @default priority */
  readonly allocationStrategy?: string | ros.IResolvable;
  /** AzBalance: spread instances evenly across zones (with MultiAZPolicy COMPOSABLE). @default false */
  readonly azBalance?: boolean | ros.IResolvable;
  /** CompensateWithOnDemand: make pay-as-you-go instances when preemptible ones cannot be made. @default true */
  readonly compensateWithOnDemand?: boolean | ros.IResolvable;
  /** ContainerGroupId: the elastic container instance the group takes its configuration from. @default - none */
  readonly containerGroupId?: string | ros.IResolvable;
  /** CustomPolicyARN: the function of a custom scale-in policy (with RemovalPolicys `CustomPolicy`). @default - none */
  readonly customPolicyArn?: string | ros.IResolvable;
  /** DBInstanceIds: ApsaraDB RDS instances whose whitelists get the instances' addresses, at most 100. @default - none */
  readonly dbInstanceIds?: Array<string | ros.IResolvable> | ros.IResolvable;
  /** DefaultCooldown: the cool-down time in seconds, 0 to 86400. @default 300 */
  readonly defaultCooldown?: number | ros.IResolvable;
  /** DesiredCapacity: the number of instances the group keeps, between MinSize and MaxSize. @default - none */
  readonly desiredCapacity?: number | ros.IResolvable;
  /** GroupDeletionProtection: refuse to delete the group. @default false */
  readonly groupDeletionProtection?: boolean | ros.IResolvable;
  /** GroupType: `ECS` or `ECI`. @default ECS */
  readonly groupType?: string | ros.IResolvable;
  /** HealthCheckType: the health check, such as `ECS` or `NONE`. @default ECS */
  readonly healthCheckType?: string | ros.IResolvable;
  /** HealthCheckTypes: several health checks. @default - HealthCheckType */
  readonly healthCheckTypes?: Array<string | ros.IResolvable> | ros.IResolvable;
  /** InstanceId: the ECS instance the group takes its configuration from. @default - none */
  readonly instanceId?: string | ros.IResolvable;
  /** LaunchTemplateId: the launch template the group takes its configuration from. @default - none */
  readonly launchTemplateId?: string | ros.IResolvable;
  /** LaunchTemplateOverrides: at most 10 instance types that override the launch template's. @default - none */
  readonly launchTemplateOverrides?: Array<RosScalingGroup.LaunchTemplateOverridesProperty | ros.IResolvable> | ros.IResolvable;
  /** LaunchTemplateVersion: a version number, `Default` or `Latest`. @default Default */
  readonly launchTemplateVersion?: string | ros.IResolvable;
  /** LoadBalancerIds: CLB instances the instances join, at most 100. @default - none */
  readonly loadBalancerIds?: Array<string | ros.IResolvable> | ros.IResolvable;
  /** MaxInstanceLifetime: the longest life of an instance in seconds, at least 86400. @default - unlimited */
  readonly maxInstanceLifetime?: number | ros.IResolvable;
  /** MultiAZPolicy: `PRIORITY`, `BALANCE`, `COST_OPTIMIZED` or `COMPOSABLE`. @default PRIORITY */
  readonly multiAzPolicy?: string | ros.IResolvable;
  /**
   * NotificationConfigurations: where Auto Scaling sends notifications of scaling events, at most 6 entries with
   * distinct ARNs. `ScalingNotifications.of(group).add(...)` (in `sources`) fills it for you. @default - none
   */
  readonly notificationConfigurations?: Array<RosScalingGroup.NotificationConfigurationsProperty | ros.IResolvable> | ros.IResolvable;
  /** OnDemandBaseCapacity: the fewest pay-as-you-go instances, 0 to 1000. @default - none */
  readonly onDemandBaseCapacity?: number | ros.IResolvable;
  /** OnDemandPercentageAboveBaseCapacity: the share of pay-as-you-go instances above the base, 0 to 100. @default - none */
  readonly onDemandPercentageAboveBaseCapacity?: number | ros.IResolvable;
  /** ProtectedInstances: ECS instances in protected mode, at most 1000. @default - none */
  readonly protectedInstances?: Array<string | ros.IResolvable> | ros.IResolvable;
  /**
   * RemovalPolicys: at most 3 distinct policies: `OldestInstance`, `NewestInstance`, `OldestScalingConfiguration`,
   * `CustomPolicy` (first only). @default - the service's default
   */
  readonly removalPolicys?: Array<string | ros.IResolvable> | ros.IResolvable;
  /** ResourceGroupId: the resource group. @default - the default resource group */
  readonly resourceGroupId?: string | ros.IResolvable;
  /**
   * ScalingGroupName: 2 to 64 letters, digits, Chinese characters, underscores, hyphens and periods, starting with a
   * letter, digit or Chinese character; unique in the region. @default - the group's ID
   */
  readonly scalingGroupName?: string | ros.IResolvable;
  /** ScalingPolicy: the reclaim mode, `recycle`, `release` or `forcerelease`. @default release */
  readonly scalingPolicy?: string | ros.IResolvable;
  /** ServerGroups: ALB or NLB server groups the instances join, at most 100. @default - none */
  readonly serverGroups?: Array<RosScalingGroup.ServerGroupsProperty | ros.IResolvable> | ros.IResolvable;
  /** SpotAllocationStrategy: `priority` or `lowestPrice` (with MultiAZPolicy COMPOSABLE). @default priority */
  readonly spotAllocationStrategy?: string | ros.IResolvable;
  /** SpotInstancePools: the number of instance types for preemptible instances, 1 to 10. @default - none */
  readonly spotInstancePools?: number | ros.IResolvable;
  /** SpotInstanceRemedy: replace preemptible instances about to be reclaimed. @default - the service's default */
  readonly spotInstanceRemedy?: boolean | ros.IResolvable;
  /** StandbyInstances: ECS instances in standby mode, at most 1000. @default - none */
  readonly standbyInstances?: Array<string | ros.IResolvable> | ros.IResolvable;
  /** Tags: at most 20. @default - no tags */
  readonly tags?: RosScalingGroup.TagsProperty[];
  /** VSwitchId: the vSwitch of a VPC group. @default - VSwitchIds */
  readonly vSwitchId?: string | ros.IResolvable;
  /** VSwitchIds: 1 to 8 vSwitches, in priority order (over VSwitchId). @default - VSwitchId */
  readonly vSwitchIds?: Array<string | ros.IResolvable> | ros.IResolvable;
}

/**
 * The ROS resource `ALIYUN::ESS::ScalingGroup`. A group does not scale until it is enabled
 * (`ALIYUN::ESS::ScalingGroupEnable`, with a scaling configuration or a launch template).
 */
export class RosScalingGroup extends ros.RosResource {
  /** The ROS resource type. */
  public static readonly ROS_RESOURCE_TYPE_NAME = 'ALIYUN::ESS::ScalingGroup';

  /** Whether literal property values are checked against the documented constraints (the stack's setting). */
  public enableResourcePropertyConstraint: boolean;
  private readonly attributes = new Attributes(this);
  private readonly validated: ValidatedProps;

  /** Attribute ScalingGroupId. */
  public get attrScalingGroupId(): ros.IResolvable {
    return this.attributes.get('ScalingGroupId');
  }
  /** Attribute ScalingGroupName. */
  public get attrScalingGroupName(): ros.IResolvable {
    return this.attributes.get('ScalingGroupName');
  }

  /** MaxSize. */
  public maxSize: number | ros.IResolvable;
  /** MinSize. */
  public minSize: number | ros.IResolvable;
  /** AllocationStrategy. */
  public allocationStrategy: string | ros.IResolvable | undefined;
  /** AzBalance. */
  public azBalance: boolean | ros.IResolvable | undefined;
  /** CompensateWithOnDemand. */
  public compensateWithOnDemand: boolean | ros.IResolvable | undefined;
  /** ContainerGroupId. */
  public containerGroupId: string | ros.IResolvable | undefined;
  /** CustomPolicyARN. */
  public customPolicyArn: string | ros.IResolvable | undefined;
  /** DBInstanceIds. */
  public dbInstanceIds: Array<string | ros.IResolvable> | ros.IResolvable | undefined;
  /** DefaultCooldown. */
  public defaultCooldown: number | ros.IResolvable | undefined;
  /** DesiredCapacity. */
  public desiredCapacity: number | ros.IResolvable | undefined;
  /** GroupDeletionProtection. */
  public groupDeletionProtection: boolean | ros.IResolvable | undefined;
  /** GroupType. */
  public groupType: string | ros.IResolvable | undefined;
  /** HealthCheckType. */
  public healthCheckType: string | ros.IResolvable | undefined;
  /** HealthCheckTypes. */
  public healthCheckTypes: Array<string | ros.IResolvable> | ros.IResolvable | undefined;
  /** InstanceId. */
  public instanceId: string | ros.IResolvable | undefined;
  /** LaunchTemplateId. */
  public launchTemplateId: string | ros.IResolvable | undefined;
  /** LaunchTemplateOverrides. */
  public launchTemplateOverrides: Array<RosScalingGroup.LaunchTemplateOverridesProperty | ros.IResolvable> | ros.IResolvable | undefined;
  /** LaunchTemplateVersion. */
  public launchTemplateVersion: string | ros.IResolvable | undefined;
  /** LoadBalancerIds. */
  public loadBalancerIds: Array<string | ros.IResolvable> | ros.IResolvable | undefined;
  /** MaxInstanceLifetime. */
  public maxInstanceLifetime: number | ros.IResolvable | undefined;
  /** MultiAZPolicy. */
  public multiAzPolicy: string | ros.IResolvable | undefined;
  /** NotificationConfigurations. */
  public notificationConfigurations: Array<RosScalingGroup.NotificationConfigurationsProperty | ros.IResolvable> | ros.IResolvable | undefined;
  /** OnDemandBaseCapacity. */
  public onDemandBaseCapacity: number | ros.IResolvable | undefined;
  /** OnDemandPercentageAboveBaseCapacity. */
  public onDemandPercentageAboveBaseCapacity: number | ros.IResolvable | undefined;
  /** ProtectedInstances. */
  public protectedInstances: Array<string | ros.IResolvable> | ros.IResolvable | undefined;
  /** RemovalPolicys. */
  public removalPolicys: Array<string | ros.IResolvable> | ros.IResolvable | undefined;
  /** ResourceGroupId. */
  public resourceGroupId: string | ros.IResolvable | undefined;
  /** ScalingGroupName. */
  public scalingGroupName: string | ros.IResolvable | undefined;
  /** ScalingPolicy. */
  public scalingPolicy: string | ros.IResolvable | undefined;
  /** ServerGroups. */
  public serverGroups: Array<RosScalingGroup.ServerGroupsProperty | ros.IResolvable> | ros.IResolvable | undefined;
  /** SpotAllocationStrategy. */
  public spotAllocationStrategy: string | ros.IResolvable | undefined;
  /** SpotInstancePools. */
  public spotInstancePools: number | ros.IResolvable | undefined;
  /** SpotInstanceRemedy. */
  public spotInstanceRemedy: boolean | ros.IResolvable | undefined;
  /** StandbyInstances. */
  public standbyInstances: Array<string | ros.IResolvable> | ros.IResolvable | undefined;
  /** Tags. */
  public tags: RosScalingGroup.TagsProperty[] | undefined;
  /** VSwitchId. */
  public vSwitchId: string | ros.IResolvable | undefined;
  /** VSwitchIds. */
  public vSwitchIds: Array<string | ros.IResolvable> | ros.IResolvable | undefined;

  /**
   * @param scope scope in which this resource is defined
   * @param id scoped id of the resource (its logical id)
   * @param props resource properties
   * @param enableResourcePropertyConstraint check literal values against the documented constraints
   */
  constructor(scope: ros.Construct, id: string, props: RosScalingGroupProps, enableResourcePropertyConstraint: boolean) {
    super(scope, id, { type: RosScalingGroup.ROS_RESOURCE_TYPE_NAME, properties: props });
    requireProps(this, props, '{ minSize, maxSize, ... }');
    this.enableResourcePropertyConstraint = enableResourcePropertyConstraint;
    this.maxSize = props.maxSize;
    this.minSize = props.minSize;
    this.allocationStrategy = props.allocationStrategy;
    this.azBalance = props.azBalance;
    this.compensateWithOnDemand = props.compensateWithOnDemand;
    this.containerGroupId = props.containerGroupId;
    this.customPolicyArn = props.customPolicyArn;
    this.dbInstanceIds = props.dbInstanceIds;
    this.defaultCooldown = props.defaultCooldown;
    this.desiredCapacity = props.desiredCapacity;
    this.groupDeletionProtection = props.groupDeletionProtection;
    this.groupType = props.groupType;
    this.healthCheckType = props.healthCheckType;
    this.healthCheckTypes = props.healthCheckTypes;
    this.instanceId = props.instanceId;
    this.launchTemplateId = props.launchTemplateId;
    this.launchTemplateOverrides = props.launchTemplateOverrides;
    this.launchTemplateVersion = props.launchTemplateVersion;
    this.loadBalancerIds = props.loadBalancerIds;
    this.maxInstanceLifetime = props.maxInstanceLifetime;
    this.multiAzPolicy = props.multiAzPolicy;
    this.notificationConfigurations = props.notificationConfigurations;
    this.onDemandBaseCapacity = props.onDemandBaseCapacity;
    this.onDemandPercentageAboveBaseCapacity = props.onDemandPercentageAboveBaseCapacity;
    this.protectedInstances = props.protectedInstances;
    this.removalPolicys = props.removalPolicys;
    this.resourceGroupId = props.resourceGroupId;
    this.scalingGroupName = props.scalingGroupName;
    this.scalingPolicy = props.scalingPolicy;
    this.serverGroups = props.serverGroups;
    this.spotAllocationStrategy = props.spotAllocationStrategy;
    this.spotInstancePools = props.spotInstancePools;
    this.spotInstanceRemedy = props.spotInstanceRemedy;
    this.standbyInstances = props.standbyInstances;
    this.tags = props.tags;
    this.vSwitchId = props.vSwitchId;
    this.vSwitchIds = props.vSwitchIds;
    this.validated = new ValidatedProps(this, this.rosProperties, validateScalingGroupProps);
  }

  protected override get rosProperties(): { [key: string]: any } {
    const props = {
      maxSize: this.maxSize,
      minSize: this.minSize,
      allocationStrategy: this.allocationStrategy,
      azBalance: this.azBalance,
      compensateWithOnDemand: this.compensateWithOnDemand,
      containerGroupId: this.containerGroupId,
      customPolicyArn: this.customPolicyArn,
      dbInstanceIds: this.dbInstanceIds,
      defaultCooldown: this.defaultCooldown,
      desiredCapacity: this.desiredCapacity,
      groupDeletionProtection: this.groupDeletionProtection,
      groupType: this.groupType,
      healthCheckType: this.healthCheckType,
      healthCheckTypes: this.healthCheckTypes,
      instanceId: this.instanceId,
      launchTemplateId: this.launchTemplateId,
      launchTemplateOverrides: this.launchTemplateOverrides,
      launchTemplateVersion: this.launchTemplateVersion,
      loadBalancerIds: this.loadBalancerIds,
      maxInstanceLifetime: this.maxInstanceLifetime,
      multiAzPolicy: this.multiAzPolicy,
      notificationConfigurations: this.notificationConfigurations,
      onDemandBaseCapacity: this.onDemandBaseCapacity,
      onDemandPercentageAboveBaseCapacity: this.onDemandPercentageAboveBaseCapacity,
      protectedInstances: this.protectedInstances,
      removalPolicys: this.removalPolicys,
      resourceGroupId: this.resourceGroupId,
      scalingGroupName: this.scalingGroupName,
      scalingPolicy: this.scalingPolicy,
      serverGroups: this.serverGroups,
      spotAllocationStrategy: this.spotAllocationStrategy,
      spotInstancePools: this.spotInstancePools,
      spotInstanceRemedy: this.spotInstanceRemedy,
      standbyInstances: this.standbyInstances,
      tags: this.tags,
      vSwitchId: this.vSwitchId,
      vSwitchIds: this.vSwitchIds,
    };
    // props that cannot be rendered (a cycle) get a ValidationError, whatever enableResourcePropertyConstraint says
    checkPropsTree(this, props);
    return props;
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    this.validated.recheck(this.rosProperties);
    const out = renderKeys(props, {
      maxSize: 'MaxSize',
      minSize: 'MinSize',
      allocationStrategy: 'AllocationStrategy',
      azBalance: 'AzBalance',
      compensateWithOnDemand: 'CompensateWithOnDemand',
      containerGroupId: 'ContainerGroupId',
      customPolicyArn: 'CustomPolicyARN',
      dbInstanceIds: 'DBInstanceIds',
      defaultCooldown: 'DefaultCooldown',
      desiredCapacity: 'DesiredCapacity',
      groupDeletionProtection: 'GroupDeletionProtection',
      groupType: 'GroupType',
      healthCheckType: 'HealthCheckType',
      healthCheckTypes: 'HealthCheckTypes',
      instanceId: 'InstanceId',
      launchTemplateId: 'LaunchTemplateId',
      launchTemplateOverrides: 'LaunchTemplateOverrides',
      launchTemplateVersion: 'LaunchTemplateVersion',
      loadBalancerIds: 'LoadBalancerIds',
      maxInstanceLifetime: 'MaxInstanceLifetime',
      multiAzPolicy: 'MultiAZPolicy',
      notificationConfigurations: 'NotificationConfigurations',
      onDemandBaseCapacity: 'OnDemandBaseCapacity',
      onDemandPercentageAboveBaseCapacity: 'OnDemandPercentageAboveBaseCapacity',
      protectedInstances: 'ProtectedInstances',
      removalPolicys: 'RemovalPolicys',
      resourceGroupId: 'ResourceGroupId',
      scalingGroupName: 'ScalingGroupName',
      scalingPolicy: 'ScalingPolicy',
      serverGroups: 'ServerGroups',
      spotAllocationStrategy: 'SpotAllocationStrategy',
      spotInstancePools: 'SpotInstancePools',
      spotInstanceRemedy: 'SpotInstanceRemedy',
      standbyInstances: 'StandbyInstances',
      tags: 'Tags',
      vSwitchId: 'VSwitchId',
      vSwitchIds: 'VSwitchIds',
    })!;
    out.LaunchTemplateOverrides = renderItems(out.LaunchTemplateOverrides, {
      instanceType: 'InstanceType', spotPriceLimit: 'SpotPriceLimit', weightedCapacity: 'WeightedCapacity',
    });
    out.NotificationConfigurations = renderItems(out.NotificationConfigurations, {
      notificationArn: 'NotificationArn', notificationTypes: 'NotificationTypes',
    });
    out.ServerGroups = renderItems(out.ServerGroups, { serverGroupId: 'ServerGroupId', type: 'Type', port: 'Port', weight: 'Weight' });
    out.Tags = renderItems(out.Tags, { key: 'Key', value: 'Value' });
    for (const key of Object.keys(out)) {
      if (out[key] === undefined) {
        delete out[key];
      }
    }
    return out;
  }
}

/** Types nested in `RosScalingGroup`'s properties. */
export namespace RosScalingGroup {
  /** One entry of `LaunchTemplateOverrides`. */
  export interface LaunchTemplateOverridesProperty {
    /** InstanceType: the instance type that overrides the launch template's. @default - none */
    readonly instanceType?: string | ros.IResolvable;
    /** SpotPriceLimit: the highest bid for the instance type. @default - none */
    readonly spotPriceLimit?: number | ros.IResolvable;
    /** WeightedCapacity: the weight of the instance type, 1 to 500. @default - none */
    readonly weightedCapacity?: number | ros.IResolvable;
  }

  /** One entry of `NotificationConfigurations`: where notifications of which scaling events go. */
  export interface NotificationConfigurationsProperty {
    /**
     * NotificationArn: `acs:ess:{region}:{account}:queue/{name}`, `acs:ess:{region}:{account}:topic/{name}` or
     * `acs:ess:{region}:{account}:cloudmonitor`, in the group's region and account.
     */
    readonly notificationArn: string | ros.IResolvable;
    /** NotificationTypes: 1 to 8 event types, such as `AUTOSCALING:SCALE_OUT_ERROR`. */
    readonly notificationTypes: Array<string | ros.IResolvable> | ros.IResolvable;
  }

  /** One entry of `ServerGroups`. */
  export interface ServerGroupsProperty {
    /** ServerGroupId: the server group. */
    readonly serverGroupId: string | ros.IResolvable;
    /** Type: the kind of server group, such as `ALB` or `NLB`. */
    readonly type: string | ros.IResolvable;
    /** Port: the port the instances serve on, 1 to 65535. */
    readonly port: number | ros.IResolvable;
    /** Weight: the weight of the instances in the server group, 0 (no requests) to 100. */
    readonly weight: number | ros.IResolvable;
  }

  /** One tag. */
  export interface TagsProperty {
    /** Key: 1 to 128 characters. */
    readonly key: string | ros.IResolvable;
    /** Value: up to 128 characters. @default - no value */
    readonly value?: string | ros.IResolvable;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// ALIYUN::ESS::LifecycleHook
// ---------------------------------------------------------------------------------------------------------------------

/** Properties of `ALIYUN::ESS::LifecycleHook`. */
export interface RosLifecycleHookProps {
  /** LifecycleTransition: the scaling activities the hook pauses, `SCALE_OUT` or `SCALE_IN`. */
  readonly lifecycleTransition: string | ros.IResolvable;
  /** ScalingGroupId: the scaling group. */
  readonly scalingGroupId: string | ros.IResolvable;
  /**
   * DefaultResult: what the group does when the hook times out: `CONTINUE`, `ABANDON` or `ROLLBACK` (in a scale-out,
   * the same as ABANDON). @default CONTINUE
   */
  readonly defaultResult?: string | ros.IResolvable;
  /** HeartbeatTimeout: how long the activity waits, 30 to 21600 seconds. @default 600 */
  readonly heartbeatTimeout?: number | ros.IResolvable;
  /**
   * LifecycleHookName: 2 to 64 letters, digits, Chinese characters, underscores, hyphens and periods, starting with a
   * letter, digit or Chinese character; unique in the group. @default - the hook's ID
   */
  readonly lifecycleHookName?: string | ros.IResolvable;
  /**
   * NotificationArn: where the hook sends its notification: `acs:ess:{region}:{account}:queue/{name}`,
   * `acs:ess:{region}:{account}:topic/{name}` or `acs:ess:{region}:{account}:oos/{template}`, in the group's region.
   * @default - no notification
   */
  readonly notificationArn?: string | ros.IResolvable;
  /** NotificationMetadata: text sent with each notification, at most 4096 characters. @default - none */
  readonly notificationMetadata?: string | ros.IResolvable;
}

/** The ROS resource `ALIYUN::ESS::LifecycleHook`. */
export class RosLifecycleHook extends ros.RosResource {
  /** The ROS resource type. */
  public static readonly ROS_RESOURCE_TYPE_NAME = 'ALIYUN::ESS::LifecycleHook';

  /** Whether literal property values are checked against the documented constraints (the stack's setting). */
  public enableResourcePropertyConstraint: boolean;
  private readonly attributes = new Attributes(this);
  private readonly validated: ValidatedProps;

  /** Attribute LifecycleHookId. */
  public get attrLifecycleHookId(): ros.IResolvable {
    return this.attributes.get('LifecycleHookId');
  }
  /** Attribute ScalingGroupId: the group the hook belongs to. */
  public get attrScalingGroupId(): ros.IResolvable {
    return this.attributes.get('ScalingGroupId');
  }

  /** LifecycleTransition. */
  public lifecycleTransition: string | ros.IResolvable;
  /** ScalingGroupId. */
  public scalingGroupId: string | ros.IResolvable;
  /** DefaultResult. */
  public defaultResult: string | ros.IResolvable | undefined;
  /** HeartbeatTimeout. */
  public heartbeatTimeout: number | ros.IResolvable | undefined;
  /** LifecycleHookName. */
  public lifecycleHookName: string | ros.IResolvable | undefined;
  /** NotificationArn. */
  public notificationArn: string | ros.IResolvable | undefined;
  /** NotificationMetadata. */
  public notificationMetadata: string | ros.IResolvable | undefined;

  /**
   * @param scope scope in which this resource is defined
   * @param id scoped id of the resource (its logical id)
   * @param props resource properties
   * @param enableResourcePropertyConstraint check literal values against the documented constraints
   */
  constructor(scope: ros.Construct, id: string, props: RosLifecycleHookProps, enableResourcePropertyConstraint: boolean) {
    super(scope, id, { type: RosLifecycleHook.ROS_RESOURCE_TYPE_NAME, properties: props });
    requireProps(this, props, '{ scalingGroupId, lifecycleTransition, ... }');
    this.enableResourcePropertyConstraint = enableResourcePropertyConstraint;
    this.lifecycleTransition = props.lifecycleTransition;
    this.scalingGroupId = props.scalingGroupId;
    this.defaultResult = props.defaultResult;
    this.heartbeatTimeout = props.heartbeatTimeout;
    this.lifecycleHookName = props.lifecycleHookName;
    this.notificationArn = props.notificationArn;
    this.notificationMetadata = props.notificationMetadata;
    this.validated = new ValidatedProps(this, this.rosProperties, validateLifecycleHookProps);
  }

  protected override get rosProperties(): { [key: string]: any } {
    return {
      lifecycleTransition: this.lifecycleTransition,
      scalingGroupId: this.scalingGroupId,
      defaultResult: this.defaultResult,
      heartbeatTimeout: this.heartbeatTimeout,
      lifecycleHookName: this.lifecycleHookName,
      notificationArn: this.notificationArn,
      notificationMetadata: this.notificationMetadata,
    };
  }

  protected override renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    this.validated.recheck(this.rosProperties);
    return renderKeys(props, {
      lifecycleTransition: 'LifecycleTransition',
      scalingGroupId: 'ScalingGroupId',
      defaultResult: 'DefaultResult',
      heartbeatTimeout: 'HeartbeatTimeout',
      lifecycleHookName: 'LifecycleHookName',
      notificationArn: 'NotificationArn',
      notificationMetadata: 'NotificationMetadata',
    })!;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The documented constraints, each written once (the sources/ constructs check their own props against them)
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Names of scaling groups and lifecycle hooks: 2 to 64 letters, digits, Chinese characters, underscores, hyphens and
 * periods, starting with a letter, digit or Chinese character. The ESS API references (CreateLifecycleHook,
 * CreateScalingGroup) and the generated L1s' pattern allow 64; the ROS reference pages still say 40.
 *
 * @internal
 */
export const ESS_NAME: TextRule = {
  minLength: 2,
  maxLength: 64,
  chars: /[A-Za-z0-9_.\u4e00-\u9fa5-]/,
  first: /[A-Za-z0-9\u4e00-\u9fa5]/,
  charset: 'letters, digits, Chinese characters, underscores, hyphens and periods, and start with a letter, digit or Chinese character',
};

/**
 * The constraints of `ALIYUN::ESS::LifecycleHook`.
 *
 * @internal
 */
export const LIFECYCLE_HOOK_RULES = {
  /**
   * HeartbeatTimeout: 30 to 21600 seconds, as the ROS reference and the ESS API references (CreateLifecycleHook,
   * ModifyLifecycleHook, RecordLifecycleActionHeartbeat) say; the generated L1's comment says 86400.
   */
  heartbeatTimeout: { min: 30, max: 21600, unit: 'seconds' } satisfies RangeRule,
  /**
   * NotificationMetadata: at most 4096 characters, as the ESS API references (CreateLifecycleHook,
   * ModifyLifecycleHook) and the generated L1's check say; the ROS reference page says 128.
   */
  metadataMaxLength: 4096,
  /** LifecycleTransition. */
  transitions: ['SCALE_OUT', 'SCALE_IN'] as readonly string[],
  /** DefaultResult: ROLLBACK is in the generated L1's check and the ESS API reference of ModifyLifecycleHook. */
  defaultResults: ['CONTINUE', 'ABANDON', 'ROLLBACK'] as readonly string[],
  /**
   * The most lifecycle hooks one scaling group takes: 10 (the 2022-02-22 CreateLifecycleHook reference,
   * https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-createlifecyclehook ;
   * earlier references said 6).
   */
  maxPerGroup: 10,
};

/**
 * The constraints of `ALIYUN::ESS::ScalingGroup.NotificationConfigurations`.
 *
 * @internal
 */
export const NOTIFICATION_RULES = {
  /**
   * The most notification rules one scaling group takes: "You can create up to six event notification rules in a
   * scaling group" (https://www.alibabacloud.com/help/doc-detail/141898.htm).
   */
  maxPerGroup: 6,
  /** NotificationTypes: 1 to 8 types (the generated L1's check; `NotificationType.N`, N 1 to 8, in CreateNotificationConfiguration). */
  maxTypes: 8,
};

/** The characters NotificationMetadata may hold; its length is counted by {@link checkNotificationMetadata}. */
const METADATA_CHARS: TextRule = {
  minLength: 1,
  // UTF-16 units are at most twice the characters: the length itself is checked in characters before
  maxLength: 2 * LIFECYCLE_HOOK_RULES.metadataMaxLength,
  chars: /[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/,
  charset: 'characters that are not control characters (tabs and line breaks are fine)',
};

/**
 * Checks a lifecycle hook's NotificationMetadata: 1 to 4096 characters (Unicode code points: the references say
 * "characters", so an emoji, two UTF-16 units in JavaScript, counts once), no control characters but tabs and line
 * breaks. With tokens, the literal text alone must fit. Skips `undefined` and `IResolvable` objects.
 *
 * @internal
 */
export function checkNotificationMetadata(scope: ros.IConstruct, prop: string, value: unknown): void {
  const text = literalOrUndefined(value);
  if (text === undefined) {
    return;
  }
  if (typeof text !== 'string') {
    throw invalid(scope, prop, text, 'must be a string');
  }
  const max = LIFECYCLE_HOOK_RULES.metadataMaxLength;
  const fragments = fragmentsOf(scope, text);
  const length = [...literalText(fragments)].length;
  if (!isUnresolved(text) && (length < 1 || length > max)) {
    throw invalid(scope, prop, text, `must be ${length > max ? 'at most' : 'between 1 and'} ${max} characters long (length ${length})`);
  }
  if (isUnresolved(text) && length > max) {
    throw invalid(scope, prop, literalText(fragments, '<token>'), `must be at most ${max} characters long, and its literal text alone has ${length}`);
  }
  checkText(scope, prop, text, METADATA_CHARS);
}

const GROUP_RULES = {
  // MinSize and MaxSize: the current generated L1 says 0 to 2000; the ROS reference page still says 1000
  size: { min: 0, max: 2000 },
  defaultCooldown: { min: 0, max: 86400, unit: 'seconds' },
  onDemandBaseCapacity: { min: 0, max: 1000 },
  onDemandPercentageAboveBaseCapacity: { min: 0, max: 100 },
  spotInstancePools: { min: 1, max: 10 },
  maxInstanceLifetime: { min: 86400, max: 2147483647, unit: 'seconds' },
  weightedCapacity: { min: 1, max: 500 },
  // ServerGroups items, as the ROS reference of ALIYUN::ESS::ServerGroupAttachment documents the same items
  // (https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ess-servergroupattachment): Port 1 to 65535,
  // Weight 0 to 100, at most 100 server groups in a scaling group
  port: { min: 1, max: 65535 },
  weight: { min: 0, max: 100 },
} satisfies { readonly [prop: string]: RangeRule };

const STRATEGIES = ['priority', 'lowestPrice'] as const;
const GROUP_TYPES = ['ECS', 'ECI'] as const;
const MULTI_AZ_POLICIES = ['PRIORITY', 'BALANCE', 'COST_OPTIMIZED', 'COMPOSABLE'] as const;
const SCALING_POLICIES = ['recycle', 'release', 'forcerelease'] as const;
const REMOVAL_POLICIES = ['OldestInstance', 'NewestInstance', 'OldestScalingConfiguration', 'CustomPolicy'] as const;
const MAX_SERVER_GROUPS = 100;
const ID_TEXT: TextRule = { minLength: 1, maxLength: 256 };
/** An ARN of a function (CustomPolicyARN): no documented length; whitespace and control characters are refused. */
const ARN_TEXT: TextRule = { minLength: 1, maxLength: 1024 };

/** `acs:ess:{region}:{account}:queue/{name}`, `.../topic/{name}` or `...:cloudmonitor` (the generated L1's pattern). */
const GROUP_NOTIFICATION_ARN = /^acs:ess:[a-zA-Z0-9-]+:\d+:(((queue|topic)\/[a-zA-Z0-9][a-zA-Z0-9-]{0,255})|cloudmonitor)$/;
/** `acs:ess:{region}:{account}:queue/{name}`, `.../topic/{name}` or `.../oos/{template}` (the generated L1's pattern). */
const HOOK_NOTIFICATION_ARN = /^acs:ess:[a-zA-Z0-9-]+:\d+:(queue|topic|oos)\/[a-zA-Z0-9][-_a-zA-Z0-9]{0,255}$/;
const MAX_ARN_LENGTH = 300;

/** A string prop as `checkText` takes it: an `IResolvable` object is skipped (it is all token). */
function literalOrUndefined(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && isUnresolved(value) ? undefined : value as string | undefined;
}

/** A literal list (not a token), with its holes as undefined; `undefined` for a token or nothing. */
function literalList(scope: ros.IConstruct, prop: string, value: unknown, max: number, min = 0): unknown[] | undefined {
  if (value === undefined || value === null || isUnresolved(value)) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw invalid(scope, prop, value, 'must be a list');
  }
  if (value.length < min || value.length > max) {
    throw invalid(scope, prop, `${value.length} items`, min > 0 ? `must have ${min} to ${max} items` : `must have at most ${max} items`);
  }
  return Array.from(value);
}

/** Checks a literal list of IDs: each a non-empty string (or a token). */
function checkIdList(scope: ros.IConstruct, prop: string, value: unknown, max: number, min = 0): string[] | undefined {
  const items = literalList(scope, prop, value, max, min);
  items?.forEach((item, i) => {
    checkRequired(scope, `${prop}[${i}]`, item);
    checkText(scope, `${prop}[${i}]`, literalOrUndefined(item), ID_TEXT);
  });
  return items as string[] | undefined;
}

/** A list item that is a plain object (not a token); `undefined` for a token. */
function literalItem(scope: ros.IConstruct, prop: string, item: unknown, shape: string): { [key: string]: unknown } | undefined {
  if (isUnresolved(item)) {
    return undefined;
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw invalid(scope, prop, item, `must be ${shape}`);
  }
  return item as { [key: string]: unknown };
}

/**
 * Checks an ARN against `pattern`: a literal in full; with tokens, that its literal text (at most 300 characters)
 * starts with `acs:ess:` when it starts with a literal.
 */
function checkArn(scope: ros.IConstruct, prop: string, value: unknown, pattern: RegExp, allowed: string): void {
  if (value === undefined || (typeof value === 'object' && value !== null && isUnresolved(value))) {
    return;
  }
  if (typeof value !== 'string') {
    throw invalid(scope, prop, value, allowed);
  }
  const fragments = fragmentsOf(scope, value);
  const text = literalText(fragments);
  if (!isUnresolved(value)) {
    if (value.length > MAX_ARN_LENGTH || !pattern.test(value)) {
      throw invalid(scope, prop, value, allowed);
    }
    return;
  }
  const first = fragments[0]?.literal;
  if (text.length > MAX_ARN_LENGTH || (first !== undefined && !first.startsWith('acs:ess:') && !'acs:ess:'.startsWith(first))) {
    throw invalid(scope, prop, literalText(fragments, '<token>'), allowed);
  }
}

const GROUP_ARN_ALLOWED = 'must be "acs:ess:{region}:{account}:queue/{name}", "acs:ess:{region}:{account}:topic/{name}" '
  + 'or "acs:ess:{region}:{account}:cloudmonitor" (Auto Scaling\'s form: service "ess", singular "queue" or "topic", no slash)';
const HOOK_ARN_ALLOWED = 'must be "acs:ess:{region}:{account}:queue/{name}", "acs:ess:{region}:{account}:topic/{name}" '
  + 'or "acs:ess:{region}:{account}:oos/{template}" (Auto Scaling\'s form: service "ess", singular "queue" or "topic", no slash)';

/** Checks `ALIYUN::ESS::ScalingGroup` props against the reference. */
function validateScalingGroupProps(scope: ros.IConstruct, props: RosScalingGroupProps): void {
  checkRequired(scope, 'minSize', props.minSize);
  checkRequired(scope, 'maxSize', props.maxSize);
  checkRule(scope, 'minSize', props.minSize as number, GROUP_RULES.size);
  checkRule(scope, 'maxSize', props.maxSize as number, GROUP_RULES.size);
  const literal = (n: unknown): n is number => typeof n === 'number' && !isUnresolved(n);
  if (literal(props.minSize) && literal(props.maxSize) && props.minSize > props.maxSize) {
    throw invalid(scope, 'minSize', props.minSize, `must not be greater than maxSize (${props.maxSize})`);
  }
  if (props.desiredCapacity !== undefined && !isUnresolved(props.desiredCapacity)) {
    const min = literal(props.minSize) ? props.minSize : GROUP_RULES.size.min;
    const max = literal(props.maxSize) ? props.maxSize : GROUP_RULES.size.max;
    if (typeof props.desiredCapacity !== 'number' || !Number.isInteger(props.desiredCapacity) || props.desiredCapacity < min || props.desiredCapacity > max) {
      throw invalid(scope, 'desiredCapacity', props.desiredCapacity, `must be an integer between minSize and maxSize (${min} to ${max})`);
    }
  }
  checkRule(scope, 'defaultCooldown', props.defaultCooldown as number, GROUP_RULES.defaultCooldown);
  checkRule(scope, 'onDemandBaseCapacity', props.onDemandBaseCapacity as number, GROUP_RULES.onDemandBaseCapacity);
  checkRule(scope, 'onDemandPercentageAboveBaseCapacity', props.onDemandPercentageAboveBaseCapacity as number, GROUP_RULES.onDemandPercentageAboveBaseCapacity);
  checkRule(scope, 'spotInstancePools', props.spotInstancePools as number, GROUP_RULES.spotInstancePools);
  checkRule(scope, 'maxInstanceLifetime', props.maxInstanceLifetime as number, GROUP_RULES.maxInstanceLifetime);
  for (const key of ['azBalance', 'compensateWithOnDemand', 'groupDeletionProtection', 'spotInstanceRemedy'] as const) {
    checkBoolean(scope, key, props[key]);
  }
  checkOneOf(scope, 'allocationStrategy', props.allocationStrategy as string, STRATEGIES);
  checkOneOf(scope, 'spotAllocationStrategy', props.spotAllocationStrategy as string, STRATEGIES);
  checkOneOf(scope, 'groupType', props.groupType as string, GROUP_TYPES);
  checkOneOf(scope, 'multiAzPolicy', props.multiAzPolicy as string, MULTI_AZ_POLICIES);
  checkOneOf(scope, 'scalingPolicy', props.scalingPolicy as string, SCALING_POLICIES);
  checkText(scope, 'scalingGroupName', literalOrUndefined(props.scalingGroupName), ESS_NAME);
  checkText(scope, 'customPolicyArn', literalOrUndefined(props.customPolicyArn), ARN_TEXT);
  for (const key of ['containerGroupId', 'healthCheckType', 'instanceId', 'launchTemplateId', 'launchTemplateVersion', 'resourceGroupId', 'vSwitchId'] as const) {
    checkText(scope, key, literalOrUndefined(props[key]), ID_TEXT);
  }
  checkIdList(scope, 'dbInstanceIds', props.dbInstanceIds, 100);
  checkIdList(scope, 'loadBalancerIds', props.loadBalancerIds, 100);
  checkIdList(scope, 'protectedInstances', props.protectedInstances, 1000);
  checkIdList(scope, 'standbyInstances', props.standbyInstances, 1000);
  // no documented count: only the items are checked
  checkIdList(scope, 'healthCheckTypes', props.healthCheckTypes, Infinity);
  checkIdList(scope, 'vSwitchIds', props.vSwitchIds, 8);
  const removal = checkIdList(scope, 'removalPolicys', props.removalPolicys, 3);
  removal?.forEach((policy, i) => {
    checkOneOf(scope, `removalPolicys[${i}]`, policy, REMOVAL_POLICIES);
    if (!isUnresolved(policy) && removal.indexOf(policy) !== i) {
      throw invalid(scope, `removalPolicys[${i}]`, policy, `must differ from removalPolicys[${removal.indexOf(policy)}]: name each policy once`);
    }
    if (policy === 'CustomPolicy' && i !== 0) {
      throw invalid(scope, `removalPolicys[${i}]`, policy, 'may only be the first removal policy');
    }
  });
  literalList(scope, 'launchTemplateOverrides', props.launchTemplateOverrides, 10)?.forEach((entry, i) => {
    const item = literalItem(scope, `launchTemplateOverrides[${i}]`, entry, '{ instanceType?, spotPriceLimit?, weightedCapacity? }');
    if (item !== undefined) {
      checkText(scope, `launchTemplateOverrides[${i}].instanceType`, literalOrUndefined(item.instanceType), ID_TEXT);
      checkRule(scope, `launchTemplateOverrides[${i}].weightedCapacity`, item.weightedCapacity as number, GROUP_RULES.weightedCapacity);
      if (item.spotPriceLimit !== undefined && !isUnresolved(item.spotPriceLimit)
        && (typeof item.spotPriceLimit !== 'number' || !Number.isFinite(item.spotPriceLimit) || item.spotPriceLimit < 0)) {
        throw invalid(scope, `launchTemplateOverrides[${i}].spotPriceLimit`, item.spotPriceLimit, 'must be a number, 0 or more');
      }
    }
  });
  literalList(scope, 'serverGroups', props.serverGroups, MAX_SERVER_GROUPS)?.forEach((entry, i) => {
    const item = literalItem(scope, `serverGroups[${i}]`, entry, '{ serverGroupId, type, port, weight }');
    if (item !== undefined) {
      for (const key of ['serverGroupId', 'type', 'port', 'weight']) {
        checkRequired(scope, `serverGroups[${i}].${key}`, item[key]);
      }
      checkText(scope, `serverGroups[${i}].serverGroupId`, literalOrUndefined(item.serverGroupId), ID_TEXT);
      checkText(scope, `serverGroups[${i}].type`, literalOrUndefined(item.type), ID_TEXT);
      checkRule(scope, `serverGroups[${i}].port`, item.port as number, GROUP_RULES.port);
      checkRule(scope, `serverGroups[${i}].weight`, item.weight as number, GROUP_RULES.weight);
    }
  });
  checkTags(scope, 'tags', props.tags as RosScalingGroup.TagsProperty[] | undefined);
  const entries = literalList(scope, 'notificationConfigurations', props.notificationConfigurations, NOTIFICATION_RULES.maxPerGroup);
  if (entries !== undefined) {
    checkNotificationConfigurations(scope, entries, { constraints: true });
  }
}

/** How {@link checkNotificationConfigurations} checks a list. @internal */
export interface NotificationConfigurationsCheck {
  /** Check each entry against the documented constraints; otherwise only that no two entries name one receiver. */
  readonly constraints: boolean;
  /**
   * What made entry `i`, for the messages, when not the group's own property (`add(queue 'X/Q')`, of ScalingNotifications).
   * @default - every entry is the group's own
   */
  readonly madeBy?: (i: number) => string | undefined;
}

/**
 * Checks the entries of a group's NotificationConfigurations (the number of entries is the caller's): each ARN in the
 * form of the reference, 1 to 8 notification types, and one entry per receiver (ARNs compared by `identityOf`, so an
 * owned queue's ARN and the literal ARN of its name are one receiver). Index `i` of a message is the entry's index in
 * the rendered list.
 *
 * @internal
 */
export function checkNotificationConfigurations(scope: ros.IConstruct, entries: readonly unknown[], check: NotificationConfigurationsCheck): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const prop = `notificationConfigurations[${i}]`;
    const item = check.constraints ? literalItem(scope, prop, entry, '{ notificationArn, notificationTypes }') : plainItem(entry);
    if (item === undefined) {
      return;
    }
    if (check.constraints) {
      checkRequired(scope, `${prop}.notificationArn`, item.notificationArn);
      checkArn(scope, `${prop}.notificationArn`, item.notificationArn, GROUP_NOTIFICATION_ARN, GROUP_ARN_ALLOWED);
    }
    const arn = item.notificationArn;
    if (typeof arn === 'string') {
      const key = identityOf(scope, arn);
      const first = seen.get(key);
      if (first !== undefined) {
        throw sameReceiver(scope, entries, first, i, check.madeBy ?? (() => undefined));
      }
      seen.set(key, i);
    }
    if (check.constraints) {
      if (item.notificationTypes === undefined || item.notificationTypes === null) {
        throw invalid(scope, `${prop}.notificationTypes`, item.notificationTypes, 'is required');
      }
      literalList(scope, `${prop}.notificationTypes`, item.notificationTypes, NOTIFICATION_RULES.maxTypes, 1)?.forEach((type, j) => {
        checkRequired(scope, `${prop}.notificationTypes[${j}]`, type);
        checkEventType(scope, `${prop}.notificationTypes[${j}]`, literalOrUndefined(type));
      });
    }
  });
}

/** A plain object entry (not a token), or `undefined`. */
function plainItem(entry: unknown): { [key: string]: unknown } | undefined {
  return entry !== null && typeof entry === 'object' && !Array.isArray(entry) && !isUnresolved(entry) ? entry as { [key: string]: unknown } : undefined;
}

/**
 * Entries `first` and `second` name one receiver. The group's own entry is blamed when the other one was added by
 * `ScalingNotifications.add()` (own entries come first, and add() refused the receiver if the entry named it then).
 */
function sameReceiver(scope: ros.IConstruct, entries: readonly unknown[], first: number, second: number, madeBy: (i: number) => string | undefined): ValidationError {
  const rule = 'Auto Scaling takes one notification rule per receiver in a group';
  const arnOf = (i: number): string => literalText(fragmentsOf(scope, (entries[i] as { notificationArn: string }).notificationArn), '<token>');
  const byFirst = madeBy(first);
  const bySecond = madeBy(second);
  if (byFirst === undefined && bySecond !== undefined) {
    return invalid(scope, `notificationConfigurations[${first}].notificationArn`, arnOf(first),
      `must differ from the receiver that ScalingNotifications.${bySecond} sends to (notificationConfigurations[${second}]): ${rule}`);
  }
  const name = (i: number, by: string | undefined): string => `notificationConfigurations[${i}]${by === undefined ? '' : ` (made by ScalingNotifications.${by})`}`;
  return invalid(scope, `${name(second, bySecond)}.notificationArn`, arnOf(second), `must differ from ${name(first, byFirst)}.notificationArn: ${rule}`);
}

/**
 * A notification type as the references write them: `AUTOSCALING:` and upper-case words joined by underscores
 * (`AUTOSCALING:SCALE_OUT_ERROR`, the values of DescribeNotificationTypes), or the words alone (the console's
 * `SCALING_GROUP_DIAGNOSE`); digits are taken within words.
 */
const EVENT_TYPE_PATTERN = /^(AUTOSCALING:)?[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const EVENT_TYPE_CHARS = /^[A-Z0-9_:]*$/;
const EVENT_TYPE_MAX_LENGTH = 128;
const EVENT_TYPE_ALLOWED = `must be a notification type of at most ${EVENT_TYPE_MAX_LENGTH} characters: "AUTOSCALING:" and upper-case words `
  + 'joined by underscores, such as "AUTOSCALING:SCALE_OUT_ERROR" (or the words alone, as in "SCALING_GROUP_DIAGNOSE")';
const TOKEN_MARKER = /\$\{Token\[[^\]]*\]\}/g;

/**
 * Checks a notification type against {@link EVENT_TYPE_PATTERN}; with tokens, that its literal pieces hold only
 * upper-case letters, digits, underscores and colons. `scope` is `undefined` for a value given to no construct
 * (`ScalingEvent.of`). Skips `undefined` unless `required`.
 *
 * @internal
 */
export function checkEventType(scope: ros.IConstruct | undefined, prop: string, value: unknown, required = false): void {
  if (value === undefined && !required) {
    return;
  }
  const fail = (): ValidationError => new ValidationError(scope?.node.path ?? '', prop, value, EVENT_TYPE_ALLOWED);
  if (typeof value !== 'string') {
    throw fail();
  }
  if (!isUnresolved(value)) {
    if (value.length > EVENT_TYPE_MAX_LENGTH || !EVENT_TYPE_PATTERN.test(value)) {
      throw fail();
    }
    return;
  }
  const literal = value.split(TOKEN_MARKER).join('');
  if (literal.length > EVENT_TYPE_MAX_LENGTH || !EVENT_TYPE_CHARS.test(literal)) {
    throw fail();
  }
}

/** Checks `ALIYUN::ESS::LifecycleHook` props against the reference. */
function validateLifecycleHookProps(scope: ros.IConstruct, props: RosLifecycleHookProps): void {
  checkRequired(scope, 'scalingGroupId', props.scalingGroupId);
  checkRequired(scope, 'lifecycleTransition', props.lifecycleTransition);
  checkText(scope, 'scalingGroupId', literalOrUndefined(props.scalingGroupId), ID_TEXT);
  checkOneOf(scope, 'lifecycleTransition', props.lifecycleTransition as string, LIFECYCLE_HOOK_RULES.transitions);
  checkOneOf(scope, 'defaultResult', props.defaultResult as string, LIFECYCLE_HOOK_RULES.defaultResults);
  checkRule(scope, 'heartbeatTimeout', props.heartbeatTimeout as number, LIFECYCLE_HOOK_RULES.heartbeatTimeout);
  checkText(scope, 'lifecycleHookName', literalOrUndefined(props.lifecycleHookName), ESS_NAME);
  checkArn(scope, 'notificationArn', props.notificationArn, HOOK_NOTIFICATION_ARN, HOOK_ARN_ALLOWED);
  checkNotificationMetadata(scope, 'notificationMetadata', props.notificationMetadata);
}

/**
 * Renders the items of a list through `keys` (camelCase -> ROS name). Props reach `renderProperties` resolved, so a
 * token is by then an intrinsic function (`{"Ref": ...}`, `{"Fn::GetAtt": ...}`), which `renderKeys` leaves as it is.
 */
function renderItems(value: unknown, keys: { [camel: string]: string }): unknown {
  if (!Array.isArray(value)) {
    return value;
  }
  return value.map((item) => renderKeys(item, keys));
}
