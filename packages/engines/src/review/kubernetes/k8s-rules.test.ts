import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { kubernetesRules, scanKubernetesFile } from "./index";

type Obj = Record<string, unknown>;

/** Deep merge where `null` deletes a key, so a case can remove a hardened setting. */
function merge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (
      typeof v === "object" &&
      !Array.isArray(v) &&
      typeof out[k] === "object" &&
      !Array.isArray(out[k])
    )
      out[k] = merge(out[k] as Obj, v as Obj);
    else out[k] = v;
  }
  return out;
}

// A workload that passes every rule; each case changes one thing.
const HARDENED_CONTAINER: Obj = {
  name: "app",
  image: "registry.example.com/app:1.2.3@sha256:0123456789abcdef",
  imagePullPolicy: "Always",
  securityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 10001,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  },
  resources: {
    requests: { cpu: "100m", memory: "64Mi" },
    limits: { cpu: "200m", memory: "128Mi" },
  },
  livenessProbe: { httpGet: { path: "/healthz", port: 8080 } },
  readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
};
const HARDENED_POD: Obj = {
  automountServiceAccountToken: false,
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 10001,
    runAsGroup: 10001,
    fsGroup: 10001,
    seccompProfile: { type: "RuntimeDefault" },
  },
};
const NETPOL = {
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: "deny", namespace: "app" },
  spec: { podSelector: {} },
};

interface W {
  container?: Obj;
  pod?: Obj;
  meta?: Obj;
  podMeta?: Obj;
  netpol?: boolean;
}

/** A Deployment (plus a NetworkPolicy unless told otherwise) as YAML. */
function deployment(w: W = {}): string {
  const container = merge(HARDENED_CONTAINER, w.container ?? {});
  const pod = merge({ ...HARDENED_POD, containers: [container] }, w.pod ?? {});
  const doc = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: merge({ name: "web", namespace: "app" }, w.meta ?? {}),
    spec: { template: { metadata: merge({ labels: { app: "web" } }, w.podMeta ?? {}), spec: pod } },
  };
  return [doc, ...(w.netpol === false ? [] : [NETPOL])].map((d) => stringify(d)).join("---\n");
}

function object(kind: string, body: Obj, meta: Obj = {}, apiVersion = "v1"): string {
  return stringify({
    apiVersion,
    kind,
    metadata: { name: "x", namespace: "app", ...meta },
    ...body,
  });
}

const role = (rules: Obj[], kind = "ClusterRole"): string =>
  object(kind, { rules }, {}, "rbac.authorization.k8s.io/v1");
const binding = (body: Obj, kind = "ClusterRoleBinding"): string =>
  object(kind, body, {}, "rbac.authorization.k8s.io/v1");
const ingress = (spec: Obj, annotations: Obj = {}): string =>
  object("Ingress", { spec }, { annotations }, "networking.k8s.io/v1");
const rbacGroup = "rbac.authorization.k8s.io";

