package shell

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"storeops/bot/slackemu"
)

// errCancelled is the user typing :cancel inside a modal.
type errCancelled struct{}

func (errCancelled) Error() string { return "modal cancelled" }

// walk shows a modal and asks for its fields one by one, then submits it; on inline errors
// it asks again for the fields in error only. When the bot answers with another modal
// (update or push) that one is walked next.
func (s *session) walk(v slackemu.View) error {
	s.out.printf("+-- %s ", v.Title)
	s.out.println(strings.Repeat("-", max(3, 36-len(v.Title))))
	s.r.choices = nil
	s.indent(s.r.blocks(v.Blocks, v.Target(), true))
	if len(s.r.choices) > 0 {
		s.shown = s.r.choices
	}
	inputs := v.Inputs()
	if len(inputs) == 0 {
		hint := ":cancel to close it"
		if v.Submit != "" {
			hint = ":submit to press " + v.Submit + ", " + hint
		}
		s.out.printf("(%s)\n", hint)
		return nil
	}
	s.out.println("(Enter keeps the value shown, - clears it, :cancel closes the modal)")
	values := map[string]string{}
	err := s.askAll(inputs, values, nil)
	if errors.As(err, new(errCancelled)) {
		return s.closeModal()
	}
	if err != nil {
		return err
	}
	return s.submit(v, values)
}

// submit sends the modal and keeps asking for fields in error until the bot accepts them.
func (s *session) submit(v slackemu.View, values map[string]string) error {
	for {
		r, err := s.ws.Submit(s.ctx, s.user.ID, v.ID, values)
		if err != nil && r == nil {
			s.out.printf("Cannot submit: %v\n", err)
			return s.refresh()
		}
		s.reportDelivery("Submitting "+v.Title, r, err)
		if err != nil || r.Status != 0 && r.Status != 200 {
			s.out.println("(the modal stays open; :modal to try again)")
			return s.refresh()
		}
		if len(r.Errors) == 0 {
			return s.refresh()
		}
		var again []slackemu.Input
		for _, in := range v.Inputs() {
			if msg, ok := r.Errors[in.BlockID]; ok {
				s.out.printf("  ! %s: %s\n", in.Label, msg)
				again = append(again, in)
			}
		}
		// Messages the bot posted while checking still belong before the questions.
		if next := s.showNew(); next != nil && next.ID == v.ID && next.Hash != v.Hash {
			return s.walk(*next)
		}
		err = s.askAll(again, values, r.Errors)
		if errors.As(err, new(errCancelled)) {
			return s.closeModal()
		}
		if err != nil {
			return err
		}
	}
}

func (s *session) askAll(inputs []slackemu.Input, values, errs map[string]string) error {
	for _, in := range inputs {
		if err := s.ask(in, values, errs[in.BlockID]); err != nil {
			return err
		}
	}
	return nil
}

// ask reads one field; values holds what the user entered so far, by block_id.
func (s *session) ask(in slackemu.Input, values map[string]string, errMsg string) error {
	current, set := values[in.BlockID]
	if !set {
		current = in.Initial
	}
	label := in.Label
	if in.Optional {
		label += " (optional)"
	}
	s.out.println("  " + label)
	if in.Hint != "" {
		s.out.println("    hint: " + in.Hint)
	}
	if errMsg != "" {
		s.out.println("    ! " + errMsg)
	}
	if len(in.Options) > 0 {
		s.out.println("    " + optionList(in.Options))
	}
	if in.Multiline {
		s.out.println(`    (one line; type \n for a line break)`)
	}
	for {
		line, err := s.prompt(fmt.Sprintf("  %s [%s]> ", in.Label, display(in, current)))
		if err != nil {
			return err
		}
		line = strings.TrimSpace(line)
		switch {
		case line == ":cancel":
			return errCancelled{}
		case line == "":
			return nil
		case line == "-":
			values[in.BlockID] = ""
			return nil
		}
		if len(in.Options) > 0 {
			v, ok := pickOptions(in, line)
			if !ok {
				s.out.println("    not an option; use a number or a value from the list")
				continue
			}
			values[in.BlockID] = v
			return nil
		}
		if in.Multiline {
			line = strings.ReplaceAll(line, `\n`, "\n")
		}
		values[in.BlockID] = line
		return nil
	}
}

// display shows a value as the user knows it: option texts rather than values.
func display(in slackemu.Input, v string) string {
	if len(in.Options) == 0 {
		return strings.ReplaceAll(v, "\n", `\n`)
	}
	var parts []string
	for _, p := range strings.Split(v, ",") {
		if p == "" {
			continue
		}
		if o, ok := slackemu.FindOption(in.Options, p); ok {
			parts = append(parts, o.Text)
		} else {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

func optionList(opts []slackemu.Option) string {
	var parts []string
	for i, o := range opts {
		parts = append(parts, fmt.Sprintf("%d) %s", i+1, o.Text))
	}
	return strings.Join(parts, "  ")
}

// pickOption accepts an option's number, value or text.
func pickOption(opts []slackemu.Option, choice string) (string, bool) {
	if n, err := strconv.Atoi(choice); err == nil && n >= 1 && n <= len(opts) {
		return opts[n-1].Value, true
	}
	o, ok := slackemu.FindOption(opts, choice)
	return o.Value, ok
}

// pickOptions accepts one choice, or several separated by commas for multi-selects and
// checkboxes.
func pickOptions(in slackemu.Input, line string) (string, bool) {
	multi := strings.HasPrefix(in.Type, "multi_") || in.Type == "checkboxes"
	if !multi {
		return pickOption(in.Options, line)
	}
	var vals []string
	for _, p := range strings.Split(line, ",") {
		v, ok := pickOption(in.Options, strings.TrimSpace(p))
		if !ok {
			return "", false
		}
		vals = append(vals, v)
	}
	return strings.Join(vals, ","), true
}
