import { createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError, newId } from "@infrasec/core";

/** Uploaded bytes accepted by default (2 GiB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** Bytes of an oversized body read and dropped before the connection is cut. */
const DRAIN_BYTES = 64 * 1024 * 1024;
const REPORT_SUFFIX = ".report";
const PART_PREFIX = "upload-";

/**
 * The directory where uploaded reports wait for their import job: `<jobId>.report` while the
 * job is queued, running or waiting for confirmation; `upload-<id>.part` while a request body is
 * still arriving. The job deletes its file when it finishes, fails or is recovered as
 * interrupted; `sweep` removes what a crashed process left.
 */
export function createImportSpool(dir: string, opts: { ephemeral?: boolean } = {}) {
  // Created on first use: most processes (CLI commands, servers without uploads) never need it.
  const ready = () => mkdir(dir, { recursive: true });
  // A private directory (no data dir configured: tests, embedded use) is removed again whenever
  // it is empty, so processes do not leave one empty folder each in the temporary directory.
  const tidy = () => (opts.ephemeral ? rmdir(dir).catch(() => undefined) : Promise.resolve());
  /** Runs a write in the directory, recreating it once if `tidy` removed it meanwhile. */
  async function inDir<T>(write: () => Promise<T>): Promise<T> {
    await ready();
    try {
      return await write();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      await ready();
      return write();
    }
  }
  const pathOf = (jobId: string) => join(dir, `${jobId}${REPORT_SUFFIX}`);
  const remove = (path: string) => rm(path, { force: true }).catch(() => undefined);

  return {
    dir,
    pathOf,

    /**
     * Streams a request body to a temporary file, never holding it in memory. More than
     * `maxBytes` is refused with payload_too_large; an aborted or empty body too. The partial
     * file is removed on every failure.
     */
    async receive(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
      await ready();
      const temp = join(dir, `${PART_PREFIX}${newId()}.part`);
      let bytes = 0;
      const tooLarge = new AppError(
        "payload_too_large",
        `the report is larger than the upload limit of ${maxBytes} bytes`,
        [{ path: "body", message: `more than ${maxBytes} bytes` }],
      );
      // Past the limit the rest of the body is read and dropped (up to DRAIN_BYTES more), so
      // that the client, still sending, gets the 413 instead of a broken connection.
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > maxBytes + DRAIN_BYTES) done(tooLarge);
          else if (bytes > maxBytes) done();
          else done(null, chunk);
        },
      });
      try {
        await pipeline(body, counter, createWriteStream(temp));
        if (bytes > maxBytes) throw tooLarge;
      } catch (e) {
        await remove(temp);
        if (e instanceof AppError) throw e;
        throw new AppError(
          "validation_failed",
          `the upload did not complete: ${(e as Error).message}`,
          [{ path: "body", message: "incomplete request body" }],
        );
      }
      if (bytes === 0) {
        await remove(temp);
        throw new AppError("validation_failed", "the report is empty", [
          { path: "body", message: "empty" },
        ]);
      }
      return temp;
    },

    /** Moves a received upload to its job's name. */
    async adopt(temp: string, jobId: string): Promise<string> {
      const to = pathOf(jobId);
      await rename(temp, to);
      return to;
    },

    /** Copies a report read in place (CLI local mode) so a waiting job keeps its own copy. */
    async keep(from: string, jobId: string): Promise<void> {
      const to = pathOf(jobId);
      if (from !== to) await inDir(() => copyFile(from, to));
    },

    /** Stores report bytes for a waiting job. */
    async write(jobId: string, bytes: Uint8Array): Promise<void> {
      await inDir(() => writeFile(pathOf(jobId), bytes));
    },

    async exists(jobId: string): Promise<boolean> {
      return stat(pathOf(jobId)).then(
        (s) => s.isFile(),
        () => false,
      );
    },

    /** Deletes a job's report (missing is fine). */
    discard: (jobId: string) => remove(pathOf(jobId)).then(tidy),

    /** Deletes a temporary upload that never became a job. */
    discardTemp: (path: string) => remove(path).then(tidy),

    /**
     * Removes files no live job needs: reports whose job `isLive` denies, and partial uploads
     * not written to for `staleMs` (a crashed process's request bodies).
     */
    async sweep(isLive: (jobId: string) => Promise<boolean>, staleMs: number): Promise<string[]> {
      const removed: string[] = [];
      const names = await readdir(dir).catch(() => [] as string[]); // none yet: nothing to sweep
      for (const name of names) {
        const path = join(dir, name);
        if (name.endsWith(REPORT_SUFFIX)) {
          if (await isLive(name.slice(0, -REPORT_SUFFIX.length))) continue;
        } else if (name.startsWith(PART_PREFIX)) {
          const s = await stat(path).catch(() => null);
          if (!s || Date.now() - s.mtimeMs < staleMs) continue;
        } else continue;
        await remove(path);
        removed.push(name);
      }
      return removed;
    },
  };
}
export type ImportSpool = ReturnType<typeof createImportSpool>;
