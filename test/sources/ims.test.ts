/**
 * IMS task callbacks: a queue named `ice-callback-...` (the prefix IMS requires,
 * https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-seteventcallback), the callback
 * setting made with two API calls (GetEventCallback before, SetEventCallback: both authorized on "All Resources",
 * https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-geteventcallback), and the stack
 * outputs that hold the call as a CLI command.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import * as ros from '@alicloud/ros-cdk-core';
import { Match, Template } from '../../lib/assertions';
import { consumers, Duration, smq, sources } from '../../lib';
import { ImsCallbacksStack } from '../../examples/ims-callbacks';
import { expectInvalid, getAtt, newStack, warnings } from '../util';

const { ImsCallbackQueue, ImsEvent } = sources;
/** What an event type name must be (the IMS event list's form). */
const NAME_RULE = 'an IMS event type name in the form of the IMS event list: an upper-case letter, then letters and digits (at most 64)';

type Handler = (event: unknown, context: unknown) => Promise<any>;
// plain CommonJS, exactly the file FC runs
const { handler } = require('../../lib/custom-resources/handler/index.js') as { handler: Handler };

const REGION = { Ref: 'ALIYUN::Region' };
const ICE_ENDPOINT = { 'Fn::Join': ['', ['https://ice.', REGION, '.aliyuncs.com']] };
const SETTING_FIELDS = ['CallbackType', 'CallbackQueueName', 'CallbackURL', 'EventTypeList', 'AuthSwitch', 'AuthKey'];
/** The read of the previous setting: one logical id per stack, whatever the queue's construct id. */
const PREVIOUS = 'ImsPreviousEventCallback';

/** The template with the API-call function's code package replaced by a marker: the handler may change, this snapshot need not. */
function templateOf(stack: ros.Stack): any {
  const template = JSON.parse(JSON.stringify(Template.fromStack(stack).toJSON()));
  const fn = template.Resources?.ApiCallProviderFunction;
  if (fn !== undefined) {
    expect(typeof fn.Properties.Code.ZipFile).toBe('string');
    fn.Properties.Code.ZipFile = '<Base64 of a ZIP with lib/custom-resources/handler/index.js>';
  }
  return template;
}

/** The Parameters of the two calls for a queue `id`, as the construct renders them: the contract of this wiring. */
function callParameters(id: string, ours: { [name: string]: unknown }, endpoint: unknown = ICE_ENDPOINT): { previous: any; callback: any } {
  return {
    previous: {
      Endpoint: endpoint,
      ApiVersion: '2020-11-09',
      CallTimeout: 300,
      OnCreate: { Action: 'GetEventCallback' },
      PhysicalResourceId: 'ims-event-callback-before',
      OutputPaths: SETTING_FIELDS,
      AllowMissingOutputs: true,
    },
    callback: {
      Endpoint: endpoint,
      ApiVersion: '2020-11-09',
      CallTimeout: 300,
      OnCreate: { Action: 'SetEventCallback', Parameters: { CallbackType: 'MNS', CallbackQueueName: getAtt(id, 'QueueName'), ...ours } },
      OnDelete: {
        Action: 'SetEventCallback',
        Parameters: Object.fromEntries(SETTING_FIELDS.map((field) => [field, getAtt(PREVIOUS, field)])),
        SkipUnlessSet: ['CallbackType'],
        OmitEmptyParameters: true,
        OnlyIf: { Action: 'GetEventCallback', Path: 'CallbackQueueName', Values: [getAtt(id, 'QueueName')] },
      },
      PhysicalResourceId: 'ims-event-callback',
    },
  };
}

