import { Anchor, Badge, Code, Group, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Asset } from "@infrasec/contracts";
import { CriticalityBadge, DataClassBadge, ExposureBadge } from "../../../app/badges";
import { formatDateTime, humanize } from "../../../app/format";
import { KIND_LABELS } from "../asset-labels";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

/** Every field of an asset, read-only. */
export function AssetFacts({ asset }: { asset: Asset }) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Fact label="Kind">{KIND_LABELS[asset.kind]}</Fact>
        <Fact label="Key">
          <Code>{asset.key}</Code>
        </Fact>
        <Fact label="Owner team">
          {asset.ownerTeam ? (
            <Anchor
              component={Link}
              to={`/assets?ownerTeam=${encodeURIComponent(asset.ownerTeam)}`}
            >
              {asset.ownerTeam}
            </Anchor>
          ) : (
            <Text c="dimmed">none</Text>
          )}
        </Fact>
        <Fact label="Environment">{humanize(asset.environment)}</Fact>
        <Fact label="Criticality">
          <CriticalityBadge criticality={asset.criticality} />
        </Fact>
        <Fact label="Exposure">
          <ExposureBadge exposure={asset.exposure} />
        </Fact>
        <Fact label="Data classification">
          <DataClassBadge value={asset.dataClassification} />
        </Fact>
        <Fact label="Created / updated">
          <Text size="sm">
            {formatDateTime(asset.createdAt)} / {formatDateTime(asset.updatedAt)}
          </Text>
        </Fact>
      </SimpleGrid>
      <Fact label="Description">
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {asset.description || "—"}
        </Text>
      </Fact>
      <Fact label="Tags">
        <Group gap={4}>
          {asset.tags.length === 0 && <Text c="dimmed">none</Text>}
          {asset.tags.map((t) => (
            <Badge
              key={t}
              component={Link}
              to={`/assets?tag=${encodeURIComponent(t)}`}
              variant="outline"
              color="gray"
              style={{ cursor: "pointer" }}
            >
              {t}
            </Badge>
          ))}
        </Group>
      </Fact>
      <Fact label="Identifiers">
        {asset.identifiers.length === 0 ? (
          <Text c="dimmed" size="sm">
            none: scanners' and sensors' reports cannot be correlated to this asset yet
          </Text>
        ) : (
          <Table withTableBorder maw={720} aria-label="Identifiers">
            <Table.Tbody>
              {asset.identifiers.map((i) => (
                <Table.Tr key={`${i.type}:${i.value}`}>
                  <Table.Td w={180}>{humanize(i.type)}</Table.Td>
                  <Table.Td>
                    <Code>{i.value}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Fact>
    </Stack>
  );
}
