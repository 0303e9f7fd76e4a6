import { inflateRawSync } from 'node:zlib';

/** Reads a zip's central directory the way the tests need it: names, flags, method, times, bytes. */
export interface ZipRecord {
  readonly name: string;
  readonly versionMadeBy: number;
  readonly flags: number;
  readonly method: number;
  readonly dosTime: number;
  readonly dosDate: number;
  readonly data: Buffer;
}

export function readZip(zip: Buffer): ZipRecord[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const records: ZipRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const compressedSize = zip.readUInt32LE(p + 20);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const method = zip.readUInt16LE(p + 10);
    const localName = zip.readUInt16LE(localOffset + 26);
    const localExtra = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localName + localExtra;
    const raw = zip.subarray(start, start + compressedSize);
    records.push({
      name,
      versionMadeBy: zip.readUInt16LE(p + 4),
      flags: zip.readUInt16LE(p + 8),
      method,
      dosTime: zip.readUInt16LE(p + 12),
      dosDate: zip.readUInt16LE(p + 14),
      data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw),
    });
    p += 46 + nameLength + extra + comment;
  }
  return records;
}
