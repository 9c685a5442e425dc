//! Differential test: the solver's compiled i128 constraints against its
//! Decimal path, on random small problems.
//!
//! Each constraint is checked on every combination of its rows' candidates
//! three ways (the compiled form, the solver's fallback, and a plain Decimal
//! interval sum); then whole problems are solved with and without the
//! compiled forms. All must agree.

use rust_decimal::Decimal;

use super::*;
use crate::rounding::{compare, Verdict};

/// SplitMix64: tiny, deterministic, and good enough to spread test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }
}

/// A printed amount: mostly small values at 0–3 decimals, a unit off a
/// whole number now and then (so that sums meet only within rounding), and
/// sometimes a blank or a value outside the fast path (9 decimals, or large
/// enough that a few of them overflow its bound).
fn amount(rng: &mut Rng) -> Option<Decimal> {
    match rng.below(24) {
        0..=4 => None,
        5 => Decimal::try_new(rng.below(3_000) as i64, 9).ok(),
        6 => Decimal::try_new((rng.below(9) * 100_000_000_000_000_000) as i64, 0).ok(),
        _ => {
            let scale = rng.below(4) as u32;
            let unit = 10i64.pow(scale);
            let whole = rng.below(12) as i64 * unit + rng.below(3) as i64 - 1;
            let signed = if rng.one_in(8) { -whole } else { whole };
            Decimal::try_new(signed, scale).ok()
        }
    }
}

fn values(rng: &mut Rng, ncols: usize) -> Values {
    (0..ncols).map(|_| amount(rng)).collect()
}

/// A row index, now and then one outside the problem (a blank row).
fn row(rng: &mut Rng, nrows: usize) -> usize {
    if rng.one_in(20) {
        nrows + 1
    } else {
        rng.index(nrows)
    }
}

/// A column index, now and then one beyond the rows (a blank cell).
fn column(rng: &mut Rng, ncols: usize) -> usize {
    if rng.one_in(20) {
        ncols
    } else {
        rng.index(ncols)
    }
}

fn problem(rng: &mut Rng) -> Problem {
    let (nrows, ncols) = (2 + rng.index(4), 1 + rng.index(3));
    let rows = (0..nrows)
        .map(|_| {
            if rng.one_in(2) {
                RowChoice::Fixed(values(rng, ncols))
            } else {
                RowChoice::Open((0..1 + rng.index(3)).map(|_| values(rng, ncols)).collect())
            }
        })
        .collect();
    let sums = (0..rng.index(3))
        .map(|_| SumOfRows {
            total: row(rng, nrows),
            parts: (0..1 + rng.index(3)).map(|_| row(rng, nrows)).collect(),
            columns: (0..1 + rng.index(2)).map(|_| column(rng, ncols)).collect(),
        })
        .collect();
    let cell = |rng: &mut Rng| (row(rng, nrows), column(rng, ncols));
    let links = (0..rng.index(3))
        .map(|_| Link {
            total: cell(rng),
            parts: (0..1 + rng.index(3)).map(|_| (if rng.one_in(4) { -1 } else { 1 }, cell(rng))).collect(),
            relation: if rng.one_in(2) { Relation::Equal } else { Relation::AtLeast },
        })
        .collect();
    let bounds = (0..rng.index(2))
        .map(|_| {
            let (r, c, iv) = (rng.index(nrows), rng.index(ncols), Interval::of(amount(rng)));
            if rng.one_in(2) {
                Bound::Equal(r, c, iv)
            } else {
                Bound::AtLeast(r, c, iv)
            }
        })
        .collect();
    let row_identity: Option<RowIdentity> = if rng.one_in(2) { Some(total_first) } else { None };
    Problem { rows, sums, links, bounds, row_identity }
}

