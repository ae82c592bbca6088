// The graph page's style sheet (served as assets/page.css): a laptop-sized two-column layout,
// light colours, node roles told apart by their border colour.
export const GRAPH_PAGE_CSS = `:root{--fg:#1d2330;--muted:#6b7385;--line:#c9cfdb;--bg:#f6f7fa;--card:#fff;
--model:#2f6fdb;--router:#d9822b;--combiner:#8e44ad;--transformer:#16a085;--hot:#e0245e;--err:#c0392b}
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;gap:16px;align-items:baseline;padding:10px 18px;background:var(--card);border-bottom:1px solid var(--line)}
h1{font-size:18px;margin:0}h2{font-size:14px;margin:0 0 8px}
.muted{color:var(--muted);font-weight:normal}
main{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:14px;padding:14px 18px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px}
aside{display:flex;flex-direction:column;gap:14px;min-width:0}
#split{margin:14px 18px 0}
#graph{width:100%;min-height:300px;display:block}
.node rect{fill:#fff;stroke-width:2;rx:8}
.node.model rect,.node.unknown rect{stroke:var(--model)}
.node.router rect{stroke:var(--router)}
.node.combiner rect{stroke:var(--combiner)}
.node.transformer rect,.node.output-transformer rect{stroke:var(--transformer)}
.node.on-path rect{fill:#fff2f6;stroke:var(--hot);stroke-width:3}
.node.failing rect{fill:#fdecea}
.node .name{font-weight:600;font-size:13px}
.node .kind,.node .figs{font-size:11px;fill:var(--muted)}
.node .figs.bad{fill:var(--err)}
.edge{stroke:var(--line);stroke-width:2;fill:none}
.edge.on-path{stroke:var(--hot);stroke-width:3}
.share{font-size:11px;font-weight:600;fill:var(--router)}
.edge-label-bg{fill:var(--bg)}
textarea{width:100%;height:110px;font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;border:1px solid var(--line);border-radius:6px;padding:6px}
pre{margin:8px 0 0;max-height:220px;overflow:auto;font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;background:var(--bg);padding:6px;border-radius:6px;white-space:pre-wrap;word-break:break-word}
.row{display:flex;gap:10px;align-items:center;margin-top:6px}
button{font:inherit;padding:4px 14px;border-radius:6px;border:1px solid var(--model);background:var(--model);color:#fff;cursor:pointer}
#errors{margin:0;padding-left:18px;max-height:200px;overflow:auto;font-size:12px}
#errors li{margin-bottom:4px;word-break:break-word}
#errors .node-name{font-weight:600;color:var(--err)}
.bar{display:flex;height:22px;border-radius:6px;overflow:hidden;border:1px solid var(--line)}
.bar span{display:flex;align-items:center;padding:0 8px;color:#fff;font-size:12px;white-space:nowrap}
.legend{font-size:12px;color:var(--muted);margin-top:6px}
.tabs{display:flex;gap:6px;margin-top:8px}.tabs a{font-size:12px;padding:2px 10px;border:1px solid var(--line);border-radius:12px;text-decoration:none;color:var(--fg)}
.tabs a.current{background:var(--fg);color:#fff}
@media (max-width:900px){main{grid-template-columns:1fr}}
`;
