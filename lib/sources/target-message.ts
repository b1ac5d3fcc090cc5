/**
 * The message an EventBridge event becomes in a queue: EventBridge's ORIGINAL, JSONPATH, CONSTANT and TEMPLATE forms
 * of a target's `Body` parameter (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { Fragment, fragmentsOf, literalText } from '../core/text';
import { invalid, isUnresolved } from '../core/validation';
import type { EventBridgeTargetParam } from '../smq/identifiers';

/**
 * A dotted name: Unicode letters and digits (`$.data.名字`), `_`, `$` and `-`. Alibaba documents no character set for
 * EventBridge's JSONPaths; names that need other characters are written quoted (`$['a b']`).
 */
const NAME = '[\\p{L}\\p{N}_$-]';
const STEP = `(\\.${NAME}+|\\[[0-9]+\\]|\\['[^']*'\\])`;
const JSON_PATH = new RegExp(`^\\$${STEP}*$`, 'u');
/** The literal text a JSONPath may start with when a token follows: whole steps, then maybe the start of one. */
const JSON_PATH_HEAD = new RegExp(`^\\$${STEP}*(\\.${NAME}*|\\[[0-9]*|\\['[^']*'?)?$`, 'u');
/** The literal text a JSONPath may end with after a token: maybe the end of a step, then whole steps. */
const JSON_PATH_TAIL = new RegExp(`^(${NAME}*|[0-9]*\\]|[^']*'\\])${STEP}*$`, 'u');
/** The characters a JSONPath holds outside its quoted names (`['...']`, which may hold any). */
const JSON_PATH_CHARS = /^[\p{L}\p{N}_$.\-[\]']*$/u;
const QUOTED_NAME = /\['[^']*'\]/g;
const TEMPLATE_VARIABLE = /\$\{([^}]*)\}/g;
const VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
/**
 * The longest template, and the longest value (the text of CONSTANT, the path of JSONPATH, the variables of TEMPLATE as
 * JSON), of a target's event transformation: 10,240 characters each ("Event content transform: Template size 10,240
 * characters, Value size 10,240 characters", https://www.alibabacloud.com/help/en/eventbridge/product-overview/limits).
 * Counted in UTF-16 code units, as `checkText` counts. It supersedes SMQ's 64 KB message limit
 * (https://www.alibabacloud.com/help/en/mns/product-overview/limits) for what synth can count: 10,240 characters are at
 * most 30,720 bytes in UTF-8.
 */
const MAX_TRANSFORM_CHARS = 10240;

/**
 * The message an event becomes in the queue: the whole event (EventBridge's ORIGINAL form), a part of it (JSONPATH), a
 * fixed text (CONSTANT) or a text made from parts of it (TEMPLATE).
 */
export class TargetMessage {
  /** The whole event, as EventBridge received it (CloudEvents JSON). */
  public static fromEvent(): TargetMessage {
    return new TargetMessage('ORIGINAL', '');
  }

  /**
   * A part of the event, chosen by a JSONPath such as `$.data` or `$.data.oss.object.key`.
   *
   * @param path a JSONPath starting with `$`
   */
  public static fromPath(path: string): TargetMessage {
    return new TargetMessage('JSONPATH', path);
  }

  /**
   * The same text for every event.
   *
   * @param text the message body, at most 10,240 characters (EventBridge's limit for a target's transformed value)
   */
  public static fromText(text: string): TargetMessage {
    return new TargetMessage('CONSTANT', text);
  }

  /**
   * A text with `${name}` placeholders, each filled from a part of the event.
   *
   * @param template the text, such as `Object ${key} is in ${bucket}`: at most 10,240 characters (EventBridge's limit)
   * @param variables each placeholder's JSONPath, such as `{ key: '$.data.oss.object.key' }`: at most 10,240 characters
   * as JSON (EventBridge's limit); copied, so changing the object afterwards does not change the message
   */
  public static fromTemplate(template: string, variables: { [name: string]: string }): TargetMessage {
    return new TargetMessage('TEMPLATE', '', template, copyVariables(variables));
  }

  private constructor(
    private readonly form: string,
    private readonly value: string,
    private readonly template?: string,
    private readonly variables?: unknown, // a copy of the caller's plain object, or the bad value for the error
  ) {}

