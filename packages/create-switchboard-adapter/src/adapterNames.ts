/** The names a new adapter's files and code use, all derived from the one name given on the command line. */
export interface AdapterNames {
  /** The manifest name: rules write `on: <name>.<event>` (`my-pbx`). */
  readonly name: string;
  /** PascalCase, for classes: `MyPbxRuntime`. */
  readonly pascal: string;
  /** camelCase, for values: `myPbxAdapter`. */
  readonly camel: string;
  /** The error codes' prefix: `MYPBX_NOT_CONNECTED`. */
  readonly errorPrefix: string;
  /** The npm package name. */
  readonly packageName: string;
}

const adapterName = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const packageNamePattern = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/**
 * Names from a folder or adapter name (`my-pbx`, or `switchboard-adapter-my-pbx`): the package is
 * `switchboard-adapter-<name>` unless `packageName` says otherwise. Throws with what is wrong.
 */
export function adapterNames(given: string, packageName?: string): AdapterNames {
  const name = given.replace(/^switchboard-adapter-/, '');
  if (!adapterName.test(name) || name.length > 40) {
    throw new Error(
      `\`${given}\` is no adapter name: use lower-case letters, digits and single dashes, starting with a letter (e.g. my-pbx)`,
    );
  }
  const words = name.split('-');
  const pascal = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  const pkg = packageName ?? `switchboard-adapter-${name}`;
  if (!packageNamePattern.test(pkg) || pkg.length > 214)
    throw new Error(`\`${pkg}\` is no valid npm package name`);
  const letters = name.replace(/-/g, '').toUpperCase().slice(0, 16);
  return {
    name,
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    errorPrefix: letters.length >= 2 ? letters : `${letters}X`,
    packageName: pkg,
  };
}
