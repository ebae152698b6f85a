import type { Migration } from "kysely";
import * as identity from "./2026_11_25_000100_identity";
import * as audit from "./2026_11_25_000200_audit";
import * as assets from "./2026_11_25_000300_assets";
import * as work from "./2026_11_26_000400_work";
import * as vulns from "./2026_11_26_000500_vulns";
import * as review from "./2026_11_26_000600_review";
import * as monitoring from "./2026_11_26_000700_monitoring";
import * as access from "./2026_11_26_000800_access";
import * as vulnsPerf from "./2026_11_26_000900_vulns_perf";
import * as vulnExceptions from "./2026_11_27_001000_vuln_exceptions";
import * as vulnEnrichment from "./2026_11_27_001100_vuln_enrichment";
import * as vulnSlaMetrics from "./2026_11_27_001200_vuln_sla_metrics";
import * as vulnStates from "./2026_11_27_001300_vuln_states";
import * as notificationLinks from "./2026_11_27_001400_notification_links";
import * as monitoringScale from "./2026_11_27_001700_monitoring_scale";
import * as accessFindings from "./2026_11_27_001900_access_findings";
import * as vulnSearchIndex from "./2026_11_27_002000_vuln_search_index";
import * as vulnSlaRecompute from "./2026_11_28_002100_vuln_sla_recompute";
import * as vulnContentHash from "./2026_11_28_002200_vuln_content_hash";

/** The frozen migration set, in order. Names never change once released. */
export const migrations: Record<string, Migration> = {
  "2026_11_25_000100_identity": identity,
  "2026_11_25_000200_audit": audit,
  "2026_11_25_000300_assets": assets,
  "2026_11_26_000400_work": work,
  "2026_11_26_000500_vulns": vulns,
  "2026_11_26_000600_review": review,
  "2026_11_26_000700_monitoring": monitoring,
  "2026_11_26_000800_access": access,
  "2026_11_26_000900_vulns_perf": vulnsPerf,
  "2026_11_27_001000_vuln_exceptions": vulnExceptions,
  "2026_11_27_001100_vuln_enrichment": vulnEnrichment,
  "2026_11_27_001200_vuln_sla_metrics": vulnSlaMetrics,
  "2026_11_27_001300_vuln_states": vulnStates,
  "2026_11_27_001400_notification_links": notificationLinks,
  "2026_11_27_001700_monitoring_scale": monitoringScale,
  "2026_11_27_001900_access_findings": accessFindings,
  "2026_11_27_002000_vuln_search_index": vulnSearchIndex,
  "2026_11_28_002100_vuln_sla_recompute": vulnSlaRecompute,
  "2026_11_28_002200_vuln_content_hash": vulnContentHash,
};
