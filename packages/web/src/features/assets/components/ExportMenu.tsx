import { useState } from "react";
import { Button, Menu } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { AssetListQuery } from "@infrasec/contracts";
import { errorMessage } from "../../../app/api-client";
import { listAllAssets } from "../api";
import { assetsToCsv, assetsToJson, downloadText } from "../asset-export";

/** Exports exactly what the filters select (every page, not only the visible one). */
export function ExportMenu({ query, total }: { query: AssetListQuery; total: number }) {
  const [progress, setProgress] = useState<string | null>(null);
  const run = (format: "csv" | "json") => {
    setProgress("0");
    const { limit: _l, offset: _o, ...filters } = query;
    listAllAssets(filters, (loaded, all) => setProgress(`${loaded}/${all}`))
      .then((assets) => {
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
        if (format === "csv") downloadText(`assets-${stamp}.csv`, assetsToCsv(assets), "text/csv");
        else downloadText(`assets-${stamp}.json`, assetsToJson(assets), "application/json");
        notifications.show({
          message: `Exported ${assets.length} assets as ${format.toUpperCase()}`,
        });
      })
      .catch((e: unknown) =>
        notifications.show({ color: "red", title: "Export failed", message: errorMessage(e) }),
      )
      .finally(() => setProgress(null));
  };
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" loading={progress !== null} disabled={total === 0}>
          Export {total > 0 ? `(${total})` : ""}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Filtered list</Menu.Label>
        <Menu.Item onClick={() => run("csv")}>CSV</Menu.Item>
        <Menu.Item onClick={() => run("json")}>JSON</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
