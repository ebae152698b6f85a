// Package boundaries of docs/ARCHITECTURE.md §2, checked in CI. Each rule says why it exists.
const pkg = (name) => `^packages/${name}/`;
const allowed = {
  core: ["core"],
  contracts: ["contracts", "core"],
  engines: ["engines", "core"],
  storage: ["storage", "core"],
  services: ["services", "core", "engines", "storage"],
  server: ["server", "core", "contracts", "services", "storage"],
  cli: ["cli", "core", "contracts", "engines", "services", "storage", "server"],
  web: ["web", "contracts", "core", "engines"],
};
const all = Object.keys(allowed);
const forbidden = all.map((from) => ({
  name: `${from}-imports-only-allowed-packages`,
  comment: `${from} may import only ${allowed[from].join(", ")} (docs/ARCHITECTURE.md §2).`,
  severity: "error",
  from: { path: pkg(from) },
  to: { path: `^packages/(${all.filter((p) => !allowed[from].includes(p)).join("|")})/` },
}));

module.exports = {
  forbidden: [
    ...forbidden,
    {
      name: "no-circular",
      comment: "Cycles between modules make layers impossible to reason about and to test alone.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "engines-do-not-import-each-other",
      comment: "An engine may use engines/kit and engines/report but never another engine.",
      severity: "error",
      from: {
        path: "^packages/engines/src/([^/]+)/",
        pathNot: "^packages/engines/src/(kit|report)/",
      },
      to: {
        path: "^packages/engines/src/([^/]+)/",
        pathNot: ["^packages/engines/src/(kit|report)/", "^packages/engines/src/$1/"],
      },
    },
    {
      name: "server-uses-storage-only-in-main",
      comment: "Routes go through services; only the composition root (main.ts) wires storage.",
      severity: "error",
      from: {
        path: "^packages/server/src/",
        // Tests and their harness open real databases through storage's test helpers.
        pathNot: [
          "^packages/server/src/main\\.ts$",
          "\\.test\\.ts$",
          "^packages/server/src/testing/",
        ],
      },
      to: { path: "^packages/storage/" },
    },
    {
      name: "nothing-imports-web",
      comment: "The web app is a leaf: no package may depend on it.",
      severity: "error",
      from: { pathNot: "^packages/web/" },
      to: { path: "^packages/web/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(node_modules|/dist/|/testdata/)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs"],
    },
  },
};
