export { type AdapterNames, adapterNames } from './adapterNames.js';
export { main } from './cli.js';
export { type Language, projectManifest } from './projectManifest.js';
export { type ScaffoldOptions, scaffold } from './scaffold.js';
