import { useState } from "react";
import {
  Alert as MantineAlert,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  Modal,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { RULE_YAML_MAX_CHARS } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { uploadRule } from "../api";
import type { RuleUploadResult } from "../api";
import { ruleProblems } from "../rule-errors";

/**
 * Upload a Sigma rule, or replace the uploaded rule with the same id. The server loads and
 * compiles it with the whole set; its errors come back by field and are listed as such.
 */
export function RuleUploadModal({
  opened,
  initialYaml = "",
  replacing,
  onClose,
  onUploaded,
}: {
  opened: boolean;
  initialYaml?: string;
  /** The id being replaced (the dialog says so). */
  replacing?: string;
  onClose: () => void;
  onUploaded: (result: RuleUploadResult) => void;
}) {
  const [yaml, setYaml] = useState(initialYaml);
  const [enabled, setEnabled] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problems = ruleProblems(error);
  const submit = () => {
    setBusy(true);
    setError(null);
    uploadRule(yaml, enabled)
      .then((r) => onUploaded(r))
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={replacing ? `Replace rule ${replacing}` : "Upload a Sigma rule"}
      size="xl"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          One Sigma rule document in YAML (a correlation rule may follow the rules it references).
          An uploaded rule with the same <Code>id</Code> is replaced; built-in rules keep their id
          and can only be disabled.
        </Text>
        <Textarea
          label="Rule YAML"
          autosize
          minRows={14}
          maxRows={28}
          maxLength={RULE_YAML_MAX_CHARS}
          value={yaml}
          onChange={(e) => setYaml(e.currentTarget.value)}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
          spellCheck={false}
          error={problems.length > 0 ? "The rule has errors (listed below)" : undefined}
        />
        <Checkbox
          label="Enabled (matches open alerts as soon as it is saved)"
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        {problems.length > 0 ? (
          <MantineAlert color="red" title="The rule was not saved" role="alert">
            <List size="sm" aria-label="Rule errors">
              {problems.map((p, i) => (
                <List.Item key={`${p.field}-${i}`}>
                  <Code>{p.field}</Code> {p.message}
                </List.Item>
              ))}
            </List>
          </MantineAlert>
        ) : (
          <ErrorAlert error={error} title="The rule was not saved" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={!yaml.trim()} onClick={submit}>
            {replacing ? "Replace rule" : "Upload rule"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
