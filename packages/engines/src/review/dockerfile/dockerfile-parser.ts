import type { ErrorDetail } from "@infrasec/core";

/** A heredoc attached to an instruction (`RUN <<EOF … EOF`). */
export interface Heredoc {
  name: string;
  body: string;
}

/** One instruction with its logical text (continuations joined) and its line range. */
export interface DockerInstruction {
  /** Upper-case keyword: FROM, RUN, COPY… */
  keyword: string;
  /** Arguments after the keyword, continuations joined with a space. */
  raw: string;
  /** Leading `--name=value` / `--name` flags (FROM, COPY, ADD, RUN, HEALTHCHECK). */
  flags: Record<string, string | true>;
  /** `raw` without the leading flags. */
  args: string;
  /** Exec (JSON) form, when the arguments are a JSON array of strings. */
  json?: string[];
  heredocs: Heredoc[];
  startLine: number;
  endLine: number;
  /** Stable address inside the stage: `RUN[2]` = third RUN of the stage. */
  path: string;
}

/** A build stage: `FROM [--platform=…] image [AS name]` and what follows it. */
export interface DockerStage {
  index: number;
  name?: string;
  /** Image as written and after substitution of global ARG defaults. */
  image: string;
  imageResolved: string;
  /** Names of global ARGs the image needs and that have no default. */
  unresolvedArgs: string[];
  platform?: string;
  from: DockerInstruction;
  instructions: DockerInstruction[];
  /** Stage resource id: `stage:<name>` or `stage:<index>`. */
  resource: string;
}

/** A parsed Dockerfile. */
export interface DockerfileModel {
  escape: string;
  directives: Record<string, string>;
  globalArgs: DockerInstruction[];
  stages: DockerStage[];
  errors: ErrorDetail[];
}

const FLAG_KEYWORDS = new Set(["FROM", "COPY", "ADD", "RUN", "HEALTHCHECK"]);
const HEREDOC_KEYWORDS = new Set(["RUN", "COPY", "ADD"]);
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const KNOWN = new Set([
  "FROM",
  "RUN",
  "CMD",
  "LABEL",
  "MAINTAINER",
  "EXPOSE",
  "ENV",
  "ADD",
  "COPY",
  "ENTRYPOINT",
  "VOLUME",
  "USER",
  "WORKDIR",
  "ARG",
  "ONBUILD",
  "STOPSIGNAL",
  "HEALTHCHECK",
  "SHELL",
]);

/**
 * Parses Dockerfile syntax with positions: parser directives (`# escape=`), line continuations,
 * comments inside continuations, heredocs, JSON and shell forms, leading flags, global ARGs
 * before the first FROM, and stages with `AS name`. Unknown instructions are reported, not fatal.
 */
