import { z } from "@hono/zod-openapi";

const skill = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .transform((s) => s.toLowerCase());

export const CreateTeamSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    skills: z.array(skill).max(50).default([]),
    level: z.number().int().min(1).max(20),
    levelName: z.string().trim().min(1).max(60).openapi({ example: "tier 2" }),
    escalatesToTeamId: z.string().min(1).nullable().optional(),
  })
  .strict()
  .openapi("CreateTeam");

export const PatchTeamSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    skills: z.array(skill).max(50).optional(),
    level: z.number().int().min(1).max(20).optional(),
    levelName: z.string().trim().min(1).max(60).optional(),
    escalatesToTeamId: z.string().min(1).nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Give at least one field to change" })
  .openapi("PatchTeam");

export const TeamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    skills: z.array(z.string()),
    level: z.number().int(),
    levelName: z.string(),
    escalatesToTeamId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Team");

export type CreateTeam = z.infer<typeof CreateTeamSchema>;
export type PatchTeam = z.infer<typeof PatchTeamSchema>;
