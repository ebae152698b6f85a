import { Anchor, Badge, Group, Text } from "@mantine/core";
import { tagViews } from "../attack-tags";

/** A rule's tags: ATT&CK techniques, groups, software and CVEs link to their reference pages. */
export function TagList({ tags, size = "sm" }: { tags: readonly string[]; size?: "xs" | "sm" }) {
  const views = tagViews(tags);
  if (views.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {views.map((t) =>
        t.url ? (
          <Anchor key={t.tag} href={t.url} target="_blank" rel="noreferrer noopener" title={t.tag}>
            <Badge size={size} variant="outline" color="indigo" style={{ cursor: "pointer" }}>
              {t.label}
            </Badge>
          </Anchor>
        ) : (
          <Badge
            key={t.tag}
            size={size}
            variant={t.kind === "tactic" ? "light" : "outline"}
            color="gray"
            title={t.tag}
          >
            {t.label}
          </Badge>
        ),
      )}
    </Group>
  );
}
