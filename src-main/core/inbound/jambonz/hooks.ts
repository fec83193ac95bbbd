/**
 * Where the verbs DialDesk answers send their own webhooks. Relative URLs: the feature server sends
 * them to the host of the application's calling webhook (lib/utils/http-requestor.js request():
 * `${this.baseUrl}${url}` for a url starting with "/"), with the same basic auth and signature. So
 * DialDesk must be at the root of that host, not behind a path prefix. Each names the call, since the
 * llm verb's tool and event hooks carry no call id of their own (TaskLlm.sendToolHook sends
 * { tool_call_id, name, args } only).
 */
export const JAMBONZ_HOOKS = '/api/v1/inbound/jambonz';

const hook = (path: string) => (callSid: string) => `${JAMBONZ_HOOKS}/${path}?call_sid=${encodeURIComponent(callSid)}`;

export const hookUrl = {
  llmAction: hook('llm-action'),
  llmEvent: hook('llm-event'),
  tool: hook('tool'),
  transfer: hook('transfer'),
  dialAction: hook('dial-action'),
};
