// Builds the MaestroSDK browser bridge: the Maestro schemas become ajv standalone validators (no
// `new Function` in the page, so it works under a strict Content-Security-Policy), and esbuild bundles
// them with socket.io-client into one script, dist/browser/maestro-bridge.js, that the daemon serves.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import {
  defaultSchemaVersion,
  failedEnvelope,
  successEnvelopeSchemas,
} from '../dist/transport/maestro/maestroSchemas.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const standaloneCode = standaloneModule.default ?? standaloneModule;

function validatorsModule() {
  const ajv = new Ajv({
    code: { source: true, esm: true },
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
  });
  const exports = { failed: failedEnvelope.$id };
  const versions = Object.entries(successEnvelopeSchemas).map(([version, schema], i) => {
    exports[`success${i}`] = schema.$id;
    return [version, `success${i}`];
  });
  ajv.addSchema(failedEnvelope);
  for (const [, schema] of Object.entries(successEnvelopeSchemas)) ajv.addSchema(schema);
  const code = standaloneCode(ajv, exports);
  const success = versions.map(([version, name]) => `${JSON.stringify(version)}: ${name}`).join(', ');
  return `${code}\nexport const validators = { failed, success: { ${success} }, defaultVersion: ${JSON.stringify(defaultSchemaVersion)} };\n`;
}

const virtualValidators = {
  name: 'maestro-validators',
  setup(b) {
    b.onResolve({ filter: /^virtual:maestro-validators$/ }, () => ({
      path: 'maestro-validators',
      namespace: 'virtual',
    }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({
      contents: validatorsModule(),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [join(root, 'src/bridge/main.ts')],
  outfile: join(root, 'dist/browser/maestro-bridge.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'eof',
  plugins: [virtualValidators],
  logLevel: 'warning',
});
