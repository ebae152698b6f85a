import type { Actor, Clock, ErrorDetail } from "@infrasec/core";
import { AppError, systemActor } from "@infrasec/core";
import {
  STATUS_MODELS,
  parseTemplate,
  quarterOf,
  validateAgainstTemplate,
} from "@infrasec/engines/work";
import type { Services } from "../create-services";
import type { Ctx } from "../shared/service-context";
import { loadVulnsDemo } from "../vulns/vulns-demo";
import type { DemoServicesAt, VulnsDemoResult } from "../vulns/vulns-demo";
import { defaultTemplateId } from "./work-catalog-store";
import { prefixedTitle } from "./work-fields-fns";
import type { DemoItem, DemoUsername } from "./demo-content";
import {
  DEMO_ITEMS,
  DEMO_LABEL,
  DEMO_MILESTONE,
  DEMO_OBJECTIVE,
  DEMO_USERS,
  dayOffset,
  resolveDemoDays,
} from "./demo-content";

/** What `loadDemoData` did; `alreadyLoaded` when the marker label was found (nothing changed). */
export interface DemoLoadResult {
  alreadyLoaded: boolean;
  /** Demo users; `initialPassword` only for users this run created (shown once). */
  users: { username: string; role: string; initialPassword: string | null }[];
  items: { number: number; kind: string; title: string }[];
  milestones: string[];
  objectives: string[];
  /** The vulnerability history (vulns-demo.ts); null when no `vulnsAt` was given. */
  vulns: VulnsDemoResult | null;
}

type DemoServices = Pick<Services, "users" | "workItems" | "workCatalog" | "planning">;
type CreateWorkItemInput = Parameters<Services["workItems"]["create"]>[1];

/**
 * Loads the demo data set (demo-content.ts) through the public service methods, acting as the
 * demo users where a person would act (eve files requests, sam triages them), so every value is
 * validated, historied, audited and notified like real input. Idempotent: when any item carries
 * the `demo-data` label the set counts as loaded and nothing is written.
 */
export async function loadDemoData(
  s: DemoServices,
  clock: Clock,
  admin: Ctx = { actor: systemActor, requestId: "demo" },
  /** Services at another clock, for the vulnerability demo's 120 days of history. */
  vulnsAt?: DemoServicesAt,
): Promise<DemoLoadResult> {
  // The vulnerability demo has its own marker, so installations that loaded the work demo
  // before it existed get it on the next run; it runs after the users exist (eve asks, sam decides).
  const vulns = () => (vulnsAt ? loadVulnsDemo(vulnsAt, clock.now(), admin) : null);
  const marker = await s.workItems.list(admin, { label: DEMO_LABEL, state: "all", limit: 1 });
  if (marker.total > 0) {
    return {
      alreadyLoaded: true,
      users: [],
      items: [],
      milestones: [],
      objectives: [],
      vulns: await vulns(),
    };
  }

  await precheck(s, admin, clock.now());

  // Users first: existing ones are reused as they are (their passwords are not touched).
  const existing = await s.users.list(admin);
  const users: DemoLoadResult["users"] = [];
  const actors = new Map<DemoUsername, Ctx>();
  for (const u of DEMO_USERS) {
    let user = existing.find((x) => x.username === u.username);
    let initialPassword: string | null = null;
    if (!user) {
      const created = await s.users.create(admin, {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
      });
      user = created.user;
      initialPassword = created.initialPassword;
    }
    users.push({ username: user.username, role: user.role, initialPassword });
    const actor: Actor = {
      kind: "user",
      userId: user.id,
      username: user.username,
      role: user.role,
    };
    actors.set(u.username, { actor, requestId: "demo" });
  }
  const as = (who: DemoUsername): Ctx => actors.get(who)!;

  const today = clock.now();
  const quarter = quarterOf(today);
  const milestone = await s.planning.milestones.create(admin, {
    title: `InfraSec ${quarter.name}`,
    description: DEMO_MILESTONE.description,
    startDate: quarter.start,
    dueDate: quarter.end,
    state: "active",
  });

  const ids = new Map<string, string>();
  const created: DemoLoadResult["items"] = [];
  const day = (n: number | undefined) => (n === undefined ? null : dayOffset(today, n));

  for (const d of DEMO_ITEMS) {
    const input: CreateWorkItemInput = {
      kind: d.kind,
      title: d.title,
      description: d.description,
      fields: resolveDemoDays(d.fields ?? {}, today),
      // The requester files the item; triage labels come from the security engineer below.
      labels: [DEMO_LABEL],
      owner: d.owner ?? null,
      requiredReviewers: d.requiredReviewers ?? [],
      startDate: day(d.startInDays),
      dueDate: d.dueAtQuarterEnd ? quarter.end : day(d.dueInDays),
      weight: d.weight ?? null,
      confidential: d.confidential ?? false,
      milestoneId: d.inMilestone ? milestone.id : null,
      parentId: d.parent ? ids.get(d.parent)! : null,
      assignees: d.by === "sam" ? (d.assignees ?? []) : [],
    };
    const item = await s.workItems.create(as(d.by), input);
    ids.set(d.key, item.id);
    created.push({ number: item.number, kind: item.kind, title: item.title });
    await triage(s, as, d, item.id);
  }

  // Links and the moves that need them (a superseded decision needs its superseded_by link).
  for (const d of DEMO_ITEMS) {
    for (const l of d.links ?? []) {
      const from = ids.get(d.key)!;
      const to = ids.get(l.target)!;
      await s.workItems.addLink(as("sam"), from, { type: l.type, targetKind: "item", target: to });
      if (l.type === "supersedes") {
        await s.workItems.addLink(as("sam"), to, {
          type: "superseded_by",
          targetKind: "item",
          target: from,
        });
        await s.workItems.update(as("sam"), to, {
          status: "superseded",
          statusNote: `superseded by "${d.title}"`,
        });
      }
    }
  }

  const objective = await s.planning.objectives.create(admin, {
    title: DEMO_OBJECTIVE.title,
    description: DEMO_OBJECTIVE.description,
    quarter: quarter.name,
    owner: DEMO_OBJECTIVE.owner,
    epicIds: DEMO_OBJECTIVE.epics.map((k) => ids.get(k)!),
  });
  for (const kr of DEMO_OBJECTIVE.keyResults) {
    await s.planning.objectives.addKeyResult(admin, objective.id, kr);
  }

  return {
    alreadyLoaded: false,
    users,
    items: created,
    milestones: [milestone.title],
    objectives: [objective.title],
    vulns: await vulns(),
  };
}

