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

use std::collections::{HashMap, HashSet};

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
                "tag {name:?} and tag {from:?} came to share one colour ({was}), which no one gave them both: {name:?} is now {now}"
            ),
            Change::Key(key) => write!(
                f,
                "tag {name:?} and tag {from:?} came to share quick key {key}, which no one gave them both: {from:?} keeps it"
            ),
        }
    }
}

/// What `changes` did, a line a group: the tags that moved together are
/// named once (three, then a count), not a line each.
pub fn lines(changes: &[Apart]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        let first = &changes[i];
        let n = changes[i..]
            .iter()
            .take_while(|a| a.from == first.from && a.change == first.change)
            .count();
        if n == 1 {
            out.push(first.to_string());
        } else {
            let names: Vec<String> =
                changes[i..i + n].iter().take(3).map(|a| format!("{:?}", a.name)).collect();
            let more = if n > 3 { format!(" and {} more", n - 3) } else { String::new() };
            let names = format!("tags {}{more}", names.join(", "));
            let from = &first.from;
            out.push(match first.change {
                Change::Color(was, now) => format!(
                    "{names} and tag {from:?} came to share one colour ({was}), which no one gave them all: the {n} are now {now}"
                ),
                Change::Key(key) => format!(
                    "{names} and tag {from:?} came to share quick key {key}, which no one gave them all: {from:?} keeps it"
                ),
            });
        }
        i += n;
    }
    out
}

/// Mends the clashes the merge made in `merged` (see the module docs);
/// `sides` are the tags of each version merged (the base among them), and
/// `base` the tags that were there before (none: every tag is new).
///
/// The tags sharing a colour fall into groups: two are in one group when a
/// side had both in that colour (a likeness chosen there, or an existing
/// tag's colour taken on purpose), and so on through the sides. One group
/// keeps the colour (the one holding a tag that was there before, else the
/// one whose first name is earliest); each other group takes a free colour
/// of its own, all its tags alike. Keys go the same way, but lost. Work is
/// in the number of tags, sides and groups, not their product squared.
pub fn keep_apart<T: Looks>(merged: &mut [T], sides: &[&[T]], base: &[T]) -> Vec<Apart> {
    // Each side's tags by name, once.
    let by_name: Vec<HashMap<&str, &T>> =
        sides.iter().map(|side| side.iter().map(|t| (t.name(), t)).collect()).collect();
    let in_base: HashSet<&str> = base.iter().map(Looks::name).collect();
    let mut out = Vec::new();
    // Colours.
    let colors: Vec<Option<Rgb>> = merged.iter().map(Looks::rgb).collect();
    for (color, members) in sharing(&colors) {
        let groups = groups(merged, &members, &by_name, |t| t.rgb() == Some(color));
        let keeper = keeper(merged, &groups, &in_base);
        for group in groups.iter().enumerate().filter(|(g, _)| *g != keeper).map(|(_, g)| g) {
            let now = free_color(merged.iter().filter_map(Looks::rgb));
            for &i in group {
                out.push(Apart {
                    name: merged[i].name().to_owned(),
                    from: merged[groups[keeper][0]].name().to_owned(),
                    change: Change::Color(color, now),
                });
                merged[i].set_rgb(now);
            }
        }
    }
    // Quick keys.
    let keys: Vec<Option<u8>> = merged.iter().map(Looks::key).collect();
    for (key, members) in sharing(&keys) {
        let groups = groups(merged, &members, &by_name, |t| t.key() == Some(key));
        let keeper = keeper(merged, &groups, &in_base);
        for group in groups.iter().enumerate().filter(|(g, _)| *g != keeper).map(|(_, g)| g) {
            for &i in group {
                out.push(Apart {
                    name: merged[i].name().to_owned(),
                    from: merged[groups[keeper][0]].name().to_owned(),
                    change: Change::Key(key),
                });
                merged[i].set_key(None);
            }
        }
    }
    out
}

/// Each value two or more tags share, with their places, in the value's
/// order (not the tags': which group takes which free colour must not
/// follow the order a side lists its tags in).
fn sharing<V: Copy + Ord + std::hash::Hash>(values: &[Option<V>]) -> Vec<(V, Vec<usize>)> {
    let mut at: HashMap<V, usize> = HashMap::new();
    let mut out: Vec<(V, Vec<usize>)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let Some(v) = *v else { continue };
        let slot = *at.entry(v).or_insert_with(|| {
            out.push((v, Vec::new()));
            out.len() - 1
        });
        out[slot].1.push(i);
    }
    out.retain(|(_, members)| members.len() > 1);
    out.sort_by_key(|(v, _)| *v);
    out
}

