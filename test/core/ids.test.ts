import * as ros from '@alicloud/ros-cdk-core';
import { claimLogicalId, derivedId } from '../../lib/core/ids';
import { smq } from '../../lib';
import { newStack } from '../util';

describe('logical ids', () => {
  test('derivedId is the construct id, letters and digits only, plus a suffix', () => {
    const { stack } = newStack();
    expect(derivedId(new ros.Construct(stack, 'my-jobs'), 'Dlq')).toBe('myjobsDlq');
  });

  test('two of our constructs with one id in different scopes: our error names both paths at once', () => {
    const { stack } = newStack('Media');
    new smq.Queue(new ros.Construct(stack, 'A'), 'Jobs');
    expect(() => new smq.Queue(new ros.Construct(stack, 'B'), 'Jobs')).toThrow(
      "Media/B/Jobs/Jobs: logical id 'Jobs' is used by two resources in one stack: 'Media/A/Jobs/Jobs' and 'Media/B/Jobs/Jobs'. "
      + "In ROS CDK a resource's logical id is its construct id, not its path: give one of the constructs another id");
  });

  test('a derived id that collides with another construct of ours is caught too', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, 'JobsDlq');
    expect(() => new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 3 } }))
      .toThrow(/logical id 'JobsDlq' is used by two resources in one stack: 'Media\/JobsDlq\/JobsDlq' and 'Media\/Jobs\/JobsDlq\/JobsDlq'/);
  });

  test('a collision with a resource made elsewhere is reported at synth with both paths, not core\'s message', () => {
    const { app, stack } = newStack('Media');
    new smq.Queue(stack, 'Jobs');
    new ros.RosResource(new ros.Construct(stack, 'Other'), 'Jobs', { type: 'ALIYUN::MNS::Queue', properties: { QueueName: 'x' } });
    expect(() => app.synth()).toThrow(
      "[Media/SmqLogicalIdGuard] logical id 'Jobs' is used by two resources in one stack: 'Media/Jobs/Jobs' and 'Media/Other/Jobs'");
  });

  test('the guard emits nothing and is added once per stack', () => {
    const { app, stack } = newStack('Media');
    claimLogicalId(stack, 'A');
    claimLogicalId(stack, 'B');
    expect(stack.node.children.filter((c) => c.node.id === 'SmqLogicalIdGuard')).toHaveLength(1);
    const template = app.synth().getStackByName('Media').template;
    expect(template.Resources).toBeUndefined();
  });

  test('the same id in two stacks is fine', () => {
    const app = new ros.App();
    new smq.Queue(new ros.Stack(app, 'One'), 'Jobs');
    expect(() => new smq.Queue(new ros.Stack(app, 'Two'), 'Jobs')).not.toThrow();
    expect(() => app.synth()).not.toThrow();
  });
});
