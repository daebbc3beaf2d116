// Independent check of roadshow's iCalendar output with ical.js (the
// parser Thunderbird and many web calendars use).
//
//   node check.js manifest.json
//
// manifest.json lists files and, per VEVENT, what must be read from it:
// [{"file": "...", "method": "REQUEST", "events": [{"uid": "...",
//   "sequence": 0, "start_ms": 0, "end_ms": 0, "tzid": "Asia/Shanghai",
//   "status": "CONFIRMED", "summary": "...", "description": "...",
//   "attendee": "a@b.cn", "cn": "..."}]}]
// The time-zone registry is reset before each file, so a TZID can only be
// resolved through a VTIMEZONE inside that file. Exit status 1 lists every
// mismatch.
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const problems = [];
let checked = 0;

function expect(where, what, got, want) {
  if (got !== want) {
    problems.push(`${where}: ${what} = ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

function checkAttendee(where, comp, want) {
  const atts = comp.getAllProperties('attendee');
  if (!want.attendee) {
    expect(where, 'ATTENDEE count', atts.length, 0);
    return;
  }
  expect(where, 'ATTENDEE count', atts.length, 1);
  if (atts.length !== 1) return;
  const a = atts[0];
  expect(where, 'ATTENDEE', a.getFirstValue(), 'mailto:' + want.attendee);
  expect(where, 'ATTENDEE CN', a.getParameter('cn'), want.cn);
  expect(where, 'ATTENDEE ROLE', a.getParameter('role'), 'REQ-PARTICIPANT');
  expect(where, 'ATTENDEE PARTSTAT', a.getParameter('partstat'), 'NEEDS-ACTION');
  expect(where, 'ATTENDEE RSVP', String(a.getParameter('rsvp')).toUpperCase(), 'TRUE');
  expect(where, 'ATTENDEE CUTYPE', a.getParameter('cutype'), 'INDIVIDUAL');
}

function checkEvent(file, vevents, want) {
  const where = `${file} ${want.uid}`;
  const comp = vevents.find((v) => v.getFirstPropertyValue('uid') === want.uid);
  if (!comp) {
    problems.push(`${where}: no VEVENT with this UID`);
    return;
  }
  const ev = new ICAL.Event(comp);
  expect(where, 'DTSTART instant', ev.startDate.toUnixTime() * 1000, want.start_ms);
  expect(where, 'DTEND instant', ev.endDate.toUnixTime() * 1000, want.end_ms);
  expect(where, 'DTSTART zone', ev.startDate.zone && ev.startDate.zone.tzid, want.tzid);
  expect(where, 'SEQUENCE', ev.sequence, want.sequence);
  expect(where, 'STATUS', comp.getFirstPropertyValue('status'), want.status);
  expect(where, 'SUMMARY', ev.summary, want.summary);
  expect(where, 'DESCRIPTION', ev.description, want.description);
  checkAttendee(where, comp, want);
  checked++;
}

for (const item of manifest) {
  ICAL.TimezoneService.reset();
  let root;
  try {
    root = new ICAL.Component(ICAL.parse(readFileSync(item.file, 'utf8')));
  } catch (e) {
    problems.push(`${item.file}: ical.js cannot parse it: ${e.message}`);
    continue;
  }
  expect(item.file, 'METHOD', root.getFirstPropertyValue('method') ?? '', item.method);
  const vevents = root.getAllSubcomponents('vevent');
  expect(item.file, 'VEVENT count', vevents.length, item.events.length);
  for (const want of item.events) checkEvent(item.file, vevents, want);
}

if (problems.length > 0) {
  for (const p of problems) console.log(p);
  process.exit(1);
}
console.log(`ical.js: ${checked} events in ${manifest.length} files read as intended`);
