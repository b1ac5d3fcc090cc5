import * as ros from '@alicloud/ros-cdk-core';
import { checkSameLocation, relate, Relation } from '../../lib/core/location';
import { stackAccount, stackRegion } from '../../lib/core/state';
import { newStack, warnings } from '../util';

describe('relate', () => {
  test('literals compare as literals; one token, or the stack pseudo parameters, are told apart', () => {
    const { stack } = newStack('S');
    const here = { region: stackRegion(stack), account: stackAccount(stack) };
    const param = new ros.RosParameter(stack, 'Region', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(relate(stack, { region: 'cn-hangzhou', account: '1' }, { region: 'cn-hangzhou', account: '1' })).toBe(Relation.SAME_LITERAL);
    expect(relate(stack, { region: 'cn-hangzhou', account: '1' }, { region: 'cn-beijing', account: '1' })).toBe(Relation.DIFFERENT);
    expect(relate(stack, { region: 'cn-hangzhou', account: '1' }, { region: 'cn-hangzhou', account: '2' })).toBe(Relation.DIFFERENT);
    expect(relate(stack, here, here)).toBe(Relation.PRESUMED_SAME);
    // another access of the pseudo parameter is a new token, but renders alike
    expect(relate(stack, here, { region: ros.RosPseudo.region, account: ros.RosPseudo.tenantId })).toBe(Relation.PRESUMED_SAME);
    expect(relate(stack, here, { region: 'cn-hangzhou', account: here.account })).toBe(Relation.UNKNOWN);
    expect(relate(stack, here, { region: param, account: here.account })).toBe(Relation.UNKNOWN);
    // a known difference wins over an unknown
    expect(relate(stack, { region: param, account: '1' }, { region: 'cn-hangzhou', account: '2' })).toBe(Relation.DIFFERENT);
  });

  test('the region of a stack without env is ALIYUN::Region and its account ALIYUN::TenantId, one token each per stack', () => {
    const { stack } = newStack('S');
    expect(stack.resolve(stackRegion(stack))).toEqual({ Ref: 'ALIYUN::Region' });
    expect(stack.resolve(stackAccount(stack))).toEqual({ Ref: 'ALIYUN::TenantId' });
    expect(stackRegion(stack)).toBe(stackRegion(new ros.Construct(stack, 'C')));
    const { stack: fixed } = newStack('F', { env: { region: 'cn-hangzhou', account: '123' } });
    expect(stackRegion(fixed)).toBe('cn-hangzhou');
    expect(stackAccount(fixed)).toBe('123');
  });
});

describe('checkSameLocation', () => {
  const check = (scope: ros.IConstruct, subject: { region: string; account: string }, expected: { region: string; account: string }): void =>
    checkSameLocation(scope, { prop: 'queue', subject, subjectName: "queue 'S/Q'", expected, expectedName: 'the topic', reason: 'names only' });

  test('literal mismatch: an error naming the field and both values', () => {
    const { stack } = newStack('S');
    expect(() => check(stack, { region: 'cn-beijing', account: '1' }, { region: 'cn-hangzhou', account: '1' }))
      .toThrow('S: queue must be in the same region as the topic (cn-hangzhou), got "queue \'S/Q\' in region cn-beijing"');
    expect(() => check(stack, { region: 'cn-hangzhou', account: '2' }, { region: 'cn-hangzhou', account: '1' }))
      .toThrow('S: queue must be in the same account as the topic (1), got "queue \'S/Q\' in account 2"');
  });

  test('a token that may differ: one warning, however often it is checked; same place: nothing', () => {
    const { stack } = newStack('S');
    const here = { region: stackRegion(stack), account: stackAccount(stack) };
    check(stack, here, here);
    check(stack, { region: 'cn-hangzhou', account: '1' }, { region: 'cn-hangzhou', account: '1' });
    expect(warnings(stack)).toEqual([]);
    check(stack, { region: 'cn-hangzhou', account: '1' }, here);
    check(stack, { region: 'cn-hangzhou', account: '1' }, here);
    expect(warnings(stack)).toEqual([
      "S: queue: queue 'S/Q' is in region cn-hangzhou, account 1, and the topic in region <deploy-time region>, account <deploy-time account>. "
      + 'They must be the same (names only), and synth cannot tell: give the stack an env with a literal region and account, '
      + 'or import the channel without a region and account of its own.',
    ]);
  });
});
