/**
 * TargetMessage: the inputs a hostile review found accepted, and the ones that must still pass (tokens).
 */
import * as ros from '@alicloud/ros-cdk-core';
import * as fc from 'fast-check';
import { Template } from '../../lib/assertions';
import { smq, sources, ValidationError } from '../../lib';
import { expectInvalid, newStack } from '../util';

const { TargetMessage } = sources;
const PATH = 'must be a JSONPath such as "$.data" (TargetMessage.fromPath)';
const VARIABLE_PATH = 'must map a name of letters, digits and underscores to a JSONPath such as "$.data"';
const VARIABLES = 'must be an object of names and JSONPaths, such as { key: "$.data.key" } (TargetMessage.fromTemplate)';
/** EventBridge's limit on a target's transformation, https://www.alibabacloud.com/help/en/eventbridge/product-overview/limits */
const SIZE = 'must be at most 10240 characters, EventBridge\'s limit for a transformation';

/** A stack with a string parameter `p`, and a function that makes rule `E` delivering `message` to a queue. */
function events(): { stack: ros.Stack; p: string; deliver: (message: sources.TargetMessage) => sources.EventRule } {
  const { stack } = newStack('Events');
  const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
  const inbox = new smq.Queue(stack, 'Inbox');
  return {
    stack,
    p,
    deliver: (message) => new sources.EventRule(stack, 'E', { pattern: { source: ['acs.oss'] }, targets: [new sources.QueueTarget(inbox, { message })] }),
  };
}

/** The Body entry the rule renders. */
function body(stack: ros.Stack): { [key: string]: unknown } {
  return Template.fromStack(stack).toJSON().Resources.E.Properties.Targets[0].ParamList[1];
}

describe('fromPath', () => {
  test.each<[string, (p: string) => string]>([
    ['a literal path', () => '$.data.oss.object.key'],
    ['a quoted name and an index', () => "$.data['a b'][0]"],
    ['a token', (p) => p],
    ['a token after $', (p) => `$${p}`],
    ['a token after a step', (p) => `$.data.${p}`],
    ['a token inside a name', (p) => `$.da${p}`],
    ['a token before a step', (p) => `${p}.key`],
    ['a token inside an index', (p) => `$.list[${p}]`],
    ['a token inside a quoted name', (p) => `$['${p}']`],
    ['a join with a $ head', (p) => ros.Fn.join('', ['$.data.', p, '.name'])],
    ['names in Unicode letters and digits', () => '$.data.名字.données.٣'],
    ['a Unicode name after a token', (p) => `$.data.${p}.名字`],
    ['a Unicode name around a token', (p) => `$.名${p}字`],
    ['a path of 10240 characters', () => `$.${'a'.repeat(10238)}`],
  ])('passes: %s', (_name, path) => {
    const { stack, p, deliver } = events();
    deliver(TargetMessage.fromPath(path(p)));
    expect(body(stack)).toMatchObject({ Form: 'JSONPATH' });
  });

  test.each<[string, (p: string) => unknown, string]>([
    ['a join whose literal head is not $', (p) => ros.Fn.join('', ['data.', p]), `Events/E: QueueTarget.message ${PATH}, got "data.<token>"`],
    ['a join with a space in its tail', (p) => ros.Fn.join('', ['$.', p, '.a b']), `Events/E: QueueTarget.message ${PATH}, got "$.<token>.a b"`],
    ['a space in a Unicode name', () => '$.data.名 字', `Events/E: QueueTarget.message ${PATH}, got "$.data.名 字"`],
    ['a symbol that is not a letter in a name', () => '$.data.😀', `Events/E: QueueTarget.message ${PATH}, got "$.data.😀"`],
    ['a path of 10241 characters', () => `$.${'a'.repeat(10239)}`, `Events/E: QueueTarget.message ${SIZE} (TargetMessage.fromPath), got "10241 characters"`],
    ['a literal head that is not $', (p) => `data.${p}`, `Events/E: QueueTarget.message ${PATH}, got "data.<token>"`],
    ['a head that cannot start a path', (p) => `$d${p}`, `Events/E: QueueTarget.message ${PATH}, got "$d<token>"`],
    ['a space in the head', (p) => `$.da ta${p}`, `Events/E: QueueTarget.message ${PATH}, got "$.da ta<token>"`],
    ['a space between tokens', (p) => `$.${p} x${p}`, `Events/E: QueueTarget.message ${PATH}, got "$.<token> x<token>"`],
    ['a tail that ends in a dot', (p) => `${p}.`, `Events/E: QueueTarget.message ${PATH}, got "<token>."`],
    ['a tail with a space', (p) => `${p}.a b`, `Events/E: QueueTarget.message ${PATH}, got "<token>.a b"`],
    ['a literal without $', () => 'data', `Events/E: QueueTarget.message ${PATH}, got "data"`],
    ['a number', () => 5, `Events/E: QueueTarget.message ${PATH}, got 5`],
  ])('refused: %s', (_name, path, message) => {
    const { p, deliver } = events();
    expectInvalid(() => deliver(TargetMessage.fromPath(path(p) as string)), message);
  });
});

