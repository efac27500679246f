//! SPEC section 7: which VAT an order carries. One test per **Decision**.

use chrono::NaiveDate;
use envoi::ErrorCode;
use envoi::language::Language;
use envoi::vat::{
    CustomerKind, Mention, OnlineCheck, RateTable, Reason, ServiceKind, TreatedAsConsumer,
    Treatment, TreatmentKind, TreatmentRequest, treatment,
};
use rust_decimal::Decimal;

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid test date")
}

fn amount(text: &str) -> Decimal {
    text.parse().expect("a decimal test amount")
}

fn online(valid: bool) -> OnlineCheck {
    OnlineCheck {
        valid,
        request_id: Some("WAPIAAAAW1Fz5rY0".into()),
        checked_at: "2026-03-02T10:00:00Z".parse().ok(),
    }
}

fn decide(request: &TreatmentRequest) -> Treatment {
    treatment(request, RateTable::builtin()).expect("a treatment")
}

const DATE: fn() -> NaiveDate = || day(2026, 3, 2);

#[test]
fn belgian_customers_pay_belgian_vat_business_or_consumer() {
    for kind in [CustomerKind::Business, CustomerKind::Consumer] {
        for service in [ServiceKind::Electronic, ServiceKind::Letter] {
            let request = TreatmentRequest::new("be", kind, service, DATE())
                .with_vat_number("BE 0403.170.701")
                .with_online_check(online(true))
                .with_exemption_requested();
            let decided = decide(&request);
            assert_eq!(decided.kind(), TreatmentKind::Charge);
            assert_eq!(decided.vat_country(), Some("BE"));
            assert_eq!(decided.rate(), Some(amount("21")));
            assert_eq!(decided.reason(), Reason::BelgianCustomer);
            assert_eq!(decided.mention(), None);
        }
    }
}

#[test]
fn eu_business_with_valid_number_and_exemption_asked_is_reverse_charged_with_mention() {
    for service in [ServiceKind::Electronic, ServiceKind::Letter] {
        let request = TreatmentRequest::new("DE", CustomerKind::Business, service, DATE())
            .with_vat_number("de 136-695-976")
            .with_online_check(online(true))
            .with_exemption_requested();
        let decided = decide(&request);
        assert_eq!(decided.kind(), TreatmentKind::ReverseCharge);
        assert_eq!(decided.vat_country(), Some("DE"));
        assert_eq!(decided.rate(), Some(Decimal::ZERO));
        assert_eq!(decided.mention(), Some(Mention::ReverseCharge));
        assert_eq!(decided.reason(), Reason::EuBusinessReverseCharge);
        assert_eq!(decided.treated_as_consumer(), None);
    }
    for language in Language::ALL {
        assert!(Mention::ReverseCharge.text(language).contains("196"));
    }
}

#[test]
fn a_business_without_exemption_asked_is_a_consumer_and_cannot_remove_vat_afterwards() {
    let request = TreatmentRequest::new(
        "DE",
        CustomerKind::Business,
        ServiceKind::Electronic,
        DATE(),
    )
    .with_vat_number("DE136695976")
    .with_online_check(online(true));
    let decided = decide(&request);
    assert_eq!(decided.kind(), TreatmentKind::Charge);
    assert_eq!(decided.vat_country(), Some("BE"));
    assert_eq!(decided.reason(), Reason::EuConsumerUnderThreshold);
    assert_eq!(
        decided.treated_as_consumer(),
        Some(TreatedAsConsumer::ExemptionNotRequested)
    );

    let refused = decided
        .remove_vat_after_order("order-17")
        .expect_err("refused");
    assert_eq!(refused.code(), "vat.exemption_not_requested_at_order");
    assert!(refused.to_string().contains("order-17"), "{refused}");
    assert!(
        refused
            .to_string()
            .contains("only be requested when ordering"),
        "{refused}"
    );

    let reverse = decide(&request.clone().with_exemption_requested());
    assert_eq!(reverse.remove_vat_after_order("order-18"), Ok(&reverse));
}

