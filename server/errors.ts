// One error type for expected failures; route handlers map it (and zod errors) to JSON responses.
import { z } from "zod";

export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  link_expired: 410,
  link_revoked: 410,
  validation: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** For z.preprocess: a value given empty (`?before=`, `SMTP_URL=`) is one not given. */
export const absentIfEmpty = (v: unknown): unknown => (v === "" ? undefined : v);

/** Parses input with a zod schema, turning the first issue into a validation AppError naming the field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new AppError("validation", field ? `${field}: ${issue?.message}` : (issue?.message ?? "invalid input"), field);
}
