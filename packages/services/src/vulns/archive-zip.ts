import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { createInflateRaw } from "node:zlib";
import { AppError } from "@infrasec/core";
import type { ErrorCode } from "@infrasec/core";
import { crc32 } from "./archive-bytes";
import { bombError, inflateChunks } from "./report-source";
import type { InflateLabel } from "./report-source";

/**
 * ZIP archives read from a file in place, by their central directory (the authoritative list
 * at the end of the archive; local headers may say "size in a data descriptor" and streaming
 * readers can be fooled by entries the directory does not list). Only the directory is held in
 * memory; each entry's compressed bytes are read with a file stream and inflated by zlib on the
 * thread pool, with its expanded size capped and its size and CRC-32 checked at the end.
 */

export interface ZipEntry {
  name: string;
  /** Position in the central directory (names may repeat). */
  index: number;
  directory: boolean;
  encrypted: boolean;
  /** 0 stored, 8 deflate; anything else is refused when the entry is read. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const U32_MAX = 0xffffffff;
/** A directory of 1,000 entries with long names is well under this. */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

export function zipError(code: ErrorCode, message: string, entry?: string): AppError {
  return new AppError(code, entry === undefined ? message : `archive entry ${entry}: ${message}`, [
    entry === undefined ? { path: "content", message } : { file: entry, message },
  ]);
}

const corrupt = (m: string, entry?: string) =>
  zipError("parse_failed", `${m} (the ZIP archive is truncated or corrupt)`, entry);

async function readAt(fh: FileHandle, at: number, length: number): Promise<Buffer> {
  const b = Buffer.alloc(length);
  const { bytesRead } = await fh.read(b, 0, length, at);
  if (bytesRead < length) throw corrupt(`expected ${length} bytes at offset ${at}`);
  return b;
}

/** Where the central directory is and how many entries it lists (ZIP64 records followed). */
async function locateDirectory(fh: FileHandle, size: number) {
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = await readAt(fh, size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("no end of central directory record");
  if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0) {
    throw zipError("validation_failed", "multi-volume (split) ZIP archives are not supported");
  }
  let count = tail.readUInt16LE(eocd + 10);
  let dirSize = tail.readUInt32LE(eocd + 12);
  let dirOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirSize === U32_MAX || dirOffset === U32_MAX) {
    const locatorAt = size - tailLen + eocd - 20;
    const locator = locatorAt >= 0 ? await readAt(fh, locatorAt, 20) : null;
    if (locator?.readUInt32LE(0) === ZIP64_LOCATOR_SIG) {
      const at = Number(locator.readBigUInt64LE(8));
      if (at + 56 > size) throw corrupt("ZIP64 end of central directory past the end of the file");
      const z = await readAt(fh, at, 56);
      if (z.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw corrupt("bad ZIP64 directory record");
      count = Number(z.readBigUInt64LE(32));
      dirSize = Number(z.readBigUInt64LE(40));
      dirOffset = Number(z.readBigUInt64LE(48));
    }
  }
  return { count, dirSize, dirOffset };
}

/** ZIP64 extended information (extra field 0x0001): the 64-bit values of saturated fields. */
function zip64Values(extra: Buffer, wanted: number): number[] {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      const out: number[] = [];
      for (let i = 0; i < wanted && p + 4 + 8 * (i + 1) <= p + 4 + len; i++) {
        out.push(Number(extra.readBigUInt64LE(p + 4 + 8 * i)));
      }
      return out;
    }
    p += 4 + len;
  }
  return [];
}

/**
 * The entries of the ZIP archive at `path`, from its central directory. More than `maxEntries`
 * is refused before the directory is read (payload_too_large).
 */
