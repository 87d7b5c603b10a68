import { api } from './api/api';
import { ApiError } from './api/errors';
import type { AuthMode, Me } from './api/types';

// Who is signed in, shared by every page.
export const session: { mode: AuthMode | null; me: Me | null; loaded: boolean } = $state({
  mode: null,
  me: null,
  loaded: false,
});

/** Loads the auth mode and the current user; a 401 or an account-less server leaves me null. */
export async function loadSession(): Promise<void> {
  session.mode = await api.authMode();
  try {
    session.me = await api.me();
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 404)) throw e;
    session.me = null;
  }
  session.loaded = true;
}

/** The name to show for a user id: "You" for the signed-in user. */
export function nameOf(userId: string | null | undefined, names: Map<string, string> = new Map()): string {
  if (!userId) return 'Someone';
  if (session.me && session.me.id === userId) return 'You';
  return names.get(userId) ?? `User ${userId.slice(0, 6)}`;
}
