import { crc32 as zlibCrc32 } from "node:zlib";

/**
 * Byte-level helpers of the archive readers (archive-zip.ts, archive-tar.ts): exact reads from
 * a chunk stream, CRC-32 and the magic bytes that tell archives apart.
 */

/** Reads exact byte counts from a chunk stream without concatenating more than it must. */
export class ByteReader {
  private buf: Uint8Array = new Uint8Array(0);
  private readonly it: AsyncIterator<Uint8Array>;
  private ended = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<void> {
    while (this.buf.length < n && !this.ended) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else if (r.value.length > 0) {
        if (this.buf.length === 0) this.buf = r.value;
        else {
          const joined = new Uint8Array(this.buf.length + r.value.length);
          joined.set(this.buf);
          joined.set(r.value, this.buf.length);
          this.buf = joined;
        }
      }
    }
  }

  /** Up to `n` bytes without consuming them (fewer only at the end of the stream). */
  async peek(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.buf.subarray(0, Math.min(n, this.buf.length));
  }

  /** Exactly `n` bytes, or fewer when the stream ends first (the caller reports truncation). */
  async read(n: number): Promise<Uint8Array> {
    await this.fill(n);
    const out = this.buf.subarray(0, Math.min(n, this.buf.length));
    this.buf = this.buf.subarray(out.length);
    return out;
  }

  /** The next `n` bytes as chunks; `onShort` makes the error when the stream ends first. */
  async *take(n: number, onShort: (got: number) => Error): AsyncGenerator<Uint8Array> {
    let left = n;
    while (left > 0) {
      if (this.buf.length === 0) {
        if (this.ended) throw onShort(n - left);
        const r = await this.it.next();
        if (r.done) {
          this.ended = true;
          continue;
        }
        this.buf = r.value;
      }
      const c = this.buf.subarray(0, Math.min(left, this.buf.length));
      this.buf = this.buf.subarray(c.length);
      left -= c.length;
      yield c;
    }
  }

  /** Skips `n` bytes (reading them: the stream may be a decompressor's output). */
  async skip(n: number, onShort: (got: number) => Error): Promise<void> {
    for await (const c of this.take(n, onShort)) void c;
  }

  /** Everything left, starting with what was peeked. */
  async *rest(): AsyncGenerator<Uint8Array> {
    if (this.buf.length > 0) {
      const b = this.buf;
      this.buf = new Uint8Array(0);
      yield b;
    }
    while (!this.ended) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else yield r.value;
    }
  }

  /** Stops the underlying stream (closes files, destroys decompressors). */
  async close(): Promise<void> {
    this.ended = true;
    await this.it.return?.();
  }
}

/** Updates a CRC-32 (ZIP's, IEEE 802.3) with `bytes`; start with 0. Native zlib (Node ≥ 20.15). */
export function crc32(crc: number, bytes: Uint8Array): number {
  return zlibCrc32(bytes, crc);
}

/** Whether the bytes begin with `prefix` at `at`. */
export function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

export const ZIP_LOCAL_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
export const ZIP_EMPTY_MAGIC = [0x50, 0x4b, 0x05, 0x06] as const;
export const GZIP_MAGIC = [0x1f, 0x8b] as const;
/** "ustar" at offset 257 of a tar header (POSIX "ustar\0" and GNU "ustar "). */
export const USTAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72] as const;
export const USTAR_OFFSET = 257;

/** Whether a 512-byte block is a tar header (ustar or GNU magic). */
export function isTarHeader(block: Uint8Array): boolean {
  return block.length >= 512 && startsWith(block, USTAR_MAGIC, USTAR_OFFSET);
}
