import { useState } from "react";
import { Group, Select, Text } from "@mantine/core";
import type { LabelView } from "@infrasec/contracts";
import { LabelBadge } from "../../shared/LabelBadge";
import { catalogMap } from "../../shared/label-colors";
import { labelsReplacedBy } from "../item-rules";

/**
 * Adds a catalogue label (searchable). Scoped semantics are shown before choosing: an option
 * whose scope is already on the item says which label it replaces.
 */
export function LabelPicker({
  current,
  catalog,
  onAdd,
  disabled,
}: {
  current: readonly string[];
  catalog: LabelView[] | undefined;
  onAdd: (name: string) => Promise<void>;
  disabled?: boolean;
}) {
  const [search, setSearch] = useState("");
  const map = catalogMap(catalog);
  const options = (catalog ?? [])
    .filter((l) => !current.includes(l.name))
    .map((l) => ({ value: l.name, label: l.name }));
  return (
    <Select
      aria-label="Add a label"
      placeholder={catalog ? "Add a label…" : "Loading labels…"}
      size="xs"
      searchable
      clearable
      disabled={disabled || !catalog}
      data={options}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage="No such label in the catalogue"
      maxDropdownHeight={320}
      limit={100}
      renderOption={({ option }) => {
        const replaced = labelsReplacedBy(current, option.value);
        return (
          <Group gap={6} wrap="nowrap">
            <LabelBadge name={option.value} catalog={map} />
            {replaced.length > 0 && (
              <Text size="xs" c="dimmed">
                replaces {replaced.join(", ")}
              </Text>
            )}
          </Group>
        );
      }}
      onChange={(v) => {
        if (!v) return;
        setSearch("");
        void onAdd(v);
      }}
    />
  );
}
