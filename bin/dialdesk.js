#!/usr/bin/env node
// `dialdesk` when the package is linked or installed: runs the TypeScript command line through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src-main/cli/main.ts');
const args = process.argv.slice(2);
const code = await runCli(args);
if (code !== 0 || !args.includes('serve')) process.exitCode = code;
