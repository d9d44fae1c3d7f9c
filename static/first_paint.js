// Trunk's initializer hooks for the page's wasm (index.html): the first paint's bar
// follows the download, and a failed load replaces "Loading" with a sentence in the
// page's language (dlabFirstPaintFailed, in index.html). The app removes the first
// paint itself when it mounts.
export default function firstPaint() {
  return {
    onProgress({ current, total }) {
      const bar = document.querySelector("#first-paint .first-paint-progress");
      if (!bar || !total) return;
      const percent = Math.min(100, Math.round((100 * current) / total));
      bar.setAttribute("aria-valuenow", String(percent));
      bar.firstElementChild.style.width = `${percent}%`;
    },
    onFailure(error) {
      window.dlabFirstPaintFailed?.("data-failed");
      console.error("Decouple Lab could not load its wasm:", error);
    },
  };
}
