import type { App } from "../http/env.js";
import { registerPortalApiRoutes } from "./portal.api.js";
import { registerPortalPageRoutes } from "./portal.page.js";

/** The self-service portal: the page and its assets, and the anonymous JSON API under /portal/api. */
export function registerPortalRoutes(app: App): void {
  registerPortalPageRoutes(app);
  registerPortalApiRoutes(app);
}
