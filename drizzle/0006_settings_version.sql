CREATE TABLE "settings_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "settings_version" ("id", "version") VALUES (1, txid_current());--> statement-breakpoint
CREATE FUNCTION bump_settings_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The writing transaction's id: unique, so a value once cached is never seen again for other data.
  INSERT INTO settings_version ("id", "version") VALUES (1, txid_current())
  ON CONFLICT ("id") DO UPDATE SET "version" = excluded."version";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER settings_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "settings" FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_version();--> statement-breakpoint
CREATE TRIGGER settings_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "signal_phrases" FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_version();--> statement-breakpoint
CREATE TRIGGER settings_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "deescalation_templates" FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_version();--> statement-breakpoint
CREATE TRIGGER settings_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "escalation_matrices" FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_version();--> statement-breakpoint
CREATE TRIGGER settings_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "teams" FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_version();--> statement-breakpoint
CREATE TRIGGER settings_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "team_calendars" FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_version();
