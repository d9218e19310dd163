// Citations a reader can check in one click (served by assistant/ui/viewer.py).
//
// - Every [n] in an answer (and in its chart) becomes a button. Clicking it selects that
//   answer's sources in the Sources panel, highlights card n, and opens the document in a
//   viewer panel: a PDF at the cited page, rendered by PDF.js, with the quoted words
//   highlighted and scrolled into view; any other format as the quote with its locator.
// - Clicking an answer (anywhere in its bubble) shows its sources: every answer keeps its
//   own, numbered as written ([2] of answer 3 is the third answer's second source).
//
// The server renders the sources of every answer (assistant/ui/sources.py), one
// <section data-answer="k"> each, the latest shown; this script only shows, hides and links.
// The k-th answer bubble of the chat is answer k: a bubble that is no answer (the
// "Searching…" placeholder) holds a .chat-status and is not counted; a stopped answer is
// kept, with the sources it cited, so it counts (assistant/ui/chat.py). Nothing from a document is parsed as
// HTML here: quotes are read from data attributes as text, or cloned from the server's
// escaped markup.

const CITE = /\[(\d{1,3})\]/g;
const WORD = /[\p{L}\p{N}]+/gu;
const PDFJS = new URL("pdfjs/pdf.min.mjs", import.meta.url).href;
const PDFJS_WORKER = new URL("pdfjs/pdf.worker.min.mjs", import.meta.url).href;

let selected = 0; // the answer whose sources are shown (0: none yet)
let answersSeen = 0; // answers in the panel when it was last read

// ---- the conversation: citation buttons and the selected answer ---------------------------
const bots = () => Array.from(document.querySelectorAll("#chat [data-testid=bot]"))
  .filter((bot) => !bot.querySelector(".chat-status"));
const panel = () => document.querySelector("#sources .conversation-sources");
const card = (answer, n) => document.getElementById(`source-${answer}-${n}`);

function citeButton(answer, n) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cite";
  button.dataset.answer = String(answer);
  button.dataset.n = String(n);
  button.textContent = `[${n}]`;
  button.setAttribute("aria-label", `Source ${n} of answer ${answer}: open it`);
  return button;
}

// Replace the "[n]" of text nodes under root by buttons, when answer has a source n.
function linkCitations(root, answer) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeValue.includes("[") && !node.parentElement.closest("button, code, pre, textarea")
        ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const text = node.nodeValue;
    const pieces = [];
    let last = 0;
    for (const match of text.matchAll(CITE)) {
      if (!card(answer, match[1])) continue; // its source has not arrived (yet)
      pieces.push(text.slice(last, match.index), citeButton(answer, match[1]));
      last = match.index + match[0].length;
    }
    if (!pieces.length) continue;
    pieces.push(text.slice(last));
    node.replaceWith(...pieces.filter((p) => p !== ""));
  }
}

function showAnswer(answer) {
  const sections = document.querySelectorAll("#sources .answer-sources");
  if (!sections.length) return;
  selected = Math.min(Math.max(answer, 1), sections.length);
  for (const section of sections) {
    const hide = Number(section.dataset.answer) !== selected;
    if (section.hidden !== hide) section.hidden = hide;
  }
  const answers = bots();
  for (const bot of document.querySelectorAll("#chat [data-testid=bot]")) {
    bot.classList.toggle("answer-selected", answers.indexOf(bot) + 1 === selected);
  }
}

// A question just sent shows at the bottom with its "Searching…" line; its answer, once
// written, shows from the question's start: a long brief is read from its top, not its end.
let rowsSeen = 0;
function scrollConversation(newAnswer) {
  const wrap = document.querySelector("#chat .bubble-wrap");
  const asked = document.querySelectorAll("#chat [data-testid=user]");
  const rows = asked.length + document.querySelectorAll("#chat [data-testid=bot]").length;
  if (!wrap || (!newAnswer && rows === rowsSeen)) return;
  rowsSeen = rows;
  const question = asked[asked.length - 1];
  if (newAnswer && question) {
    const top = question.getBoundingClientRect().top - wrap.getBoundingClientRect().top;
    wrap.scrollTop += top - 8;
  } else {
    wrap.scrollTop = wrap.scrollHeight;
  }
}

function refresh() {
  const sources = panel();
  const count = sources ? Number(sources.dataset.answers) : 0;
  const newAnswer = count > answersSeen;
  if (count !== answersSeen) {
    answersSeen = count;
    selected = count; // a new answer (or a new conversation) shows the latest
  }
  scrollConversation(newAnswer);
  bots().forEach((bot, i) => linkCitations(bot, i + 1));
  for (const section of document.querySelectorAll("#sources .answer-sources")) {
    for (const span of section.querySelectorAll(".chart-cite")) linkCitations(span, section.dataset.answer);
  }
  if (selected) showAnswer(selected);
}

