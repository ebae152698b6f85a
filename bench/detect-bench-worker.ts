// Worker thread of the detect bench: loads the rules itself (as a detection worker process
// would), runs its shard and posts the result.
import { parentPort, workerData } from "node:worker_threads";
import { loadBenchRules } from "./detect-bench-lanes";
import { runShard, type ShardJob } from "./detect-bench-run";

const { dir, job } = workerData as { dir: string; job: ShardJob };
const t0 = performance.now();
const { set } = loadBenchRules(dir);
const loadMs = performance.now() - t0;
parentPort!.postMessage({ loadMs, ...runShard(set, job) });
