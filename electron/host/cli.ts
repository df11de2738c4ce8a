import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppContext } from '../core/app-context';
import { defaultUserDataDir, resolveDataDir } from '../core/data-dir';
import { StoreOpenError } from '../db/store-errors';
import { startAutomaticBackups } from '../services/backups/backup-automatic';
import { createHostServer } from './server';

/** `npm run serve -- --port N --data-dir DIR`: the app in a browser, on 127.0.0.1 only. */
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

function argValue(name: string): string | undefined {
  const argv = process.argv;
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
}

function readAppVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function main() {
  const port = Number(argValue('--port') ?? process.env.PORT ?? 4310);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口号不正确：${argValue('--port')}`);
    process.exit(2);
  }
  const dataDir = resolveDataDir(process.argv, process.env, () => defaultUserDataDir());
  let app;
  try {
    // The browser has no folder dialog: `--pick-dir DIR` is what "choose a folder" answers (tests, demos).
    const pickDir = argValue('--pick-dir');
    app = await createAppContext({
      dataDir,
      resourcesDir: path.join(repoRoot, 'resources'),
      runtime: 'host',
      appVersion: readAppVersion(),
      platform: { chooseFolder: async () => (pickDir ? path.resolve(pickDir) : null) },
    });
  } catch (error) {
    console.error(error instanceof StoreOpenError ? `无法启动：${error.userMessage}\n（${error.detail}）` : `无法启动：${String(error)}`);
    process.exit(1);
  }
  startAutomaticBackups(app.ctx, { log: (message, error) => console.error(message, error ?? '') });
  const server = createHostServer({
    ctx: app.ctx,
    staticDir: path.join(repoRoot, 'out', 'renderer'),
    log: (message, error) => console.error(message, error ?? ''),
  });
  server.listen(port, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    console.log(`基层党建台账已启动：http://127.0.0.1:${address.port}/`);
    console.log(`数据目录：${dataDir}`);
  });
  const stop = () => {
    server.close();
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
