import { useState } from "react";
import { Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import type { WorkComment } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { formatDateTime, formatRelative } from "../../../../app/format";
import { useApiQuery } from "../../../../app/use-api";
import { Markdown } from "../../shared/Markdown";
import { MarkdownEditor } from "../../shared/MarkdownEditor";
import { UserRefText } from "../../shared/UserRefText";
import { workItemComments } from "../../shared/work-items-api";

/**
 * The discussion: Markdown comments, oldest first; `@username` mentions are highlighted here and
 * notify the person (the server checks the name).
 */
export function CommentsPanel({
  itemId,
  version,
  canComment,
  onComment,
}: {
  itemId: string;
  version: string;
  canComment: boolean;
  onComment: (body: string) => Promise<WorkComment | undefined>;
}) {
  const comments = useApiQuery(`work-comments:${itemId}:${version}`, () =>
    workItemComments(itemId),
  );
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);

  const send = () => {
    if (body.trim() === "" || busy) return;
    setBusy(true);
    void onComment(body).then((c) => {
      setBusy(false);
      if (c) {
        setBody("");
        comments.reload();
      }
    });
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label="Comments">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Comments
        </Title>
        <ErrorAlert error={comments.error} title="Could not load comments" />
        {!comments.data && !comments.error && <Loader size="sm" aria-label="Loading comments" />}
        {comments.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            No comments yet.
          </Text>
        )}
        {comments.data?.items.map((c) => (
          <Stack
            key={c.id}
            gap={2}
            pb="xs"
            style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
            aria-label={`Comment by ${c.author?.displayName ?? "deleted user"}`}
            role="article"
          >
            <Group gap={6}>
              <UserRefText user={c.author} empty="(deleted user)" />
              <Text size="xs" c="dimmed" title={formatDateTime(c.createdAt)}>
                {formatRelative(c.createdAt)}
              </Text>
            </Group>
            <Markdown source={c.body} />
          </Stack>
        ))}
        {canComment && (
          <Stack gap={6}>
            <MarkdownEditor
              label="Add a comment"
              value={body}
              onChange={setBody}
              minRows={2}
              placeholder="Markdown; @username to mention someone. Ctrl+Enter sends."
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  send();
                }
              }}
            />
            <Group justify="flex-end">
              <Button onClick={send} loading={busy} disabled={body.trim() === ""}>
                Comment
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
