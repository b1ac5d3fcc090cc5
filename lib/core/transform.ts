/**
 * Checks of EventBridge's event transformations, which rule targets and event streams share: the JSONPath of the
 * JSONPATH form, the template and variables of the TEMPLATE form, and the length limit of both
 * (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters and, for event streams,
 * https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-transformation-1).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { Fragment, fragmentsOf, literalText } from './text';
import { invalid, isUnresolved } from './validation';

/**
 * A dotted name: Unicode letters and digits (`$.data.名字`), `_`, `$` and `-`. Alibaba documents no character set for
 * EventBridge's JSONPaths; names that need other characters are written quoted (`$['a b']`).
 */
const NAME = '[\\p{L}\\p{N}_$-]';
const STEP = `(\\.${NAME}+|\\[[0-9]+\\]|\\['[^']*'\\])`;
const JSON_PATH = new RegExp(`^\\$${STEP}*$`, 'u');
/** The literal text a JSONPath may start with when a token follows. */
const JSON_PATH_HEAD = new RegExp(`^\\$${STEP}*(\\.${NAME}*|\\[[0-9]*|\\['[^']*'?)?$`, 'u');
/** The literal text a JSONPath may end with after a token. */
const JSON_PATH_TAIL = new RegExp(`^(${NAME}*|[0-9]*\\]|[^']*'\\])${STEP}*$`, 'u');
/** The characters a JSONPath holds outside its quoted names. */
const JSON_PATH_CHARS = /^[\p{L}\p{N}_$.\-[\]']*$/u;
const QUOTED_NAME = /\['[^']*'\]/g;
const TEMPLATE_VARIABLE = /\$\{([^}]*)\}/g;
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/;

/**
 * The longest template and the longest value of a transformation: 10,240 characters each ("Event content transform:
 * Template size 10,240 characters, Value size 10,240 characters",
 * https://www.alibabacloud.com/help/en/eventbridge/product-overview/limits), counted in UTF-16 code units.
 */
export const MAX_TRANSFORM_CHARS = 10240;

/**
 * True when the value is a JSONPath such as `$.data`, or a token. For a string that holds tokens, the literal pieces
 * are checked: one at the start must start the JSONPath, one at the end must end it, and each holds only JSONPath
 * characters.
 */
export function isJsonPath(scope: ros.IConstruct, value: unknown): boolean {
  if (typeof value !== 'string') {
    return isUnresolved(value);
  }
  const fragments = fragmentsOf(scope, value);
  if (fragments.length === 1 && fragments[0].literal !== undefined) {
    return JSON_PATH.test(value);
  }
  return fragments.every((piece, i) => {
    if (piece.literal === undefined) {
      return true;
    }
    if (i === 0) {
      return JSON_PATH_HEAD.test(piece.literal);
    }
    if (i === fragments.length - 1) {
      return JSON_PATH_TAIL.test(piece.literal);
    }
    return JSON_PATH_CHARS.test(piece.literal.replace(QUOTED_NAME, ''));
  });
}

/**
 * Throws when the literal text of `text` is over {@link MAX_TRANSFORM_CHARS}; `source` names where the text came from.
 */
export function checkTransformLength(scope: ros.IConstruct, prop: string, text: string, source: string,
  fragments: readonly Fragment[] = fragmentsOf(scope, text)): void {
  const length = literalText(fragments).length;
  if (length > MAX_TRANSFORM_CHARS) {
    const whole = fragments.length === 1 && fragments[0].literal !== undefined;
    throw invalid(scope, prop, `${length} characters${whole ? '' : ' of literal text'}`,
      `must be at most ${MAX_TRANSFORM_CHARS} characters, EventBridge's limit for a transformation (${source})`);
  }
}

/**
 * Checks a TEMPLATE transformation: a non-empty template whose `${name}` placeholders each have a variable, and
 * variables that map names of letters, digits and underscores to JSONPaths, within the length limits. Returns the
 * variables as JSON text (the transformation's `Value`). `source` names the factory, for the messages.
 */
export function checkTemplateTransform(scope: ros.IConstruct, prop: string, template: unknown, variables: unknown, source: string): string {
  if (typeof template !== 'string' || template === '') {
    throw invalid(scope, prop, template, `must be a non-empty template text (${source})`);
  }
  const raw = variables ?? {};
  if (!isPlainObject(raw) || isUnresolved(raw)) {
    throw invalid(scope, `${prop}.variables`, raw, `must be an object of names and JSONPaths, such as { key: "$.data.key" } (${source})`);
  }
  const map = raw as { readonly [name: string]: unknown };
  const names = Object.keys(map);
  for (const name of names) {
    if (!isUnresolved(name) && !VARIABLE_NAME.test(name)) {
      throw invalid(scope, `${prop}.variables`, name, 'must name each variable with letters, digits and underscores only');
    }
    if (!isJsonPath(scope, map[name])) {
      throw invalid(scope, `${prop}.variables.${name}`, shownText(scope, map[name]), 'must map a name of letters, digits and underscores to a JSONPath such as "$.data"');
    }
  }
  const fragments = fragmentsOf(scope, template);
  checkTransformLength(scope, `${prop}.template`, template, source, fragments);
  if (!names.some((n) => isUnresolved(n))) {
    for (const piece of fragments) {
      for (const match of (piece.literal ?? '').matchAll(TEMPLATE_VARIABLE)) {
        if (!Object.prototype.hasOwnProperty.call(map, match[1])) {
          throw invalid(scope, `${prop}.template`, literalText(fragments, '<token>'), `must use only its variables (${names.join(', ') || 'none'}): \${${match[1]}} has none`);
        }
      }
    }
  }
  const json = JSON.stringify(map);
  checkTransformLength(scope, `${prop}.variables`, json, `${source}, the variables as JSON`);
  // a token among the paths is written into the JSON at deploy time, escaped
  return isUnresolved(json) ? ros.Stack.of(scope).toJsonString(map) : json;
}

/**
 * A copy of a template's variables (own enumerable properties of a plain object): changing the caller's object later
 * does not change the transformation. Anything else is kept as it is, for the check to report.
 */
export function copyVariables(variables: unknown): unknown {
  if (!isPlainObject(variables) || isUnresolved(variables)) {
    return variables;
  }
  const copy: { [name: string]: unknown } = {};
  for (const [name, path] of Object.entries(variables)) {
    // defineProperty, not assignment: a variable named "__proto__" stays a variable
    Object.defineProperty(copy, name, { value: path, enumerable: true, writable: false, configurable: false });
  }
  return copy;
}

/** A value for an error: a string with tokens as its literal pieces with `<token>` for each token. */
export function shownText(scope: ros.IConstruct, value: unknown): unknown {
  return typeof value === 'string' && isUnresolved(value) ? literalText(fragmentsOf(scope, value), '<token>') : value;
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
