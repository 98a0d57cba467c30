// Does a SQL statement keep to its workspace? Each statement is parsed with PostgreSQL's own parser (libpg-query,
// WASM) and every occurrence of a workspace-sharded table must be constrained on its "workspaceId", and two of them
// at one query level must have theirs equated: what a sharded PostgreSQL (Citus, by workspaceId) needs to send the
// statement to one shard. The integration suite runs it on every statement it sends (tests/setup/statement-audit.ts).
import { loadModule, parseSync } from 'libpg-query';
import type { A_Expr, ColumnRef, DeleteStmt, InsertStmt, JoinExpr, Node, RangeVar, SelectStmt, UpdateStmt, WithClause } from 'libpg-query';

/** The tables sharded by workspace ("distributed" in Citus); the rest are reference or local tables. */
export const distributedTables: ReadonlySet<string> = new Set([
  'Document',
  'DocumentVersion',
  'Passage',
  'Claim',
  'ClaimRevision',
  'ClaimMerge',
  'Annotation',
  'Credence',
  'CredenceRevision',
  'CruxLink',
  'CruxConditional',
  'CruxConditionalRevision',
  'Reply',
  'Round',
  'ChangeEvent',
  'Presence',
  'SearchEntry',
  'SearchWord',
  'QueueSkip',
  'DocumentVisit',
  'Notification',
  'Assignment',
]);

const WORKSPACE_COLUMN = 'workspaceId';

export type Finding = {
  table: string;
  alias?: string;
  /** `unaudited`: the statement could not be parsed, or is larger than the audit's budget */
  problem: 'unconstrained' | 'join-not-equated' | 'insert-without-workspace' | 'unaudited';
  detail: string;
};

/** Loads the parser (WASM); needed once before `auditStatement`. */
export async function loadStatementParser(): Promise<void> {
  await loadModule();
}

// Work is bounded: parsing is linear in the statement's length, and the walk below stops after this many nodes or
// this depth of nesting (a bulk insert of a few thousand rows stays well inside). A statement past either is
// reported as `unaudited`, never passed.
const NODE_BUDGET = 500_000;
const DEPTH_CAP = 400;

class BudgetExceeded extends Error {}

/** A FROM item of one query level: a table, or a subquery, CTE or function whose columns we do not follow. */
type Entry = {
  name: string;
  /** the distributed table this is an occurrence of */
  table?: string;
  alias?: string;
  role: 'read' | 'updated' | 'deleted';
  level: Level;
};

/** One query level (a SELECT, an arm of a UNION, a subquery): its FROM items and what its conditions state. */
type Level = { parent?: Level; entries: Entry[]; ctes: Set<string>; facts: Fact[] };

/** One side of a workspaceId equality: an entry's workspaceId, or a value that references no column. */
type Side = { entry: Entry } | { constant: string | undefined };

/** `entry."workspaceId"` equals a constant (`key`: which one, when it is a single value) or another entry's. */
type Fact =
  | { kind: 'constant'; entry: Entry; key: string | undefined; mayConstrain: ReadonlySet<Entry> }
  | { kind: 'equal'; a: Entry; b: Entry; mayConstrain: ReadonlySet<Entry> };

type Content<N, K extends string> = N extends Record<K, infer V> ? V : never;
/** The content of a node of kind K: `NodeOf<'SelectStmt'>` is `SelectStmt`. */
type NodeOf<K extends string> = Content<Node, K>;

/** The kind and content of a parse-tree node, `{ Kind: {...} }`. */
function unwrap(node: unknown): [string, Record<string, unknown>] | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1) return undefined;
  const kind = keys[0] as string;
  const value = (node as Record<string, unknown>)[kind];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? [kind, value as Record<string, unknown>] : undefined;
}

function as<K extends string>(node: unknown, kind: K): NodeOf<K> | undefined {
  const unwrapped = unwrap(node);
  return unwrapped && unwrapped[0] === kind ? (unwrapped[1] as unknown as NodeOf<K>) : undefined;
}

const stringOf = (node: Node | undefined): string | undefined => as(node, 'String')?.sval;

class Audit {
  private nodes = 0;
  readonly entries: Entry[] = [];
  readonly facts: Fact[] = [];
  readonly findings: Finding[] = [];

  private count(depth: number): void {
    if (++this.nodes > NODE_BUDGET || depth > DEPTH_CAP) throw new BudgetExceeded();
  }

