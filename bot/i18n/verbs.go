package i18n

import "strings"

// argRefs lists the argument numbers (1-based, in order of use) that the verbs of a fmt
// template consume, following fmt's rules: each verb takes the next argument, and an explicit
// index [n] moves the position to n. The two locales of a key must agree on this set, and T
// uses its maximum to fit the args it is given.
func argRefs(tmpl string) []int {
	var refs []int
	next := 0 // 0-based index of the argument the next verb takes
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '%' {
			continue
		}
		i++
		if i >= len(tmpl) {
			break
		}
		if tmpl[i] == '%' {
			continue
		}
		for i < len(tmpl) && strings.IndexByte("+-# 0", tmpl[i]) >= 0 {
			i++
		}
		next = readIndex(tmpl, &i, next)
		if i < len(tmpl) && tmpl[i] == '*' {
			refs = append(refs, next+1)
			next++
			i++
		}
		skipDigits(tmpl, &i)
		if i < len(tmpl) && tmpl[i] == '.' {
			i++
			next = readIndex(tmpl, &i, next)
			if i < len(tmpl) && tmpl[i] == '*' {
				refs = append(refs, next+1)
				next++
				i++
			}
			skipDigits(tmpl, &i)
		}
		next = readIndex(tmpl, &i, next)
		if i < len(tmpl) {
			refs = append(refs, next+1)
			next++
		}
	}
	return refs
}

// argCount is how many arguments a template needs: the highest argument it refers to.
func argCount(tmpl string) int {
	n := 0
	for _, r := range argRefs(tmpl) {
		n = max(n, r)
	}
	return n
}

// readIndex reads an explicit argument index "[n]" at *i, returning the new 0-based position,
// or next unchanged when there is none.
func readIndex(s string, i *int, next int) int {
	if *i >= len(s) || s[*i] != '[' {
		return next
	}
	end := strings.IndexByte(s[*i:], ']')
	if end < 0 {
		return next
	}
	n := 0
	for _, c := range s[*i+1 : *i+end] {
		if c < '0' || c > '9' {
			return next
		}
		n = n*10 + int(c-'0')
	}
	*i += end + 1
	if n < 1 {
		return next
	}
	return n - 1
}

func skipDigits(s string, i *int) {
	for *i < len(s) && s[*i] >= '0' && s[*i] <= '9' {
		*i++
	}
}
