/**
 * The right-hand dock for the span details: resizable by dragging its edge or with the arrow
 * keys on it (the width is remembered in this browser).
 */
import { useCallback, useRef, useState } from 'react';

const STORAGE_KEY = 'tracescope.trace.detailsWidth';
const MIN_WIDTH = 280;
const DEFAULT_WIDTH = 420;
const STEP = 24;

function storedWidth(): number {
  try {
    const value = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(value) && value >= MIN_WIDTH ? value : DEFAULT_WIDTH;
  } catch {
    return DEFAULT_WIDTH;
  }
}

function maxWidth(): number {
  return Math.max(MIN_WIDTH, Math.floor(window.innerWidth * 0.7));
}

export function DetailsDock({ children }: { children: React.ReactNode }) {
  const [width, setWidthState] = useState(storedWidth);
  const dock = useRef<HTMLDivElement>(null);

  const setWidth = useCallback((next: number) => {
    const clamped = Math.round(Math.min(maxWidth(), Math.max(MIN_WIDTH, next)));
    setWidthState(clamped);
    try {
      localStorage.setItem(STORAGE_KEY, String(clamped));
    } catch {
      // Private mode: the width is just not remembered.
    }
  }, []);

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const right = dock.current?.getBoundingClientRect().right ?? window.innerWidth;
    const move = (e: PointerEvent) => setWidth(right - e.clientX);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const delta = event.key === 'ArrowLeft' ? STEP : event.key === 'ArrowRight' ? -STEP : 0;
    if (delta !== 0) {
      event.preventDefault();
      setWidth(width + delta);
    } else if (event.key === 'Home') {
      event.preventDefault();
      setWidth(DEFAULT_WIDTH);
    }
  };

  return (
    <div className="tp-dock" ref={dock} style={{ width }}>
      <div
        className="tp-dock-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize span details"
        aria-valuenow={width}
        aria-valuemin={MIN_WIDTH}
        aria-valuemax={maxWidth()}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
      />
      <div className="tp-dock-body">{children}</div>
    </div>
  );
}