describe('fromText', () => {
  test('at most 10240 characters (EventBridge\'s limit), which supersedes SMQ\'s 64 KB: no byte count', () => {
    for (const text of ['a'.repeat(10240), '€'.repeat(10240), '😀'.repeat(5120)]) {
      const { stack, deliver } = events();
      deliver(TargetMessage.fromText(text));
      expect(body(stack)).toEqual({ ResourceKey: 'Body', Form: 'CONSTANT', Value: text });
    }
    const a = events();
    expectInvalid(() => a.deliver(TargetMessage.fromText('a'.repeat(10241))), `Events/E: QueueTarget.message ${SIZE} (TargetMessage.fromText), got "10241 characters"`);
    // characters as checkText counts them: UTF-16 code units
    const b = events();
    expectInvalid(() => b.deliver(TargetMessage.fromText('😀'.repeat(5121))), `Events/E: QueueTarget.message ${SIZE} (TargetMessage.fromText), got "10242 characters"`);
  });

  test('with a token, its literal text alone is counted', () => {
    const { stack, p, deliver } = events();
    deliver(TargetMessage.fromText(`${'a'.repeat(10240)}${p}`));
    expect(body(stack)).toMatchObject({ Form: 'CONSTANT' });
    const other = events();
    expectInvalid(() => other.deliver(TargetMessage.fromText(`${'a'.repeat(10241)}${other.p}`)),
      `Events/E: QueueTarget.message ${SIZE} (TargetMessage.fromText), got "10241 characters of literal text"`);
  });
});

