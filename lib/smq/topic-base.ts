import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Grant } from '../core/grants';
import { alphanumeric } from '../core/names';
import { ValidationError } from '../core/validation';
import { TOPIC_PUBLISH_ACTIONS, TOPIC_READ_ATTRIBUTES_ACTIONS } from './actions';
import { grantOnChannel, IChannel } from './channel';
import { ChannelAddress } from './formats';
import { resolvedEndpoint, ITopicSubscription, Subscription } from './subscription';

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
  /** Grants `actions` on this topic (message actions on `.../messages`, the others on the topic). */
  grant(principal: ram.IPrincipal, ...actions: string[]): Grant;
  /** Grants publishing messages and reading the topic's attributes. */
  grantPublish(principal: ram.IPrincipal): Grant;
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
   * `<topic id>To<subscriber>`; one endpoint can be subscribed to a topic once.
   */
  public addSubscription(subscription: ITopicSubscription): Subscription {
    const config = subscription.bind(this);
    const id = `${alphanumeric(this.node.id)}To${config.subscriberId}`;
    const existing = this.node.tryFindChild(id);
    if (existing !== undefined) {
      throw new ValidationError(this, 'addSubscription', resolvedEndpoint(this, config.endpoint),
        `must not subscribe one endpoint twice to a topic ('${existing.node.path}' already does)`);
    }
    return new Subscription(this, id, {
      topic: this,
      endpoint: config.endpoint,
      pushType: config.pushType,
      allowInsecureHttp: config.allowInsecureHttp,
      filterTag: config.filterTag,
      notifyStrategy: config.notifyStrategy,
      contentFormat: config.contentFormat,
      deadLetterQueue: config.deadLetterQueue,
      subscriptionName: config.subscriptionName,
    });
  }

  /** Grants `actions` on this topic, scoped to its ARN. */
  public grant(principal: ram.IPrincipal, ...actions: string[]): Grant {
    return grantOnChannel(this, principal, actions);
  }

  /** Grants mns:PublishMessage and mns:GetTopicAttributes on this topic. */
  public grantPublish(principal: ram.IPrincipal): Grant {
    return this.grant(principal, ...TOPIC_PUBLISH_ACTIONS, ...TOPIC_READ_ATTRIBUTES_ACTIONS);
  }
}
