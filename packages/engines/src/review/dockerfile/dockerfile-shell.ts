import type { DockerInstruction } from "./dockerfile-parser";

/** One simple command of a shell script and the operator that joined it to the previous one. */
export interface ShellCommand {
  words: string[];
  op: "" | "&&" | "||" | ";" | "|" | "&" | "\n";
}

/**
 * Splits shell text into simple commands. Quotes, backslash escapes, `$(…)` and comments are
 * respected; this is not a full POSIX parser, only enough to see commands and their arguments
 * without the false splits of a regex (e.g. `echo "a && b"` stays one command).
 */
export function splitShell(text: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  let words: string[] = [];
  let word = "";
  let inWord = false;
  let op: ShellCommand["op"] = "";
  let quote: string | undefined;
  let paren = 0;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = (next: ShellCommand["op"]): void => {
    endWord();
    if (words.length > 0) out.push({ words, op });
    words = [];
    op = next;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"' && i + 1 < text.length) word += text[++i] as string;
      else word += ch;
      continue;
    }
    if (paren > 0) {
      word += ch;
      if (ch === "(") paren++;
      else if (ch === ")") paren--;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\") {
      if (i + 1 < text.length && text[i + 1] !== "\n") word += text[i + 1] as string;
      inWord = true;
      i++;
    } else if (ch === "$" && text[i + 1] === "(") {
      word += "$(";
      inWord = true;
      paren = 1;
      i++;
    } else if ((ch === "<" || ch === ">") && text[i + 1] === "(") {
      word += `${ch}(`;
      inWord = true;
      paren = 1;
      i++;
    } else if (ch === "#" && !inWord) {
      while (i < text.length && text[i] !== "\n") i++;
      i--;
    } else if (ch === "&" && text[i + 1] === "&") {
      endCommand("&&");
      i++;
    } else if (ch === "|" && text[i + 1] === "|") {
      endCommand("||");
      i++;
    } else if (ch === "|") {
      endCommand("|");
    } else if (ch === ";" || ch === "\n" || ch === "&") {
      endCommand(ch === "&" ? "&" : ch === ";" ? ";" : "\n");
    } else if (ch === " " || ch === "\t" || ch === "\r") {
      endWord();
    } else if ((ch === "(" || ch === ")" || ch === "{" || ch === "}") && !inWord) {
      // Subshells and groups: their commands are analysed like top-level ones.
      endCommand(op);
    } else {
      word += ch;
      inWord = true;
    }
  }
  endCommand("");
  return out;
}

const WRAPPERS = new Set(["sudo", "env", "exec", "time", "nohup", "nice", "command"]);
const SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "ksh"]);

/** The command name (basename) after assignments and wrappers such as `sudo` and `env`. */
export function commandName(cmd: ShellCommand): { name: string; args: string[]; sudo: boolean } {
  let i = 0;
  let sudo = false;
  const w = cmd.words;
  while (i < w.length) {
    const word = w[i] as string;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) {
      i++;
    } else if (WRAPPERS.has(word)) {
      if (word === "sudo") sudo = true;
      i++;
      while (i < w.length && (w[i] as string).startsWith("-")) i++;
    } else break;
  }
  const name = (w[i] ?? "").replace(/^.*\//, "");
  return { name, args: w.slice(i + 1), sudo };
}

/** True for sh, bash and friends (by basename). */
export function isShell(name: string): boolean {
  return SHELLS.has(name);
}

/**
 * All simple commands of a RUN: shell form, exec form (`["sh","-c","…"]` is unwrapped), heredoc
 * bodies, and scripts passed to `sh -c` inside the shell text.
 */
export function runCommands(ins: DockerInstruction): ShellCommand[] {
  const texts: string[] = [];
  if (ins.json) {
    const [first = "", second] = ins.json;
    if (isShell(first.replace(/^.*\//, "")) && second === "-c")
      texts.push(ins.json.slice(2).join(" "));
    else return [{ words: ins.json, op: "" }];
  } else {
    texts.push(ins.args.replace(/<<-?(["']?)[A-Za-z_][A-Za-z0-9_]*\1/g, ""));
  }
  for (const h of ins.heredocs) texts.push(h.body);
  const out: ShellCommand[] = [];
  const visit = (text: string, depth: number): void => {
    for (const cmd of splitShell(text)) {
      out.push(cmd);
      const { name, args } = commandName(cmd);
      const c = args.indexOf("-c");
      if (depth < 3 && isShell(name) && c >= 0 && args[c + 1] !== undefined)
        visit(args[c + 1] as string, depth + 1);
    }
  };
  for (const t of texts) visit(t, 0);
  return out;
}
