import { Stack, Switch, Text, TextInput } from "@mantine/core";
import { MarkdownEditor } from "../../shared/MarkdownEditor";
import type { IntakeBasics } from "../intake-submit";

/** Title, description, due date and confidentiality of a new item. */
export function IntakeBasicsInputs({
  basics,
  onChange,
  errors,
  derivedTitle,
  showTitle = true,
  showDueDate = false,
  descriptionLabel = "Description",
}: {
  basics: IntakeBasics;
  onChange: (patch: Partial<IntakeBasics>) => void;
  errors: Record<string, string>;
  /** For templates whose title is built (security reviews): shown instead of an input. */
  derivedTitle?: string;
  showTitle?: boolean;
  showDueDate?: boolean;
  descriptionLabel?: string;
}) {
  return (
    <Stack gap="sm">
      {derivedTitle !== undefined ? (
        <Text size="sm">
          <Text span c="dimmed">
            Title:{" "}
          </Text>
          <Text span fw={600} data-testid="derived-title">
            {derivedTitle}
          </Text>
        </Text>
      ) : (
        showTitle && (
          <TextInput
            label="Title"
            withAsterisk
            maxLength={300}
            value={basics.title}
            error={errors.title}
            onChange={(e) => onChange({ title: e.currentTarget.value })}
          />
        )
      )}
      <MarkdownEditor
        label={descriptionLabel}
        value={basics.description}
        error={errors.description}
        onChange={(description) => onChange({ description })}
      />
      {showDueDate && (
        <TextInput
          label="Due date"
          type="date"
          w={200}
          value={basics.dueDate}
          error={errors.dueDate}
          onChange={(e) => onChange({ dueDate: e.currentTarget.value })}
        />
      )}
      <Switch
        label="Confidential"
        description="Only the security team, SIRT, auditors and the people involved (author, owner, assignees, reviewers) can see it."
        checked={basics.confidential}
        onChange={(e) => onChange({ confidential: e.currentTarget.checked })}
      />
    </Stack>
  );
}
