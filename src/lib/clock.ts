// Every deadline in the platform is computed from an injected clock so that tests
// move time instead of waiting for it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// The calendar day in China (YYYY-MM-DD): rules that count days (expiry, deadlines, periods)
// count them as the operator and its merchants do, not in UTC.
const shanghaiFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" });
export const shanghaiDay = (d: Date) => shanghaiFormat.format(d);

export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date | string = "2026-01-05T09:00:00+08:00") {
    this.t = new Date(start).getTime();
  }
  now() {
    return new Date(this.t);
  }
  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number }) {
    this.t += (((by.days ?? 0) * 24 + (by.hours ?? 0)) * 60 + (by.minutes ?? 0)) * 60_000 + (by.seconds ?? 0) * 1000;
  }
  set(to: Date | string) {
    this.t = new Date(to).getTime();
  }
}

export const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
export const addHours = (d: Date, h: number) => addMinutes(d, h * 60);
export const addDays = (d: Date, n: number) => addHours(d, n * 24);
// Calendar months, as people count them (Jan 31 + 1 month = the last day of February).
export function addMonths(d: Date, n: number) {
  const r = new Date(d);
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + n);
  r.setUTCDate(Math.min(day, new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate()));
  return r;
}
