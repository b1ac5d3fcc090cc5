/**
 * Escaping of label text for each output format of the graph. Internal: the package exports `TopologyGraph` only.
 *
 * Every function takes plain text (which may hold newlines) and returns text that the format shows literally: no
 * markup, no entity, no directive and no delimiter of the format can be smuggled in through a construct id, a channel
 * name or a filter value.
 */

/** Characters that Mermaid shows as they are inside a quoted label; everything else ASCII is written as an entity code. */
const MERMAID_PLAIN = /^[A-Za-z0-9 .,:/_\-=+()'!?@^~]$/;

/** Control characters, the Unicode line and paragraph separators, and lone surrogates: shown as a space. */
function isInvisible(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff);
}

/** Splits text into lines (`\r\n`, `\n` or `\r`), without a trailing empty line. */
export function linesOf(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length > 1 && lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

/** A character that shows as nothing and joins nothing: splits sequences that Mermaid reads after decoding a label. */
const WORD_JOINER = '\u2060';

/**
 * Text for a double-quoted Mermaid label (`n0["..."]`, `-->|"..."|`, `subgraph s0["..."]`). Mermaid turns `#<code>;`
 * into the character with that decimal code (https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters)
 * and renders labels as HTML, so every ASCII character outside letters, digits and harmless punctuation becomes an entity
 * code: quotes, `#`, `;`, `<`, `>`, `&`, brackets, braces, `|`, `%` (directives), `$`, `*` and backquotes (Markdown),
 * backslashes. Lines are joined with `<br/>`, the only markup written.
 *
 * Mermaid 11 also reads a label after decoding it, where entity codes cannot hide anything: `$$...$$` is KaTeX, a
 * backslash followed by `n` a line break, `fa:fa-name` an icon that replaces the text, `ﬂ°` and `¶ß` its own
 * placeholders for `&` and `;` (decoded a second time), and a line with `style` or `classDef`, a colon and an entity
 * code loses its last `;`. A word joiner (U+2060, invisible) is put inside each of these sequences.
 */
export function mermaidLabel(text: string): string {
  const defused = text.replace(/\$(?=\$)|\\(?=n)|fa[bklrs]?:(?=fa-)|\ufb02(?=\u00b0)|\u00b6(?=\u00df)|s(?=tyle)|c(?=lassDef)/g,
    (match) => `${match}${WORD_JOINER}`);
  return linesOf(defused).map((line) => {
    let out = '';
    for (const ch of line) {
      const code = ch.codePointAt(0)!;
      if (isInvisible(code)) {
        out += ' ';
      } else if (code >= 0x80 || MERMAID_PLAIN.test(ch)) {
        out += ch;
      } else {
        out += `#${code};`;
      }
    }
    return out;
  }).join('<br/>');
}

/**
 * Text for a double-quoted Graphviz DOT string (https://graphviz.org/doc/info/lang.html): backslashes and quotes are
 * escaped, so that no escape sequence of DOT labels (`\N`, `\G`, `\l`, ...) comes from the text itself; lines are joined
 * with `\n` (a centred line break).
 */
export function dotString(text: string): string {
  return linesOf(text).map((line) => {
    let out = '';
    for (const ch of line) {
      const code = ch.codePointAt(0)!;
      if (isInvisible(code)) {
        out += ' ';
      } else if (ch === '\\' || ch === '"') {
        out += `\\${ch}`;
      } else {
        out += ch;
      }
    }
    return out;
  }).join('\\n');
}

/** Text for HTML element content or a double-quoted attribute value. */
export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/**
 * JavaScript source to put inside an HTML `<script>` element as it is: the sequences that would end the element early
 * or change how the HTML parser reads it (`</script`, `<script`, `<!--`) are written with `\x3C` for `<`, which means
 * the same inside JavaScript strings, templates, regular expressions and comments (a minified bundle has `<` followed by
 * these words nowhere else).
 */
export function inlineScript(source: string): string {
  // a `<` escaped with a backslash (`\<`, which is `<` in strings and non-Unicode regular expressions) loses that
  // backslash, since `\\x3C` would be a backslash followed by `x3C`
  return source.replace(/(\\*)<(?=\/?script|!--)/gi, (_match, slashes: string) => `${slashes.slice(0, slashes.length - (slashes.length % 2))}\\x3C`);
}

/** Text for a `/* ... *\/` comment inside a script: a `*\/` in the text would end it. */
export function scriptComment(text: string): string {
  return inlineScript(text.replace(/\*\//g, '* /'));
}

/** At most `max` characters (code points), cut with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
