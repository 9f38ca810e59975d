//! Plain facts (直接事实): read off the questionnaire types, never listed by hand.
//!
//! The registry of plain facts is built once from the questionnaire's JSON
//! schema (the one `schemars` derives from [`Questionnaire`], so it has every
//! field, its enum ids and its doc), and an assessment's values are filled by
//! serialising the questionnaire through [`Walk`], a `serde::Serializer`
//! that follows the same tree and writes each leaf straight into its slot.
//! A new questionnaire field is therefore a fact as soon as it exists.
//!
//! The plain rule, per field shape:
//!
//! | field | fact | kind | absent |
//! |---|---|---|---|
//! | `x_wan: Option<Wan>` | `x` = 万元 × 10,000 (CNY) | money | unknown |
//! | number (`u32`, `i32`, `f64`, `Wan` without `_wan`) | `x` | number | unknown |
//! | `bool` | `x` | bool | unknown |
//! | enum | `x` = its serde name | id | unknown |
//! | `Vec<enum>` | `x` = count per id | tally | empty |
//! | `Vec<record>` | `x` = one map per record, `x.field` its fields | items | empty |
//! | `Option<record>` | `x` = whether it is given, `x.field` its fields | bool | false |
//! | a section (`enterprise`, …) | its fields, named `section.field` | – | – |
//! | text, pairs | no fact | – | – |
//!
//! Where a fact departs from the rule, the questionnaire field says so with
//! an `x-fact` annotation (`#[schemars(extend("x-fact" = {...}))]`, taken out
//! of the published schema): `{"absent": v}` (a value when not filled in: an
//! achievement left out is "none", not unknown), `{"name": "a.b"}` (the fact's
//! full name, for a name packs already use) or `{"skip": true}` (not a fact).

use super::{Fact, Facts, Kind, Spec};
use crate::questionnaire::Questionnaire;
use rust_decimal::Decimal;
use serde::ser::{self, Serialize, Serializer};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicPtr, Ordering};

/// The annotation key on a questionnaire field.
pub const ANNOTATION: &str = "x-fact";

/// One node of the questionnaire tree, as the walk meets it.
#[derive(Debug)]
pub(super) struct Node {
    /// The field's serde name (what the serializer hands over).
    key: &'static str,
    /// Where serde keeps that name: once seen, a field is matched by
    /// address instead of comparing text, for every later enterprise.
    seen: AtomicPtr<u8>,
    shape: Shape,
}

impl Node {
    fn new(key: &'static str, shape: Shape) -> Node {
        Node {
            key,
            seen: AtomicPtr::new(std::ptr::null_mut()),
            shape,
        }
    }

    /// Whether serde's field name `key` names this node.
    fn is(&self, key: &'static str) -> bool {
        // The same address and length is the same immutable text.
        if std::ptr::eq(self.seen.load(Ordering::Relaxed), key.as_ptr())
            && key.len() == self.key.len()
        {
            return true;
        }
        let hit = self.key == key;
        if hit {
            self.seen.store(key.as_ptr().cast_mut(), Ordering::Relaxed);
        }
        hit
    }
}

/// What a field gives.
#[derive(Debug)]
enum Shape {
    /// No fact: the walk passes over it.
    Skip,
    /// One value. `slot` in the registry; `key` is its name inside an item.
    Leaf {
        slot: usize,
        key: &'static str,
        kind: Kind,
    },
    /// A section or a record; `presence` is the slot of "is it given" for an optional one.
    Struct {
        presence: Option<usize>,
        fields: Vec<Node>,
    },
    /// A list of enum ids, counted by id.
    Tally { slot: usize, key: &'static str },
    /// A list of records; `item` is the record (a `Struct` of leaves).
    Items {
        slot: usize,
        key: &'static str,
        item: Box<Node>,
    },
}

/// The plain part of the registry: specs in questionnaire order, the tree
/// the walk follows, and the value of every slot before the walk (unknown,
/// or the annotated value for absent fields).
#[derive(Debug)]
pub(super) struct Plain {
    pub specs: Vec<Spec>,
    pub root: Node,
    pub start: Vec<Option<Option<Fact>>>,
}

/// A string that lives as long as the program: the registry is built once
/// and never dropped, like the `const` table it replaces.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Build the plain registry from the questionnaire's schema.
pub(super) fn registry() -> Plain {
    let schema = schemars::schema_for!(Questionnaire).to_value();
    let empty = Map::new();
    let defs = schema
        .get("$defs")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut b = Builder {
        defs,
        specs: Vec::new(),
        start: Vec::new(),
    };
    let fields = b.fields(&schema, "", Place::Top);
    Plain {
        specs: b.specs,
        root: Node::new(
            "",
            Shape::Struct {
                presence: None,
                fields,
            },
        ),
        start: b.start,
    }
}

/// Where a field sits: at the top (its own slot) or inside an item.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Top,
    Item,
}

