import * as ros from '@alicloud/ros-cdk-core';
import * as ram from '@alicloud/ros-cdk-ram';
import { stackRegion } from './environment';
import { alphanumeric, claimPhysicalName, generatePhysicalName } from './names';
import { claimLogicalId } from './ids';
import { ValidationError } from './validation';

/** Options for {@link Grant.addToPrincipal}. */
export interface GrantOnResourceOptions {
  /** The principal (RAM role, user or group) that gets the permissions. */
  readonly grantee: ram.IPrincipal;
  /** The RAM actions to allow, such as `mns:SendMessage`. */
  readonly actions: string[];
  /** The RAM resource ARNs the actions are allowed on. Never `*` when the resource is known. */
  readonly resourceArns: string[];
  /**
   * The construct on whose resource the permissions are granted (a queue, a topic). The policy is created in its
   * scope and its logical id and name derive from this construct and the principal.
   */
  readonly scope: ros.IConstruct;
}

interface Statement {
  readonly resources: string[];
  readonly actions: string[];
}

/**
 * Permissions granted to a RAM principal, rendered as one `ALIYUN::RAM::ManagedPolicy` per pair of principal and
 * resource construct, attached to the principal.
 *
 * Grants never call `IPrincipal.addToPolicy` (which names its policy with a random suffix): the policy's logical id is
 * `<resource construct id><principal id>Policy` and its name is `<stack>-<construct path>-<principal>-policy-<region>`
 * (RAM policy names are unique per account, so the region is part of it), the same on every synth. A second grant for
 * the same pair adds its actions to the same policy.
 *
 * The policy is created in the resource construct's stack and attached to the principal by name. A principal in another
 * stack works as far as ROS CDK's cross-stack references do: the resource's stack then depends on the principal's.
 */
export class Grant {
  /**
   * Grants `actions` on `resources` to the principal, creating or extending the one policy for this principal and
   * this resource construct.
   */
  public static addToPrincipal(options: GrantOnResourceOptions): Grant {
    if (options.actions.length === 0) {
      throw new ValidationError(options.scope, 'actions', options.actions, 'must name at least one action to grant');
    }
    if (options.resourceArns.length === 0) {
      throw new ValidationError(options.scope, 'resourceArns', options.resourceArns, 'must name at least one resource to grant on');
    }
    const key = principalKey(options.scope, options.grantee);
    let byPrincipal = policies.get(options.scope);
    if (byPrincipal === undefined) {
      byPrincipal = new Map();
      policies.set(options.scope, byPrincipal);
    }
    let grant = byPrincipal.get(key.name);
    if (grant === undefined) {
      grant = new Grant(options.scope, options.grantee, key);
      byPrincipal.set(key.name, grant);
    }
    grant.addStatement(options.actions, options.resourceArns);
    return grant;
  }

  /**
   * The `ALIYUN::RAM::ManagedPolicy` that holds the permissions. The L1 is used rather than `ram.ManagedPolicy`: the L2
   * adds only a construct and tokens (each with a recorded stack trace), which the benchmark showed to matter.
   */
  public readonly policy: ram.RosManagedPolicy;

  /** The principal the permissions were granted to. */
  public readonly principal: ram.IPrincipal;

  private readonly statements: Statement[] = [];

  private constructor(scope: ros.IConstruct, principal: ram.IPrincipal, key: PrincipalKey) {
    this.principal = principal;
    const id = claimLogicalId(scope, `${alphanumeric(scope.node.id)}${key.id}Policy`);
    const attachTo = attachment(scope, principal);
    // RAM policy names are unique in the whole account: the region keeps one stack deployable in several regions
    const region = stackRegion(scope);
    const regionLength = ros.Token.isUnresolved(region) ? MAX_REGION_LENGTH : region.length;
    const baseName = generatePhysicalName(scope, { maxLength: MAX_POLICY_NAME_LENGTH - regionLength - 1, suffix: `${key.id}-policy` });
    claimPhysicalName(scope, 'RAM policy', 'policyName', baseName);
    const stack = ros.Stack.of(scope);
    this.policy = new ram.RosManagedPolicy(scope as ros.Construct, id, {
      policyName: `${baseName}-${region}`,
      description: `Granted by ros-cdk-smq on ${scope.node.path}`,
      ignoreExisting: false,
      ...attachTo,
    }, stack.enableResourcePropertyConstraint);
  }

  /** The actions this grant allows, in the order they were granted. */
  public get actions(): string[] {
    return unique(this.statements.flatMap((s) => s.actions));
  }

  private addStatement(actions: string[], resources: string[]): void {
    const resourceKey = JSON.stringify(resources);
    const existing = this.statements.find((s) => JSON.stringify(s.resources) === resourceKey);
    if (existing) {
      for (const action of actions) {
        if (!existing.actions.includes(action)) {
          existing.actions.push(action);
        }
      }
    } else {
      this.statements.push({ resources: [...resources], actions: unique(actions) });
    }
    this.policy.policyDocument = this.render();
  }

  /** Rendered in the L1's camelCase form: `ram.ManagedPolicy` maps it to `Version`, `Statement`, ... itself. */
  private render(): ram.RosManagedPolicy.PolicyDocumentProperty {
    return {
      version: '1',
      statement: this.statements.map((s) => ({ effect: 'Allow', action: [...s.actions], resource: [...s.resources] })),
    };
  }
}

interface PrincipalKey {
  /** Letters and digits, used in logical ids. */
  readonly id: string;
  /** Unique per principal within the stack. */
  readonly name: string;
}

/** RAM policy names: letters, digits and hyphens, at most 128 characters. */
const MAX_POLICY_NAME_LENGTH = 128;
/** Room kept for a region that is a token (the longest region IDs are about 20 characters). */
const MAX_REGION_LENGTH = 24;

const policies = new WeakMap<ros.IConstruct, Map<string, Grant>>();

function principalKey(scope: ros.IConstruct, principal: ram.IPrincipal): PrincipalKey {
  const construct = principal as unknown as Partial<ros.IConstruct>;
  if (construct.node !== undefined && typeof construct.node.path === 'string') {
    return { id: alphanumeric(construct.node.id), name: construct.node.path };
  }
  const name = principal.principalName;
  if (typeof name === 'string' && !ros.Token.isUnresolved(name)) {
    return { id: alphanumeric(name), name: `${principal.principalType}:${name}` };
  }
  throw new Error(`${scope.node.path}: cannot grant to a ${principal.principalType} that is neither a construct nor named by a literal; `
    + 'pass a ram.Role, ram.User or ram.Group, or a principal with a literal principalName');
}

function attachment(scope: ros.IConstruct, principal: ram.IPrincipal): { roles?: string[]; users?: string[]; groups?: string[] } {
  const names = [principal.principalName as string];
  switch (principal.principalType) {
    case 'role': return { roles: names };
    case 'user': return { users: names };
    case 'group': return { groups: names };
    default:
      throw new Error(`${scope.node.path}: principalType must be one of "role", "user", "group", got "${principal.principalType}"`);
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
