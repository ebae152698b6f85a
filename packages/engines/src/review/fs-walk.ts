import {
  closeSync,
  openSync,
  readSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from "node:fs";
import { join, posix, sep } from "node:path";
import type { ErrorDetail } from "@infrasec/core";
import type { FileSource } from "./terraform/tf-types";

/** Limits of a directory walk. */
export interface WalkOptions {
  /** Files above this size are reported and skipped (default 5 MiB). */
  maxFileBytes?: number;
  /** Stop after this many files (default 200 000), reported as an error. */
  maxFiles?: number;
  /** Directory names never entered. */
  skipDirs?: readonly string[];
}

/** Files found by a walk, with the problems met on the way (the walk goes on after each). */
export interface WalkResult {
  files: string[];
  errors: ErrorDetail[];
}

const DEFAULT_SKIP = [".git", "node_modules", ".terraform", ".venv", "__pycache__", ".idea"];

const toPosix = (p: string): string => (sep === "/" ? p : p.split(sep).join("/"));

/**
 * Walk files and directories: bounded by size and count, symlink loops detected through real
 * paths, unreadable directories and oversized files reported with their path.
 */
export function walkPaths(paths: readonly string[], opts: WalkOptions = {}): WalkResult {
  const maxBytes = opts.maxFileBytes ?? 5 * 1024 * 1024;
  const maxFiles = opts.maxFiles ?? 200_000;
  const skip = new Set(opts.skipDirs ?? DEFAULT_SKIP);
  const files: string[] = [];
  const errors: ErrorDetail[] = [];
  const seenDirs = new Set<string>();
  const visit = (path: string, explicit: boolean): void => {
    if (files.length >= maxFiles) return;
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      errors.push({
        file: toPosix(path),
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      });
      return;
    }
    if (st.isDirectory()) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        real = path;
      }
      if (seenDirs.has(real)) {
        if (!explicit)
          errors.push({
            file: toPosix(path),
            message: "symlink loop or repeated directory skipped",
          });
        return;
      }
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = readdirSync(path).sort();
      } catch (e) {
        errors.push({
          file: toPosix(path),
          message: `unreadable directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        });
        return;
      }
      for (const name of entries) {
        if (skip.has(name)) continue;
        visit(join(path, name), false);
      }
      return;
    }
    if (!st.isFile()) return;
    if (st.size > maxBytes) {
      errors.push({ file: toPosix(path), message: `file larger than ${maxBytes} bytes skipped` });
      return;
    }
    files.push(toPosix(path));
    if (files.length === maxFiles)
      errors.push({ file: toPosix(path), message: `stopped after ${maxFiles} files` });
  };
  // Paths stay as given (relative stays relative) so reports and baselines name the same files.
  for (const p of paths) visit(posix.normalize(toPosix(p)), true);
  return { files, errors };
}

/** True when the first bytes contain a NUL byte (binary file). */
export function looksBinary(content: string): boolean {
  return content.slice(0, 8000).includes("\u0000");
}

/** Read the first bytes of a file (for content sniffing without reading big files). */
export function readHead(path: string, bytes = 4096): string {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** A FileSource over the real filesystem (read-only, size-bounded, no writes). */
export function diskFs(maxFileBytes = 5 * 1024 * 1024): FileSource {
  return {
    list(dir) {
      try {
        return readdirSync(dir, { withFileTypes: true }).map((e) => ({
          name: e.name,
          isDir: e.isDirectory() || (e.isSymbolicLink() && isDir(posix.join(dir, e.name))),
        }));
      } catch {
        return undefined;
      }
    },
    read(path) {
      try {
        if (statSync(path).size > maxFileBytes) return undefined;
        const text = readFileSync(path, "utf8");
        return looksBinary(text) ? undefined : text;
      } catch {
        return undefined;
      }
    },
  };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
