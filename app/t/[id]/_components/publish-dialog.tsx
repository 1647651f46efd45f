"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import type * as Y from "yjs";
import { Stamp } from "@/app/_components/stamp";
import { ApiError } from "@/app/_lib/api-client";
import { count, sentence } from "@/app/_lib/text";
import { embedSnippet, publicationUrls } from "@/lib/formats/public-page";
import {
  getPublication,
  publishTimeline,
  unpublishTimeline,
  type TPublication,
  type TPublishWarning,
} from "@/app/_lib/publish-client";
import { CopyField } from "./copy-field";
import { useMeta } from "../_lib/use-meta";
import { STATUS_LABEL } from "./entry-card";
import "./publishing.css";

/**
 * The Publish button and its dialog (owners and editors): the public page's link and embed code,
 * publishing (the server lists what is not ready and asks for an explicit override), re-publishing
 * and taking the page down.
 */
export function PublishDialog({ timelineId, doc }: { timelineId: string; doc: Y.Doc }) {
  const { title } = useMeta(doc);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
  }, [open]);

  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="publish-button" aria-haspopup="dialog">
        Publish
      </button>
      <dialog
        ref={dialogRef}
        className="share-dialog"
        aria-labelledby="publish-dialog-title"
        onClose={() => setOpen(false)}
        // Escape closes this dialog only, not the entry panel behind it.
        onKeyDown={(e: KeyboardEvent<HTMLDialogElement>) => {
          if (e.key === "Escape") e.stopPropagation();
        }}
        data-testid="publish-panel"
      >
        {open && <PublishPanel timelineId={timelineId} title={title} onClose={() => dialogRef.current?.close()} />}
      </dialog>
    </>
  );
}

/** `undefined` while the current publication is being read. */
type TShown = TPublication | null | undefined;

