import * as ros from '@alicloud/ros-cdk-core';
import * as fc from 'fast-check';
import { alphanumeric, generatePhysicalName, shortHash } from '../../lib/core/names';
import { QUEUE_NAME_PATTERN, TOPIC_NAME_PATTERN } from '../../lib/ros/mns-rules';

function at(stackName: string, ...ids: string[]): ros.IConstruct {
  const app = new ros.App();
  let scope: ros.Construct = new ros.Stack(app, stackName);
  for (const id of ids) {
    scope = new ros.Construct(scope, id);
  }
  return scope;
}

describe('generatePhysicalName', () => {
  test('is the stack name and the construct path joined with hyphens', () => {
    expect(generatePhysicalName(at('Media', 'Jobs'), { maxLength: 256 })).toBe('Media-Jobs');
    expect(generatePhysicalName(at('Media', 'Pipeline', 'Jobs'), { maxLength: 256 })).toBe('Media-Pipeline-Jobs');
    expect(generatePhysicalName(at('Media', 'Jobs'), { maxLength: 256, suffix: 'dlq' })).toBe('Media-Jobs-dlq');
  });

  test('drops characters SMQ names cannot hold and the hidden ids Default and Resource', () => {
    expect(generatePhysicalName(at('Media', 'My Jobs!', 'Default'), { maxLength: 256 })).toBe('Media-MyJobs');
    expect(generatePhysicalName(at('Media', 'a_b.c', 'Resource'), { maxLength: 256 })).toBe('Media-abc');
  });

  test('cuts a long name and ends it with a hash of the whole path', () => {
    const long = 'x'.repeat(300);
    const name = generatePhysicalName(at('Media', long), { maxLength: 64 });
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^Media-x+-[0-9a-f]{8}$/);
    // same prefix, different path: different names
    const other = generatePhysicalName(at('Media', `${long}y`), { maxLength: 64 });
    expect(other).not.toBe(name);
  });

  test('is the same on every call', () => {
    expect(generatePhysicalName(at('Media', 'Jobs'), { maxLength: 20 })).toBe(generatePhysicalName(at('Media', 'Jobs'), { maxLength: 20 }));
  });

  test('property: always a valid queue and topic name within the limit, whatever the ids', () => {
    const id = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => !s.includes('/') && s.trim().length > 0);
    fc.assert(fc.property(fc.array(id, { minLength: 1, maxLength: 5 }), fc.integer({ min: 16, max: 256 }), (ids, max) => {
      let scope: ros.IConstruct;
      try {
        scope = at('Stack', ...ids);
      } catch {
        return true; // constructs rejects some ids (duplicates are impossible here; tokens-like text)
      }
      const name = generatePhysicalName(scope, { maxLength: max });
      return name.length <= max && TOPIC_NAME_PATTERN.test(name) && QUEUE_NAME_PATTERN.test(name) && !name.includes('--');
    }));
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
