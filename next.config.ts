import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The probe worker, sandbox and CLI are separate processes; keep the build to app/.
  typescript: { ignoreBuildErrors: false },
  // forbidden(): a signed-in user without the role for a page gets a real 403
  experimental: { authInterrupts: true },
};

export default nextConfig;
