//! Rules 2-5 for one shipment (cutoff, handling, pickup, transit), explained as they go.

use super::explain::{day_off_text, describe_extra, gap_text, local_text, Explain};
use super::{transit_days, Calc, ShipmentInput};
use crate::calendar::{describe_weekdays, no_working_day, MAX_SCAN_DAYS};
use crate::civil::{Date, MAX_DATE, MIN_DATE};
use crate::error::Error;
use crate::policy::{keep_behind, stops_transit, Advised, DestinationHolidays, Service};
use crate::tz::LocalKind;

/// Rules 2-5 of the module documentation for one shipment released at `input.release`, with
/// the advisories active then and the backlog of those that ended before (see
/// [`crate::policy::Advisory`]). Explained into `ex`; the result's `steps` are empty (the
/// caller finishes `ex`).
pub(crate) fn compute(input: &ShipmentInput<'_>, ex: &mut Explain) -> Result<Calc, Error> {
    let ShipmentInput { node, service, lane, release, .. } = *input;
    let advised = service.advised(lane.advisories, node, release);
    let mut calc = compute_advised(input, advised, ex)?;
    calc.order_by = calc.order_by.min(advised.until);
    for (i, a) in service.advisories.iter().enumerate() {
        if advised.backlog >> i & 1 == 0 {
            continue;
        }
        let dates = input.backlogs.keep((node, input.extra.0, i), a, |at| {
            let then = service.advised(lane.advisories, node, at);
            let b = compute_advised(&ShipmentInput { release: at, ..*input }, then, &mut Explain::new(false))?;
            Ok::<_, Error>((b.ship_by, b.earliest, b.latest))
        })?;
        if keep_behind((&mut calc.ship_by, &mut calc.earliest, &mut calc.latest), dates) {
            ex.push("advisory_backlog", None, || {
                format!("Queued behind the backlog of {} (ended {})", a.name, a.to.short())
            });
        }
    }
    Ok(calc)
}

