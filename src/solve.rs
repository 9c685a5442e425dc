//! Placing numbers whose blank cells were dropped.
//!
//! A row that prints k numbers under n columns keeps their order, so it has a
//! few candidate placements. Candidates are pruned jointly by row identities,
//! the 类/款/项 hierarchy, column totals, and anchors from other tables, all
//! within rounding intervals. One survivor → placed; several → ambiguous
//! (reported, never guessed); none → contradiction (reported).

use rust_decimal::Decimal;

use crate::rounding::{self, delta, Interval};

/// The values of one row, one per column (None = blank).
pub type Values = Vec<Option<Decimal>>;

/// A constraint over whole rows: row `total` = Σ rows `parts`, column by
/// column, for the columns listed.
#[derive(Debug, Clone)]
pub struct SumOfRows {
    /// The row holding the total.
    pub total: usize,
    /// The rows that add up to it.
    pub parts: Vec<usize>,
    /// The columns it binds.
    pub columns: Vec<usize>,
}

/// A cell of a problem: (row, column).
pub type At = (usize, usize);

/// How a [`Link`]'s total relates to its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// total = Σ parts, within rounding.
    Equal,
    /// total ≥ Σ parts, within rounding (a subset of a whole, e.g. 一般公共预算
    /// spending within all-funds spending).
    AtLeast,
}

/// A constraint between single cells of any rows: the rows of several tables
/// may be joined in one problem, so this is how tables constrain each other
/// when both sides still have open rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The cell on the left.
    pub total: At,
    /// Signed cells on the right.
    pub parts: Vec<(i8, At)>,
    /// = or ≥.
    pub relation: Relation,
}

/// A bound on one cell from outside the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// The cell (row, column) meets this interval (a value from another
    /// table, or a sum of them, with its rounding).
    Equal(usize, usize, Interval),
    /// The cell is at least this interval's lower end, e.g. 03 ≥ 05.
    AtLeast(usize, usize, Interval),
}

/// A check of one row's cells by themselves (its total is the sum of the rest).
pub type RowIdentity = fn(&[Option<Decimal>]) -> bool;

/// A placement problem for one table, or for several tables joined.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// Per row: the certain values, or the candidate placements.
    pub rows: Vec<RowChoice>,
    /// Sum constraints between rows.
    pub sums: Vec<SumOfRows>,
    /// Constraints between single cells.
    pub links: Vec<Link>,
    /// Cell bounds from other tables.
    pub bounds: Vec<Bound>,
    /// The identity every open row's placements must satisfy by itself,
    /// tested on each. [`crate::tables::layout::problem_for`] sets it only
    /// for 公开07表: the other tables' identity, [`total_first`], holds for
    /// all of a row's placements or none, so it tests the first and lists
    /// none when that fails. A new caller whose rows must meet
    /// [`total_first`] applies it the same way, or sets it here.
    pub row_identity: Option<RowIdentity>,
}

impl Problem {
    /// Takes rows out of every constraint and bound: rows whose values are
    /// not known and not listed either (their placements were too many),
    /// which are evidence of nothing. A constraint through one of them
    /// cannot be checked, so it is dropped whole; the rows themselves are
    /// left as they are (fixed, blank), so no placement is given for them.
    pub fn leave_out(&mut self, rows: &[usize]) {
        let Some(last) = rows.iter().max() else { return };
        let mut out = vec![false; last.saturating_add(1)];
        for r in rows {
            if let Some(o) = out.get_mut(*r) {
                *o = true;
            }
        }
        let out = |r: &usize| out.get(*r).copied().unwrap_or(false);
        self.sums.retain(|s| !out(&s.total) && !s.parts.iter().any(out));
        self.links.retain(|l| !out(&l.total.0) && !l.parts.iter().any(|(_, a)| out(&a.0)));
        self.bounds.retain(|b| {
            let (Bound::Equal(r, ..) | Bound::AtLeast(r, ..)) = b;
            !out(r)
        });
    }
}

/// A row's state.
#[derive(Debug, Clone)]
pub enum RowChoice {
    /// Values known.
    Fixed(Values),
    /// Candidate placements.
    Open(Vec<Values>),
}

/// The result for one open row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Exactly one placement survives.
    Unique(Values),
    /// Several survive (their number).
    Ambiguous(usize),
    /// None survives: the printed numbers contradict the identities.
    Contradiction,
}

/// Search limits: the domains are tiny after pruning, but a pathological
/// input must not hang the browser. This counts search nodes.
const MAX_STEPS: usize = 200_000;

/// The same for the work of checking constraints, which nodes alone do not
/// bound (a row repeated a thousand times is in constraints of a thousand
/// cells): the search counts one per candidate tried, one per integer
/// constraint it updates, the cells of each Decimal check and the rows of
/// each solution; propagation counts the cells of each combination it tries
/// (one per row it adds, for integer constraints). The corpus needs at most a
/// few thousand (Yantai 2024 relaid out with dropped blanks: 26 open rows, 27
/// nodes, 1,839 work; before forward checking 196,565 nodes and about 29
/// million cells).
const MAX_WORK: usize = 40_000_000;

/// And for all the searches of one document together (many tables, or a row
/// repeated a thousand times in each): [`reset_budget`] starts a document.
const MAX_WORK_PER_DOCUMENT: usize = 40_000_000;

thread_local! {
    static SPENT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Starts the work budget of a new document (called before reading it).
pub fn reset_budget() {
    SPENT.with(|s| s.set(0));
}

/// Propagation tries every combination of the other rows of a constraint up
/// to this many; larger constraints are left to the search.
const MAX_SUPPORT: usize = 512;

/// A constraint of either kind, seen uniformly: a sum of rows is taken in
/// one of its columns (borrowed, with the column: no copy of its parts per
/// column).
#[derive(Clone, Copy)]
enum Constraint<'a> {
    Sum(&'a SumOfRows, usize),
    Link(&'a Link),
}

impl Constraint<'_> {
    /// How many cells a check of this constraint adds up (its cost).
    fn size(&self) -> usize {
        match self {
            Constraint::Sum(s, _) => s.parts.len() + 1,
            Constraint::Link(l) => l.parts.len() + 1,
        }
    }

    fn rows(&self) -> Vec<usize> {
        let mut v: Vec<usize> = match self {
            Constraint::Sum(s, _) => s.parts.iter().copied().chain([s.total]).collect(),
            Constraint::Link(l) => l.parts.iter().map(|(_, a)| a.0).chain([l.total.0]).collect(),
        };
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Whether the constraint holds, `values(row)` giving each row's values.
    fn ok<'v>(&self, values: &dyn Fn(usize) -> Option<&'v Values>) -> bool {
        match self {
            Constraint::Sum(s, c) => sum_ok(s, *c, values),
            Constraint::Link(l) => link_ok(l, values),
        }
    }
}

/// Per row: the open row's candidates left (by reference into the
/// problem), or None for a fixed row.
type Domains<'a> = [Option<Vec<&'a Values>>];

/// Solves a problem; returns a placement for each open row (by row index).
///
/// Open rows that no constraint connects are solved separately, so a
/// contradiction in one table (or one subtree) leaves the others placed.
pub fn solve(p: &Problem) -> Vec<(usize, Placement)> {
    let domains = own_domains(p);
    let constraints = evidence(p, &domains);
    // The integer form of each constraint, once: propagation and the search
    // index its tables by candidate. (Where it has none, the Decimal check
    // gives the same verdicts: see the differential test.)
    let compiled: Vec<Option<Compiled>> = constraints.iter().map(|c| Compiled::new(c, p, &domains)).collect();
    // Each constraint's open rows, once: a compiled one has them listed
    // (ascending, each once, as `rows` gives them).
    let open_rows: Vec<Vec<usize>> = constraints
        .iter()
        .zip(&compiled)
        .map(|(c, f)| match f {
            Some(f) => f.open.iter().map(|(r, ..)| *r).collect(),
            None => {
                let mut rows = c.rows();
                rows.retain(|r| domains.get(*r).is_some_and(Option::is_some));
                rows
            }
        })
        .collect();
    let checker = Checker { p, constraints: &constraints, compiled: &compiled, domains: &domains };
    let (alive, settled) = propagate(&checker, &open_rows);

    // Each component's constraints, and scratch space shared by all
    // components: per-component tables the size of the whole problem would
    // make many small components quadratic (issue 13).
    let comps = components(p.rows.len(), &open_rows, &domains);
    let mut comp_of = vec![usize::MAX; p.rows.len()];
    for (k, c) in comps.iter().enumerate() {
        for r in c {
            comp_of[*r] = k;
        }
    }
    let mut cons_of: Vec<Vec<usize>> = vec![Vec::new(); comps.len()];
    for (ci, rows) in open_rows.iter().enumerate() {
        // A constraint's open rows are all in one component (they were joined).
        if let Some(list) = rows.first().and_then(|r| comp_of.get(*r)).and_then(|k| cons_of.get_mut(*k)) {
            list.push(ci);
        }
    }
    let mut scratch = Scratch::new(&domains, constraints.len());
    // Each open row's placement in its slot: the rows come out in order
    // without sorting the components' results together.
    let mut placed: Vec<Option<Placement>> = std::iter::repeat_with(|| None).take(p.rows.len()).collect();
    for (component, cons) in comps.iter().zip(&cons_of) {
        let at = Component { open: component, cons, open_rows: &open_rows, alive: &alive, settled };
        if !(settled && decided(&checker, &at, &mut placed)) {
            solve_component(&checker, &at, &mut scratch, &mut placed);
        }
    }
    // One placement per open row: sized once, not grown as they come.
    let mut out = Vec::with_capacity(comps.iter().fold(0usize, |n, c| n.saturating_add(c.len())));
    out.extend(placed.into_iter().enumerate().filter_map(|(i, x)| Some((i, x?))));
    out
}

