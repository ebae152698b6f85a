/**
 * Orders package versions well enough to pick "the highest fixed version needed" across
 * ecosystems without knowing each one's rules: an optional numeric epoch (`1:2.3`), then runs of
 * digits compared as numbers and other runs compared as text; Debian's `~` sorts before
 * anything (1.0~rc1 < 1.0), and a pre-release suffix after a hyphen in semver (1.0.0-rc.1)
 * sorts before the release.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const [ea, ra] = epoch(a);
  const [eb, rb] = epoch(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  const ta = tokens(ra);
  const tb = tokens(rb);
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    const x = ta[i];
    const y = tb[i];
    if (x === undefined || y === undefined) {
      // The longer one continues: "1.0" < "1.0.1", but "1.0~rc1" and "1.0-rc.1" < "1.0".
      const rest = (x ?? y)!;
      const longerIsA = x !== undefined;
      const pre = rest === "~" || (rest === "-" && isSemverPre(longerIsA ? ra : rb));
      return (pre ? -1 : 1) * (longerIsA ? 1 : -1);
    }
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
      continue;
    }
    if (x === "~") return -1;
    if (y === "~") return 1;
    if (nx !== ny) return nx ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The fixed version to upgrade to from `installed`, when a scanner lists several (Trivy writes
 * "1.1.1w, 3.0.12" for two release lines): the lowest candidate above the installed version,
 * else the highest candidate.
 */
export function pickFixedVersion(fixed: string, installed: string | null): string | null {
  const candidates = fixed
    .split(/\s*(?:,|\|\||\s)\s*/)
    .map((c) => c.replace(/^[<>=v]+/, "").trim())
    .filter((c) => c !== "");
  if (candidates.length === 0) return null;
  candidates.sort(compareVersions);
  if (installed) {
    const above = candidates.find((c) => compareVersions(c, installed) > 0);
    if (above) return above;
  }
  return candidates[candidates.length - 1]!;
}

function epoch(v: string): [number, string] {
  const m = /^(\d+):(.*)$/.exec(v);
  return m ? [Number(m[1]), m[2]!] : [0, v];
}

function tokens(v: string): string[] {
  return v.match(/\d+|~|-|[A-Za-z]+|[^\dA-Za-z~.+_-]+/g) ?? [];
}

function isSemverPre(v: string): boolean {
  return /^\d+\.\d+\.\d+-[A-Za-z][0-9A-Za-z.-]*$/.test(v);
}
