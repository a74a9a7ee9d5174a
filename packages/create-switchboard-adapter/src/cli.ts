import { readFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { adapterNames } from './adapterNames.js';
import { scaffold } from './scaffold.js';

const usage = `Usage: npm init switchboard-adapter <folder> [-- --js] [-- --package <npm name>]

Writes a Switchboard adapter project into <folder> (its name is the adapter's name, e.g. my-pbx):
the kit's layout, a WebSocket connection, an emulator in ./testing, tests and a README.

  --js              plain JavaScript (no build step) instead of TypeScript
  --typescript      TypeScript (the default)
  --package <name>  the npm package name (default: switchboard-adapter-<folder name>)
  --help            this text
`;

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** This package's version: the Switchboard version the new project builds on. */
function ownVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** `create-switchboard-adapter <folder> [--js] [--package name]`; resolves to the exit code. Never prompts. */
export async function main(
  argv: readonly string[],
  cwd = process.cwd(),
  output: Output = stdio,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${usage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(usage);
    return 0;
  }
  const [folder, ...extra] = positionals;
  if (folder === undefined || extra.length > 0) {
    output.err(
      `${folder === undefined ? 'Name the folder to create.' : `One folder only, not ${extra.join(' ')}.`}\n\n${usage}`,
    );
    return 1;
  }
  if (values.js && values.typescript) {
    output.err(`Choose one language: --js or --typescript.\n\n${usage}`);
    return 1;
  }
  const directory = resolve(cwd, folder);
  try {
    const names = adapterNames(basename(directory), values.package);
    const language = values.js ? 'js' : 'ts';
    await scaffold({ directory, names, language, switchboardVersion: ownVersion() });
    const where = relative(cwd, directory) || '.';
    output.out(
      `Created ${names.packageName} (adapter \`${names.name}\`, ${language === 'ts' ? 'TypeScript' : 'JavaScript'}) in ${where}.\n\n` +
        `Next:\n  cd ${where}\n  npm install\n  npm test\n`,
    );
    return 0;
  } catch (error) {
    output.err(`${(error as Error).message}\n`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      js: { type: 'boolean', default: false },
      typescript: { type: 'boolean', default: false },
      package: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
