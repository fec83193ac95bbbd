/** Words of single pages, grouped by page. */
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
