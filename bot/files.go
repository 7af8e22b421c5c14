package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"storeops/domain"
)

// Files: what a handler needs to take a file a user shares with the bot (file_shared,
// files.info, the download with the bot token) and to send one (files.getUploadURLExternal,
// the upload, files.completeUploadExternal), plus short-lived per-user notes in Redis that
// tie a command to a file that follows it.

// SharedFile is a file a user shared where the bot can see it: in a DM with the bot or in a
// channel the bot is in.
type SharedFile struct {
	ID      string
	User    string
	Channel string
}

// DM reports whether the file was shared in a direct message with the bot.
func (f SharedFile) DM() bool { return strings.HasPrefix(f.Channel, "D") }

// SharedFile returns the file of a file_shared event. ok is false for any other event, and
// for the bot's own uploads (a template it sends raises the event too).
func (e Event) SharedFile() (SharedFile, bool) {
	fs, ok := e.Raw.InnerEvent.Data.(*slackevents.FileSharedEvent)
	if !ok || fs.FileID == "" || fs.UserID == "" {
		return SharedFile{}, false
	}
	if cb, ok := e.Raw.Data.(*slackevents.EventsAPICallbackEvent); ok {
		for _, a := range cb.Authorizations {
			if a.IsBot && a.UserID == fs.UserID {
				return SharedFile{}, false
			}
		}
	}
	return SharedFile{ID: fs.FileID, User: fs.UserID, Channel: fs.ChannelID}, true
}

// Request resolves the event's user like a command's: actor and roles, locale, time zone.
// The request's channel is the event's. On error the request still speaks the user's
// language, so that the refusal can be told.
func (e Event) Request(ctx context.Context) (*Request, error) {
	r, err := e.bot.newRequest(ctx, e.User)
	r.ChannelID = e.Channel
	if r.Actor.UserID == "" {
		r.Actor.UserID = e.User
	}
	return r, err
}

// ForUser is the event as seen from user in channel: events that carry them elsewhere than
// where Event looks (file_shared's user_id and channel_id) use it before Request or Reply.
func (e Event) ForUser(user, channel string) Event {
	e.User, e.Channel = user, channel
	return e
}

// LongContext is a context for work after the ack that may take longer than the usual
// bound (an import of thousands of orders); shutdown still cancels it.
func (e Event) LongContext(timeout time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(e.bot.workCtx, timeout)
}

// File is what files.info says of a file.
type File struct {
	ID       string
	Name     string
	Title    string
	Filetype string
	Size     int
	User     string
	url      string
	external bool
}

// FileInfo reads a file's details (files.info).
func (r *Request) FileInfo(ctx context.Context, fileID string) (File, error) {
	info, _, _, err := r.bot.api.GetFileInfoContext(ctx, fileID, 0, 0)
	if err != nil {
		return File{}, fmt.Errorf("files.info %s: %w", fileID, err)
	}
	f := File{ID: info.ID, Name: info.Name, Title: info.Title, Filetype: info.Filetype, Size: info.Size, User: info.User,
		url: info.URLPrivateDownload, external: info.IsExternal}
	if f.url == "" {
		f.url = info.URLPrivate
	}
	return f, nil
}

// DownloadFile reads a file's contents (url_private_download, with the bot token, through
// slack-go, which sends the token only to Slack's own hosts or the configured API host). A
// file larger than maxBytes is refused with the EINVALID error "file.too_large" before it is
// fetched, or while it is when Slack's size was wrong; a file kept outside Slack with
// "file.external".
func (r *Request) DownloadFile(ctx context.Context, f File, maxBytes int64) ([]byte, error) {
	tooLarge := domain.Errorf(domain.EINVALID, "file.too_large", f.Name, (maxBytes+(1<<20)-1)>>20)
	switch {
	case int64(f.Size) > maxBytes:
		return nil, tooLarge
	case f.external:
		return nil, domain.Errorf(domain.EINVALID, "file.external", f.Name)
	}
	w := &capped{max: maxBytes}
	if err := r.bot.api.GetFileContext(ctx, f.url, w); err != nil {
		if errors.Is(err, errCapped) {
			return nil, tooLarge
		}
		return nil, fmt.Errorf("download file %s: %w", f.ID, err)
	}
	return w.buf.Bytes(), nil
}

var errCapped = errors.New("file larger than allowed")

// capped is a buffer that refuses to grow past max bytes.
type capped struct {
	buf bytes.Buffer
	max int64
}

func (c *capped) Write(p []byte) (int, error) {
	if int64(c.buf.Len()+len(p)) > c.max {
		return 0, errCapped
	}
	return c.buf.Write(p)
}

// UploadFile sends a file to the request's channel (files.getUploadURLExternal, upload,
// files.completeUploadExternal), or to a DM with the user when the request has no channel
// or the bot cannot post in it.
func (r *Request) UploadFile(ctx context.Context, name, title, comment string, data []byte) error {
	params := slack.UploadFileParameters{Filename: name, Title: title, InitialComment: comment,
		FileSize: len(data), Reader: bytes.NewReader(data), Channel: r.ChannelID}
	if params.Channel != "" {
		_, err := r.bot.api.UploadFileContext(ctx, params)
		var se slack.SlackErrorResponse
		if err == nil || !errors.As(err, &se) || (se.Err != "not_in_channel" && se.Err != "channel_not_found") {
			if err != nil {
				return fmt.Errorf("upload %s to %s: %w", name, params.Channel, err)
			}
			return nil
		}
	}
	dm, _, _, err := r.bot.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{r.Actor.UserID}})
	if err != nil {
		return fmt.Errorf("open DM with %s: %w", r.Actor.UserID, err)
	}
	params.Channel, params.Reader = dm.ID, bytes.NewReader(data)
	if _, err := r.bot.api.UploadFileContext(ctx, params); err != nil {
		return fmt.Errorf("upload %s to %s: %w", name, dm.ID, err)
	}
	return nil
}

// DirectMessage tells the acting user something in their DM with the bot.
func (r *Request) DirectMessage(ctx context.Context, reply *Reply) error {
	return r.bot.notify(ctx, r.Actor.UserID, "", "", reply)
}

// StoreTZ is the stores' time zone (the configured one), for times written without a zone.
func (r *Request) StoreTZ() *time.Location { return r.bot.cfg.TZ }

// Remember keeps a value for the acting user under name for ttl, e.g. what a command
// announced that a later event of the same user completes. It is a convenience, not a
// record: losing it (Redis flushed) costs the user a repeated command.
func (r *Request) Remember(ctx context.Context, name, value string, ttl time.Duration) error {
	if err := r.bot.state.rdb.Set(ctx, r.bot.state.memoKey(r.Actor.UserID, name), value, ttl).Err(); err != nil {
		return fmt.Errorf("remember %s for %s: %w", name, r.Actor.UserID, err)
	}
	return nil
}

// Recall returns what Remember kept for the acting user under name, "" when nothing is
// kept or it expired.
func (r *Request) Recall(ctx context.Context, name string) (string, error) {
	v, err := r.bot.state.rdb.Get(ctx, r.bot.state.memoKey(r.Actor.UserID, name)).Result()
	switch {
	case errors.Is(err, redis.Nil):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("recall %s for %s: %w", name, r.Actor.UserID, err)
	}
	return v, nil
}

func (s *State) memoKey(user, name string) string { return s.prefix + "memo:" + user + ":" + name }
