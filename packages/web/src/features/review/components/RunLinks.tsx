import { Anchor, Text } from "@mantine/core";
import type { ReviewRun } from "@infrasec/contracts";
import { commitUrl, safeHttpUrl, shortSha } from "../review-format";
import { ExternalLink } from "./ExternalLink";

/** `!12` linking to the merge request in GitLab (plain text when no URL was uploaded). */
export function MergeRequestLink({ run }: { run: Pick<ReviewRun, "mergeRequest"> }) {
  if (!run.mergeRequest) return <Text c="dimmed">—</Text>;
  const url = safeHttpUrl(run.mergeRequest.url);
  const label = `!${run.mergeRequest.iid}`;
  return url ? <ExternalLink href={url}>{label}</ExternalLink> : <Text size="sm">{label}</Text>;
}

/** The short SHA, linking to the commit when the project's GitLab URL is known. */
export function CommitLink({
  run,
}: {
  run: Pick<ReviewRun, "commit" | "pipelineUrl" | "mergeRequest">;
}) {
  const url = commitUrl(run);
  const sha = (
    <Text span ff="monospace" size="sm" title={run.commit}>
      {shortSha(run.commit)}
    </Text>
  );
  return url ? (
    <Anchor href={url} target="_blank" rel="noreferrer noopener" title={run.commit}>
      {sha}
    </Anchor>
  ) : (
    sha
  );
}

export function PipelineLink({ run }: { run: Pick<ReviewRun, "pipelineUrl"> }) {
  const url = safeHttpUrl(run.pipelineUrl);
  if (!url) return <Text c="dimmed">—</Text>;
  const id = /\/pipelines\/(\d+)/.exec(url)?.[1];
  return <ExternalLink href={url}>{id ? `#${id}` : "pipeline"}</ExternalLink>;
}
