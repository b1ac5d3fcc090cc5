/**
 * IMS task callbacks: a queue named `ice-callback-...` (the prefix IMS requires,
 * https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-seteventcallback) and the stack
 * outputs the one SetEventCallback call needs.
 */
import * as ros from '@alicloud/ros-cdk-core';
import { Template } from '../../lib/assertions';
import { consumers, Duration, smq, sources } from '../../lib';
import { expectInvalid, getAtt, newStack, warnings } from '../util';

const { ImsCallbackQueue, ImsEvent } = sources;

describe('ImsCallbackQueue', () => {
  test('a generated name with the ice-callback- prefix, and the outputs for SetEventCallback', () => {
    const { stack } = newStack('Media');
    const queue = new ImsCallbackQueue(stack, 'Callbacks', { eventTypes: [ImsEvent.PRODUCE_MEDIA_COMPLETE, ImsEvent.of('MediaConvertComplete')] });
    const template = Template.fromStack(stack);
    expect(template.toJSON()).toMatchSnapshot();
    expect(template.toJSON().Resources).toEqual({
      Callbacks: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'ice-callback-Media-Callbacks' } },
    });
    expect(template.toJSON().Outputs).toEqual({
      CallbacksCallbackQueueName: { Value: getAtt('Callbacks', 'QueueName'), Description: 'IMS SetEventCallback CallbackQueueName (CallbackType MNS)' },
      CallbacksCallbackRegion: { Value: { Ref: 'ALIYUN::Region' }, Description: 'The region to call IMS SetEventCallback in: the callback queue\'s' },
      CallbacksSetEventCallbackCommand: {
        Value: { 'Fn::Join': ['', [
          'aliyun ice SetEventCallback --region ', { Ref: 'ALIYUN::Region' }, ' --CallbackType MNS --CallbackQueueName ', getAtt('Callbacks', 'QueueName'),
          ' --EventTypeList ProduceMediaComplete,MediaConvertComplete',
        ]] },
        Description: 'Run once after the deploy to send IMS callbacks to this queue',
      },
    });
    // it is a queue like any other: grants, subscriptions and metrics work
    expect(queue).toBeInstanceOf(smq.Queue);
    expect(stack.resolve(queue.queueName)).toEqual(getAtt('Callbacks', 'QueueName'));
  });

  test('a literal region and a given name: literal outputs; every event when none is named', () => {
    const { stack } = newStack('Media', { env: { region: 'cn-shanghai', account: '123456789012' } });
    new ImsCallbackQueue(stack, 'Callbacks', { queueName: 'ice-callback-media' });
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    expect(outputs.CallbacksCallbackRegion.Value).toBe('cn-shanghai');
    expect(outputs.CallbacksSetEventCallbackCommand.Value).toEqual({ 'Fn::Join': ['', [
      'aliyun ice SetEventCallback --region cn-shanghai --CallbackType MNS --CallbackQueueName ', getAtt('Callbacks', 'QueueName'),
    ]] });
  });

  test('queue props pass through: a dead-letter queue (its name keeps the prefix), a visibility timeout; topic fan-in works', () => {
    const { stack } = newStack('Media');
    const queue = new ImsCallbackQueue(stack, 'Callbacks', { deadLetterQueue: { maxReceiveCount: 3 }, visibilityTimeout: Duration.minutes(2) });
    new smq.Topic(stack, 'Events').addSubscription(new consumers.QueueSubscription(queue));
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.CallbacksDlq.Properties.QueueName).toBe('ice-callback-Media-Callbacks-dlq');
    expect(resources.Callbacks.Properties).toMatchObject({ VisibilityTimeout: 120, DlqPolicy: { MaxReceiveCount: 3 } });
  });

  test('two in one stack and the same ids in two stacks: names of their own', () => {
    const app = new ros.App();
    const stacks = ['East', 'West'].map((name) => {
      const stack = new ros.Stack(app, name);
      new ImsCallbackQueue(stack, 'A');
      new ImsCallbackQueue(stack, 'B');
      return stack;
    });
    const names = stacks.flatMap((stack) => {
      const resources = Template.fromStack(stack).toJSON().Resources;
      return [resources.A.Properties.QueueName, resources.B.Properties.QueueName];
    });
    expect(names).toEqual(['ice-callback-East-A', 'ice-callback-East-B', 'ice-callback-West-A', 'ice-callback-West-B']);
  });

  test('a long path: the generated name is cut to 120 characters and keeps the prefix', () => {
    const { stack } = newStack('Media');
    const queue = new ImsCallbackQueue(new ros.Construct(stack, 'x'.repeat(100)), 'Callbacks');
    const name = Template.fromStack(stack).toJSON().Resources.Callbacks.Properties.QueueName as string;
    expect(name.startsWith('ice-callback-Media-xxx')).toBe(true);
    expect(name).toHaveLength(120);
    expect(queue.node.path).toContain('Callbacks');
  });

  test('a name that starts with a token: a warning; one whose literal start lacks the prefix: an error', () => {
    const { stack } = newStack('Media');
    const param = new ros.RosParameter(stack, 'Name', { type: ros.RosParameterType.STRING }).valueAsString;
    new ImsCallbackQueue(stack, 'A', { queueName: param });
    new ImsCallbackQueue(stack, 'B', { queueName: `ice-callback-${param}` });
    new ImsCallbackQueue(stack, 'C', { queueName: `ice-${param}` });
    expect(warnings(stack)).toEqual([
      'Media/A: queueName: IMS delivers callbacks only to queues whose names start with "ice-callback-", and this name starts with a token: make sure it does.',
      'Media/C: queueName: IMS delivers callbacks only to queues whose names start with "ice-callback-", and a token decides whether this one does (it starts with "ice-"): make sure it does.',
    ]);
    expectInvalid(() => new ImsCallbackQueue(stack, 'D', { queueName: `callbacks-${param}` }),
      'Media/D: queueName must start with "ice-callback-": IMS delivers callbacks only to such queues, got "callbacks-<token>"');
  });

  describe('bad input', () => {
    const bad: Array<[string, ImsCallbackQueueArgs, string]> = [
      ['a name without the prefix', { queueName: 'callbacks' }, 'Media/X: queueName must start with "ice-callback-": IMS delivers callbacks only to such queues, got "callbacks"'],
      ['the prefix without its hyphen', { queueName: 'ice-callbacks' }, 'Media/X: queueName must start with "ice-callback-": IMS delivers callbacks only to such queues, got "ice-callbacks"'],
      ['an empty event list', { eventTypes: [] }, 'Media/X: eventTypes must list at least one ImsEvent, or be left out for every event, got []'],
      ['an event type that is not a name', { eventTypes: [{ value: 'Produce Media' } as any] },
        'Media/X: eventTypes[0] must be an IMS event type such as ImsEvent.PRODUCE_MEDIA_COMPLETE or ImsEvent.of("MediaConvertComplete") (letters and digits), got "Produce Media"'],
      ['a string for an event type', { eventTypes: ['ProduceMediaComplete' as any] },
        'Media/X: eventTypes[0] must be an IMS event type such as ImsEvent.PRODUCE_MEDIA_COMPLETE or ImsEvent.of("MediaConvertComplete") (letters and digits), got "ProduceMediaComplete"'],
      ['an event named twice', { eventTypes: [ImsEvent.SNAPSHOT_COMPLETE, ImsEvent.of('SnapshotComplete')] },
        'Media/X: eventTypes must not name an event twice, got "SnapshotComplete"'],
    ];
    test.each(bad)('%s', (_name, props, message) => {
      const { stack } = newStack('Media');
      expectInvalid(() => new ImsCallbackQueue(stack, 'X', props), message);
    });
  });
});

