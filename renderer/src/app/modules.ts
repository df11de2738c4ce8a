import { fundsPages } from '../features/funds/module';
import { villagesPages } from '../features/villages/module';
import type { NavItem, PageRoute, RendererModule } from './module';
import { administrationPages, organisationPages } from './platform-pages';

/**
 * The renderer's modules, in the order of the side bar (the platform's administration last).
 * The router and the navigation are derived from this list; adding a module adds one line.
 */
export const RENDERER_MODULES: readonly RendererModule[] = [villagesPages, fundsPages, organisationPages, administrationPages];

export const NAV_ITEMS: readonly NavItem[] = RENDERER_MODULES.flatMap((m) => m.nav ?? []);
export const PAGE_ROUTES: readonly PageRoute[] = RENDERER_MODULES.flatMap((m) => m.routes ?? []);
export const PRINT_ROUTES: readonly PageRoute[] = RENDERER_MODULES.flatMap((m) => m.printRoutes ?? []);
