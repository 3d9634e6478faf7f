// Compares a CSV table with the Parquet file of the same sweep, read by DuckDB (an independent reader).
// Exact (the default): same row count and no row in one that is not in the other.
// With --rel-tol T (a sweep written with --keep-bits): the rows are matched on their non-DOUBLE columns
// (run_id, month, scope), each key once in each file, and every DOUBLE column of the Parquet file must be
// within T relative to the CSV's value (|p - c| <= T |c|, or equal: zeros, infinities, NaN).
// Exit 0 when they agree, 1 when not, 2 on bad arguments.
// Usage: node check.mjs [--rel-tol T] FILE.csv FILE.parquet
import { DuckDBInstance } from '@duckdb/node-api';
const args = process.argv.slice(2);
let tol = null;
const t = args.indexOf('--rel-tol');
if (t >= 0) {
  tol = Number(args[t + 1]);
  args.splice(t, 2);
  if (!(tol >= 0 && tol < 1)) {
    console.error(`check.mjs: --rel-tol ${process.argv[t + 3]}: want a number in [0,1)`);
    process.exit(2);
  }
}
if (args.length !== 2) {
  console.error('usage: node check.mjs [--rel-tol T] FILE.csv FILE.parquet');
  process.exit(2);
}
const [csvPath, pqPath] = args;
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const q = async (sql) => (await c.runAndReadAll(sql)).getRows();
const n = (await q(`select count(*) from read_parquet('${pqPath}')`))[0][0];
const m = (await q(`select count(*) from read_csv('${csvPath}', header=true, all_varchar=true)`))[0][0];
if (tol === null) {
  const diff = (await q(`select count(*) from (
    (select * from read_parquet('${pqPath}') except all select * from read_csv('${csvPath}', header=true, types={'run_id':'BIGINT'}))
    union all
    (select * from read_csv('${csvPath}', header=true, types={'run_id':'BIGINT'}) except all select * from read_parquet('${pqPath}')))`))[0][0];
  console.log(`${pqPath}: ${n} rows, CSV ${m} rows, rows in one and not the other: ${diff}`);
  process.exit(n === m && diff === 0n ? 0 : 1);
}

const id = (s) => `"${s.replaceAll('"', '""')}"`;
const schema = await q(`select column_name, column_type from (describe select * from read_parquet('${pqPath}'))`);
const keys = schema.filter(([, ty]) => ty !== 'DOUBLE').map(([name]) => name);
const vals = schema.filter(([, ty]) => ty === 'DOUBLE').map(([name]) => name);
// The CSV read with the Parquet file's types, so that no column is guessed as text or integer.
const types = schema.map(([name, ty]) => `'${name.replaceAll("'", "''")}': '${ty}'`).join(', ');
await c.run(`create table p as select * from read_parquet('${pqPath}')`);
await c.run(`create table c as select * from read_csv('${csvPath}', header=true, types={${types}})`);
const on = keys.map((k) => `p.${id(k)} = c.${id(k)}`).join(' and ');
const distinct = async (tb) => (await q(`select count(*) from (select distinct ${keys.map(id).join(', ')} from ${tb})`))[0][0];
const unmatched = (await q(`select count(*) from p full outer join c on ${on} where p.${id(keys[0])} is null or c.${id(keys[0])} is null`))[0][0];
const within = vals.map((v) => `(p.${id(v)} = c.${id(v)} or abs(p.${id(v)} - c.${id(v)}) <= ${tol} * abs(c.${id(v)}))`).join(' and ');
const outside = (await q(`select count(*) from p join c on ${on} where not (${within})`))[0][0];
const rel = (v) => `max(case when p.${id(v)} = c.${id(v)} then 0 else abs(p.${id(v)} - c.${id(v)}) / abs(c.${id(v)}) end)`;
const worst = Math.max(...(await q(`select ${vals.map(rel).join(', ')} from p join c on ${on}`))[0].map(Number));
const [dp, dc] = [await distinct('p'), await distinct('c')];
console.log(`${pqPath}: ${n} rows, CSV ${m} rows, keys (${keys.join(', ')}) repeated: ${n - dp} and ${m - dc}, unmatched: ${unmatched}; ` +
  `${vals.length} DOUBLE columns, values beyond relative ${tol}: ${outside} (largest relative difference ${worst.toExponential(3)})`);
process.exit(n === m && dp === n && dc === m && unmatched === 0n && outside === 0n ? 0 : 1);
