import { createHash } from 'crypto';
import * as ros from '@alicloud/ros-cdk-core';
import { Location, relate, Relation } from './location';
import { AppState, warnOnce } from './state';
import { invalid, isUnresolved } from './validation';

/** Options for {@link generatePhysicalName}. */
export interface PhysicalNameOptions {
  /** The longest name the service accepts. */
  readonly maxLength: number;
  /** A suffix to append to the path, such as `dlq`. @default - none */
  readonly suffix?: string;
}

const HASH_LENGTH = 8;

/** A short, stable hash of a text (hex, lower case). */
export function shortHash(text: string, length = HASH_LENGTH): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** Removes every character that is not a letter or a digit. */
export function alphanumeric(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

/**
 * Generates a deterministic name from the stack name and the construct path, valid for SMQ queues, topics and
 * subscriptions and for RAM policies: letters, digits and hyphens, starting with a letter, at most `maxLength` long.
 *
 * The name is `<stack>-<path components>`. A hash of the path is appended when a component is not plain letters and
 * digits (`A-B/C` and `A/B-C` would otherwise both give `A-B-C`), and when the name is cut to fit.
 */
export function generatePhysicalName(scope: ros.IConstruct, options: PhysicalNameOptions): string {
  return generatePhysicalNameFor(scope.node.scope!, scope.node.id, options);
}

/**
 * {@link generatePhysicalName} for the construct `id` that is about to be created in `parent`: lets a construct compute
 * its name before `super()`, to pass it to `ros.Resource` (which otherwise makes a token for the missing name).
 */
export function generatePhysicalNameFor(parent: ros.IConstruct, id: string, options: PhysicalNameOptions): string {
  const stack = ros.Stack.of(parent);
  const scopes = parent.node.scopes;
  const components = [...scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id), id]
    .filter((part) => part !== 'Default' && part !== 'Resource');
  const ambiguous = components.some((part) => !/^[A-Za-z0-9]*$/.test(part));
  const clean = (part: string): string => part.replace(/[^A-Za-z0-9-]/g, '').replace(/^-+|-+$/g, '');
  const parts = [stack.stackName, ...components, ...(options.suffix ? [options.suffix] : [])].map(clean).filter((p) => p.length > 0);
  let name = parts.join('-').replace(/-{2,}/g, '-');
  if (!/^[A-Za-z]/.test(name)) {
    name = `smq-${name}`;
  }
  if (!ambiguous && name.length <= options.maxLength) {
    return name;
  }
  const hash = shortHash(`${stack.stackName}/${parent.node.path}/${id}/${options.suffix ?? ''}`);
  const head = name.slice(0, options.maxLength - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}

/** Options of {@link claimName}. */
export interface NameClaimOptions {
  /**
   * What the name is, for the key and the message: `queue name`, `RAM policy name`, `subscription name on topic
   * 'orders'`, `endpoint on topic 'orders'`.
   */
  readonly kind: string;
  /** The prop that holds the name. */
  readonly prop: string;
  /** The name: a literal, or a token's rendered form (then only claims in one stack can clash for sure). */
  readonly name: string;
  /** Where the named thing lives; names are unique per region and account. */
  readonly location: Location;
  /** The value to show in an error. @default - the name */
  readonly shown?: string;
}

/**
 * Records that `scope` gives a thing of `kind` the name `name`, and reports a second use of one name in the app,
 * which would only fail at deploy time:
 * - in one stack: an error naming both construct paths;
 * - in two stacks with the same literal region and account: an error;
 * - in two stacks that may share a region and account (a token decides): a warning annotation.
 */
export function claimName(scope: ros.IConstruct, claim: NameClaimOptions): void {
  const state = AppState.of(scope);
  const stack = ros.Stack.of(scope);
  const key = `${claim.kind}\u0000${claim.name}`;
  const claims = state.names.get(key) ?? [];
  const shown = claim.shown ?? claim.name;
  for (const other of claims) {
    if (other.stack === stack) {
      throw invalid(scope, claim.prop, shown, `must be unique in the stack, but '${other.path}' already has this ${claim.kind}`);
    }
    const relation = relate(scope, other, claim.location);
    if (relation === Relation.SAME_LITERAL) {
      // a name that is unique per account only is claimed with the region '-'
      const where = claim.location.region === '-' ? `account ${claim.location.account}` : `region ${claim.location.region} and account ${claim.location.account}`;
      throw invalid(scope, claim.prop, shown, `must be unique in ${where}, `
        + `but '${other.path}' in stack '${other.stack.stackName}' already has this ${claim.kind}`);
    }
    if (relation !== Relation.DIFFERENT) {
      warnOnce(scope, `${claim.prop}: '${other.path}' in stack '${other.stack.stackName}' has the same ${claim.kind}. `
        + 'If both stacks are deployed to one region and account, the second deploy fails: give one of them another name, '
        + 'or give the stacks an env with literal regions and accounts so that synth can tell.');
    }
  }
  state.names.set(key, [...claims, { path: scope.node.path, stack, region: claim.location.region, account: claim.location.account }]);
}

/**
 * Records that `token` (an owned channel's name attribute) stands for the literal name `literal`, so that places
 * that only need the name, not the resource (a RAM policy in another stack, a duplicate check), can use the literal.
 */
export function registerLiteralName(scope: ros.IConstruct, token: string, literal: string): void {
  if (!isUnresolved(literal)) {
    AppState.of(scope).literalNames.set(token, literal);
  }
}

/** `value` with every registered channel-name token replaced by its literal name. */
export function withLiteralNames(scope: ros.IConstruct, value: string): string {
  if (!isUnresolved(value)) {
    return value;
  }
  const literals = AppState.of(scope).literalNames;
  return value.replace(/\$\{Token\[[a-zA-Z0-9:._-]+\]\}/g, (token) => literals.get(token) ?? token);
}

/**
 * A key that is equal for two strings that name the same thing: the literal text, with channel-name tokens replaced by
 * the literal names they stand for, or else the JSON of how the template renders it. An owned queue `q1` and an
 * import of `q1` in the same region and account give the same key.
 */
export function identityOf(scope: ros.IConstruct, value: string): string {
  const literal = withLiteralNames(scope, value);
  return isUnresolved(literal) ? JSON.stringify(ros.Stack.of(scope).resolve(literal)) : literal;
}
