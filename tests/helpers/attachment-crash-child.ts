/**
 * The victim of tests/unit/attachments-crash.test.ts: opens the data folder the test prepared with
 * the app's own createAppContext, and attaches and removes files through the real services and
 * the dispatcher — the same few contents over and over, so files are shared and released — until
 * it is killed with SIGKILL. After each committed call it prints one line `ack <json>` (stdout to a
 * pipe is synchronous on Linux: an acknowledged call has been committed); before a removal, `try <json>`.
 *
 *   node --experimental-transform-types --import tests/helpers/ts-hooks.mjs tests/helpers/attachment-crash-child.ts <data dir> <resources dir> <seed>
 */
import { createAppContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatcher';
import { receiveUpload } from '../../electron/services/attachments/uploads';
import { jpegBytes, pdfBytes, pngBytes } from './attachment-files';

const [dataDir, resourcesDir, seedText] = process.argv.slice(2) as [string, string, string];
let seed = Number(seedText) >>> 0 || 1;
const random = () => {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 0x100000000;
};

const POOL = [pdfBytes('甲'), pdfBytes('乙'), pngBytes(24, 16, { seed: 1 }), jpegBytes(40, 30, { seed: 2 }), pdfBytes('丙')];
const app = await createAppContext({ dataDir, resourcesDir, runtime: 'host', appVersion: 'crash-test' });
const ctx = app.ctx;
const user = await ctx.db.selectFrom('users').selectAll().where('role', '=', 'admin').executeTakeFirstOrThrow();
const session = ctx.sessions.create({ userId: user.id, username: user.username, displayName: user.display_name, role: 'admin' }, ctx.now().getTime());
const caller = { token: session.token as string | null, setToken: (t: string | null) => void (caller.token = t) };
const units = (await ctx.db.selectFrom('org_units').select('id').where('level', '=', 'unit').orderBy('id').limit(3).execute()).map((u) => u.id);
process.stdout.write(`ready ${process.pid}\n`);

for (;;) {
  const ids = (await ctx.db.selectFrom('attachments').select('id').execute()).map((r) => r.id);
  if (ids.length > 0 && random() < 0.4) {
    const id = ids[Math.floor(random() * ids.length)]!;
    process.stdout.write(`try ${JSON.stringify({ op: 'remove', id })}\n`); // killed before its ack, the removal may or may not have committed
    const result = await dispatch(ctx, 'attachments.remove', { id }, caller);
    if (!result.ok) throw new Error(`remove refused: ${JSON.stringify(result.error)}`);
    process.stdout.write(`ack ${JSON.stringify({ op: 'remove', id })}\n`);
    continue;
  }
  const bytes = POOL[Math.floor(random() * POOL.length)]!;
  const up = await receiveUpload(ctx, { source: [bytes], declaredBytes: bytes.length, fileName: '现场.pdf', sessionToken: session.token });
  const result = await dispatch(ctx, 'attachments.attach', { uploadToken: up.uploadToken, ownerEntity: 'org_unit', ownerId: units[Math.floor(random() * units.length)]! }, caller);
  if (!result.ok) throw new Error(`attach refused: ${JSON.stringify(result.error)}`);
  process.stdout.write(`ack ${JSON.stringify({ op: 'attach', id: (result.value as { id: number }).id })}\n`);
}
