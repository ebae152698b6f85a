import type { Asset } from "@infrasec/contracts";

const COLUMNS = [
  "key",
  "name",
  "kind",
  "ownerTeam",
  "environment",
  "criticality",
  "exposure",
  "dataClassification",
  "tags",
  "identifiers",
  "description",
  "createdAt",
  "updatedAt",
] as const;

function csvCell(value: string): string {
  // Quote always-dangerous cells; prefix formula starters so spreadsheets do not execute them.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV in the column layout that `POST /api/v1/assets/import` reads back. */
export function assetsToCsv(assets: Asset[]): string {
  const lines = [COLUMNS.join(",")];
  for (const a of assets) {
    const row = COLUMNS.map((c) => {
      if (c === "tags") return a.tags.join(";");
      if (c === "identifiers") return a.identifiers.map((i) => `${i.type}:${i.value}`).join(";");
      const v = a[c];
      return v === null ? "" : String(v);
    });
    lines.push(row.map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

export function assetsToJson(assets: Asset[]): string {
  return `${JSON.stringify(assets, null, 2)}\n`;
}

/** Starts a download of text generated in the browser. */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
