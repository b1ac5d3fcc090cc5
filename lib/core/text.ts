import * as ros from '@alicloud/ros-cdk-core';
import { invalid, isUnresolved } from './validation';

/**
 * One piece of a string that may hold tokens: a literal, or a token known only at deploy time.
 *
 * `token` is a stable key for the token (the JSON of what it renders to), so two pieces that render alike compare
 * equal.
 */
export interface Fragment {
  /** The literal text, when the piece is a literal. */
  readonly literal?: string;
  /** The token's key, when the piece is a token. */
  readonly token?: string;
}

const TOKEN_MARKER = /\$\{Token\[[a-zA-Z0-9:._-]+\]\}/g;
const SUB_VARIABLE = /\$\{([^}]*)\}/g;

/**
 * Splits a string into its literal pieces and its tokens, as the template will render it: a token that renders to
 * `Fn::Join` or `Fn::Sub` is opened, so the literal text around its parameters is checked like any literal.
 */
export function fragmentsOf(scope: ros.IConstruct, value: string): Fragment[] {
  if (!isUnresolved(value)) {
    return [{ literal: value }];
  }
  const stack = ros.Stack.of(scope);
  const out: Fragment[] = [];
  let last = 0;
  for (const match of value.matchAll(TOKEN_MARKER)) {
    pushLiteral(out, value.slice(last, match.index));
    expand(out, stack.resolve(match[0]));
    last = match.index! + match[0].length;
  }
  pushLiteral(out, value.slice(last));
  return out;
}

function pushLiteral(out: Fragment[], text: string): void {
  if (text === '') {
    return;
  }
  const previous = out[out.length - 1];
  if (previous?.literal !== undefined) {
    out[out.length - 1] = { literal: previous.literal + text };
  } else {
    out.push({ literal: text });
  }
}

function expand(out: Fragment[], rendered: unknown): void {
  if (typeof rendered === 'string' || typeof rendered === 'number' || typeof rendered === 'boolean') {
    pushLiteral(out, String(rendered));
    return;
  }
  const join = (rendered as { 'Fn::Join'?: unknown } | null)?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    join[1].forEach((item: unknown, i: number) => {
      if (i > 0) {
        pushLiteral(out, join[0]);
      }
      expand(out, item);
    });
    return;
  }
  const sub = (rendered as { 'Fn::Sub'?: unknown } | null)?.['Fn::Sub'];
  const [text, variables] = Array.isArray(sub) ? sub : [sub, {}];
  if (typeof text === 'string') {
    let last = 0;
    for (const match of text.matchAll(SUB_VARIABLE)) {
      pushLiteral(out, text.slice(last, match.index));
      const name = match[1];
      const given = (variables as { [name: string]: unknown } | undefined)?.[name];
      if (name.startsWith('!')) {
        pushLiteral(out, `\${${name.slice(1)}}`);
      } else if (given !== undefined) {
        expand(out, given);
      } else {
        out.push({ token: JSON.stringify({ 'Fn::Sub': `\${${name}}` }) });
      }
      last = match.index! + match[0].length;
    }
    pushLiteral(out, text.slice(last));
    return;
  }
  out.push({ token: JSON.stringify(rendered) });
}

/** The literal text of a string with each token replaced by `replacement`. */
export function literalText(fragments: readonly Fragment[], replacement = ''): string {
  return fragments.map((f) => f.literal ?? replacement).join('');
}

/** The documented shape of a string prop: its length and the characters it may hold. */
export interface TextRule {
  /** The shortest allowed length. */
  readonly minLength: number;
  /** The longest allowed length. */
  readonly maxLength: number;
  /** Matches one allowed character. @default - any character but whitespace and control characters */
  readonly chars?: RegExp;
  /** Matches an allowed first character. @default - any allowed character */
  readonly first?: RegExp;
  /** Matches an allowed last character (checked when the text ends with a literal). @default - any allowed character */
  readonly last?: RegExp;
  /** The allowed characters in words, for the error: `must contain only {charset}`. */
  readonly charset?: string;
  /**
   * Patterns the text must not match, each with what it breaks in words (`must not start with "acs:"`). They are
   * matched against the literal text, with each token as a NUL character. @default - none
   */
  readonly forbid?: ReadonlyArray<{ readonly pattern: RegExp; readonly what: string }>;
}

