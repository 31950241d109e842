"""The report's HTML template (Jinja2, autoescaped). Kept in Python so an installed package carries it.

Self-contained: inline CSS and script, SVG charts inline, PDF crops as data URIs; a Content-Security-Policy
forbids every fetch, so a page that tried to reach the network would fail loudly instead of silently.
The first script records any script error, failed resource or CSP violation into ``#report-errors``, so a
headless browser (``--dump-dom``) can tell that the page loaded clean.
"""
from __future__ import annotations

CSS = """
body{font:14px/1.45 "DejaVu Sans",Arial,sans-serif;margin:0;color:#1d232b;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;opacity:.85}main{padding:8px 28px 40px;max-width:1250px}
h2{margin:28px 0 8px;border-bottom:2px solid #1d3557;padding-bottom:4px}h3{margin:22px 0 6px}
h4{margin:14px 0 6px;color:#333}
table{border-collapse:collapse;background:#fff;margin:6px 0 12px}th,td{border:1px solid #d5d9df;padding:4px 8px;
text-align:left;vertical-align:top}th{background:#eef1f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
.sev{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;font-weight:bold;color:#fff}
.sev-error{background:#c0392b}.sev-warning{background:#d68910}.sev-info{background:#5d6d7e}
.finding{background:#fff;border:1px solid #d5d9df;border-left:5px solid #5d6d7e;padding:10px 14px;margin:10px 0}
.finding.error{border-left-color:#c0392b}.finding.warning{border-left-color:#d68910}
.finding .msg{font-size:15px;margin:4px 0 8px}.figs td:first-child{color:#555;white-space:nowrap}
.diag{background:#eaf4ea;border:1px solid #b7d8b7;padding:6px 10px;margin:8px 0}
.supported{font-weight:bold}.label{font-size:12px;color:#555}
pre.quote{background:#fbfbf4;border:1px solid #e4e2cf;padding:6px 8px;white-space:pre-wrap;word-break:break-word;
margin:4px 0;font:12px/1.4 "DejaVu Sans Mono",monospace}
pre.quote .ln{color:#888;user-select:none}pre.quote .ev{background:#fff3b0;display:block}
pre.quote .ctx{color:#777;display:block}img.crop{max-width:100%;border:1px solid #ccc;display:block;margin:4px 0}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{background:#fff;border:1px solid #d5d9df;padding:6px}
.chart svg{max-width:100%;height:auto}.muted{color:#666}.failed td{background:#fdf0ef}
#filter{padding:5px 8px;width:320px;margin:6px 0}#findings-table{font-size:13px}#findings-table td:nth-child(5){min-width:300px}#findings-table td:nth-child(2){min-width:150px;max-width:230px;overflow-wrap:break-word}#report-errors{display:none}
.scroll{overflow-x:auto}mark{background:#ffd54f;padding:0 1px}
"""

ERROR_CAPTURE = """
window.__reportErrors = [];
(function () {
  function note(msg) { window.__reportErrors.push(String(msg)); }
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && (t.src || t.href)) { note('resource failed: ' + (t.src || t.href)); }
    else { note('script error: ' + (e.message || e)); }
  }, true);
  window.addEventListener('unhandledrejection', function (e) { note('unhandled rejection: ' + e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) { note('blocked: ' + e.blockedURI); });
  var ce = console.error;
  console.error = function () { note('console.error: ' + Array.prototype.join.call(arguments, ' '));
                                return ce.apply(console, arguments); };
})();
"""

