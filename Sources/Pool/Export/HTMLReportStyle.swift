/// The report's inline stylesheet: one palette for page and charts (colour-blind friendly
/// blue/orange/purple for modes, teal/coral for covered/uncovered), system fonts only.
enum HTMLReportStyle {
    static let css = """
    :root{--ink:#1d2733;--muted:#5d6b7a;--line:#dfe4ea;--bg:#f3f5f8;--card:#fff;--covered:#1b8a7a;--uncovered:#e0603a;
    --onsite:#2f6db5;--stay:#e09b14;--remote:#8a56c2;--ok:#1b8a7a;--warn:#c98a00;--bad:#c0392b}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
    main{max-width:1240px;margin:0 auto;padding:24px 28px 48px}
    header.top{background:linear-gradient(120deg,#16324f,#1f5a7a);color:#fff;padding:26px 28px 22px}
    header.top .inner{max-width:1240px;margin:0 auto}
    header.top h1{margin:0 0 4px;font-size:26px;font-weight:650;letter-spacing:.2px}
    header.top .sub{margin:0;color:#cfe1ee}
    .status{margin:18px 0 0;padding:12px 16px;border-radius:8px;border-left:6px solid;background:#fff;color:var(--ink)}
    .status b{font-size:16px}.status .facts{color:var(--muted);font-size:13.5px;margin-top:3px}
    .status.ok{border-color:var(--ok)}.status.warn{border-color:var(--warn);background:#fff8e6}.status.bad{border-color:var(--bad);background:#fdecea}
    .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:12px;margin:22px 0 8px}
    .tile{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
    .tile .k{font-size:12.5px;color:var(--muted);text-transform:none}.tile .v{font-size:23px;font-weight:650;margin-top:2px}
    .tile .n{font-size:12.5px;color:var(--muted)}.tile.alert .v{color:var(--bad)}
    section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:18px 22px;margin:18px 0}
    section h2{margin:0 0 4px;font-size:19px}section h2 .en{color:var(--muted);font-weight:500}
    section p.lead{margin:0 0 12px;color:var(--muted);font-size:14px}
    .two{display:grid;grid-template-columns:1fr 1fr;gap:22px}@media(max-width:1000px){.two{grid-template-columns:1fr}}
    h3{font-size:15px;margin:8px 0 6px}
    svg.chart{width:100%;height:auto;display:block}
    svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
    .lbl{font-size:12px;fill:var(--ink)}.sublbl{font-size:10.5px;fill:var(--muted)}.val{font-size:11.5px;fill:var(--ink)}
    .warn .val,.warn-text{fill:var(--bad)}.blk{font-size:10.5px;fill:#fff;font-weight:600}
    .leg{font-size:11.5px;fill:var(--muted)}.gridlbl{font-size:9.5px;fill:#8796a5}.maplbl{font-size:11px;fill:var(--ink);paint-order:stroke;stroke:#f4f8fb;stroke-width:3px}
    .track{fill:#eef1f4}.f-covered{fill:var(--covered)}.f-uncovered{fill:var(--uncovered)}.f-remote{fill:var(--remote)}
    .f-onsite{fill:var(--onsite)}.f-stay{fill:var(--stay)}.f-salary{fill:#5b7a99}.f-travel{fill:var(--covered)}
    .f-purchased{fill:var(--uncovered)}.f-overtime{fill:var(--remote)}.f-lodging{fill:var(--stay)}.f-avoided{fill:#b9c3cd}
    .map-bg{fill:#f4f8fb;stroke:var(--line)}.grid line{stroke:#dde5ec;stroke-width:1}
    .trip-onsite{stroke:var(--onsite);opacity:.75}.trip-stay{stroke:var(--stay);opacity:.85}
    .trip-remote{stroke:var(--remote);stroke-dasharray:5 4;opacity:.8}.home{fill:#5d6b7a}.scale line{stroke:var(--ink);stroke-width:2}
    .site-ok{fill:var(--ok)}.site-mid{fill:var(--warn)}.site-low{fill:var(--bad)}.site-none{fill:#aab4bf}
    .sites circle{stroke:#fff;stroke-width:1.5}.sites circle.remote-ring{fill:none;stroke:var(--remote);stroke-width:2;stroke-dasharray:3 2}
    .col-a{fill:#fafbfc}.col-b{fill:#f3f5f8}.col-weekend{fill:#eef0f6}.hour{stroke:#e3e7ec;stroke-width:1}
    table{border-collapse:collapse;width:100%;font-size:13.5px}
    th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    th{font-weight:600;color:var(--muted);font-size:12.5px;background:#f8f9fb}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    tr.total td{font-weight:650;border-top:2px solid var(--ink)}
    .chip{display:inline-block;padding:3px 9px;margin:0 6px 6px 0;border-radius:999px;background:#fdece6;color:#8c2f12;font-size:12.5px}
    .nw{white-space:nowrap}td.when{font-size:12.5px;color:var(--muted);max-width:340px}.muted{color:var(--muted)}.note{font-size:13px;color:var(--muted)}
    .saving{font-size:16px;margin:8px 0 4px}.saving b{color:var(--ok)}
    footer{color:var(--muted);font-size:12.5px;margin-top:24px}footer li{margin:2px 0}
    @media print{body{background:#fff}section{break-inside:avoid;border:none}}
    """
}
