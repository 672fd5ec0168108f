import { parseRoute, usePathname, type DesignerView } from '../app/router';

/** Which view of the pipeline the address shows. */
export function useDesignerView(): DesignerView {
  const route = parseRoute(usePathname());
  return route.name === 'designer' ? route.view : 'design';
}
