import type { Messages } from '../en';
import type { overview as enOverview, search as enSearch } from '../en/pages';

export const overview: Messages<typeof enOverview> = {
  lead: 'همهٔ شرکت‌هایی که برایشان کار می‌کنید، همین حالا.',
  company: 'شرکت',
  calls: 'تماس‌های امروز',
  answerRate: 'نرخ پاسخ',
  wallet: 'کیف پول',
  dialers: 'شماره‌گیرهای فعال',
  state: 'شماره‌گیری',
  alerts: 'هشدارها',
  open: 'باز کردن {{name}}',
  none: 'هنوز شرکتی نیست.',
};

export const search: Messages<typeof enSearch> = {
  title: 'سابقهٔ شماره',
  lead: 'همهٔ تماس‌ها با یک شماره در شرکت‌هایی که برایشان کار می‌کنید. همان‌طور که می‌نویسید وارد کنید: داخلی، بین‌المللی، با رقم‌های فارسی.',
  phone: 'شمارهٔ تلفن',
  submit: 'جست‌وجو',
  empty: 'تماسی با این شماره نیست.',
  asked: 'جست‌وجو شده به صورت ⁦{{e164}}⁩',
  when: 'زمان',
  company: 'شرکت',
  direction: 'جهت',
  status: 'وضعیت',
  duration: 'مدت',
  inbound: 'ورودی',
  outbound: 'خروجی',
  more: 'تنها {{formatted}} تماس آخر نمایش داده شده؛ همه در گزارش تماس‌ها هستند.',
};
