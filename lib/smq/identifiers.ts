/**
 * Every way an Alibaba Cloud product names an SMQ queue or topic, each in one static method of {@link Identifiers}.
 *
 * The same queue is `acs:mns:r:a:/queues/q` in a RAM policy, `acs:mns:r:a:queues/q` as a subscription endpoint,
 * `acs:mns:r:a:/queues/q/message` as a CloudMonitor target and `acs:ess:r:a:queue/q` for Auto Scaling. Integrations
 * call these methods; no identifier is written inline anywhere else. Each method cites the page it follows.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { ValidationError } from '../core/validation';

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

/** CloudMonitor event rule target: names, not ARNs (`MnsParameters` entries). */
export interface CmsMnsParameter {
  /** `Region`. */
  readonly region: string;
  /** `Queue`: set for a queue. @default - not a queue */
  readonly queue?: string;
  /** `Topic`: set for a topic. @default - not a topic */
  readonly topic?: string;
}

/** One `ParamList` entry of an EventBridge rule target. */
export interface EventBridgeTargetParam {
  /** `ResourceKey`: the target parameter, such as `queue` or `Body`. */
  readonly resourceKey: string;
  /** `Form`: `CONSTANT`, `ORIGINAL`, `JSONPATH` or `TEMPLATE`. */
  readonly form: string;
  /** `Value`: required by `ALIYUN::EventBridge::Rule` for every form, `''` for ORIGINAL. */
  readonly value: string;
  /** `Template`, for the TEMPLATE form. @default - none */
  readonly template?: string;
}

/** The SMQ-specific part of an EventBridge rule target: `Type`, `Endpoint` and `ParamList`. */
export interface EventBridgeQueueTarget {
  /** `Type`: `acs.mns.queue`. */
  readonly type: string;
  /** `Endpoint`: `acs:mns:{region}:{account}:queues/{name}`. */
  readonly endpoint: string;
  /** `ParamList`: `queue` (the name), `Body` and `IsBase64Encode`, with exactly this casing. */
  readonly paramList: EventBridgeTargetParam[];
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

/** Region IDs: `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`, `rus-west-1`, ... */
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z0-9]+){1,4}$/;
/** Account IDs: digits. */
export const ACCOUNT_PATTERN = /^[0-9]{1,32}$/;

const ARN_PATTERNS: { readonly [kind: string]: RegExp } = {
  [ChannelKind.QUEUE]: /^acs:mns:([^:]*):([^:]*):\/?queues\/([A-Za-z0-9][A-Za-z0-9-]{0,119})$/,
  [ChannelKind.TOPIC]: /^acs:mns:([^:]*):([^:]*):\/?topics\/([A-Za-z0-9][A-Za-z0-9-]{0,254})$/,
};

/**
 * The identifier formats of SMQ queues and topics, one static method per consumer of the identifier. Region and
 * account come from the address: for a channel of this app, the stack's literal region and account, or the pseudo
 * parameters `ALIYUN::Region` and `ALIYUN::TenantId` (the owner's account; `ALIYUN::AccountId` is the caller's).
 */
export class Identifiers {
  private constructor() {}

  /** `queues` or `topics`. */
  public static plural(kind: ChannelKind): string {
    checkKind(kind);
    return kind === ChannelKind.QUEUE ? 'queues' : 'topics';
  }

  /**
   * RAM policy resource for queue- or topic-level actions (GetQueueAttributes, ...):
   * `acs:mns:{region}:{account}:/queues/{name}` or `.../topics/{name}`. Also the ROS attribute `ARN.WithSlash`.
   * See https://www.alibabacloud.com/help/en/mns/security-and-compliance/message-service-custom-permission-policy-reference
   */
  public static ramArn(address: ChannelAddress): string {
    return `${Identifiers.ramCollectionArn(address)}/${address.name}`;
  }

  /**
   * RAM policy resource for ListQueue / ListTopic: the collection `acs:mns:{region}:{account}:/queues` or `.../topics`.
   * See https://www.alibabacloud.com/help/en/mns/security-and-compliance/message-service-custom-permission-policy-reference
   */
  public static ramCollectionArn(address: ChannelAddress): string {
    checkAddress(address);
    return mnsArn(address, `/${Identifiers.plural(address.kind)}`);
  }

