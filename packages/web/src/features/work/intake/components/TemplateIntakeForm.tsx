import { useState } from "react";
import type { FormEvent } from "react";
import {
  Alert,
  Box,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import type { WorkKind } from "@infrasec/contracts";
import type { WorkTemplate } from "@infrasec/engines/work";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { createWorkItem } from "../../shared/work-items-api";
import { createBody } from "../intake-submit";
import type { IntakeBasics } from "../intake-submit";
import { fieldKeyOf, sectionIndexOf } from "../template-form-values";
import { useTemplateForm } from "../use-template-form";
import { IntakeBasicsInputs } from "./IntakeBasicsInputs";
import { RiskAssessmentPanel } from "./RiskAssessmentPanel";
import { TemplateSectionFields } from "./TemplateSectionFields";
import { TemplateSummary } from "./TemplateSummary";

/**
 * The guided form of a template. Security review requests (and any template with a title prefix)
 * are a stepper: one step per section and a last "Review and submit" step, with the live risk
 * assessment beside the questions; other templates are one page of sections. Required answers
 * are checked with the engine's `validateAgainstTemplate` as the person types, and the server's
 * field errors land on the field they name.
 */
export function TemplateIntakeForm({ template, kind }: { template: WorkTemplate; kind: WorkKind }) {
  const navigate = useNavigate();
  const [basics, setBasics] = useState<IntakeBasics>({
    title: "",
    description: "",
    confidential: false,
    dueDate: "",
  });
  const prefixed = template.titlePrefix !== undefined;
  const form = useTemplateForm(template, {}, { typedTitle: prefixed ? "" : basics.title });
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ error: unknown; other: string[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const isSecurityReview = kind === "security_review_request";
  const stepped = isSecurityReview || prefixed;
  // The last section joins the review step when it is the template's own "review" section.
  const sections = template.sections;
  const lastIsReview = stepped && sections[sections.length - 1]?.id === "review";
  const stepSections = lastIsReview ? sections.slice(0, -1) : sections;
  const reviewStep = stepSections.length;
  const [active, setActive] = useState(0);

  const titleError = itemErrors.title;

  const submit = async (draft: boolean) => {
    setFailure(null);
    if (!draft) {
      form.showAll();
      const problems = Object.keys(form.live);
      const missingTitle = !prefixed && basics.title.trim() === "";
      if (missingTitle) setItemErrors({ title: "A title is required" });
      if (problems.length > 0 || missingTitle) {
        if (stepped && problems[0])
          setActive(Math.min(sectionIndexOf(template, problems[0]), reviewStep));
        setFailure({
          error: new Error(
            `${problems.length + (missingTitle ? 1 : 0)} answer(s) need attention before the request can be filed.`,
          ),
          other: [],
        });
        return;
      }
    } else if (!prefixed && basics.title.trim() === "") {
      setItemErrors({ title: "A draft needs a title too" });
      return;
    }
    setSubmitting(true);
    try {
      const item = await createWorkItem(
        createBody(kind, template, form.title, basics, form.values, draft),
      );
      notifications.show({
        color: "green",
        message: `#${item.number} ${draft ? "saved as a draft" : "filed"}: ${item.title}`,
      });
      await navigate(`/work/items/${item.number}`);
    } catch (e) {
      const r = form.applyServerError(e);
      setItemErrors(r.item);
      const first = Object.keys(r.fields)[0];
      if (stepped && first !== undefined) {
        setActive(Math.min(sectionIndexOf(template, first), reviewStep));
      }
      setFailure({ error: e, other: r.other });
      setSubmitting(false);
    }
  };

  const next = () => {
    const section = stepSections[active];
    if (!section) return;
    const errors = form.reveal(section.fields.map((f) => f.key));
    if (Object.keys(errors).length === 0) setActive(active + 1);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // Enter in a field of an earlier step moves on instead of filing half a request.
    if (stepped && active < reviewStep) next();
    else void submit(false);
  };

  const stepErrorCount = (i: number) => {
    const keys = new Set(stepSections[i]?.fields.map((f) => f.key));
    return Object.keys(form.errors).filter((p) => keys.has(fieldKeyOf(p))).length;
  };

  const failureAlert = failure && (
    <Stack gap={4}>
      <ErrorAlert error={failure.error} title="The request was not filed" />
      {failure.other.length > 0 && (
        <List size="sm" c="red">
          {failure.other.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );

  const fields = (i: number) => {
    const section = sections[i];
    if (!section) return null;
    return (
      <TemplateSectionFields
        section={section}
        values={form.values}
        errors={form.errors}
        onChange={form.setField}
        onBlur={form.touch}
      />
    );
  };

  const reviewContent = (
    <Stack gap="md">
      {lastIsReview && (
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            {sections[sections.length - 1]?.title}
          </Title>
          {fields(sections.length - 1)}
        </Paper>
      )}
      <Paper withBorder p="sm">
        <IntakeBasicsInputs
          basics={basics}
          onChange={(p) => setBasics((b) => ({ ...b, ...p }))}
          errors={itemErrors}
          derivedTitle={prefixed ? form.title : undefined}
          showTitle={stepped}
          descriptionLabel={stepped ? "Anything else the reviewers should know" : "Description"}
        />
      </Paper>
      {stepped && (
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            Your answers
          </Title>
          <TemplateSummary
            template={template}
            values={form.values}
            sections={stepSections}
            errors={form.live}
            onEdit={(i) => setActive(i)}
          />
        </Paper>
      )}
      {failureAlert}
      <Group justify="space-between">
        {stepped ? (
          <Button variant="default" onClick={() => setActive(reviewStep - 1)}>
            Back
          </Button>
        ) : (
          <span />
        )}
        <Group gap="xs">
          <Button variant="default" loading={submitting} onClick={() => void submit(true)}>
            Save as draft
          </Button>
          <Button type="submit" loading={submitting}>
            {isSecurityReview ? "Submit request" : `Create ${template.name.toLowerCase()}`}
          </Button>
        </Group>
      </Group>
    </Stack>
  );

  if (!stepped) {
    return (
      <Box component="form" onSubmit={onSubmit} noValidate maw={960}>
        <Stack gap="md">
          <Paper withBorder p="sm">
            <TextInput
              label="Title"
              withAsterisk
              maxLength={300}
              value={basics.title}
              error={titleError}
              onChange={(e) => {
                const title = e.currentTarget.value;
                setBasics((b) => ({ ...b, title }));
                setItemErrors(({ title: _t, ...rest }) => rest);
              }}
            />
          </Paper>
          {sections.map((s, i) => (
            <Paper key={s.id} withBorder p="sm" component="section" aria-label={s.title}>
              <Title order={2} size="h4" mb="xs">
                {s.title}
              </Title>
              {fields(i)}
            </Paper>
          ))}
          {reviewContent}
        </Stack>
      </Box>
    );
  }

  return (
    <Box component="form" onSubmit={onSubmit} noValidate>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stepper active={active} onStepClick={setActive} size="sm" wrap>
            {stepSections.map((s, i) => {
              const count = stepErrorCount(i);
              return (
                <Stepper.Step
                  key={s.id}
                  label={s.title}
                  description={count > 0 ? `${count} to fix` : undefined}
                  color={count > 0 ? "red" : undefined}
                >
                  <Stack gap="md">
                    <Paper withBorder p="sm" component="section" aria-label={s.title}>
                      <Title order={2} size="h4" mb="xs">
                        {s.title}
                      </Title>
                      {fields(i)}
                    </Paper>
                    {failureAlert}
                    <Group justify="space-between">
                      <Button
                        variant="default"
                        disabled={i === 0}
                        onClick={() => setActive(Math.max(0, i - 1))}
                      >
                        Back
                      </Button>
                      <Button type="submit">Next</Button>
                    </Group>
                  </Stack>
                </Stepper.Step>
              );
            })}
            <Stepper.Step label="Review and submit">{reviewContent}</Stepper.Step>
          </Stepper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Box pos="sticky" top={70}>
            <Stack gap="sm">
              {isSecurityReview && <RiskAssessmentPanel template={template} values={form.values} />}
              {Object.keys(form.live).length > 0 && (
                <Alert color="gray" variant="light" p="xs">
                  <Text size="xs">
                    {Object.keys(form.live).length} required answer(s) or problem(s) left.
                  </Text>
                </Alert>
              )}
            </Stack>
          </Box>
        </Grid.Col>
      </Grid>
    </Box>
  );
}
