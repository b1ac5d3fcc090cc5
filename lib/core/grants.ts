import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { compositeId, claimLogicalId } from './ids';
import { alphanumeric, claimName, shortHash } from './names';
import { AppState, stackAccount, stackRegion, warnOnce } from './state';
import { invalid, isUnresolved, ValidationError } from './validation';
import { isConstruct } from './util';

/** Options for {@link Grant.addToPrincipal}. */
export interface GrantOnResourceOptions {
  /** Who gets the permissions: a RAM role, user or group, or anything that has one (`grantPrincipal`). */
  readonly grantee: ram.IGrantable;
  /** The RAM actions to allow, such as `mns:SendMessage`. */
  readonly actions: string[];
  /** The RAM resource ARNs the actions are allowed on. Never `*` when the resource is known. */
  readonly resourceArns: string[];
  /**
   * The construct on whose resource the permissions are granted (a queue, a topic): the policy's logical id and name
   * derive from it and the principal. The policy is created in its scope when the principal is in the same stack,
   * and in the principal's stack otherwise.
   */
  readonly scope: ros.IConstruct;
}

/** Where a grant's policy goes. */
export interface PolicyPlacement {
  /** The construct the policy is created in. */
  readonly parent: ros.IConstruct;
  /** True when that is the principal's stack, not the resource's: the policy must not reference the resource's stack. */
  readonly crossStack: boolean;
}

interface Statement {
  readonly action: string[];
  readonly resource: string[];
}

/** RAM policy names: letters, digits and hyphens, at most 128 characters. */
const MAX_POLICY_NAME_LENGTH = 128;
/**
 * RAM policy documents: at most 6,144 characters (https://www.alibabacloud.com/help/en/ram/product-overview/limits ;
 * older revisions of the page said 2,048).
 */
const MAX_POLICY_DOCUMENT_LENGTH = 6144;
/** The custom policies RAM attaches to one principal by default. */
const MAX_CUSTOM_POLICIES_PER_PRINCIPAL = 10;
/** A literal resource ARN. */
const RESOURCE_ARN = /^acs:[a-z0-9-]+:[^\s:]*:[^\s:]*:\S+$/;
/** RAM role, user and group names: letters, digits, periods, underscores, at signs and hyphens, at most 64 characters. */
const PRINCIPAL_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
/** `<service>:<Action>`, a wildcard allowed in the action part. */
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*]+$/;
/** RAM policy descriptions: at most 1024 characters. */
const MAX_POLICY_DESCRIPTION_LENGTH = 1024;
/** Room kept for a region that is a token (the longest region IDs are about 25 characters). */
const MAX_REGION_LENGTH = 28;

/**
 * Permissions granted to a RAM principal, rendered as one `ALIYUN::RAM::ManagedPolicy` per pair of principal and
 * resource construct, attached to the principal by name.
 *
 * Grants never call `IPrincipal.addToPolicy` (which names its policy with a random suffix): the policy's logical id is
 * `<resource id><principal id>Policy<hash>` and its name `<stack>-<resource path>-<principal>-<hash>-<region>` (RAM
 * policy names are unique per account, so the region is part of it), the same on every synth; the hash is of the two
 * construct paths, so two pairs never share an id or a name. A second grant for the same pair adds to the same
 * policy.
 *
 * As with AWS CDK's grants to an identity, the policy lives with the principal when the principal is in another stack
 * than the resource: the principal's stack then refers to the resource by name (the literal name where the library
 * knows it), and no dependency cycle can arise between the two stacks.
 */
export class Grant {
  /**
   * Grants `actions` on `resourceArns` to the grantee's principal, creating or extending the one policy for this
   * principal and this resource construct.
   */
  public static addToPrincipal(options: GrantOnResourceOptions): Grant {
    const scope = options?.scope;
    if (!isConstruct(scope)) {
      throw new ValidationError('', 'Grant.addToPrincipal(options).scope', scope, 'must be the construct on whose resource the permissions are granted');
    }
    if (!Array.isArray(options.actions) || options.actions.length === 0) {
      throw invalid(scope, 'actions', options.actions, 'must name at least one action to grant');
    }
    options.actions.forEach((action, i) => {
      if (typeof action !== 'string' || !ACTION.test(action)) {
        throw invalid(scope, `actions[${i}]`, action, 'must be a RAM action "<service>:<Action>", such as "mns:SendMessage" (a wildcard only after the colon)');
      }
    });
    if (!Array.isArray(options.resourceArns) || options.resourceArns.length === 0) {
      throw invalid(scope, 'resourceArns', options.resourceArns, 'must name at least one resource to grant on');
    }
    options.resourceArns.forEach((arn, i) => {
      if (typeof arn !== 'string' || (!isUnresolved(arn) && !RESOURCE_ARN.test(arn))) {
        throw invalid(scope, `resourceArns[${i}]`, arn, 'must be a resource ARN "acs:<service>:<region>:<account>:<resource>" without whitespace, not "*"');
      }
    });
    const principal = principalOf(scope, options.grantee);
    const key = principalKey(scope, principal, options.grantee);
    const placement = policyPlacement(options.grantee, scope);
    const id = compositeId([scope.node.id, key.id, 'Policy'], [scope.node.path, key.name]);
    const existing = placement.parent.node.tryFindChild(id);
    const policy = existing instanceof ram.RosManagedPolicy ? existing : createPolicy(scope, placement, id, principal, key);
    const grant = new Grant(policy, principal);
    grant.addStatement(options.actions, options.resourceArns);
    grant.checkSize(scope);
    return grant;
  }

