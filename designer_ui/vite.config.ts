import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The Python API (uvicorn) listens here during development; in production it
// serves the built `dist/` folder itself, so every path below is same-origin.
const API_TARGET = "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: API_TARGET, changeOrigin: false },
      "/docs": { target: API_TARGET, changeOrigin: false },
      "/openapi.json": { target: API_TARGET, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
