import { z } from "@hono/zod-openapi";

/** Which shipped confidence profile serves, as /health/details and the settings endpoints report it. */
export const DeflectionProfileSchema = z
  .object({
    embedderFamily: z.string().openapi({ description: "Family of the serving embedder, e.g. multilingual-e5-small or hashing" }),
    shipped: z.string().openapi({ description: "The shipped profile (confidence model + thresholds) used when nothing is calibrated" }),
    exact: z.boolean().openapi({ description: "false: no profile exists for this family; the hashing one serves with its vector features neutralised" }),
  })
  .openapi("DeflectionProfile");
