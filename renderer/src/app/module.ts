import type { ReactElement } from 'react';
import type { MethodName } from '../../../shared/api/contract';

/**
 * A module as the renderer sees it (renderer/src/features/<module>/module.tsx): its entries in
 * the side bar, its pages inside the app frame, and its print views (the page alone). The router
 * and the navigation are derived from the list in ./modules.ts.
 */
export interface NavItem {
  path: string;
  label: string;
  icon: ReactElement;
  element: ReactElement;
  /** shown below the divider, with the settings */
  secondary?: boolean;
  /**
   * shown to those who may call this method (the contract's roles; the API refuses the others
   * anyway); to everyone when absent
   */
  shownIfCan?: MethodName;
}

export interface PageRoute {
  path: string;
  element: ReactElement;
}

export interface RendererModule {
  name: string;
  nav?: readonly NavItem[];
  /** pages reached from the module (a record's own page), inside the app frame; paths without a leading / */
  routes?: readonly PageRoute[];
  /** print views: the page alone, A4, with a toolbar that does not print; paths with a leading / */
  printRoutes?: readonly PageRoute[];
}

export const defineRendererModule = (module: RendererModule): RendererModule => module;
