import type { Player } from './player.svelte';
import { FETCH_AHEAD } from './prefetch';
import type { StillState } from './stillLoader';
import { clampFrame } from './timecode';

// The player's keyboard, shared by the review page and a share link's guest page: when keys belong
// to a field or a focused control, and the transport keys both pages bind the same way.

/** Whether the key goes to a field being typed in (the page's shortcuts then stay off). */
export function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** A focused button or link keeps Space and Enter for itself (keyboard users activate it). */
export function activatesControl(e: KeyboardEvent): boolean {
  const tag = (e.target as HTMLElement | null)?.tagName;
  return (e.key === ' ' || e.key === 'Enter') && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY');
}

/**
 * Space plays and pauses, J/K/L shuttle, the arrows step a frame (with Shift a second's worth).
 * Returns whether the key was one of them (the caller then prevents its default).
 */
export function transportKey(player: Player, e: KeyboardEvent): boolean {
  const fps = Math.max(1, Math.round(player.clock.rate.num / player.clock.rate.den));
  switch (e.key) {
    case ' ':
      player.toggle();
      return true;
    case 'j':
    case 'k':
    case 'l':
      player.shuttle(e.key);
      return true;
    case 'ArrowLeft':
      if (!repeatWaits(player, e, e.shiftKey ? -fps : -1)) player.step(e.shiftKey ? -fps : -1);
      return true;
    case 'ArrowRight':
      if (!repeatWaits(player, e, e.shiftKey ? fps : 1)) player.step(e.shiftKey ? fps : 1);
      return true;
    default:
      return false;
  }
}

/** What a held key needs of the player: the index, the picture on screen and the stills it has. */
export type HeldKeyView = Pick<Player, 'frame' | 'shownStill' | 'playing' | 'frameCount'> & {
  stillState: ((frame: number) => StillState) | null;
};

/**
 * Whether a key repeat (a held arrow) waits instead of stepping by `delta`. A repeat steps when the
 * next frame's still is in memory, so the label and the picture move together and the frame the
 * reviewer lets go on is the one on screen; it waits while that still is on its way (fetched ahead
 * of the steps before, prefetch.ts). A still nothing fetches yet (the first repeat after a jump, a
 * second's step with Shift) falls back to the bound below. A fresh press always steps.
 */
export function repeatWaits(player: HeldKeyView, e: Pick<KeyboardEvent, 'repeat'>, delta: number): boolean {
  if (!e.repeat || player.playing || player.shownStill === null) return false;
  const next = clampFrame(player.frame + delta, player.frameCount);
  const state = player.stillState?.(next) ?? 'none';
  if (state === 'ready') return false;
  if (state === 'coming') return true;
  return holdingTooFarAhead(player, e);
}

/**
 * A held arrow key (a key repeat) moves on only while the picture on screen is at most FETCH_AHEAD
 * frames behind the index: the stills of those frames are the ones being fetched, so one of them
 * always arrives and shows. Without this a server slower than the repeat rate would see every still
 * superseded (and aborted) before it arrives, and the picture would freeze until the key is let go.
 * A fresh press always steps.
 */
export function holdingTooFarAhead(player: Pick<Player, 'frame' | 'shownStill' | 'playing'>, e: Pick<KeyboardEvent, 'repeat'>): boolean {
  return e.repeat && !player.playing && player.shownStill !== null && Math.abs(player.frame - player.shownStill) >= FETCH_AHEAD;
}
