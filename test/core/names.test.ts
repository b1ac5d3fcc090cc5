import * as ros from '@alicloud/ros-cdk-core';
import * as fc from 'fast-check';
import { alphanumeric, claimName, generatePhysicalName, identityOf, registerLiteralName, shortHash, withLiteralNames } from '../../lib/core/names';
import { checkText } from '../../lib/core/text';
import { QUEUE_NAME, TOPIC_NAME } from '../../lib/ros/mns-rules';
import { warnings } from '../util';

function at(stackName: string, ...ids: string[]): ros.IConstruct {
  const app = new ros.App();
  let scope: ros.Construct = new ros.Stack(app, stackName);
  for (const id of ids) {
    scope = new ros.Construct(scope, id);
  }
  return scope;
}

function isValidName(scope: ros.IConstruct, name: string): boolean {
  try {
    checkText(scope, 'n', name, QUEUE_NAME);
    checkText(scope, 'n', name, TOPIC_NAME);
    return true;
  } catch {
    return false;
  }
}

describe('generatePhysicalName', () => {
  test('is the stack name and the construct path joined with hyphens', () => {
    expect(generatePhysicalName(at('Media', 'Jobs'), { maxLength: 256 })).toBe('Media-Jobs');
    expect(generatePhysicalName(at('Media', 'Pipeline', 'Jobs'), { maxLength: 256 })).toBe('Media-Pipeline-Jobs');
    expect(generatePhysicalName(at('Media', 'Jobs'), { maxLength: 256, suffix: 'dlq' })).toBe('Media-Jobs-dlq');
    expect(generatePhysicalName(at('media-prod', 'Jobs'), { maxLength: 256 })).toBe('media-prod-Jobs');
  });

  test('drops the hidden ids Default and Resource', () => {
    expect(generatePhysicalName(at('Media', 'Jobs', 'Default'), { maxLength: 256 })).toBe('Media-Jobs');
    expect(generatePhysicalName(at('Media', 'Jobs', 'Resource'), { maxLength: 256 })).toBe('Media-Jobs');
  });

  test('an id that is not plain letters and digits gets a hash: A-B/C and A/B-C differ', () => {
    const a = generatePhysicalName(at('Media', 'A-B', 'C'), { maxLength: 256 });
    const b = generatePhysicalName(at('Media', 'A', 'B-C'), { maxLength: 256 });
    expect(a).toMatch(/^Media-A-B-C-[0-9a-f]{8}$/);
    expect(b).toMatch(/^Media-A-B-C-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(generatePhysicalName(at('Media', 'My Jobs!'), { maxLength: 256 })).toMatch(/^Media-MyJobs-[0-9a-f]{8}$/);
  });

  test('cuts a long name and ends it with a hash of the whole path', () => {
    const long = 'x'.repeat(300);
    const name = generatePhysicalName(at('Media', long), { maxLength: 64 });
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^Media-x+-[0-9a-f]{8}$/);
    expect(generatePhysicalName(at('Media', `${long}y`), { maxLength: 64 })).not.toBe(name);
  });

  test('is the same on every call', () => {
    expect(generatePhysicalName(at('Media', 'Jobs'), { maxLength: 20 })).toBe(generatePhysicalName(at('Media', 'Jobs'), { maxLength: 20 }));
  });

  test('property: always a valid queue and topic name within the limit, and distinct paths give distinct names', () => {
    const id = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('/') && s.trim().length > 0 && !s.includes('${'));
    fc.assert(fc.property(fc.array(id, { minLength: 1, maxLength: 4 }), fc.array(id, { minLength: 1, maxLength: 4 }), fc.integer({ min: 16, max: 256 }), (a, b, max) => {
      let x: ros.IConstruct;
      let y: ros.IConstruct;
      try {
        x = at('Stack', ...a);
        y = at('Stack', ...b);
      } catch {
        return true; // ids that constructs itself refuses
      }
      const nx = generatePhysicalName(x, { maxLength: max });
      const ny = generatePhysicalName(y, { maxLength: max });
      const hidden = (ids: string[]): string[] => ids.filter((i) => i !== 'Default' && i !== 'Resource');
      const samePath = JSON.stringify(hidden(a)) === JSON.stringify(hidden(b));
      return nx.length <= max && isValidName(x, nx) && !nx.includes('--') && (samePath || nx !== ny);
    }), { numRuns: 300 });
  });
});

