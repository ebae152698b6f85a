import { describe, expect, it } from "vitest";
import { hasFilters, nextSort, paramsFromQuery, queryFromParams } from "./asset-query";

describe("asset list query in the URL", () => {
  it("reads valid filters and drops invalid ones", () => {
    const q = queryFromParams(
      new URLSearchParams(
        "q=web&kind=host&criticality=9&exposure=nope&sort=-criticality&limit=25&offset=50",
      ),
    );
    expect(q).toMatchObject({
      q: "web",
      kind: "host",
      sort: "-criticality",
      limit: 25,
      offset: 50,
    });
    expect(q.criticality).toBeUndefined();
    expect(q.exposure).toBeUndefined();
  });

  it("round-trips and leaves defaults out of the URL", () => {
    const q = queryFromParams(new URLSearchParams("kind=database&criticality=1&tag=pci"));
    expect(paramsFromQuery(q).toString()).toBe("kind=database&criticality=1&tag=pci");
    expect(paramsFromQuery(queryFromParams(new URLSearchParams())).toString()).toBe("");
  });

  it("knows when filters are set", () => {
    expect(hasFilters(queryFromParams(new URLSearchParams("sort=-name")))).toBe(false);
    expect(hasFilters(queryFromParams(new URLSearchParams("ownerTeam=platform")))).toBe(true);
  });

  it("toggles sort direction on the same column", () => {
    expect(nextSort("name", "name")).toBe("-name");
    expect(nextSort("-name", "name")).toBe("name");
    expect(nextSort("name", "criticality")).toBe("criticality");
  });
});
