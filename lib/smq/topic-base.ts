import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Grant } from '../core/grants';
import { compositeId } from '../core/ids';
import { invalid } from '../core/validation';
import { TOPIC_PUBLISH_ACTIONS, TOPIC_READ_ATTRIBUTES_ACTIONS } from './actions';
import { grantOnChannel, IChannel } from './channel';
import { displayEndpoint, endpointIdentityOf, endpointString } from './endpoints';
import { ChannelAddress } from './identifiers';
import { ChannelMetric, channelMetric, MetricOptions } from './metrics';
import { ITopicSubscription, Subscription } from './subscription';

/** An SMQ topic, created here or imported. Every wiring takes this interface. */
export interface ITopic extends IChannel {
  /** The topic name. @attribute */
  readonly topicName: string;
  /** The topic ARN in RAM form: `acs:mns:{region}:{account}:/topics/{name}`. @attribute */
  readonly topicArn: string;
  /** The topic URL: `http://{account}.mns.{region}.aliyuncs.com/topics/{name}`. @attribute */
  readonly topicUrl: string;

  /** Subscribes an endpoint to this topic; the subscription is created in this topic's scope. */
  addSubscription(subscription: ITopicSubscription): Subscription;
  /**
   * Grants `actions` on this topic, each on the resource RAM authorizes it on. Actions are checked: SMQ actions on
   * topics, spelled as RAM spells them (`mns:PublishMessage`), or wildcards such as `mns:*`.
   */
  grant(grantee: ram.IGrantable, ...actions: string[]): Grant;
  /** Grants publishing messages and reading the topic's attributes. */
  grantPublish(grantee: ram.IGrantable): Grant;

  /**
   * A CloudMonitor metric of this topic (namespace `acs_mns_new`, dimensions `userId`, `region`, `topic`; the topic
   * dimension key is inferred from the queue's, and CloudMonitor's catalogue lists topic metrics without their names).
   */
  metric(metricName: string, options?: MetricOptions): ChannelMetric;
}

/** What owned and imported topics share: identifiers, subscriptions and grants. */
export abstract class TopicBase extends ros.Resource implements ITopic {
  /** The topic name. */
  public abstract readonly topicName: string;
  /** The topic ARN in RAM form. */
  public abstract readonly topicArn: string;
  /** The topic URL. */
  public abstract readonly topicUrl: string;
  /** The name, region, account and kind every identifier format is built from. */
  public abstract readonly channelAddress: ChannelAddress;

  /**
   * Subscribes an endpoint to this topic. The subscription is created in this topic's scope, with the logical id
   * `<topic id>To<subscriber><hash>` (the hash is of the topic's path and the endpoint); one endpoint can be
   * subscribed to a topic once.
   */
  public addSubscription(subscription: ITopicSubscription): Subscription {
    if (typeof subscription?.bind !== 'function') {
      throw invalid(this, 'addSubscription', subscription, 'must be given a subscriber, such as new consumers.QueueSubscription(queue)');
    }
    const config = subscription.bind(this);
    if (config === undefined || config === null || typeof config.subscriberId !== 'string' || config.endpoint === undefined) {
      throw invalid(this, 'addSubscription', config, 'must be given a subscriber whose bind() returns { subscriberId, endpoint, pushType }');
    }
    const endpoint = endpointString(config.endpoint);
    const identity = typeof endpoint === 'string' ? endpointIdentityOf(this, config.pushType, endpoint) : String(endpoint);
    const id = compositeId([this.node.id, 'To', config.subscriberId], [this.node.path, identity]);
    const existing = this.node.tryFindChild(id);
    if (existing !== undefined) {
      throw invalid(this, 'addSubscription', displayEndpoint(this, endpoint), `must not subscribe one endpoint twice to a topic ('${existing.node.path}' already does)`);
    }
    return new Subscription(this, id, {
      topic: this,
      endpoint,
      pushType: config.pushType,
      allowInsecureHttp: config.allowInsecureHttp,
      filterTag: config.filterTag,
      notifyStrategy: config.notifyStrategy,
      contentFormat: config.contentFormat,
      deadLetterQueue: config.deadLetterQueue,
      subscriptionName: config.subscriptionName,
    });
  }

  /**
   * Grants `actions` on this topic, each on the resource RAM authorizes it on (`.../topics/{name}/messages` for
   * PublishMessage, `.../topics/{name}/subscriptions/*` for subscription actions, `.../topics` for ListTopic,
   * `.../topics/{name}` for the others), in one policy per principal and topic.
   */
  public grant(grantee: ram.IGrantable, ...actions: string[]): Grant {
    return grantOnChannel(this, grantee, actions);
  }

  /** Grants mns:PublishMessage and mns:GetTopicAttributes on this topic. */
  public grantPublish(grantee: ram.IGrantable): Grant {
    return this.grant(grantee, ...TOPIC_PUBLISH_ACTIONS, ...TOPIC_READ_ATTRIBUTES_ACTIONS);
  }

  /** A CloudMonitor metric of this topic (namespace `acs_mns_new`, dimensions `userId`, `region`, `topic`). */
  public metric(metricName: string, options?: MetricOptions): ChannelMetric {
    return channelMetric(this, this.channelAddress, metricName, options);
  }
}
