// The phone's pages for cross-device sign-on, served by the node itself (their scan sessions are
// admitted by the verification token, not by a site's origin): the one-time registration page, the
// verification page a notification opens, the service worker and the web app manifest.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const read = (file: string): string => readFileSync(new URL(`./pages/${file}`, import.meta.url), 'utf8');

const PAGES: Readonly<Record<string, { file: string; type: string }>> = {
  '/sign-on/verify': { file: 'verify.html', type: 'text/html; charset=utf-8' },
  '/sign-on/register': { file: 'register.html', type: 'text/html; charset=utf-8' },
  '/sign-on/sw.js': { file: 'sw.js', type: 'text/javascript; charset=utf-8' },
  '/sign-on/manifest.webmanifest': { file: 'manifest.webmanifest', type: 'application/manifest+json' },
  '/sign-on/icon.svg': { file: 'icon.svg', type: 'image/svg+xml' },
};

/**
 * The pages' CSP: scripts from the node only (the pages' own inline module included); WebAssembly
 * compilation (onnxruntime-web, MediaPipe) and the inference worker, which starts from a blob: URL
 * importing the SDK; nothing may frame them (a one-time token is handled there).
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "frame-ancestors 'none'",
].join('; ');

export function registerSignOnPages(app: FastifyInstance): void {
  for (const [path, page] of Object.entries(PAGES)) {
    const body = read(page.file);
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type(page.type)
        .header('cache-control', 'no-cache')
        // The page handles a one-time token: nothing may frame it, nothing leaks in a Referer.
        .header('content-security-policy', PAGE_CSP)
        .header('x-frame-options', 'DENY')
        .send(body),
    );
  }
}
