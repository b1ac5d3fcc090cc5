/**
 * The ZIP writer of the API-call function's code package: read back by an independent reader written here from the
 * format (PKWARE APPNOTE sections 4.3.7, 4.3.12, 4.3.16), and by Info-ZIP's `unzip` where the machine has it. And the
 * comment stripper of the script in it, checked against the TypeScript parser (an independent JavaScript parser): the
 * same tokens, the same text of each, the same line breaks before each, and no comment left.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { inflateRawSync } from 'zlib';
import * as fc from 'fast-check';
import * as ts from 'typescript';
import { crc32, packageScript, stripComments, zip, ZipMethod } from '../../lib/custom-resources/zip';

interface ReadEntry {
  name: string;
  method: number;
  crc: number;
  date: number;
  time: number;
  data: Buffer;
  externalAttributes: number;
  flags: number;
}

/** Reads an archive through its central directory, checking each local header against it and each CRC. */
function readZip(archive: Buffer): ReadEntry[] {
  const endOffset = archive.length - 22;
  expect(archive.readUInt32LE(endOffset)).toBe(0x06054b50);
  expect(archive.readUInt16LE(endOffset + 20)).toBe(0); // no comment: the record is the last 22 bytes
  const count = archive.readUInt16LE(endOffset + 10);
  expect(archive.readUInt16LE(endOffset + 8)).toBe(count);
  const directorySize = archive.readUInt32LE(endOffset + 12);
  let at = archive.readUInt32LE(endOffset + 16);
  expect(at + directorySize).toBe(endOffset);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const time = archive.readUInt16LE(at + 12);
    const date = archive.readUInt16LE(at + 14);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const externalAttributes = archive.readUInt32LE(at + 38);
    const localOffset = archive.readUInt32LE(at + 42);
    const flags = archive.readUInt16LE(at + 8);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;

    // the local header repeats what the central directory says
    expect(archive.readUInt32LE(localOffset)).toBe(0x04034b50);
    expect(archive.readUInt16LE(localOffset + 6)).toBe(flags);
    expect(archive.readUInt16LE(localOffset + 8)).toBe(method);
    expect(archive.readUInt16LE(localOffset + 10)).toBe(time);
    expect(archive.readUInt16LE(localOffset + 12)).toBe(date);
    expect(archive.readUInt32LE(localOffset + 14)).toBe(crc);
    expect(archive.readUInt32LE(localOffset + 18)).toBe(compressedSize);
    expect(archive.readUInt32LE(localOffset + 22)).toBe(size);
    const localNameLength = archive.readUInt16LE(localOffset + 26);
    const localExtraLength = archive.readUInt16LE(localOffset + 28);
    expect(archive.subarray(localOffset + 30, localOffset + 30 + localNameLength).toString('utf8')).toBe(name);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const stored = archive.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(stored) : Buffer.from(stored);
    expect([0, 8]).toContain(method);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    entries.push({ name, method, crc, date, time, data, externalAttributes, flags });
  }
  return entries;
}

const HAS_UNZIP = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const withUnzip = HAS_UNZIP ? test : test.skip;

const CODE = Buffer.from("'use strict';\nexports.handler = async (event, context) => ({ ok: true, text: 'h\u00e9llo' });\n".repeat(20), 'utf8');

