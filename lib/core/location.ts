import * as ros from '@alicloud/ros-cdk-core';
import { warnOnce } from './state';
import { invalid, isUnresolved } from './validation';

/** Where a resource lives: a region and an account, each a literal or a token. */
export interface Location {
  /** The region ID, such as `cn-hangzhou` (may be a token). */
  readonly region: string;
  /** The account ID (may be a token). */
  readonly account: string;
}

/** How two locations relate, as far as synth can tell. */
export enum Relation {
  /** Both literal and equal. */
  SAME_LITERAL = 'same-literal',
  /**
   * The same token, or tokens that render alike (two env-agnostic stacks of one app, which are presumed to be
   * deployed into one region and account, as AWS CDK presumes too).
   */
  PRESUMED_SAME = 'presumed-same',
  /** At least one is a token, and they may differ. */
  UNKNOWN = 'unknown',
  /** Both literal and different. */
  DIFFERENT = 'different',
}

const FIELDS = ['region', 'account'] as const;

/** How `a` and `b` relate, field by field: the weakest field decides. */
export function relate(scope: ros.IConstruct, a: Location, b: Location): Relation {
  const relations = FIELDS.map((field) => relateValue(scope, a[field], b[field]));
  for (const r of [Relation.DIFFERENT, Relation.UNKNOWN, Relation.PRESUMED_SAME]) {
    if (relations.includes(r)) {
      return r;
    }
  }
  return Relation.SAME_LITERAL;
}

function relateValue(scope: ros.IConstruct, x: string, y: string): Relation {
  const literals = !isUnresolved(x) && !isUnresolved(y);
  if (literals) {
    return x === y ? Relation.SAME_LITERAL : Relation.DIFFERENT;
  }
  if (x === y) {
    return Relation.PRESUMED_SAME;
  }
  if (isUnresolved(x) && isUnresolved(y)) {
    const stack = ros.Stack.of(scope);
    if (JSON.stringify(stack.resolve(x)) === JSON.stringify(stack.resolve(y))) {
      return Relation.PRESUMED_SAME;
    }
  }
  return Relation.UNKNOWN;
}

/** A region or account for a message: the literal, or what the token stands for. */
export function describeLocationValue(scope: ros.IConstruct, value: string): string {
  if (!isUnresolved(value)) {
    return value;
  }
  const rendered = JSON.stringify(ros.Stack.of(scope).resolve(value));
  if (rendered === '{"Ref":"ALIYUN::Region"}') {
    return '<deploy-time region>';
  }
  if (rendered === '{"Ref":"ALIYUN::TenantId"}' || rendered === '{"Ref":"ALIYUN::AccountId"}') {
    return '<deploy-time account>';
  }
  return '<token>';
}

/** Options of {@link checkSameLocation}. */
export interface SameLocationCheck {
  /** The prop that names the subject. */
  readonly prop: string;
  /** Where the wiring reaches. */
  readonly subject: Location;
  /** The subject, for the message: `'Shop/Legacy'`, `the topic 'orders'`. */
  readonly subjectName: string;
  /** Where the subject must be. */
  readonly expected: Location;
  /** What `expected` is, for the message: `the topic`, `the stack`. */
  readonly expectedName: string;
  /** Why they must match, for the warning: `ALIYUN::MNS::Subscription names its topic by name only`. */
  readonly reason: string;
  /** What must match. @default - the region and the account */
  readonly fields?: ReadonlyArray<'region' | 'account'>;
  /** What the user can do about a warning. @default - give the stack a literal env, or import the channel without a location */
  readonly remedy?: string;
}

/**
 * A wiring that can only reach a channel in its own region and account: throws when both locations are literals and
 * differ, and adds a warning annotation to `scope` when a token makes it unknowable at synth. Many ROS types name a
 * channel by name only, so a mismatch would deploy against another channel than the one meant, or none.
 */
export function checkSameLocation(scope: ros.IConstruct, check: SameLocationCheck): void {
  const fields = check.fields ?? FIELDS;
  const only = (l: Location): Location => ({ region: fields.includes('region') ? l.region : '-', account: fields.includes('account') ? l.account : '-' });
  const relation = relate(scope, only(check.subject), only(check.expected));
  if (relation === Relation.DIFFERENT) {
    for (const field of fields) {
      const x = check.subject[field];
      const y = check.expected[field];
      if (!isUnresolved(x) && !isUnresolved(y) && x !== y) {
        throw invalid(scope, check.prop, `${check.subjectName} in ${field} ${x}`, `must be in the same ${field} as ${check.expectedName} (${y})`);
      }
    }
  }
  if (relation === Relation.UNKNOWN) {
    const where = (l: Location): string => fields.map((f) => `${f} ${describeLocationValue(scope, l[f])}`).join(', ');
    warnOnce(scope, `${check.prop}: ${check.subjectName} is in ${where(check.subject)}, and ${check.expectedName} in ${where(check.expected)}. `
      + `They must be the same (${check.reason}), and synth cannot tell: ${check.remedy ?? 'give the stack an env with a literal region and account, '
      + 'or import the channel without a region and account of its own'}.`);
  }
}
