/**
 * Virtual scrolling maths. Rows sit at `index * rowHeight`; when the list is taller than a
 * browser will scroll (Chrome clamps elements near 33.5M px) the scroll range is compressed and
 * rows are re-placed relative to the scroll position.
 */
export const ROW_HEIGHT = 24;
/** Well under every browser's maximum element height. */
export const MAX_SCROLL_HEIGHT = 15_000_000;

export interface ScrollSpace {
  /** Height of the spacer element, px. */
  readonly spacerHeight: number;
  /** Content offset (px into the full row list) at the top of the viewport. */
  contentOffset(scrollTop: number): number;
  /** scrollTop that puts content offset `y` at the top of the viewport. */
  scrollTopFor(y: number): number;
}

export function scrollSpace(rowCount: number, viewportHeight: number, rowHeight = ROW_HEIGHT, max = MAX_SCROLL_HEIGHT): ScrollSpace {
  const total = rowCount * rowHeight;
  if (total <= max) {
    return { spacerHeight: total, contentOffset: (s) => s, scrollTopFor: (y) => y };
  }
  const contentRange = Math.max(1, total - viewportHeight);
  const scrollRange = Math.max(1, max - viewportHeight);
  const ratio = contentRange / scrollRange;
  return {
    spacerHeight: max,
    contentOffset: (s) => Math.min(contentRange, Math.max(0, s * ratio)),
    scrollTopFor: (y) => Math.min(scrollRange, Math.max(0, y / ratio)),
  };
}

export interface RowWindow {
  /** First row to render (inclusive). */
  readonly first: number;
  /** Last row to render (exclusive). */
  readonly last: number;
}

/** The rows intersecting the viewport, widened by `overscan` rows each side. */
export function rowWindow(contentOffset: number, viewportHeight: number, rowCount: number, overscan: number, rowHeight = ROW_HEIGHT): RowWindow {
  const first = Math.max(0, Math.floor(contentOffset / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((contentOffset + viewportHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/**
 * The content offset that shows row `position`: unchanged when it is already fully visible,
 * else the row is placed `align` ('nearest' edge, or 'center').
 */
export function offsetToReveal(position: number, contentOffset: number, viewportHeight: number, align: 'nearest' | 'center', rowHeight = ROW_HEIGHT): number {
  const top = position * rowHeight;
  const bottom = top + rowHeight;
  if (top >= contentOffset && bottom <= contentOffset + viewportHeight) return contentOffset;
  if (align === 'center') return Math.max(0, top - (viewportHeight - rowHeight) / 2);
  return top < contentOffset ? top : Math.max(0, bottom - viewportHeight);
}
