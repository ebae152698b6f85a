import { useState } from "react";
import {
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { errorMessage } from "../../../app/api-client";
import { useApiQuery } from "../../../app/use-api";
import { useSession } from "../../../app/session";
import { deleteAsset, getAsset, updateAsset } from "../api";
import { inputFromValues, valuesFromAsset } from "../asset-form-values";
import { AssetAccessFindings } from "../components/AssetAccessFindings";
import { AssetFacts } from "../components/AssetFacts";
import { AssetForm } from "../components/AssetForm";
import { AssetHistory } from "../components/AssetHistory";

export function AssetDetailPage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const asset = useApiQuery(`asset:${id}`, () => getAsset(id));
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (asset.error && !asset.data)
    return <ErrorAlert error={asset.error} title="Could not load the asset" />;
  if (!asset.data) return <Loader aria-label="Loading asset" />;
  const a = asset.data;

  const doDelete = () => {
    setDeleting(true);
    deleteAsset(a.id)
      .then(() => {
        notifications.show({ color: "green", message: `Asset “${a.name}” deleted` });
        return navigate("/assets");
      })
      .catch((e: unknown) => {
        notifications.show({ color: "red", title: "Not deleted", message: errorMessage(e) });
        setDeleting(false);
      });
  };

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/assets" size="sm">
          Assets
        </Anchor>
        <span>{a.name}</span>
      </Breadcrumbs>
      <Group justify="space-between">
        <Title order={1}>{a.name}</Title>
        {can("assets:write") && !editing && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button color="red" variant="light" onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          </Group>
        )}
      </Group>
      <Paper withBorder p="md">
        {editing ? (
          <AssetForm
            key={a.updatedAt}
            initial={valuesFromAsset(a)}
            mode="edit"
            submitLabel="Save changes"
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              const { key: _key, ...patch } = inputFromValues(values);
              await updateAsset(a.id, patch);
              notifications.show({ color: "green", message: "Asset saved" });
              setEditing(false);
              asset.reload();
            }}
          />
        ) : (
          <AssetFacts asset={a} />
        )}
      </Paper>
      {can("access:read") && (
        <>
          <Title order={2}>Access findings</Title>
          <AssetAccessFindings assetId={a.id} />
        </>
      )}
      <Title order={2}>History</Title>
      <AssetHistory assetId={a.id} version={a.updatedAt} />
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete asset?">
        <Stack gap="sm">
          <Text size="sm">
            Delete <b>{a.name}</b> (<code>{a.key}</code>)? Its history stays in the audit log. An
            import with the same key would create it again.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              Cancel
            </Button>
            <Button color="red" loading={deleting} onClick={doDelete}>
              Delete asset
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
