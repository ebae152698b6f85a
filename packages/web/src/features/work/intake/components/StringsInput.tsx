import { useState } from "react";
import { TagsInput, Textarea } from "@mantine/core";

/** A list of short texts, one per line (goals, services impacted, links). */
export function StringsInput({
  label,
  description,
  value,
  onChange,
  onBlur,
  error,
  required,
  disabled,
}: {
  label: string;
  description?: string;
  value: unknown;
  onChange: (v: string[]) => void;
  onBlur?: () => void;
  error?: string;
  required: boolean;
  disabled?: boolean;
}) {
  const list = Array.isArray(value) ? (value as string[]) : [];
  // The text is kept as typed (a trailing new line included); the value is its non-blank lines.
  const [text, setText] = useState(list.join("\n"));
  return (
    <Textarea
      label={label}
      description={description ? `${description} One per line.` : "One per line."}
      withAsterisk={required}
      error={error}
      disabled={disabled}
      autosize
      minRows={2}
      maxRows={12}
      value={text}
      onBlur={onBlur}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(e.currentTarget.value.split("\n"));
      }}
    />
  );
}

/** Usernames (reviewers, participants): typed and confirmed with Enter, comma or space. */
export function UsersInput({
  label,
  description,
  value,
  onChange,
  onBlur,
  error,
  required,
  disabled,
}: {
  label: string;
  description?: string;
  value: unknown;
  onChange: (v: string[]) => void;
  onBlur?: () => void;
  error?: string;
  required: boolean;
  disabled?: boolean;
}) {
  const list = Array.isArray(value) ? (value as string[]) : [];
  return (
    <TagsInput
      label={label}
      description={description}
      withAsterisk={required}
      error={error}
      disabled={disabled}
      placeholder="username, then Enter"
      splitChars={[",", " "]}
      acceptValueOnBlur
      value={list}
      onBlur={onBlur}
      onChange={(v) => onChange(v.map((u) => u.replace(/^@/, "").trim()).filter(Boolean))}
    />
  );
}
