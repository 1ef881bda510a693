import { foldWords } from "../embeddings/hashing.js";

/**
 * Function words of the languages customers write in (accent-folded). They are dropped from the
 * OR-query: in a long ticket "the", "je", "und", "que" would otherwise match every article's
 * unstemmed `simple` copy and drown the words that name the problem. Postgres drops them for
 * stemmed configurations already; this list is for `simple` (Czech, Slovak, Polish, unknown).
 */
const STOPWORDS = new Set(
  // en
  (
    "a an the and or but if of to in on at by for with from as is are was were be been being am do does did done have has had " +
    "i me my we our us you your he she it its they them their this that these those there here what which who whom when where why how " +
    "not no nor so than too very can could would should will shall may might must just also only even still yet again already " +
    "any some all each every other such into onto about after before over under out up down off then once now get got getting " +
    "please thanks thank hi hello dear regards team im ive dont doesnt didnt cant cannot isnt arent wont its lets " +
    // cs / sk
    "je jsou byl byla bylo byli jsem jsme jste se si to ten ta ty tu na v ve z ze do od po pro pri o a i ale nebo ani ze kdyz jak " +
    "co kde kdy proc tak take uz jen jeste by bych bychom mi mne me mu nam nas vam vas jsem mame mate ma nic neni " +
    "prosim dekuji dobry den nejsou jako jeho jeji jejich toto tento tato tyto ktery ktera ktere kteri aby " +
    "som sme ste sa su bol bola bolo uz ako pre pri alebo" +
    // fi
    " ja on ei se ne me te he han olen olet olemme olette ovat oli ollut mutta tai kun jos niin etta kuin myos vain viela jo " +
    "mita miten miksi missa mika joka jotka tama taman nama tassa siina sen sita hei kiitos meilla meidan teidan minun " +
    // pt
    "o os as um uma uns umas de do da dos das em no na nos nas por para com sem que e ou mas se ao aos como mais muito " +
    "nao sim ja ainda tambem so eu voce voces ele ela eles elas nos vos meu minha nosso nossa seu sua isso isto esse essa este esta " +
    "foi ser estar esta estao tem temos ter ha obrigado obrigada ola bom dia boa tarde " +
    // de
    "der die das den dem des ein eine einen einem einer eines und oder aber wenn dass als wie auch nur noch schon nicht kein keine " +
    "ich du er sie es wir ihr mir mich uns euch ihnen sein seine ist sind war waren bin bist hat haben hatte wird werden wurde " +
    "zu zum zur im in an am auf aus bei mit nach von vor fur uber unter um bis durch was wer wo warum bitte danke hallo " +
    // es
    "el la los las un una unos unas y o pero si que de del en por para con sin al lo como mas muy ya tambien solo " +
    "yo tu usted ustedes nosotros ellos mi mis su sus nuestro nuestra es son era fue ser estar esta estan hay tiene tenemos " +
    "hola gracias buenos dias " +
    // it / fr / nl / pl (cheap)
    "il gli le di che non per con sono ho abbiamo della delle del les des du une est et ou pas pour avec dans nous vous je " +
    "het een en van is dat niet met voor ons wij jij w z na nie jest sie czy do od"
  ).split(/\s+/),
);

/** Words of the query worth searching for: folded, function words and 1-letter tokens dropped, de-duplicated. */
export function queryTerms(text: string, max = 64): string[] {
  const seen = new Set<string>();
  for (const w of foldWords(text)) {
    if (w.length < 2 || STOPWORDS.has(w) || w.length > 40) continue;
    seen.add(w);
    if (seen.size >= max) break;
  }
  return [...seen];
}
