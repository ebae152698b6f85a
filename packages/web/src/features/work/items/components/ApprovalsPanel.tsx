import { useState } from "react";
import { Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import type { WorkItemView } from "@infrasec/contracts";
import { formatDateTime } from "../../../../app/format";
import { UserRefText } from "../../shared/UserRefText";
import { latestVerdicts, verdictLevel } from "../item-rules";

/**
 * Required reviewers and their latest verdict; a level (or doc) is approved only when every
 * required reviewer approved. Reviewers approve or refuse here, with an optional comment.
 */
export function ApprovalsPanel({
  item,
  me,
  canVerdict,
  onVerdict,
}: {
  item: WorkItemView;
  me: { id: string };
  canVerdict: boolean;
  onVerdict: (verdict: "approved" | "refused", comment: string, level?: string) => Promise<void>;
}) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState<"approved" | "refused" | null>(null);
  const level = verdictLevel(item);
  const latest = latestVerdicts(item.verdicts, level);
  const approval = item.derived.approval;
  const approvedCount = item.requiredReviewers.filter(
    (r) => latest.get(r.id)?.verdict === "approved",
  ).length;
  const mine = latest.get(me.id);

  const give = (verdict: "approved" | "refused") => {
    setBusy(verdict);
    void onVerdict(verdict, comment.trim(), level).then(() => {
      setBusy(null);
      setComment("");
    });
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label="Approvals">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Approvals{level ? ` (${level})` : ""}
          </Title>
          {approval && item.requiredReviewers.length > 0 && (
            <Badge
              color={approval.approved ? "green" : approval.refused.length > 0 ? "red" : "yellow"}
            >
              {approval.approved
                ? "Approved"
                : approval.refused.length > 0
                  ? "Refused"
                  : `${approvedCount}/${item.requiredReviewers.length} approved`}
            </Badge>
          )}
        </Group>
        {item.requiredReviewers.length === 0 ? (
          <Text size="sm" c="dimmed">
            No required reviewers yet. Add them in the sidebar (“Required reviewers”); every one of
            them must approve.
          </Text>
        ) : (
          <Table fz="sm" aria-label="Required reviewers" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reviewer</Table.Th>
                <Table.Th>Verdict</Table.Th>
                <Table.Th>Comment</Table.Th>
                <Table.Th>When</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.requiredReviewers.map((r) => {
                const v = latest.get(r.id);
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <UserRefText user={r} />
                    </Table.Td>
                    <Table.Td>
                      {v ? (
                        <Badge color={v.verdict === "approved" ? "green" : "red"}>
                          {v.verdict}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="outline">
                          pending
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{v?.comment ?? ""}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {v ? formatDateTime(v.at) : ""}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {canVerdict && (
          <Stack gap={6}>
            <Textarea
              label={mine ? `Your verdict: ${mine.verdict}. Change it?` : "Your verdict"}
              placeholder="Comment (optional)"
              autosize
              minRows={1}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <Group gap="xs">
              <Button color="green" loading={busy === "approved"} onClick={() => give("approved")}>
                Approve
              </Button>
              <Button
                color="red"
                variant="light"
                loading={busy === "refused"}
                onClick={() => give("refused")}
              >
                Refuse
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
