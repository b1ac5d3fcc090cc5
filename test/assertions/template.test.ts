import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';

const QUEUE = 'ALIYUN::MNS::Queue';
const TOPIC = 'ALIYUN::MNS::Topic';

/** An app with one stack holding two queues, a topic depending on a queue, and an output. */
function queueStack(): { app: ros.App; stack: ros.Stack } {
  const app = new ros.App();
  const stack = new ros.Stack(app, 'QueueStack');
  new ros.RosResource(stack, 'OrdersQueue', { type: QUEUE, properties: { QueueName: 'orders', VisibilityTimeout: 60, DelaySeconds: 0 } });
  new ros.RosResource(stack, 'BillingQueue', { type: QUEUE, properties: { QueueName: 'billing', VisibilityTimeout: 30 } });
  const topic = new ros.RosResource(stack, 'EventsTopic', { type: TOPIC, properties: { TopicName: 'events' } });
  // RosResource.addDependsOn() does not render DependsOn between resources of one stack in ROS CDK 1.12.0;
  // addRosDependency() does.
  topic.addRosDependency('OrdersQueue');
  new ros.RosOutput(stack, 'OrdersQueueName', { value: 'orders', description: 'name of the orders queue' });
  return { app, stack };
}

describe('Template.fromStack', () => {
  test('reads the synthesized template of a real stack', () => {
    const { stack } = queueStack();
    const t = Template.fromStack(stack);
    expect(t.toJSON()).toMatchObject({
      ROSTemplateFormatVersion: '2015-09-01',
      Resources: {
        OrdersQueue: { Type: QUEUE, Properties: { QueueName: 'orders', VisibilityTimeout: 60, DelaySeconds: 0 } },
        BillingQueue: { Type: QUEUE, Properties: { QueueName: 'billing', VisibilityTimeout: 30 } },
        EventsTopic: { Type: TOPIC, Properties: { TopicName: 'events' }, DependsOn: ['OrdersQueue'] },
      },
      Outputs: { OrdersQueueName: { Value: 'orders', Description: 'name of the orders queue' } },
    });
    t.hasResourceProperties(QUEUE, { QueueName: 'orders' });
    t.resourceCountIs(QUEUE, 2);
  });

  test('can be called several times for the same stack', () => {
    const { stack } = queueStack();
    const first = Template.fromStack(stack);
    const second = Template.fromStack(stack);
    expect(second.toJSON()).toEqual(first.toJSON());
    second.resourceCountIs(QUEUE, 2);
  });

  test('works for two stacks of one app, in any order and after app.synth()', () => {
    const app = new ros.App();
    const producer = new ros.Stack(app, 'Producer');
    const consumer = new ros.Stack(app, 'Consumer', { stackName: 'consumer-stack' });
    new ros.RosResource(producer, 'Topic', { type: TOPIC, properties: { TopicName: 'p' } });
    new ros.RosResource(consumer, 'Queue', { type: QUEUE, properties: { QueueName: 'c' } });
    app.synth();

    const c = Template.fromStack(consumer);
    const p = Template.fromStack(producer);
    c.resourceCountIs(QUEUE, 1);
    c.resourceCountIs(TOPIC, 0);
    p.resourceCountIs(TOPIC, 1);
    p.resourceCountIs(QUEUE, 0);
    p.hasResourceProperties(TOPIC, { TopicName: 'p' });
    c.hasResourceProperties(QUEUE, { QueueName: 'c' });
    expect(Template.fromStack(consumer).toJSON()).toEqual(c.toJSON());
  });

  test('works for a stack inside a nested stage', () => {
    const app = new ros.App();
    const stage = new ros.Stage(app, 'Prod');
    const stack = new ros.Stack(stage, 'Inner');
    new ros.RosResource(stack, 'Queue', { type: QUEUE, properties: { QueueName: 'inner' } });
    Template.fromStack(stack).hasResourceProperties(QUEUE, { QueueName: 'inner' });
  });

  test('reads a NestedStack from the TemplateBody of its parent', () => {
    const app = new ros.App();
    const parent = new ros.Stack(app, 'Parent');
    new ros.RosResource(parent, 'ParentQueue', { type: QUEUE, properties: { QueueName: 'parent' } });
    const nested = new ros.NestedStack(parent, 'Child');
    new ros.RosResource(nested, 'ChildQueue', { type: QUEUE, properties: { QueueName: 'child' } });

    const child = Template.fromStack(nested);
    child.resourceCountIs(QUEUE, 1);
    child.hasResourceProperties(QUEUE, { QueueName: 'child' });
    const outer = Template.fromStack(parent);
    outer.hasResourceProperties(QUEUE, { QueueName: 'parent' });
    outer.hasResource('ALIYUN::ROS::Stack', { Properties: { TemplateBody: Match.objectLike({ Resources: Match.anyValue() }) } });
  });

  test('throws a clear error for a stack outside any app', () => {
    const stack = new ros.Stack(undefined, 'Lonely');
    expect(() => Template.fromStack(stack)).toThrow(/stack 'Lonely' is not inside a ros.App or ros.Stage/);
  });

  test('throws a clear error for a stack added after its app was synthesized', () => {
    const { app, stack } = queueStack();
    Template.fromStack(stack);
    const late = new ros.Stack(app, 'Late');
    new ros.RosResource(late, 'Queue', { type: QUEUE });
    expect(() => Template.fromStack(late)).toThrow(/stack 'Late' is missing from the cloud assembly.*synthesizes a stage only once/);
  });

  test('the template is a copy: mutating it does not affect another Template', () => {
    const { stack } = queueStack();
    const first = Template.fromStack(stack);
    delete first.toJSON().Resources.OrdersQueue;
    Template.fromStack(stack).hasResourceProperties(QUEUE, { QueueName: 'orders' });
  });
});

