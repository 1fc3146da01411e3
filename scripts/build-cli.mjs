// Bundles the CLI for bin/sift.js (docs/architecture.md, "The CLI bundle"): run by `npm run build`
// and `prepare`, after tsc. Output in dist/cli-bundle/:
//   sift.cjs               the whole CLI in one CommonJS file, which bin/sift.js compiles with
//                          V8's code cache (ES modules cannot take one on Node 20)
//   contact-csv-worker.js  the contacts CSV parsing worker, an ES module started by file name
//                          next to the code that starts it (src/contacts/contact-csv-parallel.ts)
// Native and optional modules stay outside: better-sqlite3 is loaded from node_modules.
import { readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const outdir = 'dist/cli-bundle';
const external = ['better-sqlite3', 'pg-native'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external,
  // Whitespace and syntax only: function names stay, so an internal error's stack still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
};

await rm(outdir, { recursive: true, force: true });

const cli = await build({
  ...common,
  entryPoints: { sift: 'src/cli/index.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // import.meta does not exist in CommonJS; the worker's location is resolved from the bundle's.
  define: { 'import.meta.url': '__siftModuleUrl' },
  banner: { js: "const __siftModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // import() of a module outside the bundle becomes require(): a script compiled with a code
  // cache (bin/sift.js) has no loader for import().
  supported: { 'dynamic-import': false },
});

const worker = await build({
  ...common,
  entryPoints: { 'contact-csv-worker': 'src/contacts/contact-csv-worker.ts' },
  outdir,
  format: 'esm',
  // Bundled CommonJS packages call require() for Node's modules.
  banner: {
    js: "import { createRequire as __siftCreateRequire } from 'node:module'; const require = __siftCreateRequire(import.meta.url);",
  },
});

const problems = [...cli.warnings, ...worker.warnings].map((warning) => warning.text);
for (const [file, output] of Object.entries(cli.metafile.outputs)) {
  for (const imported of output.imports) {
    if (imported.kind === 'dynamic-import') problems.push(`${file} keeps import(${imported.path})`);
    const builtIn = imported.path.startsWith('node:') || builtinModules.includes(imported.path);
    if (imported.external && !builtIn && !external.includes(imported.path))
      problems.push(`${file} loads ${imported.path} from outside the bundle`);
  }
}
const bundled = await readFile(`${outdir}/sift.cjs`, 'utf8');
if (!bundled.includes('contact-csv-worker.')) {
  problems.push('sift.cjs no longer names contact-csv-worker: check how the worker is started');
}
if (problems.length > 0) {
  process.stderr.write(`build-cli: ${problems.join('\n  ')}\n`);
  process.exit(1);
}
