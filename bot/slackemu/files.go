package slackemu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

func (s *Slack) filesGetUploadURL(p params, r *http.Request) (map[string]any, *apiError) {
	name := p.str("filename")
	length, err := strconv.Atoi(p.str("length"))
	if name == "" || err != nil || length <= 0 {
		return nil, errCode("invalid_arguments", "[ERROR] filename and a positive length are required")
	}
	id := s.nextID("F")
	s.files[id] = &fileRec{File{
		ID: id, Name: name, Title: name, AltText: p.str("alt_txt"), User: s.opts.BotUserID,
		Size: length, Created: s.opts.Now(),
	}}
	s.fileOrder = append(s.fileOrder, id)
	// slack-go sends the token only to a URL on the API's own scheme and host.
	return map[string]any{"upload_url": s.publicBase(r) + "/upload/" + id, "file_id": id}, nil
}

// publicBase is the base URL the bot reached the emulator on; callers hold s.mu.
func (s *Slack) publicBase(r *http.Request) string {
	if s.baseURL != "" {
		return s.baseURL
	}
	return "http://" + r.Host
}

func (s *Slack) filesComplete(p params) (map[string]any, *apiError) {
	var list []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal(p.raw("files"), &list); err != nil || len(list) == 0 {
		return nil, errCode("invalid_arguments", "[ERROR] files must be a non-empty JSON array")
	}
	for _, f := range list {
		rec, ok := s.files[f.ID]
		if !ok || !rec.Uploaded {
			return nil, errCode("file_not_found")
		}
	}
	var chans []string
	if ch := p.str("channel_id"); ch != "" {
		chans = append(chans, ch)
	}
	for _, ch := range strings.Split(p.str("channels"), ",") {
		if ch = strings.TrimSpace(ch); ch != "" {
			chans = append(chans, ch)
		}
	}
	for i, ch := range chans {
		id, aerr := s.resolveChannel(ch)
		if aerr != nil {
			return nil, aerr
		}
		chans[i] = id
	}
	blocks, aerr := s.prepareBlocks(p.raw("blocks"), 50, "invalid_blocks")
	if aerr != nil {
		return nil, aerr
	}
	var ids []string
	var out []any
	for _, f := range list {
		rec := s.files[f.ID]
		if f.Title != "" {
			rec.Title = f.Title
		}
		rec.Completed = true
		rec.Channels = append(rec.Channels, chans...)
		rec.ThreadTS = p.str("thread_ts")
		rec.InitialComment = p.str("initial_comment")
		ids = append(ids, rec.ID)
		out = append(out, map[string]any{"id": rec.ID, "title": rec.Title})
	}
	for _, ch := range chans {
		s.postLocked(ch, p.str("thread_ts"), p.str("initial_comment"), blocks, "files.completeUploadExternal", ids)
	}
	return map[string]any{"files": out}, nil
}

func (s *Slack) filesInfo(p params) (map[string]any, *apiError) {
	rec, ok := s.files[p.str("file")]
	if !ok || !rec.Completed {
		return nil, errCode("file_not_found")
	}
	return map[string]any{
		"file":     s.fileJSON(rec),
		"comments": []any{},
		"paging":   map[string]any{"count": 100, "total": 0, "page": 1, "pages": 1},
	}, nil
}

func (s *Slack) fileJSON(f *fileRec) map[string]any {
	ext := strings.TrimPrefix(path.Ext(f.Name), ".")
	mt := mime.TypeByExtension(path.Ext(f.Name))
	if mt == "" {
		mt = "application/octet-stream"
	}
	priv := s.baseURL + "/files/" + f.ID + "/" + url.PathEscape(f.Name)
	return map[string]any{
		"id": f.ID, "created": f.Created.Unix(), "timestamp": f.Created.Unix(),
		"name": f.Name, "title": f.Title, "mimetype": mt, "filetype": ext,
		"pretty_type": strings.ToUpper(ext), "user": f.User, "user_team": s.opts.TeamID,
		"alt_txt": f.AltText, "mode": "hosted", "editable": false, "is_external": false,
		"external_type": "", "size": len(f.Bytes), "url_private": priv,
		"url_private_download": priv + "?download=1", "is_public": false,
		"public_url_shared": false, "channels": f.Channels, "groups": []string{},
	}
}

func (s *Slack) serveUpload(w http.ResponseWriter, r *http.Request) {
	s.beginActivity()
	defer s.endActivity()
	id := r.PathValue("id")
	call := Call{Method: UploadMethod, Params: url.Values{"file_id": {id}}, Time: time.Now()}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if f, ok := s.takeFault(UploadMethod); ok {
		s.answerFault(w, f, &call)
		s.addCall(call)
		return
	}
	if err == nil {
		body, err = uploadedBytes(r.Header.Get("Content-Type"), body)
	}
	status, answer := http.StatusOK, ""
	s.mu.Lock()
	rec, ok := s.files[id]
	switch {
	case err != nil:
		status, answer = http.StatusBadRequest, "invalid upload: "+err.Error()
	case !ok:
		status, answer = http.StatusNotFound, "file not found"
	default:
		rec.Bytes = body
		rec.Uploaded = true
		answer = fmt.Sprintf("OK - %d", len(body))
		s.touch()
	}
	s.mu.Unlock()
	call.Status = status
	if status != http.StatusOK {
		call.Error = answer
	}
	call.Response = []byte(answer)
	s.addCall(call)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, answer)
}

// uploadedBytes takes the file out of a multipart form (what slack-go sends) or uses the
// raw body (what curl --data-binary sends); Slack accepts both.
func uploadedBytes(contentType string, body []byte) ([]byte, error) {
	mt, ps, err := mime.ParseMediaType(contentType)
	if err != nil || !strings.HasPrefix(mt, "multipart/") {
		return body, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), ps["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, fmt.Errorf("no file part in multipart body")
		}
		if err != nil {
			return nil, fmt.Errorf("read multipart body: %w", err)
		}
		if part.FormName() == "file" {
			b, err := io.ReadAll(part)
			if err != nil {
				return nil, fmt.Errorf("read file part: %w", err)
			}
			return b, nil
		}
	}
}

func (s *Slack) serveDownload(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r, params{}) {
		http.Error(w, "not authorized", http.StatusForbidden)
		return
	}
	s.mu.Lock()
	rec, ok := s.files[r.PathValue("id")]
	var data []byte
	if ok {
		data = bytes.Clone(rec.Bytes)
	}
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}
