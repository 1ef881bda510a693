CREATE TABLE "team_calendars" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"version" integer NOT NULL,
	"time_zone" text NOT NULL,
	"week" jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "cause" text DEFAULT 'knowledge_gap' NOT NULL;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "cause_set_by" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "sla_clock" text DEFAULT 'calendar' NOT NULL;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "calendar_version" integer;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "paused_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "sla_consumed_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "sla_segment_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "team_calendars" ADD CONSTRAINT "team_calendars_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "team_calendars_team_version" ON "team_calendars" USING btree ("team_id","version");--> statement-breakpoint
-- Escalations written before causes existed: a hierarchical one was the customer's demand (the
-- signals), a functional one a knowledge gap (the column's default).
UPDATE "escalations" SET "cause" = 'customer_demand' WHERE "type" = 'hierarchical';