export async function listZip(path: string, maxEntries: number): Promise<ZipEntry[]> {
  const fh = await open(path, "r");
  try {
    const size = (await fh.stat()).size;
    const { count, dirSize, dirOffset } = await locateDirectory(fh, size);
    if (count > maxEntries) {
      throw zipError(
        "payload_too_large",
        `the ZIP archive has ${count} entries; at most ${maxEntries} are read from one archive`,
      );
    }
    if (dirOffset + dirSize > size) throw corrupt("the central directory is past the end");
    if (dirSize > MAX_DIRECTORY_BYTES) {
      throw zipError("payload_too_large", `the ZIP central directory is ${dirSize} bytes`);
    }
    const dir = await readAt(fh, dirOffset, dirSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let index = 0; index < count; index++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIG) {
        throw corrupt(`central directory record ${index + 1} of ${count} is invalid`);
      }
      const flags = dir.readUInt16LE(p + 8);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const nameBytes = dir.subarray(p + 46, p + 46 + nameLen);
      // Bit 11: UTF-8 names; the rest are CP437, read as Latin-1 (close enough for a message).
      const name = nameBytes.toString(flags & 0x800 ? "utf8" : "latin1");
      let size32 = dir.readUInt32LE(p + 24);
      let csize32 = dir.readUInt32LE(p + 20);
      let offset32 = dir.readUInt32LE(p + 42);
      const saturated = [size32, csize32, offset32].filter((v) => v === U32_MAX).length;
      if (saturated > 0) {
        const extra = dir.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
        const v = zip64Values(extra, saturated);
        if (v.length < saturated) throw corrupt("ZIP64 sizes missing", name);
        let i = 0;
        if (size32 === U32_MAX) size32 = v[i++]!;
        if (csize32 === U32_MAX) csize32 = v[i++]!;
        if (offset32 === U32_MAX) offset32 = v[i++]!;
      }
      const method = dir.readUInt16LE(p + 10);
      entries.push({
        name,
        index,
        directory: name.endsWith("/"),
        // Bit 0: encrypted; bit 6: strong encryption; method 99: WinZip AES.
        encrypted: (flags & 0x41) !== 0 || method === 99,
        method,
        crc: dir.readUInt32LE(p + 16),
        compressedSize: csize32,
        size: size32,
        localOffset: offset32,
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Where an entry's compressed bytes start (after its local header). */
async function dataStart(path: string, e: ZipEntry): Promise<number> {
  const fh = await open(path, "r");
  try {
    const size = (await fh.stat()).size;
    if (e.localOffset + 30 > size) throw corrupt("local header past the end of the file", e.name);
    const h = await readAt(fh, e.localOffset, 30);
    if (h.readUInt32LE(0) !== LOCAL_SIG) throw corrupt("bad local header signature", e.name);
    const start = e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    if (start + e.compressedSize > size) throw corrupt("data past the end of the file", e.name);
    return start;
  } finally {
    await fh.close();
  }
}

/**
 * An entry's expanded bytes, at most `cap` of them (payload_too_large past it); its size and
 * CRC-32 are checked against the directory once the last byte is read. `onRead` gets the
 * compressed bytes read.
 */
export async function* zipEntryChunks(
  path: string,
  e: ZipEntry,
  cap: number,
  label: InflateLabel,
  onRead: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  if (e.encrypted) {
    throw zipError("validation_failed", "encrypted entries are not supported", e.name);
  }
  if (e.method !== 0 && e.method !== 8) {
    throw zipError(
      "validation_failed",
      `compression method ${e.method} is not supported (only stored and deflate)`,
      e.name,
    );
  }
  if (e.size > cap) throw bombError(label, cap, e.name);
  const start = await dataStart(path, e);
  async function* raw(): AsyncGenerator<Uint8Array> {
    if (e.compressedSize === 0) return;
    const stream = createReadStream(path, {
      start,
      end: start + e.compressedSize - 1,
      highWaterMark: 1024 * 1024,
    });
    for await (const c of stream) {
      onRead((c as Buffer).length);
      yield c as Buffer;
    }
  }
  const out =
    e.method === 8 ? inflateChunks(createInflateRaw(), raw(), cap, label, "deflate") : raw();
  let crc = 0;
  let size = 0;
  for await (const c of out) {
    size += c.length;
    if (size > cap) throw bombError(label, cap, e.name);
    if (size > e.size) throw corrupt(`expands beyond its declared ${e.size} bytes`, e.name);
    crc = crc32(crc, c);
    yield c;
  }
  if (size !== e.size) throw corrupt(`is ${size} bytes, the directory says ${e.size}`, e.name);
  if (crc !== e.crc) throw corrupt("CRC-32 mismatch", e.name);
}
