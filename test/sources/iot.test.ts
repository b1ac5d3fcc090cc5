/**
 * IoT Platform rule -> SMQ topic: an ALIYUN::IOT::RuleAction of type MNS whose Configuration has the keys of Alibaba's
 * sample resources/iot/rule.yml (aliyun/ros-templates), and a role trusted by iot.aliyuncs.com that may only publish to
 * the topic.
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Match, Template } from '../../lib/assertions';
import { consumers, iot, smq, sources } from '../../lib';
import { expectInvalid, getAtt, mnsJoin, newStack, warnings } from '../util';

const { IotRuleNotification } = sources;
const ENV = { region: 'cn-shanghai', account: '123456789012' };
const TRUST_IOT = {
  Version: '1',
  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['iot.aliyuncs.com'] } }],
};
const NO_INSTANCE = /iotInstanceId: the rule action names no IoT Platform instance/;

function devices(env?: ros.Environment, stackName = 'Devices'): { app: ros.App; stack: ros.Stack; rule: iot.RosRule; topic: smq.Topic } {
  const { app, stack } = newStack(stackName, env ? { env } : {});
  return { app, stack, rule: newRule(stack, 'Telemetry'), topic: new smq.Topic(stack, 'Readings') };
}

function newRule(stack: ros.Stack, id: string, props: Partial<iot.RosRuleProps> = {}): iot.RosRule {
  return new iot.RosRule(stack, id, {
    name: id.toLowerCase(), productKey: 'a1pk', shortTopic: '+/thing/event/property/post', topicType: 0, dataType: 'JSON',
    select: '*', startRule: true, iotInstanceId: 'iot-cn-0pp1n8t', ...props,
  }, true);
}

function resource(template: Template, logicalId: string): any {
  return template.toJSON().Resources[logicalId];
}

/** Evaluates the Fn::Join of a Configuration with the pseudo parameters and attributes given, and parses the JSON. */
function configurationOf(value: any, values: { [key: string]: string }): any {
  const text = (v: any): string => {
    if (typeof v === 'string') {
      return v;
    }
    if (v['Fn::Join']) {
      return v['Fn::Join'][1].map(text).join(v['Fn::Join'][0]);
    }
    const key = v.Ref ?? v['Fn::GetAtt']?.join('.') ?? JSON.stringify(v);
    if (!(key in values)) {
      throw new Error(`no value for ${key}`);
    }
    return values[key];
  };
  return JSON.parse(text(value));
}

function iotRole(scope: ros.Construct, id: string, service = 'iot.aliyuncs.com'): ram.Role {
  return new ram.Role(scope, id, {
    roleName: `role-${id.toLowerCase()}`,
    assumeRolePolicyDocument: { version: '1', statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: [service] } }] },
  });
}