/// The constraints of `p` that are evidence, given each open row's
/// candidates: each sum column by column, and the links.
///
/// A constraint is evidence only where it can tell placements apart: each
/// sum is taken column by column, and a column (or link) whose cells hold
/// the same value in every candidate is left out. If such a determined
/// identity fails, the printed numbers are wrong whatever their columns:
/// the rules report it, and it must not blank the rows around it.
fn evidence<'a>(p: &'a Problem, domains: &Domains) -> Vec<Constraint<'a>> {
    // Only a row with two candidates or more can vary: a sum with none is
    // passed over whole rather than column by column.
    let several = |r: &usize| domains.get(*r).and_then(Option::as_ref).is_some_and(|d| d.len() > 1);
    let split = p
        .sums
        .iter()
        .filter(|s| s.parts.iter().any(several) || several(&s.total))
        .flat_map(|s| s.columns.iter().map(move |c| (s, *c)))
        .filter(|(s, c)| s.parts.iter().chain([&s.total]).any(|r| varies(domains, *r, *c)))
        .map(|(s, c)| Constraint::Sum(s, c));
    let links =
        p.links.iter().filter(|l| l.parts.iter().map(|x| x.1).chain([l.total]).any(|(r, c)| varies(domains, r, c))).map(Constraint::Link);
    split.chain(links).collect()
}

/// Each open row's candidates that meet its own identity and the bounds on
/// it alone (None for a fixed row), by reference: nothing is copied.
fn own_domains(p: &Problem) -> Vec<Option<Vec<&Values>>> {
    // Bounds by row, so that pruning a row looks only at its own.
    let mut by_row: Vec<Vec<RowBound>> = vec![Vec::new(); p.rows.len()];
    for b in &p.bounds {
        let (Bound::Equal(r, ..) | Bound::AtLeast(r, ..)) = b;
        if let Some(v) = by_row.get_mut(*r) {
            v.push(row_bound(b));
        }
    }
    p.rows
        .iter()
        .enumerate()
        .map(|(i, r)| match r {
            RowChoice::Fixed(_) => None,
            RowChoice::Open(c) => {
                Some(c.iter().filter(|v| p.row_identity.is_none_or(|f| f(v))).filter(|v| bounds_ok(&by_row[i], v)).collect())
            }
        })
        .collect()
}

/// Whether cell (row, col) takes different values among the row's candidates.
fn varies(domains: &Domains, row: usize, col: usize) -> bool {
    match domains.get(row) {
        // Against the first candidate's cell, read once; the first is not
        // compared with itself (most open rows have one candidate).
        Some(Some(d)) => d.split_first().is_some_and(|(first, rest)| {
            let cell = first.get(col);
            rest.iter().any(|v| v.get(col) != cell)
        }),
        _ => false,
    }
}

/// Groups the open rows that share a constraint (union-find).
fn components(n: usize, open_rows: &[Vec<usize>], domains: &Domains) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for open in open_rows {
        for w in open.windows(2) {
            let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            if a != b {
                parent[a] = b;
            }
        }
    }
    // Each root's group, indexed by row: the roots are rows.
    let mut group_of = vec![usize::MAX; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in (0..n).filter(|i| domains[*i].is_some()) {
        let r = find(&mut parent, i);
        match groups.get_mut(group_of[r]) {
            Some(list) => list.push(i),
            None => {
                group_of[r] = groups.len();
                groups.push(vec![i]);
            }
        }
    }
    groups
}

/// Removes candidates that no combination of the other rows of a constraint
/// supports, until nothing changes. Sound: a value removed here is in no
/// solution, so the search below sees the same solutions, faster. Returns
/// per row the indices of its candidates left (none for a fixed row), and
/// whether it settled: a last round changed nothing, so every constraint's
/// candidates left are each in a combination of candidates left that holds
/// (or the constraint has more than [`MAX_SUPPORT`] combinations, or a row
/// with none left), rather than a limit stopping it.
fn propagate(checker: &Checker, open_rows: &[Vec<usize>]) -> (Vec<Vec<usize>>, bool) {
    let mut alive: Vec<Vec<usize>> = checker.domains.iter().map(|d| (0..d.as_ref().map_or(0, Vec::len)).collect()).collect();
    // A constraint looked at since its rows last lost a candidate would find
    // every candidate left supported (its supports are among them), so it is
    // skipped: the same prunings in the same order, without the enumeration.
    let mut changed_at = vec![0usize; alive.len()];
    let mut looked_at: Vec<Option<usize>> = vec![None; open_rows.len()];
    let mut clock = 0usize;
    let mut changed = true;
    let mut rounds = 0;
    let mut work = 0usize; // cells added up; stopping early only prunes less
    let mut bufs = SupportBufs::default();
    while changed && rounds < 50 && work <= MAX_WORK {
        changed = false;
        rounds += 1;
        for (ci, open) in open_rows.iter().enumerate() {
            if looked_at[ci].is_some_and(|t| open.iter().all(|r| changed_at[*r] <= t)) {
                continue;
            }
            if let Some(supported) = supports(checker, ci, open, &alive, &mut work, &mut bufs) {
                for (r, s) in open.iter().zip(supported) {
                    if s.iter().all(|x| *x) {
                        continue;
                    }
                    let mut keep = s.iter();
                    alive[*r].retain(|_| keep.next().copied().unwrap_or(false));
                    clock += 1;
                    changed_at[*r] = clock;
                    changed = true;
                }
            }
            looked_at[ci] = Some(clock);
        }
    }
    (alive, !changed)
}

/// Buffers [`supports`] reuses from one constraint to the next (propagation
/// calls it for every constraint in every round): cleared and sized per
/// call, allocated again only for a constraint larger than any before.
#[derive(Default)]
struct SupportBufs {
    /// Per open row, which of its candidates left are supported: the first
    /// `open.len()` entries are the answer.
    supported: Vec<Vec<bool>>,
    /// Per open row, how many candidates it has left.
    lens: Vec<usize>,
    idx: Vec<usize>,
    /// [`walk_supports`]'s sums, in i64 when they fit (most constraints:
    /// half the width to copy and add), else in i128.
    narrow: WalkBufs<i64>,
    wide: WalkBufs<i128>,
    /// [`walk_supports`]'s start of each row's distinct additions, which of
    /// them each candidate left is, and which take part in a combination
    /// that holds.
    starts: Vec<usize>,
    which: Vec<usize>,
    ok: Vec<bool>,
}

impl SupportBufs {
    /// `supported` as rows of `lens` falses.
    fn clear_supported(&mut self) {
        if self.supported.len() < self.lens.len() {
            self.supported.resize_with(self.lens.len(), Vec::new);
        }
        for (s, n) in self.supported.iter_mut().zip(&self.lens) {
            s.clear();
            s.resize(*n, false);
        }
    }

    /// `idx` as `n` zeros.
    fn clear_idx(&mut self, n: usize) {
        self.idx.clear();
        self.idx.resize(n, 0);
    }
}

/// Per open row of constraint `ci` (in the order of `open`), which of its
/// candidates left take part in a combination of the rows' candidates that
/// holds; None when a row has none left or there are more than
/// [`MAX_SUPPORT`] combinations (left to the search).
fn supports<'b>(
    checker: &Checker,
    ci: usize,
    open: &[usize],
    alive: &[Vec<usize>],
    work: &mut usize,
    b: &'b mut SupportBufs,
) -> Option<&'b [Vec<bool>]> {
    if open.is_empty() {
        return None;
    }
    b.lens.clear();
    b.lens.extend(open.iter().map(|r| alive[*r].len()));
    let size = b.lens.iter().map(|n| (*n).max(1)).fold(1usize, usize::saturating_mul);
    if size > MAX_SUPPORT || b.lens.contains(&0) {
        return None;
    }
    let compiled = checker.compiled(ci).and_then(|c| supports_compiled(c, open, alive, work, b));
    if compiled.is_none() {
        b.clear_supported();
        b.clear_idx(open.len());
        let cost = checker.constraints[ci].size();
        // Enumerate every combination once; mark the values that take part in one that holds.
        loop {
            *work += cost;
            let cand = |r: usize| open.binary_search(&r).ok().and_then(|k| alive[r].get(b.idx[k]).copied());
            if checker.holds(ci, &cand) {
                for (s, j) in b.supported.iter_mut().zip(&b.idx) {
                    s[*j] = true;
                }
            }
            if !next_combination(&mut b.idx, &b.lens) {
                break;
            }
        }
    }
    b.supported.get(..open.len())
}

