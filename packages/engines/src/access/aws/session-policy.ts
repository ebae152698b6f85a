import { JsonCursor, inputError, parseJsonText } from "../shared/input-errors";
import type { PolicyDoc } from "./aws-types";
import { parsePolicyDocument } from "./policy-parser";

/**
 * AWS caps a packed session policy far below this; a larger file is a mistake (an account dump
 * given in the wrong place), refused before parsing.
 */
const MAX_SESSION_POLICY_BYTES = 64 * 1024;

/**
 * Reads a session policy file (the `Policy` JSON given to AssumeRole, AssumeRoleWithSAML,
 * AssumeRoleWithWebIdentity or GetFederationToken). Errors name the file and JSON path.
 */
export function parseSessionPolicy(file: string, text: string): PolicyDoc {
  if (text.length > MAX_SESSION_POLICY_BYTES)
    throw inputError(file, "$", `a session policy is at most ${MAX_SESSION_POLICY_BYTES} bytes`);
  const value = parseJsonText(file, text);
  const name = file.split(/[\\/]/).pop() ?? file;
  return parsePolicyDocument(new JsonCursor(file, "$", value), {
    id: `session:${name}`,
    name: `session policy ${name}`,
    kind: "session",
  });
}
