"use client";

import { FieldError } from "./fields";
import { useState } from "react";
import type { TMember } from "@/app/_lib/api-client";
import { ApiError } from "@/app/_lib/api-client";
import { createThread, type TThread } from "@/app/_lib/fact-check-client";
import { MAX_COMMENT_CHARS } from "@/lib/protocol/limits";
import type { TAnchor } from "@/lib/timeline/anchors";
import { MentionTextarea } from "./mention-textarea";

/** A comment longer than this is refused by the server; said here before the round trip. */
const BODY_MAX = MAX_COMMENT_CHARS;

/** Starts a thread on the entry, or on a passage of its body when `passage` is given. */
export function ThreadComposer({
  timelineId,
  entryId,
  passage,
  members,
  onCreated,
  onCancel,
}: {
  timelineId: string;
  entryId: string;
  passage: { anchor: TAnchor; quote: string } | null;
  members: readonly TMember[];
  onCreated: (thread: TThread) => void;
  onCancel: () => void;
}) {
  const [body, setBody] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    const text = body.trim();
    if (text === "" || pending) return;
    if (text.length > BODY_MAX) {
      setError(`A comment can be up to ${BODY_MAX.toLocaleString("en")} characters.`);
      return;
    }
    setPending(true);
    setError(null);
    try {
      onCreated(await createThread(timelineId, { entryId, body: text, ...(passage ? { anchor: passage.anchor } : {}) }));
    } catch (err) {
      setError(
        err instanceof ApiError && err.field === "anchor"
          ? "That passage is no longer in the body (someone changed it). Select it again."
          : err instanceof Error
            ? err.message
            : "Could not post the comment.",
      );
      setPending(false);
    }
  }

  return (
    // Not a <form>: it sits inside the entry's form, and forms do not nest.
    <div className="composer" role="group" aria-label={passage ? "Comment on the selected passage" : "Comment on this entry"}>
      {passage ? (
        <blockquote className="thread__quote composer__quote">{passage.quote}</blockquote>
      ) : (
        <p className="composer__what muted">On the whole entry</p>
      )}
      <MentionTextarea
        label="Comment"
        value={body}
        onChange={setBody}
        onSubmit={() => void send()}
        members={members}
        placeholder="What needs checking? (@ to mention)"
        testId="comment-input"
        disabled={pending}
        autoFocus
      />
      <FieldError error={error ?? undefined} />
      <div className="thread__buttons">
        <button type="button" className="button button--quiet" onClick={onCancel} disabled={pending} data-testid="comment-cancel">
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void send()}
          disabled={pending || body.trim() === ""}
          data-testid="comment-submit"
        >
          Comment
        </button>
      </div>
    </div>
  );
}