/// [`supports`] for a compiled constraint, its answer left in `b.supported`
/// (`b.lens` already set): a depth-first walk over its open rows, adding
/// each row's cells as it goes and leaving a branch as soon as no
/// completion can meet the relation (as the search does). The candidates of
/// a row that add the same to the sum are alike here (a row's cells in one
/// column take few values: blank or one of its amounts), so the walk is over
/// each row's distinct additions, and a candidate is supported when its
/// addition is; the walk stops once every addition is. It finds the same
/// supports as trying every combination, and counts one unit of `work` per
/// row added. None if `open` is not the constraint's open rows (it always
/// is) or has none, or if a sum overflowed (the bound of [`Compiled::new`]
/// rules it out): then the caller tries every combination.
fn supports_compiled(c: &Compiled, open: &[usize], alive: &[Vec<usize>], work: &mut usize, b: &mut SupportBufs) -> Option<()> {
    if open.is_empty() || c.open.len() != open.len() || c.open.iter().zip(open).any(|((r, ..), o)| r != o) {
        return None;
    }
    lone_combination(c, open, alive, work, b).or_else(|| walk_supports(c, open, alive, work, b))
}

/// [`supports_compiled`] when every open row has one candidate left (after
/// propagation most rows have): the one combination, added up once, without
/// the walk's tables. The walk would find the same: with one addition per
/// row, what the rows not yet added can add is exactly the rest of the sum,
/// so every level of the walk asks whether the whole sum meets the relation;
/// it adds every row when it does, and gives up after the first when it does
/// not, which is the `work` counted here. None when a row has another number
/// of candidates or the sum overflows (then the walk decides).
fn lone_combination(c: &Compiled, open: &[usize], alive: &[Vec<usize>], work: &mut usize, b: &mut SupportBufs) -> Option<()> {
    let mut sum = c.base;
    for (k, r) in open.iter().enumerate() {
        let [j] = alive.get(*r)?.as_slice() else { return None };
        sum = plus_ends(sum, c.delta(k, *j))?;
    }
    let holds = c.meets(Some(sum))?;
    *work += if holds { open.len() } else { 1 };
    b.clear_supported();
    for s in b.supported.iter_mut().take(open.len()) {
        s.fill(holds);
    }
    Some(())
}

/// [`supports_compiled`]'s walk over every row's distinct additions: in
/// i64 when every sum it forms fits (most constraints: amounts in units of
/// 10⁻⁹ stay far below 9.2 × 10¹⁸), else again in i128, with the `work`
/// the i64 walk counted taken back. Where the i64 walk finishes, every sum
/// it formed is the i128 one, so it finds the same supports and work.
fn walk_supports(c: &Compiled, open: &[usize], alive: &[Vec<usize>], work: &mut usize, b: &mut SupportBufs) -> Option<()> {
    let before = *work;
    let mut narrow = std::mem::take(&mut b.narrow);
    let found = walk_in(c, open, alive, work, b, &mut narrow);
    b.narrow = narrow;
    if found.is_some() {
        return found;
    }
    *work = before;
    let mut wide = std::mem::take(&mut b.wide);
    let found = walk_in(c, open, alive, work, b, &mut wide);
    b.wide = wide;
    found
}

/// An integer [`walk_in`] adds in.
trait WalkInt: Copy + PartialEq + PartialOrd + TryFrom<i128> {
    const ZERO: Self;
    fn plus(self, other: Self) -> Option<Self>;
}

impl WalkInt for i64 {
    const ZERO: i64 = 0;
    fn plus(self, other: i64) -> Option<i64> {
        self.checked_add(other)
    }
}

impl WalkInt for i128 {
    const ZERO: i128 = 0;
    fn plus(self, other: i128) -> Option<i128> {
        self.checked_add(other)
    }
}

/// Two (lower end, upper end) pairs added; None on overflow.
fn plus_ends<T: WalkInt>(a: (T, T), b: (T, T)) -> Option<(T, T)> {
    Some((a.0.plus(b.0)?, a.1.plus(b.1)?))
}

/// [`Ends`] in `T`.
fn ends<T: WalkInt>((lo, hi): Ends) -> Option<(T, T)> {
    Some((T::try_from(lo).ok()?, T::try_from(hi).ok()?))
}

/// [`walk_supports`]' tables of sums in `T`.
#[derive(Default)]
struct WalkBufs<T> {
    /// Each row's distinct additions, `adds[starts[k]..starts[k + 1]]`.
    adds: Vec<(T, T)>,
    /// `rest[k]`: what rows k.. can add together (least to the lower end,
    /// most to the upper).
    rest: Vec<(T, T)>,
    /// `sums[k]`: the fixed cells plus rows ..k at their additions `idx[..k]`.
    sums: Vec<(T, T)>,
}

/// [`walk_supports`] in `T`; None when a value or sum does not fit in `T`
/// (in i128 the bound of [`Compiled::new`] rules that out).
fn walk_in<T: WalkInt>(
    c: &Compiled,
    open: &[usize],
    alive: &[Vec<usize>],
    work: &mut usize,
    b: &mut SupportBufs,
    t: &mut WalkBufs<T>,
) -> Option<()> {
    let left = |k: usize| open.get(k).and_then(|r| alive.get(*r)).map_or(&[][..], Vec::as_slice);
    // Indices into `adds` are whole (not from the row's start), so that the
    // walk below reads an addition without finding its row's.
    t.adds.clear();
    b.starts.clear();
    b.which.clear();
    // rest[k]: first row k's reach (its additions' extremes, found as they
    // are met), then below what rows k.. can add together.
    t.rest.clear();
    for k in 0..open.len() {
        let start = t.adds.len();
        b.starts.push(start);
        let mut reach: Option<(T, T)> = None;
        for j in left(k) {
            let d = ends::<T>(c.delta(k, *j))?;
            // A row with many distinct additions keeps some twice rather
            // than being compared with all of them (a repeat is only walked twice).
            let seen = t.adds.get(start..).and_then(|a| a.iter().take(MAX_ALIKE).position(|x| *x == d));
            b.which.push(match seen {
                Some(i) => start + i,
                None => {
                    reach = Some(reach.map_or(d, |(lo, hi)| (if d.0 < lo { d.0 } else { lo }, if d.1 > hi { d.1 } else { hi })));
                    t.adds.push(d);
                    t.adds.len() - 1
                }
            });
        }
        t.rest.push(reach.unwrap_or((T::ZERO, T::ZERO)));
    }
    b.starts.push(t.adds.len());
    t.rest.push((T::ZERO, T::ZERO));
    for k in (0..open.len()).rev() {
        t.rest[k] = plus_ends(t.rest[k + 1], t.rest[k])?;
    }
    // ok[i]: whether addition i takes part in a combination that holds.
    b.ok.clear();
    b.ok.resize(t.adds.len(), false);
    let mut unsupported = t.adds.len();
    t.sums.clear();
    t.sums.resize(open.len() + 1, ends::<T>(c.base)?);
    // idx[k]: row k's addition (whole index), from its first.
    b.idx.clear();
    b.idx.extend(b.starts.iter().take(open.len()));
    let mut k = 0;
    'walk: loop {
        if k < open.len() {
            let &d = t.adds.get(b.idx[k])?;
            *work += 1;
            let sum = plus_ends(t.sums[k], d)?;
            if c.within_ends(sum, t.rest[k + 1])? {
                t.sums[k + 1] = sum;
                k += 1;
                continue;
            }
        } else if c.within_ends(t.sums[k], (T::ZERO, T::ZERO))? {
            // Every row chosen, and the sum holds.
            for i in &b.idx {
                if let Some(ok) = b.ok.get_mut(*i) {
                    unsupported -= usize::from(!*ok);
                    *ok = true;
                }
            }
            if unsupported == 0 {
                break 'walk;
            }
        }
        // The next addition at this level, backing up past exhausted ones.
        let mut at = k.min(open.len() - 1);
        loop {
            b.idx[at] += 1;
            if b.idx[at] < b.starts[at + 1] {
                break;
            }
            b.idx[at] = b.starts[at];
            let Some(up) = at.checked_sub(1) else { break 'walk };
            at = up;
        }
        k = at;
    }
    // `supported` as [`SupportBufs::clear_supported`] sizes it, each row's
    // answers written once rather than cleared first.
    if b.supported.len() < b.lens.len() {
        b.supported.resize_with(b.lens.len(), Vec::new);
    }
    let mut which = b.which.iter();
    for (s, n) in b.supported.iter_mut().zip(&b.lens) {
        s.clear();
        s.extend(which.by_ref().take(*n).map(|i| b.ok.get(*i).copied().unwrap_or(false)));
    }
    Some(())
}

/// How many of a row's distinct additions [`supports_compiled`] compares a
/// candidate's with.
const MAX_ALIKE: usize = 16;

