import { parseAllDocuments } from "yaml";
import { INPUT_LIMITS, JsonCursor, inputError } from "../shared/input-errors";
import type { K8sBinding, K8sCluster, K8sPod, K8sRole, K8sRule, K8sSubject } from "./rbac-types";

/**
 * Parses `kubectl get roles,clusterroles,rolebindings,clusterrolebindings,serviceaccounts,pods
 * -A -o json` output (a List), or YAML documents / Lists, and merges several files.
 */
export function parseKubernetesRbac(files: readonly { file: string; text: string }[]): K8sCluster {
  const out = {
    roles: [] as K8sRole[],
    bindings: [] as K8sBinding[],
    serviceAccounts: [] as { name: string; namespace: string }[],
    pods: [] as K8sPod[],
  };
  for (const { file, text } of files) {
    if (text.length > INPUT_LIMITS.maxBytes) throw inputError(file, "$", "input too large");
    for (const [i, doc] of loadDocuments(file, text).entries()) {
      const root = new JsonCursor(file, i === 0 ? "$" : `$[doc ${i}]`, doc);
      if (root.isMissing()) continue;
      const items =
        root.at("kind").value === "List" || Array.isArray(root.at("items").value)
          ? root.at("items").items()
          : [root];
      for (const item of items) addObject(item, out);
    }
  }
  return out;
}

function loadDocuments(file: string, text: string): unknown[] {
  const t = text.trimStart();
  if (t.startsWith("{") || t.startsWith("[")) {
    try {
      const v = JSON.parse(text) as unknown;
      return Array.isArray(v) ? v : [v];
    } catch (e) {
      throw inputError(file, "$", `malformed JSON: ${(e as Error).message}`);
    }
  }
  // Alias expansion is bounded: a YAML bomb must not explode memory.
  const docs = parseAllDocuments(text);
  return docs.map((d, i) => {
    if (d.errors.length > 0)
      throw inputError(file, `$[doc ${i}]`, `malformed YAML: ${d.errors[0]?.message ?? ""}`);
    return d.toJS({ maxAliasCount: 100 }) as unknown;
  });
}

function str(c: JsonCursor): string {
  return c.isMissing() ? "" : c.string();
}

function labels(c: JsonCursor): Record<string, string> {
  if (c.isMissing()) return {};
  const o = c.object();
  return Object.fromEntries(Object.keys(o).map((k) => [k, str(c.at(k))]));
}

function parseRule(c: JsonCursor): K8sRule {
  return {
    verbs: c.at("verbs").stringList(),
    apiGroups: c.at("apiGroups").stringList(),
    resources: c.at("resources").stringList(),
    resourceNames: c.at("resourceNames").stringList(),
    nonResourceURLs: c.at("nonResourceURLs").stringList(),
  };
}

function parseSubject(c: JsonCursor): K8sSubject {
  const kind = str(c.at("kind"));
  if (kind !== "User" && kind !== "Group" && kind !== "ServiceAccount")
    c.at("kind").fail(`unknown subject kind ${kind}`);
  return {
    kind: kind as K8sSubject["kind"],
    name: str(c.at("name")),
    namespace: c.at("namespace").optString(),
  };
}

function addObject(
  c: JsonCursor,
  out: {
    roles: K8sRole[];
    bindings: K8sBinding[];
    serviceAccounts: { name: string; namespace: string }[];
    pods: K8sPod[];
  },
): void {
  const kind = c.at("kind").optString();
  const meta = c.at("metadata");
  const name = str(meta.at("name"));
  const namespace = meta.at("namespace").optString();
  switch (kind) {
    case "Role":
    case "ClusterRole": {
      const agg = c.at("aggregationRule");
      out.roles.push({
        kind,
        name,
        namespace: kind === "Role" ? namespace : undefined,
        labels: labels(meta.at("labels")),
        rules: c.at("rules").items().map(parseRule),
        aggregation: agg.isMissing()
          ? undefined
          : agg
              .at("clusterRoleSelectors")
              .items()
              .map((s) => labels(s.at("matchLabels"))),
      });
      return;
    }
    case "RoleBinding":
    case "ClusterRoleBinding": {
      const refKind = str(c.at("roleRef").at("kind"));
      if (refKind !== "Role" && refKind !== "ClusterRole")
        c.at("roleRef").at("kind").fail("roleRef.kind must be Role or ClusterRole");
      out.bindings.push({
        kind,
        name,
        namespace: kind === "RoleBinding" ? namespace : undefined,
        roleRef: { kind: refKind as "Role" | "ClusterRole", name: str(c.at("roleRef").at("name")) },
        subjects: c.at("subjects").items().map(parseSubject),
      });
      return;
    }
    case "ServiceAccount":
      out.serviceAccounts.push({ name, namespace: namespace ?? "default" });
      return;
    case "Pod":
      out.pods.push({
        name,
        namespace: namespace ?? "default",
        serviceAccount: c.at("spec").at("serviceAccountName").optString() ?? "default",
      });
      return;
    default:
      return;
  }
}
