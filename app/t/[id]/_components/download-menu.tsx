"use client";

import { useCallback, useId, useRef, useState } from "react";
import { usePopoverDismiss } from "@/app/_lib/use-popover-dismiss";
import { EXPORT_FORMATS, fetchExport, type TExportFormat } from "@/app/_lib/publish-client";
import "./publishing.css";

const FORMAT: Record<TExportFormat, { label: string; hint: string }> = {
  timelinejs: { label: "TimelineJS JSON", hint: "For a TimelineJS3 embed" },
  csv: { label: "TimelineJS spreadsheet (CSV)", hint: "Opens in the TimelineJS Google Sheets template" },
  html: { label: "Web page (HTML)", hint: "One standalone page, no script" },
  markdown: { label: "Markdown", hint: "For a CMS or a notes app" },
  jsonld: { label: "Structured data (JSON-LD)", hint: "schema.org events, for search engines" },
  json: { label: "Dateline JSON", hint: "Everything, for a backup or another program" },
};

/** Hands a file in memory to the browser's downloads, as a click on a link to it would. */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The Download button and its list of formats. Each export is fetched first rather than linked, so
 * that a refusal (signed out, offline) is said on the page instead of becoming a broken download.
 */
export function DownloadMenu({ timelineId }: { timelineId: string }) {
  const [open, setOpen] = useState(false);
  const closePopover = useCallback(() => setOpen(false), []);
  const [pending, setPending] = useState<TExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  usePopoverDismiss(open, closePopover, rootRef, buttonRef);

  async function download(format: TExportFormat) {
    setPending(format);
    setError(null);
    try {
      const { blob, filename } = await fetchExport(timelineId, format);
      saveFile(blob, filename);
      setOpen(false);
    } catch (err) {
      setError(`Could not download ${FORMAT[format].label}: ${err instanceof Error ? err.message : "something went wrong."}`);
      // Shown where it was asked for, even if the menu was closed meanwhile.
      setOpen(true);
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="popover" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        onClick={() => {
          setError(null);
          setOpen((o) => !o);
        }}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="download-button"
      >
        Download
      </button>
      {open && (
        <div className="popover__panel download-menu" id={panelId} data-testid="download-menu">
          <p className="popover__title">Download this timeline as</p>
          <ul className="download-menu__list">
            {EXPORT_FORMATS.map((format) => (
              <li key={format}>
                <button
                  type="button"
                  className="download-menu__item"
                  onClick={() => void download(format)}
                  disabled={pending !== null}
                  data-testid="download-format"
                  data-format={format}
                >
                  <span className="download-menu__label">
                    {FORMAT[format].label}
                    {pending === format && <span className="muted"> · preparing…</span>}
                  </span>
                  <span className="download-menu__hint">{FORMAT[format].hint}</span>
                </button>
              </li>
            ))}
          </ul>
          {error && (
            <p className="form-error" role="alert" data-testid="download-error">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
