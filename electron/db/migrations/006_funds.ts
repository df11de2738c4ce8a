import type { Migration } from './types';

/**
 * FROZEN: never edit a migration that has shipped; add a new one instead.
 *
 * 经费台账 (DOMAIN.md §3): programmes per year, allocations (programme × recipient × planned
 * amount) and disbursements (拨付) through 待审核 → 已审核 → 已拨付. Money is integer 分.
 *
 * The ledger rules are held here, below every service, so no code path can break them:
 *  - Σ allocations of a programme ≤ its budget (also when the budget is lowered);
 *  - Σ disbursements of an allocation (every status, reversals negative) ≤ the allocation
 *    (also when the allocation is lowered);
 *  - amounts > 0, except reversals (冲销), which are < 0, point at a paid, non-reversal
 *    disbursement of the same allocation, and together never exceed what they reverse;
 *  - status moves only forward, one step at a time; a paid (已拨付) row can be neither updated
 *    nor deleted — a mistake is corrected by a reversal and a new row;
 *  - an allocation or programme with disbursements cannot be deleted.
 * The services check the same first, to give the clerk a sentence instead of these codes.
 */
export const m006Funds: Migration = {
  version: 6,
  name: '经费台账：经费项目、分配、拨付（含冲销）',
  sql: `
CREATE TABLE fund_programmes (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  category TEXT NOT NULL CHECK (length(category) > 0),
  source_level TEXT NOT NULL CHECK (length(source_level) > 0),
  budget_fen INTEGER NOT NULL CHECK (budget_fen > 0 AND budget_fen <= 100000000000000),
  document_no TEXT CHECK (document_no IS NULL OR length(document_no) <= 100),
  standard_text TEXT CHECK (standard_text IS NULL OR length(standard_text) <= 100),
  standard_fen INTEGER CHECK (standard_fen IS NULL OR (standard_fen > 0 AND standard_fen <= 100000000000000)),
  recipient_kind TEXT NOT NULL CHECK (length(recipient_kind) > 0),
  due_on TEXT CHECK (due_on IS NULL OR due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  note TEXT CHECK (note IS NULL OR length(note) <= 1000),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (year, name)
) STRICT;
CREATE INDEX fund_programmes_year ON fund_programmes(year);

CREATE TABLE fund_allocations (
  id INTEGER PRIMARY KEY,
  programme_id INTEGER NOT NULL REFERENCES fund_programmes(id) ON DELETE RESTRICT,
  unit_id INTEGER REFERENCES org_units(id) ON DELETE RESTRICT,
  person_name TEXT CHECK (person_name IS NULL OR length(trim(person_name)) BETWEEN 1 AND 50),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 100000000000000),
  due_on TEXT CHECK (due_on IS NULL OR due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  note TEXT CHECK (note IS NULL OR length(note) <= 1000),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- a unit (街道 or 村/社区) or a person (书记津贴), never both
  CHECK ((unit_id IS NULL) <> (person_name IS NULL))
) STRICT;
CREATE UNIQUE INDEX fund_allocations_unit ON fund_allocations(programme_id, unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX fund_allocations_recipient ON fund_allocations(unit_id);

CREATE TABLE fund_disbursements (
  id INTEGER PRIMARY KEY,
  allocation_id INTEGER NOT NULL REFERENCES fund_allocations(id) ON DELETE RESTRICT,
  paid_on TEXT NOT NULL CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  amount_fen INTEGER NOT NULL CHECK (amount_fen <> 0 AND abs(amount_fen) <= 100000000000000),
  voucher_no TEXT CHECK (voucher_no IS NULL OR length(voucher_no) <= 50),
  handler TEXT CHECK (handler IS NULL OR length(handler) <= 50),
  approver TEXT CHECK (approver IS NULL OR length(approver) <= 50),
  note TEXT CHECK (note IS NULL OR length(note) <= 1000),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'paid')),
  reverses_id INTEGER REFERENCES fund_disbursements(id) ON DELETE RESTRICT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  approved_at TEXT,
  approved_by TEXT,
  posted_at TEXT,
  posted_by TEXT,
  -- an ordinary row is positive; a reversal is negative, recorded as paid, and points at its row
  CHECK ((reverses_id IS NULL AND amount_fen > 0) OR (reverses_id IS NOT NULL AND amount_fen < 0 AND status = 'paid'))
) STRICT;
CREATE INDEX fund_disbursements_allocation ON fund_disbursements(allocation_id);
CREATE INDEX fund_disbursements_reverses ON fund_disbursements(reverses_id);
CREATE INDEX fund_disbursements_paid_on ON fund_disbursements(paid_on);

-- Σ allocations ≤ budget
CREATE TRIGGER fund_allocations_within_budget_ins AFTER INSERT ON fund_allocations
WHEN (SELECT SUM(amount_fen) FROM fund_allocations WHERE programme_id = NEW.programme_id) > (SELECT budget_fen FROM fund_programmes WHERE id = NEW.programme_id)
BEGIN SELECT RAISE(ABORT, 'fund: allocations exceed budget'); END;
CREATE TRIGGER fund_allocations_within_budget_upd AFTER UPDATE OF amount_fen, programme_id ON fund_allocations
WHEN (SELECT SUM(amount_fen) FROM fund_allocations WHERE programme_id = NEW.programme_id) > (SELECT budget_fen FROM fund_programmes WHERE id = NEW.programme_id)
BEGIN SELECT RAISE(ABORT, 'fund: allocations exceed budget'); END;
CREATE TRIGGER fund_programmes_budget_covers AFTER UPDATE OF budget_fen ON fund_programmes
WHEN (SELECT COALESCE(SUM(amount_fen), 0) FROM fund_allocations WHERE programme_id = NEW.id) > NEW.budget_fen
BEGIN SELECT RAISE(ABORT, 'fund: budget below allocations'); END;

-- Σ disbursements ≤ allocation
CREATE TRIGGER fund_disbursements_within_allocation_ins AFTER INSERT ON fund_disbursements
WHEN (SELECT SUM(amount_fen) FROM fund_disbursements WHERE allocation_id = NEW.allocation_id) > (SELECT amount_fen FROM fund_allocations WHERE id = NEW.allocation_id)
BEGIN SELECT RAISE(ABORT, 'fund: disbursements exceed allocation'); END;
CREATE TRIGGER fund_disbursements_within_allocation_upd AFTER UPDATE OF amount_fen, allocation_id ON fund_disbursements
WHEN (SELECT SUM(amount_fen) FROM fund_disbursements WHERE allocation_id = NEW.allocation_id) > (SELECT amount_fen FROM fund_allocations WHERE id = NEW.allocation_id)
BEGIN SELECT RAISE(ABORT, 'fund: disbursements exceed allocation'); END;
CREATE TRIGGER fund_allocations_covers_disbursements AFTER UPDATE OF amount_fen ON fund_allocations
WHEN (SELECT COALESCE(SUM(amount_fen), 0) FROM fund_disbursements WHERE allocation_id = NEW.id) > NEW.amount_fen
BEGIN SELECT RAISE(ABORT, 'fund: allocation below disbursements'); END;
CREATE TRIGGER fund_allocations_keep_programme BEFORE UPDATE OF programme_id ON fund_allocations
WHEN NEW.programme_id <> OLD.programme_id
BEGIN SELECT RAISE(ABORT, 'fund: allocation cannot move to another programme'); END;

-- reversals: of a paid, ordinary row of the same allocation, never more than it
CREATE TRIGGER fund_reversals_valid BEFORE INSERT ON fund_disbursements
WHEN NEW.reverses_id IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM fund_disbursements o
  WHERE o.id = NEW.reverses_id AND o.status = 'paid' AND o.reverses_id IS NULL AND o.allocation_id = NEW.allocation_id
)
BEGIN SELECT RAISE(ABORT, 'fund: reversal must point at a paid disbursement of the same allocation'); END;
CREATE TRIGGER fund_reversals_within_original AFTER INSERT ON fund_disbursements
WHEN NEW.reverses_id IS NOT NULL AND
  -(SELECT SUM(amount_fen) FROM fund_disbursements WHERE reverses_id = NEW.reverses_id) > (SELECT amount_fen FROM fund_disbursements WHERE id = NEW.reverses_id)
BEGIN SELECT RAISE(ABORT, 'fund: reversals exceed the original'); END;

-- a new row starts 待审核 (a reversal is booked paid at once)
CREATE TRIGGER fund_disbursements_start_pending BEFORE INSERT ON fund_disbursements
WHEN NEW.reverses_id IS NULL AND NEW.status <> 'pending'
BEGIN SELECT RAISE(ABORT, 'fund: a disbursement starts pending'); END;
-- posted rows are final
CREATE TRIGGER fund_disbursements_paid_final BEFORE UPDATE ON fund_disbursements
WHEN OLD.status = 'paid'
BEGIN SELECT RAISE(ABORT, 'fund: a paid disbursement cannot be changed'); END;
CREATE TRIGGER fund_disbursements_paid_kept BEFORE DELETE ON fund_disbursements
WHEN OLD.status = 'paid'
BEGIN SELECT RAISE(ABORT, 'fund: a paid disbursement cannot be deleted'); END;
-- status moves forward one step at a time: pending → approved → paid
CREATE TRIGGER fund_disbursements_status_flow BEFORE UPDATE OF status ON fund_disbursements
WHEN NEW.status <> OLD.status AND NOT ((OLD.status = 'pending' AND NEW.status = 'approved') OR (OLD.status = 'approved' AND NEW.status = 'paid'))
BEGIN SELECT RAISE(ABORT, 'fund: status moves pending → approved → paid'); END;
-- an approved row keeps its amount, allocation and reversal link (only paying it is left)
-- (the date may still be set when it is paid)
CREATE TRIGGER fund_disbursements_approved_fixed BEFORE UPDATE OF amount_fen, allocation_id, reverses_id, paid_on ON fund_disbursements
WHEN OLD.status = 'approved' AND (NEW.amount_fen <> OLD.amount_fen OR NEW.allocation_id <> OLD.allocation_id OR NEW.reverses_id IS NOT OLD.reverses_id
  OR (NEW.paid_on <> OLD.paid_on AND NEW.status = OLD.status))
BEGIN SELECT RAISE(ABORT, 'fund: an approved disbursement keeps its amount'); END;
`,
};
