/**
 * A time of day the operator gives (the failback's downtime, "02:30"), as the next such moment in local time: today,
 * or tomorrow when it has passed.
 */
export function nextTimeOfDay(now: Date, time: { readonly hours: number; readonly minutes: number }): Date {
  const at = new Date(now);
  at.setHours(time.hours, time.minutes, 0, 0);
  if (at.getTime() < now.getTime()) at.setDate(at.getDate() + 1);
  return at;
}
