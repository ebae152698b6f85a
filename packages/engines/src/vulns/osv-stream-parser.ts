import { JsonSplitter } from "./json-stream";
import { childPath } from "./parse-error";
import { isObject, needArray, needObject, optArray } from "./json-shape";
import type { JsonObject } from "./json-shape";
import {
  OSV_EXPECTED,
  addOsvSource,
  newOsvResult,
  osvPackageRecords,
  osvSourcePath,
} from "./osv-parser";
import { confirmStreamedFormat, isIndexedKey, toJsonPath } from "./stream-format-check";
import type { StreamParseOptions } from "./stream-format-check";
import type { FormatStreamReader, RawRecord } from "./vulns-types";

/**
 * OSV-Scanner JSON read as a stream: each `results[].packages[]` entry (a package with its OSV
 * records) is parsed alone and turned into records at once; the OSV records' details, affected
 * ranges and references are then dropped. A record's location is its result's `source.path`,
 * which OSV-Scanner writes before `packages`; when a producer writes it after, the records of
 * that result wait until it closes and get the path then. Memory: the records, never the
 * document.
 */
export function osvStreamReader(opts: StreamParseOptions = {}): FormatStreamReader {
  const out = newOsvResult(opts);
  /** Records of results whose `source` had not been read when their packages arrived. */
  const waiting = new Map<JsonObject, RawRecord[]>();
  let ready: RawRecord[] = [];
  const splitter = new JsonSplitter({
    expected: OSV_EXPECTED,
    split: [["results", "*", "packages", "*"]],
    onElement(path, value, ancestors) {
      // ancestors: [root, results, result, packages].
      const result = ancestors[2];
      if (!isObject(result)) return;
      if (result.source !== undefined) {
        const p = osvSourcePath(result);
        osvPackageRecords(value, toJsonPath(path), p, out.coverage.scanner, opts, ready);
        return;
      }
      const list = waiting.get(result) ?? [];
      osvPackageRecords(value, toJsonPath(path), "", out.coverage.scanner, opts, list);
      waiting.set(result, list);
    },
    onClose(path, value) {
      if (!isIndexedKey(path, "results") || !isObject(value)) return;
      const p = childPath("$.results", path[1]);
      optArray(value.packages, `${p}.packages`, OSV_EXPECTED);
      const sourcePath = addOsvSource(out, value, opts);
      for (const r of waiting.get(value) ?? []) {
        r.location = { path: sourcePath };
        ready.push(r);
      }
      waiting.delete(value);
    },
  });
  return {
    feed: (chunk) => splitter.feed(chunk),
    take() {
      const taken = ready;
      ready = [];
      return taken;
    },
    finish() {
      const root = needObject(splitter.end(), "$", OSV_EXPECTED);
      confirmStreamedFormat(root, "osv-scanner", opts);
      // Results that are not objects never closed as results: the whole parser's check names them.
      needArray(root.results, "$.results", OSV_EXPECTED).forEach((r, i) =>
        needObject(r, childPath("$.results", i), OSV_EXPECTED),
      );
      out.records = ready;
      ready = [];
      return out;
    },
  };
}
