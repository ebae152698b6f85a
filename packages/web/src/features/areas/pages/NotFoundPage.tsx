import { Anchor, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <Stack gap="sm">
      <Title order={1}>Page not found</Title>
      <Text size="sm">
        There is nothing at this address, or you are not allowed to see it.{" "}
        <Anchor component={Link} to="/">
          Go to Home
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
