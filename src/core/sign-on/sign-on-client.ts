// The widget's calls to the node's sign-on API: one, made with the host's short-lived start token
// (never the site's JWT, which stays on the host's backend).
import { SignOnError, type WidgetLogin } from './sign-on-types.js';

/** Network trouble, told the same way as the node's refusals. */
const NETWORK = { code: 7, user_message: 'The connection to the server failed. Check your internet connection and try again.' };

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
    throw new SignOnError(NETWORK.code, `the node could not be reached: ${String(error)}`, NETWORK.user_message, true);
  }
  const json = (await response.json().catch(() => null)) as {
    success?: boolean;
    data?: WidgetLogin;
    code?: number;
    message?: string;
    user_message?: string;
    retryable?: boolean;
  } | null;
  if (response.ok && json?.success && json.data) return json.data;
  throw new SignOnError(
    json?.code ?? 9,
    json?.message ?? `the node answered HTTP ${response.status}`,
    json?.user_message ?? 'Signing in did not work. Please try again.',
    json?.retryable ?? response.status >= 500,
  );
}
