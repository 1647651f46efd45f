// Configuration: the environment is parsed once, at start, into a typed object that is passed on.
// Nothing else reads process.env, so every module is testable with a config of its own.
import path from "node:path";
import { z } from "zod";
import { absentIfEmpty } from "./errors.ts";

const ZPostgresUrl = z
  .string()
  .url("must be a URL such as postgresql://user@host:5432/db")
  .refine((u) => /^postgres(ql)?:\/\//.test(u), "must start with postgresql://");

const ZRedisUrl = z
  .string()
  .url("must be a URL such as redis://127.0.0.1:6379")
  .refine((u) => /^rediss?:\/\//.test(u), "must start with redis:// or rediss://");

/** A count of `unit` from min to max, `fallback` when unset or empty; the error names the range. */
function wholeNumber(min: number, max: number, fallback: number, unit: string) {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z.preprocess(absentIfEmpty, z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback));
}

export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.preprocess(absentIfEmpty, ZPostgresUrl.optional()),
  REDIS_URL: z.preprocess(absentIfEmpty, ZRedisUrl.optional()),
  AUTH_SECRET: z.preprocess(absentIfEmpty, z.string().min(32, "must be at least 32 characters").optional()),
  /** The URL users reach the app at, when it differs from http://HOST:PORT (behind a proxy). */
  PUBLIC_URL: z.preprocess(absentIfEmpty, z.string().url().optional()),
  /** Embedded PGlite's directory and the generated secret live here. */
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Behind a reverse proxy: take the client's address (for rate limits) from X-Forwarded-For. */
  TRUST_PROXY: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** Sign-in and sign-up attempts allowed per client address per minute (password guessing). */
  AUTH_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Mentions are also emailed through this server (smtp:// or smtps://, credentials in the URL). */
  SMTP_URL: z.preprocess(absentIfEmpty, z.string().url().refine((u) => /^smtps?:\/\//.test(u), "must start with smtp:// or smtps://").optional()),
  /** The From address of those emails. */
  SMTP_FROM: z.preprocess(absentIfEmpty, z.string().min(3).optional()),
  /** Automatic versions (issue 15): one at the latest this many minutes after the oldest edit no version holds. */
  SNAPSHOT_EVERY_MINUTES: wholeNumber(1, 24 * 60, 10, "minutes"),
  /** …and one once edits have paused this many seconds. */
  SNAPSHOT_QUIET_SECONDS: wholeNumber(1, 24 * 3600, 120, "seconds"),
  /** Retention of automatic versions: every one of the last this many hours… */
  SNAPSHOT_KEEP_ALL_HOURS: wholeNumber(1, 24 * 365, 24, "hours"),
  /** …then the last of each hour for this many days, then the last of each day. */
  SNAPSHOT_HOURLY_DAYS: wholeNumber(0, 3650, 7, "days"),
  /** Seed the Idlib demo timeline on first start. */
  SEED_DEMO: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
});

export type TConfig = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  authSecret: string | undefined;
  publicUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof ZEnv>["LOG_LEVEL"];
  seedDemo: boolean;
  trustProxy: boolean;
  authAttemptsPerMinute: number;
  smtpUrl: string | undefined;
  smtpFrom: string;
  snapshotEveryMinutes: number;
  snapshotQuietSeconds: number;
  snapshotKeepAllHours: number;
  snapshotHourlyDays: number;
};

export class ConfigError extends Error {}

/** Parses an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): TConfig {
  const result = ZEnv.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = result.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    authSecret: e.AUTH_SECRET,
    publicUrl: e.PUBLIC_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
    authAttemptsPerMinute: e.AUTH_ATTEMPTS_PER_MINUTE,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM ?? "Dateline <dateline@localhost>",
    snapshotEveryMinutes: e.SNAPSHOT_EVERY_MINUTES,
    snapshotQuietSeconds: e.SNAPSHOT_QUIET_SECONDS,
    snapshotKeepAllHours: e.SNAPSHOT_KEEP_ALL_HOURS,
    snapshotHourlyDays: e.SNAPSHOT_HOURLY_DAYS,
  };
}
