import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * Everything the app needs is on its own origin; the policy says so. 'wasm-unsafe-eval' lets
 * tfjs compile its wasm backend; inline styles are React's and d3's style attributes.
 * Build only: the dev server injects an inline React-refresh script the policy would block.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  // The worker's tfjs without WebGL, the converter and tfjs-data (src/ml/tfjsLean.ts).
  resolve: {
    alias: [
      {
        find: /^@tensorflow\/tfjs$/,
        replacement: fileURLToPath(new URL('./src/ml/tfjsLean.ts', import.meta.url)),
      },
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, sourcemap: true },
  server: { port: 5173 },
  // The preview (what e2e tests) also sends the policy as a header, which covers the worker too.
  preview: { port: 4173, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});
