import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, runnerImport } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Writes the integrator API's OpenAPI document (shared/openapi.ts) into the built assets, where the
 * worker reads it for /api/openapi.json. Loaded through Vite like the app's own modules.
 */
function openApi(): Plugin {
  const generator = new URL('./shared/openapi.ts', import.meta.url).pathname;
  return {
    name: 'countersign-openapi',
    apply: 'build',
    async generateBundle() {
      const { module } = await runnerImport<typeof import('./shared/openapi.ts')>(generator, { configFile: false });
      const source = JSON.stringify(module.openApiDocument(), null, 2);
      this.emitFile({ type: 'asset', fileName: 'openapi.json', source });
    },
  };
}

// The PWA: built into dist/web, which wrangler serves as static assets (wrangler.toml [assets]).
export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  plugins: [
    preact(),
    openApi(),
    VitePWA({
      registerType: 'autoUpdate',
      manifest: {
        name: 'Countersign',
        short_name: 'Countersign',
        description: 'Prove who you are to your bank, and know it is really your bank calling.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b4f6c',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html}'],
        // Web Push: shows call alerts and opens the app when one is tapped (web/public/push-sw.js).
        importScripts: ['push-sw.js'],
        navigateFallback: '/index.html',
        // The API is never cached: answers are personal and must be fresh.
        navigateFallbackDenylist: [/^\/api\//],
      },
    }),
  ],
});
