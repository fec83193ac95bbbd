/* global URL */
/** Resolves `electron` to the test double, for every importer (the shell's bundle, electron-store). */
const DOUBLE = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: DOUBLE, shortCircuit: true };
  return nextResolve(specifier, context);
}
