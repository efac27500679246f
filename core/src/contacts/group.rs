//! Groups of contacts, and the rule that a recipient must be in the address book.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::ids::{ContactId, GroupId};

use super::error::ContactError;

/// A named group of contacts (SPEC section 3), holding contact ids.
///
/// Membership is read at each send (late binding): a contact removed from the group before an
/// occurrence does not get it. Members are a set: adding twice keeps one.
///
/// ```
/// use envoi::contacts::Group;
/// use envoi::ids::{ContactId, GroupId};
///
/// let mut group = Group::new(GroupId::new("g-1")?, "Clients Namur");
/// let ann = ContactId::new("c-1")?;
/// assert!(group.add(ann.clone()));
/// assert!(!group.add(ann.clone()));
/// assert_eq!(group.members.len(), 1);
/// assert!(group.remove(&ann));
/// assert!(group.members.is_empty());
/// # Ok::<(), envoi::ids::IdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The group's id.
    pub id: GroupId,
    /// The name shown to the account's users.
    pub name: String,
    /// The contacts in the group.
    pub members: BTreeSet<ContactId>,
}

impl Group {
    /// An empty group.
    ///
    /// ```
    /// # use envoi::contacts::Group;
    /// let group = Group::new(envoi::ids::GroupId::new("g-2")?, "VIP");
    /// assert_eq!(group.name, "VIP");
    /// # Ok::<(), envoi::ids::IdError>(())
    /// ```
    pub fn new(id: GroupId, name: impl Into<String>) -> Group {
        Group {
            id,
            name: name.into(),
            members: BTreeSet::new(),
        }
    }

    /// Adds a contact; `false` if it was already a member.
    ///
    /// ```
    /// # use envoi::contacts::Group;
    /// # use envoi::ids::{ContactId, GroupId};
    /// let mut group = Group::new(GroupId::new("g")?, "g");
    /// assert!(group.add(ContactId::new("c")?));
    /// # Ok::<(), envoi::ids::IdError>(())
    /// ```
    pub fn add(&mut self, contact: ContactId) -> bool {
        self.members.insert(contact)
    }

    /// Removes a contact; `false` if it was not a member.
    ///
    /// ```
    /// # use envoi::contacts::Group;
    /// # use envoi::ids::{ContactId, GroupId};
    /// let mut group = Group::new(GroupId::new("g")?, "g");
    /// assert!(!group.remove(&ContactId::new("c")?));
    /// # Ok::<(), envoi::ids::IdError>(())
    /// ```
    pub fn remove(&mut self, contact: &ContactId) -> bool {
        self.members.remove(contact)
    }

    /// Whether a contact is a member.
    ///
    /// ```
    /// # use envoi::contacts::Group;
    /// # use envoi::ids::{ContactId, GroupId};
    /// let mut group = Group::new(GroupId::new("g")?, "g");
    /// group.add(ContactId::new("c")?);
    /// assert!(group.contains(&ContactId::new("c")?));
    /// # Ok::<(), envoi::ids::IdError>(())
    /// ```
    pub fn contains(&self, contact: &ContactId) -> bool {
        self.members.contains(contact)
    }
}

/// Checks that every recipient is in the address book: "a contact must exist in the address book
/// before it can be a recipient" (SPEC section 3). `exists` is the host's look-up.
///
/// Refused with `contacts.unknown_contact`, listing every unknown id (each once, in the order
/// given), so a task is fixed in one go.
///
/// ```
/// use std::collections::BTreeSet;
/// use envoi::ErrorCode;
/// use envoi::contacts::ensure_contacts_exist;
/// use envoi::ids::ContactId;
///
/// let book: BTreeSet<ContactId> = [ContactId::new("c-1")?, ContactId::new("c-2")?].into();
/// let recipients = [ContactId::new("c-1")?, ContactId::new("c-9")?];
/// let error = ensure_contacts_exist(&recipients, |id| book.contains(id)).unwrap_err();
/// assert_eq!(error.code(), "contacts.unknown_contact");
/// assert_eq!(error.to_string(), "recipients: 1 not in the address book: c-9; a contact must exist before it is a recipient");
/// assert!(ensure_contacts_exist(&recipients[..1], |id| book.contains(id)).is_ok());
/// # Ok::<(), envoi::ids::IdError>(())
/// ```
pub fn ensure_contacts_exist<'a>(
    recipients: impl IntoIterator<Item = &'a ContactId>,
    mut exists: impl FnMut(&ContactId) -> bool,
) -> Result<(), ContactError> {
    let mut seen = BTreeSet::new();
    let mut unknown = Vec::new();
    for id in recipients {
        if !exists(id) && seen.insert(id) {
            unknown.push(id.clone());
        }
    }
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(ContactError::UnknownContact { ids: unknown })
    }
}
