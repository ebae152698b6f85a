import type { SigmaEvent } from "@infrasec/engines/detect";
import { compileRuleSet, createDetector, loadRuleDocuments } from "@infrasec/engines/detect";
import { AppError, notFound } from "@infrasec/core";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { ruleDetailView, ruleIssueView as issueView, ruleSummaryView } from "./alert-mapping";
import { readEvents, type IngestSource } from "./event-reader";
import { documentId, userRulePath, type DetectionEngine } from "./rule-catalog";
import { findSuppression } from "./suppression-fns";

/** How rule operations reach the process's detector: read it, or say the rules changed. */
export interface EngineAccess {
  current(): Promise<DetectionEngine>;
  changed(): void;
}

/**
 * The rule catalogue: the built-in pack and uploaded Sigma rules, enable/disable, delete, and
 * tests of a stored, draft or every enabled rule against a pasted event. Every change is
 * audited and makes the detector rebuild.
 */
export function createMonitoringRulesService(deps: ServiceDeps, engines: EngineAccess) {
  const { store, clock } = deps;
  const nowIso = () => clock.now().toISOString();
  const currentEngine = () => engines.current();

  // Validates one uploaded rule on its own and within the whole set (correlation references).
  function parseUpload(yaml: string, id?: string) {
    const path = userRulePath(id ?? "upload");
    const loaded = loadRuleDocuments([{ path, text: yaml }]);
    const docs = loaded.documents.filter((d) => d.kind !== "filter");
    const issues = [...loaded.issues];
    if (issues.every((i) => i.severity !== "error") && docs.length !== 1)
      issues.push({
        file: path,
        document: 0,
        field: "",
        message: "upload exactly one rule document (rule or correlation)",
        severity: "error",
      });
    return { docs, issues };
  }

  const failOn = (issues: readonly { field: string; message: string; severity: string }[]) => {
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length === 0) return;
    throw new AppError(
      "validation_failed",
      `invalid rule: ${errors.map((e) => `${e.field || "(rule)"}: ${e.message}`).join("; ")}`,
      errors.map((e) => ({ path: `yaml.${e.field}`.replace(/\.$/, ""), message: e.message })),
    );
  };

  return {
    async listRules(
      ctx: Ctx,
      q: {
        q?: string;
        origin?: string;
        enabled?: "true" | "false";
        level?: string;
        limit: number;
        offset: number;
      },
    ) {
      requirePermission(ctx, "alerts:read");
      const eng = await currentEngine();
      const text = q.q?.toLowerCase();
      const all = [...eng.rules.values()]
        .filter((r) => !q.origin || r.origin === q.origin)
        .filter((r) => q.enabled === undefined || r.enabled === (q.enabled === "true"))
        .filter((r) => !q.level || r.level === q.level)
        .filter(
          (r) =>
            !text ||
            [r.id, r.title, r.author ?? "", r.description ?? "", ...r.tags].some((s) =>
              s.toLowerCase().includes(text),
            ),
        )
        .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
      return {
        items: all.slice(q.offset, q.offset + q.limit).map(ruleSummaryView),
        total: all.length,
      };
    },

    async getRule(ctx: Ctx, id: string) {
      requirePermission(ctx, "alerts:read");
      const r = (await currentEngine()).rules.get(id);
      if (!r) throw notFound("rule");
      return ruleDetailView(r);
    },

    async uploadRule(ctx: Ctx, yaml: string, enabled: boolean) {
      requirePermission(ctx, "detections:manage");
      const first = parseUpload(yaml);
      failOn(first.issues);
      const doc = first.docs[0]!;
      const id = documentId({ ...doc, file: "upload", document: 0 });
      const eng = await currentEngine();
      if (eng.rules.get(id)?.origin === "builtin")
        throw new AppError(
          "conflict",
          `rule ${id} is a built-in rule: disable it and upload under a new id`,
          [{ path: "yaml.id", message: "the id of a built-in rule" }],
        );
      // Compile within the whole set so that detection errors and correlation references show.
      const path = userRulePath(id);
      const others = [...eng.rules.values()].filter((r) => r.id !== id && r.yaml !== null);
      const docs = [
        ...loadRuleDocuments(others.map((r) => ({ path: `other/${r.id}.yml`, text: r.yaml! })))
          .documents,
        ...loadRuleDocuments([{ path, text: yaml }]).documents,
      ];
      const compiled = compileRuleSet(docs);
      const issues = [
        ...parseUpload(yaml, id).issues,
        ...compiled.issues.filter((i) => i.file === path),
      ];
      failOn(issues);
      const existing = await store.monitoring.rules.get(id);
      const at = nowIso();
      await store.transaction(async (tx) => {
        engines.changed();
        await tx.monitoring.rules.upsert({
          id,
          origin: "user",
          yaml,
          title: doc.title,
          level: doc.level,
          enabled,
          createdAt: existing?.createdAt ?? at,
          updatedAt: at,
          updatedBy: ctx.actor.username,
        });
        await audit(tx, ctx, clock, {
          action: existing ? "monitoring.rule.replace" : "monitoring.rule.upload",
          targetType: "detection_rule",
          targetId: id,
          summary: `${existing ? "replaced" : "uploaded"} detection rule ${doc.title} (${id})`,
          changes: { enabled },
        });
      });
      const rule = (await currentEngine()).rules.get(id);
      if (!rule) throw new AppError("internal", "the uploaded rule did not load");
      return {
        rule: ruleDetailView(rule),
        created: !existing,
        warnings: issues.filter((i) => i.severity === "warning").map(issueView),
      };
    },

    async setRuleEnabled(ctx: Ctx, id: string, enabled: boolean) {
      requirePermission(ctx, "detections:manage");
      const r = (await currentEngine()).rules.get(id);
      if (!r) throw notFound("rule");
      const row = await store.monitoring.rules.get(id);
      const at = nowIso();
      await store.transaction(async (tx) => {
        engines.changed();
        await tx.monitoring.rules.upsert({
          id,
          origin: r.origin,
          yaml: row?.yaml ?? null,
          title: r.title,
          level: r.level,
          enabled,
          createdAt: row?.createdAt ?? at,
          updatedAt: at,
          updatedBy: ctx.actor.username,
        });
        await audit(tx, ctx, clock, {
          action: enabled ? "monitoring.rule.enable" : "monitoring.rule.disable",
          targetType: "detection_rule",
          targetId: id,
          summary: `${enabled ? "enabled" : "disabled"} detection rule ${r.title} (${id})`,
          changes: { enabled: [r.enabled, enabled] },
        });
      });
      const after = (await currentEngine()).rules.get(id);
      return ruleSummaryView(after!);
    },

    async deleteRule(ctx: Ctx, id: string) {
      requirePermission(ctx, "detections:manage");
      const r = (await currentEngine()).rules.get(id);
      if (!r) throw notFound("rule");
      if (r.origin === "builtin")
        throw new AppError("conflict", "built-in rules cannot be deleted; disable them instead");
      await store.transaction(async (tx) => {
        engines.changed();
        await tx.monitoring.rules.remove(id);
        await audit(tx, ctx, clock, {
          action: "monitoring.rule.delete",
          targetType: "detection_rule",
          targetId: id,
          summary: `deleted detection rule ${r.title} (${id})`,
        });
      });
    },

    async testRule(
      ctx: Ctx,
      body: {
        event: string | Record<string, unknown>;
        source: IngestSource;
        ruleId?: string;
        yaml?: string;
      },
    ) {
      requirePermission(ctx, "alerts:read");
      const read = readEvents([body.event], body.source);
      const eng = await currentEngine();
      let issues: ReturnType<typeof issueView>[] = [];
      let ruleSet = eng.ruleSet;
      if (body.yaml !== undefined) {
        const path = userRulePath("draft");
        const others = [...eng.rules.values()].filter((r) => r.yaml !== null && r.kind === "rule");
        const loaded = loadRuleDocuments([{ path, text: body.yaml }]);
        const otherDocs = loadRuleDocuments(
          others.map((r) => ({ path: `other/${r.id}.yml`, text: r.yaml! })),
        ).documents;
        const compiled = compileRuleSet([...otherDocs, ...loaded.documents]);
        const all = [...loaded.issues, ...compiled.issues.filter((i) => i.file === path)];
        issues = all.map(issueView);
        const draftIds = new Set(loaded.documents.map((d) => documentId(d)));
        ruleSet = compileRuleSet(loaded.documents.filter((d) => draftIds.has(documentId(d))));
        if (all.some((i) => i.severity === "error"))
          return { events: [], matches: [], rejected: null, issues };
      } else if (body.ruleId !== undefined) {
        const r = eng.rules.get(body.ruleId);
        if (!r || r.yaml === null) throw notFound("rule");
        const docs = loadRuleDocuments([{ path: `test/${r.id}.yml`, text: r.yaml }]).documents;
        ruleSet = compileRuleSet(docs.filter((d) => documentId(d) === r.id || d.kind === "filter"));
      }
      if (read.rejected.length > 0 && read.events.length === 0)
        return { events: [], matches: [], rejected: read.rejected[0]!.reason, issues };
      const detector = createDetector(ruleSet);
      const suppressions = await store.monitoring.suppressions.list({ now: nowIso() });
      const matches = read.events.flatMap((e) => detector.process(e)).concat(detector.flush());
      return {
        events: read.events.map((e: SigmaEvent) => ({
          source: e.source,
          logsource: {
            product: e.logsource.product ?? null,
            category: e.logsource.category ?? null,
            service: e.logsource.service ?? null,
          },
          fields: e.fields,
          context: Object.fromEntries(
            Object.entries(e.context ?? {}).filter(
              (x): x is [string, string] => typeof x[1] === "string",
            ),
          ),
        })),
        matches: matches.map((m) => ({
          ruleId: m.ruleId,
          title: m.title,
          level: m.level,
          author: m.author ?? null,
          tags: [...m.tags],
          selections: [...m.selections],
          matchedFields: m.fields,
          provenance: { ...m.provenance },
          suppressed: findSuppression(suppressions, m.ruleId, m.event) !== undefined,
        })),
        rejected: null,
        issues,
      };
    },
  };
}
