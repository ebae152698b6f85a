import { useState } from "react";
import { Button, Group, Stack, TagsInput, TextInput } from "@mantine/core";
import type { UserRef } from "@infrasec/contracts";

/** Edits a list of people by username; the server names any unknown one. */
export function UsernamesEditor({
  label,
  initial,
  onSave,
  done,
}: {
  label: string;
  initial: readonly UserRef[];
  onSave: (usernames: string[]) => Promise<boolean>;
  done: () => void;
}) {
  const [value, setValue] = useState(initial.map((u) => u.username));
  const [busy, setBusy] = useState(false);
  return (
    <Stack gap={4}>
      <TagsInput
        label={label}
        placeholder="username, then Enter"
        splitChars={[",", " "]}
        acceptValueOnBlur
        data-autofocus
        value={value}
        onChange={(v) => setValue(v.map((u) => u.replace(/^@/, "").trim()).filter(Boolean))}
        size="xs"
      />
      <Group gap={4}>
        <Button
          size="compact-xs"
          loading={busy}
          onClick={() => {
            setBusy(true);
            void onSave(value).then((ok) => {
              setBusy(false);
              if (ok) done();
            });
          }}
        >
          Save
        </Button>
      </Group>
    </Stack>
  );
}

/** Edits one username (owner); empty clears it. */
export function UsernameEditor({
  label,
  initial,
  onSave,
  done,
}: {
  label: string;
  initial: UserRef | null;
  onSave: (username: string | null) => Promise<boolean>;
  done: () => void;
}) {
  const [value, setValue] = useState(initial?.username ?? "");
  const [busy, setBusy] = useState(false);
  const save = () => {
    setBusy(true);
    const u = value.replace(/^@/, "").trim();
    void onSave(u === "" ? null : u).then((ok) => {
      setBusy(false);
      if (ok) done();
    });
  };
  return (
    <Group gap={4} align="flex-end" wrap="nowrap">
      <TextInput
        label={label}
        leftSection="@"
        size="xs"
        data-autofocus
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") save();
        }}
      />
      <Button size="compact-xs" loading={busy} onClick={save} mb={4}>
        Save
      </Button>
    </Group>
  );
}
