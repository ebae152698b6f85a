import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Link } from "react-router";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useApiQuery } from "../../../../app/use-api";
import { listTemplates } from "../../shared/work-items-api";
import { kindLabel } from "../../shared/work-format";
import { KIND_ORDER, PLAIN_KINDS, intakePath } from "../intake-kinds";

interface Card {
  id: string;
  kind: string;
  name: string;
  description: string;
  customized?: boolean;
}

/** Intake: pick what to file; each card opens the guided form of its template. */
export function IntakePage() {
  const templates = useApiQuery("work-templates", listTemplates);
  const cards: Card[] = [
    ...(templates.data ?? []).map((t) => ({
      id: t.id,
      kind: t.kind,
      name: t.name,
      description: t.description,
      customized: t.customized,
    })),
    ...PLAIN_KINDS.filter((p) => !(templates.data ?? []).some((t) => t.kind === p.kind)),
  ].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Intake</Title>
        <Text size="sm" c="dimmed">
          Ask the security team for something. Each request type opens a guided form; required
          answers are checked as you type, and the request is triaged at the next triage sync.
        </Text>
      </div>
      <ErrorAlert error={templates.error} title="Could not load the request templates" />
      {!templates.data && !templates.error && <Loader aria-label="Loading templates" />}
      {templates.data && templates.data.length === 0 && (
        <Alert color="blue" title="No templates in the catalogue">
          The shipped templates are added on first use; an administrator can restore them under
          Admin → Workflow.
        </Alert>
      )}
      {templates.data && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {cards.map((c) => (
            <Card key={c.id} withBorder padding="sm" component="article" aria-label={c.name}>
              <Stack gap={6} h="100%" justify="space-between">
                <div>
                  <Group gap={6} justify="space-between" wrap="nowrap">
                    <Text fw={600}>{c.name}</Text>
                    {c.customized && <Badge variant="outline">customized</Badge>}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {kindLabel(c.kind)}
                  </Text>
                  <Text size="sm" mt={4}>
                    {c.description || " "}
                  </Text>
                </div>
                <Button
                  component={Link}
                  to={intakePath(c.id)}
                  variant="light"
                  size="xs"
                  aria-label={`Start: ${c.name}`}
                >
                  Start
                </Button>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