  /**
   * RAM policy resource for message actions (SendMessage, ReceiveMessage, PublishMessage, ...):
   * `acs:mns:{region}:{account}:/queues/{name}/messages` or `.../topics/{name}/messages`.
   * See https://www.alibabacloud.com/help/en/mns/developer-reference/sendmessage
   */
  public static ramMessagesArn(address: ChannelAddress): string {
    return `${Identifiers.ramArn(address)}/messages`;
  }

  /**
   * RAM policy resource for a topic's subscriptions: `acs:mns:{region}:{account}:/topics/{name}/subscriptions/*`
   * (Subscribe, Unsubscribe, Get/SetSubscriptionAttributes), or the list itself without `/*`
   * (ListSubscriptionByTopic). See https://www.alibabacloud.com/help/en/mns/developer-reference/api-mns-open-2022-01-19-subscribe
   *
   * @param all `true` for every subscription (`/subscriptions/*`), `false` for the list (`/subscriptions`)
   */
  public static ramSubscriptionsArn(address: ChannelAddress, all: boolean): string {
    requireKind(address, ChannelKind.TOPIC, 'a topic subscriptions ARN');
    return `${Identifiers.ramArn(address)}/subscriptions${all ? '/*' : ''}`;
  }

  /**
   * Topic subscription endpoint for a queue: `acs:mns:{region}:{account}:queues/{name}` (no slash before `queues`).
   * See https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-subscription
   */
  public static subscriptionQueueEndpoint(address: ChannelAddress): string {
    requireKind(address, ChannelKind.QUEUE, 'a subscription endpoint');
    return mnsArn(address, `queues/${address.name}`);
  }

  /**
   * SMQ event notification (`ALIYUN::MNS::EventNotification`) `Endpoints` item: `acs:mns:{region}:{account}:queues/{name}`
   * for a queue, as Alibaba's solution template `documents/solution/internet-application-development/file-processing-on-fc.yml`
   * (aliyun/ros-templates) writes it, or `acs:mns:{region}:{account}:topics/{name}` for a topic (INFERRED from the
   * queue form: no sample or reference page shows a topic endpoint; the SMQ CreateEventRule API does deliver to topics,
   * https://www.alibabacloud.com/help/en/mns/developer-reference/api-mns-open-2022-01-19-createeventrule).
   */
  public static eventNotificationEndpoint(address: ChannelAddress): string {
    checkAddress(address);
    return mnsArn(address, `${Identifiers.plural(address.kind)}/${address.name}`);
  }

  /**
   * CloudMonitor metric rule target `Arn`: `acs:mns:{region}:{account}:/queues/{name}/message` or
   * `.../topics/{name}/message` (singular `message`, as the ROS reference and the CloudMonitor API reference write it).
   * See https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-cms-metricruletargets
   */
  public static cmsMetricTargetArn(address: ChannelAddress): string {
    checkAddress(address);
    return `${Identifiers.ramArn(address)}/message`;
  }

  /**
   * CloudMonitor event rule `MnsParameters` entry (without its `Id`): `{ Region, Queue }` or `{ Region, Topic }`.
   * See https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-cms-eventruletargets
   */
  public static cmsEventTarget(address: ChannelAddress): CmsMnsParameter {
    checkAddress(address);
    return address.kind === ChannelKind.QUEUE
      ? { region: address.region, queue: address.name }
      : { region: address.region, topic: address.name };
  }

  /**
   * Auto Scaling lifecycle hook and notification `NotificationArn`: `acs:ess:{region}:{account}:queue/{name}` or
   * `acs:ess:{region}:{account}:topic/{name}` (service `ess`, singular, no slash, as the ROS reference and Terraform
   * write it; the ESS API pages still show `acs:mns:`).
   * See https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ess-lifecyclehook
   */
  public static essNotificationArn(address: ChannelAddress): string {
    checkAddress(address);
    return `acs:ess:${address.region}:${address.account}:${address.kind}/${address.name}`;
  }

  /**
   * Function Compute `mns_topic` trigger `SourceArn`: `acs:mns:{region}:{account}:/topics/{name}`.
   * See https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-fc-trigger
   */
  public static fcTopicTriggerSourceArn(address: ChannelAddress): string {
    requireKind(address, ChannelKind.TOPIC, 'an FC topic trigger source');
    return Identifiers.ramArn(address);
  }