describe('ImsCallbackQueue', () => {
  test('a generated name with the ice-callback- prefix, the callback set by two API calls, and the outputs', () => {
    const { stack } = newStack('Media');
    const queue = new ImsCallbackQueue(stack, 'Callbacks', { eventTypes: [ImsEvent.PRODUCE_MEDIA_COMPLETE, ImsEvent.of('MediaConvertComplete')] });
    const template = templateOf(stack);
    expect(template).toMatchSnapshot();
    const resources = template.Resources;
    expect(Object.keys(resources).sort()).toEqual(['ApiCallProviderFunction', 'ApiCallProviderRole', 'Callbacks', 'CallbacksCallback', PREVIOUS]);
    expect(resources.Callbacks).toEqual({ Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'ice-callback-Media-Callbacks' } });

    // the two calls, exactly
    const expected = callParameters('Callbacks', { EventTypeList: 'ProduceMediaComplete,MediaConvertComplete' });
    const serviceToken = { 'Fn::Join': ['', ['acs:fc:', REGION, ':', { Ref: 'ALIYUN::TenantId' }, ':functions/', getAtt('ApiCallProviderFunction', 'FunctionName')]] };
    expect(resources[PREVIOUS]).toEqual({
      Type: 'ALIYUN::ROS::CustomResource',
      Properties: { ServiceToken: serviceToken, Timeout: 300, Parameters: expected.previous },
    });
    // the setting waits for the read of the one before it: by DependsOn, and by the Fn::GetAtt of its OnDelete
    expect(resources.CallbacksCallback).toEqual({
      Type: 'ALIYUN::ROS::CustomResource',
      Properties: { ServiceToken: serviceToken, Timeout: 300, Parameters: expected.callback },
      DependsOn: [PREVIOUS],
    });
    // no onUpdate or onDelete for the read: it reads once, and an update with the same request calls nothing
    expect(resources[PREVIOUS].Properties.Parameters).not.toHaveProperty('OnUpdate');
    expect(resources[PREVIOUS].Properties.Parameters).not.toHaveProperty('OnDelete');

    // the function's role may read and set the callback, on * (the API authorizes on "All Resources" only), nothing else
    expect(resources.ApiCallProviderRole.Properties.Policies).toEqual([expect.objectContaining({
      PolicyDocument: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ice:GetEventCallback', 'ice:SetEventCallback'], Resource: ['*'] }] },
    })]);

    expect(template.Outputs).toEqual({
      CallbacksCallbackQueueName: { Value: getAtt('Callbacks', 'QueueName'), Description: 'IMS SetEventCallback CallbackQueueName (CallbackType MNS)' },
      CallbacksCallbackRegion: { Value: REGION, Description: 'The region to call IMS SetEventCallback in: the callback queue\'s' },
      CallbacksSetEventCallbackCommand: {
        Value: { 'Fn::Join': ['', [
          'aliyun ice SetEventCallback --region ', REGION, ' --CallbackType MNS --CallbackQueueName ', getAtt('Callbacks', 'QueueName'),
          ' --EventTypeList ProduceMediaComplete,MediaConvertComplete',
        ]] },
        Description: 'The SetEventCallback call the stack makes itself (its API-call resources set the callback to this queue)',
      },
    });
    expect(warnings(stack)).toEqual([]);
    // it is a queue like any other: grants, subscriptions and metrics work
    expect(queue).toBeInstanceOf(smq.Queue);
    expect(stack.resolve(queue.queueName)).toEqual(getAtt('Callbacks', 'QueueName'));
    expect(queue.callback!.customResource.logicalId).toBe('CallbacksCallback');
    expect(queue.previousCallback!.customResource.logicalId).toBe(PREVIOUS);
  });

  test('setCallback: false keeps the queue and the outputs only, the command to run by hand', () => {
    const { stack } = newStack('Media');
    const queue = new ImsCallbackQueue(stack, 'Callbacks', { eventTypes: [ImsEvent.PRODUCE_MEDIA_COMPLETE], setCallback: false });
    const template = templateOf(stack);
    expect(template.Resources).toEqual({
      Callbacks: { Type: 'ALIYUN::MNS::Queue', Properties: { QueueName: 'ice-callback-Media-Callbacks' } },
    });
    expect(Object.keys(template.Outputs).sort()).toEqual(['CallbacksCallbackQueueName', 'CallbacksCallbackRegion', 'CallbacksSetEventCallbackCommand']);
    expect(template.Outputs.CallbacksSetEventCallbackCommand).toEqual({
      Value: { 'Fn::Join': ['', [
        'aliyun ice SetEventCallback --region ', REGION, ' --CallbackType MNS --CallbackQueueName ', getAtt('Callbacks', 'QueueName'),
        ' --EventTypeList ProduceMediaComplete',
      ]] },
      Description: 'Run once after the deploy to send IMS callbacks to this queue',
    });
    expect(queue.callback).toBeUndefined();
    expect(queue.previousCallback).toBeUndefined();
  });

  test('a literal region and a given name: the regional endpoint, literal outputs; no events named: no EventTypeList', () => {
    const { stack } = newStack('Media', { env: { region: 'cn-shanghai', account: '123456789012' } });
    new ImsCallbackQueue(stack, 'Callbacks', { queueName: 'ice-callback-media' });
    const template = templateOf(stack);
    const expected = callParameters('Callbacks', {}, 'https://ice.cn-shanghai.aliyuncs.com');
    expect(template.Resources[PREVIOUS].Properties.Parameters).toEqual(expected.previous);
    expect(template.Resources.CallbacksCallback.Properties.Parameters).toEqual(expected.callback);
    expect(template.Resources.CallbacksCallback.Properties.Parameters.OnCreate.Parameters).not.toHaveProperty('EventTypeList');
    expect(template.Outputs.CallbacksCallbackRegion.Value).toBe('cn-shanghai');
    expect(template.Outputs.CallbacksSetEventCallbackCommand.Value).toEqual({ 'Fn::Join': ['', [
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
    // the callback names the queue itself, not its dead-letter queue
    expect(resources.CallbacksCallback.Properties.Parameters.OnCreate.Parameters.CallbackQueueName).toEqual(getAtt('Callbacks', 'QueueName'));
  });

  test('a token name: the calls take the queue\'s name attribute all the same', () => {
    const { stack } = newStack('Media');
    const param = new ros.RosParameter(stack, 'Name', { type: ros.RosParameterType.STRING }).valueAsString;
    new ImsCallbackQueue(stack, 'Callbacks', { queueName: `ice-callback-${param}` });
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.Callbacks.Properties.QueueName).toEqual({ 'Fn::Join': ['', ['ice-callback-', { Ref: 'Name' }]] });
    expect(resources.CallbacksCallback.Properties.Parameters).toEqual(callParameters('Callbacks', {}).callback);
    expect(warnings(stack)).toEqual([]);
  });

  test('two in one stack (one sets the callback) and the same ids in stacks of two regions: names and calls of their own', () => {
    const app = new ros.App();
    const stacks = [['East', 'cn-hangzhou'], ['West', 'cn-shanghai']].map(([name, region]) => {
      const stack = new ros.Stack(app, name, { env: { region } });
      new ImsCallbackQueue(stack, 'A');
      new ImsCallbackQueue(stack, 'B', { setCallback: false });
      return stack;
    });
    const templates = stacks.map((stack) => Template.fromStack(stack).toJSON());
    expect(templates.flatMap(({ Resources }) => [Resources.A.Properties.QueueName, Resources.B.Properties.QueueName]))
      .toEqual(['ice-callback-East-A', 'ice-callback-East-B', 'ice-callback-West-A', 'ice-callback-West-B']);
    expect(templates.map(({ Resources }) => Object.keys(Resources).filter((id) => Resources[id].Type === 'ALIYUN::ROS::CustomResource').sort()))
      .toEqual([['ACallback', PREVIOUS], ['ACallback', PREVIOUS]]);
    expect(templates.map(({ Resources }) => Resources.ACallback.Properties.Parameters.Endpoint))
      .toEqual(['https://ice.cn-hangzhou.aliyuncs.com', 'https://ice.cn-shanghai.aliyuncs.com']);
    expect(stacks.flatMap((stack) => warnings(stack))).toEqual([]);
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
    new ImsCallbackQueue(stack, 'A', { queueName: param, setCallback: false });
    new ImsCallbackQueue(stack, 'B', { queueName: `ice-callback-${param}`, setCallback: false });
    new ImsCallbackQueue(stack, 'C', { queueName: `ice-${param}`, setCallback: false });
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
      ['an empty event list', { eventTypes: [] }, 'Media/X: eventTypes must list at least one ImsEvent, or be left out (IMS\'s own default), got []'],
      ['an event type that is not a name', { eventTypes: [{ value: 'Produce Media' } as any] },
        `Media/X: eventTypes[0] must be an ImsEvent such as ImsEvent.PRODUCE_MEDIA_COMPLETE, ImsEvent.of("MediaConvertComplete") or ImsEvent.unlisted(name) (${NAME_RULE}), got "Produce Media"`],
      ['an event type whose name starts lower-case', { eventTypes: [{ value: 'produceMediaComplete' } as any] },
        `Media/X: eventTypes[0] must be an ImsEvent such as ImsEvent.PRODUCE_MEDIA_COMPLETE, ImsEvent.of("MediaConvertComplete") or ImsEvent.unlisted(name) (${NAME_RULE}), got "produceMediaComplete"`],
      ['a string for an event type', { eventTypes: ['ProduceMediaComplete' as any] },
        `Media/X: eventTypes[0] must be an ImsEvent such as ImsEvent.PRODUCE_MEDIA_COMPLETE, ImsEvent.of("MediaConvertComplete") or ImsEvent.unlisted(name) (${NAME_RULE}), got "ProduceMediaComplete"`],
      ['an event named twice', { eventTypes: [ImsEvent.SNAPSHOT_COMPLETE, ImsEvent.of('SnapshotComplete')] },
        'Media/X: eventTypes must not name an event twice, got "SnapshotComplete"'],
      ['setCallback not a boolean', { setCallback: 'yes' as any }, 'Media/X: setCallback must be true or false, got "yes"'],
      ['setCallback a token', { setCallback: ros.Lazy.anyValue({ produce: () => true }) as any },
        'Media/X: setCallback must be a literal true or false, not a token: it decides what the construct makes at synth, got a token'],
      ['restorePreviousCallback not a boolean', { restorePreviousCallback: 1 as any }, 'Media/X: restorePreviousCallback must be true or false, got 1'],
      ['restorePreviousCallback a token', { restorePreviousCallback: ros.Lazy.anyValue({ produce: () => false }) as any },
        'Media/X: restorePreviousCallback must be a literal true or false, not a token: it decides what the construct makes at synth, got a token'],
      ['restorePreviousCallback without setCallback', { setCallback: false, restorePreviousCallback: true },
        'Media/X: restorePreviousCallback must be left out when setCallback is false: the stack sets nothing, so it has nothing to restore, got true'],
    ];
    test.each(bad)('%s', (_name, props, message) => {
      const { stack } = newStack('Media');
      expectInvalid(() => new ImsCallbackQueue(stack, 'X', props), message);
    });
  });
});

type ImsCallbackQueueArgs = ConstructorParameters<typeof ImsCallbackQueue>[2];

describe('one callback setting per account and region', () => {
  const CLASH = (second: string, first: string, where: string): string => `${second}: setCallback must be false when another ImsCallbackQueue sets the IMS `
    + `callback in the same account and region ('${first}' does, in ${where}): IMS keeps one callback setting per account and region, so each would `
    + 'overwrite the other, got true';

  test('two that set it in one stack: an error naming both, whatever the region', () => {
    const { stack } = newStack('Media');
    new ImsCallbackQueue(stack, 'A');
    expectInvalid(() => new ImsCallbackQueue(stack, 'B'), CLASH('Media/B', 'Media/A', '<deploy-time region>'));
    const literal = newStack('Media', { env: { region: 'cn-shanghai' } });
    new ImsCallbackQueue(literal.stack, 'A');
    expectInvalid(() => new ImsCallbackQueue(new ros.Construct(literal.stack, 'Nested'), 'B'), CLASH('Media/Nested/B', 'Media/A', 'cn-shanghai'));
  });

  test('stacks of one literal region: an error; of one region and two literal accounts, or two regions: none', () => {
    const app = new ros.App();
    new ImsCallbackQueue(new ros.Stack(app, 'One', { env: { region: 'cn-shanghai' } }), 'A');
    expectInvalid(() => new ImsCallbackQueue(new ros.Stack(app, 'Two', { env: { region: 'cn-shanghai' } }), 'A'), CLASH('Two/A', 'One/A', 'cn-shanghai'));
    const other = new ros.App();
    const east = new ros.Stack(other, 'East', { env: { region: 'cn-shanghai', account: '111111111111' } });
    const west = new ros.Stack(other, 'West', { env: { region: 'cn-shanghai', account: '222222222222' } });
    const north = new ros.Stack(other, 'North', { env: { region: 'cn-beijing', account: '111111111111' } });
    for (const stack of [east, west, north]) {
      expect(() => new ImsCallbackQueue(stack, 'A')).not.toThrow();
    }
    expect([east, west, north].flatMap((stack) => warnings(stack))).toEqual([]);
  });

  test('stacks whose region is known only at deploy time: a warning naming both; two apps do not meet', () => {
    const app = new ros.App();
    const one = new ros.Stack(app, 'One');
    const two = new ros.Stack(app, 'Two', { env: { region: 'cn-shanghai' } });
    const three = new ros.Stack(app, 'Three');
    new ImsCallbackQueue(one, 'A');
    new ImsCallbackQueue(two, 'A');
    new ImsCallbackQueue(three, 'A', { setCallback: false });
    expect(warnings(one)).toEqual([]);
    expect(warnings(two)).toEqual([
      'Two/A: setCallback: IMS keeps one callback setting per account and region, and \'One/A\' sets it too; their regions or accounts are known '
      + 'only at deploy time (<deploy-time region> and cn-shanghai): if both deploy to one account and region, the last one deployed wins and '
      + 'deleting either restores a setting that may be the other\'s. Give setCallback: false to all but one.',
    ]);
    expect(warnings(three)).toEqual([]);
    const other = newStack('One');
    new ImsCallbackQueue(other.stack, 'A');
    expect(warnings(other.stack)).toEqual([]);
  });

  test('a queue that does not set it (or whose construction failed) does not count', () => {
    const { stack } = newStack('Media');
    new ImsCallbackQueue(stack, 'A', { setCallback: false });
    expect(() => new ImsCallbackQueue(stack, 'B', { queueName: 'no-prefix' })).toThrow(/queueName must start/);
    expect(() => new ImsCallbackQueue(stack, 'C')).not.toThrow();
  });
});

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

  test('a resource with the id of one of the calls: an error naming both', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, 'CbCallback');
    expectInvalid(() => new ImsCallbackQueue(stack, 'Cb'), /^Media\/Cb\/CbCallback\/CbCallback: id must be unique in the stack, but 'Media\/CbCallback\/CbCallback' already has it/);
  });

  test('ImsEvent.of checks its name at once', () => {
    expect(() => ImsEvent.of(null as any)).toThrow(`ImsEvent.of(name) must be ${NAME_RULE}, such as "MediaConvertComplete" (a literal), got null`);
    expect(() => ImsEvent.of('Produce Media')).toThrow(/ImsEvent.of\(name\) must be/);
  });
});

