export { codeOf, fallbackActionCode } from './codeOf.js';
export { type CoreErrorCode, coreErrors, type ErrorCode, errorCodes } from './codes.js';
export { defineErrorCodes, type ErrorCatalog, errorPrefixPattern } from './defineErrorCodes.js';
export {
  describeError,
  formatPosition,
  type SourcePosition,
  SwitchboardError,
  type SwitchboardErrorOptions,
} from './SwitchboardError.js';
