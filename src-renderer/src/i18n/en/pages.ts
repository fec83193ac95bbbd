/** Words of single pages, grouped by page. */
export const companies = {
  form: { noCountry: 'None (numbers need their country code)' },
};

export const apiKeys = {
  secret: {
    saved: 'I have saved it',
    lead: 'Copy the key now and give it to the dialer. DialDesk keeps only a fingerprint of it: it is never shown again.',
  },
};

export const overview = {
  lead: 'Every company you work for, as of now.',
  company: 'Company',
  calls: 'Calls today',
  answerRate: 'Answer rate',
  wallet: 'Wallet',
  dialers: 'Dialers at work',
  state: 'Dialing',
  alerts: 'Alerts',
  open: 'Open {{name}}',
  none: 'No companies yet.',
};

export const search = {
  title: 'Number history',
  lead: 'Every call to or from a number, in the companies you work for. Type it as you write it: national, international, Persian digits.',
  phone: 'Phone number',
  submit: 'Search',
  empty: 'No calls with this number.',
  asked: 'Searched as {{e164}}',
  when: 'When',
  company: 'Company',
  direction: 'Direction',
  status: 'Status',
  duration: 'Duration',
  inbound: 'Inbound',
  outbound: 'Outbound',
  more: 'Only the latest {{formatted}} calls are shown; the call log has them all.',
};
