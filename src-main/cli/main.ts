#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { VERSION } from '../core/version';
import { EXIT_BAD_INPUT, EXIT_OK, exitCodeFor, printError, type GlobalOptions } from './io';
import { registerServe } from './commands/serve';
import { registerCompany } from './commands/company';
import { registerCompanyTransfer } from './commands/company-transfer';
import { registerBackup } from './commands/backup';
import { registerRestore } from './commands/restore';
import { registerDoctor } from './commands/doctor';
import { registerUser } from './commands/user';
import { registerAiAgent } from './commands/aiagent';
import { registerInbound } from './commands/inbound';
import { registerNumbers } from './commands/numbers';
import { registerSchedule } from './commands/schedule';
import { registerApiKey } from './commands/apikey';
import { registerWallet } from './commands/wallet';
import { registerSimulate } from './commands/simulate';
import { registerScenario } from './commands/scenario';
import { registerDb } from './commands/db';
import { registerPause } from './commands/pause';

export function buildProgram(): Command {
  const program = new Command('dialdesk')
    .description('DialDesk: the call-center dialer console and its local HTTP port')
    .version(VERSION)
    .option('--data-dir <dir>', "the data folder (default: the platform's app-data folder)")
    .option(
      '--database <url>',
      "a PostgreSQL shared by several desks, postgres://user:password@host:port/name (default: the data folder's own file; env DIALDESK_DATABASE)",
    )
    .option('--json', 'print one JSON object on stdout')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerCompany(program);
  registerCompanyTransfer(program);
  registerBackup(program);
  registerRestore(program);
  registerDoctor(program);
  registerUser(program);
  registerAiAgent(program);
  registerInbound(program);
  registerNumbers(program);
  registerSchedule(program);
  registerApiKey(program);
  registerWallet(program);
  registerScenario(program);
  registerSimulate(program);
  registerDb(program);
  registerPause(program);
  return program;
}

/** Runs one command line; answers the exit code (0 ok, 2 bad input, 1 otherwise). */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  let options: GlobalOptions = {};
  try {
    program.hook('preAction', (_root, action) => {
      options = action.optsWithGlobals();
    });
    await program.parseAsync(argv, { from: 'user' });
    // a command that printed its whole answer and still failed (doctor with a failing check) says so here
    return typeof process.exitCode === 'number' && process.exitCode !== EXIT_OK ? process.exitCode : EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT_OK; // --help, --version
      if (argv.includes('--json')) printError({ json: true }, 'BAD_INPUT', err.message.replace(/^error: /, ''));
      return EXIT_BAD_INPUT;
    }
    const { code, message, exit } = exitCodeFor(err);
    // an option parser may fail before preAction has read the options
    printError({ ...options, json: options.json ?? argv.includes('--json') }, code, message);
    return exit;
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then((code) => {
    // serve keeps running; every other command exits with its code
    if (code !== EXIT_OK || !process.argv.slice(2).includes('serve')) process.exitCode = code;
  });
}
