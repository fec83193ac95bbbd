import type { Messages } from '../en';
import type { inboundSettings as enInboundSettings, recording as enRecording } from '../en/inbound';

export const inboundSettings: Messages<typeof enInboundSettings> = {
  title: 'تنظیمات هوش مصنوعی و Jambonz',
  subtitle:
    'مدل صوتی خود این شرکت، حساب Jambonz آن و بهای دقیقه‌های هوش مصنوعی. کلیدها روی همین میز ({{sealedWith}}) نگه داشته می‌شوند و دیگر نشان داده نمی‌شوند.',
  vendor: 'مدل صوتی',
  vendorSite: 'مدل و کلید سایت',
  model: 'شناسهٔ مدل',
  modelHint: 'خالی: پیش‌فرض فروشنده.',
  host: 'میزبان منبع Azure OpenAI',
  llmApiKey: 'کلید API مدل',
  webhookSecret: 'رمز وب‌هوک Jambonz',
  webhookSecretHint: 'از حساب Jambonz: آنگاه وب‌هوک‌ها با امضای Jambonz-Signature خود سنجیده می‌شوند.',
  jambonzApiUrl: 'نشانی REST API Jambonz',
  jambonzApiUrlHint: 'مانند https://jambonz.example.com/api/v1. حساب با هر تماس می‌آید. برای انتقال زنده و ضبط‌ها لازم است.',
  jambonzApiKey: 'کلید REST API Jambonz',
  recordCalls: 'ضبط تماس‌های هوش مصنوعی (نزد Jambonz)',
  rate: 'بهای هر دقیقهٔ آغازشدهٔ هوش مصنوعی',
  rateHint: '۰: دقیقه‌های هوش مصنوعی رایگان‌اند.',
  keySet: 'تنظیم شده، پایانش {{hint}}',
  keySetUnreadable: 'تنظیم شده، پایانش {{hint}}، ولی جایی مهر شده که این میز نمی‌تواند بازش کند',
  keyNotSet: 'تنظیم نشده',
  keyKeep: 'برای نگه داشتن مقدار کنونی خالی بگذارید.',
  keyNew: 'برای تنظیم، آن را بنویسید.',
  clear: 'پاک کردن',
  clearNamed: 'پاک کردن {{what}}',
  cleared: '{{what}} پاک شد',
  saved: 'تنظیمات هوش مصنوعی و Jambonz ذخیره شد',
  badRate: 'مبلغی مانند ۰٫۵۰ بنویسید.',
};

export const recording: Messages<typeof enRecording> = {
  play: 'پخش ضبط تماس',
  fetching: 'در حال دریافت ضبط…',
  label: 'ضبط تماس',
  openLink: 'باز کردن پیوند',
  reasons: {
    not_configured: 'برای پخش ضبط‌هایی که Jambonz نگه می‌دارد، نشانی و کلید REST API Jambonz این شرکت را (در تنظیمات ورودی) وارد کنید.',
    unreachable: 'دسترسی به Jambonz ممکن نشد.',
    timeout: 'Jambonz ضبط را به‌موقع نفرستاد.',
    refused: 'Jambonz از فرستادن ضبط خودداری کرد.',
    missing: 'Jambonz ضبطی برای این تماس ندارد.',
    too_large: 'این ضبط برای پخش در اینجا بیش از اندازه بزرگ است.',
    not_audio: 'پاسخ Jambonz ضبط صدا نبود.',
  },
};
