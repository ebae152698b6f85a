import { Badge, Group, Text } from "@mantine/core";
import type { VulnFinding } from "@infrasec/contracts";
import {
  EPSS_BADGE_THRESHOLD,
  PRIORITY_BAND_COLORS,
  epssPercent,
  epssTitle,
} from "../priority-format";

/** "P1 · 87": the band and the 0–100 score; "—" until the priority has been computed. */
export function PriorityBadge({ priority }: { priority: VulnFinding["priority"] }) {
  if (!priority) {
    return (
      <Text size="sm" c="dimmed" title="Not computed yet">
        —
      </Text>
    );
  }
  return (
    <Badge
      color={PRIORITY_BAND_COLORS[priority.band]}
      variant={priority.band === "P1" ? "filled" : "light"}
      title={`Priority ${priority.score} of 100 (${priority.band}); the finding explains it`}
    >
      {priority.band} · {Math.round(priority.score)}
    </Badge>
  );
}

/** In CISA's Known Exploited Vulnerabilities catalog. */
export function KevBadge() {
  return (
    <Badge color="red" variant="outline" title="In CISA's Known Exploited Vulnerabilities catalog">
      KEV
    </Badge>
  );
}

/** The exploitation signals of a list row: KEV badge, then EPSS (a badge when it is high). */
export function ExploitSignals({ finding }: { finding: Pick<VulnFinding, "kev" | "epss"> }) {
  const { kev, epss } = finding;
  if (!kev && !epss) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {kev && <KevBadge />}
      {epss &&
        (epss.score >= EPSS_BADGE_THRESHOLD ? (
          <Badge color="grape" variant="light" title={epssTitle(epss)}>
            EPSS {epssPercent(epss.score)}
          </Badge>
        ) : (
          <Text size="xs" c="dimmed" title={epssTitle(epss)}>
            EPSS {epssPercent(epss.score)}
          </Text>
        ))}
    </Group>
  );
}
