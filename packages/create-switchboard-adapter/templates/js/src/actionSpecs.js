/** The adapter's actions, with JSON Schema params: rules write `- popup: { url: … }`. */
export const __vendorCamel__Actions = {
  popup: {
    description: "Open a URL on the agent's screen: sends `{ command: 'popup', agent, url }`.",
    params: {
      type: 'object',
      required: ['url'],
      properties: {
        url: { type: 'string', 'x-template': 'url', description: 'Values in {{ }} are percent-encoded.' },
        agent: { type: 'string', default: '{{ agent.id }}', description: "Default: the event's agent." },
      },
      additionalProperties: false,
    },
  },
};
