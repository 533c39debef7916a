import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

// The web front end lives in web/ and is built to web/dist, which the API server
// serves with an SPA fallback. In development, `npx vite` proxies the API to the
// server on port 3000.
const root = fileURLToPath(new URL("./web", import.meta.url));
const api = "http://127.0.0.1:3000";

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // The React core changes less often than the app: keep it in its own chunk.
        // Everything else is split by route, so the storefront does not load what
        // only the admin console uses (date pickers, tables …).
        codeSplitting: {
          groups: [
            { name: "vendor-react", test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack|i18next|react-i18next)[\\/]/, priority: 20 },
            { name: "vendor-ui", test: /node_modules[\\/]/, minShareCount: 2, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/metrics": { target: api, changeOrigin: false },
    },
  },
});
