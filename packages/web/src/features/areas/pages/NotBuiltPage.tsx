import { Alert, Stack, Text, Title } from "@mantine/core";

/** An area of the product that is not built yet says so plainly (UI.md: nothing fake). */
export function NotBuiltPage({ title, planned }: { title: string; planned: string }) {
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{title}</Title>
      <Alert color="gray" title="This area is not built yet">
        <Text size="sm">{planned}</Text>
      </Alert>
      <Text size="sm" c="dimmed">
        Nothing here is shown until it is real: no sample data and no placeholder numbers.
      </Text>
    </Stack>
  );
}
