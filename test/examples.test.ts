import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Match, Template } from '../lib/assertions';
import { buildApp } from '../examples/app';

function synthTo(dir: string): { [file: string]: string } {
  const assembly = buildApp(dir).synth();
  const files: { [file: string]: string } = {};
  for (const stack of assembly.stacks) {
    files[stack.templateFile] = fs.readFileSync(path.join(dir, stack.templateFile), 'utf-8');
  }
  return files;
}

describe('example app', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smq-examples-'));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('synthesizing twice gives byte-identical templates', () => {
    const first = synthTo(path.join(tmp, 'a'));
    const second = synthTo(path.join(tmp, 'b'));
    expect(Object.keys(first).sort()).toEqual(['SmqConsumers.template.json', 'SmqFanout.template.json', 'SmqWorkQueue.template.json']);
    for (const file of Object.keys(first)) {
      expect(second[file]).toBe(first[file]);
    }
  });

  test('work queue: a queue with its DLQ, two roles, one policy per role and queue', () => {
    const template = Template.fromJSON(JSON.parse(synthTo(path.join(tmp, 'wq'))['SmqWorkQueue.template.json']));
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::Queue', 2);
    template.hasResourceProperties('ALIYUN::MNS::Queue', {
      QueueName: 'SmqWorkQueue-Jobs',
      VisibilityTimeout: 300,
      PollingWaitSeconds: 20,
      DlqPolicy: { DeadLetterTargetQueue: { 'Fn::GetAtt': ['JobsDlq', 'QueueName'] }, Enabled: true, MaxReceiveCount: 5 },
    });
    template.resourceCountIs('ALIYUN::RAM::Role', 2);
    expect(Object.keys(template.findResources('ALIYUN::RAM::ManagedPolicy')).sort()).toEqual([
      expect.stringMatching(/^JobsDlqWorkerPolicy[0-9a-f]{8}$/), expect.stringMatching(/^JobsProducerPolicy[0-9a-f]{8}$/), expect.stringMatching(/^JobsWorkerPolicy[0-9a-f]{8}$/),
    ]);
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      Roles: [{ 'Fn::GetAtt': ['Producer', 'RoleName'] }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['mns:SendMessage', 'mns:BatchSendMessage'] })]) },
    });
  });

  test('fanout: one topic, six subscriptions of four kinds, a publisher', () => {
    const template = Template.fromJSON(JSON.parse(synthTo(path.join(tmp, 'fo'))['SmqFanout.template.json']));
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::MNS::Topic', 1);
    template.resourceCountIs('ALIYUN::MNS::Subscription', 6);
    template.hasResourceProperties('ALIYUN::MNS::Subscription', { Endpoint: { Ref: 'AuditWebhookUrl' }, PushType: 'http' });
    for (const pushType of ['queue', 'http', 'email', 'alisms']) {
      template.hasResourceProperties('ALIYUN::MNS::Subscription', { PushType: pushType, TopicName: { 'Fn::GetAtt': ['Orders', 'TopicName'] } });
    }
    template.hasResourceProperties('ALIYUN::MNS::Subscription', {
      PushType: 'queue',
      FilterTag: 'paid',
      DlqPolicy: { DeadLetterTargetQueue: { 'Fn::GetAtt': ['Undelivered', 'QueueName'] }, Enabled: true },
    });
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['mns:PublishMessage'] })]) },
    });
  });

  test('consumers: a role granted on the work queue of another stack holds its policy, with the queue named literally', () => {
    const template = Template.fromJSON(JSON.parse(synthTo(path.join(tmp, 'co'))['SmqConsumers.template.json']));
    expect(template.toJSON()).toMatchSnapshot();
    template.resourceCountIs('ALIYUN::RAM::ManagedPolicy', 1);
    template.hasResourceProperties('ALIYUN::RAM::ManagedPolicy', {
      Roles: [{ 'Fn::GetAtt': ['Thumbnailer', 'RoleName'] }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: [Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':/queues/SmqWorkQueue-Jobs/messages'])] })] })]) },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });
});
