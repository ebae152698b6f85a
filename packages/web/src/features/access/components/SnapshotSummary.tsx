import { Anchor, Code, Group, List, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import type { AccessSnapshotDto } from "@infrasec/contracts";
import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import { SeverityBadge } from "../../../app/badges";
import { formatDateTime } from "../../../app/format";

function Figure({ label, value, onOpen }: { label: string; value: number; onOpen?: () => void }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {onOpen && value > 0 ? (
        <Anchor component="button" type="button" fw={700} size="xl" onClick={onOpen}>
          {value}
        </Anchor>
      ) : (
        <Text fw={700} size="xl">
          {value}
        </Text>
      )}
    </div>
  );
}

/** The analysis in numbers; each number opens the filtered list behind it. */
export function SnapshotSummary({
  snapshot,
  onPrincipals,
  onFindings,
}: {
  snapshot: AccessSnapshotDto;
  onPrincipals: (filter: { admin?: "true"; hasEscalation?: "true" }) => void;
  onFindings: (severity?: Severity) => void;
}) {
  const s = snapshot.summary;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
          <Figure label="Principals" value={s.principals} onOpen={() => onPrincipals({})} />
          <Figure
            label="Admin-equivalent"
            value={s.admins}
            onOpen={() => onPrincipals({ admin: "true" })}
          />
          <Figure label="Admin if conditions hold" value={s.conditionalAdmins} />
          <Figure
            label="Can escalate to admin"
            value={s.principalsWithEscalation}
            onOpen={() => onPrincipals({ hasEscalation: "true" })}
          />
          <Figure label="Escalation paths" value={s.escalationPaths} />
          <Figure label="Findings" value={s.findings} onOpen={() => onFindings()} />
        </SimpleGrid>
        <Group gap="xs" aria-label="Findings by severity">
          {SEVERITIES.map((sev) => (
            <Anchor
              key={sev}
              component="button"
              type="button"
              onClick={() => onFindings(sev)}
              disabled={s.findingsBySeverity[sev] === 0}
              aria-label={`${s.findingsBySeverity[sev]} ${sev} findings`}
            >
              <Group gap={4}>
                <SeverityBadge severity={sev} />
                <Text size="sm">{s.findingsBySeverity[sev]}</Text>
              </Group>
            </Anchor>
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          Uploaded by {snapshot.createdBy} on {formatDateTime(snapshot.createdAt)} from{" "}
          {snapshot.files.map((f, i) => (
            <span key={f.name}>
              {i > 0 && ", "}
              <Code title={`sha256 ${f.sha256}`}>{f.name}</Code> ({f.kind})
            </span>
          ))}
        </Text>
        {snapshot.errors.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" c="orange" fw={500}>
              {snapshot.errors.length} input problem{snapshot.errors.length === 1 ? "" : "s"} (the
              analysis went on without these parts)
            </Text>
            <List size="sm" spacing={2} style={{ overflowWrap: "anywhere" }}>
              {snapshot.errors.slice(0, 20).map((e, i) => (
                <List.Item key={i}>
                  <Code>{e.file}</Code> <Code>{e.path}</Code> {e.message}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
