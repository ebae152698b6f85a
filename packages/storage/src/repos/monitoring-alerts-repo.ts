import type { Executor } from "./executor";
import { containsText } from "./executor";
import type {
  MonitoringAlertEventsTable,
  MonitoringAlertsTable,
} from "../schema/monitoring-tables";

/** A stored alert; JSON columns parsed. */
export interface MonitoringAlertRecord {
  id: string;
  ruleId: string;
  ruleTitle: string;
  ruleAuthor: string | null;
  ruleOrigin: string | null;
  level: string;
  levelRank: number;
  tags: string[];
  status: string;
  entityKey: string;
  source: string;
  host: string | null;
  containerId: string | null;
  containerName: string | null;
  image: string | null;
  namespace: string | null;
  pod: string | null;
  assetId: string | null;
  assetKey: string | null;
  assetName: string | null;
  assetMatchedBy: string | null;
  count: number;
  eventsKept: number;
  firstSeen: string;
  lastSeen: string;
  matchedFields: Record<string, unknown>;
  correlation: { type: string; group: Record<string, string>; count: number } | null;
  statusComment: string | null;
  statusChangedBy: string | null;
  statusChangedAt: string | null;
  incidentId: string | null;
  incidentNumber: number | null;
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One kept event of an alert; JSON columns parsed. */
export interface MonitoringAlertEventRecord {
  id: string;
  alertId: string;
  seq: number;
  ts: string;
  source: string;
  logsource: Record<string, string | null>;
  fields: Record<string, unknown>;
  matchedFields: Record<string, unknown>;
  provenance: Record<string, string>;
  selections: string[];
  context: Record<string, string>;
  original: unknown;
}

export interface MonitoringAlertFilter {
  statuses?: string[];
  level?: string;
  minLevelRank?: number;
  ruleId?: string;
  assetId?: string;
  host?: string;
  q?: string;
  from?: string;
  to?: string;
  escalated?: boolean;
}

export type MonitoringAlertSort =
  "-lastSeen" | "lastSeen" | "-firstSeen" | "firstSeen" | "-level" | "level" | "-count" | "count";

const SORT_COLUMN = {
  lastSeen: "last_seen",
  firstSeen: "first_seen",
  level: "level_rank",
  count: "count",
} as const;

const json = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

const fromRow = (r: MonitoringAlertsTable): MonitoringAlertRecord => ({
  id: r.id,
  ruleId: r.rule_id,
  ruleTitle: r.rule_title,
  ruleAuthor: r.rule_author,
  ruleOrigin: r.rule_origin,
  level: r.level,
  levelRank: Number(r.level_rank),
  tags: json<string[]>(r.tags, []),
  status: r.status,
  entityKey: r.entity_key,
  source: r.source,
  host: r.host,
  containerId: r.container_id,
  containerName: r.container_name,
  image: r.image,
  namespace: r.namespace,
  pod: r.pod,
  assetId: r.asset_id,
  assetKey: r.asset_key,
  assetName: r.asset_name,
  assetMatchedBy: r.asset_matched_by,
  count: Number(r.count),
  eventsKept: Number(r.events_kept),
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  matchedFields: json<Record<string, unknown>>(r.matched_fields, {}),
  correlation: json(r.correlation, null),
  statusComment: r.status_comment,
  statusChangedBy: r.status_changed_by,
  statusChangedAt: r.status_changed_at,
  incidentId: r.incident_id,
  incidentNumber: r.incident_number === null ? null : Number(r.incident_number),
  escalatedAt: r.escalated_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (a: MonitoringAlertRecord): MonitoringAlertsTable => ({
  id: a.id,
  rule_id: a.ruleId,
  rule_title: a.ruleTitle,
  rule_author: a.ruleAuthor,
  rule_origin: a.ruleOrigin,
  level: a.level,
  level_rank: a.levelRank,
  tags: JSON.stringify(a.tags),
  status: a.status,
  entity_key: a.entityKey,
  source: a.source,
  host: a.host,
  container_id: a.containerId,
  container_name: a.containerName,
  image: a.image,
  namespace: a.namespace,
  pod: a.pod,
  asset_id: a.assetId,
  asset_key: a.assetKey,
  asset_name: a.assetName,
  asset_matched_by: a.assetMatchedBy,
  count: a.count,
  events_kept: a.eventsKept,
  first_seen: a.firstSeen,
  last_seen: a.lastSeen,
  matched_fields: JSON.stringify(a.matchedFields),
  correlation: a.correlation ? JSON.stringify(a.correlation) : null,
  status_comment: a.statusComment,
  status_changed_by: a.statusChangedBy,
  status_changed_at: a.statusChangedAt,
  incident_id: a.incidentId,
  incident_number: a.incidentNumber,
  escalated_at: a.escalatedAt,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

const eventFromRow = (r: MonitoringAlertEventsTable): MonitoringAlertEventRecord => ({
  id: r.id,
  alertId: r.alert_id,
  seq: Number(r.seq),
  ts: r.ts,
  source: r.source,
  logsource: json(r.logsource, {}),
  fields: json(r.fields, {}),
  matchedFields: json(r.matched_fields, {}),
  provenance: json(r.provenance, {}),
  selections: json(r.selections, []),
  context: json(r.context, {}),
  original: json(r.original, null),
});

/** Rows per INSERT: SQLite bounds the parameters of one statement. */
const BATCH = 50;

/** Alerts and their kept events. */
export function monitoringAlertsRepo(db: Executor) {
  return {
    async insert(a: MonitoringAlertRecord): Promise<void> {
      await db.insertInto("monitoring_alerts").values(toRow(a)).execute();
    },
    async get(id: string): Promise<MonitoringAlertRecord | null> {
      const r = await db
        .selectFrom("monitoring_alerts")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r ? fromRow(r) : null;
    },
    async getMany(ids: readonly string[]): Promise<MonitoringAlertRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom("monitoring_alerts")
        .selectAll()
        .where("id", "in", [...ids])
        .execute();
      return rows.map(fromRow);
    },
    /** The open alert of (rule, entity) seen at or after `since`, newest first. */
    async findOpenGroup(
      ruleId: string,
      entityKey: string,
      openStatuses: readonly string[],
      since: string,
    ): Promise<MonitoringAlertRecord | null> {
      const r = await db
        .selectFrom("monitoring_alerts")
        .selectAll()
        .where("rule_id", "=", ruleId)
        .where("entity_key", "=", entityKey)
        .where("status", "in", [...openStatuses])
        .where("last_seen", ">=", since)
        .orderBy("last_seen", "desc")
        .limit(1)
        .executeTakeFirst();
      return r ? fromRow(r) : null;
    },
    /** A repeat: adds to the count and moves last_seen forward (never backward). */
    async bump(
      id: string,
      by: number,
      lastSeen: string,
      eventsKept: number,
      at: string,
    ): Promise<void> {
      await db
        .updateTable("monitoring_alerts")
        .set((eb) => ({
          count: eb("count", "+", by),
          last_seen: eb
            .case()
            .when("last_seen", "<", lastSeen)
            .then(lastSeen)
            .else(eb.ref("last_seen"))
            .end(),
          events_kept: eventsKept,
          updated_at: at,
        }))
        .where("id", "=", id)
        .execute();
    },
    async update(
      id: string,
      patch: Partial<
        Pick<
          MonitoringAlertRecord,
          | "status"
          | "statusComment"
          | "statusChangedBy"
          | "statusChangedAt"
          | "incidentId"
          | "incidentNumber"
          | "escalatedAt"
          | "updatedAt"
        >
      >,
    ): Promise<void> {
      const set: Partial<MonitoringAlertsTable> = {};
      if (patch.status !== undefined) set.status = patch.status;
      if (patch.statusComment !== undefined) set.status_comment = patch.statusComment;
      if (patch.statusChangedBy !== undefined) set.status_changed_by = patch.statusChangedBy;
      if (patch.statusChangedAt !== undefined) set.status_changed_at = patch.statusChangedAt;
      if (patch.incidentId !== undefined) set.incident_id = patch.incidentId;
      if (patch.incidentNumber !== undefined) set.incident_number = patch.incidentNumber;
      if (patch.escalatedAt !== undefined) set.escalated_at = patch.escalatedAt;
      if (patch.updatedAt !== undefined) set.updated_at = patch.updatedAt;
      if (Object.keys(set).length === 0) return;
      await db.updateTable("monitoring_alerts").set(set).where("id", "=", id).execute();
    },
    async list(
      f: MonitoringAlertFilter,
      sort: MonitoringAlertSort,
      limit: number,
      offset: number,
    ): Promise<{ items: MonitoringAlertRecord[]; total: number }> {
      let q = db.selectFrom("monitoring_alerts");
      if (f.statuses && f.statuses.length > 0) q = q.where("status", "in", f.statuses);
      if (f.level) q = q.where("level", "=", f.level);
      if (f.minLevelRank !== undefined) q = q.where("level_rank", ">=", f.minLevelRank);
      if (f.ruleId) q = q.where("rule_id", "=", f.ruleId);
      if (f.assetId) q = q.where("asset_id", "=", f.assetId);
      if (f.host) q = q.where("host", "=", f.host);
      if (f.from) q = q.where("last_seen", ">=", f.from);
      if (f.to) q = q.where("first_seen", "<=", f.to);
      if (f.escalated !== undefined)
        q = q.where("incident_id", f.escalated ? "is not" : "is", null);
      if (f.q) {
        const text = f.q;
        q = q.where((eb) =>
          eb.or(
            [
              "rule_title",
              "rule_id",
              "host",
              "container_id",
              "container_name",
              "image",
              "asset_key",
            ].map((c) => containsText(c, text)),
          ),
        );
      }
      const total = await q
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const desc = sort.startsWith("-");
      const col = SORT_COLUMN[sort.replace(/^-/, "") as keyof typeof SORT_COLUMN];
      const rows = await q
        .selectAll()
        .orderBy(col, desc ? "desc" : "asc")
        .orderBy("id", desc ? "desc" : "asc")
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(fromRow), total: Number(total.n) };
    },
    async insertEvents(events: readonly MonitoringAlertEventRecord[]): Promise<void> {
      for (let i = 0; i < events.length; i += BATCH) {
        await db
          .insertInto("monitoring_alert_events")
          .values(
            events.slice(i, i + BATCH).map((e) => ({
              id: e.id,
              alert_id: e.alertId,
              seq: e.seq,
              ts: e.ts,
              source: e.source,
              logsource: JSON.stringify(e.logsource),
              fields: JSON.stringify(e.fields),
              matched_fields: JSON.stringify(e.matchedFields),
              provenance: JSON.stringify(e.provenance),
              selections: JSON.stringify(e.selections),
              context: JSON.stringify(e.context),
              original: e.original === undefined ? null : JSON.stringify(e.original),
            })),
          )
          .execute();
      }
    },
    async listEvents(alertId: string): Promise<MonitoringAlertEventRecord[]> {
      const rows = await db
        .selectFrom("monitoring_alert_events")
        .selectAll()
        .where("alert_id", "=", alertId)
        .orderBy("seq")
        .execute();
      return rows.map(eventFromRow);
    },
  };
}
export type MonitoringAlertsRepo = ReturnType<typeof monitoringAlertsRepo>;
