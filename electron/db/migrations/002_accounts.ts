import type { Migration } from './types';

/** FROZEN: never edit a migration that has shipped; add a new one instead. */
export const m002Accounts: Migration = {
  version: 2,
  name: '本机账户，操作日志记录账户',
  sql: `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 2 AND 32),
  display_name TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
  role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'viewer')),
  password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until TEXT,
  last_login_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Nobody can lock the department out: the last active administrator stays one.
CREATE TRIGGER users_keep_an_admin BEFORE UPDATE OF role, active ON users
WHEN OLD.role = 'admin' AND OLD.active = 1 AND (NEW.role <> 'admin' OR NEW.active = 0)
  AND (SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND id <> OLD.id) = 0
BEGIN SELECT RAISE(ABORT, 'last active admin'); END;
-- Accounts are deactivated, never deleted: the log keeps pointing at them.
CREATE TRIGGER users_no_delete BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'users are not deleted'); END;

ALTER TABLE audit_log ADD COLUMN user_id INTEGER REFERENCES users(id);
ALTER TABLE audit_log ADD COLUMN username TEXT;
CREATE INDEX audit_log_user ON audit_log(user_id);
CREATE INDEX audit_log_action ON audit_log(action);
`,
};
