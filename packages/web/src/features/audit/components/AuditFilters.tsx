import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Group, TextInput } from "@mantine/core";
import type { AuditFilter } from "@infrasec/contracts";
import { isoToLocal, localToIso } from "../api";

/** Filters apply on submit (Enter or "Apply"), so typing does not fire a request per key. */
export function AuditFilters({
  filter,
  onApply,
}: {
  filter: AuditFilter;
  onApply: (f: AuditFilter) => void;
}) {
  const [draft, setDraft] = useState({
    actor: filter.actor ?? "",
    action: filter.action ?? "",
    targetType: filter.targetType ?? "",
    targetId: filter.targetId ?? "",
    q: filter.q ?? "",
    since: isoToLocal(filter.since),
    until: isoToLocal(filter.until),
  });
  const set = (k: keyof typeof draft) => (e: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [k]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({
      actor: draft.actor.trim() || undefined,
      action: draft.action.trim() || undefined,
      targetType: draft.targetType.trim() || undefined,
      targetId: draft.targetId.trim() || undefined,
      q: draft.q.trim() || undefined,
      since: localToIso(draft.since),
      until: localToIso(draft.until),
    });
  };
  const clear = () => {
    setDraft({ actor: "", action: "", targetType: "", targetId: "", q: "", since: "", until: "" });
    onApply({});
  };
  return (
    <form onSubmit={submit} aria-label="Audit filters">
      <Group gap="xs" align="flex-end">
        <TextInput
          label="Actor"
          placeholder="username"
          w={140}
          value={draft.actor}
          onChange={set("actor")}
        />
        <TextInput
          label="Action"
          placeholder="asset.create"
          w={160}
          value={draft.action}
          onChange={set("action")}
        />
        <TextInput
          label="Target type"
          placeholder="asset"
          w={130}
          value={draft.targetType}
          onChange={set("targetType")}
        />
        {/* One object's events (a work item's "Audit log" link fills it in). */}
        <TextInput
          label="Target id"
          placeholder="id"
          w={150}
          value={draft.targetId}
          onChange={set("targetId")}
        />
        <TextInput label="Search summary" w={180} value={draft.q} onChange={set("q")} />
        <TextInput
          label="Since"
          type="datetime-local"
          w={200}
          value={draft.since}
          onChange={set("since")}
        />
        <TextInput
          label="Until"
          type="datetime-local"
          w={200}
          value={draft.until}
          onChange={set("until")}
        />
        <Button type="submit">Apply</Button>
        <Button variant="subtle" color="gray" onClick={clear}>
          Clear
        </Button>
      </Group>
    </form>
  );
}
