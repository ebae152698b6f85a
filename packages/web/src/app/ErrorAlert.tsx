import { Alert } from "@mantine/core";
import { errorMessage } from "./api-client";

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" title={title ?? "Something went wrong"} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
