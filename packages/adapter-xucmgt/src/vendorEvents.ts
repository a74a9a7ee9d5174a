/** The vendor event name rules can use as `on: xucmgt.thirdPartyRequest`. */
export const thirdPartyVendorEvent = 'xucmgt.thirdPartyRequest';

/** What each XucMgt event means, for the manifest (`on: xucmgt.<name>`) and the README. */
export const xucmgtVendorEvents: Readonly<Record<string, string>> = {
  thirdPartyRequest: "the agent app's POST to THIRD_PARTY_URL when a call rings the agent",
};
