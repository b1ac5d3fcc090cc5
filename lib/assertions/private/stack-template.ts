import * as ros from '@alicloud/ros-cdk-core';
import { isPlainObject } from './render';

/**
 * Synthesizes the stage that holds `stack` and returns the stack's template.
 *
 * ROS CDK caches the first synthesis of a stage (`Stage.synth()` has no
 * `force` option), so every later call, for this stack or a sibling stack,
 * reads the same cloud assembly. Constructs added after that first synthesis
 * are not reflected.
 *
 * A `NestedStack` has no artifact of its own in ROS CDK 1.x: its template is
 * embedded as `TemplateBody` of the `ALIYUN::ROS::Stack` resource in the
 * parent template, so it is read from there.
 */
export function templateOfStack(stack: ros.Stack): { [key: string]: any } {
  if (!ros.Stack.isStack(stack)) {
    throw new Error('Template.fromStack: the argument is not a ros.Stack');
  }
  if (ros.NestedStack.isNestedStack(stack)) {
    return templateOfNestedStack(stack);
  }
  const stage = ros.Stage.of(stack);
  if (stage === undefined) {
    throw new Error(`Template.fromStack: stack '${pathOf(stack)}' is not inside a ros.App or ros.Stage, so it cannot be synthesized; create it with new ros.Stack(app, '${stack.node.id}')`);
  }
  const assembly = stage.synth();
  if (assembly.tryGetArtifact(stack.artifactId) === undefined) {
    throw new Error(
      `Template.fromStack: stack '${pathOf(stack)}' is missing from the cloud assembly of its stage. ` +
      'ROS CDK synthesizes a stage only once, so a stack added after the first synthesis (for example after an ' +
      'earlier Template.fromStack or app.synth() call) is never synthesized. Create all stacks before the first synthesis.');
  }
  return assembly.getStackArtifact(stack.artifactId).template;
}

function templateOfNestedStack(stack: ros.Stack): { [key: string]: any } {
  const scope = stack.node.scope;
  if (scope === undefined) {
    throw new Error(`Template.fromStack: nested stack '${pathOf(stack)}' has no parent`);
  }
  const parent = ros.Stack.of(scope);
  const parentTemplate = templateOfStack(parent);
  // ROS CDK gives the ALIYUN::ROS::Stack resource of a nested stack the nested stack's construct id.
  const logicalId = stack.node.id;
  const resource = isPlainObject(parentTemplate.Resources) ? parentTemplate.Resources[logicalId] : undefined;
  if (!isPlainObject(resource) || resource.Type !== 'ALIYUN::ROS::Stack') {
    throw new Error(`Template.fromStack: no ALIYUN::ROS::Stack resource '${logicalId}' for nested stack '${pathOf(stack)}' in the template of '${pathOf(parent)}'`);
  }
  const props = isPlainObject(resource.Properties) ? resource.Properties : {};
  let body = props.TemplateBody;
  if (body === undefined) {
    if (props.TemplateURL !== undefined) {
      throw new Error(`Template.fromStack: nested stack '${pathOf(stack)}' uses TemplateURL; its template is not part of the synthesized output`);
    }
    // A nested stack without any element renders no TemplateBody at all.
    return {};
  }
  if (typeof body === 'string') {
    body = JSON.parse(body);
  }
  if (!isPlainObject(body)) {
    throw new Error(`Template.fromStack: the TemplateBody of nested stack '${pathOf(stack)}' is not an object`);
  }
  return body;
}

/** The construct path of a stack; a root stack has an empty path, so use its id. */
function pathOf(stack: ros.Stack): string {
  return stack.node.path === '' ? stack.node.id : stack.node.path;
}