/// Advances an odometer over `lens`; false after the last combination.
fn next_combination(idx: &mut [usize], lens: &[usize]) -> bool {
    for (i, n) in idx.iter_mut().zip(lens) {
        *i += 1;
        if *i < *n {
            return true;
        }
        *i = 0;
    }
    false
}

/// Tables indexed by row or by constraint, reused by every component (each
/// leaves them clean), so that the search allocates nothing per node.
struct Scratch {
    mine: Vec<bool>,
    /// Per row: the constraints without an integer form checked (in Decimal)
    /// when it is assigned, its last open row in search order.
    checks_at: Vec<Vec<usize>>,
    /// Per row: the work of the checks on it that are counted but not made
    /// (see [`solve_component`]).
    counted: Vec<usize>,
    /// Per row: the integer constraints on it, as (constraint, its slot in
    /// [`Compiled::open`], whether this is the constraint's last row, what
    /// the row can still add: [`Compiled::reach_left`]).
    touch: Vec<Vec<Touch>>,
    assign: Vec<Option<usize>>,
    /// Per constraint: its fixed cells and those of the rows assigned so
    /// far, added up (None if that overflowed).
    acc: Vec<Option<Ends>>,
    /// Per constraint: the least the rows not yet assigned can add to its
    /// lower end, and the most to its upper end (None if that overflowed).
    rest: Vec<Option<(i128, i128)>>,
    /// The `acc` of each touched constraint, saved level by level.
    saved: Vec<Option<Ends>>,
    /// Per open row's candidate, whether a solution uses it: row r's are
    /// `seen[seen_at[r]..seen_at[r + 1]]`. One table for the problem (each
    /// row is in one component), not one allocated per component.
    seen: Vec<bool>,
    seen_at: Vec<usize>,
}

impl Scratch {
    fn new(domains: &Domains, constraints: usize) -> Scratch {
        let rows = domains.len();
        let mut seen_at = Vec::with_capacity(rows + 1);
        let mut n = 0usize;
        for d in domains {
            seen_at.push(n);
            n = n.saturating_add(d.as_ref().map_or(0, Vec::len));
        }
        seen_at.push(n);
        Scratch {
            seen: vec![false; n],
            seen_at,
            mine: vec![false; rows],
            checks_at: vec![Vec::new(); rows],
            counted: vec![0; rows],
            touch: vec![Vec::new(); rows],
            assign: vec![None; rows],
            acc: vec![None; constraints],
            rest: vec![None; constraints],
            saved: Vec::new(),
        }
    }
}

/// An integer constraint on a row, as the search sees it (see [`Scratch`]).
type Touch = (usize, usize, bool, (i128, i128));

/// One component of a problem: its open rows (in search order) and its
/// constraints, with what propagation left.
struct Component<'a> {
    open: &'a [usize],
    cons: &'a [usize],
    open_rows: &'a [Vec<usize>],
    alive: &'a [Vec<usize>],
    /// Whether propagation settled (see [`propagate`]).
    settled: bool,
}

/// Solves one component, putting each of its open rows' placement in its
/// slot of `placed`.
fn solve_component(checker: &Checker, at: &Component, scratch: &mut Scratch, placed: &mut [Option<Placement>]) {
    let Component { open, cons, open_rows, alive, settled } = *at;
    // A row with no candidate left leaves no solution: every row is a
    // contradiction, as a complete search would find, but the search would
    // first try the assignments of the rows before it. A fuzzed document
    // whose last row (in 9,502 constraints) had none spent 20 s in 200,000
    // nodes whose work went uncounted (issue 13).
    if open.iter().any(|r| alive.get(*r).is_none_or(Vec::is_empty)) {
        for i in open {
            if let Some(slot) = placed.get_mut(*i) {
                *slot = Some(Placement::Contradiction);
            }
        }
        return;
    }
    for r in open {
        scratch.mine[*r] = true;
    }
    for &ci in cons {
        let Some(last) = open_rows[ci].iter().copied().filter(|r| scratch.mine[*r]).max() else { continue };
        // What each open row of an integer constraint can still add, and
        // all of them together (None if that overflowed: the bound of
        // Compiled::new rules it out).
        let compiled = checker.compiled(ci);
        let total = compiled.and_then(|c| c.reach_total(alive));
        // A constraint whose open rows have one candidate left each holds
        // for them once propagation has settled, so the search would find
        // it met at each of its rows: its checks are counted as the search
        // counts them, and not made.
        let holds = settled && !plain_search() && open_rows[ci].iter().all(|r| alive.get(*r).is_some_and(|a| a.len() == 1));
        #[cfg(test)]
        COUNTED.with(|n| n.set(n.get() + usize::from(holds)));
        match compiled.zip(total) {
            Some((c, _)) if holds => {
                for row in &c.open {
                    scratch.counted[row.0] += 1;
                }
            }
            // An integer constraint is checked at every row it has, against
            // what the rows still open could add: a partial assignment that
            // no completion can bring within rounding is cut off early.
            Some((c, total)) => {
                for (slot, row) in c.open.iter().enumerate() {
                    scratch.touch[row.0].push((ci, slot, row.0 == last, c.reach_left(row, alive)));
                }
                scratch.acc[ci] = Some(c.base);
                scratch.rest[ci] = Some(total);
            }
            None if holds => scratch.counted[last] += checker.constraints[ci].size(),
            // The others when their last open row (in search order) is assigned.
            None => scratch.checks_at[last].push(ci),
        }
    }
    // What this document's earlier searches left counts as already spent.
    let spent = SPENT.with(std::cell::Cell::get);
    let mut steps = (0usize, MAX_WORK.saturating_sub(MAX_WORK_PER_DOCUMENT.saturating_sub(spent)));
    let start = steps.1;
    let complete = {
        let search = Search {
            checker,
            open,
            alive,
            checks_at: &scratch.checks_at,
            touch: &scratch.touch,
            counted: &scratch.counted,
            seen_at: &scratch.seen_at,
        };
        let mut state = State { assign: &mut scratch.assign, acc: &mut scratch.acc, rest: &mut scratch.rest, saved: &mut scratch.saved };
        search.run(0, &mut state, &mut scratch.seen, &mut steps)
    };
    SPENT.with(|s| s.set(spent.saturating_add(steps.1.saturating_sub(start))));
    for r in open {
        scratch.mine[*r] = false;
        scratch.checks_at[*r].clear();
        scratch.counted[*r] = 0;
        scratch.touch[*r].clear();
        scratch.assign[*r] = None;
    }

    for i in open {
        let left = &alive[*i];
        let seen = scratch.seen.get(scratch.seen_at[*i]..scratch.seen_at[*i + 1]).unwrap_or_default();
        // How many candidates left a solution uses, and the first of them.
        let (mut found, mut first) = (0usize, None);
        for j in left.iter().copied().filter(|j| seen.get(*j).copied().unwrap_or(false)) {
            found += 1;
            first = first.or(Some(j));
        }
        let placement = if complete { placement(checker, *i, found, first) } else { Placement::Ambiguous(left.len()) };
        if let Some(slot) = placed.get_mut(*i) {
            *slot = Some(placement);
        }
    }
}

/// Row `i`'s placement when a complete search found `found` of its
/// candidates in solutions, `first` the first of them.
fn placement(checker: &Checker, i: usize, found: usize, first: Option<usize>) -> Placement {
    let dom = checker.domains.get(i).and_then(Option::as_deref).unwrap_or_default();
    match found {
        0 => Placement::Contradiction,
        1 => first.and_then(|j| dom.get(j)).map_or(Placement::Contradiction, |v| Placement::Unique(Values::clone(v))),
        _ => Placement::Ambiguous(found),
    }
}

/// Places a component without searching, when propagation has settled and
/// leaves every combination of its candidates a solution: its one open row
/// (each candidate left meets every constraint, which has no other open
/// row), or every open row at one candidate (the one combination meets
/// every constraint). The search would find each candidate left in a
/// solution; its work is counted as the search counts it, and the search
/// is left to run where a limit might stop it. False when not decided.
fn decided(checker: &Checker, at: &Component, placed: &mut [Option<Placement>]) -> bool {
    if plain_search() {
        return false;
    }
    let Component { open, cons, alive, .. } = *at;
    let left = |i: &usize| alive.get(*i).map_or(0, Vec::len);
    let m = open.len();
    let lone = m == 1 && open.iter().all(|i| left(i) <= MAX_SUPPORT);
    if !lone && !open.iter().all(|i| left(i) == 1) {
        return false;
    }
    // Combinations, all of them solutions: N. The search visits 1 + m·N
    // nodes; at each of its m levels it tries every candidate left, at a
    // cost of 1 plus one per integer constraint on the row plus the cells
    // of each Decimal check there, and at each of its N leaves adds m.
    let combinations = open.iter().map(left).fold(1usize, usize::saturating_mul);
    let checks = cons.iter().fold(0usize, |a, &ci| {
        // A compiled constraint is searched in integers (its reach_total
        // never overflows: the bound of Compiled::new).
        a.saturating_add(match checker.compiled(ci) {
            Some(c) => c.open.len(),
            None => checker.constraints.get(ci).map_or(0, Constraint::size),
        })
    });
    let work = combinations.saturating_mul(m.saturating_add(checks).saturating_add(m));
    let nodes = m.saturating_mul(combinations).saturating_add(1);
    let spent = SPENT.with(std::cell::Cell::get);
    let start = MAX_WORK.saturating_sub(MAX_WORK_PER_DOCUMENT.saturating_sub(spent));
    if nodes > MAX_STEPS || start.saturating_add(work) > MAX_WORK {
        return false;
    }
    SPENT.with(|s| s.set(spent.saturating_add(work)));
    #[cfg(test)]
    DECIDED.with(|d| d.set(d.get() + 1));
    for i in open {
        let first = alive.get(*i).and_then(|l| l.first()).copied();
        if let Some(slot) = placed.get_mut(*i) {
            *slot = Some(placement(checker, *i, left(i), first));
        }
    }
    true
}