#[test]
fn eu_businesses_without_a_valid_number_are_consumers() {
    let cases = [
        (None, Some(online(true)), TreatedAsConsumer::NoVatNumber),
        (
            Some("DE136695977"),
            Some(online(true)),
            TreatedAsConsumer::InvalidOffline,
        ),
        (
            Some("FR136695976"),
            Some(online(true)),
            TreatedAsConsumer::InvalidOffline,
        ),
        (
            Some("DE136695976"),
            Some(online(false)),
            TreatedAsConsumer::InvalidOnline,
        ),
        (
            Some("EU372000041"),
            Some(online(true)),
            TreatedAsConsumer::OssNumber,
        ),
    ];
    for (number, answer, because) in cases {
        let mut request = TreatmentRequest::new(
            "DE",
            CustomerKind::Business,
            ServiceKind::Electronic,
            DATE(),
        )
        .with_exemption_requested()
        .with_b2c_totals(amount("10000.01"), Decimal::ZERO);
        request.vat_number = number.map(str::to_owned);
        request.online_check = answer;
        let decided = decide(&request);
        assert_eq!(decided.treated_as_consumer(), Some(because), "{number:?}");
        assert_eq!(decided.kind(), TreatmentKind::Charge, "{number:?}");
        assert_eq!(
            decided.vat_country(),
            Some("DE"),
            "{number:?}: over the threshold"
        );
        assert_eq!(decided.rate(), Some(amount("19")));
    }
}

#[test]
fn online_check_unavailable_is_pending_never_a_silent_reverse_charge() {
    let request = TreatmentRequest::new(
        "NL",
        CustomerKind::Business,
        ServiceKind::Electronic,
        DATE(),
    )
    .with_vat_number("NL004495445B01")
    .with_exemption_requested();
    let decided = decide(&request);
    assert_eq!(decided.kind(), TreatmentKind::PendingVerification);
    assert_eq!(decided.rate(), None);
    assert_eq!(decided.mention(), None);
    assert_eq!(decided.reason(), Reason::EuBusinessOnlineCheckUnavailable);
}

#[test]
fn b2c_threshold_exceeds_means_strictly_more_than_10000_in_either_year() {
    let consumer = |current: &str, previous: &str| {
        let request = TreatmentRequest::new(
            "FR",
            CustomerKind::Consumer,
            ServiceKind::Electronic,
            DATE(),
        )
        .with_b2c_totals(amount(current), amount(previous));
        decide(&request)
    };
    let at = consumer("10000.00", "10000.00");
    assert_eq!(
        (at.vat_country(), at.reason()),
        (Some("BE"), Reason::EuConsumerUnderThreshold)
    );
    assert_eq!(at.rate(), Some(amount("21")));
    let over_now = consumer("10000.01", "0");
    assert_eq!(over_now.vat_country(), Some("FR"));
    assert_eq!(over_now.rate(), Some(amount("20")));
    assert_eq!(over_now.reason(), Reason::EuConsumerOverThreshold);
    let over_last_year = consumer("12.10", "10000.01");
    assert_eq!(over_last_year.vat_country(), Some("FR"));

    let negative = TreatmentRequest::new(
        "FR",
        CustomerKind::Consumer,
        ServiceKind::Electronic,
        DATE(),
    )
    .with_b2c_totals(amount("-1"), Decimal::ZERO);
    let error = treatment(&negative, RateTable::builtin()).expect_err("negative total");
    assert_eq!(error.code(), "vat.invalid_amount");
    assert!(error.to_string().contains("b2c_current_year"), "{error}");
}

#[test]
fn letters_follow_the_general_rule_a_consumer_anywhere_pays_belgian_vat() {
    for country in ["FR", "DE", "US", "XI", "CH"] {
        let request =
            TreatmentRequest::new(country, CustomerKind::Consumer, ServiceKind::Letter, DATE())
                .with_b2c_totals(amount("50000"), amount("50000"));
        let decided = decide(&request);
        assert_eq!(decided.kind(), TreatmentKind::Charge, "{country}");
        assert_eq!(decided.vat_country(), Some("BE"), "{country}");
        assert_eq!(
            decided.reason(),
            Reason::LetterConsumerGeneralRule,
            "{country}"
        );
    }
    let business = TreatmentRequest::new("US", CustomerKind::Business, ServiceKind::Letter, DATE());
    let decided = decide(&business);
    assert_eq!(decided.kind(), TreatmentKind::OutOfScope);
    assert_eq!(decided.reason(), Reason::OutsideEuBusinessLetter);
}