/** Rule id → a manifest that must fail it and one that must pass it. */
const CASES: Record<string, { fail: string; pass: string }> = {
  "K8S-PSS-001": {
    fail: deployment({ container: { securityContext: { windowsOptions: { hostProcess: true } } } }),
    pass: deployment(),
  },
  "K8S-PSS-002": {
    fail: deployment({ pod: { hostNetwork: true } }),
    pass: deployment({ pod: { hostNetwork: false } }),
  },
  "K8S-PSS-003": { fail: deployment({ pod: { hostPID: true } }), pass: deployment() },
  "K8S-PSS-004": { fail: deployment({ pod: { hostIPC: true } }), pass: deployment() },
  "K8S-PSS-005": {
    fail: deployment({ container: { securityContext: { privileged: true } } }),
    pass: deployment({ container: { securityContext: { privileged: false } } }),
  },
  "K8S-PSS-006": {
    fail: deployment({ container: { securityContext: { capabilities: { add: ["SYS_TIME"] } } } }),
    pass: deployment({ container: { securityContext: { capabilities: { add: ["CHOWN"] } } } }),
  },
  "K8S-PSS-007": {
    fail: deployment({ pod: { volumes: [{ name: "etc", hostPath: { path: "/etc" } }] } }),
    pass: deployment({ pod: { volumes: [{ name: "tmp", emptyDir: {} }] } }),
  },
  "K8S-PSS-008": {
    fail: deployment({
      container: { ports: [{ name: "http", containerPort: 80, hostPort: 8080 }] },
    }),
    pass: deployment({ container: { ports: [{ name: "http", containerPort: 80 }] } }),
  },
  "K8S-PSS-009": {
    fail: deployment({
      podMeta: {
        annotations: { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" },
      },
    }),
    pass: deployment({
      podMeta: {
        annotations: { "container.apparmor.security.beta.kubernetes.io/app": "runtime/default" },
      },
    }),
  },
  "K8S-PSS-010": {
    fail: deployment({ container: { securityContext: { seLinuxOptions: { type: "spc_t" } } } }),
    pass: deployment({
      container: { securityContext: { seLinuxOptions: { type: "container_t", level: "s0:c1" } } },
    }),
  },
  "K8S-PSS-011": {
    fail: deployment({ container: { securityContext: { procMount: "Unmasked" } } }),
    pass: deployment({ container: { securityContext: { procMount: "Default" } } }),
  },
  "K8S-PSS-012": {
    fail: deployment({ pod: { securityContext: { seccompProfile: { type: "Unconfined" } } } }),
    pass: deployment(),
  },
  "K8S-PSS-013": {
    fail: deployment({
      pod: { securityContext: { sysctls: [{ name: "kernel.msgmax", value: "65536" }] } },
    }),
    pass: deployment({
      pod: { securityContext: { sysctls: [{ name: "net.ipv4.tcp_syncookies", value: "1" }] } },
    }),
  },
  "K8S-PSS-014": {
    fail: deployment({ pod: { volumes: [{ name: "data", nfs: { server: "nfs", path: "/x" } }] } }),
    pass: deployment({ pod: { volumes: [{ name: "cfg", configMap: { name: "cfg" } }] } }),
  },
  "K8S-PSS-015": {
    fail: deployment({ container: { securityContext: { allowPrivilegeEscalation: null } } }),
    pass: deployment(),
  },
  "K8S-PSS-016": {
    fail: deployment({ container: { securityContext: { runAsNonRoot: false } } }),
    pass: deployment({ container: { securityContext: { runAsNonRoot: null } } }),
  },
  "K8S-PSS-017": {
    fail: deployment({ container: { securityContext: { runAsUser: 0 } } }),
    pass: deployment(),
  },
  "K8S-PSS-018": {
    fail: deployment({
      container: { securityContext: { seccompProfile: null } },
      pod: { securityContext: { seccompProfile: null } },
    }),
    pass: deployment({ container: { securityContext: { seccompProfile: null } } }),
  },
  "K8S-PSS-019": {
    fail: deployment({ container: { securityContext: { capabilities: { drop: ["NET_RAW"] } } } }),
    pass: deployment(),
  },
  "K8S-PSS-020": {
    fail: deployment({ container: { securityContext: { capabilities: { add: ["CHOWN"] } } } }),
    pass: deployment({
      container: { securityContext: { capabilities: { add: ["NET_BIND_SERVICE"] } } },
    }),
  },
  "K8S-SEC-001": {
    fail: deployment({ container: { securityContext: { readOnlyRootFilesystem: false } } }),
    pass: deployment(),
  },
  "K8S-SEC-002": {
    fail: deployment({ container: { securityContext: { capabilities: null } } }),
    pass: deployment({ container: { securityContext: { capabilities: { drop: ["NET_RAW"] } } } }),
  },
  "K8S-SEC-003": {
    fail: deployment({
      container: { securityContext: { capabilities: { add: ["CAP_SYS_ADMIN"] } } },
    }),
    pass: deployment(),
  },
  "K8S-SEC-004": {
    fail: deployment({ container: { securityContext: { runAsUser: 1000 } } }),
    pass: deployment(),
  },
  "K8S-SEC-005": {
    fail: deployment({ pod: { securityContext: { fsGroup: 0 } } }),
    pass: deployment(),
  },
  "K8S-SEC-006": {
    fail: deployment({
      pod: { volumes: [{ name: "sock", hostPath: { path: "/var/run/docker.sock" } }] },
    }),
    pass: deployment({ pod: { volumes: [{ name: "logs", hostPath: { path: "/var/log" } }] } }),
  },
  "K8S-SEC-007": {
    fail: deployment({ pod: { automountServiceAccountToken: null } }),
    pass: deployment(),
  },
  "K8S-SEC-008": {
    fail: deployment({
      container: {
        env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "pw" } } }],
      },
    }),
    pass: deployment({
      container: {
        env: [{ name: "DB_HOST", valueFrom: { configMapKeyRef: { name: "db", key: "host" } } }],
      },
    }),
  },
  "K8S-SEC-009": {
    fail: deployment({ container: { env: [{ name: "API_TOKEN", value: "s3cr3t" }] } }),
    pass: deployment({
      container: {
        env: [
          { name: "API_URL", value: "https://api" },
          { name: "TOKEN_FILE_PATH", value: "" },
        ],
      },
    }),
  },
  "K8S-SEC-010": { fail: deployment({ pod: { securityContext: null } }), pass: deployment() },
  "K8S-SEC-011": { fail: deployment({ container: { securityContext: null } }), pass: deployment() },
  "K8S-SEC-012": {
    fail: deployment({ pod: { hostAliases: [{ ip: "10.0.0.1", hostnames: ["db"] }] } }),
    pass: deployment(),
  },
  "K8S-SEC-013": {
    fail: object("ServiceAccount", {}, { name: "default" }),
    pass: object("ServiceAccount", { automountServiceAccountToken: false }, { name: "default" }),
  },
  "K8S-RES-001": {
    fail: deployment({ container: { resources: { requests: { cpu: null } } } }),
    pass: deployment(),
  },
  "K8S-RES-002": {
    fail: deployment({ container: { resources: { limits: { cpu: null } } } }),
    pass: deployment(),
  },
  "K8S-RES-003": {
    fail: deployment({ container: { resources: { requests: { memory: null } } } }),
    pass: deployment(),
  },
  "K8S-RES-004": {
    fail: deployment({ container: { resources: { limits: { memory: null } } } }),
    pass: deployment(),
  },
  "K8S-RES-005": { fail: deployment({ container: { livenessProbe: null } }), pass: deployment() },
  "K8S-RES-006": { fail: deployment({ container: { readinessProbe: null } }), pass: deployment() },
  "K8S-IMG-001": {
    fail: deployment({ container: { image: "nginx:latest" } }),
    pass: deployment({ container: { image: "localhost:5000/nginx:1.25" } }),
  },
  "K8S-IMG-002": { fail: deployment({ container: { image: "nginx:1.25" } }), pass: deployment() },
  "K8S-IMG-003": {
    fail: deployment({ container: { image: "nginx:1.25", imagePullPolicy: "IfNotPresent" } }),
    pass: deployment({ container: { image: "nginx@sha256:abc", imagePullPolicy: null } }),
  },
  "K8S-RBAC-001": {
    fail: role([{ apiGroups: [""], resources: ["*"], verbs: ["get"] }]),
    pass: role([{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]),
  },
  "K8S-RBAC-002": {
    fail: role([{ apiGroups: [rbacGroup], resources: ["clusterroles"], verbs: ["escalate"] }]),
    pass: role([{ apiGroups: [rbacGroup], resources: ["clusterroles"], verbs: ["get"] }]),
  },
  "K8S-RBAC-003": {
    fail: role([{ apiGroups: [rbacGroup], resources: ["roles"], verbs: ["bind"] }], "Role"),
    pass: role([{ apiGroups: [rbacGroup], resources: ["roles"], verbs: ["list"] }], "Role"),
  },
  "K8S-RBAC-004": {
    fail: role([{ apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] }]),
    pass: role([{ apiGroups: [""], resources: ["serviceaccounts"], verbs: ["get"] }]),
  },
  "K8S-RBAC-005": {
    fail: role([{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }], "Role"),
    pass: role(
      [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["app-tls"], verbs: ["get"] }],
      "Role",
    ),
  },
  "K8S-RBAC-006": {
    fail: binding({
      roleRef: { kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "Group", name: "ops" }],
    }),
    pass: binding({
      roleRef: { kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "Group", name: "ops" }],
    }),
  },
  "K8S-RBAC-007": {
    fail: binding(
      {
        roleRef: { kind: "Role", name: "r" },
        subjects: [{ kind: "ServiceAccount", name: "default" }],
      },
      "RoleBinding",
    ),
    pass: binding(
      { roleRef: { kind: "Role", name: "r" }, subjects: [{ kind: "ServiceAccount", name: "app" }] },
      "RoleBinding",
    ),
  },
  "K8S-RBAC-008": {
    fail: role([{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }], "Role"),
    pass: role([{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }], "Role"),
  },
  "K8S-RBAC-009": {
    fail: role([
      {
        apiGroups: ["admissionregistration.k8s.io"],
        resources: ["validatingwebhookconfigurations"],
        verbs: ["create"],
      },
    ]),
    pass: role([
      {
        apiGroups: ["admissionregistration.k8s.io"],
        resources: ["validatingwebhookconfigurations"],
        verbs: ["get"],
      },
    ]),
  },
  "K8S-RBAC-010": {
    fail: role([
      { apiGroups: ["certificates.k8s.io"], resources: ["*/approval"], verbs: ["update"] },
      { apiGroups: ["certificates.k8s.io"], resources: ["signers"], verbs: ["approve"] },
    ]),
    // Approve on signers alone cannot approve anything.
    pass: role([
      { apiGroups: ["certificates.k8s.io"], resources: ["signers"], verbs: ["approve"] },
    ]),
  },
  "K8S-RBAC-011": {
    fail: role([{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }]),
    pass: role([{ apiGroups: [""], resources: ["nodes"], verbs: ["get"] }]),
  },
  "K8S-RBAC-012": {
    fail: role([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["create"] }], "Role"),
    pass: role(
      [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list"] }],
      "Role",
    ),
  },
  "K8S-NET-001": {
    fail: object("Service", { spec: { type: "LoadBalancer" } }),
    pass: object("Service", {
      spec: { type: "LoadBalancer", loadBalancerSourceRanges: ["10.0.0.0/8"] },
    }),
  },
  "K8S-NET-002": {
    fail: object("Service", { spec: { type: "NodePort" } }),
    pass: object("Service", { spec: { type: "ClusterIP" } }),
  },
  "K8S-NET-003": {
    fail: ingress({ rules: [{ host: "a.example" }] }),
    pass: ingress({
      tls: [{ hosts: ["a.example"], secretName: "a-tls" }],
      rules: [{ host: "a.example" }],
    }),
  },
  "K8S-NET-004": { fail: deployment({ netpol: false }), pass: deployment() },
  "K8S-NET-005": {
    fail: ingress(
      { tls: [{ secretName: "t" }] },
      { "nginx.ingress.kubernetes.io/configuration-snippet": "more_set_headers x" },
    ),
    pass: ingress(
      { tls: [{ secretName: "t" }] },
      { "nginx.ingress.kubernetes.io/rewrite-target": "/" },
    ),
  },
  "K8S-GEN-001": { fail: deployment({ meta: { namespace: null } }), pass: deployment() },
  "K8S-GEN-002": { fail: deployment({ meta: { namespace: "kube-system" } }), pass: deployment() },
  "K8S-GEN-003": {
    fail: deployment({ container: { image: "gcr.io/kubernetes-helm/tiller:v2.16.0" } }),
    pass: deployment(),
  },
  "K8S-GEN-004": {
    fail: deployment({ container: { image: "kubernetesui/dashboard:v2.7.0" } }),
    pass: deployment(),
  },
  "K8S-GEN-005": {
    fail: object("Secret", { type: "Opaque", stringData: { password: "x" } }),
    pass: object("Secret", { type: "kubernetes.io/tls" }),
  },
};

