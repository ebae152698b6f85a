import { describe, expect, it } from "vitest";
import { ApiError } from "@infrasec/contracts";
import { guessProvider, mergePicked, snapshotBody, uploadProblems } from "./snapshot-upload";

const GAAD = JSON.stringify({ UserDetailList: [], RoleDetailList: [], Policies: [] });
const KUBE = JSON.stringify({ apiVersion: "v1", kind: "List", items: [] });
const GCP = JSON.stringify({
  bindings: [{ role: "roles/owner", members: ["user:a@example.com"] }],
});

describe("snapshot upload", () => {
  it("recognises the provider from the exported files", () => {
    expect(guessProvider([{ name: "gaad.json", content: GAAD }])).toBe("aws");
    expect(
      guessProvider([
        { name: "report.csv", content: "user,arn,user_creation_time,password_enabled\n" },
      ]),
    ).toBe("aws");
    expect(guessProvider([{ name: "rbac.json", content: KUBE }])).toBe("kubernetes");
    expect(guessProvider([{ name: "policy.json", content: GCP }])).toBe("gcp");
    expect(guessProvider([{ name: "notes.txt", content: "hello" }])).toBeUndefined();
  });

  it("builds the body with every file sent for automatic recognition", () => {
    const r = snapshotBody({
      name: "  aws-prod ",
      provider: "aws",
      files: [{ name: "gaad.json", content: GAAD }],
    });
    expect(r.body).toEqual({
      name: "aws-prod",
      provider: "aws",
      files: [{ name: "gaad.json", content: GAAD, kind: "auto" }],
    });
  });

  it("names what is missing before sending", () => {
    expect(snapshotBody({ name: " ", provider: null, files: [] }).errors).toEqual({
      name: "Name the account, organization or cluster",
      provider: "Choose the provider",
      files: "Pick at least one exported file",
    });
    expect(
      snapshotBody({ name: "x", provider: "aws", files: [{ name: "empty.json", content: " " }] })
        .errors,
    ).toEqual({ files: "empty.json is empty" });
  });

  it("replaces a file picked again under the same name", () => {
    const merged = mergePicked(
      [
        { name: "a.json", content: "1" },
        { name: "b.json", content: "2" },
      ],
      [{ name: "a.json", content: "3" }],
    );
    expect(merged).toEqual([
      { name: "a.json", content: "3" },
      { name: "b.json", content: "2" },
    ]);
  });

  it("names the file and JSON path of each problem the server reports", () => {
    const files = [
      { name: "gaad.json", content: GAAD },
      { name: "scps.json", content: "{" },
    ];
    const engine = new ApiError(
      400,
      "parse_failed",
      "gaad.json: $.UserDetailList[0]: not an object",
      [{ file: "gaad.json", path: "$.UserDetailList[0]", message: "not an object" }],
    );
    expect(uploadProblems(engine, files)).toEqual([
      { file: "gaad.json", path: "$.UserDetailList[0]", message: "not an object" },
    ]);
    const validation = new ApiError(400, "validation_failed", "invalid body", [
      { path: "/body/files/1/name", message: "Too big" },
      { path: "/body/name", message: "Required" },
    ]);
    expect(uploadProblems(validation, files)).toEqual([
      { file: "scps.json", path: "name", message: "Too big" },
      { file: null, path: "/body/name", message: "Required" },
    ]);
    expect(uploadProblems(new Error("offline"), files)).toEqual([]);
  });
});