/// The verdict by Decimal interval sums alone, as the rules compute it.
fn decimal_verdict<'v>(c: &Constraint, values: &dyn Fn(usize) -> Option<&'v Values>) -> bool {
    let get = |(r, col): At| values(r).and_then(|v| v.get(col).copied().flatten());
    let (total, terms, relation): (At, Vec<(i8, At)>, Relation) = match c {
        Constraint::Sum(s, col) => ((s.total, *col), s.parts.iter().map(|r| (1, (*r, *col))).collect(), Relation::Equal),
        Constraint::Link(l) => (l.total, l.parts.clone(), l.relation),
    };
    let terms: Vec<(i8, Option<Decimal>)> = terms.iter().map(|(s, a)| (*s, get(*a))).collect();
    match relation {
        Relation::Equal => compare(get(total), &terms).0 != Verdict::Mismatch,
        Relation::AtLeast => {
            let sum = terms
                .iter()
                .fold(Interval::of(None), |iv, (s, v)| if *s >= 0 { iv.add(Interval::of(*v)) } else { iv.sub(Interval::of(*v)) });
            Interval::of(get(total)).hi >= sum.lo
        }
    }
}

/// Counts of constraint checks: (compiled and true, compiled and false).
type Tally = (usize, usize);

/// Checks every constraint of `p` on every combination of its open rows'
/// candidates.
fn check_constraints(p: &Problem, tally: &mut Tally) {
    let domains: Vec<Option<Vec<&Values>>> = p
        .rows
        .iter()
        .map(|r| match r {
            RowChoice::Fixed(_) => None,
            RowChoice::Open(c) => Some(c.iter().collect()),
        })
        .collect();
    let split = p.sums.iter().flat_map(|s| s.columns.iter().map(move |c| Constraint::Sum(s, *c)));
    let constraints: Vec<Constraint> = split.chain(p.links.iter().map(Constraint::Link)).collect();
    for c in &constraints {
        let open: Vec<usize> = c.rows().into_iter().filter(|r| domains.get(*r).is_some_and(Option::is_some)).collect();
        let lens: Vec<usize> = open.iter().map(|r| domains[*r].as_ref().map_or(0, Vec::len)).collect();
        let compiled = Compiled::new(c, p, &domains);
        let mut idx = vec![0usize; open.len()];
        loop {
            let pick = |r: usize| open.binary_search(&r).ok().map(|k| idx[k]);
            let values = |r: usize| match p.rows.get(r)? {
                RowChoice::Fixed(v) => Some(v),
                RowChoice::Open(_) => domains[r].as_ref().and_then(|d| d.get(pick(r)?).copied()),
            };
            let reference = decimal_verdict(c, &values);
            assert_eq!(c.ok(&values), reference, "fallback vs Decimal: {:?} at {idx:?}", p);
            if let Some(f) = &compiled {
                let fast = f.holds_at(pick);
                assert_eq!(fast, Some(reference), "compiled vs Decimal: {:?} at {idx:?}", p);
                if reference {
                    tally.0 += 1;
                } else {
                    tally.1 += 1;
                }
            }
            if !next_combination(&mut idx, &lens) {
                break;
            }
        }
    }
}

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

/// `solve` with every constraint on the Decimal path.
fn solve_decimal_only(p: &Problem) -> Vec<(usize, Placement)> {
    DECIMAL_ONLY.with(|d| d.set(true));
    let out = solve(p);
    DECIMAL_ONLY.with(|d| d.set(false));
    out
}

#[test]
fn compiled_constraints_agree_with_decimal_sums() {
    let mut rng = Rng(0x5EED_0013);
    let mut tally = (0, 0);
    let mut placed = 0;
    for _ in 0..3_000 {
        let p = problem(&mut rng);
        check_constraints(&p, &mut tally);
        let fast = solve(&p);
        assert_eq!(fast, solve_decimal_only(&p), "{p:?}");
        placed += fast.iter().filter(|(_, x)| matches!(x, Placement::Unique(_))).count();
    }
    // Not vacuous: both verdicts were reached on the compiled path, and the
    // solver placed rows.
    assert!(tally.0 > 1_000 && tally.1 > 1_000, "{tally:?}");
    assert!(placed > 500, "{placed}");
}

