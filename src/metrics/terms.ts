import { foldWords } from "../embeddings/hashing.js";

/**
 * Function words of the supported languages (accent-folded), dropped before labelling topics.
 * Class-based TF-IDF already pushes common words down; this keeps them out of short topics.
 */
const STOPWORDS = new Set(
  [
    // en
    "the and for are but not you your with this that have has had was were can cant could would should will what when where which who how why from they them their there here about into our out all any get got does did doesnt dont its just also been being more some than then too very please thanks thank hello still again after before since because while only help need want know like",
    // de
    "der die das und ist nicht ich sie wir ihr ein eine einen einem einer mit von auf fur bei aus dem den des zu im ins wie was wenn aber oder auch noch schon nach uber unter kann konnen habe hat haben sind war mein meine bitte danke hallo",
    // es
    "el la los las un una unos unas que de del en por para con sin no es son esta estoy mi mis su sus se lo al como pero mas muy ya tengo tiene hola gracias favor puedo puede",
    // pt
    "o a os as um uma de do da dos das em no na nos nas por para com sem nao e sao esta estou meu minha seu sua se que como mas mais muito ja tenho tem ola obrigado obrigada favor posso pode",
    // cs
    "a i je se na v ve do to ze si jsem jsou mi mne muj moje pro pri ale jak kdyz uz jeste neni nemohu muzu muze dobry den dekuji prosim tak tento tato toto",
    // fi
    "ja on ei se en et ole olen oli etta kun mutta tai myos viela nyt minun minulla sinun meidan heidan tama tuo kiitos hei moi voi voin voiko",
  ]
    .join(" ")
    .split(/\s+/),
);

/** Content words of a text: folded, 3+ characters, not a number, not a stopword. */
export function contentTerms(text: string): string[] {
  return foldWords(text).filter((w) => w.length >= 3 && !/^\d+$/.test(w) && !STOPWORDS.has(w));
}

/**
 * Top terms of each group by class-based TF-IDF: share of the group's documents containing the
 * term, times log(N / documents containing it anywhere). Ties break alphabetically.
 */
export function topTermsPerGroup(groups: string[][][], limit = 4): string[][] {
  const docFreq = new Map<string, number>();
  let total = 0;
  const groupSets = groups.map((docs) =>
    docs.map((terms) => {
      total++;
      const set = new Set(terms);
      for (const t of set) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
      return set;
    }),
  );
  return groupSets.map((docs) => {
    const inGroup = new Map<string, number>();
    for (const set of docs) for (const t of set) inGroup.set(t, (inGroup.get(t) ?? 0) + 1);
    const minDocs = docs.length >= 3 ? 2 : 1;
    return [...inGroup.entries()]
      .filter(([, c]) => c >= minDocs)
      .map(([t, c]) => ({ t, score: (c / docs.length) * Math.log(1 + total / (docFreq.get(t) ?? 1)) }))
      .sort((a, b) => b.score - a.score || a.t.localeCompare(b.t))
      .slice(0, limit)
      .map((x) => x.t);
  });
}
