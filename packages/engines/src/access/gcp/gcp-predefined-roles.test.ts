import { describe, expect, it } from "vitest";
import { analyzeAccessInputs, detectAccessInput } from "../access-inputs";
import { analyzeGcpIam } from "./gcp-analyzer";
import { parseGcpIam } from "./gcp-parser";
import { gcpCan, gcpWhoCan } from "./gcp-queries";

const NOW = "2026-11-25T00:00:00Z";

/** Bindings on one project; the roles are predefined, so without definitions only their names are known. */
const policies = JSON.stringify([
  {
    resource: "//cloudresourcemanager.googleapis.com/projects/prod",
    policy: {
      bindings: [
        { role: "roles/storage.admin", members: ["user:ops@example.com"] },
        { role: "roles/editor", members: ["user:dev@example.com"] },
        { role: "roles/resourcemanager.projectIamAdmin", members: ["group:iam@example.com"] },
        {
          role: "roles/resourcemanager.folderIamAdmin",
          members: ["serviceAccount:mover@prod.iam.gserviceaccount.com"],
        },
        {
          role: "roles/iam.serviceAccountTokenCreator",
          members: ["user:intern@example.com"],
        },
      ],
    },
  },
]);

const role = (name: string, includedPermissions: string[]) => ({
  name,
  title: name,
  stage: "GA",
  etag: "AA==",
  includedPermissions,
});
const definitions = [
  role("roles/storage.admin", ["storage.buckets.delete", "storage.objects.get"]),
  role("roles/editor", ["compute.instances.create", "storage.objects.get"]),
  role("roles/resourcemanager.projectIamAdmin", ["resourcemanager.projects.setIamPolicy"]),
  role("roles/resourcemanager.folderIamAdmin", [
    "resourcemanager.folders.getIamPolicy",
    "resourcemanager.folders.setIamPolicy",
  ]),
];
/** The IAM REST answer to `GET /v1/roles?view=FULL`. */
const restExport = JSON.stringify({ roles: definitions, nextPageToken: "" });
/** A JSON list of `gcloud iam roles describe ROLE --format=json` outputs. */
const describeExport = JSON.stringify(definitions);

const files = (withRoles: boolean) => [
  { file: "policies.json", text: policies },
  ...(withRoles ? [{ file: "roles.json", text: restExport }] : []),
];
const snapshot = (withRoles: boolean) => parseGcpIam(files(withRoles));

describe("GCP predefined role definitions", () => {
  it("detects both export shapes as their own input kind, and custom roles as before", () => {
    expect(detectAccessInput({ file: "r.json", text: restExport })).toBe("gcp-predefined-roles");
    expect(detectAccessInput({ file: "r.json", text: describeExport })).toBe(
      "gcp-predefined-roles",
    );
    expect(detectAccessInput({ file: "one.json", text: JSON.stringify(definitions[0]) })).toBe(
      "gcp-predefined-roles",
    );
    const custom = JSON.stringify([
      { name: "projects/p/roles/x", includedPermissions: ["iam.roles.get"] },
    ]);
    expect(detectAccessInput({ file: "c.json", text: custom })).toBe("gcp-iam");
    const a = analyzeAccessInputs(files(true), { now: NOW });
    expect(a.inputs.map((i) => i.kind)).toEqual(["gcp-iam", "gcp-predefined-roles"]);
    expect(a.gcp?.snapshot.roles.map((r) => r.name)).toContain("roles/storage.admin");
  });

  it("rejects a BASIC-view export (no includedPermissions), naming the file and path", () => {
    const basic = JSON.stringify({ roles: [{ name: "roles/viewer", title: "Viewer" }] });
    expect(() => parseGcpIam([{ file: "basic.json", text: basic }])).toThrow(
      /basic\.json.*\$\.roles\[0\].*FULL view/s,
    );
    const listed = JSON.stringify([{ name: "roles/viewer", title: "Viewer", stage: "GA" }]);
    expect(() => parseGcpIam([{ file: "list.json", text: listed }])).toThrow(/includedPermissions/);
  });

  it("resolves a predefined role's permissions exactly when the definitions are supplied", () => {
    const without = snapshot(false);
    const withDefs = snapshot(true);
    // storage.admin: no match without its definition, allowed with it.
    expect(
      gcpCan(without, "user:ops@example.com", "storage.buckets.delete", "projects/prod", NOW)
        .verdict,
    ).toBe("denied");
    expect(
      gcpCan(withDefs, "user:ops@example.com", "storage.buckets.delete", "projects/prod", NOW)
        .verdict,
    ).toBe("allowed");
    // editor: conditional without its definition; exact with it (granted, or not at all).
    const before = gcpCan(
      without,
      "user:dev@example.com",
      "compute.instances.create",
      "projects/prod",
      NOW,
    );
    expect(before.verdict).toBe("conditional");
    expect(before.bindings[0]?.why).toMatch(/predefined role definitions/);
    expect(
      gcpCan(withDefs, "user:dev@example.com", "compute.instances.create", "projects/prod", NOW)
        .verdict,
    ).toBe("allowed");
    expect(
      gcpCan(withDefs, "user:dev@example.com", "storage.buckets.delete", "projects/prod", NOW)
        .verdict,
    ).toBe("denied");
    expect(
      gcpWhoCan(withDefs, "storage.objects.get", "projects/prod", NOW).map((a) => [
        a.member,
        a.verdict,
      ]),
    ).toEqual([
      ["user:dev@example.com", "allowed"],
      ["user:ops@example.com", "allowed"],
    ]);
  });

  it("reads setIamPolicy from definitions: a role outside the curated list becomes privileged", () => {
    const esc = (withRoles: boolean) =>
      analyzeGcpIam(snapshot(withRoles), { now: NOW })
        .findings.filter((f) => f.ruleId === "GCP-ESC-002")
        .map((f) => f.resource)
        .sort();
    expect(esc(false)).toEqual(["group:iam@example.com"]);
    expect(esc(true)).toEqual([
      "group:iam@example.com",
      "serviceAccount:mover@prod.iam.gserviceaccount.com",
    ]);
    // The token creator on the project can now impersonate a privileged service account.
    const intern = (withRoles: boolean) =>
      analyzeGcpIam(snapshot(withRoles), { now: NOW }).principals.find(
        (p) => p.id === "user:intern@example.com",
      );
    expect(intern(false)?.escalations).toEqual([]);
    expect(intern(true)?.escalations[0]?.steps.map((s) => s.to)).toEqual([
      "serviceAccount:mover@prod.iam.gserviceaccount.com",
    ]);
  });
});
