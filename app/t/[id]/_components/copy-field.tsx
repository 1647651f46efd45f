"use client";

import { useId, useRef, useState } from "react";

/** A read-only value (a link, an embed snippet) with a button that copies it. */
export function CopyField({ label, value, testId, multiline = false }: { label: string; value: string; testId: string; multiline?: boolean }) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"copied" | "select" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("copied");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      ref.current?.select();
      setCopied("select");
    }
  }

  return (
    <div className="copy-field field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <span className="copy-field__row">
        {multiline ? (
          <textarea id={id} ref={ref} readOnly rows={3} value={value} onFocus={(e) => e.currentTarget.select()} data-testid={testId} />
        ) : (
          <input id={id} ref={ref} readOnly value={value} onFocus={(e) => e.currentTarget.select()} data-testid={testId} />
        )}
        <button type="button" className="button" onClick={() => void copy()} data-testid={`copy-${testId}`}>
          Copy
        </button>
      </span>
      {copied && (
        <p className="field__hint" role="status">
          {copied === "copied" ? "Copied to the clipboard." : "Press Ctrl+C (⌘C on a Mac) to copy the selected text."}
        </p>
      )}
    </div>
  );
}
