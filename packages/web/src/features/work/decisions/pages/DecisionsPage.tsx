import { useEffect, useState } from "react";
import {
  Alert,
  Button,
  Grid,
  Group,
  LoadingOverlay,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { Link, useSearchParams } from "react-router";
import { useApiQuery } from "../../../../app/use-api";
import { useSession } from "../../../../app/session";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { listDecisions } from "../api";
import { DecisionTable } from "../components/DecisionTable";
import { DecisionDetail } from "../components/DecisionDetail";

/** The Decision Log: every decision record, searchable, with the selected one as a document. */
export function DecisionsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const selectedParam = Number(params.get("d"));
  const list = useApiQuery(`decisions?${q}`, () => listDecisions(q));
  const items = list.data ?? [];
  const selected = items.find((d) => d.number === selectedParam) ?? items[0] ?? null;

  const [text, setText] = useState(q);
  const [seen, setSeen] = useState(q);
  if (seen !== q) {
    setSeen(q);
    setText(q);
  }
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const applySearch = useDebouncedCallback(
    (v: string) => update({ q: v.trim() || undefined }),
    300,
  );
  useEffect(() => () => applySearch.cancel?.(), [applySearch]);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Decisions</Title>
        {can("work:create") && (
          <Button component={Link} to="/work/intake/decision">
            New decision
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Decisions worth deliberate discussion, with the options weighed on data (items labelled
        InfraSec::decision).
      </Text>
      <TextInput
        label="Search"
        placeholder="title, context, options"
        w={320}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          applySearch(e.currentTarget.value);
        }}
      />
      <ErrorAlert error={list.error} title="Could not load the Decision Log" />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Paper withBorder pos="relative" mih={120}>
            <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
            {list.data && items.length === 0 ? (
              <Stack p="md">
                <Alert
                  color="gray"
                  title={q ? "No decision matches the search" : "The Decision Log is empty"}
                >
                  <Text size="sm">
                    {q
                      ? "Change or clear the search."
                      : "Record a decision with “New decision”: the question, the options with pros, cons and supporting data, and what was decided."}
                  </Text>
                </Alert>
              </Stack>
            ) : (
              <ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto">
                <DecisionTable
                  items={items}
                  selected={selected?.number ?? null}
                  onSelect={(n) => update({ d: String(n) })}
                />
              </ScrollArea.Autosize>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {selected && (
            <Paper withBorder p="md">
              <DecisionDetail item={selected} log={items} />
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
