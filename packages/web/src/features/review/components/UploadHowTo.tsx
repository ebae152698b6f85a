import { Alert, Code, Stack, Text } from "@mantine/core";

/**
 * The GitLab CI jobs that upload review runs (abridged from docs/review/platform.md, which also
 * shows how the job gets the CLI): merge-request runs, and default-branch runs that give them
 * their base and the project its trend.
 */
export const UPLOAD_JOB_YAML = `infrasec-review:
  variables:
    INFRASEC_SERVER: https://infrasec.example.com
    # INFRASEC_TOKEN: a masked CI/CD variable holding a token with review:run
  script:
    - git fetch origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - infrasec review . --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --fail-on high --upload
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"

infrasec-review-main:
  extends: infrasec-review
  script:
    - infrasec review . --fail-on high --upload
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`;

/** Empty state of the runs pages: runs come from CI, so say how to send them. */
export function UploadHowTo({ title = "No review runs yet" }: { title?: string }) {
  return (
    <Alert color="blue" title={title}>
      <Stack gap="xs">
        <Text size="sm">
          Review runs arrive from CI: run <Code>infrasec review . --upload</Code> in a GitLab job
          with <Code>INFRASEC_SERVER</Code> set and an API token holding <Code>review:run</Code> in{" "}
          <Code>INFRASEC_TOKEN</Code>. The project, ref, commit, merge request and pipeline come
          from GitLab’s predefined variables. Upload default-branch runs too: merge requests are
          compared with them, and the projects overview draws its trend from them.
        </Text>
        <Code block>{UPLOAD_JOB_YAML}</Code>
        <Text size="xs" c="dimmed">
          A report made earlier uploads with <Code>infrasec review upload report.json</Code>. The
          full job, including how it gets the CLI, is in docs/review/platform.md.
        </Text>
      </Stack>
    </Alert>
  );
}