#[test]
fn electronic_services_outside_the_eu_are_out_of_scope_with_the_mention() {
    for kind in [CustomerKind::Business, CustomerKind::Consumer] {
        let request = TreatmentRequest::new("US", kind, ServiceKind::Electronic, DATE());
        let decided = decide(&request);
        assert_eq!(decided.kind(), TreatmentKind::OutOfScope);
        assert_eq!(decided.vat_country(), None);
        assert_eq!(decided.rate(), Some(Decimal::ZERO));
        assert_eq!(decided.mention(), Some(Mention::OutOfScope));
        assert_eq!(decided.reason(), Reason::OutsideEuElectronic);
    }
}

#[test]
fn xi_numbers_validate_but_an_xi_customer_is_outside_the_eu_for_services() {
    let request = TreatmentRequest::new(
        "XI",
        CustomerKind::Business,
        ServiceKind::Electronic,
        DATE(),
    )
    .with_vat_number("XI 980 7806 84")
    .with_online_check(online(true))
    .with_exemption_requested();
    let decided = decide(&request);
    assert_eq!(decided.kind(), TreatmentKind::OutOfScope);
    assert_eq!(decided.reason(), Reason::OutsideEuElectronic);
    let evidence = decided.evidence().expect("evidence");
    assert_eq!(evidence.compact.as_deref(), Some("XI980780684"));
    assert_eq!(evidence.offline_error, None);
}

#[test]
fn gr_is_read_as_el() {
    let request = TreatmentRequest::new(
        "GR",
        CustomerKind::Consumer,
        ServiceKind::Electronic,
        DATE(),
    )
    .with_b2c_totals(amount("20000"), Decimal::ZERO);
    let decided = decide(&request);
    assert_eq!(decided.vat_country(), Some("EL"));
    assert_eq!(decided.rate(), Some(amount("24")));

    let business = TreatmentRequest::new(
        "GR",
        CustomerKind::Business,
        ServiceKind::Electronic,
        DATE(),
    )
    .with_vat_number("GR 094259216")
    .with_online_check(online(true))
    .with_exemption_requested();
    let decided = decide(&business);
    assert_eq!(decided.kind(), TreatmentKind::ReverseCharge);
    assert_eq!(decided.vat_country(), Some("EL"));
    assert_eq!(
        decided.evidence().and_then(|e| e.compact.as_deref()),
        Some("EL094259216")
    );
}

#[test]
fn the_evidence_keeps_the_number_as_typed_its_verdicts_and_the_request_id() {
    let request = TreatmentRequest::new(
        "IT",
        CustomerKind::Business,
        ServiceKind::Electronic,
        DATE(),
    )
    .with_vat_number("IT 007.431.101-57")
    .with_online_check(online(true))
    .with_exemption_requested();
    let decided = decide(&request);
    let evidence = decided.evidence().expect("evidence").clone();
    assert_eq!(evidence.typed, "IT 007.431.101-57");
    assert_eq!(evidence.compact.as_deref(), Some("IT00743110157"));
    assert_eq!(evidence.offline_error, None);
    assert_eq!(evidence.online, Some(online(true)));

    // Frozen: the treatment serialises and reads back unchanged.
    let json = serde_json::to_string(&decided).expect("json");
    let back: Treatment = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, decided);

    let bad = decide(&request.clone().with_vat_number("IT00743110158"));
    let evidence = bad.evidence().expect("evidence");
    assert_eq!(
        evidence.offline_error.as_deref(),
        Some("vat.bad_check_digit")
    );
}

