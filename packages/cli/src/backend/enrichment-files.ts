import { createReadStream, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { AppError } from "@infrasec/core";

/**
 * Reading EPSS and KEV files for `infrasec vulns enrich`: EPSS comes as
 * `epss_scores-current.csv.gz`, so it is gunzipped as a stream with a cap on the expanded size
 * (a decompression bomb stops at the cap, not at the end of memory).
 */

/** Expanded bytes an EPSS file may have (today's file is about 10 MB). */
export const EPSS_MAX_EXPANDED_BYTES = 256 * 1024 * 1024;
/** Bytes a KEV catalog file may have (today's is about 1.5 MB). */
export const KEV_MAX_FILE_BYTES = 32 * 1024 * 1024;

export function checkFile(file: string): number {
  try {
    const s = statSync(file);
    if (!s.isFile()) throw new Error("not a file");
    return s.size;
  } catch {
    throw new AppError("validation_failed", `cannot read ${file}`, [
      { file, message: "no such file or not a regular file" },
    ]);
  }
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The file's lines (gunzipped when it is gzip), stopping with an error past `maxBytes`. */
export async function* fileLines(
  file: string,
  maxBytes = EPSS_MAX_EXPANDED_BYTES,
): AsyncGenerator<string> {
  checkFile(file);
  const raw = createReadStream(file);
  const input = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw;
  const decoder = new TextDecoder("utf-8");
  let bytes = 0;
  let rest = "";
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        throw new AppError("validation_failed", `${file} expands to more than ${maxBytes} bytes`, [
          { file, message: `more than ${maxBytes} bytes once decompressed` },
        ]);
      }
      const text = rest + decoder.decode(chunk, { stream: true });
      const lines = text.split("\n");
      rest = lines.pop()!;
      yield* lines;
    }
    yield rest + decoder.decode();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("parse_failed", `${file}: cannot read: ${(e as Error).message}`, [
      { file, message: (e as Error).message },
    ]);
  } finally {
    raw.destroy();
  }
}

/** The whole file as text (gunzipped when needed), at most `maxBytes` once expanded. */
export async function fileText(file: string, maxBytes: number): Promise<string> {
  const parts: string[] = [];
  for await (const line of fileLines(file, maxBytes)) parts.push(line);
  return parts.join("\n");
}
