/** Times and durations as a trader reads them: local wall-clock time, short durations. */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** ms since epoch -> "2025-01-31 14:05:09" in the browser's time zone. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(ms)}`;
}

/** ms since epoch -> "14:05:09" in the browser's time zone. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A duration in ms -> "850 ms", "12 s", "4 min 05 s", "2 h 07 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? "-" : "";
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  const s = Math.floor(abs / 1000);
  if (s < 60) return `${sign}${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${sign}${m} min ${pad(s % 60)} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${sign}${h} h ${pad(m % 60)} min`;
  return `${sign}${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Clock skew in ms with an explicit sign: "+12 ms", "-1.2 s". */
export function formatSkew(ms: number): string {
  const sign = ms > 0 ? "+" : ms < 0 ? "-" : "±";
  const abs = Math.abs(ms);
  return abs < 1000 ? `${sign}${Math.round(abs)} ms` : `${sign}${(abs / 1000).toFixed(1)} s`;
}

/** "YYYY-MM-DDTHH:mm" for <input type="datetime-local"> -> ms, or undefined when empty/invalid. */
export function parseLocalDateTime(value: string): number | undefined {
  if (value === "") return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