#[test]
fn packs_carry_the_rate_in_force_on_the_day_they_are_bought() {
    let bought = |date| {
        let request =
            TreatmentRequest::new("EE", CustomerKind::Consumer, ServiceKind::Electronic, date)
                .with_b2c_totals(amount("20000"), Decimal::ZERO);
        decide(&request).rate()
    };
    assert_eq!(bought(day(2025, 6, 30)), Some(amount("22")));
    assert_eq!(bought(day(2025, 7, 1)), Some(amount("24")));
}

#[test]
fn arguments_are_checked_with_errors_that_name_them() {
    let error = "robot".parse::<CustomerKind>().expect_err("bad kind");
    assert_eq!(error.code(), "vat.invalid_argument");
    assert!(error.to_string().contains("customer_kind"), "{error}");
    let error = "parcel".parse::<ServiceKind>().expect_err("bad service");
    assert!(error.to_string().contains("electronic, letter"), "{error}");

    let request = TreatmentRequest::new(
        "Belgium",
        CustomerKind::Consumer,
        ServiceKind::Letter,
        DATE(),
    );
    let error = treatment(&request, RateTable::builtin()).expect_err("bad country");
    assert_eq!(error.code(), "vat.unknown_country");
    assert!(error.to_string().contains("Belgium"), "{error}");
}

mod invariants {
    use super::*;
    use proptest::prelude::*;

    fn request() -> impl Strategy<Value = TreatmentRequest> {
        let countries = prop::sample::select(vec![
            "BE", "DE", "FR", "NL", "GR", "EL", "IT", "XI", "US", "CH", "IE",
        ]);
        let numbers = prop::option::of(prop::sample::select(vec![
            "BE0403170701",
            "DE136695976",
            "DE136695977",
            "FR40303265045",
            "NL004495445B01",
            "EL094259216",
            "IT00743110157",
            "IE6433435F",
            "XI980780684",
            "EU372000041",
            "garbage",
        ]));
        let online = prop::option::of(any::<bool>());
        (
            countries,
            any::<bool>(),
            any::<bool>(),
            numbers,
            online,
            any::<bool>(),
            0u32..20_000,
            0u32..20_000,
            (2019i32..2028, 1u32..=12, 1u32..=28),
        )
            .prop_map(
                |(
                    country,
                    business,
                    letter,
                    number,
                    online_valid,
                    exemption,
                    current,
                    previous,
                    (y, m, d),
                )| {
                    let kind = if business {
                        CustomerKind::Business
                    } else {
                        CustomerKind::Consumer
                    };
                    let service = if letter {
                        ServiceKind::Letter
                    } else {
                        ServiceKind::Electronic
                    };
                    let mut request = TreatmentRequest::new(country, kind, service, day(y, m, d))
                        .with_b2c_totals(Decimal::from(current), Decimal::from(previous));
                    request.vat_number = number.map(str::to_owned);
                    request.online_check = online_valid.map(|valid| OnlineCheck {
                        valid,
                        request_id: None,
                        checked_at: None,
                    });
                    request.exemption_requested = exemption;
                    request
                },
            )
    }

    proptest! {
        #[test]
        fn no_treatment_removes_vat_without_every_condition(request in request()) {
            let decided = treatment(&request, RateTable::builtin()).expect("a treatment");
            let country = if request.customer_country == "GR" { "EL" } else { request.customer_country.as_str() };
            let eu_abroad = envoi::vat::is_eu_member_state(country) && country != "BE";
            match decided.kind() {
                TreatmentKind::ReverseCharge => {
                    prop_assert!(eu_abroad && request.exemption_requested);
                    prop_assert_eq!(request.customer_kind, CustomerKind::Business);
                    prop_assert_eq!(request.online_check.as_ref().map(|answer| answer.valid), Some(true));
                    prop_assert_eq!(decided.rate(), Some(Decimal::ZERO));
                    prop_assert_eq!(decided.mention(), Some(Mention::ReverseCharge));
                }
                TreatmentKind::PendingVerification => {
                    prop_assert!(eu_abroad && request.exemption_requested);
                    prop_assert!(request.online_check.is_none());
                    prop_assert_eq!(decided.rate(), None);
                }
                TreatmentKind::OutOfScope => {
                    prop_assert!(!envoi::vat::is_eu_member_state(country));
                    prop_assert!(request.service == ServiceKind::Electronic
                        || request.customer_kind == CustomerKind::Business);
                    prop_assert_eq!(decided.mention(), Some(Mention::OutOfScope));
                }
                TreatmentKind::Charge => {
                    let vat_country = decided.vat_country().expect("a charge names its country");
                    prop_assert!(vat_country == "BE" || vat_country == country);
                    prop_assert!(decided.rate().is_some_and(|rate| rate > Decimal::ZERO));
                    if vat_country != "BE" {
                        prop_assert_eq!(request.service, ServiceKind::Electronic);
                        prop_assert!(request.b2c_current_year > Decimal::from(10_000)
                            || request.b2c_previous_year > Decimal::from(10_000));
                    }
                }
            }
            if request.customer_kind == CustomerKind::Consumer && request.service == ServiceKind::Letter {
                prop_assert_eq!(decided.vat_country(), Some("BE"));
            }
        }
    }
}

