//! `org-chart`: an org chart of reference-counted employees that frees itself.

use crate::inputs::{OrgChart, org_chart};
use fastrand::Rng;
use grader_kit::correctness::{Case, case};

/// Charts at the edges: empty, one employee, unknown and repeated IDs, a manager hired after
/// the report, the extreme IDs, a chain and a star of 2,000, everyone at the top, and random
/// charts.
pub(crate) fn edge_cases(rng: &mut Rng) -> Vec<Case<OrgChart>> {
    let worked: Vec<(u32, Option<u32>)> = vec![
        (1, None),
        (2, Some(1)),
        (3, Some(1)),
        (4, Some(2)),
        (5, Some(4)),
        (6, Some(99)),
        (2, Some(3)),
        (7, Some(7)),
    ];
    let chain: Vec<(u32, Option<u32>)> = (0..2000u32).map(|i| (i, i.checked_sub(1))).collect();
    let star: Vec<(u32, Option<u32>)> = (0..=2000).map(|i| (i, (i > 0).then_some(0))).collect();
    let all_top: Vec<(u32, Option<u32>)> = (0..500).map(|i| (i, None)).collect();
    let duplicates: Vec<(u32, Option<u32>)> = (0..300).map(|i| (i % 7, Some((i + 1) % 7))).collect();
    let mut cases = vec![
        case("edge case: no employees, no queries", (vec![], vec![])),
        case("edge case: no employees", (vec![], vec![0, 1, u32::MAX])),
        case("edge case: no queries", (worked.clone(), vec![])),
        case("edge case: one employee", (vec![(9, None)], vec![9, 8])),
        case(
            "edge case: unknown and duplicate IDs, own manager",
            (worked, vec![5, 42, 1, 5, 6, 7, 2, 99]),
        ),
        case(
            "edge case: a manager hired after the report",
            (vec![(1, Some(2)), (2, None), (3, Some(1))], vec![1, 2, 3]),
        ),
        case(
            "edge case: the extreme IDs",
            (
                vec![(u32::MAX, None), (0, Some(u32::MAX)), (1, Some(0))],
                vec![0, 1, u32::MAX],
            ),
        ),
        case(
            "edge case: a chain of 2,000",
            (chain, vec![1999, 0, 1000, 1999, 2000]),
        ),
        case("edge case: one boss, 2,000 reports", (star, vec![0, 2000, 17])),
        case(
            "edge case: everyone at the top",
            (all_top, (0..500).step_by(7).collect()),
        ),
        case("edge case: every record repeated", (duplicates, (0..8).collect())),
    ];
    for n in [3, 33, 257, 1025] {
        cases.push(case(format!("random chart of {n} employees"), org_chart(rng, n)));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Api, Starter};

    #[test]
    fn generated_charts_are_seeded_and_sized() {
        for n in [0, 1, 17, 1000] {
            let (records, queries) = org_chart(&mut Rng::with_seed(3), n);
            assert_eq!(
                (records.clone(), queries.clone()),
                org_chart(&mut Rng::with_seed(3), n)
            );
            assert_eq!((records.len(), queries.len()), (n, n / 4));
        }
    }

    #[test]
    fn generated_charts_are_a_few_levels_deep() {
        let n = 10_000;
        let (records, queries) = org_chart(&mut Rng::with_seed(1), n);
        let answers = Starter::org_answers(&records, &queries);
        let unknown = answers.iter().filter(|(chain, _)| chain.is_empty()).count();
        assert!(
            unknown > queries.len() / 20 && unknown < queries.len() / 5,
            "{unknown} unknown"
        );
        let deepest = answers.iter().map(|(chain, _)| chain.len()).max().unwrap();
        assert!((4..30).contains(&deepest), "{deepest} levels");
        let biggest = answers.iter().map(|&(_, team)| team).max().unwrap();
        assert!(biggest > 100, "the largest team asked about has {biggest}");
    }

    #[test]
    fn edge_cases_run_on_the_starter() {
        for Case {
            input: (records, queries),
            ..
        } in edge_cases(&mut Rng::with_seed(5))
        {
            assert_eq!(Starter::org_answers(&records, &queries).len(), queries.len());
        }
    }
}
