// Trunk's initializer hooks for the page's wasm (index.html): the first paint's bar
// follows the download, and a failed load replaces "Loading" with a sentence in the
// page's language. The app removes the first paint itself when it mounts.
export default function firstPaint() {
  const shell = () => document.getElementById("first-paint");
  return {
    onProgress({ current, total }) {
      const bar = shell()?.querySelector(".first-paint-progress");
      if (!bar || !total) return;
      const percent = Math.min(100, Math.round((100 * current) / total));
      bar.setAttribute("aria-valuenow", String(percent));
      bar.firstElementChild.style.width = `${percent}%`;
    },
    onFailure(error) {
      const status = document.getElementById("first-paint-status");
      if (!status) return;
      const vi = document.documentElement.lang === "vi";
      status.textContent = status.getAttribute(vi ? "data-failed-vi" : "data-failed");
      shell().classList.add("first-paint-failed");
      console.error("Decouple Lab could not load its wasm:", error);
    },
  };
}
