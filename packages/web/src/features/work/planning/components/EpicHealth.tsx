import { Badge, Group, List, Text, Tooltip } from "@mantine/core";
import type { EpicView } from "@infrasec/contracts";
import { HealthBadge } from "../../shared/HealthBadge";
import { HEALTH_COLORS, healthLabel } from "../../shared/work-format";

/**
 * The owner's declared health next to the health assessed from progress and dates, with the
 * assessment's reasons one hover away (and in the accessible name for screen readers).
 */
export function EpicHealth({ epic }: { epic: Pick<EpicView, "item" | "assessed"> }) {
  const { health, reasons } = epic.assessed;
  const reasonText = reasons.join("; ");
  return (
    <Group gap={6} wrap="nowrap">
      <span title="Declared by the owner">
        {epic.item.health ? (
          <HealthBadge health={epic.item.health} />
        ) : (
          <Text size="xs" c="dimmed" component="span">
            not declared
          </Text>
        )}
      </span>
      <Tooltip
        multiline
        w={300}
        withinPortal
        label={
          <div>
            <Text size="xs" fw={600}>
              Assessed {healthLabel(health)} because:
            </Text>
            <List size="xs">
              {reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          </div>
        }
      >
        <Badge
          color={HEALTH_COLORS[health]}
          variant="outline"
          tabIndex={0}
          aria-label={`Assessed ${healthLabel(health)}: ${reasonText}`}
        >
          assessed: {healthLabel(health)}
        </Badge>
      </Tooltip>
    </Group>
  );
}
