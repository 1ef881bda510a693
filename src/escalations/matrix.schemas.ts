import { z } from "@hono/zod-openapi";
import { escalationTypes, slaClocks } from "../db/schema/escalations.js";
import { channels, priorities } from "../db/schema/tickets.js";

/** Signal kinds the detector reports; the first three are threats (straight to the supervisor). */
export const signalKinds = ["legal", "churn", "review", "manager", "insult", "anger"] as const;
export const threatKinds: readonly string[] = ["legal", "churn", "review"];

const oneOrMany = <T extends z.ZodType<string>>(item: T) => z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]).map((s) => s.toLowerCase()));

const freeText = z.string().trim().min(1).max(100);

export const MatchSchema = z
  .object({
    category: oneOrMany(freeText).optional(),
    product: oneOrMany(freeText).optional(),
    priority: oneOrMany(z.enum(priorities)).optional(),
    language: oneOrMany(freeText).optional(),
    channel: oneOrMany(z.enum(channels)).optional(),
    signal: oneOrMany(z.enum(signalKinds)).optional().openapi({ description: "Matches the most severe detected signal" }),
    type: z.enum(escalationTypes).optional(),
  })
  .strict()
  .openapi("MatrixMatch");

export const SlaSchema = z
  .object({
    firstResponseMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90),
    resolutionMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 365),
    clock: z.enum(slaClocks).optional().openapi({
      description:
        "How the minutes count: calendar (default) around the clock, business only in the target team's working hours (its calendar: time zone, weekly hours, holidays); a team without a calendar counts around the clock",
    }),
  })
  .strict()
  .openapi("Sla");

export const MatrixRuleSchema = z
  .object({
    id: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .regex(/^[A-Za-z0-9_.:-]+$/),
    description: z.string().max(500).optional(),
    match: MatchSchema.default({}),
    target: z
      .object({
        team: z.string().trim().min(1).max(200).optional().openapi({ description: "Team id or name" }),
        level: z.number().int().min(1).max(20).optional(),
        route: z.enum(["skill", "up", "top"]).optional().openapi({
          description: "Without a team: skill = the team whose skills fit; up = one level above it; top = the top of its path",
        }),
      })
      .strict()
      .default({}),
    sla: SlaSchema,
    hierarchicalFromLevel: z
      .union([z.literal(2), z.literal(3)])
      .optional()
      .openapi({
        description:
          "Frustration level from which a customer goes to a supervisor (hierarchical) for tickets this rule matches as type hierarchical / signal anger: " +
          "3 (default) only a customer who needs a human now (manager demand, threats, insults); 2 also an angry one, for teams that hand every shouting customer up",
      }),
  })
  .strict()
  .openapi("MatrixRule");

export const LevelSlaSchema = SlaSchema.extend({ level: z.number().int().min(1).max(20) }).openapi("LevelSla");

export const PutMatrixSchema = z
  .object({
    rules: z.array(MatrixRuleSchema).min(1).max(500),
    levels: z.array(LevelSlaSchema).max(20).default([]),
  })
  .strict()
  .openapi("PutMatrix");

export type MatrixMatch = z.infer<typeof MatchSchema>;
export type MatrixRule = z.infer<typeof MatrixRuleSchema> & { target: { teamId?: string } };
export type LevelSla = z.infer<typeof LevelSlaSchema>;
export type PutMatrix = z.infer<typeof PutMatrixSchema>;

/** A matrix in force: `version` null means the built-in default (nothing was ever configured). */
export interface Matrix {
  version: number | null;
  rules: MatrixRule[];
  levels: LevelSla[];
  createdBy?: string | null;
  createdAt?: Date | null;
}

export const MatrixSchema = z
  .object({
    version: z.number().int().nullable(),
    builtIn: z.boolean(),
    rules: z.array(
      z.object({
        id: z.string(),
        description: z.string().optional(),
        match: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
        target: z.object({
          team: z.string().optional(),
          teamId: z.string().optional().openapi({ description: "The team the name resolved to when stored" }),
          level: z.number().int().optional(),
          route: z.enum(["skill", "up", "top"]).optional(),
        }),
        sla: SlaSchema,
        hierarchicalFromLevel: z.union([z.literal(2), z.literal(3)]).optional(),
      }),
    ),
    levels: z.array(LevelSlaSchema),
    createdBy: z.string().nullable(),
    createdAt: z.string().nullable(),
  })
  .openapi("Matrix");

/** Used when no matrix was ever stored: escalations work out of the box. */
export const builtInMatrix: Matrix = {
  version: null,
  rules: [{ id: "default", match: {}, target: {}, sla: { firstResponseMinutes: 60, resolutionMinutes: 480 } }],
  levels: [],
};
