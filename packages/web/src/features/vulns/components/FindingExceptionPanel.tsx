import { useState } from "react";
import { Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { Link } from "react-router";
import type { VulnException, VulnFindingDetail } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { listExceptions } from "../exceptions-api";
import { EXCEPTION_KIND_LABELS, scopeSummary, scopeWouldCover } from "../exception-format";
import { ExceptionStatusBadge, ExceptionWindow } from "./ExceptionBadges";
import { ExceptionRequestModal } from "./ExceptionRequestModal";

/** Newest requests matched against the finding (the queue rarely holds more). */
const REQUESTS_CHECKED = 200;

function ExceptionLine({ e, now }: { e: VulnException; now: number }) {
  return (
    <Stack gap={0}>
      <Group gap={6}>
        <ExceptionStatusBadge status={e.status} />
        <Anchor
          component={Link}
          to={`/vulnerabilities/exceptions/${e.id}`}
          size="sm"
          aria-label={`Exception: ${scopeSummary(e.scope)} (${e.status})`}
        >
          {EXCEPTION_KIND_LABELS[e.kind]}: {scopeSummary(e.scope)}
        </Anchor>
      </Group>
      <ExceptionWindow exception={e} now={now} />
    </Stack>
  );
}

/**
 * The exception covering the finding (approved), requests waiting for a decision, the ones that
 * ended, and "Request exception" for users who may ask for one.
 */
export function FindingExceptionPanel({
  f,
  canRequest,
  now,
  onRequested,
}: {
  f: VulnFindingDetail;
  canRequest: boolean;
  now: number;
  onRequested: () => void;
}) {
  const [requesting, setRequesting] = useState(false);
  // Exceptions that applied to the finding come from the API's finding filter; requests have
  // not applied yet, so the newest requests are matched against the finding here.
  const list = useApiQuery(`vuln-finding-exceptions:${f.id}:${f.updatedAt}`, async () => {
    const [applied, requested] = await Promise.all([
      listExceptions({ finding: f.id, limit: 20 }),
      listExceptions({ status: "requested", limit: REQUESTS_CHECKED }),
    ]);
    return {
      applied: applied.items,
      requested: requested.items.filter((e) => scopeWouldCover(e.scope, f)),
    };
  });
  const applied = list.data?.applied ?? [];
  const waiting = list.data?.requested ?? [];
  const items = [...applied, ...waiting];
  const active = applied.filter((e) => e.status === "approved");
  const ended = applied.filter((e) => e.status !== "approved" && e.status !== "requested");
  return (
    <Stack gap="xs">
      <ErrorAlert error={list.error} title="Could not load the exceptions" />
      {list.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          No exception covers this finding.
        </Text>
      )}
      {active.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            Covered by
          </Text>
          {active.map((e) => (
            <ExceptionLine key={e.id} e={e} now={now} />
          ))}
        </Stack>
      )}
      {waiting.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            Waiting for a decision
          </Text>
          {waiting.map((e) => (
            <ExceptionLine key={e.id} e={e} now={now} />
          ))}
        </Stack>
      )}
      {ended.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            Earlier
          </Text>
          {ended.map((e) => (
            <ExceptionLine key={e.id} e={e} now={now} />
          ))}
        </Stack>
      )}
      {canRequest && (
        <Group>
          <Button size="xs" variant="light" onClick={() => setRequesting(true)}>
            Request exception…
          </Button>
        </Group>
      )}
      {requesting && (
        <ExceptionRequestModal
          findings={[f]}
          onClose={() => setRequesting(false)}
          onRequested={(e) => {
            setRequesting(false);
            toast.show({
              color: "green",
              title: "Exception requested",
              message: `Another person with approval rights decides it (${e.findings.length} finding${e.findings.length === 1 ? "" : "s"} in scope).`,
            });
            list.reload();
            onRequested();
          }}
        />
      )}
    </Stack>
  );
}