  /** The `ALIYUN::RAM::ManagedPolicy` that holds the permissions. */
  public readonly policy: ram.RosManagedPolicy;

  /** The principal the permissions were granted to. */
  public readonly principal: ram.IPrincipal;

  private constructor(policy: ram.RosManagedPolicy, principal: ram.IPrincipal) {
    this.policy = policy;
    this.principal = principal;
  }

  /** The actions the policy allows, in the order they were granted. */
  public get actions(): string[] {
    return unique(this.statements().flatMap((s) => s.action));
  }

  private statements(): Statement[] {
    const document = this.policy.policyDocument as ram.RosManagedPolicy.PolicyDocumentProperty | undefined;
    return ((document?.statement ?? []) as unknown as Statement[]);
  }

  /**
   * RAM takes a policy document of at most 6,144 characters. The document's literal text (tokens counted as empty,
   * so never more than the deployed length) must fit.
   */
  private checkSize(scope: ros.IConstruct): void {
    if (JSON.stringify(this.policy.policyDocument).length <= MAX_POLICY_DOCUMENT_LENGTH) {
      return; // the unrendered document is never shorter than the literal text it renders to
    }
    const text = JSON.stringify(ros.Stack.of(this.policy).resolve(this.policy.policyDocument), (_key, value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('Fn::') || k === 'Ref')
        ? literalOnly(value) : value);
    if (text.length > MAX_POLICY_DOCUMENT_LENGTH) {
      throw invalid(scope, 'actions', `${text.length} characters in policy '${this.policy.node.path}'`,
        `must fit in one RAM policy document of at most ${MAX_POLICY_DOCUMENT_LENGTH} characters: grant fewer actions or resources to this principal`);
    }
  }

  private addStatement(actions: string[], resources: string[]): void {
    const statements = this.statements().map((s) => ({ ...s, action: [...s.action], resource: [...s.resource] }));
    const resourceKey = JSON.stringify(resources);
    const existing = statements.find((s) => JSON.stringify(s.resource) === resourceKey);
    if (existing) {
      existing.action.push(...actions.filter((a) => !existing.action.includes(a)));
    } else {
      statements.push({ action: unique(actions), resource: [...resources] });
    }
    // the L1's camelCase form: RosManagedPolicy maps it to Version, Statement, ... itself
    this.policy.policyDocument = { version: '1', statement: statements.map((s) => ({ effect: 'Allow', action: s.action, resource: s.resource })) };
  }
}

/**
 * Where the policy for `grantee` on `scope`'s resource is created: in `scope` when the principal is in the same stack
 * or is not a construct, else in the construct that holds the principal, in its own stack.
 */
export function policyPlacement(grantee: ram.IGrantable, scope: ros.IConstruct): PolicyPlacement {
  const holder = principalConstruct(grantee);
  if (holder === undefined || ros.Stack.of(holder) === ros.Stack.of(scope)) {
    return { parent: scope, crossStack: false };
  }
  return { parent: holder, crossStack: true };
}

function createPolicy(scope: ros.IConstruct, placement: PolicyPlacement, id: string, principal: ram.IPrincipal, key: PrincipalKey): ram.RosManagedPolicy {
  const parent = placement.parent;
  claimLogicalId(parent, id);
  countPolicy(parent, key);
  const stack = ros.Stack.of(parent);
  const region = stackRegion(parent);
  const regionLength = isUnresolved(region) ? MAX_REGION_LENGTH : region.length;
  const baseName = policyBaseName(scope, placement, key, MAX_POLICY_NAME_LENGTH - regionLength - 1);
  claimName(parent, { kind: 'RAM policy name', prop: 'policyName', name: baseName, location: { region, account: stackAccount(parent) } });
  return new ram.RosManagedPolicy(parent as ros.Construct, id, {
    policyName: `${baseName}-${region}`,
    description: policyDescription(scope, key),
    ignoreExisting: false,
    ...attachment(scope, principal),
  }, stack.enableResourcePropertyConstraint);
}

/**
 * RAM attaches at most 10 custom policies to one role, user or group unless the quota is raised
 * (https://www.alibabacloud.com/help/en/ram/product-overview/limits): warn when this library makes more for one
 * principal, since one policy is made per principal and channel.
 */
