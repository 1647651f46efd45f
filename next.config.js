/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time rather than bundled: they hold process-wide state that
  // server/main.ts shares with the route handlers.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "better-auth", "ws", "yjs"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
