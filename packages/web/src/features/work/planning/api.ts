import { api } from "@infrasec/contracts";
import type {
  CallInput,
  EpicView,
  HEALTHS,
  MilestoneView,
  ObjectiveView,
  WorkItemSummary,
} from "@infrasec/contracts";
import { client } from "../../../app/api-client";

/** Calls of the planning screens (api.workPlanning), one function per route. */

type Planning = typeof api.workPlanning;
type Body<K extends keyof Planning> = NonNullable<CallInput<Planning[K]>["body"]>;
export type MilestoneBody = Body<"createMilestone">;
export type ObjectiveBody = Body<"createObjective">;
export type KeyResultBody = Body<"addKeyResult">;
export type KeyResultPatch = Body<"updateKeyResult">;
export type Health = (typeof HEALTHS)[number];
export type BurnupUnit = "count" | "weight";
export interface BurnupPoint {
  day: string;
  scope: number;
  completed: number;
  unit: string;
}
export interface Burnup {
  milestone: MilestoneView;
  points: BurnupPoint[];
  items: WorkItemSummary[];
}
export interface RoadmapQuarter {
  name: string;
  start: string;
  end: string;
}
export interface Roadmap {
  quarters: RoadmapQuarter[];
  epics: EpicView[];
}
export type StatusUpdate = EpicView["updates"][number];
export type KeyResultView = ObjectiveView["keyResults"][number];

export function listEpics(
  state: "open" | "closed" | "all" = "open",
): Promise<{ items: EpicView[] }> {
  return client.call(api.workPlanning.epics, { query: { state } });
}

export function getEpic(id: string): Promise<EpicView> {
  return client.call(api.workPlanning.epic, { params: { id } });
}

export function addStatusUpdate(id: string, health: Health, body: string): Promise<StatusUpdate> {
  return client.call(api.workPlanning.addStatusUpdate, { params: { id }, body: { health, body } });
}

export function getRoadmap(from: string, quarters: number): Promise<Roadmap> {
  return client.call(api.workPlanning.roadmap, { query: { from, quarters } });
}

export function listMilestones(
  state: "active" | "closed" | "all" = "all",
): Promise<{ items: MilestoneView[] }> {
  return client.call(api.workPlanning.listMilestones, { query: { state } });
}

export function createMilestone(body: MilestoneBody): Promise<MilestoneView> {
  return client.call(api.workPlanning.createMilestone, { body });
}

export function updateMilestone(id: string, body: MilestoneBody): Promise<MilestoneView> {
  return client.call(api.workPlanning.updateMilestone, { params: { id }, body });
}

export function getBurnup(id: string, unit: BurnupUnit): Promise<Burnup> {
  return client.call(api.workPlanning.burnup, { params: { id }, query: { unit } });
}

export function listObjectives(quarter: string): Promise<{ items: ObjectiveView[] }> {
  return client.call(api.workPlanning.listObjectives, { query: { quarter } });
}

export function createObjective(body: ObjectiveBody): Promise<ObjectiveView> {
  return client.call(api.workPlanning.createObjective, { body });
}

export function updateObjective(id: string, body: ObjectiveBody): Promise<ObjectiveView> {
  return client.call(api.workPlanning.updateObjective, { params: { id }, body });
}

export function deleteObjective(id: string): Promise<void> {
  return client.call(api.workPlanning.deleteObjective, { params: { id } });
}

export function addKeyResult(objectiveId: string, body: KeyResultBody): Promise<ObjectiveView> {
  return client.call(api.workPlanning.addKeyResult, { params: { id: objectiveId }, body });
}

export function updateKeyResult(id: string, body: KeyResultPatch): Promise<ObjectiveView> {
  return client.call(api.workPlanning.updateKeyResult, { params: { id }, body });
}

export function deleteKeyResult(id: string): Promise<ObjectiveView> {
  return client.call(api.workPlanning.deleteKeyResult, { params: { id } });
}
