// Benchmark of the change-review engine on generated corpora (run: npm run bench:review).
// Prints wall time, parse-only time and peak RSS per corpus; never asserts (figures go in notes).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { parseDockerfile } from "../packages/engines/src/review/dockerfile/index";
import { parseKubernetesManifest } from "../packages/engines/src/review/kubernetes/index";
import { parseHcl, reviewPaths, walkPaths } from "../packages/engines/src/review/index";
import type { ReviewResult } from "../packages/engines/src/review/index";
import { writeDockerCorpus, writeKubernetesCorpus, writeTerraformCorpus } from "./review-corpus";

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
const today = new Date().toISOString().slice(0, 10);

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}

function parseOnly(files: string[], parse: (path: string, text: string) => unknown): number {
  return time(() => {
    for (const f of files) parse(f, readFileSync(f, "utf8"));
  })[1];
}

function row(name: string, size: string, wall: number, parse: number, r: ReviewResult): void {
  peak = Math.max(peak, process.memoryUsage().rss);
  const s = r.summary;
  console.log(
    `${name.padEnd(22)} ${size.padEnd(34)} wall ${(wall / 1000).toFixed(2)} s   parse-only ${(parse / 1000).toFixed(2)} s   findings ${s.total} (unknown ${s.byStatus.unknown})   subjects ${s.subjects ?? 0}   errors ${s.errors}   peak RSS ${mb(peak)}`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "infrasec-bench-"));
try {
  const tfDir = join(dir, "tf");
  const tf = writeTerraformCorpus(tfDir);
  const tfFiles = walkPaths([tfDir]).files;
  const tfParse = parseOnly(tfFiles, parseHcl);
  const [tfResult, tfWall] = time(() => reviewPaths([tfDir], { today }));
  row("terraform", `${tf.files} files, ${tf.lines} lines, 70 modules`, tfWall, tfParse, tfResult);

  // Change mode: copy, change 20 files, review only the roots they touch against the baseline.
  const headDir = join(dir, "tf-head");
  cpSync(tfDir, headDir, { recursive: true });
  // A typical MR: one stack and two of the modules it calls (20 files), not the whole repository.
  const changed = tfFiles
    .filter((f) => /\/stacks\/s0\/f[0-5]\.tf$|\/modules\/m[01]\/f[0-6]\.tf$/.test(f))
    .slice(0, 20)
    .map((f) => join(headDir, relative(tfDir, f)));
  for (const f of changed)
    writeFileSync(
      f,
      readFileSync(f, "utf8")
        .replace(/enable_key_rotation = true/g, "enable_key_rotation = false")
        .replace(/"required"/g, '"optional"'),
    );
  const baseline = reviewPaths([headDir], { today }).findings.filter(() => true);
  for (const f of changed)
    writeFileSync(
      f,
      readFileSync(f, "utf8") +
        '\nresource "aws_ebs_volume" "bench_new" {\n  availability_zone = "eu-west-1a"\n}\n',
    );
  const [cmResult, cmWall] = time(() =>
    reviewPaths([headDir], { today, baseline, changedFiles: changed }),
  );
  row("terraform change mode", `${changed.length} changed files`, cmWall, 0, cmResult);

  const k8sDir = join(dir, "k8s");
  const docs = writeKubernetesCorpus(k8sDir);
  const k8sFiles = walkPaths([k8sDir]).files;
  const k8sParse = parseOnly(k8sFiles, (p, t) => parseKubernetesManifest(p, t));
  const [k8sResult, k8sWall] = time(() => reviewPaths([k8sDir], { today }));
  row("kubernetes", `${docs} documents in ${k8sFiles.length} files`, k8sWall, k8sParse, k8sResult);

  const dockDir = join(dir, "docker");
  const n = writeDockerCorpus(dockDir);
  const dockFiles = walkPaths([dockDir]).files;
  const dockParse = parseOnly(dockFiles, (p, t) => parseDockerfile(p, t));
  const [dockResult, dockWall] = time(() => reviewPaths([dockDir], { today }));
  row("dockerfile", `${n} Dockerfiles`, dockWall, dockParse, dockResult);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
