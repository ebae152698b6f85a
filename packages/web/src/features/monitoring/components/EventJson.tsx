import { Box, Code, Text } from "@mantine/core";
import { jsonLines, markedCount } from "../event-json";

/**
 * An event as indented JSON with the fields the rule matched highlighted (a <mark>, so it reads
 * as highlighted to screen readers too). `names` are matched Sigma fields and the sensor fields
 * they came from.
 */
export function EventJson({
  value,
  names,
  label,
}: {
  value: unknown;
  names: Iterable<string>;
  label: string;
}) {
  const lines = jsonLines(value, names);
  return (
    <Box>
      <Text size="xs" c="dimmed" mb={4}>
        {markedCount(lines)} matched field{markedCount(lines) === 1 ? "" : "s"} highlighted
      </Text>
      <Code block aria-label={label} style={{ maxHeight: 480, overflow: "auto" }}>
        {lines.map((l, i) => {
          const body = (
            <>
              {l.key !== undefined && <>{JSON.stringify(l.key)}: </>}
              {l.text}
            </>
          );
          return (
            <div key={i} style={{ paddingLeft: `${l.depth * 2}ch`, whiteSpace: "pre-wrap" }}>
              {l.highlighted && l.key !== undefined ? (
                <mark
                  data-matched-field={l.key}
                  style={{ background: "var(--mantine-color-yellow-light)", color: "inherit" }}
                >
                  {body}
                </mark>
              ) : (
                body
              )}
            </div>
          );
        })}
      </Code>
    </Box>
  );
}
