CREATE TABLE "deescalation_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"part" text NOT NULL,
	"level" integer,
	"text" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deescalation_templates_level_check" CHECK ("deescalation_templates"."level" is null or "deescalation_templates"."level" between 1 and 3)
);
--> statement-breakpoint
CREATE INDEX "deescalation_templates_lang_part_idx" ON "deescalation_templates" USING btree ("language","part");