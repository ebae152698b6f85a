/** Adds business days (Monday–Friday) to a YYYY-MM-DD date; public holidays are not known. */
export function addBusinessDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

/**
 * Business days from `today` to `due` (YYYY-MM-DD): the Monday–Friday dates after today up to
 * and including the due date, so 0 on the due date itself and -1 once it has passed.
 */
export function businessDaysUntil(today: string, due: string): number {
  if (due < today) return -1;
  const d = new Date(`${today}T00:00:00Z`);
  let n = 0;
  for (;;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.toISOString().slice(0, 10) > due) return n;
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
}
