export type { CompiledTemplate, TemplateEncoding } from './CompiledTemplate.js';
export { type CompiledParams, compileParams } from './compileParams.js';
export { compileTemplate } from './compileTemplate.js';
export { hasTemplate } from './hasTemplate.js';