/// [`supports_compiled`] (over each row's distinct additions, stopping once
/// all are supported) finds the supports that trying every combination of
/// the candidates left finds.
#[test]
fn supports_over_distinct_additions_are_every_combinations() {
    let mut rng = Rng(0x5EED_0014);
    let (mut compared, mut some_unsupported, mut many_distinct) = (0, 0, 0);
    let mut b = SupportBufs::default();
    for round in 0..3_000 {
        let mut p = problem(&mut rng);
        let ncols = p.rows.iter().map(|r| match r {
            RowChoice::Fixed(v) => v.len(),
            RowChoice::Open(c) => c.first().map_or(0, Vec::len),
        });
        let ncols = ncols.max().unwrap_or(1);
        // Every other problem: many candidates per open row, so that
        // additions repeat and some rows have more than MAX_ALIKE distinct ones.
        if round % 2 == 0 {
            for r in &mut p.rows {
                if let RowChoice::Open(c) = r {
                    *c = (0..1 + rng.index(40)).map(|_| values(&mut rng, ncols)).collect();
                }
            }
        }
        let domains = own_domains(&p);
        let split = p.sums.iter().flat_map(|s| s.columns.iter().map(move |c| Constraint::Sum(s, *c)));
        let constraints: Vec<Constraint> = split.chain(p.links.iter().map(Constraint::Link)).collect();
        let compiled: Vec<Option<Compiled>> = constraints.iter().map(|c| Compiled::new(c, &p, &domains)).collect();
        let checker = Checker { p: &p, constraints: &constraints, compiled: &compiled, domains: &domains };
        // Candidates left: all, or about two in three.
        let alive: Vec<Vec<usize>> =
            domains.iter().map(|d| (0..d.as_ref().map_or(0, Vec::len)).filter(|_| round % 4 != 1 || !rng.one_in(3)).collect()).collect();
        for (ci, c) in constraints.iter().enumerate() {
            let Some(f) = checker.compiled(ci) else { continue };
            // What `decided` counts on: the rows left never add up past i128.
            assert!(f.reach_total(&alive).is_some(), "{p:?} {ci}");
            let open: Vec<usize> = c.rows().into_iter().filter(|r| domains.get(*r).is_some_and(Option::is_some)).collect();
            let lens: Vec<usize> = open.iter().map(|r| alive[*r].len()).collect();
            if open.is_empty() || lens.contains(&0) || lens.iter().fold(1usize, |a, n| a.saturating_mul(*n)) > 20_000 {
                continue;
            }
            b.lens.clone_from(&lens);
            let mut work = 0;
            // Some only when the compiled rows are `open` (what `solve` takes
            // a compiled constraint's open rows from).
            assert_eq!(supports_compiled(f, &open, &alive, &mut work, &mut b), Some(()), "{p:?}");
            let got = b.supported[..open.len()].to_vec();
            let mut want: Vec<Vec<bool>> = lens.iter().map(|n| vec![false; *n]).collect();
            let mut idx = vec![0usize; open.len()];
            loop {
                let cand = |r: usize| open.binary_search(&r).ok().and_then(|k| alive[r].get(idx[k]).copied());
                if checker.holds(ci, &cand) {
                    for (s, j) in want.iter_mut().zip(&idx) {
                        s[*j] = true;
                    }
                }
                if !next_combination(&mut idx, &lens) {
                    break;
                }
            }
            assert_eq!(got, want, "{p:?} {ci}");
            compared += 1;
            some_unsupported += usize::from(want.iter().flatten().any(|x| !*x) && want.iter().flatten().any(|x| *x));
            many_distinct += usize::from(b.starts.windows(2).any(|w| w[1] - w[0] > MAX_ALIKE));
        }
    }
    // Not vacuous: constraints that support some candidates and not others,
    // and rows with more distinct additions than are compared.
    assert!(compared > 2_000 && some_unsupported > 300 && many_distinct > 50, "{compared} {some_unsupported} {many_distinct}");
}

