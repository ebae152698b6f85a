import { Group, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** A label and its value on one line, the label in a fixed-width column. */
export function FactRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div
        style={{ minWidth: 0, overflowWrap: "anywhere", fontSize: "var(--mantine-font-size-sm)" }}
      >
        {children}
      </div>
    </Group>
  );
}
