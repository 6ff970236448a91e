import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Shows its content whole inside the box it is given, scaled down (never up) when the
 * content is larger: a projector has no scroll bar. The scale is worked out from layout
 * sizes, which a transform does not change, so measuring never feeds back into itself.
 */
/** Layout widths tried, as multiples of the box's width. */
const WIDTHS = [1, 1.3, 1.7, 2.2];

export function FitToBox({
  children,
  center = false,
}: {
  children: ReactNode;
  /** Centre the content across the box when it comes out narrower (a drawing, not text). */
  center?: boolean;
}) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [fitted, setFitted] = useState({ scale: 1, dx: 0 });
  useLayoutEffect(() => {
    const box = outer.current;
    const content = inner.current;
    if (box === null || content === null) return;
    const fit = () => {
      const room = { w: box.clientWidth, h: box.clientHeight };
      if (room.w === 0 || room.h === 0) return;
      // Text and tables get lower when laid out wider, drawings do not: try a few widths and
      // keep the one that lets the content be shown largest.
      let best = { width: room.w, scale: 0 };
      for (const width of WIDTHS.map((k) => Math.round(room.w * k))) {
        content.style.width = `${width}px`;
        const w = Math.max(content.scrollWidth, width);
        const h = Math.max(content.scrollHeight, content.offsetHeight);
        const scale = Math.min(1, room.w / w, room.h / h);
        if (scale > best.scale + 0.01) best = { width, scale };
        if (scale === 1) break;
      }
      content.style.width = `${best.width}px`;
      // Rounded down a little so sub-pixel layout never leaves a sliver outside the box.
      const scale = Math.floor(best.scale * 1000) / 1000;
      const shown = Math.max(content.scrollWidth, best.width) * scale;
      setFitted({ scale, dx: center ? Math.max(0, Math.floor((room.w - shown) / 2)) : 0 });
    };
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    observer.observe(content);
    fit();
    return () => observer.disconnect();
  }, [center]);
  return (
    <div ref={outer} className="fit-box">
      <div
        ref={inner}
        className="fit-content"
        data-scale={fitted.scale}
        style={{ transform: `translateX(${fitted.dx}px) scale(${fitted.scale})` }}
      >
        {children}
      </div>
    </div>
  );
}
