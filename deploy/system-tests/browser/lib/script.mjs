// What every browser script shares around its own work: reading `--name value` options, writing the JSON report as
// the last line of stdout (BrowserScript.java reads it), and the exit status: 0 with a report, 2 when the browser is
// missing or cannot start, 1 on any other failure.
import fs from 'node:fs';
import path from 'node:path';
import { BrowserMissing } from './chromium.mjs';

/** The options of `argv` as an object; throws naming `script` when one is malformed or a required one is missing. */
export function options(argv, required, script) {
  const found = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`bad arguments near ${argv[i]}; see the header of ${script}`);
    }
    found[argv[i].slice(2)] = argv[i + 1];
  }
  for (const name of required) {
    if (!found[name]) {
      throw new Error(`--${name} is required`);
    }
  }
  return found;
}

/**
 * Runs `run(options)` with this process's options (`required` must be there), writes its report as
 * `<out>/<name>.json` and prints it on one line; exits as described above.
 */
export async function main(script, required, run) {
  try {
    const opts = options(process.argv.slice(2), required, `${script}.mjs`);
    const report = await run(opts);
    fs.writeFileSync(path.join(path.resolve(opts.out), `${opts.name}.json`), JSON.stringify(report, null, 2));
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } catch (error) {
    process.stderr.write(`${script}: ${error.stack ?? error.message}\n`);
    process.exit(error instanceof BrowserMissing ? 2 : 1);
  }
}
