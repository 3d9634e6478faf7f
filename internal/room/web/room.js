// room.js: the classroom pages' connection to dongshu-server (protocol: internal/wire).
"use strict";
const Room = {
  // connect opens the room's WebSocket, says hello and calls onFrame(type, body) for every frame;
  // onClose(reason) when the server closes it.
  connect(hello, onFrame, onClose) {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(proto + "//" + location.host + "/ws");
    ws.onopen = () => ws.send(JSON.stringify({ v: 1, t: "hello", d: hello }));
    ws.onmessage = (ev) => {
      const f = JSON.parse(ev.data);
      // The round's timer counts down on this device's clock, from the time left when it was sent.
      const st = f.t === "state" ? f.d : f.t === "welcome" ? f.d.state : null;
      if (st && st.round && st.round.left) st.round.deadline = Date.now() + st.round.left;
      onFrame(f.t, f.d);
    };
    ws.onclose = (ev) => onClose && onClose(ev.reason || "connection lost (code " + ev.code + ")");
    return {
      send(t, d) { ws.send(JSON.stringify({ v: 1, t: t, d: d })); },
      close() { ws.close(); },
    };
  },
  // fragment reads key=value pairs after '#'.
  fragment() {
    const out = {};
    for (const kv of location.hash.replace(/^#/, "").split("&")) {
      const i = kv.indexOf("=");
      if (i > 0) out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
    }
    return out;
  },
  lang: (navigator.language || "en").startsWith("fr") ? "fr" : "en",
  t(en, fr) { return Room.lang === "fr" ? fr : en; },
  seatName(s) { return Room.lang === "fr" && s.name_fr ? s.name_fr : s.name; },
  el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const k of kids) e.append(k);
    return e;
  },
  noticeText(n, seats) {
    const names = n.seats.map((id) => { const s = seats.find((x) => x.id === id); return s ? Room.seatName(s) : id; }).join(", ");
    if (n.key === "notice.advisor") return n.month + " — " + Room.t("the AI advisor decided for (absent or undecided): ", "le conseiller IA a décidé pour (absent ou indécis) : ") + names;
    if (n.key === "notice.ai_seat") return n.month + " — " + Room.t("the AI plays: ", "l'IA joue : ") + names;
    return n.month + " — " + n.key + " " + names;
  },
  countdown(deadline) {
    if (!deadline) return Room.t("no timer", "sans minuterie");
    const s = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  },
  // debriefTable renders one ranking of the class debrief.
  debriefTable(title, ranks, key) {
    const tb = Room.el("tbody");
    ranks.forEach((r, i) => tb.append(Room.el("tr", {}, Room.el("td", {}, String(i + 1)),
      Room.el("td", {}, r.name), Room.el("td", {}, r.ai ? Room.t("(AI)", "(IA)") : r.holder),
      Room.el("td", { class: "num" }, r[key].toFixed(0)), Room.el("td", { class: "num" }, r.score.toFixed(0)))));
    return Room.el("div", {}, Room.el("h3", {}, title), Room.el("table", {},
      Room.el("thead", {}, Room.el("tr", {}, Room.el("th", {}, "#"), Room.el("th", {}, Room.t("Province", "Province")),
        Room.el("th", {}, Room.t("Player", "Joueur")), Room.el("th", {}, Room.t("Points", "Points")),
        Room.el("th", {}, Room.t("Score", "Score")))), tb));
  },
  css: `body{font-family:system-ui,sans-serif;margin:1.5em;background:#f7f7f5;color:#222}
table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:left}
.num{text-align:right}button{margin:.15em;padding:.3em .8em}.err{color:#b00}.muted{color:#777}
h1{font-size:1.4em}.pill{display:inline-block;padding:.1em .5em;border-radius:1em;background:#e4e4e4;margin:.1em}`,
};