describe('IotRuleNotification', () => {
  test('an MNS rule action on the rule, with the sample\'s Configuration keys and a role that may only publish to the topic', () => {
    const { stack, rule, topic } = devices();
    const notification = new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::IOT::RuleAction', 1);
    const action = resource(template, 'Forward');
    expect(action.Type).toBe('ALIYUN::IOT::RuleAction');
    expect(action.Properties).toEqual({
      RuleId: getAtt('Telemetry', 'RuleId'),
      Type: 'MNS',
      Configuration: expect.anything(),
      ErrorActionFlag: false,
      IotInstanceId: 'iot-cn-0pp1n8t',
    });
    // the JSON text once deployed: exactly the keys and nesting of resources/iot/rule.yml
    expect(configurationOf(action.Properties.Configuration, {
      'Readings.TopicName': 'Devices-Readings',
      'ALIYUN::Region': 'cn-shanghai',
      'ForwardRole.Arn': 'acs:ram::123:role/devices-forward-iot-cn-shanghai',
      'ForwardRole.RoleName': 'Devices-Forward-iot-cn-shanghai',
    })).toEqual({
      themeName: 'Devices-Readings',
      regionName: 'cn-shanghai',
      role: { roleArn: 'acs:ram::123:role/devices-forward-iot-cn-shanghai', roleName: 'Devices-Forward-iot-cn-shanghai' },
    });
    const role = resource(template, 'ForwardRole');
    expect(role.Type).toBe('ALIYUN::RAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument).toEqual(TRUST_IOT);
    expect(role.Properties.RoleName).toEqual({ 'Fn::Join': ['', ['Devices-Forward-iot-', { Ref: 'ALIYUN::Region' }]] });
    expect(role.Properties.Policies).toHaveLength(1);
    expect(role.Properties.Policies[0].PolicyDocument).toEqual({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: ['mns:PublishMessage'], Resource: [mnsJoin('/topics/', getAtt('Readings', 'TopicName'), '/messages')] }],
    });
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 0);
    expect(notification.role).toBeInstanceOf(ram.Role);
    expect(stack.resolve(notification.rosRuleAction.attrActionId)).toEqual(getAtt('Forward', 'ActionId'));
    expect(warnings(stack)).toEqual([]);
  });

  test('with literal env: the Configuration text names the region, and the role name ends with it', () => {
    const { stack, rule, topic } = devices(ENV);
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    const template = Template.fromStack(stack);
    expect(resource(template, 'ForwardRole').Properties.RoleName).toBe('Devices-Forward-iot-cn-shanghai');
    // the role's literal name; its Arn attribute keeps the action after the role
    expect(configurationOf(resource(template, 'Forward').Properties.Configuration, { 'Readings.TopicName': 't', 'ForwardRole.Arn': 'arn' }))
      .toEqual({ themeName: 't', regionName: 'cn-shanghai', role: { roleArn: 'arn', roleName: 'Devices-Forward-iot-cn-shanghai' } });
    expect(resource(template, 'ForwardRole').Properties.Policies[0].PolicyDocument.Statement[0].Resource)
      .toEqual([{ 'Fn::Join': ['', ['acs:mns:cn-shanghai:123456789012:/topics/', getAtt('Readings', 'TopicName'), '/messages']] }]);
  });

  test('a rule made elsewhere, by its ID: RuleId is an integer; without an instance ID a warning says it is needed', () => {
    const { stack, topic } = devices(ENV);
    new IotRuleNotification(stack, 'Forward', { ruleId: '100000', destination: topic });
    const action = resource(Template.fromStack(stack), 'Forward');
    expect(action.Properties.RuleId).toBe(100000);
    expect(action.Properties.IotInstanceId).toBeUndefined();
    expect(warnings(stack)).toEqual([expect.stringMatching(NO_INSTANCE)]);
  });

  test('a rule ID and an instance ID from parameters: tokens pass', () => {
    const { stack, topic } = devices();
    const ruleId = new ros.RosParameter(stack, 'RuleId', { type: ros.RosParameterType.STRING }).valueAsString;
    const instance = new ros.RosParameter(stack, 'Instance', { type: ros.RosParameterType.STRING }).valueAsString;
    new IotRuleNotification(stack, 'Forward', { ruleId, iotInstanceId: instance, destination: topic });
    const action = resource(Template.fromStack(stack), 'Forward');
    expect(action.Properties.RuleId).toEqual({ Ref: 'RuleId' });
    expect(action.Properties.IotInstanceId).toEqual({ Ref: 'Instance' });
    expect(warnings(stack)).toEqual([]);
  });

  test('the instance ID is taken from the rule, also when it is a parameter', () => {
    const { stack, topic } = devices();
    const instance = new ros.RosParameter(stack, 'Instance', { type: ros.RosParameterType.STRING }).valueAsString;
    const rule = newRule(stack, 'Alerts', { iotInstanceId: instance });
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    new IotRuleNotification(stack, 'Again', { rule, destination: new smq.Topic(stack, 'Other'), iotInstanceId: instance });
    const template = Template.fromStack(stack);
    expect(resource(template, 'Forward').Properties.IotInstanceId).toEqual({ Ref: 'Instance' });
    expect(resource(template, 'Again').Properties.IotInstanceId).toEqual({ Ref: 'Instance' });
    expect(warnings(stack)).toEqual([]);
  });

  test('an error action: ErrorActionFlag true, and one topic may take a rule\'s data and its failed data', () => {
    const { stack, rule, topic } = devices();
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    new IotRuleNotification(stack, 'Failed', { rule, destination: topic, errorAction: true });
    const template = Template.fromStack(stack);
    expect(resource(template, 'Failed').Properties.ErrorActionFlag).toBe(true);
    expect(resource(template, 'Forward').Properties.ErrorActionFlag).toBe(false);
  });

  test('two instances in one stack: two rules, two topics, each action and role with its own id and name', () => {
    const { stack, rule, topic } = devices();
    const other = newRule(stack, 'Alerts');
    const pager = new smq.Topic(stack, 'Pager');
    new IotRuleNotification(stack, 'A', { rule, destination: topic });
    new IotRuleNotification(stack, 'B', { rule, destination: pager });
    new IotRuleNotification(stack, 'C', { rule: other, destination: topic });
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('ALIYUN::IOT::RuleAction')).sort()).toEqual(['A', 'B', 'C']);
    expect(Object.keys(template.findResources('ALIYUN::RAM::Role')).sort()).toEqual(['ARole', 'BRole', 'CRole']);
    expect(resource(template, 'C').Properties.RuleId).toEqual(getAtt('Alerts', 'RuleId'));
    const roleNames = ['ARole', 'BRole', 'CRole'].map((id) => resource(template, id).Properties.RoleName['Fn::Join'][1][0]);
    expect(roleNames).toEqual(['Devices-A-iot-', 'Devices-B-iot-', 'Devices-C-iot-']);
  });

  test('the same ids in two stacks: each stack\'s own role names, no warnings', () => {
    const app = new ros.App();
    const stacks = ['East', 'West'].map((stackName) => {
      const stack = new ros.Stack(app, stackName);
      new IotRuleNotification(stack, 'Forward', { rule: newRule(stack, 'Telemetry'), destination: new smq.Topic(stack, 'Readings') });
      return stack;
    });
    const names = stacks.map((stack) => resource(Template.fromStack(stack), 'ForwardRole').Properties.RoleName);
    expect(names).toEqual([
      { 'Fn::Join': ['', ['East-Forward-iot-', { Ref: 'ALIYUN::Region' }]] },
      { 'Fn::Join': ['', ['West-Forward-iot-', { Ref: 'ALIYUN::Region' }]] },
    ]);
    expect(warnings(app)).toEqual([]);
  });

  test('an imported topic: its literal name in the Configuration and the policy', () => {
    const { stack, rule } = devices(ENV);
    const topic = smq.Topic.fromTopicArn(stack, 'Shared', 'acs:mns:cn-shanghai:123456789012:/topics/shared-readings');
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    const template = Template.fromStack(stack);
    expect(configurationOf(resource(template, 'Forward').Properties.Configuration, { 'ForwardRole.Arn': 'arn' }))
      .toEqual({ themeName: 'shared-readings', regionName: 'cn-shanghai', role: { roleArn: 'arn', roleName: 'Devices-Forward-iot-cn-shanghai' } });
    expect(resource(template, 'ForwardRole').Properties.Policies[0].PolicyDocument.Statement[0].Resource)
      .toEqual(['acs:mns:cn-shanghai:123456789012:/topics/shared-readings/messages']);
  });

  test('a topic whose name is a parameter: tokens pass', () => {
    const { stack, rule } = devices();
    const name = new ros.RosParameter(stack, 'TopicName', { type: ros.RosParameterType.STRING }).valueAsString;
    new IotRuleNotification(stack, 'Forward', { rule, destination: smq.Topic.fromTopicName(stack, 'T', name) });
    const template = Template.fromStack(stack);
    expect(configurationOf(resource(template, 'Forward').Properties.Configuration, {
      TopicName: 'readings', 'ALIYUN::Region': 'cn-shanghai', 'ForwardRole.Arn': 'arn', 'ForwardRole.RoleName': 'name',
    }).themeName).toBe('readings');
  });

  test('a topic and a rule in another stack of the same region and account: referenced across stacks', () => {
    const app = new ros.App();
    const shared = new ros.Stack(app, 'Shared', { env: ENV });
    const topic = new smq.Topic(shared, 'Readings');
    const rule = newRule(shared, 'Telemetry');
    const stack = new ros.Stack(app, 'Wiring', { env: ENV });
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    const properties = app.synth().getStackByName('Wiring').template.Resources.Forward.Properties;
    expect(properties.RuleId).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Shared:ExportsOutput/) });
    expect(JSON.stringify(properties.Configuration)).toMatch(/Fn::ImportValue/);
    expect(properties.IotInstanceId).toBe('iot-cn-0pp1n8t');
  });

  test('a topic in another region: an error with literals, a warning with tokens', () => {
    const { stack, rule } = devices(ENV);
    const far = smq.Topic.fromTopicArn(stack, 'Far', 'acs:mns:cn-hangzhou:123456789012:/topics/readings');
    expectInvalid(() => new IotRuleNotification(stack, 'Forward', { rule, destination: far }),
      'Devices/Forward: destination must be in the same region as the stack (cn-shanghai), got "topic \'Devices/Far\' in region cn-hangzhou"');

    const open = devices();
    const imported = smq.Topic.fromTopicName(open.stack, 'Far', 'readings', { region: 'cn-hangzhou' });
    new IotRuleNotification(open.stack, 'Forward', { rule: open.rule, destination: imported });
    expect(warnings(open.stack)).toEqual([expect.stringMatching(
      /^Devices\/Forward: destination: topic 'Devices\/Far' is in region cn-hangzhou, account <deploy-time account>, and the stack in region <deploy-time region>, account <deploy-time account>\. They must be the same \(the rule action names the topic by name and region only.*Enterprise Edition instances forward only to topics in their own region\)/)]);
  });

  test('a topic of another account: an error (IoT Platform publishes with a role of the rule\'s account)', () => {
    const { stack, rule } = devices(ENV);
    const other = smq.Topic.fromTopicArn(stack, 'Other', 'acs:mns:cn-shanghai:999999999999:/topics/readings');
    expectInvalid(() => new IotRuleNotification(stack, 'Forward', { rule, destination: other }),
      'Devices/Forward: destination must be in the same account as the stack (123456789012), got "topic \'Devices/Other\' in account 999999999999"');
  });

  test('a rule of a stack in another region: an error', () => {
    const app = new ros.App();
    const rule = newRule(new ros.Stack(app, 'Rules', { env: { ...ENV, region: 'cn-beijing' } }), 'Telemetry');
    const stack = new ros.Stack(app, 'Wiring', { env: ENV });
    expectInvalid(() => new IotRuleNotification(stack, 'Forward', { rule, destination: new smq.Topic(stack, 'Readings') }),
      'Wiring/Forward: rule must be in the same region as the stack (cn-shanghai), got "IoT rule \'Rules/Telemetry\' in region cn-beijing"');
  });

  describe('a role of the user\'s', () => {
    test('is named in the Configuration and gets mns:PublishMessage on the topic\'s messages only; the action waits for that policy', () => {
      const { stack, rule, topic } = devices();
      const role = iotRole(stack, 'Publisher');
      const notification = new IotRuleNotification(stack, 'Forward', { rule, destination: topic, role });
      const template = Template.fromStack(stack);
      expect(notification.role).toBe(role);
      template.resourceCountIs('ALIYUN::RAM::Role', 1);
      expect(configurationOf(resource(template, 'Forward').Properties.Configuration, {
        'Readings.TopicName': 't', 'ALIYUN::Region': 'cn-shanghai', 'Publisher.Arn': 'acs:ram::1:role/role-publisher',
      }).role).toEqual({ roleArn: 'acs:ram::1:role/role-publisher', roleName: 'role-publisher' });
      const policies = template.findResources('ALIYUN::RAM::ManagedPolicy');
      expect(Object.keys(policies)).toHaveLength(1);
      template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
        Roles: [getAtt('Publisher', 'RoleName')],
        PolicyDocument: Match.objectEquals({
          Version: '1',
          Statement: [{ Effect: 'Allow', Action: ['mns:PublishMessage'], Resource: [mnsJoin('/topics/', getAtt('Readings', 'TopicName'), '/messages')] }],
        }),
      });
      expect(resource(template, 'Forward').DependsOn).toEqual(Object.keys(policies));
    });

    test('in another stack: its policy goes there, naming the topic by its literal name', () => {
      const app = new ros.App();
      const role = iotRole(new ros.Stack(app, 'Security', { env: ENV }), 'Publisher');
      const stack = new ros.Stack(app, 'Devices', { env: ENV });
      new IotRuleNotification(stack, 'Forward', { rule: newRule(stack, 'Telemetry'), destination: new smq.Topic(stack, 'Readings'), role });
      const assembly = app.synth();
      const policies = Object.values<any>(assembly.getStackByName('Security').template.Resources).filter((r) => r.Type === 'ALIYUN::RAM::ManagedPolicy');
      expect(policies.map((p) => p.Properties.PolicyDocument.Statement[0].Resource)).toEqual([['acs:mns:cn-shanghai:123456789012:/topics/Devices-Readings/messages']]);
      expect(assembly.getStackByName('Devices').template.Resources.Forward.DependsOn).toBeUndefined();
    });

    test('must trust IoT Platform', () => {
      const { stack, rule, topic } = devices();
      expectInvalid(() => new IotRuleNotification(stack, 'Forward', { rule, destination: topic, role: iotRole(stack, 'Ecs', 'ecs.aliyuncs.com') }),
        'Devices/Forward: role must let the service iot.aliyuncs.com assume it (an Allow of sts:AssumeRole to principal { service: [\'iot.aliyuncs.com\'] }, '
        + 'and no Deny of it): IoT Platform assumes it to publish to the topic, got "Devices/Ecs"');
    });

    test('a Deny of IoT Platform wins over an Allow', () => {
      const { stack, rule, topic } = devices();
      const role = new ram.Role(stack, 'Both', {
        roleName: 'both',
        assumeRolePolicyDocument: {
          version: '1',
          statement: [
            { action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['iot.aliyuncs.com'] } },
            { action: 'sts:AssumeRole', effect: 'Deny', principal: { service: ['iot.aliyuncs.com'] } },
          ],
        },
      });
      expectInvalid(() => new IotRuleNotification(stack, 'Forward', { rule, destination: topic, role }), /^Devices\/Forward: role must let the service iot\.aliyuncs\.com assume it/);
    });

    test('a trust policy from a parameter is not checked', () => {
      const { stack, rule, topic } = devices();
      const service = new ros.RosParameter(stack, 'Service', { type: ros.RosParameterType.STRING }).valueAsString;
      expect(() => new IotRuleNotification(stack, 'Forward', { rule, destination: topic, role: iotRole(stack, 'P', service) })).not.toThrow();
    });
  });

  test('a rule takes at most 10 actions, its inline actions counted', () => {
    const { stack } = devices();
    const inline = { type: 'REPUBLISH', configuration: '{"topic":"/a1pk/dev/user/get","topicType":1}' };
    const rule = newRule(stack, 'Busy', { ruleAction: [inline, inline] });
    for (let i = 0; i < 8; i++) {
      new IotRuleNotification(stack, `F${i}`, { rule, destination: new smq.Topic(stack, `T${i}`) });
    }
    expectInvalid(() => new IotRuleNotification(stack, 'F8', { rule, destination: new smq.Topic(stack, 'T8') }),
      'Devices/F8: rule must have at most 10 actions (IoT Platform\'s limit); this would be action number 11, got "Devices/Busy"');
  });

  test('one topic twice on one rule: an error, also when the rule is named by one ID in two stacks of one literal env', () => {
    const { stack, rule, topic } = devices();
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    expectInvalid(() => new IotRuleNotification(stack, 'Again', { rule, destination: smq.Topic.fromTopicName(stack, 'Same', 'Devices-Readings') }),
      'Devices/Again: destination must be a topic the rule does not forward to yet: \'Devices/Forward\' already forwards its data there, '
      + 'and each message would be published twice, got "Devices/Same"');

    const app = new ros.App();
    const [a, b] = ['A', 'B'].map((name) => new ros.Stack(app, name, { env: ENV }));
    new IotRuleNotification(a, 'Forward', { ruleId: '42', destination: smq.Topic.fromTopicName(a, 'T', 'readings') });
    expectInvalid(() => new IotRuleNotification(b, 'Forward', { ruleId: '42', destination: smq.Topic.fromTopicName(b, 'T', 'readings') }),
      /^B\/Forward: destination must be a topic the rule does not forward to yet: 'A\/Forward' already forwards its data there/);
  });

  test('one rule ID and one topic in two stacks without env: a warning, since they may be deployed apart', () => {
    const app = new ros.App();
    const stacks = ['A', 'B'].map((name) => {
      const stack = new ros.Stack(app, name);
      new IotRuleNotification(stack, 'Forward', { ruleId: '42', iotInstanceId: 'iot-1', destination: smq.Topic.fromTopicName(stack, 'T', 'readings') });
      return stack;
    });
    expect(warnings(stacks[1])).toEqual([expect.stringMatching(
      /^B\/Forward: destination: "B\/T" must be a topic the rule does not forward to yet: 'A\/Forward' already forwards its data there, and each message would be published twice if the stacks that name this rule ID are deployed to one region and account/)]);
  });

  test('a rule that is not started at synth: a warning (IoT Platform forwards nothing until it is)', () => {
    const { stack, topic } = devices();
    new IotRuleNotification(stack, 'Forward', { rule: newRule(stack, 'Idle', { startRule: undefined }), destination: topic });
    const started = newRule(stack, 'Later', { startRule: undefined });
    new IotRuleNotification(stack, 'Again', { rule: started, destination: new smq.Topic(stack, 'Other') });
    started.startRule = true;
    Template.fromStack(stack);
    expect(warnings(stack)).toEqual([expect.stringMatching(/^Devices\/Forward: rule: 'Devices\/Idle' is not started \(startRule is not true\)/)]);
  });

  test('a queue fed through the topic: the way the queue error points to', () => {
    const { stack, rule, topic } = devices();
    const queue = new smq.Queue(stack, 'Work');
    topic.addSubscription(new consumers.QueueSubscription(queue));
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    const template = Template.fromStack(stack);
    template.resourceCountIs('ALIYUN::MNS::Subscription', 1);
    template.resourceCountIs('ALIYUN::IOT::RuleAction', 1);
  });

  test.each<[string, (s: ros.Stack, rule: iot.RosRule, topic: smq.Topic) => unknown, string | RegExp]>([
    ['no props', (s) => new IotRuleNotification(s, 'F', undefined as any), 'Devices/F: props must be given: { rule or ruleId, destination }, got undefined'],
    ['a queue', (s, rule) => new IotRuleNotification(s, 'F', { rule, destination: new smq.Queue(s, 'Q') as any }),
      'Devices/F: destination must be a topic: IoT Platform forwards rule data to SMQ topics only. Forward to a topic and subscribe the queue to it: '
      + 'topic.addSubscription(new consumers.QueueSubscription(queue)), got "Devices/Q"'],
    ['no destination', (s, rule) => new IotRuleNotification(s, 'F', { rule } as any), /^Devices\/F: destination must be a topic \(smq\.Topic/],
    ['neither rule nor ruleId', (s, _r, topic) => new IotRuleNotification(s, 'F', { destination: topic }),
      'Devices/F: rule or ruleId must be given, and only one of them, got undefined'],
    ['both rule and ruleId', (s, rule, topic) => new IotRuleNotification(s, 'F', { rule, ruleId: '1', destination: topic }),
      'Devices/F: rule or ruleId must be given, and only one of them, got "{ rule, ruleId }"'],
    ['a rule ID with letters', (s, _r, topic) => new IotRuleNotification(s, 'F', { ruleId: 'rule-1', destination: topic }),
      'Devices/F: ruleId must contain only digits (a rule ID such as "100000"), got "rule-1"'],
    ['a rule ID of 0', (s, _r, topic) => new IotRuleNotification(s, 'F', { ruleId: '0', destination: topic }),
      'Devices/F: ruleId must be a rule ID: a positive integer, such as "100000", got "0"'],
    ['a rule ID past 2^53', (s, _r, topic) => new IotRuleNotification(s, 'F', { ruleId: '9007199254740993', destination: topic }),
      'Devices/F: ruleId must be a rule ID: a positive integer, such as "100000", got "9007199254740993"'],
    ['a topic as the rule', (s, _r, topic) => new IotRuleNotification(s, 'F', { rule: topic as any, destination: topic }),
      'Devices/F: rule must be an IoT Platform rule (iot.RosRule, or a construct with attrRuleId), got "Devices/Readings"'],
    ['another instance than the rule\'s', (s, rule, topic) => new IotRuleNotification(s, 'F', { rule, destination: topic, iotInstanceId: 'iot-cn-other' }),
      'Devices/F: iotInstanceId must be the instance of rule \'Devices/Telemetry\' ("iot-cn-0pp1n8t"), or left out, got "iot-cn-other"'],
    ['an instance for a rule that names none', (s, _r, topic) => new IotRuleNotification(s, 'F', {
      rule: newRule(s, 'Bare', { iotInstanceId: undefined }), destination: topic, iotInstanceId: 'iot-cn-other',
    }), 'Devices/F: iotInstanceId must be the instance of rule \'Devices/Bare\' (none: the rule names no instance), or left out, got "iot-cn-other"'],
    ['an instance ID with a space', (s, _r, topic) => new IotRuleNotification(s, 'F', { ruleId: '1', destination: topic, iotInstanceId: 'iot cn' }),
      'Devices/F: iotInstanceId must contain only letters, digits, underscores and hyphens, got "iot cn"'],
    ['errorAction as text', (s, rule, topic) => new IotRuleNotification(s, 'F', { rule, destination: topic, errorAction: 'yes' as any }),
      'Devices/F: errorAction must be true or false, got "yes"'],
    ['errorAction from a parameter', (s, rule, topic) => new IotRuleNotification(s, 'F', {
      rule, destination: topic, errorAction: ros.Token.asAny(new ros.RosParameter(s, 'E', { type: ros.RosParameterType.BOOLEAN }).value) as any,
    }), /^Devices\/F: errorAction must be a literal true or false, not a token/],
    ['a role that is not a role', (s, rule, topic) => new IotRuleNotification(s, 'F', { rule, destination: topic, role: {} as any }),
      'Devices/F: role must be a RAM role (ram.Role of @alicloud/ros-cdk-ram), got {}'],
    ['an id a resource of the stack already has', (s, rule, topic) => new IotRuleNotification(new ros.Construct(s, 'Group'), 'Readings', { rule, destination: topic }),
      /^Devices\/Group\/Readings\/Readings: id must be unique in the stack, but 'Devices\/Readings\/Readings' already has it as its logical id/],
  ])('bad input: %s', (_name, make, message) => {
    const { stack, rule, topic } = devices();
    expectInvalid(() => make(stack, rule, topic), message);
  });
});

