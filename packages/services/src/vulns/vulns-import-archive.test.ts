import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ManualClock, systemActor } from "@infrasec/core";
import { parseReport } from "@infrasec/engines/vulns";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";
import { patchCentral, tar, trivyReport } from "./archive-test-kit";

/**
 * Archive imports (ZIP, tar, tar.gz): one job per archive, its reports grouped by scanner and
 * applied in one transaction; bombs, too many entries, empty, corrupt and encrypted archives
 * fail with the entry named, writing nothing.
 */

const ctx: Ctx = { actor: { ...systemActor, username: "tester" }, requestId: "t" };
const grype = readFileSync(
  fileURLToPath(new URL("../../../engines/src/vulns/testdata/grype.json", import.meta.url)),
  "utf8",
);
const grypeFindings = parseReport(grype).findings.length;

let dir: string;
let spoolDir: string;

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: Services;
  let clock: ManualClock;
  const total = async () =>
    (await s.vulns.listFindings(ctx, { sort: "vulnId", limit: 1, offset: 0 })).total;
  const write = (name: string, data: string | Uint8Array) => {
    const file = join(dir, name);
    writeFileSync(file, data);
    return file;
  };
  const importFile = (name: string, data: Uint8Array, extra: { scanner?: string } = {}) =>
    s.vulns.runImport(ctx, { file: write(name, data), asset: "app", fileName: name, ...extra });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "infrasec-vulns-archive-"));
    spoolDir = join(dir, "spool");
    db = await open();
    clock = new ManualClock("2026-11-25T12:00:00.000Z");
    s = createServices({
      store: db.store,
      clock,
      vulns: { spoolDir, maxExpandedBytes: 4 * 1024 * 1024 },
    });
    await s.assets.create(ctx, { key: "app", name: "app", kind: "container_image" });
  });
  afterEach(async () => {
    await s.vulns.idle();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports every report of a ZIP in one job, grouped by scanner, skipping the rest", async () => {
    const zip = zipSync({
      "reports/trivy-web.json": strToU8(trivyReport("web:1", 30)),
      // Same scanner, another image, gzipped: merged with the first, not closing it.
      "reports/trivy-db.json.gz": gzipSync(trivyReport("db:1", 20, 100)),
      "grype.json": strToU8(grype),
      "README.txt": strToU8("not a report"),
      ".hidden.json": strToU8("{not json"),
      "__MACOSX/._grype.json": strToU8("resource fork"),
      "empty-dir/": new Uint8Array(),
    });
    const job = await importFile("artifacts.zip", zip);
    expect(job, JSON.stringify(job)).toMatchObject({
      status: "done",
      fileName: "artifacts.zip",
      scanner: "trivy, grype",
      format: "trivy, grype",
      counts: { created: 50 + grypeFindings, closed: 0 },
    });
    clock.advance(60_000);
    const again = await importFile("artifacts.zip", zip);
    expect(again.counts).toMatchObject({ unchanged: 50 + grypeFindings, closed: 0, created: 0 });
    // Without the archive's grouping the db report alone closes the web image's findings.
    clock.advance(60_000);
    const alone = await importFile("db.json", strToU8(trivyReport("db:1", 20, 100)));
    expect(alone).toMatchObject({ status: "waiting_confirmation", openInScope: 50, toClose: 30 });
  });

  it("reconciles every report under --scanner when it is given", async () => {
    const zip = zipSync({
      "a.json": strToU8(trivyReport("web:1", 5)),
      "b.json": strToU8(grype),
    });
    const job = await importFile("a.zip", zip, { scanner: "ci" });
    expect(job).toMatchObject({ status: "done", scanner: "ci", format: "trivy, grype" });
    expect(job.counts.created).toBe(5 + grypeFindings);
  });

  it("imports tar and tar.gz archives with pax long names", async () => {
    const long = `${"deep/".repeat(30)}trivy.json`;
    const archive = tar([
      { name: "out/", type: "5" },
      { name: long, data: trivyReport("web:1", 12) },
      { name: "link.json", type: "2" },
      { name: "notes.md", data: "# notes" },
    ]);
    const plain = await importFile("r.tar", archive);
    expect(plain, JSON.stringify(plain)).toMatchObject({ status: "done", counts: { created: 12 } });
    clock.advance(60_000);
    const gz = await importFile("r.tar.gz", gzipSync(archive));
    expect(gz).toMatchObject({ status: "done", counts: { unchanged: 12 } });
  });

  it("fails a report of the archive with its entry named, importing none of them", async () => {
    const zip = zipSync({
      "a.json": strToU8(trivyReport("web:1", 5)),
      "b.json": strToU8(trivyReport("db:1", 5).replace('"PkgName":"pkg2"', '"PkgName":pkg2')),
    });
    const job = await importFile("bad.zip", zip);
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/^archive entry b\.json: .*invalid JSON/);
    expect(job.errorDetails[0]?.file).toBe("b.json");
    const badTar = tar([
      { name: "a.json", data: trivyReport("web:1", 5) },
      { name: "b.json", data: "{" },
    ]);
    const t = await importFile("bad.tar", badTar);
    expect(t.error).toMatch(/^archive entry b\.json: /);
    expect(await total()).toBe(0);
  });

  it("refuses bombs by total size, by ratio and by a lying directory, writing nothing", async () => {
    const spaces = (n: number) => new Uint8Array(n).fill(0x20);
    const big = await importFile("big.zip", zipSync({ "a.json": spaces(5 * 1024 * 1024) }));
    expect(big.status).toBe("failed");
    expect(big.error).toMatch(/archive entry a\.json expands beyond 4194304 bytes.*bomb/);
    // Two entries under the cap each, over it together.
    const two = await importFile(
      "two.zip",
      zipSync({ "a.json": spaces(3 * 1024 * 1024), "b.json": spaces(3 * 1024 * 1024) }),
    );
    expect(two.error).toMatch(/at entry b\.json.*expands beyond 4194304 bytes/);
    const ratio = createServices({
      store: db.store,
      clock,
      vulns: { spoolDir, maxExpandedBytes: 1024 ** 3, maxExpansionRatio: 200 },
    });
    const byRatio = await ratio.vulns.runImport(ctx, {
      file: write("ratio.zip", zipSync({ "r.json": spaces(40 * 1024 * 1024) })),
      asset: "app",
    });
    expect(byRatio.error).toMatch(/archive entry r\.json expands beyond .*200× the compressed/);
    // The directory says 10 bytes; inflating stops right after them.
    const liar = patchCentral(zipSync({ "l.json": spaces(100_000) }), 0, "size", 10);
    const lied = await importFile("liar.zip", liar);
    expect(lied.error).toMatch(/archive entry l\.json: expands beyond its declared 10 bytes/);
    const tgzBomb = await importFile(
      "bomb.tar.gz",
      gzipSync(tar([{ name: "x.json", data: spaces(5 * 1024 * 1024) }])),
    );
    expect(tgzBomb.error).toMatch(/expands beyond 4194304 bytes/);
    expect(await total()).toBe(0);
  });

  it("refuses too many entries, empty archives, encrypted and nested ones", async () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 1001; i++) many[`f${i}.txt`] = strToU8("x");
    const tooMany = await importFile("many.zip", zipSync(many));
    expect(tooMany.error).toMatch(/has 1001 entries; at most 1000/);
    const tarMany = await importFile(
      "many.tar",
      tar(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.txt`, data: "x" }))),
    );
    expect(tarMany.error).toMatch(/more than 1000 entries/);
    const empty = await importFile("empty.zip", zipSync({}));
    expect(empty.error).toMatch(/the zip archive holds no report .*it is empty/);
    const noReport = await importFile("docs.zip", zipSync({ "a.txt": strToU8("x") }));
    expect(noReport.error).toMatch(/holds no report .*it holds a\.txt/);
    const locked = patchCentral(zipSync({ "s.json": strToU8(trivyReport("w", 1)) }), 0, "flags", 1);
    expect((await importFile("locked.zip", locked)).error).toMatch(
      /archive entry s\.json: encrypted entries are not supported/,
    );
    const nested = zipSync({ "inner.zip": zipSync({ "a.json": strToU8("{}") }) });
    expect((await importFile("nested.zip", nested)).error).toMatch(
      /archive entry inner\.zip: nested archives are not read/,
    );
    const disguised = zipSync({ "a.json": zipSync({ "b.json": strToU8("{}") }) });
    expect((await importFile("disguised.zip", disguised)).error).toMatch(
      /archive entry a\.json: holds an archive/,
    );
    expect(await total()).toBe(0);
  });

  it("refuses corrupt archives: bad CRC, truncated ZIP, bad tar checksum", async () => {
    const report = strToU8(trivyReport("web:1", 3));
    const stored = zipSync({ "a.json": [report, { level: 0 }] });
    // Flip a byte inside the stored data (the JSON stays valid: a digit changes).
    const at = Buffer.from(stored).indexOf("10000");
    stored[at] = "2".charCodeAt(0);
    const crc = await importFile("crc.zip", stored);
    expect(crc.error).toMatch(/archive entry a\.json: CRC-32 mismatch.*truncated or corrupt/);
    const full = zipSync({ "a.json": report });
    const cut = await importFile("cut.zip", full.subarray(0, full.length - 30));
    expect(cut.error).toMatch(/no end of central directory record/);
    const archive = tar([{ name: "a.json", data: trivyReport("web:1", 3) }]);
    archive[10] = 0x41; // the name changes, the checksum does not
    expect((await importFile("sum.tar", archive)).error).toMatch(/header checksum mismatch/);
    const t = tar([{ name: "a.json", data: trivyReport("web:1", 300) }]);
    const cutTar = await importFile("cut.tar", t.subarray(0, 4096));
    expect(cutTar.error).toMatch(/archive entry a\.json: .*ends inside an entry|truncated/);
    expect(await total()).toBe(0);
    expect(existsSync(spoolDir) ? readdirSync(spoolDir) : []).toEqual([]);
  });

  it("waits for confirmation as a whole when one group would close too much", async () => {
    expect(
      (await importFile("1.zip", zipSync({ "t.json": strToU8(trivyReport("web:1", 10)) }))).status,
    ).toBe("done");
    clock.advance(60_000);
    // grype (reconciled first) brings new findings; trivy now reports none: closes 10 of 10.
    const next = zipSync({
      "g.json": strToU8(grype),
      "t.json": strToU8(trivyReport("web:1", 0)),
    });
    const waiting = await importFile("2.zip", next);
    expect(waiting, JSON.stringify(waiting)).toMatchObject({
      status: "waiting_confirmation",
      toClose: 10,
      openInScope: 10,
    });
    // The grype group, applied before trivy's asked for confirmation, was rolled back.
    expect(await total()).toBe(10);
    await s.vulns.confirmImport(ctx, waiting.id);
    await s.vulns.idle();
    const done = await s.vulns.getImport(ctx, waiting.id);
    expect(done, JSON.stringify(done)).toMatchObject({
      status: "done",
      counts: { created: grypeFindings, closed: 10 },
    });
  });

  it("imports an uploaded ZIP like a file", async () => {
    const zip = zipSync({ "a.json": strToU8(trivyReport("web:1", 7)) });
    async function* body() {
      await Promise.resolve();
      yield zip.subarray(0, 100);
      yield zip.subarray(100);
    }
    const queued = await s.vulns.imports.startUpload(ctx, body(), { asset: "app" });
    await s.vulns.idle();
    expect(await s.vulns.getImport(ctx, queued.id)).toMatchObject({
      status: "done",
      counts: { created: 7 },
    });
    expect(existsSync(spoolDir) ? readdirSync(spoolDir) : []).toEqual([]);
  });
});