struct Builder<'s> {
    defs: &'s Map<String, Value>,
    specs: Vec<Spec>,
    start: Vec<Option<Option<Fact>>>,
}

/// The JSON-schema type names of a schema (`"type": "x"` or `["x", "null"]`).
fn types(s: &Value) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(v)) => v.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

impl<'s> Builder<'s> {
    /// Follow `anyOf: [T, null]` and `$ref` to the schema that says what a value is.
    fn resolve(&self, s: &'s Value) -> (&'s Value, bool) {
        let mut nullable = types(s).contains(&"null");
        let mut s = s;
        if let Some(alts) = s.get("anyOf").and_then(Value::as_array) {
            nullable |= alts.iter().any(|a| types(a) == ["null"]);
            if let Some(a) = alts.iter().find(|a| types(a) != ["null"]) {
                s = a;
            }
        }
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            if let Some(d) = r.strip_prefix("#/$defs/").and_then(|n| self.defs.get(n)) {
                s = d;
            }
        }
        (s, nullable)
    }

    /// The ids of an enum schema (`oneOf` of `const`s, or `enum`).
    fn ids(s: &Value) -> Option<&'static [&'static str]> {
        let ids: Vec<&str> = if let Some(alts) = s.get("oneOf").and_then(Value::as_array) {
            alts.iter()
                .map(|a| a.get("const").and_then(Value::as_str))
                .collect::<Option<_>>()?
        } else {
            s.get("enum")?
                .as_array()?
                .iter()
                .map(Value::as_str)
                .collect::<Option<_>>()?
        };
        let ids: Vec<&'static str> = ids.into_iter().map(|x| leak(x.to_string())).collect();
        Some(Box::leak(ids.into_boxed_slice()))
    }

    fn push(&mut self, spec: Spec, start: Option<Option<Fact>>) -> usize {
        self.specs.push(spec);
        self.start.push(start);
        self.specs.len() - 1
    }

    /// The fields of a record schema, named under `prefix`.
    fn fields(&mut self, s: &'s Value, prefix: &str, place: Place) -> Vec<Node> {
        let Some(props) = s.get("properties").and_then(Value::as_object) else {
            return Vec::new();
        };
        props
            .iter()
            .map(|(key, p)| Node::new(leak(key.clone()), self.field(key, p, prefix, place)))
            .collect()
    }

    /// One field: its shape in the tree, and its specs in the registry.
    fn field(&mut self, key: &str, p: &'s Value, prefix: &str, place: Place) -> Shape {
        let note = p.get(ANNOTATION);
        if note.and_then(|n| n.get("skip")) == Some(&Value::Bool(true)) {
            return Shape::Skip;
        }
        let path = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
        let (s, nullable) = self.resolve(p);
        let t = types(s);
        let decimal = t.contains(&"string") && t.contains(&"number");
        let money = decimal && key.ends_with("_wan");
        let own = if money {
            path.trim_end_matches("_wan").to_string()
        } else {
            path.clone()
        };
        let name = note
            .and_then(|n| n.get("name"))
            .and_then(Value::as_str)
            .map_or(own, str::to_string);
        let absent = note.and_then(|n| n.get("absent"));
        let item_key = leak(name.rsplit('.').next().unwrap_or_default().to_string());
        let (kind, ids) = if s.get("properties").is_some() {
            return self.record(s, name, &path, nullable, place);
        } else if let Some(ids) = Self::ids(s) {
            (Kind::Id, ids)
        } else if t.contains(&"array") {
            return self.list(s, name, &path, place);
        } else if money {
            (Kind::Money, &[][..])
        } else if t.contains(&"boolean") {
            (Kind::Bool, &[][..])
        } else if t.contains(&"integer") || t.contains(&"number") {
            (Kind::Number, &[][..])
        } else {
            return Shape::Skip;
        };
        let from = match (place, money) {
            (Place::Item, true) => format!("item field {key}"),
            (Place::Item, false) => "item field".to_string(),
            (Place::Top, _) => path,
        };
        let from = if money {
            format!("{from} × 10,000")
        } else {
            from
        };
        let from = match absent {
            Some(v) => format!("{from} (absent = {})", shown(v)),
            None => from,
        };
        let start = match place {
            Place::Item => None,
            Place::Top => Some(absent.and_then(|v| fact_of(v, kind))),
        };
        let slot = self.push(
            Spec {
                name: leak(name),
                kind,
                from: leak(from),
                ids,
            },
            start,
        );
        Shape::Leaf {
            slot,
            key: item_key,
            kind,
        }
    }

    /// A record: a section (its fields under its name) or, if optional, also
    /// the fact that it is given. Records inside items are not facts.
    fn record(
        &mut self,
        s: &'s Value,
        name: String,
        path: &str,
        nullable: bool,
        place: Place,
    ) -> Shape {
        if place == Place::Item {
            return Shape::Skip;
        }
        let presence = nullable.then(|| {
            self.push(
                Spec {
                    name: leak(name.clone()),
                    kind: Kind::Bool,
                    from: leak(format!("{path} is set")),
                    ids: &[],
                },
                Some(Some(Fact::Bool(false))),
            )
        });
        let fields = self.fields(s, &name, Place::Top);
        Shape::Struct { presence, fields }
    }

    /// A list: of enum ids (a tally) or of records (items); anything else is no fact.
    fn list(&mut self, s: &'s Value, name: String, path: &str, place: Place) -> Shape {
        let Some(items) = s.get("items") else {
            return Shape::Skip;
        };
        let (e, _) = self.resolve(items);
        if place == Place::Item {
            return Shape::Skip;
        }
        let key = leak(name.rsplit('.').next().unwrap_or_default().to_string());
        let from = leak(format!("{path} (absent = none)"));
        let name = leak(name);
        if let Some(ids) = Self::ids(e) {
            let slot = self.push(
                Spec {
                    name,
                    kind: Kind::Tally,
                    from,
                    ids,
                },
                Some(Some(Fact::Tally(BTreeMap::new()))),
            );
            Shape::Tally { slot, key }
        } else if e.get("properties").is_some() {
            let slot = self.push(
                Spec {
                    name,
                    kind: Kind::Items,
                    from,
                    ids: &[],
                },
                Some(Some(Fact::Items(Vec::new()))),
            );
            let fields = self.fields(e, name, Place::Item);
            Shape::Items {
                slot,
                key,
                item: Box::new(Node::new(
                    "",
                    Shape::Struct {
                        presence: None,
                        fields,
                    },
                )),
            }
        } else {
            Shape::Skip
        }
    }
}

