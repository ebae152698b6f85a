import { describe, expect, it } from "vitest";
import { normalizeGenericEvent } from "./generic-normalizer";

describe("normalizeGenericEvent", () => {
  it("takes an already normalized event as is", () => {
    const r = normalizeGenericEvent(
      JSON.stringify({
        logsource: { product: "Linux", category: "process_creation" },
        fields: { Image: "/bin/ls" },
        timestamp: 1_764_151_200_000,
      }),
    );
    expect(r).toMatchObject({
      ok: true,
      events: [
        {
          logsource: { product: "linux", category: "process_creation" },
          fields: { Image: "/bin/ls" },
          timestamp: 1_764_151_200_000,
          source: "generic",
        },
      ],
    });
  });

  it("maps ECS names to Sigma names, category from event.category, time from @timestamp", () => {
    const r = normalizeGenericEvent({
      "@timestamp": "2026-11-26T10:00:00Z",
      event: { category: ["process"] },
      process: { executable: "/usr/bin/cat", command_line: "cat /etc/shadow", parent: { pid: 1 } },
      host: { name: "web-1" },
      container: { id: "abc" },
      message: "cat ran",
    });
    if (!r.ok) throw new Error(r.reason);
    const e = r.events[0]!;
    expect(e.logsource).toEqual({ product: "linux", category: "process_creation" });
    expect(e.fields).toMatchObject({
      Image: "/usr/bin/cat",
      CommandLine: "cat /etc/shadow",
      ParentProcessId: 1,
    });
    expect(e.provenance).toMatchObject({ Image: "process.executable" });
    expect(e.timestamp).toBe(Date.parse("2026-11-26T10:00:00Z"));
    expect(e.context).toMatchObject({ host: "web-1", containerId: "abc" });
    expect(e.raw).toBe("cat ran");
  });

  it("uses the given logsource when the event has none; no time gives NaN (plain rules only)", () => {
    const r = normalizeGenericEvent('{"Image":"/bin/ls","time":1764151200}', {
      logsource: { product: "linux", category: "process_creation" },
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.events[0]!.logsource.category).toBe("process_creation");
    expect(r.events[0]!.timestamp).toBe(1_764_151_200_000); // seconds → ms
    const n = normalizeGenericEvent('{"Image":"/bin/ls"}');
    expect(n.ok && Number.isNaN(n.events[0]!.timestamp)).toBe(true);
  });

  it("rejects malformed, non-object and oversized input", () => {
    expect(normalizeGenericEvent("{nope")).toEqual({ ok: false, reason: "malformed JSON" });
    expect(normalizeGenericEvent("[1]")).toEqual({
      ok: false,
      reason: "event is not a JSON object",
    });
    expect(normalizeGenericEvent(`"${"x".repeat(1_100_000)}"`).ok).toBe(false);
  });
});
