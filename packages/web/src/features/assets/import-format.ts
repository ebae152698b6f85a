import type { ImportFormat } from "@infrasec/contracts";

/** Format from the file name, else from the first characters of the content. */
export function detectFormat(name: string | null, content: string): ImportFormat {
  const ext = name?.split(".").pop()?.toLowerCase();
  if (ext === "yml" || ext === "yaml") return "yaml";
  if (ext === "json") return "json";
  if (ext === "csv") return "csv";
  const head = content.trimStart();
  if (head.startsWith("[") || head.startsWith("{")) return "json";
  const first = head.split("\n")[0] ?? "";
  if (/^[\w"]+(,[\w" ]+)+$/.test(first) && !first.includes(":")) return "csv";
  return "yaml";
}