  /**
   * @internal The `Body` entry of a target's ParamList, checked; `scope` and `prop` name the place for errors.
   */
  public _render(scope: ros.IConstruct, prop: string): EventBridgeTargetParam {
    if (this.form === 'JSONPATH') {
      if (!isJsonPath(scope, this.value)) {
        throw invalid(scope, prop, shown(scope, this.value), 'must be a JSONPath such as "$.data" (TargetMessage.fromPath)');
      }
      if (typeof this.value === 'string') {
        checkLength(scope, prop, this.value, 'TargetMessage.fromPath');
      }
    }
    if (this.form === 'CONSTANT') {
      if (typeof this.value !== 'string' || this.value === '') {
        throw invalid(scope, prop, this.value, 'must be a non-empty text (TargetMessage.fromText)');
      }
      checkLength(scope, prop, this.value, 'TargetMessage.fromText');
    }
    if (this.form === 'TEMPLATE') {
      const variables = this.checkTemplate(scope, prop);
      const value = JSON.stringify(variables);
      checkLength(scope, `${prop}.variables`, value, 'TargetMessage.fromTemplate, the variables as JSON');
      return { resourceKey: 'Body', form: this.form, value, template: this.template };
    }
    return { resourceKey: 'Body', form: this.form, value: this.value };
  }

  /** Checks the template and its variables; returns the variables. */
  private checkTemplate(scope: ros.IConstruct, prop: string): { readonly [name: string]: string } {
    const template = this.template;
    if (typeof template !== 'string' || template === '') {
      throw invalid(scope, prop, template, 'must be a non-empty template text (TargetMessage.fromTemplate)');
    }
    const raw = this.variables ?? {};
    if (!isPlainObject(raw) || isUnresolved(raw)) {
      throw invalid(scope, `${prop}.variables`, raw, 'must be an object of names and JSONPaths, such as { key: "$.data.oss.object.key" } (TargetMessage.fromTemplate)');
    }
    const variables = raw as { readonly [name: string]: string };
    const names = Object.keys(variables);
    for (const name of names) {
      const path = variables[name];
      if (!isUnresolved(name) && !VARIABLE_NAME.test(name)) {
        throw invalid(scope, `${prop}.variables`, name, 'must name each variable with letters, digits and underscores only');
      }
      if (!isJsonPath(scope, path)) {
        throw invalid(scope, `${prop}.variables.${name}`, shown(scope, path), 'must map a name of letters, digits and underscores to a JSONPath such as "$.data"');
      }
    }
    const fragments = fragmentsOf(scope, template);
    checkLength(scope, `${prop}.template`, template, 'TargetMessage.fromTemplate', fragments);
    if (names.some((n) => isUnresolved(n))) {
      return variables; // a name known only at deploy time may be any of the template's
    }
    for (const piece of fragments) {
      for (const match of (piece.literal ?? '').matchAll(TEMPLATE_VARIABLE)) {
        if (!Object.prototype.hasOwnProperty.call(variables, match[1])) {
          throw invalid(scope, `${prop}.template`, literalText(fragments, '<token>'), `must use only its variables (${names.join(', ') || 'none'}): \${${match[1]}} has none`);
        }
      }
    }
    return variables;
  }
}

/**
 * A copy of a template's variables (own enumerable properties of a plain object), so that changing the caller's object
 * later does not change the message; anything else is kept as it is, for `_render` to report.
 */
function copyVariables(variables: unknown): unknown {
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

/**
 * True when the value is a JSONPath such as `$.data`, or a token. For a string that holds tokens, the literal pieces
 * are checked: one at the start must start the JSONPath (`$` first), one at the end must end it, and every piece holds
 * only the characters a JSONPath holds.
 */
function isJsonPath(scope: ros.IConstruct, value: unknown): boolean {
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
 * Throws when a text's literal part alone is over EventBridge's limit on a transformation's template or value, counted
 * in characters (UTF-16 code units).
 */
function checkLength(scope: ros.IConstruct, prop: string, text: string, source: string, fragments: readonly Fragment[] = fragmentsOf(scope, text)): void {
  const length = literalText(fragments).length;
  if (length > MAX_TRANSFORM_CHARS) {
    const whole = fragments.length === 1 && fragments[0].literal !== undefined;
    throw invalid(scope, prop, `${length} characters${whole ? '' : ' of literal text'}`,
      `must be at most ${MAX_TRANSFORM_CHARS} characters, EventBridge's limit for a target's transformation (${source})`);
  }
}

/** A value for an error: a string with tokens as its literal pieces with `<token>` for each token; anything else as it is. */
function shown(scope: ros.IConstruct, value: unknown): unknown {
  return typeof value === 'string' && isUnresolved(value) ? literalText(fragmentsOf(scope, value), '<token>') : value;
}

/** True for `{}`-like objects: not arrays, strings, class instances (tokens among them) or maps. */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
