// A small history router: the server answers every non-API path with index.html, so links can be
// shared and reloaded.

export interface Route {
  path: string;
  query: URLSearchParams;
}

export const route: Route = $state({ path: location.pathname, query: new URLSearchParams(location.search) });

function sync(): void {
  route.path = location.pathname;
  route.query = new URLSearchParams(location.search);
}

window.addEventListener('popstate', sync);

export function navigate(to: string, replace = false): void {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  sync();
}

/** Updates query parameters without adding a history entry (view state such as sort, frame). */
export function setQuery(values: Record<string, string | null>): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === '') q.delete(k);
    else q.set(k, v);
  }
  const qs = q.toString();
  history.replaceState(null, '', location.pathname + (qs ? `?${qs}` : ''));
  route.query = q;
}

/** Matches "/review/:id" style patterns; null when the path does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decoded(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/**
 * A path segment decoded. One that is not valid percent-encoded UTF-8 (a hand-made or hostile link,
 * "/s/%E0%A4") stays as it is: decodeURIComponent would throw and stop the whole app.
 */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Left clicks on in-app links navigate without a page load. */
export function link(node: HTMLAnchorElement): void {
  node.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const href = node.getAttribute('href');
    if (!href || !href.startsWith('/')) return;
    e.preventDefault();
    navigate(href);
  });
}
