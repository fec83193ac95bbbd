#!/usr/bin/env node
// `dialdesk` when the package is linked or installed: runs the TypeScript command line through tsx's loader.
import { fileURLToPath } from 'node:url';
import { nativeModuleProblem } from '../scripts/check-native.mjs';

const args = process.argv.slice(2);
// before anything opens a database: a missing native module is named here, not deep inside a command
const problem = nativeModuleProblem(fileURLToPath(new URL('..', import.meta.url)), process.env.DIALDESK_NATIVE_BINDING);
if (problem) {
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL', message: problem } })}\n`);
  else process.stderr.write(`error: ${problem}\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../src-main/cli/main.ts');
const code = await runCli(args);
if (code !== 0 || !args.includes('serve')) process.exitCode = code;
