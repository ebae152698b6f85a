/**
 * Test helpers for archive imports (not exported from the package): a small ustar/pax tar
 * writer (fflate writes ZIPs but not tar), report generators, and ZIP directory patching to
 * forge lying, encrypted or corrupt archives.
 */

const enc = new TextEncoder();

export interface TarInput {
  name: string;
  data?: string | Uint8Array;
  /** "0" file (default), "5" directory, "2" symlink. */
  type?: string;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, type: string): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, at: number) => h.set(enc.encode(s), at);
  put(name.slice(0, 100), 0);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(1_700_000_000, 12), 136);
  put("        ", 148);
  put(type, 156);
  put("ustar\0", 257);
  put("00", 263);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return h;
}

function padded(bytes: Uint8Array): Uint8Array[] {
  const pad = (512 - (bytes.length % 512)) % 512;
  return [bytes, new Uint8Array(pad)];
}

/** A pax record "<len> path=<name>\n" whose length counts its own digits. */
function paxPath(name: string): Uint8Array {
  const body = ` path=${name}\n`;
  let len = enc.encode(body).length + 1;
  while (String(len).length + enc.encode(body).length !== len) len++;
  return enc.encode(`${len}${body}`);
}

/** A tar archive as `tar cf` writes it: names over 100 bytes get a pax header. */
export function tar(entries: TarInput[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const data = typeof e.data === "string" ? enc.encode(e.data) : (e.data ?? new Uint8Array());
    if (enc.encode(e.name).length > 100) {
      const pax = paxPath(e.name);
      parts.push(header("PaxHeader/long", pax.length, "x"), ...padded(pax));
    }
    parts.push(header(e.name, data.length, e.type ?? "0"), ...padded(data));
  }
  parts.push(new Uint8Array(1024));
  return Buffer.concat(parts);
}

export function trivyReport(image: string, n: number, from = 0): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: image,
    ArtifactType: "container_image",
    Metadata: { RepoTags: [image] },
    Results: [
      {
        Target: `${image} (debian 12.5)`,
        Class: "os-pkgs",
        Vulnerabilities: Array.from({ length: n }, (_, i) => ({
          VulnerabilityID: `CVE-2024-${String(10000 + from + i)}`,
          PkgName: `pkg${from + i}`,
          InstalledVersion: "1.0.0",
          FixedVersion: "1.0.1",
          Severity: "HIGH",
        })),
      },
    ],
  });
}

const CENTRAL_SIG = 0x02014b50;

/** The offsets of a ZIP's central directory records. */
function centralRecords(zip: Uint8Array): number[] {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= view.length; i++) if (view.readUInt32LE(i) === CENTRAL_SIG) out.push(i);
  return out;
}

/** Rewrites a field of the `index`-th central directory record (and returns the same bytes). */
export function patchCentral(
  zip: Uint8Array,
  index: number,
  field: "flags" | "size",
  value: number,
): Uint8Array {
  const at = centralRecords(zip)[index];
  if (at === undefined) throw new Error(`no central record ${index}`);
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  if (field === "flags") view.writeUInt16LE(value, at + 8);
  else view.writeUInt32LE(value, at + 24);
  return zip;
}
