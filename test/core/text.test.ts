import * as ros from '@alicloud/ros-cdk-core';
import * as fc from 'fast-check';
import { checkText, fragmentsOf, literalText, plainText, TextRule } from '../../lib/core/text';
import { ValidationError } from '../../lib/core/validation';
import { newStack } from '../util';

const NAME: TextRule = { minLength: 1, maxLength: 10, chars: /[A-Za-z0-9-]/, first: /[A-Za-z]/, charset: 'letters, digits and hyphens, and start with a letter' };

function setup(): { stack: ros.Stack; c: ros.Construct; p: string } {
  const { stack } = newStack('Media');
  const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
  return { stack, c: new ros.Construct(stack, 'Jobs'), p };
}

describe('fragmentsOf', () => {
  test('a literal is one literal piece', () => {
    const { c } = setup();
    expect(fragmentsOf(c, 'abc')).toEqual([{ literal: 'abc' }]);
  });

  test('tokens embedded in a string become token pieces keyed by how they render', () => {
    const { c, p } = setup();
    expect(fragmentsOf(c, `https://${p}/x`)).toEqual([{ literal: 'https://' }, { token: '{"Ref":"P"}' }, { literal: '/x' }]);
  });

  test('Fn::Join and Fn::Sub are opened, so their literal text is seen', () => {
    const { c, p } = setup();
    const joined = ros.Fn.join('', ['http://', p, ':8080/a b']);
    expect(fragmentsOf(c, joined)).toEqual([{ literal: 'http://' }, { token: '{"Ref":"P"}' }, { literal: ':8080/a b' }]);
    const sub = ros.Fn.sub('http://${Host}/x${!Literal}', { Host: p });
    expect(fragmentsOf(c, sub)).toEqual([{ literal: 'http://' }, { token: '{"Ref":"P"}' }, { literal: '/x${Literal}' }]);
    const pseudo = ros.Fn.sub('acs:mns:${ALIYUN::Region}:q');
    expect(fragmentsOf(c, pseudo)).toEqual([{ literal: 'acs:mns:' }, { token: '{"Fn::Sub":"${ALIYUN::Region}"}' }, { literal: ':q' }]);
    const withDelimiter = ros.Fn.join('-', ['a', p, 'b']);
    expect(literalText(fragmentsOf(c, withDelimiter), '*')).toBe('a-*-b');
  });
});

describe('checkText', () => {
  test('a literal is checked whole: length, characters, first character', () => {
    const { c } = setup();
    expect(() => checkText(c, 'name', 'good-name1', NAME)).not.toThrow();
    expect(() => checkText(c, 'name', 'x'.repeat(11), NAME)).toThrow('Media/Jobs: name must be at most 10 characters long (length 11), got "xxxxxxxxxxx"');
    expect(() => checkText(c, 'name', '', NAME)).toThrow('Media/Jobs: name must be between 1 and 10 characters long (length 0), got ""');
    expect(() => checkText(c, 'name', 'a_b', NAME)).toThrow('Media/Jobs: name must contain only letters, digits and hyphens, and start with a letter, got "a_b"');
    expect(() => checkText(c, 'name', '1ab', NAME)).toThrow(/start with a letter, got "1ab"$/);
    expect(() => checkText(c, 'name', 5 as unknown as string, NAME)).toThrow('Media/Jobs: name must be a string, got 5');
    expect(() => checkText(c, 'name', undefined, NAME)).not.toThrow();
  });

  test('the literal pieces next to a token are checked, never the token', () => {
    const { c, p } = setup();
    expect(() => checkText(c, 'name', p, NAME)).not.toThrow();
    expect(() => checkText(c, 'name', `q-${p}`, NAME)).not.toThrow();
    expect(() => checkText(c, 'name', `${p}-1`, NAME)).not.toThrow(); // the first character is the token's
    expect(() => checkText(c, 'name', `q_${p}`, NAME)).toThrow('Media/Jobs: name must contain only letters, digits and hyphens, and start with a letter, got "q_<token>"');
    expect(() => checkText(c, 'name', `1${p}`, NAME)).toThrow(/got "1<token>"$/);
    expect(() => checkText(c, 'name', `${'x'.repeat(11)}${p}`, NAME))
      .toThrow('Media/Jobs: name must be at most 10 characters long, and its literal text alone has 11, got "xxxxxxxxxxx<token>"');
    expect(() => checkText(c, 'name', ros.Fn.join('', ['a b', p]), NAME)).toThrow(/must contain only/);
  });

  test('the last character is checked where the text ends with a literal', () => {
    const { stack } = newStack();
    const rule: TextRule = { minLength: 1, maxLength: 10, chars: /[a-z-]/, last: /[a-z]/, charset: 'letters and hyphens, ending with a letter' };
    const p = new ros.RosParameter(stack, 'P', { type: ros.RosParameterType.STRING }).valueAsString;
    expect(() => checkText(stack, 'name', 'ab-', rule)).toThrow('name must contain only letters and hyphens, ending with a letter, got "ab-"');
    expect(() => checkText(stack, 'name', `${p}-`, rule)).toThrow('name must contain only letters and hyphens, ending with a letter, got "<token>-"');
    expect(() => checkText(stack, 'name', `a-${p}`, rule)).not.toThrow();
    expect(() => checkText(stack, 'name', 'ab', rule)).not.toThrow();
  });

  test('plainText: any script and spaces, no control characters; tabs and line breaks only when asked', () => {
    const { stack } = newStack();
    expect(() => checkText(stack, 'd', '队列 积压', plainText(1, 10))).not.toThrow();
    expect(() => checkText(stack, 'd', 'a\nb', plainText(1, 10))).toThrow('d must contain only characters that are not control characters, got "a\\nb"');
    expect(() => checkText(stack, 'd', 'a\nb\tc', plainText(1, 10, true))).not.toThrow();
    expect(() => checkText(stack, 'd', 'a\u0007', plainText(1, 10, true))).toThrow(/must contain only characters that are not control characters \(tabs and line breaks are fine\)/);
  });

  test('the default rule refuses whitespace and control characters only', () => {
    const { c } = setup();
    const tag: TextRule = { minLength: 1, maxLength: 16 };
    expect(() => checkText(c, 'filterTag', 'paid.eu_1+', tag)).not.toThrow();
    expect(() => checkText(c, 'filterTag', 'pa id', tag)).toThrow('Media/Jobs: filterTag must contain only characters that are not whitespace or control characters, got "pa id"');
    expect(() => checkText(c, 'filterTag', 'x\u0007', tag)).toThrow(ValidationError);
  });

  test('property: a literal passes exactly when it fits the rule', () => {
    const { c } = setup();
    fc.assert(fc.property(fc.string({ maxLength: 14 }), (s) => {
      const fits = /^[A-Za-z][A-Za-z0-9-]{0,9}$/.test(s);
      let threw = false;
      try {
        checkText(c, 'name', s, NAME);
      } catch (e) {
        threw = e instanceof ValidationError;
      }
      return threw === !fits;
    }));
  });
});
