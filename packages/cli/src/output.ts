/** Prints rows as an aligned plain-text table (or nothing but a note when empty). */
export function printTable(
  rows: Record<string, unknown>[],
  columns: string[],
  write: (s: string) => void = (s) => process.stdout.write(s),
): void {
  if (rows.length === 0) {
    write("(none)\n");
    return;
  }
  const cell = (v: unknown): string =>
    v === null || v === undefined
      ? ""
      : Array.isArray(v)
        ? v.map(cell).join(",")
        : typeof v === "string"
          ? v
          : typeof v === "number" || typeof v === "boolean"
            ? String(v)
            : JSON.stringify(v);
  const widths = columns.map((c) =>
    Math.min(60, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.slice(0, 60).padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  write(`${line(columns.map((c) => c.toUpperCase()))}\n`);
  for (const r of rows) write(`${line(columns.map((c) => cell(r[c])))}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
