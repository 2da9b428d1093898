//! A chat's messages as turns, with a subhead for each day where the app
//! writes dates, read in the order of day, month and year the file's
//! dates tell.

use super::{Date, Message};
use crate::import::speakers::Said;

/// The order of a file's dates' numbers, judged from all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    YearMonthDay,
    DayMonthYear,
    MonthDayYear,
    /// No number over 12 says which is the day.
    Unknown,
}

fn order<'a>(dates: impl Iterator<Item = &'a Date<'a>> + Clone) -> Order {
    if dates.clone().any(|d| d.year_first) {
        return Order::YearMonthDay;
    }
    let day_first = dates.clone().any(|d| d.numbers[0] > 12);
    let month_first = dates.clone().any(|d| d.numbers[1] > 12);
    match (day_first, month_first) {
        (true, false) => Order::DayMonthYear,
        (false, true) => Order::MonthDayYear,
        _ => Order::Unknown,
    }
}

/// `date` as ISO 8601 (`2024-03-12`) if `order` says how to read it and it
/// is a date.
fn iso(date: &Date, order: Order) -> Option<String> {
    let [a, b, c] = date.numbers;
    let (year, month, day) = match order {
        Order::YearMonthDay => (a, b, c),
        Order::DayMonthYear => (c, b, a),
        Order::MonthDayYear => (c, a, b),
        Order::Unknown => return None,
    };
    let year = common_era(year, date.short_year);
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The year of `date`: its place is known whatever the order of day and
/// month.
fn year(date: &Date) -> u32 {
    let year = if date.year_first { date.numbers[0] } else { date.numbers[2] };
    common_era(year, date.short_year)
}

/// `year` as written (two digits if `short`) in the Common Era. WhatsApp
/// is younger than 2000, so two digits are 20xx, unless 50 or more: 2050
/// is to come, and a phone set to the Thai solar calendar writes the
/// Buddhist Era's year (`67` for 2567, that is 2024; 2550 was 2007). A year
/// of four digits past 2400 is the Buddhist Era's too.
fn common_era(year: u32, short: bool) -> u32 {
    const BUDDHIST: u32 = 543;
    match (short, year) {
        (true, 50..) => 2500 + year - BUDDHIST,
        (true, _) => 2000 + year,
        (false, 2400..) => year - BUDDHIST,
        (false, _) => year,
    }
}

/// The turns of `messages` (each with text), the senders in the order
/// they first write, and the first day as ISO 8601 (or `""`).
pub(super) fn turns(messages: &[Message]) -> (Vec<Said>, Vec<String>, String) {
    let order = order(messages.iter().filter_map(|m| m.date.as_ref()));
    // The first day, or where the order is unknown its year (both orders
    // agree on it): ISO 8601 either way.
    let first = messages
        .first()
        .and_then(|m| m.date.as_ref())
        .map(|d| iso(d, order).unwrap_or_else(|| format!("{:04}", year(d))));
    // Senders of a message with text only: one who sent none is no voice.
    let mut labels: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = Default::default();
    let mut turns: Vec<Said> = Vec::new();
    let mut day: Option<&str> = None;
    for m in messages {
        let label = *index.entry(&m.sender).or_insert_with(|| {
            labels.push(m.sender.clone());
            labels.len() - 1
        });
        let mut said = Said {
            line: m.line,
            label,
            paragraphs: Vec::new(),
            times: Vec::new(),
            heads: Vec::new(),
        };
        if let Some(date) = m.date.as_ref().filter(|d| day != Some(d.written)) {
            day = Some(date.written);
            said.heads.push(0);
            let written = || date.written.chars().filter(|&c| !super::invisible(c)).collect();
            said.paragraphs.push(iso(date, order).unwrap_or_else(written));
            said.times.push(String::new());
        }
        for (k, p) in m.paragraphs.iter().enumerate() {
            said.paragraphs.push(p.clone());
            said.times.push(if k == 0 { m.time.clone() } else { String::new() });
        }
        turns.push(said);
    }
    (turns, labels, first.unwrap_or_default())
}
