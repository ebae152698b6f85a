import type { ReviewRule } from "../review-types";
import {
  BEST_PRACTICES,
  defineDockerRule,
  runCommandsOf,
  sameRun,
  type DockerSubject,
} from "./dockerfile-model";
import { commandName, isShell } from "./dockerfile-shell";

const INTERPRETERS = /^(sh|bash|dash|ash|zsh|ksh|python[0-9.]*|perl|ruby|node|php)$/;
const DOWNLOADERS = new Set(["curl", "wget"]);
const VERIFIERS = new Set([
  "sha256sum",
  "sha512sum",
  "sha1sum",
  "md5sum",
  "shasum",
  "gpg",
  "gpgv",
  "cosign",
  "minisign",
  "openssl",
]);

/** Flags that turn off package signature verification, per tool. */
const UNSIGNED: Record<string, string[]> = {
  apk: ["--allow-untrusted"],
  "apt-get": ["--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"],
  apt: ["--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes"],
  yum: ["--nogpgcheck"],
  dnf: ["--nogpgcheck"],
  microdnf: ["--nogpgcheck"],
  rpm: ["--nosignature", "--nodigest", "--noverify"],
  zypper: ["--no-gpg-checks"],
};

/** Security of the commands themselves: remote scripts, downloads, permissions. */
export const dockerRunRules: ReviewRule<DockerSubject>[] = [
  defineDockerRule(
    {
      id: "DOCKER-RUN-001",
      title: "Do not pipe downloads into a shell",
      severity: "high",
      description:
        "`curl … | sh` executes whatever the server (or anyone in the path) returns, with no integrity check and no record of what ran.",
      remediation:
        "Download the script to a file, verify its checksum or signature, then run it; or install a packaged release.",
      references: [BEST_PRACTICES],
      frameworks: [],
    },
    (s) =>
      runCommandsOf(s).flatMap((r) => {
        const idx = r.all.indexOf(r.cmd);
        const next = r.all[idx + 1];
        const piped =
          DOWNLOADERS.has(r.name) && next?.op === "|" && INTERPRETERS.test(commandName(next).name);
        // Also `sh -c "$(curl …)"` and `bash <(wget …)`.
        const substituted =
          isShell(r.name) &&
          r.args.some(
            (a) => /^(\$\(|<\()\s*(curl|wget)\b/.test(a) || /\$\(\s*(curl|wget)\b/.test(a),
          );
        return piped || substituted
          ? [
              {
                path: `${r.ins.path}.${r.name}`,
                message: `${r.ins.path} runs a downloaded script without verification.`,
              },
            ]
          : [];
      }),
  ),
  defineDockerRule(
    {
      id: "DOCKER-RUN-002",
      title: "Downloaded files should be verified",
      severity: "medium",
      description:
        "A file fetched with curl or wget and used without a checksum or signature check lets a compromised mirror inject code.",
      remediation:
        'Verify the download in the same RUN: `echo "<sha256>  file" | sha256sum -c -` (or gpg --verify / cosign verify-blob).',
      references: [BEST_PRACTICES],
      frameworks: [],
    },
    (s) =>
      runCommandsOf(s)
        .filter((r) => DOWNLOADERS.has(r.name) && r.args.some((a) => /^https?:\/\//.test(a)))
        .filter((r) => {
          const idx = r.all.indexOf(r.cmd);
          return r.all[idx + 1]?.op !== "|";
        })
        .filter(
          (r) =>
            !sameRun(
              r,
              (n, a) =>
                VERIFIERS.has(n) || (n === "echo" && a.some((x) => /^[a-f0-9]{64}/.test(x))),
            ),
        )
        .map((r) => ({
          path: `${r.ins.path}.${r.name}`,
          message: `${r.ins.path} downloads with ${r.name} without checksum verification.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-RUN-003",
      title: "TLS certificate checks must not be disabled",
      severity: "high",
      description:
        "Disabling certificate verification (curl -k, wget --no-check-certificate, pip --trusted-host…) allows man-in-the-middle code injection at build time.",
      remediation:
        "Remove the insecure flag from the RUN command and install the CA certificate that the mirror needs.",
      references: [BEST_PRACTICES],
      frameworks: [],
      checkov: ["CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_15"],
    },
    (s) =>
      runCommandsOf(s)
        .filter(
          (r) =>
            r.cmd.words.some((w) => /^sslverify\s*=\s*(0|false|no)$/i.test(w)) ||
            (r.name === "curl" &&
              r.args.some((a) => a === "--insecure" || /^-[A-Za-z]*k[A-Za-z]*$/.test(a))) ||
            (r.name === "wget" && r.args.includes("--no-check-certificate")) ||
            (/^pip[0-9.]*$/.test(r.name) && r.args.includes("--trusted-host")) ||
            ((r.name === "npm" || r.name === "yarn") &&
              r.args.join(" ").includes("strict-ssl false")) ||
            (r.name === "git" &&
              (r.args.some((a) => /^http\.sslVerify=false$/i.test(a)) ||
                (r.args.some((a) => /^http\.sslVerify$/i.test(a)) && r.args.includes("false")))),
        )
        .map((r) => ({
          path: `${r.ins.path}.${r.name}`,
          message: `${r.ins.path} disables TLS verification in ${r.name}.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-RUN-004",
      title: "Do not make files world-writable (chmod 777)",
      severity: "medium",
      description:
        "World-writable files or directories let any process in the container replace binaries or configuration.",
      remediation:
        "Use the narrowest mode in `chmod` (e.g. 755 for directories, 644 for files) and `chown` to the runtime user.",
      references: [BEST_PRACTICES],
      frameworks: [],
    },
    (s) =>
      runCommandsOf(s)
        .filter(
          (r) =>
            r.name === "chmod" &&
            r.args.some(
              (a) => /^[0-7]?[0-7][0-7][2367]$/.test(a) || /^(a|o|ugo)[+=][rwxX]*w/.test(a),
            ),
        )
        .map((r) => ({
          path: `${r.ins.path}.chmod`,
          message: `${r.ins.path} runs "${r.cmd.words.join(" ")}".`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-RUN-005",
      title: "Use WORKDIR instead of RUN cd",
      severity: "info",
      description:
        "`cd` in a RUN lasts for that RUN only; later instructions run elsewhere than the reader expects.",
      remediation: "Replace the leading `cd <dir> &&` by a `WORKDIR <dir>` instruction.",
      references: [BEST_PRACTICES],
      frameworks: [],
      trivy: ["AVD-DS-0013"],
    },
    (s) =>
      runCommandsOf(s)
        .filter((r) => r.name === "cd" && r.all.indexOf(r.cmd) === 0 && r.all.length > 1)
        .map((r) => ({
          path: `${r.ins.path}.cd`,
          message: `${r.ins.path} starts with cd ${r.args[0] ?? ""}.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-RUN-006",
      title: "Do not set passwords with chpasswd",
      severity: "high",
      description:
        "A password set at build time is baked into the image (and its history) and shared by every container started from it.",
      remediation:
        "Remove the `chpasswd` command; authenticate with keys or inject credentials at runtime.",
      references: [BEST_PRACTICES],
      frameworks: [],
      checkov: ["CKV2_DOCKER_17"],
    },
    (s) =>
      runCommandsOf(s)
        .filter((r) => r.name === "chpasswd")
        .map((r) => ({
          path: `${r.ins.path}.chpasswd`,
          message: `${r.ins.path} sets a password.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-PKG-013",
      title: "Package signature checks must not be disabled",
      severity: "high",
      description:
        "Installing unsigned or unverified packages (apk --allow-untrusted, apt-get --allow-unauthenticated or --force-yes, yum/dnf --nogpgcheck, rpm --nosignature) accepts tampered packages.",
      remediation:
        "Remove the flag that disables verification and import the repository's signing key instead.",
      references: [BEST_PRACTICES],
      frameworks: [],
      checkov: [
        "CKV2_DOCKER_7",
        "CKV2_DOCKER_8",
        "CKV2_DOCKER_9",
        "CKV2_DOCKER_10",
        "CKV2_DOCKER_11",
      ],
    },
    (s) =>
      runCommandsOf(s)
        .filter((r) =>
          UNSIGNED[r.name]?.some((flag) => r.args.some((a) => a.split("=")[0] === flag)),
        )
        .map((r) => ({
          path: `${r.ins.path}.${r.name}`,
          message: `${r.ins.path} disables package signature checks in ${r.name}.`,
        })),
  ),
];
