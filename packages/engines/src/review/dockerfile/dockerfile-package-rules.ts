import type { ReviewRule } from "../review-types";
import {
  BEST_PRACTICES,
  defineDockerRule,
  runCommandsOf,
  sameRun,
  subcommand,
  type DockerSubject,
  type RunCommand,
} from "./dockerfile-model";

/** apt-get options that take a separate value (so the value is not mistaken for a package). */
const APT_OPTS_WITH_VALUE = [
  "-t",
  "--target-release",
  "-o",
  "--option",
  "-c",
  "--config-file",
  "-a",
  "--host-architecture",
];

function apt(s: DockerSubject): (RunCommand & { sub: string; rest: string[] })[] {
  return runCommandsOf(s)
    .filter((r) => r.name === "apt-get")
    .map((r) => ({ ...r, ...subcommand(r.args, APT_OPTS_WITH_VALUE) }));
}

function installs(s: DockerSubject, tool: string, sub: readonly string[]): RunCommand[] {
  return runCommandsOf(s).filter((r) => r.name === tool && sub.includes(subcommand(r.args).sub));
}

/** Packages of an install command: words that are neither options nor option values. */
export function packageArgs(rest: readonly string[], optsWithValue: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (optsWithValue.includes(a)) i++;
    else if (!a.startsWith("-")) out.push(a);
  }
  return out;
}

/** A cache-cleaning rule for one package manager. */
function cleanRule(
  id: string,
  tool: string,
  clean: string,
  trivy: string,
): ReviewRule<DockerSubject> {
  return defineDockerRule(
    {
      id,
      title: `${tool} install should be followed by ${clean}`,
      severity: "low",
      description: `The ${tool} cache stays in the layer, bloating the image and keeping stale repository metadata.`,
      remediation: `Append \`&& ${clean}\` to the same RUN instruction as \`${tool} install\`.`,
      references: [BEST_PRACTICES],
      frameworks: [],
      trivy: [trivy],
    },
    (s) =>
      installs(s, tool, ["install", "in", "groupinstall", "localinstall"])
        .filter(
          (r) => !sameRun(r, (n, a) => n === tool && a.includes("clean")) && !r.ins.flags.mount,
        )
        .map((r) => ({
          path: `${r.ins.path}.${tool}`,
          message: `${r.ins.path} runs ${tool} install without ${clean}.`,
        })),
  );
}

