"use client";

import { useId, useMemo, useState } from "react";
import type { TMember } from "@/app/_lib/api-client";
import type { TThread } from "@/app/_lib/fact-check-client";
import { webHref } from "@/app/_lib/safe-url";
import { tryParsePartialDate } from "@/lib/timeline/dates";
import { TimelineOpError, deleteEntry, entryBody, updateEntry, type TEntryPatch } from "@/lib/timeline/ops";
import type { TEntry, TSource } from "@/lib/timeline/schema";
import type { THighlight } from "../_lib/comment-highlights";
import type { TCollab } from "../_lib/use-collab";
import { useEntry } from "../_lib/entries-store";
import { useFieldErrors, type TFieldErrors } from "../_lib/field-errors";
import { QUALIFIER_OPTIONS, formatTags, parseQualifier, parseTags } from "../_lib/entry-fields";
import type { TPresenceUser } from "../_lib/presence";
import { BodyEditor, type TPassageComment } from "./body-editor";
import { EntryHistory } from "./entry-history";
import { DATE_HINT, Field, LiveTextField, Options } from "./fields";
import { HeadlineInput } from "./headline-input";
import { ObjectFields, nonEmpty, type TObjectField } from "./object-fields";
import { SOURCE_SLOTS, SourcesEditor } from "./sources-editor";
import { ThreadComposer } from "./thread-composer";
import { VerificationSection } from "./verification-section";

const MEDIA_FIELDS: readonly TObjectField[] = [
  { key: "url", label: "Media URL or embed code", testId: "field-media-url", placeholder: "https://" },
  { key: "caption", label: "Caption", testId: "field-media-caption" },
  { key: "credit", label: "Credit", testId: "field-media-credit" },
  { key: "alt", label: "Alt text", testId: "field-media-alt", hint: "Describe the image for readers who cannot see it." },
];
const MEDIA_MORE: readonly TObjectField[] = [
  { key: "title", label: "Media title", testId: "field-media-title" },
  { key: "thumbnail", label: "Thumbnail URL", testId: "field-media-thumbnail" },
  { key: "link", label: "Link", testId: "field-media-link" },
  { key: "linkTarget", label: "Link target", testId: "field-media-link-target" },
];
const BACKGROUND_FIELDS: readonly TObjectField[] = [
  { key: "url", label: "Background image URL", testId: "field-background-url" },
  { key: "color", label: "Background colour", testId: "field-background-color", placeholder: "#1a1a1a" },
  { key: "alt", label: "Background alt text", testId: "field-background-alt" },
  { key: "opacity", label: "Background opacity", testId: "field-background-opacity", hint: "From 0 to 1" },
];

const SCALAR_SLOTS = ["start", "end", "qualifier", "displayDate", "headline", "group", "tags", "media", "background", "sources"];

function slotsFor(sourceCount: number): ReadonlySet<string> {
  const slots = new Set(SCALAR_SLOTS);
  for (const f of [...MEDIA_FIELDS, ...MEDIA_MORE]) slots.add(`media.${f.key}`);
  for (const f of BACKGROUND_FIELDS) slots.add(`background.${f.key}`);
  // One more than there are: the unsaved new row.
  for (let i = 0; i <= sourceCount; i++) {
    slots.add(`sources.${i}`);
    for (const key of SOURCE_SLOTS) slots.add(`sources.${i}.${key}`);
  }
  return slots;
}

function asText(record: object | undefined): Record<string, string> {
  if (!record) return {};
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
}

/** What the entry panel needs of the timeline's comments (issue 13). */
export type TEntryCommenting = {
  timelineId: string;
  /** Owners, editors and fact-checkers write comments and set the status; viewers read. */
  canComment: boolean;
  /** This entry's threads, open and resolved. */
  threads: readonly TThread[];
  /** Who a comment can mention. */
  members: readonly TMember[];
  /** A thread whose passage to scroll to and emphasise (a new `seq` each time). */
  focus: { threadId: string; seq: number } | null;
  onCreated: (thread: TThread) => void;
  /** Shows a thread in the comments sidebar. */
  onOpenThread: (threadId: string) => void;
  onShowComments: () => void;
};

/** Live editing of one entry: every change is written to the shared doc as it is made. */
export function EntryEditor({
  collab,
  entryId,
  user,
  readOnly,
  commenting,
  onClose,
}: {
  collab: TCollab;
  entryId: string;
  user: TPresenceUser;
  readOnly: boolean;
  commenting: TEntryCommenting;
  onClose: () => void;
}) {
  const entry = useEntry(collab.entries, entryId);
  const sourceCount = entry?.sources.length ?? 0;
  const slots = useMemo(() => slotsFor(sourceCount), [sourceCount]);
  const errors = useFieldErrors(slots);

  if (!entry) {
    return (
      <div className="entry-editor__gone">
        <p>This entry has been deleted.</p>
        <button type="button" className="button" onClick={onClose} data-testid="close-editor">
          Close
        </button>
      </div>
    );
  }
  return (
    <EntryEditorFields collab={collab} entry={entry} user={user} readOnly={readOnly} commenting={commenting} onClose={onClose} errors={errors} />
  );
}