function PublishPanel({ timelineId, title, onClose }: { timelineId: string; title: string; onClose: () => void }) {
  const router = useRouter();
  const [publication, setPublication] = useState<TShown>(undefined);
  const [blocked, setBlocked] = useState<TPublishWarning[] | null>(null);
  /** What the last publish went ahead despite (the override), shown until the next action. */
  const [overridden, setOverridden] = useState<TPublishWarning[]>([]);
  // What is under way, so each button says what it is doing; any of them disables the others.
  const [action, setAction] = useState<"publishing" | "unpublishing" | null>(null);
  const pending = action !== null;
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) {
        router.replace("/sign-in");
        return;
      }
      setError(err instanceof Error ? sentence(err.message) : "Something went wrong.");
    },
    [router],
  );

  useEffect(() => {
    let cancelled = false;
    getPublication(timelineId).then(
      (found) => {
        if (!cancelled) setPublication(found);
      },
      (err: unknown) => {
        if (!cancelled) fail(err);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [timelineId, fail]);

  async function publish(override: boolean) {
    setAction("publishing");
    setError(null);
    setOverridden([]);
    try {
      const result = await publishTimeline(timelineId, override);
      if (result.kind === "blocked") {
        setBlocked(result.warnings);
        return;
      }
      setBlocked(null);
      setOverridden(result.warnings);
      setPublication(result.publication);
    } catch (err) {
      fail(err);
    } finally {
      setAction(null);
    }
  }

  async function unpublish() {
    if (!window.confirm("Take the public page down? Its link and every embed stop working until you publish again.")) return;
    setAction("unpublishing");
    setError(null);
    setOverridden([]);
    try {
      await unpublishTimeline(timelineId);
      setPublication(null);
    } catch (err) {
      fail(err);
    } finally {
      setAction(null);
    }
  }

  return (
    <div className="share">
      <div className="share__head">
        <h2 id="publish-dialog-title">Publish</h2>
        <button type="button" className="button button--quiet" onClick={onClose} data-testid="close-publish">
          Close
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="publish-error">
          {error}
        </p>
      )}

      <section className="share__section" aria-labelledby="publish-page">
        <h3 id="publish-page">Public page</h3>
        {publication === undefined ? (
          !error && <p className="muted">Checking whether this timeline is published…</p>
        ) : publication === null ? (
          <p className="field__hint" data-testid="publish-state" data-state="unpublished">
            Not published. Publishing freezes the timeline as it is now into a page anyone with the link can read, without
            signing in. Later edits reach the page only when you publish again.
          </p>
        ) : (
          <>
            <p className="field__hint" data-testid="publish-state" data-state="published">
              Published <Stamp at={publication.publishedAt} />. Edits since then are not on the page until you re-publish.{" "}
              <a href={publication.url} target="_blank" rel="noopener" data-testid="open-published">
                Open the page
              </a>
            </p>
            <CopyField label="Link" value={publication.url} testId="published-url" />
            <CopyField label="Embed code" value={embedSnippet(embedUrl(publication), title)} testId="embed-code" multiline />
          </>
        )}
        {overridden.length > 0 && (
          <p className="field__hint" role="status" data-testid="published-with-warnings">
            Published with {count(overridden.length, "warning")}.
          </p>
        )}
      </section>

      {blocked && (
        <section className="share__section publish-warnings" aria-labelledby="publish-warnings" data-testid="publish-warnings">
          <h3 id="publish-warnings">Not ready to publish</h3>
          <p className="field__hint">Readers will see these as they are now. Check them first, or publish anyway.</p>
          <WarningList warnings={blocked} />
          <div className="publish__actions">
            <button type="button" className="button button--primary" onClick={() => void publish(true)} disabled={pending} data-testid="publish-anyway">
              Publish anyway
            </button>
            <button type="button" className="button button--quiet" onClick={() => setBlocked(null)} disabled={pending} data-testid="publish-cancel">
              Cancel
            </button>
          </div>
        </section>
      )}

      {!blocked && publication !== undefined && (
        <div className="publish__actions share__leave">
          {publication && (
            <button type="button" className="button button--danger-quiet" onClick={() => void unpublish()} disabled={pending} data-testid="unpublish">
              {action === "unpublishing" ? "Unpublishing…" : "Unpublish"}
            </button>
          )}
          <button type="button" className="button button--primary" onClick={() => void publish(false)} disabled={pending} data-testid="publish-submit">
            {action === "publishing" ? "Publishing…" : publication ? "Re-publish" : "Publish"}
          </button>
        </div>
      )}
    </div>
  );
}

function WarningList({ warnings }: { warnings: readonly TPublishWarning[] }) {
  const unverified = warnings.filter((w) => w.kind === "unverified");
  const missingAlt = warnings.filter((w) => w.kind === "missing-alt");
  return (
    <>
      {unverified.length > 0 && (
        <>
          <p className="share__subhead">{count(unverified.length, "entry is", "entries are")} not verified</p>
          <ul className="publish-warnings__list">
            {unverified.map((w) => (
              <li key={`unverified-${w.entryId}`} data-testid="publish-warning" data-kind={w.kind} data-entry-id={w.entryId}>
                <span className="publish-warnings__what">{w.headline || "Untitled entry"}</span>
                <span className="muted"> · {STATUS_LABEL[w.status]}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {missingAlt.length > 0 && (
        <>
          <p className="share__subhead">{count(missingAlt.length, "media item has", "media items have")} no alt text</p>
          <ul className="publish-warnings__list">
            {missingAlt.map((w) => (
              <li key={`alt-${w.entryId ?? "title"}`} data-testid="publish-warning" data-kind={w.kind} data-entry-id={w.entryId ?? undefined}>
                <span className="publish-warnings__what">
                  {w.entryId === null ? "The title slide" : w.headline || "Untitled entry"}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The embed's address beside the page's: `<base>/p/<slug>` → `<base>/embed/<slug>`, whatever path the base has. */
function embedUrl({ url, slug }: TPublication): string {
  const tail = `/p/${encodeURIComponent(slug)}`;
  return publicationUrls(url.endsWith(tail) ? url.slice(0, -tail.length) : new URL(url).origin, slug).embed;
}
