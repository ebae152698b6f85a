import { useEffect, useState } from "react";
import { Button, Group, Select, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import type { LabelView } from "@infrasec/contracts";
import type { BoardFilters } from "../api";
import { hasBoardFilters } from "../board-filters";

/** A text filter applied 300 ms after typing stops, following the URL when it changes. */
function DebouncedText({
  label,
  value,
  placeholder,
  onApply,
  w,
}: {
  label: string;
  value: string;
  placeholder?: string;
  onApply: (v: string) => void;
  w: number;
}) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  const apply = useDebouncedCallback(onApply, 300);
  useEffect(() => () => apply.cancel?.(), [apply]);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      w={w}
      size="xs"
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        apply(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") onApply(e.currentTarget.value);
      }}
    />
  );
}

/** Assignee, label and text filters of a board (kept in the URL by the page). */
export function BoardFilterBar({
  filters,
  catalog,
  onChange,
  onClear,
}: {
  filters: BoardFilters;
  catalog?: readonly LabelView[];
  onChange: (patch: Partial<BoardFilters>) => void;
  onClear: () => void;
}) {
  const labels = [
    ...new Set([...(catalog ?? []).map((l) => l.name), ...(filters.label ? [filters.label] : [])]),
  ];
  return (
    <Group gap="sm" align="flex-end">
      <DebouncedText
        label="Search"
        placeholder="title, description"
        value={filters.q ?? ""}
        onApply={(q) => onChange({ q })}
        w={220}
      />
      <DebouncedText
        label="Assignee"
        placeholder="username"
        value={filters.assignee ?? ""}
        onApply={(assignee) => onChange({ assignee })}
        w={160}
      />
      <Select
        label="Label"
        placeholder="any"
        size="xs"
        w={240}
        searchable
        clearable
        data={labels}
        value={filters.label ?? null}
        onChange={(label) => onChange({ label: label ?? undefined })}
      />
      {hasBoardFilters(filters) && (
        <Button variant="subtle" size="xs" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
