//! Agreement measures over binary decisions: for one tag, did each coder
//! apply it to each unit? Every measure is computed from tallies, not from
//! per-unit vectors, so a million characters cost no more than a handful of
//! sentences once the tallies are counted.
//!
//! The formulas are the textbook ones, and the tests hold them to the
//! reference implementations (scikit-learn's `cohen_kappa_score`, the
//! `krippendorff` package's nominal α, statsmodels' `fleiss_kappa`) to
//! 1e-9: see `tests/agreement_reference.rs` and the script that computed
//! the reference values, `scripts/agreement-reference.py`.

/// A measure's value, or why it has none (never NaN).
pub type Measure = Result<f64, Undefined>;

/// Why a measure is undefined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undefined {
    /// There are no units that two coders rated.
    NoUnits,
    /// Every rating is the same (all coded, or none): chance agreement is
    /// perfect, so agreement beyond chance is 0 / 0.
    NoVariation,
    /// The measure is for another number of coders (Cohen's κ: two).
    Coders,
}

impl Undefined {
    pub fn reason(self) -> &'static str {
        match self {
            Undefined::NoUnits => "no units",
            Undefined::NoVariation => "no variation: every unit coded alike",
            Undefined::Coders => "needs exactly two coders",
        }
    }
}

/// Two coders' decisions on the same units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pair {
    pub both: u64,
    pub only_a: u64,
    pub only_b: u64,
    pub neither: u64,
}

impl Pair {
    pub fn units(&self) -> u64 {
        self.both + self.only_a + self.only_b + self.neither
    }

    /// Share of units on which the two agree.
    pub fn percent(&self) -> Measure {
        let n = self.units();
        if n == 0 {
            return Err(Undefined::NoUnits);
        }
        Ok((self.both + self.neither) as f64 / n as f64)
    }

    /// Cohen's κ: (pₒ − pₑ) / (1 − pₑ), pₑ from each coder's own rates.
    pub fn cohen(&self) -> Measure {
        let n = self.units() as f64;
        if n == 0.0 {
            return Err(Undefined::NoUnits);
        }
        let po = (self.both + self.neither) as f64 / n;
        let a = (self.both + self.only_a) as f64 / n;
        let b = (self.both + self.only_b) as f64 / n;
        let pe = a * b + (1.0 - a) * (1.0 - b);
        if pe >= 1.0 {
            return Err(Undefined::NoVariation);
        }
        Ok((po - pe) / (1.0 - pe))
    }
}

/// Any number of coders' decisions: how many units had `raters` ratings of
/// which `coded` applied the tag, for each such pair. Units rated by fewer
/// than two coders (missing data) add nothing, as in Krippendorff's α.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    /// `(raters, coded, units)`, one entry per distinct `(raters, coded)`.
    cells: Vec<(u32, u32, u64)>,
}

impl Tally {
    /// Adds `units` units with `raters` ratings, `coded` of them applying
    /// the tag.
    pub fn add(&mut self, raters: u32, coded: u32, units: u64) {
        debug_assert!(coded <= raters);
        if units == 0 {
            return;
        }
        match self.cells.iter_mut().find(|(r, c, _)| (*r, *c) == (raters, coded)) {
            Some(cell) => cell.2 += units,
            None => self.cells.push((raters, coded, units)),
        }
    }

    /// The `(raters, coded, units)` cells, sorted: two tallies of the same
    /// units are equal when these are.
    pub fn sorted(&self) -> Vec<(u32, u32, u64)> {
        let mut cells = self.cells.clone();
        cells.sort_unstable();
        cells
    }

    /// Adds every unit of `other`.
    pub fn merge(&mut self, other: &Tally) {
        for &(m, j, n) in &other.cells {
            self.add(m, j, n);
        }
    }

