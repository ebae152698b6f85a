import { Badge, Text } from "@mantine/core";
import { HEALTH_COLORS, healthLabel } from "./work-format";
import type { HealthStatus } from "./work-format";

/** Health status, named and coloured as GitLab shows it. */
export function HealthBadge({ health }: { health: HealthStatus | null | undefined }) {
  if (!health) {
    return (
      <Text size="sm" c="dimmed" component="span">
        —
      </Text>
    );
  }
  return (
    <Badge color={HEALTH_COLORS[health]} variant="dot">
      {healthLabel(health)}
    </Badge>
  );
}
