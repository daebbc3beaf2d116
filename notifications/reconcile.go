package notifications

import "strings"

// Held is what one address holds of a calendar item (a meeting or a pitch
// slot), as the outbox says: the SEQUENCE of the latest invite, update or
// cancellation queued to it, and whether that latest message is an invite
// or update.
type Held struct {
	Email    string // as it was addressed; compared without case
	Sequence int    // SEQUENCE of the latest calendar message
	Holds    bool   // the latest message is an invite or update, not a cancellation
	Informed bool   // an invite or update has actually gone out (sent or being sent)
}

// ItemState is a calendar item as it is now.
type ItemState struct {
	Sequence  int      // the item's current SEQUENCE
	Active    bool     // scheduled; false when it is cancelled
	Attendees []string // who should hold it now, in order (ignored when not active)
}

// Send is one calendar message to queue.
type Send struct {
	Email    string
	Kind     Kind // KindInvite, KindUpdate or KindCancel
	Sequence int
}

// Plan is what brings every calendar in line with an item.
type Plan struct {
	// Sequence is the SEQUENCE the messages carry: the item's, or one more
	// when RaiseSequence is set.
	Sequence int
	// RaiseSequence says the item's stored SEQUENCE must rise by one: an
	// attendee who holds the current version was removed from an item that
	// is otherwise unchanged, and the others must see that change.
	RaiseSequence bool
	// Withdraw lists the addresses (as held) whose invite never went out:
	// their unsent messages are withdrawn instead of cancelled.
	Withdraw []string
	// Sends are the messages to queue: invites and updates in attendee
	// order, then cancellations in the order of held.
	Sends []Send
}

// Reconcile decides, from what each address holds of an item (held: at
// most one entry per address) and what the item is now, which calendar
// messages to queue:
//
//   - an attendee who holds nothing, or whose latest message was a
//     cancellation, gets an invite;
//   - an attendee who holds an older SEQUENCE gets an update (an invite
//     when the older one never went out);
//   - an attendee who holds the current SEQUENCE gets nothing;
//   - a holder who is no longer an attendee (removed, or the item is
//     cancelled) gets a cancellation, or, when their invite never went out,
//     it is withdrawn; a holder of a cancellation gets nothing more.
//
// When an active item loses a holder of its current SEQUENCE, the
// SEQUENCE rises by one, so the remaining attendees get an update. An
// attendee listed twice (in any case) is served once. Reconcile is pure and
// deterministic; running it again on what it queued yields nothing.
func Reconcile(held []Held, now ItemState) Plan {
	byEmail := make(map[string]*Held, len(held))
	for i := range held {
		byEmail[strings.ToLower(held[i].Email)] = &held[i]
	}
	wanted := map[string]bool{}
	if now.Active {
		for _, a := range now.Attendees {
			wanted[strings.ToLower(a)] = true
		}
	}
	p := Plan{Sequence: now.Sequence}
	var removed []string
	for _, h := range held {
		if wanted[strings.ToLower(h.Email)] || !h.Holds {
			continue
		}
		if !h.Informed {
			p.Withdraw = append(p.Withdraw, h.Email)
			continue
		}
		removed = append(removed, h.Email)
		if now.Active && h.Sequence >= now.Sequence {
			p.RaiseSequence = true
		}
	}
	if p.RaiseSequence {
		p.Sequence++
	}
	p.Sends = attendeeSends(byEmail, now, p.Sequence)
	for _, email := range removed {
		p.Sends = append(p.Sends, Send{Email: email, Kind: KindCancel, Sequence: p.Sequence})
	}
	return p
}

// attendeeSends lists the invites and updates the attendees need at seq.
func attendeeSends(held map[string]*Held, now ItemState, seq int) []Send {
	if !now.Active {
		return nil
	}
	var out []Send
	seen := map[string]bool{}
	for _, a := range now.Attendees {
		key := strings.ToLower(a)
		if seen[key] {
			continue
		}
		seen[key] = true
		kind := KindInvite
		if h := held[key]; h != nil && h.Holds {
			if h.Sequence >= seq {
				continue // already holds this version
			}
			if h.Informed {
				kind = KindUpdate
			}
		}
		out = append(out, Send{Email: a, Kind: kind, Sequence: seq})
	}
	return out
}
