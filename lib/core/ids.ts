import * as ros from '@alicloud/ros-cdk-core';
import { alphanumeric } from './names';

/**
 * The logical id for a resource that a construct makes besides its main one: the construct's own id, letters and
 * digits only, followed by `suffix` (for example `Jobs` + `Dlq` = `JobsDlq`).
 */
export function derivedId(scope: ros.IConstruct, suffix: string): string {
  return `${alphanumeric(scope.node.id)}${suffix}`;
}

const GUARD_ID = 'SmqLogicalIdGuard';

/**
 * Checks that no two resources in one stack share a logical id (in ROS CDK the logical id is the construct id, not
 * the path). Added once to each stack that holds one of our constructs; it emits nothing into the template.
 *
 * It runs in the validation phase of synth, before core writes the template, so the user sees both construct
 * paths instead of core's `section 'Resources' already contains ...`.
 */
class LogicalIdGuard extends ros.Construct {
  protected override validate(): string[] {
    const stack = ros.Stack.of(this);
    const seen = new Map<string, string>();
    const errors: string[] = [];
    const visit = (node: ros.IConstruct): void => {
      for (const child of node.node.children) {
        if (ros.Stack.isStack(child)) {
          continue;
        }
        if (ros.RosResource.isRosResource(child)) {
          // core keys the Resources section by the construct id
          const logicalId = child.node.id;
          const first = seen.get(logicalId);
          if (first !== undefined) {
            errors.push(logicalIdCollisionMessage(logicalId, first, child.node.path));
          } else {
            seen.set(logicalId, child.node.path);
          }
        }
        visit(child);
      }
    };
    visit(stack);
    return errors;
  }
}

function logicalIdCollisionMessage(logicalId: string, first: string, second: string): string {
  return `logical id '${logicalId}' is used by two resources in one stack: '${first}' and '${second}'. `
    + 'In ROS CDK a resource\'s logical id is its construct id, not its path: give one of the constructs another id';
}

const ownIds = new WeakMap<ros.Stack, Map<string, string>>();

/**
 * Claims a logical id for a resource that one of our constructs is about to create in `scope`'s stack. Throws at once,
 * naming both construct paths, when another resource made by this library already holds the id; collisions with
 * resources made elsewhere are caught by the stack's guard at synth.
 *
 * @param scope the scope the resource will be created in
 * @param id the construct id (= logical id) the resource will get
 */
export function claimLogicalId(scope: ros.IConstruct, id: string): string {
  const stack = ros.Stack.of(scope);
  let ids = ownIds.get(stack);
  if (ids === undefined) {
    ids = new Map();
    ownIds.set(stack, ids);
    if (stack.node.tryFindChild(GUARD_ID) === undefined) {
      new LogicalIdGuard(stack, GUARD_ID);
    }
  }
  const path = scope.node.path === '' ? id : `${scope.node.path}/${id}`;
  const first = ids.get(id);
  if (first !== undefined) {
    throw new Error(`${path}: ${logicalIdCollisionMessage(id, first, path)}`);
  }
  ids.set(id, path);
  return id;
}