function EntryEditorFields({
  collab,
  entry,
  user,
  readOnly,
  commenting,
  onClose,
  errors,
}: {
  collab: TCollab;
  entry: TEntry;
  user: TPresenceUser;
  readOnly: boolean;
  commenting: TEntryCommenting;
  onClose: () => void;
  errors: TFieldErrors;
}) {
  const { doc, provider } = collab;
  const id = entry.id;
  const bodyLabelId = useId();
  const commentsTitleId = useId();
  const body = useMemo(() => entryBody(doc, id), [doc, id]);
  const opts = { userId: user.id };
  const { threads, canComment } = commenting;
  const highlights = useMemo<THighlight[]>(
    () => threads.flatMap((t) => (!t.resolved && t.anchor ? [{ threadId: t.id, anchor: t.anchor }] : [])),
    [threads],
  );
  const openThreads = threads.filter((t) => !t.resolved).length;
  // One comment being written at a time: on a passage of the body, or on the whole entry.
  const [composing, setComposing] = useState<{ passage: TPassageComment | null } | null>(null);
  const created = (thread: TThread) => {
    setComposing(null);
    window.getSelection()?.removeAllRanges();
    commenting.onCreated(thread);
  };

  const update = (origin: string, patch: TEntryPatch) => errors.attempt(origin, () => updateEntry(doc, id, patch, opts));

  const setDate = (field: "start" | "end", text: string) => {
    const value = text.trim();
    if (field === "end" && value === "") {
      update("end", { end: null });
      return;
    }
    const parsed = tryParsePartialDate(value);
    if (!parsed.ok) errors.fail(field, { field, message: parsed.error });
    else update(field, field === "start" ? { start: value } : { end: value });
  };

  const writeMedia = (next: Readonly<Record<string, string>>) => {
    const media = nonEmpty(next);
    updateEntry(doc, id, { media: Object.keys(media).length === 0 ? null : { url: media.url ?? "", ...media } }, opts);
  };

  const writeBackground = (next: Readonly<Record<string, string>>) => {
    const { opacity, ...rest } = nonEmpty(next);
    const value = opacity === undefined ? undefined : Number(opacity);
    if (value !== undefined && !(value >= 0 && value <= 1)) {
      throw new TimelineOpError("background.opacity", "Opacity is a number from 0 to 1");
    }
    const empty = Object.keys(rest).length === 0 && value === undefined;
    updateEntry(doc, id, { background: empty ? null : { ...rest, opacity: value } }, opts);
  };

  const writeSources = (next: TSource[]) => updateEntry(doc, id, { sources: next }, opts);

  const remove = () => {
    if (!window.confirm(`Delete the entry “${entry.headline || "Untitled entry"}”? Colleagues lose it too.`)) return;
    deleteEntry(doc, id, opts);
    onClose();
  };

  const mediaUrl = entry.media?.url ?? "";

  return (
    <form className="entry-form" onSubmit={(e) => e.preventDefault()} aria-label="Edit entry">
      <div className="entry-form__head">
        <h2>Entry</h2>
        <button type="button" className="button button--quiet" onClick={onClose} data-testid="close-editor">
          Close
        </button>
      </div>

      <fieldset className="entry-form__group" disabled={readOnly}>
        <legend>When</legend>
        <div className="entry-form__row">
          <LiveTextField
            label="Start"
            testId="field-start"
            hint={DATE_HINT}
            value={entry.start}
            onValue={(v) => setDate("start", v)}
            refused={errors.refused("start")}
            error={errors.at("start")}
            disabled={readOnly}
          />
          <LiveTextField
            label="End (optional)"
            testId="field-end"
            hint={DATE_HINT}
            value={entry.end ?? ""}
            onValue={(v) => setDate("end", v)}
            refused={errors.refused("end")}
            error={errors.at("end")}
            disabled={readOnly}
          />
        </div>
        <div className="entry-form__row">
          <Field label="Qualifier" error={errors.at("qualifier")}>
            {({ id: controlId }) => (
              <select
                id={controlId}
                value={entry.qualifier ?? ""}
                onChange={(e) => update("qualifier", { qualifier: parseQualifier(e.target.value) })}
                disabled={readOnly}
                data-testid="field-qualifier"
              >
                <Options options={QUALIFIER_OPTIONS} />
              </select>
            )}
          </Field>
          <LiveTextField
            label="Display date (optional)"
            testId="field-display-date"
            hint="Replaces the date label, e.g. “Spring 2011”."
            value={entry.displayDate ?? ""}
            onValue={(v) => update("displayDate", { displayDate: v.trim() === "" ? null : v })}
            refused={errors.refused("displayDate")}
            error={errors.at("displayDate")}
            disabled={readOnly}
          />
        </div>
      </fieldset>

      {/* Not disabled as a whole: a fact-checker's read-only body still offers its Comment button. */}
      <fieldset className="entry-form__group">
        <legend>What</legend>
        <HeadlineInput doc={doc} entryId={id} userId={user.id} disabled={readOnly} errors={errors} />
        <div className="field">
          <span className="field__label" id={bodyLabelId}>
            Body
          </span>
          <BodyEditor
            key={id}
            fragment={body}
            provider={provider}
            user={user}
            editable={!readOnly}
            labelId={bodyLabelId}
            highlights={highlights}
            focus={commenting.focus}
            onComment={canComment ? (passage) => setComposing({ passage }) : undefined}
            onOpenThread={commenting.onOpenThread}
          />
        </div>
      </fieldset>

      <section className="entry-form__group entry-comments" aria-labelledby={commentsTitleId}>
        <h3 className="entry-comments__title" id={commentsTitleId}>
          Comments
        </h3>
        <div className="entry-comments__row">
          {openThreads > 0 || threads.length > 0 ? (
            <button type="button" className="button button--quiet" onClick={commenting.onShowComments} data-testid="show-entry-threads">
              {openThreads} open {openThreads === 1 ? "thread" : "threads"}
              {threads.length > openThreads ? `, ${threads.length - openThreads} resolved` : ""}
            </button>
          ) : (
            <span className="muted">No comments on this entry.</span>
          )}
          {canComment && composing === null && (
            <button type="button" className="button" onClick={() => setComposing({ passage: null })} data-testid="comment-on-entry">
              Comment on entry
            </button>
          )}
        </div>
        {canComment && composing === null && <p className="field__hint">To comment on a passage, select it in the body.</p>}
        {composing && (
          <ThreadComposer
            key={composing.passage?.anchor.start ?? "entry"}
            timelineId={commenting.timelineId}
            entryId={id}
            passage={composing.passage}
            members={commenting.members}
            onCreated={created}
            onCancel={() => setComposing(null)}
          />
        )}
      </section>

      <VerificationSection timelineId={commenting.timelineId} entry={entry} canSet={canComment}>
        <fieldset className="entry-form__nested" disabled={readOnly}>
          <h3 className="entry-form__subhead">Sources</h3>
          <SourcesEditor sources={entry.sources} write={writeSources} errors={errors} disabled={readOnly} />
        </fieldset>
      </VerificationSection>

      <fieldset className="entry-form__group" disabled={readOnly}>
        <legend>Media</legend>
        <ObjectFields
          name="media"
          fields={MEDIA_FIELDS}
          more={MEDIA_MORE}
          stored={asText(entry.media)}
          write={writeMedia}
          errors={errors}
          disabled={readOnly}
        />
        {mediaUrl && <MediaPreview url={mediaUrl} />}
      </fieldset>

      <fieldset className="entry-form__group" disabled={readOnly}>
        <legend>Filing</legend>
        <LiveTextField
          label="Group"
          testId="field-group"
          hint="A lane on the timeline, e.g. “Diplomacy”."
          value={entry.group ?? ""}
          onValue={(v) => update("group", { group: v.trim() === "" ? null : v })}
          refused={errors.refused("group")}
          error={errors.at("group")}
          disabled={readOnly}
        />
        <LiveTextField
          label="Tags"
          testId="field-tags"
          hint="Separate tags with commas."
          value={formatTags(entry.tags)}
          onValue={(v) => update("tags", { tags: parseTags(v) })}
          refused={errors.refused("tags")}
          error={errors.at("tags")}
          disabled={readOnly}
        />
        <details className="more-fields">
          <summary>Background</summary>
          <ObjectFields
            name="background"
            fields={BACKGROUND_FIELDS}
            stored={asText(entry.background)}
            write={writeBackground}
            errors={errors}
            disabled={readOnly}
          />
        </details>
      </fieldset>

      <EntryStamp entry={entry} />

      <EntryHistory timelineId={commenting.timelineId} doc={doc} entryId={id} />

      {!readOnly && (
        <div className="entry-form__danger">
          <button type="button" className="button button--danger" onClick={remove} data-testid="delete-entry">
            Delete entry
          </button>
        </div>
      )}
    </form>
  );
}

/** Media URLs may be embed HTML (TimelineJS allows it); it is never rendered into this page. */
function MediaPreview({ url }: { url: string }) {
  const href = webHref(url);
  if (href) {
    return (
      <p className="media-preview" data-testid="media-preview">
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          Open media in a new tab
        </a>
      </p>
    );
  }
  if (url.trimStart().startsWith("<")) {
    return (
      <p className="media-preview muted" data-testid="media-preview">
        Embed code: kept for export, not previewed here.
      </p>
    );
  }
  return (
    <p className="media-preview muted" data-testid="media-preview">
      Not a web address: it will not be previewed.
    </p>
  );
}

const stampFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

function EntryStamp({ entry }: { entry: TEntry }) {
  if (!entry.updatedAt) return null;
  const date = new Date(entry.updatedAt);
  if (Number.isNaN(date.getTime())) return null;
  return (
    <p className="entry-form__stamp muted">
      Last changed <time dateTime={entry.updatedAt}>{stampFormat.format(date)}</time>
    </p>
  );
}
