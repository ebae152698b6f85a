import { useState } from "react";
import type { FormEvent } from "react";
import { Box, Button, Grid, Group, Paper, Stack, TextInput, Title } from "@mantine/core";
import type { PatchWorkItemBody, WorkItemView } from "@infrasec/contracts";
import { STATUS_MODELS } from "@infrasec/engines/work";
import type { WorkTemplate } from "@infrasec/engines/work";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { MarkdownEditor } from "../../shared/MarkdownEditor";
import { RiskAssessmentPanel } from "../../intake/components/RiskAssessmentPanel";
import { TemplateSectionFields } from "../../intake/components/TemplateSectionFields";
import { reviewersFromFields } from "../../intake/intake-submit";
import { changedFields, valuesFromFields } from "../../intake/template-form-values";
import { useTemplateForm } from "../../intake/use-template-form";

/**
 * Edits the title, description and template answers of an item. Security engineers re-score the
 * risk dimensions here; the band and priority beside the form update as they change. Only what
 * changed is sent (a cleared answer as null).
 */
export function ItemEditForm({
  item,
  template,
  onSave,
  onCancel,
}: {
  item: WorkItemView;
  template: WorkTemplate | null;
  onSave: (body: PatchWorkItemBody) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(item.title);
  const [description, setDescription] = useState(item.description);
  // Stage requirements apply once the item has left its initial status (as on the server).
  const initial = STATUS_MODELS[item.kind].initial;
  const status = item.status === initial ? undefined : item.status;
  const form = useTemplateForm(template, template ? valuesFromFields(template, item.fields) : {}, {
    typedTitle: title,
    status,
  });
  const [error, setError] = useState<unknown>(null);
  const [titleError, setTitleError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    form.showAll();
    if (title.trim() === "") {
      setTitleError("A title is required");
      return;
    }
    if (Object.keys(form.live).length > 0) {
      setError(new Error("Fix the highlighted answers first."));
      return;
    }
    const body: PatchWorkItemBody = {};
    const nextTitle = template ? form.title : title.trim();
    if (nextTitle !== item.title) body.title = nextTitle;
    if (description !== item.description) body.description = description;
    const fields = template ? changedFields(template, item.fields, form.values) : undefined;
    if (fields) {
      body.fields = fields;
      if ("requiredReviewers" in fields) {
        body.requiredReviewers = reviewersFromFields(fields).requiredReviewers ?? [];
      }
    }
    if (Object.keys(body).length === 0) return onCancel();
    setSaving(true);
    try {
      await onSave(body);
    } catch (err) {
      const r = form.applyServerError(err);
      setTitleError(r.item.title);
      setError(err);
      setSaving(false);
    }
  };

  return (
    <Box component="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Edit item">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: item.kind === "security_review_request" ? 8 : 12 }}>
          <Stack gap="md">
            <Paper withBorder p="sm">
              <Stack gap="sm">
                <TextInput
                  label="Title"
                  withAsterisk
                  maxLength={300}
                  value={title}
                  error={titleError ?? form.errors.title}
                  onChange={(e) => {
                    setTitle(e.currentTarget.value);
                    setTitleError(undefined);
                  }}
                />
                <MarkdownEditor
                  label="Description"
                  value={description}
                  onChange={setDescription}
                  minRows={4}
                />
              </Stack>
            </Paper>
            {template?.sections.map((s) => (
              <Paper key={s.id} withBorder p="sm" component="section" aria-label={s.title}>
                <Title order={2} size="h4" mb="xs">
                  {s.title}
                </Title>
                <TemplateSectionFields
                  section={s}
                  values={form.values}
                  errors={form.errors}
                  status={status}
                  onChange={form.setField}
                  onBlur={form.touch}
                />
              </Paper>
            ))}
            <ErrorAlert error={error} title="Not saved" />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
              <Button type="submit" loading={saving}>
                Save changes
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        {item.kind === "security_review_request" && template && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Box pos="sticky" top={70}>
              <RiskAssessmentPanel template={template} values={form.values} />
            </Box>
          </Grid.Col>
        )}
      </Grid>
    </Box>
  );
}
