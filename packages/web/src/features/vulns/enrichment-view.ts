import type { VulnEnrichmentSourceInfo } from "@infrasec/contracts";

/**
 * The enrichment page's logic apart from React: reading an uploaded feed file (EPSS comes as
 * .csv.gz from FIRST, so gzip is expanded in the browser with a bound on the expanded size),
 * the refresh commands shown for copying, and a feed's freshness in words.
 */

const GZIP_MAGIC = [0x1f, 0x8b] as const;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** A feed file too large for one request, or not readable as text. */
export class FeedFileError extends Error {}

/**
 * The text of a feed file: plain UTF-8, or gzip expanded by the browser's DecompressionStream.
 * Stops as soon as the text would pass `maxChars`, so a small archive that expands to gigabytes
 * cannot exhaust the tab's memory.
 */
export async function decodeFeedBytes(bytes: Uint8Array, maxChars: number): Promise<string> {
  const tooLarge = () =>
    new FeedFileError(
      `the file expands to more than ${maxChars.toLocaleString("en-US")} characters; import it with the CLI instead`,
    );
  if (!isGzip(bytes)) {
    if (bytes.length > maxChars * 4) throw tooLarge();
    const text = new TextDecoder().decode(bytes);
    if (text.length > maxChars) throw tooLarge();
    return text;
  }
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream("gzip"))
    .pipeThrough(new TextDecoderStream());
  const reader = stream.getReader();
  const parts: string[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxChars) {
        await reader.cancel();
        throw tooLarge();
      }
      parts.push(value);
    }
  } catch (e) {
    if (e instanceof FeedFileError) throw e;
    throw new FeedFileError(
      `the file is not valid gzip: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return parts.join("");
}

export const EPSS_URL = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz";
export const KEV_URL =
  "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";

/** The commands that refresh a feed where the network allows (docs/vulns/enrichment.md). */
export const REFRESH_COMMANDS = {
  epss: `curl -fsSL ${EPSS_URL} -o epss.csv.gz && infrasec vulns enrich epss epss.csv.gz`,
  kev: `curl -fsSL ${KEV_URL} -o kev.json && infrasec vulns enrich kev kev.json`,
} as const;

const DAY_MS = 86_400_000;

/**
 * How old a feed is, from its own date (EPSS score date, KEV release date), else its import
 * time: EPSS is published daily and KEV on most working days, so a week is stale.
 */
export function feedFreshness(
  info: Pick<VulnEnrichmentSourceInfo, "date" | "importedAt"> | null,
  now: number,
): { text: string; stale: boolean } {
  if (!info) return { text: "never imported", stale: true };
  const at = Date.parse(info.date ?? info.importedAt);
  if (Number.isNaN(at)) return { text: "date unknown", stale: true };
  const days = Math.max(0, Math.floor((now - at) / DAY_MS));
  const text = days === 0 ? "from today" : `${days} day${days === 1 ? "" : "s"} old`;
  return { text, stale: days > 7 };
}

/** "12 of 40 open findings (30 %)". */
export function coverageText(part: number, open: number): string {
  if (open === 0) return `${part} (no open findings)`;
  return `${part} of ${open} open findings (${Math.round((part / open) * 100)} %)`;
}
