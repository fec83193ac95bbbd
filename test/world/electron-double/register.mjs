import { register } from 'node:module';

// `node --import ./register.mjs ...`: from here on `import 'electron'` is the double (hooks.mjs)
register('./hooks.mjs', import.meta.url);