describe('IotRuleNotification with a rule of another kind', () => {
  test('any construct with attrRuleId: a literal ID is rendered as an integer, a token as it is', () => {
    const { stack, topic } = devices();
    const literal = Object.assign(new ros.Construct(stack, 'Literal'), { attrRuleId: '4242' });
    const token = Object.assign(new ros.Construct(stack, 'Token'), { attrRuleId: ros.Token.asString(ros.Fn.getAtt('Elsewhere', 'RuleId')) });
    new IotRuleNotification(stack, 'A', { rule: literal, destination: topic, iotInstanceId: 'iot-1' });
    new IotRuleNotification(stack, 'B', { rule: token, destination: topic, iotInstanceId: 'iot-1' });
    const template = Template.fromStack(stack);
    expect(resource(template, 'A').Properties.RuleId).toBe(4242);
    expect(resource(template, 'B').Properties.RuleId).toEqual(getAtt('Elsewhere', 'RuleId'));
    const bad = Object.assign(new ros.Construct(stack, 'Bad'), { attrRuleId: 'r-1' });
    expectInvalid(() => new IotRuleNotification(stack, 'C', { rule: bad, destination: topic }),
      'Devices/C: rule.attrRuleId must contain only digits (a rule ID such as "100000"), got "r-1"');
  });
});

