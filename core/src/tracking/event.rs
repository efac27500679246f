//! Raw tracking events: one open of a pixel or one click on a tracked link, as the host saw it.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::StatsError;
use crate::time::Instant;
use crate::token::{Claims, Purpose, Verified};

/// What a tracking event is: the open pixel was loaded, or a tracked link was followed.
///
/// ```
/// use envoi::tracking::EventKind;
/// assert_eq!(serde_json::to_string(&EventKind::Click)?, r#""click""#);
/// assert_eq!(EventKind::Open.as_str(), "open");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The open pixel was loaded (by a mail client, a webmail's image proxy or a prefetcher).
    Open,
    /// A tracked link was followed (by a person, a link scanner or a preview).
    Click,
}

impl EventKind {
    /// Both kinds, opens first.
    pub const ALL: [EventKind; 2] = [EventKind::Open, EventKind::Click];

    /// The kind's name: `"open"` or `"click"` (also its JSON form).
    ///
    /// ```
    /// assert_eq!(envoi::tracking::EventKind::Click.as_str(), "click");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Open => "open",
            EventKind::Click => "click",
        }
    }
}

/// One raw tracking event: a request for an open pixel or a tracked link, with what the host's
/// HTTP endpoint knew about it.
///
/// The host records every event it verified (see [`TrackingEvent::from_verified`]) and keeps the
/// raw events (their JSON form is stable), so it can aggregate them again with other
/// [`MachineRules`](super::MachineRules) later. [`Stats`](super::Stats) aggregates them.
///
/// `claims` identify the link, not a person: a forwarded mail carries the same pixel and links,
/// so everyone who reads the forwarded copy shows up as the original recipient.
///
/// ```
/// use envoi::token::Claims;
/// use envoi::tracking::{EventKind, TrackingEvent};
///
/// let claims = Claims { account: Some(1), message: Some(42), occurrence: None,
///                       recipient: Some(7), link: Some(2), credential: None };
/// let event = TrackingEvent::new(EventKind::Click, claims, "2026-11-30T09:00:12Z".parse()?)
///     .with_user_agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1")
///     .with_ip("2a02:a03f:1234::1".parse()?)
///     .with_delivered_at("2026-11-30T09:00:00Z".parse()?);
/// let json = serde_json::to_string(&event)?;
/// assert!(json.starts_with(r#"{"kind":"click","claims":{"account":1,"message":42,"recipient":7,"link":2},"at":"2026-11-30T09:00:12Z""#));
/// assert_eq!(serde_json::from_str::<TrackingEvent>(&json)?, event);
///
/// // Only kind, claims and at are required.
/// let open: TrackingEvent = serde_json::from_str(
///     r#"{"kind": "open", "claims": {"message": 42, "recipient": 7}, "at": "2026-11-30T10:00:00Z"}"#)?;
/// assert_eq!((open.user_agent, open.head_request), (None, false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackingEvent {
    /// Open or click.
    pub kind: EventKind,
    /// What the verified token said: account, message, occurrence, recipient and link. A claim the
    /// token did not carry is `None`, and counts as its own value when events are grouped.
    pub claims: Claims,
    /// When the request arrived.
    pub at: Instant,
    /// The request's `User-Agent` header, as sent: `Some("")` when the request had none, `None`
    /// when the host did not record it (then no user-agent rule applies to the event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// The client's IP address, when the host keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpAddr>,
    /// True when the request was an HTTP `HEAD` (a link checker, not a browser).
    #[serde(default, skip_serializing_if = "is_false")]
    pub head_request: bool,
    /// The host's own class of the client, when it has one (from its user-agent parser or its
    /// proxy: `"bot"`, `"webmail"`…). [`MachineRules`](super::MachineRules) can name classes that
    /// mean a machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_class: Option<String>,
    /// When the message was delivered to the recipient's server, when the host knows it (its
    /// delivery report). Lets the rules recognise clicks that come too soon after delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<Instant>,
    /// How many tracked links the message has, when the host knows it (the tracked-email rewrite
    /// says). Makes the "every link within one second" rule require every link, not only two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links_in_message: Option<u16>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl TrackingEvent {
    /// An event with only its kind, claims and time; add what else the host knows with the
    /// `with_*` methods.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, TrackingEvent};
    ///
    /// let event = TrackingEvent::new(EventKind::Open, Claims::default(), "2026-11-30T09:00:00Z".parse()?);
    /// assert_eq!((event.user_agent, event.ip, event.delivered_at), (None, None, None));
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn new(kind: EventKind, claims: Claims, at: Instant) -> TrackingEvent {
        TrackingEvent {
            kind,
            claims,
            at,
            user_agent: None,
            ip: None,
            head_request: false,
            client_class: None,
            delivered_at: None,
            links_in_message: None,
        }
    }

    /// The event of a request whose token verified as an open or a click token: the kind comes
    /// from the token's purpose and the claims from the token.
    ///
    /// Tokens of the other purposes (approval, sender verification, password reset, secure email)
    /// are refused with `tracking.not_a_tracking_token`: they are not engagement, and secure-email
    /// access in particular is never counted in the statistics.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::time::Instant;
    /// use envoi::token::{Claims, KeyRing, Purpose};
    /// use envoi::tracking::{EventKind, TrackingEvent};
    ///
    /// let ring = KeyRing::new([(1, vec![0x11; 32])], 1)?;
    /// let now: Instant = "2026-11-30T09:00:00Z".parse()?;
    /// let claims = Claims { message: Some(42), recipient: Some(7), link: Some(1), ..Claims::default() };
    /// let token = ring.issue(Purpose::Click, &claims, now, None)?;
    /// let event = TrackingEvent::from_verified(&ring.verify(Purpose::Click, &token, now)?, now)?;
    /// assert_eq!((event.kind, event.claims), (EventKind::Click, claims));
    ///
    /// let access = ring.issue(Purpose::SecureEmail, &claims, now, None)?;
    /// let verified = ring.verify(Purpose::SecureEmail, &access, now)?;
    /// let error = TrackingEvent::from_verified(&verified, now).unwrap_err();
    /// assert_eq!(error.code(), "tracking.not_a_tracking_token");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_verified(verified: &Verified, at: Instant) -> Result<TrackingEvent, StatsError> {
        let kind = match verified.purpose {
            Purpose::Open => EventKind::Open,
            Purpose::Click => EventKind::Click,
            other => {
                return Err(StatsError::NotATrackingToken {
                    purpose: other.as_str().to_string(),
                });
            }
        };
        Ok(TrackingEvent::new(kind, verified.claims, at))
    }

    /// The same event with its `User-Agent` header.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, TrackingEvent};
    /// let event = TrackingEvent::new(EventKind::Open, Claims::default(), "2026-11-30T09:00:00Z".parse()?)
    ///     .with_user_agent("Mozilla/5.0");
    /// assert_eq!(event.user_agent.as_deref(), Some("Mozilla/5.0"));
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    #[must_use]
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> TrackingEvent {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The same event with the client's IP address.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, TrackingEvent};
    /// let event = TrackingEvent::new(EventKind::Open, Claims::default(), "2026-11-30T09:00:00Z".parse()?)
    ///     .with_ip("17.58.0.1".parse()?);
    /// assert_eq!(event.ip.map(|ip| ip.to_string()).as_deref(), Some("17.58.0.1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_ip(mut self, ip: IpAddr) -> TrackingEvent {
        self.ip = Some(ip);
        self
    }

    /// The same event, marked as an HTTP `HEAD` request.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, TrackingEvent};
    /// let event = TrackingEvent::new(EventKind::Click, Claims::default(), "2026-11-30T09:00:00Z".parse()?)
    ///     .with_head_request();
    /// assert!(event.head_request);
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    #[must_use]
    pub fn with_head_request(mut self) -> TrackingEvent {
        self.head_request = true;
        self
    }

    /// The same event with the host's class of the client.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, TrackingEvent};
    /// let event = TrackingEvent::new(EventKind::Click, Claims::default(), "2026-11-30T09:00:00Z".parse()?)
    ///     .with_client_class("link_scanner");
    /// assert_eq!(event.client_class.as_deref(), Some("link_scanner"));
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    #[must_use]
    pub fn with_client_class(mut self, client_class: impl Into<String>) -> TrackingEvent {
        self.client_class = Some(client_class.into());
        self
    }

    /// The same event with the message's delivery time.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, TrackingEvent};
    /// let event = TrackingEvent::new(EventKind::Click, Claims::default(), "2026-11-30T09:00:02Z".parse()?)
    ///     .with_delivered_at("2026-11-30T09:00:00Z".parse()?);
    /// assert!(event.delivered_at.is_some());
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    #[must_use]
    pub fn with_delivered_at(mut self, delivered_at: Instant) -> TrackingEvent {
        self.delivered_at = Some(delivered_at);
        self
    }

    /// The same event with the number of tracked links in its message.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, TrackingEvent};
    /// let event = TrackingEvent::new(EventKind::Click, Claims::default(), "2026-11-30T09:00:02Z".parse()?)
    ///     .with_links_in_message(3);
    /// assert_eq!(event.links_in_message, Some(3));
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    #[must_use]
    pub fn with_links_in_message(mut self, links: u16) -> TrackingEvent {
        self.links_in_message = Some(links);
        self
    }
}
