#!/usr/bin/env node
// `dialdesk` (npm link, an installed package, the desktop package's launcher): the command line as
// `npm run build` compiled it into out/main/cli.js. No TypeScript loader at run time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nativeModuleProblem } from '../scripts/check-native.mjs';

const args = process.argv.slice(2);
const fail = (message) => {
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL', message } })}\n`);
  else process.stderr.write(`error: ${message}\n`);
  process.exit(1);
};
// before anything opens a database: a missing native module is named here, not deep inside a command
const problem = nativeModuleProblem(fileURLToPath(new URL('..', import.meta.url)), process.env.DIALDESK_NATIVE_BINDING);
if (problem) fail(problem);
const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) fail(`the command line is not built (${fileURLToPath(cli)} is missing): run "npm run build" first`);
const { runCli } = await import(cli.href);
const code = await runCli(args);
if (code !== 0 || !args.includes('serve')) process.exitCode = code;
