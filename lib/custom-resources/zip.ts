import * as vm from 'vm';
import { deflateRawSync } from 'zlib';

/**
 * A tiny ZIP writer for Function Compute code packages (`Code.ZipFile`: the Base64 of a ZIP archive). The same files
 * always make the same bytes: a fixed DOS date and time (1980-01-01 00:00), fixed attributes (a regular file, mode
 * 0644), entries in the order given, no extra fields, no comment. And `packageScript`, which makes a script of such a
 * package smaller (its comments out) and proves the result still compiles.
 *
 * Format: PKWARE APPNOTE.TXT (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT), sections 4.3.7 (local
 * file header), 4.3.12 (central directory header) and 4.3.16 (end of central directory record). No ZIP64: every
 * size and offset must fit in 32 bits, far above what a function package holds.
 *
 * Not part of the public API.
 */

/** One file of an archive. */
export interface ZipEntry {
  /** The path in the archive, with `/` between folders: `index.js`. */
  readonly name: string;
  /** The content. */
  readonly data: Buffer;
}

/** How the content of the entries is stored. */
export enum ZipMethod {
  /** Method 0: as it is. The bytes depend on nothing but the input. */
  STORE = 0,
  /**
   * Method 8: deflated with node's zlib. Smaller, but the compressed bytes may differ between zlib versions (and so
   * between Node.js versions).
   */
  DEFLATE = 8,
}

/** 1980-01-01 00:00:00, the earliest DOS date: ((1980 - 1980) << 9) | (1 << 5) | 1, and time 0. */
const DOS_DATE = 0x0021;
const DOS_TIME = 0x0000;
/** Version needed to extract: 1.0 for stored files, 2.0 for deflated ones (APPNOTE 4.4.3.2). */
const VERSION_STORE = 10;
const VERSION_DEFLATE = 20;
/** Version made by: upper byte 3 = UNIX (the external attributes hold a mode), lower byte 2.0 (APPNOTE 4.4.2). */
const VERSION_MADE_BY = (3 << 8) | 20;
/** External attributes: a regular file with mode 0644, in the upper 16 bits as UNIX zip tools write it. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
/** General purpose flag bit 11: the name is UTF-8 (APPNOTE 4.4.4). */
const FLAG_UTF8 = 1 << 11;
const MAX_UINT16 = 0xffff;
const MAX_UINT32 = 0xffffffff;

/**
 * A ZIP archive of `entries`, the same bytes for the same input.
 *
 * @throws Error for an empty or duplicate name, a name that is absolute or climbs out (`/x`, `../x`), or an archive
 * that needs ZIP64
 */
export function zip(entries: readonly ZipEntry[], method: ZipMethod = ZipMethod.STORE): Buffer {
  if (entries.length > MAX_UINT16) {
    throw new Error(`zip: at most ${MAX_UINT16} entries, got ${entries.length}`);
  }
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    checkName(entry.name, seen);
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data;
    const stored = method === ZipMethod.DEFLATE ? deflateRawSync(data, { level: 9 }) : data;
    const crc = crc32(data);
    const flags = /^[\x20-\x7e]*$/.test(entry.name) ? 0 : FLAG_UTF8;
    const version = method === ZipMethod.DEFLATE ? VERSION_DEFLATE : VERSION_STORE;
    if (data.length > MAX_UINT32 || stored.length > MAX_UINT32 || offset > MAX_UINT32) {
      throw new Error(`zip: '${entry.name}' needs ZIP64, which this writer does not write`);
    }

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, name, stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central file header signature
    central.writeUInt16LE(VERSION_MADE_BY, 4);
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30); // extra field length
    central.writeUInt16LE(0, 32); // file comment length
    central.writeUInt16LE(0, 34); // disk number start
    central.writeUInt16LE(0, 36); // internal file attributes
    central.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
    central.writeUInt32LE(offset, 42); // relative offset of the local header
    centrals.push(central, name);

    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  if (offset > MAX_UINT32 || directory.length > MAX_UINT32) {
    throw new Error('zip: the archive needs ZIP64, which this writer does not write');
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(0, 4); // number of this disk
  end.writeUInt16LE(0, 6); // disk where the central directory starts
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in all
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16); // offset of the central directory
  end.writeUInt16LE(0, 20); // comment length
  return Buffer.concat([...locals, directory, end]);
}

function checkName(name: string, seen: Set<string>): void {
  if (typeof name !== 'string' || name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').some((part) => part === '..' || part === '')) {
    throw new Error(`zip: an entry name must be a relative path with '/' between non-empty parts, got ${JSON.stringify(name)}`);
  }
  if (Buffer.byteLength(name, 'utf8') > MAX_UINT16) {
    throw new Error(`zip: an entry name must be at most ${MAX_UINT16} bytes`);
  }
  if (seen.has(name)) {
    throw new Error(`zip: two entries are named ${JSON.stringify(name)}`);
  }
  seen.add(name);
}