/** Whitespace, control characters (C0, DEL, C1) and invisible format characters. */
export const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/;
const NO_SPACE_OR_CONTROL = new RegExp(`[^${INVISIBLE.source.slice(1, -1)}]`);

/** Any character but a control character (spaces and any script are fine), as `TextRule.chars`. */
export const NOT_CONTROL = /[^\u0000-\u001f\u007f]/;
/** {@link NOT_CONTROL} in words, as `TextRule.charset`. */
export const NOT_CONTROL_CHARSET = 'characters that are not control characters';

/** Free text of `minLength` to `maxLength` characters: no control characters, or only tabs and line breaks with `lines`. */
export function plainText(minLength: number, maxLength: number, lines = false): TextRule {
  return lines
    ? { minLength, maxLength, chars: /[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/, charset: `${NOT_CONTROL_CHARSET} (tabs and line breaks are fine)` }
    : { minLength, maxLength, chars: NOT_CONTROL, charset: NOT_CONTROL_CHARSET };
}

/**
 * Checks a string against a {@link TextRule}: the whole of a literal; for a string that holds tokens, the literal
 * pieces around them (their characters, the first and last characters where the string starts or ends with a literal, and the length
 * of the literal text alone). Skips `undefined`.
 */
export function checkText(scope: ros.IConstruct, prop: string, value: string | undefined, rule: TextRule): void {
  if (value === undefined) {
    return;
  }
  if (typeof value !== 'string') {
    throw invalid(scope, prop, value, 'must be a string');
  }
  const fragments = fragmentsOf(scope, value);
  const literal = literalText(fragments);
  const whole = fragments.length === 1 && fragments[0].literal !== undefined;
  // an error shows the literal pieces, and <token> for each token, not just "<token>" for the whole
  const shown = isUnresolved(value) ? literalText(fragments, '<token>') : value;
  if (whole && (literal.length < rule.minLength || literal.length > rule.maxLength)) {
    const allowed = rule.minLength === rule.maxLength ? `exactly ${rule.minLength}`
      : rule.minLength <= 1 && literal.length > rule.maxLength ? `at most ${rule.maxLength}` : `between ${rule.minLength} and ${rule.maxLength}`;
    throw invalid(scope, prop, shown, `must be ${allowed} characters long (length ${literal.length})`);
  }
  if (!whole && literal.length > rule.maxLength) {
    throw invalid(scope, prop, shown, `must be at most ${rule.maxLength} characters long, and its literal text alone has ${literal.length}`);
  }
  const chars = rule.chars ?? NO_SPACE_OR_CONTROL;
  const charset = rule.charset ?? 'characters that are not whitespace or control characters';
  const startsWithLiteral = fragments[0]?.literal !== undefined;
  const endsWithLiteral = fragments[fragments.length - 1]?.literal !== undefined;
  const bad = [...literal].find((c) => !chars.test(c));
  const badFirst = startsWithLiteral && rule.first !== undefined && !rule.first.test(literal[0]);
  const badLast = endsWithLiteral && literal !== '' && rule.last !== undefined && !rule.last.test(literal[literal.length - 1]);
  if (bad !== undefined || badFirst || badLast) {
    throw invalid(scope, prop, shown, `must contain only ${charset}`);
  }
  const marked = literalText(fragments, '\u0000');
  for (const rule_ of rule.forbid ?? []) {
    if (rule_.pattern.test(marked)) {
      throw invalid(scope, prop, shown, rule_.what);
    }
  }
}
