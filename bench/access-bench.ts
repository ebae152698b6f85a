/**
 * `npm run bench:access`: times the access engine on generated inputs (issue 7 targets: an AWS
 * account with 5k roles, 2k users and 20k policies in ≤ 30 s and ≤ 2 GB RSS; a Kubernetes cluster
 * with 50k bindings in ≤ 10 s). Prints figures; asserts nothing.
 */
import {
  analyzeAwsAccount,
  analyzeKubernetesRbac,
  parseAuthorizationDetails,
  parseKubernetesRbac,
} from "@infrasec/engines/access";
import { generateAwsAccount, generateK8sCluster } from "./access-bench-data";

function rssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

// CPU seconds are printed next to wall time: on a shared machine wall time mostly measures the
// neighbours.
function time<T>(label: string, f: () => T): T {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = f();
  const cu = process.cpuUsage(c);
  const cpu = ((cu.user + cu.system) / 1e6).toFixed(2);
  console.log(
    `${label.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(2).padStart(7)} s wall  ${cpu.padStart(7)} s cpu   peak RSS ${rssMb()} MB`,
  );
  return r;
}

const roles = Number(process.env.BENCH_ROLES ?? 5000);
const users = Number(process.env.BENCH_USERS ?? 2000);
const policies = Number(process.env.BENCH_POLICIES ?? 20000);
const bindings = Number(process.env.BENCH_BINDINGS ?? 50000);

console.log(
  `access bench: AWS ${roles} roles, ${users} users, ${policies} policies; Kubernetes ${bindings} bindings`,
);
const gaadText = time("generate AWS account", () =>
  generateAwsAccount({ roles, users, policies, seed: 7 }),
);
console.log(`  authorization details: ${(gaadText.length / 1e6).toFixed(1)} MB`);
const total = performance.now();
const totalCpu = process.cpuUsage();
const account = time("parse authorization details", () =>
  parseAuthorizationDetails("bench.json", gaadText),
);
const analysis = time("analyse (admin, paths, findings)", () =>
  analyzeAwsAccount(account, { now: "2026-11-25T00:00:00Z", file: "bench.json" }),
);
const awsSeconds = (performance.now() - total) / 1000;
const awsCpu = process.cpuUsage(totalCpu);
const r = analysis.report;
const admins = r.principals.filter((p) => p.isAdmin).length;
const escalating = r.principals.filter((p) =>
  p.escalations.some((e) => e.outcome === "admin"),
).length;
const multiHop = r.principals.filter((p) =>
  p.escalations.some((e) => e.outcome === "admin" && e.steps.length > 1),
).length;
console.log(
  `  principals ${r.principals.length}, admins ${admins}, escalate to admin ${escalating} (multi-hop ${multiHop}), findings ${r.findings.length}`,
);
console.log(
  `  AWS total ${awsSeconds.toFixed(2)} s wall, ${((awsCpu.user + awsCpu.system) / 1e6).toFixed(2)} s cpu (target ≤ 30 s), peak RSS ${rssMb()} MB (target ≤ 2048 MB)`,
);

const k8sText = time("generate Kubernetes cluster", () =>
  generateK8sCluster({ bindings, seed: 11 }),
);
const k8sStart = performance.now();
const k8sCpuStart = process.cpuUsage();
const cluster = time("parse RBAC", () =>
  parseKubernetesRbac([{ file: "bench-rbac.json", text: k8sText }]),
);
const k8s = time("analyse RBAC", () => analyzeKubernetesRbac(cluster, { file: "bench-rbac.json" }));
const k8sSeconds = (performance.now() - k8sStart) / 1000;
const k8sCpu = process.cpuUsage(k8sCpuStart);
console.log(
  `  subjects ${k8s.report.principals.length}, findings ${k8s.report.findings.length}, escalating ${k8s.report.principals.filter((p) => p.escalations.length > 0).length}`,
);
console.log(
  `  Kubernetes total ${k8sSeconds.toFixed(2)} s wall, ${((k8sCpu.user + k8sCpu.system) / 1e6).toFixed(2)} s cpu (target ≤ 10 s), peak RSS ${rssMb()} MB`,
);
