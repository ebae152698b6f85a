import { useEffect, useState } from "react";
import { Button, Group, Select, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import type { AssetListQuery } from "@infrasec/contracts";
import type { FilterKey } from "../asset-query";
import {
  CRITICALITY_OPTIONS,
  DATA_CLASS_OPTIONS,
  ENVIRONMENT_OPTIONS,
  EXPOSURE_OPTIONS,
  KIND_OPTIONS,
} from "../asset-labels";

interface Props {
  query: AssetListQuery;
  onChange: (patch: Partial<Record<FilterKey, string | undefined>>) => void;
  onClear: () => void;
}

/** A text filter that applies 300 ms after typing stops, and follows the URL when it changes. */
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

export function AssetFilters({ query, onChange, onClear }: Props) {
  const current = (key: FilterKey) => {
    const v = query[key];
    return typeof v === "string" || typeof v === "number" ? String(v) : null;
  };
  const select = (
    key: FilterKey,
    label: string,
    data: { value: string; label: string }[],
    w = 160,
  ) => (
    <Select
      label={label}
      placeholder="Any"
      data={data}
      w={w}
      clearable
      value={current(key)}
      onChange={(v) => onChange({ [key]: v ?? undefined })}
    />
  );
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Asset filters">
      <DebouncedText
        label="Search"
        placeholder="Name, key or identifier"
        w={220}
        value={query.q ?? ""}
        onApply={(v) => onChange({ q: v })}
      />
      {select("kind", "Kind", KIND_OPTIONS, 190)}
      <DebouncedText
        label="Owner team"
        w={150}
        value={query.ownerTeam ?? ""}
        onApply={(v) => onChange({ ownerTeam: v })}
      />
      {select("environment", "Environment", ENVIRONMENT_OPTIONS, 140)}
      {select("criticality", "Criticality", CRITICALITY_OPTIONS, 140)}
      {select("exposure", "Exposure", EXPOSURE_OPTIONS, 150)}
      {select("dataClassification", "Data classification", DATA_CLASS_OPTIONS, 150)}
      <DebouncedText
        label="Tag"
        w={130}
        value={query.tag ?? ""}
        onApply={(v) => onChange({ tag: v })}
      />
      <Button variant="subtle" color="gray" onClick={onClear}>
        Clear filters
      </Button>
    </Group>
  );
}
