// Search that behaves the same on SQLite and PostgreSQL (decision 013). SQLite's LIKE ignores the case of
// ASCII letters and PostgreSQL's does not; both sides are lowered here instead, and only ASCII letters are
// (SQLite's lower() and PostgreSQL's under the "C" collation of every text column lower only those), so
// "acme" finds "ACME GmbH" and "é" finds "é" but not "É", on both.

import { type Expression, type RawBuilder, sql } from 'kysely';

/** `%term%` with LIKE's wildcards escaped (a search for "50%" finds "50%") and ASCII letters lowered. */
export function containsPattern(term: string): string {
  const lowered = term.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  return `%${lowered.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** True where `text` contains `term`, ASCII letters in any case. */
export function containsText(text: Expression<string | null>, term: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${text}) like ${containsPattern(term)} escape '\\'`;
}
