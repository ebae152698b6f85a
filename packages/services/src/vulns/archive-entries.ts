import { open, stat } from "node:fs/promises";
import { constants as zlibConstants, createGunzip, gunzipSync } from "node:zlib";
import { AppError } from "@infrasec/core";
import {
  ByteReader,
  GZIP_MAGIC,
  ZIP_EMPTY_MAGIC,
  ZIP_LOCAL_MAGIC,
  isTarHeader,
  startsWith,
} from "./archive-bytes";
import { tarEntries } from "./archive-tar";
import { listZip, zipEntryChunks, zipError } from "./archive-zip";
import type { ZipEntry } from "./archive-zip";
import { bombError, expansionCap, inflateChunks, reportChunks } from "./report-source";
import type { ExpansionLimits, InflateLabel, ReportSource } from "./report-source";

/**
 * Which entries of a ZIP or tar archive are reports, and their expanded bytes under the caps:
 * every report's expanded bytes count against one total (`maxExpandedBytes`, as for a gzip
 * report), a ZIP entry may expand `maxExpansionRatio` × its compressed size (above the gzip
 * floor), and an archive of more than `maxArchiveEntries` entries is refused before any is read.
 */

export const DEFAULT_MAX_ARCHIVE_ENTRIES = 1000;

export interface ArchiveLimits extends ExpansionLimits {
  /** Entries (of any kind) an archive may hold (default 1,000). */
  maxArchiveEntries?: number;
}

export type ArchiveKind = "zip" | "tar" | "tar.gz";

/** A report inside an archive: its name and expanded bytes (a `.gz` entry gunzipped). */
export interface ReportEntry {
  name: string;
  /** Position in the archive (names may repeat), to read the same entry again. */
  index: number;
  chunks: AsyncIterable<Uint8Array>;
}

const HEAD_BYTES = 4096;
const REPORT_NAME = /\.(json|xml|nessus|sarif)(\.gz)?$/i;
const ARCHIVE_NAME = /\.(zip|tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst))$/i;

/** Directories, hidden files and macOS resource forks are not reports. */
function isHidden(name: string): boolean {
  return name.split("/").some((s) => s.startsWith(".") || s === "__MACOSX");
}

/** Whether an archive entry is a report to import; a nested archive is refused. */
export function isReportEntry(name: string, directory: boolean): boolean {
  if (directory || name.endsWith("/") || isHidden(name)) return false;
  if (ARCHIVE_NAME.test(name)) {
    throw zipError(
      "validation_failed",
      "nested archives are not read; extract it and import its reports separately",
      name,
    );
  }
  return REPORT_NAME.test(name);
}

/** ZIP, tar or tar.gz for a file source; null for a report (plain or gzip) or text content. */
export async function archiveKind(source: ReportSource): Promise<ArchiveKind | null> {
  if (source.kind !== "file") return null;
  const fh = await open(source.path, "r");
  const head = Buffer.alloc(HEAD_BYTES);
  let n: number;
  try {
    n = (await fh.read(head, 0, HEAD_BYTES, 0)).bytesRead;
  } finally {
    await fh.close();
  }
  if (startsWith(head, ZIP_LOCAL_MAGIC) || startsWith(head, ZIP_EMPTY_MAGIC)) return "zip";
  if (isTarHeader(head)) return "tar";
  if (!startsWith(head, GZIP_MAGIC)) return null;
  // gzip: a tar.gz when the expanded bytes start with a tar header. The first 4 KiB are
  // inflated with a sync flush (no error for the cut); deflate expands them 1,032× at most.
  try {
    const out = gunzipSync(head.subarray(0, n), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    return isTarHeader(out) ? "tar.gz" : null;
  } catch {
    return null; // a corrupt gzip: the report reader says so
  }
}

/** The expanded bytes of all reports, counted against the total cap. */
class Budget {
  private used = 0;
  constructor(
    readonly limits: ArchiveLimits,
    readonly compressed: number,
  ) {}
  get left(): number {
    return this.limits.maxExpandedBytes - this.used;
  }
  /** Counts an entry's bytes; past the total the archive is refused as a bomb. */
  async *count(name: string, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const c of chunks) {
      this.used += c.length;
      if (this.used > this.limits.maxExpandedBytes) {
        const label = {
          what: `archive (at entry ${name})`,
          compressed: this.compressed,
          limits: this.limits,
        };
        throw bombError(label, this.limits.maxExpandedBytes, name);
      }
      yield c;
    }
  }
}

/**
 * An entry's bytes with `.gz` content gunzipped (bounded by the budget and the ratio to the
 * stored size) and nested archives refused by their content, whatever their name.
 */
