"use client";

// Whatever a document holds (any Yjs client can write it), a part of it the editor cannot show must
// not take the page down with no way back.
export default function TimelineError({ reset }: { error: Error; reset: () => void }) {
  return (
    <section className="notice" role="alert">
      <p>Part of this timeline could not be shown. Your work is kept in this browser and on the server.</p>
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>{" "}
        <a href="/">Back to your timelines</a>
      </p>
    </section>
  );
}