describe('IotRuleNotification and a rule changed after it is made', () => {
  test('the action takes the rule\'s instance ID as it is at synth', () => {
    const { stack, rule, topic } = devices();
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    rule.iotInstanceId = 'iot-cn-other';
    const template = Template.fromStack(stack);
    expect(resource(template, 'Telemetry').Properties.IotInstanceId).toBe('iot-cn-other');
    expect(resource(template, 'Forward').Properties.IotInstanceId).toBe('iot-cn-other');
    expect(warnings(stack)).toEqual([]);
  });

  test('a rule whose instance ID is taken away: no IotInstanceId, and the warning that it is needed', () => {
    const { stack, rule, topic } = devices();
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    rule.iotInstanceId = undefined;
    expect(resource(Template.fromStack(stack), 'Forward').Properties.IotInstanceId).toBeUndefined();
    expect(warnings(stack)).toEqual([expect.stringMatching(NO_INSTANCE)]);
  });

  test('a rule given its instance ID later: no warning', () => {
    const { stack, topic } = devices();
    const rule = newRule(stack, 'Bare', { iotInstanceId: undefined });
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    rule.iotInstanceId = 'iot-cn-0pp1n8t';
    expect(resource(Template.fromStack(stack), 'Forward').Properties.IotInstanceId).toBe('iot-cn-0pp1n8t');
    expect(warnings(stack)).toEqual([]);
  });

  test('an instance ID given that the rule no longer has: an error at synth', () => {
    const { app, stack, rule, topic } = devices();
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic, iotInstanceId: 'iot-cn-0pp1n8t' });
    rule.iotInstanceId = 'iot-cn-other';
    expectInvalid(() => app.synth(),
      'Devices/Forward: iotInstanceId must be the instance of rule \'Devices/Telemetry\' ("iot-cn-other"), or left out, got "iot-cn-0pp1n8t"');
  });

  test('inline actions set later count toward the 10 actions of a rule, at synth', () => {
    const { app, stack, rule, topic } = devices();
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    rule.ruleAction = new Array(10).fill({ type: 'REPUBLISH', configuration: '{"topic":"/a1pk/dev/user/get","topicType":1}' });
    expectInvalid(() => app.synth(),
      'Devices/Forward: rule must have at most 10 actions (IoT Platform\'s limit); it has 11: 10 in its ruleAction and 1 from IotRuleNotification, got "Devices/Telemetry"');
  });

  test('nine inline actions and one of this library: accepted', () => {
    const { stack, rule, topic } = devices();
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    rule.ruleAction = new Array(9).fill({ type: 'REPUBLISH', configuration: '{"topic":"/a1pk/dev/user/get","topicType":1}' });
    expect(resource(Template.fromStack(stack), 'Telemetry').Properties.RuleAction).toHaveLength(9);
  });
});

