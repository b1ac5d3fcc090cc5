/**
 * Reading values of a synthesized ROS template offline: literals, `Ref`, `Fn::GetAtt`, `Fn::Join` and `Fn::Sub` are
 * taken apart into literal text and placeholders for what only deploy time knows (the region, the account, a
 * parameter, an attribute), so that names and ARNs can be recognised in them.
 *
 * Template functions: https://www.alibabacloud.com/help/en/ros/user-guide/functions
 * Pseudo parameters: https://www.alibabacloud.com/help/en/ros/user-guide/pseudo-parameters
 */

/** What a placeholder stands for. */
export enum SymbolKind {
  /** `ALIYUN::Region`. */
  REGION = 'region',
  /** `ALIYUN::TenantId` or `ALIYUN::AccountId`. */
  ACCOUNT = 'account',
  /** `Ref` to a resource. */
  REF = 'ref',
  /** `Fn::GetAtt` of a resource. */
  ATTRIBUTE = 'attribute',
  /** `Ref` to a template parameter. */
  PARAMETER = 'parameter',
  /** Anything else: another function, another pseudo parameter. */
  OTHER = 'other',
}

/** A deploy-time value inside a template value. */
export interface TemplateSymbol {
  /** What it stands for. */
  readonly kind: SymbolKind;
  /** The resource, for REF and ATTRIBUTE. */
  readonly logicalId?: string;
  /** The attribute, for ATTRIBUTE. */
  readonly attribute?: string;
  /** The parameter, for PARAMETER. */
  readonly parameter?: string;
  /** The value when the template states it after all (an attribute that repeats a literal property, such as a queue's QueueName). */
  readonly value?: string;
  /** How to show it: `${ALIYUN::Region}`, `${Jobs.QueueName}`, `${Param}`. */
  readonly display: string;
}

/** A piece of a template value: literal text or a placeholder. */
export type Piece = string | TemplateSymbol;

/** One resource of a template. */
export interface TemplateResource {
  /** `Type`. */
  readonly type: string;
  /** `Properties` (an empty object when absent). */
  readonly properties: { [key: string]: any };
}

/** Characters that cannot occur in a template's own text, to mark placeholders in a flattened value. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** Attributes that repeat a literal property of the resource: `Fn::GetAtt` of them is known from the template. */
const ATTRIBUTE_PROPERTIES: { [type: string]: { [attribute: string]: string } } = {
  'ALIYUN::MNS::Queue': { QueueName: 'QueueName' },
  'ALIYUN::MNS::Topic': { TopicName: 'TopicName' },
  'ALIYUN::OSS::Bucket': { Name: 'BucketName' },
  'ALIYUN::FC3::Function': { FunctionName: 'FunctionName' },
  'ALIYUN::FC::Function': { FunctionName: 'FunctionName' },
  'ALIYUN::FC::Service': { ServiceName: 'ServiceName' },
  'ALIYUN::CMS::EventRule': { RuleName: 'RuleName' },
  'ALIYUN::RAM::Role': { RoleName: 'RoleName' },
};

/** A text with placeholders, as regular expressions can read it. */
export interface FlatText {
  /** The literal text, with `\uE000<n>\uE001` for placeholder n. */
  readonly text: string;
  /** The placeholders, by number. */
  readonly symbols: TemplateSymbol[];
}

/** The parts of one template that the topology reader needs. */
export class TemplateReader {
  /** The resources, by logical id. */
  public readonly resources: { [logicalId: string]: TemplateResource } = {};
  private readonly parameters: { [name: string]: any };

  constructor(
    /** The stack the template belongs to. */
    public readonly stackName: string,
    template: { [key: string]: any },
  ) {
    const resources = isObject(template.Resources) ? template.Resources : {};
    for (const id of Object.keys(resources).sort()) {
      const resource = resources[id];
      if (isObject(resource) && typeof resource.Type === 'string') {
        this.resources[id] = { type: resource.Type, properties: isObject(resource.Properties) ? resource.Properties : {} };
      }
    }
    this.parameters = isObject(template.Parameters) ? template.Parameters : {};
  }

  /** The logical ids of the resources, sorted. */
  public get logicalIds(): string[] {
    return Object.keys(this.resources);
  }

  /** The resource with this logical id, if the template has it. */
  public resource(logicalId: string | undefined): TemplateResource | undefined {
    return logicalId !== undefined && Object.prototype.hasOwnProperty.call(this.resources, logicalId) ? this.resources[logicalId] : undefined;
  }

  /** A template value taken apart into literal text and placeholders (adjacent texts merged). */
  public pieces(value: unknown): Piece[] {
    const out: Piece[] = [];
    this.collect(value, out);
    return mergeTexts(out);
  }

  /** The value as literal text, when the template states it; `undefined` when any part is left to deploy time. */
  public literal(value: unknown): string | undefined {
    return literalOf(this.pieces(value));
  }

  /** The value as text with placeholders, for regular expressions. */
  public flat(value: unknown): FlatText {
    return flatten(this.pieces(value));
  }

  /** The value as it is shown: literal text with `${...}` for each placeholder. */
  public display(value: unknown): string {
    return displayOf(this.pieces(value));
  }