/// What the search reads and never changes.
struct Search<'a> {
    checker: &'a Checker<'a>,
    /// The component's open rows, in search order.
    open: &'a [usize],
    /// Each row's candidates left after propagation.
    alive: &'a [Vec<usize>],
    /// See [`Scratch`].
    checks_at: &'a [Vec<usize>],
    touch: &'a [Vec<Touch>],
    counted: &'a [usize],
    seen_at: &'a [usize],
}

/// What the search changes, and restores on the way back (see [`Scratch`]).
struct State<'s> {
    assign: &'s mut [Option<usize>],
    acc: &'s mut [Option<Ends>],
    rest: &'s mut [Option<(i128, i128)>],
    saved: &'s mut Vec<Option<Ends>>,
}

impl Search<'_> {
    /// Assigns the open rows from `k` on, marking in `seen` the candidates
    /// of every complete assignment; false when a limit stopped it.
    /// `steps` counts (nodes, work): a node is a call; the work is one per
    /// candidate tried, plus one per integer constraint it updates, plus the
    /// cells of each Decimal check.
    fn run(&self, k: usize, st: &mut State, seen: &mut [bool], steps: &mut (usize, usize)) -> bool {
        steps.0 += 1;
        if steps.0 > MAX_STEPS || steps.1 > MAX_WORK {
            return false;
        }
        let Some(&i) = self.open.get(k) else {
            steps.1 += self.open.len();
            for i in self.open {
                if let Some(s) = st.assign[*i].and_then(|j| seen.get_mut(self.seen_at[*i] + j)) {
                    *s = true;
                }
            }
            return true;
        };
        // Saving and restoring these is within the cost counted below: every
        // row searched has a candidate (see solve_component).
        let touch = &self.touch[i];
        #[cfg(test)]
        SAVED.with(|n| n.set(n.get() + touch.len()));
        let mark = st.saved.len();
        for &(ci, _, _, d) in touch {
            st.saved.push(st.acc[ci]);
            st.rest[ci] = st.rest[ci].and_then(|r| Some((r.0.checked_sub(d.0)?, r.1.checked_sub(d.1)?)));
        }
        let slow = &self.checks_at[i];
        let cost = slow.iter().fold(1 + touch.len() + self.counted[i], |a, ci| a + self.checker.constraints[*ci].size());
        let mut complete = true;
        for &j in &self.alive[i] {
            st.assign[i] = Some(j);
            steps.1 += cost;
            if self.admits(i, j, mark, st) && !self.run(k + 1, st, seen, steps) {
                complete = false;
                break;
            }
        }
        for (&(ci, _, _, d), s) in touch.iter().zip(&st.saved[mark..]) {
            st.acc[ci] = *s;
            st.rest[ci] = st.rest[ci].and_then(|r| Some((r.0.checked_add(d.0)?, r.1.checked_add(d.1)?)));
        }
        st.saved.truncate(mark);
        st.assign[i] = None;
        complete
    }

    /// Whether row `i` at candidate `j` keeps every constraint on it
    /// satisfiable, updating the integer sums of those it touches.
    fn admits(&self, i: usize, j: usize, mark: usize, st: &mut State) -> bool {
        for (t, &(ci, slot, last, _)) in self.touch[i].iter().enumerate() {
            let Some(c) = self.checker.compiled(ci) else { continue };
            let sum = st.saved.get(mark + t).copied().flatten().and_then(|s| plus_ends(s, c.delta(slot, j)));
            st.acc[ci] = sum;
            // Past its last row nothing is left to add: this is the check itself.
            let ok = match sum.zip(st.rest[ci]).and_then(|(s, r)| c.within(s, r)) {
                Some(ok) => ok,
                None => !last || self.checker.slow(ci, &|r| st.assign[r]),
            };
            if !ok {
                return false;
            }
        }
        self.checks_at[i].iter().all(|ci| self.checker.slow(*ci, &|r| st.assign[r]))
    }
}

/// A cell in the units of the rounding fast path ([`rounding::units`]):
/// (value, half a unit of its last digit) in 10⁻⁹; None outside that path.
type Units = Option<(i128, i128)>;

