import * as ros from '@alicloud/ros-cdk-core';
import { Match } from './match';
import { Matcher } from './matcher';
import { isPlainObject, plural, renderJson } from './private/render';
import { closestMiss, describeMiss, listIds, scanEntries, SectionEntry } from './private/section';
import { templateOfStack } from './private/stack-template';

/**
 * A synthesized ROS template with assertion methods for use in unit tests.
 *
 * Patterns given to the methods are matched like `Match.objectLike()`
 * unless they are matchers themselves. Failed assertions throw an `Error`
 * that describes what was expected and what the template contains.
 */
export class Template {
  /**
   * The template of a stack, synthesized through its `ros.App` / `ros.Stage`.
   *
   * The stage is synthesized once and cached by ROS CDK, so this can be
   * called several times and for several stacks of one app, but constructs
   * added after the first synthesis are not seen.
   *
   * @param stack the stack (a `ros.NestedStack` is read from its parent's template)
   */
  public static fromStack(stack: ros.Stack): Template {
    return new Template(templateOfStack(stack), 'Template.fromStack');
  }

  /**
   * A template given as a parsed JSON object.
   *
   * @param template the template object (it is copied)
   */
  public static fromJSON(template: { [key: string]: any }): Template {
    return new Template(template, 'Template.fromJSON');
  }

  /**
   * A template given as JSON text.
   *
   * @param template the JSON text of the template
   */
  public static fromString(template: string): Template {
    let parsed: any;
    try {
      parsed = JSON.parse(template);
    } catch (e) {
      throw new Error(`Template.fromString: the text is not valid JSON (${(e as Error).message})`);
    }
    return new Template(parsed, 'Template.fromString');
  }

  private readonly template: { [key: string]: any };

  private constructor(template: any, source: string) {
    if (!isPlainObject(template)) {
      throw new Error(`${source}: a template must be a JSON object`);
    }
    for (const section of ['Resources', 'Outputs']) {
      if (template[section] !== undefined && !isPlainObject(template[section])) {
        throw new Error(`${source}: the '${section}' section of the template must be an object`);
      }
    }
    this.template = JSON.parse(JSON.stringify(template));
  }

  /** The template as a JSON object. */
  public toJSON(): { [key: string]: any } {
    return this.template;
  }

  /**
   * Asserts that the whole template matches `expected` (objectLike unless
   * `expected` is a matcher, e.g. `Match.exact(...)`).
   *
   * @param expected the expected template, or a matcher
   */
  public templateMatches(expected: any): void {
    const matcher = Matcher.isMatcher(expected) ? expected : Match.objectLike(expected);
    const result = matcher.test(this.template).finished();
    if (result.hasFailed()) {
      throw new Error([
        `The template does not match the expected pattern (${plural(result.failCount, 'mismatch', 'mismatches')}):`,
        ...result.toHumanStrings().map((line) => `  ${line}`),
        'Expected pattern:',
        renderJson(expected, '  '),
      ].join('\n'));
    }
  }

  /**
   * Asserts that a resource of `type` exists whose whole entry
   * (`Type`, `Properties`, `DependsOn`, ...) matches `props`.
   *
   * @param type the resource type, e.g. `ALIYUN::MNS::Queue`
   * @param props the expected entry (objectLike unless a matcher)
   */
  public hasResource(type: string, props: any): void {
    this.assertSomeResource(type, props, this.entryMatcher(props), 'matching', noView);
  }

  /**
   * Asserts that a resource of `type` exists whose `Properties` match
   * `props`. A resource without `Properties` is treated as having `{}`.
   *
   * @param type the resource type
   * @param props the expected properties (objectLike unless a matcher)
   */
  public hasResourceProperties(type: string, props: any): void {
    this.assertSomeResource(type, props, propertiesMatcher(props), 'whose Properties match', propertiesView);
  }

  /**
   * Asserts that the template has exactly `count` resources of `type`.
   *
   * @param type the resource type
   * @param count the expected number
   */
  public resourceCountIs(type: string, count: number): void {
    const found = this.resourcesOfType(type);
    if (found.length !== count) {
      const detail = found.length > 0 ? `: ${listIds(found)}` : `. ${this.describeTypes()}`;
      throw new Error(`Expected ${plural(count, 'resource')} of type '${type}' but found ${found.length}${detail}`);
    }
  }

  /**
   * Asserts that exactly `count` resources of `type` have `Properties`
   * matching `props`.
   *
   * @param type the resource type
   * @param props the expected properties (objectLike unless a matcher)
   * @param count the expected number of matching resources
   */
  public resourcePropertiesCountIs(type: string, props: any, count: number): void {
    const all = this.resourcesOfType(type);
    const scan = scanEntries(all, propertiesMatcher(props), propertiesView);
    if (scan.matches.length === count) {
      return;
    }
    const lines = [
      `Expected ${plural(count, 'resource')} of type '${type}' whose Properties match:`,
      renderJson(props, '  '),
      `but found ${scan.matches.length} (${listIds(scan.matches)}) among ${plural(all.length, 'resource')} of that type.`,
    ];
    const closest = closestMiss(scan.misses);
    if (scan.matches.length < count && closest !== undefined) {
      lines.push(`The closest non-matching resource is ${describeMiss(closest)}`);
    }
    if (all.length === 0) {
      lines.push(this.describeTypes());
    }
    throw new Error(lines.join('\n'));
  }

  /**
   * The resources of `type` whose whole entry matches `props`, by logical id.
   *
   * @param type the resource type
   * @param props the expected entry (objectLike unless a matcher); by default all resources of the type
   */
  public findResources(type: string, props: any = {}): { [key: string]: { [key: string]: any } } {
    const scan = scanEntries(this.resourcesOfType(type), this.entryMatcher(props));
    return toMap(scan.matches);
  }

