/**
 * Runs one call per id, a few at a time (the API changes one finding per request, each with its
 * own history entry and audit event), and reports which ids failed and why instead of stopping at
 * the first failure.
 */
export async function runEach(
  ids: readonly string[],
  call: (id: string) => Promise<unknown>,
  concurrency = 4,
): Promise<{ done: string[]; failed: { id: string; error: unknown }[] }> {
  const done: string[] = [];
  const failed: { id: string; error: unknown }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        await call(id);
        done.push(id);
      } catch (error) {
        failed.push({ id, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, ids.length)) }, worker));
  const order = new Map(ids.map((id, i) => [id, i]));
  done.sort((a, b) => order.get(a)! - order.get(b)!);
  failed.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { done, failed };
}
