import { INPUT_LIMITS, JsonCursor, inputError } from "../shared/input-errors";
import type { ConditionTest, PolicyDoc, PolicyKind, PrincipalSpec, Statement } from "./aws-types";

/**
 * Parses an IAM policy document (object, JSON string, or URL-encoded JSON string as the raw IAM
 * API returns it) into normalized statements. Errors name the file and JSON path.
 */
export function parsePolicyDocument(
  cursor: JsonCursor,
  meta: { id: string; name: string; kind: PolicyKind },
): PolicyDoc {
  const doc = decodeDocument(cursor);
  const stmtCursor = doc.at("Statement");
  if (stmtCursor.isMissing()) doc.fail("policy has no Statement");
  const list = Array.isArray(stmtCursor.value) ? stmtCursor.items() : [stmtCursor];
  if (list.length > INPUT_LIMITS.maxStatementsPerPolicy) stmtCursor.fail("too many statements");
  const statements = list.map((s, i) => parseStatement(s, meta.id, i));
  return { ...meta, statements };
}

function decodeDocument(cursor: JsonCursor): JsonCursor {
  if (typeof cursor.value !== "string") return cursor;
  const raw = cursor.string();
  const text = raw.trimStart().startsWith("{") ? raw : safeDecode(cursor, raw);
  try {
    return new JsonCursor(cursor.file, cursor.path, JSON.parse(text) as unknown);
  } catch (e) {
    throw inputError(cursor.file, cursor.path, `policy is not JSON: ${(e as Error).message}`);
  }
}

function safeDecode(cursor: JsonCursor, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return cursor.fail("policy string is neither JSON nor URL-encoded JSON");
  }
}

function parseStatement(c: JsonCursor, policyId: string, index: number): Statement {
  c.object();
  const rawEffect = c.at("Effect").string();
  const effect: "Allow" | "Deny" =
    rawEffect === "Allow" || rawEffect === "Deny"
      ? rawEffect
      : c.at("Effect").fail("Effect must be Allow or Deny");
  const actions = optList(c.at("Action"));
  const notActions = optList(c.at("NotAction"));
  if ((actions === undefined) === (notActions === undefined)) {
    c.fail("statement needs exactly one of Action or NotAction");
  }
  const resources = optList(c.at("Resource"));
  const notResources = optList(c.at("NotResource"));
  if (resources !== undefined && notResources !== undefined) {
    c.fail("statement has both Resource and NotResource");
  }
  return {
    policyId,
    index,
    sid: c.at("Sid").isMissing() ? undefined : String(c.at("Sid").value),
    effect,
    actions,
    notActions,
    // Trust policies have no Resource: the role itself is the resource.
    resources: resources ?? (notResources === undefined ? ["*"] : undefined),
    notResources,
    principal: parsePrincipal(c.at("Principal")),
    notPrincipal: parsePrincipal(c.at("NotPrincipal")),
    conditions: parseConditions(c.at("Condition")),
  };
}

function optList(c: JsonCursor): string[] | undefined {
  return c.isMissing() ? undefined : c.stringList();
}

/** Parses `Principal`/`NotPrincipal`; undefined when absent. */
export function parsePrincipal(c: JsonCursor): PrincipalSpec | undefined {
  if (c.isMissing()) return undefined;
  if (c.value === "*") {
    return { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] };
  }
  c.object();
  const aws = c.at("AWS").stringList();
  return {
    wildcard: aws.includes("*"),
    aws: aws.filter((a) => a !== "*"),
    service: c.at("Service").stringList(),
    federated: c.at("Federated").stringList(),
    canonicalUser: c.at("CanonicalUser").stringList(),
  };
}

const SET_QUALIFIERS = ["ForAllValues", "ForAnyValue"] as const;

/** Parses the `Condition` block: operator → key → value(s). */
export function parseConditions(c: JsonCursor): ConditionTest[] {
  if (c.isMissing()) return [];
  const out: ConditionTest[] = [];
  for (const [operator, block] of Object.entries(c.object())) {
    const opCursor = c.at(operator);
    if (block === null || typeof block !== "object" || Array.isArray(block)) {
      opCursor.fail("condition operator must map keys to values");
    }
    let op = operator;
    let setQualifier: ConditionTest["setQualifier"];
    for (const q of SET_QUALIFIERS) {
      if (op.startsWith(`${q}:`)) {
        setQualifier = q;
        op = op.slice(q.length + 1);
      }
    }
    const ifExists = op.endsWith("IfExists");
    const baseOperator = ifExists ? op.slice(0, -"IfExists".length) : op;
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map((v) =>
        scalarToString(opCursor.at(key), v),
      );
      out.push({ operator, baseOperator, ifExists, setQualifier, key, values });
    }
  }
  return out;
}

function scalarToString(c: JsonCursor, v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return c.fail("condition values must be strings, numbers or booleans");
}
