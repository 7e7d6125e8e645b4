// Redline dashboard: forms -> POST /api/runs -> poll progress -> render the run's summary.
// Every text from data or files is set with textContent (never as HTML).
"use strict";

const BUILTIN_LEVERS = ["us_withdrawal", "illiberal_shift", "lift_restrictions", "spend_3_5", "joint_air_defence"];
const PARAMS = [
  ["rho", "correlation of allies' resolve ρ"], ["V", "challenger's value of the target V"],
  ["k_L", "cost of a limited war k_L"], ["k_W", "cost of war with the alliance k_W"],
  ["p_L", "chance against the target alone p_L"], ["force_ratio", "force ratio needed"],
];
const RULES = ["", "nato-consensus", "eu-unanimity", "eu-qmv", "eu-qmv-reinforced", "majority",
  "weighted-majority", "coalition", "single-government"];
const $ = (id) => document.getElementById(id);
const state = { scenario: null, upload: null, info: null, runId: null, summary: null, view: null };

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

async function api(method, path, body) {
  const options = { method, headers: {} };
  if (body instanceof FormData) options.body = body;
  else if (body !== undefined) { options.body = JSON.stringify(body); options.headers["Content-Type"] = "application/json"; }
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw data;
  return data;
}

function showProblems(error) {
  const list = $("problems");
  list.replaceChildren();
  let lines = [];
  if (error && error.problems) lines = error.problems;
  else if (error && typeof error.detail === "string") lines = [error.detail];
  else if (error && Array.isArray(error.detail)) lines = error.detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`);
  else if (error) lines = [String(error.message || error)];
  for (const line of lines) list.appendChild(el("li", line));
}

// ------------------------------------------------------------------ the forms
function renderForms(info) {
  state.info = info;
  $("draws").value = Math.min(info.draws || 2000, 20000);
  $("seed").value = info.seed ?? 0;
  const levers = $("levers");
  levers.replaceChildren();
  const names = [...new Set([...BUILTIN_LEVERS, ...(info.levers || [])])];
  for (const name of names) {
    const box = el("input", null, { type: "checkbox", value: name, "data-lever": name });
    if ((info.levers || []).includes(name)) box.checked = true;
    const label = el("label"); label.append(box, " " + name); levers.appendChild(label);
  }
  const params = $("params");
  params.replaceChildren();
  for (const [key, text] of PARAMS) {
    const input = el("input", null, { type: "number", step: "any", "data-param": key });
    const value = (info.deterrence_params || {})[key];
    input.placeholder = value === undefined ? "coded" : String(value);
    const label = el("label", text); label.appendChild(input); params.appendChild(label);
  }
  $("willingness").replaceChildren();
  const issues = $("issues");
  issues.replaceChildren();
  for (const issue of info.issues || []) {
    const box = el("div", null, { class: "issue", "data-issue": issue.id });
    box.appendChild(el("strong", issue.title));
    const select = el("select", null, { "data-rule": issue.id });
    for (const rule of RULES) {
      const option = el("option", rule || `(as in the file: ${issue.rule || "default"})`, { value: rule });
      select.appendChild(option);
    }
    const label = el("label", " venue "); label.appendChild(select); box.appendChild(label);
    const actors = el("div", null, { class: "pairs" });
    const add = el("button", "+ actor", { type: "button", class: "small" });
    add.addEventListener("click", () => actors.appendChild(pairRow(["ISO3", "position", "salience"])));
    box.append(actors, add);
    issues.appendChild(box);
  }
}

function pairRow(placeholders) {
  const row = el("span", null, { class: "pair" });
  for (const p of placeholders) row.appendChild(el("input", null, { placeholder: p, "data-field": p, type: p === "ISO3" ? "text" : "number", step: "any" }));
  return row;
}

function numberOrNull(text) {
  if (text === "" || text === null || text === undefined) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function collectRequest() {
  const edits = { levers: [], deterrence_params: {}, willingness: {}, issues: {} };
  document.querySelectorAll("[data-lever]").forEach((box) => { if (box.checked) edits.levers.push(box.value); });
  document.querySelectorAll("[data-param]").forEach((input) => {
    const value = numberOrNull(input.value);
    if (value !== null) edits.deterrence_params[input.dataset.param] = value;
  });
  document.querySelectorAll("#willingness .pair").forEach((row) => {
    const iso3 = row.querySelector("[data-field=ISO3]").value.trim().toUpperCase();
    const value = numberOrNull(row.querySelector("[data-field=willingness]").value);
    if (iso3 && value !== null) edits.willingness[iso3] = value;
  });
  document.querySelectorAll("[data-issue]").forEach((box) => {
    const id = box.dataset.issue;
    const edit = { actors: {} };
    const rule = box.querySelector("[data-rule]").value;
    if (rule) edit.rule = rule;
    box.querySelectorAll(".pair").forEach((row) => {
      const iso3 = row.querySelector("[data-field=ISO3]").value.trim().toUpperCase();
      const position = numberOrNull(row.querySelector("[data-field=position]").value);
      const salience = numberOrNull(row.querySelector("[data-field=salience]").value);
      if (!iso3) return;
      edit.actors[iso3] = {};
      if (position !== null) edit.actors[iso3].position = position;
      if (salience !== null) edit.actors[iso3].salience = salience;
    });
    if (edit.rule || Object.keys(edit.actors).length) edits.issues[id] = edit;
  });
  const request = { edits, draws: numberOrNull($("draws").value), seed: numberOrNull($("seed").value) };
  if (state.upload) request.upload = state.upload; else request.scenario = state.scenario;
  return request;
}

// ------------------------------------------------------------------ running
async function run() {
  showProblems(null);
  $("run").disabled = true;
  try {
    const job = await api("POST", "/api/runs", collectRequest());
    history.pushState(null, "", `/runs/${job.run_id}`);
    await follow(job.run_id);
  } catch (error) {
    showProblems(error);
  } finally {
    $("run").disabled = false;
  }
}

function setProgress(fraction, text) {
  $("bar").style.width = `${Math.round(100 * fraction)}%`;
  $("progress").setAttribute("aria-valuenow", String(Math.round(100 * fraction)));
  $("progress-text").textContent = text;
}

async function follow(runId) {
  for (;;) {
    const run = await api("GET", `/api/runs/${encodeURIComponent(runId)}`);
    const fraction = run.progress ?? 0;
    setProgress(fraction, `${run.status} ${Math.round(100 * fraction)}%`);
    if (run.status === "failed") throw { problems: [run.error || "the run failed"] };
    if (run.summary) { renderRun(runId, run.summary, run.deterrence_view); return; }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

// ------------------------------------------------------------------ results
function renderRun(runId, summary, view) {
  state.runId = runId; state.summary = summary; state.view = view || null;
  $("results").hidden = false;
  $("run-id").textContent = `run ${runId}`;
  $("report-link").href = `/api/runs/${encodeURIComponent(runId)}/report.html`;
  $("share-link").href = `/runs/${encodeURIComponent(runId)}`;
  const body = $("headlines").querySelector("tbody");
  body.replaceChildren();
  for (const h of summary.headlines || []) {
    if (h.detail) continue;
    const row = el("tr", null, { "data-key": h.key });
    row.append(el("td", h.question), el("td", h.answer), el("td", h.interval || ""), el("td", h.interval_of || ""));
    body.appendChild(row);
  }
  renderDeterrence(summary, state.view);
  renderDecisions(summary);
  renderTables(runId);
  refreshRunList();
  $("country").hidden = true;
}

function deterrenceRows(summary) {
  const table = ((summary.deterrence || {}).table) || [];
  return table.filter((r) => (r.lever || "base") === "base");
}

// The words come from the API (deterrence_view: redline.deterrence.link), never written here.
function renderDeterrence(summary, view) {
  const rows = deterrenceRows(summary);
  const chart = $("deterrence-chart");
  const labels = (view || {}).labels || {};
  const texts = (view || {}).targets || {};
  $("deterrence-title").textContent = labels.share ? `Deterrence: the ${labels.share}, per target` : "Deterrence per target";
  $("deterrence-source").textContent = view ? `Bars: the ${labels.share} (an assumption-driven share, not a forecast). ` +
    `${labels.annual} per target: ${rows.map((r) => `${r.target} ${(texts[r.target] || {}).annual ?? "—"}`).join(", ")} (${view.source}).` : "";
  const links = $("country-links");
  links.replaceChildren();
  for (const r of rows) {
    const button = el("button", r.target, { type: "button", class: "small", "data-country-link": r.target });
    button.addEventListener("click", () => showCountry(r.target));
    links.appendChild(button);
  }
  if (!rows.length || !window.Plotly) { chart.textContent = "No deterrence targets in this run."; return; }
  const targets = rows.map((r) => r.target);
  const values = rows.map((r) => 100 * (r.p_failure ?? 0));
  Plotly.newPlot(chart, [{
    type: "bar", x: targets, y: values, marker: { color: "#c2374a" },
    error_y: { type: "data", symmetric: false,
      array: rows.map((r) => 100 * ((r.p_hi ?? r.p_failure ?? 0) - (r.p_failure ?? 0))),
      arrayminus: rows.map((r) => 100 * ((r.p_failure ?? 0) - (r.p_lo ?? r.p_failure ?? 0))) },
    customdata: rows.map((r) => (texts[r.target] || {}).annual ?? "—"),
    hovertemplate: `%{x}: %{y:.1f}%; ${labels.annual || ""} %{customdata}<extra></extra>`,
  }], { margin: { t: 10, r: 10, b: 60, l: 50 }, yaxis: { title: `${labels.share_column || ""}, %` } },
  { displaylogo: false, responsive: true });
  chart.on("plotly_click", (event) => showCountry(event.points[0].x));
}

function showCountry(iso3) {
  const summary = state.summary || {};
  const box = $("country");
  box.replaceChildren(el("h3", `Country page: ${iso3}`));
  box.hidden = false;
  box.setAttribute("data-country", iso3);
  const det = ((summary.deterrence || {}).table || []).filter((r) => r.target === iso3);
  if (det.length) {
    box.appendChild(el("h4", "As a deterrence target"));
    const line = (summary.headlines || []).find((h) => h.key === `deter.base.${iso3}`);
    if (line) box.appendChild(el("p", line.answer, { class: "answer", "data-answer": iso3 }));
    const labels = (state.view || {}).labels || {};
    const share = labels.share_column ? { p_failure: labels.share_column } : {};
    box.appendChild(recordsTable(det, ["lever", "basis", "kappa", "kappa_star", "regime", "p_failure", "p_lo", "p_hi"], share));
  }
  const asAlly = [];
  for (const [target, allies] of Object.entries((summary.deterrence || {}).allies || {})) {
    for (const a of allies || []) if (a.ally === iso3) asAlly.push({ target, ...a });
  }
  if (asAlly.length) {
    box.appendChild(el("h4", "As a responding ally"));
    box.appendChild(recordsTable(asAlly, ["target", "w", "a", "capability_usd", "missing", "flags"]));
  }
  const coding = [];
  for (const issue of summary.issues || []) {
    for (const row of issue.coding || []) if (row.actor === iso3) coding.push({ issue: issue.title || issue.id, ...row });
  }
  if (coding.length) {
    box.appendChild(el("h4", "On the issues"));
    box.appendChild(recordsTable(coding, ["issue", "position", "salience", "capability", "member", "missing", "override"]));
  }
  if (!det.length && !asAlly.length && !coding.length) box.appendChild(el("p", "This run has no figures for this state."));
}

function format(value) {
  if (typeof value === "number") return Math.abs(value) >= 1e6 ? value.toExponential(3) : String(Math.round(value * 1000) / 1000);
  return value === null || value === undefined ? "" : String(value);
}

function recordsTable(records, columns, headers) {
  const table = el("table");
  const head = el("tr");
  for (const c of columns) head.appendChild(el("th", (headers || {})[c] || c));
  table.appendChild(el("thead")).appendChild(head);
  const body = table.appendChild(el("tbody"));
  for (const r of records) {
    const row = el("tr");
    for (const c of columns) row.appendChild(el("td", format(r[c])));
    body.appendChild(row);
  }
  return table;
}

function renderDecisions(summary) {
  const box = $("decisions");
  box.replaceChildren();
  for (const h of summary.headlines || []) {
    if (!String(h.key || "").startsWith("issue.")) continue;
    const p = el("p"); p.append(el("strong", h.question + " "), h.answer);
    box.appendChild(p);
  }
  if (!box.children.length) box.textContent = "No issues in this run.";
}

async function renderTables(runId) {
  const list = $("tables");
  list.replaceChildren();
  try {
    const data = await api("GET", `/api/runs/${encodeURIComponent(runId)}/tables`);
    for (const name of data.tables) {
      const item = el("li");
      item.appendChild(el("a", name, { href: `/api/runs/${encodeURIComponent(runId)}/tables/${encodeURIComponent(name)}.csv` }));
      list.appendChild(item);
    }
  } catch (error) { showProblems(error); }
}

async function refreshRunList() {
  const data = await api("GET", "/api/runs");
  const select = $("compare-with");
  select.replaceChildren();
  for (const r of data.runs || []) {
    if (r.status !== "finished" || r.run_id === state.runId) continue;
    select.appendChild(el("option", `${r.run_id} (${r.scenario}, ${r.draws} draws)`, { value: r.run_id }));
  }
}

async function compare() {
  const other = $("compare-with").value;
  if (!other || !state.runId) return;
  try {
    const data = await api("GET", `/api/compare?a=${encodeURIComponent(other)}&b=${encodeURIComponent(state.runId)}`);
    const table = $("compare-table");
    const columns = data.rows.length ? Object.keys(data.rows[0]) : [];
    const head = table.querySelector("thead tr"); head.replaceChildren(...columns.map((c) => el("th", c)));
    const body = table.querySelector("tbody"); body.replaceChildren();
    for (const r of data.rows) { const row = el("tr"); for (const c of columns) row.appendChild(el("td", format(r[c]))); body.appendChild(row); }
    table.hidden = false;
  } catch (error) { showProblems(error); }
}

// ------------------------------------------------------------------ start
async function loadScenario(name) {
  state.scenario = name; state.upload = null;
  renderForms(await api("GET", `/api/scenarios/${encodeURIComponent(name)}`));
}

async function upload(file) {
  showProblems(null);
  const form = new FormData(); form.append("file", file);
  try {
    const info = await api("POST", "/api/scenarios", form);
    state.upload = info.upload; state.scenario = null;
    renderForms(info);
  } catch (error) { showProblems(error); }
}

async function start() {
  const data = await api("GET", "/api/scenarios");
  const select = $("scenario");
  for (const s of data.shipped) select.appendChild(el("option", `${s.name}: ${s.title}`, { value: s.name }));
  select.addEventListener("change", () => loadScenario(select.value).catch(showProblems));
  $("upload").addEventListener("change", (e) => { if (e.target.files.length) upload(e.target.files[0]); });
  $("run").addEventListener("click", run);
  $("compare").addEventListener("click", compare);
  $("add-willingness").addEventListener("click", () => $("willingness").appendChild(pairRow(["ISO3", "willingness"])));
  const preferred = data.shipped.find((s) => s.name === "nato-2024") || data.shipped[0];
  if (preferred) { select.value = preferred.name; await loadScenario(preferred.name); }
  const match = location.pathname.match(/^\/runs\/([0-9A-Za-z-]+)$/);
  if (match) await follow(match[1]).catch(showProblems);
}

start().catch(showProblems);
