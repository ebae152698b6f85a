import { Box, Group, Text, Tooltip } from "@mantine/core";
import type { CSSProperties } from "react";
import type { LabelView } from "@infrasec/contracts";
import { catalogMap, labelParts, labelTextColor } from "./label-colors";

const PART: CSSProperties = {
  display: "inline-block",
  padding: "0 6px",
  fontSize: "var(--mantine-font-size-xs)",
  lineHeight: "18px",
  fontWeight: 500,
  whiteSpace: "nowrap",
};

/**
 * A label as GitLab draws it: unscoped labels are one coloured pill; scoped labels are two parts,
 * "Scope" on the colour and "value" on the page background inside a border of the colour.
 */
export function LabelBadge({
  name,
  catalog,
  onRemove,
}: {
  name: string;
  catalog?: ReadonlyMap<string, LabelView>;
  /** Shows a remove button when given. */
  onRemove?: () => void;
}) {
  const p = labelParts(name, catalog);
  const fg = labelTextColor(p.color);
  const badge = (
    <Box
      component="span"
      data-label={name}
      aria-label={`label ${name}`}
      style={{
        display: "inline-flex",
        alignItems: "stretch",
        border: `1px solid ${p.color}`,
        borderRadius: 9,
        overflow: "hidden",
        verticalAlign: "middle",
      }}
    >
      <span style={{ ...PART, background: p.color, color: fg }}>{p.scope ?? p.value}</span>
      {p.scope !== null && <span style={{ ...PART }}>{p.value}</span>}
      {onRemove && (
        <Box
          component="button"
          type="button"
          onClick={onRemove}
          aria-label={`Remove label ${name}`}
          style={{
            ...PART,
            padding: "0 5px",
            border: 0,
            cursor: "pointer",
            background: p.scope === null ? p.color : "transparent",
            color: p.scope === null ? fg : "inherit",
          }}
        >
          ×
        </Box>
      )}
    </Box>
  );
  return p.description ? (
    <Tooltip label={p.description} openDelay={400} withinPortal>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/** Every label of an item, in the order they were applied. */
export function LabelList({
  labels,
  catalog,
  onRemove,
  empty = "—",
}: {
  labels: readonly string[];
  catalog?: readonly LabelView[] | ReadonlyMap<string, LabelView>;
  onRemove?: (name: string) => void;
  empty?: string | null;
}) {
  const map = catalog instanceof Map ? catalog : catalogMap(catalog as readonly LabelView[]);
  if (labels.length === 0) {
    return empty === null ? null : (
      <Text size="sm" c="dimmed" component="span">
        {empty}
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="wrap">
      {labels.map((l) => (
        <LabelBadge
          key={l}
          name={l}
          catalog={map}
          onRemove={onRemove ? () => onRemove(l) : undefined}
        />
      ))}
    </Group>
  );
}
