//! Invoice numbers (issue 10): the library's form `2026-F-000123`, text and number round trip, and
//! a list checked for gaps and duplicates per series and year.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use envoi::ErrorCode;
use envoi::billing::{
    BillingError, InvoiceNumber, NumberSeries, SequenceProblem, check_sequence,
    check_sequence_after,
};
use proptest::prelude::*;

fn number(text: &str) -> InvoiceNumber {
    text.parse().unwrap()
}

fn problems(result: Result<(), BillingError>) -> Vec<SequenceProblem> {
    match result {
        Ok(()) => Vec::new(),
        Err(BillingError::InvoiceSequence { problems }) => problems,
        Err(other) => panic!("not a sequence error: {other}"),
    }
}

#[test]
fn numbers_sort_by_series_then_year_then_sequence() {
    let mut numbers = vec![
        number("2026-F-000010"),
        number("2026-F-000009"),
        number("2025-F-999999"),
        number("2027-C-000001"),
        number("2026-F-1000000"),
    ];
    numbers.sort();
    assert_eq!(
        numbers,
        [
            number("2027-C-000001"),
            number("2025-F-999999"),
            number("2026-F-000009"),
            number("2026-F-000010"),
            number("2026-F-1000000"),
        ]
    );
    // Not the text's order: 2026-F-1000000 sorts after 2026-F-999999 (the text sorts it before).
    assert!(number("2026-F-999999") < number("2026-F-1000000"));
    assert!("2026-F-999999" > "2026-F-1000000");
}

#[test]
fn new_numbers_continue_the_last_issued_one() {
    let last = number("2026-F-000041");
    let after = |list: &[&str]| {
        let list: Vec<InvoiceNumber> = list.iter().map(|n| number(n)).collect();
        problems(check_sequence_after(Some(&last), &list))
    };
    assert!(after(&["2026-F-000042", "2026-F-000043"]).is_empty());
    assert!(after(&[]).is_empty());
    // The same numbers without the last issued one are a gap from 1.
    assert_eq!(
        problems(check_sequence(&[number("2026-F-000042")])),
        [SequenceProblem::Gap {
            from: number("2026-F-000001"),
            to: number("2026-F-000041")
        }]
    );
    // A gap across the boundary.
    assert_eq!(
        after(&["2026-F-000044"]),
        [SequenceProblem::Gap {
            from: number("2026-F-000042"),
            to: number("2026-F-000043")
        }]
    );
    // A duplicate across the boundary: the last issued number, or an earlier one, again.
    assert_eq!(
        after(&[
            "2026-F-000041",
            "2026-F-000042",
            "2026-F-000007",
            "2026-F-000007"
        ]),
        [
            SequenceProblem::Duplicate {
                number: number("2026-F-000007"),
                count: 3
            },
            SequenceProblem::Duplicate {
                number: number("2026-F-000041"),
                count: 2
            },
        ]
    );
    // Other series and years start at 1.
    assert!(after(&["2027-F-000001", "2026-C-000001"]).is_empty());
    assert_eq!(
        after(&["2027-F-000002"]),
        [SequenceProblem::Gap {
            from: number("2027-F-000001"),
            to: number("2027-F-000001")
        }]
    );
    // Nothing issued before: check_sequence.
    assert_eq!(
        check_sequence_after(None, &[number("2026-F-000002")]),
        check_sequence(&[number("2026-F-000002")])
    );
    let error = check_sequence_after(Some(&last), &[number("2026-F-000041")]).unwrap_err();
    assert_eq!(error.code(), "billing.invoice_sequence");
    assert_eq!(
        error.to_string(),
        "invoice numbers: 2026-F: 2026-F-000041 given 2 times"
    );
}