let scheduled = false;
new MutationObserver(() => {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => { scheduled = false; refresh(); });
}).observe(document.documentElement, { subtree: true, childList: true, characterData: true });

function highlightCard(answer, n) {
  document.querySelectorAll("#sources .source-card.cited").forEach((c) => c.classList.remove("cited"));
  const target = card(answer, n);
  if (!target) return null;
  target.classList.add("cited");
  const list = target.closest(".sources");
  if (list) list.scrollTop = target.offsetTop - list.offsetTop - 8;
  return target;
}

document.addEventListener("click", (event) => {
  const cite = event.target.closest("button.cite, button.cite-open");
  if (cite) {
    event.preventDefault();
    const where = cite.classList.contains("cite") ? cite : cite.closest(".source-card");
    const answer = Number(where.dataset.answer);
    const n = Number(where.dataset.n);
    showAnswer(answer);
    const source = highlightCard(answer, n);
    if (source) viewer.open(source, answer, n, cite);
    return;
  }
  const bot = event.target.closest("#chat [data-testid=bot]");
  const index = bot ? bots().indexOf(bot) : -1;
  if (index >= 0 && !event.target.closest("button, a")) showAnswer(index + 1);
});

// ---- finding a quote on a PDF page ----------------------------------------------------------
function words(text) {
  return Array.from(text.matchAll(WORD), (m) => ({
    w: m[0].normalize("NFKC").toLowerCase(), start: m.index, end: m.index + m[0].length,
  }));
}

// Maximal runs of equal words between the page and one quoted line.
function commonRuns(page, line) {
  const runs = [];
  // prev[j]: length of the run ending at page word i-1 and quoted word j-1.
  let prev = new Uint16Array(line.length + 1);
  for (let i = 0; i <= page.length; i++) {
    const cur = new Uint16Array(line.length + 1);
    const same = (j) => i < page.length && j < line.length && page[i].w === line[j];
    for (let j = 0; j <= line.length; j++) {
      if (same(j)) cur[j + 1] = prev[j] + 1;
      if (j > 0 && prev[j] > 0 && !same(j)) runs.push({ pEnd: i - 1, qEnd: j - 1, len: prev[j] });
    }
    prev = cur;
  }
  return runs.map((r) => ({ ...r, pStart: r.pEnd - r.len + 1, qStart: r.qEnd - r.len + 1 }));
}

// Which page words to mark for a quote: per quoted line, the longest runs of its words near
// the anchor (the longest run of the line that matters: a table's data row, else the
// longest line), each run adding words of the line not yet found. A table's caption and
// header are marked as context, its row as the quote itself.
function locateQuote(page, quote) {
  const lines = quote.split("\n").map((l) => words(l).map((t) => t.w)).filter((l) => l.length);
  if (!lines.length || !page.length) return [];
  const tableRows = quote.split("\n").filter((l) => l.trim()).map((l) => l.includes(" | "));
  const header = tableRows.indexOf(true);
  const isTable = tableRows.filter(Boolean).length >= 2;
  const core = (i) => !isTable || i > header;
  const longest = lines.reduce((best, l, i) => (l.length > lines[best].length ? i : best), 0);
  const anchorLine = isTable ? lines.length - 1 : longest;
  const usable = (run, line) =>
    run.len >= Math.min(line.length, line.length >= 6 ? 3 : 2) ||
    (run.len === 1 && /\d/.test(line[run.qStart]) && line[run.qStart].length >= 3);
  const runsOf = lines.map((line) => commonRuns(page, line).filter((r) => usable(r, line)));
  const anchorRuns = runsOf[anchorLine].length ? runsOf[anchorLine] : runsOf.flat();
  if (!anchorRuns.length) return [];
  const anchor = anchorRuns.reduce((a, b) => (b.len > a.len ? b : a));
  const total = lines.reduce((sum, l) => sum + l.length, 0);
  const window = 2 * total + 60;
  const marks = [];
  runsOf.forEach((runs, i) => {
    const found = new Set();
    const near = runs.filter((r) => Math.abs(r.pStart - anchor.pStart) <= window);
    near.sort((a, b) => b.len - a.len || Math.abs(a.pStart - anchor.pStart) - Math.abs(b.pStart - anchor.pStart));
    for (const run of near) {
      let fresh = false;
      for (let q = run.qStart; q <= run.qEnd; q++) if (!found.has(q)) { fresh = true; found.add(q); }
      if (fresh) marks.push({ from: run.pStart, to: run.pEnd, core: core(i) });
    }
  });
  return marks;
}

