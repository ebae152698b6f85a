import { Code, Stack, Text } from "@mantine/core";
import type { VulnFindingDetail } from "@infrasec/contracts";
import { FactRow } from "./FactRow";

/** Why records matched this finding: the identity tuple, its hash and the sentence explaining it. */
export function IdentityPanel({ f }: { f: VulnFindingDetail }) {
  return (
    <Stack gap={4}>
      <Text size="sm" data-testid="identity-basis">
        {f.identity.basis}
      </Text>
      <FactRow label="Identity">
        {f.identity.tuple.map((part, i) => (
          <Code key={i} mr={4}>
            {part}
          </Code>
        ))}
      </FactRow>
      <FactRow label="Hash">
        <Text size="xs" ff="monospace">
          {f.identity.hash}
        </Text>
      </FactRow>
      <FactRow label="Version">
        {f.identity.version} (built by {f.identity.fn})
      </FactRow>
      {f.coverageTarget && (
        <FactRow label="Report target">
          <Text size="sm" ff="monospace">
            {f.coverageTarget}
          </Text>
        </FactRow>
      )}
    </Stack>
  );
}
