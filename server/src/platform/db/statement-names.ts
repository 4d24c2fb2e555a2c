// SQL text → the name PostgreSQL prepares it under. Written by prepared.ts when it compiles a hot query, read by
// the pool in connection.ts to send those queries as named prepared statements (decision 022). A module of its
// own so that connection.ts and prepared.ts do not import each other.

const statementNames = new Map<string, string>();

/** Names the SQL text of a prepared query (PostgreSQL). */
export function nameStatement(sql: string, name: string): void {
  statementNames.set(sql, name);
}

/** The name a prepared query's PostgreSQL text is sent under, or undefined for other SQL. */
export function statementNameOf(sql: string): string | undefined {
  return statementNames.get(sql);
}
