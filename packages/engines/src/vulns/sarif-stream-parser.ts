import { JsonSplitter } from "./json-stream";
import type { PathPattern } from "./json-stream";
import { childPath } from "./parse-error";
import { isObject, needArray, needObject, optArray } from "./json-shape";
import type { JsonObject } from "./json-shape";
import {
  SARIF_EXPECTED,
  addAbsentWarning,
  addSarifRun,
  checkSarifVersion,
  newSarifResult,
  sarifResultFacts,
  sarifResultRecord,
  sarifRule,
  sarifRunContext,
} from "./sarif-parser";
import type { SarifResultFacts, SarifRule } from "./sarif-parser";
import { confirmStreamedFormat, isIndexedKey, toJsonPath } from "./stream-format-check";
import type { StreamParseOptions } from "./stream-format-check";
import type { FormatStreamReader, RawRecord } from "./vulns-types";

/** Run parts that can be large and that records never use: read, checked, and dropped. */
const DROPPED: readonly PathPattern[] = [
  ["runs", "*", "artifacts", "*"],
  ["runs", "*", "tool", "extensions", "*"],
  ["runs", "*", "taxonomies", "*"],
  ["runs", "*", "logicalLocations", "*"],
  ["runs", "*", "threadFlowLocations", "*"],
  ["runs", "*", "graphs", "*"],
];

interface RunState {
  rules: (SarifRule | null)[];
  /** Compact results waiting for the run to close (its asset, tool and rules are then known). */
  results: SarifResultFacts[];
}

/**
 * SARIF 2.1.0 read as a stream: each result is reduced to the few fields a record needs as it
 * arrives (code flows, stacks and fixes are dropped), and each rule to its id, title, tags and
 * severities. A result needs its run's tool, rules and `versionControlProvenance`, which SARIF
 * allows before or after `results` (tools write the latter after), so a run's compact results
 * wait until the run closes; its records leave then. Memory: the compact results of one run
 * plus the records, never the document.
 */
export function sarifStreamReader(opts: StreamParseOptions = {}): FormatStreamReader {
  const out = newSarifResult();
  const runs = new Map<JsonObject, RunState>();
  let ready: RawRecord[] = [];
  let absent = 0;
  // Keyed by the run's skeleton object: results and rules reach it through `ancestors`.
  const stateOf = (run: JsonObject): RunState => {
    let s = runs.get(run);
    if (!s) runs.set(run, (s = { rules: [], results: [] }));
    return s;
  };
  const splitter = new JsonSplitter({
    expected: SARIF_EXPECTED,
    split: [
      ["runs", "*", "results", "*"],
      ["runs", "*", "tool", "driver", "rules", "*"],
      ...DROPPED,
    ],
    onElement(path, value, ancestors) {
      // ancestors: [root, runs, run, results] or [root, runs, run, tool, driver, rules].
      const run = ancestors[2];
      if (!isObject(run)) return;
      if (path[2] === "results") {
        const facts = sarifResultFacts(value, toJsonPath(path));
        if (facts) stateOf(run).results.push(facts);
        else absent++;
      } else if (path[2] === "tool" && path[4] === "rules") {
        stateOf(run).rules.push(sarifRule(value));
      }
    },
    onClose(path, value, ancestors) {
      if (!isIndexedKey(path, "runs") || !isObject(value)) return;
      const root = ancestors[0];
      if (isObject(root) && root.version !== undefined) checkSarifVersion(root);
      const state = stateOf(value);
      const p = childPath("$.runs", path[1]);
      const ctx = sarifRunContext(value, p, opts, state.rules);
      optArray(value.results, `${p}.results`, SARIF_EXPECTED);
      addSarifRun(out, ctx);
      for (const f of state.results) ready.push(sarifResultRecord(f, ctx, opts));
      runs.delete(value);
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
      const root = needObject(splitter.end(), "$", SARIF_EXPECTED);
      confirmStreamedFormat(root, "sarif", opts);
      checkSarifVersion(root);
      // Runs that are not objects never closed as runs: the whole parser's check names them.
      needArray(root.runs, "$.runs", SARIF_EXPECTED).forEach((run, i) =>
        needObject(run, childPath("$.runs", i), SARIF_EXPECTED),
      );
      addAbsentWarning(out, absent);
      out.records = ready;
      ready = [];
      return out;
    },
  };
}
