"use client";

import type { TComment } from "@/app/_lib/fact-check-client";
import { commentSegments } from "@/lib/timeline/mentions";

/** A comment's text: plain text (never markup) with the mentions the server counted as chips. */
export function CommentBody({ comment }: { comment: Pick<TComment, "body" | "mentions"> }) {
  return (
    <p className="comment__body">
      {commentSegments(comment.body, comment.mentions).map((segment, i) =>
        segment.kind === "mention" ? (
          <span key={i} className="mention" data-user-id={segment.userId}>
            @{segment.name}
          </span>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