describe('crc32', () => {
  test('the standard check values of CRC-32/ISO-HDLC', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    expect(crc32(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  test('agrees with zlib where this Node.js has zlib.crc32', () => {
    const zlib = require('zlib') as { crc32?: (data: Buffer) => number };
    if (typeof zlib.crc32 !== 'function') {
      return;
    }
    for (const data of [CODE, Buffer.from([0, 255, 128, 1]), fs.readFileSync(__filename)]) {
      expect(crc32(data)).toBe(zlib.crc32(data));
    }
  });
});

describe('zip', () => {
  test('one stored file: the exact layout, a fixed DOS date, a regular file with mode 0644', () => {
    const archive = zip([{ name: 'index.js', data: CODE }]);
    // local header 30 + name 8 + data, central header 46 + name 8, end record 22
    expect(archive.length).toBe(30 + 8 + CODE.length + 46 + 8 + 22);
    const [entry, ...rest] = readZip(archive);
    expect(rest).toEqual([]);
    expect(entry.name).toBe('index.js');
    expect(entry.method).toBe(0);
    expect(entry.data.equals(CODE)).toBe(true);
    expect(entry.date).toBe(0x0021); // 1980-01-01
    expect(entry.time).toBe(0);
    expect(entry.flags).toBe(0);
    expect((entry.externalAttributes >>> 16).toString(8)).toBe('100644');
    // version made by: UNIX (3), 2.0; version needed: 1.0 for a stored file
    expect(archive.readUInt16LE(30 + 8 + CODE.length + 4)).toBe((3 << 8) | 20);
    expect(archive.readUInt16LE(4)).toBe(10);
  });

  test('deflated: smaller, and reads back to the same bytes', () => {
    const archive = zip([{ name: 'index.js', data: CODE }], ZipMethod.DEFLATE);
    const [entry] = readZip(archive);
    expect(entry.method).toBe(8);
    expect(entry.data.equals(CODE)).toBe(true);
    expect(archive.length).toBeLessThan(zip([{ name: 'index.js', data: CODE }]).length);
    expect(archive.readUInt16LE(4)).toBe(20);
  });

  test('byte-identical across runs, for either method', () => {
    for (const method of [ZipMethod.STORE, ZipMethod.DEFLATE]) {
      const a = zip([{ name: 'index.js', data: CODE }], method);
      const b = zip([{ name: 'index.js', data: Buffer.from(CODE) }], method);
      expect(a.equals(b)).toBe(true);
    }
  });

  test('several files in the order given, names in folders and in UTF-8 (flag bit 11)', () => {
    const archive = zip([
      { name: 'index.js', data: CODE },
      { name: 'lib/util.js', data: Buffer.from('module.exports = 1;\n') },
      { name: 'caf\u00e9.txt', data: Buffer.alloc(0) },
    ]);
    const entries = readZip(archive);
    expect(entries.map((e) => e.name)).toEqual(['index.js', 'lib/util.js', 'caf\u00e9.txt']);
    expect(entries.map((e) => e.flags)).toEqual([0, 0, 1 << 11]);
    expect(entries[2].data.length).toBe(0);
  });

  test('bad names are refused', () => {
    for (const name of ['', '/etc/passwd', '../x.js', 'a//b', 'a\\b', 'a/']) {
      expect(() => zip([{ name, data: CODE }])).toThrow(/zip: an entry name must be a relative path/);
    }
    expect(() => zip([{ name: 'a', data: CODE }, { name: 'a', data: CODE }])).toThrow('zip: two entries are named "a"');
  });

  withUnzip('Info-ZIP unzip tests the archive and extracts the same bytes (stored and deflated)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-zip-'));
    try {
      for (const method of [ZipMethod.STORE, ZipMethod.DEFLATE]) {
        const file = path.join(dir, `code-${method}.zip`);
        fs.writeFileSync(file, zip([{ name: 'index.js', data: CODE }, { name: 'lib/util.js', data: Buffer.from('x') }], method));
        expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
        expect(execFileSync('unzip', ['-p', file, 'index.js']).equals(CODE)).toBe(true);
        // zipinfo with full dates: mode, host system, method and the fixed 1980-01-01 00:00:00
        const listing = execFileSync('unzip', ['-Z', '-T', file], { encoding: 'utf8' });
        expect(listing).toMatch(new RegExp(`^-rw-r--r-- +2\\.0 unx +${CODE.length} b- ${method === ZipMethod.STORE ? 'stor' : 'defN'} 19800101\\.000000 index\\.js$`, 'm'));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** One token as the TypeScript parser reads it: its kind, its text, and whether a line break comes between it and the token before. */
type Token = [kind: string, text: string, lineBreakBefore: boolean];

/**
 * The tokens of `code` in order, from the TypeScript parser's syntax tree (the parser, not the bare scanner, tells a
 * regular expression from a division), the text between tokens (spaces and comments) and the parse errors.
 */
function parse(code: string): { tokens: Token[]; gaps: string[]; errors: string[] } {
  const file = ts.createSourceFile('index.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const tokens: Token[] = [];
  const gaps: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) {
      return; // JSDoc is a comment, read into the tree for JavaScript files
    }
    const children = node.getChildren(file);
    if (children.length > 0) {
      children.forEach(visit);
      return;
    }
    const gap = code.slice(node.pos, node.getStart(file));
    gaps.push(gap);
    // a line break before the first token means nothing
    tokens.push([ts.SyntaxKind[node.kind], node.getText(file), tokens.length > 0 && /[\n\r\u2028\u2029]/.test(gap)]);
  };
  visit(file);
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return { tokens, gaps, errors: diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) };
}

/** `stripComments(code)` keeps every token of `code`, its text and the line breaks before it, and leaves no comment. */
function expectSameTokens(code: string): string {
  const stripped = stripComments(code);
  const before = parse(code);
  const after = parse(stripped);
  expect(before.errors).toEqual([]);
  expect(after.errors).toEqual([]);
  expect(after.tokens).toEqual(before.tokens);
  expect(after.gaps.filter((gap) => !/^\s*$/.test(gap))).toEqual([]);
  return stripped;
}

/** Whether V8 compiles `code` as the body of a CommonJS module. */
function compiles(code: string): boolean {
  try {
    vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname']);
    return true;
  } catch {
    return false;
  }
}

const HANDLER_FILE = path.join(__dirname, '..', '..', 'lib', 'custom-resources', 'handler', 'index.js');

describe('stripComments', () => {
  test('line and block comments out; a comment within a line becomes one space; blank lines and trailing spaces go', () => {
    const code = [
      "'use strict';",
      '/**',
      ' * JSDoc',
      ' */',
      'const a = 1; // trailing',
      '',
      '   ',
      '  // indented',
      'function f(x /* inline */, y) {',
      '  return x/**/+y;  ',
      '}',
      '',
    ].join('\n');
    expect(expectSameTokens(code)).toBe([
      "'use strict';",
      'const a = 1;',
      'function f(x , y) {',
      '  return x +y;',
      '}',
      '',
    ].join('\n'));
  });

  test('comment-like text in strings, template literals and regular expressions stays, and so does every space in a template literal', () => {
    const code = [
      "const s = '// not a comment /* nor this */', d = \"it's // \\\" /*\";",
      'const t = `line one // kept',
      '',
      '   /* kept */ ${s /* out */ + `${"}"}//` /* out */}  `;',
      "const r = /[/*]\\/\\/'\"`[\\]/]/g; // out",
      "const cont = 'a\\",
      "b'; // a line continuation",
      '',
    ].join('\n');
    expect(expectSameTokens(code)).toBe([
      "const s = '// not a comment /* nor this */', d = \"it's // \\\" /*\";",
      'const t = `line one // kept',
      '',
      '   /* kept */ ${s + `${"}"}//` }  `;',
      "const r = /[/*]\\/\\/'\"`[\\]/]/g;",
      "const cont = 'a\\",
      "b';",
      '',
    ].join('\n'));
  });

  test('a regular expression or a division, told from the token before the /', () => {
    const code = [
      'let i = 0, o = { return: 8 }, z = 4;',
      'const d = (1) / 2 / 3, e = [4][0] / 2 /* / */, f = i++ / 2, g = o.return / 2 // /',
      'const h = typeof /x/, k = a => /\\/*/.test(a);',
      'function m() { return /[//]/g; }',
      'if (true) {}',
      "/'/.test(''); z /= 2; z = z /2/ 1;",
      'const n = .5 / 1e3 / 0x10, p = `${1}` / 2, q = "1" / 2, u = [...[1]];',
      '',
    ].join('\n');
    const stripped = expectSameTokens(code);
    expect(stripped).toContain('g = o.return / 2\nconst h');
    expect(stripped).toContain('/\\/*/.test(a)');
  });

  test('a comment with a line break still ends the line: automatic semicolon insertion reads the same', () => {
    // `return` followed by a line break returns undefined, with or without the comment in between
    const code = 'function f() {\n  return /* a\n  b */ 1;\n}\nconst x = f\n// c\n(1)\n';
    const stripped = expectSameTokens(code);
    expect(stripped).toBe('function f() {\n  return\n1;\n}\nconst x = f\n(1)\n');
    expect(new Function(`${code}; return f();`)()).toBeUndefined();
    expect(new Function(`${stripped}; return f();`)()).toBeUndefined();
  });

  test('CRLF line breaks become LF outside literals; the start and the end of the file', () => {
    expect(stripComments('// only a comment\r\n')).toBe('');
    expect(stripComments('')).toBe('');
    expect(stripComments('\r\n\r\n  /* x */ a;\r\nb; // y')).toBe('  a;\nb;\n');
    expect(stripComments('/* x */ a;')).toBe('a;\n');
    expect(stripComments('a;\r\n/* x */')).toBe('a;\n');
  });

  test('what it cannot read is an error naming the line, never a guess', () => {
    const cases: Array<[string, string]> = [
      ["a;\nconst s = 'open;\n", 'stripComments: a line break in a string at line 2'],
      ["a;\n\nconst s = 'open", 'stripComments: an unterminated string at line 3'],
      ['a;\n/* open', 'stripComments: an unterminated block comment at line 2'],
      ['const t = `open', 'stripComments: an unterminated template literal at line 1'],
      ['const t = `${ {', 'stripComments: an unterminated template literal at line 1'],
      ['const r = /open\n/;', 'stripComments: an unterminated regular expression at line 1'],
      ['const r = /[/]\\', 'stripComments: an unterminated regular expression at line 1'],
      ['const \\u0061 = 1;', 'stripComments: a \\ outside a string, template literal or regular expression (a Unicode escape in a name) at line 1'],
    ];
    for (const [code, message] of cases) {
      expect(() => stripComments(code)).toThrow(message);
    }
  });

  test('the same tokens for programs of tricky statements with comments, spaces and line breaks between any two tokens', () => {
    // each statement as its tokens: a template literal's pieces between substitutions are one token each
    const statements: string[][] = [
      ['const', 's', '=', "'// /* `${'", ';'],
      ['const', 'd', '=', '"\\"// \'"', '+', "'\\''", ';'],
      ['const', 't', '=', '`a // ${', 'x', '+', '{', 'b', ':', '`/*${', '"}"', '}*/`', '}', '.', 'b', '} // c`', ';'],
      ['const', 'r', '=', '/[/*\\]]\\/\\/"\'`/g', '.', 'test', '(', "'x'", ')', ';'],
      ['const', 'q', '=', '(', '1', ')', '/', '2', '/', '3', ';'],
      ['x', '=', 'o', '.', 'return', '/', '2', '/', 'y', ';'],
      ['x', '=', 'typeof', '/=/', ';'],
      ['function', 'f', '(', ')', '{', 'return', '/\\d+/', '.', 'source', '}'],
      ['{', '}', '/}/', '.', 'test', '(', '``', ')', ';'],
      ['z', '/=', '2', ';'],
      ['i++', '/', '2', ';'], // a line break between i and ++ would make ++ a prefix
      ['const', 'u', '=', '`${', '`${', '`${', '1', '}`', '}`', '}`', ';'],
      ['const', 'v', '=', '`\n\n  //`', ';'],
    ];
    const gap = fc.constantFrom(' ', '  ', '\t', '\n', '\n\n  ', '/* c */', ' /* c */ ', '/* c\n */', '// c\n', '  // c //\n\n', '/**/', '\r\n');
    const program = fc.array(fc.constantFrom(...statements), { minLength: 1, maxLength: 6 }).chain((picked) => {
      const tokens = picked.flat();
      // a space keeps a gap's comment from joining a / before it (`/` + `/**/` would be a line comment)
      return fc.array(gap, { minLength: tokens.length, maxLength: tokens.length }).map((gaps) =>
        tokens.map((t, k) => (k > 0 && tokens[k - 1].endsWith('/') && gaps[k].startsWith('/') ? ' ' : '') + gaps[k] + t).join('') + '\n');
    });
    fc.assert(fc.property(program, (code) => {
      // a line break may make a statement that is not JavaScript (`return` then a line break in a function's head);
      // V8 has the last word, since the TypeScript parser lets some early errors pass
      fc.pre(parse(code).errors.length === 0 && compiles(code));
      expectSameTokens(code);
    }), { numRuns: 1000 });
  });

  test('the API-call handler: the same tokens, about a third of its bytes gone', () => {
    const code = fs.readFileSync(HANDLER_FILE, 'utf8');
    const before = parse(code);
    expect(before.gaps.some((g) => g.includes('/**'))).toBe(true);
    const stripped = expectSameTokens(code);
    expect(stripped.startsWith("'use strict';\n")).toBe(true);
    expect(stripped.length).toBeLessThan(code.length * 0.7);
    // idempotent: nothing left to strip
    expect(stripComments(stripped)).toBe(stripped);
  });
});

describe('packageScript', () => {
  test('the header as // lines, then the stripped code; it compiles as a CommonJS module', () => {
    const code = packageScript("'use strict';\n/** doc */\nexports.handler = async () => 1; // x\n", ['pkg: what this is', '', 'https://example.com/src'], 'index.js');
    expect(code).toBe("// pkg: what this is\n//\n// https://example.com/src\n'use strict';\nexports.handler = async () => 1;\n");
    const module = { exports: {} as { handler?: () => Promise<number> } };
    new Function('exports', 'require', 'module', '__filename', '__dirname', code)(module.exports, require, module, 'index.js', '.');
    expect(typeof module.exports.handler).toBe('function');
  });

  test('a result that does not compile fails, naming the file; so does a header line with a line break', () => {
    expect(() => packageScript('const a = ;\n', [], 'handler/index.js')).toThrow(/^packageScript: handler\/index\.js does not compile once its comments are stripped: Unexpected token/);
    expect(() => packageScript('a;\n', ['one\ntwo'], 'index.js')).toThrow('packageScript: a header line must not hold a line break, got "one\\ntwo"');
  });

  test('the same input, the same text', () => {
    const code = fs.readFileSync(HANDLER_FILE, 'utf8');
    expect(packageScript(code, ['h'], 'index.js')).toBe(packageScript(`${code}`, ['h'], 'index.js'));
  });
});
