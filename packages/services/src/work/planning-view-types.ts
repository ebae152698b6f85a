import type { HealthStatus, OkrBand } from "@infrasec/engines/work";
import type { UserRefView, WorkItemSummary } from "./work-view-types";

/**
 * What the planning services answer; mirrors packages/contracts/src/work/work-planning-contract.ts
 * (services may not import contracts; the routes serialize through them).
 */

export interface ProgressView {
  total: number;
  closed: number;
  totalWeight: number;
  closedWeight: number;
  /** 0–100, by weight when children carry weights, else by count. */
  percent: number;
}

export interface StatusUpdateView {
  id: string;
  itemId: string;
  health: HealthStatus;
  body: string;
  author: UserRefView | null;
  createdAt: string;
}

export interface EpicView {
  item: WorkItemSummary;
  progress: ProgressView;
  children: WorkItemSummary[];
  updates: StatusUpdateView[];
  assessed: { health: HealthStatus; reasons: string[] };
  startDate: string | null;
  dueDate: string | null;
  objectiveIds: string[];
}

export interface MilestoneView {
  id: string;
  title: string;
  description: string;
  startDate: string;
  dueDate: string;
  state: "active" | "closed";
  progress: ProgressView;
  createdAt: string;
}

export interface MilestoneInput {
  title: string;
  description: string;
  startDate: string;
  dueDate: string;
  state: "active" | "closed";
}

export interface BurnupView {
  milestone: MilestoneView;
  points: { day: string; scope: number; completed: number; unit: string }[];
  items: WorkItemSummary[];
}

export interface KeyResultView {
  id: string;
  objectiveId: string;
  title: string;
  owner: UserRefView | null;
  startValue: number;
  target: number;
  current: number;
  unit: string;
  score: number;
  band: OkrBand;
  updatedAt: string;
}

export interface ObjectiveView {
  id: string;
  title: string;
  description: string;
  quarter: string;
  owner: UserRefView | null;
  keyResults: KeyResultView[];
  /** Mean of the key results' scores; 0 (with `scored` false) when there are none. */
  score: number;
  band: OkrBand;
  /** False while the objective has no key results: its 0 score is "not scored", not "at risk". */
  scored: boolean;
  epics: WorkItemSummary[];
  createdAt: string;
}

export interface ObjectiveInput {
  title: string;
  description: string;
  quarter: string;
  /** A username. */
  owner: string | null;
  epicIds: string[];
}

export interface KeyResultInput {
  title: string;
  /** A username. */
  owner: string | null;
  startValue: number;
  target: number;
  current: number;
  unit: string;
}

export interface QuarterView {
  name: string;
  start: string;
  end: string;
}

export interface RoadmapView {
  quarters: QuarterView[];
  epics: EpicView[];
}
