import * as ros from '@alicloud/ros-cdk-core';
import * as fc from 'fast-check';
import { Template } from '../../lib/assertions';
import { claimLogicalId, compositeId, derivedId } from '../../lib/core/ids';
import { consumers, smq } from '../../lib';
import { newRole, newStack } from '../util';

describe('logical ids', () => {
  test('derivedId is the construct id plus a suffix; a hash is added when the id loses characters', () => {
    const { stack } = newStack();
    expect(derivedId(new ros.Construct(stack, 'Jobs'), 'Dlq')).toBe('JobsDlq');
    expect(derivedId(new ros.Construct(stack, 'my-jobs'), 'Dlq')).toMatch(/^myjobsDlq[0-9a-f]{8}$/);
    expect(derivedId(new ros.Construct(stack, 'myjobs'), 'Dlq')).toBe('myjobsDlq');
  });

  test('compositeId: readable parts and a hash of the identities', () => {
    expect(compositeId(['Jobs', 'Worker', 'Policy'], ['S/Jobs', 'S/Worker'])).toMatch(/^JobsWorkerPolicy[0-9a-f]{8}$/);
  });

  test('defect: queue Q + role RX and queue QR + role X no longer share a policy id', () => {
    const { app, stack } = newStack('Media');
    new smq.Queue(stack, 'Q').grantSendMessages(newRole(stack, 'RX'));
    new smq.Queue(stack, 'QR').grantSendMessages(newRole(stack, 'X'));
    expect(() => app.synth()).not.toThrow();
    const ids = Object.keys(Template.fromStack(stack).findResources('ALIYUN::RAM::ManagedPolicy'));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^QRXPolicy[0-9a-f]{8}$/);
    expect(ids[1]).toMatch(/^QRXPolicy[0-9a-f]{8}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  test('defect: topic A + queue ToB and topic ATo + queue B no longer share a subscription id', () => {
    const { app, stack } = newStack('Media');
    new smq.Topic(stack, 'A').addSubscription(new consumers.QueueSubscription(new smq.Queue(stack, 'ToB')));
    new smq.Topic(stack, 'ATo').addSubscription(new consumers.QueueSubscription(new smq.Queue(stack, 'B')));
    expect(() => app.synth()).not.toThrow();
    expect(Object.keys(Template.fromStack(stack).findResources('ALIYUN::MNS::Subscription'))).toHaveLength(2);
  });

  test('defect: two roles with id Worker in two stacks, granted on one queue, get two policies', () => {
    const app = new ros.App();
    const messaging = new ros.Stack(app, 'Messaging');
    const jobs = new smq.Queue(messaging, 'Jobs');
    const one = newRole(new ros.Stack(app, 'One'), 'Worker');
    const two = newRole(new ros.Stack(app, 'Two'), 'Worker');
    const a = jobs.grantConsumeMessages(one);
    const b = jobs.grantConsumeMessages(two);
    expect(a.policy).not.toBe(b.policy);
    expect(a.policy.node.id).not.toBe(b.policy.node.id);
    expect(() => app.synth()).not.toThrow();
  });

  test('property: distinct pairs of ids never give one derived id', () => {
    const id = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/);
    fc.assert(fc.property(id, id, id, id, (a1, b1, a2, b2) => {
      fc.pre(a1 !== a2 || b1 !== b2);
      const x = compositeId([a1, 'To', b1], [`S/${a1}`, `S/${b1}`]);
      const y = compositeId([a2, 'To', b2], [`S/${a2}`, `S/${b2}`]);
      return x !== y;
    }), { numRuns: 2000 });
    // the pairs the review named, which the readable part alone cannot tell apart
    expect(compositeId(['Q', 'RX', 'Policy'], ['S/Q', 'S/RX'])).not.toBe(compositeId(['QR', 'X', 'Policy'], ['S/QR', 'S/X']));
    expect(compositeId(['A', 'To', 'ToB'], ['S/A', 'S/ToB'])).not.toBe(compositeId(['ATo', 'To', 'B'], ['S/ATo', 'S/B']));
  });

  test('two of our constructs with one id in different scopes: our error names both paths at once', () => {
    const { stack } = newStack('Media');
    new smq.Queue(new ros.Construct(stack, 'A'), 'Jobs');
    expect(() => new smq.Queue(new ros.Construct(stack, 'B'), 'Jobs')).toThrow(
      "Media/B/Jobs/Jobs: id must be unique in the stack, but 'Media/A/Jobs/Jobs' already has it as its logical id "
      + "(in ROS CDK a resource's logical id is its construct id, not its path: give one of the constructs another id), got \"Jobs\"");
  });

  test('a derived id that collides with another construct of ours is caught too', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, 'JobsDlq');
    expect(() => new smq.Queue(stack, 'Jobs', { deadLetterQueue: { maxReceiveCount: 3 } }))
      .toThrow(/^Media\/Jobs\/JobsDlq\/JobsDlq: id must be unique in the stack, but 'Media\/JobsDlq\/JobsDlq' already has it/);
  });

  test('a collision with a resource made elsewhere is reported at synth with both paths, not core\'s message', () => {
    const { app, stack } = newStack('Media');
    new smq.Queue(stack, 'Jobs');
    new ros.RosResource(new ros.Construct(stack, 'Other'), 'Jobs', { type: 'ALIYUN::MNS::Queue', properties: { QueueName: 'x' } });
    expect(() => app.synth()).toThrow(
      "[Media/ros-cdk-smq.state] logical id 'Jobs' is used by two resources in one stack: 'Media/Jobs/Jobs' and 'Media/Other/Jobs'");
  });

  test('the state construct emits nothing and is added once per stack', () => {
    const { app, stack } = newStack('Media');
    claimLogicalId(stack, 'A');
    claimLogicalId(stack, 'B');
    expect(stack.node.children.filter((c) => c.node.id === 'ros-cdk-smq.state')).toHaveLength(1);
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