describe('Template.fromJSON / fromString', () => {
  const json = { Resources: { Q: { Type: QUEUE, Properties: { QueueName: 'q' } } } };

  test('fromJSON copies the object', () => {
    const input = JSON.parse(JSON.stringify(json));
    const t = Template.fromJSON(input);
    input.Resources.Q.Properties.QueueName = 'changed';
    t.hasResourceProperties(QUEUE, { QueueName: 'q' });
    expect(t.toJSON()).toEqual(json);
  });

  test('fromString parses JSON text', () => {
    Template.fromString(JSON.stringify(json)).hasResourceProperties(QUEUE, { QueueName: 'q' });
  });

  test('fromString rejects invalid JSON', () => {
    expect(() => Template.fromString('{ "Resources": ')).toThrow(/Template.fromString: the text is not valid JSON/);
  });

  test('rejects values that are not templates', () => {
    expect(() => Template.fromString('[1]')).toThrow(/Template.fromString: a template must be a JSON object/);
    expect(() => Template.fromJSON({ Resources: [] })).toThrow(/the 'Resources' section of the template must be an object/);
    expect(() => Template.fromJSON({ Outputs: 'x' })).toThrow(/the 'Outputs' section of the template must be an object/);
  });
});

describe('templateMatches', () => {
  test('matches the whole template objectLike', () => {
    const t = Template.fromStack(queueStack().stack);
    t.templateMatches({
      ROSTemplateFormatVersion: '2015-09-01',
      Resources: { EventsTopic: { Type: TOPIC, DependsOn: ['OrdersQueue'] } },
    });
  });

  test('reports each mismatch with its path', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.templateMatches({
      ROSTemplateFormatVersion: '2010-09-09',
      Resources: { EventsTopic: { DependsOn: ['BillingQueue'] }, Missing: { Type: QUEUE } },
    })).toThrow([
      'The template does not match the expected pattern (3 mismatches):',
      '  at /ROSTemplateFormatVersion: expected "2010-09-09" but received "2015-09-01"',
      '  at /Resources/EventsTopic/DependsOn/0: expected "BillingQueue" but received "OrdersQueue"',
      '  at /Resources/Missing: missing key',
      'Expected pattern:',
    ].join('\n'));
  });

  test('uses a matcher given at the top level', () => {
    const t = Template.fromJSON({ A: 1, B: 2 });
    t.templateMatches(Match.objectEquals({ A: 1, B: 2 }));
    expect(() => t.templateMatches(Match.objectEquals({ A: 1 }))).toThrow(/at \/B: unexpected key \(value 2\)/);
  });
});

