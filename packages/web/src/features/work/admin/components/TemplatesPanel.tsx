import { Anchor, Badge, Loader, LoadingOverlay, Paper, Stack, Table, Text } from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { formatDateTime } from "../../../../app/format";
import { useSession } from "../../../../app/session";
import { useApiQuery } from "../../../../app/use-api";
import { kindLabel } from "../../shared/work-format";
import { getTemplate, listTemplates } from "../api";
import { TemplateEditor } from "./TemplateEditor";

/** The work-item templates; the chosen one (?template=id) opens in the JSON editor. */
export function TemplatesPanel() {
  const { can } = useSession();
  const canEdit = can("settings:manage");
  const [params] = useSearchParams();
  const selected = params.get("template");
  const templates = useApiQuery("work-templates", listTemplates);
  const template = useApiQuery(selected ? `work-template:${selected}` : null, () =>
    getTemplate(selected ?? ""),
  );
  const items = templates.data?.items ?? [];

  return (
    <Stack gap="sm">
      <ErrorAlert error={templates.error} title="Could not load templates" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={templates.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        <Table striped aria-label="Templates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Template</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((t) => (
              <Table.Tr
                key={t.id}
                bg={t.id === selected ? "var(--mantine-color-default-hover)" : undefined}
              >
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/admin/workflow/templates?template=${encodeURIComponent(t.id)}`}
                    size="sm"
                    fw={500}
                    aria-current={t.id === selected ? "true" : undefined}
                  >
                    {t.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {t.description}
                  </Text>
                </Table.Td>
                <Table.Td>{kindLabel(t.kind)}</Table.Td>
                <Table.Td>{t.version}</Table.Td>
                <Table.Td>
                  {t.customized ? (
                    <Badge color="violet">customized</Badge>
                  ) : (
                    <Badge color="gray">as shipped</Badge>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(t.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {selected && (
        <Paper withBorder p="md">
          <ErrorAlert error={template.error} title="Could not load the template" />
          {!template.data && !template.error && <Loader aria-label="Loading template" />}
          {template.data && (
            <TemplateEditor
              key={`${template.data.id}:${template.data.version}:${template.data.updatedAt}`}
              template={template.data}
              canEdit={canEdit}
              onSaved={() => {
                template.reload();
                templates.reload();
              }}
            />
          )}
        </Paper>
      )}
      {!selected && items.length > 0 && (
        <Text size="sm" c="dimmed">
          Choose a template to see {canEdit ? "and edit " : ""}its definition.
        </Text>
      )}
    </Stack>
  );
}
