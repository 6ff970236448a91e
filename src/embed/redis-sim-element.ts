import { catalogues } from '../ui/i18n/messages.ts';
import { embedCatalogues } from './embed-messages.ts';
import type { SceneId } from '../ui/scenes/scene-ids.ts';
import { EMBED_OPTION_NAMES, embedQuery, parseEmbedOptions, type EmbedOptions } from './options.ts';
import { envelope, parseFrameEvent, type HostCommand } from './protocol.ts';

/**
 * `<redis-sim scene="cache" lang="ko" ...>`: one lesson in an isolated iframe on a host page.
 * Until it scrolls into view (or is clicked, or scripted) it is only a poster, so a post with
 * five embeds starts no worker it does not show. It behaves like a media element: `play()`,
 * `pause()`, `seek(step)`, and `ready` / `step` / `ended` events.
 */

const STYLE = `
:host { display: block; position: relative; min-height: 240px; max-width: 100%; }
.poster { position: relative; display: block; width: 100%; aspect-ratio: 16 / 9; min-height: 240px;
  padding: 0; border: 1px solid #8884; border-radius: 8px; background: #f6f7f9; overflow: hidden;
  cursor: pointer; font: 1rem system-ui, sans-serif; color: #1d1d1f; text-align: left; }
.poster img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover;
  object-position: top left; }
.poster .title { position: absolute; left: 0; right: 0; bottom: 0; padding: .8em 1em;
  font-weight: 600; font-size: 1.1rem; color: #fff; background: linear-gradient(#0000, #000a); }
.poster.placeholder .title { position: static; display: block; padding: 1.5em 1em 0;
  color: inherit; background: none; }
.poster .play { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%);
  width: 4rem; height: 4rem; border-radius: 50%; background: #0072b2; box-shadow: 0 2px 8px #0006; }
.poster .play::after { content: ''; position: absolute; left: 1.55rem; top: 1.15rem;
  border-style: solid; border-width: .85rem 0 .85rem 1.4rem;
  border-color: transparent transparent transparent #fff; }
.poster:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
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

    private language(): 'en' | 'ko' {
      return this.options().lang ?? (navigator.language.startsWith('ko') ? 'ko' : 'en');
    }

    private lessonTitle(scene: SceneId): string {
      return catalogues[this.language()].lessons[scene].title;
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
      const text = embedCatalogues[this.language()];
      this.root.replaceChildren();
      const style = document.createElement('style');
      style.textContent = STYLE;
      this.root.append(style);
      if (o.scene === null) {
        const error = document.createElement('p');
        error.className = 'error';
        error.setAttribute('role', 'alert');
        // The attribute is shown as text, never as markup.
        error.textContent = text.unknownLesson(this.getAttribute('scene') ?? '');
        this.root.append(error);
        return;
      }
      // One button over the whole poster: the first frame, the lesson's title, a play mark.
      const title = this.lessonTitle(o.scene);
      const poster = document.createElement('button');
      poster.type = 'button';
      poster.className = 'poster';
      poster.setAttribute('aria-label', text.playLesson(title));
      const img = document.createElement('img');
      img.alt = '';
      img.decoding = 'async';
      img.src = new URL(`posters/${o.scene}.png`, appBase).href;
      // No poster for this lesson: a plain titled placeholder.
      img.addEventListener('error', () => {
        img.remove();
        poster.classList.add('placeholder');
      });
      const caption = document.createElement('span');
      caption.className = 'title';
      caption.textContent = title;
      const play = document.createElement('span');
      play.className = 'play';
      poster.append(img, caption, play);
      poster.addEventListener('click', () => {
        this.load();
        this.command({ type: 'play' });
      });
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
      frame.title = embedCatalogues[this.language()].frameTitle(this.lessonTitle(o.scene));
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
