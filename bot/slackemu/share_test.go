package slackemu

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func TestShareFile(t *testing.T) {
	emu, apiURL := startEmu(t, Options{})
	bot, botURL := newTinyBot(t, apiURL)
	ws := emu.Workspace(botURL)
	ctx := context.Background()
	bot.onEvent = func(map[string]any, http.ResponseWriter) {}
	content := "订单号,商品编码,数量\n1,MUG-1,2\n"

	id, reply, err := ws.ShareFile(ctx, "alice", "", "orders.csv", []byte(content))
	if err != nil || reply.Status != http.StatusOK {
		t.Fatalf("share: %+v %v", reply, err)
	}
	dm := emu.DMChannel("U0ALICE")
	// The event is what Slack sends: the user, the channel and the file ids.
	bot.mu.Lock()
	ev := bot.events[len(bot.events)-1]
	bot.mu.Unlock()
	inner := ev["event"].(map[string]any)
	if inner["type"] != "file_shared" || inner["file_id"] != id || inner["user_id"] != "U0ALICE" || inner["channel_id"] != dm ||
		inner["file"].(map[string]any)["id"] != id {
		t.Fatalf("event = %v", inner)
	}
	// The user's message with the file is in the DM.
	msgs := emu.Messages(dm)
	if len(msgs) != 1 || msgs[0].User != "U0ALICE" || len(msgs[0].Files) != 1 || msgs[0].Files[0] != id || msgs[0].BotID != "" {
		t.Fatalf("DM = %+v", msgs)
	}
	// The bot reads it like any file: files.info, then the download with its token.
	api := client(apiURL)
	info, _, _, err := api.GetFileInfo(id, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "orders.csv" || info.User != "U0ALICE" || info.Size != len(content) || info.Filetype != "csv" {
		t.Fatalf("files.info = %+v", info)
	}
	var sb strings.Builder
	if err := api.GetFile(info.URLPrivateDownload, &sb); err != nil || sb.String() != content {
		t.Fatalf("download = %q, %v", sb.String(), err)
	}
	// Without the bot token, nothing.
	if err := slack.New("xoxb-wrong", slack.OptionAPIURL(apiURL)).GetFile(info.URLPrivateDownload, &sb); err == nil {
		t.Fatal("downloaded with a wrong token")
	}

	// In a channel, the file is shared there.
	id2 := emu.ShareFile("U0BOB", "C0TEAM", "stock.xlsx", []byte("PK"))
	files := emu.Files()
	if len(files) != 2 || files[1].ID != id2 || files[1].Channels[0] != "C0TEAM" || files[1].User != "U0BOB" || !files[1].Completed {
		t.Fatalf("files = %+v", files)
	}
	if _, _, err := ws.ShareFile(ctx, "nobody", "", "x.csv", nil); err == nil {
		t.Fatal("an unknown user shared a file")
	}
}
