# Dateline: one image runs the whole app (HTTP, Next.js and the collaboration WebSocket on one port).
# Without DATABASE_URL it keeps its data in embedded PGlite under /app/data: mount a volume there.
FROM node:20-bookworm-slim

WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# Dependencies first, so a source change reuses this layer. --ignore-scripts: no dependency needs its
# install script (Prisma runs on its WASM engine), and the project's postinstall needs the schema,
# which is not copied yet: the client is generated below.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund && npm cache clean --force

COPY . .
RUN npx prisma generate && npx next build \
  && mkdir -p data && chown -R node:node data .next

ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "server/main.ts"]