mod online_check {
    use std::cell::RefCell;

    use super::*;
    use envoi::vat::{OnlineCheckUnavailable, OnlineVatCheck, VatNumber};

    /// A host's VIES stand-in that records what it was asked.
    struct Registry {
        answer: Result<bool, ()>,
        asked: RefCell<Vec<String>>,
    }

    impl OnlineVatCheck for Registry {
        fn check(&self, number: &VatNumber) -> Result<OnlineCheck, OnlineCheckUnavailable> {
            self.asked.borrow_mut().push(number.compact().to_owned());
            self.answer
                .map(|valid| OnlineCheck {
                    valid,
                    request_id: Some("WAPIAAAAW1Fz5rY0".into()),
                    checked_at: None,
                })
                .map_err(|()| OnlineCheckUnavailable::new("MS_UNAVAILABLE"))
        }
    }

    fn registry(answer: Result<bool, ()>) -> Registry {
        Registry {
            answer,
            asked: RefCell::new(Vec::new()),
        }
    }

    fn business(country: &str, number: &str) -> TreatmentRequest {
        TreatmentRequest::new(
            country,
            CustomerKind::Business,
            ServiceKind::Electronic,
            DATE(),
        )
        .with_vat_number(number)
        .with_exemption_requested()
    }

    #[test]
    fn the_host_is_asked_only_when_its_answer_decides() {
        let host = registry(Ok(true));
        let not_needed = [
            TreatmentRequest::new(
                "DE",
                CustomerKind::Consumer,
                ServiceKind::Electronic,
                DATE(),
            )
            .with_vat_number("DE136695976")
            .with_exemption_requested(),
            TreatmentRequest::new(
                "DE",
                CustomerKind::Business,
                ServiceKind::Electronic,
                DATE(),
            )
            .with_vat_number("DE136695976"),
            business("BE", "BE0403170701"),
            business("XI", "XI980780684"),
            business("US", "123"),
            business("DE", "DE136695977"),
            business("DE", "EU372000041"),
        ];
        for request in not_needed {
            let checked = request.clone().with_online_check_from(&host);
            assert_eq!(checked, request, "nothing recorded");
        }
        assert!(host.asked.borrow().is_empty(), "{:?}", host.asked.borrow());

        let decided = decide(&business("GR", "094259216").with_online_check_from(&host));
        assert_eq!(host.asked.borrow().as_slice(), ["EL094259216"]);
        assert_eq!(decided.kind(), TreatmentKind::ReverseCharge);
    }

    #[test]
    fn the_answer_decides_reverse_charge_consumer_or_pending() {
        let invalid =
            decide(&business("DE", "DE136695976").with_online_check_from(&registry(Ok(false))));
        assert_eq!(
            invalid.treated_as_consumer(),
            Some(TreatedAsConsumer::InvalidOnline)
        );
        let down =
            decide(&business("DE", "DE136695976").with_online_check_from(&registry(Err(()))));
        assert_eq!(down.kind(), TreatmentKind::PendingVerification);
        assert_eq!(
            down.evidence().and_then(|evidence| evidence.online.clone()),
            None
        );
    }
}