const ids = (content: string): string[] =>
  scanKubernetesFile("m.yaml", content).findings.map((f) => f.ruleId);

describe("kubernetes rule semantics", () => {
  it("treats bind on rolebindings like bind on roles", () => {
    expect(
      ids(role([{ apiGroups: [rbacGroup], resources: ["rolebindings"], verbs: ["bind"] }])),
    ).toContain("K8S-RBAC-003");
  });
  it("accepts low UIDs in a private user namespace (hostUsers: false)", () => {
    const d = deployment({
      pod: { hostUsers: false },
      container: { securityContext: { runAsUser: 1000 } },
    });
    expect(ids(d)).not.toContain("K8S-SEC-004");
  });
  it("recognises the dashboard by its labels", () => {
    expect(ids(deployment({ meta: { labels: { "k8s-app": "kubernetes-dashboard" } } }))).toContain(
      "K8S-GEN-004",
    );
  });
  it("reads OpenShift DeploymentConfig pod templates", () => {
    const dc = deployment({ container: { securityContext: { privileged: true } } }).replace(
      "kind: Deployment",
      "kind: DeploymentConfig",
    );
    expect(ids(dc)).toContain("K8S-PSS-005");
  });
});

describe("kubernetes rules", () => {
  it("has at least 45 rules with unique ids and complete metadata", () => {
    expect(kubernetesRules.length).toBeGreaterThanOrEqual(45);
    const all = kubernetesRules.map((r) => r.meta.id);
    expect(new Set(all).size).toBe(all.length);
    for (const r of kubernetesRules) {
      expect(r.meta.title && r.meta.description && r.meta.remediation).toBeTruthy();
      expect(r.meta.references.length).toBeGreaterThan(0);
      expect(r.meta.equivalents.checkov.every((id) => /^CKV2?_K8S_\d+$/.test(id))).toBe(true);
      expect(r.meta.equivalents.trivy.every((id) => /^AVD-KSV-\d{4}$/.test(id))).toBe(true);
    }
  });

  it("has a failing and a passing fixture for every rule", () => {
    expect(Object.keys(CASES).sort()).toEqual(kubernetesRules.map((r) => r.meta.id).sort());
  });

  it("the hardened workload passes every rule", () => {
    expect(ids(deployment())).toEqual([]);
  });

  it.each(Object.entries(CASES))("%s fails and passes its fixtures", (id, c) => {
    expect(ids(c.fail)).toContain(id);
    expect(ids(c.pass)).not.toContain(id);
  });

  it("covers every Pod Security Standards control", () => {
    const tagged = kubernetesRules.filter((r) =>
      r.meta.frameworks.some((f) => f.startsWith("PSS")),
    );
    expect(
      tagged.filter((r) => r.meta.frameworks.includes("PSS baseline")).length,
    ).toBeGreaterThanOrEqual(13);
    expect(
      tagged.filter((r) => r.meta.frameworks.includes("PSS restricted")).length,
    ).toBeGreaterThanOrEqual(7);
  });
});
