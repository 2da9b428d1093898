//! Tags made apart that a merge brings together can share a colour, or a
//! quick key, that no one gave two tags: two coders each add a tag on a
//! branch of their own, and each new tag takes the first palette colour
//! free on its side (the same one) and perhaps the same key. Merged, the
//! two codes look alike on screen, and the key applies only one of them.
//!
//! Such a clash is one the merge made: on no side did the two tags share
//! that colour (or key). A clash a side already had was chosen there
//! (related codes in one colour) and is kept. Of the two, a tag one side
//! added gives way to a tag that was there before; of two added, the one
//! later by name. It takes the first colour no tag uses (or loses its
//! key). The rule looks at no side's order, so merging either way round
//! gives the same tags.

use super::{PALETTE, Rgb};

/// What a merge needs of a tag to keep tags apart: a [`super::Tag`] or a
/// tag as the file holds it.
pub trait Looks {
    fn name(&self) -> &str;
    /// `None` for a colour that cannot be read (never clashes).
    fn rgb(&self) -> Option<Rgb>;
    fn set_rgb(&mut self, color: Rgb);
    fn key(&self) -> Option<u8>;
    fn set_key(&mut self, key: Option<u8>);
}

/// A tag the merge changed to keep it apart from another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Apart {
    pub name: String,
    /// The tag that keeps what this one gave up.
    pub from: String,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Its colour (was, is now).
    Color(Rgb, Rgb),
    /// Its quick key, taken off.
    Key(u8),
}

impl std::fmt::Display for Apart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (name, from) = (&self.name, &self.from);
        match self.change {
            Change::Color(was, now) => write!(
                f,
                "tag {name:?} and tag {from:?} were added apart in one colour ({was}): {name:?} is now {now}"
            ),
            Change::Key(key) => write!(
                f,
                "tag {name:?} and tag {from:?} were given quick key {key} apart: {from:?} keeps it"
            ),
        }
    }
}

/// Mends the clashes the merge made in `merged` (see the module docs);
/// `sides` are the tags of each version merged (the base among them).
pub fn keep_apart<T: Looks>(merged: &mut [T], sides: &[&[T]], base: &[T]) -> Vec<Apart> {
    let in_base = |name: &str| base.iter().any(|t| t.name() == name);
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (merged[a].name(), merged[b].name());
        (!in_base(a), a).cmp(&(!in_base(b), b))
    });
    // Whether some side had tags `a` and `b` both with what `same` asks.
    let together = |a: &str, b: &str, same: &dyn Fn(&T) -> bool| {
        sides.iter().any(|side| {
            let has = |name: &str| side.iter().any(|t| t.name() == name && same(t));
            has(a) && has(b)
        })
    };
    let mut out = Vec::new();
    for (at, &i) in order.iter().enumerate() {
        for &j in &order[..at] {
            let (mine, kept) = (&merged[i], &merged[j]);
            if let (Some(color), Some(other)) = (mine.rgb(), kept.rgb())
                && color == other
                && !together(mine.name(), kept.name(), &|t| t.rgb() == Some(color))
            {
                let now = free_color(merged.iter().filter_map(Looks::rgb));
                out.push(Apart {
                    name: mine.name().to_owned(),
                    from: kept.name().to_owned(),
                    change: Change::Color(color, now),
                });
                merged[i].set_rgb(now);
                break;
            }
        }
        for &j in &order[..at] {
            let (mine, kept) = (&merged[i], &merged[j]);
            if let Some(key) = mine.key()
                && kept.key() == Some(key)
                && !together(mine.name(), kept.name(), &|t| t.key() == Some(key))
            {
                out.push(Apart {
                    name: mine.name().to_owned(),
                    from: kept.name().to_owned(),
                    change: Change::Key(key),
                });
                merged[i].set_key(None);
                break;
            }
        }
    }
    out
}

/// The first palette colour not in `used`; past the palette, hues a golden
/// angle apart at the palette's lightness, until one is free.
fn free_color(used: impl Iterator<Item = Rgb>) -> Rgb {
    let used: Vec<Rgb> = used.collect();
    let palette = PALETTE.iter().copied();
    let hues = (0..720u32).map(|i| hsv((i as f64 * 137.507_764) % 360.0, 0.55, 0.85));
    palette.chain(hues).find(|c| !used.contains(c)).unwrap_or(PALETTE[0])
}

/// The colour of hue `h` (degrees), saturation `s` and value `v` (0–1).
fn hsv(h: f64, s: f64, v: f64) -> Rgb {
    let c = v * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let byte = |u: f64| ((u + v - c) * 255.0).round().clamp(0.0, 255.0) as u8;
    Rgb(byte(r), byte(g), byte(b))
}

