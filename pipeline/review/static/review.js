// locpipe review page. Plain JavaScript, no libraries, works offline.
// Every piece of catalog data reaches the page through textContent or an attribute value,
// never through innerHTML, so a msgid or msgstr carrying markup is shown as text.
"use strict";

const TOKEN = document.querySelector('meta[name="review-token"]').content;
const state = { catalog: null, units: [], active: -1, checks: new Map() };

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-") || key === "lang" || key === "title" || key === "role")
      node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function say(text, kind) {
  const box = document.getElementById("message");
  box.textContent = text;
  box.className = kind || "";
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Review-Token": TOKEN },
    body: JSON.stringify(body),
  });
  let data = {};
  try { data = await response.json(); } catch (error) { data = { error: response.statusText }; }
  return { status: response.status, data };
}

function keyOf(unit) { return JSON.stringify([unit.msgctxt, unit.msgid]); }

// --- catalogs and the overview ---------------------------------------------------------

async function openCatalog(language, slug) {
  const response = await fetch(`/api/catalog/${encodeURIComponent(language)}/${encodeURIComponent(slug)}`);
  const data = await response.json();
  if (!response.ok) { say(data.error, "error"); return; }
  showCatalog(data, new Map());
  document.getElementById("toolbar").hidden = false;
  say(`${data.file}: ${data.units.length} units`, "");
}

async function refreshOverview() {
  const response = await fetch("/api/overview");
  if (!response.ok) return;
  for (const row of (await response.json()).catalogs) {
    const line = document.querySelector(
      `#overview tr[data-language="${CSS.escape(row.language)}"][data-slug="${CSS.escape(row.slug)}"]`);
    if (!line) continue;
    line.querySelector(".reviewed").textContent = row.reviewed;
    line.querySelector(".fuzzy").textContent = row.fuzzy;
    line.querySelector(".untranslated").textContent = row.untranslated;
    line.querySelector(".terms").textContent =
      row.terms_required ? `${row.terms_satisfied}/${row.terms_required}` : "–";
  }
}

// ``kept`` maps unit keys to unsaved text that must stay visible after a reload.
function showCatalog(catalog, kept) {
  state.catalog = catalog;
  state.units = catalog.units;
  const main = document.getElementById("units");
  main.replaceChildren();
  main.setAttribute("lang", "en");
  let block = null;
  let blockRef = null;
  for (const unit of state.units) {
    const ref = unit.refs.length ? unit.refs[0] : `#${unit.index}`;
    if (block === null || ref !== blockRef || ["headline", "heading"].includes(unit.kind)) {
      block = el("div", { class: "block" });
      main.append(block);
      blockRef = ref;
    }
    block.append(renderUnit(unit, kept.get(keyOf(unit))));
  }
  fillFindingFilter();
  applyFilters();
}

function fillFindingFilter() {
  const select = document.getElementById("filter-finding");
  const chosen = select.value;
  for (const option of [...select.options]) if (option.dataset.rule) option.remove();
  const rules = new Set();
  for (const unit of state.units) for (const finding of unit.findings) rules.add(finding.rule);
  for (const rule of [...rules].sort()) select.append(el("option", { value: rule, "data-rule": rule }, rule));
  select.value = chosen;
}

// --- one unit ----------------------------------------------------------------------------

