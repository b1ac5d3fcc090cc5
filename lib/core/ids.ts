import * as ros from '@alicloud/ros-cdk-core';
import { alphanumeric, shortHash } from './names';
import { StackState } from './state';
import { ValidationError } from './validation';

/** The longest readable part we put into a derived logical id (the hash comes on top). */
const MAX_READABLE_ID = 96;

/**
 * The logical id for a resource a construct makes besides its main one: the construct's id, letters and digits only,
 * followed by `suffix` (`Jobs` + `Dlq` = `JobsDlq`). When the id loses characters to that rule (`my-jobs` and `myjobs`
 * would both give `myjobsDlq`), or is cut for length, a short hash of the construct's path is appended.
 */
export function derivedId(scope: ros.IConstruct, suffix: string): string {
  const id = scope.node.id;
  const readable = alphanumeric(id);
  if (readable === id && readable.length <= MAX_READABLE_ID) {
    return `${readable}${suffix}`;
  }
  return `${readable.slice(0, MAX_READABLE_ID)}${suffix}${shortHash(scope.node.path)}`;
}

/**
 * The logical id for a resource made from two or more things (a topic and a queue, a channel and a principal): their
 * readable parts, letters and digits only, then a short hash of `identity`. Concatenation alone is ambiguous
 * (`Q` + `RX` and `QR` + `X` are both `QRX`), so the hash is always there; `identity` must name every part uniquely
 * (construct paths, rendered endpoints).
 */
export function compositeId(parts: readonly string[], identity: readonly string[]): string {
  const readable = alphanumeric(parts.join('')).slice(0, MAX_READABLE_ID);
  return `${readable}${shortHash(identity.join('\u0000'))}`;
}

/**
 * Claims a logical id for a resource that one of our constructs is about to create in `scope`'s stack. Throws at once,
 * naming both construct paths, when another resource made by this library already holds the id; collisions with
 * resources made elsewhere are caught at synth by the stack's state (see `StackState.validate`).
 *
 * @param scope the scope the resource will be created in
 * @param id the construct id (= logical id) the resource will get
 */
export function claimLogicalId(scope: ros.IConstruct, id: string): string {
  const ids = StackState.of(scope).logicalIds;
  const path = scope.node.path === '' ? id : `${scope.node.path}/${id}`;
  const first = ids.get(id);
  if (first !== undefined) {
    throw new ValidationError(path, 'id', id, `must be unique in the stack, but '${first}' already has it as its logical id `
      + '(in ROS CDK a resource\'s logical id is its construct id, not its path: give one of the constructs another id)');
  }
  ids.set(id, path);
  return id;
}