function countPolicy(parent: ros.IConstruct, key: PrincipalKey): void {
  const counts = AppState.of(parent).policiesPerPrincipal;
  const count = (counts.get(key.name) ?? 0) + 1;
  counts.set(key.name, count);
  if (count === MAX_CUSTOM_POLICIES_PER_PRINCIPAL + 1) {
    warnOnce(parent, `grants: ros-cdk-smq makes one RAM policy per principal and channel, and ${key.name} now has more than `
      + `${MAX_CUSTOM_POLICIES_PER_PRINCIPAL}: RAM attaches at most ${MAX_CUSTOM_POLICIES_PER_PRINCIPAL} custom policies to a role, user or group `
      + 'unless the quota is raised. Ask for a higher quota, or grant on fewer channels to this principal.');
  }
}

/** `<policy stack>[-<resource stack>]-<resource path>-<principal>-<hash>`, cut (keeping the hash) to `maxLength`. */
function policyBaseName(scope: ros.IConstruct, placement: PolicyPlacement, key: PrincipalKey, maxLength: number): string {
  const scopeStack = ros.Stack.of(scope);
  const scopes = scope.node.scopes;
  const path = scopes.slice(scopes.indexOf(scopeStack) + 1).map((c) => c.node.id);
  const stacks = placement.crossStack ? [ros.Stack.of(placement.parent).stackName, scopeStack.stackName] : [scopeStack.stackName];
  const clean = (part: string): string => part.replace(/[^A-Za-z0-9-]/g, '').replace(/^-+|-+$/g, '');
  const head = [...stacks, ...path, key.id].map(clean).filter((p) => p !== '').join('-').replace(/-{2,}/g, '-');
  const hash = shortHash(`${scope.node.path}\u0000${key.name}`);
  const start = /^[A-Za-z]/.test(head) ? head : `smq-${head}`;
  return `${start.slice(0, maxLength - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

function policyDescription(scope: ros.IConstruct, key: PrincipalKey): string {
  const text = `Granted by ros-cdk-smq to ${key.name} on ${scope.node.path}`;
  return text.length <= MAX_POLICY_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_POLICY_DESCRIPTION_LENGTH - 3)}...`;
}

interface PrincipalKey {
  /** Letters and digits, used in logical ids and names. */
  readonly id: string;
  /** Unique per principal in the app: its construct path, or its type and literal name. */
  readonly name: string;
}

/** The construct that holds the grantee's principal: the principal itself, or the grantee that has it. */
function principalConstruct(grantee: ram.IGrantable): ros.IConstruct | undefined {
  const principal = grantee?.grantPrincipal;
  return isConstruct(principal) ? principal : isConstruct(grantee) ? grantee : undefined;
}

function principalOf(scope: ros.IConstruct, grantee: ram.IGrantable): ram.IPrincipal {
  const principal = grantee?.grantPrincipal;
  if (principal === undefined || principal === null || typeof principal !== 'object') {
    throw invalid(scope, 'grantee', describeGrantee(grantee), 'must be a RAM role, user or group, or have one as its grantPrincipal');
  }
  return principal;
}

/** The grantee for a message: a construct by its path, anything else as it is. */
function describeGrantee(grantee: unknown): unknown {
  return isConstruct(grantee) ? grantee.node.path : grantee;
}

function principalKey(scope: ros.IConstruct, principal: ram.IPrincipal, grantee: ram.IGrantable): PrincipalKey {
  if (isConstruct(principal)) {
    return { id: alphanumeric(principal.node.id), name: principal.node.path };
  }
  const name = principal.principalName;
  if (typeof name === 'string' && name !== '' && !isUnresolved(name)) {
    if (!PRINCIPAL_NAME.test(name)) {
      throw invalid(scope, 'grantee.grantPrincipal.principalName', name, 'must be a RAM role, user or group name: 1 to 64 letters, digits, periods, underscores, at signs and hyphens');
    }
    return { id: alphanumeric(name), name: `${principal.principalType}:${name}` };
  }
  throw invalid(scope, 'grantee', describeGrantee(grantee),
    'must be a construct (a ram.Role, ram.User or ram.Group) or a principal with a literal principalName: the policy\'s id and name derive from it');
}

function attachment(scope: ros.IConstruct, principal: ram.IPrincipal): { roles?: string[]; users?: string[]; groups?: string[] } {
  const names = [principal.principalName as string];
  switch (principal.principalType) {
    case 'role': return { roles: names };
    case 'user': return { users: names };
    case 'group': return { groups: names };
    default:
      throw invalid(scope, 'grantee.grantPrincipal.principalType', principal.principalType, 'must be one of "role", "user", "group"');
  }
}

/** The literal strings of a rendered template function, joined (what it is at the least once deployed). */
function literalOnly(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(literalOnly).join('');
  }
  if (typeof value === 'object' && value !== null) {
    const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    return Array.isArray(join) && Array.isArray(join[1]) ? join[1].map(literalOnly).join('') : '';
  }
  return '';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