describe('ImsEvent: the IMS event list', () => {
  test('a constant for each event of the list\'s tables 1 to 4, and ProduceMediaComplete', () => {
    const constants = Object.entries(ImsEvent).filter(([, v]) => v instanceof ImsEvent).map(([k, v]) => [k, (v as sources.ImsEvent).value]);
    expect(Object.fromEntries(constants)).toEqual({
      // table 1, media asset upload
      FILE_UPLOAD_COMPLETE: 'FileUploadComplete',
      UPLOAD_BY_URL_COMPLETE: 'UploadByURLComplete',
      IMAGE_UPLOAD_COMPLETE: 'ImageUploadComplete',
      ATTACHED_MEDIA_UPLOAD_COMPLETE: 'AttachedMediaUploadComplete',
      REGISTER_STREAM_COMPLETE: 'RegisterStreamComplete',
      STREAM_UPLOAD_COMPLETE: 'StreamUploadComplete',
      UPLOAD_STREAM_BY_URL_COMPLETE: 'UploadStreamByURLComplete',
      // table 2, media asset management
      CREATE_AUDIT_COMPLETE: 'CreateAuditComplete',
      REGISTER_MEDIA_COMPLETE: 'RegisterMediaComplete',
      DELETE_MEDIA_COMPLETE: 'DeleteMediaComplete',
      MEDIA_BASE_CHANGE_COMPLETE: 'MediaBaseChangeComplete',
      // table 3, workflow
      WORKFLOW_TASK_COMPLETE: 'WorkflowTaskComplete',
      // table 4, media processing
      VIDEO_ANALYSIS_COMPLETE: 'VideoAnalysisComplete',
      SNAPSHOT_COMPLETE: 'SnapshotComplete',
      DYNAMIC_IMAGE_COMPLETE: 'DynamicImageComplete',
      TRANSCODE_COMPLETE: 'TranscodeComplete',
      TRANSCODE_PARENT_COMPLETE: 'TranscodeParentComplete',
      MEDIA_CONVERT_COMPLETE: 'MediaConvertComplete',
      MEDIA_CONVERT_OUTPUT_GROUP_COMPLETE: 'MediaConvertOutputGroupComplete',
      MEDIA_CONVERT_OUTPUT_COMPLETE: 'MediaConvertOutputComplete',
      // table 6, intelligent editing
      PRODUCE_MEDIA_COMPLETE: 'ProduceMediaComplete',
    });
    expect(constants).toHaveLength(21);
  });

  test('ImsEvent.of and ImsEvent.unlisted refuse a name not in the list\'s form (an upper-case letter, then letters and digits, at most 64)', () => {
    for (const name of ['produceMediaComplete', '1Complete', '', 'Media_Convert', 'MediaConvert-Complete', 'Media Convert', `A${'b'.repeat(64)}`]) {
      expect(() => ImsEvent.of(name)).toThrow(`ImsEvent.of(name) must be ${NAME_RULE}, such as "MediaConvertComplete" (a literal), got ${JSON.stringify(name)}`);
      expect(() => ImsEvent.unlisted(name)).toThrow(`ImsEvent.unlisted(name) must be ${NAME_RULE}, such as "AIMediaAuditComplete" (a literal), got ${JSON.stringify(name)}`);
    }
    expect(() => ImsEvent.of(ros.Lazy.stringValue({ produce: () => 'MediaConvertComplete' }))).toThrow(/^ImsEvent.of\(name\) must be .*\(a literal\), got "<token>"$/);
    expect(() => ImsEvent.unlisted(ros.Lazy.stringValue({ produce: () => 'X' }))).toThrow(/^ImsEvent.unlisted\(name\) must be .*\(a literal\), got "<token>"$/);
    expect(ImsEvent.unlisted(`A${'b'.repeat(63)}`).value).toHaveLength(64);
    // of() of a constant's name is that constant
    expect(ImsEvent.of('TranscodeComplete')).toBe(ImsEvent.TRANSCODE_COMPLETE);
    expect(ImsEvent.of('TranscodeComplete').value).toBe('TranscodeComplete');
  });

  test('ImsEvent.of refuses an unknown or misspelled event type, suggesting the constant it may mean and ImsEvent.unlisted', () => {
    const tail = '; for an event of the IMS event list (https://www.alibabacloud.com/help/en/ims/user-guide/event-list-2) that has no constant, use ImsEvent.unlisted(name)';
    expect(() => ImsEvent.of('TotallyMadeUpEvent')).toThrow(`ImsEvent.of(name) must be the name of an IMS event type with an ImsEvent constant${tail}, got "TotallyMadeUpEvent"`);
    expect(() => ImsEvent.of('ProduceMediaComplet')).toThrow(`ImsEvent.of(name) must be the name of an IMS event type with an ImsEvent constant (did you mean "ProduceMediaComplete"?)${tail}, got "ProduceMediaComplet"`);
    expect(() => ImsEvent.of('MediaconvertComplete')).toThrow(/\(did you mean "MediaConvertComplete"\?\)/);
  });

  test('a constant, of() of a constant\'s name and unlisted() of a name from the list synthesize without a warning', () => {
    const { stack } = newStack('Media');
    new ImsCallbackQueue(stack, 'A', { setCallback: false, eventTypes: [ImsEvent.TRANSCODE_COMPLETE, ImsEvent.of('MediaConvertOutputComplete'), ImsEvent.unlisted('AIMediaAuditComplete')] });
    expect(warnings(stack)).toEqual([]);
    expect(Template.fromStack(stack).toJSON().Outputs.ACallbackQueueName).toBeDefined();
  });
});

