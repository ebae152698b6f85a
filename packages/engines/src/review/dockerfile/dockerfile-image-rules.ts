import type { ReviewRule } from "../review-types";
import {
  BEST_PRACTICES,
  CIS_DOCKER,
  DOCKERFILE_REF,
  byKeyword,
  defineDockerRule,
  runCommandsOf,
  type DockerSubject,
  type DockerViolation,
} from "./dockerfile-model";

/** Splits an image reference into tag and digest (a registry port is not a tag). */
export function imageRef(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(":");
  return {
    ...(colon > name.lastIndexOf("/") ? { tag: name.slice(colon + 1) } : {}),
    ...(at >= 0 ? { digest: image.slice(at + 1) } : {}),
  };
}

/** True when FROM names `scratch` or an earlier stage (nothing to pin). */
function fromStageOrScratch(s: DockerSubject): boolean {
  const img = s.stage.imageResolved.toLowerCase();
  if (img === "scratch") return true;
  return s.file.stages.some((o) => o.index < s.stage.index && o.name?.toLowerCase() === img);
}

/** USER value that means root: `root`, `0`, `root:…`, `0:…`. */
function isRootUser(v: string): boolean {
  return /^(root|0)(:.*)?$/.test(v.trim());
}

/** Base-image, user and stage-structure rules. */
export const dockerImageRules: ReviewRule<DockerSubject>[] = [
  defineDockerRule(
    {
      id: "DOCKER-USER-001",
      title: "The final stage must not switch to root as its last USER",
      severity: "high",
      description:
        "A container whose last USER is root runs its process as root; a breakout then starts as root on the host.",
      remediation:
        "Make the last `USER` instruction of the final stage a non-root user (e.g. `USER 10001:10001`).",
      references: [DOCKERFILE_REF + "#user"],
      frameworks: [`${CIS_DOCKER} 4.1`],
      checkov: ["CKV_DOCKER_8"],
      trivy: ["AVD-DS-0002"],
    },
    (s) => {
      const last = byKeyword(s, "USER").at(-1);
      if (!s.isFinal || !last || !isRootUser(last.args)) return [];
      return [
        { path: last.path, message: `The last USER of ${s.stage.resource} is ${last.args}.` },
      ];
    },
  ),
  defineDockerRule(
    {
      id: "DOCKER-USER-002",
      title: "The final stage should set a non-root USER",
      severity: "medium",
      description: "Without USER the image runs as the base image's user, usually root.",
      remediation:
        "Create a user (`RUN useradd -u 10001 app`) and add `USER 10001` to the final stage.",
      references: [DOCKERFILE_REF + "#user"],
      frameworks: [`${CIS_DOCKER} 4.1`],
      checkov: ["CKV_DOCKER_3"],
      trivy: ["AVD-DS-0002"],
    },
    (s) =>
      s.isFinal && byKeyword(s, "USER").length === 0
        ? [{ path: s.stage.from.path, message: `${s.stage.resource} has no USER instruction.` }]
        : [],
  ),
  defineDockerRule(
    {
      id: "DOCKER-USER-003",
      title: "RUN should not use sudo",
      severity: "medium",
      description:
        "Build steps already run as the current USER; sudo in an image hints at a setup that keeps sudo for runtime escalation.",
      remediation:
        "Remove `sudo` from the RUN command; switch with `USER root` … `USER app` around the step instead.",
      references: [BEST_PRACTICES],
      frameworks: [],
      trivy: ["AVD-DS-0010"],
      checkov: ["CKV2_DOCKER_1"],
    },
    (s) =>
      runCommandsOf(s)
        .filter((r) => r.sudo || r.name === "sudo")
        .map((r) => ({
          path: `${r.ins.path}.sudo`,
          message: `${r.ins.path} runs "${r.cmd.words.join(" ")}" with sudo.`,
        })),
  ),
  defineDockerRule(
    {
      id: "DOCKER-IMG-001",
      title: "Base images must be pinned to a version tag, not latest",
      severity: "medium",
      description:
        "`latest` or a missing tag rebuilds on whatever was pushed last: builds are not reproducible and a hijacked tag flows in.",
      remediation:
        "Write `FROM` with an explicit version tag, ideally with a digest: `FROM node:20.11-alpine@sha256:…`.",
      references: [DOCKERFILE_REF + "#from"],
      frameworks: [`${CIS_DOCKER} 4.2`],
      checkov: ["CKV_DOCKER_7"],
      trivy: ["AVD-DS-0001"],
    },
    (s): DockerViolation[] => {
      if (fromStageOrScratch(s)) return [];
      if (s.stage.unresolvedArgs.length > 0) {
        const need = s.stage.unresolvedArgs.map((a) => `ARG ${a}`).join(", ");
        return [
          { path: s.stage.from.path, message: `Base image depends on ${need}.`, needs: need },
        ];
      }
      const { tag, digest } = imageRef(s.stage.imageResolved);
      if (digest || (tag && tag !== "latest")) return [];
      return [
        {
          path: s.stage.from.path,
          message: `${s.stage.resource} uses ${s.stage.imageResolved} (${tag ? "latest" : "no tag"}).`,
        },
      ];
    },
  ),
  defineDockerRule(
    {
      id: "DOCKER-IMG-002",
      title: "Base images should be pinned by digest",
      severity: "low",
      description:
        "Tags are mutable; only a digest guarantees that the reviewed base image is the one built upon.",
      remediation: "Append the digest to `FROM`: `FROM image:tag@sha256:<digest>`.",
      references: [DOCKERFILE_REF + "#from"],
      frameworks: [`${CIS_DOCKER} 4.2`],
    },
    (s) =>
      fromStageOrScratch(s) ||
      s.stage.unresolvedArgs.length > 0 ||
      imageRef(s.stage.imageResolved).digest
        ? []
        : [
            {
              path: s.stage.from.path,
              message: `${s.stage.resource} base image ${s.stage.imageResolved} has no digest.`,
            },
          ],
  ),
  defineDockerRule(
    {
      id: "DOCKER-IMG-003",
      title: "Stage names must be unique",
      severity: "low",
      description:
        "A repeated `AS name` makes `COPY --from=name` ambiguous; the later stage silently wins.",
      remediation: "Rename the stage in `FROM … AS <name>` so each name appears once.",
      references: [DOCKERFILE_REF + "#from"],
      frameworks: [],
      checkov: ["CKV_DOCKER_11"],
      trivy: ["AVD-DS-0012"],
    },
    (s) => {
      const name = s.stage.name?.toLowerCase();
      if (!name) return [];
      const dup = s.file.stages.some(
        (o) => o.index < s.stage.index && o.name?.toLowerCase() === name,
      );
      return dup
        ? [
            {
              path: s.stage.from.path,
              message: `Stage name ${s.stage.name} is used more than once.`,
            },
          ]
        : [];
    },
  ),
  defineDockerRule(
    {
      id: "DOCKER-IMG-004",
      title: "COPY --from must reference an earlier stage or an image",
      severity: "medium",
      description:
        "`--from` naming the current stage or a stage that does not exist (yet) is a build error, or silently pulls an image of that name from a registry.",
      remediation:
        "Point `COPY --from=` at an earlier stage name or index, or at a fully qualified image reference.",
      references: [DOCKERFILE_REF + "#copy---from"],
      frameworks: [],
      trivy: ["AVD-DS-0006"],
    },
    (s) =>
      byKeyword(s, "COPY").flatMap((ins) => {
        const from = ins.flags.from;
        if (typeof from !== "string" || from === "") return [];
        const lower = from.toLowerCase();
        if (lower === s.stage.name?.toLowerCase() || from === String(s.stage.index)) {
          return [
            { path: `${ins.path}.from`, message: `${ins.path} copies from its own stage ${from}.` },
          ];
        }
        const earlier = s.file.stages.filter((o) => o.index < s.stage.index);
        if (/^\d+$/.test(from)) {
          return Number(from) < s.stage.index
            ? []
            : [{ path: `${ins.path}.from`, message: `Stage index ${from} does not exist yet.` }];
        }
        if (earlier.some((o) => o.name?.toLowerCase() === lower)) return [];
        // A reference with a registry, tag or digest is an image, which COPY --from allows.
        if (/[/:@]/.test(from) || from.includes("$")) return [];
        return [
          { path: `${ins.path}.from`, message: `${ins.path} copies from unknown stage ${from}.` },
        ];
      }),
  ),
];