describe('IotRuleNotification and an inline MNS action of the rule to the same topic', () => {
  const inline = (themeName: string, regionName: string, errorActionFlag?: boolean) => ({
    type: 'MNS',
    configuration: JSON.stringify({ themeName, regionName, role: { roleArn: 'acs:ram::123456789012:role/aliyuniotaccessingmnsrole', roleName: 'AliyunIOTAccessingMNSRole' } }),
    ...(errorActionFlag === undefined ? {} : { errorActionFlag }),
  });
  const TWICE = 'Devices/Forward: destination must be a topic the rule does not forward to yet: ruleAction[1] of rule \'Devices/Alerts\' already forwards its data there, '
    + 'and each message would be published twice, got "Devices/Readings"';

  test('literal JSON naming the topic\'s name: an error', () => {
    const { stack, topic } = devices(ENV);
    const rule = newRule(stack, 'Alerts', { ruleAction: [inline('other', 'cn-shanghai'), inline('Devices-Readings', 'cn-shanghai')] });
    expectInvalid(() => new IotRuleNotification(stack, 'Forward', { rule, destination: topic }), TWICE);
  });

  test('set after construction, with the topic\'s name attribute and ALIYUN::Region (a token configuration): an error at synth', () => {
    const { app, stack, topic } = devices();
    const rule = newRule(stack, 'Alerts');
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    rule.ruleAction = [inline('other', 'cn-shanghai'), {
      type: 'SMQ',
      configuration: smq.Identifiers.iotMnsActionConfiguration(stack, topic.channelAddress, 'acs:ram::123456789012:role/r', 'r'),
    }];
    expectInvalid(() => app.synth(), TWICE);
  });

  test('JSON text written around the topic\'s name token: an error', () => {
    const { stack, topic } = devices();
    const rule = newRule(stack, 'Alerts', {
      ruleAction: [inline('other', 'cn-shanghai'), { type: 'MNS', configuration: `{"themeName":"${topic.topicName}","regionName":"${ros.RosPseudo.region}","role":{"roleArn":"a","roleName":"b"}}` }],
    });
    expectInvalid(() => new IotRuleNotification(stack, 'Forward', { rule, destination: topic }), TWICE);
  });

  test('another region, another topic, or the other kind of action (error action): accepted', () => {
    const { stack, topic } = devices(ENV);
    const rule = newRule(stack, 'Alerts', {
      ruleAction: [inline('Devices-Readings', 'cn-beijing'), inline('Devices-Other', 'cn-shanghai'), inline('Devices-Readings', 'cn-shanghai', true)],
    });
    new IotRuleNotification(stack, 'Forward', { rule, destination: topic });
    expect(resource(Template.fromStack(stack), 'Alerts').Properties.RuleAction).toHaveLength(3);
  });

  test('an error action beside an inline error action to the topic: an error', () => {
    const { stack, topic } = devices(ENV);
    const rule = newRule(stack, 'Alerts', { ruleAction: [inline('Devices-Readings', 'cn-shanghai', true)] });
    expectInvalid(() => new IotRuleNotification(stack, 'Forward', { rule, destination: topic, errorAction: true }),
      'Devices/Forward: destination must be a topic the rule does not forward to yet: ruleAction[0] of rule \'Devices/Alerts\' already forwards its failed data there, '
      + 'and each message would be published twice, got "Devices/Readings"');
  });
});

