import { useState } from "react";
import type { KeyboardEvent } from "react";
import { Button, Group, Paper, Stack, Textarea, Text } from "@mantine/core";
import { Markdown } from "./Markdown";

/** A Markdown textarea with a preview rendered exactly as the item page will show it. */
export function MarkdownEditor({
  label,
  value,
  onChange,
  onBlur,
  error,
  description,
  placeholder,
  withAsterisk,
  minRows = 3,
  disabled,
  autoFocus,
  onKeyDown,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string;
  description?: string;
  placeholder?: string;
  withAsterisk?: boolean;
  minRows?: number;
  disabled?: boolean;
  autoFocus?: boolean;
  onKeyDown?: (e: KeyboardEvent<HTMLTextAreaElement>) => void;
}) {
  const [preview, setPreview] = useState(false);
  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        description={description}
        placeholder={placeholder}
        withAsterisk={withAsterisk}
        autosize
        minRows={minRows}
        maxRows={24}
        value={value}
        error={error}
        disabled={disabled}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          Markdown; @username mentions.
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => setPreview((p) => !p)}
          aria-pressed={preview}
          aria-label={`Preview ${label}`}
        >
          {preview ? "Hide preview" : "Preview"}
        </Button>
      </Group>
      {preview && (
        <Paper withBorder p="xs" bg="var(--mantine-color-body)">
          <Markdown source={value} empty="Nothing to preview." />
        </Paper>
      )}
    </Stack>
  );
}
