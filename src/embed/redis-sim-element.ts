import { EMBED_OPTION_NAMES, embedQuery, parseEmbedOptions, type EmbedOptions } from './options.ts';
import { envelope, parseFrameEvent, type HostCommand } from './protocol.ts';

/**
 * `<redis-sim scene="cache" lang="ko" ...>`: one lesson in an isolated iframe on a host page.
 * Until it scrolls into view (or is clicked, or scripted) it is only a poster, so a post with
 * five embeds starts no worker it does not show. It behaves like a media element: `play()`,
 * `pause()`, `seek(step)`, and `ready` / `step` / `ended` events.
 */

const LABELS = {
  en: { play: 'Play the lesson', poster: 'redis-sim lesson', unknown: 'Unknown lesson' },
  ko: { play: '레슨 재생', poster: 'redis-sim 레슨', unknown: '알 수 없는 레슨' },
} as const;

const STYLE = `
:host { display: block; position: relative; min-height: 240px; max-width: 100%; }
.poster { position: relative; display: grid; place-items: center; width: 100%; min-height: 240px;
  border: 1px solid #8884; border-radius: 8px; background: #f6f7f9; overflow: hidden; }
.poster img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
.poster button { position: relative; font: 600 1rem system-ui, sans-serif; padding: .7em 1.2em;
  border-radius: 999px; border: 0; background: #0072b2; color: #fff; cursor: pointer; }
.poster button:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
.error { font: 1rem system-ui, sans-serif; padding: 1em; }
iframe { display: block; width: 100%; border: 0; min-height: 240px; }
`;

/** A short stable hash (FNV-1a), to turn the host page into a storage id without its text. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function defineRedisSimElement(appBase: URL): void {
  if (customElements.get('redis-sim') !== undefined) return;

  class RedisSimElement extends HTMLElement {
    static get observedAttributes(): readonly string[] {
      return EMBED_OPTION_NAMES;
    }

    private readonly root: ShadowRoot;
    private frame: HTMLIFrameElement | null = null;
    private frameReady = false;
    private pending: HostCommand[] = [];
    private observer: IntersectionObserver | null = null;
    private instanceId = '';
    private readonly onMessage = (e: MessageEvent): void => this.receive(e);

    constructor() {
      super();
      this.root = this.attachShadow({ mode: 'open' });
    }

    connectedCallback(): void {
      window.addEventListener('message', this.onMessage);
      this.renderPoster();
    }

    disconnectedCallback(): void {
      window.removeEventListener('message', this.onMessage);
      this.observer?.disconnect();
      this.observer = null;
    }

    attributeChangedCallback(): void {
      // A changed option is a different lesson: start over from the poster.
      if (!this.isConnected) return;
      this.frame = null;
      this.frameReady = false;
      this.renderPoster();
    }

    play(): void {
      this.command({ type: 'play' });
    }

    pause(): void {
      this.command({ type: 'pause' });
    }

    seek(step: number): void {
      if (Number.isInteger(step) && step >= 1) this.command({ type: 'seek', step });
    }

    private options(): EmbedOptions {
      return parseEmbedOptions((name) => this.getAttribute(name)).options;
    }

    private labels() {
      return LABELS[this.options().lang ?? (navigator.language.startsWith('ko') ? 'ko' : 'en')];
    }

    /**
     * The embed's storage id: its own `id` attribute, else the host page, the scene and its
     * place among the same scene's embeds on the page (two of one lesson stay apart).
     */
    private storageId(o: EmbedOptions): string {
      if (o.id !== null) return o.id;
      const same = [...document.querySelectorAll('redis-sim')].filter(
        (el) => el.getAttribute('scene') === o.scene && !el.hasAttribute('id'),
      );
      const place = Math.max(0, same.indexOf(this));
      return `p${shortHash(location.origin + location.pathname)}-${o.scene ?? 'none'}-${place}`;
    }

    private renderPoster(): void {
      const o = this.options();
      const text = this.labels();
      this.root.replaceChildren();
      const style = document.createElement('style');
      style.textContent = STYLE;
      this.root.append(style);
      if (o.scene === null) {
        const error = document.createElement('p');
        error.className = 'error';
        error.setAttribute('role', 'alert');
        // The attribute is shown as text, never as markup.
        error.textContent = `${text.unknown}: ${this.getAttribute('scene') ?? ''}`;
        this.root.append(error);
        return;
      }
      const poster = document.createElement('div');
      poster.className = 'poster';
      const img = document.createElement('img');
      img.alt = `${text.poster}: ${o.scene}`;
      img.src = new URL(`posters/${o.scene}.png`, appBase).href;
      img.addEventListener('error', () => img.remove());
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = text.play;
      button.addEventListener('click', () => {
        this.load();
        this.command({ type: 'play' });
      });
      poster.append(img, button);
      this.root.append(poster);

      this.observer?.disconnect();
      this.observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) this.load();
        },
        { rootMargin: '200px' },
      );
      this.observer.observe(this);
    }

    private load(): void {
      if (this.frame !== null) return;
      this.observer?.disconnect();
      this.observer = null;
      const o = this.options();
      if (o.scene === null) return;
      this.instanceId = this.storageId(o);
      const query = embedQuery({ ...o, id: this.instanceId });
      const frame = document.createElement('iframe');
      frame.title = `${this.labels().poster}: ${o.scene}`;
      frame.src = new URL(
        `embed.html?${query}&host-origin=${encodeURIComponent(location.origin)}`,
        appBase,
      ).href;
      frame.setAttribute('loading', 'eager');
      frame.setAttribute('allow', 'clipboard-write');
      this.frame = frame;
      this.frameReady = false;
      this.root.querySelector('.poster')?.replaceWith(frame);
    }

    private command(msg: HostCommand): void {
      if (this.frame === null) this.load();
      if (!this.frameReady) {
        this.pending.push(msg);
        return;
      }
      this.frame?.contentWindow?.postMessage(envelope(this.instanceId, msg), appBase.origin);
    }

    private receive(e: MessageEvent): void {
      // Only our own iframe, from the app's origin, speaking the protocol, for this instance.
      if (this.frame === null || e.source !== this.frame.contentWindow) return;
      if (e.origin !== appBase.origin) return;
      const event = parseFrameEvent(e.data, this.instanceId);
      if (event === null) return;
      switch (event.type) {
        case 'height':
          this.frame.style.height = `${event.px}px`;
          return;
        case 'ready': {
          this.frameReady = true;
          const queued = this.pending;
          this.pending = [];
          for (const msg of queued) this.command(msg);
          this.dispatchEvent(new CustomEvent('ready', { detail: { steps: event.steps } }));
          return;
        }
        case 'step':
          this.dispatchEvent(new CustomEvent('step', { detail: { step: event.step } }));
          return;
        case 'ended':
          this.dispatchEvent(new CustomEvent('ended'));
          return;
      }
    }
  }

  customElements.define('redis-sim', RedisSimElement);
}