#[test]
fn the_form_is_year_series_and_a_padded_sequence() {
    let series = NumberSeries::new("F").unwrap();
    let first = series.first(2026).unwrap();
    assert_eq!(first.to_string(), "2026-F-000001");
    assert_eq!(first.next().unwrap(), number("2026-F-000002"));
    assert_eq!(
        number("2026-F-999999").next().unwrap().to_string(),
        "2026-F-1000000"
    );
    for bad in [
        "",
        "2026",
        "2026-F",
        "2026-F-",
        "2026-F-12345",
        "2026-F-0000001",
        "2026-f-000001",
        "2026-FACTU-000001",
        "26-F-000001",
        "02026-F-000001",
        "2026-F-000000",
        "2026-F-000001-2",
        "2026 -F-000001",
        "2026-F-+00001",
        "2026-F-4294967296",
        "0999-F-000001",
    ] {
        let error = bad.parse::<InvoiceNumber>().unwrap_err();
        assert_eq!(error.code(), "billing.invalid_invoice_number", "{bad}");
    }
    let error = InvoiceNumber::new(2026, NumberSeries::new("F").unwrap(), u32::MAX)
        .unwrap()
        .next()
        .unwrap_err();
    assert!(error.to_string().contains("is the last number"), "{error}");
    assert!(serde_json::from_str::<InvoiceNumber>("\"2026-F-12\"").is_err());
}

#[test]
fn gaps_and_duplicates_are_listed_per_series_and_year() {
    let list: Vec<InvoiceNumber> = [
        "2026-F-000001",
        "2026-F-000002",
        "2026-F-000005",
        "2026-F-000005",
        "2026-C-000001",
        "2027-F-000002",
        "2026-F-000003",
    ]
    .iter()
    .map(|text| number(text))
    .collect();
    let Err(BillingError::InvoiceSequence { problems }) = check_sequence(&list) else {
        panic!("a broken sequence");
    };
    assert_eq!(
        problems,
        [
            SequenceProblem::Gap {
                from: number("2026-F-000004"),
                to: number("2026-F-000004")
            },
            SequenceProblem::Duplicate {
                number: number("2026-F-000005"),
                count: 2
            },
            SequenceProblem::Gap {
                from: number("2027-F-000001"),
                to: number("2027-F-000001")
            },
        ]
    );
    let error = check_sequence(&list).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invoice numbers: 2026-F: 2026-F-000004 missing; 2026-F: 2026-F-000005 given 2 times; 2027-F: 2027-F-000001 missing"
    );
    assert!(check_sequence(&[]).is_ok());
}

proptest! {
    /// Display and parse are inverse.
    #[test]
    fn text_round_trips(year in 1000_i32..=9999, series in "[A-Z]{1,4}", sequence in 1_u32..) {
        let built = InvoiceNumber::new(year, NumberSeries::new(&series).unwrap(), sequence).unwrap();
        let text = built.to_string();
        prop_assert_eq!(text.parse::<InvoiceNumber>().unwrap(), built);
    }

    /// Numbers allocated with `next` from `first`, in any order, have no gap; removing one makes a
    /// gap (unless it was the last), and repeating one a duplicate.
    #[test]
    fn allocated_numbers_have_no_gap(counts in prop::collection::vec(1_u32..40, 1..4), drop_index in any::<prop::sample::Index>(), shuffle_seed in any::<u64>()) {
        let mut all = Vec::new();
        for (index, count) in counts.iter().enumerate() {
            let series = NumberSeries::new(["F", "C", "FA", "NC"][index]).unwrap();
            let mut next = series.first(2026).unwrap();
            for _ in 0..*count {
                all.push(next.clone());
                next = next.next().unwrap();
            }
        }
        let mut shuffled = all.clone();
        let len = shuffled.len();
        for i in 0..len {
            let j = ((shuffle_seed.wrapping_mul(i as u64 + 1)) % len as u64) as usize;
            shuffled.swap(i, j);
        }
        prop_assert!(check_sequence(&shuffled).is_ok());

        let dropped = drop_index.index(len);
        let removed = all[dropped].clone();
        let mut with_gap = all.clone();
        with_gap.remove(dropped);
        let last_of_series = !all.iter().any(|n| n.series() == removed.series() && n.sequence() > removed.sequence());
        prop_assert_eq!(check_sequence(&with_gap).is_ok(), last_of_series);

        let mut with_duplicate = all.clone();
        with_duplicate.push(removed.clone());
        let error = check_sequence(&with_duplicate).unwrap_err();
        let duplicate = SequenceProblem::Duplicate { number: removed, count: 2 };
        let BillingError::InvoiceSequence { problems } = error else {
            panic!("not a sequence error: {error}");
        };
        prop_assert_eq!(problems, vec![duplicate]);
    }
}
