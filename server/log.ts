import { pino, type Logger } from "pino";

export type TLogger = Logger;

export function createLogger(level: string): TLogger {
  return pino({ level, base: { service: "dateline" } });
}