/// Rules 2-5 with the days of the advisories active at the release (`advised`).
fn compute_advised(input: &ShipmentInput<'_>, advised: Advised, ex: &mut Explain) -> Result<Calc, Error> {
    let ShipmentInput { node, service, lane, release, .. } = *input;
    let dest = lane.holidays;
    let (zone, carrier) = (node.zone, service.carrier.as_str());
    let release_date = Date(zone.local_parts(release).0);

    // 2. Cutoff: the first wave of a working day whose cutoff the release is strictly before.
    let mut d = release_date;
    let (start, order_by) = loop {
        if release_date.days_until(d) > MAX_SCAN_DAYS {
            return Err(no_working_day(release_date));
        }
        match node.day(d, carrier) {
            Ok(open) => {
                if let Some((start, wave, cutoff_at, cutoff_kind)) = open.admits(node, d, release) {
                    if d == release_date {
                        ex.push("cutoff_met", Some(d), || {
                            let name = open.wave_name(start.wave, " of ");
                            format!("Released before the {} cutoff{name}: handling starts {}", wave.cutoff, d.short())
                        });
                    } else {
                        ex.push("handling_starts", Some(d), || {
                            let name = open.wave_name(start.wave, " of ");
                            format!("Handling starts {} ({} cutoff{name})", d.short(), wave.cutoff)
                        });
                    }
                    if cutoff_kind == LocalKind::Gap {
                        ex.push("dst_gap", Some(d), || gap_text("cutoff"));
                    }
                    if let Some(name) = open.special {
                        ex.push("special_day", Some(d), || format!("{}: {name}, cutoff {}", d.short(), wave.cutoff));
                    }
                    break (start, cutoff_at);
                }
                // The last wave's cutoff: after it, the day has no wave left.
                let last = open.last_cutoff();
                ex.push("cutoff_passed", Some(d), || {
                    format!("Released after the {last} cutoff on {}: handling starts the next working day", d.short())
                });
            }
            Err(off) => ex.skip("day_skipped", d, || day_off_text(off, &format!("{} does not work", node.name))),
        }
        d = d.succ();
    };

    for (i, a) in service.advisories.iter().enumerate() {
        if advised.active >> i & 1 == 1 {
            ex.push("advisory", None, || {
                format!("{} (advisory): +{} handling, +{} transit day(s)", a.name, a.handling, a.transit)
            });
        }
    }

    // 3. Handling days, counted in node working days.
    let handling = node.handling_days + input.extra.0 + advised.handling;
    let mut ship = start.day;
    let mut counted = 0;
    while counted < handling {
        ship = ship.succ();
        if start.day.days_until(ship) > MAX_SCAN_DAYS + handling as i32 {
            return Err(no_working_day(start.day));
        }
        if node.is_working(ship) {
            counted += 1;
        } else if let Err(off) = node.day(ship, carrier) {
            ex.skip("day_skipped", ship, || day_off_text(off, &format!("{} does not work", node.name)));
        }
    }
    if input.extra.0 > 0 {
        ex.push("extra_handling", None, || {
            format!("Extra handling {} day(s): {}", input.extra.0, describe_extra(node, input.extra.1))
        });
    }
    ex.push("handling", Some(ship), || {
        format!("Handling {handling} working day(s) at {}: ready {}", node.name, ship.short())
    });

    // 4. Pickup: the first wave with a pickup for this carrier from the ready day on; on the
    // day handling starts (no handling days), from the start's own wave.
    let ready = start.ready_on(ship);
    let (ship_by, pickup_kind) = loop {
        if ready.day.days_until(ship) > MAX_SCAN_DAYS {
            return Err(no_working_day(ready.day));
        }
        let from = if ship == ready.day { ready.wave } else { 0 };
        match node.day(ship, carrier).map(|open| (open, open.pickup_from(node, ship, from))) {
            Ok((open, Some((wave, _, at, kind)))) => {
                ex.push("pickup", Some(ship), || {
                    let name = open.wave_name(wave, ", ");
                    format!("Carrier pickup ({carrier}{name}) {}: ship by {}", ship.short(), local_text(zone, at))
                });
                break (at, kind);
            }
            Ok((_, None)) => ex.skip("day_skipped", ship, || format!("no {carrier} pickup at {}", node.name)),
            Err(off) => ex.skip("day_skipped", ship, || day_off_text(off, &format!("{} does not work", node.name))),
        }
        ship = ship.succ();
    };
    if pickup_kind == LocalKind::Gap {
        ex.push("dst_gap", Some(ship), || gap_text("pickup"));
    }

    // 5. Transit on carrier days, then the next delivery day. The last day may be a day the
    // carrier delivers but does not move parcels (Saturday delivery): a parcel at the depot
    // after its last transit day but one is delivered on the next delivery day.
    let (lo, hi, confidence) = transit_days(lane.transit, input.confidence);
    let (lo, hi) = (lo + advised.transit, hi + advised.transit);
    let mut day = ship;
    let (mut earliest_raw, mut latest_raw) = ((lo == 0).then_some(ship), (hi == 0).then_some(ship));
    let mut n = 0;
    while latest_raw.is_none() {
        day = day.succ();
        if ship.days_until(day) > MAX_SCAN_DAYS + hi as i32 {
            return Err(no_working_day(ship));
        }
        match (service.transit_calendar.day_off(day), stops_transit(dest, day)) {
            (None, None) => {
                n += 1;
                ex.push("transit_day", Some(day), || format!("{} transit day {n}: {}", service.name, day.short()));
            }
            _ if (n + 1 == lo || n + 1 == hi) && service.delivers_on(day, dest) => {
                ex.push("delivery_day", Some(day), || {
                    format!("{} delivers {}, a delivery day but not a transit day", service.name, day.short())
                });
                if n + 1 == lo && earliest_raw.is_none() {
                    earliest_raw = Some(day);
                }
                if n + 1 == hi {
                    latest_raw = Some(day);
                }
                continue;
            }
            (Some(off), _) => ex.skip("carrier_day_skipped", day, || {
                day_off_text(off, &format!("{} does not move parcels", service.name))
            }),
            (None, Some(name)) => ex.skip("destination_holiday", day, || {
                format!("{name} at the destination: {} neither moves nor delivers parcels there", service.name)
            }),
        }
        if n == lo && earliest_raw.is_none() {
            earliest_raw = Some(day);
        }
        if n == hi {
            latest_raw = Some(day);
        }
    }
    let earliest = next_delivery_day(service, dest, earliest_raw.unwrap_or(day), ex, "earliest")?;
    let latest = next_delivery_day(service, dest, latest_raw.unwrap_or(day), ex, "latest")?;
    // A compiled policy knows its calendars for some years only: never answer from days it
    // does not know (the years are contiguous, so the ends of each span are enough).
    let dest_calendar = dest.map(|h| &h.calendar);
    let calendars = [(&node.calendar, release_date), (&node.calendar, ship), (&service.transit_calendar, latest)];
    for (calendar, d) in calendars.into_iter().chain(dest_calendar.map(|c| (c, latest))) {
        if !(MIN_DATE..=MAX_DATE).contains(&d) {
            return Err(crate::calendar::past_the_range(d));
        }
        if !calendar.covers(d) {
            return Err(Error::new(
                "outside_compiled_years",
                format!("this promise needs the calendars of {d}, beyond the years the policy was compiled for: compile it for later years"),
            ));
        }
    }
    ex.push("delivery_window", None, || {
        let days = if lo == hi { format!("{lo}") } else { format!("{lo}-{hi}") };
        let conf = confidence.map(|c| format!(" at {}% confidence", (c * 100.0).round() as u32)).unwrap_or_default();
        format!(
            "{}: {days} transit day(s) ({}){conf}: arrives {} - {}",
            service.name,
            describe_weekdays(&service.transit_calendar_weekdays()),
            earliest.short(),
            latest.short()
        )
    });
    Ok(Calc { release, start, order_by, ship_by, earliest, latest, confidence, steps: Vec::new() })
}

fn next_delivery_day(
    service: &Service,
    dest: Option<&DestinationHolidays>,
    from: Date,
    ex: &mut Explain,
    which: &str,
) -> Result<Date, Error> {
    let mut d = from;
    while !service.delivers_on(d, dest) {
        if from.days_until(d) > MAX_SCAN_DAYS {
            return Err(no_working_day(from));
        }
        if let Some(name) = dest.and_then(|h| h.on(d)).filter(|_| service.delivers_on(d, None)) {
            ex.skip("destination_holiday", d, || {
                format!("{name} at the destination: no {} delivery there, the {which} date moves on", service.name)
            });
            d = d.succ();
            continue;
        }
        let holiday = service.transit_calendar.day_off(d).filter(|_| service.delivery_weekdays[d.weekday().index()]);
        ex.skip("no_delivery_day", d, || match holiday {
            Some(off) => format!("{}, no {} delivery: the {which} date moves on", day_off_text(off, ""), service.name),
            None => format!(
                "no {} delivery (it delivers {}): the {which} date moves on",
                service.name,
                describe_weekdays(&service.delivery_weekdays)
            ),
        });
        d = d.succ();
    }
    Ok(d)
}