  statement(node: Node, depth: number): void {
    const unwrapped = unwrap(node);
    if (!unwrapped) return;
    const [kind, value] = unwrapped;
    if (kind === 'SelectStmt' || kind === 'InsertStmt' || kind === 'UpdateStmt' || kind === 'DeleteStmt') this.query(node, undefined, depth);
    // anything else that carries a query (EXPLAIN, DECLARE … CURSOR FOR, CREATE TABLE AS, COPY (…)): audit it
    else this.expression(value, undefined, depth);
  }

  /** A SELECT, INSERT, UPDATE or DELETE at a new query level below `parent`. */
  query(node: Node, parent: Level | undefined, depth: number): void {
    this.count(depth);
    const select = as(node, 'SelectStmt');
    if (select) return this.select(select, parent, depth);
    const insert = as(node, 'InsertStmt');
    if (insert) return this.insert(insert, parent, depth);
    const update = as(node, 'UpdateStmt');
    if (update) return this.update(update, parent, depth);
    const remove = as(node, 'DeleteStmt');
    if (remove) return this.remove(remove, parent, depth);
    this.expression(node, parent, depth);
  }

  private newLevel(parent: Level | undefined, withClause: WithClause | undefined, depth: number): Level {
    const level: Level = { parent, entries: [], ctes: new Set(), facts: [] };
    for (const cte of withClause?.ctes ?? []) {
      const common = as(cte, 'CommonTableExpr');
      if (!common) continue;
      if (common.ctename) level.ctes.add(common.ctename);
      // a recursive CTE may name itself: it is in scope in its own query
      if (common.ctequery) this.query(common.ctequery, level, depth + 1);
    }
    return level;
  }

  private select(select: SelectStmt, parent: Level | undefined, depth: number): void {
    if (select.op && select.op !== 'SETOP_NONE') {
      const level = this.newLevel(parent, select.withClause, depth);
      if (select.larg) this.select(select.larg, level, depth + 1);
      if (select.rarg) this.select(select.rarg, level, depth + 1);
      return;
    }
    const level = this.newLevel(parent, select.withClause, depth);
    for (const item of select.fromClause ?? []) this.fromItem(item, level, 'read', depth + 1);
    this.where(select.whereClause, level, new Set(level.entries), depth + 1);
    const rest = [select.targetList, select.groupClause, select.havingClause, select.sortClause, select.valuesLists, select.limitCount, select.limitOffset, select.distinctClause, select.windowClause];
    this.expression(rest, level, depth + 1);
    this.checkJoins(level);
  }

  private insert(insert: InsertStmt, parent: Level | undefined, depth: number): void {
    const level = this.newLevel(parent, insert.withClause, depth);
    const table = this.distributed(insert.relation, level);
    if (table) {
      const columns = (insert.cols ?? []).map((col) => as(col, 'ResTarget')?.name);
      if (!columns.includes(WORKSPACE_COLUMN)) {
        this.findings.push({ table, alias: insert.relation?.alias?.aliasname, problem: 'insert-without-workspace', detail: `INSERT INTO "${table}" does not set "${WORKSPACE_COLUMN}"` });
      }
    }
    // INSERT … SELECT is audited as a query of its own; VALUES lists only for the subqueries in them
    if (insert.selectStmt) this.query(insert.selectStmt, level, depth + 1);
    this.expression([insert.onConflictClause, insert.returningClause], level, depth + 1);
  }

  private update(update: UpdateStmt, parent: Level | undefined, depth: number): void {
    const level = this.newLevel(parent, update.withClause, depth);
    if (update.relation) this.fromItem({ RangeVar: update.relation }, level, 'updated', depth + 1);
    for (const item of update.fromClause ?? []) this.fromItem(item, level, 'read', depth + 1);
    this.where(update.whereClause, level, new Set(level.entries), depth + 1);
    this.expression([update.targetList, update.returningClause], level, depth + 1);
    this.checkJoins(level);
  }

  private remove(remove: DeleteStmt, parent: Level | undefined, depth: number): void {
    const level = this.newLevel(parent, remove.withClause, depth);
    if (remove.relation) this.fromItem({ RangeVar: remove.relation }, level, 'deleted', depth + 1);
    for (const item of remove.usingClause ?? []) this.fromItem(item, level, 'read', depth + 1);
    this.where(remove.whereClause, level, new Set(level.entries), depth + 1);
    this.expression(remove.returningClause, level, depth + 1);
    this.checkJoins(level);
  }

  /** The distributed table `relation` names, unless it is a CTE in scope or outside the public schema. */
  private distributed(relation: RangeVar | undefined, level: Level): string | undefined {
    const name = relation?.relname;
    if (!name || !distributedTables.has(name)) return undefined;
    if (relation.schemaname !== undefined) return relation.schemaname === 'public' ? name : undefined;
    for (let scope: Level | undefined = level; scope; scope = scope.parent) if (scope.ctes.has(name)) return undefined;
    return name;
  }