  /**
   * Function Compute async-invocation destination: `acs:mns:{region}:{account}:/queues/{name}/messages` or
   * `.../topics/{name}/messages` (plural, unlike CloudMonitor's).
   * See https://www.alibabacloud.com/help/en/fc/user-guide/result-callback
   */
  public static fcAsyncDestinationArn(address: ChannelAddress): string {
    checkAddress(address);
    return Identifiers.ramMessagesArn(address);
  }

  /**
   * EventBridge rule target `Endpoint` for `acs.mns.queue`: `acs:mns:{region}:{account}:queues/{name}` (no slash).
   * See https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters
   */
  public static eventBridgeQueueEndpoint(address: ChannelAddress): string {
    requireKind(address, ChannelKind.QUEUE, 'an EventBridge acs.mns.queue endpoint');
    return mnsArn(address, `queues/${address.name}`);
  }

  /**
   * The EventBridge rule target for a queue: type `acs.mns.queue`, the endpoint without slash, and the `ParamList`
   * keys `queue` (CONSTANT name), `Body` (the whole event, ORIGINAL with `Value: ''`, unless `body` says otherwise)
   * and `IsBase64Encode` (always given: the service reads a default back, and a template without it drifts).
   * See https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters
   *
   * @param body the `Body` parameter @default - the original event
   * @param base64Encode whether the service Base64-encodes the body @default false
   */
  public static eventBridgeQueueTarget(address: ChannelAddress, body?: EventBridgeTargetParam, base64Encode?: boolean): EventBridgeQueueTarget {
    return {
      type: 'acs.mns.queue',
      endpoint: Identifiers.eventBridgeQueueEndpoint(address),
      paramList: [
        { resourceKey: 'queue', form: 'CONSTANT', value: address.name },
        body ?? { resourceKey: 'Body', form: 'ORIGINAL', value: '' },
        { resourceKey: 'IsBase64Encode', form: 'CONSTANT', value: base64Encode === true ? 'true' : 'false' },
      ],
    };
  }

  /**
   * EventBridge rule target `DeadLetterQueue.Arn`: `acs:mns:{region}:{account}:/queues/{name}` (with the slash).
   * See https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters
   */
  public static eventBridgeDeadLetterArn(address: ChannelAddress): string {
    requireKind(address, ChannelKind.QUEUE, 'an EventBridge dead-letter queue');
    return Identifiers.ramArn(address);
  }

  /**
   * EventBridge event stream dead-letter queue (`RunOptions.DeadLetterQueue.Arn` of CreateEventStreaming):
   * `acs:mns:{region}:{account}:/queues/{name}`, the form of EventBridge's dead-letter queues (INFERRED for streams:
   * the stream API reference gives no example; this is the rule targets' documented form, which Function Compute's
   * queue triggers also send for their streams).
   * See https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters
   */
  public static eventStreamDeadLetterArn(address: ChannelAddress): string {
    requireKind(address, ChannelKind.QUEUE, 'an EventBridge event stream dead-letter queue');
    return Identifiers.ramArn(address);
  }

  /**
   * An EventBridge event stream, as CreateEventStreaming answers it (`EventStreamingARN`) and as RAM authorizes the
   * stream actions on it: `acs:eventbridge:{region}:{account}:eventstreaming/{name}`.
   * See https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-createeventstreaming
   *
   * @param region the stream's region ID (may be a token)
   * @param account the stream's account ID (may be a token)
   * @param name the stream's name (may be a token)
   */
  public static eventStreamingArn(region: string, account: string, name: string): string {
    for (const [prop, value] of [['region', region], ['account', account], ['name', name]] as const) {
      if (typeof value !== 'string' || value === '') {
        throw new ValidationError('', prop, value, 'must be a non-empty string');
      }
    }
    return `acs:eventbridge:${region}:${account}:eventstreaming/${name}`;
  }

