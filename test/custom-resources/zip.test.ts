/**
 * The ZIP writer of the API-call function's code package: read back by an independent reader written here from the
 * format (PKWARE APPNOTE sections 4.3.7, 4.3.12, 4.3.16), and by Info-ZIP's `unzip` where the machine has it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inflateRawSync } from 'zlib';
import { crc32, zip, ZipMethod } from '../../lib/custom-resources/zip';

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
