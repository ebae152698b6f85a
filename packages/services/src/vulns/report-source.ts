import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { Transform } from "node:stream";
import { createGunzip } from "node:zlib";
import { AppError } from "@infrasec/core";

/** Where an import reads its report from: the request's text, or a file read in place. */
export type ReportSource =
  { kind: "content"; content: string | Uint8Array } | { kind: "file"; path: string };

/** Bounds on gzip-compressed reports (decompression bombs). */
export interface ExpansionLimits {
  /** Bytes a compressed report may expand to (default 4 GiB). */
  maxExpandedBytes: number;
  /** Expanded bytes per compressed byte (default 200). */
  maxExpansionRatio: number;
}

export const DEFAULT_EXPANSION_LIMITS: ExpansionLimits = {
  maxExpandedBytes: 4 * 1024 ** 3,
  maxExpansionRatio: 200,
};

/**
 * Small archives legitimately compress better than the ratio allows (a 2 KB gzip of a 1 MB
 * report of repeated records); below this many expanded bytes the ratio is not applied.
 */
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/** Size of the source in bytes as stored (compressed, for an archive). */
export async function sourceBytes(source: ReportSource): Promise<number> {
  if (source.kind === "file") return (await stat(source.path)).size;
  return typeof source.content === "string"
    ? Buffer.byteLength(source.content)
    : source.content.length;
}

async function isGzip(source: ReportSource): Promise<boolean> {
  if (source.kind === "content") {
    const c = source.content;
    return typeof c === "string"
      ? c.charCodeAt(0) === 0x1f && c.charCodeAt(1) === 0x8b
      : c[0] === 0x1f && c[1] === 0x8b;
  }
  const fh = await open(source.path, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The stored bytes, a chunk at a time; `onRead` gets the bytes read so far. */
async function* storedChunks(
  source: ReportSource,
  onRead: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let read = 0;
  if (source.kind === "file") {
    for await (const c of createReadStream(source.path, { highWaterMark: CHUNK_BYTES })) {
      read += (c as Buffer).length;
      onRead(read);
      yield c as Buffer;
    }
    return;
  }
  const bytes =
    typeof source.content === "string" ? Buffer.from(source.content, "utf8") : source.content;
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) {
    const c = bytes.subarray(i, i + CHUNK_BYTES);
    read += c.length;
    onRead(read);
    yield c;
  }
}

/**
 * The report's bytes as a stream, gunzipped when they start with the gzip magic bytes. The
 * expanded size is bounded by `maxExpandedBytes` and by `maxExpansionRatio` × the compressed
 * size (above a 16 MiB floor): a decompression bomb stops with a clear error after reading at
 * most that much, and nothing has been written by then. `onProgress` gets the fraction of the
 * stored bytes read.
 */
export async function* reportChunks(
  source: ReportSource,
  limits: ExpansionLimits,
  onProgress: (fraction: number) => void = () => undefined,
): AsyncGenerator<Uint8Array> {
  const total = Math.max(1, await sourceBytes(source));
  const onRead = (n: number) => onProgress(Math.min(1, n / total));
  if (!(await isGzip(source))) {
    yield* storedChunks(source, onRead);
    return;
  }
  yield* gunzipChunks(storedChunks(source, onRead), expansionCap(limits, total), {
    what: "gzip archive",
    compressed: total,
    limits,
  });
}

/** Bytes `compressed` stored bytes may expand to under `limits` (the ratio above a floor). */
export function expansionCap(limits: ExpansionLimits, compressed: number): number {
  return Math.min(
    limits.maxExpandedBytes,
    Math.max(RATIO_FLOOR_BYTES, limits.maxExpansionRatio * compressed),
  );
}

/** What a decompression error names: the archive (or archive entry) and the caps applied. */
export interface InflateLabel {
  /** "gzip archive", "archive entry scans/trivy.json.gz"… */
  what: string;
  compressed: number;
  limits: ExpansionLimits;
}

/** The error for expanded data past its cap (a possible decompression bomb). */
export function bombError(label: InflateLabel, cap: number, file?: string): AppError {
  const message = `expands beyond ${cap} bytes`;
  return new AppError(
    "payload_too_large",
    `${label.what} expands beyond ${cap} bytes (compressed ${label.compressed} bytes; limits ` +
      `${label.limits.maxExpandedBytes} bytes and ${label.limits.maxExpansionRatio}× the ` +
      `compressed size): refused as a possible decompression bomb`,
    [file === undefined ? { path: "content", message } : { file, message }],
  );
}

/**
 * Gunzips a byte stream, at most `cap` expanded bytes (then a payload_too_large error). The
 * decompressor runs on libuv's thread pool, so a large archive does not stall the server.
 */
export async function* gunzipChunks(
  input: AsyncIterable<Uint8Array>,
  cap: number,
  label: InflateLabel,
): AsyncGenerator<Uint8Array> {
  yield* inflateChunks(createGunzip({ chunkSize: 256 * 1024 }), input, cap, label, "gzip");
}

/**
 * Runs `input` through a zlib decompressor, yielding its output while bounding it by `cap`;
 * truncated or corrupt data becomes a parse_failed error naming `label.what`.
 */
export async function* inflateChunks(
  inflater: Transform,
  input: AsyncIterable<Uint8Array>,
  cap: number,
  label: InflateLabel,
  kind: "gzip" | "deflate",
): AsyncGenerator<Uint8Array> {
  // Feed the decompressor from the stored chunks while this generator reads its output.
  const feeding = (async () => {
    try {
      for await (const c of input) {
        if (inflater.destroyed) return;
        if (!inflater.write(c)) {
          await new Promise<void>((r) => {
            inflater.once("drain", r);
            inflater.once("close", r);
          });
        }
      }
      inflater.end();
    } catch (e) {
      inflater.destroy(e as Error);
    }
  })();
  let expanded = 0;
  try {
    for await (const c of inflater) {
      expanded += (c as Buffer).length;
      if (expanded > cap) throw bombError(label, cap);
      yield c as Buffer;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      "parse_failed",
      `${label.what} is truncated or corrupt: ${(e as Error).message}`,
      [{ path: "content", message: `invalid ${kind} data` }],
    );
  } finally {
    inflater.destroy();
    await feeding;
  }
}