describe('claimName', () => {
  const location = { region: 'cn-hangzhou', account: '111' };

  test('one name twice in a stack: an error naming both paths', () => {
    const a = at('Media', 'A');
    claimName(a, { kind: 'queue', prop: 'queueName', name: 'jobs', location });
    const b = new ros.Construct(ros.Stack.of(a), 'B');
    expect(() => claimName(b, { kind: 'queue', prop: 'queueName', name: 'jobs', location }))
      .toThrow("Media/B: queueName must be unique in the stack, but 'Media/A' already has this queue, got \"jobs\"");
    // another kind of thing may share the name
    expect(() => claimName(b, { kind: 'topic', prop: 'topicName', name: 'jobs', location })).not.toThrow();
  });

  test('two stacks: same literal region and account is an error; different ones are fine; a token gives a warning', () => {
    const app = new ros.App();
    const one = new ros.Stack(app, 'One', { env: location });
    const two = new ros.Stack(app, 'Two', { env: location });
    const far = new ros.Stack(app, 'Far', { env: { region: 'cn-beijing', account: '111' } });
    const agnostic = new ros.Stack(app, 'Agnostic');
    claimName(new ros.Construct(one, 'Q'), { kind: 'queue', prop: 'queueName', name: 'jobs', location });
    expect(() => claimName(new ros.Construct(two, 'Q'), { kind: 'queue', prop: 'queueName', name: 'jobs', location }))
      .toThrow("Two/Q: queueName must be unique in region cn-hangzhou and account 111, but 'One/Q' in stack 'One' already has this queue");
    expect(() => claimName(new ros.Construct(far, 'Q'), { kind: 'queue', prop: 'queueName', name: 'jobs', location: { region: 'cn-beijing', account: '111' } })).not.toThrow();
    const c = new ros.Construct(agnostic, 'Q');
    claimName(c, { kind: 'queue', prop: 'queueName', name: 'jobs', location: { region: ros.RosPseudo.region, account: ros.RosPseudo.tenantId } });
    expect(warnings(agnostic)).toEqual([
      "Agnostic/Q: queueName: 'One/Q' in stack 'One' has the same queue. If both stacks are deployed to one region and account, "
      + 'the second deploy fails: give one of them another name, or give the stacks an env with literal regions and accounts so that synth can tell.',
      "Agnostic/Q: queueName: 'Far/Q' in stack 'Far' has the same queue. If both stacks are deployed to one region and account, "
      + 'the second deploy fails: give one of them another name, or give the stacks an env with literal regions and accounts so that synth can tell.',
    ]);
  });
});

describe('literal names and identities', () => {
  test('a registered name token is replaced by its literal; identities compare owned and imported alike', () => {
    const scope = at('Media', 'Q');
    const stack = ros.Stack.of(scope);
    const token = ros.Token.asString(new ros.RosResource(stack, 'R', { type: 'X::Y', properties: {} }).getAtt('QueueName'));
    registerLiteralName(scope, token, 'jobs');
    expect(withLiteralNames(scope, `acs:mns:r:a:queues/${token}`)).toBe('acs:mns:r:a:queues/jobs');
    expect(identityOf(scope, `acs:mns:r:a:queues/${token}`)).toBe(identityOf(scope, 'acs:mns:r:a:queues/jobs'));
    const param = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(identityOf(scope, `x${param}`)).toBe('{"Fn::Join":["",["x",{"Ref":"P"}]]}');
  });
});

describe('helpers', () => {
  test('shortHash is stable hex', () => {
    expect(shortHash('abc')).toBe('ba7816bf');
    expect(shortHash('abc', 4)).toBe('ba78');
  });

  test('alphanumeric keeps letters and digits only', () => {
    expect(alphanumeric('my-queue_1.x')).toBe('myqueue1x');
  });
});
