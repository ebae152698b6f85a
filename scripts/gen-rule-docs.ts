// Generates docs/rules/ from the review rule metadata: one page per framework and provider,
// plus an index. Run `npm run docs:rules`; a test fails when the committed pages are stale.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ruleDocPages } from "../packages/engines/src/review/rule-docs";

const out = new URL("../docs/rules/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (f.endsWith(".md")) rmSync(join(out, f));
const pages = ruleDocPages();
for (const [name, text] of Object.entries(pages)) writeFileSync(join(out, name), text);
console.log(`wrote ${Object.keys(pages).length} pages to docs/rules/`);
