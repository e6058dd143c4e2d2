// Runs the core in a module Web Worker (www/worker.js) so the page never blocks; falls back
// to the main thread when a worker cannot be started (e.g. a page opened from file://).
//
// Latest wins: while the core is busy, only the newest request waits; older ones resolve
// with {stale: true}. A long job can be abandoned with `cancel()` (the worker is restarted).
import init, { annotate as annotateHere } from "./pkg/article_annotator.js";

/**
 * Fetches and compiles the core (streaming: it compiles while it downloads), once per page.
 * The page does this itself, at once, while its worker is still starting; the worker gets the
 * compiled module in a message (a WebAssembly.Module is cloned, not compiled again), and a
 * restarted worker or the main-thread fallback reuse it.
 */
let compiled = null;
export function compileCore() {
  const boot = globalThis.__articleAnnotatorBoot;
  if (!compiled && boot && boot.module) compiled = boot.module; // started by www/boot.js
  if (!compiled) {
    const url = new URL("./pkg/article_annotator_bg.wasm", import.meta.url);
    compiled = WebAssembly.compileStreaming(fetch(url))
      .catch(async () => WebAssembly.compile(await (await fetch(url)).arrayBuffer()));
  }
  return compiled;
}

export class Engine {
  constructor({ onMode } = {}) {
    this.onMode = onMode || (() => {});
    this.mode = "starting";
    this.seq = 0;
    this.current = null; // {id, text, resolve, t0}
    this.pending = null;
    this.worker = null;
    this.module = compileCore();
    this.spawn();
  }

  spawn() {
    let w;
    // The worker www/boot.js started (once), or a new one.
    const boot = globalThis.__articleAnnotatorBoot;
    const early = boot && boot.worker;
    try {
      if (early) {
        w = early;
        boot.worker = null;
      } else w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    } catch (e) {
      this.fallback(`no worker (${e && e.name ? e.name : e})`);
      return;
    }
    this.worker = w;
    this.ready = false;
    this.module.then((module) => w.postMessage({ type: "module", module }), () => w.postMessage({ type: "module", module: null }));
    const onError = (ev) => {
      if (this.worker !== w) return;
      if (!this.ready) {
        ev.preventDefault();
        this.fallback("the worker failed to start");
      }
    };
    w.addEventListener("message", (ev) => this.onMessage(w, ev.data));
    w.addEventListener("error", onError);
    if (early) {
      w.removeEventListener("message", boot.listener);
      w.removeEventListener("error", boot.listener);
      for (const ev of boot.events.splice(0)) {
        if (ev.type === "error") onError(ev);
        else this.onMessage(w, ev.data);
      }
    }
  }

  fallback(why) {
    if (this.worker) {
      try { this.worker.terminate(); } catch (_) { /* gone */ }
    }
    this.worker = null;
    this.mode = "main";
    this.why = why;
    this.onMode(this.mode, why);
    // A job sent to the dead worker runs again here.
    if (this.current) {
      const job = this.current;
      this.current = null;
      this.pending = this.pending || job;
      if (this.pending !== job) job.resolve({ stale: true });
    }
    this.pump();
  }

  onMessage(w, msg) {
    if (w !== this.worker || !msg) return;
    if (msg.type === "ready") {
      this.ready = true;
      this.mode = "worker";
      this.version = msg.version;
      this.cold = msg.cold || null;
      this.onMode(this.mode);
      return;
    }
    if (msg.type === "fatal") {
      this.fallback(msg.message);
      return;
    }
    const job = this.current;
    if (!job || job.id !== msg.id) return;
    this.current = null;
    if (msg.type === "result") {
      // The annotations are parsed when first read (a popup, an export, a source's claim
      // list): drawing takes the worker's plan and panel model only.
      const res = { json: msg.json, plan: msg.plan, model: msg.model, ms: msg.ms, prepMs: msg.prepMs, parseMs: undefined, memory: msg.memory, mode: "worker", text: job.text };
      let ann = msg.ann || null;
      Object.defineProperty(res, "ann", {
        enumerable: true,
        get() {
          if (!ann) {
            const t0 = performance.now();
            ann = JSON.parse(typeof msg.json === "string" ? msg.json : new TextDecoder().decode(msg.json));
            res.parseMs = performance.now() - t0;
          }
          return ann;
        },
      });
      job.resolve(res);
    }
    else job.resolve({ error: msg.message, text: job.text });
    this.pump();
  }

  /**
   * Annotates `text`; resolves {ann, ms, memory, mode, text}, {error}, or {stale: true}. From
   * the worker also {json, plan, model, prepMs} (render.js `prepare`, panels.js `packModel`),
   * and `ann` is parsed from `json` when first read.
   */
  annotate(text) {
    return new Promise((resolve) => {
      if (this.pending) this.pending.resolve({ stale: true });
      this.pending = { id: ++this.seq, text, resolve };
      this.pump();
    });
  }

  /** True while a job runs. */
  get busy() {
    return this.current !== null;
  }

  /** Abandons the running job (restarting the worker) and any waiting one. */
  cancel() {
    if (this.pending) { this.pending.resolve({ stale: true }); this.pending = null; }
    if (this.current && this.worker) {
      this.current.resolve({ stale: true });
      this.current = null;
      this.worker.terminate();
      this.worker = null;
      this.spawn();
    }
  }

  pump() {
    if (this.current || !this.pending) return;
    if (this.mode === "starting" && !this.worker) return;
    const job = (this.current = this.pending);
    this.pending = null;
    job.t0 = performance.now();
    if (this.worker) {
      this.worker.postMessage({ id: job.id, text: job.text });
      return;
    }
    // Main thread: let the page paint first, then run the core.
    setTimeout(async () => {
      try {
        const exports = await init({ module_or_path: await this.module.catch(() => undefined) });
        const t0 = performance.now();
        const ann = annotateHere(job.text);
        const ms = performance.now() - t0;
        job.resolve({ ann, ms, memory: exports.memory ? exports.memory.buffer.byteLength : null, mode: "main", text: job.text });
      } catch (e) {
        job.resolve({ error: String((e && e.message) || e), text: job.text });
      }
      this.current = null;
      this.pump();
    }, 30);
  }
}
