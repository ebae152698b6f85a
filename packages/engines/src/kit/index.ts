export { fingerprint, classify } from "./fingerprint";
export type { Classified } from "./fingerprint";
export {
  parseSuppressionComment,
  scopeToBlocks,
  parseSuppressionConfig,
  applySuppressions,
} from "./suppressions";
export type { Suppression, SuppressionReport, SuppressionSource } from "./suppressions";
