import type { ReviewRule } from "../review-types";
import {
  BEST_PRACTICES,
  CIS_DOCKER,
  DOCKERFILE_REF,
  byKeyword,
  defineDockerRule,
  type DockerSubject,
} from "./dockerfile-model";

/** Names that usually carry credentials. */
const SECRET_NAME =
  /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key|auth)$/i;
const SECRET_FILE =
  /(^|\/)(id_rsa|id_ed25519|id_ecdsa|\.env|\.npmrc|\.pypirc|\.netrc|credentials(\.json)?|.*\.pem|.*\.key|.*\.p12|.*\.pfx|\.git-credentials|\.aws\/credentials|\.docker\/config\.json)$/i;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;

/** Environment settings that switch off certificate verification. */
function insecureEnv(key: string, value: string): boolean {
  const off = /^(0|false|no)$/i.test(value);
  if (key === "NODE_TLS_REJECT_UNAUTHORIZED" || key === "PYTHONHTTPSVERIFY") return value === "0";
  if (key === "NPM_CONFIG_STRICT_SSL" || key === "YARN_STRICT_SSL") return off;
  if (key === "GIT_SSL_NO_VERIFY") return value !== "" && !off;
  return key === "PIP_TRUSTED_HOST" && value !== "";
}

/** Key names of ENV/ARG instructions (`K=V` pairs or the legacy `ENV K V`). */
function declaredKeys(args: string, keyword: string): { key: string; value?: string }[] {
  if (keyword === "ENV" && !/^[^\s=]+=/.test(args)) {
    const [key = "", ...rest] = args.split(/\s+/);
    return [{ key, value: rest.join(" ") }];
  }
  return (args.match(/[^\s"']+(?:=(?:"[^"]*"|'[^']*'|\S*))?/g) ?? []).map((p) => {
    const eq = p.indexOf("=");
    return eq < 0 ? { key: p } : { key: p.slice(0, eq), value: p.slice(eq + 1) };
  });
}

/** Secrets, ADD, metadata and instruction-structure rules. */
export const dockerMiscRules: ReviewRule<DockerSubject>[] = [
  defineDockerRule(
    {
      id: "DOCKER-SEC-001",
      title: "Secrets must not be passed through ENV or ARG",
      severity: "high",
      description:
        "ENV values and build ARGs are stored in the image history and metadata; anyone who can pull the image can read them.",
      remediation:
        "Remove the credential from `ENV`/`ARG`; use `RUN --mount=type=secret,id=…` at build time or inject it at runtime.",
      references: ["https://docs.docker.com/build/building/secrets/"],
      frameworks: [`${CIS_DOCKER} 4.10`],
      trivy: ["AVD-DS-0031"],
    },
    (s) =>
      [
        ...byKeyword(s, "ENV"),
        ...byKeyword(s, "ARG"),
        ...(s.stage.index === 0 ? s.file.globalArgs : []),
      ].flatMap((ins) =>
        declaredKeys(ins.args, ins.keyword)
          .filter((k) => SECRET_NAME.test(k.key) && !(k.value ?? "").startsWith("$"))
          // An ENV without a value or an empty default is a placeholder, not a secret.
          .filter((k) => ins.keyword === "ARG" || (k.value ?? "") !== "")
          .map((k) => ({
            path: `${ins.path}.${k.key}`,
            message: `${ins.keyword} ${k.key} looks like a credential.`,
          })),
      ),
  ),
  defineDockerRule(
    {
      id: "DOCKER-SEC-002",
      title: "Secret files must not be copied into the image",
      severity: "high",
      description:
        "Private keys, .env files and credential files copied into a layer stay there even if deleted later.",
      remediation:
        "Remove the file from `COPY`/`ADD`, add it to .dockerignore, and use a secret mount (`RUN --mount=type=secret`).",
      references: ["https://docs.docker.com/build/building/secrets/"],
      frameworks: [`${CIS_DOCKER} 4.10`],
      trivy: ["AVD-DS-0031"],
    },
    (s) =>
      [...byKeyword(s, "COPY"), ...byKeyword(s, "ADD")].flatMap((ins) => {
        const words = ins.json ?? ins.args.split(/\s+/).filter((w) => w !== "");
        const sources = words.slice(0, -1).filter((w) => SECRET_FILE.test(w));
        return sources.length > 0
          ? [{ path: `${ins.path}.src`, message: `${ins.path} copies ${sources.join(", ")}.` }]
          : [];
      }),
  ),
  defineDockerRule(
    {
      id: "DOCKER-ADD-001",
      title: "ADD must not fetch remote URLs",
      severity: "medium",
      description:
        "ADD with a URL downloads at build time without checksum verification (unless --checksum is given).",
      remediation:
        "Replace `ADD <url>` by `ADD --checksum=sha256:… <url>`, or download with curl and verify in a RUN.",
      references: [DOCKERFILE_REF + "#add"],
      frameworks: [`${CIS_DOCKER} 4.9`],
      checkov: ["CKV_DOCKER_4"],
    },
    (s) =>
      byKeyword(s, "ADD")
        .filter((ins) => /(^|\s|")(https?|git):\/\/|git@/.test(ins.args) && !ins.flags.checksum)
        .map((ins) => ({
          path: `${ins.path}.src`,
          message: `${ins.path} downloads a remote source.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-ADD-002",
      title: "Use COPY instead of ADD for local files",
      severity: "low",
      description:
        "ADD also extracts archives and fetches URLs; for plain files COPY is explicit and has no surprises.",
      remediation: "Replace `ADD` by `COPY` (keep ADD only to extract a local tar archive).",
      references: [DOCKERFILE_REF + "#add", BEST_PRACTICES],
      frameworks: [`${CIS_DOCKER} 4.9`],
      checkov: ["CKV_DOCKER_4"],
      trivy: ["AVD-DS-0005"],
    },
    (s) =>
      byKeyword(s, "ADD")
        .filter((ins) => {
          const words = ins.json ?? ins.args.split(/\s+/).filter((w) => w !== "");
          const src = words.slice(0, -1);
          return (
            src.length > 0 &&
            src.every((w) => !/^(https?|git):\/\//.test(w) && !w.startsWith("git@")) &&
            !src.every((w) => ARCHIVE.test(w))
          );
        })
        .map((ins) => ({ path: ins.path, message: `${ins.path} uses ADD for local files.` })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-GEN-001",
      title: "The final stage should define a HEALTHCHECK",
      severity: "low",
      description: "Without HEALTHCHECK the runtime cannot tell a hung service from a healthy one.",
      remediation:
        "Add `HEALTHCHECK CMD <probe>` to the final stage (Kubernetes users may rely on probes and suppress this).",
      references: [DOCKERFILE_REF + "#healthcheck"],
      frameworks: [`${CIS_DOCKER} 4.6`],
      checkov: ["CKV_DOCKER_2"],
      trivy: ["AVD-DS-0026"],
    },
    (s) =>
      s.isFinal && byKeyword(s, "HEALTHCHECK").length === 0
        ? [{ path: s.stage.from.path, message: `${s.stage.resource} has no HEALTHCHECK.` }]
        : [],
  ),
  defineDockerRule(
    {
      id: "DOCKER-GEN-002",
      title: "Port 22 should not be exposed",
      severity: "medium",
      description:
        "SSH inside a container is an unmanaged remote-access path; use `kubectl exec` / `docker exec`.",
      remediation: "Remove `22` from the `EXPOSE` instruction and the SSH server from the image.",
      references: [DOCKERFILE_REF + "#expose"],
      frameworks: [],
      checkov: ["CKV_DOCKER_1"],
      trivy: ["AVD-DS-0004"],
    },
    (s) =>
      byKeyword(s, "EXPOSE")
        .filter((ins) => ins.args.split(/\s+/).some((p) => /^22(\/(tcp|udp))?$/i.test(p)))
        .map((ins) => ({ path: ins.path, message: `${ins.path} exposes port 22.` })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-GEN-003",
      title: "WORKDIR should be an absolute path",
      severity: "low",
      description:
        "A relative WORKDIR depends on every earlier WORKDIR and breaks silently when the base image changes.",
      remediation:
        "Write `WORKDIR` with an absolute path (starting with `/` or a variable such as `$HOME`).",
      references: [DOCKERFILE_REF + "#workdir"],
      frameworks: [],
      checkov: ["CKV_DOCKER_10"],
      trivy: ["AVD-DS-0009"],
    },
    (s) =>
      byKeyword(s, "WORKDIR")
        .filter((ins) => !/^["']?(\/|\$|[A-Za-z]:[\\/])/.test(ins.args))
        .map((ins) => ({ path: ins.path, message: `${ins.path} is relative: ${ins.args}.` })),
  ),
  ...(["CMD", "ENTRYPOINT", "HEALTHCHECK"] as const).map((kw, i) =>
    defineDockerRule(
      {
        id: `DOCKER-GEN-00${4 + i}`,
        title: `A stage should have at most one ${kw}`,
        severity: "low",
        description: `Only the last ${kw} of a stage takes effect; earlier ones mislead reviewers about what runs.`,
        remediation: `Remove all but the last \`${kw}\` instruction of the stage.`,
        references: [DOCKERFILE_REF + `#${kw.toLowerCase()}`],
        frameworks: [],
        trivy: [["AVD-DS-0016", "AVD-DS-0007", "AVD-DS-0023"][i] as string],
      },
      (s) => {
        const all = byKeyword(s, kw);
        return all.length > 1
          ? all.slice(0, -1).map((ins) => ({
              path: ins.path,
              message: `${ins.path} is overridden by a later ${kw}.`,
            }))
          : [];
      },
    ),
  ),
  defineDockerRule(
    {
      id: "DOCKER-GEN-007",
      title: "MAINTAINER is deprecated",
      severity: "info",
      description:
        "MAINTAINER is deprecated; labels are queryable and standard (org.opencontainers.image.authors).",
      remediation: 'Replace `MAINTAINER` by `LABEL org.opencontainers.image.authors="…"`.',
      references: [DOCKERFILE_REF + "#maintainer-deprecated"],
      frameworks: [],
      checkov: ["CKV_DOCKER_6"],
      trivy: ["AVD-DS-0022"],
    },
    (s) =>
      byKeyword(s, "MAINTAINER").map((ins) => ({
        path: ins.path,
        message: `${ins.path} uses MAINTAINER.`,
      })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-GEN-008",
      title: "Exposed ports must be valid",
      severity: "low",
      description:
        "A port outside 0–65535 is an error that hides the real intent of the EXPOSE line.",
      remediation: "Fix the port number in `EXPOSE` (1–65535, optionally `/tcp` or `/udp`).",
      references: [DOCKERFILE_REF + "#expose"],
      frameworks: [],
      trivy: ["AVD-DS-0008"],
    },
    (s) =>
      byKeyword(s, "EXPOSE").flatMap((ins) =>
        ins.args
          .split(/\s+/)
          .filter((p) => p !== "" && !p.includes("$"))
          .filter((p) => {
            const m = /^(\d+)(?:-(\d+))?(\/(tcp|udp|sctp))?$/i.exec(p);
            return !m || Number(m[1]) > 65535 || (m[2] !== undefined && Number(m[2]) > 65535);
          })
          .map((p) => ({
            path: `${ins.path}.${p}`,
            message: `${ins.path} exposes invalid port ${p}.`,
          })),
      ),
  ),
  defineDockerRule(
    {
      id: "DOCKER-SEC-003",
      title: "TLS verification must not be disabled through environment variables",
      severity: "high",
      description:
        "Variables such as NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, GIT_SSL_NO_VERIFY or NPM_CONFIG_STRICT_SSL=false switch off certificate checks for every later command and at runtime.",
      remediation:
        "Remove the variable from `ENV`/`ARG` and install the CA certificate that is needed instead.",
      references: [BEST_PRACTICES],
      frameworks: [],
      checkov: [
        "CKV2_DOCKER_5",
        "CKV2_DOCKER_6",
        "CKV2_DOCKER_12",
        "CKV2_DOCKER_13",
        "CKV2_DOCKER_14",
        "CKV2_DOCKER_16",
      ],
    },
    (s) =>
      [...byKeyword(s, "ENV"), ...byKeyword(s, "ARG")].flatMap((ins) =>
        declaredKeys(ins.args, ins.keyword)
          .filter((k) =>
            insecureEnv(k.key.toUpperCase(), (k.value ?? "").replace(/^["']|["']$/g, "")),
          )
          .map((k) => ({
            path: `${ins.path}.${k.key}`,
            message: `${ins.keyword} ${k.key} disables TLS verification.`,
          })),
      ),
  ),
];
