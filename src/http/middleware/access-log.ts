import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.js";

/** One structured line per request, with the request id that problem bodies also carry. */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const fields = {
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      role: c.get("caller")?.role,
    };
    if (status >= 500) c.var.logger.error("request", fields);
    else c.var.logger.info("request", fields);
  };
}
