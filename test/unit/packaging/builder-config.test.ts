import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../world';

/**
 * The packages cannot be built here (electron-builder downloads Electron), so what can be checked is
 * checked: electron-builder.json as electron-builder itself loads and validates it (its own loader,
 * its own JSON schema), and that everything it names exists or is what the build writes.
 */
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<any>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const validate = (config: unknown) => validateConfiguration(config, new DebugLogger(false));
const load = () => getConfig(ROOT, null, null);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema, and the same check refuses a misspelt option", async () => {
    const config = await load();
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, linux: { ...config.linux, targets: ['AppImage'] } })).rejects.toThrow(
      /does not match the API schema/,
    );
    await expect(validate({ ...config, nsis: { ...config.nsis, oneClik: false } })).rejects.toThrow(/does not match the API schema/);
  });

  it('builds AppImage and deb, NSIS and dmg, with the icon from resources/', async () => {
    const config = await load();
    expect({ linux: config.linux.target, win: config.win.target, mac: config.mac.target }).toEqual({
      linux: ['AppImage', 'deb'],
      win: ['nsis'],
      mac: ['dmg'],
    });
    expect(config.directories.buildResources).toBe('resources');
    for (const platform of ['linux', 'win', 'mac']) {
      const icon = join(ROOT, config[platform].icon);
      expect(relative(ROOT, icon)).toBe(join('resources', 'icon.png'));
      // electron-builder makes .ico and .icns from one PNG of at least 512 pixels a side
      const png = readFileSync(icon);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 1024, height: 1024 });
    }
    // a deb without a maintainer fails at the end of a long build
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('packs what the build writes and the package.json entry points name, and nothing of the sources', async () => {
    const config = await load();
    const patterns: string[] = config.files.flatMap((f: string | { filter: string[] }) => (typeof f === 'string' ? [f] : f.filter));
    const vite = (await resolveConfig({ root: ROOT, logLevel: 'silent' }, 'build', 'production')).config!;
    const outDirs = [vite.main!.build!.outDir!, vite.preload!.build!.outDir!, vite.renderer!.build!.outDir!].map((d) =>
      relative(ROOT, resolve(ROOT, d)),
    );
    expect(outDirs).toEqual(['out/main', 'out/preload', 'out/renderer']);
    const packed = (file: string) => patterns.some((p) => (p.endsWith('/**') ? file.startsWith(p.slice(0, -2)) : file === p));
    for (const dir of outDirs) expect(patterns).toContain(`${dir}/**`);
    for (const file of [pkg.main, pkg.bin.dialdesk, 'scripts/check-native.mjs', 'package.json']) {
      expect({ file, packed: packed(file) }).toEqual({ file, packed: true });
    }
    // files the package needs that are in the repository (not build output) exist
    for (const file of patterns.filter((p) => !p.startsWith('out/'))) {
      expect({ file, exists: existsSync(join(ROOT, p(file))) }).toEqual({ file, exists: true });
    }
    expect(patterns.filter((p) => /^src|migrations|test/.test(p))).toEqual([]);
  });

  it("ships better-sqlite3 outside the asar, with the build for Electron's ABI where the shell looks for it", async () => {
    const config = await load();
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(existsSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'))).toBe(true);
    // electron-builder's own rebuild would rebuild node_modules in place, breaking Node's build the tests and CLI use
    expect(config.npmRebuild).toBe(false);
    const [native] = config.extraResources;
    // scripts/electron-native.mjs writes it (it cannot run here: it needs Electron's headers)
    expect(native.from).toBe('.electron-native/better_sqlite3.node');
    expect(readFileSync(join(ROOT, 'scripts', 'electron-native.mjs'), 'utf8')).toContain(
      "join(root, '.electron-native', 'better_sqlite3.node')",
    );
    expect(native.to).toBe('native/better_sqlite3.node');
    expect(readFileSync(join(ROOT, 'src-main', 'index.ts'), 'utf8')).toContain(
      "join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node')",
    );
  });

  it('npm run dist builds the native module for Electron and the app before electron-builder', () => {
    const steps = (pkg.scripts.dist as string).split('&&').map((s) => s.trim());
    expect(steps).toEqual(['node scripts/electron-native.mjs', 'npm run build', 'electron-builder --publish never']);
    expect(existsSync(join(ROOT, 'node_modules', '.bin', 'electron-builder'))).toBe(true);
  });
});

/** a file pattern as a path (the patterns here name files or folders, without wildcards in the middle) */
function p(pattern: string): string {
  return pattern.endsWith('/**') ? pattern.slice(0, -3) : pattern;
}
