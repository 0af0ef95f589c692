/**
 * The marketplace page's script, as source text for a `<script>` element (plain browser
 * JavaScript, no build step): it posts the requirements to POST /match, renders each need's
 * ranked matches with their explanations and near misses, filters them, and links each offering
 * to its provider's manifest and credentials.
 */
export const PAGE_SCRIPT = String.raw`
const $ = (selector) => document.querySelector(selector);
const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) node.append(child instanceof Node ? child : String(child));
  return node;
};
const providerLinks = (offering) => {
  // A crawled manifest's IRI is where it was fetched; its credentials sit beside it.
  const base = /^https?:/.test(offering.source || '') ? offering.source : offering.manifest;
  const links = [el('a', { href: offering.manifest, class: 'manifest' }, 'manifest')];
  if (/^https?:/.test(base)) links.push(' · ', el('a', { href: new URL('/.well-known/mpli/credentials', base).href, class: 'credentials' }, 'credentials'));
  return el('span', { class: 'links' }, ...links);
};
const constraintList = (constraints) => el('ul', { class: 'constraints' }, ...constraints.map((c) =>
  el('li', { class: 'constraint ' + c.status }, el('b', {}, c.label), ': ', c.status, ' (expected ', c.expected, ', found ', c.actual, ')',
    c.evidence ? ' — evidence ' + c.evidence : '', c.reason ? ' — ' + c.reason : '', c.hint ? ' — ' + c.hint : '')));
const matchItem = (m) => el('li', { class: 'match ' + m.status, 'data-text': [m.offering.name, m.offering.provider.name, m.status].join(' ').toLowerCase() },
  el('div', { class: 'head' }, el('span', { class: 'rank' }, '#' + m.rank), ' ', el('b', { class: 'name' }, m.offering.name), ' — ', el('span', { class: 'provider' }, m.offering.provider.name || '?'),
    ' ', el('span', { class: 'score' }, 'score ' + m.score.toFixed(2)), m.price ? el('span', { class: 'price' }, ' ' + m.price) : '', ' ', providerLinks(m.offering)),
  m.actions.length ? el('p', { class: 'actions' }, 'First: ' + m.actions.map((a) => a.action).join('; ')) : '',
  el('details', {}, el('summary', {}, 'why'), constraintList(m.constraints)));
const missItem = (r) => el('li', { class: 'miss', 'data-text': [r.offering.name, r.offering.provider.name, 'near miss'].join(' ').toLowerCase() },
  el('div', { class: 'head' }, el('b', { class: 'name' }, r.offering.name), ' — ', el('span', { class: 'provider' }, r.offering.provider.name || '?'), ' ', providerLinks(r.offering)),
  constraintList(r.constraints.filter((c) => c.status !== 'met')));

function applyFilter() {
  const text = $('#filter').value.trim().toLowerCase();
  const readyOnly = $('#ready-only').checked;
  for (const item of document.querySelectorAll('#results li.match, #results li.miss')) {
    const hidden = (text && !item.dataset.text.includes(text)) || (readyOnly && !item.classList.contains('match'));
    item.hidden = Boolean(hidden);
  }
}

async function match(event) {
  event.preventDefault();
  $('#error').textContent = '';
  $('#results').replaceChildren(el('p', { class: 'busy' }, 'Matching…'));
  const query = new URLSearchParams({ top: $('#top').value });
  if ($('#as-of').value) query.set('asOf', $('#as-of').value);
  const response = await fetch('/match?' + query, { method: 'POST', headers: { 'content-type': $('#format').value }, body: $('#requirements').value });
  const body = await response.json();
  if (!response.ok) {
    $('#results').replaceChildren();
    $('#error').textContent = (body.title || 'Error') + ': ' + (body.detail || response.status) + (body.line ? ' (line ' + body.line + (body.column ? ', column ' + body.column : '') + ')' : '');
    return;
  }
  $('#results').replaceChildren(...body.needs.map((need) => el('section', { class: 'need' },
    el('h2', {}, need.need.title || need.need.kind),
    el('p', { class: 'counts' }, need.counts.matches + ' ready, ' + need.counts.needsAction + ' needing action, ' + need.counts.nearMisses + ' near misses of ' + need.candidates + ' offerings'),
    el('ol', { class: 'matches' }, ...need.matches.map(matchItem)),
    need.nearMisses.length ? el('h3', {}, 'Near misses') : '',
    el('ul', { class: 'misses' }, ...need.nearMisses.map(missItem)))));
  applyFilter();
}

$('#form').addEventListener('submit', (event) => match(event).catch((error) => { $('#error').textContent = String(error); }));
$('#filter').addEventListener('input', applyFilter);
$('#ready-only').addEventListener('change', applyFilter);
`;
