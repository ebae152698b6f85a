import { Anchor } from "@mantine/core";
import type { ReactNode } from "react";

/** A link into GitLab (merge request, pipeline, commit): opens in a new tab. */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor href={href} target="_blank" rel="noreferrer noopener" size="sm">
      {children}
    </Anchor>
  );
}