#[cfg(test)]
thread_local! {
    /// Set by the differential test: every constraint takes the Decimal path.
    static DECIMAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set by the differential test: every component is searched ([`decided`]
    /// places none) and every constraint checked ([`solve_component`] counts none).
    static PLAIN_SEARCH: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Counts the constraints [`solve_component`] counted without checking, for the differential test.
    static COUNTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Counts the components [`decided`] placed, for the differential test.
    static DECIDED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Counts the constraint sums the search saved and restored, which its
    /// work must bound (see [`Search::run`]).
    static SAVED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Whether the differential test asks for the plain search.
#[cfg(test)]
fn plain_search() -> bool {
    PLAIN_SEARCH.with(std::cell::Cell::get)
}

/// Never outside tests.
#[cfg(not(test))]
fn plain_search() -> bool {
    false
}

/// A constraint as integer arithmetic: Σ parts − total must meet zero
/// (Equal), or its lower end must not be above zero (AtLeast). The cells of
/// fixed rows are added up once; each open row is a table of what each of
/// its candidates adds (all its cells in the constraint together).
///
/// Built only when every cell any candidate can put in it is on the fast
/// path and the magnitudes of all of them together stay within
/// [`rounding::FAST_LIMIT`]: then every partial sum does too, whatever the
/// order, so [`rounding::agrees`] and [`rounding::reaches`] would take their
/// exact integer path and give the same answer as [`Compiled::meets`].
struct Compiled {
    /// The fixed cells, added up.
    base: Ends,
    /// The open rows, ascending: (row, what each of its candidates adds,
    /// their reach: the lowest lower end and the highest upper end of those
    /// additions).
    open: Vec<OpenRow>,
    relation: Relation,
}

/// An open row of a [`Compiled`] constraint.
type OpenRow = (usize, Vec<Ends>, (i128, i128));

/// A [`rounding::UnitSum`]'s lower and upper ends: all a [`Compiled`] constraint
/// needs (they fix the point too, half their sum, so additions alike in
/// their ends are alike), a third less to copy and add.
type Ends = (i128, i128);

/// The ends of `rounding::delta(sign, units)`.
fn delta_ends(sign: i8, units: (i128, i128)) -> Option<Ends> {
    delta(sign, units).map(|(_, lo, hi)| (lo, hi))
}

impl Compiled {
    fn new(c: &Constraint, p: &Problem, domains: &Domains) -> Option<Compiled> {
        #[cfg(test)]
        if DECIMAL_ONLY.with(std::cell::Cell::get) {
            return None;
        }
        // The total moves to the side of the parts with a minus sign.
        // The terms of either kind as one iterator (the other kind's part
        // empty), not collected into a vector per constraint.
        let (sum, link, relation) = match c {
            Constraint::Sum(s, col) => (Some((*s, *col)), None, Relation::Equal),
            Constraint::Link(l) => (None, Some(*l), l.relation),
        };
        let sum_terms = sum.into_iter().flat_map(|(s, col)| s.parts.iter().map(move |r| (1i8, (*r, col))).chain([(-1, (s.total, col))]));
        let link_terms = link.into_iter().flat_map(|l| l.parts.iter().copied().chain([(-1, l.total)]));
        let terms = sum_terms.chain(link_terms);
        // Sized once: a row per term at most, a delta per candidate (a
        // collected `Option<Vec>` does not know its length and grows).
        let (mut base, mut bound, mut open) = ((0, 0), 0u128, Vec::<OpenRow>::with_capacity(c.size()));
        for (sign, (r, col)) in terms {
            let Some(cands) = domains.get(r).and_then(Option::as_ref) else {
                // A fixed row adds to the base; a row outside the problem is blank.
                if let Some(RowChoice::Fixed(v)) = p.rows.get(r) {
                    let d = delta_ends(sign, cell_at(v, col)?)?;
                    bound = bound.checked_add(widest(&d))?;
                    base = plus_ends(base, d)?;
                }
                continue;
            };
            // The additions and their reach ([`reach_of`]) in one pass.
            let mut deltas = Vec::with_capacity(cands.len());
            let mut reach: Option<(i128, i128)> = None;
            for v in cands {
                let d = delta_ends(sign, cell_at(v, col)?)?;
                reach = widen(reach, &d);
                deltas.push(d);
            }
            let reach = reach.unwrap_or((0, 0));
            // The widest of the term's additions is the wider end of their
            // reach (an addition's lower end is never above its upper end).
            bound = bound.checked_add(reach.0.unsigned_abs().max(reach.1.unsigned_abs()))?;
            // Kept in row order as they come, rather than sorted after.
            match open.binary_search_by_key(&r, |(o, ..)| *o) {
                Ok(i) => {
                    // A row with several cells in the constraint adds them together.
                    let (_, row, whole) = open.get_mut(i)?;
                    for (a, d) in row.iter_mut().zip(&deltas) {
                        *a = plus_ends(*a, *d)?;
                    }
                    *whole = reach_of(row.iter());
                }
                Err(i) => open.insert(i, (r, deltas, reach)),
            }
        }
        (bound <= rounding::FAST_LIMIT.unsigned_abs()).then_some(Compiled { base, open, relation })
    }

    /// Whether the sum meets the relation; None if it overflowed.
    fn meets(&self, sum: Option<Ends>) -> Option<bool> {
        self.within(sum?, (0, 0))
    }

    /// Whether `sum`, with the open rows not yet in it adding at least
    /// `rest.0` to its lower end and at most `rest.1` to its upper end, can
    /// still meet the relation (exactly whether it does when `rest` is zero);
    /// None if a sum overflowed.
    fn within(&self, (lo, hi): Ends, rest: (i128, i128)) -> Option<bool> {
        let lo = lo.checked_add(rest.0)?;
        Some(match self.relation {
            Relation::Equal => lo <= 0 && hi.checked_add(rest.1)? >= 0,
            Relation::AtLeast => lo <= 0,
        })
    }

    /// [`Compiled::within`] for a sum's (lower end, upper end) in `T`;
    /// None if a sum overflowed.
    fn within_ends<T: WalkInt>(&self, (lo, hi): (T, T), rest: (T, T)) -> Option<bool> {
        let lo = lo.plus(rest.0)?;
        Some(match self.relation {
            Relation::Equal => lo <= T::ZERO && hi.plus(rest.1)? >= T::ZERO,
            Relation::AtLeast => lo <= T::ZERO,
        })
    }

    /// What open row `slot` adds at candidate `j` (nothing when there is no
    /// such candidate: a blank, as in the Decimal check).
    fn delta(&self, slot: usize, j: usize) -> Ends {
        self.open.get(slot).and_then(|(_, d, _)| d.get(j)).copied().unwrap_or((0, 0))
    }

    /// The reach of open row `row`'s candidates left. Propagation only takes
    /// candidates away, so a row with as many left as it has is whole, and
    /// its reach is the one [`Compiled::new`] found (most rows: propagation
    /// prunes few).
    fn reach_left(&self, (r, deltas, whole): &OpenRow, alive: &[Vec<usize>]) -> (i128, i128) {
        match alive.get(*r) {
            Some(left) if left.len() == deltas.len() => *whole,
            left => reach_of(left.into_iter().flatten().filter_map(|j| deltas.get(*j))),
        }
    }

    /// What all open rows' candidates left can add together (see
    /// [`Compiled::reach_left`]); None if that overflowed, which the bound
    /// of [`Compiled::new`] rules out (each end is at most the sum of the
    /// terms' widest additions).
    fn reach_total(&self, alive: &[Vec<usize>]) -> Option<(i128, i128)> {
        self.open.iter().try_fold((0i128, 0i128), |a, row| {
            let d = self.reach_left(row, alive);
            Some((a.0.checked_add(d.0)?, a.1.checked_add(d.1)?))
        })
    }

    /// Whether the constraint holds with each open row r at candidate
    /// `cand(r)`; None if a sum overflows (it cannot, given the bound of
    /// [`Compiled::new`]).
    fn holds_at(&self, cand: impl Fn(usize) -> Option<usize>) -> Option<bool> {
        let sum = self.open.iter().enumerate().try_fold(self.base, |s, (t, (r, ..))| match cand(*r) {
            Some(j) => plus_ends(s, self.delta(t, j)),
            None => Some(s),
        });
        self.meets(sum)
    }
}

/// The lowest lower end and the highest upper end of `deltas` ((0, 0) for
/// none): what a row can add to a constraint, for cutting the search off
/// early.
fn reach_of<'d>(deltas: impl Iterator<Item = &'d Ends>) -> (i128, i128) {
    deltas.fold(None, widen).unwrap_or((0, 0))
}

/// `reach` (lowest lower end, highest upper end; None for no addition yet)
/// with the addition `d` taken in.
fn widen(reach: Option<(i128, i128)>, d: &Ends) -> Option<(i128, i128)> {
    Some(reach.map_or(*d, |(lo, hi)| (lo.min(d.0), hi.max(d.1))))
}

/// A row's cell in units; a column beyond the row is blank.
fn cell_at(v: &[Option<Decimal>], col: usize) -> Units {
    rounding::units(v.get(col).copied().flatten())
}

/// The largest magnitude a term's interval reaches.
fn widest(d: &Ends) -> u128 {
    d.0.unsigned_abs().max(d.1.unsigned_abs())
}

/// The constraints of a problem and how to check them.
struct Checker<'a> {
    p: &'a Problem,
    constraints: &'a [Constraint<'a>],
    /// The integer form of each constraint, where it has one.
    compiled: &'a [Option<Compiled>],
    /// Each open row's candidates that meet its own identity and bounds;
    /// the candidate indices everywhere below are into these.
    domains: &'a Domains<'a>,
}

impl Checker<'_> {
    fn compiled(&self, ci: usize) -> Option<&Compiled> {
        self.compiled.get(ci).and_then(Option::as_ref)
    }

    /// Whether constraint `ci` holds with each open row r at candidate
    /// `cand(r)`: in integers where it can, else in Decimal.
    fn holds(&self, ci: usize, cand: &dyn Fn(usize) -> Option<usize>) -> bool {
        self.compiled(ci).and_then(|f| f.holds_at(cand)).unwrap_or_else(|| self.slow(ci, cand))
    }

    /// The same, added up in Decimal.
    fn slow(&self, ci: usize, cand: &dyn Fn(usize) -> Option<usize>) -> bool {
        let values = |r: usize| match self.p.rows.get(r)? {
            RowChoice::Fixed(v) => Some(v),
            RowChoice::Open(_) => cand(r).and_then(|a| self.domains.get(r)?.as_ref()?.get(a).copied()),
        };
        self.constraints[ci].ok(&values)
    }
}

fn link_ok<'v>(l: &Link, values: &dyn Fn(usize) -> Option<&'v Values>) -> bool {
    let get = |(r, c): At| values(r).and_then(|v| v.get(c).copied().flatten());
    let terms = l.parts.iter().map(|(s, a)| (*s, get(*a)));
    match l.relation {
        Relation::Equal => rounding::agrees(get(l.total), terms),
        Relation::AtLeast => rounding::reaches(get(l.total), terms),
    }
}

/// Sum `s` in column `c`.
fn sum_ok<'v>(s: &SumOfRows, c: usize, values: &dyn Fn(usize) -> Option<&'v Values>) -> bool {
    let get = |r: usize| values(r).and_then(|v| v.get(c).copied().flatten());
    rounding::agrees(get(s.total), s.parts.iter().map(|r| (1, get(*r))))
}

/// A bound with the ends of its interval in units of 10⁻⁹ ([`rounding::units`]),
/// when both are on the fast path: then a candidate's cell on it is held to
/// the bound in integers, exactly as in Decimal (both ends and the cell are
/// whole multiples of 10⁻⁹), without widening the cell in Decimal for every
/// candidate and bound (on 烟台大数据局 about 0.15 M instructions a check).
type RowBound<'a> = (&'a Bound, Option<(i128, i128)>);

/// `b` with its ends in units, if it has them.
fn row_bound(b: &Bound) -> RowBound<'_> {
    let (Bound::Equal(_, _, x) | Bound::AtLeast(_, _, x)) = b;
    let ends = rounding::units(Some(x.lo)).zip(rounding::units(Some(x.hi))).map(|(lo, hi)| (lo.0, hi.0));
    (b, ends)
}

fn bounds_ok(bounds: &[RowBound], v: &Values) -> bool {
    bounds.iter().all(|(b, ends)| {
        let (Bound::Equal(_, c, x) | Bound::AtLeast(_, c, x)) = b;
        let cell = v.get(*c).copied().flatten();
        // The cell's interval (x − h, x + h) against the bound's ends, in integers.
        let fast = ends.zip(rounding::units(cell)).and_then(|((lo, hi), (x, h))| {
            let (low, high) = (x.checked_sub(h)?, x.checked_add(h)?);
            Some(match b {
                Bound::Equal(..) => low <= hi && lo <= high,
                Bound::AtLeast(..) => high >= lo,
            })
        });
        fast.unwrap_or_else(|| match b {
            Bound::Equal(..) => Interval::of(cell).gap(*x).is_zero(),
            Bound::AtLeast(..) => Interval::of(cell).hi >= x.lo,
        })
    })
}

