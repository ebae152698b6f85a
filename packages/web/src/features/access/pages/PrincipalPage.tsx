import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { Link, useParams } from "react-router";
import type { PrincipalDetail } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useApiQuery } from "../../../app/use-api";
import { getPrincipal, getSnapshot } from "../api";
import { AccessFindingsTable } from "../components/AccessFindingsTable";
import { AdminBadge } from "../components/AccessBadges";
import { EscalationGraph } from "../components/EscalationGraph";
import { EscalationList } from "../components/EscalationList";
import { PermissionsSummary } from "../components/PermissionsSummary";

function Entitlements({ detail }: { detail: PrincipalDetail }) {
  if (detail.entitlements.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No entitlement is attached directly.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped aria-label="Entitlements">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Entitlement</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Scope</Table.Th>
            <Table.Th>Privileged</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {detail.entitlements.map((e) => (
            <Table.Tr key={e.key}>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{e.name}</Table.Td>
              <Table.Td>{e.kind.replace(/_/g, " ")}</Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{e.scope ?? "—"}</Table.Td>
              <Table.Td>{e.privileged ? <Badge color="orange">privileged</Badge> : "no"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** /access/snapshots/:id/principals/:principalId: what one identity can do and become. */
export function PrincipalPage() {
  const { id = "", principalId = "" } = useParams();
  const snapshot = useApiQuery(`access-snapshot:${id}`, () => getSnapshot(id));
  const principal = useApiQuery(`access-principal:${id}:${principalId}`, () =>
    getPrincipal(id, principalId),
  );
  if (principal.error && !principal.data)
    return <ErrorAlert error={principal.error} title="Could not load the principal" />;
  if (!principal.data) return <Loader aria-label="Loading principal" />;
  const p = principal.data;
  const toAdmin = p.escalations.filter((e) => e.outcome === "admin");

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/access/snapshots" size="sm">
          Snapshots
        </Anchor>
        <Anchor component={Link} to={`/access/snapshots/${id}`} size="sm">
          {snapshot.data?.name ?? "Snapshot"}
        </Anchor>
        <span>{p.name}</span>
      </Breadcrumbs>
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={1}>{p.name}</Title>
          <Badge variant="outline">{p.type}</Badge>
          <AdminBadge admin={p.admin} />
        </Group>
      </Group>
      <Paper withBorder p="md">
        <Stack gap={6}>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            <Code>{p.principalId}</Code>
          </Text>
          <Group gap="lg">
            <Text size="sm">
              <Text span c="dimmed">
                Owner:{" "}
              </Text>
              {p.owner ?? "—"}
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                Last used:{" "}
              </Text>
              {p.lastUsed ? formatDateTime(p.lastUsed) : "unknown"}
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                Escalation paths:{" "}
              </Text>
              {p.escalations.length} ({toAdmin.length} to admin)
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                Findings:{" "}
              </Text>
              {p.findings.length}
            </Text>
          </Group>
        </Stack>
      </Paper>

      <Title order={2}>Escalation paths</Title>
      {p.escalations.length === 0 ? (
        <Alert color="gray">
          <Text size="sm">
            {p.isAdmin
              ? "This principal is already admin-equivalent: there is nothing left to escalate to."
              : "No path from this principal to admin or to another identity was found."}
          </Text>
        </Alert>
      ) : (
        <>
          <EscalationGraph
            principalId={p.principalId}
            principalName={p.name}
            escalations={p.escalations}
            snapshotId={id}
          />
          <Title order={3} size="h4">
            Paths step by step
          </Title>
          <EscalationList escalations={p.escalations} />
        </>
      )}

      <Title order={2}>Effective permissions</Title>
      <PermissionsSummary detail={p} />

      <Title order={2}>Entitlements</Title>
      <Entitlements detail={p} />

      <Title order={2}>Findings</Title>
      {p.findings.length === 0 ? (
        <Text size="sm" c="dimmed">
          No finding for this principal.
        </Text>
      ) : (
        <Paper withBorder>
          <AccessFindingsTable items={p.findings} snapshotId={id} showPrincipal={false} />
        </Paper>
      )}
    </Stack>
  );
}