describe('hasResource', () => {
  test('matches the whole resource entry, e.g. DependsOn', () => {
    const t = Template.fromStack(queueStack().stack);
    t.hasResource(TOPIC, { DependsOn: ['OrdersQueue'] });
    t.hasResource(TOPIC, { Properties: { TopicName: 'events' }, DependsOn: Match.arrayWith(['OrdersQueue']) });
    t.hasResource(QUEUE, { DependsOn: Match.absent() });
  });

  test('fails with the closest entry', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.hasResource(TOPIC, { DependsOn: ['BillingQueue'] }))
      .toThrow(/The closest resource is 'EventsTopic' with 1 mismatch:[\s\S]*at \/DependsOn\/0: expected "BillingQueue" but received "OrdersQueue"/);
    expect(() => t.hasResource(QUEUE, { DependsOn: Match.anyValue() })).toThrow(/at \/DependsOn: missing key/);
  });

  test('only looks at resources of the given type', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.hasResource(QUEUE, { Properties: { TopicName: 'events' } })).toThrow(/none of the 2 resources of that type \('OrdersQueue', 'BillingQueue'\) matches/);
  });
});

describe('hasResourceProperties', () => {
  test('passes when some resource of the type matches', () => {
    const t = Template.fromStack(queueStack().stack);
    t.hasResourceProperties(QUEUE, { QueueName: 'billing', VisibilityTimeout: 30 });
    t.hasResourceProperties(QUEUE, { QueueName: 'orders', DelaySeconds: 0 });
  });

  test('shows the closest resource, its JSON and each mismatch with its path', () => {
    const t = Template.fromStack(queueStack().stack);
    let message = '';
    try {
      t.hasResourceProperties(QUEUE, { QueueName: 'orders', VisibilityTimeout: 30, Endpoint: 'http://x' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe([
      `Expected a resource of type '${QUEUE}' whose Properties match:`,
      '  {',
      '    "QueueName": "orders",',
      '    "VisibilityTimeout": 30,',
      '    "Endpoint": "http://x"',
      '  }',
      "but none of the 2 resources of that type ('OrdersQueue', 'BillingQueue') matches.",
      "The closest resource is 'OrdersQueue' with 2 mismatches:",
      '  {',
      `    "Type": "${QUEUE}",`,
      '    "Properties": {',
      '      "QueueName": "orders",',
      '      "VisibilityTimeout": 60,',
      '      "DelaySeconds": 0',
      '    }',
      '  }',
      'Mismatches:',
      '  at /Properties/VisibilityTimeout: expected 30 but received 60',
      '  at /Properties/Endpoint: missing key',
    ].join('\n'));
  });

  test('the closest resource is the one with fewer mismatches, not the first one', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.hasResourceProperties(QUEUE, { QueueName: 'billing', VisibilityTimeout: 31 }))
      .toThrow(/The closest resource is 'BillingQueue' with 1 mismatch:[\s\S]*at \/Properties\/VisibilityTimeout: expected 31 but received 30$/);
  });

  test('on a tie the first resource in template order is the closest, every time', () => {
    const t = Template.fromStack(queueStack().stack);
    const attempt = () => {
      try {
        t.hasResourceProperties(QUEUE, { QueueName: 'other' });
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    const first = attempt();
    expect(first).toMatch(/The closest resource is 'OrdersQueue' with 1 mismatch/);
    expect(attempt()).toBe(first);
  });

  test('a near miss deep inside a property is closer than a missing property', () => {
    const t = Template.fromJSON({
      Resources: {
        NoTags: { Type: QUEUE, Properties: { QueueName: 'a' } },
        OtherTags: { Type: QUEUE, Properties: { QueueName: 'b', Tags: [{ Key: 'env', Value: 'dev' }] } },
      },
    });
    expect(() => t.hasResourceProperties(QUEUE, { Tags: [{ Key: 'env', Value: 'prod' }] }))
      .toThrow(/The closest resource is 'OtherTags' with 1 mismatch:[\s\S]*at \/Properties\/Tags\/0\/Value: expected "prod" but received "dev"/);
  });

  test('says so when no resource of the type exists and lists the types that do', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.hasResourceProperties('ALIYUN::MNS::Subscription', { TopicName: 'events' })).toThrow([
      "Expected a resource of type 'ALIYUN::MNS::Subscription' whose Properties match:",
      '  {',
      '    "TopicName": "events"',
      '  }',
      "but the template has no resource of type 'ALIYUN::MNS::Subscription'. Resource types in the template: ALIYUN::MNS::Queue, ALIYUN::MNS::Topic.",
    ].join('\n'));
  });

  test('says so when the template has no resources at all', () => {
    expect(() => Template.fromJSON({}).hasResourceProperties(QUEUE, {})).toThrow(/no resource of type 'ALIYUN::MNS::Queue'. The template has no resources./);
  });

  test('a resource without Properties counts as having {}', () => {
    const app = new ros.App();
    const stack = new ros.Stack(app, 'Bare');
    new ros.RosResource(stack, 'Empty', { type: QUEUE, properties: {} });
    const t = Template.fromStack(stack);
    expect(t.toJSON().Resources.Empty).toEqual({ Type: QUEUE });
    t.hasResourceProperties(QUEUE, {});
    t.hasResourceProperties(QUEUE, { QueueName: Match.absent() });
    expect(() => t.hasResourceProperties(QUEUE, { QueueName: 'q' })).toThrow(/at \/Properties\/QueueName: missing key/);
  });

  test('renders matchers in the expected pattern', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.hasResourceProperties(QUEUE, { QueueName: Match.stringLikeRegexp('^x'), DelaySeconds: Match.anyValue() }))
      .toThrow(/"QueueName": "<stringLikeRegexp \/\^x\/>",\n {4}"DelaySeconds": "<anyValue>"/);
  });
});

