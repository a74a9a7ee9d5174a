export { type ErrorCode, errorCodes } from './codes.js';
export {
  describeError,
  formatPosition,
  type SourcePosition,
  SwitchboardError,
  type SwitchboardErrorOptions,
} from './SwitchboardError.js';
