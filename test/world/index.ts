/**
 * The test world: one place to build what a test stands on, at the level it needs, always with the
 * same seed (seedCompanies: Acme in Berlin, EUR, 50 a call; Globex in New York, USD, 30 a call).
 *
 * - makeTestCore / seedWorld / call: a core on a real SQLite file with every migration, its users,
 *   and channels called through the real handler table (core.ts).
 * - recordTestResult: results put in through the one recorder (results.ts).
 * - dialerWorld: the same companies ready to dial (hours, scenario, money, keys, numbers) behind the
 *   real HTTP port on a loopback port, in process with a settable clock (dialing.ts).
 * - startServe / servedWorld: a real `dialdesk serve` child process and the clients an integrator has:
 *   the CLI, the HTTP API, the console's bridge (served.ts, process.ts).
 */
export * from './core';
export * from './results';
export * from './dialing';
export * from './served';
export * from './openapi-check';
export * from './process';
export * from './jambonz';
export * from './inbound';