/** Package-manager hygiene in RUN instructions. */
export const dockerPackageRules: ReviewRule<DockerSubject>[] = [
  defineDockerRule(
    {
      id: "DOCKER-PKG-001",
      title: "apt-get install should use --no-install-recommends",
      severity: "low",
      description:
        "Recommended packages add software (and vulnerabilities) that the image never uses.",
      remediation: "Add `--no-install-recommends` to `apt-get install`.",
      references: [BEST_PRACTICES],
      frameworks: [],
      trivy: ["AVD-DS-0029"],
    },
    (s) =>
      apt(s)
        .filter(
          (r) =>
            r.sub === "install" &&
            !r.args.some(
              (a) =>
                a === "--no-install-recommends" || /APT::Install-Recommends=(false|0)/i.test(a),
            ),
        )
        .map((r) => ({
          path: `${r.ins.path}.apt-get`,
          message: `${r.ins.path} installs recommended packages.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-PKG-002",
      title: "apt-get lists should be removed in the same RUN",
      severity: "low",
      description:
        "/var/lib/apt/lists left in a layer adds tens of MB and stale metadata that later layers may reuse.",
      remediation:
        "End the RUN that runs `apt-get update` with `&& rm -rf /var/lib/apt/lists/*` (or use a cache mount).",
      references: [BEST_PRACTICES],
      frameworks: [],
    },
    (s) =>
      apt(s)
        .filter((r) => r.sub === "update" && !r.ins.flags.mount)
        .filter((r) => !r.all.some((c) => c.words.some((w) => w.startsWith("/var/lib/apt/lists"))))
        .map((r) => ({
          path: `${r.ins.path}.apt-get`,
          message: `${r.ins.path} keeps /var/lib/apt/lists in the layer.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-PKG-003",
      title: "Do not run apt-get upgrade or dist-upgrade",
      severity: "low",
      description:
        "Upgrading everything in the image is not reproducible; rebuild on a newer base image instead.",
      remediation:
        "Remove `apt-get upgrade` / `dist-upgrade`; bump the `FROM` tag or install specific fixed packages.",
      references: [BEST_PRACTICES],
      frameworks: [],
      trivy: ["AVD-DS-0024"],
    },
    (s) =>
      apt(s)
        .filter((r) => r.sub === "upgrade" || r.sub === "dist-upgrade" || r.sub === "full-upgrade")
        .map((r) => ({
          path: `${r.ins.path}.apt-get`,
          message: `${r.ins.path} runs apt-get ${r.sub}.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-PKG-004",
      title: "apt-get install must be non-interactive (-y)",
      severity: "low",
      description: "Without -y the install waits for confirmation and the build fails or hangs.",
      remediation: "Add `-y` (or `--yes`, `-qq`) to `apt-get install`.",
      references: [BEST_PRACTICES],
      frameworks: [],
      trivy: ["AVD-DS-0021"],
    },
    (s) =>
      apt(s)
        .filter(
          (r) =>
            r.sub === "install" &&
            !r.args.some((a) => /^(-[a-z]*y[a-z]*|--yes|--assume-yes|-qq|-q=2)$/.test(a)),
        )
        .map((r) => ({
          path: `${r.ins.path}.apt-get`,
          message: `${r.ins.path} runs apt-get install without -y.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-PKG-005",
      title: "Package index updates must not stand alone",
      severity: "medium",
      description:
        "An `update` in its own RUN is cached; a later install then uses stale indexes and misses security fixes.",
      remediation:
        "Combine `apt-get update && apt-get install …` (or apk/yum equivalents) in a single RUN.",
      references: [BEST_PRACTICES],
      frameworks: [],
      checkov: ["CKV_DOCKER_5"],
      trivy: ["AVD-DS-0017"],
    },
    (s) =>
      runCommandsOf(s)
        .filter(
          (r) =>
            ["apt-get", "apt", "apk", "yum", "dnf"].includes(r.name) &&
            subcommand(r.args, APT_OPTS_WITH_VALUE).sub === "update",
        )
        .filter(
          (r) =>
            !sameRun(
              r,
              (n, a) =>
                ["apt-get", "apt", "apk", "yum", "dnf"].includes(n) &&
                ["install", "add", "upgrade"].includes(subcommand(a, APT_OPTS_WITH_VALUE).sub),
            ),
        )
        .map((r) => ({
          path: `${r.ins.path}.${r.name}`,
          message: `${r.ins.path} runs ${r.name} update without an install.`,
        })),
  ),
  cleanRule("DOCKER-PKG-006", "yum", "yum clean all", "AVD-DS-0015"),
  cleanRule("DOCKER-PKG-007", "dnf", "dnf clean all", "AVD-DS-0019"),
  cleanRule("DOCKER-PKG-008", "zypper", "zypper clean", "AVD-DS-0020"),
  defineDockerRule(
    {
      id: "DOCKER-PKG-009",
      title: "apk add should use --no-cache",
      severity: "low",
      description: "Without --no-cache the APK index stays in the layer.",
      remediation: "Use `apk add --no-cache …`.",
      references: [BEST_PRACTICES],
      frameworks: [],
      trivy: ["AVD-DS-0025"],
    },
    (s) =>
      installs(s, "apk", ["add"])
        .filter((r) => !r.args.includes("--no-cache") && !r.ins.flags.mount)
        .filter((r) => !r.all.some((c) => c.words.some((w) => w.startsWith("/var/cache/apk"))))
        .map((r) => ({
          path: `${r.ins.path}.apk`,
          message: `${r.ins.path} runs apk add without --no-cache.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-PKG-010",
      title: "pip install should use --no-cache-dir",
      severity: "low",
      description: "pip keeps downloaded wheels in ~/.cache/pip inside the layer.",
      remediation: "Add `--no-cache-dir` to `pip install` (or set `ENV PIP_NO_CACHE_DIR=1`).",
      references: [BEST_PRACTICES],
      frameworks: [],
    },
    (s) => {
      const envOff = s.stage.instructions.some(
        (i) => i.keyword === "ENV" && /PIP_NO_CACHE_DIR[= ]+(1|true|on|yes)/i.test(i.args),
      );
      if (envOff) return [];
      return runCommandsOf(s)
        .filter(
          (r) =>
            /^pip[0-9.]*$/.test(r.name) ||
            (/^python[0-9.]*$/.test(r.name) && r.args[0] === "-m" && r.args[1] === "pip"),
        )
        .filter(
          (r) =>
            r.cmd.words.includes("install") &&
            !r.cmd.words.includes("--no-cache-dir") &&
            !r.ins.flags.mount,
        )
        .map((r) => ({
          path: `${r.ins.path}.pip`,
          message: `${r.ins.path} runs pip install without --no-cache-dir.`,
        }));
    },
  ),
  defineDockerRule(
    {
      id: "DOCKER-PKG-011",
      title: "Use apt-get rather than apt in scripts",
      severity: "low",
      description: "`apt` has no stable command-line interface and warns when used in scripts.",
      remediation: "Replace `apt` by `apt-get` (or `apt-cache`) in the RUN instruction.",
      references: ["https://manpages.debian.org/apt.8"],
      frameworks: [],
      checkov: ["CKV_DOCKER_9"],
    },
    (s) =>
      runCommandsOf(s)
        .filter((r) => r.name === "apt")
        .map((r) => ({ path: `${r.ins.path}.apt`, message: `${r.ins.path} uses apt.` })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-PKG-012",
      title: "apt-get packages should be version-pinned",
      severity: "info",
      description:
        "Unpinned packages make rebuilds install different software. Pins through variables (`pkg=$VER`), local .deb files and option values (`-t bookworm-backports`) are understood.",
      remediation: "Write packages as `name=version` in `apt-get install`.",
      references: [BEST_PRACTICES],
      frameworks: [],
    },
    (s) =>
      apt(s)
        .filter((r) => r.sub === "install")
        .flatMap((r) => {
          const loose = packageArgs(r.rest, APT_OPTS_WITH_VALUE).filter(
            (p) =>
              !p.includes("=") &&
              !/\.deb$/.test(p) &&
              !p.startsWith("/") &&
              !p.startsWith("./") &&
              !p.includes("$"),
          );
          return loose.length > 0
            ? [
                {
                  path: `${r.ins.path}.apt-get`,
                  message: `${r.ins.path} installs unpinned ${loose.join(", ")}.`,
                },
              ]
            : [];
        }),
  ),
];