async function* reportBytes(
  name: string,
  stored: AsyncIterable<Uint8Array>,
  storedSize: number,
  budget: Budget,
): AsyncGenerator<Uint8Array> {
  const reader = new ByteReader(stored);
  const nested = () =>
    zipError("validation_failed", "holds an archive; nested archives are not read", name);
  try {
    let head = await reader.peek(512);
    let body: AsyncIterable<Uint8Array> = reader.rest();
    if (startsWith(head, GZIP_MAGIC)) {
      const label: InflateLabel = {
        what: `archive entry ${name}`,
        compressed: storedSize,
        limits: budget.limits,
      };
      const cap = Math.min(budget.left, expansionCap(budget.limits, storedSize));
      const inner = new ByteReader(inflateChunks(createGunzip(), body, cap, label, "gzip"));
      head = await inner.peek(512);
      if (startsWith(head, GZIP_MAGIC)) throw nested();
      body = inner.rest();
    }
    if (
      startsWith(head, ZIP_LOCAL_MAGIC) ||
      startsWith(head, ZIP_EMPTY_MAGIC) ||
      isTarHeader(head)
    ) {
      throw nested();
    }
    yield* budget.count(name, body);
  } finally {
    await reader.close();
  }
}

/** Drains what a report parser left unread, so that a ZIP entry's CRC is still checked. */
async function readToEnd(it: AsyncIterator<Uint8Array>): Promise<void> {
  while (!(await it.next()).done);
}

/** Yields `it` without closing it when the consumer stops early (see readToEnd). */
async function* unclosed(it: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (;;) {
    const r = await it.next();
    if (r.done) return;
    yield r.value;
  }
}

/**
 * The reports of an archive file, in archive order; read each entry's chunks before asking for
 * the next. `only` restricts them to these entry indexes (a second pass). No report at all is
 * an error listing what the archive holds. `onProgress` gets the fraction of the file read.
 */
export async function* archiveReports(
  path: string,
  kind: ArchiveKind,
  limits: ArchiveLimits,
  onProgress: (fraction: number) => void,
  only?: ReadonlySet<number>,
): AsyncGenerator<ReportEntry> {
  const maxEntries = limits.maxArchiveEntries ?? DEFAULT_MAX_ARCHIVE_ENTRIES;
  const fileBytes = Math.max(1, (await stat(path)).size);
  const budget = new Budget(limits, fileBytes);
  const others: string[] = [];
  let found = 0;
  const wanted = (index: number) => only === undefined || only.has(index);
  if (kind === "zip") {
    const entries = await listZip(path, maxEntries);
    const reports: ZipEntry[] = [];
    for (const e of entries) {
      if (isReportEntry(e.name, e.directory)) reports.push(e);
      else if (!e.directory) others.push(e.name);
    }
    checkDeclaredSizes(reports, limits);
    let read = 0;
    for (const e of reports) {
      if (!wanted(e.index)) continue;
      found++;
      const label = { what: `archive entry ${e.name}`, compressed: e.compressedSize, limits };
      const cap = Math.min(budget.left, expansionCap(limits, e.compressedSize));
      const stored = zipEntryChunks(path, e, cap, label, (n) => {
        read += n;
        onProgress(Math.min(1, read / fileBytes));
      });
      const it = reportBytes(e.name, stored, e.compressedSize, budget);
      try {
        yield { name: e.name, index: e.index, chunks: unclosed(it) };
        await readToEnd(it);
      } finally {
        await it.return(undefined);
      }
    }
  } else {
    const reader = new ByteReader(reportChunks({ kind: "file", path }, limits, onProgress));
    try {
      for await (const e of tarEntries(reader, maxEntries)) {
        if (!isReportEntry(e.name, e.type === "directory")) {
          if (e.type === "file") others.push(e.name);
          continue;
        }
        if (e.type !== "file" || !wanted(e.index)) continue;
        found++;
        const it = reportBytes(e.name, e.chunks, e.size, budget);
        try {
          yield { name: e.name, index: e.index, chunks: unclosed(it) };
        } finally {
          await it.return(undefined);
        }
      }
    } finally {
      await reader.close();
    }
  }
  if (found === 0 && only === undefined) {
    throw new AppError(
      "validation_failed",
      `the ${kind} archive holds no report (entries named *.json, *.xml, *.nessus or *.sarif, ` +
        `optionally .gz)${others.length ? `; it holds ${preview(others)}` : "; it is empty"}`,
      [{ path: "content", message: "no report in the archive" }],
    );
  }
}

function preview(names: string[]): string {
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/** A bomb declared in the ZIP directory is refused before a byte is inflated. */
function checkDeclaredSizes(reports: ZipEntry[], limits: ArchiveLimits): void {
  let total = 0;
  for (const e of reports) {
    const cap = expansionCap(limits, e.compressedSize);
    const label = { what: `archive entry ${e.name}`, compressed: e.compressedSize, limits };
    if (e.size > cap) throw bombError(label, cap, e.name);
    total += e.size;
    if (total > limits.maxExpandedBytes) {
      throw bombError(
        {
          what: `the archive's reports (at entry ${e.name})`,
          compressed: e.compressedSize,
          limits,
        },
        limits.maxExpandedBytes,
        e.name,
      );
    }
  }
}
