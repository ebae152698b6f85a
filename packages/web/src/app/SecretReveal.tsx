import { Alert, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";

/** A secret shown exactly once (token, one-time password) with a copy button. */
export function SecretReveal({
  label,
  secret,
  note,
}: {
  label: string;
  secret: string;
  note: string;
}) {
  return (
    <Stack gap="xs">
      <Alert color="yellow" title="Shown only once">
        <Text size="sm">{note}</Text>
      </Alert>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code
          block
          data-testid="one-time-secret"
          aria-label={label}
          style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap" }}
        >
          {secret}
        </Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button color={copied ? "teal" : "indigo"} onClick={copy} w={90}>
              {copied ? "Copied" : "Copy"}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
