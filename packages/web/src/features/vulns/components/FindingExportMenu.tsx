import { useState } from "react";
import { Button, Menu, Text } from "@mantine/core";
import { exportUrl } from "../states-api";
import { EXPORT_CHOICES, exportFileName, exportFilters } from "../findings-export";
import type { FindingsView } from "../vulns-query";

/**
 * Export of exactly what the filters select (every page), as a plain download link: the
 * server streams the file and the browser writes it to disk.
 */
export function FindingExportMenu({ view, total }: { view: FindingsView; total: number }) {
  const { filters, ignored } = exportFilters(view);
  // Named once per visit of the list; the server's Content-Disposition name wins when it sends one.
  const [at] = useState(() => new Date());
  return (
    <Menu position="bottom-end" width={300}>
      <Menu.Target>
        <Button variant="default" disabled={total === 0}>
          Export {total > 0 ? `(${total})` : ""}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Filtered findings, every page</Menu.Label>
        {EXPORT_CHOICES.map((c) => (
          <Menu.Item
            key={c.format}
            component="a"
            href={exportUrl(c.format, filters)}
            download={exportFileName(c.extension, at)}
          >
            <Text size="sm">{c.label}</Text>
            <Text size="xs" c="dimmed">
              {c.help}
            </Text>
          </Menu.Item>
        ))}
        {ignored.length > 0 && (
          <Text size="xs" c="orange" px="sm" py={4}>
            The {ignored.join(", ")} filter is not applied to exports.
          </Text>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
