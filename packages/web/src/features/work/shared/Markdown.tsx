import { Text, Typography } from "@mantine/core";
import { useMemo } from "react";
import { renderMarkdown } from "./markdown-render";
import "./markdown.css";

/**
 * Renders Markdown written by users. The HTML comes only from `renderMarkdown` (raw HTML off,
 * unsafe link schemes dropped); nothing else is ever inserted as HTML.
 */
export function Markdown({
  source,
  empty = "Nothing written yet.",
}: {
  source: string | null | undefined;
  /** Shown (dimmed) when the source is blank; null shows nothing. */
  empty?: string | null;
}) {
  const html = useMemo(() => (source?.trim() ? renderMarkdown(source) : ""), [source]);
  if (!html) {
    return empty === null ? null : (
      <Text size="sm" c="dimmed" fs="italic">
        {empty}
      </Text>
    );
  }
  return <Typography className="work-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
