//! Fuzzes the accounts a host stores and reads back (an edited or corrupt store): any text read by
//! `Account::from_json`. It may not panic. An account that reads writes back with `to_json` to
//! text that reads back to an equal account, and answers its state and sending questions at its
//! creation, at each change and far after the last one.
#![no_main]

use envoi::account::Account;
use envoi::contacts::Channel;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(account) = Account::from_json(text) else {
        return;
    };
    let again = Account::from_json(&account.to_json()).expect("an account's JSON reads back");
    assert_eq!(again, account);
    let mut instants = vec![account.created_at()];
    instants.extend(account.history().iter().map(|change| change.at));
    for window in account.history().windows(2) {
        assert!(window[0].at <= window[1].at, "the history is in time order");
    }
    if let Some(last) = account.history().last() {
        assert_eq!(last.to, account.state());
    }
    for at in instants {
        assert_eq!(account.may_send(at), account.require_active(at).is_ok());
        for channel in Channel::ALL {
            let _ = account.require_channel(channel, at);
        }
    }
});