  /**
   * IoT Platform rule action `MNS` configuration (`ALIYUN::IOT::RuleAction.Configuration`), as JSON text:
   * `{"themeName": topic, "regionName": region, "role": {"roleArn": ..., "roleName": ...}}`. The keys, their nesting
   * and their order are those of Alibaba's own sample `resources/iot/rule.yml` (aliyun/ros-templates), which writes
   * `{"themeName": "${TopicName}", "regionName": "${ALIYUN::Region}", "role": {"roleArn":
   * "acs:ram::${ALIYUN::TenantId}:role/aliyuniotaccessingmnsrole", "roleName": "AliyunIOTAccessingMNSRole"}}` for a
   * topic it makes beside the rule, and of the CreateRuleAction reference
   * (https://www.alibabacloud.com/help/en/iot/developer-reference/api-iot-2018-01-20-createruleaction). Topics only:
   * the action forwards to a topic (`themeName`); the sample and the reference show no queue form.
   *
   * @param scope any construct in the stack that renders the text (tokens are turned into template functions)
   * @param address the topic
   * @param roleArn the ARN of the role IoT Platform publishes with
   * @param roleName that role's name
   */
  public static iotMnsActionConfiguration(scope: ros.IConstruct, address: ChannelAddress, roleArn: string, roleName: string): string {
    requireKind(address, ChannelKind.TOPIC, 'an IoT MNS rule action');
    if (typeof (scope as Partial<ros.IConstruct> | undefined)?.node?.path !== 'string') {
      throw new ValidationError('', 'scope', scope, 'must be a construct in the stack that renders the configuration');
    }
    for (const [prop, value] of [['roleArn', roleArn], ['roleName', roleName]] as const) {
      if (typeof value !== 'string' || value === '') {
        throw new ValidationError('', prop, value, 'must name the role IoT Platform publishes with');
      }
    }
    return ros.Stack.of(scope).toJsonString({
      themeName: address.name,
      regionName: address.region,
      role: { roleArn, roleName },
    });
  }

  /**
   * The queue or topic URL: `http://{account}.mns.{region}.aliyuncs.com/queues/{name}` or `.../topics/{name}`.
   * See https://www.alibabacloud.com/help/en/message-service/latest/basic-concepts-endpoint
   */
  public static channelUrl(address: ChannelAddress): string {
    checkAddress(address);
    return `http://${address.account}.mns.${address.region}.aliyuncs.com/${Identifiers.plural(address.kind)}/${address.name}`;
  }

  /**
   * Parses `acs:mns:{region}:{account}:/queues/{name}` (or `:queues/{name}`), likewise for topics. Returns
   * `undefined` when the text is not such an ARN with a literal region ID, a literal account ID (digits, no `*`)
   * and a valid name.
   */
  public static parseChannelArn(kind: ChannelKind, arn: string): ParsedChannelArn | undefined {
    checkKind(kind);
    const match = typeof arn === 'string' ? ARN_PATTERNS[kind].exec(arn) : null;
    if (match === null || !REGION_PATTERN.test(match[1]) || !ACCOUNT_PATTERN.test(match[2])) {
      return undefined;
    }
    return { region: match[1], account: match[2], name: match[3] };
  }
}

function mnsArn(address: ChannelAddress, resource: string): string {
  return `acs:mns:${address.region}:${address.account}:${resource}`;
}

/** Throws unless `address` is a channel address (a crash further on would say less). */
function checkAddress(address: ChannelAddress): void {
  if (typeof address !== 'object' || address === null || (address.kind !== ChannelKind.QUEUE && address.kind !== ChannelKind.TOPIC)
    || [address.name, address.region, address.account].some((v) => typeof v !== 'string' || v === '')) {
    throw new ValidationError('', 'address', address, 'must be a channel address { kind, name, region, account }, such as queue.channelAddress');
  }
}

function checkKind(kind: ChannelKind): void {
  if (kind !== ChannelKind.QUEUE && kind !== ChannelKind.TOPIC) {
    throw new ValidationError('', 'kind', kind, 'must be ChannelKind.QUEUE or ChannelKind.TOPIC');
  }
}

function requireKind(address: ChannelAddress, kind: ChannelKind, what: string): void {
  checkAddress(address);
  if (address.kind !== kind) {
    throw new ValidationError('', 'address', `the ${address.kind} ${address.name}`, `must be a ${kind} for ${what}`);
  }
}
