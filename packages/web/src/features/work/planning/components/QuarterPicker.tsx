import { ActionIcon, Group, Select } from "@mantine/core";
import { addQuarters, currentQuarter, quarterOptions } from "../quarters";

/** Previous / choose / next quarter; the list spans a year either side of the current quarter. */
export function QuarterPicker({
  value,
  onChange,
  label = "Quarter",
}: {
  value: string;
  onChange: (quarter: string) => void;
  label?: string;
}) {
  const now = currentQuarter();
  const options = [...new Set([...quarterOptions(now, 4, 4), value])].sort();
  return (
    <Group gap={4} align="flex-end">
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Previous ${label.toLowerCase()}`}
        onClick={() => onChange(addQuarters(value, -1))}
      >
        ‹
      </ActionIcon>
      <Select
        label={label}
        w={160}
        allowDeselect={false}
        data={options.map((q) => ({ value: q, label: q === now ? `${q} (now)` : q }))}
        value={value}
        onChange={(v) => v && onChange(v)}
      />
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Next ${label.toLowerCase()}`}
        onClick={() => onChange(addQuarters(value, 1))}
      >
        ›
      </ActionIcon>
    </Group>
  );
}
