import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build as viteBuild, type InlineConfig } from 'vite';
import { resolveConfig } from 'electron-vite';
import { ROOT } from './process';

export interface BuiltApp {
  /** laid out as the package is: out/main (index.js, cli.js, chunks/), out/preload (index.cjs), bin/, scripts/ */
  dir: string;
  /** `dir`/out */
  out: string;
  dispose(): void;
}

/**
 * The shell, its preload and the command line built from the current sources with the project's own
 * electron-vite configuration, into a fresh folder inside the repository (so the bundles find
 * node_modules and DialDesk's package.json as they do from out/). Tests build their own copy instead
 * of reading out/, which may be stale or rebuilt by another process meanwhile.
 */
export async function buildApp(): Promise<BuiltApp> {
  const parent = join(ROOT, '.test-build');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'app-'));
  const resolved = await resolveConfig({ root: ROOT, logLevel: 'warn' }, 'build', 'production');
  const config = resolved.config;
  if (!config?.main || !config.preload) throw new Error('electron.vite.config.ts has no main or preload target');
  for (const [target, viteConfig] of [
    ['main', config.main],
    ['preload', config.preload],
  ] as const) {
    const inline = viteConfig as InlineConfig;
    await viteBuild({ ...inline, logLevel: 'warn', build: { ...inline.build, outDir: join(dir, 'out', target), emptyOutDir: true } });
  }
  for (const file of ['bin/dialdesk.js', 'scripts/check-native.mjs']) cpSync(join(ROOT, file), join(dir, file));
  return { dir, out: join(dir, 'out'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
