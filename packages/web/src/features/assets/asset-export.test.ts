import { describe, expect, it } from "vitest";
import type { Asset } from "@infrasec/contracts";
import { assetsToCsv } from "./asset-export";
import { detectFormat } from "./import-format";

const asset: Asset = {
  id: "0193a0e0-0000-7000-8000-000000000001",
  key: "host:web-1",
  name: 'web "one", prod',
  kind: "host",
  description: "=cmd()",
  ownerTeam: null,
  environment: "production",
  criticality: 2,
  exposure: "internet_facing",
  dataClassification: "orange",
  tags: ["pci", "tier:1"],
  identifiers: [{ type: "ip", value: "10.0.0.1" }],
  createdAt: "2026-11-25T10:00:00.000Z",
  updatedAt: "2026-11-25T11:00:00.000Z",
};

describe("asset export", () => {
  it("writes CSV with quoting and formula protection", () => {
    const [header, row] = assetsToCsv([asset]).trim().split("\n");
    expect(header).toBe(
      "key,name,kind,ownerTeam,environment,criticality,exposure,dataClassification,tags,identifiers,description,createdAt,updatedAt",
    );
    expect(row).toContain('"web ""one"", prod"');
    expect(row).toContain("pci;tier:1");
    expect(row).toContain("ip:10.0.0.1");
    expect(row).toContain("'=cmd()");
  });
});

describe("import format detection", () => {
  it("uses the file extension first, then the content", () => {
    expect(detectFormat("assets.yml", "[]")).toBe("yaml");
    expect(detectFormat(null, '[{"key":"a"}]')).toBe("json");
    expect(detectFormat(null, "key,name,kind\na,b,host")).toBe("csv");
    expect(detectFormat(null, "- key: a\n  name: b")).toBe("yaml");
  });
});
