//! JSON into [`serde_json::Value`], refusing repeated keys: `serde_json` keeps the last of them
//! silently, so a price list with `"price"` twice would lose one without a word.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// The first repeated key found: the object it is in (`top level`, `packs[2]`,
/// `letter_tariffs[0].postage[1]`) and the key.
#[derive(Debug, Default)]
pub(super) struct Repeated {
    pub(super) entry: String,
    pub(super) field: String,
}

/// Parses `text`; `Err(Ok(repeated))` for a repeated key, `Err(Err(error))` for text that is not
/// JSON.
pub(super) fn parse_unique(text: &str) -> Result<Value, Result<Repeated, serde_json::Error>> {
    let repeated = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = Unique {
        path: String::new(),
        repeated: &repeated,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value));
    match (parsed, repeated.into_inner()) {
        (_, Some(found)) => Err(Ok(found)),
        (Ok(value), None) => Ok(value),
        (Err(error), None) => Err(Err(error)),
    }
}

struct Unique<'r> {
    path: String,
    repeated: &'r RefCell<Option<Repeated>>,
}

impl<'de> DeserializeSeed<'de> for Unique<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Unique<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, flag: bool) -> Result<Value, E> {
        Ok(Value::Bool(flag))
    }

    fn visit_i64<E>(self, number: i64) -> Result<Value, E> {
        Ok(Value::from(number))
    }

    fn visit_u64<E>(self, number: u64) -> Result<Value, E> {
        Ok(Value::from(number))
    }

    fn visit_f64<E>(self, number: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, text: &str) -> Result<Value, E> {
        Ok(Value::String(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<Value, E> {
        Ok(Value::String(text))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut values = Vec::new();
        while let Some(value) = items.next_element_seed(Unique {
            path: format!("{}[{}]", self.path, values.len()),
            repeated: self.repeated,
        })? {
            values.push(value);
        }
        Ok(Value::Array(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = entries.next_key::<String>()? {
            if object.contains_key(&key) {
                let entry = if self.path.is_empty() {
                    "top level".to_owned()
                } else {
                    self.path.clone()
                };
                *self.repeated.borrow_mut() = Some(Repeated { entry, field: key });
                return Err(de::Error::custom("repeated key"));
            }
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            let value = entries.next_value_seed(Unique {
                path,
                repeated: self.repeated,
            })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}