/// An annotation value as the `from` text shows it (`false`, `0`, `none`).
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An annotated absent value as a fact of the field's kind.
fn fact_of(v: &Value, kind: Kind) -> Option<Fact> {
    match (kind, v) {
        (Kind::Bool, Value::Bool(b)) => Some(Fact::Bool(*b)),
        (Kind::Id, Value::String(s)) => Some(Fact::Id(Cow::Borrowed(leak(s.clone())))),
        (Kind::Number | Kind::Money, Value::Number(n)) => {
            let d: Decimal = n.to_string().parse().ok()?;
            Some(Fact::Num(if kind == Kind::Money {
                d * Decimal::from(10_000)
            } else {
                d
            }))
        }
        _ => None,
    }
}

/// Where the walk writes: the slots of an assessment, or one item's map.
pub(super) enum Out<'a> {
    Slots(&'a mut Facts),
    Item(&'a mut BTreeMap<String, Fact>),
}

impl Out<'_> {
    fn reborrow(&mut self) -> Out<'_> {
        match self {
            Out::Slots(s) => Out::Slots(s),
            Out::Item(m) => Out::Item(m),
        }
    }

    fn put(&mut self, slot: usize, key: &'static str, v: Fact) {
        match self {
            Out::Slots(f) => f.set(slot, Some(v)),
            Out::Item(m) => {
                m.insert(key.to_string(), v);
            }
        }
    }
}

