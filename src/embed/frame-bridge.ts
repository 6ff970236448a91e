import { envelope, parseHostCommand, type FrameEvent, type HostCommand } from './protocol.ts';

/**
 * The lesson's side of the embed channel, inside the iframe: it takes play/pause/seek from the
 * host page that created it (that window, that origin, that embed id; nothing else) and
 * tells the host its height and its progress.
 */
export interface HostLink {
  announce(event: FrameEvent): void;
  close(): void;
}

export interface HostLinkOptions {
  readonly id: string;
  /** The host page's origin, from the `host-origin` parameter the element put in our URL. */
  readonly hostOrigin: string;
  readonly onCommand: (command: HostCommand) => void;
  /** The element whose height the host should fit (the document's root by default). */
  readonly measure?: Element;
}

function validOrigin(origin: string): boolean {
  try {
    return new URL(origin).origin === origin;
  } catch {
    return false;
  }
}

export function connectToHost(options: HostLinkOptions): HostLink {
  const host = window.parent;
  // Opened on its own (not in an iframe), or by a URL without a usable origin: no channel.
  if (host === window || !validOrigin(options.hostOrigin)) {
    return { announce: () => undefined, close: () => undefined };
  }
  const onMessage = (e: MessageEvent): void => {
    if (e.source !== host || e.origin !== options.hostOrigin) return;
    const command = parseHostCommand(e.data, options.id);
    if (command !== null) options.onCommand(command);
  };
  window.addEventListener('message', onMessage);
  const announce = (event: FrameEvent): void =>
    host.postMessage(envelope(options.id, event), options.hostOrigin);

  const target = options.measure ?? document.documentElement;
  let lastHeight = -1;
  const resize = new ResizeObserver(() => {
    const px = Math.ceil(target.getBoundingClientRect().height);
    if (px !== lastHeight) {
      lastHeight = px;
      announce({ type: 'height', px });
    }
  });
  resize.observe(target);
  return {
    announce,
    close() {
      window.removeEventListener('message', onMessage);
      resize.disconnect();
    },
  };
}
