export { EmbeddedStateBackend, type EmbeddedStateOptions } from './EmbeddedStateBackend.js';