/// Row identity "column 0 = Σ other columns".
pub fn total_first(v: &[Option<Decimal>]) -> bool {
    match v.split_first() {
        Some((t, parts)) => rounding::agrees(*t, parts.iter().map(|p| (1, *p))),
        None => true,
    }
}

/// Sum constraints of a 科目 table: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, over all
/// `ncols` columns. `codes[i]` is row i's code (None for 合计).
pub fn hierarchy(codes: &[Option<&str>], ncols: usize) -> Vec<SumOfRows> {
    let columns: Vec<usize> = (0..ncols).collect();
    let mut out = Vec::new();
    if let Some(total) = codes.iter().position(Option::is_none) {
        let parts: Vec<usize> = (0..codes.len()).filter(|i| codes[*i].is_some_and(|c| c.len() == 3)).collect();
        if !parts.is_empty() {
            out.push(SumOfRows { total, parts, columns: columns.clone() });
        }
    }
    // Children by their parent's code, and each code's rows, as lists
    // sorted by code (then row), looked up by binary search: one sort each,
    // not a scan of the table per parent (issue 13), and no hashing of
    // every code (a SipHash map cost 13,000 instructions a table).
    let mut children: Vec<(&str, usize)> = Vec::new();
    let mut printed: Vec<&str> = Vec::with_capacity(codes.len());
    for (j, code) in codes.iter().enumerate() {
        let Some(code) = code else { continue };
        if matches!(code.len(), 5 | 7) {
            if let Some(parent) = code.get(..code.len().saturating_sub(2)) {
                children.push((parent, j));
            }
        }
        printed.push(code);
    }
    children.sort_unstable();
    printed.sort_unstable();
    for (i, code) in codes.iter().enumerate() {
        let Some(code) = code else { continue };
        if !matches!(code.len(), 3 | 5) {
            continue;
        }
        // A parent code printed twice: which rows are whose children is not
        // known, so neither copy is held to a sum.
        if printed.partition_point(|c| c <= code).saturating_sub(printed.partition_point(|c| c < code)) > 1 {
            continue;
        }
        let kids = children.partition_point(|(c, _)| *c < *code)..children.partition_point(|(c, _)| *c <= *code);
        if let Some(kids) = children.get(kids).filter(|k| !k.is_empty()) {
            out.push(SumOfRows { total: i, parts: kids.iter().map(|(_, j)| *j).collect(), columns: columns.clone() });
        }
    }
    out
}