describe('resourceCountIs', () => {
  test('passes on the right count, including 0', () => {
    const t = Template.fromStack(queueStack().stack);
    t.resourceCountIs(QUEUE, 2);
    t.resourceCountIs(TOPIC, 1);
    t.resourceCountIs('ALIYUN::MNS::Subscription', 0);
  });

  test('fails on a wrong count and lists what was found', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.resourceCountIs(QUEUE, 3)).toThrow("Expected 3 resources of type 'ALIYUN::MNS::Queue' but found 2: 'OrdersQueue', 'BillingQueue'");
    expect(() => t.resourceCountIs('ALIYUN::MNS::Subscription', 1))
      .toThrow("Expected 1 resource of type 'ALIYUN::MNS::Subscription' but found 0. Resource types in the template: ALIYUN::MNS::Queue, ALIYUN::MNS::Topic.");
  });
});

describe('resourcePropertiesCountIs', () => {
  test('counts the resources whose Properties match', () => {
    const t = Template.fromStack(queueStack().stack);
    t.resourcePropertiesCountIs(QUEUE, { VisibilityTimeout: Match.anyValue() }, 2);
    t.resourcePropertiesCountIs(QUEUE, { DelaySeconds: 0 }, 1);
    t.resourcePropertiesCountIs(QUEUE, { DelaySeconds: 1 }, 0);
  });

  test('fails on a wrong count with the ids and the closest miss', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.resourcePropertiesCountIs(QUEUE, { DelaySeconds: 0 }, 2))
      .toThrow(/but found 1 \('OrdersQueue'\) among 2 resources of that type\.\nThe closest non-matching resource is 'BillingQueue' with 1 mismatch:[\s\S]*at \/Properties\/DelaySeconds: missing key/);
    expect(() => t.resourcePropertiesCountIs(QUEUE, { VisibilityTimeout: Match.anyValue() }, 1))
      .toThrow(/Expected 1 resource of type 'ALIYUN::MNS::Queue' whose Properties match:[\s\S]*but found 2 \('OrdersQueue', 'BillingQueue'\)/);
  });
});

describe('findResources', () => {
  test('returns every resource of the type by default', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(Object.keys(t.findResources(QUEUE))).toEqual(['OrdersQueue', 'BillingQueue']);
    expect(t.findResources('ALIYUN::MNS::Subscription')).toEqual({});
  });

  test('filters on the whole entry', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(t.findResources(QUEUE, { Properties: { VisibilityTimeout: 30 } })).toEqual({
      BillingQueue: { Type: QUEUE, Properties: { QueueName: 'billing', VisibilityTimeout: 30 } },
    });
    expect(Object.keys(t.findResources(TOPIC, { DependsOn: ['OrdersQueue'] }))).toEqual(['EventsTopic']);
    expect(t.findResources(QUEUE, { Properties: { VisibilityTimeout: 1 } })).toEqual({});
  });

  test('returns copies', () => {
    const t = Template.fromStack(queueStack().stack);
    t.findResources(QUEUE).OrdersQueue.Properties.QueueName = 'changed';
    t.hasResourceProperties(QUEUE, { QueueName: 'orders' });
  });
});

