/**
 * Rendering helpers shared by the matchers and the template report.
 * Everything here is deterministic: it only depends on its input.
 */

const MAX_INLINE = 200;

/** Renders a path as a JSON pointer: `/Properties/Tags/0/Key`, or `/` for the root. */
export function renderPath(path: string[]): string {
  if (path.length === 0) {
    return '/';
  }
  return path.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Renders a value on one line (long values are cut). Matchers render through their `toJSON()`. */
export function renderValue(value: any): string {
  if (value === undefined) {
    return 'undefined';
  }
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    text = String(value);
  }
  if (text === undefined) {
    text = String(value);
  }
  return text.length > MAX_INLINE ? text.slice(0, MAX_INLINE) + '...' : text;
}

/** Renders a value as indented JSON, each line prefixed with `indent`. */
export function renderJson(value: any, indent = ''): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value, undefined, 2);
  return text.split('\n').map((line) => indent + line).join('\n');
}

/** A readable name for the JSON type of a value. */
export function describeType(value: any): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return typeof value;
}

/** True for `{...}` values (not arrays, not null). */
export function isPlainObject(value: any): value is { [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `1 resource`, `2 resources`, `2 mismatches`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
