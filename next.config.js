// Next.js configuration. PGlite, the WASM schema engine and the database drivers stay outside the bundle:
// they load files from node_modules at run time (bundled, PGlite's first query fails with "path … instance of URL").
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Types are checked by `npm run typecheck` (in CI before the build), over the whole project including tests.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Turbopack's build cache (on by default since 16.4) is written at the end of every build: 8–13 s here, paid by
  // a fresh clone's first `npm start` and by CI, for a cache only a later rebuild reads (`cruxmap start` rebuilds
  // only when the sources change). Without it the build took 27.6 s against 36.1 s, one after the other.
  experimental: { turbopackFileSystemCacheForBuild: false },
  // The W3C Web Annotation Protocol container's address ends in a slash (/api/v1/workspaces/:ws/w3c/annotations/):
  // answer it there instead of redirecting to the address without one.
  skipTrailingSlashRedirect: true,
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pglite-prisma-adapter',
    '@prisma/schema-engine-wasm',
    '@prisma/adapter-pg',
    'pg',
    'bcryptjs',
  ],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