  /** Adds a FROM item's entries to `level`, audits its subqueries and records its join conditions. */
  private fromItem(item: Node, level: Level, role: Entry['role'], depth: number): Entry[] {
    this.count(depth);
    const range = as(item, 'RangeVar');
    if (range) {
      const table = this.distributed(range, level);
      const entry: Entry = { name: range.alias?.aliasname ?? range.relname ?? '', table, alias: range.alias?.aliasname, role, level };
      level.entries.push(entry);
      if (table) this.entries.push(entry);
      return [entry];
    }
    const join = as(item, 'JoinExpr');
    if (join) return this.join(join, level, role, depth);
    const subquery = as(item, 'RangeSubselect');
    if (subquery) {
      // a non-LATERAL subquery cannot see its siblings: the parser would have refused one that does
      if (subquery.subquery) this.query(subquery.subquery, level, depth + 1);
      const entry: Entry = { name: subquery.alias?.aliasname ?? '', role, level };
      level.entries.push(entry);
      return [entry];
    }
    // functions (unnest, generate_series), table functions: their arguments may hold subqueries
    this.expression(item, level, depth + 1);
    const entry: Entry = { name: as(item, 'RangeFunction')?.alias?.aliasname ?? '', role, level };
    level.entries.push(entry);
    return [entry];
  }

  private join(join: JoinExpr, level: Level, role: Entry['role'], depth: number): Entry[] {
    const left = join.larg ? this.fromItem(join.larg, level, role, depth + 1) : [];
    const right = join.rarg ? this.fromItem(join.rarg, level, role, depth + 1) : [];
    // An ON condition filters only the side whose rows it may drop: both for an inner join, the right side of a
    // LEFT JOIN, the left of a RIGHT JOIN, neither of a FULL JOIN.
    const filtered =
      join.jointype === 'JOIN_LEFT' ? right : join.jointype === 'JOIN_RIGHT' ? left : join.jointype === 'JOIN_FULL' ? [] : [...left, ...right];
    this.where(join.quals, level, new Set(filtered), depth + 1);
    return [...left, ...right];
  }

  /** Records the workspaceId facts among `condition`'s AND-ed conjuncts and audits every subquery in it. */
  private where(condition: Node | undefined, level: Level, mayConstrain: ReadonlySet<Entry>, depth: number): void {
    if (!condition) return;
    for (const conjunct of conjuncts(condition)) {
      this.count(depth);
      for (const [left, right] of workspaceEqualities(conjunct, (ref) => this.resolve(ref, level))) {
        const fact: Fact | undefined =
          'entry' in left
            ? 'entry' in right
              ? { kind: 'equal', a: left.entry, b: right.entry, mayConstrain }
              : { kind: 'constant', entry: left.entry, key: right.constant, mayConstrain }
            : 'entry' in right
              ? { kind: 'constant', entry: right.entry, key: left.constant, mayConstrain }
              : undefined;
        if (!fact) continue;
        level.facts.push(fact);
        this.facts.push(fact);
      }
    }
    this.expression(condition, level, depth);
  }

  /** The entry whose workspaceId `ref` names, at this level or an outer one (a correlated subquery). */
  private resolve(ref: ColumnRef, level: Level): Entry | undefined {
    const fields = (ref.fields ?? []).map((field) => stringOf(field));
    if (fields.at(-1) !== WORKSPACE_COLUMN) return undefined;
    const qualifier = fields.at(-2);
    for (let scope: Level | undefined = level; scope; scope = scope.parent) {
      if (qualifier !== undefined) {
        const named = scope.entries.find((entry) => entry.name === qualifier);
        if (named) return named;
        continue;
      }
      // unqualified: the only FROM item of the innermost level that has any, else its only distributed table
      // (PostgreSQL refuses an ambiguous column, so two tables with the column cannot both be meant)
      if (scope.entries.length === 0) continue;
      if (scope.entries.length === 1) return scope.entries[0];
      const tables = scope.entries.filter((entry) => entry.table !== undefined);
      return tables.length === 1 ? tables[0] : undefined;
    }
    return undefined;
  }

