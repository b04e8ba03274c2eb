// Case page: canned replies fill the reply box; the WhatsApp timer counts down; new activity
// on this case shows a reload notice (or reloads at once when nothing is being typed).
(function () {
  "use strict";
  const box = document.getElementById("reply-text");
  document.querySelectorAll("[data-canned]").forEach((button) => {
    button.addEventListener("click", () => {
      if (!box) return;
      box.value = button.dataset.canned;
      box.focus();
    });
  });

  const windowNote = document.getElementById("wa-window");
  const countdown = windowNote && windowNote.querySelector("[data-countdown]");
  if (countdown) {
    const closesAt = Date.now() + Number(windowNote.dataset.seconds) * 1000;
    const tick = () => {
      const left = Math.max(0, Math.floor((closesAt - Date.now()) / 1000));
      const h = Math.floor(left / 3600);
      const m = Math.floor((left % 3600) / 60);
      const s = left % 60;
      countdown.textContent = h + " h " + String(m).padStart(2, "0") + " min " + String(s).padStart(2, "0") + " s";
      if (left === 0) window.location.reload();  // the server then offers the template
    };
    tick();
    setInterval(tick, 1000);
  }

  const head = document.getElementById("case");
  const notice = document.getElementById("case-changed");
  if (head && notice && window.EventSource) {
    const source = new EventSource(head.dataset.events);
    // A form being sent navigates anyway; a reload now would race with it.
    document.addEventListener("submit", () => source.close());
    source.addEventListener("case", (event) => {
      const data = JSON.parse(event.data);
      // Only react to changes this page does not show yet (not to our own claim or reply).
      if (String(data.id) !== head.dataset.case || data.version === head.dataset.version) return;
      const typing = Array.from(document.querySelectorAll("textarea")).some((t) => t.value.trim());
      if (typing) notice.hidden = false;
      else window.location.reload();
    });
  }
})();