    /// The units that at least two coders rated, with `(m, j, count)`.
    fn pairable(&self) -> impl Iterator<Item = (f64, f64, f64)> + '_ {
        self.cells
            .iter()
            .filter(|(m, _, _)| *m >= 2)
            .map(|&(m, j, n)| (f64::from(m), f64::from(j), n as f64))
    }

    /// Mean pairwise agreement over the units: for two coders, the share of
    /// units both coded or both left alone.
    pub fn percent(&self) -> Measure {
        let (mut sum, mut units) = (0.0, 0.0);
        for (m, j, n) in self.pairable() {
            sum += n * (j * (j - 1.0) + (m - j) * (m - j - 1.0)) / (m * (m - 1.0));
            units += n;
        }
        if units == 0.0 {
            return Err(Undefined::NoUnits);
        }
        Ok(sum / units)
    }

    /// Krippendorff's α for nominal data, missing ratings allowed:
    /// 1 − (n − 1)·o₀₁ / (n₀·n₁) from the coincidence matrix.
    pub fn alpha(&self) -> Measure {
        let (mut o00, mut o01, mut o11) = (0.0, 0.0, 0.0);
        for (m, j, n) in self.pairable() {
            o11 += n * j * (j - 1.0) / (m - 1.0);
            o00 += n * (m - j) * (m - j - 1.0) / (m - 1.0);
            o01 += n * j * (m - j) / (m - 1.0);
        }
        let (n0, n1) = (o00 + o01, o11 + o01);
        let total = n0 + n1;
        if total == 0.0 {
            return Err(Undefined::NoUnits);
        }
        if n0 == 0.0 || n1 == 0.0 {
            return Err(Undefined::NoVariation);
        }
        Ok(1.0 - (total - 1.0) * o01 / (n0 * n1))
    }

    /// Fleiss' κ: (P̄ − P̄ₑ) / (1 − P̄ₑ). Every unit must have the same
    /// number of ratings; units with fewer than two add nothing.
    pub fn fleiss(&self) -> Measure {
        let (mut sum_p, mut coded, mut ratings, mut units) = (0.0, 0.0, 0.0, 0.0);
        for (m, j, n) in self.pairable() {
            sum_p += n * (j * (j - 1.0) + (m - j) * (m - j - 1.0)) / (m * (m - 1.0));
            coded += n * j;
            ratings += n * m;
            units += n;
        }
        if units == 0.0 {
            return Err(Undefined::NoUnits);
        }
        let p1 = coded / ratings;
        let pe = p1 * p1 + (1.0 - p1) * (1.0 - p1);
        if pe >= 1.0 {
            return Err(Undefined::NoVariation);
        }
        Ok((sum_p / units - pe) / (1.0 - pe))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Measure, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn cohen_on_a_textbook_table() {
        // 20 both, 5 only A, 10 only B, 15 neither: pₒ = 0.7, pₑ = 0.5.
        let p = Pair { both: 20, only_a: 5, only_b: 10, neither: 15 };
        close(p.percent(), 0.7);
        close(p.cohen(), 0.4);
    }

    #[test]
    fn no_variation_is_undefined_not_nan() {
        let all = Pair { both: 7, ..Pair::default() };
        assert_eq!(all.cohen(), Err(Undefined::NoVariation));
        let none = Pair { neither: 7, ..Pair::default() };
        assert_eq!(none.cohen(), Err(Undefined::NoVariation));
        assert_eq!(Pair::default().cohen(), Err(Undefined::NoUnits));
        // One coder coded everything, the other nothing: κ = 0, defined.
        close(Pair { only_a: 4, ..Pair::default() }.cohen(), 0.0);
        let mut t = Tally::default();
        t.add(3, 0, 10);
        assert_eq!(t.alpha(), Err(Undefined::NoVariation));
        assert_eq!(t.fleiss(), Err(Undefined::NoVariation));
        close(t.percent(), 1.0);
        assert_eq!(Tally::default().alpha(), Err(Undefined::NoUnits));
    }

    #[test]
    fn two_coders_agree_with_the_pair_on_percent() {
        let p = Pair { both: 3, only_a: 2, only_b: 1, neither: 9 };
        let mut t = Tally::default();
        t.add(2, 2, p.both);
        t.add(2, 1, p.only_a + p.only_b);
        t.add(2, 0, p.neither);
        close(t.percent(), p.percent().expect("defined"));
    }

    #[test]
    fn units_rated_once_count_for_nothing() {
        let mut t = Tally::default();
        t.add(2, 2, 3);
        t.add(2, 0, 3);
        let before = t.alpha();
        t.add(1, 1, 100);
        t.add(0, 0, 100);
        assert_eq!(t.alpha(), before);
    }
}