type ImsCallbackQueueArgs = ConstructorParameters<typeof ImsCallbackQueue>[2];

describe('ImsCallbackQueue after review', () => {
  test('a name whose literal start is only part of the prefix, the rest a token: a warning, not silence', () => {
    const { stack } = newStack('Media');
    const param = new ros.RosParameter(stack, 'Name', { type: ros.RosParameterType.STRING }).valueAsString;
    new ImsCallbackQueue(stack, 'A', { queueName: `ice-callback${param}` });
    expect(warnings(stack)).toEqual([
      'Media/A: queueName: IMS delivers callbacks only to queues whose names start with "ice-callback-", and a token decides whether this one does (it starts with "ice-callback"): make sure it does.',
    ]);
  });

  test('output ids: another output with one of ours is a clear error; a resource with the same id is not a clash', () => {
    const { app, stack } = newStack('Media');
    new ros.RosOutput(stack, 'CbCallbackRegion', { value: 'x' });
    new ImsCallbackQueue(stack, 'Cb');
    expect(() => app.synth()).toThrow(/output id 'CbCallbackRegion' must be unique in the stack: 'Media\/CbCallbackRegion' and 'Media\/Cb' both make an output with it/);
    const other = newStack('Media');
    new smq.Queue(other.stack, 'CbCallbackQueueName');
    expect(() => new ImsCallbackQueue(other.stack, 'Cb')).not.toThrow();
  });

  test('ImsEvent.of checks its name at once', () => {
    expect(() => ImsEvent.of(null as any)).toThrow('ImsEvent.of(name) must be an IMS event type name such as "MediaConvertComplete" (letters and digits, a literal), got null');
    expect(() => ImsEvent.of('Produce Media')).toThrow(/ImsEvent.of\(name\) must be/);
  });
});
