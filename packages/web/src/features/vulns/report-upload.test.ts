import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@infrasec/contracts";
import { setCsrfToken } from "../../app/api-client";
import { REPORT_FILE_ACCEPT, uploadProblems, uploadReportFile } from "./report-upload";

const job = {
  id: "j1",
  status: "queued",
  assetId: "a1",
  assetKey: "shop-api",
  scanner: null,
  scope: "default",
  format: null,
  fileName: "artifacts.zip",
  progress: 0,
  counts: { created: 0, updated: 0, unchanged: 0, closed: 0, reactivated: 0, unknown: 0 },
  openInScope: 0,
  toClose: 0,
  error: null,
  errorDetails: [],
  confirmed: false,
  createdBy: "secops",
  createdAt: "2026-11-25T12:00:00.000Z",
  startedAt: null,
  finishedAt: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe("report upload", () => {
  it("offers archives and gzip reports besides plain reports", () => {
    for (const ext of [".zip", ".tar", ".tgz", ".gz", ".json", ".sarif", ".nessus"]) {
      expect(REPORT_FILE_ACCEPT.split(",")).toContain(ext);
    }
  });

  it("checks the file is there and not empty, whatever its size", () => {
    const ok = { asset: "shop-api", scanner: "", scope: "" };
    expect(uploadProblems({ ...ok, size: null })).toEqual({
      content: "Choose a report file (it is empty or missing)",
    });
    expect(uploadProblems({ ...ok, size: 0 }).content).toBeDefined();
    // Larger than the old JSON-body limit of the browser: fine, it is streamed.
    expect(uploadProblems({ ...ok, size: 3 * 1024 ** 3 })).toEqual({});
    expect(uploadProblems({ size: 10, asset: null, scanner: "a b", scope: "" })).toMatchObject({
      asset: expect.any(String),
      scanner: expect.any(String),
    });
  });

  it("sends the file itself as an octet-stream body with the options in the query", async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return Promise.resolve(new Response(JSON.stringify(job), { status: 202 }));
    });
    setCsrfToken("tok");
    const file = new Blob([new Uint8Array([0x50, 0x4b, 3, 4])]);
    const out = await uploadReportFile(file, {
      asset: "shop-api",
      scanner: "trivy",
      fileName: "artifacts.zip",
    });
    expect(out).toMatchObject({ id: "j1", status: "queued" });
    expect(seen).toHaveLength(1);
    const { url, init } = seen[0]!;
    expect(url).toMatch(/^\/api\/v1\/vulns\/imports\/upload\?/);
    expect(new URLSearchParams(url.split("?")[1])).toEqual(
      new URLSearchParams({ asset: "shop-api", scanner: "trivy", fileName: "artifacts.zip" }),
    );
    expect(init.method).toBe("POST");
    expect(init.body).toBe(file);
    expect(init.headers).toMatchObject({
      "content-type": "application/octet-stream",
      "x-csrf-token": "tok",
    });
  });

  it("turns an error answer into an ApiError with its details", async () => {
    const body = {
      error: {
        code: "payload_too_large",
        message: "the report is larger than the upload limit of 10 bytes",
        details: [{ path: "body", message: "more than 10 bytes" }],
      },
    };
    vi.stubGlobal("fetch", () =>
      Promise.resolve(new Response(JSON.stringify(body), { status: 413 })),
    );
    const err = await uploadReportFile(new Blob(["x"]), { asset: "a" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 413, code: "payload_too_large" });
  });
});
