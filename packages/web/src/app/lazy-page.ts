import { lazy, type ComponentType } from "react";

/**
 * A route page loaded on first visit (its own chunk), from a module exporting it by name. The
 * layout's Suspense boundary shows a loader meanwhile, so the navigation stays in place.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): ComponentType {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
