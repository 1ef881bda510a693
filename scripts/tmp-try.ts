import { createReadStream } from "node:fs";
import { loadConfig } from "../src/config.js";
import { TransformersEmbedder } from "../src/embeddings/transformers.js";
import { runImport } from "../src/imports/import.service.js";
import { sampleArticlesFile } from "../src/imports/sample.js";
import { createLogger } from "../src/logger.js";
import { evaluateTicket } from "../src/deflection/evaluate.service.js";
import { openScratchDatabase } from "./lib/eval-db.js";
import { prepareEmbedderIndex } from "../src/embeddings/vector-index.js";
const config = loadConfig({ EMBEDDER: "transformers", MODEL_DIR: "/tmp/e5model", LOG_LEVEL: "silent", BACKGROUND_WORKERS: "false" });
const embedder = new TransformersEmbedder(config, createLogger("silent"));
await embedder.ready();
const database = await openScratchDatabase();
const deps = { config, database, embedder, logger: createLogger("silent"), clock: { now: () => new Date() }, version: "t", runtime: "node" as const };
await prepareEmbedderIndex(deps);
await runImport({ deps, caller: { name: "s", role: "admin" }, input: { source: createReadStream(sampleArticlesFile()!), format: "jsonl", publish: true, sourceKey: "s" } });
const bodies = [
  { channel: "portal", body: "O botão de registar ponto aparece a cinzento na aplicação móvel e não consigo marcar a entrada." },
  { channel: "portal", body: "Cartão recusado ao fazer upgrade para o plano Business." },
  { channel: "portal", body: "O meu cartão foi recusado quando tentei mudar para o plano Business." },
  { channel: "chat", body: "Karta byla zamítnuta při přechodu na tarif Business." },
  { channel: "chat", body: "Synchronizace s Google Kalendářem ukazuje směny o hodinu posunuté." },
  { channel: "portal", body: "A sincronização com o Google Calendar mostra os turnos com uma hora de diferença." },
  { channel: "chat", body: "Zaměstnanci nedostávají pozvánku k připojení do aplikace." },
  { channel: "portal", body: "As horas extra não são calculadas na folha de horas semanal." },
  { channel: "chat", body: "API vrací 403 scope_missing pro endpoint timesheets." },
];
for (const b of bodies) {
  const e = await evaluateTicket({ deps, input: b as never, viewer: "agent" });
  console.log(e.verdict.decision, e.verdict.confidence, e.verdict.matches[0]?.title, "|", e.verdict.thresholds.answer);
}
await database.close();
