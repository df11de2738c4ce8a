import { expect } from 'vitest';
import type { ApiResult, ErrorCode } from '../../shared/api/result';
import { hasChinese } from './fixtures';

/**
 * For property tests whose generated operations call the app. Two rules make such a test able
 * to fail: every call's answer is checked — ok, or a refusal of a kind the test expected for
 * that call, named by its code and the words of its message (an unexpected refusal fails the
 * test) — and the outcomes are counted over the whole run, with a minimum of each that matters
 * asserted at the end (a bug that made every call fail, or a generator that stopped reaching a
 * case, then fails the test instead of leaving nothing to check).
 */

/** A refusal a test expects: its code and the words of its (Chinese) message. */
export interface RefusalKind {
  code: ErrorCode;
  message: RegExp;
}
export type RefusalKinds<K extends string> = Readonly<Record<K, RefusalKind>>;

/** 'ok', or the one refusal kind the answer is; an answer of no known kind fails the test. */
export function outcomeOf<K extends string>(result: ApiResult<unknown>, kinds: RefusalKinds<K>, what: string): 'ok' | K {
  if (result.ok) return 'ok';
  const { code, message } = result.error;
  expect(hasChinese(message), `${what}: the refusal should be Chinese: ${message}`).toBe(true);
  const matching = (Object.keys(kinds) as K[]).filter((k) => kinds[k].code === code && kinds[k].message.test(message));
  if (matching.length !== 1) {
    throw new Error(`${what}: ${matching.length === 0 ? 'unexpected refusal' : `refusal of several kinds (${matching.join(', ')})`} ${JSON.stringify(result.error)}`);
  }
  return matching[0]!;
}

/** Asserts the answer is the expected one (ok, or a refusal of that kind) and returns it. */
export function expectOutcome<K extends string>(result: ApiResult<unknown>, expected: 'ok' | K, kinds: RefusalKinds<K>, what: string): 'ok' | K {
  const got = outcomeOf(result, kinds, what);
  expect(got, `${what} → ${JSON.stringify(result).slice(0, 400)}; expected ${expected}`).toBe(expected);
  return got;
}

/**
 * Outcomes of a property's operations, counted over the whole run (every generated case), as
 * 'op:outcome' — e.g. 'allocate:ok', 'allocate:overBudget'.
 */
export class OutcomeTally {
  private readonly counts = new Map<string, number>();

  add(op: string, outcome: string): void {
    const key = `${op}:${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** How often `op` had `outcome` ('op:outcome'), or any outcome ('op'). */
  count(key: string): number {
    if (key.includes(':')) return this.counts.get(key) ?? 0;
    let n = 0;
    for (const [k, v] of this.counts) if (k.startsWith(`${key}:`)) n += v;
    return n;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /**
   * Each key ('op:outcome' or 'op') came up at least so often over the run. A property that
   * cannot fail proves nothing: without these, a bug refusing every call leaves it green.
   */
  expectAtLeast(minimums: Readonly<Record<string, number>>): void {
    const short = Object.entries(minimums)
      .filter(([key, min]) => this.count(key) < min)
      .map(([key, min]) => `${key}: ${this.count(key)} (at least ${min})`);
    expect(short, `too few operations did what the property needs; outcomes over the run: ${JSON.stringify(this.toJSON())}`).toEqual([]);
  }
}

/** The 经费台账's refusals, as the funds services word them (electron/services/funds). */
export const FUND_REFUSALS = {
  notFoundProgramme: { code: 'NOT_FOUND', message: /^该经费项目不存在或已被删除$/ },
  notFoundAllocation: { code: 'NOT_FOUND', message: /^该分配不存在或已被删除$/ },
  notFoundDisbursement: { code: 'NOT_FOUND', message: /^该拨付记录不存在或已被删除$/ },
  overBudget: { code: 'VALIDATION', message: /^超出预算：预算 [\d,.]+元，(已分配|其他对象已分配) [\d,.]+元，(本次|本对象调整为) [\d,.]+元，超出 [\d,.]+元$/ },
  alreadyAllocated: { code: 'CONFLICT', message: /^“.+”在本项目中已有分配（[\d,.]+元），一个单位只能分配一次/ },
  belowDisbursed: { code: 'VALIDATION', message: /^分配金额 [\d,.]+元 低于已登记的拨付合计 -?[\d,.]+元/ },
  overAllocation: { code: 'VALIDATION', message: /^拨付后合计 -?[\d,.]+元 超过分配金额 [\d,.]+元/ },
  alreadyApproved: { code: 'VALIDATION', message: /^该拨付记录已审核，不需要再审核$/ },
  approvePaid: { code: 'VALIDATION', message: /^该拨付记录已拨付，不需要审核$/ },
  notApproved: { code: 'VALIDATION', message: /^该拨付记录尚未审核，请先审核再确认拨付$/ },
  alreadyPosted: { code: 'VALIDATION', message: /^该拨付记录已确认拨付，不需要再确认$/ },
  reverseReversal: { code: 'VALIDATION', message: /^这是一条冲销记录，不能再冲销$/ },
  reverseUnpaid: { code: 'VALIDATION', message: /^该拨付记录(待审核|已审核)、尚未拨付，不能冲销/ },
  fullyReversed: { code: 'VALIDATION', message: /^该拨付记录（[\d,.]+元）已全部冲销，不能再冲销$/ },
  overReversible: { code: 'VALIDATION', message: /^冲销金额 [\d,.]+元 超过可冲销的余额 [\d,.]+元/ },
} as const satisfies RefusalKinds<string>;
export type FundRefusal = keyof typeof FUND_REFUSALS;
