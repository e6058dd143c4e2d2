// The annotation worker: runs the core off the main thread so typing never waits for it.
//
// Protocol: the page posts {id, text}; the worker answers {type: "result", id, ann, ms, memory}
// or {type: "error", id, message}. It posts {type: "ready", version} once the core is loaded.
import init, { annotate, version } from "./pkg/article_annotator.js";

let core = null;
const ready = init().then((exports) => {
  core = exports;
  self.postMessage({ type: "ready", version: version() });
}, (e) => {
  self.postMessage({ type: "fatal", message: String((e && e.message) || e) });
  throw e;
});

self.addEventListener("message", async (ev) => {
  const { id, text } = ev.data || {};
  try {
    await ready;
    const t0 = performance.now();
    const ann = annotate(text);
    const ms = performance.now() - t0;
    const memory = core && core.memory ? core.memory.buffer.byteLength : null;
    // As a JSON string: the page parses it in a few milliseconds, where the structured clone
    // of tens of thousands of small objects would hold its main thread for half a second.
    self.postMessage({ type: "result", id, json: JSON.stringify(ann), ms, memory });
  } catch (e) {
    self.postMessage({ type: "error", id, message: String((e && e.message) || e) });
  }
});
