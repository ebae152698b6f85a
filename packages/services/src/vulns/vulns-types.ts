import type { Environment, Exposure } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";

// Storage record types, derived from the repository so services need no storage re-exports.
type VulnsRepo = Repos["vulns"];
/** A stored finding. */
export type FindingRecord = Parameters<VulnsRepo["insertMany"]>[0][number];
/** The columns of a stored finding that reconciliation compares. */
export type ReconcileRow = Awaited<ReturnType<VulnsRepo["reconcileRows"]>>[number];
/** A stored finding with its asset key. */
export type FindingListRecord = NonNullable<Awaited<ReturnType<VulnsRepo["findById"]>>>;
export type FindingEvent = Parameters<VulnsRepo["insertEvents"]>[0][number];
export type OccurrenceRecord = Parameters<VulnsRepo["insertOccurrences"]>[0][number];
export type FindingFilter = Parameters<VulnsRepo["list"]>[0];
export type FindingSort = Parameters<VulnsRepo["list"]>[1];
/** A stored import job. */
export type ImportJobRecord = NonNullable<Awaited<ReturnType<VulnsRepo["jobs"]["findById"]>>>;
export type ImportCounts = ImportJobRecord["counts"];

/** What reconciliation needs to know about the asset a report is about. */
export interface AssetFacts {
  id: string;
  key: string;
  criticality: number;
  environment: Environment;
  exposure: Exposure;
}
