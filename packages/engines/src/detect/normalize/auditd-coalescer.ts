import type { FieldValue, SigmaEvent } from "../detect-types";
import { hexBytes } from "../match/value-encoders";
import type { AuditRecord } from "./auditd-line-parser";
import type { DeclaredLosses } from "./normalize-types";

/** Sigma fields coalesced auditd events cannot fill without a process table or user lookup. */
export const AUDITD_LOSSES: DeclaredLosses = {
  process_creation: ["ParentImage", "ParentCommandLine", "User (uid unless log_format=ENRICHED)"],
  file_event: ["User (uid unless ENRICHED)"],
  network_connection: ["SourceIp", "SourcePort"],
};

// Syscall numbers by audit arch, for logs without ENRICHED names.
const SYSCALLS: Record<string, Record<string, string>> = {
  c000003e: {
    "59": "execve",
    "322": "execveat",
    "42": "connect",
    "2": "open",
    "257": "openat",
    "437": "openat2",
    "85": "creat",
    "82": "rename",
    "264": "renameat",
    "316": "renameat2",
    "87": "unlink",
    "263": "unlinkat",
    "83": "mkdir",
    "86": "link",
    "88": "symlink",
  },
  c00000b7: {
    "221": "execve",
    "281": "execveat",
    "203": "connect",
    "56": "openat",
    "35": "unlinkat",
    "38": "renameat",
    "276": "renameat2",
    "34": "mkdirat",
    "37": "linkat",
    "36": "symlinkat",
  },
};
const FILE_SYSCALLS = new Set([
  "open",
  "openat",
  "openat2",
  "creat",
  "rename",
  "renameat",
  "renameat2",
  "link",
  "linkat",
  "symlink",
  "symlinkat",
  "mkdir",
  "mkdirat",
]);

/** Decodes a SOCKADDR `saddr` hex blob (AF_INET / AF_INET6) to address and port. */
export function decodeSaddr(hex: string): { ip: string; port: number } | undefined {
  const b = hex.length >= 16 ? hexBytes(hex) : undefined;
  if (!b) return undefined;
  const u16be = (i: number): number => (b[i]! << 8) | b[i + 1]!;
  const family = b[0]! | (b[1]! << 8); // sa_family is host order (little-endian on x86/arm)
  if (family === 2 && b.length >= 8) return { port: u16be(2), ip: [...b.subarray(4, 8)].join(".") };
  if (family === 10 && b.length >= 24) {
    const groups: string[] = [];
    for (let i = 8; i < 24; i += 2) groups.push(u16be(i).toString(16));
    return { port: u16be(2), ip: groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::") };
  }
  return undefined;
}

function syscallName(sys: AuditRecord): string | undefined {
  return (
    sys.enriched.SYSCALL ??
    SYSCALLS[sys.fields.arch ?? ""]?.[sys.fields.syscall ?? ""] ??
    sys.fields.syscall
  );
}

function joinPath(cwd: string | undefined, name: string): string {
  if (name.startsWith("/") || !cwd) return name;
  return `${cwd.replace(/\/$/, "")}/${name.replace(/^\.\//, "")}`;
}

/**
 * Coalesces the records of one kernel event (same node and serial) into a Sigma
 * process_creation, file_event or network_connection event; undefined for other syscalls.
 */
export function coalesceAuditRecords(records: readonly AuditRecord[]): SigmaEvent | undefined {
  const sys = records.find((r) => r.type === "SYSCALL");
  if (!sys) return undefined;
  const name = syscallName(sys);
  const cwd = records.find((r) => r.type === "CWD")?.fields.cwd;
  const fields: Record<string, FieldValue> = {};
  const provenance: Record<string, string> = {};
  const set = (k: string, v: string | undefined, from: string): void => {
    if (v === undefined || v === "(null)") return;
    fields[k] = v;
    provenance[k] = from;
  };
  set("Image", sys.fields.exe, "SYSCALL.exe");
  set("ProcessId", sys.fields.pid, "SYSCALL.pid");
  set("ParentProcessId", sys.fields.ppid, "SYSCALL.ppid");
  set("User", sys.enriched.UID ?? sys.fields.uid, sys.enriched.UID ? "SYSCALL.UID" : "SYSCALL.uid");
  set("LogonId", sys.fields.auid, "SYSCALL.auid");
  set("CurrentDirectory", cwd, "CWD.cwd");
  for (const k of [
    "syscall",
    "success",
    "exit",
    "comm",
    "key",
    "tty",
    "ses",
    "auid",
    "uid",
    "euid",
  ])
    set(k, sys.fields[k], `SYSCALL.${k}`);
  if (name) fields.SYSCALL = name;
  let category: string | undefined;
  if (name === "execve" || name === "execveat") {
    category = "process_creation";
    const execve = records.find((r) => r.type === "EXECVE");
    if (execve) {
      const argc = Math.min(Number(execve.fields.argc ?? 0), 4096);
      const args: string[] = [];
      for (let i = 0; i < argc; i++)
        if (execve.fields[`a${i}`] !== undefined) args.push(execve.fields[`a${i}`]!);
      set("CommandLine", args.join(" "), "EXECVE.a*");
    } else
      set(
        "CommandLine",
        records.find((r) => r.type === "PROCTITLE")?.fields.proctitle,
        "PROCTITLE.proctitle",
      );
  } else if (name === "connect") {
    const sa = records.find((r) => r.type === "SOCKADDR")?.fields.saddr;
    const dec = sa ? decodeSaddr(sa) : undefined;
    if (!dec) return undefined;
    category = "network_connection";
    set("DestinationIp", dec.ip, "SOCKADDR.saddr");
    set("DestinationPort", String(dec.port), "SOCKADDR.saddr");
    fields.Initiated = "true";
  } else if (name && FILE_SYSCALLS.has(name)) {
    const created = records.filter((r) => r.type === "PATH" && r.fields.nametype === "CREATE");
    const target = created[created.length - 1]?.fields.name;
    if (target === undefined) return undefined; // reads and plain opens are not file_event
    category = "file_event";
    set("TargetFilename", joinPath(cwd, target), "PATH.name");
  } else return undefined;
  return {
    logsource: { product: "linux", category },
    fields,
    timestamp: sys.timestamp,
    source: "auditd",
    raw: records.map((r) => r.raw).join("\n"),
    context: { host: sys.node },
    provenance,
    original: records.map((r) => r.raw),
  };
}