/// Fill the plain slots from a questionnaire.
pub(super) fn fill(root: &Node, q: &Questionnaire, slots: &mut Facts) {
    // A walk cannot fail on the questionnaire's own types; a shape it does
    // not know is passed over (and the registry has no fact for it).
    let _ = q.serialize(Walk {
        node: root,
        out: Out::Slots(slots),
    });
}

/// The serializer that walks the questionnaire along the registry's tree.
pub(super) struct Walk<'a> {
    node: &'a Node,
    out: Out<'a>,
}

impl Walk<'_> {
    /// Write a leaf value, converted to the leaf's kind.
    fn leaf(mut self, v: Leaf<'_>) -> Result<(), Unfit> {
        if let Shape::Leaf { slot, key, kind } = self.node.shape {
            let fact = match (kind, v) {
                (Kind::Bool, Leaf::Bool(b)) => Some(Fact::Bool(b)),
                (Kind::Number, Leaf::Num(d)) => Some(Fact::Num(d)),
                (Kind::Number, Leaf::Text(t)) => t.parse().ok().map(Fact::Num),
                // `Wan` is at most 10^10, so × 10,000 cannot overflow.
                (Kind::Money, Leaf::Text(t)) => t
                    .parse::<Decimal>()
                    .ok()
                    .map(|d| Fact::Num(d * Decimal::from(10_000))),
                (Kind::Id, Leaf::Id(id)) => Some(Fact::Id(Cow::Borrowed(id))),
                _ => None,
            };
            if let Some(f) = fact {
                self.out.put(slot, key, f);
            }
        }
        Ok(())
    }
}

/// A number's text, on the stack (no allocation per value).
#[derive(Default)]
struct Digits {
    buf: [u8; 32],
    len: usize,
}

impl Digits {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl std::fmt::Write for Digits {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A leaf value as serde hands it over.
enum Leaf<'t> {
    Bool(bool),
    Num(Decimal),
    /// A decimal (`Wan`, `Decimal`) serialises as its exact text.
    Text(&'t str),
    Id(&'static str),
}

/// The walk's error: never raised for the questionnaire's types.
#[derive(Debug)]
pub(super) struct Unfit;

impl std::fmt::Display for Unfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value the facts walk cannot read")
    }
}

impl std::error::Error for Unfit {}

impl ser::Error for Unfit {
    fn custom<T: std::fmt::Display>(_: T) -> Unfit {
        Unfit
    }
}

/// A struct, list or tuple being walked.
pub(super) enum Compound<'a> {
    /// Not a fact: elements are passed over.
    Skip,
    Struct {
        fields: &'a [Node],
        out: Out<'a>,
        /// Serde writes fields in declaration order, as the schema lists them,
        /// so the next field is almost always the next node.
        next: usize,
    },
    Tally {
        slot: usize,
        key: &'static str,
        out: Out<'a>,
        counts: BTreeMap<String, u32>,
    },
    Items {
        slot: usize,
        key: &'static str,
        item: &'a Node,
        out: Out<'a>,
        list: Vec<BTreeMap<String, Fact>>,
    },
}

