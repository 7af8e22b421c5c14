package slackemu

import (
	"context"
	"slices"
)

// ShareFile is user uploading a file into channel (their DM with the bot when channel is
// ""), as Slack records it: a completed file owned by the user, which files.info describes
// and url_private_download serves to the bot token, and the user's message with the file in
// the channel. It returns the file's id. Slack then sends the bot a file_shared event:
// Workspace.ShareFile does both.
func (s *Slack) ShareFile(user, channel, name string, data []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if channel == "" {
		channel = s.dmLocked(user)
	}
	id := s.nextID("F")
	now := s.opts.Now()
	s.files[id] = &fileRec{File{
		ID: id, Name: name, Title: name, User: user, Size: len(data), Bytes: slices.Clone(data),
		Uploaded: true, Completed: true, Channels: []string{channel}, Created: now,
	}}
	s.fileOrder = append(s.fileOrder, id)
	m := &msgRec{channel: channel, ts: s.nextTS(), user: user, source: "files.share", files: []string{id}, posted: now}
	s.messages[channel] = append(s.messages[channel], m)
	s.record(ActMessagePosted, "", m, nil)
	return id
}

// ShareFile is user sharing a file in channel (their DM with the bot when channel is ""):
// the emulator records it (Slack.ShareFile) and the bot gets the file_shared event, with
// the user, channel and file ids Slack puts in it.
func (w *Workspace) ShareFile(ctx context.Context, user, channel, name string, data []byte) (string, *Reply, error) {
	u, err := w.user(user)
	if err != nil {
		return "", nil, err
	}
	if channel == "" {
		channel = w.emu.DMChannel(u.ID)
	}
	id := w.emu.ShareFile(u.ID, channel, name, data)
	reply, err := w.Event(ctx, "file_shared", map[string]any{
		"file_id": id, "user_id": u.ID, "channel_id": channel, "file": map[string]any{"id": id},
	})
	return id, reply, err
}
