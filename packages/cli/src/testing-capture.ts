import { vi } from "vitest";
import { runCli } from "./run-cli";

/** Runs the CLI in-process with the given environment and captures its output. */
export async function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const o = vi
    .spyOn(process.stdout, "write")
    .mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi
    .spyOn(process.stderr, "write")
    .mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    const code = await runCli(["node", "infrasec", ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
