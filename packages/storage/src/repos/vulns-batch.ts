/**
 * Batching limits for the vulnerability tables. Imports write thousands of rows; one statement
 * per batch (not per row) keeps them within the budget of 20 statements per 1,000
 * findings. SQLite binds at most 32,766 parameters per statement and PostgreSQL 65,535, so a
 * multi-row insert carries at most PARAMS_PER_STATEMENT values.
 */
export const PARAMS_PER_STATEMENT = 30_000;
/** Ids per `IN (…)` list. */
export const IDS_PER_STATEMENT = 1000;

/** Rows of `columns` values that fit one statement (never more than 1,000). */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(1000, Math.floor(PARAMS_PER_STATEMENT / columns)));
}

/** Splits a list into consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
