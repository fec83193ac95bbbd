/** Words of the inbound pages' company AI settings, and of the call detail's recording player. */
export const inboundSettings = {
  title: 'AI and Jambonz settings',
  subtitle:
    "This company's own voice model, its Jambonz account and the price of AI minutes. Keys are stored on this desk ({{sealedWith}}) and never shown again.",
  vendor: 'Voice model',
  vendorSite: "The site's model and key",
  model: 'Model id',
  modelHint: 'Empty: the vendor default.',
  host: 'Azure OpenAI resource host',
  llmApiKey: 'Model API key',
  webhookSecret: 'Jambonz webhook secret',
  webhookSecretHint: 'From the Jambonz account: webhooks are then checked against their Jambonz-Signature.',
  jambonzApiUrl: 'Jambonz REST API URL',
  jambonzApiUrlHint:
    'Such as https://jambonz.example.com/api/v1. The account comes with each call. Needed for live transfers and recordings.',
  jambonzApiKey: 'Jambonz REST API key',
  recordCalls: 'Record AI calls (kept by Jambonz)',
  rate: 'AI price per started minute',
  rateHint: '0: AI minutes are free.',
  keySet: 'Set, ends in {{hint}}',
  keySetUnreadable: 'Set, ends in {{hint}}, but sealed where this desk cannot open it',
  keyNotSet: 'Not set',
  keyKeep: 'Leave empty to keep the current one.',
  keyNew: 'Type it to set it.',
  clear: 'Clear',
  clearNamed: 'Clear the {{what}}',
  cleared: '{{what}} cleared',
  saved: 'AI and Jambonz settings saved',
  badRate: 'Type an amount such as 0.50.',
};

export const recording = {
  play: 'Play the recording',
  fetching: 'Fetching the recording…',
  label: 'Call recording',
  openLink: 'Open the link',
  reasons: {
    not_configured: "Set this company's Jambonz REST API URL and key (inbound settings) to play recordings Jambonz keeps.",
    unreachable: 'Jambonz could not be reached.',
    timeout: 'Jambonz did not send the recording in time.',
    refused: 'Jambonz refused to send the recording.',
    missing: 'Jambonz has no recording for this call.',
    too_large: 'The recording is too large to play here.',
    not_audio: 'Jambonz answered something that is not a recording.',
  },
};
