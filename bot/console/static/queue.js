// Live queue: listens to /staff/events (server-sent events), refetches the queue as JSON on
// every change, and announces new cases with a badge and a short beep (Web Audio, no files).
(function () {
  "use strict";
  const table = document.getElementById("queue");
  if (!table) return;
  const tbody = table.querySelector("tbody");
  const badge = document.getElementById("new-badge");
  const live = document.getElementById("live");
  const seen = new Set(Array.from(tbody.querySelectorAll("tr[data-case]"), (r) => r.dataset.case));
  // The "with the bot" list is for finding a conversation to take over, not new cases.
  const watchingBot = new URLSearchParams(window.location.search).get("state") === "bot";
  let unseen = 0;
  let audio = null;

  function beep() {
    // Browsers allow sound only after a user gesture on the page; fail silently otherwise.
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.35);
      // A counter the browser tests read: the beep was played.
      document.body.dataset.beeps = String(Number(document.body.dataset.beeps || 0) + 1);
    } catch (err) { /* no audio available */ }
  }

  function showBadge() {
    badge.textContent = unseen === 1 ? "1 new case" : unseen + " new cases";
    badge.hidden = unseen === 0;
    document.title = (unseen ? "(" + unseen + ") " : "") + "Queue · Rumbo";
  }

  function cell(text, cls) {
    const td = document.createElement("td");
    if (cls) td.className = cls;
    td.textContent = text;
    return td;
  }

  function tag(text, cls) {
    const span = document.createElement("span");
    span.className = "tag " + cls;
    span.textContent = text;
    return span;
  }

  function row(item) {
    const tr = document.createElement("tr");
    tr.dataset.case = String(item.id);
    if (item.emergency) tr.classList.add("emergency");
    const link = document.createElement("a");
    link.href = table.dataset.caseBase + item.id;
    link.textContent = "#" + item.id;
    const first = document.createElement("td");
    first.appendChild(link);
    tr.appendChild(first);
    const why = document.createElement("td");
    if (item.emergency) why.appendChild(tag("Emergency", "danger"));
    else why.textContent = item.reason || "—";
    tr.appendChild(why);
    const state = document.createElement("td");
    state.appendChild(tag(item.state.replace("_", " "), "state-" + item.state));
    if (item.assigned_staff_name) state.append(" · " + item.assigned_staff_name);
    tr.appendChild(state);
    tr.appendChild(cell(item.team || "unrouted"));
    tr.appendChild(cell(item.topic || "—"));
    tr.appendChild(cell(item.channel));
    tr.appendChild(cell(item.lang || "—"));
    const since = new Date(item.waiting_since);
    tr.appendChild(cell(since.toISOString().slice(11, 16)));
    tr.appendChild(cell(item.preview, "preview"));
    return tr;
  }

  async function refresh() {
    const response = await fetch(table.dataset.api + window.location.search, {
      credentials: "same-origin", headers: { Accept: "application/json" },
    });
    if (response.status === 401) { window.location.reload(); return; }
    if (!response.ok) return;
    const data = await response.json();
    tbody.replaceChildren();
    if (data.cases.length === 0) {
      const tr = document.createElement("tr");
      tr.className = "empty";
      const td = cell(watchingBot ? "No live conversations with the bot."
        : "No cases waiting. New cases appear here by themselves.");
      td.colSpan = 9;
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
    let fresh = 0;
    for (const item of data.cases) {
      const tr = row(item);
      if (!seen.has(String(item.id))) {
        seen.add(String(item.id));
        tr.classList.add("fresh");
        fresh += 1;
      }
      tbody.appendChild(tr);
    }
    if (fresh > 0 && !watchingBot) {
      unseen += fresh;
      showBadge();
      beep();
    }
  }

  // Clicking anywhere counts as "seen" and unlocks audio for the next beep.
  document.addEventListener("click", () => { unseen = 0; showBadge(); });

  const source = new EventSource(table.dataset.events);
  source.addEventListener("ready", () => { live.textContent = "live"; live.classList.add("on"); refresh(); });
  source.addEventListener("case", () => { refresh(); });
  source.onerror = () => { live.textContent = "reconnecting…"; live.classList.remove("on"); };
})();
