import { sql } from "kysely";
import type { Kysely, RawBuilder, Transaction } from "kysely";
import type { Database } from "../schema/database";

/** A connection or a transaction: every repository method runs on whichever it is given. */
export type Executor = Kysely<Database> | Transaction<Database>;

export const bool = (n: number): boolean => n === 1;
export const int = (b: boolean): number => (b ? 1 : 0);

/** Escapes LIKE wildcards so user text matches literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
}

/** Case-insensitive "contains" on a column, the same on SQLite and PostgreSQL. */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likeContains(text)} escape '\\'`;
}
