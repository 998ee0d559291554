//! Which orders a service may carry (`services[i].restrictions`, docs/policy.md "Service
//! restrictions"): by cart contents (tags and SKUs it does not carry), by the order's weight
//! and value where the order states them, and by the dates it is offered. A refused option
//! says why, with the path of the rule that refused it.

use crate::civil::Date;

/// A service's restrictions.
#[derive(Debug, Default)]
pub(crate) struct Restrictions {
    pub(crate) exclude_tags: Excluded,
    pub(crate) exclude_skus: Excluded,
    pub(crate) max_weight: Option<f64>,
    pub(crate) min_value: Option<f64>,
    pub(crate) max_value: Option<f64>,
    /// Placement dates (node-local, inclusive) the service is offered on; empty: always.
    pub(crate) offered: Vec<(Date, Date)>,
}

/// Texts a service does not carry, in the policy's order (a refusal's path names the place),
/// with their order sorted: each line of every order is looked up by search.
#[derive(Debug, Default)]
pub(crate) struct Excluded {
    pub(crate) items: Vec<String>,
    sorted: Vec<u32>,
}

impl Excluded {
    pub(crate) fn new(items: Vec<String>) -> Excluded {
        let mut sorted: Vec<u32> = (0..items.len() as u32).collect();
        let text = |i: &u32| items.get(*i as usize);
        crate::json::heap_sort(&mut sorted, |a, b| text(a) < text(b));
        Excluded { items, sorted }
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The place in the policy of `key`, if excluded.
    fn find(&self, key: &str) -> Option<usize> {
        let text = |i: &u32| self.items.get(*i as usize).map_or("", String::as_str);
        let at = self.sorted.partition_point(|i| text(i) < key);
        self.sorted.get(at).filter(|i| text(i) == key).map(|i| *i as usize)
    }
}

/// Why a service refuses an order: the reason's code, what refused it (for the message),
/// and the rule's path under the service.
#[derive(Debug, PartialEq)]
pub(crate) struct Refusal {
    pub(crate) code: &'static str,
    pub(crate) what: String,
    pub(crate) rule: String,
}

/// What of an order the restrictions read.
pub(crate) struct Cart<L> {
    /// Each line's SKU and tags.
    pub(crate) lines: L,
    pub(crate) weight: Option<f64>,
    pub(crate) value: Option<f64>,
    /// The placement's date, local to the node of the order's first line.
    pub(crate) placed_on: Date,
}

impl Refusal {
    /// The reason's message, for service `name`.
    pub(crate) fn message(&self, name: &str) -> String {
        let what = &self.what;
        match self.code {
            "not_offered" => format!("{name} is offered only {what}"),
            "over_weight" => format!("{name}: the order weighs {what}"),
            "over_value" | "under_value" => format!("{name}: the order's value is {what}"),
            _ => format!("{name} does not carry {what}"),
        }
    }
}

impl Restrictions {
    pub(crate) fn is_empty(&self) -> bool {
        self.exclude_tags.is_empty()
            && self.exclude_skus.is_empty()
            && self.max_weight.is_none()
            && self.min_value.is_none()
            && self.max_value.is_none()
            && self.offered.is_empty()
    }

    /// The codes of its refusals, in one place (promises and the quote wire format).
    pub(crate) const CODES: [&'static str; 6] =
        ["not_offered", "excluded_sku", "excluded_tag", "over_weight", "over_value", "under_value"];

    /// The first rule that refuses `cart`, in the order: dates, lines (each SKU, then its
    /// tags), weight, value.
    pub(crate) fn refuse<'a, L, T>(&self, cart: Cart<L>) -> Option<Refusal>
    where
        L: Iterator<Item = (&'a str, T)>,
        T: IntoIterator<Item = &'a str>,
    {
        if let Some(r) = self.refuse_date(cart.placed_on) {
            return Some(r);
        }
        if !self.exclude_tags.is_empty() || !self.exclude_skus.is_empty() {
            for (sku, tags) in cart.lines {
                if let Some(r) = self.refuse_line(sku, tags) {
                    return Some(r);
                }
            }
        }
        self.refuse_amounts(cart.weight, cart.value)
    }

    /// A placement date outside every range the service is offered in.
    pub(crate) fn refuse_date(&self, placed_on: Date) -> Option<Refusal> {
        if self.offered.is_empty() || self.offered.iter().any(|(a, b)| (*a..=*b).contains(&placed_on)) {
            return None;
        }
        let ranges =
            crate::civil::join(self.offered.iter().map(|(a, b)| format!("{} - {}", a.short(), b.short())), ", ");
        Some(Refusal { code: "not_offered", what: ranges, rule: "restrictions.offered".into() })
    }

    /// A line whose SKU or one of whose tags the service does not carry.
    pub(crate) fn refuse_line<'a>(&self, sku: &str, tags: impl IntoIterator<Item = &'a str>) -> Option<Refusal> {
        if let Some(at) = self.exclude_skus.find(sku) {
            let rule = format!("restrictions.excludeSkus[{at}]");
            return Some(Refusal { code: "excluded_sku", what: sku.to_string(), rule });
        }
        tags.into_iter().find_map(|tag| {
            let at = self.exclude_tags.find(tag)?;
            let rule = format!("restrictions.excludeTags[{at}]");
            Some(Refusal { code: "excluded_tag", what: format!("{tag} (line {sku})"), rule })
        })
    }

    /// An order weighing more, or worth more or less, than the service takes; only where
    /// the order states its weight or value.
    pub(crate) fn refuse_amounts(&self, weight: Option<f64>, value: Option<f64>) -> Option<Refusal> {
        let over = |limit: Option<f64>, have: Option<f64>, code: &'static str, rule: &str, above: bool| {
            let (limit, have) = (limit?, have?);
            let refused = if above { have > limit } else { have < limit };
            refused.then(|| Refusal {
                code,
                what: format!("{} (limit {})", number_text(have), number_text(limit)),
                rule: format!("restrictions.{rule}"),
            })
        };
        over(self.max_weight, weight, "over_weight", "maxWeight", true)
            .or_else(|| over(self.max_value, value, "over_value", "maxValue", true))
            .or_else(|| over(self.min_value, value, "under_value", "minValue", false))
    }
}

/// `v` to three decimals without trailing zeros (`31.5`, `30`), written with integer
/// formatting only: float formatting would cost the lean build some 15 KB.
fn number_text(v: f64) -> String {
    let thousandths = (v * 1000.0).round() as i64;
    let mut out = String::new();
    crate::json::int(&mut out, thousandths / 1000);
    let mut frac = (thousandths % 1000) as u32;
    if frac != 0 {
        out.push('.');
        let mut width = 3;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        crate::civil::push_digits(&mut out, frac, width);
    }
    out
}