function renderUnit(unit, unsaved) {
  const box = el("section", { class: `unit ${unit.kind}`, "data-index": String(unit.index) });
  box.dataset.state = unit.state;
  const meta = el("p", { class: "meta" },
    el("span", { class: `state ${unit.state}` }, unit.state),
    el("span", { class: "kind" }, unit.kind || "unit"),
    el("span", { class: "ref" }, unit.refs.join(" ")),
    unit.msgctxt ? el("span", { class: "ctxt" }, `context: ${unit.msgctxt}`) : null);
  box.append(meta, renderSource(unit));
  if (unit.previous.length) box.append(renderDiff(unit.previous));
  if (unit.provenance.length)
    box.append(el("ul", { class: "provenance", title: "where this draft came from" },
      ...unit.provenance.map((line) => el("li", {}, line))));
  if (unit.comments.length)
    box.append(el("ul", { class: "comments" }, ...unit.comments.map((line) => el("li", {}, `# ${line}`))));
  const editor = el("textarea", { class: "msgstr", rows: 3, lang: state.catalog.language, spellcheck: false });
  editor.value = unit.msgstr;
  editor.addEventListener("input", () => { box.classList.toggle("dirty", editor.value !== unit.msgstr); scheduleCheck(unit, box); });
  editor.addEventListener("focus", () => activate(unit.index));
  editor.addEventListener("keydown", (event) => onKey(event, unit, box));
  const findings = el("ul", { class: "findings" });
  const override = el("p", { class: "override", hidden: true },
    el("label", {}, "Reason to approve anyway ", el("input", { type: "text", class: "reason", size: 50 })),
    el("button", { type: "button", class: "force" }, "Approve with reason"));
  const actions = el("p", { class: "actions" },
    el("button", { type: "button", class: "save" }, "Save"),
    el("button", { type: "button", class: "approve" }, "Approve"));
  box.append(editor, findings, override, actions);
  actions.querySelector(".save").addEventListener("click", () => submit(unit, box, false, ""));
  actions.querySelector(".approve").addEventListener("click", () => submit(unit, box, true, ""));
  override.querySelector(".force").addEventListener("click", () => {
    const reason = override.querySelector(".reason").value.trim();
    if (!reason) { say("Give a reason to approve despite the findings.", "error"); return; }
    submit(unit, box, true, reason);
  });
  showFindings(box, unit.findings);
  if (unsaved !== undefined && unsaved !== unit.msgstr) box.append(renderConflict(unsaved, editor, box));
  return box;
}

function renderSource(unit) {
  const source = el("p", { class: "source", lang: "en" });
  for (const [text, index] of unit.source) {
    if (index < 0) { source.append(document.createTextNode(text)); continue; }
    const term = unit.terms[index];
    const tip = el("span", { class: "tip", role: "tooltip" });
    if (term.dnt) tip.append(el("span", { class: "line" }, "do not translate: keep it verbatim"));
    else tip.append(el("span", { class: "line required" }, "required: ", el("b", { lang: state.catalog.language }, term.required || "(no rendering for this language)")));
    if (term.variants.length)
      tip.append(el("span", { class: "line variants" }, "also accepted: ", el("span", { lang: state.catalog.language }, term.variants.join(", "))));
    if (term.forbidden.length)
      tip.append(el("span", { class: "line forbidden" }, "forbidden: ", el("span", { lang: state.catalog.language }, term.forbidden.join(", "))));
    if (term.note) tip.append(el("span", { class: "line note" }, term.note));
    tip.append(el("span", { class: "line id" }, `term ${term.term}`));
    source.append(el("mark", { class: "term", tabIndex: 0, "data-term": term.term }, text, tip));
  }
  return source;
}

function renderDiff(parts) {
  const diff = el("p", { class: "diff", lang: "en", title: "previous source (#| msgid) → current source" },
    el("span", { class: "label" }, "source changed: "));
  for (const part of parts) {
    const tag = part.op === "insert" ? "ins" : part.op === "delete" ? "del" : "span";
    diff.append(el(tag, {}, part.text));
  }
  return diff;
}

function renderConflict(unsaved, editor, box) {
  const use = el("button", { type: "button" }, "Put my text back in the editor");
  const note = el("div", { class: "conflict", role: "alert" },
    el("p", {}, "This file changed on disk since the page loaded it, so nothing was saved. " +
      "The editor now shows the entry as it is on disk. Your unsaved text:"),
    el("pre", { class: "unsaved", lang: state.catalog.language }, unsaved), use);
  use.addEventListener("click", () => { editor.value = unsaved; editor.dispatchEvent(new Event("input")); editor.focus(); });
  return note;
}

function showFindings(box, findings) {
  const list = box.querySelector(".findings");
  list.replaceChildren(...findings.map((finding) =>
    el("li", { class: `finding ${finding.severity}${finding.fails ? " fails" : ""}`, "data-rule": finding.rule },
      el("span", { class: "rule" }, `${finding.severity} ${finding.rule}`), ": ", finding.message)));
  box.classList.toggle("failing", findings.some((finding) => finding.fails));
}

// --- live checks, saving, approving --------------------------------------------------------

function scheduleCheck(unit, box) {
  clearTimeout(state.checks.get(unit.index));
  state.checks.set(unit.index, setTimeout(() => runCheck(unit, box), 200));
}

async function runCheck(unit, box) {
  const editor = box.querySelector(".msgstr");
  const text = editor.value;
  const { status, data } = await post("/api/check", {
    language: state.catalog.language, slug: state.catalog.slug,
    msgctxt: unit.msgctxt, msgid: unit.msgid, msgstr: text,
  });
  if (editor.value !== text) return; // typed on since: a newer check is on its way
  if (status !== 200) { say(data.error, "error"); return; }
  showFindings(box, data.findings);
  box.dataset.checked = text;
}