describe('IotRuleNotification across stacks: no dependency cycle', () => {
  const CYCLE = 'A/Forward: role must be in the topic\'s stack \'A\' (or left out, to have a role made with the rule action), or topic \'A/Readings\' must have a literal name: '
    + 'the role\'s policy goes in the role\'s stack \'B\' and names the topic there, and the stacks would depend on each other in a cycle, which ROS cannot deploy '
    + '(stack \'A\' -> \'B\': the rule action \'A/Forward\' refers to \'B/Publisher/Publisher.Arn\'; ';

  function twoStacks(): { app: ros.App; a: ros.Stack; b: ros.Stack } {
    const app = new ros.App();
    return { app, a: new ros.Stack(app, 'A', { env: ENV }), b: new ros.Stack(app, 'B', { env: ENV }) };
  }

  test('a role in another stack and a topic named by a parameter of the action\'s stack: an error naming both', () => {
    const { a, b } = twoStacks();
    const name = new ros.RosParameter(a, 'TopicName', { type: ros.RosParameterType.STRING }).valueAsString;
    const topic = new smq.Topic(a, 'Readings', { topicName: name });
    expectInvalid(() => new IotRuleNotification(a, 'Forward', { rule: newRule(a, 'Telemetry'), destination: topic, role: iotRole(b, 'Publisher') }),
      new RegExp(`^${escape(CYCLE)}stack 'B' -> 'A': the policy 'B/Publisher/ReadingsPublisherPolicy[0-9a-f]{8}' that lets the role publish refers to 'A/Readings/Readings\\.TopicName'\\), got "B/Publisher"$`));
  });

  test('the same with an imported topic whose name is a parameter', () => {
    const { a, b } = twoStacks();
    const name = new ros.RosParameter(a, 'TopicName', { type: ros.RosParameterType.STRING }).valueAsString;
    const topic = smq.Topic.fromTopicName(a, 'Readings', name);
    expectInvalid(() => new IotRuleNotification(a, 'Forward', { rule: newRule(a, 'Telemetry'), destination: topic, role: iotRole(b, 'Publisher') }),
      new RegExp(`^${escape(CYCLE)}stack 'B' -> 'A': the policy '[^']+' that lets the role publish refers to 'A/TopicName\\.Ref'\\), got "B/Publisher"$`));
  });

  test('a rule in a stack that depends on the action\'s stack: an error when made, or at synth when the dependency comes later', () => {
    const { a, b } = twoStacks();
    b.addDependency(a);
    const message = 'A/Forward: rule must not come from a stack that depends on stack \'A\': the stacks would depend on each other in a cycle, which ROS cannot deploy '
      + '(stack \'A\' -> \'B\': the rule action \'A/Forward\' refers to \'B/Telemetry.RuleId\'; stack \'B\' -> \'A\': \'B\' depends on \'A\' (addDependency)), got "B/Telemetry"';
    expectInvalid(() => new IotRuleNotification(a, 'Forward', { rule: newRule(b, 'Telemetry'), destination: new smq.Topic(a, 'Readings') }), message);

    const later = twoStacks();
    new IotRuleNotification(later.a, 'Forward', { rule: newRule(later.b, 'Telemetry'), destination: new smq.Topic(later.a, 'Readings') });
    later.b.addDependency(later.a);
    expectInvalid(() => later.app.synth(), message);
  });

  test('working arrangements: the role and the parameter-named topic in one other stack; the topic in a third stack; a role of the action\'s stack', () => {
    const app = new ros.App();
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((n) => new ros.Stack(app, n, { env: ENV }));
    const param = (s: ros.Stack, id = 'TopicName') => new ros.RosParameter(s, id, { type: ros.RosParameterType.STRING }).valueAsString;
    new IotRuleNotification(a, 'Forward', { rule: newRule(a, 'Telemetry'), destination: new smq.Topic(b, 'Readings', { topicName: param(b) }), role: iotRole(b, 'Publisher') });
    new IotRuleNotification(c, 'Forward', { rule: newRule(c, 'Telemetry'), destination: new smq.Topic(d, 'Readings', { topicName: param(d) }), role: iotRole(b, 'Other') });
    new IotRuleNotification(d, 'Forward', { rule: newRule(d, 'Telemetry'), destination: smq.Topic.fromTopicName(d, 'Imported', param(d, 'Other')), role: iotRole(d, 'Own') });
    const assembly = app.synth();
    expect(a.dependencies.map((s) => s.stackName)).toEqual(['B']);
    expect(c.dependencies.map((s) => s.stackName).sort()).toEqual(['B', 'D']);
    expect(b.dependencies.map((s) => s.stackName)).toEqual(['D']);
    expect(d.dependencies).toEqual([]);
    // the role's policy in B names C's topic by reference: B -> D
    expect(JSON.stringify(assembly.getStackByName('B').template.Resources)).toMatch(/Fn::ImportValue/);
  });

  test('a cycle that only several actions make together: an error at synth naming each reference', () => {
    const app = new ros.App();
    const [a, b, d] = ['A', 'B', 'D'].map((n) => new ros.Stack(app, n, { env: ENV }));
    const param = (s: ros.Stack) => new ros.RosParameter(s, 'TopicName', { type: ros.RosParameterType.STRING }).valueAsString;
    // A -> B (topic and role of B), B -> D (the policy of Other names D's topic), D -> A (D's action names A's parameter)
    new IotRuleNotification(a, 'Forward', { rule: newRule(a, 'Telemetry'), destination: new smq.Topic(b, 'Readings', { topicName: 'readings' }), role: iotRole(b, 'Publisher') });
    new IotRuleNotification(d, 'Forward', { rule: newRule(d, 'Telemetry'), destination: smq.Topic.fromTopicName(d, 'Imported', param(a)) });
    new IotRuleNotification(b, 'Forward', { rule: newRule(b, 'Telemetry'), destination: new smq.Topic(d, 'Readings', { topicName: param(d) }), role: iotRole(b, 'Other') });
    expectInvalid(() => app.synth(), new RegExp('^A/Forward: destination must not come from a stack that depends on stack \'A\': the stacks would depend on each other in a cycle, '
      + 'which ROS cannot deploy \\(stack \'A\' -> \'B\': the rule action \'A/Forward\' refers to \'B/Readings/Readings\\.TopicName\'; '
      + 'stack \'B\' -> \'D\': \'B/Other/ReadingsOtherPolicy[0-9a-f]{8}\' refers to \'D/Readings/Readings\\.TopicName\'; '
      + 'stack \'D\' -> \'A\': \'D/Forward/ForwardRole/ForwardRole\' refers to \'A/TopicName\\.Ref\'\\), got "B/Readings"$'));
  });
});

describe('IotRuleNotification rule IDs with tokens', () => {
  test('digits joined to a token: an error (RuleId is an integer, a joined value renders as text)', () => {
    const { stack, topic } = devices();
    const suffix = new ros.RosParameter(stack, 'Suffix', { type: ros.RosParameterType.STRING }).valueAsString;
    expectInvalid(() => new IotRuleNotification(stack, 'Forward', { ruleId: `1${suffix}`, iotInstanceId: 'iot-1', destination: topic }),
      'Devices/Forward: ruleId must be literal digits or one whole token (such as a parameter\'s value), not digits joined to a token: '
      + 'RuleId is an integer, and a joined value renders as text, got "1<token>"');
    const rule = Object.assign(new ros.Construct(stack, 'Joined'), { attrRuleId: `${suffix}0` });
    expectInvalid(() => new IotRuleNotification(stack, 'Again', { rule, iotInstanceId: 'iot-1', destination: topic }),
      /^Devices\/Again: rule\.attrRuleId must be literal digits or one whole token/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
