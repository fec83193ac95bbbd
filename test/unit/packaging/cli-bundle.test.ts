import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../world';
import { buildApp, type BuiltApp } from '../../world/built';

let app: BuiltApp;
let dataDir: string;
beforeAll(async () => {
  app = await buildApp();
  dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-bundle-'));
}, 60_000);
afterAll(() => {
  app?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `dialdesk <args> --json` as an installed package runs it: plain node, no loader, no NODE_OPTIONS. */
function dialdesk(args: string[]) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const run = spawnSync(process.execPath, [join(app.dir, 'bin', 'dialdesk.js'), ...args, '--data-dir', dataDir, '--json'], {
    encoding: 'utf8',
    env,
    timeout: 30_000,
  });
  return { status: run.status, stderr: run.stderr, answer: JSON.parse(run.stdout.trim().split('\n').pop() || 'null') };
}

describe('the compiled command line', () => {
  it('runs commands from out/main/cli.js under plain node', () => {
    expect(dialdesk(['company', 'create', '--slug', 'acme', '--name', 'Acme'])).toMatchObject({
      status: 0,
      answer: { company: { slug: 'acme' } },
    });
    const out = join(dataDir, 'copy.sqlite');
    expect(dialdesk(['backup', '--out', out])).toMatchObject({ status: 0, answer: { file: out, integrity: 'ok' } });
    expect(dialdesk(['doctor'])).toMatchObject({
      status: 0,
      answer: { ok: true, checks: expect.arrayContaining([expect.objectContaining({ name: 'integrity', status: 'ok' })]) },
    });
    expect(dialdesk(['company', 'create', '--slug', 'Not A Slug', '--name', 'x'])).toMatchObject({
      status: 2,
      answer: { error: { code: 'BAD_INPUT' } },
    });
  });

  it('imports only what a packaged app carries: production dependencies and Node itself', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), 'electron', ...builtinModules]);
    const files = ['index.js', 'cli.js', ...readdirSync(join(app.out, 'main', 'chunks')).map((f) => `chunks/${f}`)];
    const imported = new Set<string>();
    for (const file of files) {
      const code = readFileSync(join(app.out, 'main', file), 'utf8');
      for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith('.')) continue;
        imported.add(
          spec.startsWith('node:')
            ? spec.slice(5)
            : spec
                .split('/')
                .slice(0, spec.startsWith('@') ? 2 : 1)
                .join('/'),
        );
      }
    }
    expect(imported.size).toBeGreaterThan(10);
    expect([...imported].filter((name) => !allowed.has(name))).toEqual([]);
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });
});
