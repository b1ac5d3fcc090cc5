/**
 * The message an EventBridge event becomes in a queue: EventBridge's ORIGINAL, JSONPATH, CONSTANT and TEMPLATE forms
 * of a target's `Body` parameter (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { invalid, isUnresolved } from '../core/validation';
import type { EventBridgeTargetParam } from '../smq/identifiers';

const JSON_PATH = /^\$(\.[A-Za-z0-9_$-]+|\[[0-9]+\]|\['[^']*'\])*$/;
const TEMPLATE_VARIABLE = /\$\{([^}]*)\}/g;

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
   * @param text the message body
   */
  public static fromText(text: string): TargetMessage {
    return new TargetMessage('CONSTANT', text);
  }

  /**
   * A text with `${name}` placeholders, each filled from a part of the event.
   *
   * @param template the text, such as `Object ${key} is in ${bucket}`
   * @param variables each placeholder's JSONPath, such as `{ key: '$.data.oss.object.key' }`
   */
  public static fromTemplate(template: string, variables: { [name: string]: string }): TargetMessage {
    return new TargetMessage('TEMPLATE', JSON.stringify(variables ?? {}), template, variables);
  }

  private constructor(
    private readonly form: string,
    private readonly value: string,
    private readonly template?: string,
    private readonly variables?: { [name: string]: string },
  ) {}

  /**
   * @internal The `Body` entry of a target's ParamList, checked; `scope` and `prop` name the place for errors.
   */
  public _render(scope: ros.IConstruct, prop: string): EventBridgeTargetParam {
    if (this.form === 'JSONPATH' && !isUnresolved(this.value) && (typeof this.value !== 'string' || !JSON_PATH.test(this.value))) {
      throw invalid(scope, prop, this.value, 'must be a JSONPath such as "$.data" (TargetMessage.fromPath)');
    }
    if (this.form === 'CONSTANT' && (typeof this.value !== 'string' || this.value === '')) {
      throw invalid(scope, prop, this.value, 'must be a non-empty text (TargetMessage.fromText)');
    }
    if (this.form === 'TEMPLATE') {
      this.checkTemplate(scope, prop);
    }
    return this.template === undefined
      ? { resourceKey: 'Body', form: this.form, value: this.value }
      : { resourceKey: 'Body', form: this.form, value: this.value, template: this.template };
  }

  private checkTemplate(scope: ros.IConstruct, prop: string): void {
    const variables = this.variables ?? {};
    if (typeof this.template !== 'string' || this.template === '') {
      throw invalid(scope, prop, this.template, 'must be a non-empty template text (TargetMessage.fromTemplate)');
    }
    for (const [name, path] of Object.entries(variables)) {
      if (!/^[A-Za-z0-9_]+$/.test(name) || typeof path !== 'string' || (!isUnresolved(path) && !JSON_PATH.test(path))) {
        throw invalid(scope, `${prop}.variables.${name}`, path, 'must map a name of letters, digits and underscores to a JSONPath such as "$.data"');
      }
    }
    if (!isUnresolved(this.template)) {
      for (const match of this.template.matchAll(TEMPLATE_VARIABLE)) {
        if (!(match[1] in variables)) {
          throw invalid(scope, `${prop}.template`, this.template, `must use only its variables (${Object.keys(variables).join(', ') || 'none'}): \${${match[1]}} has none`);
        }
      }
    }
  }
}