/**
 * Validates every demo item against the installation's current templates before anything is
 * written: the services would refuse the same values one by one, and a half-loaded demo would
 * then count as loaded. (An admin may have made more fields required than the shipped templates.)
 */
async function precheck(s: DemoServices, admin: Ctx, today: Date): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const d of DEMO_ITEMS) {
    const id = defaultTemplateId(d.kind);
    if (!id) continue;
    const parsed = parseTemplate((await s.workCatalog.getTemplate(admin, id)).definition);
    if (!parsed.ok) continue; // The services fall back to the shipped template; so do we.
    const t = parsed.template;
    const fields: Record<string, unknown> = resolveDemoDays(d.fields ?? {}, today);
    const values = t.titlePrefix ? { ...fields, title: prefixedTitle(t, d.title) } : fields;
    const r = validateAgainstTemplate(t, values, { status: STATUS_MODELS[d.kind].initial });
    if (!r.ok) {
      details.push(
        ...r.errors.map((e) => ({ path: `${d.key}.fields.${e.field}`, message: e.message })),
      );
    }
  }
  if (details.length > 0) {
    throw new AppError(
      "validation_failed",
      "the demo data does not fit this installation's templates; nothing was loaded",
      details,
    );
  }
}

/** What happens to an item after it is filed: triage labels, assignment, moves, comments. */
async function triage(
  s: DemoServices,
  as: (who: DemoUsername) => Ctx,
  d: DemoItem,
  id: string,
): Promise<void> {
  if (d.labels.length > 0)
    await s.workItems.changeLabels(as("sam"), id, { add: d.labels, remove: [] });
  if (d.by !== "sam" && d.assignees && d.assignees.length > 0) {
    await s.workItems.update(as("sam"), id, { assignees: d.assignees });
  }
  for (const c of d.comments ?? []) await s.workItems.addComment(as(c.by), id, c.body);
  for (const m of d.moves ?? []) {
    await s.workItems.update(as(m.by), id, { status: m.to, statusNote: m.note });
  }
  if (d.statusUpdate) {
    await s.planning.addStatusUpdate(as(d.statusUpdate.by), id, {
      health: d.statusUpdate.health,
      body: d.statusUpdate.body,
    });
  }
}
