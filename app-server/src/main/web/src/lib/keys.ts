import type { Player } from './player.svelte';

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
      player.step(e.shiftKey ? -fps : -1);
      return true;
    case 'ArrowRight':
      player.step(e.shiftKey ? fps : 1);
      return true;
    default:
      return false;
  }
}
