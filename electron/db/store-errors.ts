/**
 * Why the database could not be opened. Each carries a Chinese message for the user and an
 * English detail for the log; in every case nothing in the file has been written.
 * in_use: another program holds the data folder (folder-lock.ts); tampered: the schema is not
 * what this version of the schema must be (schema-check.ts).
 */
export type StoreOpenProblem = 'corrupt' | 'too_new' | 'locked' | 'unwritable' | 'in_use' | 'tampered';

export class StoreOpenError extends Error {
  constructor(
    readonly problem: StoreOpenProblem,
    readonly userMessage: string,
    readonly detail: string,
  ) {
    super(`${userMessage} (${detail})`);
    this.name = 'StoreOpenError';
  }
}
