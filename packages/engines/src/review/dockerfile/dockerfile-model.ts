import type { RuleOutcome } from "@infrasec/core";
import type { ReviewRule, ReviewRuleMeta, ReviewRuleInput } from "../review-types";
import type { DockerInstruction, DockerStage, DockerfileModel } from "./dockerfile-parser";
import { commandName, runCommands, type ShellCommand } from "./dockerfile-shell";

/** What a Dockerfile rule sees: one stage plus the whole file (for cross-stage rules). */
export interface DockerSubject {
  stage: DockerStage;
  file: DockerfileModel;
  /** True for the last stage, the one that becomes the image by default. */
  isFinal: boolean;
}

/**
 * A violation: `path` is the instruction address (`RUN[1]`, or `FROM[0]` for checks on an
 * absence) optionally followed by a detail (`RUN[1].apt-get`). `needs` turns it into an unknown.
 */
export interface DockerViolation {
  path: string;
  message: string;
  needs?: string;
}

/** Metadata a rule file writes; provider and framework are filled in. */
export type DockerRuleInput = ReviewRuleInput;

/** Builds a Dockerfile rule whose check lists violations; none means pass. */
export function defineDockerRule(
  input: DockerRuleInput,
  check: (s: DockerSubject) => DockerViolation[],
): ReviewRule<DockerSubject> {
  const { checkov = [], trivy = [], ...rest } = input;
  const meta: ReviewRuleMeta = {
    ...rest,
    provider: "docker",
    framework: "dockerfile",
    equivalents: { checkov, trivy },
  };
  return {
    meta,
    appliesTo: [],
    check(subject): RuleOutcome[] {
      const v = check(subject);
      if (v.length === 0) return [{ kind: "pass" }];
      return v.map((x) =>
        x.needs !== undefined
          ? { kind: "unknown", needs: x.needs, attributePath: x.path }
          : { kind: "fail", message: x.message, attributePath: x.path },
      );
    },
  };
}

/** Instructions of a stage with a given keyword. */
export function byKeyword(s: DockerSubject, keyword: string): DockerInstruction[] {
  return s.stage.instructions.filter((i) => i.keyword === keyword);
}

/** A command of a RUN with its parsed name; `all` is every command of the same RUN. */
export interface RunCommand {
  ins: DockerInstruction;
  cmd: ShellCommand;
  name: string;
  args: string[];
  sudo: boolean;
  all: ShellCommand[];
}

const RUN_CACHE = new WeakMap<DockerStage, RunCommand[]>();

/** Every simple command of every RUN of the stage. */
export function runCommandsOf(s: DockerSubject): RunCommand[] {
  // A dozen rules read the same commands; split the shell text once per stage.
  const cached = RUN_CACHE.get(s.stage);
  if (cached) return cached;
  const commands = byKeyword(s, "RUN").flatMap((ins) => {
    const all = runCommands(ins);
    return all.map((cmd) => ({ ins, cmd, all, ...commandName(cmd) }));
  });
  RUN_CACHE.set(s.stage, commands);
  return commands;
}

/** Sub-command of a package manager (`install` in `apt-get -y install x`), skipping options. */
export function subcommand(
  args: readonly string[],
  optsWithValue: readonly string[] = [],
): { sub: string; rest: string[] } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (optsWithValue.includes(a)) {
      i++;
      continue;
    }
    if (!a.startsWith("-")) return { sub: a, rest: args.slice(i + 1) };
  }
  return { sub: "", rest: [] };
}

/** True when any command of the same RUN satisfies `pred`. */
export function sameRun(r: RunCommand, pred: (name: string, args: string[]) => boolean): boolean {
  return r.all.some((c) => {
    const n = commandName(c);
    return pred(n.name, n.args);
  });
}

export const BEST_PRACTICES = "https://docs.docker.com/build/building/best-practices/";
export const DOCKERFILE_REF = "https://docs.docker.com/reference/dockerfile/";
export const CIS_DOCKER = "CIS Docker 1.6";
