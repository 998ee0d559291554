// The checkout page: the delivery promise for the cart and destination, computed in the
// browser with no network call after load, and an "Order within" countdown that rolls over
// to the next promise when its order-by instant passes.
import init, { createEngine, formatDelivery, formatOrderWithin, formatOrderBy } from '../../pkg/browser.js';

const CART = [
  { sku: 'MUG-ENAMEL-12', name: 'Enamel mug, 12 oz', quantity: 2, node: 'ewr' },
  { sku: 'FLASK-STEEL', name: 'Steel flask, engraved', quantity: 1, node: 'ont', tags: ['engraving'] },
];
const DESTINATIONS = [
  { id: 'pdx', label: 'Portland, OR', destination: { country: 'US', region: 'OR', postalCode: '97205', zone: 'America/Los_Angeles' } },
  { id: 'nyc', label: 'New York, NY', destination: { country: 'US', region: 'NY', postalCode: '10001', zone: 'America/New_York' } },
  { id: 'hnl', label: 'Honolulu, HI', destination: { country: 'US', region: 'HI', postalCode: '96813', zone: 'Pacific/Honolulu' } },
  { id: 'anc', label: 'Anchorage, AK', destination: { country: 'US', region: 'AK', postalCode: '99501', zone: 'America/Anchorage' } },
];

const $ = (id) => document.getElementById(id);
const locale = navigator.language;
let engine;
let promise;

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function compute() {
  const chosen = DESTINATIONS.find((d) => d.id === $('destination').value) ?? DESTINATIONS[0];
  const lines = CART.map(({ sku, quantity, node, tags }) => ({ sku, quantity, node, tags }));
  promise = engine.promise({ destination: chosen.destination, lines }, { at: Date.now() });
  render();
}

function render() {
  const list = $('options');
  list.replaceChildren();
  for (const o of promise.options) {
    const li = el('li', o.available ? 'available' : 'unavailable');
    li.dataset.service = o.service;
    li.append(el('span', 'service', o.serviceName));
    if (o.available) {
      li.append(el('span', 'window', formatDelivery(o.delivery, { locale })));
      // The countdown the shopper sees: until the delivery window shown changes.
      li.append(el('span', 'countdown'), el('span', 'order-by', formatOrderBy(o, { locale })));
    } else {
      li.append(el('span', 'reason', o.reason.message));
    }
    list.append(li);
  }
  tick();
}

// Every second: the countdowns, or a new promise once an order-by instant has passed.
function tick() {
  const now = Date.now();
  if (promise.options.some((o) => o.available && o.windowOrderBy.epochMs <= now)) return compute();
  for (const li of $('options').querySelectorAll('li.available')) {
    const o = promise.options.find((x) => x.service === li.dataset.service);
    li.querySelector('.countdown').textContent = formatOrderWithin(o, { now, locale });
  }
}

async function main() {
  for (const line of CART) {
    const li = el('li');
    li.append(el('span', '', line.name), el('span', '', `× ${line.quantity}`));
    $('lines').append(li);
  }
  for (const d of DESTINATIONS) $('destination').append(new Option(d.label, d.id));
  await init();
  // The browser build loads the policy compiled by the full build (scripts/build.sh runs
  // `order-sla compile`): 4 KB, validated where it was compiled.
  engine = createEngine(new Uint8Array(await (await fetch('../../pkg/examples/store/policy.osla')).arrayBuffer()));
  $('destination').addEventListener('change', compute);
  compute();
  setInterval(tick, 1000);
  $('status').textContent = `Delivery dates computed in your browser (order-sla ${promise.engineVersion}, tzdata ${promise.tzdataVersion}).`;
}

main().catch((e) => {
  $('status').textContent = `Delivery dates are unavailable: ${e.message}`;
  $('status').className = 'error';
});
