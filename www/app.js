// The page's glue: loads the core, annotates the text area, renders the result.
import init, { annotate } from "./pkg/article_annotator.js";
import { renderAnnotated } from "./render.js";

const area = document.getElementById("article");
const view = document.getElementById("view");
const status = document.getElementById("status");

async function main() {
  await init();
  if (!area.value) {
    try {
      area.value = await (await fetch("seed-article.txt")).text();
    } catch (_) { /* opened without a server: start empty */ }
  }
  const run = () => {
    const t0 = performance.now();
    const ann = annotate(area.value);
    renderAnnotated(view, area.value, ann);
    const ms = performance.now() - t0;
    status.textContent = `${ann.entities.length} entities, ${ann.attributions.length} claims · ${ms.toFixed(1)} ms`;
  };
  document.getElementById("annotate").addEventListener("click", run);
  run();
}
main();
