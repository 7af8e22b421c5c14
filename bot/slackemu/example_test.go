package slackemu_test

import (
	"fmt"

	"github.com/slack-go/slack"

	"storeops/bot/slackemu"
)

// The bot talks to the emulator through the real slack-go client; the test reads what a
// user would see.
func Example() {
	emu := slackemu.New(slackemu.Options{BotToken: "xoxb-test", SigningSecret: "secret"})
	apiURL, err := emu.Start()
	if err != nil {
		panic(err)
	}
	defer emu.Close()
	emu.AddUser(slackemu.User{ID: "U0BOB", Name: "bob", Locale: "zh-CN", TZ: "Asia/Shanghai"})

	api := slack.New("xoxb-test", slack.OptionAPIURL(apiURL))
	if _, _, err := api.PostMessage("U0BOB", slack.MsgOptionText("1 approval is waiting", false),
		slack.MsgOptionBlocks(slack.NewActionBlock("", slack.NewButtonBlockElement("approval.open", "req-1",
			slack.NewTextBlockObject(slack.PlainTextType, "Open", false, false))))); err != nil {
		panic(err)
	}

	for _, m := range emu.Messages(emu.DMChannel("U0BOB")) {
		fmt.Println(m.Text, m.Buttons()[0].Text, m.Buttons()[0].ActionID)
	}
	// Output: 1 approval is waiting Open approval.open
}
