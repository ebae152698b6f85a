import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDockerfile, runCommands, scanDockerfile, splitShell } from "./index";

const here = dirname(fileURLToPath(import.meta.url));
const MULTI = readFileSync(join(here, "testdata", "Dockerfile.multistage"), "utf8");

describe("dockerfile parser", () => {
  const model = parseDockerfile("Dockerfile", MULTI);

  it("reads directives, global ARGs and stages with names and platforms", () => {
    expect(model.errors).toEqual([]);
    expect(model.directives).toMatchObject({ syntax: "docker/dockerfile:1.7", escape: "\\" });
    expect(model.globalArgs.map((a) => a.args)).toEqual(["GO_VERSION=1.22", "DISTRO"]);
    expect(model.stages.map((s) => s.resource)).toEqual(["stage:builder", "stage:runtime"]);
    expect(model.stages[0]).toMatchObject({
      platform: "$BUILDPLATFORM",
      imageResolved: "golang:1.22-bookworm",
      unresolvedArgs: [],
    });
    expect(model.stages[1]?.unresolvedArgs).toEqual(["DISTRO"]);
  });

  it("joins continuations, drops comments inside them and keeps the line range", () => {
    const run = model.stages[0]?.instructions.find((i) => i.path === "RUN[0]");
    expect(run).toMatchObject({ startLine: 8, endLine: 12 });
    expect(run?.args).not.toContain("comments inside");
    expect(runCommands(run!).map((c) => c.words[0])).toEqual(["apt-get", "apt-get", "rm"]);
  });

  it("reads heredocs and exec form", () => {
    const [, here1, exec] = model.stages[0]!.instructions.filter((i) => i.keyword === "RUN");
    expect(here1).toMatchObject({ startLine: 13, endLine: 16 });
    expect(here1?.heredocs[0]?.body).toContain("go run golang.org/x/tools/cmd/stringer@v0.24.0");
    expect(exec?.json).toEqual(["/bin/sh", "-c", "go build -o /out/app ./cmd/app"]);
    expect(runCommands(exec!)[0]?.words.slice(0, 2)).toEqual(["go", "build"]);
  });

  it("reads flags of COPY and HEALTHCHECK", () => {
    const copy = model.stages[1]?.instructions.find((i) => i.keyword === "COPY");
    expect(copy?.flags).toEqual({ from: "builder", chmod: "0755" });
    expect(model.stages[1]?.instructions.find((i) => i.keyword === "HEALTHCHECK")?.flags).toEqual({
      interval: "30s",
    });
  });

  it("honours the backtick escape directive", () => {
    const m = parseDockerfile(
      "D",
      "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n  Write-Host hi\n",
    );
    expect(m.escape).toBe("`");
    expect(m.stages[0]?.instructions[0]).toMatchObject({ startLine: 3, endLine: 4 });
  });

  it("reports unknown instructions, instructions before FROM and unterminated heredocs", () => {
    const m = parseDockerfile("D", "RUN echo hi\nFROM alpine:3.20\nFOO bar\nRUN <<EOF\necho\n");
    expect(m.errors.map((e) => e.line).sort()).toEqual([1, 3, 4]);
  });
});

describe("shell splitting", () => {
  it("respects quotes, operators and substitutions", () => {
    expect(
      splitShell(`echo "a && b" && x='1;2' ; y | z $(curl -s u | sh)`).map((c) => [
        c.op,
        c.words[0],
      ]),
    ).toEqual([
      ["", "echo"],
      ["&&", "x=1;2"],
      [";", "y"],
      ["|", "z"],
    ]);
  });
});

describe("malformed Dockerfiles", () => {
  it.each([
    "",
    "FROM",
    "RUN 'unterminated\nFROM a",
    'FROM a\nRUN "x\\',
    "FROM a\nCOPY\nADD\nEXPOSE\nWORKDIR\nUSER\nENV\nARG\nHEALTHCHECK",
    "FROM a AS\nCOPY --from= x y",
    "FROM a\nRUN <<\n",
    'FROM a\nRUN ["sh","-c"]\nRUN []\nRUN [1]',
    "FROM a\nRUN $(( (((\n",
  ])("does not throw on %j", (content) => {
    expect(() => scanDockerfile("D", content)).not.toThrow();
  });
});

describe("dockerfile scanning", () => {
  it("finds nothing in the clean multi-stage file except the ARG-dependent base", () => {
    const r = scanDockerfile("Dockerfile", MULTI);
    const ids = r.findings.map((f) => `${f.ruleId}@${f.resource}:${f.status}`);
    expect(ids).toContain("DOCKER-IMG-001@stage:runtime:unknown");
    expect(r.findings.find((f) => f.status === "unknown")?.needs).toBe("ARG DISTRO");
    // The hadolint false positives of the domain brief: variable pins, -t values, go run pkg@v.
    expect(ids.filter((i) => i.startsWith("DOCKER-PKG"))).toEqual([]);
  });

  it("anchors absence checks at FROM and keeps fingerprints across line shifts", () => {
    const a = scanDockerfile("a/Dockerfile", "FROM alpine:3.20\nRUN true\n").findings.find(
      (f) => f.ruleId === "DOCKER-USER-002",
    );
    const b = scanDockerfile(
      "b/Dockerfile",
      "# moved\n\nFROM alpine:3.20\nRUN true\n",
    ).findings.find((f) => f.ruleId === "DOCKER-USER-002");
    expect(a?.location.startLine).toBe(1);
    expect(b?.location.startLine).toBe(3);
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.fingerprint).toBe("stage:0|DOCKER-USER-002|FROM[0]");
  });

  it("reports files without FROM and binary files", () => {
    expect(scanDockerfile("D", "# nothing\n").errors[0]?.message).toBe("no FROM instruction");
    expect(scanDockerfile("D", "FROM a\u0000").errors[0]?.message).toMatch(/binary/);
  });
});
