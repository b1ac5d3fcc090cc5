/**
 * The L1s of ALIYUN::IOT::Rule and ALIYUN::IOT::RuleAction: every property under its ROS name, the documented
 * attributes, and the literal checks of the ROS references (Name, DataType, TopicType, RuleDesc, the action types and
 * Configuration JSON of CreateRuleAction).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { iot, ValidationError } from '../../lib';
import { getAtt, newStack } from '../util';

const { RosRule, RosRuleAction } = iot;

const MNS_CONFIGURATION = JSON.stringify({
  themeName: 'iot-events', regionName: 'cn-shanghai', role: { roleArn: 'acs:ram::123:role/aliyuniotaccessingmnsrole', roleName: 'AliyunIOTAccessingMNSRole' },
});

describe('RosRule', () => {
  test('renders every property with its ROS name, inline actions with theirs', () => {
    const { stack } = newStack('L1');
    new RosRule(stack, 'R', {
      name: 'telemetry_规则',
      dataType: 'JSON',
      iotInstanceId: 'iot-cn-0pp1n8t',
      productKey: 'a1pk',
      resourceGroupId: 'rg-acfm',
      ruleAction: [{ type: 'MNS', configuration: MNS_CONFIGURATION, errorActionFlag: false }],
      ruleDesc: 'device telemetry',
      select: 'temperature, deviceName() as device',
      shortTopic: '+/thing/event/property/post',
      startRule: true,
      topicType: 0,
      where: 'temperature > 38',
    }, true);
    const template = Template.fromStack(stack);
    template.hasResource('ALIYUN::IOT::Rule', {
      Type: 'ALIYUN::IOT::Rule',
      Properties: Match.objectEquals({
        Name: 'telemetry_规则',
        DataType: 'JSON',
        IotInstanceId: 'iot-cn-0pp1n8t',
        ProductKey: 'a1pk',
        ResourceGroupId: 'rg-acfm',
        RuleAction: [{ Type: 'MNS', Configuration: MNS_CONFIGURATION, ErrorActionFlag: false }],
        RuleDesc: 'device telemetry',
        Select: 'temperature, deviceName() as device',
        ShortTopic: '+/thing/event/property/post',
        StartRule: true,
        TopicType: 0,
        Where: 'temperature > 38',
      }),
    });
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('exposes RuleId and ActionId; only the name is required', () => {
    const { stack } = newStack('L1');
    const rule = new RosRule(stack, 'R', { name: 'r' }, true);
    expect(stack.resolve(rule.attrRuleId)).toEqual(getAtt('R', 'RuleId'));
    expect(stack.resolve(rule.attrActionId)).toEqual(getAtt('R', 'ActionId'));
    expect(RosRule.ROS_RESOURCE_TYPE_NAME).toBe('ALIYUN::IOT::Rule');
    Template.fromStack(stack).hasResourceProperties('ALIYUN::IOT::Rule', Match.objectEquals({ Name: 'r' }));
  });

  test.each<[string, object, string]>([
    ['no name', { name: '' }, 'L1/R: name is required, got ""'],
    ['a 31-character name', { name: 'r'.repeat(31) }, 'L1/R: name must be at most 30 characters long (length 31), got "' + 'r'.repeat(31) + '"'],
    ['16 Chinese characters (32 counted)', { name: '规'.repeat(16) }, 'L1/R: name must be at most 30 characters long, a Chinese or Japanese character counting as 2 (length 32), got "' + '规'.repeat(16) + '"'],
    ['a name with a space', { name: 'my rule' }, 'L1/R: name must contain only letters, digits, underscores, hyphens, Chinese and Japanese characters, got "my rule"'],
    ['an unknown data type', { name: 'r', dataType: 'XML' }, 'L1/R: dataType must be one of "JSON", "BINARY", got "XML"'],
    ['a topic type of 3', { name: 'r', topicType: 3 }, 'L1/R: topicType must be one of 0, 1, 2, got 3'],
    ['BINARY data from a TSL topic', { name: 'r', dataType: 'BINARY', topicType: 0 },
      'L1/R: topicType must not be 0 (a basic or TSL-based topic) when dataType is BINARY: such topics carry JSON, got 0'],
    ['a 101-character description', { name: 'r', ruleDesc: 'd'.repeat(101) }, 'L1/R: ruleDesc must be at most 100 characters long (length 101)'],
    ['started without SQL', { name: 'r', startRule: true },
      'L1/R: select is required when startRule is true: IoT Platform starts only a rule that has its SQL (the StartRule reference), got undefined'],
    ['startRule as text', { name: 'r', startRule: 'yes' }, 'L1/R: startRule must be true or false, got "yes"'],
    ['a short topic with a space', { name: 'r', shortTopic: '+/user/ get' }, 'L1/R: shortTopic must contain only characters that are not whitespace or control characters, got "+/user/ get"'],
    ['11 inline actions', { name: 'r', ruleAction: new Array(11).fill({ type: 'MNS', configuration: MNS_CONFIGURATION }) }, 'L1/R: ruleAction must have at most 10 items'],
    ['an inline action without type', { name: 'r', ruleAction: [{ configuration: '{}' }] }, 'L1/R: ruleAction[0].type is required, got undefined'],
    ['an inline action of type mns', { name: 'r', ruleAction: [{ type: 'mns', configuration: MNS_CONFIGURATION }] },
      'L1/R: ruleAction[0].type must be one of "REPUBLISH", "AMQP", "DATAHUB", "ONS", "MNS", "SMQ", "FC", "OTS", got "mns"'],
    ['an inline action with a configuration that is not JSON', { name: 'r', ruleAction: [{ type: 'FC', configuration: '{functionName: f}' }] },
      'L1/R: ruleAction[0].configuration must be JSON text of an object, got "{functionName: f}"'],
    ['an inline action given as a string', { name: 'r', ruleAction: ['MNS'] }, 'L1/R: ruleAction[0] must be { type, configuration, errorActionFlag? }, got "MNS"'],
  ])('rejects %s', (_name, props, message) => {
    const { stack } = newStack('L1');
    let error: unknown;
    try {
      new RosRule(stack, 'R', props as any, true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(message);
  });

  test('tokens pass unchecked', () => {
    const { stack } = newStack('L1');
    const s = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
    const n = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    expect(() => new RosRule(stack, 'R', {
      name: s, dataType: s, topicType: n, iotInstanceId: s, productKey: s, shortTopic: `${s}/thing/event/property/post`, select: s, where: s, ruleDesc: s,
      ruleAction: [{ type: s, configuration: s }],
    }, true)).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('ALIYUN::IOT::Rule', { Name: { Ref: 'S' }, TopicType: { Ref: 'N' }, RuleAction: [{ Type: { Ref: 'S' }, Configuration: { Ref: 'S' } }] });
  });

  test('props are checked again at synth when changed after construction, unless the stack turns the checks off', () => {
    const { app, stack } = newStack('L1');
    const rule = new RosRule(stack, 'R', { name: 'r' }, true);
    rule.topicType = 7;
    expect(() => app.synth()).toThrow('L1/R: topicType must be one of 0, 1, 2, got 7');
    const other = newStack('L2');
    const unchecked = new RosRule(other.stack, 'R', { name: 'a name with spaces' }, false);
    unchecked.topicType = 7;
    expect(() => other.app.synth()).not.toThrow();
  });
});

describe('RosRuleAction', () => {
  test('renders every property with its ROS name and exposes ActionId', () => {
    const { stack } = newStack('L1');
    const action = new RosRuleAction(stack, 'A', {
      ruleId: 100000, type: 'MNS', configuration: MNS_CONFIGURATION, errorActionFlag: true, iotInstanceId: 'iot-cn-0pp1n8t',
    }, true);
    const template = Template.fromStack(stack);
    template.hasResource('ALIYUN::IOT::RuleAction', {
      Type: 'ALIYUN::IOT::RuleAction',
      Properties: Match.objectEquals({ RuleId: 100000, Type: 'MNS', Configuration: MNS_CONFIGURATION, ErrorActionFlag: true, IotInstanceId: 'iot-cn-0pp1n8t' }),
    });
    expect(stack.resolve(action.attrActionId)).toEqual(getAtt('A', 'ActionId'));
    expect(RosRuleAction.ROS_RESOURCE_TYPE_NAME).toBe('ALIYUN::IOT::RuleAction');
    expect(template.toJSON()).toMatchSnapshot();
  });

  test('takes the rule\'s RuleId attribute', () => {
    const { stack } = newStack('L1');
    const rule = new RosRule(stack, 'R', { name: 'r' }, true);
    new RosRuleAction(stack, 'A', { ruleId: rule.attrRuleId, type: 'FC', configuration: '{"functionName":"f"}' }, true);
    Template.fromStack(stack).hasResourceProperties('ALIYUN::IOT::RuleAction', { RuleId: getAtt('R', 'RuleId') });
  });

  test.each<[string, object, string]>([
    ['no props', undefined as any, 'L1/A: props must be given: { ruleId, type, configuration }, got undefined'],
    ['no rule id', { type: 'MNS', configuration: MNS_CONFIGURATION }, 'L1/A: ruleId is required, got undefined'],
    ['a rule id of 0', { ruleId: 0, type: 'MNS', configuration: MNS_CONFIGURATION }, 'L1/A: ruleId must be a rule ID: a positive integer, got 0'],
    ['a rule id as text', { ruleId: '100', type: 'MNS', configuration: MNS_CONFIGURATION }, 'L1/A: ruleId must be a rule ID: a positive integer, got "100"'],
    ['a fractional rule id', { ruleId: 1.5, type: 'MNS', configuration: MNS_CONFIGURATION }, 'L1/A: ruleId must be a rule ID: a positive integer, got 1.5'],
    ['no type', { ruleId: 1, configuration: MNS_CONFIGURATION }, 'L1/A: type is required, got undefined'],
    ['an unknown type', { ruleId: 1, type: 'SQS', configuration: MNS_CONFIGURATION }, 'L1/A: type must be one of "REPUBLISH", "AMQP", "DATAHUB", "ONS", "MNS", "SMQ", "FC", "OTS", got "SQS"'],
    ['no configuration', { ruleId: 1, type: 'MNS' }, 'L1/A: configuration is required, got undefined'],
    ['a configuration object instead of JSON text', { ruleId: 1, type: 'MNS', configuration: { themeName: 't' } },
      'L1/A: configuration must be JSON text (a string), such as JSON.stringify({ ... }), got {"themeName":"t"}'],
    ['a JSON list', { ruleId: 1, type: 'FC', configuration: '[]' }, 'L1/A: configuration must be JSON text of an object, got "[]"'],
    ['an MNS configuration without role', { ruleId: 1, type: 'MNS', configuration: '{"themeName":"t","regionName":"cn-shanghai"}' },
      'L1/A: configuration must give role.roleArn, role.roleName for an MNS action: {"themeName": topic, "regionName": region, "role": {"roleArn": ..., "roleName": ...}} (the CreateRuleAction reference)'],
    ['an MNS configuration naming a queue', { ruleId: 1, type: 'MNS', configuration: '{"queueName":"q","regionName":"cn-shanghai","role":{"roleArn":"a","roleName":"b"}}' },
      'L1/A: configuration must give themeName for an MNS action'],
    ['an error flag as text', { ruleId: 1, type: 'MNS', configuration: MNS_CONFIGURATION, errorActionFlag: 'false' }, 'L1/A: errorActionFlag must be true or false, got "false"'],
    ['an instance id with a space', { ruleId: 1, type: 'MNS', configuration: MNS_CONFIGURATION, iotInstanceId: 'iot cn' },
      'L1/A: iotInstanceId must contain only characters that are not whitespace or control characters, got "iot cn"'],
  ])('rejects %s', (_name, props, message) => {
    const { stack } = newStack('L1');
    let error: unknown;
    try {
      new RosRuleAction(stack, 'A', props as any, true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(message);
  });

  test('tokens pass unchecked: a rule id, a type and a configuration from parameters', () => {
    const { stack } = newStack('L1');
    const s = new ros.RosParameter(stack, 'S', { type: ros.RosParameterType.STRING }).valueAsString;
    const n = new ros.RosParameter(stack, 'N', { type: ros.RosParameterType.NUMBER }).valueAsNumber;
    const configuration = stack.toJsonString({ themeName: s, regionName: ros.RosPseudo.region, role: { roleArn: s, roleName: s } });
    expect(() => new RosRuleAction(stack, 'A', { ruleId: n, type: s, configuration, iotInstanceId: s }, true)).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('ALIYUN::IOT::RuleAction', { RuleId: { Ref: 'N' }, Type: { Ref: 'S' }, Configuration: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });
});
