import { useState } from "react";
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useApiQuery } from "../../../app/use-api";
import { listAssets } from "../../assets/api";

/**
 * Picks an inventory asset by name or key, searching the server as the user types (the first 100
 * matches); the value is the asset's key, which the import API takes.
 */
export function AssetPicker({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (key: string | null) => void;
  error?: string;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  // While a value is chosen, the search text is its label; search the server only for typed text.
  const q = value ? "" : debounced.trim();
  const assets = useApiQuery(`vulns-asset-picker?${q}`, () =>
    listAssets({ ...(q ? { q } : {}), sort: "name", limit: 100 }),
  );
  const data = (assets.data?.items ?? []).map((a) => ({
    value: a.key,
    label: a.name === a.key ? a.key : `${a.name} (${a.key})`,
  }));
  if (value && !data.some((d) => d.value === value)) data.unshift({ value, label: value });
  return (
    <Select
      label="Asset"
      required
      searchable
      clearable
      placeholder="Name or key of an inventory asset"
      nothingFoundMessage={assets.loading ? "Searching…" : "No asset matches"}
      description="Findings belong to an asset of the inventory (Assets → New asset)"
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
