/**
 * For test child processes that run the app's own TypeScript under Node 24
 * (`node --experimental-transform-types --import ./tests/helpers/ts-hooks.mjs file.ts`):
 * resolves the extension-less relative imports our sources use to their .ts files (or a
 * folder's index.ts).
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (!/^\.{1,2}\//.test(specifier) || /\.[cm]?[jt]sx?$/.test(specifier)) throw error;
      try {
        return next(`${specifier}.ts`, context);
      } catch {
        return next(`${specifier}/index.ts`, context);
      }
    }
  },
});