/** CRC-32 (ISO-HDLC: reflected polynomial 0xEDB88320, as ZIP and zlib use it), table-driven. */
const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of `data`, as an unsigned 32-bit number. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * `source`, a CommonJS script of a function package, ready to ship inline in a template: `header` first (each line
 * becomes a `//` comment line), then the code without its comments, blank lines and trailing spaces
 * (`stripComments`). The result is compiled, not run, the way node wraps a CommonJS module (`vm.compileFunction`
 * with `exports, require, module, __filename, __dirname`), so a script the stripping broke fails the app instead of
 * the deployment. The same input always gives the same text.
 *
 * @param filename names the script in error messages
 * @throws Error when `source` cannot be read as JavaScript (see `stripComments`), a header line holds a line break, or
 * the result does not compile
 */
export function packageScript(source: string, header: readonly string[], filename: string): string {
  for (const line of header) {
    if (LINE_TERMINATOR.test(line)) {
      throw new Error(`packageScript: a header line must not hold a line break, got ${JSON.stringify(line)}`);
    }
  }
  const code = header.map((line) => (line === '' ? '//\n' : `// ${line}\n`)).join('') + stripComments(source);
  try {
    vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename });
  } catch (e) {
    throw new Error(`packageScript: ${filename} does not compile once its comments are stripped: ${(e as Error).message}`);
  }
  return code;
}

/** ECMAScript LineTerminator. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
/** ECMAScript WhiteSpace and LineTerminator (what `\s` matches in a JavaScript regular expression). */
const WHITESPACE = /\s/;
/** Words after which a `/` starts a regular expression, not a division: the operand of an operator keyword. */
const KEYWORDS_BEFORE_EXPRESSION = new Set(['await', 'case', 'delete', 'do', 'else', 'in', 'instanceof', 'new', 'of', 'return', 'throw', 'typeof', 'void', 'yield']);

/**
 * `source` (JavaScript) without its comments: every `//` and `/* *\/` comment out, a run of spaces and comments that
 * holds a line break made one line break and the indentation of the line after it (so blank lines and trailing spaces
 * go too, and every token that followed a line break, which automatic semicolon insertion may depend on, still does),
 * a comment within a line made one space. Everything else is copied as it is: strings, template literals (blank
 * lines and all) and regular expressions, found by a small lexer that knows their escapes, `${ }` nesting and
 * character classes.
 *
 * Limits, checked rather than guessed: a line break in a '' or "" string (but not in an escape), an unterminated
 * string, template literal, regular expression or block comment, and a backslash outside them (a Unicode escape in a
 * name) are errors. Whether a `/` starts a regular expression or is a division is told from the token before it: a
 * regular expression after an operator, `(`, `[`, `{`, `}`, `,`, `;`, `:`, `?`, `=>`, the start, or an operator keyword
 * (`return`, `typeof`, ...; a property name such as `x.return` is not one); a division after a name, a number, a
 * literal, `)`, `]`, `++` and `--`. What this reads wrong (a regular expression right after the `)` of an `if (...)`,
 * `while (...)` or `for (...)` head, a division right after a `}`) is not in the scripts this package ships: the tests
 * compare the handler's tokens before and after with those of the TypeScript parser, and `packageScript` compiles the
 * result.
 *
 * @throws Error naming the line of a construct it cannot read
 */
