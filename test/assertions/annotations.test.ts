import * as ros from '@alicloud/ros-cdk-core';
import { Annotations, Match } from '../../lib/assertions';
import { consumers, smq } from '../../lib';
import { newStack } from '../util';

describe('Annotations', () => {
  function annotated(): ros.Stack {
    const { stack } = newStack('Shop');
    const c = new ros.Construct(stack, 'C');
    c.node.addWarning('first warning');
    c.node.addInfo('an info');
    new ros.Construct(c, 'D').node.addError('an error');
    return stack;
  }

  test('finds warnings, errors and infos by path and message', () => {
    const a = Annotations.fromStack(annotated());
    expect(a.all).toEqual([
      { constructPath: 'Shop/C', level: 'warning', message: 'first warning' },
      { constructPath: 'Shop/C', level: 'info', message: 'an info' },
      { constructPath: 'Shop/C/D', level: 'error', message: 'an error' },
    ]);
    a.hasWarning('Shop/C', 'first warning');
    a.hasWarning('*', Match.stringLikeRegexp('^first'));
    a.hasNoWarning('Shop/C/D', Match.anyValue());
    a.hasError('Shop/C/D', 'an error');
    a.hasNoError('Shop/C', Match.anyValue());
    a.hasInfo('*', 'an info');
    expect(a.findWarning('*', Match.anyValue())).toHaveLength(1);
    expect(a.findError('*', 'other')).toEqual([]);
    expect(a.findInfo('Shop/C', 'an info')).toHaveLength(1);
  });

  test('failures say what was expected and what there is (tests that must fail)', () => {
    const a = Annotations.fromStack(annotated());
    expect(() => a.hasWarning('Shop/C', 'second warning'))
      .toThrow('Expected a warning at \'Shop/C\' matching "second warning", but none matches; its warnings are:\n  Shop/C: first warning');
    expect(() => a.hasNoWarning('*', Match.stringLikeRegexp('first')))
      .toThrow('Expected no warning at \'*\' matching "<stringLikeRegexp /first/>", but found:\n  Shop/C: first warning');
    expect(() => Annotations.fromStack(newStack('Empty').stack).hasError('*', 'x')).toThrow("but none matches; the stack has no errors");
    expect(() => Annotations.fromStack({} as ros.Stack)).toThrow('Annotations.fromStack: the argument is not a ros.Stack');
  });

  test('the warning a wiring adds is testable without synthesizing', () => {
    const { stack } = newStack('Shop');
    const topic = new smq.Topic(stack, 'Orders');
    topic.addSubscription(new consumers.QueueSubscription(smq.Queue.fromQueueArn(stack, 'Legacy', 'acs:mns:cn-beijing:123:/queues/legacy')));
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('They must be the same'));
  });
});
