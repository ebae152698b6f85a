import { createTheme } from "@mantine/core";
import type { MantineColor } from "@mantine/core";
import type { DataClassification, Exposure, Severity } from "@infrasec/core";

/** One theme for the whole app: dense, neutral, readable at 1280 px, light and dark. */
export const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "sm",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  fontFamilyMonospace:
    "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
  headings: { sizes: { h1: { fontSize: "1.5rem" }, h2: { fontSize: "1.25rem" } } },
  components: {
    Table: {
      defaultProps: { verticalSpacing: 6, horizontalSpacing: "sm", highlightOnHover: true },
    },
    TextInput: { defaultProps: { size: "sm" } },
    Select: { defaultProps: { size: "sm", allowDeselect: true } },
    NavLink: { styles: { root: { paddingTop: 5, paddingBottom: 5 } } },
    Badge: {
      defaultProps: { radius: "sm", variant: "light" },
      styles: {
        root: { textTransform: "none", overflow: "visible" },
        label: { overflow: "visible" },
      },
    },
  },
});

/**
 * The one set of severity colours used by every badge, chart and list (UI.md: one visual
 * language). Most severe first, as SEVERITIES in @infrasec/core.
 */
export const SEVERITY_COLORS: Record<Severity, MantineColor> = {
  critical: "red",
  high: "orange",
  medium: "yellow",
  low: "blue",
  info: "gray",
};

/** Asset criticality 1 (most critical) to 4 shares the severity palette. */
export const CRITICALITY_SEVERITY: Record<number, Severity> = {
  1: "critical",
  2: "high",
  3: "medium",
  4: "low",
};

export const EXPOSURE_COLORS: Record<Exposure, MantineColor> = {
  internet_facing: "red",
  internal: "blue",
  isolated: "gray",
};

export const DATA_CLASSIFICATION_COLORS: Record<DataClassification, MantineColor> = {
  red: "red",
  orange: "orange",
  yellow: "yellow",
  green: "green",
};

/** Status badges shared by every area (findings, exceptions, users, tokens, work items). */
export const STATUS_COLORS = {
  open: "red",
  in_progress: "blue",
  resolved: "green",
  fixed: "green",
  dismissed: "gray",
  accepted: "violet",
  pending: "yellow",
  approved: "green",
  rejected: "red",
  active: "green",
  disabled: "gray",
  locked: "orange",
  revoked: "gray",
  expired: "orange",
  ok: "green",
  failed: "red",
} as const satisfies Record<string, MantineColor>;
export type Status = keyof typeof STATUS_COLORS;
