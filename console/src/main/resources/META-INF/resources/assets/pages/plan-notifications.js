// The plan form's notifications: email and webhook rows. A stored webhook's URL, header values and
// secret are sealed (the API shows its host and the names of its headers): an edit keeps the
// stored webhooks as they are unless a row is changed, added or removed, and then asks for each
// URL again; header values and the secret left empty are kept for the same URL, unless their
// "Remove" boxes are ticked.

import { h } from '../dom.js';
import { checkboxes, field, headersAndSecret, rows } from '../form.js';

const OUTCOMES = [
  ['START', 'start'], ['RETRYING', 'retrying'], ['SUCCESS', 'success'], ['PARTIAL', 'partial'],
  ['FAILURE', 'failure'], ['CANCELLED', 'cancelled'], ['CHANGES_ONLY', 'changes only'],
  ['VERIFY_FAILED', 'verification failed'], ['NEEDS_RESYNC', 'needs resync'], ['PAUSED', 'paused itself'],
];
// What a channel that names no outcome gets (docs/notifications.md), ticked on a new row.
const EMAIL_DEFAULT = ['FAILURE', 'VERIFY_FAILED', 'NEEDS_RESYNC', 'PAUSED'];
const WEBHOOK_DEFAULT = ['SUCCESS', 'PARTIAL', 'FAILURE', 'CANCELLED', 'VERIFY_FAILED', 'NEEDS_RESYNC', 'PAUSED'];
const FORMATS = [
  ['JSON', 'JSON (default)'], ['SLACK', 'Slack'], ['DISCORD', 'Discord'], ['NTFY', 'ntfy'], ['GOTIFY', 'Gotify'],
  ['TELEGRAM', 'Telegram'], ['TEAMS', 'Microsoft Teams'], ['HEALTHCHECKS', 'Healthchecks-style pings'],
];

/** answers {element, value()}: value() is {emails, webhooks}, webhooks undefined to keep them. */
export function notificationsEditor(stored, editing) {
  let webhooksChanged = false;
  const changed = () => { webhooksChanged = true; };

  const emails = rows('notifications.emails', 'Email', (name, e = { address: '', on: EMAIL_DEFAULT }) => {
    const address = h('input', { type: 'email', value: e.address });
    const on = checkboxes('Notify on', `${name}.on`, OUTCOMES, e.on);
    return {
      children: [field('Address', `${name}.address`, address), on],
      value: () => ({ address: address.value, on: on.values() }),
    };
  });

  const webhooks = rows('notifications.webhooks', 'Webhook', (name, w = { on: WEBHOOK_DEFAULT, format: 'JSON' }) => {
    const url = h('input', { type: 'url', placeholder: w.host ? `the URL at ${w.host}, given again` : 'https://hooks.example.com/…' });
    const format = h('select', {}, FORMATS.map(([v, t]) => h('option', { value: v, selected: v === w.format }, t)));
    const on = checkboxes('Notify on', `${name}.on`, OUTCOMES, w.on);
    const signing = headersAndSecret(name, w.host ? w.headers || [] : [], Boolean(w.host && w.secretSet), 'deliveries');
    return {
      children: [
        field('URL', `${name}.url`, url, w.host ? 'Sealed: shown only by its host. Give it again to change the webhooks.' : 'Required.'),
        field('Format', `${name}.format`, format),
        on,
        signing.elements,
      ],
      value: () => signing.into({ url: url.value, format: format.value, on: on.values() }),
    };
  }, { onChange: changed });
  webhooks.element.addEventListener('input', changed);
  webhooks.element.addEventListener('change', changed);

  (stored?.emails || []).forEach((e) => emails.add(e));
  (stored?.webhooks || []).forEach((w) => webhooks.add(w));

  const element = h('fieldset', {}, h('legend', { text: 'Notifications' }),
    h('h3', { text: 'Emails' }), h('p', { class: 'hint', text: 'Default outcomes for an email: failures, failed verifications, a plan that needs a resync or paused itself.' }), emails.element,
    h('button', { type: 'button', onclick: () => emails.add() }, 'Add an email'),
    h('h3', { text: 'Webhooks' }), h('p', { class: 'hint', text: 'Default outcomes for a webhook: every finished run, a plan that needs a resync or paused itself.' }), webhooks.element,
    h('button', { type: 'button', onclick: () => { webhooks.add(); changed(); } }, 'Add a webhook'));
  return {
    element,
    value: () => ({ emails: emails.values(), webhooks: !editing || webhooksChanged ? webhooks.values() : undefined }),
  };
}
