/**
 * The dashboard's cards below the KPIs and trend charts, in drawing order. To add one: give it a
 * container in src/dashboard/page.ts, write a DashboardCard beside these (cards/gaps.ts is the
 * shortest model) and list it here.
 */
import { topArticlesCard, failingArticlesCard } from "./articles.js";
import type { DashboardCard } from "./card.js";
import { calibrationCard } from "./calibration.js";
import { causesCard } from "./causes.js";
import { deescalationCard } from "./deescalation.js";
import { gapsCard } from "./gaps.js";

export const CARDS: readonly DashboardCard[] = [gapsCard, calibrationCard, deescalationCard, causesCard, topArticlesCard, failingArticlesCard];
