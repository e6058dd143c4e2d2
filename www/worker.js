// The annotation worker: runs the core off the main thread so typing never waits for it.
//
// Protocol: the page posts {type: "module", module} first (the core, compiled by the page),
// then {id, text} per job; the worker answers {type: "result", id, json, plan, model, ms,
// prepMs, memory} or {type: "error", id, message}. `json` is the core's answer as JSON in
// UTF-8 bytes, made by the core itself (the page parses it only when it needs an annotation
// object: a popup, an export); `plan` is what drawing it takes (render.js `prepare`: typed arrays, transferred)
// and `model` what the panels show (panels.js `panelModel`, packed), so the page's main
// thread only builds DOM.
// It posts {type: "ready", version, cold} once the core is loaded, where `cold` times its
// start (ms): fetch + streaming compile, instantiate, and a first call on a short text that
// reaches most of the core (it builds its tables on first use) made at once, while the page
// is still setting up, so the page's first real request finds the core warm.
import init, { annotateWithJson, version } from "./pkg/article_annotator.js";

// The drawing's plan and the panels' model: loaded while the core starts (static imports
// would hold the worker's start until they arrive).
const helpers = Promise.all([import("./render.js"), import("./panels.js")]);

const at = () => performance.timeOrigin + performance.now(); // comparable with the page's clock
const cold = { origin: performance.timeOrigin, start: at() };
let core = null;
// The page compiles the core while this worker starts and sends the module ({type: "module"});
// null means it could not, and the worker compiles it itself.
let gotModule;
const pageModule = new Promise((resolve) => { gotModule = resolve; });
const ready = (async () => {
  let module = await pageModule;
  const t0 = performance.now();
  if (!module) {
    const url = new URL("./pkg/article_annotator_bg.wasm", import.meta.url);
    module = await WebAssembly.compileStreaming(fetch(url)).catch(async () => WebAssembly.compile(await (await fetch(url)).arrayBuffer()));
  }
  const t1 = performance.now();
  core = await init({ module_or_path: module });
  const t2 = performance.now();
  // A first call that reaches most of the core (quotes, cues, names, places, numbers, dates,
  // media, denials): its tables are built and its code warmed up before the page's first text.
  annotateWithJson("\u201cWe will not stop,\u201d said Nikos Dimitriou, Greece's foreign minister, on Monday, as Reuters reported that 3,000 people in Athens had protested. The United Nations denied it, according to state media.");
  const t3 = performance.now();
  Object.assign(cold, { compile: t1 - t0, instantiate: t2 - t1, warm: t3 - t2, ready: at() });
  self.postMessage({ type: "ready", version: version(), cold });
})().catch((e) => {
  self.postMessage({ type: "fatal", message: String((e && e.message) || e) });
  throw e;
});

self.addEventListener("message", async (ev) => {
  if (ev.data && ev.data.type === "module") {
    cold.module = at();
    gotModule(ev.data.module);
    return;
  }
  const { id, text } = ev.data || {};
  try {
    await ready;
    const [{ prepare }, { panelModel, packModel }] = await helpers;
    // One run of the core gives both the object (to plan the drawing and the panels) and the
    // JSON to send on. As JSON: a structured clone of tens of thousands of small objects would
    // hold the page's main thread for half a second; the page parses it only when it must.
    // In UTF-8 bytes: transferred, where a string of megabytes is copied twice. The core
    // writes them itself, which is faster than JSON.stringify + TextEncoder here.
    const t0 = performance.now();
    const { annotations: ann, json } = annotateWithJson(text);
    const ms = performance.now() - t0;
    const memory = core && core.memory ? core.memory.buffer.byteLength : null;
    const p0 = performance.now();
    const { plan, transfer } = prepare(text, ann);
    const { packed: model, transfer: more } = packModel(panelModel(ann));
    const prepMs = performance.now() - p0;
    self.postMessage({ type: "result", id, json, plan, model, ms, prepMs, memory }, [json.buffer, ...transfer, ...more]);
  } catch (e) {
    self.postMessage({ type: "error", id, message: String((e && e.message) || e) });
  }
});
