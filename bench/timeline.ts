// A large realistic timeline for the late-joiner scenario, written with the app's own ops: entries
// with dates, headlines, formatted bodies (a third of them revised once, as editing leaves history),
// sources and tags. Seeded, so every run sends the same bytes.
import * as Y from "yjs";
import { addEntry, initTimeline, setBody, type TBodyBlock, type TBodyInline } from "../lib/timeline/ops.ts";

const WORDS = (
  "the city council government forces protest officials said on a of in to and with after before during " +
  "report reported according witnesses residents hospital border ceasefire talks negotiations minister " +
  "spokesperson statement confirmed denied killed injured displaced thousands hundreds families aid convoy " +
  "humanitarian agency united nations security resolution opposition rebels army airstrike shelling market " +
  "district province capital northern southern eastern western villages roads checkpoint evacuation shelter " +
  "water electricity supplies prices economy currency election vote parliament court ruling arrested released " +
  "journalists video footage verified satellite images analysts observers monitoring group local sources " +
  "early morning late night weekend announced launched offensive withdrew retaken control frontline clashes"
).split(" ");
const PUBLISHERS = ["Reuters", "AP", "AFP", "BBC News", "Al Jazeera", "The Guardian", "UN OCHA", "Human Rights Watch", "Local Coordination Committees"];
const TAGS = ["military", "humanitarian", "diplomacy", "politics", "economy", "displacement", "health", "media", "legal"];
const STATUSES = ["draft", "needs-review", "verified", "disputed"] as const;

export function buildLargeTimeline(entries: number): Uint8Array {
  const random = mulberry32(20110315);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const sentence = () => {
    const s = words(int(8, 16));
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const inlines = (): TBodyInline[] => {
    const runs: TBodyInline[] = [{ text: Array.from({ length: int(1, 3) }, sentence).join(" ") }];
    if (random() < 0.3) runs.push({ text: ` ${words(3)}`, bold: true });
    if (random() < 0.3) runs.push({ text: ` ${words(2)}`, href: `https://example.org/${words(1)}/${int(1000, 99999)}` });
    return runs;
  };
  const body = (): TBodyBlock[] => {
    const blocks: TBodyBlock[] = Array.from({ length: int(1, 2) }, () => ({ type: "paragraph" as const, content: inlines() }));
    if (random() < 0.2) blocks.push({ type: "bulletList", items: Array.from({ length: int(2, 4) }, () => [{ text: words(int(5, 10)) }]) });
    return blocks;
  };

  const doc = new Y.Doc();
  doc.clientID = 1;
  const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const entryId = () => Array.from({ length: 16 }, () => pick([...ID_CHARS])).join("");
  const by = () => ({ userId: `user-${int(1, 12)}`, now: new Date(Date.UTC(2024, 0, 1) + int(0, 1e10)) });
  initTimeline(doc, { title: "Bench: ten years of a conflict", summary: sentence() });
  for (let i = 0; i < entries; i++) {
    const day = new Date(Date.UTC(2011, 2, 15) + int(0, 4700) * 86_400_000).toISOString().slice(0, 10);
    const id = addEntry(doc, {
      start: day,
      headline: sentence().slice(0, 90),
      body: body(),
      sources: Array.from({ length: int(1, 2) }, () => ({ url: `https://example.org/news/${int(100000, 999999)}`, title: sentence().slice(0, 70), publisher: pick(PUBLISHERS) })),
      tags: Array.from({ length: int(1, 3) }, () => pick(TAGS)),
      status: pick(STATUSES),
      ...(random() < 0.25 ? { media: { url: `https://example.org/img/${int(1, 1e6)}.jpg`, caption: sentence(), credit: pick(PUBLISHERS) } } : {}),
    }, { ...by(), id: entryId() });
    if (random() < 0.33) setBody(doc, id, body(), by());
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
