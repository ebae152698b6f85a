import { useState } from "react";
import type { ReactNode } from "react";
import { Button, Group, Stack, Text } from "@mantine/core";

/**
 * One fact of the sidebar: its value, and for people who may change it an "Edit" toggle that
 * shows the editor (which calls `done` when saved or cancelled).
 */
export function SidebarRow({
  label,
  children,
  editor,
}: {
  label: string;
  children: ReactNode;
  editor?: (done: () => void) => ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap={2} role="group" aria-label={label}>
      <Group justify="space-between" gap="xs">
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          {label}
        </Text>
        {editor && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => setEditing((e) => !e)}
            aria-label={editing ? `Cancel editing ${label}` : `Edit ${label}`}
          >
            {editing ? "Cancel" : "Edit"}
          </Button>
        )}
      </Group>
      {editing && editor ? editor(() => setEditing(false)) : children}
    </Stack>
  );
}
