// Errors of the entry form. Each is recorded under the input that caused it (its origin) and shown at
// the field the op named (TimelineOpError.field), so "the end is before the start" raised while
// editing the start appears next to whichever date the op blames, and clears when that input is fixed.
import { useCallback, useState } from "react";
import { TimelineOpError } from "@/lib/timeline/ops";

export type TShownError = { field: string; message: string };

export type TFieldErrors = {
  /** The error to show at `slot`, if any. */
  at: (slot: string) => TShownError | undefined;
  /** Whether the last value typed into `origin` was refused (so the input keeps showing it). */
  refused: (origin: string) => boolean;
  fail: (origin: string, error: TShownError) => void;
  clear: (origin: string) => void;
  /** Runs a write for `origin`; a TimelineOpError becomes the field's error instead of a crash. */
  attempt: (origin: string, write: () => void) => boolean;
};

/**
 * `slots` are the field names the form renders an error place for; an error naming anything else
 * (say "sources.0" for a source that needs a title) is shown at the input that caused it.
 */
export function useFieldErrors(slots: ReadonlySet<string>): TFieldErrors {
  const [errors, setErrors] = useState<Readonly<Record<string, TShownError>>>({});

  const fail = useCallback((origin: string, error: TShownError) => {
    setErrors((current) => ({ ...current, [origin]: error }));
  }, []);

  const clear = useCallback((origin: string) => {
    setErrors((current) => {
      if (!(origin in current)) return current;
      const { [origin]: _cleared, ...rest } = current;
      return rest;
    });
  }, []);

  const attempt = useCallback(
    (origin: string, write: () => void) => {
      try {
        write();
        clear(origin);
        return true;
      } catch (err) {
        if (!(err instanceof TimelineOpError)) throw err;
        fail(origin, { field: err.field, message: err.message });
        return false;
      }
    },
    [clear, fail],
  );

  const at = (slot: string): TShownError | undefined => {
    for (const [origin, error] of Object.entries(errors)) {
      if (error.field === slot || (origin === slot && !slots.has(error.field))) return error;
    }
    return undefined;
  };

  return { at, refused: (origin) => origin in errors, fail, clear, attempt };
}
