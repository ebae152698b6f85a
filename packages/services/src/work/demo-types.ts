import type { HealthStatus, LinkType, WorkItemKind } from "@infrasec/engines/work";

/** Shapes of the demo data set (demo-content.ts, demo-reviews.ts). */

/** Every demo item carries this label: it marks the data set as loaded and lets users find it. */
export const DEMO_LABEL = "demo-data";

/** The demo users; created only when missing, with one-time passwords printed once. */
export const DEMO_USERS = [
  { username: "eve", displayName: "Eve Engineer", role: "engineer" },
  { username: "sam", displayName: "Sam Security", role: "security_engineer" },
] as const;
export type DemoUsername = (typeof DEMO_USERS)[number]["username"];

export interface DemoComment {
  by: DemoUsername;
  body: string;
}

export interface DemoItem {
  /** Local name other demo items refer to (parent, links). */
  key: string;
  kind: WorkItemKind;
  /** Who files the item. */
  by: DemoUsername;
  title: string;
  description: string;
  fields?: Record<string, unknown>;
  labels: string[];
  assignees?: DemoUsername[];
  owner?: DemoUsername;
  requiredReviewers?: DemoUsername[];
  startInDays?: number;
  dueInDays?: number;
  /** Due on the last day of the quarter the demo is loaded in (epics committed to it). */
  dueAtQuarterEnd?: boolean;
  weight?: 1 | 2 | 3 | 5 | 13;
  confidential?: boolean;
  /** Key of the parent epic. */
  parent?: string;
  /** In the quarterly demo milestone. */
  inMilestone?: boolean;
  /** Status changes after creation, in order (each guarded like any other move). */
  moves?: { to: string; by: DemoUsername; note?: string }[];
  /** Links added after every item exists. */
  links?: { type: LinkType; target: string }[];
  comments?: DemoComment[];
  /** A dated status update with a health (epics). */
  statusUpdate?: { by: DemoUsername; health: HealthStatus; body: string };
}
