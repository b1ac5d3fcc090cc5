/**
 * The message an EventBridge event becomes in a queue: EventBridge's ORIGINAL, JSONPATH, CONSTANT and TEMPLATE forms
 * of a target's `Body` parameter (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-target-parameters).
 */
import * as ros from '@alicloud/ros-cdk-core';
import { checkTemplateTransform, checkTransformLength, copyVariables, isJsonPath, shownText } from '../core/transform';
import { invalid } from '../core/validation';
import type { EventBridgeTargetParam } from '../smq/identifiers';

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
        throw invalid(scope, prop, shownText(scope, this.value), 'must be a JSONPath such as "$.data" (TargetMessage.fromPath)');
      }
      if (typeof this.value === 'string') {
        checkTransformLength(scope, prop, this.value, 'TargetMessage.fromPath');
      }
    }
    if (this.form === 'CONSTANT') {
      if (typeof this.value !== 'string' || this.value === '') {
        throw invalid(scope, prop, this.value, 'must be a non-empty text (TargetMessage.fromText)');
      }
      checkTransformLength(scope, prop, this.value, 'TargetMessage.fromText');
    }
    if (this.form === 'TEMPLATE') {
      const value = checkTemplateTransform(scope, prop, this.template, this.variables, 'TargetMessage.fromTemplate');
      return { resourceKey: 'Body', form: this.form, value, template: this.template };
    }
    return { resourceKey: 'Body', form: this.form, value: this.value };
  }
}
