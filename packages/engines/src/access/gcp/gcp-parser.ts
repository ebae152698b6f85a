import { JsonCursor, parseJsonText } from "../shared/input-errors";

/** One IAM binding on a GCP resource; `condition` is the CEL expression when present. */
export interface GcpBinding {
  resource: string;
  role: string;
  members: readonly string[];
  condition: { title: string; expression: string } | undefined;
}

/**
 * A role definition (`gcloud iam roles describe --format=json`): a custom role, or a predefined
 * role (`roles/…`) from the user's own export of Google's definitions.
 */
export interface GcpRole {
  name: string;
  permissions: readonly string[];
}

/** A service-account key (`gcloud iam service-accounts keys list --format=json`). */
export interface GcpKey {
  name: string;
  serviceAccount: string;
  keyType: string;
  validAfterTime: string | undefined;
}

/** A GCP snapshot: bindings across organization, folders, projects and service accounts. */
export interface GcpSnapshot {
  bindings: GcpBinding[];
  roles: GcpRole[];
  keys: GcpKey[];
}

/**
 * Parses GCP IAM files: `get-iam-policy` output wrapped as `{ resource, policy }` (or a list of
 * those, as `gcloud asset search-all-iam-policies` gives), a bare policy with `defaultResource`,
 * custom role definitions (objects with `includedPermissions`) and service-account key listings.
 */
export function parseGcpIam(
  files: readonly { file: string; text: string; defaultResource?: string }[],
): GcpSnapshot {
  const out: GcpSnapshot = { bindings: [], roles: [], keys: [] };
  for (const { file, text, defaultResource } of files) {
    const root = new JsonCursor(file, "$", parseJsonText(file, text));
    // The IAM REST answer to roles.list wraps the definitions: `{ roles: [...], nextPageToken }`.
    const wrapped =
      !Array.isArray(root.value) &&
      Array.isArray((root.object() as { roles?: unknown }).roles) &&
      !("bindings" in root.object());
    const items = wrapped
      ? root.at("roles").items()
      : Array.isArray(root.value)
        ? root.items()
        : [root];
    for (const item of items) {
      const o = item.object();
      const roleShaped =
        wrapped ||
        (typeof o.name === "string" && ("title" in o || "stage" in o) && !("bindings" in o));
      if (roleShaped && !("includedPermissions" in o)) {
        // roles.list answers without permissions unless view=FULL: say so rather than guess.
        item.fail(
          "role definition without includedPermissions: export with the FULL view (roles?view=FULL, or gcloud iam roles describe ROLE --format=json)",
        );
      }
      if ("includedPermissions" in o) {
        out.roles.push({
          name: item.at("name").string(),
          permissions: item.at("includedPermissions").stringList(),
        });
      } else if ("keyType" in o) {
        const name = item.at("name").string();
        const m = /serviceAccounts\/([^/]+)\/keys\//.exec(name);
        out.keys.push({
          name,
          serviceAccount: m?.[1] ?? "",
          keyType: item.at("keyType").string(),
          validAfterTime: item.at("validAfterTime").optString(),
        });
      } else {
        const policy = "policy" in o ? item.at("policy") : item;
        const resource = item.at("resource").optString() ?? defaultResource;
        if (resource === undefined)
          item.fail("policy without a resource name (wrap it as { resource, policy })");
        for (const b of policy.at("bindings").items()) {
          const cond = b.at("condition");
          out.bindings.push({
            resource: normalizeResource(resource as string),
            role: b.at("role").string(),
            members: b.at("members").stringList(),
            condition: cond.isMissing()
              ? undefined
              : {
                  title: cond.at("title").optString() ?? "",
                  expression: cond.at("expression").string(),
                },
          });
        }
      }
    }
  }
  return out;
}

/** `//cloudresourcemanager.googleapis.com/projects/p` → `projects/p`; `//iam.googleapis.com/…` likewise. */
function normalizeResource(r: string): string {
  return r.replace(/^\/\/[^/]+\//, "");
}