// Wrap the marked words of the text layer's spans in <mark>; returns the marks made.
function markTextLayer(divs, quote) {
  const starts = [];
  let text = "";
  for (const div of divs) { starts.push(text.length); text += div.textContent + "\n"; }
  const page = words(text);
  const ranges = divs.map(() => []);
  for (const m of locateQuote(page, quote)) {
    const from = page[m.from].start;
    const to = page[m.to].end;
    divs.forEach((div, k) => {
      const s = Math.max(from, starts[k]);
      const e = Math.min(to, starts[k] + div.textContent.length);
      if (s < e) ranges[k].push([s - starts[k], e - starts[k], m.core]);
    });
  }
  const made = [];
  divs.forEach((div, k) => {
    if (!ranges[k].length) return;
    const value = div.textContent;
    const pieces = [];
    let last = 0;
    ranges[k].sort((a, b) => a[0] - b[0]);
    for (const [s, e, isCore] of ranges[k]) {
      if (e <= last) continue;
      const start = Math.max(s, last);
      pieces.push(value.slice(last, start));
      const mark = document.createElement("mark");
      mark.className = isCore ? "dv-hit" : "dv-hit dv-context";
      mark.textContent = value.slice(start, e);
      pieces.push(mark);
      made.push(mark);
      last = e;
    }
    pieces.push(value.slice(last));
    div.replaceChildren(...pieces.filter((p) => p !== ""));
  });
  return made;
}