  /** Walks any part of the tree for the queries nested in it (subqueries in expressions). */
  expression(node: unknown, level: Level | undefined, depth: number): void {
    if (node === null || typeof node !== 'object') return;
    this.count(depth);
    if (Array.isArray(node)) {
      for (const item of node) this.expression(item, level, depth + 1);
      return;
    }
    const unwrapped = unwrap(node);
    if (unwrapped) {
      const [kind, value] = unwrapped;
      if (kind === 'SubLink') {
        const sublink = value as NodeOf<'SubLink'>;
        this.expression(sublink.testexpr, level, depth + 1);
        if (sublink.subselect) this.query(sublink.subselect, level, depth + 1);
        return;
      }
      if (kind === 'SelectStmt' || kind === 'InsertStmt' || kind === 'UpdateStmt' || kind === 'DeleteStmt') return this.query(node as Node, level, depth + 1);
    }
    for (const value of Object.values(node)) this.expression(value, level, depth + 1);
  }

  /** Two distributed tables at one level must have their workspaceIds equated, directly or through a chain. */
  private checkJoins(level: Level): void {
    const tables = level.entries.filter((entry) => entry.table !== undefined);
    if (tables.length < 2) return;
    const classes = new UnionFind<Entry | string>();
    for (const fact of level.facts) {
      if (fact.kind === 'equal') classes.union(fact.a, fact.b);
      else if (fact.key !== undefined) classes.union(fact.entry, `constant:${fact.key}`);
    }
    for (let i = 1; i < tables.length; i++) {
      for (let j = 0; j < i; j++) {
        const [a, b] = [tables[j] as Entry, tables[i] as Entry];
        if (classes.find(a) === classes.find(b)) continue;
        this.findings.push({
          table: b.table as string,
          alias: b.alias,
          problem: 'join-not-equated',
          detail: `${describe(b)} is joined with ${describe(a)} without equating their "${WORKSPACE_COLUMN}"`,
        });
      }
    }
  }

  /** Every distributed occurrence constrained by a constant, or equated with one that is (to a fixed point). */
  checkConstraints(): void {
    const constrained = new Set<Entry>();
    let isChanged = true;
    while (isChanged) {
      isChanged = false;
      for (const fact of this.facts) {
        const gained =
          fact.kind === 'constant'
            ? [fact.entry]
            : [...(constrained.has(fact.b) ? [fact.a] : []), ...(constrained.has(fact.a) ? [fact.b] : [])];
        for (const entry of gained) {
          if (constrained.has(entry) || !fact.mayConstrain.has(entry)) continue;
          constrained.add(entry);
          isChanged = true;
        }
      }
    }
    for (const entry of this.entries) {
      if (constrained.has(entry)) continue;
      this.findings.push({
        table: entry.table as string,
        alias: entry.alias,
        problem: 'unconstrained',
        detail: `${describe(entry)} is ${entry.role} without a condition on its "${WORKSPACE_COLUMN}"`,
      });
    }
  }
}

const describe = (entry: Entry): string => `"${entry.table ?? entry.name}"${entry.alias ? ` ${entry.alias}` : ''}`;

class UnionFind<T> {
  private parents = new Map<T, T>();
  find(x: T): T {
    let root = x;
    while (this.parents.has(root) && this.parents.get(root) !== root) root = this.parents.get(root) as T;
    this.parents.set(x, root);
    return root;
  }
  union(a: T, b: T): void {
    this.parents.set(this.find(a), this.find(b));
  }
}

/** The AND-ed parts of a condition (parentheses are gone from the parse tree). */
function conjuncts(condition: Node): Node[] {
  const bool = as(condition, 'BoolExpr');
  if (bool?.boolop === 'AND_EXPR') return (bool.args ?? []).flatMap(conjuncts);
  return [condition];
}

/** `expr` without casts and collations: `$1::text` is `$1`. */
function bare(expr: Node | undefined): Node | undefined {
  const cast = as(expr, 'TypeCast');
  if (cast) return bare(cast.arg);
  const collate = as(expr, 'CollateClause');
  if (collate) return bare(collate.arg);
  return expr;
}

/** Whether `expr` references no column at all (parameters, literals, functions of them). */
function isColumnFree(expr: unknown): boolean {
  if (expr === null || typeof expr !== 'object') return true;
  if (Array.isArray(expr)) return expr.every(isColumnFree);
  if ('ColumnRef' in expr) return false;
  return Object.values(expr).every(isColumnFree);
}

/** A stable text for a constant expression, so that `$1` and `$1` are the same value wherever they stand. */
function constantKey(expr: Node): string {
  return JSON.stringify(expr, (key, value: unknown) => (key === 'location' ? undefined : value));
}

