// Preload (node --import ./test/bench/trace-modules.mjs …) that lists, when the process
// exits, every module file it loaded: ES modules through a resolve hook, CommonJS ones
// from require.cache. Written to the file named by SHIP_TRACE_MODULES, one per line.
// Used to check that `ship detect` and `ship --help` load neither exceljs nor zod.
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const out = process.env.SHIP_TRACE_MODULES;
if (out !== undefined) {
  writeFileSync(out, '');
  const { port1, port2 } = new MessageChannel();
  const seen = [];
  port1.on('message', (url) => seen.push(url));
  port1.unref();
  register('./trace-modules-hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
  process.on('exit', () => {
    // Messages from the hooks thread arrive asynchronously; the list is complete enough
    // for a check that runs to the end of a command (every import resolves before use).
    const cjs = Object.keys(createRequire(import.meta.url).cache);
    appendFileSync(out, [...seen, ...cjs].join('\n'));
  });
}
