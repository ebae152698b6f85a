// One pass of the detect bench over one shard of a lane: JSON.parse only, or line → normalize →
// detect (indexed or naive). Generation is not timed: lines are generated in chunks and only the
// processing of each chunk is measured.
import { createDetector, type CompiledRuleSet } from "../packages/engines/src/detect/index";
import { laneChunks, laneNormalizer, type LaneName } from "./detect-bench-lanes";

export interface ShardJob {
  lane: LaneName;
  /** Generated units (lines; kernel events for auditd). */
  units: number;
  shard: number;
  shards: number;
  mode: "parse" | "indexed" | "naive";
}

export interface ShardResult {
  inputs: number;
  events: number;
  matches: number;
  correlationMatches: number;
  /** Wall time spent processing (generation excluded). */
  processMs: number;
  /** Process CPU time over the same spans: the per-core figure when one thread runs. */
  processCpuMs: number;
}

export function runShard(set: CompiledRuleSet, job: ShardJob): ShardResult {
  const out: ShardResult = {
    inputs: 0,
    events: 0,
    matches: 0,
    correlationMatches: 0,
    processMs: 0,
    processCpuMs: 0,
  };
  const detector =
    job.mode === "parse"
      ? null
      : createDetector(set, { naive: job.mode === "naive", includeEvent: false });
  const nz = laneNormalizer(job.lane);
  const count = (ms: readonly { correlation: unknown }[]): void => {
    out.matches += ms.length;
    for (const m of ms) if (m.correlation) out.correlationMatches++;
  };
  const span = (fn: () => void): void => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    out.processMs += performance.now() - t0;
    const c = process.cpuUsage(c0);
    out.processCpuMs += (c.user + c.system) / 1000;
  };
  for (const chunk of laneChunks(job.lane, job.units, job.shard, job.shards)) {
    out.inputs += chunk.length;
    span(() => {
      if (!detector) {
        if (job.lane !== "auditd") for (const l of chunk) JSON.parse(l);
        return;
      }
      for (const l of chunk)
        for (const e of nz.push(l)) {
          out.events++;
          count(detector.process(e));
        }
    });
  }
  if (detector)
    span(() => {
      for (const e of nz.flush()) {
        out.events++;
        count(detector.process(e));
      }
      count(detector.flush());
    });
  return out;
}
