import { describe, expect, it } from "vitest";
import { tagView, tagViews, techniqueIds } from "./attack-tags";

describe("Sigma tags", () => {
  it("links ATT&CK techniques and sub-techniques to MITRE", () => {
    expect(tagView("attack.t1059.004")).toEqual({
      tag: "attack.t1059.004",
      kind: "technique",
      label: "T1059.004",
      url: "https://attack.mitre.org/techniques/T1059/004/",
    });
    expect(tagView("attack.T1611").url).toBe("https://attack.mitre.org/techniques/T1611/");
  });

  it("names tactics, groups, software and CVEs", () => {
    expect(tagView("attack.privilege_escalation")).toMatchObject({
      kind: "tactic",
      label: "Privilege Escalation",
    });
    expect(tagView("attack.defense-evasion").label).toBe("Defense Evasion");
    expect(tagView("attack.g0007")).toMatchObject({ kind: "group", label: "G0007" });
    expect(tagView("attack.s0002")).toMatchObject({ kind: "software", label: "S0002" });
    expect(tagView("cve.2021-44228")).toMatchObject({
      kind: "cve",
      label: "CVE-2021-44228",
      url: "https://www.cve.org/CVERecord?id=CVE-2021-44228",
    });
    expect(tagView("detection.emerging_threats")).toMatchObject({
      kind: "other",
      label: "detection.emerging_threats",
    });
    expect(tagView("detection.emerging_threats").url).toBeUndefined();
  });

  it("orders tactics before techniques and drops duplicates", () => {
    const views = tagViews(["attack.t1059", "attack.execution", "attack.T1059", "car.2013-05-002"]);
    expect(views.map((v) => v.label)).toEqual(["Execution", "T1059", "car.2013-05-002"]);
    expect(
      techniqueIds(["attack.t1611", "attack.privilege_escalation", "attack.t1059.004"]),
    ).toEqual(["T1059.004", "T1611"]);
  });
});
