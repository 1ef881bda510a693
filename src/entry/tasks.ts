import type { BackgroundTask } from "../background.js";
import { reindexTask } from "../articles/reindex.task.js";
import { slaSweepTask } from "../escalations/sla.task.js";
import { articleHealthTask } from "../metrics/health.task.js";
import { webhookDeliveryTask } from "../webhooks/delivery.task.js";

/** The periodic work a Node replica runs; the Workers entry runs the same ones from cron. */
export const backgroundTasks: BackgroundTask[] = [reindexTask, slaSweepTask, webhookDeliveryTask, articleHealthTask];
