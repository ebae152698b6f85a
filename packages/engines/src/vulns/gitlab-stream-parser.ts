import { JsonSplitter } from "./json-stream";
import { isObject, needArray, needObject } from "./json-shape";
import type { JsonObject } from "./json-shape";
import {
  GITLAB_EXPECTED,
  gitlabContext,
  gitlabResult,
  gitlabVulnFacts,
  gitlabVulnRecord,
} from "./gitlab-parser";
import type { GitlabContext, GitlabVulnFacts } from "./gitlab-parser";
import { confirmStreamedFormat, toJsonPath } from "./stream-format-check";
import type { StreamParseOptions } from "./stream-format-check";
import type { FormatStreamReader, RawRecord } from "./vulns-types";

/**
 * GitLab security reports read as a stream: each vulnerability is reduced to the few fields a
 * record needs (identifiers, location, severity, solution's fixed version, tracking signature)
 * as it arrives; `remediations` and `dependency_files` (diffs, file lists) are read, checked and
 * dropped. The report type and scanner come from `scan`, which GitLab's analyzers write after
 * `vulnerabilities`: until `scan` (and `version`) have been read, the compact vulnerabilities
 * wait, and they become records at the end. When `scan` comes first, records leave as each
 * vulnerability arrives. Memory: those compact entries and the records, never the document.
 */
export function gitlabStreamReader(opts: StreamParseOptions = {}): FormatStreamReader {
  const waiting: GitlabVulnFacts[] = [];
  let firstVuln: JsonObject | undefined;
  let ctx: GitlabContext | null = null;
  let records: RawRecord[] = [];
  // The assets records name, also of records already taken: the coverage lists each one.
  const assets = new Set<string>();
  const add = (f: GitlabVulnFacts, c: GitlabContext): void => {
    const r = gitlabVulnRecord(f, c, opts);
    assets.add(r.target);
    records.push(r);
  };
  const splitter = new JsonSplitter({
    expected: GITLAB_EXPECTED,
    split: [
      ["vulnerabilities", "*"],
      ["remediations", "*"],
      ["dependency_files", "*"],
    ],
    onElement(path, value, ancestors) {
      if (path[0] !== "vulnerabilities") return;
      if (!firstVuln && isObject(value)) firstVuln = value;
      const facts = gitlabVulnFacts(value, toJsonPath(path));
      const root = ancestors[0];
      if (!ctx && isObject(root) && root.version !== undefined && root.scan !== undefined)
        ctx = gitlabContext(root, firstVuln);
      if (ctx) add(facts, ctx);
      else waiting.push(facts);
    },
  });
  return {
    feed: (chunk) => splitter.feed(chunk),
    take() {
      const taken = records;
      records = [];
      return taken;
    },
    finish() {
      const root = needObject(splitter.end(), "$", GITLAB_EXPECTED);
      confirmStreamedFormat(root, "gitlab", opts);
      const c = ctx ?? gitlabContext(root, firstVuln);
      needArray(root.vulnerabilities, "$.vulnerabilities", GITLAB_EXPECTED);
      for (const f of waiting) add(f, c);
      waiting.length = 0;
      const out = gitlabResult(c, assets, opts);
      out.records = records;
      records = [];
      return out;
    },
  };
}
