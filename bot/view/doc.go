// Package view renders domain read models as Slack Block Kit: pure functions of a Localizer
// and the data, with no I/O, so that handlers, the outbox dispatcher and the tests produce
// exactly the same messages. Every view stays inside Slack's limits whatever its input
// (long texts are cut with "…", long lists summarised); CheckMessage and CheckModal verify
// it, and the fixed action and callback ids the router dispatches on are declared here.
package view
