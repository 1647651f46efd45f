"use client";

import { useEffect, useRef } from "react";
import type * as Y from "yjs";
import { entryTitle, setHeadline } from "@/lib/timeline/ops";
import type { TFieldErrors } from "../_lib/field-errors";
import { mapIndexThroughDelta } from "../_lib/map-index";
import { Field } from "./fields";

/**
 * The headline, bound live to the entry's Y.Text. The input is uncontrolled: it always mirrors the
 * Y.Text, every keystroke goes in as a minimal diff (setHeadline), and a colleague's edit rewrites
 * the value with the local caret carried through their change, so two people typing in one headline
 * both keep their keystrokes.
 */
export function HeadlineInput({
  doc,
  entryId,
  userId,
  disabled,
  errors,
}: {
  doc: Y.Doc;
  entryId: string;
  userId: string;
  disabled: boolean;
  errors: TFieldErrors;
}) {
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const title = entryTitle(doc, entryId);
    input.value = title.toString();
    const onTitleChange = (event: Y.YTextEvent) => {
      const next = title.toString();
      // Our own keystrokes are already in the input.
      if (input.value === next) return;
      const { selectionStart, selectionEnd, selectionDirection } = input;
      const focused = document.activeElement === input;
      input.value = next;
      if (focused && selectionStart !== null && selectionEnd !== null) {
        input.setSelectionRange(
          mapIndexThroughDelta(event.delta, selectionStart),
          mapIndexThroughDelta(event.delta, selectionEnd),
          selectionDirection ?? undefined,
        );
      }
    };
    title.observe(onTitleChange);
    return () => title.unobserve(onTitleChange);
  }, [doc, entryId]);

  const onInput = (input: HTMLInputElement) => {
    const written = errors.attempt("headline", () => setHeadline(doc, entryId, input.value, { userId }));
    // A refused headline is not kept on screen: the input must keep mirroring the Y.Text, or the next
    // diff would be taken against text the doc never had.
    if (!written) input.value = entryTitle(doc, entryId).toString();
  };

  return (
    <Field label="Headline" error={errors.at("headline")}>
      {({ id }) => (
        <input
          id={id}
          ref={inputRef}
          className="headline-input"
          onInput={(e) => onInput(e.currentTarget)}
          disabled={disabled}
          placeholder="What happened"
          data-testid="field-headline"
        />
      )}
    </Field>
  );
}
