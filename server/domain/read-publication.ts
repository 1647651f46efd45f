import * as Y from "yjs";
import type { TDomain } from "../context.ts";

/** A published timeline as its public routes serve it: the frozen doc and a memo of what was made of it. */
export type TPublishedTimeline = {
  slug: string;
  timelineId: string;
  snapshotId: string;
  publishedAt: Date;
  /** The snapshot's doc, shared by every request: read it, never change it. */
  doc: Y.Doc;
  /** `make(doc)` once per snapshot and key (the page, the JSON...), then from memory. */
  rendered(key: string, make: (doc: Y.Doc) => string): string;
  /**
   * As `rendered`, for what holds absolute URLs at `base` (the request's origin when PUBLIC_URL is unset):
   * made once with a stand-in base, then the base written in; made-up Host headers cost a string
   * replacement, never a new rendering.
   */
  renderedAt(key: string, base: string, make: (doc: Y.Doc, base: string) => string): string;
};

export type TPublicationLookup = { status: "published"; publication: TPublishedTimeline } | { status: "unpublished" } | { status: "unknown" };

// What newSlug makes; anything else names no publication and never reaches a query.
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG = 100;

/**
 * The publication at `slug`, without a session: the snapshot it was frozen at, never the live room, so
 * later edits show only once re-published. One indexed query per request; the snapshot is read and
 * decoded once per snapshot id and kept in memory (bounded), so a 5,000-entry page is not rebuilt for
 * every reader.
 */
export async function readPublication(d: Pick<TDomain, "prisma">, slug: string): Promise<TPublicationLookup> {
  if (slug.length > MAX_SLUG || !SLUG.test(slug)) return { status: "unknown" };
  const row = await d.prisma.publication.findUnique({
    where: { slug },
    select: { timelineId: true, snapshotId: true, publishedAt: true, unpublishedAt: true },
  });
  if (!row) return { status: "unknown" };
  if (row.unpublishedAt !== null) return { status: "unpublished" };
  const frozen = await frozenDocs().get(row.snapshotId, async () => {
    const snapshot = await d.prisma.snapshot.findUniqueOrThrow({ where: { id: row.snapshotId }, select: { state: true } });
    return new Uint8Array(snapshot.state);
  });
  return {
    status: "published",
    publication: {
      slug,
      timelineId: row.timelineId,
      snapshotId: row.snapshotId,
      publishedAt: row.publishedAt,
      doc: frozen.doc,
      rendered: (key, make) => frozen.render(key, make),
      renderedAt: (key, base, make) => frozen.renderAt(key, base, make),
    },
  };
}

// A 5,000-entry doc takes tens of megabytes decoded, with its page and JSON: a handful of the most read
// publications is what keeps TTFB small without letting memory grow with the number published.
const MAX_DOCS = 8;
// The base URLs a rendering was last asked for: a handful (localhost, the LAN address, the proxy's name).
const MAX_BASES = 8;
// A base no request can have (.invalid is reserved): replaced by the request's base, as written in HTML
// attributes and JSON, and percent-encoded in the oEmbed discovery link's query.
const STAND_IN_BASE = "https://base.dateline.invalid";

class FrozenDoc {
  private readonly renderings = new Map<string, string>();
  private readonly atBase = new Map<string, string>();
  constructor(readonly doc: Y.Doc) {}

  render(key: string, make: (doc: Y.Doc) => string): string {
    let out = this.renderings.get(key);
    if (out === undefined) {
      out = make(this.doc);
      this.renderings.set(key, out);
    }
    return out;
  }

  renderAt(key: string, base: string, make: (doc: Y.Doc, base: string) => string): string {
    const id = `${key} ${base}`;
    const cached = this.atBase.get(id);
    if (cached !== undefined) {
      this.atBase.delete(id);
      this.atBase.set(id, cached);
      return cached;
    }
    const template = this.render(`${key} template`, (doc) => make(doc, STAND_IN_BASE));
    const out = template.split(STAND_IN_BASE).join(base).split(encodeURIComponent(STAND_IN_BASE)).join(encodeURIComponent(base));
    if (this.atBase.size >= MAX_BASES) this.atBase.delete(this.atBase.keys().next().value!);
    this.atBase.set(id, out);
    return out;
  }
}

/** Least recently used first out. Holds promises, so readers arriving together decode a snapshot once. */
class FrozenDocs {
  private readonly docs = new Map<string, Promise<FrozenDoc>>();

  get(snapshotId: string, load: () => Promise<Uint8Array>): Promise<FrozenDoc> {
    const cached = this.docs.get(snapshotId);
    if (cached) {
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently read.
      this.docs.delete(snapshotId);
      this.docs.set(snapshotId, cached);
      return cached;
    }
    const loading = load().then((state) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      return new FrozenDoc(doc);
    });
    // A failed read is not remembered: the next reader tries again.
    loading.catch(() => {
      if (this.docs.get(snapshotId) === loading) this.docs.delete(snapshotId);
    });
    while (this.docs.size >= MAX_DOCS) this.docs.delete(this.docs.keys().next().value!);
    this.docs.set(snapshotId, loading);
    return loading;
  }
}

// Next compiles each route into a bundle of its own: the cache lives on globalThis so that the page, its
// embed and its JSON share one (the same reason as server/context.ts).
const KEY = Symbol.for("dateline.frozenDocs");
type TGlobal = typeof globalThis & { [KEY]?: FrozenDocs };

function frozenDocs(): FrozenDocs {
  return ((globalThis as TGlobal)[KEY] ??= new FrozenDocs());
}
