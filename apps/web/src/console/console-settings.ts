// The console's alert thresholds, kept in this browser (each coordinator has their own sense of
// "too long"), and the unit it shows, kept in the address so a reload comes back to it.
import { type ConsoleSettings, defaultSettings } from './roster-rules';

const KEY = 'xk.console.settings';

export function readSettings(): ConsoleSettings {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<ConsoleSettings>;
    const minutes = (v: unknown, fallback: number) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 24 * 60 ? (v as number) : fallback);
    return { idleMinutes: minutes(raw.idleMinutes, defaultSettings.idleMinutes), ackMinutes: minutes(raw.ackMinutes, defaultSettings.ackMinutes) };
  } catch {
    return { ...defaultSettings };
  }
}

export function writeSettings(settings: ConsoleSettings) {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // private mode: the thresholds last as long as the page
  }
}

export function readUnitParam(): number | null {
  const raw = Number(new URLSearchParams(location.search).get('unit'));
  return Number.isInteger(raw) && raw > 0 ? raw : null;
}

export function writeUnitParam(unitId: number) {
  const url = new URL(location.href);
  url.searchParams.set('unit', String(unitId));
  history.replaceState(history.state, '', url);
}
