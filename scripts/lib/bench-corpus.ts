import type { EvalArticle } from "./eval-format.js";
import { MENUS, PHRASES, PRODUCTS, SYSTEMS } from "./bench-phrases.js";
import { seededRandom } from "../../src/deflection/self-calibration.js";

/** mulberry32, the generator self-calibration deals its folds with: the same seed gives the same corpus on any machine. */
export { seededRandom };

/** Share of the synthetic articles per language: mostly English, like the dev set and most help centres. */
export const LANGUAGE_MIX: [string, number][] = [
  ["en", 0.5],
  ["de", 0.12],
  ["es", 0.1],
  ["pt", 0.1],
  ["cs", 0.09],
  ["fi", 0.09],
];

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
};

function pickLanguage(rand: Rand): string {
  let r = rand();
  for (const [lang, share] of LANGUAGE_MIX) {
    r -= share;
    if (r < 0) return lang;
  }
  return "en";
}

/** Distinct picks, in random order. */
function sample<T>(rand: Rand, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0] as T);
  return out;
}

interface Slots {
  product: string;
  os: string;
  version: string;
  code: string;
  menu: string;
  n: string;
}

function fill(template: string, s: Slots): string {
  return template.replace(/\{(product|os|version|code|menu|n)\}/g, (_, k: keyof Slots) => s[k]);
}

/** What a synthetic article is about, so a synthetic ticket about the same problem can be written. */
export interface SyntheticTopic {
  lang: string;
  component: number;
  symptom: number;
  slots: Slots;
}

export interface SyntheticArticle extends EvalArticle {
  topic: SyntheticTopic;
}

/**
 * A reproducible synthetic knowledge base: `size` articles in six languages (LANGUAGE_MIX), each a
 * component × symptom of one of eight products, with a problem statement (3 sentences), a root
 * cause (1–2 sentences) and a fix of 4–7 numbered steps — about 100–180 words, the length of the
 * dev set's articles. Error codes, versions and counts vary, so near-identical articles differ
 * in the details a support KB also differs in. Ids are S000001…; a tenth are internal.
 */
export function generateCorpus(size: number, seed = 20261123): SyntheticArticle[] {
  const rand = seededRandom(seed);
  const out: SyntheticArticle[] = [];
  for (let i = 1; i <= size; i++) {
    const lang = pickLanguage(rand);
    const bank = PHRASES[lang];
    if (!bank) throw new Error(`no phrase bank for ${lang}`);
    const slots: Slots = {
      product: pick(rand, PRODUCTS),
      os: pick(rand, SYSTEMS),
      version: `${1 + Math.floor(rand() * 9)}.${Math.floor(rand() * 20)}`,
      code: `${pick(rand, ["E", "ERR-", "0x"])}${(1000 + Math.floor(rand() * 9000)).toString()}`,
      menu: pick(rand, MENUS),
      n: String(2 + Math.floor(rand() * 40)),
    };
    const component = Math.floor(rand() * bank.components.length);
    const symptom = Math.floor(rand() * bank.symptoms.length);
    const [symptomTitle, symptomSentence] = bank.symptoms[symptom] ?? ["", ""];
    const componentName = bank.components[component] ?? "";
    const problem = [pick(rand, bank.openers), `${componentName}: ${symptomSentence}`, ...sample(rand, bank.contexts, 1 + Math.floor(rand() * 2))];
    const causes = sample(rand, bank.causes, 1 + Math.floor(rand() * 2));
    const steps = sample(rand, bank.steps, 4 + Math.floor(rand() * 4)).map((s, k) => `${k + 1}. ${s}`);
    out.push({
      id: `S${String(i).padStart(6, "0")}`,
      lang,
      title: fill(`${slots.product} – ${componentName} ${symptomTitle}`, slots),
      problem: fill(problem.join(" "), slots),
      rootCause: fill(causes.join(" "), slots),
      resolution: fill(steps.join("\n"), slots),
      category: componentName,
      product: slots.product,
      visibility: rand() < 0.1 ? "internal" : "public",
      tags: [slots.product.split(" ")[0]?.toLowerCase() ?? "", slots.code.toLowerCase()].filter(Boolean),
      topic: { lang, component, symptom, slots },
    });
  }
  return out;
}

/**
 * Ticket texts about randomly chosen synthetic articles, written from the ticket templates of
 * the article's language (never the article's own sentences verbatim but for the symptom): the
 * query mix of the latency runs, next to the dev set's real tickets.
 */
export function syntheticTickets(corpus: SyntheticArticle[], count: number, seed = 7): { text: string; articleId: string }[] {
  const rand = seededRandom(seed);
  const out: { text: string; articleId: string }[] = [];
  for (let i = 0; i < count && corpus.length > 0; i++) {
    const a = pick(rand, corpus);
    const bank = PHRASES[a.topic.lang];
    if (!bank) continue;
    const symptom = bank.symptoms[a.topic.symptom]?.[1] ?? "";
    const text = fill(pick(rand, bank.tickets), a.topic.slots)
      .replace("{component}", bank.components[a.topic.component] ?? "")
      .replace("{symptom}", fill(symptom, a.topic.slots));
    out.push({ text, articleId: a.id });
  }
  return out;
}
