import { parseDuration, parseStandard, shortestInterval, validateSchedule } from '../../lib/kubernetes/cron';

// Tables ported from robfig/cron v3.0.1 parser_test.go (TestRange, TestParseScheduleErrors,
// TestParseSchedule, TestStandardSpecSchedule; TestRange's rows use made-up bounds, so each row
// is placed in the standard field with the same boundary behaviour), kubernetes 1.27
// pkg/apis/batch/validation/validation_test.go (TestValidateCronJob) and Go 1.20
// src/time/time_test.go (parseDurationTests).
describe('robfig/cron ParseStandard accepts what the API server accepts', () => {
  test.each([
    // parser_test.go TestRange (valid rows) and TestStandardSpecSchedule
    '5 * * * *', '0 * * * *', '59 * * * *', '5-5 * * * *', '5-6 * * * *', '5-7 * * * *',
    '5-6/2 * * * *', '5-7/2 * * * *', '5-7/1 * * * *', '* * * * *', '*/2 * * * *',
    // TestField
    '5,6 * * * *', '5,6,7 * * * *', '1,5-7/2,3 * * * *',
    // TestParseSchedule (standard parser rows and descriptors)
    'CRON_TZ=UTC  5 * * * *', '@every 5m', '@midnight', 'TZ=UTC  @midnight', 'TZ=Asia/Tokyo @midnight', '@yearly', '@annually',
    '@monthly', '@weekly', '@daily', '@hourly',
    // validation_test.go TestValidateCronJob successCases
    '* * * * ?',
    // names, case-insensitive (spec.go months/dow maps), and day-of-week 0 = Sunday
    '0 0 * * MON-FRI', '0 0 1 jan,Jul *', '0 0 * * sun', '0 0 * * 0', '0 0 31 12 6',
    // "N/step" means "N-max/step"; "?" is "*"; empty list items are skipped (strings.FieldsFunc)
    '5/15 * * * *', '? ? ? ? ?', ',5 * * * *', '0 9-17/2 * * 1-5',
    // strconv.Atoi takes a sign
    '+5 * * * *', '*/+2 * * * *',
    // leading and trailing blanks are field separators
    '  0 3 * * *  ',
  ])('%p', (spec) => {
    expect(parseStandard(spec)).toBeUndefined();
  });
});

