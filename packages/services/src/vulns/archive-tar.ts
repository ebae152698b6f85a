import { isTarHeader } from "./archive-bytes";
import type { ByteReader } from "./archive-bytes";
import { zipError } from "./archive-zip";

/**
 * tar archives (ustar and pax, GNU long names), as `tar cf` / `tar czf` write them, read as a
 * stream: 512-byte headers, each followed by the entry's bytes padded to 512. Every header's
 * checksum is verified, sizes are parsed from octal (or GNU base-256) and bounded by the
 * caller, and pax / GNU long-name records (metadata, not entries) are bounded to 1 MiB.
 */

export interface TarEntry {
  name: string;
  /** Position among the archive's entries (names may repeat). */
  index: number;
  type: "file" | "directory" | "other";
  size: number;
  /** The entry's bytes; read them (or not) before asking for the next entry. */
  chunks: AsyncGenerator<Uint8Array>;
}

const BLOCK = 512;
const MAX_META_BYTES = 1024 * 1024;
const decoder = new TextDecoder();

const corrupt = (m: string, entry?: string) =>
  zipError("parse_failed", `${m} (the tar archive is truncated or corrupt)`, entry);

/** A NUL-terminated text field. */
function text(block: Uint8Array, at: number, len: number): string {
  const f = block.subarray(at, at + len);
  const end = f.indexOf(0);
  return decoder.decode(end < 0 ? f : f.subarray(0, end));
}

/** A numeric field: octal digits, or GNU base-256 when the high bit of the first byte is set. */
function numeric(block: Uint8Array, at: number, len: number, what: string): number {
  if (block[at]! & 0x80) {
    let v = block[at]! & 0x7f;
    for (let i = at + 1; i < at + len; i++) v = v * 256 + block[i]!;
    return v;
  }
  const s = text(block, at, len).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw corrupt(`invalid ${what} field "${s}" in a tar header`);
  return parseInt(s, 8);
}

function checksumOk(block: Uint8Array): boolean {
  const stored = numeric(block, 148, 8, "checksum");
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === stored;
}

/** pax extended header records: "<length> <key>=<value>\n". */
function paxRecords(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let p = 0;
  while (p < bytes.length) {
    const space = bytes.indexOf(0x20, p);
    const len = space < 0 ? NaN : parseInt(decoder.decode(bytes.subarray(p, space)), 10);
    if (!(len > 0) || p + len > bytes.length) throw corrupt("invalid pax extended header");
    const record = decoder.decode(bytes.subarray(space + 1, p + len - 1));
    const eq = record.indexOf("=");
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    p += len;
  }
  return out;
}

/**
 * The entries of a tar stream, in order. More than `maxEntries` is refused
 * (payload_too_large); a bad checksum, a header that is not ustar, or an archive that ends
 * before its end-of-archive block is refused as corrupt, naming the last entry read.
 */
export async function* tarEntries(
  reader: ByteReader,
  maxEntries: number,
): AsyncGenerator<TarEntry> {
  let index = 0;
  let last: string | undefined;
  let pax = new Map<string, string>();
  let longName: string | undefined;
  const short = (name?: string) => () => corrupt("the data ends inside an entry", name);
  for (;;) {
    const block = await reader.read(BLOCK);
    if (block.length < BLOCK) {
      throw corrupt(
        `the archive ends without its end-of-archive block${last ? ` after ${last}` : ""}`,
      );
    }
    if (block.every((b) => b === 0)) return;
    if (!isTarHeader(block)) {
      throw corrupt(`not a ustar header${last ? ` after entry ${last}` : " at the start"}`);
    }
    if (!checksumOk(block)) {
      throw corrupt(`header checksum mismatch${last ? ` after entry ${last}` : " at the start"}`);
    }
    const type = String.fromCharCode(block[156]!);
    let size = numeric(block, 124, 12, "size");
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (type === "x" || type === "g" || type === "L" || type === "K") {
      if (size > MAX_META_BYTES) throw corrupt(`a ${size}-byte pax/long-name record`, last);
      const meta = new Uint8Array(size);
      let at = 0;
      for await (const c of reader.take(size, short(last))) {
        meta.set(c, at);
        at += c.length;
      }
      await reader.skip(padding, short(last));
      if (type === "x") pax = paxRecords(meta);
      else if (type === "L") longName = text(meta, 0, meta.length);
      continue; // "g" (global) and "K" (long link target) do not name a report
    }
    const ustarPrefix = block[262] === 0 ? text(block, 345, 155) : ""; // POSIX, not GNU
    const base = text(block, 0, 100);
    const name = pax.get("path") ?? longName ?? (ustarPrefix ? `${ustarPrefix}/${base}` : base);
    if (pax.has("size")) size = Number(pax.get("size"));
    if (!Number.isSafeInteger(size) || size < 0) throw corrupt("invalid pax size", name);
    pax = new Map();
    longName = undefined;
    if (++index > maxEntries) {
      throw zipError(
        "payload_too_large",
        `the tar archive has more than ${maxEntries} entries; at most ${maxEntries} are read from one archive`,
      );
    }
    const kind =
      type === "0" || type === "\0" || type === "7" ? "file" : type === "5" ? "directory" : "other";
    let consumed = 0;
    async function* body(): AsyncGenerator<Uint8Array> {
      for await (const c of reader.take(size - consumed, short(name))) {
        consumed += c.length;
        yield c;
      }
    }
    const chunks = body();
    yield { name, index: index - 1, type: kind, size, chunks };
    // Whatever the consumer did not read, then the padding to the next header.
    await chunks.return(undefined);
    await reader.skip(size - consumed + ((BLOCK - (size % BLOCK)) % BLOCK), short(name));
    last = name;
  }
}
