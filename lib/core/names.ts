import { createHash } from 'crypto';
import * as ros from '@alicloud/ros-cdk-core';
import { ValidationError } from './validation';

/** Options for {@link generatePhysicalName}. */
export interface PhysicalNameOptions {
  /** The longest name the service accepts. */
  readonly maxLength: number;
  /** A suffix to append to the path, such as `dlq`. @default - none */
  readonly suffix?: string;
}

const HASH_LENGTH = 8;

/**
 * A short, stable hash of a text (hex, lower case).
 */
export function shortHash(text: string, length = HASH_LENGTH): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Removes every character that is not a letter or a digit.
 */
export function alphanumeric(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

/**
 * Generates a deterministic name from the stack name and the construct path, valid for SMQ queues, topics and
 * subscriptions and for RAM policies: letters, digits and hyphens, starting with a letter, at most `maxLength` long.
 *
 * The name is `<stack>-<path components>`. When it is too long, it is cut and ends in `-` and a hash of the whole
 * path, so two long paths that share a prefix still get different names.
 */
export function generatePhysicalName(scope: ros.IConstruct, options: PhysicalNameOptions): string {
  return generatePhysicalNameFor(scope.node.scope!, scope.node.id, options);
}

/**
 * {@link generatePhysicalName} for the construct `id` that is about to be created in `parent`: lets a construct compute
 * its name before `super()`, to pass it to `ros.Resource` (which otherwise makes a token for the missing name).
 */
export function generatePhysicalNameFor(parent: ros.IConstruct, id: string, options: PhysicalNameOptions): string {
  const stack = ros.Stack.of(parent);
  const scopes = parent.node.scopes;
  const components = [...scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id), id]
    .filter((part) => part !== 'Default' && part !== 'Resource');
  const parts = [stack.stackName, ...components, ...(options.suffix ? [options.suffix] : [])]
    .map((part) => part.replace(/[^A-Za-z0-9-]/g, '').replace(/^-+|-+$/g, ''))
    .filter((part) => part.length > 0);
  let name = parts.join('-').replace(/-{2,}/g, '-');
  if (!/^[A-Za-z]/.test(name)) {
    name = `smq-${name}`;
  }
  if (name.length <= options.maxLength) {
    return name;
  }
  const hash = shortHash(`${stack.stackName}/${parent.node.path}/${id}/${options.suffix ?? ''}`);
  const head = name.slice(0, options.maxLength - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}

const claimedNames = new WeakMap<ros.Stack, Map<string, string>>();

/**
 * Records that `scope` gives a resource of kind `namespace` (a queue, a topic, a RAM policy) the name `name`, and
 * throws, naming both construct paths, when another construct of this library in the stack already did: two such
 * names would only fail at deploy time. Tokens are not checked.
 */
export function claimPhysicalName(scope: ros.IConstruct, namespace: string, prop: string, name: string): void {
  if (ros.Token.isUnresolved(name)) {
    return;
  }
  const stack = ros.Stack.of(scope);
  let names = claimedNames.get(stack);
  if (names === undefined) {
    names = new Map();
    claimedNames.set(stack, names);
  }
  const key = `${namespace}\u0000${name}`;
  const first = names.get(key);
  if (first !== undefined) {
    throw new ValidationError(scope, prop, name, `must be unique among the ${namespace} names of the stack, but '${first}' already uses it`);
  }
  names.set(key, scope.node.path);
}
