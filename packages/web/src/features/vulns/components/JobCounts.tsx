import { SimpleGrid, Paper, Text } from "@mantine/core";
import type { VulnImportJob } from "@infrasec/contracts";
import { JOB_COUNT_HELP, JOB_COUNT_KEYS } from "../vulns-format";

/** What the import did: created / updated / unchanged / closed / reactivated / unknown. */
export function JobCounts({ counts }: { counts: VulnImportJob["counts"] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs" aria-label="Import counts">
      {JOB_COUNT_KEYS.map((k) => (
        <Paper key={k} withBorder p="xs" title={JOB_COUNT_HELP[k]} data-testid={`count-${k}`}>
          <Text size="xs" c="dimmed">
            {k}
          </Text>
          <Text size="lg" fw={600}>
            {counts[k]}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