describe('robfig/cron ParseStandard rejects, with the upstream error', () => {
  test.each([
    // TestRange error rows
    ['5--5 * * * *', 'too many hyphens: 5--5'],
    ['0 0 * jan-x *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['2-x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['*/-12 * * * *', 'negative number (-12) not allowed: -12'],  // upstream names the step, not the range
    ['*//2 * * * *', 'too many slashes: *//2'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['61 3 * * *', 'end of range (61) above maximum (59): 61'],
    ['5-3 * * * *', 'beginning of range (5) beyond end of range (3): 5-3'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    // TestParseScheduleErrors / TestStandardSpecSchedule
    ['5 j * * *', 'failed to parse int from j: strconv.Atoi: parsing "j": invalid syntax'],
    ['@every Xm', 'failed to parse duration @every Xm: time: invalid duration "Xm"'],
    ['@unrecognized', 'unrecognized descriptor: @unrecognized'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['', 'empty spec string'],
    // validation_test.go TestValidateCronJob: "spec.schedule: Invalid value"
    ['error', 'expected exactly 5 fields, found 1: [error]'],
    // the bounds of spec.go: 7 is not a day of week for robfig, 24 not an hour, 13 not a month
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['0 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['0 0 * 13 *', 'end of range (13) above maximum (12): 13'],
    ['0 0 32 * *', 'end of range (32) above maximum (31): 32'],
    ['x 3 * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['0 0 * * 1-', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['99999999999999999999 * * * *', 'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['@every 1d', 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ['@daily ', 'unrecognized descriptor: @daily '],
    ['TZ=Mars/Olympus 0 3 * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ])('%p: %s', (spec, upstream) => {
    expect(parseStandard(spec)?.upstream).toBe(upstream);
  });
});

describe('Kubernetes 1.27 validateScheduleFormat', () => {
  test('fails when the schedule carries TZ and timeZone is set (TestValidateCronJob errorCases)', () => {
    expect(validateSchedule('TZ=UTC 0 * * * *', 'UTC')?.upstream).toBe('cannot use both timeZone field and TZ or CRON_TZ in schedule');
  });
  test('accepts TZ in the schedule without timeZone (1.27 only warns)', () => {
    expect(validateSchedule('TZ=UTC 0 * * * *', undefined)).toBeUndefined();
  });
  test('fails on an empty schedule as Required (spec.schedule: Required value)', () => {
    expect(validateSchedule('', undefined)?.upstream).toBe('Required value');
  });
  test('reports the parse error before the TZ conflict', () => {
    expect(validateSchedule('TZ=UTC 61 * * * *', 'UTC')?.upstream).toBe('end of range (61) above maximum (59): 61');
  });
});

describe('the project sentence and fix of each problem', () => {
  test.each([
    ['61 3 * * *', 'minute field "61" is out of range 0-59', 'use a value from 0 to 59'],
    ['0 0 * 13 *', 'month field "13" is out of range 1-12', 'use a value from 1 to 12 or JAN-DEC'],
    ['0 0 * * 7', 'day-of-week field "7" is out of range 0-6', 'use a value from 0 to 6 or SUN-SAT'],
    ['x 3 * * *', 'minute field "x" is not a number', 'use a value from 0 to 59'],
    ['0 0 * jan-x *', 'month field "jan-x" has "x", which is not a number', 'use a value from 1 to 12 or JAN-DEC'],
    ['0 0 * * FRI-MON', 'day-of-week field "FRI-MON" starts after it ends', 'put the smaller value first: ranges do not wrap around'],
    ['*/0 * * * *', 'minute field "*/0" has step 0', 'use a step of 1 or more, e.g. "*/15"'],
    ['@every 1d', 'has the @every duration "1d", which is not a Go duration', 'use units h, m, s, ms, us or ns, e.g. "@every 1h30m"'],
    ['0 3 * *', 'must be a cron expression with 5 fields', 'use e.g. Cron.schedule({ minute: \'0\', hour: \'3\' })'],
  ])('%p', (spec, problem, fix) => {
    expect(parseStandard(spec)).toMatchObject({ problem, fix });
  });
});

describe('Go time.ParseDuration (time_test.go parseDurationTests)', () => {
  test.each([
    '0', '5s', '30s', '1478s', '-5s', '+5s', '-0', '+0', '5.0s', '5.6s', '5.s', '.5s', '1.004s', '100.00100s',
    '1ns', '1.1ns', '2.2us', '3.3ms', '4.4s', '5.5m', '6.6h', '3h30m', '10.5s4m', '-2m3.4s', '1h2m3s4ms5us6ns',
    '39h9m14.425s', '52763797000ns', '0.3333333333333333333h', '1\u00b5s', '1\u03bcs', '9223372036854775807ns',
    '9223372036854775.807us', '9223372036s854ms775us807ns', '-9223372036854775808ns', '-9223372036854775.808us',
    '0.100000000000000000000h', '0.830103483285477580700h',
  ])('accepts %p', (d) => {
    expect(parseDuration(d)).toBeUndefined();
  });

  test.each([
    ['', 'time: invalid duration ""'],
    ['3', 'time: missing unit in duration "3"'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'],
    ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
    ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
    ['9223372036s854ms775us808ns', 'time: invalid duration "9223372036s854ms775us808ns"'],
  ])('fails on %p with %s', (d, message) => {
    expect(parseDuration(d)).toBe(message);
  });
});

// robfig/cron/v3 v3.0.1 spec.go (Next, dayMatches: day-of-month and day-of-week ANDed when either
// is `*`, else ORed) and constantdelay.go (Every: whole seconds, at least 1s).
describe('shortestInterval', () => {
  test.each([
    ['* * * * *', 60],
    ['*/5 * * * *', 300],
    ['0,50 * * * *', 600], // 0 → 50 is 50 min, 50 → next hour's 0 is 10 min
    ['0 9,10 * * *', 3600],
    ['30 23 * * *', 86400],
    ['0 3 * * 1-5', 86400], // Mon–Fri: consecutive weekdays
    ['0 0 * * 0', 7 * 86400], // weekly
    ['@weekly', 7 * 86400],
    ['@hourly', 3600],
    ['0 0 1 * *', 28 * 86400], // monthly: February is the shortest month
    ['0 0 1 * 1', 86400], // 1st OR Monday: Monday the 31st → the 1st
    ['0 0 1,15 * *', 14 * 86400], // 1st → 15th, and Feb 15 → Mar 1 in a common year
    ['@every 90s', 90],
    ['@every 1500ms', 1],
    ['@every 100ms', 1],
    ['TZ=UTC */10 * * * *', 600],
  ])('%s fires at most every %i s', (schedule, seconds) => {
    expect(shortestInterval(schedule)).toBe(seconds);
  });

  test('a schedule that never fires (30 February) has no interval', () => {
    expect(shortestInterval('0 0 30 2 *')).toBeUndefined();
  });
});
