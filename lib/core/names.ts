import { createHash } from 'crypto';
import * as ros from '@alicloud/ros-cdk-core';

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
  const stack = ros.Stack.of(scope);
  const components = scope.node.scopes
    .slice(scope.node.scopes.indexOf(stack) + 1)
    .map((c) => c.node.id)
    .filter((id) => id !== 'Default' && id !== 'Resource');
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
  const hash = shortHash(`${stack.stackName}/${scope.node.path}/${options.suffix ?? ''}`);
  const head = name.slice(0, options.maxLength - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}
