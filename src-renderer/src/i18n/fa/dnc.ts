import type { Messages } from '../en';
import type { dnc as enDnc } from '../en/dnc';

export const dnc: Messages<typeof enDnc> = {
  lead: 'فهرست سایت (از آنِ مالک سایت) شماره را از همهٔ شرکت‌ها دور نگه می‌دارد؛ فهرست خودِ یک شرکت (از آنِ مدیرش) فقط از همان شرکت.',
  which: 'کدام فهرست',
  site: 'فهرست سایت',
  company: 'فهرست {{name}}',
  readOnly: 'این فهرست را می‌بینید؛ فهرست سایت را فقط مالک سایت تغییر می‌دهد.',
  search: 'جست‌وجو در این فهرست',
  searchHint: 'بخشی از شماره، به هر شکلی.',
  exportCsv: 'خروجی CSV',
  exported: 'فهرست منع تماس',
  cols: { phone: 'تلفن', added: 'افزوده شده', source: 'منبع', addedBy: 'افزوده به دست' },
  total_one: '{{formatted}} شماره',
  total_other: '{{formatted}} شماره',
  empty: 'کسی در این فهرست نیست',
  emptySearch: 'هیچ شماره‌ای از این فهرست جور نیست',
  prev: 'قبلی',
  next: 'بعدی',
  page: '{{from}} تا {{to}} از {{total}}',
  add: {
    title: 'افزودن یک شماره',
    lead: 'یک شماره به {{list}}، همان‌طور که می‌نویسید.',
    phone: 'شمارهٔ تلفن',
    country: 'کشورِ شمارهٔ داخلی',
    submit: 'افزودن به فهرست',
    added: '{{phone}} اکنون در {{list}} است',
    known: '{{phone}} از پیش در {{list}} بود',
  },
};
