// The schedule builder: the fields of each schedule type, and a preview of the next five fire
// times worked out by the server with the scheduler's own rules.

import { api, ApiError } from './api.js';
import { debounce, fill, h, time, uid } from './dom.js';
import { field } from './form.js';

const TYPES = [
  ['', 'On demand only (no schedule)'],
  ['INTERVAL', 'Every N minutes'],
  ['HOURLY', 'Every hour'],
  ['DAILY', 'Every day'],
  ['WEEKLY', 'On days of the week'],
  ['MONTHLY', 'Once a month'],
  ['CRON', 'Cron expression'],
];
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/**
 * The next fire times of a schedule, from the server. Kept apart so that the endpoint is named in
 * one place: POST /api/v1/schedules/preview?count=5 with the schedule as the body, answering
 * {"timeZone": "...", "fireTimes": ["2026-...+01:00", ...]} (or problem+json naming its fields).
 */
export async function previewSchedule(schedule, count = 5) {
  return api(`/schedules/preview?count=${count}`, { method: 'POST', body: schedule });
}

/** The builder; value() answers the schedule request (or null), set(schedule) fills it. */
export function scheduleBuilder() {
  const id = uid('schedule');
  const input = (name, attrs) => h('input', { id: `${id}-${name}`, 'data-field': `schedule.${name}`, ...attrs });
  const type = h('select', { id: `${id}-type`, 'data-field': 'schedule.type' }, TYPES.map(([v, t]) => h('option', { value: v }, t)));
  const everyMinutes = input('everyMinutes', { type: 'number', min: 1, max: 525600, value: 60 });
  const minute = input('minute', { type: 'number', min: 0, max: 59, value: 0 });
  const at = input('time', { type: 'time', value: '02:00' });
  const days = h('fieldset', { class: 'days', id: `${id}-days`, 'data-field': 'schedule.days' },
    h('legend', { text: 'Days' }),
    DAYS.map((day) => {
      const box = h('input', { type: 'checkbox', id: `${id}-${day}`, value: day });
      return h('span', { class: 'check' }, box, h('label', { for: `${id}-${day}`, text: day.slice(0, 1) + day.slice(1, 3).toLowerCase() }));
    }),
    h('p', { class: 'field-error', id: `${id}-days-error` }));
  const dayOfMonth = input('dayOfMonth', { type: 'number', min: 1, max: 31, value: 1 });
  const lastDay = input('lastDayOfMonth', { type: 'checkbox' });
  const cron = input('cron', { type: 'text', placeholder: '0 30 2 * * MON-FRI', spellcheck: 'false' });
  const zones = uid('zones');
  const zone = input('timeZone', { type: 'text', list: zones, placeholder: 'UTC', autocomplete: 'off' });
  const overlap = h('select', { id: `${id}-overlap`, 'data-field': 'schedule.overlap' },
    h('option', { value: 'SKIP' }, 'Skip the new run (default)'),
    h('option', { value: 'QUEUE_ONE' }, 'Queue one run to start after it'));
  const pauseAfter = input('pauseAfterFailures', { type: 'number', min: 1, max: 1000 });
  const preview = h('div', { class: 'preview', 'aria-live': 'polite' });
  const groups = {
    INTERVAL: field('Every how many minutes', null, everyMinutes, 'Required.'),
    HOURLY: field('At minute', null, minute, 'Default: 0'),
    TIME: field('At (time of day)', null, at, 'Required, in the time zone below.'),
    WEEKLY: days,
    MONTHLY: h('div', {}, field('Day of the month', null, dayOfMonth, 'Months without that day are skipped.'),
      h('div', { class: 'check' }, lastDay, h('label', { for: lastDay.id, text: 'The last day of each month instead' }))),
    CRON: field('Cron expression', null, cron, 'Six fields: second minute hour day-of-month month day-of-week.'),
    ZONE: field('Time zone', null, zone, `Default: UTC. Your browser is in ${Intl.DateTimeFormat().resolvedOptions().timeZone}.`),
    OVERLAP: field('When the previous run is still going', null, overlap, 'Default: skip'),
    PAUSE: field('Pause the plan after this many failed runs in a row', null, pauseAfter,
      'Failed or partial runs, 1 to 1000; dry runs and cancelled runs do not count. Default: never.'),
  };
  const zoneNames = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

  function value() {
    const t = type.value;
    if (!t) return null;
    const s = { type: t };
    if (t === 'INTERVAL') s.everyMinutes = Number(everyMinutes.value);
    if (t === 'HOURLY' && minute.value !== '') s.minute = Number(minute.value);
    if (['DAILY', 'WEEKLY', 'MONTHLY'].includes(t)) s.time = at.value;
    if (t === 'WEEKLY') s.days = [...days.querySelectorAll('input:checked')].map((b) => b.value);
    if (t === 'MONTHLY') {
      if (lastDay.checked) s.lastDayOfMonth = true;
      else s.dayOfMonth = Number(dayOfMonth.value);
    }
    if (t === 'CRON') s.cron = cron.value.trim();
    if (zone.value.trim()) s.timeZone = zone.value.trim();
    if (overlap.value !== 'SKIP') s.overlap = overlap.value;
    if (pauseAfter.value !== '') s.pauseAfterFailures = Number(pauseAfter.value);
    return s;
  }

  function show() {
    const t = type.value;
    groups.INTERVAL.hidden = t !== 'INTERVAL';
    groups.HOURLY.hidden = t !== 'HOURLY';
    groups.TIME.hidden = !['DAILY', 'WEEKLY', 'MONTHLY'].includes(t);
    groups.WEEKLY.hidden = t !== 'WEEKLY';
    groups.MONTHLY.hidden = t !== 'MONTHLY';
    groups.CRON.hidden = t !== 'CRON';
    groups.ZONE.hidden = !t || t === 'INTERVAL';
    groups.OVERLAP.hidden = !t;
    groups.PAUSE.hidden = !t;
    refresh();
  }

  const refresh = debounce(async () => {
    const s = value();
    if (!s) {
      fill(preview, h('p', { class: 'muted', text: 'Without a schedule the plan runs only when someone runs it.' }));
      return;
    }
    try {
      const answer = await previewSchedule(s);
      fill(preview, h('p', { class: 'small', text: `Next runs (${answer.timeZone || s.timeZone || 'UTC'}, shown in your time zone):` }),
        h('ol', {}, (answer.fireTimes || []).map((t) => h('li', {}, time(t)))));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        fill(preview, h('p', { class: 'muted', text: 'This server cannot preview schedules yet.' }));
      } else {
        fill(preview, h('p', { class: 'error', text: e.fieldErrors.length ? e.fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ') : e.message }));
      }
    }
  }, 400);

  const element = h('fieldset', { class: 'schedule' },
    h('legend', { text: 'Schedule' }),
    field('Runs', null, type, 'Default: on demand only'),
    groups.INTERVAL, groups.HOURLY, groups.TIME, groups.WEEKLY, groups.MONTHLY, groups.CRON, groups.ZONE, groups.OVERLAP, groups.PAUSE,
    h('datalist', { id: zones }, zoneNames.map((z) => h('option', { value: z }))),
    h('section', { 'aria-label': 'Schedule preview' }, preview));
  element.addEventListener('input', show);
  element.addEventListener('change', show);

  function set(s) {
    type.value = s ? s.type : '';
    if (s) {
      if (s.everyMinutes) everyMinutes.value = s.everyMinutes;
      if (s.minute !== undefined && s.minute !== null) minute.value = s.minute;
      if (s.time) at.value = s.time.slice(0, 5);
      (s.days || []).forEach((d) => { const box = days.querySelector(`input[value="${d}"]`); if (box) box.checked = true; });
      if (s.dayOfMonth) dayOfMonth.value = s.dayOfMonth;
      lastDay.checked = Boolean(s.lastDayOfMonth);
      if (s.cron) cron.value = s.cron;
      zone.value = s.timeZone && s.timeZone !== 'UTC' ? s.timeZone : '';
      overlap.value = s.overlap || 'SKIP';
      pauseAfter.value = s.pauseAfterFailures ?? '';
    }
    show();
  }
  set(null);
  return { element, value, set };
}
