import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AdapterManifest, describeError, SwitchboardError } from '@switchboard/core';
import { validateManifest } from '@switchboard/core/host';

const isPath = (use: string): boolean => use.startsWith('.') || isAbsolute(use);

/**
 * Imports an adapter by package name (resolved from the config's folder, like Node would from there)
 * or by path, and checks its manifest (default export or `adapter` export).
 */
export async function loadAdapter(use: string, baseDir: string): Promise<AdapterManifest> {
  let url: string;
  try {
    url = isPath(use)
      ? pathToFileURL(resolveEntry(resolve(baseDir, use))).href
      : pathToFileURL(resolvePackage(use, baseDir)).href;
  } catch (error) {
    const hint = isPath(use) ? '' : ` (is it installed? npm install ${use})`;
    throw new SwitchboardError('SWB_PLUGIN_LOAD', `cannot find adapter \`${use}\`${hint}`, { cause: error });
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new SwitchboardError(
      'SWB_PLUGIN_LOAD',
      `cannot import adapter \`${use}\`: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  return validateManifest(module.default ?? module.adapter, use);
}

/**
 * A package name resolves like Node would from the config's folder; failing that, from where
 * rules-runner itself is installed (adapters installed next to a global rules-runner).
 */
function resolvePackage(name: string, baseDir: string): string {
  try {
    return createRequire(join(baseDir, 'switchboard.yaml')).resolve(name);
  } catch (fromConfig) {
    try {
      return createRequire(import.meta.url).resolve(name);
    } catch {
      throw fromConfig;
    }
  }
}

/** A path to a folder means its package entry point. */
function resolveEntry(path: string): string {
  try {
    return createRequire(join(path, 'index.js')).resolve(path);
  } catch {
    return path;
  }
}
