import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Caller } from "../caller.js";
import type { Deps } from "../deps.js";
import type { Logger } from "../logger.js";

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    logger: Logger;
    caller: Caller;
  };
};

export type App = OpenAPIHono<AppEnv>;