describe('fromTemplate', () => {
  test.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])('${%s} is not a variable of {}', (name) => {
    const { deliver } = events();
    expectInvalid(() => deliver(TargetMessage.fromTemplate(`\${${name}}`, {})),
      `Events/E: QueueTarget.message.template must use only its variables (none): \${${name}} has none, got "\${${name}}"`);
  });

  test.each<[string, (p: string) => unknown, string]>([
    ['a list', () => ['$.data'], `Events/E: QueueTarget.message.variables ${VARIABLES}, got ["$.data"]`],
    ['a string', () => '$.data', `Events/E: QueueTarget.message.variables ${VARIABLES}, got "$.data"`],
    ['a string token', (p) => p, `Events/E: QueueTarget.message.variables ${VARIABLES}, got "<token>"`],
    ['a token object', () => ros.Fn.getAtt('X', 'Y'), `Events/E: QueueTarget.message.variables ${VARIABLES}, got a token`],
    ['a map', () => new Map([['0', '$.data']]), `Events/E: QueueTarget.message.variables ${VARIABLES}, got {}`],
    ['a number', () => 5, `Events/E: QueueTarget.message.variables ${VARIABLES}, got 5`],
  ])('variables that are not a plain object: %s', (_name, variables, message) => {
    const { p, deliver } = events();
    expectInvalid(() => deliver(TargetMessage.fromTemplate('${0}', variables(p) as any)), message);
  });

  test.each<[string, (p: string) => { [name: string]: unknown }, string]>([
    ['a hyphen in a name', () => ({ 'a-b': '$.data' }), 'Events/E: QueueTarget.message.variables must name each variable with letters, digits and underscores only, got "a-b"'],
    ['an empty name', () => ({ '': '$.data' }), 'Events/E: QueueTarget.message.variables must name each variable with letters, digits and underscores only, got ""'],
    ['a path without $', () => ({ k: 'data' }), `Events/E: QueueTarget.message.variables.k ${VARIABLE_PATH}, got "data"`],
    ['a number as path', () => ({ k: 5 }), `Events/E: QueueTarget.message.variables.k ${VARIABLE_PATH}, got 5`],
    ['a cyclic object as path', () => { const o: any = {}; o.o = o; return { k: o }; }, `Events/E: QueueTarget.message.variables.k ${VARIABLE_PATH}, got [object Object]`],
    ['a path whose literal head is not $', (p) => ({ k: `data.${p}` }), `Events/E: QueueTarget.message.variables.k ${VARIABLE_PATH}, got "data.<token>"`],
    ['a join whose literal head is not $', (p) => ({ k: ros.Fn.join('', ['data.', p]) }), `Events/E: QueueTarget.message.variables.k ${VARIABLE_PATH}, got "data.<token>"`],
  ])('bad variables: %s', (_name, variables, message) => {
    const { p, deliver } = events();
    expectInvalid(() => deliver(TargetMessage.fromTemplate('x', variables(p) as any)), message);
  });

  test('a template with tokens: the ${name} in its literal pieces are checked', () => {
    const a = events();
    expectInvalid(() => a.deliver(TargetMessage.fromTemplate(`${a.p} \${k} \${j}`, { k: '$.data' })),
      'Events/E: QueueTarget.message.template must use only its variables (k): ${j} has none, got "<token> ${k} ${j}"');
    const b = events();
    expectInvalid(() => b.deliver(TargetMessage.fromTemplate(ros.Fn.join('', ['x ${j} ', b.p]), { k: '$.data' })),
      'Events/E: QueueTarget.message.template must use only its variables (k): ${j} has none, got "x ${j} <token>"');
    const c = events();
    c.deliver(TargetMessage.fromTemplate(`${c.p}: \${k}`, { k: `$.data.${c.p}` }));
    expect(body(c.stack)).toEqual({
      ResourceKey: 'Body',
      Form: 'TEMPLATE',
      Value: { 'Fn::Join': ['', ['{"k":"$.data.', { Ref: 'P' }, '"}']] },
      Template: { 'Fn::Join': ['', [{ Ref: 'P' }, ': ${k}']] },
    });
  });

  test('a template over 10240 characters of literal text is refused', () => {
    const ok = events();
    ok.deliver(TargetMessage.fromTemplate(`\${k}${'a'.repeat(10236)}`, { k: '$.data' }));
    expect(body(ok.stack)).toMatchObject({ Form: 'TEMPLATE' });
    const { deliver } = events();
    expectInvalid(() => deliver(TargetMessage.fromTemplate('a'.repeat(10241), {})),
      `Events/E: QueueTarget.message.template ${SIZE} (TargetMessage.fromTemplate), got "10241 characters"`);
    const withToken = events();
    expectInvalid(() => withToken.deliver(TargetMessage.fromTemplate(`${withToken.p}${'a'.repeat(10241)}`, {})),
      `Events/E: QueueTarget.message.template ${SIZE} (TargetMessage.fromTemplate), got "10241 characters of literal text"`);
  });

  test('the variables, as the JSON that is the Value, are at most 10240 characters', () => {
    // {"k":"$.<name>"}: 10 characters around the name
    const ok = events();
    ok.deliver(TargetMessage.fromTemplate('${k}', { k: `$.${'a'.repeat(10230)}` }));
    expect(body(ok.stack)).toMatchObject({ Form: 'TEMPLATE' });
    const { deliver } = events();
    expectInvalid(() => deliver(TargetMessage.fromTemplate('${k}', { k: `$.${'a'.repeat(10231)}` })),
      `Events/E: QueueTarget.message.variables ${SIZE} (TargetMessage.fromTemplate, the variables as JSON), got "10241 characters"`);
    const many = events();
    const variables = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`v${i}`, `$.data.${'x'.repeat(10)}`]));
    expectInvalid(() => many.deliver(TargetMessage.fromTemplate('${v0}', variables)),
      `Events/E: QueueTarget.message.variables ${SIZE} (TargetMessage.fromTemplate, the variables as JSON), got "${JSON.stringify(variables).length} characters"`);
    const withToken = events();
    expectInvalid(() => withToken.deliver(TargetMessage.fromTemplate('${k}', { k: `$.${withToken.p}${'a'.repeat(10231)}` })),
      `Events/E: QueueTarget.message.variables ${SIZE} (TargetMessage.fromTemplate, the variables as JSON), got "10241 characters of literal text"`);
  });

  test('the variables are copied when the message is made: changing the object later changes nothing', () => {
    const added: { [name: string]: string } = { a: '$.data' };
    const withB = TargetMessage.fromTemplate('${a} ${b}', added);
    added.b = '$.x';
    const a = events();
    expectInvalid(() => a.deliver(withB), 'Events/E: QueueTarget.message.template must use only its variables (a): ${b} has none, got "${a} ${b}"');

    const changed: { [name: string]: string } = { a: '$.data' };
    const message = TargetMessage.fromTemplate('${a}', changed);
    changed.a = 'not a path';
    delete changed.a;
    const b = events();
    b.deliver(message);
    expect(body(b.stack)).toEqual({ ResourceKey: 'Body', Form: 'TEMPLATE', Value: '{"a":"$.data"}', Template: '${a}' });
  });

  test('own variables only, __proto__ among them when it is an own field', () => {
    const { stack, deliver } = events();
    deliver(TargetMessage.fromTemplate('${__proto__}', JSON.parse('{"__proto__": "$.data"}')));
    expect(body(stack)).toEqual({ ResourceKey: 'Body', Form: 'TEMPLATE', Value: '{"__proto__":"$.data"}', Template: '${__proto__}' });
    const inherited = events();
    expectInvalid(() => inherited.deliver(TargetMessage.fromTemplate('${a}', Object.create({ a: '$.data' }))),
      `Events/E: QueueTarget.message.variables ${VARIABLES}, got {}`);
  });

  test('no variables, or null: a template without placeholders', () => {
    const { stack, deliver } = events();
    deliver(TargetMessage.fromTemplate('fixed', null as any));
    expect(body(stack)).toEqual({ ResourceKey: 'Body', Form: 'TEMPLATE', Value: '{}', Template: 'fixed' });
  });
});

test('any input is accepted or a ValidationError, never a TypeError or RangeError', () => {
  const { stack } = newStack('Events');
  const scope = new ros.Construct(stack, 'E');
  const text = fc.oneof(fc.string(), fc.anything());
  const variables = fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.anything())), fc.anything({ withNullPrototype: true, withMap: true, withBoxedValues: true }));
  const message = fc.oneof(
    text.map((t) => TargetMessage.fromPath(t as string)),
    text.map((t) => TargetMessage.fromText(t as string)),
    fc.tuple(text, variables).map(([t, v]) => TargetMessage.fromTemplate(t as string, v as any)),
  );
  fc.assert(fc.property(message, (m) => {
    try {
      m._render(scope, 'message');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
    }
  }), { numRuns: 500 });
});
