// The page's first module (no imports, so it runs before the others have loaded): it starts
// the slow parts of the page's start at once, in parallel with loading the rest of the page:
// the annotation worker (www/worker.js) and fetching + compiling the core (streaming). The
// Engine (www/engine.js) adopts both, with any message the worker sent meanwhile.
const boot = { at: performance.now(), worker: null, module: null, events: [], listener: null };
globalThis.__articleAnnotatorBoot = boot;
try {
  const url = new URL("./pkg/article_annotator_bg.wasm", import.meta.url);
  boot.module = WebAssembly.compileStreaming(fetch(url))
    .catch(async () => WebAssembly.compile(await (await fetch(url)).arrayBuffer()));
  boot.module.catch(() => {}); // the Engine reports failures
} catch (_) {
  boot.module = null;
}
try {
  const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  boot.listener = (ev) => {
    if (ev.type === "error") ev.preventDefault(); // the Engine falls back; no console error
    boot.events.push(ev);
  };
  w.addEventListener("message", boot.listener);
  w.addEventListener("error", boot.listener);
  boot.worker = w;
} catch (_) {
  boot.worker = null; // e.g. from file:// or in the single file: the Engine falls back
}
