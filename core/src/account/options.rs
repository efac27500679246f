//! What an account has switched on: channels, the SMS option, letter approval, low-balance thresholds.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::contacts::{AccountSmsOption, Channel};
use crate::credits::CreditKind;
use crate::post::Job;
use crate::time::Instant;

use super::error::AccountError;

/// An account's options (issue 10): which channels it uses, the SMS option of SPEC section 3,
/// which senders' letters need a manager's approval, and its low-balance thresholds per credit kind.
///
/// SMS is governed by the [`AccountSmsOption`] alone (so there is one switch, and switching it keeps
/// its time for the contact rules of [`crate::contacts`]); the other channels by the set of enabled
/// channels. By default email, secure email and letters are enabled and SMS is off.
///
/// ```
/// use std::collections::BTreeMap;
/// use envoi::account::AccountOptions;
/// use envoi::contacts::Channel;
/// use envoi::credits::CreditKind;
///
/// let at = "2026-03-01T09:00:00Z".parse().unwrap();
/// let mut options = AccountOptions::default();
/// assert!(options.is_enabled(Channel::Email) && !options.is_enabled(Channel::Sms));
/// options.enable(Channel::Sms, at);
/// assert!(options.sms_option().enabled);
/// assert_eq!(options.sms_option().changed_at, Some(at));
/// options.disable(Channel::Letter, at);
/// assert_eq!(options.enabled_channels(), [Channel::Email, Channel::Sms, Channel::SecureEmail]);
///
/// options.set_low_balance_threshold(CreditKind::sms(), Some(100));
/// assert_eq!(options.low_balance_thresholds(), &BTreeMap::from([(CreditKind::sms(), 100)]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OptionsData")]
pub struct AccountOptions {
    channels: BTreeSet<Channel>,
    sms_option: AccountSmsOption,
    letter_approval_senders: BTreeSet<u64>,
    low_balance_thresholds: BTreeMap<CreditKind, u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionsData {
    channels: BTreeSet<Channel>,
    sms_option: AccountSmsOption,
    #[serde(default)]
    letter_approval_senders: BTreeSet<u64>,
    #[serde(default)]
    low_balance_thresholds: BTreeMap<CreditKind, u64>,
}

impl TryFrom<OptionsData> for AccountOptions {
    type Error = String;

    fn try_from(data: OptionsData) -> Result<Self, Self::Error> {
        if data.channels.contains(&Channel::Sms) {
            return Err(
                "options.channels: \"sms\" is listed; SMS is switched by options.sms_option alone"
                    .to_owned(),
            );
        }
        Ok(AccountOptions {
            channels: data.channels,
            sms_option: data.sms_option,
            letter_approval_senders: data.letter_approval_senders,
            low_balance_thresholds: data.low_balance_thresholds,
        })
    }
}

impl Default for AccountOptions {
    fn default() -> Self {
        AccountOptions {
            channels: BTreeSet::from([Channel::Email, Channel::SecureEmail, Channel::Letter]),
            sms_option: AccountSmsOption::default(),
            letter_approval_senders: BTreeSet::new(),
            low_balance_thresholds: BTreeMap::new(),
        }
    }
}

impl AccountOptions {
    /// Whether the account uses `channel` (for SMS: whether the SMS option is on).
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// use envoi::contacts::Channel;
    /// assert!(AccountOptions::default().is_enabled(Channel::SecureEmail));
    /// ```
    pub fn is_enabled(&self, channel: Channel) -> bool {
        match channel {
            Channel::Sms => self.sms_option.enabled,
            _ => self.channels.contains(&channel),
        }
    }

    /// The channels the account uses, in the order of [`Channel::ALL`].
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// use envoi::contacts::Channel;
    /// assert_eq!(AccountOptions::default().enabled_channels(), [Channel::Email, Channel::SecureEmail, Channel::Letter]);
    /// ```
    pub fn enabled_channels(&self) -> Vec<Channel> {
        Channel::ALL
            .into_iter()
            .filter(|&channel| self.is_enabled(channel))
            .collect()
    }

    /// Enables `channel` at `at`; `false` if it already was (SMS: switches the SMS option, which
    /// records `at`).
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// use envoi::contacts::Channel;
    /// let mut options = AccountOptions::default();
    /// assert!(!options.enable(Channel::Email, "2026-03-01T09:00:00Z".parse().unwrap()));
    /// ```
    pub fn enable(&mut self, channel: Channel, at: Instant) -> bool {
        match channel {
            Channel::Sms => self.sms_option.switch(true, at),
            _ => self.channels.insert(channel),
        }
    }

    /// Disables `channel` at `at`; `false` if it already was off.
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// use envoi::contacts::Channel;
    /// let mut options = AccountOptions::default();
    /// assert!(options.disable(Channel::Letter, "2026-03-01T09:00:00Z".parse().unwrap()));
    /// assert!(!options.is_enabled(Channel::Letter));
    /// ```
    pub fn disable(&mut self, channel: Channel, at: Instant) -> bool {
        match channel {
            Channel::Sms => self.sms_option.switch(false, at),
            _ => self.channels.remove(&channel),
        }
    }

    /// The SMS option of SPEC section 3, as [`crate::contacts::Contact::may_receive`] takes it.
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// assert!(!AccountOptions::default().sms_option().enabled);
    /// ```
    pub fn sms_option(&self) -> &AccountSmsOption {
        &self.sms_option
    }

