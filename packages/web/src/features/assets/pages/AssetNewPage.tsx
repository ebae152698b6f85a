import { Anchor, Breadcrumbs, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate } from "react-router";
import { createAsset } from "../api";
import { EMPTY_ASSET, inputFromValues } from "../asset-form-values";
import { AssetForm } from "../components/AssetForm";

export function AssetNewPage() {
  const navigate = useNavigate();
  return (
    <Stack gap="sm">
      <Breadcrumbs>
        <Anchor component={Link} to="/assets" size="sm">
          Assets
        </Anchor>
        <span>New</span>
      </Breadcrumbs>
      <Title order={1}>New asset</Title>
      <AssetForm
        initial={EMPTY_ASSET}
        mode="create"
        submitLabel="Create asset"
        onCancel={() => void navigate("/assets")}
        onSubmit={async (values) => {
          const asset = await createAsset(inputFromValues(values));
          notifications.show({ color: "green", message: `Asset “${asset.name}” created` });
          await navigate(`/assets/${asset.id}`);
        }}
      />
    </Stack>
  );
}