describe('restorePreviousCallback', () => {
  test('false: no read of the previous setting, no restore on delete; SetEventCallback alone is permitted', () => {
    const { stack } = newStack('Media');
    const queue = new ImsCallbackQueue(stack, 'Callbacks', { eventTypes: [ImsEvent.PRODUCE_MEDIA_COMPLETE], restorePreviousCallback: false });
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(Object.keys(resources).sort()).toEqual(['ApiCallProviderFunction', 'ApiCallProviderRole', 'Callbacks', 'CallbacksCallback']);
    const expected = callParameters('Callbacks', { EventTypeList: 'ProduceMediaComplete' }).callback;
    delete expected.OnDelete;
    expect(resources.CallbacksCallback.Properties.Parameters).toEqual(expected);
    expect(resources.CallbacksCallback).not.toHaveProperty('DependsOn');
    expect(resources.ApiCallProviderRole.Properties.Policies[0].PolicyDocument).toEqual({
      Version: '1', Statement: [{ Effect: 'Allow', Action: ['ice:SetEventCallback'], Resource: ['*'] }],
    });
    expect(queue.previousCallback).toBeUndefined();
    expect(queue.callback!.customResource.logicalId).toBe('CallbacksCallback');
    expect(warnings(stack)).toEqual([]);
  });

  test('the read\'s logical id does not follow the construct id: two stacks, and a queue in a nested scope, all have ImsPreviousEventCallback', () => {
    const app = new ros.App();
    const one = new ros.Stack(app, 'One', { env: { region: 'cn-hangzhou' } });
    const two = new ros.Stack(app, 'Two', { env: { region: 'cn-shanghai' } });
    new ImsCallbackQueue(one, 'Callbacks');
    new ImsCallbackQueue(new ros.Construct(two, 'Media'), 'Jobs');
    const [a, b] = [one, two].map((stack) => Template.fromStack(stack).toJSON().Resources);
    expect(Object.keys(a).filter((id) => a[id].Type === 'ALIYUN::ROS::CustomResource').sort()).toEqual(['CallbacksCallback', PREVIOUS]);
    expect(Object.keys(b).filter((id) => b[id].Type === 'ALIYUN::ROS::CustomResource').sort()).toEqual([PREVIOUS, 'JobsCallback']);
    expect(b.JobsCallback.DependsOn).toEqual([PREVIOUS]);
  });

  test('another resource with the read\'s id: an error naming both', () => {
    const { stack } = newStack('Media');
    new smq.Queue(stack, PREVIOUS);
    expectInvalid(() => new ImsCallbackQueue(stack, 'Cb'), /^Media\/Cb\/ImsPreviousEventCallback\/ImsPreviousEventCallback: id must be unique in the stack, but 'Media\/ImsPreviousEventCallback\/ImsPreviousEventCallback' already has it/);
  });
});

