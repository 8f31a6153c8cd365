// The widget's one call to the node's sign-on API, made with the host's short-lived start token
// (never the site's JWT, which stays on the host's backend).
import { SIGN_ON_CODES, type SignOnCode, type WidgetLogin } from '../../protocol/index.js';
import { SignOnFailure } from './sign-on.types.js';

const KNOWN_CODES = new Set<number>(Object.values(SIGN_ON_CODES));

export async function startWidgetLogin(node: string, body: { start_token: string; id?: string; email?: string }): Promise<WidgetLogin> {
  let response: Response;
  try {
    response = await fetch(`${node.replace(/\/+$/, '')}/api/v1/facial_sign_on/widget/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch (error) {
    throw new SignOnFailure(SIGN_ON_CODES.NETWORK, `the node could not be reached: ${String(error)}`, true);
  }
  const json = (await response.json().catch(() => null)) as {
    success?: boolean;
    data?: WidgetLogin;
    code?: number;
    message?: string;
    retryable?: boolean;
  } | null;
  if (response.ok && json?.success && json.data) return json.data;
  const code = (json?.code !== undefined && KNOWN_CODES.has(json.code) ? json.code : SIGN_ON_CODES.BAD_REQUEST) as SignOnCode;
  throw new SignOnFailure(code, json?.message ?? `the node answered HTTP ${response.status}`, json?.retryable ?? response.status >= 500);
}
