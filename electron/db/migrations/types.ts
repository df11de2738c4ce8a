/** A schema step. `sql` runs inside one transaction together with the user_version bump. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