export function stripComments(source: string): string {
  const out: string[] = [];
  const n = source.length;
  let i = 0;
  /** Whether an expression may start here: a `/` then begins a regular expression. */
  let expressionExpected = true;
  /** Whether the last token was `.` or `?.`: a keyword after it is a property name. */
  let afterDot = false;
  /** Per open `${` of a template literal, the `{` opened in it and not yet closed. */
  const substitutions: number[] = [];
  const fail = (what: string, at: number): never => {
    const line = source.slice(0, at).split(/\r\n|[\n\r\u2028\u2029]/).length;
    throw new Error(`stripComments: ${what} at line ${line}`);
  };

  /** From the character after a template literal's '`' or a substitution's '}' to after its '`' or '${'. */
  const templateSpan = (from: number): number => {
    let j = from;
    for (;;) {
      if (j >= n) {
        fail('an unterminated template literal', from);
      }
      const ch = source[j];
      if (ch === '\\') {
        j += 2;
      } else if (ch === '`') {
        expressionExpected = false;
        return j + 1;
      } else if (ch === '$' && source[j + 1] === '{') {
        substitutions.push(0);
        expressionExpected = true;
        return j + 2;
      } else {
        j++;
      }
    }
  };

  while (i < n) {
    const c = source[i];
    const next = source[i + 1];

    // spaces, line breaks and comments, as one run
    if (WHITESPACE.test(c) || (c === '/' && (next === '/' || next === '*'))) {
      const start = i;
      let lineBreak = false;
      let comment = false;
      let indent = '';
      let indentDone = false;
      while (i < n) {
        const ch = source[i];
        if (LINE_TERMINATOR.test(ch)) {
          lineBreak = true;
          indent = '';
          indentDone = false;
          i++;
        } else if (WHITESPACE.test(ch)) {
          if (!indentDone) {
            indent += ch;
          }
          i++;
        } else if (ch === '/' && source[i + 1] === '/') {
          comment = true;
          while (i < n && !LINE_TERMINATOR.test(source[i])) {
            i++;
          }
        } else if (ch === '/' && source[i + 1] === '*') {
          comment = true;
          const end = source.indexOf('*/', i + 2);
          if (end < 0) {
            fail('an unterminated block comment', i);
          }
          if (LINE_TERMINATOR.test(source.slice(i + 2, end))) {
            // a block comment with a line break counts as a line break
            lineBreak = true;
            indent = '';
          }
          indentDone = true;
          i = end + 2;
        } else {
          break;
        }
      }
      if (i >= n) {
        break; // the end: the text ends with one line break below
      }
      // at the start, only the indentation (of the first line of code) is kept
      const gap = lineBreak ? `\n${indent}` : comment ? ' ' : source.slice(start, i);
      const kept = out.length > 0 ? gap : lineBreak ? indent : comment ? '' : gap;
      if (kept !== '') {
        out.push(kept);
      }
      continue;
    }

    let end = i + 1;
    let dot = false;
    if (c === '\'' || c === '"') {
      for (;;) {
        if (end >= n) {
          fail('an unterminated string', i);
        }
        const ch = source[end];
        if (ch === c) {
          end++;
          break;
        } else if (ch === '\\') {
          end += source[end + 1] === '\r' && source[end + 2] === '\n' ? 3 : 2;
        } else if (ch === '\n' || ch === '\r') {
          fail('a line break in a string', i);
        } else {
          end++;
        }
      }
      expressionExpected = false;
    } else if (c === '`') {
      end = templateSpan(i + 1);
    } else if (c === '}' && substitutions.length > 0 && substitutions[substitutions.length - 1] === 0) {
      substitutions.pop();
      end = templateSpan(i + 1);
    } else if (c === '/' && expressionExpected) {
      let inClass = false;
      for (;;) {
        const ch = source[end];
        if (end >= n || LINE_TERMINATOR.test(ch)) {
          fail('an unterminated regular expression', i);
        }
        if (ch === '\\') {
          if (end + 1 >= n || LINE_TERMINATOR.test(source[end + 1])) {
            fail('an unterminated regular expression', i);
          }
          end += 2;
          continue;
        }
        end++;
        if (ch === '[') {
          inClass = true;
        } else if (ch === ']') {
          inClass = false;
        } else if (ch === '/' && !inClass) {
          break;
        }
      }
      while (end < n && isNameChar(source[end])) {
        end++; // flags
      }
      expressionExpected = false;
    } else if (isNameChar(c) || (c === '.' && next !== undefined && next >= '0' && next <= '9')) {
      const numeric = c === '.' || (c >= '0' && c <= '9');
      while (end < n && (isNameChar(source[end]) || (numeric && source[end] === '.'))) {
        end++;
      }
      expressionExpected = !numeric && !afterDot && KEYWORDS_BEFORE_EXPRESSION.has(source.slice(i, end));
    } else if (c === '\\') {
      fail('a \\ outside a string, template literal or regular expression (a Unicode escape in a name)', i);
    } else if ((c === '+' || c === '-') && next === c) {
      end = i + 2;
      expressionExpected = false; // x++ / 2
    } else if (c === '.' && next === '.' && source[i + 2] === '.') {
      end = i + 3;
      expressionExpected = true;
    } else if (c === '.' || (c === '?' && next === '.')) {
      end = c === '.' ? i + 1 : i + 2;
      dot = true;
      expressionExpected = false;
    } else {
      // one character of an operator or punctuator: an expression may follow, but not after ) and ]
      if (c === '{' && substitutions.length > 0) {
        substitutions[substitutions.length - 1]++;
      } else if (c === '}' && substitutions.length > 0) {
        substitutions[substitutions.length - 1]--;
      }
      expressionExpected = c !== ')' && c !== ']';
    }
    afterDot = dot;
    out.push(source.slice(i, end));
    i = end;
  }
  if (substitutions.length > 0) {
    fail('an unterminated template literal', n);
  }
  return out.length === 0 ? '' : `${out.join('')}\n`;
}

/** A character of a name or a number: ASCII letters, digits, `_`, `$`, `#` (private names) and any non-ASCII that is not a space. */
function isNameChar(ch: string): boolean {
  return /[\w$#]/.test(ch) || (ch > '\u007f' && !WHITESPACE.test(ch));
}
