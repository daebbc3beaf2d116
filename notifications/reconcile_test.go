package notifications

import (
	"reflect"
	"testing"
)

func TestReconcile(t *testing.T) {
	const a, b, c = "a@example.com", "b@example.com", "c@example.com"
	sent := func(email string, seq int) Held {
		return Held{Email: email, Sequence: seq, Holds: true, Informed: true}
	}
	queued := func(email string, seq int) Held { return Held{Email: email, Sequence: seq, Holds: true} }
	cancelled := func(email string, seq int) Held { return Held{Email: email, Sequence: seq, Informed: true} }
	send := func(email string, kind Kind, seq int) Send { return Send{Email: email, Kind: kind, Sequence: seq} }
	active := func(seq int, to ...string) ItemState { return ItemState{Sequence: seq, Active: true, Attendees: to} }
	for _, tc := range []struct {
		name string
		held []Held
		now  ItemState
		want Plan
	}{
		{"NewMeeting", nil, active(0, a, b),
			Plan{Sends: []Send{send(a, KindInvite, 0), send(b, KindInvite, 0)}}},
		{"NewMeetingNoAttendees", nil, active(0), Plan{}},
		{"Moved", []Held{sent(a, 0), sent(b, 0)}, active(1, a, b),
			Plan{Sequence: 1, Sends: []Send{send(a, KindUpdate, 1), send(b, KindUpdate, 1)}}},
		{"MovedBeforeInviteWentOut", []Held{queued(a, 0), sent(b, 0)}, active(1, a, b),
			Plan{Sequence: 1, Sends: []Send{send(a, KindInvite, 1), send(b, KindUpdate, 1)}}},
		{"MovedTwice", []Held{sent(a, 1), sent(b, 0)}, active(2, a, b),
			Plan{Sequence: 2, Sends: []Send{send(a, KindUpdate, 2), send(b, KindUpdate, 2)}}},
		{"ContactChanged", []Held{sent(a, 0), sent(b, 0)}, active(0, a, c),
			Plan{Sequence: 1, RaiseSequence: true,
				Sends: []Send{send(a, KindUpdate, 1), send(c, KindInvite, 1), send(b, KindCancel, 1)}}},
		{"ContactChangedAfterMove", []Held{sent(a, 0), sent(b, 0)}, active(1, a, c),
			Plan{Sequence: 1, Sends: []Send{send(a, KindUpdate, 1), send(c, KindInvite, 1), send(b, KindCancel, 1)}}},
		{"ContactChangedBeforeInviteWentOut", []Held{sent(a, 0), queued(b, 0)}, active(0, a, c),
			Plan{Withdraw: []string{b}, Sends: []Send{send(c, KindInvite, 0)}}},
		{"Cancelled", []Held{sent(a, 0), sent(b, 0)}, ItemState{Sequence: 1, Attendees: []string{a, b}},
			Plan{Sequence: 1, Sends: []Send{send(a, KindCancel, 1), send(b, KindCancel, 1)}}},
		{"CancelledSameSequence", []Held{sent(a, 2)}, ItemState{Sequence: 2},
			Plan{Sequence: 2, Sends: []Send{send(a, KindCancel, 2)}}},
		{"CancelledBeforeInviteWentOut", []Held{queued(a, 0), sent(b, 0)}, ItemState{Sequence: 1},
			Plan{Sequence: 1, Withdraw: []string{a}, Sends: []Send{send(b, KindCancel, 1)}}},
		{"HolderOfCancellation", []Held{cancelled(a, 1), cancelled(b, 1)}, ItemState{Sequence: 1}, Plan{Sequence: 1}},
		{"RemovedHolderOfCancellation", []Held{sent(a, 0), cancelled(b, 0)}, active(0, a), Plan{}},
		{"ReinvitedAfterCancellation", []Held{sent(a, 1), cancelled(b, 1)}, active(1, a, b),
			Plan{Sequence: 1, Sends: []Send{send(b, KindInvite, 1)}}},
		{"UpToDate", []Held{sent(a, 3), queued(b, 3)}, active(3, a, b), Plan{Sequence: 3}},
		{"CaseOfAddress", []Held{sent("A@Example.com", 0)}, active(0, a), Plan{}},
		{"AttendeeTwice", nil, active(0, a, "A@EXAMPLE.COM", b),
			Plan{Sends: []Send{send(a, KindInvite, 0), send(b, KindInvite, 0)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Reconcile(tc.held, tc.now); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Reconcile:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestReconcile_Idempotent checks that what Reconcile queued, once held,
// asks for nothing more.
func TestReconcile_Idempotent(t *testing.T) {
	const a, b, c = "a@example.com", "b@example.com", "c@example.com"
	held := []Held{{Email: a, Holds: true, Informed: true}, {Email: b, Holds: true, Informed: true}}
	now := ItemState{Sequence: 0, Active: true, Attendees: []string{a, c}}
	for round := 0; round < 3; round++ {
		p := Reconcile(held, now)
		if round > 0 && (len(p.Sends) > 0 || len(p.Withdraw) > 0 || p.RaiseSequence) {
			t.Fatalf("round %d: %+v, want nothing", round, p)
		}
		now.Sequence = p.Sequence
		held = apply(held, p)
	}
}

// apply is what the outbox holds once p's messages are queued.
func apply(held []Held, p Plan) []Held {
	for _, s := range p.Sends {
		h := Held{Email: s.Email, Sequence: s.Sequence, Holds: s.Kind != KindCancel}
		found := false
		for i := range held {
			if held[i].Email == s.Email {
				h.Informed, held[i], found = held[i].Informed, h, true
			}
		}
		if !found {
			held = append(held, h)
		}
	}
	return held
}
