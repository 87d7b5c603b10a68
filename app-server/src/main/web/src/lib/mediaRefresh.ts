/**
 * The library page's media statuses come from two places: the whole list, loaded with the folder
 * page, and single items asked again when the server says one changed ('added', 'ready', 'failed').
 * Answers arrive in any order, so each item keeps the number of its latest ask: an older answer never
 * replaces a newer one, and a list that began loading before an item was asked again keeps that
 * item's own answer. Answers are written through a callback called after they arrive, so they land in
 * the map the page shows then, not in one a list load has since replaced.
 */
export class MediaRefreshes<T> {
  private asks = 0;
  private readonly askedAt = new Map<string, number>();

  /** Marks the start of a list load; pass the mark to {@link newerThan} when its answer is in. */
  listStarted(): number {
    return this.asks;
  }

  /** Items asked again after the list load that began at {@code mark}: their own answer is newer. */
  newerThan(mark: number): string[] {
    return [...this.askedAt].filter(([, at]) => at > mark).map(([id]) => id);
  }

  /**
   * Asks one item again. {@code write} gets its answer, or null when the item is gone (the ask
   * failed), unless a later ask of the same item was made meanwhile.
   */
  async refresh(id: string, ask: () => Promise<T>, write: (answer: T | null) => void): Promise<void> {
    const asked = ++this.asks;
    this.askedAt.set(id, asked);
    let answer: T | null;
    try {
      answer = await ask();
    } catch {
      answer = null;
    }
    if (this.askedAt.get(id) === asked) write(answer);
  }
}