impl Compound<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Unfit> {
        if let Compound::Struct { fields, out, next } = self {
            let node = match fields.get(*next) {
                Some(n) if n.is(key) => Some(n),
                _ => fields.iter().find(|n| n.is(key)),
            };
            *next += 1;
            if let Some(node) = node {
                v.serialize(Walk {
                    node,
                    out: out.reborrow(),
                })?;
            }
        }
        Ok(())
    }

    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unfit> {
        match self {
            Compound::Tally { counts, .. } => {
                if let Some(id) = super::variant::name(v) {
                    *counts.entry(id.to_string()).or_insert(0) += 1;
                }
            }
            Compound::Items { item, list, .. } => {
                let mut m = BTreeMap::new();
                v.serialize(Walk {
                    node: item,
                    out: Out::Item(&mut m),
                })?;
                list.push(m);
            }
            _ => {}
        }
        Ok(())
    }

    fn end(self) -> Result<(), Unfit> {
        match self {
            Compound::Tally {
                slot,
                key,
                mut out,
                counts,
            } => out.put(slot, key, Fact::Tally(counts)),
            Compound::Items {
                slot,
                key,
                mut out,
                list,
                ..
            } => out.put(slot, key, Fact::Items(list)),
            _ => {}
        }
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unfit;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unfit> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Unfit> {
        Compound::end(self)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unfit;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unfit> {
        self.element(v)
    }
    fn end(self) -> Result<(), Unfit> {
        Compound::end(self)
    }
}

/// Compounds that are never facts (tuples, maps, variants with data).
macro_rules! passed_over {
    ($($t:ident :: $f:ident ( $($a:ident : $ty:ty),* )),* $(,)?) => {
        $(impl ser::$t for Compound<'_> {
            type Ok = ();
            type Error = Unfit;
            fn $f<T: Serialize + ?Sized>(&mut self, $(_: $ty,)* _: &T) -> Result<(), Unfit> {
                Ok(())
            }
            fn end(self) -> Result<(), Unfit> {
                Ok(())
            }
        })*
    };
}

passed_over!(
    SerializeTuple::serialize_element(),
    SerializeTupleStruct::serialize_field(),
    SerializeTupleVariant::serialize_field(),
    SerializeStructVariant::serialize_field(k: &'static str),
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unfit;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Unfit> {
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), Unfit> {
        Ok(())
    }
    fn end(self) -> Result<(), Unfit> {
        Ok(())
    }
}

macro_rules! numbers {
    ($($f:ident($t:ty)),* $(,)?) => {
        $(fn $f(self, v: $t) -> Result<(), Unfit> {
            self.leaf(Leaf::Num(v.into()))
        })*
    };
}

impl<'a> Serializer for Walk<'a> {
    type Ok = ();
    type Error = Unfit;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Unfit> {
        self.leaf(Leaf::Bool(v))
    }

    numbers!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
    );

    fn serialize_f32(self, v: f32) -> Result<(), Unfit> {
        self.serialize_f64(v.into())
    }

    /// Percentages are `f64` in the questionnaire; a fact holds the decimal
    /// the number prints as (the shortest text that reads back as the same
    /// `f64`, i.e. what was typed: `12.3`, not its binary neighbour).
    fn serialize_f64(self, v: f64) -> Result<(), Unfit> {
        let mut text = Digits::default();
        match write!(text, "{v}") {
            Ok(()) => self.leaf(Leaf::Text(text.as_str())),
            // Too long for a fact (far outside every validated range): unknown.
            Err(_) => Ok(()),
        }
    }

    fn serialize_char(self, _: char) -> Result<(), Unfit> {
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unfit> {
        self.leaf(Leaf::Text(v))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unfit> {
        Ok(())
    }

    /// Not given: the slot keeps its start value (unknown, or the annotated one).
    fn serialize_none(self) -> Result<(), Unfit> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Unfit> {
        v.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unfit> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unfit> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unfit> {
        self.leaf(Leaf::Id(variant))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unfit> {
        v.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unfit> {
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unfit> {
        Ok(match &self.node.shape {
            Shape::Tally { slot, key } => Compound::Tally {
                slot: *slot,
                key,
                out: self.out,
                counts: BTreeMap::new(),
            },
            Shape::Items { slot, key, item } => Compound::Items {
                slot: *slot,
                key,
                item,
                out: self.out,
                list: Vec::new(),
            },
            _ => Compound::Skip,
        })
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Unfit> {
        Ok(Compound::Skip)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unfit> {
        Ok(Compound::Skip)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unfit> {
        Ok(Compound::Skip)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unfit> {
        Ok(Compound::Skip)
    }

    /// A record: mark it given (if it is optional) and walk its fields.
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unfit> {
        let Walk { node, mut out } = self;
        Ok(match &node.shape {
            Shape::Struct { presence, fields } => {
                if let Some(p) = presence {
                    out.put(*p, "", Fact::Bool(true));
                }
                Compound::Struct {
                    fields,
                    out,
                    next: 0,
                }
            }
            _ => Compound::Skip,
        })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unfit> {
        Ok(Compound::Skip)
    }
}
