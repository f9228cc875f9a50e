/** Independent sends made at once, so a request waits on the slowest, not on the sum. */

/**
 * Runs `task` for every item at the same time and waits for all of them; one that fails or throws
 * does not stop the others. Answers the items whose task failed (answered false or threw).
 */
export async function fanOut<T>(items: readonly T[], task: (item: T) => Promise<boolean>): Promise<T[]> {
  const settled = await Promise.allSettled(items.map((item) => task(item)));
  return items.filter((_, i) => {
    const outcome = settled[i] as PromiseSettledResult<boolean>;
    return outcome.status === 'rejected' || !outcome.value;
  });
}