impl Looks for super::Tag {
    fn name(&self) -> &str {
        &self.name
    }
    fn rgb(&self) -> Option<Rgb> {
        Some(self.color)
    }
    fn set_rgb(&mut self, color: Rgb) {
        self.color = color;
    }
    fn key(&self) -> Option<u8> {
        self.key
    }
    fn set_key(&mut self, key: Option<u8>) {
        self.key = key;
    }
}

impl Looks for super::FileTag {
    fn name(&self) -> &str {
        &self.name
    }
    fn rgb(&self) -> Option<Rgb> {
        Rgb::parse(&self.color)
    }
    fn set_rgb(&mut self, color: Rgb) {
        self.color = color.to_string();
    }
    fn key(&self) -> Option<u8> {
        self.key
    }
    fn set_key(&mut self, key: Option<u8>) {
        self.key = key;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::annotations::Tag;

    fn tag(name: &str, color: Rgb, key: Option<u8>) -> Tag {
        Tag { name: name.into(), color, description: String::new(), key }
    }

    #[test]
    fn two_tags_added_apart_in_one_colour_are_told_apart() {
        let base = vec![tag("old", PALETTE[0], Some(1))];
        let ours = [base.clone(), vec![tag("mine", PALETTE[1], Some(2))]].concat();
        let theirs = [base.clone(), vec![tag("yours", PALETTE[1], Some(2))]].concat();
        let mut merged = [base.clone(), vec![tag("yours", PALETTE[1], Some(2))]].concat();
        merged.push(tag("mine", PALETTE[1], Some(2)));
        let changes = keep_apart(&mut merged, &[&base, &ours, &theirs], &base);
        // "yours" is later by name: it gives way, whichever side it is on.
        assert_eq!(
            changes,
            [
                Apart {
                    name: "yours".into(),
                    from: "mine".into(),
                    change: Change::Color(PALETTE[1], PALETTE[2])
                },
                Apart { name: "yours".into(), from: "mine".into(), change: Change::Key(2) },
            ]
        );
        assert_eq!(merged[1], tag("yours", PALETTE[2], None));
        assert_eq!(merged[2], tag("mine", PALETTE[1], Some(2)));
        let mut other_way = [base.clone(), ours.clone()].concat();
        other_way.dedup_by(|a, b| a.name == b.name);
        other_way.push(tag("yours", PALETTE[1], Some(2)));
        keep_apart(&mut other_way, &[&base, &theirs, &ours], &base);
        assert!(other_way.contains(&tag("yours", PALETTE[2], None)));
        assert!(other_way.contains(&tag("mine", PALETTE[1], Some(2))));
    }

    #[test]
    fn a_tag_that_was_there_keeps_its_colour_and_a_chosen_likeness_stays() {
        let base = vec![tag("zeta", PALETTE[0], None)];
        // Ours adds "alpha" in zeta's colour on purpose: kept.
        let ours = [base.clone(), vec![tag("alpha", PALETTE[0], None)]].concat();
        let mut merged = ours.clone();
        assert!(keep_apart(&mut merged, &[&base, &ours, &base], &base).is_empty());
        // Theirs recoloured zeta to the colour ours gave its new tag: the
        // new tag gives way, though it is earlier by name.
        let ours = [base.clone(), vec![tag("alpha", PALETTE[3], None)]].concat();
        let theirs = vec![tag("zeta", PALETTE[3], None)];
        let mut merged = vec![tag("zeta", PALETTE[3], None), tag("alpha", PALETTE[3], None)];
        let changes = keep_apart(&mut merged, &[&base, &ours, &theirs], &base);
        assert_eq!(changes.len(), 1);
        assert_eq!(merged[0].color, PALETTE[3]);
        assert_eq!(merged[1].color, PALETTE[0], "the first palette colour no tag uses");
    }

    #[test]
    fn past_the_palette_a_colour_no_tag_uses() {
        let mut merged: Vec<Tag> =
            PALETTE.iter().enumerate().map(|(i, &c)| tag(&format!("t{i:02}"), c, None)).collect();
        merged.push(tag("z1", PALETTE[0], None));
        let sides = [merged[..12].to_vec(), vec![tag("z1", PALETTE[0], None)]];
        keep_apart(&mut merged, &[&sides[0], &sides[1]], &[]);
        let last = merged[12].color;
        assert!(!PALETTE.contains(&last), "{last}");
        let mut colors: Vec<Rgb> = merged.iter().map(|t| t.color).collect();
        colors.sort_by_key(|c| (c.0, c.1, c.2));
        colors.dedup();
        assert_eq!(colors.len(), 13, "every tag its own colour");
    }
}