describe('the example', () => {
  test('examples/ims-callbacks.ts: the queue, the two calls linked, their permissions, the consumer role', () => {
    const app = new ros.App();
    const stack = new ImsCallbacksStack(app, 'SmqImsCallbacks');
    const template = Template.fromStack(stack);
    const json = template.toJSON();
    template.hasResourceProperties('ALIYUN::MNS::Queue', {
      QueueName: 'ice-callback-SmqImsCallbacks-Callbacks', DlqPolicy: Match.objectLike({ MaxReceiveCount: 5 }),
    });
    expect(json.Resources.Callbacks.Properties.QueueName.startsWith('ice-callback-')).toBe(true);
    const expected = callParameters('Callbacks', { EventTypeList: 'ProduceMediaComplete,MediaConvertComplete' });
    template.resourceCountIs('ALIYUN::ROS::CustomResource', 2);
    template.hasResource('ALIYUN::ROS::CustomResource', {
      Properties: Match.objectLike({ Parameters: Match.objectEquals(expected.previous) }),
    });
    template.hasResource('ALIYUN::ROS::CustomResource', {
      Properties: Match.objectLike({ Parameters: Match.objectEquals(expected.callback) }),
      DependsOn: [PREVIOUS],
    });
    expect(json.Resources.ApiCallProviderRole.Properties.Policies[0].PolicyDocument).toEqual({
      Version: '1', Statement: [{ Effect: 'Allow', Action: ['ice:GetEventCallback', 'ice:SetEventCallback'], Resource: ['*'] }],
    });
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      Roles: [getAtt('MediaWorker', 'RoleName')],
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['mns:ReceiveMessage', 'mns:DeleteMessage']) })]) }),
    });
    expect(warnings(stack)).toEqual([]);
  });
});