  private collect(value: unknown, out: Piece[]): void {
    if (typeof value === 'string') {
      out.push(value);
      return;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      out.push(String(value));
      return;
    }
    if (!isObject(value)) {
      out.push(other(value));
      return;
    }
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      out.push(other(value));
      return;
    }
    const arg = value[keys[0]];
    switch (keys[0]) {
      case 'Ref':
        out.push(this.ref(arg));
        return;
      case 'Fn::GetAtt':
        if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && typeof arg[1] === 'string') {
          out.push(...this.attribute(arg[0], arg[1]));
        } else {
          out.push(other(value));
        }
        return;
      case 'Fn::Join':
        if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
          arg[1].forEach((item: unknown, i: number) => {
            if (i > 0) {
              out.push(arg[0]);
            }
            this.collect(item, out);
          });
        } else {
          out.push(other(value));
        }
        return;
      case 'Fn::Sub':
        this.sub(value, arg, out);
        return;
      default:
        out.push(other(value));
    }
  }

  private ref(name: unknown): Piece {
    if (typeof name !== 'string') {
      return other({ Ref: name });
    }
    switch (name) {
      case 'ALIYUN::Region':
        return { kind: SymbolKind.REGION, display: '${ALIYUN::Region}' };
      case 'ALIYUN::TenantId':
      case 'ALIYUN::AccountId':
        return { kind: SymbolKind.ACCOUNT, display: `\${${name}}` };
      case 'ALIYUN::StackName':
        return this.stackName;
      default:
    }
    if (this.resource(name) !== undefined) {
      return { kind: SymbolKind.REF, logicalId: name, display: `\${${name}}` };
    }
    if (Object.prototype.hasOwnProperty.call(this.parameters, name)) {
      return { kind: SymbolKind.PARAMETER, parameter: name, display: `\${${name}}` };
    }
    return { kind: SymbolKind.OTHER, display: `\${${name}}` };
  }

  private attribute(logicalId: string, attribute: string): Piece[] {
    const resource = this.resource(logicalId);
    const display = `\${${logicalId}.${attribute}}`;
    if (resource === undefined) {
      return [{ kind: SymbolKind.OTHER, display }];
    }
    // a channel's ARN attributes are its name in a known frame: `acs:mns:{region}:{account}:/queues/{name}`
    const plural = resource.type === 'ALIYUN::MNS::Queue' ? 'queues' : resource.type === 'ALIYUN::MNS::Topic' ? 'topics' : undefined;
    if (plural !== undefined && (attribute === 'ARN.WithSlash' || attribute === 'ARN')) {
      return ['acs:mns:', this.ref('ALIYUN::Region'), ':', this.ref('ALIYUN::TenantId'), `:/${plural}/`,
        ...this.attribute(logicalId, plural === 'queues' ? 'QueueName' : 'TopicName')];
    }
    const property = ATTRIBUTE_PROPERTIES[resource.type]?.[attribute];
    const value = property === undefined ? undefined : this.literal(resource.properties[property]);
    return [{ kind: SymbolKind.ATTRIBUTE, logicalId, attribute, display, ...(value === undefined ? {} : { value }) }];
  }

  /** `Fn::Sub`: `${Name}`, `${Name.Attribute}`, `${!Literal}`, and the variables of its second form. */
  private sub(whole: unknown, arg: unknown, out: Piece[]): void {
    const [text, variables] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) && typeof arg[0] === 'string' && (arg.length === 1 || isObject(arg[1]))
      ? [arg[0], (arg[1] ?? {}) as { [name: string]: unknown }] : [undefined, {}];
    if (text === undefined) {
      out.push(other(whole));
      return;
    }
    const pattern = /\$\{([^}]*)\}/g;
    let last = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      out.push(text.slice(last, m.index));
      last = m.index + m[0].length;
      const name = m[1].trim();
      if (name.startsWith('!')) {
        out.push(`\${${name.slice(1)}}`);
      } else if (Object.prototype.hasOwnProperty.call(variables, name)) {
        this.collect((variables as { [name: string]: unknown })[name], out);
      } else if (name.includes('.') && !name.startsWith('ALIYUN::')) {
        const dot = name.indexOf('.');
        out.push(...this.attribute(name.slice(0, dot), name.slice(dot + 1)));
      } else {
        out.push(this.ref(name));
      }
    }
    out.push(text.slice(last));
  }
}

/** The pieces as literal text, when none is a placeholder (placeholders whose value is known count as text). */
export function literalOf(pieces: Piece[]): string | undefined {
  let text = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      text += piece;
    } else if (piece.value !== undefined) {
      text += piece.value;
    } else {
      return undefined;
    }
  }
  return text;
}

/** The pieces as shown: literal text, known values, and `${...}` for the rest. */
export function displayOf(pieces: Piece[]): string {
  return pieces.map((p) => (typeof p === 'string' ? p : p.value ?? p.display)).join('');
}

/** The pieces as text with numbered placeholders. */
export function flatten(pieces: Piece[]): FlatText {
  const symbols: TemplateSymbol[] = [];
  const text = pieces.map((p) => {
    if (typeof p === 'string') {
      return p;
    }
    symbols.push(p);
    return `${OPEN}${symbols.length - 1}${CLOSE}`;
  }).join('');
  return { text, symbols };
}

/** A part of a flat text (a regular expression's group) as pieces again. */
export function unflatten(text: string, symbols: TemplateSymbol[]): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out.push(text.slice(last, m.index));
    out.push(symbols[Number(m[1])]);
    last = (m.index ?? 0) + m[0].length;
  }
  out.push(text.slice(last));
  return mergeTexts(out);
}

/** Matches a flat text against `pattern` and returns its groups as pieces, or `undefined`. */
export function matchFlat(flat: FlatText, pattern: RegExp): Piece[][] | undefined {
  const m = pattern.exec(flat.text);
  return m === null ? undefined : m.slice(1).map((group) => unflatten(group ?? '', flat.symbols));
}

/** Whether a value is a JSON object (not a list, not null). */
export function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function other(value: unknown): TemplateSymbol {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return { kind: SymbolKind.OTHER, display: `\${${text}}` };
}

function mergeTexts(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (typeof piece === 'string' && typeof last === 'string') {
      out[out.length - 1] = last + piece;
    } else if (piece !== '') {
      out.push(piece);
    }
  }
  return out;
}
