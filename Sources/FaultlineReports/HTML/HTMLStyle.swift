/// The report's stylesheet, inlined so the page needs nothing but itself: system fonts,
/// greys with green/amber/red for status only, a grid that collapses on narrow screens,
/// and print rules (no backgrounds to waste ink, cards kept whole on a page).
enum HTMLStyle {
    static let css = """

        :root {
          --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #f6f8fa; --card: #ffffff;
          --pass: #1a7f37; --pass-bg: #dafbe1; --warn: #9a6700; --warn-bg: #fff8c5;
          --fail: #cf222e; --fail-bg: #ffebe9; --accent: #0969da;
          --o-clean: #2da44e; --o-repaired: #8fd19e; --o-retried: #e3b341; --o-fell_back: #f0883e;
          --o-failed: #cf222e; --o-nonsense: #6e1423;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--soft); color: var(--fg);
          font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
        }
        code { font: 12px/1.4 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
          background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; word-break: break-word; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        h1, h2, h3, h4 { margin: 0; line-height: 1.25; }
        h1 { font-size: 24px; }
        h2 { font-size: 18px; }
        h3 { font-size: 16px; }
        h3 a { color: inherit; }
        h4 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin-bottom: 8px; }
        header.page, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
        header.page { padding-top: 24px; padding-bottom: 8px; }
        .title { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
        .meta { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 10px 0 16px; color: var(--muted); }
        .meta div { display: flex; gap: 6px; }
        .meta dt { font-weight: 600; }
        .meta dd { margin: 0; color: var(--fg); }
        .totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 10px; }
        .tile { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; border-top-width: 4px; }
        .tile .count { display: block; font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .tile .label { color: var(--muted); }
        .tile.pass { border-top-color: var(--pass); } .tile.pass .count { color: var(--pass); }
        .tile.fail { border-top-color: var(--fail); } .tile.fail .count { color: var(--fail); }
        .tile.warn { border-top-color: #d4a72c; } .tile.warn .count { color: var(--warn); }
        .tile.muted { border-top-color: var(--line); }
        .badge { display: inline-block; border-radius: 999px; padding: 2px 10px; font-weight: 600; font-size: 12px; white-space: nowrap; }
        .badge.pass { background: var(--pass-bg); color: var(--pass); }
        .badge.fail, .badge.error { background: var(--fail-bg); color: var(--fail); }
        .badge.skip { background: var(--soft); color: var(--muted); border: 1px solid var(--line); }
        .banner { border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
        .banner.warn { background: var(--warn-bg); color: var(--warn); border: 1px solid #d4a72c; }
        .banner.fail { background: var(--fail-bg); color: var(--fail); border: 1px solid #ff8182; }
        .overview { margin-top: 16px; display: grid; gap: 6px; }
        .overview-suite { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
        .overview-name { font-weight: 600; min-width: 120px; }
        .chip { border-radius: 999px; padding: 1px 10px 1px 8px; font-size: 12px; border: 1px solid var(--line);
          background: var(--card); color: var(--fg); }
        .chip::before { content: "●"; margin-right: 5px; }
        .chip.pass::before { color: var(--pass); }
        .chip.fail::before, .chip.error::before { color: var(--fail); }
        .chip.skip::before { color: var(--muted); }
        .chip.fail, .chip.error { border-color: #ff8182; }
        section.failures, section.suite { margin-top: 24px; }
        section.failures h2 { color: var(--fail); margin-bottom: 8px; }
        .scroll { overflow-x: auto; }
        table { width: 100%; border-collapse: collapse; background: var(--card); font-variant-numeric: tabular-nums; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
        th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--soft); }
        td.num, th.num { text-align: right; }
        td.num { white-space: nowrap; }
        .failures table { border: 1px solid var(--line); border-radius: 8px; }
        td.why, .why { color: var(--muted); overflow-wrap: break-word; word-break: break-word; }
        td.why { min-width: 14em; }
        .failures td.why { color: var(--fg); }
        .status { display: inline-block; min-width: 52px; text-align: center; border-radius: 4px; padding: 0 6px;
          font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
        .status.passed { background: var(--pass-bg); color: var(--pass); }
        .status.failed, .status.error { background: var(--fail-bg); color: var(--fail); }
        .status.skipped { background: var(--soft); color: var(--muted); border: 1px solid var(--line); }
        .suite-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; margin-bottom: 10px; }
        .sub { color: var(--muted); font-size: 13px; }
        .t-fail { color: var(--fail); font-weight: 600; }
        .card { background: var(--card); border: 1px solid var(--line); border-left: 5px solid var(--pass);
          border-radius: 8px; padding: 14px 18px; margin-bottom: 16px; }
        .card.fail, .card.error { border-left-color: var(--fail); }
        .card.skip { border-left-color: var(--line); }
        .card-head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
        .tag { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
          border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; }
        .card-head .sub { margin-left: auto; }
        .facts { color: var(--muted); margin: 6px 0 4px; }
        .description { margin: 6px 0; overflow-wrap: break-word; }
        .faults { list-style: none; padding: 0; margin: 4px 0 8px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
        .faults .provider { font-weight: 600; margin-right: 4px; }
        .failed-checks { list-style: none; margin: 10px 0; padding: 8px 12px; background: var(--fail-bg);
          border: 1px solid #ff8182; border-radius: 6px; }
        .failed-checks li + li { margin-top: 6px; }
        .failed-checks strong { color: var(--fail); }
        .failed-checks .why { color: var(--fg); }
        .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 8px; margin: 12px 0; }
        .kpi { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; background: var(--soft); }
        .kpi .value { display: block; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .kpi .label { color: var(--muted); font-size: 12px; }
        .kpi.good .value, .good { color: var(--pass); }
        .kpi.warn .value, .warn { color: var(--warn); }
        .kpi.bad .value, .bad { color: var(--fail); }
        .muted { color: var(--muted); }
        .panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 12px; margin: 12px 0; }
        .panel { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; min-width: 0; }
        .panel.wide { grid-column: 1 / -1; }
        svg { display: block; }
        svg.bar { width: 100%; height: 24px; border-radius: 4px; overflow: hidden; background: var(--soft); }
        svg.bar.small { height: 12px; }
        svg.chart { width: 100%; height: auto; font-size: 11px; }
        .o-clean { fill: var(--o-clean); background: var(--o-clean); }
        .o-repaired { fill: var(--o-repaired); background: var(--o-repaired); }
        .o-retried { fill: var(--o-retried); background: var(--o-retried); }
        .o-fell_back { fill: var(--o-fell_back); background: var(--o-fell_back); }
        .o-failed { fill: var(--o-failed); background: var(--o-failed); }
        .o-nonsense { fill: var(--o-nonsense); background: var(--o-nonsense); }
        rect.useful, .swatch.useful { fill: #8c959f; background: #8c959f; }
        rect.wasted, .swatch.wasted { fill: var(--o-fell_back); background: var(--o-fell_back); }
        rect.none { fill: var(--soft); }
        .legend { list-style: none; padding: 0; margin: 8px 0 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 2px 12px; }
        .legend li { white-space: nowrap; }
        .legend li.zero { color: var(--muted); opacity: .6; }
        .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
        .split { margin-bottom: 10px; }
        .split-label { font-weight: 600; display: block; margin-bottom: 2px; }
        .split-figures { display: block; margin-top: 3px; font-size: 13px; }
        .split-figures .swatch.wasted { margin-left: 10px; }
        .figures { margin: 10px 0 0; display: grid; grid-template-columns: 1fr; gap: 2px; }
        .figures div { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px dotted var(--line); }
        .figures dt { color: var(--muted); }
        .figures dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
        .chart .grid { stroke: #eaeef2; stroke-width: 1; }
        .chart .axis { stroke: #8c959f; stroke-width: 1; }
        .chart .tick, .chart .axis-label { fill: var(--muted); }
        .chart .area { fill: #0969da; fill-opacity: .08; stroke: none; }
        .chart .cdf { fill: none; stroke: #0969da; stroke-width: 2; stroke-linejoin: round; }
        .chart .mark { stroke-width: 1.2; stroke-dasharray: 4 3; }
        .chart .mark.p50 { stroke: #57606a; } .chart .mark-label.p50 { fill: #57606a; }
        .chart .mark.p95 { stroke: #bf8700; } .chart .mark-label.p95 { fill: #9a6700; }
        .chart .mark.p99 { stroke: var(--fail); } .chart .mark-label.p99 { fill: var(--fail); }
        .chart .mark-label { font-weight: 600; }
        table.checks { margin-top: 8px; font-size: 13px; }
        table.providers td:first-child { font-weight: 600; white-space: nowrap; }
        .failures td:first-child { white-space: nowrap; }
        table.checks.compact td { padding-top: 2px; padding-bottom: 2px; }
        table.checks td:nth-child(2) { min-width: 180px; }
        details.passed-checks { margin-top: 8px; }
        details.passed-checks > summary { cursor: pointer; font-size: 13px; color: var(--muted); }
        .empty { color: var(--muted); font-style: italic; }
        footer { color: var(--muted); font-size: 12px; padding-top: 12px; padding-bottom: 32px; }
        @media (max-width: 640px) {
          .panels { grid-template-columns: 1fr; }
          .card-head .sub { margin-left: 0; }
          header.page, main, footer { padding-left: 12px; padding-right: 12px; }
          .card { padding: 12px; }
          .totals { grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; }
          .tile { padding: 6px 10px; }
          .tile .count { font-size: 20px; }
          .failures thead { display: none; }
          .failures tr, .failures td { display: block; }
          .failures td { border: none; padding: 1px 10px; }
          .failures tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
          .failures td.why { min-width: 0; }
        }
        @media print {
          body { background: #fff; font-size: 12px; }
          header.page, main, footer { max-width: none; padding: 0; }
          .card, .panel, .failures { break-inside: avoid; }
          .card { border-left-width: 3px; }
          .scroll { overflow: visible; }
          a { color: inherit; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
}