/**
 * The calls as ROS runs them: the rendered Parameters, with the Fn::GetAtt values ROS would put in, given to the real
 * handler, against a loopback server that plays IMS (one callback setting: GetEventCallback answers the fields that
 * are set, SetEventCallback replaces the setting) and the ROS ResponseURL.
 */
describe('deploy and delete, against a fake IMS', () => {
  let server: http.Server;
  let base: string;
  let setting: { [field: string]: string };
  let imsRequests: Array<{ [name: string]: string }>;
  let answers: any[];
  /** When set, SetEventCallback answers with the error code it returns for the request (IMS refusing a setting). */
  let refuse: ((params: { [name: string]: string }) => string | undefined) | undefined;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        if (req.url!.startsWith('/ros/')) {
          answers.push(JSON.parse(raw));
          res.writeHead(200).end();
          return;
        }
        const params = Object.fromEntries(new URLSearchParams(raw));
        imsRequests.push(params);
        let body: object;
        if (params.Action === 'GetEventCallback') {
          body = { RequestId: 'ims-get', ...setting };
        } else if (params.Action === 'SetEventCallback' && refuse?.(params) !== undefined) {
          res.writeHead(400, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ RequestId: 'ims-refused', Code: refuse(params), Message: 'The specified parameter is not valid.' }));
          return;
        } else if (params.Action === 'SetEventCallback') {
          setting = Object.fromEntries(SETTING_FIELDS.filter((f) => params[f] !== undefined).map((f) => [f, params[f]]));
          body = { RequestId: 'ims-set', Success: true };
        } else {
          body = { RequestId: 'ims-x', Code: 'InvalidAction', Message: params.Action };
        }
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const QUEUE = 'ice-callback-Media-Callbacks';

  function reset(previous: { [field: string]: string }): void {
    setting = { ...previous };
    imsRequests = [];
    answers = [];
    refuse = undefined;
  }

  /** Runs one request of the handler for resource `id` and returns ROS's answer. */
  /**
   * Runs one request of the handler for resource `id` and returns ROS's answer. `options.before` (an Update): the
   * resources of the template deployed before, for OldResourceProperties; `options.status`: the answer expected.
   */
  async function run(resources: any, attributes: { [id: string]: { [attr: string]: unknown } }, type: string, id: string, physicalId?: string,
    options: { before?: any; status?: 'SUCCESS' | 'FAILED' } = {}): Promise<any> {
    const substitute = (value: any): any => {
      if (Array.isArray(value)) {
        return value.map(substitute);
      }
      if (typeof value === 'object' && value !== null) {
        if ('Fn::GetAtt' in value) {
          const [logicalId, attr] = value['Fn::GetAtt'];
          const found = attributes[logicalId]?.[attr];
          if (found === undefined) {
            throw new Error(`no attribute ${logicalId}.${attr}`);
          }
          return found;
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
      }
      return value;
    };
    const properties = { ...substitute(resources[id].Properties.Parameters), Endpoint: base };
    const before = answers.length;
    await handler(Buffer.from(JSON.stringify({
      RequestType: type,
      RequestId: `ros-${type}-${id}`,
      ResponseURL: `${base}/ros/callback`,
      StackId: 'stack-1',
      StackName: 'Media',
      RegionId: 'cn-hangzhou',
      ResourceType: 'ALIYUN::ROS::CustomResource',
      LogicalResourceId: id,
      PhysicalResourceId: physicalId,
      ResourceProperties: properties,
      ...(options.before === undefined ? {} : { OldResourceProperties: { ...substitute(options.before[id].Properties.Parameters), Endpoint: base } }),
    })), {
      requestId: 'fc-1',
      credentials: { accessKeyId: 'STS.ak', accessKeySecret: 'secret', securityToken: 'token' },
      function: { timeout: 30 },
      logger: { info: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined },
    });
    expect(answers).toHaveLength(before + 1);
    if (options.status === 'FAILED') {
      expect(answers[before]).toMatchObject({ Status: 'FAILED', Reason: expect.any(String) });
    } else {
      expect([answers[before].Status, answers[before].Reason]).toEqual(['SUCCESS', undefined]);
    }
    return answers[before];
  }

  /** Creates the stack's two calls in DependsOn order, then (after `meanwhile`) deletes them in reverse; returns what IMS got. */
  async function lifecycle(previous: { [field: string]: string }, meanwhile: () => void = () => undefined): Promise<{
    after: { [field: string]: string }; deleteRequests: Array<{ [name: string]: string }>; outputs: any;
  }> {
    reset(previous);
    const { stack } = newStack('Media');
    new ImsCallbackQueue(stack, 'Callbacks', { eventTypes: [ImsEvent.PRODUCE_MEDIA_COMPLETE] });
    const resources = Template.fromStack(stack).toJSON().Resources;
    expect(resources.CallbacksCallback.DependsOn).toEqual([PREVIOUS]);
    const attributes: { [id: string]: { [attr: string]: unknown } } = { Callbacks: { QueueName: QUEUE } };

    const read = await run(resources, attributes, 'Create', PREVIOUS);
    expect(read).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'ims-event-callback-before' });
    expect(read.Reason).toBeUndefined();
    attributes[PREVIOUS] = read.Data;
    const set = await run(resources, attributes, 'Create', 'CallbacksCallback');
    expect(set).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'ims-event-callback' });
    expect(setting).toEqual({ CallbackType: 'MNS', CallbackQueueName: QUEUE, EventTypeList: 'ProduceMediaComplete' });

    meanwhile();
    const from = imsRequests.length;
    expect(await run(resources, attributes, 'Delete', 'CallbacksCallback', 'ims-event-callback')).toMatchObject({ Status: 'SUCCESS' });
    expect(await run(resources, attributes, 'Delete', PREVIOUS, 'ims-event-callback-before')).toMatchObject({ Status: 'SUCCESS' });
    const deleteRequests = imsRequests.slice(from).map((params) => Object.fromEntries(Object.entries(params)
      .filter(([k]) => k === 'Action' || SETTING_FIELDS.includes(k))));
    return { after: setting, deleteRequests, outputs: read.Data };
  }

  test('a previous HTTP callback is restored on delete, its empty fields left out; its AuthKey is in the read\'s outputs', async () => {
    const previous = { CallbackType: 'HTTP', CallbackURL: 'https://hooks.example.com/ims', EventTypeList: 'FileUploadComplete', AuthSwitch: 'on', AuthKey: 'TestKey001' };
    const { after, deleteRequests, outputs } = await lifecycle(previous);
    expect(outputs).toEqual({ ...previous, CallbackQueueName: '' });
    expect(deleteRequests).toEqual([
      { Action: 'GetEventCallback' },
      { Action: 'SetEventCallback', ...previous },
    ]);
    expect(after).toEqual(previous);
  });

  test('a previous MNS callback to another queue is restored', async () => {
    const previous = { CallbackType: 'MNS', CallbackQueueName: 'ice-callback-legacy', EventTypeList: 'SnapshotComplete,WorkflowTaskComplete' };
    const { after, deleteRequests } = await lifecycle(previous);
    expect(deleteRequests).toEqual([{ Action: 'GetEventCallback' }, { Action: 'SetEventCallback', ...previous }]);
    expect(after).toEqual(previous);
  });

  test('nothing set before: nothing is called on delete, and ours stays (naming the deleted queue)', async () => {
    const { after, deleteRequests, outputs } = await lifecycle({});
    expect(outputs).toEqual(Object.fromEntries(SETTING_FIELDS.map((f) => [f, ''])));
    expect(deleteRequests).toEqual([]);
    expect(after).toEqual({ CallbackType: 'MNS', CallbackQueueName: QUEUE, EventTypeList: 'ProduceMediaComplete' });
  });

  test('someone pointed IMS elsewhere since: their setting stays', async () => {
    const theirs = { CallbackType: 'MNS', CallbackQueueName: 'ice-callback-theirs' };
    const { after, deleteRequests } = await lifecycle({ CallbackType: 'HTTP', CallbackURL: 'https://old.example.com/' }, () => {
      setting = { ...theirs };
    });
    expect(deleteRequests).toEqual([{ Action: 'GetEventCallback' }]);
    expect(after).toEqual(theirs);
  });

  /** The resources of stack `Media` with one ImsCallbackQueue `id` (ProduceMediaComplete). */
  function templateFor(id: string, props: ImsCallbackQueueArgs = {}): any {
    const { stack } = newStack('Media');
    new ImsCallbackQueue(stack, id, { eventTypes: [ImsEvent.PRODUCE_MEDIA_COMPLETE], ...props });
    return Template.fromStack(stack).toJSON().Resources;
  }

  /** The custom resources of a template, each after the ones it DependsOn. */
  function inOrder(resources: any): string[] {
    const ids = Object.keys(resources).filter((id) => resources[id].Type === 'ALIYUN::ROS::CustomResource').sort();
    const done: string[] = [];
    while (done.length < ids.length) {
      const next = ids.find((id) => !done.includes(id) && (resources[id].DependsOn ?? []).every((d: string) => !ids.includes(d) || done.includes(d)));
      expect(next).toBeDefined();
      done.push(next!);
    }
    return done;
  }

  /**
   * ROS's part of a stack operation, for the custom resources, from the template `before` to `after` (`{}`: no stack):
   * create what is new (dependencies first) and update what changed, then delete what is gone (dependents first); or
   * the deletes first with `deletesFirst`. The answers' physical ids and Data are kept in `state`.
   */
  async function apply(before: any, after: any, state: { attributes: any; physical: { [id: string]: string } }, deletesFirst = false): Promise<void> {
    const deletes = async (): Promise<void> => {
      for (const id of inOrder(before).reverse().filter((i) => after[i] === undefined)) {
        await run(before, state.attributes, 'Delete', id, state.physical[id]);
      }
    };
    if (deletesFirst) {
      await deletes();
    }
    for (const id of inOrder(after)) {
      if (before[id] === undefined) {
        const answer = await run(after, state.attributes, 'Create', id);
        state.physical[id] = answer.PhysicalResourceId;
        state.attributes[id] = answer.Data ?? {};
      } else if (JSON.stringify(before[id].Properties) !== JSON.stringify(after[id].Properties)) {
        const answer = await run(after, state.attributes, 'Update', id, state.physical[id], { before });
        state.attributes[id] = { ...state.attributes[id], ...answer.Data };
      }
    }
    if (!deletesFirst) {
      await deletes();
    }
  }

  const OURS = (queue: string): { [field: string]: string } => ({ CallbackType: 'MNS', CallbackQueueName: queue, EventTypeList: 'ProduceMediaComplete' });

  test.each([
    ['ROS creates the new resources, then deletes the old ones', false],
    ['ROS deletes the old resources first', true],
  ])('a new construct id keeps the read of the first deploy, so deleting the stack restores the account\'s setting, not our earlier queue (%s)',
    async (_order, deletesFirst) => {
      const original = { CallbackType: 'HTTP', CallbackURL: 'https://hooks.example.com/ims', EventTypeList: 'FileUploadComplete' };
      reset(original);
      const state = {
        attributes: { Old: { QueueName: 'ice-callback-Media-Old' }, New: { QueueName: 'ice-callback-Media-New' } } as any,
        physical: {} as { [id: string]: string },
      };
      const first = templateFor('Old');
      const renamed = templateFor('New');
      // the read is the same resource in both templates: ROS leaves it alone
      expect(renamed[PREVIOUS]).toEqual(first[PREVIOUS]);
      await apply({}, first, state);
      expect(setting).toEqual(OURS('ice-callback-Media-Old'));
      await apply(first, renamed, state, deletesFirst);
      expect(setting).toEqual(OURS('ice-callback-Media-New'));
      expect(state.attributes[PREVIOUS]).toEqual({ ...original, CallbackQueueName: '', AuthSwitch: '', AuthKey: '' });
      await apply(renamed, {}, state);
      expect(setting).toEqual(original);
    });

  test('a restore IMS refuses fails the delete (no error code is documented as "the old setting is gone"); deploying restorePreviousCallback: false is a way out', async () => {
    reset({ CallbackType: 'MNS', CallbackQueueName: 'ice-callback-legacy' });
    // IMS refuses the old setting, say because its queue was deleted since
    refuse = (params) => (params.CallbackQueueName === 'ice-callback-legacy' ? 'InvalidParameter' : undefined);
    const state = { attributes: { Callbacks: { QueueName: QUEUE } } as any, physical: {} as { [id: string]: string } };
    const deployed = templateFor('Callbacks');
    await apply({}, deployed, state);
    expect(setting).toEqual(OURS(QUEUE));

    const failed = await run(deployed, state.attributes, 'Delete', 'CallbacksCallback', state.physical.CallbacksCallback, { status: 'FAILED' });
    expect(failed.Reason).toContain('InvalidParameter');
    expect(setting).toEqual(OURS(QUEUE));

    const from = imsRequests.length;
    const escape = templateFor('Callbacks', { restorePreviousCallback: false });
    expect(escape[PREVIOUS]).toBeUndefined();
    await apply(deployed, escape, state);
    await apply(escape, {}, state);
    // the update sends nothing (its SetEventCallback did not change), the deletes send nothing: ours stays
    expect(imsRequests.slice(from)).toEqual([]);
    expect(setting).toEqual(OURS(QUEUE));
  });
});
