// Fails when any installed package is under a GPL-family licence (GPL, LGPL, AGPL): infrasec is
// Apache-2.0 and must not bind its users. Also lists packages that declare no licence at all.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const offenders = [];
const undeclared = [];
let count = 0;
function walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith(".")) continue;
    const p = join(dir, entry);
    if (entry.startsWith("@")) {
      walk(p);
      continue;
    }
    const pj = join(p, "package.json");
    if (!existsSync(pj)) continue;
    const pkg = JSON.parse(readFileSync(pj, "utf8"));
    count++;
    const licence =
      typeof pkg.license === "string"
        ? pkg.license
        : JSON.stringify(pkg.license ?? pkg.licenses ?? null);
    // An "A OR B" expression is fine when one side is permissive.
    const options = licence.replace(/[()]/g, "").split(/\s+OR\s+/i);
    if (options.every((l) => /\b(A|L)?GPL/i.test(l)))
      offenders.push(`${pkg.name}@${pkg.version}: ${licence}`);
    if (licence === "null" && !String(pkg.name).startsWith("@infrasec/"))
      undeclared.push(`${pkg.name}@${pkg.version}`);
    walk(join(p, "node_modules"));
  }
}
walk("node_modules");
if (undeclared.length)
  console.log(`packages without a declared licence (check by hand): ${undeclared.join(", ")}`);
if (offenders.length) {
  console.error(`GPL-family licences are not allowed:\n  ${offenders.join("\n  ")}`);
  process.exit(1);
}
console.log(`licences ok: ${count} packages, none GPL/LGPL/AGPL`);
