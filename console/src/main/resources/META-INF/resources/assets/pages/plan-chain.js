// The plan form's chain trigger: the plans whose runs start this one. Each is picked by name from
// the existing plans (the API takes a name or an id and stores the id, so a rename keeps the
// chain); the list offers the plans whose names contain what was typed.

import { api } from '../api.js';
import { debounce, fill, h, uid } from '../dom.js';
import { checkboxes, field, rows } from '../form.js';

const OUTCOMES = [['SUCCESS', 'success'], ['PARTIAL', 'partial'], ['FAILURE', 'failure'], ['CANCELLED', 'cancelled']];

/** answers {element, value()}: value() is the trigger's after list. */
export async function chainEditor(planId, stored) {
  const names = uid('plans');
  const offered = h('datalist', { id: names });
  const offer = debounce(async (typed) => {
    try {
      const page = await api(`/plans?q=${encodeURIComponent(typed.trim())}&sort=name&size=20`);
      fill(offered, page.items.filter((p) => p.id !== planId).map((p) => h('option', { value: p.name })));
    } catch (e) {
      fill(offered);
    }
  }, 250);

  const after = rows('trigger.after', 'After plan', (name, a = { plan: '', on: ['SUCCESS'] }) => {
    const plan = h('input', { type: 'text', list: names, autocomplete: 'off', spellcheck: 'false', value: a.plan });
    plan.addEventListener('input', () => offer(plan.value));
    plan.addEventListener('focus', () => offer(plan.value));
    const on = checkboxes('When its run ends', `${name}.on`, OUTCOMES, a.on);
    return {
      children: [field('Plan', `${name}.plan`, plan, 'Its name: type to pick one of the plans.'), on],
      value: () => ({ plan: plan.value.trim(), on: on.values() }),
    };
  }, { remove: 'Do not start after this plan' });

  if (planId && (stored || []).length) {
    // by name, as the chain shows them; the plan itself names them by id, which the API also takes
    const chain = await api(`/plans/${encodeURIComponent(planId)}/chain`).catch(() => null);
    const named = chain ? chain.after.map((a) => ({ plan: a.name || a.planId, on: a.on })) : stored;
    named.forEach((a) => after.add({ plan: a.plan, on: a.on || [] }));
  }

  const element = h('fieldset', {}, h('legend', { text: 'Start after other plans' }),
    h('p', { class: 'hint', text: 'The plan also starts when a run of one of these plans ends as ticked (a chain; dry runs start nothing). Default: none; success when nothing is ticked.' }),
    after.element, offered,
    h('button', { type: 'button', onclick: () => after.add() }, 'Add a plan to start after'));
  return { element, value: () => after.values() };
}