#[cfg(test)]
mod differential;

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn v(s: &[&str]) -> Values {
        s.iter().map(|x| if x.is_empty() { None } else { Some(Decimal::from_str(x).unwrap()) }).collect()
    }

    #[test]
    fn hierarchy_resolves_a_child_from_its_parent() {
        // 210 = 93.38 (基本 71.78, 项目 21.60); its two 款 print 2 numbers each.
        let p = Problem {
            rows: vec![
                RowChoice::Fixed(v(&["93.38", "71.78", "21.60"])),
                RowChoice::Open(vec![v(&["21.60", "21.60", ""]), v(&["21.60", "", "21.60"])]),
                RowChoice::Open(vec![v(&["71.78", "71.78", ""]), v(&["71.78", "", "71.78"])]),
            ],
            sums: hierarchy(&[Some("210"), Some("21004"), Some("21011")], 3),
            bounds: vec![],
            links: vec![],
            row_identity: Some(total_first),
        };
        let got = solve(&p);
        assert_eq!(got[0], (1, Placement::Unique(v(&["21.60", "", "21.60"]))));
        assert_eq!(got[1], (2, Placement::Unique(v(&["71.78", "71.78", ""]))));
    }

    #[test]
    fn the_walk_in_i64_is_the_walk_in_i128() {
        // Rows of one to three candidates from a pool with amounts near
        // i64's limit: where the i64 walk finishes it finds the i128 walk's
        // supports and work; where a sum does not fit, walk_supports falls
        // back to i128 with the same answer.
        let big = 5_000_000_000_000_000_000; // two of them overflow i64
        let wider = 10_000_000_000_000_000_000; // beyond i64 alone
        let pool: Vec<Ends> =
            [(1, (0, 0)), (1, (100, 5)), (1, (150, 0)), (-1, (250, 5)), (-1, (300, 50)), (1, (big, 5)), (-1, (big, 0)), (1, (wider, 0))]
                .map(|(s, u)| delta_ends(s, u).unwrap())
                .to_vec();
        let (mut narrow, mut fell_back) = (0, 0);
        for relation in [Relation::Equal, Relation::AtLeast] {
            for base in [(0, 0), delta_ends(-1, (250, 5)).unwrap(), delta_ends(1, (big, 10)).unwrap()] {
                for code in 0..8usize.pow(4) {
                    // Three rows, candidates drawn from the pool by the digits of `code`.
                    let digit = |k: u32| pool[code / 8usize.pow(k) % 8];
                    let rows = [vec![digit(0), digit(1)], vec![digit(2)], vec![digit(3), pool[1], digit(0)]];
                    let open: Vec<usize> = (0..rows.len()).collect();
                    let c = Compiled { base, open: rows.iter().enumerate().map(|(r, d)| (r, d.clone(), (0, 0))).collect(), relation };
                    let alive: Vec<Vec<usize>> = rows.iter().map(|d| (0..d.len()).collect()).collect();
                    let bufs = || SupportBufs { lens: alive.iter().map(Vec::len).collect(), ..SupportBufs::default() };
                    let (mut got, mut plain) = (bufs(), bufs());
                    let (mut got_work, mut plain_work) = (0, 0);
                    let mut wide = WalkBufs::<i128>::default();
                    let plain_found = walk_in(&c, &open, &alive, &mut plain_work, &mut plain, &mut wide);
                    let mut probe = WalkBufs::<i64>::default();
                    match walk_in(&c, &open, &alive, &mut 0, &mut bufs(), &mut probe) {
                        Some(()) => narrow += 1,
                        None => fell_back += 1,
                    }
                    assert_eq!(walk_supports(&c, &open, &alive, &mut got_work, &mut got), plain_found);
                    assert_eq!(got.supported[..open.len()], plain.supported[..open.len()], "{rows:?} {base:?} {relation:?}");
                    assert_eq!(got_work, plain_work, "{rows:?} {base:?} {relation:?}");
                }
            }
        }
        assert!(narrow > 1000 && fell_back > 1000, "{narrow} {fell_back}");
    }

    #[test]
    fn a_lone_combination_is_the_walk() {
        // Every open row with one candidate left (the second of two): the
        // fast path finds the supports the walk finds, and counts its work.
        let pool: Vec<Ends> = [(1, (0, 0)), (1, (100, 5)), (1, (150, 0)), (-1, (250, 5)), (-1, (300, 50)), (1, (-40, 5))]
            .map(|(s, u)| delta_ends(s, u).unwrap())
            .to_vec();
        let (mut held, mut failed) = (0, 0);
        for relation in [Relation::Equal, Relation::AtLeast] {
            for base in [(0, 0), delta_ends(-1, (250, 5)).unwrap(), delta_ends(1, (110, 10)).unwrap()] {
                for n in 1..=3u32 {
                    for code in 0..pool.len().pow(n) {
                        let picks: Vec<Ends> = (0..n).map(|k| pool[code / pool.len().pow(k) % pool.len()]).collect();
                        let open: Vec<usize> = (0..picks.len()).collect();
                        let c = Compiled {
                            base,
                            open: picks.iter().enumerate().map(|(r, d)| (r, vec![pool[1], *d], (0, 0))).collect(),
                            relation,
                        };
                        let alive = vec![vec![1]; open.len()];
                        // As `supports` leaves them: each row's number of candidates left.
                        let bufs = || SupportBufs { lens: vec![1; open.len()], ..SupportBufs::default() };
                        let (mut fast, mut walk) = (bufs(), bufs());
                        let (mut fast_work, mut walk_work) = (0, 0);
                        assert!(lone_combination(&c, &open, &alive, &mut fast_work, &mut fast).is_some());
                        assert!(walk_supports(&c, &open, &alive, &mut walk_work, &mut walk).is_some());
                        assert_eq!(fast.supported[..open.len()], walk.supported[..open.len()], "{picks:?} {base:?} {relation:?}");
                        assert_eq!(fast_work, walk_work, "{picks:?} {base:?} {relation:?}");
                        if fast.supported[0][0] {
                            held += 1;
                        } else {
                            failed += 1;
                        }
                    }
                }
            }
        }
        assert!(held > 20 && failed > 20, "{held} {failed}");
        // Another number of candidates is the walk's to decide.
        let c = Compiled { base: (0, 0), open: vec![(0, vec![pool[0], pool[1]], (0, 0))], relation: Relation::Equal };
        assert!(lone_combination(&c, &[0], &[vec![0, 1]], &mut 0, &mut SupportBufs::default()).is_none());
    }

    #[test]
    fn a_rows_reach_is_its_candidates_left() {
        // Row 1 is in the link twice (its cells added together), row 2 once;
        // their additions and reach, whole and with a candidate pruned, are
        // held to the plain definition.
        let p = Problem {
            rows: vec![
                RowChoice::Fixed(v(&["5.00", "3.10", "1.90"])),
                RowChoice::Open(vec![v(&["2.50", "2.50", ""]), v(&["2.50", "", "2.50"]), v(&["-1.5", "", "-1.5"])]),
                RowChoice::Open(vec![v(&["2.5", "0.7", "1.8"]), v(&["2.5", "", "0.005"])]),
            ],
            links: vec![Link { total: (0, 0), parts: vec![(1, (2, 1)), (1, (1, 1)), (-1, (1, 2))], relation: Relation::AtLeast }],
            ..Problem::default()
        };
        let domains = own_domains(&p);
        let sum = SumOfRows { total: 0, parts: vec![2, 1], columns: vec![2] };
        let cell = |r: usize, j: usize, col: usize| domains[r].as_ref().unwrap()[j].get(col).copied().flatten();
        for c in [Constraint::Link(&p.links[0]), Constraint::Sum(&sum, 2)] {
            let compiled = Compiled::new(&c, &p, &domains).unwrap();
            assert_eq!(compiled.open.iter().map(|o| o.0).collect::<Vec<_>>(), vec![1, 2]);
            for row in &compiled.open {
                let (r, deltas, whole) = row;
                // What each candidate adds: its cells in the constraint, signed.
                let terms: Vec<(i8, usize)> = match c {
                    Constraint::Link(l) => l.parts.iter().filter(|(_, a)| a.0 == *r).map(|(s, a)| (*s, a.1)).collect(),
                    Constraint::Sum(s, col) => vec![(if s.total == *r { -1 } else { 1 }, col)],
                };
                for (j, d) in deltas.iter().enumerate() {
                    let plain =
                        terms.iter().try_fold((0, 0), |a, (s, col)| plus_ends(a, delta_ends(*s, rounding::units(cell(*r, j, *col))?)?));
                    assert_eq!(Some(*d), plain);
                }
                let plain = |left: &[usize]| {
                    let ds = left.iter().map(|j| deltas[*j]);
                    (ds.clone().map(|d| d.0).min().unwrap_or(0), ds.map(|d| d.1).max().unwrap_or(0))
                };
                let all: Vec<usize> = (0..deltas.len()).collect();
                assert_eq!(*whole, plain(&all));
                // The widest addition, which bounds the constraint, is the wider end of the reach.
                assert_eq!(deltas.iter().map(widest).max().unwrap(), whole.0.unsigned_abs().max(whole.1.unsigned_abs()));
                for left in [all.clone(), vec![0], vec![1], all[1..].to_vec(), vec![]] {
                    let mut alive = vec![Vec::new(); 3];
                    alive[*r] = left.clone();
                    assert_eq!(compiled.reach_left(row, &alive), plain(&left), "{r} {left:?}");
                }
            }
        }
    }

    #[test]
    fn evidence_is_every_column_that_varies() {
        // Sums over fixed rows, over rows of one candidate, and over rows
        // whose candidates differ in some columns only; and links. What is
        // kept is held to the definition: a cell of a row differs between
        // two of its candidates.
        let p = Problem {
            rows: vec![
                RowChoice::Fixed(v(&["3.00", "1.00", "2.00"])),
                RowChoice::Fixed(v(&["3.00", "1.00", "2.00"])),
                RowChoice::Open(vec![v(&["1.00", "1.00", ""])]),
                RowChoice::Open(vec![v(&["2.00", "", "2.00"]), v(&["2.00", "2.00", ""])]),
                RowChoice::Open(vec![v(&["1.00", "1.00", ""]), v(&["1.00", "1.00", ""])]),
            ],
            sums: vec![
                SumOfRows { total: 0, parts: vec![1], columns: vec![0, 1, 2] },
                SumOfRows { total: 0, parts: vec![2, 4], columns: vec![0, 1, 2] },
                SumOfRows { total: 1, parts: vec![2, 3], columns: vec![2, 0, 1] },
                SumOfRows { total: 3, parts: vec![4], columns: vec![0, 2] },
            ],
            links: vec![
                Link { total: (0, 0), parts: vec![(1, (2, 1))], relation: Relation::Equal },
                Link { total: (0, 0), parts: vec![(1, (3, 1))], relation: Relation::AtLeast },
                Link { total: (0, 0), parts: vec![(1, (4, 2))], relation: Relation::Equal },
            ],
            ..Problem::default()
        };
        let domains = own_domains(&p);
        let differs = |(r, c): At| domains[r].as_ref().is_some_and(|d| d.iter().any(|x| d.iter().any(|y| x.get(c) != y.get(c))));
        let mut plain = Vec::new();
        for (k, s) in p.sums.iter().enumerate() {
            for c in &s.columns {
                if s.parts.iter().chain([&s.total]).any(|r| differs((*r, *c))) {
                    plain.push((false, k, *c));
                }
            }
        }
        for (k, l) in p.links.iter().enumerate() {
            if l.parts.iter().map(|x| x.1).chain([l.total]).any(differs) {
                plain.push((true, k, 0));
            }
        }
        let got: Vec<(bool, usize, usize)> = evidence(&p, &domains)
            .iter()
            .map(|c| match c {
                Constraint::Sum(s, c) => (false, p.sums.iter().position(|x| std::ptr::eq(x, *s)).unwrap(), *c),
                Constraint::Link(l) => (true, p.links.iter().position(|x| std::ptr::eq(x, *l)).unwrap(), 0),
            })
            .collect();
        assert_eq!(got, plain);
        assert_eq!(got, vec![(false, 2, 2), (false, 2, 1), (false, 3, 2), (true, 1, 0)]);
    }

    #[test]
    fn rows_left_out_are_no_evidence() {
        // Row 2 would settle row 1 through the sum; left out, it does not.
        let mut p = Problem {
            rows: vec![
                RowChoice::Fixed(v(&["93.38", "71.78", "21.60"])),
                RowChoice::Open(vec![v(&["21.60", "21.60", ""]), v(&["21.60", "", "21.60"])]),
                RowChoice::Fixed(v(&["", "", ""])),
            ],
            sums: hierarchy(&[Some("210"), Some("21004"), Some("21011")], 3),
            links: vec![Link { total: (2, 0), parts: vec![(1, (1, 0))], relation: Relation::Equal }],
            bounds: vec![Bound::Equal(2, 1, Interval::of(None))],
            row_identity: Some(total_first),
        };
        assert_eq!(solve(&p), vec![(1, Placement::Contradiction)]);
        p.leave_out(&[2]);
        assert!(p.sums.is_empty() && p.links.is_empty() && p.bounds.is_empty());
        assert_eq!(solve(&p), vec![(1, Placement::Ambiguous(2))]);
    }

    #[test]
    fn without_evidence_the_placement_stays_ambiguous() {
        let p = Problem {
            rows: vec![RowChoice::Open(vec![v(&["1.00", "1.00", ""]), v(&["1.00", "", "1.00"])])],
            row_identity: Some(total_first),
            ..Problem::default()
        };
        assert_eq!(solve(&p), vec![(0, Placement::Ambiguous(2))]);
    }

    #[test]
    fn a_row_no_placement_fits_leaves_its_rows_contradictory_without_a_search() {
        // Forty rows of two placements each under one total, and a last row
        // whose every placement a bound rules out: no assignment of the
        // forty completes, which a search learns only after trying them.
        let n = 40;
        let two = || RowChoice::Open(vec![v(&["1.00", "1.00", ""]), v(&["1.00", "", "1.00"])]);
        let mut rows = vec![RowChoice::Fixed(v(&["41.00", "20.00", "21.00"]))];
        rows.extend(std::iter::repeat_with(two).take(n + 1));
        let p = Problem {
            rows,
            sums: vec![SumOfRows { total: 0, parts: (1..=n + 1).collect(), columns: vec![0, 1, 2] }],
            bounds: vec![Bound::Equal(n + 1, 0, Interval::of(Some(Decimal::from_str("5.00").unwrap())))],
            ..Problem::default()
        };
        SPENT.with(|s| s.set(0));
        let got = solve(&p);
        let want: Vec<(usize, Placement)> = (1..=n + 1).map(|r| (r, Placement::Contradiction)).collect();
        assert_eq!(got, want);
        assert_eq!(SPENT.with(std::cell::Cell::get), 0, "nothing searched");
    }

    #[test]
    fn bounds_from_other_tables_decide() {
        let p = Problem {
            rows: vec![RowChoice::Open(vec![v(&["1.00", "1.00", ""]), v(&["1.00", "", "1.00"])])],
            bounds: vec![Bound::AtLeast(0, 2, Interval::of(Some(Decimal::from_str("1.00").unwrap())))],
            row_identity: Some(total_first),
            ..Problem::default()
        };
        assert_eq!(solve(&p), vec![(0, Placement::Unique(v(&["1.00", "", "1.00"])))]);
    }
}
