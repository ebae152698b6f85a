import { useState } from "react";
import { Alert, Button, Group, Loader, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useSearchParams } from "react-router";
import type { ObjectiveView } from "@infrasec/contracts";
import { ConfirmModal } from "../../../../app/ConfirmModal";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useSession } from "../../../../app/session";
import { useApiQuery } from "../../../../app/use-api";
import {
  addKeyResult,
  createObjective,
  deleteKeyResult,
  deleteObjective,
  listObjectives,
  updateKeyResult,
  updateObjective,
} from "../api";
import type { KeyResultView } from "../api";
import { KeyResultFormModal } from "../components/KeyResultFormModal";
import { ObjectiveCard } from "../components/ObjectiveCard";
import { ObjectiveFormModal } from "../components/ObjectiveFormModal";
import { QuarterPicker } from "../components/QuarterPicker";
import { bandRangeLabel } from "../okr-bands";
import { quarterOrCurrent } from "../quarters";

type Dialog =
  | { kind: "objective"; objective: ObjectiveView | null }
  | { kind: "delete-objective"; objective: ObjectiveView }
  | { kind: "key-result"; objective: ObjectiveView; keyResult: KeyResultView | null }
  | { kind: "delete-key-result"; objective: ObjectiveView; keyResult: KeyResultView }
  | null;

export function OkrsTab() {
  const { can, user } = useSession();
  const canManage = can("work:manage");
  const [params, setParams] = useSearchParams();
  const quarter = quarterOrCurrent(params.get("quarter"));
  const objectives = useApiQuery(`objectives:${quarter}`, () => listObjectives(quarter));
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const saved = (message: string) => {
    notifications.show({ color: "green", message });
    objectives.reload();
  };
  const items = objectives.data?.items ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <QuarterPicker value={quarter} onChange={(q) => setParams({ quarter: q })} />
        <Group gap="md" align="center">
          <Text size="xs" c="dimmed">
            {(["on_target", "off_target", "at_risk"] as const).map(bandRangeLabel).join(" · ")}
          </Text>
          {canManage && (
            <Button onClick={() => setDialog({ kind: "objective", objective: null })}>
              New objective
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={objectives.error} title="Could not load the OKRs" />
      {!objectives.data && objectives.loading && <Loader aria-label="Loading OKRs" />}
      {objectives.data && items.length === 0 && (
        <Alert color="blue" title={`No objective for ${quarter}`}>
          <Text size="sm">
            Objectives have exactly one owner and measurable key results, each with one DRI.
            {canManage
              ? " Create one with “New objective”."
              : " Someone with work:manage can create them."}
          </Text>
        </Alert>
      )}
      {items.map((o) => (
        <ObjectiveCard
          key={o.id}
          objective={o}
          username={user.username}
          canManage={canManage}
          onEdit={() => setDialog({ kind: "objective", objective: o })}
          onDelete={() => setDialog({ kind: "delete-objective", objective: o })}
          onAddKeyResult={() => setDialog({ kind: "key-result", objective: o, keyResult: null })}
          onEditKeyResult={(kr) => setDialog({ kind: "key-result", objective: o, keyResult: kr })}
          onDeleteKeyResult={(kr) =>
            setDialog({ kind: "delete-key-result", objective: o, keyResult: kr })
          }
          onUpdateCurrent={async (kr, current) => {
            await updateKeyResult(kr.id, { current });
            saved(`${kr.title}: current value ${current}`);
          }}
        />
      ))}
      {dialog?.kind === "objective" && (
        <ObjectiveFormModal
          objective={dialog.objective}
          quarter={quarter}
          onClose={close}
          onSave={async (body) => {
            const o = dialog.objective
              ? await updateObjective(dialog.objective.id, body)
              : await createObjective(body);
            if (o.quarter !== quarter) setParams({ quarter: o.quarter });
            saved(`Objective “${o.title}” saved`);
          }}
        />
      )}
      {dialog?.kind === "key-result" && (
        <KeyResultFormModal
          keyResult={dialog.keyResult}
          objectiveTitle={dialog.objective.title}
          onClose={close}
          onSave={async (body) => {
            if (dialog.keyResult) await updateKeyResult(dialog.keyResult.id, body);
            else await addKeyResult(dialog.objective.id, body);
            saved(`Key result “${body.title}” saved`);
          }}
        />
      )}
      {dialog?.kind === "delete-objective" && (
        <ConfirmModal
          opened
          title="Delete objective?"
          confirmLabel="Delete objective"
          onClose={close}
          onConfirm={async () => {
            await deleteObjective(dialog.objective.id);
            saved(`Objective “${dialog.objective.title}” deleted`);
          }}
        >
          Delete <b>{dialog.objective.title}</b> and its {dialog.objective.keyResults.length} key
          result(s)? Linked epics are not changed. The audit log keeps the record.
        </ConfirmModal>
      )}
      {dialog?.kind === "delete-key-result" && (
        <ConfirmModal
          opened
          title="Delete key result?"
          confirmLabel="Delete key result"
          onClose={close}
          onConfirm={async () => {
            await deleteKeyResult(dialog.keyResult.id);
            saved(`Key result “${dialog.keyResult.title}” deleted`);
          }}
        >
          Delete <b>{dialog.keyResult.title}</b> from {dialog.objective.title}? The objective&apos;s
          score is recomputed from the remaining key results.
        </ConfirmModal>
      )}
    </Stack>
  );
}
