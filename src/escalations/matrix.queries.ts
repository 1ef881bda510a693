import { desc, eq } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { escalationMatrices } from "../db/schema/index.js";
import { builtInMatrix, type LevelSla, type Matrix, type MatrixRule } from "./matrix.schemas.js";

type MatrixRow = typeof escalationMatrices.$inferSelect;

/** Stored document shape of the `rules` column: the rules and the per-level SLAs. */
interface StoredMatrix {
  rules: MatrixRule[];
  levels: LevelSla[];
}

function toMatrix(row: MatrixRow): Matrix {
  const doc = row.rules as StoredMatrix | MatrixRule[];
  const rules = Array.isArray(doc) ? doc : doc.rules;
  const levels = Array.isArray(doc) ? [] : (doc.levels ?? []);
  return { version: row.version, rules, levels, createdBy: row.createdBy, createdAt: row.createdAt };
}

/** The highest version in force, or the built-in default when none was ever stored. */
export async function getCurrentMatrix(db: Executor): Promise<Matrix> {
  const [row] = await db.select().from(escalationMatrices).orderBy(desc(escalationMatrices.version)).limit(1);
  return row ? toMatrix(row) : builtInMatrix;
}

export async function getMatrixVersion(db: Executor, version: number): Promise<Matrix | undefined> {
  const [row] = await db.select().from(escalationMatrices).where(eq(escalationMatrices.version, version)).limit(1);
  return row ? toMatrix(row) : undefined;
}

export async function insertMatrix(db: Executor, doc: StoredMatrix, createdBy: string, at: Date): Promise<Matrix> {
  const [row] = await db.insert(escalationMatrices).values({ rules: doc, createdBy, createdAt: at }).returning();
  if (!row) throw new Error("insert matrix returned nothing");
  return toMatrix(row);
}