/// `members` (places in `merged`) in groups: two are in one group when a
/// side had both with `alike` true, and so on. Each group's places sorted
/// by name, the groups by their first name.
fn groups<T: Looks>(
    merged: &[T],
    members: &[usize],
    sides: &[HashMap<&str, &T>],
    alike: impl Fn(&T) -> bool,
) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..members.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for side in sides {
        // The members this side had alike: all in one group.
        let mut first = None;
        for (m, &i) in members.iter().enumerate() {
            if side.get(merged[i].name()).is_some_and(|t| alike(t)) {
                match first {
                    None => first = Some(m),
                    Some(f) => {
                        let (a, b) = (root(&mut parent, f), root(&mut parent, m));
                        parent[a] = b;
                    }
                }
            }
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for (m, &member) in members.iter().enumerate() {
        let r = root(&mut parent, m);
        by_root.entry(r).or_default().push(member);
    }
    let mut groups: Vec<Vec<usize>> = by_root.into_values().collect();
    for g in &mut groups {
        g.sort_by(|&a, &b| merged[a].name().cmp(merged[b].name()));
    }
    groups.sort_by(|a, b| merged[a[0]].name().cmp(merged[b[0]].name()));
    groups
}

/// Which of `groups` keeps what they share: the first holding a tag that
/// was there before, else the first (by name).
fn keeper<T: Looks>(merged: &[T], groups: &[Vec<usize>], in_base: &HashSet<&str>) -> usize {
    groups.iter().position(|g| g.iter().any(|&i| in_base.contains(merged[i].name()))).unwrap_or(0)
}

/// The first palette colour not in `used`; past the palette, hues a golden
/// angle apart at the palette's lightness, until one is free.
pub fn free_color(used: impl Iterator<Item = Rgb>) -> Rgb {
    let used: HashSet<Rgb> = used.collect();
    let palette = PALETTE.iter().copied();
    // 720 hues at each of four lightnesses: more colours than tags.
    let hues = (0..2880u32).map(|i| {
        let value = [0.85, 0.7, 0.95, 0.6][(i / 720) as usize];
        hsv((i as f64 * 137.507_764) % 360.0, 0.55, value)
    });
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
    fn a_colour_group_one_side_chose_moves_whole_and_a_shared_base_colour_stays() {
        let base = vec![tag("critique", PALETTE[6], None)];
        // Ann gives two new tags one colour on purpose; Bob's new tag
        // takes the same first free colour by chance.
        let ann = [
            base.clone(),
            vec![tag("fear-market", PALETTE[8], None), tag("fear-security", PALETTE[8], None)],
        ]
        .concat();
        let bob = [base.clone(), vec![tag("anger", PALETTE[8], None)]].concat();
        let mut merged = [ann.clone(), vec![tag("anger", PALETTE[8], None)]].concat();
        let changes = keep_apart(&mut merged, &[&base, &ann, &bob], &base);
        let color = |m: &[Tag], name: &str| m.iter().find(|t| t.name == name).expect("kept").color;
        assert_eq!(color(&merged, "anger"), PALETTE[8], "earliest by name: kept");
        assert_eq!(color(&merged, "fear-market"), color(&merged, "fear-security"), "still alike");
        assert_ne!(color(&merged, "fear-market"), PALETTE[8]);
        assert_eq!(changes.len(), 2);
        // Each coder takes the colour of the tag that was there: chosen, kept.
        let ann = [base.clone(), vec![tag("hope", PALETTE[6], None)]].concat();
        let bob = [base.clone(), vec![tag("fear", PALETTE[6], None)]].concat();
        let mut merged = [ann.clone(), vec![tag("fear", PALETTE[6], None)]].concat();
        assert!(keep_apart(&mut merged, &[&base, &ann, &bob], &base).is_empty());
    }

    #[test]
    fn clashes_in_two_colours_come_out_the_same_whatever_the_order() {
        let ann = vec![tag("a1", PALETTE[8], None), tag("a2", PALETTE[9], None)];
        let bob = vec![tag("b1", PALETTE[9], None), tag("b2", PALETTE[8], None)];
        let mut one = [ann.clone(), bob.clone()].concat();
        keep_apart(&mut one, &[&[], &ann, &bob], &[]);
        let mut other = [bob.clone(), ann.clone()].concat();
        keep_apart(&mut other, &[&[], &bob, &ann], &[]);
        let sorted = |mut tags: Vec<Tag>| {
            tags.sort_by(|a, b| a.name.cmp(&b.name));
            tags
        };
        assert_eq!(sorted(one), sorted(other));
    }

    #[test]
    fn many_tags_in_one_colour_take_little_time() {
        // Every pair of them looked at every side: 2,000 tags took 7.9 s.
        let ours: Vec<Tag> = (0..3000).map(|i| tag(&format!("o{i}"), PALETTE[0], None)).collect();
        let theirs: Vec<Tag> = (0..3000).map(|i| tag(&format!("t{i}"), PALETTE[0], None)).collect();
        let mut merged = [ours.clone(), theirs.clone()].concat();
        let changes = keep_apart(&mut merged, &[&[], &ours, &theirs], &[]);
        assert_eq!(changes.len(), 3000, "one side's group moves, whole");
        let said = lines(&changes);
        assert_eq!(said.len(), 1, "one line for the group: {said:?}");
        assert!(said[0].starts_with("tags \"t0\", \"t1\", \"t10\" and 2997 more"), "{}", said[0]);
        assert!(merged[..3000].iter().all(|t| t.color == PALETTE[0]));
        assert!(merged[3000..].iter().all(|t| t.color == merged[3000].color));
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
