/** The click-to-dial directive the Maestro iframe accepts (8x8 MaestroSDK "Click to Dial"). */
export interface StartCallDirective {
  readonly eventName: 'maEvent';
  readonly family: 'external';
  readonly content: {
    readonly eventName: 'startCall';
    readonly method: 'mapDirective';
    readonly phoneNumber: string;
  };
  readonly schemaVersion: '1.0.0';
}

/** E.164: `+`, then up to 15 digits, the first not 0. */
export const e164 = /^\+[1-9]\d{1,14}$/;

/** Builds the directive for an E.164 number. Shared by the daemon and the browser bridge. */
export function startCallDirective(phoneNumber: string): StartCallDirective {
  return {
    eventName: 'maEvent',
    family: 'external',
    content: { eventName: 'startCall', method: 'mapDirective', phoneNumber },
    schemaVersion: '1.0.0',
  };
}
