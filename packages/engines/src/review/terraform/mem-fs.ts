import { posix } from "node:path";
import type { FileSource } from "./tf-types";

/** An in-memory FileSource over `{ path: content }`, for tests and previews. */
export function memFs(files: Readonly<Record<string, string>>): FileSource {
  const norm = new Map(Object.entries(files).map(([p, c]) => [posix.normalize(p), c]));
  return {
    list(dir) {
      const d = posix.normalize(dir).replace(/\/$/, "");
      const seen = new Map<string, boolean>();
      for (const p of norm.keys()) {
        if (!p.startsWith(d + "/")) continue;
        const rest = p.slice(d.length + 1);
        const slash = rest.indexOf("/");
        if (slash < 0) seen.set(rest, false);
        else seen.set(rest.slice(0, slash), true);
      }
      return seen.size ? [...seen].map(([name, isDir]) => ({ name, isDir })) : undefined;
    },
    read(path) {
      return norm.get(posix.normalize(path));
    },
  };
}
