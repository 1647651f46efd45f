"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { TMember } from "@/app/_lib/api-client";
import { filterMembers, mentionMarkup, mentionQueryAt } from "../_lib/mentions";

/** Enough to pick from without the list covering the thread. */
const MAX_OPTIONS = 8;

/**
 * A comment box where `@` opens a picker of the timeline's members: filtered as one types, arrows
 * and Enter or the mouse choose, Escape closes. Choosing writes `@[Name](userId)`. Ctrl/Cmd+Enter
 * sends the comment.
 */
export function MentionTextarea({
  label,
  value,
  onChange,
  onSubmit,
  members,
  testId,
  placeholder,
  disabled,
  autoFocus,
  labelHidden,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  members: readonly TMember[];
  testId: string;
  placeholder?: string;
  disabled?: boolean;
  autoFocus?: boolean;
  labelHidden?: boolean;
}) {
  const id = useId();
  const listId = `${id}-mentions`;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);

  const mention = mentionQueryAt(value, caret);
  const options = mention ? filterMembers(members, mention.query).slice(0, MAX_OPTIONS) : [];
  const open = mention !== null && options.length > 0 && dismissedAt !== mention.start;
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const track = (el: HTMLTextAreaElement) => setCaret(el.selectionStart ?? el.value.length);

  const choose = (member: TMember) => {
    if (!mention) return;
    const inserted = `${mentionMarkup(member.name, member.userId)} `;
    const next = value.slice(0, mention.start) + inserted + value.slice(caret);
    const at = mention.start + inserted.length;
    onChange(next);
    setCaret(at);
    setActive(0);
    // After React has written the new value: put the caret after the mention.
    requestAnimationFrame(() => {
      const el = ref.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        setActive((activeIndex + step + options.length) % options.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        choose(options[activeIndex]);
        return;
      }
      if (e.key === "Escape") {
        // Closes the picker only, not the panel or dialog around it.
        e.preventDefault();
        e.stopPropagation();
        if (mention) setDismissedAt(mention.start);
        return;
      }
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="mention-box">
      <label className={labelHidden ? "visually-hidden" : "field__label"} htmlFor={id}>
        {label}
      </label>
      <textarea
        ref={ref}
        id={id}
        className="mention-box__input"
        rows={2}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        autoFocus={autoFocus}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target);
          setActive(0);
          // A dismissed picker stays closed while that mention is typed on, not for the next `@`.
          const next = mentionQueryAt(e.target.value, e.target.selectionStart ?? e.target.value.length);
          if (next?.start !== dismissedAt) setDismissedAt(null);
        }}
        onSelect={(e) => track(e.currentTarget)}
        onKeyDown={onKeyDown}
        onBlur={() => mention && setDismissedAt(mention.start)}
        onFocus={() => setDismissedAt(null)}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${activeIndex}` : undefined}
        data-testid={testId}
      />
      {open && (
        <ul className="mention-picker" id={listId} role="listbox" aria-label="Mention someone" data-testid="mention-picker">
          {options.map((member, i) => (
            <li
              key={member.userId}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={`mention-picker__option${i === activeIndex ? " mention-picker__option--active" : ""}`}
              // Keep the focus (and the caret) in the box.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(member)}
              data-testid="mention-option"
            >
              <span className="mention-picker__name">{member.name}</span>
              <span className="mention-picker__email">{member.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