  /**
   * Asserts that every resource of `type` matches `props` (whole entry).
   * Fails if there is no resource of that type.
   *
   * @param type the resource type
   * @param props the expected entry (objectLike unless a matcher)
   */
  public allResources(type: string, props: any): void {
    this.assertAllResources(type, props, this.entryMatcher(props), 'match', noView);
  }

  /**
   * Asserts that every resource of `type` has `Properties` matching
   * `props`. Fails if there is no resource of that type.
   *
   * @param type the resource type
   * @param props the expected properties (objectLike unless a matcher)
   */
  public allResourcesProperties(type: string, props: any): void {
    this.assertAllResources(type, props, propertiesMatcher(props), 'have Properties matching', propertiesView);
  }

  /**
   * Asserts that an output matches `props`.
   *
   * @param logicalId the output's logical id, or `*` for any output
   * @param props the expected output, e.g. `{ Value: 'x' }` (objectLike unless a matcher)
   */
  public hasOutput(logicalId: string, props: any): void {
    const all = this.entries('Outputs');
    const candidates = logicalId === '*' ? all : all.filter((e) => e.id === logicalId);
    const which = logicalId === '*' ? 'an output' : `output '${logicalId}'`;
    const header = [`Expected ${which} matching:`, renderJson(props, '  ')];
    if (candidates.length === 0) {
      const reason = all.length === 0
        ? 'but the template has no outputs.'
        : `but the template has no output named '${logicalId}'. Outputs in the template: ${listIds(all)}.`;
      throw new Error([...header, reason].join('\n'));
    }
    const scan = scanEntries(candidates, this.entryMatcher(props));
    if (scan.matches.length > 0) {
      return;
    }
    throw new Error([
      ...header,
      logicalId === '*' ? `but none of the ${plural(candidates.length, 'output')} matches.` : 'but it does not match.',
      `The closest output is ${describeMiss(closestMiss(scan.misses)!)}`,
    ].join('\n'));
  }

  /**
   * The outputs matching `props`, by logical id.
   *
   * @param logicalId the output's logical id, or `*` for any output
   * @param props the expected output (objectLike unless a matcher); by default any output
   */
  public findOutputs(logicalId: string, props: any = {}): { [key: string]: { [key: string]: any } } {
    const candidates = this.entries('Outputs').filter((e) => logicalId === '*' || e.id === logicalId);
    return toMap(scanEntries(candidates, this.entryMatcher(props)).matches);
  }

  private assertSomeResource(type: string, props: any, matcher: Matcher, relation: string, view: (v: any) => any): void {
    const all = this.resourcesOfType(type);
    const header = [`Expected a resource of type '${type}' ${relation}:`, renderJson(props, '  ')];
    if (all.length === 0) {
      throw new Error([...header, `but the template has no resource of type '${type}'. ${this.describeTypes()}`].join('\n'));
    }
    const scan = scanEntries(all, matcher, view);
    if (scan.matches.length > 0) {
      return;
    }
    throw new Error([
      ...header,
      `but none of the ${plural(all.length, 'resource')} of that type (${listIds(all)}) matches.`,
      `The closest resource is ${describeMiss(closestMiss(scan.misses)!)}`,
    ].join('\n'));
  }

  private assertAllResources(type: string, props: any, matcher: Matcher, relation: string, view: (v: any) => any): void {
    const all = this.resourcesOfType(type);
    const header = [`Expected every resource of type '${type}' to ${relation}:`, renderJson(props, '  ')];
    if (all.length === 0) {
      throw new Error([...header, `but the template has no resource of type '${type}'. ${this.describeTypes()}`].join('\n'));
    }
    const scan = scanEntries(all, matcher, view);
    if (scan.misses.length === 0) {
      return;
    }
    throw new Error([
      ...header,
      `but ${scan.misses.length} of ${plural(all.length, 'resource')} of that type ${scan.misses.length === 1 ? 'does' : 'do'} not:`,
      ...scan.misses.map((miss) => describeMiss(miss)),
    ].join('\n'));
  }

  private entryMatcher(props: any): Matcher {
    return Matcher.isMatcher(props) ? props : Match.objectLike(props);
  }

  private entries(section: string): SectionEntry[] {
    const content = this.template[section];
    if (!isPlainObject(content)) {
      return [];
    }
    return Object.keys(content).map((id) => ({ id, value: content[id] }));
  }

  private resourcesOfType(type: string): SectionEntry[] {
    return this.entries('Resources').filter((e) => isPlainObject(e.value) && e.value.Type === type);
  }

  private describeTypes(): string {
    const types = new Set<string>();
    for (const e of this.entries('Resources')) {
      if (isPlainObject(e.value) && typeof e.value.Type === 'string') {
        types.add(e.value.Type);
      }
    }
    if (types.size === 0) {
      return 'The template has no resources.';
    }
    return `Resource types in the template: ${[...types].sort().join(', ')}.`;
  }
}

/** Matches `{ Properties: props }` against a resource entry. */
function propertiesMatcher(props: any): Matcher {
  return Match.objectLike({ Properties: props });
}

/** A resource entry with `Properties: {}` filled in when it has none. */
function propertiesView(resource: any): any {
  return resource.Properties === undefined ? { ...resource, Properties: {} } : resource;
}

function noView(value: any): any {
  return value;
}

function toMap(entries: SectionEntry[]): { [key: string]: { [key: string]: any } } {
  const out: { [key: string]: { [key: string]: any } } = {};
  for (const e of entries) {
    out[e.id] = JSON.parse(JSON.stringify(e.value));
  }
  return out;
}
