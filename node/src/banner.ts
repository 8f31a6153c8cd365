// What `npm start` prints once the node listens: where to go, set apart from the log lines.
export interface BannerInfo {
  version: string;
  url: string;
  store: string;
  bus: string;
  /** The demo application, when this node has one; keys only when they are new (shown once). */
  demo?: { publicId: string; origins: string[]; apiKey?: string; secret?: string };
  operator: boolean;
}

const row = (label: string, text: string) => `  ${label.padEnd(12)}${text}`;

export function bannerText(info: BannerInfo): string {
  const lines = [
    `openfaceio node ${info.version} is running (store: ${info.store}, bus: ${info.bus})`,
    '',
    row('Demo page', `${info.url}/`),
    row('Console', `${info.url}/console`),
    row('API', `${info.url}/v1/openapi.json`),
  ];
  if (info.demo) {
    // The origins as stored now (an operator may have added one in the console since the app was made).
    const origins = info.demo.origins.length ? info.demo.origins.join(', ') : 'any';
    lines.push('', row('Demo app', info.demo.publicId), row('  origins', origins));
    if (info.demo.apiKey && info.demo.secret) {
      lines.push(row('  API key', info.demo.apiKey), row('  secret', info.demo.secret));
      lines.push(row('', 'Sign in to the console with these. New at every start of this local node; only hashes are stored.'));
    }
  }
  lines.push(
    '',
    info.operator
      ? row('Operator', 'OPENFACEIO_OPERATOR_KEY is set: it signs in to the console with every application')
      : row('Operator', 'set OPENFACEIO_OPERATOR_KEY to manage every application from the console'),
  );
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const rule = '─'.repeat(Math.min(width, 110));
  return `\n${rule}\n${lines.join('\n')}\n${rule}\n`;
}
