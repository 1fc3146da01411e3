#!/usr/bin/env node
/**
 * Runs the CLI from its bundle (dist/cli-bundle/sift.cjs, scripts/build-cli.mjs), compiled with
 * V8's code cache: a one-shot command such as `sift segment count` then spends its time on the
 * query rather than on reading, parsing and compiling modules (docs/architecture.md, "The CLI
 * bundle"). Without a bundle (only tsc has run) the tsc build runs instead.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const argv = process.argv.slice(2);
const bundle = fileURLToPath(new URL('../dist/cli-bundle/sift.cjs', import.meta.url));
const cacheFolder = fileURLToPath(new URL('../dist/cli-bundle/code-cache/', import.meta.url));

function readBundle() {
  try {
    return { source: readFileSync(bundle, 'utf8'), stats: statSync(bundle) };
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * V8 rejects a cache written under other V8 flags (`--max-old-space-size`…): runs with other
 * Node options keep caches of their own, told apart by a hash of those options.
 */
function optionsTag() {
  const options = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim();
  let hash = 0x811c9dc5;
  for (let index = 0; index < options.length; index += 1) {
    hash = Math.imul(hash ^ options.charCodeAt(index), 0x01000193) >>> 0;
  }
  return options === '' ? '' : `-${hash.toString(16)}`;
}

/**
 * One cache per command group (`segment`, `import`, …): each holds the code its commands ran.
 * V8 checks a cache against the source's length, not its text, so the name carries the bundle's
 * size and time and the Node version: a rebuilt bundle or another Node never takes an old cache.
 */
function cacheFile(group, stats) {
  const bundleVersion = `${stats.size}-${Math.trunc(stats.mtimeMs)}`;
  return `${cacheFolder}${group}-${process.version}-${bundleVersion}${optionsTag()}.bin`;
}

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only install runs without a cache; a rename never leaves half a file. */
function writeCache(file, data) {
  try {
    mkdirSync(cacheFolder, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, data);
    renameSync(partial, file);
  } catch {
    // The next run compiles from source again.
  }
}

async function runBundle({ source, stats }) {
  const requested = /^[a-z]{1,24}$/.test(argv[0] ?? '') ? argv[0] : 'other';
  const cachedData = readCache(cacheFile(requested, stats));
  // The same wrapper Node gives a CommonJS module, on the first line so that lines match.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: bundle, cachedData },
  );
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  const { runCli, commandGroupNames } = module.exports;
  const exitCode = await runCli(argv);
  const group = commandGroupNames.includes(requested) ? requested : 'other';
  // Written once per group, after the command, so that it holds the functions the command ran.
  if (cachedData === undefined && group === requested) {
    writeCache(cacheFile(group, stats), script.createCachedData());
  }
  return exitCode;
}

const loaded = readBundle();
process.exitCode = loaded
  ? await runBundle(loaded)
  : await (await import('../dist/cli/index.js')).runCli(argv);
