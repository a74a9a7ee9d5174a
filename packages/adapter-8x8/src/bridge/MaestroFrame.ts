/** The Maestro iframe the bridge talks to: created in a container, or an existing one attached. */
export interface MaestroFrame {
  readonly element: HTMLIFrameElement;
  /** Origin messages must come from and directives go to. */
  readonly origin: string;
  /** Resolves once the iframe has loaded its page. */
  readonly loaded: Promise<void>;
}

const permissions = 'microphone *; speaker-selection *; autoplay *; clipboard-write *';

function containerOf(container: HTMLElement | string | undefined): HTMLElement {
  if (container instanceof HTMLElement) return container;
  const found = typeof container === 'string' ? document.querySelector(container) : document.body;
  if (!(found instanceof HTMLElement))
    throw new Error(`Switchboard 8x8 bridge: no element ${String(container)}`);
  return found;
}

/**
 * Embeds the Maestro iframe (8x8's CTI URL with the permissions it needs) or attaches to one the page
 * made, which must show the configured Maestro origin: the bridge never talks to another one.
 */
export function maestroFrame(
  maestroUrl: string,
  options: { frame?: HTMLIFrameElement; container?: HTMLElement | string },
): MaestroFrame {
  const origin = new URL(maestroUrl).origin;
  if (options.frame) {
    const src = options.frame.src || options.frame.getAttribute('src') || '';
    if (new URL(src, location.href).origin !== origin) {
      throw new Error(`Switchboard 8x8 bridge: the frame is not on the Maestro origin ${origin}`);
    }
    return { element: options.frame, origin, loaded: Promise.resolve() };
  }
  const element = document.createElement('iframe');
  element.setAttribute('allow', permissions);
  element.setAttribute('title', '8x8 Contact Center');
  element.style.border = '0';
  element.style.width = '100%';
  element.style.height = '100%';
  const loaded = new Promise<void>((resolve) =>
    element.addEventListener('load', () => resolve(), { once: true }),
  );
  element.src = maestroUrl;
  containerOf(options.container).appendChild(element);
  return { element, origin, loaded };
}
