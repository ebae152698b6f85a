import { Anchor, Group, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import { Link } from "react-router";
import { HEALTHS, WORK_WEIGHTS, api } from "@infrasec/contracts";
import type { LabelView, PatchWorkItemBody, WorkItemView } from "@infrasec/contracts";
import { client } from "../../../../app/api-client";
import { formatDateTime } from "../../../../app/format";
import { useApiQuery } from "../../../../app/use-api";
import { HealthBadge } from "../../shared/HealthBadge";
import { LabelList } from "../../shared/LabelBadge";
import { UserRefList, UserRefText } from "../../shared/UserRefText";
import { listWorkItems } from "../../shared/work-items-api";
import { formatDay, healthLabel, weightLabel } from "../../shared/work-format";
import { LabelPicker } from "./LabelPicker";
import { SidebarRow } from "./SidebarRow";
import { UsernameEditor, UsernamesEditor } from "./UsernamesEditor";

type Patch = (body: PatchWorkItemBody, success?: string) => Promise<boolean>;

function DateEditor({
  label,
  initial,
  onSave,
  done,
}: {
  label: string;
  initial: string | null;
  onSave: (day: string | null) => Promise<boolean>;
  done: () => void;
}) {
  return (
    <TextInput
      type="date"
      label={label}
      size="xs"
      data-autofocus
      defaultValue={initial ?? ""}
      onKeyDown={(e) => {
        if (e.key === "Escape") done();
      }}
      onBlur={(e) => {
        const v = e.currentTarget.value;
        if (v === (initial ?? "")) return done();
        void onSave(v === "" ? null : v).then((ok) => ok && done());
      }}
    />
  );
}

/** Milestones and open epics for the pickers; either may be unavailable (then ids are shown). */
function usePlanningChoices() {
  const milestones = useApiQuery("work-milestones:all", () =>
    client.call(api.workPlanning.listMilestones, { query: { state: "all" } }),
  );
  const epics = useApiQuery("work-epics:all", () =>
    listWorkItems({ kind: "epic", state: "all", limit: 500, sort: "-updatedAt" }),
  );
  return { milestones: milestones.data?.items ?? [], epics: epics.data?.items ?? [] };
}

/**
 * The facts beside the item: people, labels, dates, weight, health, milestone, parent epic,
 * confidentiality, required reviewers. Each is edited in place by people who may change the item.
 */
export function ItemSidebar({
  item,
  canEdit,
  catalog,
  onPatch,
  onLabels,
}: {
  item: WorkItemView;
  canEdit: boolean;
  catalog: LabelView[] | undefined;
  onPatch: Patch;
  onLabels: (add: string[], remove: string[]) => Promise<void>;
}) {
  const { milestones, epics } = usePlanningChoices();
  const milestone = milestones.find((m) => m.id === item.milestoneId);
  const parent = epics.find((e) => e.id === item.parentId);
  const edit = <T,>(fn: (done: () => void) => T) => (canEdit ? fn : undefined);

  return (
    <Stack gap="md" component="aside" aria-label="Item facts">
      <SidebarRow
        label="Assignees"
        editor={edit((done) => (
          <UsernamesEditor
            label="Assignees"
            initial={item.assignees}
            done={done}
            onSave={(assignees) => onPatch({ assignees }, "Assignees saved")}
          />
        ))}
      >
        <UserRefList users={item.assignees} empty="Unassigned" />
      </SidebarRow>

      <SidebarRow
        label="Owner"
        editor={edit((done) => (
          <UsernameEditor
            label="Owner"
            initial={item.owner}
            done={done}
            onSave={(owner) => onPatch({ owner }, "Owner saved")}
          />
        ))}
      >
        <UserRefText user={item.owner} empty="No owner" />
      </SidebarRow>

      <SidebarRow label="Labels">
        <Stack gap={6}>
          <LabelList
            labels={item.labels}
            catalog={catalog}
            empty="No labels"
            onRemove={canEdit ? (l) => void onLabels([], [l]) : undefined}
          />
          {canEdit && (
            <LabelPicker current={item.labels} catalog={catalog} onAdd={(l) => onLabels([l], [])} />
          )}
        </Stack>
      </SidebarRow>

      <SidebarRow
        label="Due date"
        editor={edit((done) => (
          <DateEditor
            label="Due date"
            initial={item.dueDate}
            done={done}
            onSave={(dueDate) => onPatch({ dueDate }, "Due date saved")}
          />
        ))}
      >
        <Text size="sm" c={item.derived.overdue ? "red" : undefined}>
          {formatDay(item.dueDate)}
          {item.derived.overdue ? " (overdue)" : ""}
        </Text>
      </SidebarRow>

      <SidebarRow
        label="Start date"
        editor={edit((done) => (
          <DateEditor
            label="Start date"
            initial={item.startDate}
            done={done}
            onSave={(startDate) => onPatch({ startDate }, "Start date saved")}
          />
        ))}
      >
        <Text size="sm">{formatDay(item.startDate)}</Text>
      </SidebarRow>

      <SidebarRow label="Weight">
        {canEdit ? (
          <Select
            aria-label="Weight"
            size="xs"
            clearable
            placeholder="No weight"
            data={WORK_WEIGHTS.map((w) => ({ value: String(w), label: weightLabel(w) }))}
            value={item.weight === null ? null : String(item.weight)}
            onChange={(v) =>
              void onPatch(
                { weight: v === null ? null : (Number(v) as (typeof WORK_WEIGHTS)[number]) },
                "Weight saved",
              )
            }
          />
        ) : (
          <Text size="sm">{weightLabel(item.weight)}</Text>
        )}
      </SidebarRow>

      <SidebarRow label="Health">
        {canEdit ? (
          <Select
            aria-label="Health"
            size="xs"
            clearable
            placeholder="No health status"
            data={HEALTHS.map((h) => ({ value: h, label: healthLabel(h) }))}
            value={item.health}
            onChange={(v) => void onPatch({ health: v ?? null }, "Health saved")}
          />
        ) : (
          <HealthBadge health={item.health} />
        )}
      </SidebarRow>

      <SidebarRow label="Milestone">
        {canEdit && milestones.length > 0 ? (
          <Select
            aria-label="Milestone"
            size="xs"
            clearable
            searchable
            placeholder="No milestone"
            data={milestones.map((m) => ({
              value: m.id,
              label: `${m.title} (${m.startDate} – ${m.dueDate})`,
            }))}
            value={item.milestoneId}
            onChange={(v) => void onPatch({ milestoneId: v }, "Milestone saved")}
          />
        ) : (
          <Text size="sm" c={item.milestoneId ? undefined : "dimmed"}>
            {milestone?.title ?? item.milestoneId ?? "—"}
          </Text>
        )}
      </SidebarRow>

      {item.kind !== "epic" || item.parentId ? (
        <SidebarRow label="Parent epic">
          {canEdit && epics.length > 0 ? (
            <Select
              aria-label="Parent epic"
              size="xs"
              clearable
              searchable
              placeholder="No parent epic"
              data={epics
                .filter((e) => e.id !== item.id)
                .map((e) => ({ value: e.id, label: `#${e.number} ${e.title}` }))}
              value={item.parentId}
              onChange={(v) => void onPatch({ parentId: v }, "Parent epic saved")}
            />
          ) : parent ? (
            <Anchor component={Link} to={`/work/items/${parent.number}`} size="sm">
              #{parent.number} {parent.title}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              {item.parentId ?? "—"}
            </Text>
          )}
        </SidebarRow>
      ) : null}

      <SidebarRow label="Confidential">
        <Switch
          aria-label="Confidential"
          label={item.confidential ? "Confidential" : "Visible to everyone with work access"}
          size="sm"
          checked={item.confidential}
          disabled={!canEdit}
          onChange={(e) =>
            void onPatch(
              { confidential: e.currentTarget.checked },
              e.currentTarget.checked ? "Marked confidential" : "No longer confidential",
            )
          }
        />
      </SidebarRow>

      <SidebarRow
        label="Required reviewers"
        editor={edit((done) => (
          <UsernamesEditor
            label="Required reviewers"
            initial={item.requiredReviewers}
            done={done}
            onSave={(requiredReviewers) =>
              onPatch({ requiredReviewers }, "Required reviewers saved")
            }
          />
        ))}
      >
        <UserRefList users={item.requiredReviewers} empty="None" />
      </SidebarRow>

      <Stack gap={0}>
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            Created {formatDateTime(item.createdAt)} by
          </Text>
          <UserRefText user={item.createdBy} size="xs" empty="(unknown)" />
        </Group>
        <Text size="xs" c="dimmed">
          Updated {formatDateTime(item.updatedAt)}
          {item.closedAt ? ` · closed ${formatDateTime(item.closedAt)}` : ""}
        </Text>
      </Stack>
    </Stack>
  );
}
