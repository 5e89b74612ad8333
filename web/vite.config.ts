// Vite builds the web application into web/dist, which `dxgov serve` serves (--web-root).
// During development, `npm run dev` proxies the API to a running server (DXGOV_API,
// default http://127.0.0.1:8080).
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 800, // minified; the budget that matters is 500 KB gzip for the first load (docs/benchmarks.md)
  },
  server: {
    proxy: {
      "/api": process.env.DXGOV_API ?? "http://127.0.0.1:8080",
    },
  },
});