export function parseDockerfile(path: string, content: string): DockerfileModel {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  const errors: ErrorDetail[] = [];
  const directives: Record<string, string> = {};
  let i = 0;
  // Directives are only honoured before the first comment, blank line or instruction.
  for (; i < lines.length; i++) {
    const m = /^#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(lines[i] ?? "");
    if (!m) break;
    directives[(m[1] as string).toLowerCase()] = m[2] as string;
  }
  const escape = directives.escape === "`" ? "`" : "\\";
  const instructions: DockerInstruction[] = [];
  while (i < lines.length) {
    const line = lines[i] as string;
    if (/^\s*(#.*)?$/.test(line)) {
      i++;
      continue;
    }
    const startLine = i + 1;
    let text = "";
    let cur = line;
    for (;;) {
      const trimmed = cur.replace(/\s+$/, "");
      if (trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape)) {
        text += trimmed.slice(0, -1) + " ";
        i++;
        // Comment and blank lines inside a continuation are dropped, as BuildKit does.
        while (i < lines.length && /^\s*(#.*)?$/.test(lines[i] as string)) i++;
        if (i >= lines.length) break;
        cur = lines[i] as string;
        continue;
      }
      text += trimmed;
      break;
    }
    let endLine = Math.min(i + 1, lines.length);
    i++;
    const m = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(text);
    if (!m) {
      errors.push({
        file: path,
        line: startLine,
        message: `cannot parse line: ${text.slice(0, 80)}`,
      });
      continue;
    }
    const keyword = (m[1] as string).toUpperCase();
    const raw = (m[2] ?? "").trim();
    if (!KNOWN.has(keyword)) {
      errors.push({ file: path, line: startLine, message: `unknown instruction ${keyword}` });
      continue;
    }
    const heredocs: Heredoc[] = [];
    if (HEREDOC_KEYWORDS.has(keyword)) {
      for (const h of raw.matchAll(HEREDOC)) {
        const strip = h[1] === "-";
        const name = h[3] as string;
        const body: string[] = [];
        let closed = false;
        while (i < lines.length) {
          const l = lines[i] as string;
          i++;
          if ((strip ? l.replace(/^\t+/, "") : l) === name) {
            closed = true;
            break;
          }
          body.push(strip ? l.replace(/^\t+/, "") : l);
        }
        endLine = i;
        if (!closed)
          errors.push({
            file: path,
            line: startLine,
            message: `heredoc ${name} is not terminated`,
          });
        heredocs.push({ name, body: body.join("\n") });
      }
    }
    const { flags, rest } = FLAG_KEYWORDS.has(keyword) ? splitFlags(raw) : { flags: {}, rest: raw };
    const json = parseJsonForm(rest);
    instructions.push({
      keyword,
      raw,
      flags,
      args: rest,
      ...(json ? { json } : {}),
      heredocs,
      startLine,
      endLine,
      path: "",
    });
  }
  return { escape, directives, errors, ...buildStages(path, instructions, errors) };
}

function splitFlags(raw: string): { flags: Record<string, string | true>; rest: string } {
  const flags: Record<string, string | true> = {};
  let rest = raw;
  for (;;) {
    const m = /^--([A-Za-z][A-Za-z0-9-]*)(?:=("[^"]*"|'[^']*'|\S*))?\s*/.exec(rest);
    if (!m) break;
    const name = m[1] as string;
    const value = m[2] === undefined ? true : m[2].replace(/^(["'])(.*)\1$/, "$2");
    // Repeated flags (several --mount) are kept comma-joined; rules only test for presence.
    const prev = flags[name];
    flags[name] =
      typeof prev === "string" && typeof value === "string" ? `${prev},${value}` : value;
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

function parseJsonForm(args: string): string[] | undefined {
  if (!args.startsWith("[")) return undefined;
  try {
    const v: unknown = JSON.parse(args);
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : undefined;
  } catch {
    return undefined;
  }
}

/** `${NAME}`, `${NAME:-default}` and `$NAME` substitution with the given values. */
export function substitute(
  text: string,
  values: Record<string, string | undefined>,
): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (all, a, def, b) => {
      const name = (a ?? b) as string;
      const v = values[name];
      if (v !== undefined && v !== "") return v;
      if (typeof def === "string" && all.includes(":-")) return def;
      missing.push(name);
      return all;
    },
  );
  return { value, missing };
}

function argDefaults(args: readonly DockerInstruction[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const a of args) {
    for (const part of a.args.split(/\s+/)) {
      const eq = part.indexOf("=");
      if (part === "") continue;
      if (eq < 0) out[part] ??= undefined;
      else out[part.slice(0, eq)] = part.slice(eq + 1).replace(/^(["'])(.*)\1$/, "$2");
    }
  }
  return out;
}

function buildStages(
  path: string,
  instructions: DockerInstruction[],
  errors: ErrorDetail[],
): { globalArgs: DockerInstruction[]; stages: DockerStage[] } {
  const globalArgs: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  let counters: Record<string, number> = {};
  const number = (ins: DockerInstruction): DockerInstruction => {
    const n = counters[ins.keyword] ?? 0;
    counters[ins.keyword] = n + 1;
    return { ...ins, path: `${ins.keyword}[${n}]` };
  };
  for (const ins of instructions) {
    if (ins.keyword === "FROM") {
      counters = {};
      const from = number(ins);
      const words = from.args.split(/\s+/).filter((w) => w !== "");
      const image = words[0] ?? "";
      const asIdx = words.findIndex((w) => w.toLowerCase() === "as");
      const name = asIdx >= 0 ? words[asIdx + 1] : undefined;
      const sub = substitute(image, argDefaults(globalArgs));
      const index = stages.length;
      const platform = from.flags.platform;
      stages.push({
        index,
        ...(name ? { name } : {}),
        image,
        imageResolved: sub.value,
        unresolvedArgs: sub.missing,
        ...(typeof platform === "string" ? { platform } : {}),
        from,
        instructions: [],
        resource: `stage:${name ?? index}`,
      });
      if (image === "")
        errors.push({ file: path, line: ins.startLine, message: "FROM without an image" });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) {
      if (ins.keyword === "ARG")
        globalArgs.push({ ...ins, path: `GLOBAL-ARG[${globalArgs.length}]` });
      else
        errors.push({
          file: path,
          line: ins.startLine,
          message: `${ins.keyword} before the first FROM`,
        });
      continue;
    }
    stage.instructions.push(number(ins));
  }
  return { globalArgs, stages };
}
