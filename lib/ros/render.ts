/**
 * Rendering helpers shared by the L1 classes in this folder: ROS CDK L1 props are camelCase, ROS templates PascalCase.
 */

/** Maps each key of `props` through `keys` (camelCase -> ROS name), dropping `undefined` values. */
export function renderKeys(props: { [key: string]: any } | undefined, keys: { [camel: string]: string }): { [key: string]: any } | undefined {
  if (props === undefined || props === null || typeof props !== 'object' || Array.isArray(props)) {
    return props;
  }
  const out: { [key: string]: any } = {};
  for (const [camel, rosName] of Object.entries(keys)) {
    const value = props[camel];
    if (value !== undefined) {
      out[rosName] = value;
    }
  }
  return out;
}

/** Renders a list of `{ key, value }` tags as ROS `[{ Key, Value }]`. */
export function renderTags(tags: Array<{ [key: string]: any }> | undefined): Array<{ [key: string]: any }> | undefined {
  if (tags === undefined || !Array.isArray(tags)) {
    return tags;
  }
  return tags.map((tag) => renderKeys(tag, { key: 'Key', value: 'Value' })!);
}
