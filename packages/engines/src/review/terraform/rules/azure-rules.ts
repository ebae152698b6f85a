import { azureAppRules } from "./azure-app-rules";
import { azureDataRules } from "./azure-data-rules";
import { azureNetworkRules } from "./azure-network-rules";
import type { TfRule } from "./rule-kit";

/** Every Azure Terraform rule, in a stable order. */
export const azureRules: readonly TfRule[] = [
  ...azureNetworkRules,
  ...azureDataRules,
  ...azureAppRules,
];
