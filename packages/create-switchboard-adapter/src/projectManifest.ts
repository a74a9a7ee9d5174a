import type { AdapterNames } from './adapterNames.js';

export type Language = 'ts' | 'js';

/**
 * Versions of the tools the generated project uses: the ones this repository tests with. Core and
 * rules-runner get this package's own version (all Switchboard packages are released in step).
 */
const toolVersions = {
  ws: '^8.18.0',
  '@types/node': '^20.19.0',
  '@types/ws': '^8.18.0',
  typescript: '^7.0.2',
  vitest: '^4.1.12',
} as const;

/** The generated project's package.json: publishable as it is (keyword, peer range, files, exports). */
export function projectManifest(names: AdapterNames, language: Language, switchboardVersion: string): object {
  const core = `^${switchboardVersion}`;
  const entry = language === 'ts' ? './dist' : './src';
  const exported = (path: string) =>
    language === 'ts'
      ? { types: `${entry}/${path}.d.ts`, default: `${entry}/${path}.js` }
      : `${entry}/${path}.js`;
  return {
    name: names.packageName,
    version: '0.1.0',
    description: `A Switchboard adapter for ${names.pascal}: call events in over a WebSocket, popup commands out.`,
    keywords: ['switchboard', 'switchboard-adapter', names.name],
    type: 'module',
    license: 'MIT',
    engines: { node: '>=20.19' },
    main: `${entry}/index.js`,
    ...(language === 'ts' ? { types: `${entry}/index.d.ts` } : {}),
    exports: {
      '.': exported('index'),
      './testing': exported('testing/index'),
      './package.json': './package.json',
    },
    files: [language === 'ts' ? 'dist' : 'src', 'README.md'],
    scripts:
      language === 'ts'
        ? {
            build: 'tsc -p tsconfig.build.json',
            typecheck: 'tsc -p tsconfig.json',
            prepare: 'npm run build',
            pretest: 'npm run typecheck && npm run build',
            test: 'vitest run',
          }
        : { test: 'vitest run' },
    peerDependencies: { '@switchboard/core': core },
    dependencies: { ws: toolVersions.ws },
    devDependencies: {
      '@switchboard/core': core,
      '@switchboard/rules-runner': core,
      ...(language === 'ts'
        ? {
            '@types/node': toolVersions['@types/node'],
            '@types/ws': toolVersions['@types/ws'],
            typescript: toolVersions.typescript,
          }
        : {}),
      vitest: toolVersions.vitest,
    },
  };
}
