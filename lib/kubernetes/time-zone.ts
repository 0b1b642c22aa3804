// Port of the CronJob time zone checks of the Kubernetes 1.27 API server:
//   pkg/apis/batch/validation/validation.go: validateTimeZone, validTimeZoneCharacters;
//   Go's time.LoadLocation (src/time/zoneinfo.go, zoneinfo_read.go): "" and "UTC" are UTC,
//   "Local" is the host's zone, names with ".." or a leading "/" or "\" are invalid, every
//   other name must be a file of the time zone database — case-sensitive.
//
// The database is the npm package `tzdata` (the IANA tz database as JSON, regenerated with each
// IANA release), whose zone names include the `backward` links (`US/Pacific`, `Asia/Calcutta`)
// that Go's zoneinfo.zip ships too. Node's ICU is not used: it matches names case-insensitively
// (`europe/berlin`), knows only canonical names in `Intl.supportedValuesOf`, and accepts names
// the tz database dropped (`SystemV/EST5`). Names under `posix/` and `right/` are accepted for
// every zone, as the Debian-based images the API server runs on install those folders.

/** The time zone names Go's LoadLocation finds, loaded on first use. */
let zoneNames: ReadonlySet<string> | undefined;

function zones(): ReadonlySet<string> {
  if (!zoneNames) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = require('tzdata') as { zones: Record<string, unknown> };
    zoneNames = new Set(Object.keys(data.zones));
  }
  return zoneNames;
}

/** The tz database release the names come from, e.g. `2026d`. */
export function timeZoneDatabaseVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('tzdata') as { version: string }).version;
}

/** True when `name` is a zone of the tz database (exact case). */
export function isKnownTimeZone(name: string): boolean {
  const all = zones();
  if (all.has(name)) return true;
  const slash = name.indexOf('/');
  const top = slash < 0 ? '' : name.slice(0, slash);
  return (top === 'posix' || top === 'right') && all.has(name.slice(slash + 1));
}

/**
 * Go time.LoadLocation: the error text it returns for `name`, or undefined when it loads.
 * (`Local` loads: validateTimeZone rejects it separately.)
 */
export function loadLocation(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') {
    return undefined;
  }
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) {
    return 'time: invalid location name';
  }
  return isKnownTimeZone(name) ? undefined : `unknown time zone ${name}`;
}

// https://data.iana.org/time-zones/theory.html#naming, with 0-9 and + tolerated for legacy names.
const VALID_TIME_ZONE_CHARACTERS = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * validateTimeZone for a CronJob's `spec.timeZone` that is set (a nil timeZone is valid):
 * upstream's error texts, or [] when the API server accepts it.
 */
export function validateTimeZone(timeZone: string): string[] {
  if (timeZone.length === 0) {
    return ['timeZone must be nil or non-empty string'];
  }
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !VALID_TIME_ZONE_CHARACTERS.test(part)) {
      return [`unknown time zone ${timeZone}`];
    }
  }
  const errs: string[] = [];
  if (timeZone.toLowerCase() === 'local') {
    errs.push('timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  }
  const problem = loadLocation(timeZone);
  if (problem) {
    errs.push(problem);
  }
  return errs;
}