describe('allResources / allResourcesProperties', () => {
  test('pass when every resource of the type matches', () => {
    const t = Template.fromStack(queueStack().stack);
    t.allResourcesProperties(QUEUE, { VisibilityTimeout: Match.anyValue() });
    t.allResources(QUEUE, { Type: QUEUE, DependsOn: Match.absent() });
  });

  test('fail listing every resource that does not match', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.allResourcesProperties(QUEUE, { DelaySeconds: 0 })).toThrow([
      "but 1 of 2 resources of that type does not:",
      "'BillingQueue' with 1 mismatch:",
    ].join('\n'));
    expect(() => t.allResources(QUEUE, { Properties: { QueueName: 'x' } }))
      .toThrow(/but 2 of 2 resources of that type do not:\n'OrdersQueue' with 1 mismatch:[\s\S]*'BillingQueue' with 1 mismatch:[\s\S]*at \/Properties\/QueueName: expected "x" but received "billing"/);
  });

  test('fail when there is no resource of the type', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.allResources('ALIYUN::MNS::Subscription', {})).toThrow(/the template has no resource of type 'ALIYUN::MNS::Subscription'/);
  });
});

describe('outputs', () => {
  test('hasOutput by logical id and with *', () => {
    const t = Template.fromStack(queueStack().stack);
    t.hasOutput('OrdersQueueName', { Value: 'orders' });
    t.hasOutput('*', { Description: Match.stringLikeRegexp('orders queue') });
  });

  test('hasOutput on a RosOutput with a token value and an export', () => {
    const app = new ros.App();
    const stack = new ros.Stack(app, 'Out');
    new ros.RosResource(stack, 'Queue', { type: QUEUE, properties: { QueueName: 'q' } });
    new ros.RosOutput(stack, 'QueueArn', { value: ros.Fn.getAtt('Queue', 'Arn'), exportName: 'queue-arn' });
    const t = Template.fromStack(stack);
    t.hasOutput('QueueArn', { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Export: { Name: 'queue-arn' } });
    expect(() => t.hasOutput('QueueArn', { Value: { 'Fn::GetAtt': ['Queue', 'QueueName'] } }))
      .toThrow(/at \/Value\/Fn::GetAtt\/1: expected "QueueName" but received "Arn"/);
  });

  test('hasOutput fails with the closest output', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.hasOutput('OrdersQueueName', { Value: 'billing' })).toThrow([
      "Expected output 'OrdersQueueName' matching:",
      '  {',
      '    "Value": "billing"',
      '  }',
      'but it does not match.',
      "The closest output is 'OrdersQueueName' with 1 mismatch:",
      '  {',
      '    "Description": "name of the orders queue",',
      '    "Value": "orders"',
      '  }',
      'Mismatches:',
      '  at /Value: expected "billing" but received "orders"',
    ].join('\n'));
    expect(() => t.hasOutput('*', { Value: 'billing' })).toThrow(/but none of the 1 output matches\.\nThe closest output is 'OrdersQueueName'/);
  });

  test('hasOutput fails when the output or all outputs are missing', () => {
    const t = Template.fromStack(queueStack().stack);
    expect(() => t.hasOutput('Nope', {})).toThrow("but the template has no output named 'Nope'. Outputs in the template: 'OrdersQueueName'.");
    expect(() => Template.fromJSON({ Resources: {} }).hasOutput('*', {})).toThrow(/but the template has no outputs\./);
  });

  test('findOutputs', () => {
    const t = Template.fromJSON({ Outputs: { A: { Value: 'a' }, B: { Value: 'b', Description: 'd' } } });
    expect(t.findOutputs('*')).toEqual({ A: { Value: 'a' }, B: { Value: 'b', Description: 'd' } });
    expect(t.findOutputs('*', { Description: Match.anyValue() })).toEqual({ B: { Value: 'b', Description: 'd' } });
    expect(t.findOutputs('A')).toEqual({ A: { Value: 'a' } });
    expect(t.findOutputs('A', { Value: 'b' })).toEqual({});
    expect(t.findOutputs('C')).toEqual({});
  });
});
