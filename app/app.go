// Package app holds roadshow's domain: the organizations, events and
// registrations of the Torch "Five Ones" campaign, their validation rules,
// who may see and change what, the error codes every layer speaks, and the
// service interfaces that app/store implements and app/api serves.
//
// It imports only the standard library.
package app
