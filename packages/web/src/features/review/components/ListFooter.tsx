import { Group, Pagination, Select, Text } from "@mantine/core";
import { REVIEW_PAGE_SIZES, pageInfo } from "../review-query";

/** "1–50 of 120 runs", rows per page and pages, as on every paged list. */
export function ListFooter({
  query,
  shown,
  total,
  noun,
  loaded,
  onPage,
}: {
  query: { limit: number; offset: number };
  shown: number;
  total: number;
  noun: string;
  loaded: boolean;
  onPage: (patch: { limit?: number; offset: number }) => void;
}) {
  const { pages, page, from, to } = pageInfo(query, shown, total);
  const sizes = REVIEW_PAGE_SIZES.map(String);
  if (!sizes.includes(String(query.limit))) sizes.push(String(query.limit));
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite">
        {loaded ? `${from}–${to} of ${total} ${noun}` : " "}
      </Text>
      <Group gap="sm">
        <Select
          aria-label="Rows per page"
          w={90}
          allowDeselect={false}
          data={sizes}
          value={String(query.limit)}
          onChange={(v) => onPage({ limit: Number(v ?? query.limit), offset: 0 })}
        />
        <Pagination
          total={pages}
          value={page}
          onChange={(p) => onPage({ offset: (p - 1) * query.limit })}
          size="sm"
        />
      </Group>
    </Group>
  );
}
