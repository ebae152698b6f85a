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
// Server tests may also use engines, to produce real reports as test input (e.g. a review
// report to upload); server code itself reaches engines only through services.
const testsAlsoAllowed = { server: ["engines"] };
const TEST_FILE = "\\.test\\.ts$";
const forbidden = all.flatMap((from) => {
  const rule = (name, allow, fromExtra) => ({
    name,
    comment: `${from} may import only ${allow.join(", ")} (docs/ARCHITECTURE.md §2).`,
    severity: "error",
    from: { path: pkg(from), ...fromExtra },
    to: { path: `^packages/(${all.filter((p) => !allow.includes(p)).join("|")})/` },
  });
  const extra = testsAlsoAllowed[from];
  if (!extra) return [rule(`${from}-imports-only-allowed-packages`, allowed[from], {})];
  return [
    rule(`${from}-imports-only-allowed-packages`, allowed[from], { pathNot: TEST_FILE }),
    rule(`${from}-tests-import-only-allowed-packages`, [...allowed[from], ...extra], {
      path: `${pkg(from)}.*${TEST_FILE}`,
    }),
  ];
});

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
