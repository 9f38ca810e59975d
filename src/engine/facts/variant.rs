//! The serde name of a unit enum variant, read by a serializer that accepts
//! nothing else. The questionnaire's enums name their ids with serde
//! attributes; reading them back this way keeps one source for each id.
use serde::ser::{Impossible, Serialize, Serializer};

/// Not a unit variant.
#[derive(Debug)]
pub struct NotUnit;

impl std::fmt::Display for NotUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a unit enum variant")
    }
}

impl std::error::Error for NotUnit {}

impl serde::ser::Error for NotUnit {
    fn custom<T: std::fmt::Display>(_: T) -> NotUnit {
        NotUnit
    }
}

/// The variant's serde name, or `None` for anything but a unit variant.
pub fn name<T: Serialize + ?Sized>(v: &T) -> Option<&'static str> {
    v.serialize(Name).ok()
}

struct Name;

macro_rules! refuse {
    ($($f:ident($($t:ty),*)),* $(,)?) => {
        $(fn $f(self, $(_: $t),*) -> Result<&'static str, NotUnit> { Err(NotUnit) })*
    };
}

impl Serializer for Name {
    type Ok = &'static str;
    type Error = NotUnit;
    type SerializeSeq = Impossible<&'static str, NotUnit>;
    type SerializeTuple = Impossible<&'static str, NotUnit>;
    type SerializeTupleStruct = Impossible<&'static str, NotUnit>;
    type SerializeTupleVariant = Impossible<&'static str, NotUnit>;
    type SerializeMap = Impossible<&'static str, NotUnit>;
    type SerializeStruct = Impossible<&'static str, NotUnit>;
    type SerializeStructVariant = Impossible<&'static str, NotUnit>;

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotUnit> {
        Ok(variant)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<&'static str, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotUnit> {
        Err(NotUnit)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotUnit> {
        Err(NotUnit)
    }
}

#[cfg(test)]
mod tests {
    use crate::questionnaire::{LogisticsRating, ProductionMode};

    #[test]
    fn names_are_the_serde_names() {
        assert_eq!(super::name(&ProductionMode::Process), Some("process"));
        assert_eq!(super::name(&LogisticsRating::A5), Some("5A"));
        assert_eq!(super::name(&3u8), None);
        assert_eq!(super::name("text"), None);
    }
}
