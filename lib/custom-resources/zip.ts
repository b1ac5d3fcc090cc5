import { deflateRawSync } from 'zlib';

/**
 * A tiny ZIP writer for Function Compute code packages (`Code.ZipFile`: the Base64 of a ZIP archive). The same files
 * always make the same bytes: a fixed DOS date and time (1980-01-01 00:00), fixed attributes (a regular file, mode
 * 0644), entries in the order given, no extra fields, no comment.
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