/// `solve` with every component searched and every constraint checked, and the work it counted.
fn solve_searching(p: &Problem, spent: usize) -> (Vec<(usize, Placement)>, usize) {
    PLAIN_SEARCH.with(|d| d.set(true));
    let out = solved_from(p, spent);
    PLAIN_SEARCH.with(|d| d.set(false));
    out
}

/// `solve` with the document's budget at `spent`, and the budget after.
fn solved_from(p: &Problem, spent: usize) -> (Vec<(usize, Placement)>, usize) {
    SPENT.with(|s| s.set(spent));
    let out = solve(p);
    (out, SPENT.with(std::cell::Cell::get))
}

/// The search tests' problem for `round`: every other one has rows more
/// alike, so that more have one candidate, or several that all fit.
fn problem_of_round(rng: &mut Rng, round: usize) -> Problem {
    let mut p = problem(rng);
    if round.is_multiple_of(2) {
        for r in &mut p.rows {
            if let RowChoice::Open(c) = r {
                c.truncate(1 + rng.index(2));
            }
        }
    }
    p
}

/// A component placed without searching ([`decided`]: one open row, or
/// every open row at one candidate) is placed as the search places it, and
/// a search that counts the constraints of rows at one candidate rather
/// than checking them ([`solve_component`]) finds what checking them finds;
/// both count the work the plain search counts, so later searches of the
/// document have the same budget left; with the budget nearly spent as
/// well, where the search stops.
#[test]
fn decided_components_are_placed_as_searched() {
    let mut rng = Rng(0x5EED_0015);
    let stopped = &mut 0;
    DECIDED.with(|d| d.set(0));
    COUNTED.with(|d| d.set(0));
    for round in 0..12_000usize {
        let p = problem_of_round(&mut rng, round);
        // The budget: fresh, or about as much left as the search needs.
        let spent = if round.is_multiple_of(3) { MAX_WORK_PER_DOCUMENT - rng.index(16) } else { 0 };
        let searched = solve_searching(&p, spent);
        let got = solved_from(&p, spent);
        assert_eq!(got, searched, "{p:?} {spent}");
        // A search stopped by the budget leaves a row ambiguous among all its candidates.
        *stopped += usize::from(spent > 0 && got.0 != solved_from(&p, 0).0);
    }
    SPENT.with(|s| s.set(0));
    // Not vacuous: many components decided, constraints counted, and
    // budgets that stopped searches. (72 counted: a component with a row
    // left without candidates is not searched, so none of its are.)
    let (decided, counted) = (DECIDED.with(std::cell::Cell::get), COUNTED.with(std::cell::Cell::get));
    assert!(decided > 6_000 && counted > 50 && *stopped > 150, "{decided} {counted} {stopped}");
}

/// The work the search counts bounds the work it does: every constraint sum
/// it saves and restores on the way down and back is counted, so the
/// document's budget stops a search in time proportional to it. (A row
/// without candidates once cost the sums of its constraints at every visit
/// and counted none: 20 s on a fuzzed document.)
#[test]
fn the_search_counts_every_sum_it_saves() {
    let mut rng = Rng(0x5EED_0016);
    let (mut saved_all, mut worst) = (0usize, 0usize);
    for round in 0..12_000usize {
        let p = problem_of_round(&mut rng, round);
        let before = SAVED.with(std::cell::Cell::get);
        let (_, spent) = solve_searching(&p, 0);
        let saved = SAVED.with(std::cell::Cell::get) - before;
        assert!(saved <= spent, "{saved} sums saved, {spent} work counted: {p:?}");
        saved_all += saved;
        worst = worst.max(saved);
    }
    SPENT.with(|s| s.set(0));
    // Not vacuous: searches that saved sums, some of them many.
    assert!(saved_all > 1_000 && worst > 10, "{saved_all} {worst}");
}
