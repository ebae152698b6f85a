import { describe, expect, it } from "vitest";
import {
  hasItemFilters,
  itemParamsFromQuery,
  itemQueryFromParams,
  nextItemSort,
  withLabelFilter,
} from "./item-query";

describe("work item list query in the URL", () => {
  it("reads valid filters and drops invalid ones", () => {
    const q = itemQueryFromParams(
      new URLSearchParams(
        "q=vpc&kind=change_request&label=InfraSec::triage,%20Department::InfraSec&state=closed&assignee=@alice&confidential=maybe&sort=-bogus&limit=25&offset=50",
      ),
    );
    expect(q).toMatchObject({
      q: "vpc",
      kind: "change_request",
      label: "InfraSec::triage,Department::InfraSec",
      state: "closed",
      assignee: "alice",
      sort: "-updatedAt",
      limit: 25,
      offset: 50,
    });
    expect(q.confidential).toBeUndefined();
    expect(itemQueryFromParams(new URLSearchParams("kind=nope")).kind).toBeUndefined();
  });

  it("round-trips and leaves defaults out of the URL", () => {
    const q = itemQueryFromParams(
      new URLSearchParams("kind=design_doc&state=all&status=in-review"),
    );
    expect(itemParamsFromQuery(q).toString()).toBe("kind=design_doc&status=in-review&state=all");
    expect(itemParamsFromQuery(itemQueryFromParams(new URLSearchParams())).toString()).toBe("");
  });

  it("knows when filters are set (open state is the default, not a filter)", () => {
    expect(hasItemFilters(itemQueryFromParams(new URLSearchParams("sort=title")))).toBe(false);
    expect(hasItemFilters(itemQueryFromParams(new URLSearchParams("state=closed")))).toBe(true);
    expect(hasItemFilters(itemQueryFromParams(new URLSearchParams("owner=bob")))).toBe(true);
  });

  it("cycles sorts per column", () => {
    expect(nextItemSort("-updatedAt", "number")).toBe("-number");
    expect(nextItemSort("-number", "number")).toBe("number");
    expect(nextItemSort("number", "number")).toBe("-number");
    expect(nextItemSort("-updatedAt", "updatedAt")).toBe("updatedAt");
    expect(nextItemSort("number", "title")).toBe("title");
  });

  it("adds label filters without duplicates", () => {
    expect(withLabelFilter(undefined, "a::b")).toBe("a::b");
    expect(withLabelFilter("a::b", "c")).toBe("a::b,c");
    expect(withLabelFilter("a::b,c", "c")).toBe("a::b,c");
  });
});
