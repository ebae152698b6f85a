import { useState } from "react";
import type { FormEvent } from "react";
import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Link } from "react-router";
import { WORK_LINK_TYPES } from "@infrasec/contracts";
import type { WorkItemView } from "@infrasec/contracts";
import { humanize } from "../../../../app/format";

type LinkType = (typeof WORK_LINK_TYPES)[number];
type TargetKind = "item" | "asset" | "finding";

const TARGET_HINT: Record<TargetKind, string> = {
  item: "#12 or 12",
  asset: "asset key or id",
  finding: "finding id",
};

function Target({ link }: { link: WorkItemView["links"][number] }) {
  if (link.targetKind === "item" && link.number !== null) {
    return (
      <Anchor component={Link} to={`/work/items/${link.number}`} size="sm">
        #{link.number} {link.title ?? ""}
      </Anchor>
    );
  }
  if (link.targetKind === "asset") {
    return (
      <Anchor component={Link} to={`/assets/${encodeURIComponent(link.targetId)}`} size="sm">
        {link.title ?? link.targetId}
      </Anchor>
    );
  }
  return (
    <Text size="sm" ff="monospace">
      {link.title ?? link.targetId}
    </Text>
  );
}

/** Typed links to other items, assets and findings; add and remove for people who may edit. */
export function LinksPanel({
  item,
  canEdit,
  onAdd,
  onRemove,
}: {
  item: WorkItemView;
  canEdit: boolean;
  onAdd: (input: { type: LinkType; targetKind: TargetKind; target: string }) => Promise<boolean>;
  onRemove: (linkId: string) => Promise<void>;
}) {
  const [type, setType] = useState<LinkType>("relates_to");
  const [targetKind, setTargetKind] = useState<TargetKind>("item");
  const [target, setTarget] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (target.trim() === "") return;
    setBusy(true);
    void onAdd({ type, targetKind, target: target.trim() }).then((ok) => {
      setBusy(false);
      if (ok) setTarget("");
    });
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label="Links">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Links
        </Title>
        {item.links.length === 0 ? (
          <Text size="sm" c="dimmed">
            No links. Link related items, the assets it concerns, or findings
            {canEdit ? " below" : ""}.
          </Text>
        ) : (
          <Table fz="sm" aria-label="Item links" verticalSpacing={4}>
            <Table.Tbody>
              {item.links.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td w={140} c="dimmed">
                    {humanize(l.type)}
                  </Table.Td>
                  <Table.Td w={70}>{l.targetKind}</Table.Td>
                  <Table.Td>
                    <Target link={l} />
                  </Table.Td>
                  {canEdit && (
                    <Table.Td w={40}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="sm"
                        aria-label={`Remove link to ${l.title ?? l.targetId}`}
                        onClick={() => void onRemove(l.id)}
                      >
                        ×
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canEdit && (
          <Box component="form" onSubmit={submit}>
            <Group gap="xs" align="flex-end">
              <Select
                label="Link type"
                w={150}
                allowDeselect={false}
                data={WORK_LINK_TYPES.map((t) => ({ value: t, label: humanize(t) }))}
                value={type}
                onChange={(v) => v && setType(v)}
              />
              <Select
                label="To"
                w={100}
                allowDeselect={false}
                data={[
                  { value: "item", label: "item" },
                  { value: "asset", label: "asset" },
                  { value: "finding", label: "finding" },
                ]}
                value={targetKind}
                onChange={(v) => v && setTargetKind(v)}
              />
              <TextInput
                label="Target"
                placeholder={TARGET_HINT[targetKind]}
                w={200}
                value={target}
                onChange={(e) => setTarget(e.currentTarget.value)}
              />
              <Button type="submit" variant="light" loading={busy} disabled={!target.trim()}>
                Add link
              </Button>
            </Group>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
