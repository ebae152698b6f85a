import { Anchor, Breadcrumbs, Loader, Stack, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { WORK_KINDS } from "@infrasec/contracts";
import type { WorkKind } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useApiQuery } from "../../../../app/use-api";
import { NotFoundPage } from "../../../areas/pages/NotFoundPage";
import { getTemplate } from "../../shared/work-items-api";
import { PLAIN_KINDS } from "../intake-kinds";
import { templateFromView } from "../template-form-values";
import { PlainItemForm } from "../components/PlainItemForm";
import { TemplateIntakeForm } from "../components/TemplateIntakeForm";

const isKind = (k: string): k is WorkKind => (WORK_KINDS as readonly string[]).includes(k);

function Crumbs({ name }: { name: string }) {
  return (
    <Breadcrumbs>
      <Anchor component={Link} to="/work/intake" size="sm">
        Intake
      </Anchor>
      <span>{name}</span>
    </Breadcrumbs>
  );
}

/** /work/intake/:templateId — the guided form of one template (or a plain item form). */
export function IntakeFormPage() {
  const { templateId = "" } = useParams();
  const plain = PLAIN_KINDS.find((p) => p.id === templateId);
  const view = useApiQuery(plain ? null : `work-template:${templateId}`, () =>
    getTemplate(templateId),
  );

  if (plain) {
    return (
      <Stack gap="md">
        <Crumbs name={plain.name} />
        <div>
          <Title order={1}>New {plain.name.toLowerCase()}</Title>
          <Text size="sm" c="dimmed">
            {plain.description}
          </Text>
        </div>
        <PlainItemForm kind={plain.kind} />
      </Stack>
    );
  }
  if (view.error && !view.data) {
    return (
      <Stack gap="md">
        <Crumbs name={templateId} />
        <ErrorAlert error={view.error} title="Could not load the template" />
      </Stack>
    );
  }
  if (!view.data) return <Loader aria-label="Loading template" />;
  if (!isKind(view.data.kind)) return <NotFoundPage />;
  let template;
  try {
    template = templateFromView(view.data);
  } catch (e) {
    return <ErrorAlert error={e} title="This template cannot be used" />;
  }
  return (
    <Stack gap="md">
      <Crumbs name={view.data.name} />
      <div>
        <Title order={1}>{view.data.name}</Title>
        {view.data.description && (
          <Text size="sm" c="dimmed">
            {view.data.description}
          </Text>
        )}
      </div>
      <TemplateIntakeForm key={template.id} template={template} kind={view.data.kind} />
    </Stack>
  );
}
