/** The events a webhook subscription can ask for; stable API, never rename one. */
export const webhookEvents = ["escalation.created", "escalation.sla_warning", "escalation.sla_breached", "escalation.resolved", "article.published"] as const;

export type WebhookEvent = (typeof webhookEvents)[number];