/**
 * The workspaceId equalities one conjunct states: `x.ws = y.ws`, `x.ws = <constant>`, `x.ws IN (<constants>)`,
 * `x.ws = ANY(<constant>)`, their row forms `(x.ws, x.id) = (y.ws, y.fk)`, `(ws, id) IN (($1,$2), …)`, and an OR
 * whose every arm constrains x.ws to a constant. Recursion only into OR arms: bounded by the conjunct's size.
 */
function workspaceEqualities(conjunct: Node, resolve: (ref: ColumnRef) => Entry | undefined): Array<[Side, Side]> {
  // an OR constrains the tables every one of its arms constrains to constants (Prisma's `OR: [{ workspaceId, id }, …]`)
  const bool = as(conjunct, 'BoolExpr');
  if (bool?.boolop === 'OR_EXPR') {
    const constrainedBy = (arm: Node): Set<Entry> =>
      new Set(
        conjuncts(arm)
          .flatMap((part) => workspaceEqualities(part, resolve))
          .flatMap(([left, right]) => ('entry' in left && 'constant' in right ? [left.entry] : 'constant' in left && 'entry' in right ? [right.entry] : [])),
      );
    const [first, ...rest] = (bool.args ?? []).map(constrainedBy);
    const common = [...(first ?? [])].filter((entry) => rest.every((arm) => arm.has(entry)));
    return common.map((entry) => [{ entry }, { constant: undefined }]);
  }
  const expr = as(conjunct, 'A_Expr');
  if (!expr || !isEquals(expr)) return [];
  const side = (operand: Node | undefined): Side | undefined => {
    const value = bare(operand);
    const ref = as(value, 'ColumnRef');
    if (ref) {
      const entry = resolve(ref);
      return entry ? { entry } : undefined;
    }
    return value && isColumnFree(value) ? { constant: constantKey(value) } : undefined;
  };
  const setOf = (values: Array<Node | undefined>): Side | undefined =>
    values.every((value) => value !== undefined && isColumnFree(bare(value)))
      ? { constant: values.length === 1 ? constantKey(bare(values[0]) as Node) : undefined }
      : undefined;
  const pair = (a: Side | undefined, b: Side | undefined): Array<[Side, Side]> => (a && b ? [[a, b]] : []);

  const leftRow = as(expr.lexpr, 'RowExpr')?.args;
  if (expr.kind === 'AEXPR_OP') {
    const rightRow = as(expr.rexpr, 'RowExpr')?.args;
    if (leftRow && rightRow && leftRow.length === rightRow.length) return leftRow.flatMap((left, i) => pair(side(left), side(rightRow[i])));
    return pair(side(expr.lexpr), side(expr.rexpr));
  }
  if (expr.kind === 'AEXPR_OP_ANY') return pair(side(expr.lexpr), isColumnFree(expr.rexpr) ? { constant: undefined } : undefined);
  // AEXPR_IN: the list's items, or for a row, each item's element at the same place
  const items = as(expr.rexpr, 'List')?.items ?? [];
  if (!leftRow) return pair(side(expr.lexpr), setOf(items));
  return leftRow.flatMap((left, i) => pair(side(left), setOf(items.map((item) => as(item, 'RowExpr')?.args?.[i]))));
}

function isEquals(expr: A_Expr): boolean {
  const operator = (expr.name ?? []).map((name) => stringOf(name)).join('.');
  return (expr.kind === 'AEXPR_OP' || expr.kind === 'AEXPR_OP_ANY' || expr.kind === 'AEXPR_IN') && operator === '=';
}

/**
 * What is wrong with `sql` for a database sharded by workspace: nothing for statements that touch no workspace
 * table (BEGIN, SET, SELECT 1, LISTEN …). Never throws: SQL the parser refuses, or too large to audit, is one
 * `unaudited` finding. `loadStatementParser()` must have been awaited once before.
 */
export function auditStatement(sql: string): Finding[] {
  if (sql.trim() === '') return [];
  let statements: Node[];
  try {
    statements = parseSync(sql).stmts?.flatMap((raw) => (raw.stmt ? [raw.stmt] : [])) ?? [];
  } catch (error) {
    return [{ table: '', problem: 'unaudited', detail: `not parsed: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const findings: Finding[] = [];
  for (const statement of statements) {
    const audit = new Audit();
    try {
      audit.statement(statement, 0);
      audit.checkConstraints();
      findings.push(...audit.findings);
    } catch (error) {
      const detail =
        error instanceof BudgetExceeded
          ? `larger than the audit's budget (${NODE_BUDGET} nodes, ${DEPTH_CAP} levels deep)`
          : `not audited: ${error instanceof Error ? error.message : String(error)}`;
      findings.push({ table: '', problem: 'unaudited', detail });
    }
  }
  return findings;
}
