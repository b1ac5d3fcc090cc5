import * as ros from '@alicloud/ros-cdk-core';

/**
 * Rendering helpers shared by the L1 classes in this folder: ROS CDK L1 props are camelCase, ROS templates PascalCase.
 */

/**
 * Maps each key of `props` through `keys` (camelCase -> ROS name), dropping `undefined` values. A value that a token
 * rendered to (`{ Ref: ... }`, `{ 'Fn::GetAtt': ... }`, ...) is kept as it is: props arrive here resolved.
 */
export function renderKeys(props: { [key: string]: any } | undefined, keys: { [camel: string]: string }): { [key: string]: any } | undefined {
  if (props === undefined || props === null || typeof props !== 'object' || Array.isArray(props) || isIntrinsic(props)) {
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

/** A template function or reference, as a token renders: one key, `Ref` or `Fn::...`. */
export function isIntrinsic(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** Renders a list of `{ key, value }` tags as ROS `[{ Key, Value }]`. */
export function renderTags(tags: Array<{ [key: string]: any }> | undefined): Array<{ [key: string]: any }> | undefined {
  if (tags === undefined || !Array.isArray(tags)) {
    return tags;
  }
  return tags.map((tag) => renderKeys(tag, { key: 'Key', value: 'Value' })!);
}

/**
 * The attributes of an L1, each `Fn::GetAtt` made on first use and then reused: `getAtt` makes a new token each time,
 * and core records a full stack trace for every token, so attributes nobody reads should cost nothing.
 */
export class Attributes {
  private readonly made = new Map<string, ros.IResolvable>();

  constructor(private readonly resource: ros.RosResource) {}

  /** `Fn::GetAtt` of `name`. */
  public get(name: string): ros.IResolvable {
    let value = this.made.get(name);
    if (value === undefined) {
      value = this.resource.getAtt(name);
      this.made.set(name, value);
    }
    return value;
  }
}

/** An L1 with the stack's `enableResourcePropertyConstraint` setting. */
interface Constrained extends ros.IConstruct {
  readonly enableResourcePropertyConstraint: boolean;
}

/**
 * Checks an L1's props when it is made, and again before they are rendered if anything changed since: the props of a
 * generated L1 are mutable, down to the items of a tag list. Does nothing while the stack turns
 * `enableResourcePropertyConstraint` off.
 */
export class ValidatedProps {
  private checked?: Fingerprint;

  constructor(
    private readonly resource: Constrained,
    props: { [key: string]: any },
    private readonly validate: (scope: ros.IConstruct, props: any) => void,
  ) {
    this.recheck(props);
  }

  /** Checks `props` unless they are, to the last nested value, the ones checked last. */
  public recheck(props: { [key: string]: any }): void {
    const now = fingerprint(props, this.resource.enableResourcePropertyConstraint);
    if (this.checked === undefined || !sameFingerprint(this.checked, now)) {
      if (this.resource.enableResourcePropertyConstraint) {
        this.validate(this.resource, props);
      }
      this.checked = now;
    }
  }
}

/** The shape and values of props: plain data as text, anything else (tokens, constructs) by identity. */
interface Fingerprint {
  readonly text: string;
  readonly refs: readonly unknown[];
}

function fingerprint(props: { [key: string]: any }, flag: boolean): Fingerprint {
  const refs: unknown[] = [];
  const walk = (value: unknown): string => {
    if (typeof value === 'number') {
      return String(value);
    }
    if (value === null || typeof value !== 'object') {
      return JSON.stringify(value) ?? String(value);
    }
    if (Array.isArray(value)) {
      return `[${value.map(walk).join(',')}]`;
    }
    if (Object.getPrototypeOf(value) === Object.prototype) {
      return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${walk((value as { [key: string]: unknown })[k])}`).join(',')}}`;
    }
    refs.push(value);
    return `#${refs.length - 1}`;
  };
  return { text: `${flag}${walk(props)}`, refs };
}

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.text === b.text && a.refs.length === b.refs.length && a.refs.every((r, i) => r === b.refs[i]);
}
