/**
 * The width the viewer asks stills at (issue 16): the picture the reviewer sees, not the original's
 * pixels. A 1920-wide JPEG shown in a 900-pixel box costs the server a full-size scale and encode
 * and the browser a full-size decode for pixels the screen throws away; stepping at 25 frames a
 * second cannot afford either. Widths come from a short ladder, so a window resized a little, or
 * a second reviewer with a similar screen, asks for stills the server has cached already. The
 * server never enlarges: a width past the item's own is served at the item's width.
 */
export const STILL_WIDTHS = [320, 480, 640, 960, 1280, 1600, 1920, 2560, 3840] as const;

/**
 * The smallest ladder width that fills a box `cssWidth` CSS pixels wide on a screen of `dpr`
 * device pixels per CSS pixel; undefined (the full size) when the box is not laid out yet or is
 * wider than the ladder.
 */
export function stillWidth(cssWidth: number, dpr: number): number | undefined {
  const need = Math.ceil(cssWidth * (dpr > 0 && Number.isFinite(dpr) ? dpr : 1));
  if (!Number.isFinite(need) || need <= 0) return undefined;
  return STILL_WIDTHS.find((w) => w >= need);
}
