import { Anchor, Badge, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { VulnFindingDetail } from "@infrasec/contracts";
import { formatDateTime } from "../../../app/format";
import { deadlineWhy } from "../deadline-why";
import { slaStateText } from "../finding-risk-format";
import { packageLine } from "../vulns-format";
import { FactRow } from "./FactRow";
import { SlaText } from "./VulnBadges";

function Edited({ field, edited }: { field: string; edited: string[] }) {
  if (!edited.includes(field)) return null;
  return (
    <Badge size="xs" variant="outline" color="violet" title="Set by a person; imports keep it">
      edited
    </Badge>
  );
}

/** What the finding is, where, how bad, and its SLA. */
export function FindingFacts({ f, now }: { f: VulnFindingDetail; now: number }) {
  const pkg = packageLine(f);
  const why = deadlineWhy(f);
  return (
    <Stack gap={4}>
      <FactRow label="Asset">
        <Anchor component={Link} to={`/assets/${f.assetId}`} size="sm">
          {f.assetKey}
        </Anchor>
      </FactRow>
      <FactRow label="Kind">{f.kind.replace(/_/g, " ")}</FactRow>
      {pkg.installed && (
        <FactRow label="Package">
          <Text size="sm" ff="monospace">
            {pkg.installed}
          </Text>
          {f.purl && (
            <Text size="xs" c="dimmed" ff="monospace">
              {f.purl}
            </Text>
          )}
        </FactRow>
      )}
      <FactRow label="Fixed version">
        <Group gap={6}>
          <Text size="sm" ff={f.fixedVersion ? "monospace" : undefined}>
            {f.fixedVersion ?? "none known"}
          </Text>
          <Text size="xs" c="dimmed">
            ({f.fixState.replace(/_/g, " ")})
          </Text>
          <Edited field="fixedVersion" edited={f.editedFields} />
        </Group>
      </FactRow>
      <FactRow label="Severity source">
        <Group gap={6}>
          <Text size="sm">
            {f.severitySource}
            {f.scannerSeverity ? ` · scanner said ${f.scannerSeverity}` : ""}
          </Text>
          <Edited field="severity" edited={f.editedFields} />
        </Group>
      </FactRow>
      {f.cwes.length > 0 && <FactRow label="CWE">{f.cwes.join(", ")}</FactRow>}
      <FactRow label="SLA">
        <SlaText finding={f} now={now} />
        <Text size="xs" data-testid="sla-state">
          {slaStateText(f)}
        </Text>
        <Text size="xs" c="dimmed">
          {f.slaDueAt ? `due ${formatDateTime(f.slaDueAt)}` : "no due date"}
          {f.slaPolicy ? ` · policy ${f.slaPolicy}` : ""}
        </Text>
      </FactRow>
      {why.reasons.length > 0 && (
        <FactRow label="Why this deadline">
          <Stack gap={0} data-testid="deadline-why">
            {why.reasons.map((r) => (
              <Text key={r} size="xs">
                {r}
              </Text>
            ))}
            {why.note && (
              <Text size="xs" c="orange">
                {why.note}
              </Text>
            )}
          </Stack>
        </FactRow>
      )}
      <FactRow label="Scanners">
        {f.scanners.join(", ")} (reconciled by {f.scanner} / {f.scope})
      </FactRow>
      <FactRow label="First seen">{formatDateTime(f.firstSeenAt)}</FactRow>
      <FactRow label="Last seen">{formatDateTime(f.lastSeenAt)}</FactRow>
      {f.resolvedAt && (
        <FactRow label="Resolved">
          {formatDateTime(f.resolvedAt)}
          {f.resolution
            ? ` (${f.resolution === "absent" ? "absent from a re-scan" : "by hand"})`
            : ""}
        </FactRow>
      )}
    </Stack>
  );
}
