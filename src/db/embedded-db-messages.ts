// What the app's thread and the embedded database's thread say to each other (docs/decisions/0064).
// Every request carries an id its reply repeats; `tx` names an open transaction of the thread.
// Values travel by structured clone, so rows come back as PostgreSQL's text and are parsed on
// arrival, with the parsers the caller gave (functions cannot cross threads).

export type EmbeddedDbRequest = { id: number } & (
  | { op: 'query'; sql: string; params: unknown[]; rowMode: 'array' | 'object'; tx?: number }
  | { op: 'exec'; sql: string; tx?: number }
  | { op: 'begin' }
  | { op: 'rollback'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'migrate' }
  | { op: 'close' }
);

export interface TextResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

/** An error's own fields (a DatabaseError's code, detail, constraint, …), cloneable. */
export interface ErrorFields {
  message: string;
  name: string;
  databaseError: boolean;
  fields: Record<string, string | number | boolean | undefined>;
}

/** An array type of the database and its element type: [typarray, element oid]. */
export type ArrayType = [number, number];

export type EmbeddedDbReply =
  | { ready: true; arrayTypes: ArrayType[] }
  | { startFailed: string }
  | { id: number; ok: unknown }
  | { id: number; error: ErrorFields };

export interface EmbeddedDbThreadData {
  dataDir: string;
  sharedBuffersMb: number;
  /** Statement texts the thread keeps prepared (DATABASE_PREPARED_STATEMENTS, decision 0105). */
  preparedStatements: number;
}
