import Hummingbird

/// The console's style sheet and script, compiled into the binary (one file to deploy, nothing to find at run time)
/// and served with a day's caching. Hand-written: no build step, no CDN.
enum ConsoleAssets {
    static func register(on router: Router<TrawlRequestContext>) {
        router.get("/ui/assets/console.css") { _, _ in asset(css, type: "text/css; charset=utf-8") }
        router.get("/ui/assets/console.js") { _, _ in asset(script, type: "text/javascript; charset=utf-8") }
    }

    private static func asset(_ text: String, type: String) -> Response {
        var headers = ConsolePage.headers(contentType: type)
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static let css = """
        :root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b57d0; --ok: #1a7f37; --bad: #b42318;
                --warn: #9a6700; --bg: #ffffff; --panel: #f6f8fa; font-family: system-ui, sans-serif; color: var(--ink); }
        body { margin: 0; background: var(--bg); line-height: 1.45; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
        summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .6rem 1rem;
               border-bottom: 1px solid var(--line); background: var(--panel); }
        .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
        .top nav ul, .tabs ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
        [aria-current="page"] { font-weight: 700; text-decoration: underline; }
        .top form { display: flex; gap: .4rem; align-items: center; margin: 0; }
        main { padding: 1rem; max-width: 1200px; margin: 0 auto; }
        h1 { font-size: 1.5rem; margin: .2rem 0 1rem; } h2 { font-size: 1.15rem; margin: 1.4rem 0 .5rem; }
        .filters { display: flex; flex-wrap: wrap; gap: .2rem 1rem; align-items: flex-end; padding: .6rem .8rem;
                   background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
        .filters p { margin: .2rem 0; display: flex; flex-direction: column; }
        input, select, textarea, button { font: inherit; padding: .3rem .45rem; border: 1px solid var(--line); border-radius: 4px; }
        button, .button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer;
                          text-decoration: none; padding: .35rem .8rem; border-radius: 4px; display: inline-block; }
        .controls { display: flex; flex-wrap: wrap; gap: .5rem; margin: .6rem 0; }
        .controls form { margin: 0; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .95rem; }
        caption { text-align: left; color: var(--muted); padding: .3rem 0; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        .url { word-break: break-all; }
        .badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; border: 1px solid var(--line);
                 background: var(--panel); font-size: .85rem; }
        .badge-running, .badge-ok, .badge-succeeded, .badge-fetched, .badge-embedded, .badge-indexed { border-color: var(--ok); color: var(--ok); }
        .badge-failed, .badge-error { border-color: var(--bad); color: var(--bad); }
        .badge-paused, .badge-pending, .badge-excluded, .badge-queued { border-color: var(--warn); color: var(--warn); }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .5rem; margin: 0; }
        .figures div { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .4rem .6rem; }
        .figures dt { color: var(--muted); font-size: .85rem; } .figures dd { margin: 0; font-size: 1.25rem; font-variant-numeric: tabular-nums; }
        .chart svg { width: 100%; max-width: 600px; height: 120px; border: 1px solid var(--line); border-radius: 6px; }
        .chart polyline { fill: none; stroke: var(--accent); stroke-width: 2; }
        .chart figcaption { color: var(--muted); font-size: .85rem; }
        .problem { padding: .5rem .8rem; border-radius: 6px; border: 1px solid var(--bad); color: var(--bad); }
        .manifest { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 1rem; }
        .manifest textarea { width: 100%; font-family: ui-monospace, monospace; font-size: .9rem; }
        .issues { border: 1px solid var(--bad); border-radius: 6px; padding: .5rem .8rem; }
        .results { padding-left: 1.2rem; } .result h2 { margin-bottom: .1rem; }
        .result .url, .result .meta { color: var(--muted); font-size: .85rem; margin: .1rem 0; }
        mark { background: #fff3bf; }
        pre { background: var(--panel); padding: .6rem; overflow-x: auto; border-radius: 6px; }
        .empty { color: var(--muted); }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        @media (max-width: 700px) {
          .manifest { grid-template-columns: 1fr; }
          th, td { padding: .3rem; font-size: .85rem; }
          main { padding: .6rem; }
        }
        """

    /// Live updates for a run's page: polls the run's live endpoint once a second while the run is not finished,
    /// refreshes every `data-field`, and draws pages per second from the samples it took.
    static let script = #"""
        "use strict";
        (function () {
          const section = document.getElementById("run");
          if (!section || !window.fetch) return;
          const source = section.dataset.live;
          const samples = [];
          const valueAt = (doc, path) => path.split(".").reduce((value, key) => {
            if (value == null) return undefined;
            if (Array.isArray(value)) return value.find((item) => item && item.name === key);
            return value[key];
          }, doc);
          const show = (value) => value === null || value === undefined ? "–"
            : typeof value === "boolean" ? (value ? "yes" : "no")
            : typeof value === "number" ? value.toLocaleString("en-US") : String(value);
          const draw = () => {
            const line = document.querySelector("#rate-chart polyline");
            if (!line || samples.length < 2) return;
            const rates = [];
            for (let i = 1; i < samples.length; i++) {
              const seconds = (samples[i].at - samples[i - 1].at) / 1000;
              rates.push(seconds > 0 ? Math.max(0, (samples[i].fetched - samples[i - 1].fetched) / seconds) : 0);
            }
            const shown = rates.slice(-120);
            const top = Math.max(1, ...shown);
            const step = 600 / Math.max(1, shown.length - 1);
            line.setAttribute("points", shown.map((rate, i) => `${(i * step).toFixed(1)},${(115 - rate / top * 110).toFixed(1)}`).join(" "));
            const rate = document.querySelector("[data-rate]");
            if (rate) rate.textContent = shown[shown.length - 1].toFixed(1) + " (now), peak " + top.toFixed(1);
          };
          const refresh = async () => {
            let doc;
            try {
              const response = await fetch(source, { credentials: "same-origin", headers: { Accept: "application/json" } });
              if (!response.ok) return;
              doc = await response.json();
            } catch (error) { return; }
            for (const element of section.querySelectorAll("[data-field]")) {
              element.textContent = show(valueAt(doc, element.dataset.field));
            }
            section.dataset.status = doc.status;
            samples.push({ at: Date.now(), fetched: doc.progress.fetched });
            draw();
            // A finished crawl's pipeline may still be indexing and embedding: keep going until every step is over.
            const settled = doc.status === "finished"
              && (doc.steps || []).every((step) => ["succeeded", "failed", "skipped"].includes(step.status));
            if (!settled) window.setTimeout(refresh, 1000);
          };
          if (section.dataset.status !== "finished") window.setTimeout(refresh, 1000);
        })();
        """#
}
