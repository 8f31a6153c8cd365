// The console's routes, in the URL's hash (the node serves one page): #/apps, #/app/<publicId>/<page>.
export const PAGES = ['overview', 'settings', 'security', 'keys', 'facial-ids', 'sign-on', 'webhooks'] as const;
export type AppPageName = (typeof PAGES)[number];

export type Route = { kind: 'apps' } | { kind: 'app'; publicId: string; page: AppPageName };

export function parseRoute(hash: string): Route {
  const [, kind, publicId, page] = hash.replace(/^#\/?/, '').split('/').length ? ['', ...hash.replace(/^#\/?/, '').split('/')] : [];
  if (kind === 'app' && publicId && /^[\w-]{3,64}$/.test(publicId)) {
    return { kind: 'app', publicId, page: (PAGES as readonly string[]).includes(page ?? '') ? (page as AppPageName) : 'overview' };
  }
  return { kind: 'apps' };
}
