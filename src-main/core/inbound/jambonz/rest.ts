import { hookUrl } from './hooks';

/**
 * Jambonz's REST API, for the one thing DialDesk asks of it: move a live call to a new application.
 * `PUT /v1/Accounts/:sid/Calls/:callSid` with `call_hook` (jambonz-api-server
 * lib/routes/api/accounts.js updateCall; one kind of update per request, validateUpdateCall) makes
 * the feature server fetch that hook and replace what the call runs (lib/session/call-session.js
 * _lccCallHook → replaceApplication, which kills the running `llm` verb). A relative hook goes to the
 * host of the application's calling webhook, as the other hooks do.
 */
export interface RedirectResult {
  ok: boolean;
  detail: string;
}

/**
 * How long the REST API may take to take the update. The model waits for the tool hook's answer in
 * silence meanwhile, and the feature server gives up on a webhook after 10 s (lib/config.js
 * HTTP_TIMEOUT, JAMBONES_HTTP_TIMEOUT): past that the model never hears back at all.
 */
export const REDIRECT_TIMEOUT_MS = 5000;

export async function redirectCall(
  api: { url: string; key: string },
  accountSid: string,
  callSid: string,
  timeoutMs = REDIRECT_TIMEOUT_MS,
): Promise<RedirectResult> {
  const url = `${api.url}/Accounts/${encodeURIComponent(accountSid)}/Calls/${encodeURIComponent(callSid)}`;
  try {
    const res = await fetch(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ call_hook: { url: hookUrl.transfer(callSid), method: 'POST' } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // 202: the feature server took the update (it answers 200 only to sip_request)
    if (res.ok) return { ok: true, detail: `Jambonz answered ${res.status}` };
    return { ok: false, detail: `Jambonz answered ${res.status}: ${(await res.text().catch(() => '')).slice(0, 200)}` };
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError')
      return { ok: false, detail: `Jambonz's REST API at ${api.url} did not answer within ${timeoutMs / 1000} s` };
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    return { ok: false, detail: `Jambonz's REST API at ${api.url} could not be reached: ${cause}` };
  }
}
