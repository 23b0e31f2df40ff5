// Names for the SQL that Prisma sends to PostgreSQL, so that each pooled connection prepares a
// statement once and then only binds and executes it (decision 0090). Without a name, node-postgres
// sends every statement as the unnamed one and PostgreSQL parses and plans it again each time.
//
// A name always stands for one text in this process (node-postgres refuses a name reused for
// another text on a connection). The texts are bounded: Prisma writes a list of n values as n
// placeholders, so `IN (…)` over a varying list is a new text for every length; past `limit`
// texts, new ones go unnamed, and each connection holds at most `limit` prepared statements.

/** DATABASE_PREPARED_STATEMENTS's default: every text the app sends, with room to spare. */
export const DEFAULT_PREPARED_STATEMENTS = 1000;

export type StatementNameGenerator = (query: { sql: string }) => string;

export function preparedStatementNames(limit: number): StatementNameGenerator {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined) {
      // node-postgres reads an undefined name as "unnamed"; the adapter's type says string.
      if (names.size >= limit) return undefined as unknown as string;
      name = `ln_${names.size}`;
      names.set(sql, name);
    }
    return name;
  };
}
