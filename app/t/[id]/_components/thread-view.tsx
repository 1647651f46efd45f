"use client";

import { FieldError } from "./fields";
import { Stamp } from "@/app/_components/stamp";
import { useState, type FormEvent, type MouseEvent } from "react";
import type { TMember } from "@/app/_lib/api-client";
import {
  addComment,
  deleteComment,
  editComment,
  setThreadResolved,
  type TComment,
  type TThread,
} from "@/app/_lib/fact-check-client";
import { entryDateLabel } from "@/lib/timeline/dates";
import type { TEntry } from "@/lib/timeline/schema";
import { CommentBody } from "./comment-body";
import { MentionTextarea } from "./mention-textarea";

/** Where a thread's passage or entry went, if it went: the thread is kept and says so. */
export type TOrphan = "entry" | "text" | null;

function message(err: unknown): string {
  return err instanceof Error ? err.message : "Something went wrong.";
}

/** Clicks on the thread's own controls do what they say, not "go to the passage". */
function onControl(event: MouseEvent): boolean {
  return event.target instanceof Element && event.target.closest("button, a, input, textarea, select, label, [role=option]") !== null;
}

export function ThreadView({
  timelineId,
  thread,
  entry,
  orphan,
  selfId,
  members,
  canComment,
  selected,
  onOpen,
  onThread,
  onComment,
}: {
  timelineId: string;
  thread: TThread;
  /** undefined once the entry is gone. */
  entry: TEntry | undefined;
  orphan: TOrphan;
  selfId: string;
  members: readonly TMember[];
  canComment: boolean;
  selected: boolean;
  /** Opens the entry and shows the passage. */
  onOpen: (thread: TThread) => void;
  /** A thread the API just returned (resolved, reopened). */
  onThread: (thread: TThread) => void;
  /**
   * A comment the API just returned (a reply, an edit, a deletion). Only the comment: it is merged
   * into the thread as it is by then, which may hold replies that arrived while this one was sent.
   */
  onComment: (comment: TComment) => void;
}) {
  const [reply, setReply] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(message(err));
    } finally {
      setPending(false);
    }
  }

  const sendReply = () => {
    const body = reply.trim();
    if (body === "" || pending) return;
    void run(async () => {
      const comment = await addComment(timelineId, thread.id, body);
      setReply("");
      onComment(comment);
    });
  };

  const onReply = (e: FormEvent) => {
    e.preventDefault();
    sendReply();
  };

  const resolve = (resolved: boolean) => void run(async () => onThread(await setThreadResolved(timelineId, thread.id, resolved)));

  const canOpen = orphan !== "entry" && entry !== undefined;
  const label = entry ? `${entryDateLabel(entry)} · ${entry.headline || "Untitled entry"}` : "Deleted entry";

  return (
    <article
      className={`thread${thread.resolved ? " thread--resolved" : ""}${selected ? " thread--selected" : ""}`}
      data-testid="thread"
      data-thread-id={thread.id}
      aria-label={`Thread on ${label}`}
      onClick={(e) => {
        if (canOpen && !onControl(e)) onOpen(thread);
      }}
    >
      <header className="thread__head">
        {canOpen ? (
          <button type="button" className="thread__entry" onClick={() => onOpen(thread)} title="Show in the entry">
            {label}
          </button>
        ) : (
          <span className="thread__entry thread__entry--gone">{label}</span>
        )}
        {thread.resolved && <span className="thread__state">Resolved</span>}
      </header>
      {thread.quote !== null && <blockquote className="thread__quote">{thread.quote}</blockquote>}
      {orphan && (
        <p className="thread__orphan" data-testid="thread-orphan">
          {orphan === "entry" ? "on deleted entry" : "on deleted text"}
        </p>
      )}

      <ol className="thread__comments">
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            timelineId={timelineId}
            comment={comment}
            own={comment.author?.id === selfId && canComment}
            members={members}
            onEdited={onComment}
            onError={setError}
          />
        ))}
      </ol>

      {thread.resolved && thread.resolvedBy && thread.resolvedAt && (
        <p className="thread__resolved muted">
          Resolved by {thread.resolvedBy.name}, <Stamp at={thread.resolvedAt} />
        </p>
      )}

      <FieldError error={error ?? undefined} />

      {canComment && (
        <div className="thread__actions">
          <form className="thread__reply" onSubmit={onReply}>
            <MentionTextarea
              label="Reply"
              labelHidden
              value={reply}
              onChange={setReply}
              onSubmit={sendReply}
              members={members}
              placeholder="Reply… (@ to mention)"
              testId="reply-input"
              disabled={pending}
            />
            <div className="thread__buttons">
              {thread.resolved ? (
                <button type="button" className="button button--quiet" onClick={() => resolve(false)} disabled={pending} data-testid="reopen-thread">
                  Reopen
                </button>
              ) : (
                <button type="button" className="button button--quiet" onClick={() => resolve(true)} disabled={pending} data-testid="resolve-thread">
                  Resolve
                </button>
              )}
              <button type="submit" className="button" disabled={pending || reply.trim() === ""} data-testid="reply-submit">
                Reply
              </button>
            </div>
          </form>
        </div>
      )}
    </article>
  );
}

function CommentItem({
  timelineId,
  comment,
  own,
  members,
  onEdited,
  onError,
}: {
  timelineId: string;
  comment: TComment;
  own: boolean;
  members: readonly TMember[];
  onEdited: (comment: TComment) => void;
  onError: (message: string | null) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function run(action: () => Promise<void>) {
    setPending(true);
    onError(null);
    try {
      await action();
    } catch (err) {
      onError(message(err));
    } finally {
      setPending(false);
    }
  }

  const save = () => {
    const body = draft?.trim() ?? "";
    if (body === "") return;
    void run(async () => {
      onEdited(await editComment(timelineId, comment.threadId, comment.id, body));
      setDraft(null);
    });
  };

  const remove = () => {
    if (!window.confirm("Delete this comment? Colleagues see that a comment was deleted.")) return;
    void run(async () => {
      await deleteComment(timelineId, comment.threadId, comment.id);
      onEdited({ ...comment, body: "", mentions: [], deleted: true });
    });
  };

  return (
    <li className="comment" data-testid="comment" data-comment-id={comment.id}>
      <div className="comment__meta">
        <span className="comment__author">{comment.author?.name ?? "Former member"}</span>
        <Stamp at={comment.createdAt} />
        {comment.editedAt && !comment.deleted && <span className="muted">(edited)</span>}
      </div>
      {comment.deleted ? (
        <p className="comment__body comment__body--deleted muted">Comment deleted.</p>
      ) : draft !== null ? (
        <form
          className="comment__edit"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <MentionTextarea
            label="Edit comment"
            labelHidden
            value={draft}
            onChange={setDraft}
            onSubmit={save}
            members={members}
            testId="comment-edit-input"
            disabled={pending}
            autoFocus
          />
          <div className="thread__buttons">
            <button type="button" className="button button--quiet" onClick={() => setDraft(null)} disabled={pending}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={pending || draft.trim() === ""} data-testid="comment-edit-save">
              Save
            </button>
          </div>
        </form>
      ) : (
        <CommentBody comment={comment} />
      )}
      {own && !comment.deleted && draft === null && (
        <div className="comment__own">
          <button type="button" className="button button--quiet" onClick={() => setDraft(comment.body)} disabled={pending} data-testid="comment-edit">
            Edit
          </button>
          <button type="button" className="button button--danger-quiet" onClick={remove} disabled={pending} data-testid="comment-delete">
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
