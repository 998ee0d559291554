// How an audit is shown: a summary table for the terminal, CSV rows per order and one
// self-contained HTML report (inline SVG charts, no scripts, no network).

const pct = (r) => (r === null ? '-' : `${(r * 100).toFixed(1)}%`);
const hours = (ms) => (ms === null ? '-' : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);
const top = (counts, n = 5) => Object.entries(counts).slice(0, n).map(([k, v]) => `${k} ${v}`).join(', ') || '-';

/** The summary as text for a terminal. */
export function summaryTable(s) {
  const rows = [
    ['Orders audited', String(s.orders)],
    ['Bad rows', String(s.badRows)],
    ['Now', s.now],
    ['Status', top(s.byStatus, 7)],
    ['Shipped on time', `${pct(s.shipping.onTimeRate)} (${s.shipping.onTime} on time, ${s.shipping.late} late, ${s.shipping.breached} overdue)`],
    ['Delivered on time', `${pct(s.delivery.onTimeRate)} (${s.delivery.onTime} on time, ${s.delivery.late} late, ${s.delivery.breached} overdue)`],
    ['Lateness p50 / p90 / p99', `${hours(s.lateness.p50Ms)} / ${hours(s.lateness.p90Ms)} / ${hours(s.lateness.p99Ms)} (${s.lateness.late} late milestones)`],
  ];
  for (const [name, p] of [['At risk', s.atRisk], ['Breached', s.breached]]) {
    rows.push([`${name} (milestones)`, String(p.total)]);
    if (p.total === 0) continue;
    rows.push(['  by reason', top(p.byReason)], ['  by owner', top(p.byOwner)], ['  by node', top(p.byNode)], ['  by service', top(p.byService)]);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  const out = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  if (s.atRiskList.length > 0) {
    out.push('', `At risk, due soonest (${Math.min(s.atRiskList.length, 20)} of ${s.atRisk.total}):`);
    for (const m of s.atRiskList.slice(0, 20)) {
      out.push(`  ${new Date(m.due).toISOString().slice(0, 16).replace('T', ' ')}Z  ${String(m.orderId).padEnd(12)} ${m.id.padEnd(10)} ${String(m.node ?? '').padEnd(5)} ${m.reasons.join(',').padEnd(24)} -> ${m.owner ?? '-'} (${m.route ?? '-'})`);
    }
  }
  return out.join('\n');
}

/** The milestone that says most about an order: the first breached, else at risk, else met late. */
function worst(result) {
  for (const status of ['breached', 'at_risk', 'met_late']) {
    const m = result.milestones.find((x) => x.status === status);
    if (m) return m;
  }
  return undefined;
}

export const CSV_HEADER = 'file,line,orderId,service,status,milestone,node,due,lateMinutes,reasons,owner,route,error';

/** A CSV cell. A text cell that a spreadsheet would read as a formula (starting with =, +,
 * -, @, a tab or a carriage return) gets a leading apostrophe, as OWASP recommends against
 * CSV injection; numbers are left alone, and `raw` (for machines) leaves everything alone. */
function csvField(v, raw) {
  let s = v === null || v === undefined ? '' : String(v);
  if (!raw && typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV row for an audited row: the order, its worst milestone, or the row's error. */
export function csvLine({ file, line, orderId, result, error }, { raw = false } = {}) {
  const cells = (list) => list.map((v) => csvField(v, raw)).join(',');
  if (error) return cells([file, line, orderId, '', 'error', '', '', '', '', '', '', '', `${error.code}: ${error.message}`]);
  const m = worst(result);
  return cells([
    file, line, result.orderId, result.service, result.status, m?.id, m?.node, m ? new Date(m.due).toISOString() : '',
    m?.lateMs > 0 ? Math.round(m.lateMs / 60_000) : '', m?.reasons.join(' '), m?.owner, m?.route, '',
  ]);
}

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Horizontal bars: one per entry of `counts`, labelled. */
function bars(title, counts, { color = '#c0392b', limit = 8 } = {}) {
  const entries = Object.entries(counts).slice(0, limit);
  if (entries.length === 0) return `<figure><figcaption>${esc(title)}</figcaption><p class="none">None.</p></figure>`;
  const max = Math.max(...entries.map((e) => e[1]));
  const rowH = 26;
  const h = entries.length * rowH + 10;
  const body = entries.map(([k, v], i) => {
    const w = Math.max(2, (v / max) * 300);
    const y = i * rowH + 5;
    return `<text x="150" y="${y + 16}" text-anchor="end">${esc(k)}</text><rect x="160" y="${y}" width="${w.toFixed(1)}" height="18" fill="${color}"><title>${esc(k)}: ${v}</title></rect><text x="${(165 + w).toFixed(1)}" y="${y + 15}">${v}</text>`;
  }).join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 520 ${h}" width="520" height="${h}">${body}</svg></figure>`;
}

/** Vertical bars of the on-time ship rate per due day (the last 60 days, every day drawn):
 * a day on which none shipped on time has a red stub, so that it does not look like a day
 * with nothing due, which has a grey dot on the axis (the legend says which is which). */
function onTimeChart(byDay) {
  const title = 'Shipped on time, by due day';
  const known = Object.entries(byDay);
  if (known.length === 0) return `<figure><figcaption>${title}</figcaption><p class="none">No shipments due.</p></figure>`;
  const dayMs = 86_400_000;
  const last = Date.parse(known.at(-1)[0]);
  const first = Math.max(Date.parse(known[0][0]), last - 59 * dayMs);
  const days = [];
  for (let t = first; t <= last; t += dayMs) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push([day, byDay[day]]);
  }
  const [w, h, pad] = [600, 220, 30];
  const base = h - pad - 20;
  const step = (w - pad) / days.length;
  const body = days.map(([day, counts], i) => {
    const x = (pad + i * step).toFixed(1);
    const width = Math.max(1, step - 2).toFixed(1);
    if (!counts) return `<circle class="nodata" cx="${(pad + i * step + step / 2).toFixed(1)}" cy="${base}" r="2" fill="#bbb"><title>${day}: no shipment due</title></circle>`;
    const { onTime, late } = counts;
    const rate = onTime / (onTime + late);
    // At least a stub: 0 % is a result, not an absence.
    const bh = Math.max(4, rate * (base - 10));
    const fill = rate >= 0.95 ? '#27ae60' : rate >= 0.8 ? '#f39c12' : '#c0392b';
    return `<rect class="${rate === 0 ? 'zero' : 'rate'}" x="${x}" y="${(base - bh).toFixed(1)}" width="${width}" height="${bh.toFixed(1)}" fill="${fill}"><title>${day}: ${(rate * 100).toFixed(1)}% of ${onTime + late}</title></rect>`;
  }).join('');
  const axis = `<line x1="${pad}" y1="${base}" x2="${w}" y2="${base}" stroke="#555"/><text x="0" y="12">100%</text><text x="0" y="${base}">0%</text><text x="${pad}" y="${base + 16}">${esc(days[0][0])}</text><text x="${w}" y="${base + 16}" text-anchor="end">${esc(days.at(-1)[0])}</text>`;
  const legend = `<g class="legend"><rect x="${pad}" y="${h - 12}" width="8" height="4" fill="#c0392b"/><text x="${pad + 12}" y="${h - 7}">none on time</text><circle cx="${pad + 124}" cy="${h - 10}" r="2" fill="#bbb"/><text x="${pad + 130}" y="${h - 7}">no shipment due</text></g>`;
  return `<figure><figcaption>${title}</figcaption><svg role="img" aria-label="${title}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${body}${axis}${legend}</svg></figure>`;
}

function histogram(buckets) {
  const counts = Object.fromEntries(buckets.map((b) => [b.toHours === null ? `${b.fromHours} h or more` : `${b.fromHours}-${b.toHours} h`, b.count]));
  return bars('Lateness of late milestones', counts, { color: '#8e44ad', limit: buckets.length });
}

/** The whole audit as one HTML page that needs nothing else. */
export function htmlReport(s, { title = 'Order SLA audit' } = {}) {
  const card = (label, value) => `<div class="card"><div class="v">${esc(value)}</div><div class="l">${esc(label)}</div></div>`;
  const atRisk = s.atRiskList.map((m) => `<tr><td>${esc(new Date(m.due).toISOString().slice(0, 16).replace('T', ' '))}Z</td><td>${esc(m.orderId)}</td><td>${esc(m.id)}</td><td>${esc(m.node)}</td><td>${esc(m.service)}</td><td>${esc(m.reasons.join(', '))}</td><td>${esc(m.owner)}</td><td>${esc(m.route)}</td></tr>`).join('');
  const bad = s.badRowList.map((b) => `<tr><td>${esc(b.file)}:${b.line}</td><td>${esc(b.code)}</td><td>${esc(b.path)}</td><td>${esc(b.message)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:140px}
.card .v{font-size:22px;font-weight:600}.card .l{color:#666}
.charts{display:flex;flex-wrap:wrap;gap:24px}figure{margin:0}figcaption{font-weight:600;margin-bottom:6px}
svg text{font-size:12px;fill:#333}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left}
.none{color:#666}
</style></head><body>
<h1>${esc(title)}</h1>
<p>At ${esc(s.now)}: ${s.orders} orders audited, ${s.badRows} bad rows.</p>
<div class="cards">${card('shipped on time', pct(s.shipping.onTimeRate))}${card('delivered on time', pct(s.delivery.onTimeRate))}${card('at risk now', s.atRisk.total)}${card('breached', s.breached.total)}${card('lateness p50 / p90', `${hours(s.lateness.p50Ms)} / ${hours(s.lateness.p90Ms)}`)}</div>
<h2>Trend</h2><div class="charts">${onTimeChart(s.shippedByDay)}</div>
<h2>Breaches</h2><div class="charts">${bars('Breached milestones by reason', s.breached.byReason)}${bars('Breached milestones by owner', s.breached.byOwner, { color: '#d35400' })}${histogram(s.lateness.histogram)}</div>
<h2>At risk, due soonest (${s.atRiskList.length} of ${s.atRisk.total})</h2>
${atRisk ? `<table><thead><tr><th>Due (UTC)</th><th>Order</th><th>Milestone</th><th>Node</th><th>Service</th><th>Reasons</th><th>Owner</th><th>Route</th></tr></thead><tbody>${atRisk}</tbody></table>` : '<p class="none">Nothing at risk.</p>'}
${bad ? `<h2>Bad rows (first ${s.badRowList.length} of ${s.badRows})</h2><table><thead><tr><th>Where</th><th>Code</th><th>Path</th><th>Problem</th></tr></thead><tbody>${bad}</tbody></table>` : ''}
</body></html>
`;
}
