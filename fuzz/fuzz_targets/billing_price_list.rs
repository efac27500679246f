//! Fuzzes the price lists a host loads (an edited file, a newer catalogue): any bytes read as JSON
//! and as TOML by `PriceList`. Neither may panic. A list that reads answers every query without
//! panicking: each entry's own price on its first and last valid days (and a refusal the day
//! before), the unit price of every channel, and a letter price for every postage row with every
//! supplement, at every sheet count up to the largest letter's.
#![no_main]

use envoi::billing::{LetterQuery, PriceList, Validity};
use envoi::contacts::Channel;
use envoi::post::{Postage, PostalZone, WeightBand};
use libfuzzer_sys::fuzz_target;

/// The days around a validity's edges: its first day, the day before, its end and the day before.
fn days(validity: &Validity) -> impl Iterator<Item = chrono::NaiveDate> {
    [
        Some(validity.valid_from),
        validity.valid_from.pred_opt(),
        validity.valid_until,
        validity.valid_until.and_then(|until| until.pred_opt()),
    ]
    .into_iter()
    .flatten()
}

fn exercise(list: &PriceList) {
    for pack in list.packs() {
        let found = list
            .pack(&pack.id, pack.validity.valid_from)
            .expect("a pack has its price on its first day");
        assert_eq!(found, pack);
        for day in days(&pack.validity) {
            let _ = list.pack(&pack.id, day);
        }
    }
    for price in list.unit_prices() {
        assert_eq!(
            list.unit_price(price.channel, price.validity.valid_from)
                .expect("its first day"),
            price
        );
        for day in days(&price.validity) {
            for channel in Channel::ALL {
                let _ = list.unit_price(channel, day);
            }
        }
    }
    for plan in list.block_plans() {
        assert_eq!(
            list.block_plan(&plan.id, plan.validity.valid_from)
                .expect("its first day"),
            plan
        );
    }
    for tariff in list.letter_tariffs() {
        for day in days(&tariff.validity) {
            for rate in &tariff.postage {
                let zone = if rate.postage == Postage::PriorInternational {
                    PostalZone::International
                } else {
                    PostalZone::National
                };
                let band = WeightBand {
                    zone,
                    format: rate.format,
                    up_to_grams: rate.up_to_grams,
                };
                for postage in [rate.postage, Postage::Registered, Postage::Rp] {
                    for sheets in [0, 1, 25, u32::MAX] {
                        for flags in 0..8_u8 {
                            let query = LetterQuery {
                                color: flags & 1 != 0,
                                duplex: flags & 2 != 0,
                                acknowledgement_of_receipt: flags & 4 != 0,
                                ..LetterQuery::new(postage, band, sheets)
                            };
                            if let Ok(price) = list.letter_price(&query, day) {
                                let _ = price.total();
                            }
                        }
                    }
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(list) = PriceList::from_json("fuzz.json", text) {
        exercise(&list);
    }
    if let Ok(list) = PriceList::from_toml("fuzz.toml", text) {
        exercise(&list);
    }
});
