//! crosstalk's agreement measures against the reference implementations:
//! scikit-learn's `cohen_kappa_score`, the `krippendorff` package's nominal
//! α and statsmodels' `fleiss_kappa`, to 1e-9. The values were computed once
//! by `scripts/agreement-reference.py` (the library versions are in the
//! fixture) on the unit-by-coder data kept beside them: textbook tables,
//! the edge cases (a coder who codes nothing, both coding everything,
//! perfect disagreement, missing ratings) and seeded random data for two to
//! five coders. An undefined value there (NaN, or an error) must be
//! undefined here too, never a number and never NaN.

use crosstalk::model::agree::{Measure, Pair, Tally};
use serde_json::Value;

fn reference() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/agreement/reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

fn check(case: &str, which: &str, ours: Measure, theirs: &Value) {
    match (ours, theirs["value"].as_f64()) {
        (Ok(a), Some(b)) => {
            assert!((a - b).abs() < 1e-9, "{case}: {which} {a} vs reference {b}")
        }
        (Err(_), None) => {}
        (a, b) => panic!("{case}: {which} {a:?} vs reference {b:?} ({})", theirs),
    }
}

#[test]
fn every_measure_equals_the_reference_libraries() {
    let r = reference();
    let cases = r["cases"].as_array().expect("cases");
    assert!(cases.len() >= 18);
    let mut checked = 0;
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let data: Vec<Vec<Option<u8>>> = case["data"]
            .as_array()
            .expect("data")
            .iter()
            .map(|row| {
                row.as_array().expect("row").iter().map(|v| v.as_u64().map(|v| v as u8)).collect()
            })
            .collect();
        let units = data[0].len();
        let mut tally = Tally::default();
        let mut pair = Pair::default();
        for u in 0..units {
            let rated: Vec<u8> = data.iter().filter_map(|row| row[u]).collect();
            let coded = rated.iter().filter(|v| **v == 1).count();
            tally.add(rated.len() as u32, coded as u32, 1);
            if data.len() == 2 {
                match (data[0][u], data[1][u]) {
                    (Some(1), Some(1)) => pair.both += 1,
                    (Some(1), Some(0)) => pair.only_a += 1,
                    (Some(0), Some(1)) => pair.only_b += 1,
                    _ => pair.neither += 1,
                }
            }
        }
        check(name, "percent", tally.percent(), &case["percent"]);
        check(name, "alpha", tally.alpha(), &case["alpha"]);
        checked += 2;
        if let Some(cohen) = case.get("cohen") {
            check(name, "cohen", pair.cohen(), cohen);
            check(name, "percent (pair)", pair.percent(), &case["percent"]);
            checked += 2;
        }
        if let Some(fleiss) = case.get("fleiss") {
            check(name, "fleiss", tally.fleiss(), fleiss);
            checked += 1;
        }
    }
    assert!(checked >= 50, "{checked}");
}
