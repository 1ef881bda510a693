-- Customer-facing ticket references (DF-7K3Q-92): five random symbols of Crockford's base32
-- alphabet (no I, L, O, U) and a Luhn mod 32 check symbol, which catches every single mistyped
-- symbol and most swapped neighbours. src/tickets/reference.ts validates with the same algorithm.
CREATE FUNCTION ticket_reference_check(payload text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((32 - (sum(a / 32 + a % 32) % 32)) % 32)::int + 1, 1)
      FROM (SELECT (CASE WHEN (length(payload) - i) % 2 = 0 THEN 2 ELSE 1 END)
                   * (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ', substr(payload, i, 1)) - 1) AS a
              FROM generate_series(1, length(payload)) AS i) AS symbols
  $$;--> statement-breakpoint
-- Random, not sequential: a reference says nothing about how many tickets exist.
CREATE FUNCTION new_ticket_reference() RETURNS text
  LANGUAGE sql VOLATILE PARALLEL SAFE
  AS $$
    SELECT 'DF-' || substr(p, 1, 4) || '-' || substr(p, 5, 1) || ticket_reference_check(p)
      FROM (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', floor(random() * 32)::int + 1, 1), '') AS p
              FROM generate_series(1, 5)) AS random_symbols
  $$;--> statement-breakpoint
-- The volatile default gives every existing ticket its own reference while the column is added.
ALTER TABLE "tickets" ADD COLUMN "reference" text DEFAULT new_ticket_reference() NOT NULL;--> statement-breakpoint
-- Existing tickets that drew the same reference draw again until all are distinct.
DO $$
BEGIN
  LOOP
    UPDATE tickets SET reference = new_ticket_reference()
     WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY reference ORDER BY id) AS n FROM tickets) AS d WHERE d.n > 1);
    EXIT WHEN NOT FOUND;
  END LOOP;
END
$$;--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_reference" ON "tickets" USING btree ("reference");--> statement-breakpoint
-- Escalations show their ticket's reference (the API, webhooks and the handoff read it there).
UPDATE escalations AS e
   SET handoff = jsonb_set(e.handoff, '{ticketReference}', to_jsonb(t.reference))
  FROM tickets AS t
 WHERE t.id = e.ticket_id AND jsonb_typeof(e.handoff) = 'object';