// ---- the viewer panel ---------------------------------------------------------------------------
const viewer = (() => {
  const root = document.createElement("div");
  root.id = "doc-viewer";
  root.hidden = true;
  root.setAttribute("role", "dialog");
  root.setAttribute("aria-labelledby", "doc-viewer-title");
  root.innerHTML = `
    <div class="dv-head">
      <div class="dv-titles"><div id="doc-viewer-title" class="dv-title"></div><div class="dv-meta"></div></div>
      <div class="dv-tools">
        <button type="button" class="dv-prev" aria-label="Previous page">‹</button>
        <span class="dv-page" aria-live="polite"></span>
        <button type="button" class="dv-next" aria-label="Next page">›</button>
        <button type="button" class="dv-zoom-out" aria-label="Zoom out">−</button>
        <button type="button" class="dv-zoom-in" aria-label="Zoom in">+</button>
        <a class="dv-open" target="_blank" rel="noopener noreferrer">Open file ↗</a>
        <button type="button" class="dv-close" aria-label="Close the document viewer">✕</button>
      </div>
    </div>
    <details class="dv-quote"><summary>Quoted text</summary><div class="dv-quote-body"></div></details>
    <div class="dv-status" role="status"></div>
    <div class="dv-body" tabindex="0" aria-label="The cited page"><div class="dv-sheet"><canvas></canvas><div class="textLayer"></div></div></div>`;
  const $ = (selector) => root.querySelector(selector);
  let pdfjs = null;
  const documents = new Map(); // url -> Promise<PDFDocumentProxy>
  let state = null; // {url, kind, page, cited, quote, pages}
  let zoom = 1; // times the width that fits the panel
  let opener = null;
  let drawing = 0; // increases with every page drawn: a slower, older draw gives up
  let task = null;

  async function library() {
    if (!pdfjs) {
      pdfjs = await import(PDFJS);
      pdfjs.GlobalWorkerOptions.workerSrc = PDFJS_WORKER;
    }
    return pdfjs;
  }

  function load(url) {
    if (!documents.has(url)) {
      const loading = library().then((lib) => lib.getDocument({ url, isEvalSupported: false }).promise);
      loading.catch(() => documents.delete(url));
      documents.set(url, loading);
    }
    return documents.get(url);
  }

  async function draw() {
    const mine = ++drawing;
    const { url, page: number, cited, quote } = state;
    const status = $(".dv-status");
    status.textContent = "Loading the page…";
    try {
      const lib = await library();
      const doc = await load(url);
      state.pages = doc.numPages;
      const page = await doc.getPage(number);
      if (mine !== drawing) return;
      const body = $(".dv-body");
      const sheet = $(".dv-sheet");
      const canvas = sheet.querySelector("canvas");
      const layer = sheet.querySelector(".textLayer");
      const natural = page.getViewport({ scale: 1 });
      const scale = Math.max(0.4, Math.min(5, zoom * (body.clientWidth - 24) / natural.width));
      const viewport = page.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      sheet.style.setProperty("--scale-factor", String(scale));
      sheet.style.width = `${Math.floor(viewport.width)}px`;
      sheet.style.height = `${Math.floor(viewport.height)}px`;
      if (task) task.cancel();
      task = page.render({ canvasContext: canvas.getContext("2d"), viewport,
                           transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null });
      await task.promise.catch((error) => { if (error?.name !== "RenderingCancelledException") throw error; });
      if (mine !== drawing) return;
      layer.replaceChildren();
      const text = new lib.TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport });
      await text.render();
      if (mine !== drawing) return;
      updateNav();
      body.scrollTop = 0;
      body.scrollLeft = 0;
      if (number !== cited) { status.textContent = ""; return; }
      const marks = markTextLayer(text.textDivs, quote);
      const first = marks.find((m) => !m.classList.contains("dv-context")) || marks[0];
      if (first) {
        status.textContent = "";
        const at = first.getBoundingClientRect();
        const origin = sheet.getBoundingClientRect();
        body.scrollTop = Math.max(0, at.top - origin.top - body.clientHeight / 3);
        body.scrollLeft = Math.max(0, at.left - origin.left - 24);
      } else {
        status.textContent = "The quoted words were not found in this page's text (a scanned page?); the quote is shown above.";
        $(".dv-quote").open = true;
      }
      root.dataset.ready = String(marks.length); // for tests: the page is drawn, marks made
    } catch (error) {
      if (mine === drawing) {
        status.textContent = `The document could not be shown (${error?.message || error}); the quote is shown above.`;
        $(".dv-quote").open = true;
        root.dataset.ready = "0";
      }
    }
  }

  function updateNav() {
    const pdf = Boolean(state?.url && state.kind === "pdf");
    for (const tool of [".dv-prev", ".dv-next", ".dv-page", ".dv-zoom-out", ".dv-zoom-in"]) $(tool).hidden = !pdf;
    if (!pdf) return;
    $(".dv-page").textContent = `page ${state.page}${state.pages ? ` of ${state.pages}` : ""}`;
    $(".dv-prev").disabled = state.page <= 1;
    $(".dv-next").disabled = Boolean(state.pages) && state.page >= state.pages;
    $(".dv-zoom-out").disabled = zoom <= 1;
    $(".dv-zoom-in").disabled = zoom >= 3;
  }

  function open(source, answer, n, from) {
    if (!root.isConnected) document.body.append(root);
    const data = source.dataset;
    opener = from;
    state = { url: data.url, kind: data.kind, page: Number(data.page), cited: Number(data.page),
              quote: data.quote, pages: 0 };
    delete root.dataset.ready;
    zoom = window.innerWidth < 600 ? 1.5 : 1; // a phone starts with words large enough to read
    $(".dv-title").textContent = data.document;
    const section = source.querySelector(".source-where")?.textContent || data.where;
    $(".dv-meta").textContent = `Answer ${answer}, source [${n}] · ${section}`;
    const quote = source.querySelector(".source-quote");
    $(".dv-quote-body").replaceChildren(quote ? quote.cloneNode(true) : document.createTextNode(data.quote));
    const link = $(".dv-open");
    link.hidden = !data.url;
    if (data.url) link.href = data.kind === "pdf" ? `${data.url}#page=${data.page}` : data.url;
    const pdf = data.kind === "pdf" && Boolean(data.url);
    $(".dv-body").hidden = !pdf;
    $(".dv-quote").open = !pdf;
    $(".dv-status").textContent = pdf ? "" : `Quoted from ${data.where} of ${data.document}.`;
    root.hidden = false;
    updateNav();
    $(".dv-close").focus();
    if (pdf) draw();
    else root.dataset.ready = "0";
  }

  function close() {
    root.hidden = true;
    drawing++;
    if (opener?.isConnected) opener.focus();
  }

  root.addEventListener("click", (event) => {
    if (event.target.closest(".dv-close")) close();
    else if (event.target.closest(".dv-prev") && state.page > 1) { state.page--; draw(); }
    else if (event.target.closest(".dv-next") && (!state.pages || state.page < state.pages)) { state.page++; draw(); }
    else if (event.target.closest(".dv-zoom-in") && zoom < 3) { zoom += 0.5; draw(); }
    else if (event.target.closest(".dv-zoom-out") && zoom > 1) { zoom -= 0.5; draw(); }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !root.hidden) close();
  });
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { if (!root.hidden && state?.kind === "pdf" && state.url) draw(); }, 250);
  });
  return { open, close };
})();
