// The DuckDB side of dxgov_rollup_bench: the same figures and the same three queries, in
// DuckDB's own process (Node.js, @duckdb/node-api), timed after 3 warm-up passes.
//
//   node rollup_duckdb.mjs SPEC.json      (written by dxgov_rollup_bench; prints JSON)
//
// SPEC: {db, indicators, months, sparse, parent_csv, repeat, c_repeat, c_cutoff, warmups, a: [[indicator, month]...],
//        b: [indicator...], c: [indicator...]}
// The figures are generated inside DuckDB by the benchmark's formula
//   value(i, c, m) = (i·2654435761 + c·40503 + m·9973) mod 5001
// (indicator i, commune slot c, month m), the same one the C++ side uses for SQLite and
// the engine, and stored once in a native DuckDB file; the commune → province table comes
// from parent_csv. Each query prints per-instance sums so the C++ side can check that all
// three systems agree.
// With spec.sparse only the rows where (c·7919 + m·104729 + i·31337) mod 100 is below
// 100, 90, 60 or 25 for i mod 4 = 0, 1, 2, 3 are kept (the C++ side's Reports()).
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, rmSync } from 'node:fs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
rmSync(spec.db, { force: true });
rmSync(spec.db + '.wal', { force: true });
const instance = await DuckDBInstance.create(spec.db, { threads: '2' });
const con = await instance.connect();

let t0 = performance.now();
await con.run(`CREATE TABLE parent AS SELECT * FROM read_csv('${spec.parent_csv}', header = true,
  columns = {'unit': 'INTEGER', 'province': 'INTEGER'})`);
await con.run(`CREATE TABLE v AS
  SELECT i.range::INTEGER AS indicator, m.range::INTEGER AS period, c.unit AS unit,
         ((i.range * 2654435761 + c.unit * 40503 + m.range * 9973) % 5001)::DOUBLE AS value
  FROM range(${spec.indicators}) i, range(${spec.months}) m, parent c
  ${spec.sparse ? `WHERE (c.unit * 7919 + m.range * 104729 + i.range * 31337) % 100 <
                         [100, 90, 60, 25][(i.range % 4) + 1]` : ''}
  ORDER BY indicator, period, unit`);
await con.run('CHECKPOINT');
const loadS = (performance.now() - t0) / 1000;
const rows = Number((await (await con.run('SELECT COUNT(*) FROM v')).getRows())[0][0]);

// (c): the yearly national totals of each objective's indicator over the whole years up to
// the attainment date (months from 2025-07, so year = 2025 + (m + 6) // 12; months before
// c_cutoff), the latest one, and the least-squares line through them.
const c = await con.prepare(`
  WITH y AS (SELECT indicator, (period + 6) // 12 AS yr, SUM(value) AS total
             FROM v WHERE indicator IN (${spec.c.join(', ')}) AND period < ${spec.c_cutoff}
             GROUP BY indicator, yr)
  SELECT indicator, COUNT(*) AS n, arg_max(total, yr) AS latest,
         (COUNT(*) * SUM(yr * total) - SUM(yr) * SUM(total)) / (COUNT(*) * SUM(yr * yr) - SUM(yr) * SUM(yr)) AS slope
  FROM y GROUP BY indicator ORDER BY indicator`);
const a = await con.prepare(`SELECT p.province, SUM(v.value), COUNT(*) FROM v JOIN parent p ON p.unit = v.unit
                             WHERE v.indicator = $1 AND v.period = $2 GROUP BY p.province`);
const b = await con.prepare('SELECT period, SUM(value), COUNT(*) FROM v WHERE indicator = $1 GROUP BY period');

async function time(stmt, instances, bind, check, repeat = spec.repeat) {
  const checks = [];
  for (let w = 0; w < spec.warmups; ++w)
    for (let k = 0; k < instances.length; ++k) {
      bind(stmt, instances[k]);
      const got = await (await stmt.run()).getRows();
      if (w === 0) checks.push(check(got));
    }
  const ms = [];
  for (let k = 0; k < repeat; ++k) {
    bind(stmt, instances[k % instances.length]);
    const start = performance.now();
    await (await stmt.run()).getRows();
    ms.push(performance.now() - start);
  }
  ms.sort((x, y) => x - y);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { p50: at(0.5), p99: at(0.99), checks };
}

const sumColumn = (col) => (got) => got.reduce((s, r) => s + Number(r[col]), 0);
const out = { threads: 2, rows, load_s: loadS };
out.a = await time(a, spec.a, (s, [i, m]) => { s.bindInteger(1, i); s.bindInteger(2, m); }, sumColumn(1));
out.b = await time(b, spec.b, (s, i) => s.bindInteger(1, i), sumColumn(1));
out.c = await time(c, [spec.c], () => {},
                   (got) => got.map((r) => [Number(r[0]), Number(r[2]), Number(r[3])]), spec.c_repeat);
con.closeSync?.();
process.stdout.write(JSON.stringify(out) + '\n');
