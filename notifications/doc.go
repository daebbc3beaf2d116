// Package notifications tells investors and enterprises about their 1:1
// meetings and roadshow pitch slots by email, in a form calendar clients get
// right.
//
// It holds four layers, each usable on its own:
//
//   - the iCalendar builder (BuildRequest, BuildCancel, BuildFeed) and its
//     validator (Validate): pure functions from plain structs to RFC 5545
//     bytes, built on github.com/emersion/go-ical and folded here;
//   - the iMIP message builder (BuildMessage, RFC 6047) and the bilingual
//     templates (Templates, LoadTemplates), put together by Composer, which
//     turns an Appointment or a notice into the exact bytes an outbox row
//     keeps;
//   - the mailers (Mailer, SMTPMailer with pooled connections, FileMailer)
//     that send those bytes and classify failures (IsPermanent, SMTPCode);
//   - the Dispatcher, which claims due outbox rows through the small Store
//     interface defined here, sends them without holding a database
//     transaction, and records sent, retry, dead or expired.
//
// The package never reads the clock or a database by itself: callers pass
// now, and the outbox table lives behind Store.
package notifications
