import { Badge, Group, Text } from "@mantine/core";
import type { ReviewRule } from "@infrasec/contracts";

/** The Checkov and Trivy ids a rule corresponds to (what their skip/ignore comments name). */
export function Equivalents({ equivalents }: { equivalents: ReviewRule["equivalents"] }) {
  const ids = [
    ...equivalents.checkov.map((id) => ({ tool: "Checkov", id })),
    ...equivalents.trivy.map((id) => ({ tool: "Trivy", id })),
  ];
  if (ids.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {ids.map(({ tool, id }) => (
        <Badge
          key={`${tool}:${id}`}
          variant="outline"
          color={tool === "Checkov" ? "grape" : "teal"}
          title={`${tool} rule ${id}`}
        >
          {id}
        </Badge>
      ))}
    </Group>
  );
}
