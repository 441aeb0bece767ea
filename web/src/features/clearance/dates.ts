/** Date filters: the day a person picks (YYYY-MM-DD, the zone's calendar) as the API's ISO bounds. */

/** Start of the day in Asia/Shanghai, as an ISO instant. */
export function dayStart(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Start of the next day in Asia/Shanghai (the API's `to` is exclusive), as an ISO instant. */
export function dayEnd(day: string): string | undefined {
  const start = dayStart(day);
  return start ? new Date(new Date(start).getTime() + 86_400_000).toISOString() : undefined;
}
