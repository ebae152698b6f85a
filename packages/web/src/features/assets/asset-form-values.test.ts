import { describe, expect, it } from "vitest";
import { EMPTY_ASSET, inputFromValues, validateAsset } from "./asset-form-values";

describe("asset form validation (same schema as the server)", () => {
  it("flags required fields and bad values by path", () => {
    const errors = validateAsset({
      ...EMPTY_ASSET,
      key: "bad key",
      identifiers: [{ type: "hostname", value: "" }],
      tags: ["ok", "not ok"],
    });
    expect(errors.name).toBe("Required");
    expect(errors.kind).toBe("Choose a value");
    expect(errors.key).toMatch(/letters, digits/);
    expect(errors["identifiers.0.value"]).toBe("Required");
    expect(errors.tags).toMatch(/tags use/);
  });

  it("accepts a complete asset and maps empty owner to null", () => {
    const values = {
      ...EMPTY_ASSET,
      key: "host:web-1",
      name: "web-1",
      kind: "host",
      criticality: "1",
    };
    expect(validateAsset(values)).toEqual({});
    expect(inputFromValues(values)).toMatchObject({
      ownerTeam: null,
      criticality: 1,
      kind: "host",
    });
  });
});