    /// Whether letters from the user `sender` need a manager's approval before printing.
    ///
    /// `sender` is the host's id of one of **this account's** users (as
    /// [`Job::sender`] gives it): user ids carry no account, so the options cannot tell another
    /// account's user apart; ask through
    /// [`apply_letter_approval_for_account`](Self::apply_letter_approval_for_account), which checks
    /// the job's account.
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// let mut options = AccountOptions::default();
    /// options.set_letter_approval(7, true);
    /// assert!(options.letter_approval_required(7));
    /// assert!(!options.letter_approval_required(8));
    /// ```
    pub fn letter_approval_required(&self, sender: u64) -> bool {
        self.letter_approval_senders.contains(&sender)
    }

    /// Requires (or no longer requires) a manager's approval for the letters of `sender`, the
    /// host's id of one of this account's users (the host checks that the user is the account's).
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// let mut options = AccountOptions::default();
    /// options.set_letter_approval(7, true);
    /// options.set_letter_approval(7, false);
    /// assert!(!options.letter_approval_required(7));
    /// ```
    pub fn set_letter_approval(&mut self, sender: u64, required: bool) {
        if required {
            self.letter_approval_senders.insert(sender);
        } else {
            self.letter_approval_senders.remove(&sender);
        }
    }

    /// The senders whose letters need approval, in increasing order.
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// let mut options = AccountOptions::default();
    /// options.set_letter_approval(9, true);
    /// assert_eq!(options.letter_approval_senders().collect::<Vec<_>>(), [9]);
    /// ```
    pub fn letter_approval_senders(&self) -> impl Iterator<Item = u64> + '_ {
        self.letter_approval_senders.iter().copied()
    }

    /// The job with the approval step these options ask for its sender
    /// ([`Job::with_approval_required`]). It does not check that the job is of the account
    /// these options belong to: prefer
    /// [`apply_letter_approval_for_account`](Self::apply_letter_approval_for_account).
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// use envoi::post::{Document, Job, Letter, Postage};
    ///
    /// let mut options = AccountOptions::default();
    /// options.set_letter_approval(7, true);
    /// let letter = Letter::new(vec![Document::a4(1)], Postage::Prior);
    /// let job = Job::new(12, 345, 7, letter, vec![vec!["9000 GENT".into()]], "2026-03-10T08:00:00Z".parse()?)?;
    /// assert!(options.apply_letter_approval(job).approval_required());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_letter_approval(&self, job: Job) -> Job {
        let required = self.letter_approval_required(job.sender());
        job.with_approval_required(required)
    }

    /// The job with the approval step these options ask for its sender, after checking that the
    /// job is of `account` (the host's number of the account these options belong to, as
    /// [`Job::account`] numbers it): the one call the host makes when it creates a letter job.
    ///
    /// # Errors
    /// [`AccountError::JobOfAnotherAccount`] (`account.job_of_another_account`) for a job of
    /// another account: its sender's rule is that account's, never this one's.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::account::AccountOptions;
    /// use envoi::post::{Document, Job, Letter, Postage};
    ///
    /// let mut options = AccountOptions::default(); // the options of the host's account 12
    /// options.set_letter_approval(7, true);
    /// let letter = Letter::new(vec![Document::a4(1)], Postage::Prior);
    /// let at = "2026-03-10T08:00:00Z".parse()?;
    /// let job = Job::new(12, 345, 7, letter.clone(), vec![vec!["9000 GENT".into()]], at)?;
    /// assert!(options.apply_letter_approval_for_account(12, job)?.approval_required());
    ///
    /// let other = Job::new(13, 346, 7, letter, vec![vec!["9000 GENT".into()]], at)?;
    /// let error = options.apply_letter_approval_for_account(12, other).unwrap_err();
    /// assert_eq!(error.code(), "account.job_of_another_account");
    /// assert_eq!(error.to_string(), "job 346: account 13 is not account 12, whose options were asked; a job's approval step follows its own account's options");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_letter_approval_for_account(
        &self,
        account: u64,
        job: Job,
    ) -> Result<Job, AccountError> {
        if job.account() != account {
            return Err(AccountError::JobOfAnotherAccount {
                job: job.id(),
                job_account: job.account(),
                account,
            });
        }
        Ok(self.apply_letter_approval(job))
    }

    /// Sets (`Some`) or removes (`None`) the low-balance threshold of a credit kind: the account is
    /// warned when the available units are at or under it.
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// use envoi::credits::CreditKind;
    /// let mut options = AccountOptions::default();
    /// options.set_low_balance_threshold(CreditKind::email(), Some(500));
    /// options.set_low_balance_threshold(CreditKind::email(), None);
    /// assert!(options.low_balance_thresholds().is_empty());
    /// ```
    pub fn set_low_balance_threshold(&mut self, kind: CreditKind, threshold: Option<u64>) {
        match threshold {
            Some(threshold) => {
                self.low_balance_thresholds.insert(kind, threshold);
            }
            None => {
                self.low_balance_thresholds.remove(&kind);
            }
        }
    }

    /// The low-balance thresholds per credit kind, as [`crate::credits::Ledger::notices_at`] takes
    /// them.
    ///
    /// ```
    /// use envoi::account::AccountOptions;
    /// use envoi::credits::{CreditKind, Ledger};
    /// use envoi::time::Zone;
    ///
    /// let at = "2026-03-01T09:00:00Z".parse()?;
    /// let mut options = AccountOptions::default();
    /// options.set_low_balance_threshold(CreditKind::sms(), Some(100));
    /// let mut ledger = Ledger::new(Zone::default());
    /// ledger.purchase("order-1", CreditKind::sms(), 50, at, false)?;
    /// let notices = ledger.notices_at(at, options.low_balance_thresholds(), 30);
    /// assert_eq!(notices.low_balance[0].available, 50);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn low_balance_thresholds(&self) -> &BTreeMap<CreditKind, u64> {
        &self.low_balance_thresholds
    }
}
