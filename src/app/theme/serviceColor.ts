/**
 * A fixed categorical palette that reads on light and dark backgrounds and stays apart for
 * common colour-vision deficiencies (based on Okabe–Ito and Tableau 20, mid-lightness).
 */
export const SERVICE_PALETTE: readonly string[] = [
  '#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#0072b2', '#d55e00', '#009e73',
  '#cc79a7', '#56b4e9', '#8c8c8c', '#bcbd22',
];

/** FNV-1a: a stable hash, so a service keeps its colour across traces, pages and sessions. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function serviceColor(service: string): string {
  return SERVICE_PALETTE[hash(service) % SERVICE_PALETTE.length] ?? '#8c8c8c';
}
