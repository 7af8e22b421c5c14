package order

import (
	"slices"
	"strconv"
	"time"
)

// duplicateOrder holds an order from the same buyer (phone or platform account) to the same
// address as another order placed within the buffer: usually a double submission or a buyer
// adding items, which the warehouse should merge into one parcel. Cancelled orders do not
// count; shipped ones do (a repeat of a shipped order is still worth a look).
func duplicateOrder() Check {
	return define(CheckDuplicateOrder, SeverityHold,
		[]Param{
			// Half an hour covers a double submission and a buyer coming back for a forgotten
			// item, and is shorter than the warehouse's usual picking wave, so the orders can
			// still be merged.
			{Name: "buffer", Kind: KindDuration, Default: "30m"},
		},
		[]FlagKey{key(CheckDuplicateOrder, "", "orders", "buffer")},
		func(c checkRun) []Flag {
			addr := NormalizeAddress(c.o.Address)
			if addr == "" {
				return nil
			}
			buffer, t := c.duration("buffer"), placedAt(c.o, c.f)
			var ids []string
			for _, r := range c.others() {
				if r.Status != StatusCancelled && sameBuyer(c.o, r) && NormalizeAddress(r.Address) == addr && within(placedAt(r, c.f), t, buffer) {
					ids = append(ids, r.PlatformOrderID)
				}
			}
			if len(ids) == 0 {
				return nil
			}
			return []Flag{c.flag("", joinOrderIDs(ids), FormatDuration(buffer))}
		})
}

// multipleAddresses alerts when the same buyer has other open (not shipped, not cancelled)
// orders to different addresses within the window: gifts are common, but so are reseller
// fraud and account takeover, and the team should see it before the parcels leave.
func multipleAddresses() Check {
	return define(CheckMultipleAddresses, SeverityAlert,
		[]Param{
			// A day: the span of one shopping session and one warehouse cycle.
			{Name: "window", Kind: KindDuration, Default: "24h"},
		},
		[]FlagKey{key(CheckMultipleAddresses, "", "addresses", "orders", "window")},
		func(c checkRun) []Flag {
			addr := NormalizeAddress(c.o.Address)
			if addr == "" {
				return nil
			}
			window, t := c.duration("window"), placedAt(c.o, c.f)
			var ids, addrs []string
			for _, r := range c.others() {
				if r.Status == StatusShipped || r.Status == StatusCancelled || !sameBuyer(c.o, r) || !within(placedAt(r, c.f), t, window) {
					continue
				}
				if ra := NormalizeAddress(r.Address); ra != "" && ra != addr {
					ids = append(ids, r.PlatformOrderID)
					if !slices.Contains(addrs, ra) {
						addrs = append(addrs, ra)
					}
				}
			}
			if len(ids) == 0 {
				return nil
			}
			return []Flag{c.flag("", strconv.Itoa(len(addrs)), joinOrderIDs(ids), FormatDuration(window))}
		})
}

// manyToOneAddress holds an order when more than max_orders orders (this one included, any
// buyer, any status: a cancelled order was still placed) went to one address within some
// window of the given length that contains this order: 惡意下單, coupon abuse and brushing
// (刷单) send many orders to one drop address.
//
// HOLD rather than ALERT: a malicious batch that ships cannot be taken back (goods, shipping
// and the coupon are gone), while an honest bulk buyer waits only minutes for a person to
// release the order; with the default of more than 5 in an hour honest cases are rare.
func manyToOneAddress() Check {
	return define(CheckManyToOneAddress, SeverityHold,
		[]Param{
			// A family or an office rarely places more than 5 separate orders with one store
			// within an hour; malicious batches place dozens.
			{Name: "max_orders", Kind: KindInt, Default: "5"},
			{Name: "window", Kind: KindDuration, Default: "1h"},
		},
		[]FlagKey{key(CheckManyToOneAddress, "", "count", "window", "max")},
		func(c checkRun) []Flag {
			addr := NormalizeAddress(c.o.Address)
			if addr == "" {
				return nil
			}
			window, t := c.duration("window"), placedAt(c.o, c.f)
			times := []time.Time{t}
			for _, r := range c.others() {
				if rt := placedAt(r, c.f); within(rt, t, window) && NormalizeAddress(r.Address) == addr {
					times = append(times, rt)
				}
			}
			// The busiest window of the given length that contains t: one starting at each
			// order placed up to a window before t.
			best := 0
			for _, start := range times {
				if start.After(t) || t.Sub(start) > window {
					continue
				}
				n := 0
				for _, x := range times {
					if !x.Before(start) && x.Sub(start) <= window {
						n++
					}
				}
				best = max(best, n)
			}
			if lim := c.int("max_orders"); best > lim {
				return []Flag{c.flag("", strconv.Itoa(best), FormatDuration(window), strconv.Itoa(lim))}
			}
			return nil
		})
}

// blacklisted holds an order whose buyer, phone or address is on the store's or the global
// blacklist (the service finds the entries; see Facts.Blacklisted), with the entry's reason.
func blacklisted() Check {
	return define(CheckBlacklisted, SeverityHold, nil,
		[]FlagKey{
			key(CheckBlacklisted, ".buyer", "buyer", "reason"),
			key(CheckBlacklisted, ".phone", "phone", "reason"),
			key(CheckBlacklisted, ".address", "reason"),
			key(CheckBlacklisted, "", "kind", "reason"),
		},
		func(c checkRun) []Flag {
			var out []Flag
			seen := map[string]bool{}
			for _, e := range c.f.Blacklisted {
				id := string(e.Kind) + "\x00" + e.Value
				if seen[id] {
					continue
				}
				seen[id] = true
				switch e.Kind {
				case BlacklistBuyer:
					out = append(out, c.flag(".buyer", e.Value, e.Reason))
				case BlacklistPhone:
					// Masked: the flag is shown in the team channel.
					out = append(out, c.flag(".phone", MaskPhone(e.Value), e.Reason))
				case BlacklistAddress:
					// The address is on the card already (masked as the card masks it).
					out = append(out, c.flag(".address", e.Reason))
				default:
					out = append(out, c.flag("", string(e.Kind), e.Reason))
				}
			}
			return out
		})
}
