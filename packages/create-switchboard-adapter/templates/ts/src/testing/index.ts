/**
 * __package__/testing: an emulator of the __Vendor__ event stream, for tests, examples and rule
 * development without a __Vendor__ server.
 */
import type { EmulatorClass, RunningEmulator } from '@switchboard/core/testing';
import { __Vendor__Emulator } from './__Vendor__Emulator.js';

export {
  __Vendor__Emulator,
  type __Vendor__EmulatorOptions,
  type ReceivedCommand,
} from './__Vendor__Emulator.js';

/** The adapter's name in rules (`on: __vendor__.ring`): the key of its emulator. */
const adapter = '__vendor__';

/** The package's emulators, for tools that start each one (`await emulators['__vendor__'].start()`). */
export const emulators = { [adapter]: __Vendor__Emulator } as const satisfies Record<
  string,
  EmulatorClass<never, RunningEmulator>
>;