FINISH = """
(function () {
  var box = document.getElementById('filter'), rows = document.querySelectorAll('#findings-table tbody tr');
  if (box) { box.addEventListener('input', function () {
    var q = box.value.toLowerCase();
    rows.forEach(function (r) { r.style.display = r.textContent.toLowerCase().indexOf(q) < 0 ? 'none' : ''; });
  }); }
  function visible(el) { var r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
  function publish() {
    var charts = Array.prototype.filter.call(document.querySelectorAll('.chart svg'), function (s) {
      var r = s.getBoundingClientRect(); return r.width > 100 && r.height > 50; });
    document.body.setAttribute('data-rendered-charts', String(charts.length));
    document.body.setAttribute('data-rendered-findings', String(Array.prototype.filter.call(rows, visible).length));
    var out = document.getElementById('report-errors');
    out.textContent = window.__reportErrors.join('\\n');
    out.setAttribute('data-count', String(window.__reportErrors.length));
    document.body.setAttribute('data-report-ready', '1');
  }
  publish();
  window.addEventListener('load', publish);
})();
"""

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<script>{{ error_capture }}</script>
<style>{{ css }}</style></head>
<body>
<header><h1>{{ title }}</h1>
<p>Generated {{ generated }} from {{ warehouse }} &middot; pipeline {{ version }}</p></header>
<main>
<h2 id="summary">Summary</h2>
<p><b>{{ s.ok }}</b> document{{ '' if s.ok == 1 else 's' }} ingested, <b>{{ s.failed }}</b> failed;
<b>{{ s.findings }}</b> finding{{ '' if s.findings == 1 else 's' }}
({% for sev in severities %}{{ s.by_severity.get(sev, 0) }} {{ sev }}{{ ', ' if not loop.last }}{% endfor %}).</p>
{% if failed %}<h3>Documents that could not be ingested</h3>
<table class="failed"><thead><tr><th>Source</th><th>Reason</th></tr></thead><tbody>
{% for d in failed %}<tr><td>{{ d.source }}</td><td>{{ d.error or 'no reason recorded' }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
<h3>Findings by check and severity</h3>
{% if s.by_check %}<table id="by-check"><thead><tr><th>Check</th>{% for sev in severities %}<th>{{ sev }}</th>{% endfor %}<th>total</th></tr></thead><tbody>
{% for check, counts in s.by_check %}<tr><td>{{ check }}</td>{% for sev in severities %}<td class="num">{{ counts.get(sev, 0) }}</td>{% endfor %}<td class="num">{{ counts.values()|sum }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p class="muted">No findings: every checked figure agrees.</p>{% endif %}

{% if overview %}<h3>Partner budgets</h3><div class="charts"><div class="chart">{{ overview }}</div></div>
<p class="label">Each bar adds up the printed row totals of one budget table (see each council below).</p>{% endif %}

<h2 id="all-findings">All findings</h2>
<input id="filter" type="search" placeholder="Filter findings (council, check, text)" aria-label="filter findings">
<div class="scroll"><table id="findings-table"><thead><tr><th>#</th><th>Council, document</th><th>Check</th><th>Severity</th>
<th>Finding</th><th>Expected</th><th>Found</th><th>Difference</th><th>Diagnosis</th><th>Where</th></tr></thead><tbody>
{% for c in councils %}{% for d in c.documents %}{% for f in d.findings %}
<tr data-finding-id="{{ f.row.finding_id }}" data-check="{{ f.row.check_name }}"><td><a href="#f{{ f.row.finding_id }}">{{ f.row.finding_id }}</a></td>
<td>{{ c.name }}<br><span class="label">{{ d.doc.name }}</span></td><td>{{ f.row.check_name }}</td>
<td><span class="sev sev-{{ f.row.severity }}">{{ f.row.severity }}</span></td><td>{{ f.row.message }}</td>
<td class="num">{{ f.row.expected }}</td><td class="num">{{ f.row.found }}</td><td class="num">{{ f.difference }}</td>
<td>{{ f.diagnosis_kind }}</td><td>{{ f.where_short }}</td></tr>{% endfor %}{% endfor %}{% endfor %}
</tbody></table></div>

{% for c in councils %}
<h2 id="council-{{ loop.index }}">{{ c.name }}</h2>
{% if c.charts %}<div class="charts">{% for svg in c.charts %}<div class="chart">{{ svg }}</div>{% endfor %}</div>
<p class="label">{{ c.chart_note }}</p>{% endif %}
{% for d in c.documents %}
<h3>{{ d.doc.title or d.doc.name }}</h3>
<p class="muted">{{ d.doc.source }} &middot; {{ d.doc.period or 'period not stated' }} &middot; {{ d.doc.doc_type or '' }}
&middot; {{ d.findings|length + d.hidden }} finding{{ '' if d.findings|length + d.hidden == 1 else 's' }}</p>
{% for f in d.findings %}
<div class="finding {{ f.row.severity }}" id="f{{ f.row.finding_id }}">
<span class="sev sev-{{ f.row.severity }}">{{ f.row.severity }}</span> <b>{{ f.row.check_name }}</b> <span class="muted">#{{ f.row.finding_id }} &middot; {{ f.where }}</span>
<p class="msg">{{ f.row.message }}</p>
{% if f.row.expected or f.row.found or f.difference %}<table class="figs"><tbody>
{% if f.row.expected %}<tr><td>Expected</td><td class="num">{{ f.row.expected }}</td></tr>{% endif %}
{% if f.row.found %}<tr><td>Found</td><td class="num">{{ f.row.found }}</td></tr>{% endif %}
{% if f.difference %}<tr><td>Difference</td><td class="num">{{ f.difference }}</td></tr>{% endif %}
</tbody></table>{% endif %}
{% if f.row.diagnosis %}<div class="diag"><div class="label">Diagnosis</div>{{ f.row.diagnosis }}
{% if f.row.supported_value %}<div><span class="label">Value the arithmetic supports (not printed in the document; the printed figures above are unchanged):</span>
<span class="supported">{{ f.row.supported_value }}</span></div>{% endif %}</div>{% endif %}
<div class="label">Evidence</div>
{% for block in f.evidence.quotes %}<pre class="quote">{% for q in block %}<span class="{{ 'ev' if q.is_evidence else 'ctx' }}"><span class="ln">line {{ q.number }}: </span>{{ q.text|mark(f.figures) }}</span>{% endfor %}</pre>{% endfor %}
{% for crop in f.evidence.crops %}<div>page {{ crop.page }}{% if crop.raw_text %}: <q>{{ crop.raw_text }}</q>{% endif %}
<img class="crop" alt="page {{ crop.page }} region" src="{{ crop.png_data_uri }}"></div>{% endfor %}
{% for page, text in f.evidence.pages_without_image %}<pre class="quote"><span class="ln">page {{ page }}: </span>{{ text|mark(f.figures) }}</pre>{% endfor %}
{% if f.evidence.omitted %}<p class="muted">… and {{ f.evidence.omitted }} more place{{ '' if f.evidence.omitted == 1 else 's' }} (not shown).</p>{% endif %}
{% if not f.evidence.quotes and not f.evidence.crops and not f.evidence.pages_without_image %}<p class="muted">No location was recorded for this finding.</p>{% endif %}
</div>{% endfor %}
{% if d.hidden %}<p class="muted">{{ d.hidden }} more finding{{ '' if d.hidden == 1 else 's' }} of this document {{ 'is' if d.hidden == 1 else 'are' }} not shown here: every finding is in findings.csv.</p>{% endif %}
{% if not d.findings %}<p class="muted">No findings in this document.</p>{% endif %}
{% endfor %}{% endfor %}
<pre id="report-errors" data-count="-1"></pre>
</main>
<script>{{ finish }}</script>
</body></html>
"""
