import { ACCESS_MAX_FILE_CHARS, ACCESS_MAX_FILES, ApiError } from "@infrasec/contracts";
import type { AccessProvider, CreateSnapshotBody } from "@infrasec/contracts";

/** A file picked from disk, read as text in the browser. */
export interface PickedFile {
  name: string;
  content: string;
}

/**
 * The provider a set of exports most likely comes from, to preselect it: AWS authorization
 * details or credential report, a kubectl List of RBAC objects, or GCP IAM policies.
 */
export function guessProvider(files: readonly PickedFile[]): AccessProvider | undefined {
  for (const f of files) {
    const head = f.content.slice(0, 20_000);
    if (/"(UserDetailList|RoleDetailList|GroupDetailList)"\s*:/.test(head)) return "aws";
    if (/^user,arn,user_creation_time/m.test(head)) return "aws";
    if (/"kind"\s*:\s*"(List|ClusterRole|ClusterRoleBinding|Role|RoleBinding)"/.test(head))
      return "kubernetes";
    if (/"bindings"\s*:\s*\[/.test(head) && /"members"\s*:/.test(head)) return "gcp";
    if (/"includedPermissions"\s*:|"keys"\s*:\s*\[\s*\{\s*"name"\s*:\s*"projects\//.test(head))
      return "gcp";
  }
  return undefined;
}

export interface UploadValues {
  name: string;
  provider: AccessProvider | null;
  files: readonly PickedFile[];
}

/** The request body, or the problems to show next to the fields (checked before sending). */
export function snapshotBody(
  v: UploadValues,
):
  | { body: CreateSnapshotBody; errors?: undefined }
  | { body?: undefined; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = v.name.trim();
  if (!name) errors.name = "Name the account, organization or cluster";
  else if (name.length > 200) errors.name = "At most 200 characters";
  if (!v.provider) errors.provider = "Choose the provider";
  if (v.files.length === 0) errors.files = "Pick at least one exported file";
  else if (v.files.length > ACCESS_MAX_FILES) errors.files = `At most ${ACCESS_MAX_FILES} files`;
  else {
    const big = v.files.find((f) => f.content.length > ACCESS_MAX_FILE_CHARS);
    const empty = v.files.find((f) => f.content.trim() === "");
    if (big) errors.files = `${big.name} is too large`;
    else if (empty) errors.files = `${empty.name} is empty`;
  }
  if (Object.keys(errors).length > 0 || !v.provider) return { errors };
  return {
    body: {
      name,
      provider: v.provider,
      files: v.files.map((f) => ({ name: f.name, content: f.content, kind: "auto" })),
    },
  };
}

/** A file picked again (same name) replaces the earlier one instead of being sent twice. */
export function mergePicked(
  current: readonly PickedFile[],
  added: readonly PickedFile[],
): PickedFile[] {
  const byName = new Map(current.map((f) => [f.name, f]));
  for (const f of added) byName.set(f.name, f);
  return [...byName.values()];
}

export interface UploadProblem {
  file: string | null;
  path: string | null;
  message: string;
}

/**
 * The problems of a rejected upload, each naming its file and JSON path when the server said
 * which (input errors carry `file` and `path`; request validation names `body/files/N/...`).
 */
export function uploadProblems(error: unknown, files: readonly PickedFile[]): UploadProblem[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.map((d) => {
    let file = d.file ?? null;
    let path = d.path ?? null;
    const indexed = path ? /^\/?body\/files\/(\d+)(?:\/(.*))?$/.exec(path) : null;
    if (!file && indexed) {
      file = files[Number(indexed[1])]?.name ?? null;
      path = indexed[2] ?? null;
    }
    return { file, path, message: d.message };
  });
}
