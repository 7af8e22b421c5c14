package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"time"

	"storeops/bot/slackemu"
)

// Paths of the Slack endpoints of `storeops serve`.
const (
	commandPath     = "/slack/commands"
	interactionPath = "/slack/interactions"
)

// workspace is what a payload says about the Slack workspace it comes from.
type workspace struct {
	TeamID     string
	TeamDomain string
	AppID      string
}

func workspaceOf(o slackemu.Options) workspace {
	return workspace{TeamID: o.TeamID, TeamDomain: o.TeamDomain, AppID: o.AppID}
}

// commandBody is the form Slack posts for a slash command, field for field as slackemu's
// Workspace.Command builds it.
func commandBody(ws workspace, u slackemu.User, channelID, channelName, text, responseURL string) []byte {
	form := url.Values{
		"token":                 {""},
		"team_id":               {ws.TeamID},
		"team_domain":           {ws.TeamDomain},
		"channel_id":            {channelID},
		"channel_name":          {channelName},
		"user_id":               {u.ID},
		"user_name":             {u.Name},
		"command":               {"/ops"},
		"text":                  {text},
		"api_app_id":            {ws.AppID},
		"is_enterprise_install": {"false"},
		"response_url":          {responseURL},
		"trigger_id":            {triggerID()},
	}
	return []byte(form.Encode())
}

// approveClickBody is the block_actions payload of user pressing the Approve button b of the
// channel message m, shaped as Slack (and slackemu's Workspace.Click) shapes it: the whole
// message comes along, as it does from Slack.
func approveClickBody(ws workspace, u slackemu.User, channelName string, m slackemu.Message, b slackemu.Button, responseURL string) []byte {
	now := time.Now()
	payload := map[string]any{
		"type":       "block_actions",
		"team":       map[string]any{"id": ws.TeamID, "domain": ws.TeamDomain},
		"user":       map[string]any{"id": u.ID, "username": u.Name, "name": u.Name, "team_id": ws.TeamID},
		"api_app_id": ws.AppID,
		"token":      "",
		"container": map[string]any{
			"type": "message", "message_ts": m.TS, "channel_id": m.Channel, "is_ephemeral": false,
		},
		"trigger_id": triggerID(),
		"channel":    map[string]any{"id": m.Channel, "name": channelName},
		"message": map[string]any{
			"type": "message", "text": m.Text, "ts": m.TS, "user": m.User, "bot_id": m.BotID,
			"app_id": ws.AppID, "team": ws.TeamID, "blocks": json.RawMessage(m.Blocks),
		},
		"state":        map[string]any{"values": map[string]any{}},
		"response_url": responseURL,
		"actions": []any{map[string]any{
			"action_id": b.ActionID, "block_id": b.BlockID, "type": "button", "value": b.Value,
			"style": b.Style, "text": map[string]any{"type": "plain_text", "text": b.Text, "emoji": true},
			"action_ts": fmt.Sprintf("%d.%06d", now.Unix(), now.Nanosecond()/1000),
		}},
		"enterprise":            nil,
		"is_enterprise_install": false,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as Slack sends <@U…> mentions
	if err := enc.Encode(payload); err != nil {
		panic(fmt.Sprintf("bench: encode click payload: %v", err)) // plain values only
	}
	form := url.Values{"payload": {string(bytes.TrimSpace(buf.Bytes()))}}
	return []byte(form.Encode())
}

// triggerID looks like Slack's trigger ids; the commands and buttons under load never
// exchange it.
func triggerID() string {
	return fmt.Sprintf("%d.%d.%s", time.Now().UnixMicro()%1e10, 47445629121, randomHex(16))
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
