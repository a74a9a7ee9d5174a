export type { CompiledTemplate, TemplateEncoding, TemplateOptions } from './CompiledTemplate.js';
export { type CompiledParams, compileParams } from './compileParams.js';
export { compileTemplate } from './compileTemplate.js';
export { HostAllowList, type HostEntryProblem } from './HostAllowList.js';
export { hasTemplate } from './hasTemplate.js';
