import type { FrameworkScanResult } from "../review-types";
import { dockerfileRules } from "./dockerfile-rules";
import { scanDockerfileWith } from "./dockerfile-scanner";

export { dockerfileRules } from "./dockerfile-rules";
export { parseDockerfile, substitute } from "./dockerfile-parser";
export type { DockerInstruction, DockerStage, DockerfileModel, Heredoc } from "./dockerfile-parser";
export { splitShell, runCommands } from "./dockerfile-shell";
export type { ShellCommand } from "./dockerfile-shell";
export type { DockerSubject } from "./dockerfile-model";
export { scanDockerfileWith, dockerFingerprint, MAX_DOCKERFILE_BYTES } from "./dockerfile-scanner";

/**
 * Scans one Dockerfile (multi-stage, heredocs, escape directive) with the built-in rules.
 * Each finding's resource is its stage (`stage:builder` or `stage:0`); checks on an absence
 * (no USER, no HEALTHCHECK) point at the stage's FROM line.
 */
export function scanDockerfile(path: string, content: string): FrameworkScanResult {
  return scanDockerfileWith(dockerfileRules, path, content);
}
