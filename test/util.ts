import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { Match } from '../lib/assertions';
import { ValidationError } from '../lib';

/** A fresh app and stack for a test. */
export function newStack(stackName = 'Test', props: ros.StackProps = {}): { app: ros.App; stack: ros.Stack } {
  const app = new ros.App();
  const stack = new ros.Stack(app, stackName, props);
  return { app, stack };
}

/** A RAM role an ECS instance may assume. */
export function newRole(scope: ros.Construct, id: string): ram.Role {
  return new ram.Role(scope, id, {
    roleName: `role-${id.toLowerCase()}`,
    assumeRolePolicyDocument: {
      version: '1',
      statement: [{ action: 'sts:AssumeRole', effect: 'Allow', principal: { service: ['ecs.aliyuncs.com'] } }],
    },
  });
}

/** Resolves a value (with tokens) the way the stack renders it. */
export function resolve(stack: ros.Stack, value: unknown): any {
  return stack.resolve(value);
}

/** `{"Fn::GetAtt": [id, attr]}` */
export function getAtt(logicalId: string, attribute: string): { [key: string]: string[] } {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

/** The Fn::Join a stack renders for `acs:mns:${ALIYUN::Region}:${ALIYUN::TenantId}:<middle><name><tail>`. */
export function mnsJoin(middle: string, name: unknown, tail = ''): { [key: string]: unknown } {
  const raw: unknown[] = ['acs:mns:', { Ref: 'ALIYUN::Region' }, ':', { Ref: 'ALIYUN::TenantId' }, `:${middle}`, name, tail];
  // core merges adjacent literal strings in a join
  const parts: unknown[] = [];
  for (const part of raw) {
    const last = parts[parts.length - 1];
    if (typeof part === 'string' && typeof last === 'string') {
      parts[parts.length - 1] = last + part;
    } else if (part !== '') {
      parts.push(part);
    }
  }
  return { 'Fn::Join': ['', parts] };
}

/**
 * The PolicyName a grant renders in a stack without a literal region: `<base>-<hash>-<ALIYUN::Region>`, as a pattern
 * for the template assertions.
 */
export function policyName(base: string): { [key: string]: unknown } {
  return { 'Fn::Join': ['', [Match.stringLikeRegexp(`^${base}-[0-9a-f]{8}-$`), { Ref: 'ALIYUN::Region' }]] };
}

/** A logical id `<readable><8 hex>`, as a pattern. */
export function hashedId(readable: string): RegExp {
  return new RegExp(`^${readable}[0-9a-f]{8}$`);
}

/**
 * Evaluates the few template functions an import renders (Ref to a parameter, Fn::Split, Fn::Select, Fn::Join) the way
 * ROS does at deploy time, so a test can check what a token ARN really becomes.
 */
export function evaluate(value: any, parameters: { [name: string]: string }): any {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((v) => evaluate(v, parameters));
  }
  if ('Ref' in value) {
    if (!(value.Ref in parameters)) {
      throw new Error(`no value for Ref ${value.Ref}`);
    }
    return parameters[value.Ref];
  }
  if ('Fn::Split' in value) {
    const [delimiter, source] = value['Fn::Split'];
    return String(evaluate(source, parameters)).split(delimiter);
  }
  if ('Fn::Select' in value) {
    const [index, list] = value['Fn::Select'];
    return evaluate(list, parameters)[index];
  }
  if ('Fn::Join' in value) {
    const [delimiter, list] = value['Fn::Join'];
    return evaluate(list, parameters).join(delimiter);
  }
  throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
}

/** Every warning annotation under `scope`, as `<construct path>: <message>`. */
export function warnings(scope: ros.IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata
    .filter((entry) => entry.type === 'aliyun:ros:warning')
    .map((entry) => `${c.node.path}: ${entry.data}`));
}

/** Runs `make` and checks that it throws a ValidationError whose message is (or matches) `message`. */
export function expectInvalid(make: () => unknown, message: string | RegExp): void {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect(() => { throw error; }).toThrow(message);
}

/** Every info annotation under `scope`, as `<construct path>: <message>`. */
export function infos(scope: ros.IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata
    .filter((entry) => entry.type === 'aliyun:ros:info')
    .map((entry) => `${c.node.path}: ${entry.data}`));
}
