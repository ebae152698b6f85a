import {
  Alert,
  Anchor,
  Breadcrumbs,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useApiQuery } from "../../../app/use-api";
import { diffSnapshots } from "../api";
import { ProviderBadge } from "../components/AccessBadges";
import { DiffSections } from "../components/DiffSections";
import { diffIsEmpty, diffSections } from "../snapshot-diff-view";

/** /access/diff?old=…&new=…: what changed between two snapshots. */
export function DiffPage() {
  const [params] = useSearchParams();
  const oldId = params.get("old") ?? "";
  const newId = params.get("new") ?? "";
  const ready = oldId !== "" && newId !== "";
  const result = useApiQuery(ready ? `access-diff:${oldId}:${newId}` : null, () =>
    diffSnapshots(oldId, newId),
  );
  if (!ready)
    return (
      <Alert color="gray" title="Nothing to compare">
        Open a snapshot and use “Compare with…”.
      </Alert>
    );
  if (result.error && !result.data)
    return <ErrorAlert error={result.error} title="Could not compare the snapshots" />;
  if (!result.data) return <Loader aria-label="Loading diff" />;
  const r = result.data;
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/access/snapshots" size="sm">
          Snapshots
        </Anchor>
        <span>Diff</span>
      </Breadcrumbs>
      <Group gap="sm">
        <Title order={1}>What changed in {r.new.name}</Title>
        <ProviderBadge provider={r.new.provider} />
      </Group>
      <Paper withBorder p="md">
        <Text size="sm">
          From{" "}
          <Anchor component={Link} to={`/access/snapshots/${r.old.id}`}>
            {r.old.name} of {formatDateTime(r.old.createdAt)}
          </Anchor>{" "}
          to{" "}
          <Anchor component={Link} to={`/access/snapshots/${r.new.id}`}>
            {r.new.name} of {formatDateTime(r.new.createdAt)}
          </Anchor>
          .
        </Text>
      </Paper>
      {!r.sameName && (
        <Alert color="yellow" title="Different names">
          These snapshots carry different names, so they may not be the same account or cluster:
          everything can show up as added and removed.
        </Alert>
      )}
      {diffIsEmpty(r.diff) ? (
        <Alert color="green" title="No change">
          Same principals, admins, escalation paths and permissions in both snapshots.
        </Alert>
      ) : (
        <DiffSections sections={diffSections(r.diff)} oldId={r.old.id} newId={r.new.id} />
      )}
    </Stack>
  );
}
