"use client";

import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { timelineToTimelineJs } from "@/lib/formats/timelinejs";
import "./publishing.css";

/** The frame page (app/timelinejs-frame) and the messages it speaks. */
const FRAME_PATH = "/timelinejs-frame";
const RENDER = "dateline:timelinejs";
const READY = "dateline:timelinejs-ready";

/**
 * Typing must not rebuild TimelineJS on every keystroke: it re-lays out every slide. A pause this
 * long re-renders; a steady stream of edits still shows within the maximum wait.
 */
const DEBOUNCE_MS = 600;
const MAX_WAIT_MS = 3_000;

/**
 * The live doc as readers will see it: the real TimelineJS3 in a frame, fed our TimelineJS JSON of
 * the doc as it changes. The frame is sandboxed without same-origin: what TimelineJS renders (media
 * embeds, HTML in headlines) cannot reach this page, its session or its document. Its origin is then
 * opaque, so messages to it name no target origin, and messages from it are known by their source.
 */
export function TimelinePreview({ doc, onClose }: { doc: Y.Doc; onClose: () => void }) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "left">("loading");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let ready = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstPending: number | null = null;

    const render = () => {
      clearTimeout(timer);
      timer = undefined;
      firstPending = null;
      const target = frameRef.current?.contentWindow;
      if (!ready || !target) return;
      try {
        target.postMessage({ type: RENDER, json: timelineToTimelineJs(doc) }, "*");
        setError(null);
      } catch (err) {
        setError(err instanceof Error ? err.message : "The timeline could not be converted for TimelineJS.");
      }
    };
    const schedule = () => {
      const now = Date.now();
      firstPending ??= now;
      clearTimeout(timer);
      timer = setTimeout(render, Math.max(0, Math.min(DEBOUNCE_MS, firstPending + MAX_WAIT_MS - now)));
    };
    // The frame's own page says it is ready once, before its first load ends. Whatever the frame shows
    // after another load is not our page (a link followed inside it, say): it is sent nothing more.
    let answered = false;
    let loads = 0;
    const onMessage = (event: MessageEvent) => {
      if (answered || event.source !== frameRef.current?.contentWindow) return;
      const data: unknown = event.data;
      if (typeof data !== "object" || data === null || (data as { type?: unknown }).type !== READY) return;
      answered = true;
      ready = true;
      setState("ready");
      render();
    };
    const onLoad = () => {
      loads++;
      if (loads > 1) {
        ready = false;
        setState("left");
      }
    };
    const frame = frameRef.current;
    frame?.addEventListener("load", onLoad);
    window.addEventListener("message", onMessage);
    doc.on("update", schedule);
    return () => {
      frame?.removeEventListener("load", onLoad);
      window.removeEventListener("message", onMessage);
      doc.off("update", schedule);
      clearTimeout(timer);
    };
  }, [doc]);

  return (
    <section className="preview" aria-labelledby="preview-title" data-testid="preview" data-state={state}>
      <div className="preview__head">
        <h2 id="preview-title" className="preview__title">
          Preview
        </h2>
        <span className="field__hint">How readers will see the published timeline, with your latest edits.</span>
        <button type="button" className="button button--quiet" onClick={onClose} data-testid="close-preview">
          Close
        </button>
      </div>
      {state === "loading" && <p className="muted preview__status">Loading TimelineJS…</p>}
      {state === "left" && (
        <p className="form-error" role="alert" data-testid="preview-left">
          The preview moved to another page and no longer shows your edits. Close it and open Preview again.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="preview-error">
          {error}
        </p>
      )}
      <iframe
        ref={frameRef}
        className="preview__frame"
        src={FRAME_PATH}
        title="Preview of the published timeline"
        sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"
        data-testid="preview-frame"
      />
    </section>
  );
}
