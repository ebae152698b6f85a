import { JsonSplitter } from "./json-stream";
import type { PathSegment } from "./json-stream";
import { childPath } from "./parse-error";
import { needArray, needObject } from "./json-shape";
import { GRYPE_SECTIONS, grypeItemRecord, grypeSkeleton } from "./grype-parser";
import type { GrypeSection } from "./grype-parser";
import type { FormatParseOptions } from "./trivy-parser";
import type { FormatStreamReader, RawRecord, ScannerInfo } from "./vulns-types";

const EXPECTED = "Grype JSON report";

/**
 * Grype JSON read as a stream: each match is parsed alone as it arrives. Grype writes `source`
 * and `descriptor` after the matches, so records get their asset and scanner at the end.
 */
export function grypeStreamReader(opts: FormatParseOptions = {}): FormatStreamReader {
  const records: RawRecord[] = [];
  const provisional: ScannerInfo = { name: "grype", version: null };
  const splitter = new JsonSplitter({
    expected: EXPECTED,
    split: GRYPE_SECTIONS.map((s) => [s, "*"]),
    onElement(path, value) {
      const section = path[0] as GrypeSection;
      records.push(
        grypeItemRecord(section, value, toJsonPath(path), opts.asset ?? "", provisional),
      );
    },
  });
  return {
    feed: (chunk) => splitter.feed(chunk),
    // Grype names the asset after the matches: nothing can leave before the end.
    take: () => [],
    finish() {
      const root = needObject(splitter.end(), "$", EXPECTED);
      needArray(root.matches, "$.matches", EXPECTED);
      const out = grypeSkeleton(root, opts);
      const asset = out.coverage.targets[0]!.asset;
      for (const r of records) {
        r.target = asset;
        r.scanner = out.coverage.scanner;
      }
      out.records = records;
      return out;
    },
  };
}

function toJsonPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((acc, s) => childPath(acc, s), "$");
}
