// The server as a separate process, for tests that kill it (SIGKILL cannot be simulated in-process).
// Configured by the environment like server/main.ts. With FIXTURE_SEED=1 it first creates a user
// and a timeline. Prints one line `READY {"url", "timelineId"?, "email"?, "password"?}` once listening.
import { parseConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { startServer } from "../app.ts";
import { createTimeline } from "../domain/create-timeline.ts";

const config = parseConfig(process.env);
const server = await startServer(config, createLogger(config.logLevel), { next: false });
let seeded = {};
if (process.env.FIXTURE_SEED === "1") {
  const email = `fixture-${Date.now()}@example.test`;
  const password = "correct horse battery";
  const { user } = await server.context.auth.api.signUpEmail({ body: { name: "Fixture Editor", email, password } });
  const timeline = await createTimeline(server.context, user.id, { title: "Fixture" });
  seeded = { timelineId: timeline.id, email, password };
}
process.stdout.write(`READY ${JSON.stringify({ url: server.url, ...seeded })}\n`);
process.on("SIGTERM", () => {
  server.close().then(() => process.exit(0));
});
