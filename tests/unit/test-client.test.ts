import { expect, it } from 'vitest';
import type { Caller } from '../helpers/test-context';

/**
 * The tests call the app through a client typed by the contract (tests/helpers/test-context.ts):
 * a method name or input the contract does not have is a compile error (`npm test` type-checks
 * first), so changing the contract breaks the tests that use it until they follow. Inputs sent
 * wrong on purpose go through `callUnchecked`.
 */
it('method names and inputs are checked by the compiler', () => {
  const call: Caller = async () => ({ ok: true, value: undefined as never });
  const uses = [
    () => call('units.get', { id: 1 }),
    // @ts-expect-error — no such method in the contract
    () => call('units.nope', {}),
    // @ts-expect-error — an id is a number
    () => call('units.get', { id: '1' }),
    // @ts-expect-error — 'street' or 'unit', nothing else
    () => call('units.create', { level: 'county', code: '370103', name: '市中区', kind: '区' }),
  ];
  expect(uses).toHaveLength(4);
});
