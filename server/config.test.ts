import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";
import { ROOT_DIR } from "./app.ts";

describe("configuration", () => {
  it("defaults to embedded storage on 127.0.0.1:3000", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ port: 3000, host: "127.0.0.1", databaseUrl: undefined, redisUrl: undefined, seedDemo: true });
  });

  it("takes a Postgres URL, a Redis URL and a port", () => {
    const c = parseConfig({ DATABASE_URL: "postgresql://u@db:5432/x", REDIS_URL: "redis://r:6379", PORT: "8080" });
    expect(c).toMatchObject({ databaseUrl: "postgresql://u@db:5432/x", redisUrl: "redis://r:6379", port: 8080 });
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://u@db/x"],
    ["REDIS_URL", "localhost:6379"],
    ["AUTH_SECRET", "short"],
    ["LOG_LEVEL", "loud"],
  ])("refuses %s=%s with a message naming the variable", (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it("a bad value stops the process at start with the variable's name", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
      cwd: ROOT_DIR,
      env: { ...process.env, PORT: "not-a-port", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Invalid configuration:\s+PORT:/);
  });
});
