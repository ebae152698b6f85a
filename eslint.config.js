// Type-aware lint for every package. Restricted imports explain the package boundaries that
// dependency-cruiser also enforces, so an editor shows the reason at the import itself.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/coverage/**",
      "**/testdata/**",
      ".infrasec/**",
      "scripts/**/*.mjs",
      "packages/cli/bin/**",
      "*.config.js",
      ".dependency-cruiser.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/only-throw-error": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use named exports only." },
      ],
    },
  },
  {
    files: ["packages/engines/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@infrasec/storage",
                "@infrasec/services",
                "@infrasec/server",
                "@infrasec/cli",
                "@infrasec/contracts",
              ],
              message:
                "Engines are pure: bytes in, typed results out. They may import only @infrasec/core.",
            },
            {
              group: ["node:http", "node:https", "node:net"],
              message: "Engines do no network I/O.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["packages/web/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@infrasec/storage",
                "@infrasec/services",
                "@infrasec/server",
                "@infrasec/cli",
              ],
              message: "The web app talks to the server through @infrasec/contracts only.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tool configuration files (vitest, vite) are loaded through their default export.
    files: ["**/*.config.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "**/e2e/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
);
