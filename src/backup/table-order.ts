// The order in which a restore fills the tables: every table after the tables its foreign keys
// point to. A table pointing to itself (an organisation's parent, a case's duplicate-of) cannot be
// ordered this way; its rows are inserted in rounds instead, parents first (restore-backup.ts).

export interface ForeignKey {
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

export class TableCycleError extends Error {
  override name = 'TableCycleError';
}

/**
 * Tables sorted so that referenced tables come first; ties by name, so the order is the same on
 * every run. Throws on a cycle between different tables, which no insert order can satisfy.
 */
export function orderTablesForInsert(
  tables: readonly string[],
  foreignKeys: readonly ForeignKey[],
): string[] {
  const known = new Set(tables);
  const dependsOn = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const fk of foreignKeys) {
    if (fk.table === fk.referencedTable || !known.has(fk.table) || !known.has(fk.referencedTable)) continue;
    dependsOn.get(fk.table)!.add(fk.referencedTable);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const pending = [...tables].sort();
  while (pending.length > 0) {
    const next = pending.findIndex((t) => [...dependsOn.get(t)!].every((d) => placed.has(d)));
    if (next === -1) {
      throw new TableCycleError(`Foreign keys form a cycle between tables: ${pending.join(', ')}`);
    }
    const [table] = pending.splice(next, 1);
    ordered.push(table!);
    placed.add(table!);
  }
  return ordered;
}

/** The foreign keys of a table that point back to the same table. */
export function selfReferences(table: string, foreignKeys: readonly ForeignKey[]): ForeignKey[] {
  return foreignKeys.filter((fk) => fk.table === table && fk.referencedTable === table);
}