async function submit(unit, box, approve, override) {
  const editor = box.querySelector(".msgstr");
  const text = editor.value;
  const { status, data } = await post("/api/save", {
    language: state.catalog.language, slug: state.catalog.slug, msgctxt: unit.msgctxt,
    msgid: unit.msgid, msgstr: text, digest: state.catalog.digest, approve, override,
  });
  if (status === 200) {
    state.catalog.digest = data.digest;
    const fresh = data.unit;
    state.units[state.units.indexOf(unit)] = fresh;
    const replacement = renderUnit(fresh);
    box.replaceWith(replacement);
    fillFindingFilter();
    applyFilters();
    say(approve ? "Approved and saved." : "Saved.", "ok");
    refreshOverview();
    return true;
  }
  if (status === 409) {
    const kept = new Map();
    for (const section of document.querySelectorAll("#units .unit.dirty")) {
      const old = state.units.find((u) => String(u.index) === section.dataset.index);
      if (old) kept.set(keyOf(old), section.querySelector(".msgstr").value);
    }
    kept.set(keyOf(unit), text);
    showCatalog(data.catalog, kept);
    say(`${data.error}: nothing was overwritten. The entries are reloaded from disk; your unsaved text is kept below the entry.`, "error");
    refreshOverview();
    return false;
  }
  if (status === 422) {
    showFindings(box, data.findings);
    box.querySelector(".override").hidden = false;
    say(data.error, "error");
    return false;
  }
  say(data.error || `request failed (${status})`, "error");
  return false;
}

// --- moving around and filtering ----------------------------------------------------------

function visibleBoxes() {
  return [...document.querySelectorAll("#units .unit")].filter((box) => !box.hidden);
}

function activate(index) {
  state.active = index;
  for (const box of document.querySelectorAll("#units .unit"))
    box.classList.toggle("active", box.dataset.index === String(index));
}

function move(step) {
  const boxes = visibleBoxes();
  const at = boxes.findIndex((box) => box.dataset.index === String(state.active));
  for (let i = at + step; i >= 0 && i < boxes.length; i += step) {
    if (boxes[i].dataset.state !== "reviewed") {
      const editor = boxes[i].querySelector(".msgstr");
      editor.focus();
      boxes[i].scrollIntoView({ block: "center" });
      return;
    }
  }
  say(step > 0 ? "No unfinished unit below." : "No unfinished unit above.", "");
}

function onKey(event, unit, box) {
  if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
    event.preventDefault();
    submit(unit, box, true, "").then((done) => { if (done) move(1); });
  } else if ((event.ctrlKey || event.metaKey) && event.key === "s") {
    event.preventDefault();
    submit(unit, box, false, "");
  } else if (event.altKey && event.key === "ArrowDown") {
    event.preventDefault(); move(1);
  } else if (event.altKey && event.key === "ArrowUp") {
    event.preventDefault(); move(-1);
  }
}

function applyFilters() {
  const wanted = document.getElementById("filter-state").value;
  const finding = document.getElementById("filter-finding").value;
  let shown = 0;
  for (const box of document.querySelectorAll("#units .unit")) {
    const unit = state.units.find((u) => String(u.index) === box.dataset.index);
    const rules = [...box.querySelectorAll(".finding")].map((item) => item.dataset.rule);
    let visible = !wanted || box.dataset.state === wanted;
    if (finding === "*") visible = visible && rules.length > 0;
    else if (finding === "!") visible = visible && box.classList.contains("failing");
    else if (finding) visible = visible && rules.includes(finding);
    box.hidden = !visible || !unit;
    if (!box.hidden) shown += 1;
  }
  for (const block of document.querySelectorAll("#units .block"))
    block.hidden = ![...block.children].some((box) => !box.hidden);
  document.getElementById("shown-count").textContent = `${shown} of ${state.units.length} units shown`;
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("#overview button.open")) {
    const row = button.closest("tr");
    button.addEventListener("click", () => openCatalog(row.dataset.language, row.dataset.slug));
  }
  document.getElementById("filter-state").addEventListener("change", applyFilters);
  document.getElementById("filter-finding").addEventListener("change", applyFilters);
  document.getElementById("next").addEventListener("click", () => move(1));
  document.getElementById("prev").addEventListener("click", () => move(-1));
  const first = document.querySelector("#overview button.open");
  if (first) first.click();
});
